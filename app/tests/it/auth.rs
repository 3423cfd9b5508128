//! Signing in and out, sessions, passwords, language.

use crate::helpers::{TestApp, location};
use app::model::Role;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn signing_in_goes_to_the_requested_local_page() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let res = c.get("/admin/people").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(location(&res), "/login?next=%2Fadmin%2Fpeople");
    let res = c
        .post_form(
            "/api/login",
            "/login?next=%2Fadmin%2Fpeople",
            &[
                ("login", "ADMIN"),
                ("password", "admin-demo-2026"),
                ("next", "/admin/people"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/admin/people");
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    let session = cookie
        .iter()
        .find(|c| c.starts_with("checkpoint_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    assert!(
        c.page("/admin/people", StatusCode::OK)
            .await
            .contains("Amina Diallo")
    );
}

#[tokio::test]
async fn redirects_after_sign_in_never_leave_the_site() {
    let app = TestApp::spawn().await;
    for next in [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ] {
        let c = app.client();
        let res = c
            .post_form(
                "/api/login",
                "/login",
                &[
                    ("login", "admin"),
                    ("password", "admin-demo-2026"),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/", "next={next}");
    }
}

#[tokio::test]
async fn unknown_user_and_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let officer = app.client();
    let wrong = officer.login("admin", "not-the-password").await;
    let unknown = app.client().login("nobody.here", "not-the-password").await;
    assert_eq!(wrong.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&wrong), location(&unknown));
    assert_eq!(
        location(&wrong),
        "/login?error=ErrBadCredentials&field=login"
    );
    let page = app.client().page(&location(&wrong), StatusCode::OK).await;
    assert!(page.contains("Login or password is incorrect."));
    assert!(
        !wrong
            .headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("checkpoint_session="))
    );
    // The login typed is kept for the form; the password and the CSRF token never are.
    let kept: Vec<&str> = wrong
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap())
        .filter(|c| c.starts_with("checkpoint_typed="))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].contains("login=admin"), "{}", kept[0]);
    for secret in ["not-the-password", "password", "csrf"] {
        assert!(!kept[0].contains(secret), "{}", kept[0]);
    }
    let again = officer.page(&location(&wrong), StatusCode::OK).await;
    assert!(
        again.contains("value=\"admin\""),
        "the login typed is shown again"
    );
    assert!(!again.contains("not-the-password"));
}

#[tokio::test]
async fn empty_fields_are_required() {
    let app = TestApp::spawn().await;
    let res = app.client().login("", "").await;
    assert_eq!(location(&res), "/login?error=ErrRequired&field=login");
    let res = app.client().login("admin", "").await;
    assert_eq!(location(&res), "/login?error=ErrRequired&field=password");
}

#[tokio::test]
async fn a_one_megabyte_login_gets_a_clear_message() {
    let app = TestApp::spawn().await;
    let huge = "a".repeat(1024 * 1024);
    let res = app.client().login(&huge, "whatever-password").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login?error=ErrTooLong&field=login");
}

#[tokio::test]
async fn an_oversized_body_is_refused_before_it_is_read_whole() {
    let app = TestApp::spawn().await;
    let huge = "a".repeat(3 * 1024 * 1024);
    let res = app.client().login(&huge, "whatever-password").await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(res.text().await.unwrap().contains("This is too long."));
}

#[tokio::test]
async fn repeated_failures_throttle_the_account() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        let res = app.client().login("trainer", "wrong-password").await;
        assert_eq!(location(&res), "/login?error=ErrBadCredentials&field=login");
    }
    // Even the right password is refused while the account is throttled.
    let res = app.client().login("trainer", "trainer-demo-2026").await;
    assert_eq!(location(&res), "/login?error=ErrTooManyAttempts");
    // Other accounts are not affected.
    let res = app.client().login("trainee", "trainee-demo-2026").await;
    assert_eq!(location(&res), "/");
}

#[tokio::test]
async fn signing_in_again_issues_a_new_session_id() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainer).await;
    let first = c.cookie("checkpoint_session").unwrap();
    c.login("trainer", "trainer-demo-2026").await;
    let second = c.cookie("checkpoint_session").unwrap();
    assert_ne!(first, second);
    // The old id no longer opens a session.
    let other = app.client();
    other.set_cookie("checkpoint_session", &first);
    assert_eq!(other.get("/").await.status(), StatusCode::FOUND);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    let res = c.post_form("/api/logout", "/", &[]).await;
    assert_eq!(location(&res), "/login?notice=SignedOut");
    let res = c.get("/admin/people").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert!(location(&res).starts_with("/login"));
}

#[tokio::test]
async fn a_tampered_session_cookie_is_just_signed_out() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    let mut id = c.cookie("checkpoint_session").unwrap();
    let last = id.pop().unwrap();
    id.push(if last == 'A' { 'B' } else { 'A' });
    c.set_cookie("checkpoint_session", &id);
    let res = c.get("/admin/people").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert!(location(&res).starts_with("/login"));
    c.set_cookie("checkpoint_session", "<script>alert(1)</script>");
    assert_eq!(c.get("/").await.status(), StatusCode::FOUND);
}

/// Deletes every stored session, as their expiry would.
async fn end_every_session(app: &TestApp) {
    let table = match app.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "tower_sessions.session",
        _ => "tower_sessions",
    };
    app.db
        .execute_unprepared(&format!("DELETE FROM {table}"))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_expired_session_mid_form_returns_to_the_page_after_signing_in() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    assert_eq!(c.get("/admin/agencies").await.status(), StatusCode::OK);
    // The session expires while the form is open.
    end_every_session(&app).await;
    let before = crate::helpers::count(&app.db, "agencies").await;
    let res = c
        .post_form(
            "/api/agencies/create",
            "/admin/agencies",
            &[
                ("input[name]", "Coast Guard of Utopia"),
                ("input[country]", "UTO"),
                ("input[kind]", "coast_guard"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login?next=%2Fadmin%2Fagencies&expired=1");
    assert_eq!(
        crate::helpers::count(&app.db, "agencies").await,
        before,
        "nothing written"
    );
    let page = c.page(&location(&res), StatusCode::OK).await;
    assert!(page.contains("Your session has expired"));
    let res = c
        .post_form(
            "/api/login",
            "/login?next=%2Fadmin%2Fagencies&expired=1",
            &[
                ("login", "admin"),
                ("password", "admin-demo-2026"),
                ("next", "/admin/agencies"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/admin/agencies");
}

#[tokio::test]
async fn an_expired_session_on_a_plain_form_returns_to_the_form_after_signing_in() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Analyst).await;
    assert_eq!(c.get("/tna/campaigns/new").await.status(), StatusCode::OK);
    end_every_session(&app).await;
    let before = crate::helpers::count(&app.db, "tna_campaigns").await;
    // Posted from the form page (its earlier error still in the address).
    let res = c
        .post_form(
            "/tna/campaigns",
            "/tna/campaigns/new?error=ErrRequired&field=title",
            &[("title", "Border checks 2027")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&res),
        "/login?next=%2Ftna%2Fcampaigns%2Fnew&expired=1",
        "back to the form, not to the address it posts to"
    );
    assert_eq!(
        crate::helpers::count(&app.db, "tna_campaigns").await,
        before,
        "nothing written"
    );
}

#[tokio::test]
async fn people_change_their_own_password() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    let res = c
        .post_form(
            "/api/account/password",
            "/account",
            &[
                ("current", "wrong"),
                ("new", "a-new-password-1"),
                ("confirm", "a-new-password-1"),
            ],
        )
        .await;
    assert_eq!(
        location(&res),
        "/account?error=ErrWrongPassword&field=current"
    );
    let res = c
        .post_form(
            "/api/account/password",
            "/account",
            &[
                ("current", "trainee-demo-2026"),
                ("new", "a-new-password-1"),
                ("confirm", "a-new-password-2"),
            ],
        )
        .await;
    assert_eq!(
        location(&res),
        "/account?error=ErrPasswordMismatch&field=confirm"
    );
    let res = c
        .post_form(
            "/api/account/password",
            "/account",
            &[
                ("current", "trainee-demo-2026"),
                ("new", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/account?error=ErrPasswordShort&field=new");
    let res = c
        .post_form(
            "/api/account/password",
            "/account",
            &[
                ("current", "trainee-demo-2026"),
                ("new", "a-new-password-1"),
                ("confirm", "a-new-password-1"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/account?notice=PasswordChanged");
    assert_eq!(
        location(&app.client().login("trainee", "trainee-demo-2026").await),
        "/login?error=ErrBadCredentials&field=login"
    );
    assert_eq!(
        location(&app.client().login("trainee", "a-new-password-1").await),
        "/"
    );
}

#[tokio::test]
async fn language_follows_the_person_then_the_cookie_then_the_browser() {
    let app = TestApp::spawn().await;
    // The browser's preference, before anything is chosen.
    let c = app.client();
    let res = c
        .http
        .get(app.url("/login"))
        .header("accept-language", "fr-FR,fr;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("Connexion à Checkpoint"));
    // A visitor's choice, kept in a cookie.
    let res = c
        .post_form("/api/language", "/login", &[("lang", "fr")])
        .await;
    assert_eq!(location(&res), "/login");
    assert!(
        c.page("/login", StatusCode::OK)
            .await
            .contains("<html lang=\"fr\"")
    );
    // A signed-in person's choice, kept on the account.
    let t = app.login_as(Role::Trainer).await;
    t.post_form("/api/language", "/account", &[("lang", "fr")])
        .await;
    let other_browser = app.client();
    other_browser.login("trainer", "trainer-demo-2026").await;
    assert!(
        other_browser
            .page("/", StatusCode::OK)
            .await
            .contains("Bienvenue")
    );
    let res = t
        .post_form("/api/language", "/account", &[("lang", "de")])
        .await;
    assert_eq!(
        location(&res),
        "/account?error=ErrUnknownLanguage&field=lang"
    );
}

#[tokio::test]
async fn a_plain_page_view_does_not_write_the_session() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    for _ in 0..3 {
        let res = c.get("/").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            !res.headers()
                .get_all("set-cookie")
                .iter()
                .any(|v| v.to_str().unwrap().starts_with("checkpoint_session=")),
            "the session is saved (and its cookie set) only when it changes"
        );
    }
}

#[tokio::test]
async fn an_inactive_session_expires() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainer).await;
    assert_eq!(c.get("/").await.status(), StatusCode::OK);
    let sql = match app.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "UPDATE tower_sessions.session SET expiry_date = now() - interval '1 minute'"
        }
        _ => "UPDATE tower_sessions SET expiry_date = 0",
    };
    app.db.execute_unprepared(sql).await.unwrap();
    let res = c.get("/account").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(location(&res), "/login?next=%2Faccount&expired=1");
}

/// Forty wrong passwords for one account at the same moment: at most five are checked, the
/// rest are refused unchecked (once all forty were checked).
#[tokio::test]
async fn concurrent_guesses_are_checked_at_most_five_times() {
    let app = TestApp::spawn().await;
    let clients: Vec<_> = (0..40).map(|_| app.client()).collect();
    for c in &clients {
        c.csrf().await;
    }
    let answers = futures::future::join_all(
        clients
            .iter()
            .map(|c| async move { location(&c.login("trainer", "wrong-password").await) }),
    )
    .await;
    let checked = answers
        .iter()
        .filter(|l| l.contains("ErrBadCredentials"))
        .count();
    let refused = answers
        .iter()
        .filter(|l| l.contains("ErrTooManyAttempts"))
        .count();
    // At most five: each attempt counts after writing its own row, so the k-th to write sees
    // at least k. (When all forty write before any counts, none is checked at all.)
    assert!(checked <= 5, "{checked} checked: {answers:?}");
    assert_eq!(checked + refused, 40, "{answers:?}");
}

/// Guessing from elsewhere, or from others behind the same address, never locks the owner out
/// of a browser they have signed in with; a browser they have not used waits.
#[tokio::test]
async fn nobody_can_lock_the_owner_out_of_their_own_browser() {
    let app = TestApp::spawn().await;
    let owner = app.client();
    assert_eq!(
        location(&owner.login("trainee", "trainee-demo-2026").await),
        "/"
    );
    assert!(
        owner.cookie("checkpoint_device").is_some(),
        "a device token"
    );
    owner.call("/api/logout", &[]).await;
    // An attacker behind the same address tries every account until the address is throttled.
    for login in [
        "trainee", "trainer", "analyst", "assessor", "admin", "focal", "manager",
    ] {
        for _ in 0..5 {
            app.client().login(login, "wrong-password").await;
        }
    }
    assert_eq!(
        location(&app.client().login("trainee", "trainee-demo-2026").await),
        "/login?error=ErrTooManyAttempts",
        "a new browser waits"
    );
    assert_eq!(
        location(&app.client().login("manager", "manager-demo-2026").await),
        "/login?error=ErrTooManyAttempts",
        "the address is throttled for browsers nobody signed in with"
    );
    // The owner's own browser signs in, with the right password only.
    assert_eq!(
        location(&owner.login("trainee", "wrong-password").await),
        "/login?error=ErrBadCredentials&field=login"
    );
    assert_eq!(
        location(&owner.login("trainee", "trainee-demo-2026").await),
        "/"
    );
    // A device token is no key to another account.
    owner.call("/api/logout", &[]).await;
    assert_eq!(
        location(&owner.login("manager", "manager-demo-2026").await),
        "/login?error=ErrTooManyAttempts"
    );
}

/// Changing a password ends every other session of that person; an administrator's reset
/// ends all of them.
#[tokio::test]
async fn a_password_change_ends_every_other_session() {
    let app = TestApp::spawn().await;
    let here = app.login_as(Role::Trainee).await;
    let elsewhere = app.login_as(Role::Trainee).await;
    assert_eq!(elsewhere.get("/").await.status(), StatusCode::OK);
    let res = here
        .post_form(
            "/api/account/password",
            "/account",
            &[
                ("current", "trainee-demo-2026"),
                ("new", "a-new-password-1"),
                ("confirm", "a-new-password-1"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/account?notice=PasswordChanged");
    assert_eq!(
        here.get("/").await.status(),
        StatusCode::OK,
        "this one goes on"
    );
    let res = elsewhere.get("/record").await;
    assert!(location(&res).starts_with("/login"), "the other one ended");

    let admin = app.login_as(Role::Admin).await;
    let id = {
        let row = app
            .db
            .query_one(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                "SELECT id FROM people WHERE login = 'trainee'",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "id").unwrap()
    };
    let res = admin
        .post_form(
            "/api/people/password",
            &format!("/admin/people/{id}"),
            &[("id", &id.to_string()), ("password", "reset-by-admin-9")],
        )
        .await;
    assert!(location(&res).contains("notice=PasswordReset"));
    assert!(location(&here.get("/record").await).starts_with("/login"));
}
