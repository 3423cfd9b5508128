//! Bulk CSV import of people: all rows or none, every problem listed.

use crate::helpers::{Client, TestApp, count};
use app::model::Role;
use reqwest::StatusCode;

const HEADER: &str = "login,display_name,email,agency,position,roles,language\n";

async fn upload(c: &Client, app: &TestApp, bytes: Vec<u8>) -> (StatusCode, String) {
    let token = c.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes)
                .file_name("people.csv")
                .mime_str("text/csv")
                .unwrap(),
        );
    let res = c
        .http
        .post(app.url("/admin/people/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.text().await.unwrap())
}

#[tokio::test]
async fn a_valid_file_imports_everyone_with_temporary_passwords() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    let csv = format!(
        "{HEADER}ana.silva,Ana Silva,ana.silva@example.org,Utopia Immigration Service,Front-line immigration officer,trainee,en\n\
         \"k.mensah\",\"Mensah, Kofi\",,2,Border guard,trainee;trainer,fr\n"
    );
    let before = count(&app.db, "people").await;
    let (status, page) = upload(&c, &app, csv.into_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("People imported"));
    assert_eq!(count(&app.db, "people").await, before + 2);
    // The temporary password shown works, once changed.
    let start = page.find("<td><code>ana.silva</code></td>").unwrap();
    let row = &page[start..];
    let pw_start = row.find("</td><td><code>").unwrap() + "</td><td><code>".len();
    let password = &row[pw_start..pw_start + 16];
    let person = app.client();
    assert_eq!(
        crate::helpers::location(&person.login("ana.silva", password).await),
        "/"
    );
}

async fn rejected(bytes: Vec<u8>) -> (String, i64, i64) {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    let before = count(&app.db, "people").await;
    let (status, page) = upload(&c, &app, bytes).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("Nothing was imported"));
    (page, before, count(&app.db, "people").await)
}

#[tokio::test]
async fn wrong_columns_import_nothing() {
    let (page, before, after) = rejected(b"name,email\nAna,ana@example.org\n".to_vec()).await;
    assert!(page.contains("The header line must be"));
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_file_that_is_not_utf8_imports_nothing() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"jose,Jos\xe9 Garc\xeda,,,,trainee,en\n"); // Latin-1
    let (page, before, after) = rejected(bytes).await;
    assert!(page.contains("not UTF-8"));
    assert!(page.contains("<td class=\"num\">2</td>"), "names the line");
    assert_eq!(before, after);
}

#[tokio::test]
async fn duplicate_unknown_and_invalid_rows_are_all_listed_and_nothing_is_imported() {
    let csv = format!(
        "{HEADER}good.one,Good One,,,,trainee,en\n\
         dup,First,,,,trainee,en\n\
         dup,Second,,,,trainee,en\n\
         admin,Existing Login,,,,trainee,en\n\
         x.agency,Unknown Agency,,Ministry of Magic,,trainee,en\n\
         x.role,Bad Role,bad-email,,,pilot,xx\n\
         short,Too,Many,Columns,Here,trainee,en,extra\n"
    );
    let (page, before, after) = rejected(csv.into_bytes()).await;
    assert_eq!(before, after, "the valid row was not imported either");
    for expected in [
        "This login appears more than once in the file.",
        "This login is already used.",
        "Unknown agency.",
        "Unknown role.",
        "This is not a valid email address.",
        "Unknown language",
        "This line is not valid CSV",
    ] {
        assert!(page.contains(expected), "missing: {expected}");
    }
}

#[tokio::test]
async fn only_admins_may_import_and_the_csrf_token_is_required() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let (status, _) = upload(&trainer, &app, HEADER.as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = app.login_as(Role::Admin).await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(format!("{HEADER}a.b,A B,,,,trainee,en\n").into_bytes()),
    );
    let res = admin
        .http
        .post(app.url("/admin/people/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
