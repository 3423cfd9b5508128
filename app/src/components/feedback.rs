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

/// Every field error of the last post: `fe=<field>:<code>` entries, or the one `field` and
/// `error` pair.
pub fn field_errors() -> Vec<(String, Msg)> {
    let (all, field, error) = use_query_map().with_untracked(|q| {
        (
            q.get_all("fe").unwrap_or_default(),
            q.get("field"),
            q.get("error"),
        )
    });
    let mut out: Vec<(String, Msg)> = all
        .iter()
        .filter_map(|e| e.split_once(':'))
        .filter_map(|(f, c)| Msg::from_code(c).map(|m| (f.to_owned(), m)))
        .collect();
    if out.is_empty()
        && let (Some(f), Some(m)) = (field, error.and_then(|c| Msg::from_code(&c)))
    {
        out.push((f, m));
    }
    out
}

/// Whether the last post failed on `field`.
pub fn field_has_error(field: &str) -> bool {
    field_errors().iter().any(|(f, _)| f == field)
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
    // With several field errors, the banner lists each once.
    let mut more: Vec<Msg> = Vec::new();
    for (_, m) in field_errors() {
        if Some(m) != error && !more.contains(&m) {
            more.push(m);
        }
    }
    view! {
        {expired.then(|| view! { <p class="banner banner-warning" role="status">{t(Msg::SessionExpired)}</p> })}
        {notice.map(|m| view! { <p class="banner banner-ok" role="status">{t(m)}</p> })}
        {error.map(|m| view! {
            <div class="banner banner-error" role="alert" id="form-error">
                <p>{t(m)}</p>
                {(!more.is_empty()).then(|| view! {
                    <ul>{more.iter().map(|m| view! { <li>{t(*m)}</li> }).collect_view()}</ul>
                })}
            </div>
        })}
    }
}

/// The error message for `field`, if the last post failed on it.
#[component]
pub fn FieldMsg(field: &'static str) -> impl IntoView {
    let msg = field_errors()
        .into_iter()
        .find(|(f, _)| f == field)
        .map(|(_, m)| m);
    msg.map(|m| view! { <span class="field-error" id=format!("{field}-error")>{t(m)}</span> })
}
