//! One person: edit, (de)activate, reset password.

use super::StatusBadge;
use super::person_new::PersonFields;
use crate::api::people::{get_person, person_choices};
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The person page.
#[component]
pub fn PersonPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse::<i64>().ok());
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match (get_person(id).await, person_choices().await) {
                (Ok(p), Ok(choices)) => {
                    let (id, active, name, login) =
                        (p.id, p.active, p.display_name.clone(), p.login.clone());
                    // What was typed into this person's edit form, if the server refused it.
                    let typed = Typed::for_record("/api/people/update", "id", &id.to_string());
                    view! {
                    <PageTitle text=name.clone() />
                    <h1><bdi>{name}</bdi> " " <StatusBadge active=active /></h1>
                    <Feedback />
                    <p>{t(Msg::Login)} ": " <code>{login}</code></p>
                    <div class="columns">
                        <section class="panel">
                            <h2>{t(Msg::PersonEdit)}</h2>
                            <PostForm action="/api/people/update" class="stack">
                                <input type="hidden" name="id" value=id />
                                <PersonFields agencies=choices.agencies person=Some(p) typed=typed />
                                <button type="submit" class="primary">{t(Msg::Save)}</button>
                            </PostForm>
                        </section>
                        <div>
                            <section class="panel">
                                <h2>{t(Msg::ResetPassword)}</h2>
                                <PostForm action="/api/people/password" class="stack">
                                    <input type="hidden" name="id" value=id />
                                    <div class="field">
                                        <label for="reset-password">{t(Msg::NewPassword)}</label>
                                        <input id="reset-password" name="password" type="password"
                                            autocomplete="new-password" required minlength="10" />
                                        <span class="hint">{t(Msg::InitialPasswordHint)}</span>
                                        <FieldMsg field="password" />
                                    </div>
                                    <button type="submit">{t(Msg::ResetPassword)}</button>
                                </PostForm>
                            </section>
                            <section class="panel">
                                <h2>{t(Msg::Status)}</h2>
                                <PostForm action="/api/people/active" class="row">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="active" value=(!active).to_string() />
                                    <button type="submit" class=if active { "danger" } else { "" }>
                                        {t(if active { Msg::Deactivate } else { Msg::Reactivate })}
                                    </button>
                                    <FieldMsg field="active" />
                                </PostForm>
                            </section>
                        </div>
                    </div>
                    <p><a href="/admin/people"><span class="dir-arrow" aria-hidden="true">"←"</span> {t(Msg::PeopleTitle)}</a></p>
                    }
                    .into_any()
                }
                (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
