//! CSRF protection and security headers.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn state_changes_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    let before = count(&app.db, "agencies").await;
    let fields = [
        ("input[name]", "Forged Agency"),
        ("input[country]", "UTO"),
        ("input[kind]", "customs"),
    ];
    // No token at all.
    let res = c
        .post_raw("/api/agencies/create", "/admin/agencies", &fields)
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("This form has expired"));
    // A wrong token.
    let mut with_wrong = vec![("csrf_token", "0123456789abcdef0123456789abcdef")];
    with_wrong.extend_from_slice(&fields);
    let res = c
        .post_raw("/api/agencies/create", "/admin/agencies", &with_wrong)
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A wrong header token.
    let res = c
        .http
        .post(app.url("/api/agencies/create"))
        .header("x-csrf-token", "nope")
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // The right token, but posted from another site.
    let token = c.csrf().await;
    let res = c
        .http
        .post(app.url("/api/agencies/create"))
        .header("origin", "https://evil.example")
        .form(&[
            ("csrf_token", token.as_str()),
            fields[0],
            fields[1],
            fields[2],
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app.db, "agencies").await, before, "nothing written");
    // Login without a token is refused too (login CSRF).
    let fresh = app.client();
    let res = fresh
        .post_raw(
            "/api/login",
            "/login",
            &[("login", "admin"), ("password", "admin-demo-2026")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_token_in_the_header_is_accepted() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    let res = c
        .call("/api/countries/list", &[("q", "utop"), ("page", "1")])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["items"][0]["code"], "UTO");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/login", "/healthz", "/no/such/page"] {
        let res = app.client().get(path).await;
        let h = res.headers();
        if path == "/healthz" {
            continue;
        }
        let csp = h
            .get("content-security-policy")
            .expect("CSP")
            .to_str()
            .unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"),
            "{csp}"
        );
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(h.get("referrer-policy").unwrap(), "same-origin");
        let csrf = h.get("set-cookie").expect("csrf cookie").to_str().unwrap();
        assert!(
            csrf.starts_with("checkpoint_csrf=") && csrf.contains("HttpOnly"),
            "{csrf}"
        );
    }
    assert_eq!(
        app.client().get("/no/such/page").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn names_with_markup_are_shown_escaped() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Admin).await;
    let name = "<script>alert('x')</script> & \"Customs\"; DROP TABLE agencies;--";
    let res = c
        .post_form(
            "/api/agencies/create",
            "/admin/agencies",
            &[
                ("input[name]", name),
                ("input[country]", "UTO"),
                ("input[kind]", "customs"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = c.page(&location(&res), StatusCode::OK).await;
    assert!(!page.contains("<script>alert"), "markup must be escaped");
    assert!(page.contains("&lt;script&gt;alert"));
    assert!(
        count(&app.db, "agencies").await >= 4,
        "the table is still there"
    );
}
