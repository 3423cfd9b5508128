//! How plain routes answer: back to the form after a post, a page re-rendered with an
//! upload's outcome, a file to download.

use crate::app::shell;
use crate::error::{AppError, AppResult};
use crate::server::request::with_errors;
use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

/// Renders the page of `parts` (or of `path`) as a `GET`, with `value` in its context and the
/// response status `status`: how an upload shows its outcome on the page it came from.
pub async fn render_with<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: Parts,
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

/// The answer to a plain form post handled outside server functions: on success, `303` to the
/// page `result` names; on invalid input, back to `back` with the message and its field; on
/// any other error, the error page with its status.
pub fn after_post(back: &str, result: AppResult<String>) -> Response {
    let target = match result {
        Ok(target) => target,
        Err(AppError::Validation(errors)) => with_errors(back, &errors),
        Err(e) => return e.into_response(),
    };
    (StatusCode::SEE_OTHER, [(header::LOCATION, target)]).into_response()
}

/// Back to `back` with `notice` when `result` succeeded, or with the reason it was refused
/// (see [`after_post`]): the answer to every form that changes something on the page it is on.
pub fn back_with_notice<T>(back: &str, notice: crate::i18n::Msg, result: AppResult<T>) -> Response {
    after_post(
        back,
        result.map(|_| crate::server::request::with_feedback(back, "notice", notice.code(), None)),
    )
}

/// A file to download, never cached by shared caches, under a name reduced to letters,
/// digits, dots, hyphens and underscores (no quote, path or header trick survives).
pub fn attachment(content_type: &str, file_name: &str, body: impl Into<Body>) -> Response {
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
pub fn safe_file_name(name: &str) -> String {
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

#[cfg(test)]
mod tests {
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
}
