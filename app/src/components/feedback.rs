//! Messages after a form post: the page reads them from its query string (`notice`, `error`,
//! `field`), so they survive the redirect without any session state or script.

use crate::i18n::{Msg, t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn query_msg(key: &str) -> Option<Msg> {
    use_query_map()
        .with_untracked(|q| q.get(key))
        .and_then(|c| Msg::from_code(&c))
}

/// The field the last error was about, if any.
pub fn error_field() -> Option<String> {
    use_query_map().with_untracked(|q| q.get("field"))
}

/// The text of the last error, if any.
pub fn error_text() -> Option<&'static str> {
    query_msg("error").map(t)
}

/// The notice or error banner at the top of a page. Errors tied to a field show next to it
/// (see [`FieldMsg`]) and are summarised here too, so screen readers announce them.
#[component]
pub fn Feedback() -> impl IntoView {
    let notice = query_msg("notice");
    let error = query_msg("error");
    let expired = use_query_map()
        .with_untracked(|q| q.get("expired"))
        .is_some();
    view! {
        {expired.then(|| view! { <p class="banner banner-warning" role="status">{t(Msg::SessionExpired)}</p> })}
        {notice.map(|m| view! { <p class="banner banner-ok" role="status">{t(m)}</p> })}
        {error.map(|m| view! { <p class="banner banner-error" role="alert" id="form-error">{t(m)}</p> })}
    }
}

/// The error message for `field`, if the last post failed on it.
#[component]
pub fn FieldMsg(field: &'static str) -> impl IntoView {
    let show = error_field().is_some_and(|f| f == field);
    let msg = query_msg("error");
    (show && msg.is_some()).then(|| {
        view! { <span class="field-error" id=format!("{field}-error")>{msg.map(t)}</span> }
    })
}
