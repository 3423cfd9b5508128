//! The 404 page.

use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// Shown for any path no route matches, with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::request::set_status(404);
    view! {
        <PageTitle text=t(Msg::NotFoundTitle) />
        <section class="panel error-panel">
            <h1>{t(Msg::NotFoundTitle)}</h1>
            <p>{t(Msg::ErrNotFound)}</p>
            <p><a href="/">{t(Msg::BackHome)}</a></p>
        </section>
    }
}
