//! The HTTP surface: router, middleware (security headers, CSRF, sessions, request context),
//! health check, static assets and the CSV upload route.

use super::request::RequestCtx;
use super::state::AppState;
use super::{csrf, session};
use crate::app::{App, shell};
use crate::i18n::{Lang, Msg};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::time::Duration;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::Session;

mod assessments;
mod courses;
mod desk;
pub mod exercises;
mod extract;
mod people;
mod quizzes;
mod records;
mod respond;
mod routes;
mod tna;
pub mod trace;
pub use extract::{
    Admin, Analyst, Author, Form, Path, Policy, Query, Require, TypedForm, Upload, refusal,
};
pub use respond::{after_post, attachment, back_with_notice, render_with, safe_file_name};
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
        .layer(middleware::from_fn_with_state(state.clone(), keep_typed))
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
        // Per route (the route pattern is known), inside the request id layers.
        .layer(middleware::from_fn(trace::keep_span))
        .layer(trace::layer())
        .layer(PropagateRequestIdLayer::new(HeaderName::from_static(
            trace::REQUEST_ID,
        )))
        .layer(SetRequestIdLayer::new(
            HeaderName::from_static(trace::REQUEST_ID),
            trace::RandomIds,
        ))
        .layer(middleware::map_request(trace::screen_incoming_id))
        .with_state(state)
}

/// Every plain route: form posts, uploads and downloads outside server functions and pages.
fn plain() -> Routes {
    Routes::new()
        .merge(people::routes())
        .merge(courses::routes())
        .merge(quizzes::routes())
        .merge(assessments::routes())
        .merge(exercises::routes())
        .merge(desk::routes())
        .merge(tna::routes())
        .merge(records::routes())
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
    let lang = req
        .extensions()
        .get::<RequestCtx>()
        .map(|ctx| ctx.lang)
        .unwrap_or_default();
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

/// A form post refused by the server (answered with a redirect to its page and an error) goes
/// back with what was typed: see [`super::typed`].
async fn keep_typed(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let action = req.uri().path().to_owned();
    let had = super::cookies::read(req.headers(), super::typed::COOKIE).is_some();
    let (req, body) = form_body(req).await;
    let mut res = next.run(req).await;
    let secure = state.config.secure_cookies;
    let kept = match (body, res.headers().get(header::LOCATION)) {
        (Some(body), Some(location)) => location
            .to_str()
            .ok()
            .and_then(|l| super::typed::set_cookie(&action, &body, l, secure)),
        _ => None,
    };
    // A post that keeps nothing forgets what an earlier one kept, so it never comes back with
    // a later, unrelated error.
    let forget = || had.then(|| super::typed::clear_cookie(secure)).flatten();
    if let Some((name, value)) = kept.or_else(forget) {
        res.headers_mut().append(name, value);
    }
    res
}

/// A browser's URL-encoded form post of at most [`super::typed::MAX_BODY`] bytes, read so its
/// fields can be kept if it is refused; any other request passes as it is.
async fn form_body(req: Request) -> (Request, Option<Bytes>) {
    let urlencoded = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let small = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n <= super::typed::MAX_BODY);
    if !urlencoded || !small || super::request::wants_json(req.headers()) {
        return (req, None);
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, super::typed::MAX_BODY).await {
        Ok(bytes) => (
            Request::from_parts(parts, Body::from(bytes.clone())),
            Some(bytes),
        ),
        Err(_) => (Request::from_parts(parts, Body::empty()), None),
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
    let cookie_token =
        super::cookies::read(req.headers(), csrf::COOKIE).filter(|t| csrf::well_formed(t));
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
    if let Some(v) = new_csrf.and_then(|token| {
        super::cookies::set(csrf::COOKIE, &token, None, state.config.secure_cookies)
    }) {
        headers.append(header::SET_COOKIE, v);
    }
    res
}

/// A small, complete HTML page with one message, for responses produced before the app
/// renders (CSRF rejections, oversized bodies).
pub(super) fn message_page(status: StatusCode, msg: Msg, lang: Lang) -> Response {
    // Catalogue text is the translators', not markup.
    let esc = crate::components::page_title::escape_html;
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/pkg/checkpoint.css\"></head><body><main class=\"page\">\
         <h1>{}</h1><p role=\"alert\">{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
        lang.code(),
        lang.dir(),
        esc(Msg::AppName.text(lang)),
        esc(Msg::ErrorTitle.text(lang)),
        esc(msg.text(lang)),
        esc(Msg::BackHome.text(lang))
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
            super::cookies::read(headers, crate::api::LANG_COOKIE).and_then(|l| Lang::from_tag(&l))
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
    if let Some(user) = &user {
        trace::record_person(&req, user.id);
    }
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

/// Whether the request carried a session cookie (so a missing user means an ended session).
pub(super) fn has_session_cookie(headers: &HeaderMap) -> bool {
    super::cookies::read(headers, session::COOKIE).is_some()
}

#[cfg(test)]
mod tests {
    use super::client_address;
    use std::net::IpAddr;

    fn ip(s: &str) -> Option<IpAddr> {
        s.parse().ok()
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
