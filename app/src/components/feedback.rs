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

/// What was typed into the form posted to `action` when the server refused it (kept by
/// `server::typed`), so the form comes back as it was sent. Empty unless the page shows an
/// error, and in the browser (forms are rendered on the server).
#[derive(Clone, Debug, Default)]
pub struct Typed(Vec<(String, String)>);

impl Typed {
    /// The fields typed into the form posted to `action`, if it was just refused.
    pub fn for_form(action: &str) -> Self {
        let refused = use_query_map().with_untracked(|q| q.get("error").is_some());
        if !refused {
            return Self::default();
        }
        #[cfg(feature = "ssr")]
        {
            if let Some(p) = crate::server::request::parts() {
                return Self(crate::server::typed::read(&p.headers, action));
            }
        }
        let _ = action;
        Self::default()
    }

    /// The fields typed into the form posted to `action` for one record (the form's hidden
    /// `field` equal to `value`): a page with one such form per record fills only the one
    /// that was sent.
    pub fn for_record(action: &str, field: &str, value: &str) -> Self {
        let typed = Self::for_form(action);
        if typed.get(field).as_deref() == Some(value) {
            typed
        } else {
            Self::default()
        }
    }

    /// Every field kept, in the order sent (repeated names for several choices).
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.0.clone()
    }

    /// Whether anything was kept: the form is shown as it was sent.
    pub fn is_some(&self) -> bool {
        !self.0.is_empty()
    }

    /// The value typed into the field `name`.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// The value typed into `name`, or `stored` when nothing was kept.
    pub fn or(&self, name: &str, stored: impl Into<String>) -> String {
        self.get(name).unwrap_or_else(|| stored.into())
    }

    /// Whether the checkbox or option `name` = `value` was chosen; `stored` when nothing was
    /// kept (an unticked box is not posted, so a kept form without it was unticked).
    pub fn chose(&self, name: &str, value: &str, stored: bool) -> bool {
        if self.is_some() {
            self.0.iter().any(|(k, v)| k == name && v == value)
        } else {
            stored
        }
    }
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
    let fields: Vec<String> = field_errors().into_iter().map(|(f, _)| f).collect();
    for (_, m) in field_errors() {
        if Some(m) != error && !more.contains(&m) {
            more.push(m);
        }
    }
    view! {
        {expired.then(|| view! { <p class="banner banner-warning" role="status">{t(Msg::SessionExpired)}</p> })}
        {notice.map(|m| view! { <p class="banner banner-ok" role="status">{with_count(m)}</p> })}
        {error.map(|m| view! {
            <div class="banner banner-error" role="alert" id="form-error">
                <p>{t(m)}</p>
                {(!more.is_empty()).then(|| view! {
                    <ul>{more.iter().map(|m| view! { <li>{t(*m)}</li> }).collect_view()}</ul>
                })}
            </div>
        })}
        {(!fields.is_empty()).then(|| view! { <crate::components::islands::ErrorFields fields=fields /> })}
    }
}

/// The notice `msg` with its count `n` filled in, when the notice came with one (`n=<digits>`
/// in the query), so a notice says how many things it did, in the plural it needs.
fn with_count(msg: Msg) -> String {
    let n = use_query_map()
        .with_untracked(|q| q.get("n"))
        .filter(|n| !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<i64>().ok());
    match n {
        Some(n) => crate::i18n::tr(msg, &[("n", n.into())]),
        None => crate::i18n::tr(msg, &[("n", "?".into())]),
    }
}

/// The error message for `field`, if the last post failed on it. A page with several forms
/// sharing field names shows it only beside the form that was sent (`when`).
#[component]
pub fn FieldMsg(field: &'static str, #[prop(default = true)] when: bool) -> impl IntoView {
    let msg = field_errors()
        .into_iter()
        .find(|(f, _)| when && f == field)
        .map(|(_, m)| m);
    msg.map(|m| view! { <span class="field-error" id=format!("{field}-error")>{t(m)}</span> })
}
