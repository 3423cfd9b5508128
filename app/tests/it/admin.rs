//! Administration: agencies, positions, people.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;

fn agency_fields<'a>(name: &'a str, country: &'a str, kind: &'a str) -> [(&'a str, &'a str); 3] {
    [
        ("input[name]", name),
        ("input[country]", country),
        ("input[kind]", kind),
    ]
}

#[tokio::test]
async fn admins_create_edit_and_deactivate_agencies() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    let res = c
        .post_form(
            "/api/agencies/create",
            "/admin/agencies",
            &agency_fields(
                "Direction de la Police aux Frontières",
                "FRA",
                "border_police",
            ),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page_url = location(&res);
    assert!(
        page_url.starts_with("/admin/agencies/") && page_url.ends_with("?notice=Saved"),
        "{page_url}"
    );
    let id = page_url
        .trim_start_matches("/admin/agencies/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let page = c.page(&page_url, StatusCode::OK).await;
    assert!(page.contains("Direction de la Police aux Frontières") && page.contains("Saved."));

    // The same name in the same country is refused, next to the name field.
    let res = c
        .post_form(
            "/api/agencies/create",
            "/admin/agencies",
            &agency_fields("Direction de la Police aux Frontières", "FRA", "other"),
        )
        .await;
    assert_eq!(
        location(&res),
        "/admin/agencies?error=ErrAgencyTaken&field=name"
    );
    // Unknown country and kind.
    let res = c
        .post_form(
            "/api/agencies/create",
            "/admin/agencies",
            &agency_fields("X", "XXX", "customs"),
        )
        .await;
    assert_eq!(
        location(&res),
        "/admin/agencies?error=ErrUnknownCountry&field=country"
    );
    let res = c
        .post_form(
            "/api/agencies/create",
            "/admin/agencies",
            &agency_fields("X", "FRA", "navy"),
        )
        .await;
    assert_eq!(
        location(&res),
        "/admin/agencies?error=ErrUnknownKind&field=kind"
    );
    let res = c
        .post_form(
            "/api/agencies/create",
            "/admin/agencies",
            &agency_fields("  ", "FRA", "customs"),
        )
        .await;
    assert_eq!(
        location(&res),
        "/admin/agencies?error=ErrRequired&field=name"
    );

    // Edit.
    let from = format!("/admin/agencies/{id}");
    let mut fields = vec![("id", id.as_str())];
    fields.extend(agency_fields("DCPAF", "FRA", "border_police"));
    let res = c.post_form("/api/agencies/update", &from, &fields).await;
    assert_eq!(location(&res), format!("/admin/agencies/{id}?notice=Saved"));
    assert!(c.page(&from, StatusCode::OK).await.contains("DCPAF"));

    // Positions.
    let res = c
        .post_form(
            "/api/agencies/positions/add",
            &from,
            &[("agency_id", &id), ("title", "Document examiner")],
        )
        .await;
    assert_eq!(location(&res), format!("/admin/agencies/{id}?notice=Saved"));
    let res = c
        .post_form(
            "/api/agencies/positions/add",
            &from,
            &[("agency_id", &id), ("title", "Document examiner")],
        )
        .await;
    assert_eq!(
        location(&res),
        format!("/admin/agencies/{id}?error=ErrPositionTaken&field=title")
    );
    assert!(
        c.page(&from, StatusCode::OK)
            .await
            .contains("Document examiner")
    );

    // Deactivate: it stays listed, marked inactive, and leaves the person form.
    c.post_form(
        "/api/agencies/active",
        &from,
        &[("id", &id), ("active", "false")],
    )
    .await;
    assert!(c.page(&from, StatusCode::OK).await.contains("Inactive"));
    assert!(
        !c.page("/admin/people/new", StatusCode::OK)
            .await
            .contains("DCPAF")
    );

    // A missing agency is a 404 page.
    c.page("/admin/agencies/999999", StatusCode::NOT_FOUND)
        .await;
    c.page("/admin/agencies/not-a-number", StatusCode::NOT_FOUND)
        .await;
}

fn person_fields<'a>(
    login: &'a str,
    name: &'a str,
    agency: &'a str,
    position: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("input[login]", login),
        ("input[display_name]", name),
        ("input[email]", ""),
        ("input[agency]", agency),
        ("input[position]", position),
        ("input[language]", "fr"),
        ("input[role_trainee]", "on"),
        ("input[password]", "first-password-1"),
    ]
}

#[tokio::test]
async fn admins_create_people_who_then_sign_in_and_must_change_their_password() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    let res = c
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &person_fields("m.ndiaye", "Mariama Ndiaye", "1", ""),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/admin/people/"));
    // Duplicate login, case-insensitively.
    let res = c
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &person_fields("M.Ndiaye", "Someone Else", "", ""),
        )
        .await;
    assert_eq!(
        location(&res),
        "/admin/people/new?error=ErrLoginTaken&field=login"
    );
    // A position of another agency.
    let res = c
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &person_fields("x.y", "X Y", "2", "1"),
        )
        .await;
    assert_eq!(
        location(&res),
        "/admin/people/new?error=ErrUnknownPosition&field=position"
    );
    // No role.
    let mut no_role = person_fields("no.role", "No Role", "", "");
    no_role.retain(|(k, _)| *k != "input[role_trainee]");
    let res = c
        .post_form("/api/people/create", "/admin/people/new", &no_role)
        .await;
    assert_eq!(
        location(&res),
        "/admin/people/new?error=ErrRoleRequired&field=roles"
    );

    let person = app.client();
    let res = person.login("m.ndiaye", "first-password-1").await;
    assert_eq!(location(&res), "/");
    // Must change the password first, in their language.
    let res = person.get("/").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(location(&res), "/account?notice=MustChangePassword");
    let page = person
        .page("/account?notice=MustChangePassword", StatusCode::OK)
        .await;
    assert!(page.contains("Veuillez choisir un nouveau mot de passe"));
    person
        .post_form(
            "/api/account/password",
            "/account",
            &[
                ("current", "first-password-1"),
                ("new", "my-own-password-9"),
                ("confirm", "my-own-password-9"),
            ],
        )
        .await;
    assert!(
        person
            .page("/", StatusCode::OK)
            .await
            .contains("Mariama Ndiaye")
    );
}

#[tokio::test]
async fn deactivated_people_are_signed_out_and_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let trainee = app.login_as(Role::Trainee).await;
    assert_eq!(trainee.get("/").await.status(), StatusCode::OK);
    let res = admin
        .post_form(
            "/api/people/active",
            "/admin/people/4",
            &[("id", "4"), ("active", "false")],
        )
        .await;
    assert_eq!(location(&res), "/admin/people/4?notice=Saved");
    assert_eq!(trainee.get("/").await.status(), StatusCode::FOUND);
    assert_eq!(
        location(&app.client().login("trainee", "trainee-demo-2026").await),
        "/login?error=ErrBadCredentials&field=login"
    );
    // Nobody deactivates or demotes themselves.
    let res = admin
        .post_form(
            "/api/people/active",
            "/admin/people/1",
            &[("id", "1"), ("active", "false")],
        )
        .await;
    assert_eq!(
        location(&res),
        "/admin/people/1?error=ErrSelfDeactivate&field=active"
    );
}

#[tokio::test]
async fn admins_reset_passwords_and_edit_roles() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let res = admin
        .post_form(
            "/api/people/password",
            "/admin/people/2",
            &[("id", "2"), ("password", "short")],
        )
        .await;
    assert_eq!(
        location(&res),
        "/admin/people/2?error=ErrPasswordShort&field=password"
    );
    let res = admin
        .post_form(
            "/api/people/password",
            "/admin/people/2",
            &[("id", "2"), ("password", "reset-password-22")],
        )
        .await;
    assert_eq!(location(&res), "/admin/people/2?notice=PasswordReset");
    let trainer = app.client();
    assert_eq!(
        location(&trainer.login("trainer", "reset-password-22").await),
        "/"
    );
    assert_eq!(
        location(&trainer.get("/").await),
        "/account?notice=MustChangePassword"
    );

    let mut fields = vec![("id", "3")];
    fields.extend([
        ("input[display_name]", "Lucía Moreno"),
        ("input[email]", "lucia.moreno@example.org"),
        ("input[agency]", ""),
        ("input[position]", ""),
        ("input[language]", "en"),
        ("input[role_assessor]", "on"),
        ("input[role_trainer]", "on"),
        ("input[role_analyst]", "on"),
    ]);
    let res = admin
        .post_form("/api/people/update", "/admin/people/3", &fields)
        .await;
    assert_eq!(location(&res), "/admin/people/3?notice=Saved");
    let page = admin.page("/admin/people", StatusCode::OK).await;
    assert!(page.contains("Trainer, Assessor, Needs analyst"));
    assert_eq!(count(&app.db, "person_roles").await, 9);
}
