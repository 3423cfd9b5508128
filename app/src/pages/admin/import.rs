//! Bulk import of people from a CSV file.

use crate::app::use_page;
use crate::components::feedback::Feedback;
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use crate::model::{ImportOutcome, Role};
use leptos::prelude::*;

/// The upload form, and after an upload its outcome: the people created with their temporary
/// passwords, or every rejected row and why.
#[component]
pub fn ImportPage() -> impl IntoView {
    let page = use_page();
    match &page.user {
        None => return view! { <ErrorView error=AppError::Unauthorized /> }.into_any(),
        Some(u) if !u.has(Role::Admin) => {
            return view! { <ErrorView error=AppError::Forbidden /> }.into_any();
        }
        Some(_) => {}
    }
    let outcome = use_context::<ImportOutcome>();
    view! {
        <PageTitle text=t(Msg::ImportTitle) />
        <h1>{t(Msg::ImportTitle)}</h1> <Feedback />
        {outcome.map(|o| match o {
            ImportOutcome::Imported(people) => view! {
                <section class="panel" id="import-result">
                    <p class="banner banner-ok" role="status">{t(Msg::ImportDone)}</p>
                    <table class="data" tabindex="0">
                        <thead><tr>
                            <th scope="col">{t(Msg::Login)}</th>
                            <th scope="col">{t(Msg::DisplayName)}</th>
                            <th scope="col">{t(Msg::TemporaryPassword)}</th>
                        </tr></thead>
                        <tbody>
                            {people.into_iter().map(|p| view! {
                                <tr><td><code>{p.login}</code></td><td><bdi>{p.display_name}</bdi></td><td><code>{p.temporary_password}</code></td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }.into_any(),
            ImportOutcome::Rejected(problems) => view! {
                <section class="panel" id="import-result">
                    <p class="banner banner-error" role="alert">{t(Msg::ImportFailed)}</p>
                    <table class="data" tabindex="0" id="import-problems">
                        <thead><tr>
                            <th scope="col">{t(Msg::Row)}</th>
                            <th scope="col">{t(Msg::Code)}</th>
                            <th scope="col">{t(Msg::Problem)}</th>
                        </tr></thead>
                        <tbody>
                            {problems.into_iter().map(|p| view! {
                                <tr>
                                    <td class="num">{if p.line == 0 { "—".to_owned() } else { p.line.to_string() }}</td>
                                    <td><code>{p.column.unwrap_or_default()}</code></td>
                                    <td>{t(p.message)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }.into_any(),
        })}
        <section class="panel">
            <p>{t(Msg::ImportIntro)}</p>
            <pre class="sample" tabindex="0">"login,display_name,email,agency,position,roles,language\n\
ana.silva,Ana Silva,ana.silva@example.org,Utopia Immigration Service,Front-line immigration officer,trainee,en"</pre>
            <PostForm action="/admin/people/import" class="stack" multipart=true>
                <div class="field">
                    <label for="file">{t(Msg::ImportFile)}</label>
                    <input type="file" id="file" name="file" accept=".csv,text/csv" required />
                </div>
                <button type="submit" class="primary">{t(Msg::ImportButton)}</button>
            </PostForm>
        </section>
        <p><a href="/admin/people"><span class="dir-arrow" aria-hidden="true">"←"</span> {t(Msg::PeopleTitle)}</a></p>
    }
    .into_any()
}
