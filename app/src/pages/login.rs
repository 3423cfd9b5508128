//! Sign-in page.

use crate::app::use_page;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::PostForm;
use crate::components::page_title::PageTitle;
use crate::components::pagination::query_text;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The sign-in form. Someone already signed in goes straight on.
#[component]
pub fn LoginPage() -> impl IntoView {
    let page = use_page();
    let next = query_text("next");
    let next = crate::validate::local_path(&next).unwrap_or("/").to_owned();
    if page.user.is_some() {
        #[cfg(feature = "ssr")]
        crate::server::request::redirect(&next);
    }
    let typed_login = Typed::for_form("/api/login").get("login");
    view! {
        <PageTitle text=t(Msg::LoginTitle) />
        <section class="panel narrow">
            <h1>{t(Msg::LoginTitle)}</h1>
            <p class="lead">{t(Msg::LoginIntro)}</p>
            <Feedback />
            <PostForm action="/api/login" class="stack">
                <input type="hidden" name="next" value=next />
                <div class="field">
                    <label for="login">{t(Msg::Login)}</label>
                    <input id="login" name="login" autocomplete="username" required maxlength="64"
                        autocapitalize="none" spellcheck="false" value=typed_login />
                    <FieldMsg field="login" />
                </div>
                <div class="field">
                    <label for="password">{t(Msg::Password)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required />
                    <FieldMsg field="password" />
                </div>
                <button type="submit" class="primary" id="sign-in">{t(Msg::SignIn)}</button>
            </PostForm>
        </section>
    }
}
