//! Forms that post to server functions and work without any script.

use crate::app::use_page;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The hidden CSRF field every state-changing form carries.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="csrf_token" value=use_page().csrf /> }
}

/// A `POST` form to `action` (a server function URL) with its CSRF field.
#[component]
pub fn PostForm(
    action: &'static str,
    #[prop(optional, into)] class: String,
    #[prop(optional)] multipart: bool,
    children: Children,
) -> impl IntoView {
    let enctype = if multipart {
        "multipart/form-data"
    } else {
        "application/x-www-form-urlencoded"
    };
    view! {
        <form method="post" action=action class=class enctype=enctype>
            <CsrfField />
            {children()}
        </form>
    }
}

/// The submit button of a step that cannot be undone (delete, revoke, make final), behind a
/// confirmation: the first button only opens the question, and the form is sent by the second,
/// inside it. Plain HTML (`<details>`): it works without script and by keyboard. The first
/// button has id `id`; the confirming one `<id>-confirm`. Fields the step needs (a reason) go
/// in `children`, inside the question: no field outside it can submit the form with Enter.
#[component]
pub fn ConfirmSubmit(
    /// What the step is called ("Delete").
    label: String,
    /// What the person is asked before it is done.
    question: Msg,
    #[prop(optional, into)] id: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let confirm_id = (!id.is_empty()).then(|| format!("{id}-confirm"));
    let question_id = (!id.is_empty()).then(|| format!("{id}-question"));
    let id = (!id.is_empty()).then_some(id);
    view! {
        <details class="confirm">
            <summary class="link-button" id=id>{label.clone()}</summary>
            <span class="confirm-question" id=question_id.clone()>{t(question)}</span> " "
            {children.map(|c| c())}
            <button type="submit" class="danger" id=confirm_id aria-describedby=question_id>{t(Msg::ConfirmStep)} " — " {label}</button>
        </details>
    }
}

/// The panel shown when a page's data cannot be shown: sets the HTTP status, and sends a
/// person whose session has ended to sign in (and back here afterwards).
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use crate::server::request;
        match &error {
            AppError::Unauthorized => request::redirect(&request::login_url(
                &use_page().path,
                request::had_session(),
            )),
            other => request::set_status(other.status()),
        }
    }
    let title = match error {
        AppError::NotFound => Msg::NotFoundTitle,
        AppError::Forbidden | AppError::Unauthorized => Msg::ForbiddenTitle,
        _ => Msg::ErrorTitle,
    };
    view! {
        <crate::components::page_title::PageTitle text=t(title) />
        <section class="panel error-panel" role="alert">
            <h1>{t(title)}</h1>
            <p>{t(error.message())}</p>
            <p><a href="/">{t(Msg::BackHome)}</a></p>
        </section>
    }
}

/// Sends an anonymous visitor to sign in (returning here afterwards); `true` if they may stay.
pub fn require_signed_in() -> bool {
    let page = use_page();
    if page.user.is_some() {
        return true;
    }
    #[cfg(feature = "ssr")]
    {
        use crate::server::request;
        request::redirect(&request::login_url(&page.path, request::had_session()));
    }
    false
}

/// The route parameter `name` as a number (`None` when absent or not a number).
pub fn int_param(name: &str) -> Option<i64> {
    leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get(name))
        .and_then(|i| i.parse::<i64>().ok())
}
