//! One agency: edit it, (de)activate it, manage its positions.

use super::StatusBadge;
use super::agencies::AgencyFields;
use crate::api::agencies::get_agency;
use crate::api::countries::all_countries;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The agency page.
#[component]
pub fn AgencyPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse::<i64>().ok());
    let lang = use_lang();
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match (get_agency(id).await, all_countries().await) {
                (Ok(d), Ok(countries)) => {
                    let a = d.agency;
                    // The position title typed for this agency, if the server refused it.
                    let typed_position = Typed::for_form("/api/agencies/positions/add");
                    let position_title = typed_position
                        .get("title")
                        .filter(|_| typed_position.get("agency_id") == Some(a.id.to_string()));
                    view! {
                        <PageTitle text=a.name.clone() />
                        <h1>{a.name.clone()} " " <StatusBadge active=a.active /></h1>
                        <Feedback />
                        <p><a href=format!("/admin/people?agency={}", a.id)>{t(Msg::AgencyPeople)} " (" {a.people} ")"</a></p>
                        <div class="columns">
                            <section class="panel">
                                <h2>{t(Msg::AgencyEdit)}</h2>
                                <AgencyFields countries=countries lang=lang name=a.name.clone()
                                    country=a.country_code.clone() kind=Some(a.kind) id=a.id />
                                <PostForm action="/api/agencies/active" class="row">
                                    <input type="hidden" name="id" value=a.id />
                                    <input type="hidden" name="active" value=(!a.active).to_string() />
                                    <button type="submit" class=if a.active { "danger" } else { "" }>
                                        {t(if a.active { Msg::Deactivate } else { Msg::Reactivate })}
                                    </button>
                                </PostForm>
                            </section>
                            <section class="panel">
                                <h2>{t(Msg::Positions)}</h2>
                                {if d.positions.is_empty() {
                                    view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="plain" id="positions">
                                            {d.positions.into_iter().map(|p| view! { <li><a href=format!("/admin/positions/{}", p.id)>{p.title}</a></li> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <PostForm action="/api/agencies/positions/add" class="row">
                                    <input type="hidden" name="agency_id" value=a.id />
                                    <label for="position-title" class="visually-hidden">{t(Msg::PositionTitle)}</label>
                                    <input id="position-title" name="title" required maxlength="200"
                                        placeholder=t(Msg::PositionTitle) value=position_title />
                                    <button type="submit">{t(Msg::PositionAdd)}</button>
                                    <FieldMsg field="title" />
                                </PostForm>
                            </section>
                        </div>
                        <p><a href="/admin/agencies"><span class="dir-arrow" aria-hidden="true">"←"</span> {t(Msg::AgenciesTitle)}</a></p>
                    }
                    .into_any()
                }
                (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
