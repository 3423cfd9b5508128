//! Browse countries.

use crate::api::countries::list_countries;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::page_title::PageTitle;
use crate::components::pagination::{Pagination, query_page, query_text};
use crate::i18n::{Msg, t, use_lang};
use leptos::prelude::*;

/// The country list with search.
#[component]
pub fn CountriesPage() -> impl IntoView {
    let q = query_text("q");
    let page = query_page();
    let lang = use_lang();
    let data = {
        let q = q.clone();
        move || {
            let q = q.clone();
            Suspend::new(async move {
                match list_countries(q.clone(), page).await {
                    Ok(p) => {
                        let base = format!("/admin/countries?q={}", urlencode(&q));
                        view! {
                            <table class="data" tabindex="0" id="countries">
                                <thead><tr>
                                    <th scope="col">{t(Msg::Code)}</th>
                                    <th scope="col">{t(Msg::Name)}</th>
                                    <th scope="col">{t(Msg::NameEnglish)}</th>
                                    <th scope="col">{t(Msg::NameFrench)}</th>
                                    <th scope="col" class="num">{t(Msg::NavAgencies)}</th>
                                </tr></thead>
                                <tbody>
                                    {p.items.into_iter().map(|c| view! {
                                        <tr>
                                            <td><code>{c.code.clone()}</code></td>
                                            <td>
                                                {c.name(lang).to_owned()}
                                                {c.fictional.then(|| view! { " " <span class="badge">{t(Msg::Fictional)}</span> })}
                                            </td>
                                            <td>{c.name_en.clone()}</td>
                                            <td lang="fr">{c.name_fr.clone()}</td>
                                            <td class="num">
                                                <a href=format!("/admin/agencies?country={}", c.code)>{c.agencies}</a>
                                            </td>
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
        <PageTitle text=t(Msg::CountriesTitle) />
        <h1>{t(Msg::CountriesTitle)}</h1> <Feedback />
        <p class="lead">{t(Msg::CountriesIntro)}</p>
        <form method="get" action="/admin/countries" class="row search">
            <label for="q" class="visually-hidden">{t(Msg::Search)}</label>
            <input type="search" id="q" name="q" value=q />
            <button type="submit">{t(Msg::Search)}</button>
        </form>
        <Suspense fallback=|| ()>{data}</Suspense>
    }
}

/// Percent-encodes a query-string value.
pub fn urlencode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
