//! The HTTP surface: router, middleware (security headers, CSRF, sessions, request context),
//! health check, static assets and the CSV upload route.

use super::request::RequestCtx;
use super::state::AppState;
use super::{csrf, session};
use crate::app::{App, shell};
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::model::{CurrentUser, Role};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Multipart, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::time::Duration;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::Session;

mod extract;
mod routes;
pub use extract::{Admin, Analyst, Author, Path, Policy, Require};
pub use routes::Routes;

/// Largest form body accepted (a little over 1 MB, so an oversized field gets a clear
/// validation message rather than a bare error).
pub const FORM_LIMIT: usize = 2 * 1024 * 1024;
/// Largest upload accepted (CSV import).
pub const UPLOAD_LIMIT: usize = 4 * 1024 * 1024;
/// Largest multipart body the CSRF check reads: the largest any upload route accepts (an
/// exercise image or an assessment document). Each route's own limit then applies to its body.
const MULTIPART_LIMIT: usize = {
    let (document, image) = (
        super::services::capacity::DOCUMENT_MAX_BYTES,
        content::images::MAX_BYTES,
    );
    (if document > image { document } else { image }) + 64 * 1024
};

/// Builds the whole application router over `state`.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let leptos_ctx = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(state.config.site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=0, must-revalidate"),
        ));

    let (plain, _) = plain().into_parts();
    let app = Router::new()
        .route("/api/{*fn_name}", post(server_fn_handler))
        .merge(plain)
        .leptos_routes_with_context(&state, routes, leptos_ctx.clone(), {
            let options = state.leptos.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::render_app_async_with_context(leptos_ctx, {
            let options = state.leptos.clone();
            move || shell(options.clone())
        }))
        .layer(middleware::from_fn(server_fn_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_context,
        ))
        .layer(session::layer(&state.db, &state.config))
        .layer(middleware::from_fn_with_state(state.clone(), security));

    Router::new()
        .route("/healthz", get(healthz))
        .nest("/pkg", pkg)
        .merge(app)
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(state)
}

/// Every plain route: form posts, uploads and downloads outside server functions and pages.
fn plain() -> Routes {
    Routes::new()
        .get("/media/courses/{course_id}/{module}/{name}", course_media)
        .upload("/admin/people/import", import_people, UPLOAD_LIMIT)
        .upload(
            "/author/courses/{slug}/questions/import",
            import_questions,
            UPLOAD_LIMIT,
        )
        .get(
            "/author/courses/{slug}/questions/export/{format}",
            export_questions,
        )
        .post("/attempts/{id}/answers", post_answers)
        .post("/assessments/{id}/scope", post_scope)
        .post("/admin/positions/{id}/specification", post_specification)
        .get("/assessments/{id}/export/{format}", export_report)
        .upload(
            "/assessments/{id}/documents",
            upload_document,
            super::services::capacity::DOCUMENT_MAX_BYTES + 64 * 1024,
        )
        .get("/assessments/{id}/documents/{doc}", download_document)
        .get("/classes/{id}/quizzes/{quiz}/results.csv", results_csv)
        .get("/certificates/{code}/pdf", certificate_pdf)
        .get("/media/exercises/{hash}/{file}", exercise_image)
        .upload(
            "/author/lessons/{id}/images",
            upload_lesson_image,
            2 * UPLOAD_LIMIT,
        )
        .merge(super::tna_http::routes())
        .merge(super::exercise_http::routes())
        .merge(super::records_http::routes())
}

/// The method and path of every plain route the router serves (see [`routes`]).
pub fn plain_routes() -> Vec<(Method, &'static str)> {
    plain().into_parts().1
}

/// Runs the server functions with the application state in context.
async fn server_fn_handler(State(state): State<AppState>, req: Request) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

/// Errors raised inside a server function already carry their status (see
/// [`super::request::finish`]); arguments that cannot be decoded fail before the function
/// runs, and the server-function layer answers them with 500. This middleware, on every
/// `/api/` call, turns those into what they are: 400 for a program, or the form again with
/// the message for a browser.
async fn server_fn_errors(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let headers = req.headers().clone();
    let lang = request_ctx(&req).lang;
    let res = next.run(req).await;
    // An error the function did not answer itself: 500, or (for a form post) a bare 302 back
    // to the page the server-function layer adds.
    let unanswered =
        res.status() == StatusCode::INTERNAL_SERVER_ERROR || res.status() == StatusCode::FOUND;
    if !unanswered || !res.headers().contains_key("serverfnerror") {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    match serde_json::from_slice::<crate::error::AppError>(&bytes) {
        Ok(err @ crate::error::AppError::BadRequest(_)) => bad_arguments(&headers, err, lang),
        _ => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// The answer to a server-function call whose arguments could not be decoded.
fn bad_arguments(headers: &HeaderMap, err: crate::error::AppError, lang: Lang) -> Response {
    if super::request::wants_json(headers) {
        return (StatusCode::BAD_REQUEST, Json(err)).into_response();
    }
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.parse::<axum::http::Uri>().ok())
        .and_then(|u| u.path_and_query().map(|p| p.as_str().to_owned()))
        .and_then(|p| crate::validate::local_path(&p).map(str::to_owned));
    match back {
        Some(back) => (
            StatusCode::SEE_OTHER,
            [(
                header::LOCATION,
                super::request::with_feedback(&back, "error", Msg::ErrInvalid.code(), None),
            )],
        )
            .into_response(),
        None => message_page(StatusCode::BAD_REQUEST, Msg::ErrInvalid, lang),
    }
}

/// `GET /healthz`: 200 when the database answers within two seconds, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    let ping = tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await;
    match ping {
        Ok(Ok(())) => Json(serde_json::json!({"status": "ok", "database": "ok"})).into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health check: database unavailable");
            unavailable()
        }
        Err(_) => unavailable(),
    }
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(serde_json::json!({"status": "degraded", "database": "unavailable"})),
    )
        .into_response()
}

/// Security middleware: CSRF check on every state-changing request, the CSRF cookie, and the
/// security headers (CSP with a per-response nonce, no framing, no sniffing, same-origin
/// referrers).
async fn security(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cookie_token = req
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| csrf::cookie_value(h, csrf::COOKIE))
        .filter(|t| csrf::well_formed(t))
        .map(str::to_owned);
    let nonce = csrf::random_hex(16);
    let lang = request_lang(req.headers(), None);

    let req = if is_state_changing(req.method()) {
        match check_csrf(req, cookie_token.as_deref()).await {
            Ok(req) => req,
            Err(rejection) => {
                return with_security_headers(rejection.into_response(lang), &nonce, &state, None);
            }
        }
    } else {
        req
    };

    let (token, new_cookie) = match cookie_token {
        Some(t) => (t, None),
        None => {
            let t = csrf::new_token();
            (t.clone(), Some(t))
        }
    };
    let mut req = req;
    req.extensions_mut().insert(SecurityCtx {
        csrf: token,
        nonce: nonce.clone(),
    });
    let res = next.run(req).await;
    with_security_headers(res, &nonce, &state, new_cookie)
}

/// CSRF token and CSP nonce, computed by [`security`] for [`request_context`].
#[derive(Clone)]
struct SecurityCtx {
    csrf: String,
    nonce: String,
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

enum CsrfRejection {
    Forbidden,
    TooLarge,
}

impl CsrfRejection {
    fn into_response(self, lang: Lang) -> Response {
        match self {
            CsrfRejection::Forbidden => message_page(StatusCode::FORBIDDEN, Msg::ErrCsrf, lang),
            CsrfRejection::TooLarge => {
                message_page(StatusCode::PAYLOAD_TOO_LARGE, Msg::ErrTooLong, lang)
            }
        }
    }
}

/// Accepts the request when it carries the cookie's token in the `X-CSRF-Token` header or the
/// `csrf_token` field of a URL-encoded or multipart form, whatever route it is sent to; any
/// other body must carry the header.
async fn check_csrf(req: Request, cookie_token: Option<&str>) -> Result<Request, CsrfRejection> {
    // A body declared larger than any route takes is refused before anything reads it.
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let multipart_body = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("multipart/form-data"));
    let most = if multipart_body {
        MULTIPART_LIMIT
    } else {
        FORM_LIMIT
    };
    if declared.is_some_and(|n| n > most) {
        return Err(CsrfRejection::TooLarge);
    }
    let Some(expected) = cookie_token else {
        return Err(CsrfRejection::Forbidden);
    };
    if !same_origin(req.headers()) {
        return Err(CsrfRejection::Forbidden);
    }
    if let Some(sent) = req
        .headers()
        .get(csrf::HEADER)
        .and_then(|v| v.to_str().ok())
    {
        return if csrf::matches(expected, sent) {
            Ok(req)
        } else {
            Err(CsrfRejection::Forbidden)
        };
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let multipart = content_type.starts_with("multipart/form-data");
    if !multipart && !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(CsrfRejection::Forbidden);
    }
    let (parts, body) = req.into_parts();
    let limit = if multipart {
        MULTIPART_LIMIT
    } else {
        FORM_LIMIT
    };
    let bytes: Bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| CsrfRejection::TooLarge)?;
    let sent = if multipart {
        multipart_field(&content_type, bytes.clone(), csrf::FIELD).await
    } else {
        form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == csrf::FIELD)
            .map(|(_, v)| v.into_owned())
    };
    match sent {
        Some(sent) if csrf::matches(expected, &sent) => {
            Ok(Request::from_parts(parts, Body::from(bytes)))
        }
        _ => Err(CsrfRejection::Forbidden),
    }
}

/// The text of the first field called `name` in a multipart body (`None` when the body is not
/// valid multipart or has no such field).
async fn multipart_field(content_type: &str, body: Bytes, name: &str) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut parts = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = parts.next_field().await {
        if field.name() == Some(name) {
            return field.text().await.ok();
        }
    }
    None
}

/// A request whose `Origin` names another site is refused outright (defence in depth on top
/// of the token; browsers send `Origin` on every cross-site POST).
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    origin
        .split_once("://")
        .is_some_and(|(_, authority)| authority == host)
}

fn with_security_headers(
    mut res: Response,
    nonce: &str,
    state: &AppState,
    new_csrf: Option<String>,
) -> Response {
    let headers = res.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    // A handler may set a stricter policy of its own (course images do).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(v) = HeaderValue::from_str(&csp)
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if state.config.secure_cookies {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // Pages and JSON answers speak of the person signed in: no cache may keep them (a shared
    // classroom PC's back button included).
    let personal = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/json"));
    if personal {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if let Some(token) = new_csrf {
        let secure = if state.config.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax{secure}",
            csrf::COOKIE
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, v);
        }
    }
    res
}

/// A small, complete HTML page with one message, for responses produced before the app
/// renders (CSRF rejections, oversized bodies).
pub(super) fn message_page(status: StatusCode, msg: Msg, lang: Lang) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/pkg/checkpoint.css\"></head><body><main class=\"page\">\
         <h1>{}</h1><p role=\"alert\">{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
        lang.code(),
        Msg::AppName.text(lang),
        Msg::ErrorTitle.text(lang),
        msg.text(lang),
        Msg::BackHome.text(lang)
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The language for a request: the person's preference, else the `checkpoint_lang` cookie,
/// else the browser's `Accept-Language`, else English.
fn request_lang(headers: &HeaderMap, user_lang: Option<Lang>) -> Lang {
    user_lang
        .or_else(|| {
            headers
                .get(header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .and_then(|h| csrf::cookie_value(h, crate::api::LANG_COOKIE))
                .and_then(Lang::from_tag)
        })
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// Loads the signed-in person (one indexed read when a session cookie is present, none
/// otherwise) and records the request's context for pages and server functions.
async fn request_context(
    State(state): State<AppState>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let user = match load_user(&state, &session).await {
        Ok(user) => user,
        Err(()) => {
            return message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                Msg::ErrInternal,
                Lang::En,
            );
        }
    };
    let security = req
        .extensions()
        .get::<SecurityCtx>()
        .cloned()
        .unwrap_or(SecurityCtx {
            csrf: String::new(),
            nonce: String::new(),
        });
    let lang = request_lang(req.headers(), user.as_ref().map(|u| u.lang));
    if user.as_ref().is_some_and(|u| u.must_change_password)
        && !allowed_before_password_change(req.method(), req.uri().path())
    {
        return password_change_first(&req);
    }
    let client_ip = client_ip(&req, state.config.trusted_proxies);
    req.extensions_mut().insert(RequestCtx {
        user,
        lang,
        csrf: security.csrf,
        nonce: security.nonce,
        client_ip,
    });
    extract::REQUEST_LANG.scope(lang, next.run(req)).await
}

/// What a person who must change a temporary password may do: see their account page, change
/// the password, choose the interface language and sign out.
fn allowed_before_password_change(method: &Method, path: &str) -> bool {
    match *method {
        Method::GET | Method::HEAD => path == ACCOUNT_PAGE,
        Method::POST => matches!(
            path,
            "/api/account/password" | "/api/logout" | "/api/language"
        ),
        _ => false,
    }
}

/// The account page, where a temporary password is changed.
const ACCOUNT_PAGE: &str = "/account";

/// The answer to anything else while a password change is pending: browsers are sent to the
/// account page with the reason; programmatic callers get `403` with the error as JSON.
fn password_change_first(req: &Request) -> Response {
    if super::request::wants_json(req.headers()) {
        return (
            StatusCode::FORBIDDEN,
            Json(crate::error::AppError::Forbidden),
        )
            .into_response();
    }
    let status = if *req.method() == Method::GET || *req.method() == Method::HEAD {
        StatusCode::FOUND
    } else {
        StatusCode::SEE_OTHER
    };
    (
        status,
        [(
            header::LOCATION,
            format!("{ACCOUNT_PAGE}?notice=MustChangePassword"),
        )],
    )
        .into_response()
}

async fn load_user(
    state: &AppState,
    session: &Session,
) -> Result<Option<crate::model::CurrentUser>, ()> {
    let id: Option<i64> = session.get(session::USER_ID).await.map_err(|e| {
        tracing::error!(error = %e, "could not read the session");
    })?;
    let Some(id) = id else { return Ok(None) };
    let user = super::services::people::current_user(&state.db, id)
        .await
        .map_err(|_| ())?;
    let epoch: i64 = session
        .get(session::EPOCH)
        .await
        .map_err(|e| tracing::error!(error = %e, "could not read the session"))?
        .unwrap_or(0);
    match user {
        // Signed in before the person's last password change or reset: the session has ended.
        Some((_, current)) if current != epoch => {
            let _ = session.flush().await;
            Ok(None)
        }
        Some((user, _)) => {
            if let Err(e) = session::refresh_if_stale(session).await {
                tracing::warn!(error = %e, "could not refresh the session");
            }
            Ok(Some(user))
        }
        None => {
            // The account was deactivated or deleted: end the session.
            let _ = session.flush().await;
            Ok(None)
        }
    }
}

fn client_ip(req: &Request, trusted_proxies: u8) -> Option<std::net::IpAddr> {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok());
    client_address(forwarded, peer, trusted_proxies)
}

/// The client's address behind `hops` trusted proxies: each proxy appends the address it saw
/// to `X-Forwarded-For`, so the client is the `hops`-th entry from the right; anything left of
/// it was written by the client and proves nothing. A request with fewer entries than that did
/// not come through the proxies, and its peer address is used.
pub fn client_address<'a>(
    forwarded: impl Iterator<Item = &'a str>,
    peer: Option<std::net::IpAddr>,
    hops: u8,
) -> Option<std::net::IpAddr> {
    if hops == 0 {
        return peer;
    }
    let entries: Vec<&str> = forwarded
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .collect();
    match entries.len().checked_sub(usize::from(hops)) {
        Some(i) => entries[i].parse().ok().or(peer),
        None => peer,
    }
}

/// The fields of a multipart form: name → (file name, bytes).
pub(super) type Fields = std::collections::HashMap<String, (Option<String>, Bytes)>;

/// Reads the parts of a multipart upload (its CSRF field was checked by [`security`], like
/// every state-changing request's).
pub(super) async fn read_upload(
    state: &AppState,
    req: Request,
    ctx: &RequestCtx,
) -> Result<Fields, Response> {
    let lang = ctx.lang;
    let mut multipart = Multipart::from_request(req, state)
        .await
        .map_err(|_| message_page(StatusCode::BAD_REQUEST, Msg::ErrInvalid, lang))?;
    let mut fields = Fields::new();
    // Too large is 413; anything else wrong with the parts (a NUL in a file name, a broken
    // boundary) is 422, with a message that says so.
    let refused = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            message_page(StatusCode::PAYLOAD_TOO_LARGE, Msg::ErrTooLong, lang)
        } else {
            message_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                Msg::ErrUploadUnreadable,
                lang,
            )
        }
    };
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_owned();
                let file_name = field.file_name().map(str::to_owned);
                if file_name
                    .as_deref()
                    .is_some_and(|n| n.chars().any(char::is_control))
                {
                    return Err(message_page(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        Msg::ErrUploadUnreadable,
                        lang,
                    ));
                }
                let data = field.bytes().await.map_err(refused)?;
                fields.insert(name, (file_name, data));
            }
            Ok(None) => break,
            Err(e) => return Err(refused(e)),
        }
    }
    Ok(fields)
}

/// Whether the request carried a session cookie (so a missing user means an ended session).
pub(super) fn has_session_cookie(headers: &HeaderMap) -> bool {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|h| csrf::cookie_value(h, session::COOKIE).is_some())
}

/// The signed-in person for an upload route, or the response that turns the request away.
pub(super) fn upload_user(
    ctx: &RequestCtx,
    had_session: bool,
    path: &str,
    allowed: impl Fn(&crate::model::CurrentUser) -> bool,
) -> Result<crate::model::CurrentUser, Box<Response>> {
    match &ctx.user {
        None => Err(Box::new(
            (
                StatusCode::SEE_OTHER,
                [(
                    header::LOCATION,
                    super::request::login_url(path, had_session),
                )],
            )
                .into_response(),
        )),
        Some(u) if !allowed(u) => Err(Box::new(message_page(
            StatusCode::FORBIDDEN,
            Msg::ErrForbidden,
            ctx.lang,
        ))),
        Some(u) => Ok(u.clone()),
    }
}

/// `POST /admin/people/import`: a CSV upload from the import page. Admins only. Renders the
/// import page with the outcome.
async fn import_people(State(state): State<AppState>, req: Request) -> Response {
    let ctx = req
        .extensions()
        .get::<RequestCtx>()
        .cloned()
        .unwrap_or_default();
    let lang = ctx.lang;
    if let Err(res) = upload_user(
        &ctx,
        has_session_cookie(req.headers()),
        "/admin/people/import",
        |u| u.has(Role::Admin),
    ) {
        return *res;
    }
    let (parts, body) = req.into_parts();
    let fields = match read_upload(&state, Request::from_parts(parts.clone(), body), &ctx).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let file = fields
        .get("file")
        .map(|(_, b)| b.clone())
        .unwrap_or_default();
    let outcome = match super::services::import::import_people(&state.db, &file).await {
        Ok(outcome) => outcome,
        Err(_) => return message_page(StatusCode::INTERNAL_SERVER_ERROR, Msg::ErrInternal, lang),
    };
    let status = match outcome {
        crate::model::ImportOutcome::Imported(_) => StatusCode::OK,
        crate::model::ImportOutcome::Rejected(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    // Render the import page itself, with the outcome in its context.
    render_with(&state, parts, None, outcome, status).await
}

/// Renders the page of `parts` (or of `path`) as a `GET`, with `value` in its context and the
/// response status `status`: how an upload shows its outcome on the page it came from.
pub(super) async fn render_with<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: axum::http::request::Parts,
    path: Option<&str>,
    value: T,
    status: StatusCode,
) -> Response {
    let mut get = Request::from_parts(parts, Body::empty());
    *get.method_mut() = Method::GET;
    if let Some(uri) = path.and_then(|p| p.parse().ok()) {
        *get.uri_mut() = uri;
    }
    let render = leptos_axum::render_app_async_with_context(
        {
            let state = state.clone();
            move || {
                provide_context(state.clone());
                provide_context(value.clone());
            }
        },
        {
            let options = state.leptos.clone();
            move || shell(options.clone())
        },
    );
    let mut res = render(get).await;
    *res.status_mut() = status;
    res
}

/// `POST /author/lessons/{id}/images`: an image uploaded from the lesson editor, stored beside
/// the lesson's module. Back to the editor with a notice or the reason it was refused.
async fn upload_lesson_image(
    State(state): State<AppState>,
    Path(lesson_id): Path<i64>,
    req: Request,
) -> Response {
    let ctx = req
        .extensions()
        .get::<RequestCtx>()
        .cloned()
        .unwrap_or_default();
    let back = format!("/author/lessons/{lesson_id}");
    let user = match upload_user(&ctx, has_session_cookie(req.headers()), &back, |u| {
        u.has(Role::Trainer) || u.has(Role::Admin)
    }) {
        Ok(u) => u,
        Err(res) => return *res,
    };
    let fields = match read_upload(&state, req, &ctx).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let (name, bytes) = fields.get("file").cloned().unwrap_or_default();
    let result = super::services::authoring::upload_image(
        &state.db,
        &user,
        lesson_id,
        name.as_deref().unwrap_or(""),
        &bytes,
    )
    .await;
    let result = result
        .map(|_| super::request::with_feedback(&back, "notice", Msg::ImageUploaded.code(), None));
    after_post(&back, result, ctx.lang)
}

/// `GET /media/courses/{course_id}/{module}/{name}`: an image beside a lesson, for people who
/// may read the course. Images are served with a policy that forbids any script or embedding,
/// so an SVG opened directly cannot run code, and may be cached only by the reader's browser.
async fn course_media(
    State(state): State<AppState>,
    Path((course_id, module, name)): Path<(i64, String, String)>,
    req: Request,
) -> Response {
    let ctx = req
        .extensions()
        .get::<RequestCtx>()
        .cloned()
        .unwrap_or_default();
    let Some(user) = ctx.user else {
        return (StatusCode::UNAUTHORIZED, "sign in to see course images").into_response();
    };
    match super::services::courses::media(&state.db, &user, course_id, &module, &name).await {
        Ok((content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "private, max-age=86400".to_owned()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND),
            "not found",
        )
            .into_response(),
    }
}

/// `GET /media/exercises/{hash}/{full|display|thumb}.jpg`: an exercise image, to signed-in
/// people only (fraud-training material is not public); its name is the hash of the upload, so
/// it never changes and is cached for a year, privately.
async fn exercise_image(
    State(state): State<AppState>,
    Path((hash, file)): Path<(String, String)>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    if ctx.user.is_none() {
        return (StatusCode::UNAUTHORIZED, "sign in to see exercise images").into_response();
    }
    let Some(size) = file
        .strip_suffix(".jpg")
        .and_then(super::services::exercise_images::Size::from_name)
    else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    match super::services::exercise_images::fetch(&state.db, &hash, size).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg".to_owned()),
                (
                    header::CACHE_CONTROL,
                    "private, max-age=31536000, immutable".to_owned(),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND),
            "not found",
        )
            .into_response(),
    }
}

use axum::extract::FromRequest;

pub(super) fn request_ctx(req: &Request) -> RequestCtx {
    req.extensions()
        .get::<RequestCtx>()
        .cloned()
        .unwrap_or_default()
}

/// The response for a service error on a plain (non-form) route.
pub(super) fn error_response(err: &crate::error::AppError, lang: Lang) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    message_page(status, err.message(), lang)
}

/// The answer to a plain form post handled outside server functions: on success, `303` to the
/// page `result` names; on invalid input, back to `back` with the message and its field; on
/// any other error, the error page with its status.
pub(super) fn after_post(
    back: &str,
    result: crate::error::AppResult<String>,
    lang: Lang,
) -> Response {
    let target = match result {
        Ok(target) => target,
        Err(crate::error::AppError::Validation(errors)) => {
            super::request::with_errors(back, &errors)
        }
        Err(e) => return error_response(&e, lang),
    };
    (StatusCode::SEE_OTHER, [(header::LOCATION, target)]).into_response()
}

/// The signed-in person (allowed by `allowed`) and the URL-encoded fields of a plain form
/// posted outside server functions (repeated names kept), or the response turning it away.
pub(super) async fn read_form(
    req: Request,
    ctx: &RequestCtx,
    back: &str,
    allowed: impl Fn(&crate::model::CurrentUser) -> bool,
) -> Result<(crate::model::CurrentUser, Vec<(String, String)>), Response> {
    let user =
        upload_user(ctx, has_session_cookie(req.headers()), back, allowed).map_err(|r| *r)?;
    let bytes = axum::body::to_bytes(req.into_body(), FORM_LIMIT)
        .await
        .map_err(|_| message_page(StatusCode::PAYLOAD_TOO_LARGE, Msg::ErrTooLong, ctx.lang))?;
    let fields = form_urlencoded::parse(&bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    Ok((user, fields))
}

/// The signed-in person for a download, or the response sending them to sign in.
pub(super) fn download_user(
    req: &Request,
    ctx: &RequestCtx,
) -> Result<crate::model::CurrentUser, Box<Response>> {
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned());
    upload_user(ctx, has_session_cookie(req.headers()), &path, |_| true)
}

/// A file to download, never cached by shared caches, under a name reduced to letters,
/// digits, dots, hyphens and underscores (no quote, path or header trick survives).
pub(super) fn attachment(content_type: &str, file_name: &str, body: impl Into<Body>) -> Response {
    let file_name = safe_file_name(file_name);
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body.into(),
    )
        .into_response()
}

/// `name` with every character but ASCII letters, digits, `.`, `-` and `_` replaced by `_`,
/// and no leading dot.
pub(super) fn safe_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .take(120)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    if safe.is_empty() {
        "download".to_owned()
    } else {
        safe.to_owned()
    }
}

/// `POST /author/courses/{slug}/questions/import`: a GIFT or Moodle XML file for the course's
/// question bank. Renders the bank page with what was imported and what was refused.
async fn import_questions(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/author/courses/{slug}/questions");
    let user = match upload_user(&ctx, has_session_cookie(req.headers()), &back, |u| {
        u.has(Role::Trainer) || u.has(Role::Admin)
    }) {
        Ok(u) => u,
        Err(res) => return *res,
    };
    let (parts, body) = req.into_parts();
    let fields = match read_upload(&state, Request::from_parts(parts.clone(), body), &ctx).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let course = match super::services::authoring::editable_course(&state.db, &user, &slug).await {
        Ok(c) => c,
        Err(e) => return error_response(&e, ctx.lang),
    };
    let (name, bytes) = fields.get("file").cloned().unwrap_or_default();
    let valid_only = fields.contains_key("valid_only");
    let report = match super::services::bank::import_file(
        &state.db,
        course.id,
        name.as_deref().unwrap_or(""),
        &bytes,
        valid_only,
    )
    .await
    {
        Ok(r) => r,
        Err(e) => return error_response(&e, ctx.lang),
    };
    let status = if report.written {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with(&state, parts, Some(&back), report, status).await
}

/// `GET /author/courses/{slug}/questions/export/{gift|xml}`: the course's question bank.
async fn export_questions(
    State(state): State<AppState>,
    Path((slug, format)): Path<(String, String)>,
    Require(user, _): Require<Author>,
) -> Result<Response, AppError> {
    let (format, content_type, ext) = match format.as_str() {
        "gift" => (
            content::questions::Format::Gift,
            "text/plain; charset=utf-8",
            "gift",
        ),
        "xml" => (
            content::questions::Format::MoodleXml,
            "application/xml; charset=utf-8",
            "xml",
        ),
        _ => return Err(AppError::NotFound),
    };
    let course = super::services::authoring::editable_course(&state.db, &user, &slug).await?;
    let text = super::services::bank::export(&state.db, course.id, format).await?;
    Ok(attachment(
        content_type,
        &format!("{}-questions.{ext}", course.slug),
        text,
    ))
}

/// `POST /attempts/{id}/answers`: the attempt form without script — saves every answer on the
/// page, and submits the attempt when the "Submit" button was used.
async fn post_answers(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/attempts/{id}");
    let (user, fields) = match read_form(req, &ctx, &back, |_| true).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let submit = fields.iter().any(|(k, v)| k == "action" && v == "submit");
    let result = match super::services::attempts::save_answers(&state.db, &user, id, &fields).await
    {
        Ok(_) if submit => super::services::attempts::submit(&state.db, &user, id).await,
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    };
    let result = result.map(|()| {
        if submit {
            back.clone()
        } else {
            super::request::with_feedback(&back, "notice", Msg::AnswersSaved.code(), None)
        }
    });
    after_post(&back, result, ctx.lang)
}

/// `GET /classes/{id}/quizzes/{quiz}/results.csv`: a quiz's results in a class.
async fn results_csv(
    State(state): State<AppState>,
    Path((id, quiz)): Path<(i64, i64)>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let csv = super::services::results::results_csv(&state.db, &user, id, quiz).await?;
    Ok(attachment(
        "text/csv; charset=utf-8",
        &format!("class-{id}-quiz-{quiz}-results.csv"),
        csv,
    ))
}

/// `GET /certificates/{code}/pdf`: a certificate, for its holder, their trainers and
/// administrators.
async fn certificate_pdf(
    State(state): State<AppState>,
    Path(code): Path<String>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    // The verification link printed on paper: the configured public address, never the
    // request's `Host` header (which the requester chooses).
    let base = &state.config.public_url;
    let pdf = super::services::certificates::pdf(&state.db, &user, &code, base).await?;
    Ok(attachment(
        "application/pdf",
        &format!("certificate-{}.pdf", code.trim().to_ascii_uppercase()),
        pdf,
    ))
}

/// `POST /assessments/{id}/scope`: the elements ticked on the scope form (repeated `element`
/// fields, which server functions cannot take).
async fn post_scope(State(state): State<AppState>, Path(id): Path<i64>, req: Request) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/assessments/{id}");
    let (user, fields) = match read_form(req, &ctx, &back, |_| true).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let elements: Vec<String> = fields
        .into_iter()
        .filter(|(k, _)| k == "element")
        .map(|(_, v)| v)
        .collect();
    let result = super::services::capacity::set_scope(&state.db, &user, id, &elements)
        .await
        .map(|()| super::request::with_feedback(&back, "notice", Msg::Saved.code(), None));
    after_post(&back, result, ctx.lang)
}

/// `GET /assessments/{id}/export/{md|html|pdf}`: the country report to download, for the team.
async fn export_report(
    State(state): State<AppState>,
    Path((id, format)): Path<(i64, String)>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let report = super::services::capacity::report(&state.db, &user, id).await?;
    Ok(match format.as_str() {
        "md" => attachment(
            "text/markdown; charset=utf-8",
            &format!("assessment-{id}-report.md"),
            super::services::capacity::report_markdown(&report),
        ),
        "html" => attachment(
            "text/html; charset=utf-8",
            &format!("assessment-{id}-report.html"),
            super::services::capacity::report_html(&report),
        ),
        "pdf" => attachment(
            "application/pdf",
            &format!("assessment-{id}-report.pdf"),
            super::report_pdf::render(&report),
        ),
        _ => return Err(AppError::NotFound),
    })
}

/// `POST /assessments/{id}/documents`: a source document attached to an indicator.
async fn upload_document(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/assessments/{id}");
    let user = match upload_user(&ctx, has_session_cookie(req.headers()), &back, |_| true) {
        Ok(u) => u,
        Err(res) => return *res,
    };
    let fields = match read_upload(&state, req, &ctx).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let indicator = fields
        .get("indicator")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let (name, bytes) = fields.get("file").cloned().unwrap_or_default();
    let result = super::services::capacity::attach_document(
        &state.db,
        &user,
        id,
        &indicator,
        name.as_deref().unwrap_or(""),
        &bytes,
    )
    .await;
    let result = result.map(|element| {
        super::request::with_feedback(
            &format!("/assessments/{id}/elements/{element}"),
            "notice",
            Msg::DocumentAttached.code(),
            None,
        )
    });
    after_post(&back, result, ctx.lang)
}

/// `GET /assessments/{id}/documents/{doc}`: a source document, for the team, always as a
/// download (never displayed inline).
async fn download_document(
    State(state): State<AppState>,
    Path((id, doc)): Path<(i64, i64)>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let (name, content_type, bytes) =
        super::services::capacity::document(&state.db, &user, id, doc).await?;
    let mut res = attachment(&content_type, &name, bytes);
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(res)
}

/// `POST /admin/positions/{id}/specification`: the required level of every competency
/// (`c_<competency id>` fields; empty for none). Administrators only.
async fn post_specification(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/admin/positions/{id}");
    let (_, fields) = match read_form(req, &ctx, &back, |u| u.has(Role::Admin)).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let levels: Vec<(String, String)> = fields
        .into_iter()
        .filter_map(|(k, v)| k.strip_prefix("c_").map(|c| (c.to_owned(), v)))
        .collect();
    let result = super::services::tna::set_job_specification(&state.db, id, &levels)
        .await
        .map(|()| super::request::with_feedback(&back, "notice", Msg::Saved.code(), None));
    after_post(&back, result, ctx.lang)
}

#[cfg(test)]
mod tests {
    use super::client_address;
    use std::net::IpAddr;

    fn ip(s: &str) -> Option<IpAddr> {
        s.parse().ok()
    }

    #[test]
    fn download_names_are_reduced_to_safe_characters() {
        assert_eq!(
            super::safe_file_name("Decree 12/2019.pdf"),
            "Decree_12_2019.pdf"
        );
        assert_eq!(
            super::safe_file_name("a\"; filename=evil.html\r\n.pdf"),
            "a___filename_evil.html__.pdf"
        );
        assert_eq!(super::safe_file_name("../.."), "_..");
        assert_eq!(super::safe_file_name(".htaccess"), "htaccess");
        assert_eq!(super::safe_file_name(""), "download");
    }

    #[test]
    fn the_client_address_is_the_one_the_outermost_trusted_proxy_added() {
        let peer = ip("10.0.0.2");
        // No proxy trusted: the header is ignored.
        assert_eq!(client_address(["1.2.3.4"].into_iter(), peer, 0), peer);
        // One proxy: the right-most entry; what the client wrote to the left is ignored.
        assert_eq!(
            client_address(["6.6.6.6, 203.0.113.9"].into_iter(), peer, 1),
            ip("203.0.113.9")
        );
        // Two proxies, the header split over two lines.
        assert_eq!(
            client_address(["6.6.6.6, 203.0.113.9", "10.0.0.7"].into_iter(), peer, 2),
            ip("203.0.113.9")
        );
        // Fewer entries than proxies: not from the proxies, so the peer address.
        assert_eq!(client_address(["203.0.113.9"].into_iter(), peer, 2), peer);
        assert_eq!(client_address(std::iter::empty(), peer, 1), peer);
        // Garbage where the proxy's entry should be: the peer address.
        assert_eq!(client_address(["not-an-ip"].into_iter(), peer, 1), peer);
    }
}
