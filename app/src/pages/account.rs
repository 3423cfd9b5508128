//! The signed-in person's own account: language and password.

use crate::app::use_page;
use crate::components::feedback::{Feedback, FieldMsg};
use crate::components::forms::{PostForm, require_signed_in};
use crate::components::islands::NewPasswordPair;
use crate::components::page_title::PageTitle;
use crate::i18n::{Lang, Msg, t, use_lang};
use leptos::prelude::*;

/// Account settings.
#[component]
pub fn AccountPage() -> impl IntoView {
    if !require_signed_in() {
        return ().into_any();
    }
    let Some(user) = use_page().user else {
        return ().into_any();
    };
    let current = use_lang();
    view! {
        <PageTitle text=t(Msg::AccountTitle) />
        <h1>{t(Msg::AccountTitle)}</h1>
        <Feedback />
        <p>{t(Msg::Login)} ": " <strong>{user.login.clone()}</strong></p>
        <section class="panel">
            <h2>{t(Msg::Language)}</h2>
            <PostForm action="/api/language" class="row">
                <label for="lang" class="visually-hidden">{t(Msg::Language)}</label>
                <select id="lang" name="lang">
                    {Lang::ALL.into_iter().map(|l| view! {
                        <option value=l.code() selected=l == current>{l.native_name()}</option>
                    }).collect_view()}
                </select>
                <button type="submit">{t(Msg::Save)}</button>
            </PostForm>
        </section>
        <section class="panel">
            <h2>{t(Msg::ChangePassword)}</h2>
            <PostForm action="/api/account/password" class="stack">
                <div class="field">
                    <label for="current">{t(Msg::CurrentPassword)}</label>
                    <input type="password" id="current" name="current" autocomplete="current-password" required />
                    <FieldMsg field="current" />
                </div>
                <NewPasswordPair
                    new_label=t(Msg::NewPassword).to_owned()
                    confirm_label=t(Msg::ConfirmPassword).to_owned()
                    matches_text=t(Msg::PasswordsMatch).to_owned()
                    differs_text=t(Msg::PasswordsDiffer).to_owned()
                />
                <FieldMsg field="new" />
                <FieldMsg field="confirm" />
                <button type="submit" class="primary">{t(Msg::ChangePassword)}</button>
            </PostForm>
        </section>
    }
    .into_any()
}
