//! CSRF protection and security headers.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

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
    let app = TestApp::empty().await;
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
    // Over plain HTTP, no promise of HTTPS.
    let res = app.client().get("/login").await;
    assert!(res.headers().get("strict-transport-security").is_none());
}

/// Nothing a signed-in person sees is kept by a cache: pages and JSON answers are `no-store`.
#[tokio::test]
async fn signed_in_pages_and_answers_are_never_cached() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    for path in ["/", "/record", "/courses"] {
        let res = c.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    }
    let res = c.call("/api/records/get", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let res = c.get("/record/record.csv").await;
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
}

/// Served over HTTPS (secure cookies): browsers are told to keep to HTTPS.
#[tokio::test]
async fn https_deployments_send_strict_transport_security() {
    let app = TestApp::spawn_with(|c| c.secure_cookies = true).await;
    let res = app.client().get("/login").await;
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

/// Behind a trusted proxy, the address the proxy saw counts for throttling, not one the
/// client wrote into `X-Forwarded-For`: rotating a forged first entry does not help.
#[tokio::test]
async fn a_forged_forwarded_address_does_not_escape_throttling() {
    let app = TestApp::spawn_with(|c| c.trusted_proxies = 1).await;
    for (i, login) in [
        "trainee", "trainer", "analyst", "assessor", "admin", "focal",
    ]
    .into_iter()
    .enumerate()
    {
        for j in 0..5 {
            let c = app.client();
            let token = c.csrf().await;
            c.http
                .post(app.url("/api/login"))
                .header("accept", "text/html")
                .header("referer", app.url("/login"))
                .header("x-forwarded-for", format!("10.9.{i}.{j}, 203.0.113.7"))
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("login", login),
                    ("password", "wrong-password"),
                ])
                .send()
                .await
                .unwrap();
        }
    }
    // The proxy's address for the attacker is throttled whatever the client wrote before it;
    // someone else behind the same proxy at another address is not.
    let app = &app;
    let attempt = |forwarded: &'static str| {
        let c = app.client();
        async move {
            let token = c.csrf().await;
            let res = c
                .http
                .post(app.url("/api/login"))
                .header("accept", "text/html")
                .header("referer", app.url("/login"))
                .header("x-forwarded-for", forwarded)
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("login", "manager"),
                    ("password", "manager-demo-2026"),
                ])
                .send()
                .await
                .unwrap();
            location(&res)
        }
    };
    assert_eq!(
        attempt("1.2.3.4, 203.0.113.7").await,
        "/login?error=ErrTooManyAttempts"
    );
    assert_eq!(attempt("198.51.100.20").await, "/");
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

/// A multipart body is checked like any other: without the token, neither a server function
/// nor a plain form route acts on it, whichever way the handler would read the parts.
#[tokio::test]
async fn multipart_bodies_without_the_token_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let trainee = app.client();
    assert_eq!(
        location(&trainee.login("trainee", "trainee-demo-2026").await),
        "/"
    );
    let hash = || async {
        let row = app
            .db
            .query_one(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                "SELECT password_hash FROM people WHERE login = 'trainee'",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<String>("", "password_hash").unwrap()
    };
    let before = hash().await;
    let id = person_id(&app, "trainee").await;
    let form = || {
        reqwest::multipart::Form::new()
            .text("id", id.to_string())
            .text("password", "taken-over-2026")
    };
    for (path, body) in [
        ("/api/people/password", form()),
        (
            "/api/people/password",
            form().text("csrf_token", "0123456789abcdef0123456789abcdef"),
        ),
        (
            "/admin/positions/1/specification",
            reqwest::multipart::Form::new().text("c_1", "3"),
        ),
    ] {
        let res = admin
            .http
            .post(app.url(path))
            .header("accept", "text/html")
            .multipart(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "POST {path}");
    }
    assert_eq!(hash().await, before, "the password is unchanged");
    assert_eq!(
        trainee.get("/").await.status(),
        StatusCode::OK,
        "the trainee is still signed in"
    );
}

/// A person whose password an administrator reset can do nothing but change it: every server
/// function, form route, page and download sends them to their account page first.
#[tokio::test]
async fn a_temporary_password_must_be_changed_before_anything_else() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let id = person_id(&app, "trainee").await;
    let res = admin
        .post_form(
            "/api/people/password",
            &format!("/admin/people/{id}"),
            &[("id", &id.to_string()), ("password", "temporary-pass-77")],
        )
        .await;
    assert_eq!(
        location(&res),
        format!("/admin/people/{id}?notice=PasswordReset")
    );
    let trainee = app.client();
    assert_eq!(
        location(&trainee.login("trainee", "temporary-pass-77").await),
        "/"
    );
    let enrolments = count(&app.db, "enrolments").await;
    let attempts = count(&app.db, "attempts").await;
    for (path, fields) in [
        ("/api/classes/join", vec![("code", "ANYCODE1")]),
        ("/api/quizzes/start", vec![("id", "1")]),
        ("/api/records/get", vec![]),
    ] {
        let res = trainee.call(path, &fields).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "JSON call to {path}");
        let res = trainee.post_form(path, "/", &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "form post to {path}");
        assert_eq!(location(&res), "/account?notice=MustChangePassword");
    }
    for path in ["/", "/record", "/record/record.csv", "/courses"] {
        let res = trainee.get(path).await;
        assert_eq!(res.status(), StatusCode::FOUND, "GET {path}");
        assert_eq!(location(&res), "/account?notice=MustChangePassword");
    }
    let res = trainee
        .post_form(
            "/attempts/1/answers",
            "/attempts/1",
            &[("action", "submit")],
        )
        .await;
    assert_eq!(location(&res), "/account?notice=MustChangePassword");
    assert_eq!(count(&app.db, "enrolments").await, enrolments);
    assert_eq!(count(&app.db, "attempts").await, attempts);

    // Changing it opens everything again.
    trainee
        .page("/account?notice=MustChangePassword", StatusCode::OK)
        .await;
    let res = trainee
        .post_form(
            "/api/account/password",
            "/account",
            &[
                ("current", "temporary-pass-77"),
                ("new", "my-own-password-9"),
                ("confirm", "my-own-password-9"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/account?notice=PasswordChanged");
    assert_eq!(trainee.get("/").await.status(), StatusCode::OK);
    assert_eq!(
        trainee.call("/api/records/get", &[]).await.status(),
        StatusCode::OK
    );
}

/// The id of the person with `login`.
async fn person_id(app: &TestApp, login: &str) -> i64 {
    let row = app
        .db
        .query_one(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT id FROM people WHERE login = '{login}'"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "id").unwrap()
}

/// Arguments a server function cannot decode get 400 with a plain message (or the form back
/// with it), never 500 with the parser's words.
#[tokio::test]
async fn malformed_arguments_get_a_plain_400() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    for (path, fields) in [
        ("/api/quizzes/start", vec![("id", "abc")]),
        ("/api/people/active", vec![("id", "2"), ("active", "True")]),
        ("/api/people/get", vec![("id", "99999999999999999999999")]),
        ("/api/people/get", vec![]),
    ] {
        let res = admin.call(path, &fields).await;
        let status = res.status();
        let body = res.text().await.unwrap();
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {fields:?}: {body}");
        assert!(
            !body.contains("invalid") && !body.contains("digit") && !body.contains("expected"),
            "{path}: {body}"
        );
        let res = admin.post_form(path, "/admin/people", &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "form post to {path}");
        assert_eq!(location(&res), "/admin/people?error=ErrInvalid");
    }
    // Path parameters of plain routes: a plain 400 page, not the parser's words.
    for path in [
        "/classes/abc/quizzes/1/results.csv",
        "/assessments/1.5/documents/1",
        "/people/99999999999999999999/record/record.csv",
        // A query string the filters cannot take (a field given twice).
        "/progress/export/agencies.csv?from=2026-01&from=2026-02",
    ] {
        let res = admin.get(path).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{path}");
        let body = res.text().await.unwrap();
        assert!(
            body.contains("Some information is missing or invalid.") && !body.contains("parse"),
            "{path}: {body}"
        );
    }
    // Bytes that are not UTF-8.
    let token = admin.csrf().await;
    let res = admin
        .http
        .post(app.url("/api/people/get"))
        .header("accept", "application/json")
        .header("x-csrf-token", token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(b"id=%FF%FE\xff".to_vec())
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // A body over the limit.
    let big = "x".repeat(3 * 1024 * 1024);
    let res = admin.call("/api/people/list", &[("q", big.as_str())]).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// A new installation (migrated, no demo loaded) has no one in it: none of the demo accounts,
/// whose passwords are printed in the README, can sign in.
#[tokio::test]
async fn a_new_installation_has_no_demo_accounts() {
    let app = TestApp::empty().await;
    assert_eq!(count(&app.db, "people").await, 0);
    for demo in app::server::services::demo::LOGINS {
        let res = app.client().login(demo.login, demo.password).await;
        assert_ne!(
            location(&res),
            "/",
            "{} signed in on a new installation",
            demo.login
        );
    }
}
