//! Signing in, each role's navigation, administering people and agencies, the language switch
//! and the hydrated people list.

use super::*;

#[tokio::test]
async fn each_demo_role_signs_in_and_sees_its_navigation() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    for demo in &app::server::services::demo::LOGINS {
        b.sign_in(&app, demo.login, demo.password).await;
        b.find("#my-roles").await;
        assert_eq!(b.url().await, app.url("/"));
        let is_admin = demo.login == "admin";
        assert_eq!(
            b.exists("nav a[href=\"/admin/people\"]").await,
            is_admin,
            "{}",
            demo.login
        );
        assert!(b.exists("nav a[href=\"/account\"]").await);
        assert!(b.text(".whoami").await.contains(demo.name));
        b.sign_out().await;
    }
}

#[tokio::test]
async fn a_failed_sign_in_shows_the_error() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "wrong-password").await;
    assert_eq!(
        b.text("#form-error").await,
        "Login or password is incorrect."
    );
    assert!(b.url().await.contains("/login"));
}

#[tokio::test]
async fn the_admin_creates_an_agency_and_a_trainee_who_then_signs_in() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/admin/agencies")).await;
    b.type_into("#agency-name", "Utopia Coast Guard").await;
    b.select("#agency-country", "UTO").await;
    b.select("#agency-kind", "coast_guard").await;
    b.click("form[action=\"/api/agencies/create\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Utopia Coast Guard").await;
    b.type_into("#position-title", "Boarding officer").await;
    b.click("form[action=\"/api/agencies/positions/add\"] button[type=submit]")
        .await;
    b.wait_text("#positions", "Boarding officer").await;

    b.goto(&app.url("/admin/people/new")).await;
    b.type_into("#login", "p.kamau").await;
    b.type_into("#display_name", "Peter Kamau").await;
    let agency_id = b.script("return [...document.querySelectorAll('#agency option')].find(o => o.textContent === 'Utopia Coast Guard').value;").await;
    b.select("#agency", agency_id.as_str().unwrap()).await;
    b.type_into("#password", "first-password-1").await;
    b.click("form[action=\"/api/people/create\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Peter Kamau").await;
    b.sign_out().await;

    b.sign_in(&app, "p.kamau", "first-password-1").await;
    // First sign-in: choose a new password.
    b.find("#current").await;
    assert!(
        b.url()
            .await
            .ends_with("/account?notice=MustChangePassword")
    );
    b.type_into("#current", "first-password-1").await;
    b.type_into("#new", "peters-own-password").await;
    b.type_into("#confirm", "peters-own-password").await;
    b.click("form[action=\"/api/account/password\"] button[type=submit]")
        .await;
    b.wait_for(
        "the password change",
        "location.search.includes('PasswordChanged')",
    )
    .await;
    b.goto(&app.url("/")).await;
    assert!(b.text("h1").await.contains("Peter Kamau"));
    assert_eq!(b.text("#my-roles").await, "Trainee");
}

#[tokio::test]
async fn switching_the_language_to_french() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.goto(&app.url("/login")).await;
    b.click("button[name=lang][value=fr]").await;
    b.wait_for("French", "document.documentElement.lang === 'fr'")
        .await;
    assert_eq!(b.text("h1").await, "Connexion à Checkpoint");
    b.type_into("#login", "trainee").await;
    b.type_into("#password", "trainee-demo-2026").await;
    b.click("#sign-in").await;
    // Signed in, the person's own preference applies (English for this account)…
    b.wait_for("home page", "document.querySelector('#my-roles') !== null")
        .await;
    assert_eq!(b.text("#my-roles").await, "Trainee");
    // …until they choose French, which is kept on their account.
    b.click("button[name=lang][value=fr]").await;
    b.wait_for("French", "document.documentElement.lang === 'fr'")
        .await;
    assert_eq!(b.text("#my-roles").await, "Stagiaire");
    b.goto(&app.url("/account")).await;
    assert_eq!(b.text("h1").await, "Mon compte");
    assert!(b.text("nav").await.contains("Se déconnecter"));
}

#[tokio::test]
async fn islands_hydrate_and_filter_the_people_list() {
    let app = TestApp::spawn().await;
    assert!(
        crate::helpers::site_root()
            .join("pkg/checkpoint.wasm")
            .exists(),
        "build the browser bundle first (make site)"
    );
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/admin/people")).await;
    // The page works before the bundle arrives; typing filters once the island is live.
    b.find("#table-filter").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        b.type_into("#table-filter", "okoro").await;
        let visible = b
            .script("return [...document.querySelectorAll('#people tbody tr')].filter(r => !r.hidden).length;")
            .await;
        if visible == json!(1) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the filter island never hydrated (visible rows: {visible})"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        b.text("#people tbody tr:not([hidden])")
            .await
            .contains("Samuel Okoro")
    );
}
