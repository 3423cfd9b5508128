//! People: list and search.

use super::StatusBadge;
use super::countries::urlencode;
use crate::api::people::list_people;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::islands::TableFilter;
use crate::components::page_title::PageTitle;
use crate::components::pagination::{Pagination, query_page, query_text};
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The people list.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let q = query_text("q");
    let agency = query_text("agency").parse::<i64>().ok();
    let page = query_page();
    let data = {
        let q = q.clone();
        move || {
            let q = q.clone();
            Suspend::new(async move {
                match list_people(q.clone(), agency, page).await {
                    Ok(p) => {
                        let mut base = format!("/admin/people?q={}", urlencode(&q));
                        if let Some(a) = agency {
                            base.push_str(&format!("&agency={a}"));
                        }
                        if p.items.is_empty() {
                            return view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any();
                        }
                        view! {
                            <TableFilter target="people".to_owned() label=t(Msg::FilterRows).to_owned() />
                            <table class="data" tabindex="0" id="people">
                                <thead><tr>
                                    <th scope="col">{t(Msg::DisplayName)}</th>
                                    <th scope="col">{t(Msg::Login)}</th>
                                    <th scope="col">{t(Msg::Agency)}</th>
                                    <th scope="col">{t(Msg::Position)}</th>
                                    <th scope="col">{t(Msg::Roles)}</th>
                                    <th scope="col">{t(Msg::Status)}</th>
                                </tr></thead>
                                <tbody>
                                    {p.items.into_iter().map(|person| view! {
                                        <tr>
                                            <td><a href=format!("/admin/people/{}", person.id)><bdi>{person.display_name.clone()}</bdi></a></td>
                                            <td><code>{person.login.clone()}</code></td>
                                            <td>{person.agency.map(|(_, n)| n)}</td>
                                            <td>{person.position.map(|(_, n)| n)}</td>
                                            <td>{person.roles.iter().map(|r| t(r.label())).collect::<Vec<_>>().join(", ")}</td>
                                            <td><StatusBadge active=person.active /></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <Pagination base=base page=p.page pages=p.pages total=p.total />
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })
        }
    };
    view! {
        <PageTitle text=t(Msg::PeopleTitle) />
        <h1>{t(Msg::PeopleTitle)}</h1>
        <Feedback />
        <p class="actions">
            <a class="button primary" href="/admin/people/new">{t(Msg::PersonNew)}</a>
            " "
            <a class="button" href="/admin/people/import">{t(Msg::ImportTitle)}</a>
        </p>
        <form method="get" action="/admin/people" class="row search">
            <label for="q" class="visually-hidden">{t(Msg::Search)}</label>
            <input type="search" id="q" name="q" value=q />
            {agency.map(|a| view! { <input type="hidden" name="agency" value=a /> })}
            <button type="submit">{t(Msg::Search)}</button>
        </form>
        <Suspense fallback=|| ()>{data}</Suspense>
    }
}
