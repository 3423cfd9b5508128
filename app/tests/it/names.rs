//! People's names in any script: combining marks and joiners kept exactly; characters that
//! change the direction of the text around them refused when typed, and, in names stored before
//! that rule, isolated on pages and dropped from CSV and XLSX files.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use app::server::entities::{agency, person};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// "Nguyễn Thị Ánh" with its marks written as combining characters (as some keyboards type it),
/// and an Arabic name with a zero-width joiner.
const MARKS: &str = "Nguye\u{0302}\u{0303}n Thi\u{0323} A\u{0301}nh";
const JOINER: &str = "عبد\u{200D}الله الحسيني";
/// A name that would reverse the text after it ("Amal" then "exe.pdf" shown as "fdp.exe").
const OVERRIDE: &str = "Amal \u{202E}fdp.exe";

fn person_fields<'a>(login: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("input[login]", login),
        ("input[display_name]", name),
        ("input[email]", ""),
        ("input[agency]", "1"),
        ("input[position]", ""),
        ("input[language]", "ar"),
        ("input[role_trainee]", "on"),
        ("input[password]", "first-password-1"),
    ]
}

#[tokio::test]
async fn names_keep_their_marks_and_joiners_and_cannot_reverse_the_text_around_them() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;

    // Typed: marks and joiners kept byte for byte and shown isolated.
    for (login, name) in [("n.anh", MARKS), ("a.husseini", JOINER)] {
        let res = admin
            .post_form(
                "/api/people/create",
                "/admin/people/new",
                &person_fields(login, name),
            )
            .await;
        assert!(
            location(&res).starts_with("/admin/people/"),
            "{name}: {}",
            location(&res)
        );
        let stored = person::Entity::find()
            .filter(person::Column::Login.eq(login))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.display_name, name, "kept exactly");
        let page = admin
            .page(&format!("/admin/people?q={login}"), StatusCode::OK)
            .await;
        assert!(page.contains(&format!("<bdi>{name}</bdi>")), "{page}");
    }

    // Typed with a right-to-left override: refused with its reason, nothing written.
    let before = count(&app.db, "people").await;
    let res = admin
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &person_fields("a.spoof", OVERRIDE),
        )
        .await;
    assert_eq!(
        location(&res),
        "/admin/people/new?error=ErrDirectionControl&field=display_name"
    );
    assert_eq!(count(&app.db, "people").await, before);
    let page = admin.page(&location(&res), StatusCode::OK).await;
    assert!(
        page.contains("change the direction of the text"),
        "the reason is shown"
    );

    // Stored before the rule (or by another tool): isolated on the page, so the override ends
    // with the name.
    let mut spoof: person::ActiveModel = person::Entity::find()
        .filter(person::Column::Login.eq("n.anh"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    spoof.display_name = Set(OVERRIDE.to_owned());
    spoof.update(&app.db).await.unwrap();
    let page = admin.page("/admin/people?q=n.anh", StatusCode::OK).await;
    assert!(page.contains(&format!("<bdi>{OVERRIDE}</bdi>")), "{page}");

    // In a table downloaded as CSV or XLSX, the override is dropped and the rest kept.
    let first = agency::Entity::find().one(&app.db).await.unwrap().unwrap();
    let name = format!("{} \u{202E}9999 \u{2066}x\u{2069}", first.name);
    let mut renamed: agency::ActiveModel = first.clone().into();
    renamed.name = Set(name.clone());
    renamed.update(&app.db).await.unwrap();
    let expected = format!("{} 9999 x", first.name);
    let csv = admin
        .get("/progress/export/agencies.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains(&expected), "{csv}");
    assert!(!csv.contains(['\u{202E}', '\u{2066}', '\u{2069}']), "{csv}");
    let xlsx = admin
        .get("/progress/export/agencies.xlsx")
        .await
        .bytes()
        .await
        .unwrap();
    let rows = content::xlsx::read_first_sheet(&xlsx, 1000).unwrap();
    let cells: Vec<String> = rows.iter().flat_map(|r| r.to_vec()).collect();
    assert!(cells.contains(&expected), "{cells:?}");
    assert!(cells.iter().all(|c| !c.contains('\u{202E}')));
}
