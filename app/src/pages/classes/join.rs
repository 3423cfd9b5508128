//! Joining a class with its code.

use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{PostForm, require_signed_in};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The join form.
#[component]
pub fn JoinPage() -> impl IntoView {
    if !require_signed_in() {
        return ().into_any();
    }
    let typed_code = Typed::for_form("/api/classes/join").get("code");
    view! {
        <PageTitle text=t(Msg::JoinTitle) />
        <section class="panel narrow">
            <h1>{t(Msg::JoinTitle)}</h1>
            <p>{t(Msg::JoinIntro)}</p>
            <Feedback />
            <PostForm action="/api/classes/join" class="row">
                <label for="code" class="visually-hidden">{t(Msg::JoinCode)}</label>
                <input id="code" name="code" required maxlength="16" autocapitalize="characters" autocomplete="off"
                    value=typed_code />
                <button type="submit" class="primary">{t(Msg::Join)}</button>
                <FieldMsg field="code" />
            </PostForm>
        </section>
    }
    .into_any()
}
