//! `GET /healthz`.

use crate::helpers::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn healthy_when_the_database_answers() {
    let app = TestApp::empty().await;
    let res = app.client().get("/healthz").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body, serde_json::json!({"status": "ok", "database": "ok"}));
}

#[tokio::test]
async fn unavailable_when_the_database_does_not_answer() {
    let app = TestApp::empty().await;
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

/// A request cancelled while its `BEGIN` is on the wire (a client that went away) must not
/// leave a pooled connection inside that transaction: later statements on it would run
/// uncommitted and hold their locks (sign-ins once hung behind one on PostgreSQL, whose
/// driver loses count of a transaction cancelled there; SQLite's does not).
#[tokio::test]
async fn a_cancelled_transaction_never_poisons_the_pool() {
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
    use std::future::Future;
    let app = TestApp::spawn().await;
    let backend = app.db.get_database_backend();
    if backend != sea_orm::DbBackend::Postgres {
        return;
    }
    let stuck = Statement::from_string(
        backend,
        "SELECT count(*) AS n FROM pg_stat_activity \
         WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
    );
    let mut cut_short = 0;
    for _ in 0..50 {
        {
            let mut begin = std::pin::pin!(app.db.begin());
            // Polled until `BEGIN` has gone out, then dropped before its answer is read.
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            let mut pending = false;
            for _ in 0..3 {
                pending = begin.as_mut().poll(&mut cx).is_pending();
                if !pending {
                    break;
                }
                tokio::task::yield_now().await;
            }
            cut_short += usize::from(pending);
        }
        // The released connection is checked (and closed if need be) on a task of its own.
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let row = app.db.query_one(stuck.clone()).await.unwrap().unwrap();
        let n: i64 = row.try_get("", "n").unwrap();
        assert_eq!(
            n, 0,
            "a pooled connection left inside a cancelled transaction"
        );
    }
    assert!(cut_short > 0, "no BEGIN was cut short");
    // Connections between transactions are kept: twenty queries in a row are served by the few
    // connections already open, not each by a new one.
    let pid = Statement::from_string(backend, "SELECT pg_backend_pid() AS pid");
    let mut backends = std::collections::HashSet::new();
    for _ in 0..20 {
        let row = app.db.query_one(pid.clone()).await.unwrap().unwrap();
        backends.insert(row.try_get::<i32>("", "pid").unwrap());
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert!(
        backends.len() <= 4,
        "{} connections for 20 queries",
        backends.len()
    );
}
