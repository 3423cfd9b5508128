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
