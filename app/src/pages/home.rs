//! The home page: where each role starts.

use crate::app::use_page;
use crate::components::feedback::Feedback;
use crate::components::forms::require_signed_in;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t};
use crate::model::Role;
use leptos::prelude::*;

/// Home: a greeting and one card per role the person holds, each leading to where that role
/// starts.
#[component]
pub fn HomePage() -> impl IntoView {
    if !require_signed_in() {
        return ().into_any();
    }
    let Some(user) = use_page().user else {
        return ().into_any();
    };
    let cards = Role::ALL.into_iter().filter(|r| user.has(*r)).map(|role| {
        let (title, text, link) = match role {
            Role::Trainee => (Msg::HomeTraineeTitle, Msg::HomeTraineeText, "/courses"),
            Role::Trainer => (Msg::HomeTrainerTitle, Msg::HomeTrainerText, "/classes"),
            Role::Assessor => (
                Msg::HomeAssessorTitle,
                Msg::HomeAssessorText,
                "/assessments",
            ),
            Role::Analyst => (Msg::HomeAnalystTitle, Msg::HomeAnalystText, "/tna"),
            Role::Admin => (Msg::HomeAdminTitle, Msg::HomeAdminText, "/admin/agencies"),
            Role::FocalPoint => (Msg::HomeFocalTitle, Msg::HomeFocalText, "/progress"),
            Role::Manager => (Msg::HomeManagerTitle, Msg::HomeManagerText, "/progress"),
        };
        view! {
            <article class="card" data-role=role.code()>
                <h2><a href=link>{t(title)}</a></h2>
                <p>{t(text)}</p>
                {(role == Role::Trainee).then(|| view! {
                    <p><a id="my-record" href="/record">{t(Msg::MyRecord)}</a></p>
                })}
                {(role == Role::Trainer).then(|| view! {
                    <p class="links" id="trainer-links">
                        <a href="/classes">{t(Msg::NavClasses)}</a> " · "
                        <a href="/author">{t(Msg::NavAuthoring)}</a> " · "
                        <a href="/progress">{t(Msg::NavProgress)}</a>
                    </p>
                })}
                {(role == Role::Admin).then(|| view! {
                    <form method="get" action="/exports/xapi.jsonl" class="stack" id="xapi-export">
                        <p><strong>{t(Msg::XapiExportTitle)}</strong></p>
                        <p class="hint">{t(Msg::XapiExportHint)}</p>
                        <div class="field-row">
                            <div class="field">
                                <label for="xapi-from">{t(Msg::FromDate)}</label>
                                <input type="date" id="xapi-from" name="from" />
                            </div>
                            <div class="field">
                                <label for="xapi-to">{t(Msg::ToDate)}</label>
                                <input type="date" id="xapi-to" name="to" />
                            </div>
                        </div>
                        <button type="submit">{t(Msg::DownloadXapi)}</button>
                    </form>
                })}
            </article>
        }
    });
    view! {
        <PageTitle text=t(Msg::NavHome) />
        <h1>{t(Msg::HomeWelcome)} ", " <bdi>{user.display_name.clone()}</bdi></h1>
        <Feedback />
        <p class="lead">{t(Msg::HomeIntro)}</p>
        <p>
            {t(Msg::YourRoles)} ": "
            <span id="my-roles">
                {user.roles.iter().map(|r| t(r.label())).collect::<Vec<_>>().join(", ")}
            </span>
        </p>
        <div class="cards">{cards.collect_view()}</div>
    }
    .into_any()
}
