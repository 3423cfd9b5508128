//! Agencies: list, search, create.

use super::StatusBadge;
use super::countries::urlencode;
use crate::api::agencies::list_agencies;
use crate::api::countries::all_countries;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::components::pagination::{Pagination, query_page, query_text};
use crate::i18n::{Lang, Msg, t, use_lang};
use crate::model::{AgencyKind, CountryRow};
use leptos::prelude::*;

/// The agency list and the form to add one.
#[component]
pub fn AgenciesPage() -> impl IntoView {
    let q = query_text("q");
    let country = query_text("country");
    let page = query_page();
    let lang = use_lang();
    let data = {
        let (q, country) = (q.clone(), country.clone());
        move || {
            let (q, country) = (q.clone(), country.clone());
            Suspend::new(async move {
                let list = list_agencies(q.clone(), country.clone(), page).await;
                let countries = all_countries().await;
                match (list, countries) {
                    (Ok(p), Ok(countries)) => {
                        let base = format!(
                            "/admin/agencies?q={}&country={}",
                            urlencode(&q),
                            urlencode(&country)
                        );
                        view! {
                            {if p.items.is_empty() {
                                view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                            } else {
                                view! {
                                    <table class="data" tabindex="0" id="agencies">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::Name)}</th>
                                            <th scope="col">{t(Msg::Country)}</th>
                                            <th scope="col">{t(Msg::AgencyKind)}</th>
                                            <th scope="col" class="num">{t(Msg::AgencyPeople)}</th>
                                            <th scope="col">{t(Msg::Status)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {p.items.into_iter().map(|a| view! {
                                                <tr>
                                                    <td><a href=format!("/admin/agencies/{}", a.id)>{a.name.clone()}</a></td>
                                                    <td>{a.country.pick(lang).0.to_owned()}</td>
                                                    <td>{t(a.kind.label())}</td>
                                                    <td class="num"><a href=format!("/admin/people?agency={}", a.id)>{a.people}</a></td>
                                                    <td><StatusBadge active=a.active /></td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                    <Pagination base=base page=p.page pages=p.pages total=p.total />
                                }.into_any()
                            }}
                            <section class="panel">
                                <h2>{t(Msg::AgencyNew)}</h2>
                                <AgencyFields countries=countries lang=lang name=String::new() country=country kind=None />
                            </section>
                        }
                        .into_any()
                    }
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e /> }.into_any(),
                }
            })
        }
    };
    view! {
        <PageTitle text=t(Msg::AgenciesTitle) />
        <h1>{t(Msg::AgenciesTitle)}</h1>
        <Feedback />
        <form method="get" action="/admin/agencies" class="row search">
            <label for="q" class="visually-hidden">{t(Msg::Search)}</label>
            <input type="search" id="q" name="q" value=q />
            <input type="hidden" name="country" value=country.clone() />
            <button type="submit">{t(Msg::Search)}</button>
        </form>
        <Suspense fallback=|| ()>{data}</Suspense>
    }
}

/// The agency form: name, country, kind. Creates an agency, or edits agency `id`.
#[component]
pub fn AgencyFields(
    countries: Vec<CountryRow>,
    lang: Lang,
    name: String,
    country: String,
    kind: Option<AgencyKind>,
    #[prop(optional)] id: Option<i64>,
) -> impl IntoView {
    let action = if id.is_some() {
        "/api/agencies/update"
    } else {
        "/api/agencies/create"
    };
    let mut countries = countries;
    countries.sort_by(|a, b| a.name(lang).cmp(b.name(lang)));
    // Refused, the form (for this agency, when editing) comes back as it was sent.
    let typed = Some(Typed::for_form(action))
        .filter(|k| id.is_none() || k.get("id") == id.map(|i| i.to_string()))
        .unwrap_or_default();
    let name = typed.or("input[name]", name);
    let country = typed.or("input[country]", country);
    let kind = typed
        .get("input[kind]")
        .or_else(|| kind.map(|k| k.code().to_owned()));
    view! {
        <PostForm action=action class="stack">
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <div class="field">
                <label for="agency-name">{t(Msg::Name)}</label>
                <input id="agency-name" name="input[name]" required maxlength="200" value=name />
                <FieldMsg field="name" />
            </div>
            <div class="field">
                <label for="agency-country">{t(Msg::Country)}</label>
                <select id="agency-country" name="input[country]" required>
                    <option value="">{t(Msg::NoneSelected)}</option>
                    {countries.into_iter().map(|c| {
                        let selected = c.code == country;
                        view! { <option value=c.code.clone() selected=selected>{c.name(lang).to_owned()} " (" {c.code.clone()} ")"</option> }
                    }).collect_view()}
                </select>
                <FieldMsg field="country" />
            </div>
            <div class="field">
                <label for="agency-kind">{t(Msg::AgencyKind)}</label>
                <select id="agency-kind" name="input[kind]" required>
                    {AgencyKind::ALL.into_iter().map(|k| view! {
                        <option value=k.code() selected=kind.as_deref() == Some(k.code())>{t(k.label())}</option>
                    }).collect_view()}
                </select>
                <FieldMsg field="kind" />
            </div>
            <button type="submit" class="primary">{t(if id.is_some() { Msg::Save } else { Msg::Create })}</button>
        </PostForm>
    }
}
