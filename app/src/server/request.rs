//! What a request knows about itself — the signed-in person, the language, the CSRF token,
//! the CSP nonce — and the helpers server functions and pages use to read it.
//!
//! The middleware in [`super::http`] computes a [`RequestCtx`] once per request and stores it
//! in the request's extensions; Leptos hands those to pages and server functions as [`Parts`].

use super::state::AppState;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::model::{CurrentUser, Role};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::net::IpAddr;
use tower_sessions::Session;

/// Per-request facts computed by the middleware.
#[derive(Debug, Clone, Default)]
pub struct RequestCtx {
    /// The signed-in person, if any.
    pub user: Option<CurrentUser>,
    /// Interface language for this request.
    pub lang: Lang,
    /// The CSRF token forms must send back.
    pub csrf: String,
    /// The nonce allowed by this response's Content-Security-Policy.
    pub nonce: String,
    /// The client's address, for throttling.
    pub client_ip: Option<IpAddr>,
}

/// The request parts Leptos provides to pages and server functions.
pub fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// This request's [`RequestCtx`] (empty outside a request, e.g. while listing routes).
pub fn ctx() -> RequestCtx {
    parts()
        .and_then(|p| p.extensions.get::<RequestCtx>().cloned())
        .unwrap_or_default()
}

/// The shared application state.
pub fn state() -> AppResult<AppState> {
    use_context::<AppState>()
        .ok_or_else(|| super::errors::internal("app state missing", "no context"))
}

/// This request's session.
pub fn session() -> AppResult<Session> {
    parts()
        .and_then(|p| p.extensions.get::<Session>().cloned())
        .ok_or_else(|| super::errors::internal("session missing", "no session layer"))
}

/// The signed-in person, or `Unauthorized`.
pub fn require_user() -> AppResult<CurrentUser> {
    ctx().user.ok_or(AppError::Unauthorized)
}

/// The signed-in person if they hold `role`; otherwise `Unauthorized` (nobody signed in) or
/// `Forbidden`. (A pending password change is enforced for every request by the middleware in
/// [`super::http`].)
pub fn require(role: Role) -> AppResult<CurrentUser> {
    let user = require_user()?;
    if !user.has(role) {
        return Err(AppError::Forbidden);
    }
    Ok(user)
}

/// Whether this request is a server-function call posted by a plain HTML form (rather than
/// a page being rendered, or a client asking for JSON).
fn is_form_post(parts: &Parts) -> bool {
    parts.uri.path().starts_with("/api/") && !wants_json(&parts.headers)
}

/// Whether a caller asks for JSON rather than a page.
pub fn wants_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"))
}

/// The value of cookie `name` sent with this request.
pub fn cookie(name: &str) -> Option<String> {
    super::cookies::read(&parts()?.headers, name)
}

/// Sets cookie `name` on the response: whole site, HttpOnly, SameSite=Lax, kept `max_age`
/// seconds, `Secure` when `secure`.
pub fn set_cookie(name: &str, value: &str, max_age: u32, secure: bool) {
    let Some(res) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Some(v) = super::cookies::set(name, value, Some(max_age), secure) {
        res.append_header(header::SET_COOKIE, v);
    }
}

/// Whether the request carried a session cookie: an anonymous request that did was signed in
/// before and its session has ended.
pub fn had_session() -> bool {
    parts().is_some_and(|p| super::cookies::read(&p.headers, super::session::COOKIE).is_some())
}

/// Sends the browser to `path` with `303 See Other` (after a form post) or `302 Found` (during
/// rendering).
pub fn redirect(path: &str) {
    let Some(res) = use_context::<ResponseOptions>() else {
        return;
    };
    let Ok(location) = HeaderValue::from_str(path) else {
        return;
    };
    let status = match parts() {
        Some(p) if p.method == axum::http::Method::POST => StatusCode::SEE_OTHER,
        _ => StatusCode::FOUND,
    };
    res.set_status(status);
    res.insert_header(header::LOCATION, location);
}

/// Sets the HTTP status of the response being built.
pub fn set_status(status: u16) {
    if let (Some(res), Ok(status)) = (
        use_context::<ResponseOptions>(),
        StatusCode::from_u16(status),
    ) {
        res.set_status(status);
    }
}

/// The path and query of the page a form was posted from, if it is on this site.
pub fn referer_path(parts: &Parts) -> Option<String> {
    let referer = parts.headers.get(header::REFERER)?.to_str().ok()?;
    let uri: axum::http::Uri = referer.parse().ok()?;
    if let (Some(ref_host), Some(host)) = (uri.authority(), parts.headers.get(header::HOST))
        && ref_host.as_str() != host.to_str().ok()?
    {
        return None;
    }
    let pq = uri.path_and_query()?.as_str().to_owned();
    crate::validate::local_path(&pq).map(str::to_owned)
}

/// `path` without the feedback parameters (`error`, `field`, `fe`, `notice`, `n`, `expired`).
pub fn strip_feedback(path: &str) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if !matches!(
            k.as_ref(),
            "error" | "field" | "fe" | "notice" | "n" | "expired"
        ) {
            out.append_pair(&k, &v);
        }
    }
    let query = out.finish();
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

/// `path` with its feedback parameters replaced by `key=code` (and `field`).
pub fn with_feedback(path: &str, key: &str, code: &str, field: Option<&str>) -> String {
    let stripped = strip_feedback(path);
    let sep = if stripped.contains('?') { '&' } else { '?' };
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair(key, code);
    if let Some(field) = field {
        out.append_pair("field", field);
    }
    format!("{stripped}{sep}{}", out.finish())
}

/// `path` with every field error of a refused form: the first as `error` and `field` (the
/// banner), and each as `fe=<field>:<code>`, so every field shows its own message.
pub fn with_errors(path: &str, errors: &[crate::error::FieldError]) -> String {
    let first = errors.first();
    let mut target = with_feedback(
        path,
        "error",
        first.map(|e| e.message.code()).unwrap_or("ErrInvalid"),
        first.map(|e| e.field.as_str()),
    );
    let mut out = form_urlencoded::Serializer::new(String::new());
    for e in errors.iter().take(50) {
        out.append_pair("fe", &format!("{}:{}", e.field, e.message.code()));
    }
    if errors.len() > 1 {
        target.push('&');
        target.push_str(&out.finish());
    }
    target
}

/// The sign-in page, returning to `next` afterwards.
pub fn login_url(next: &str, expired: bool) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("next", next);
    if expired {
        out.append_pair("expired", "1");
    }
    format!("/login?{}", out.finish())
}

/// Finishes a server function: on error, a plain form post is sent back to its page with the
/// message (or to sign-in when the session has ended), and any other caller gets the error's
/// HTTP status. The error itself is returned unchanged.
pub fn finish<T>(result: AppResult<T>) -> AppResult<T> {
    let Err(err) = &result else { return result };
    match parts() {
        Some(p) if is_form_post(&p) => {
            let back = referer_path(&p).unwrap_or_else(|| "/".to_owned());
            let target = match err {
                AppError::Unauthorized => login_url(&strip_feedback(&back), had_session()),
                AppError::Validation(errors) => with_errors(&back, errors),
                other => with_feedback(&back, "error", other.message().code(), None),
            };
            redirect(&target);
        }
        _ => set_status(err.status()),
    }
    result
}

/// URL-encoded `fields` (as a form posts them) as name–value pairs, repeated names kept.
pub fn form_fields(encoded: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The time of day of `at` as `HH:MM:SS` (what an autosave reports).
pub fn time_of_day(at: time::OffsetDateTime) -> String {
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_replaces_previous_feedback_and_keeps_other_parameters() {
        assert_eq!(
            with_feedback(
                "/login?next=%2Fadmin&error=Old&field=x",
                "error",
                "ErrBadCredentials",
                None
            ),
            "/login?next=%2Fadmin&error=ErrBadCredentials"
        );
        assert_eq!(
            with_feedback("/a", "notice", "Saved", Some("f")),
            "/a?notice=Saved&field=f"
        );
    }

    #[test]
    fn every_field_error_travels_back() {
        use crate::error::FieldError;
        use crate::i18n::Msg;
        let one = [FieldError::new("name", Msg::ErrRequired)];
        assert_eq!(
            with_errors("/a?x=1&fe=old:ErrInvalid", &one),
            "/a?x=1&error=ErrRequired&field=name"
        );
        let two = [
            FieldError::new("name", Msg::ErrRequired),
            FieldError::new("ends_on", Msg::ErrDateOrder),
        ];
        assert_eq!(
            with_errors("/a", &two),
            "/a?error=ErrRequired&field=name&fe=name%3AErrRequired&fe=ends_on%3AErrDateOrder"
        );
    }

    #[test]
    fn login_url_escapes_the_return_path() {
        assert_eq!(
            login_url("/admin/people?page=2&q=a b", true),
            "/login?next=%2Fadmin%2Fpeople%3Fpage%3D2%26q%3Da+b&expired=1"
        );
    }
}
