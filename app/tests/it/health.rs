//! `GET /healthz`.

use crate::helpers::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn healthy_when_the_database_answers() {
    let app = TestApp::spawn().await;
    let res = app.client().get("/healthz").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body, serde_json::json!({"status": "ok", "database": "ok"}));
}

#[tokio::test]
async fn unavailable_when_the_database_does_not_answer() {
    let app = TestApp::spawn().await;
    app.db.clone().close().await.unwrap();
    let res = app.client().get("/healthz").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["database"], "unavailable");
}

#[tokio::test]
async fn a_session_started_on_one_server_is_valid_on_another() {
    use app::model::Role;
    // Two app servers on different ports, one database (PostgreSQL in the PostgreSQL run):
    // what a load balancer in front of several servers needs.
    let app = TestApp::spawn().await;
    let second = app.second_server().await;
    let first = app.login_as(Role::Analyst).await;
    let session = first
        .cookie(app::server::session::COOKIE)
        .expect("session cookie");
    let csrf = first
        .cookie(app::server::csrf::COOKIE)
        .expect("csrf cookie");
    let other = app.client_of(&second);
    other.set_cookie(app::server::session::COOKIE, &session);
    other.set_cookie(app::server::csrf::COOKIE, &csrf);
    let page = other.page("/tna", reqwest::StatusCode::OK).await;
    assert!(
        page.contains("Mei Tanaka"),
        "signed in on the second server"
    );
    // A change made through the second server is seen by the first.
    let res = other
        .post_form(
            "/api/tna/questionnaires/create",
            "/tna",
            &[
                ("title_en", "Made on server two"),
                ("title_fr", "Fait sur le serveur deux"),
                ("copy_of", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    assert!(
        first
            .page("/tna", reqwest::StatusCode::OK)
            .await
            .contains("Made on server two")
    );
    // Signing out on one ends the session on both.
    assert!(
        first
            .call("/api/logout", &[])
            .await
            .status()
            .is_redirection()
    );
    assert_eq!(other.get("/tna").await.status(), reqwest::StatusCode::FOUND);
}
