//! Previous/next links for paginated lists.

use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// Links to the neighbouring pages of a list at `base` (a path with its query, without `page`).
#[component]
pub fn Pagination(base: String, page: u64, pages: u64, total: u64) -> impl IntoView {
    let sep = if base.contains('?') { '&' } else { '?' };
    let link = move |p: u64| format!("{base}{sep}page={p}");
    view! {
        <nav class="pagination" aria-label=t(Msg::PageOf)>
            {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t(Msg::Previous)}</a> })}
            <span>{crate::i18n::tr(Msg::PageNumber, &[("page", (page as i64).into()), ("pages", (pages as i64).into()), ("total", (total as i64).into())])}</span>
            {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{t(Msg::Next)}</a> })}
        </nav>
    }
}

/// Reads `page` from the query string (default 1).
pub fn query_page() -> u64 {
    leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("page"))
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
}

/// Reads a text parameter from the query string (default empty).
pub fn query_text(key: &str) -> String {
    leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get(key))
        .unwrap_or_default()
}
