//! `/tna/campaigns/new`: launching a campaign — questionnaire version, period, agencies
//! (grouped by country) and optionally positions, anonymity and the minimum group size.

use crate::api::tna::get_campaign_choices;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{CsrfField, ErrorView};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The new-campaign page.
#[component]
pub fn CampaignNewPage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match get_campaign_choices().await {
                Ok(choices) => {
                    let mut countries: Vec<String> =
                        choices.agencies.iter().map(|a| a.2.clone()).collect();
                    countries.dedup();
                    // Refused, the form comes back as it was sent.
                    let typed = Typed::for_form("/tna/campaigns");
                    view! {
                        <PageTitle text=t(Msg::NewCampaign) />
                        <p class="breadcrumbs"><a href="/tna">{t(Msg::TnaTitle)}</a></p>
                        <h1>{t(Msg::NewCampaign)}</h1>
                        <Feedback />
                        <form method="post" action="/tna/campaigns" class="stack" id="campaign-form">
                            <CsrfField />
                            <div class="field">
                                <label for="c-title">{t(Msg::Title)}</label>
                                <input id="c-title" name="title" required maxlength="200" value=typed.get("title") />
                                <FieldMsg field="title" />
                            </div>
                            <div class="field">
                                <label for="c-questionnaire">{t(Msg::Questionnaire)}</label>
                                <select id="c-questionnaire" name="questionnaire" required>
                                    {choices.questionnaires.into_iter().map(|(id, label)| {
                                        let selected = typed.chose("questionnaire", &id.to_string(), false);
                                        view! { <option value=id selected=selected>{label}</option> }
                                    }).collect_view()}
                                </select>
                                <span class="hint">{t(Msg::CampaignFreezes)}</span>
                            </div>
                            <div class="row">
                                <div class="field">
                                    <label for="c-opens">{t(Msg::StartsOn)}</label>
                                    <input id="c-opens" name="opens_on" type="date" required value=typed.get("opens_on") />
                                    <FieldMsg field="opens_on" />
                                </div>
                                <div class="field">
                                    <label for="c-closes">{t(Msg::EndsOn)}</label>
                                    <input id="c-closes" name="closes_on" type="date" required value=typed.get("closes_on") />
                                    <FieldMsg field="closes_on" />
                                </div>
                            </div>
                            <fieldset class="panel">
                                <legend>{t(Msg::AgenciesAndPositions)}</legend>
                                <p class="hint">{t(Msg::PositionsHint)}</p>
                                <FieldMsg field="agency" />
                                <FieldMsg field="position" />
                                {countries.into_iter().map(|country| {
                                    let agencies: Vec<_> = choices.agencies.iter().filter(|a| a.2 == country).cloned().collect();
                                    view! {
                                        <h3>{country.clone()}</h3>
                                        <label class="check"><input type="checkbox" name="country" value=country.clone() id=format!("country-{country}") checked=typed.chose("country", &country, false) /> {t(Msg::WholeCountry)}</label>
                                        {agencies.into_iter().map(|(aid, name, _, positions)| view! {
                                            <div class="agency-choice">
                                                <label class="check"><input type="checkbox" name="agency" value=aid id=format!("agency-{aid}") checked=typed.chose("agency", &aid.to_string(), false) /> <strong>{name}</strong></label>
                                                <div class="row positions">
                                                    {positions.into_iter().map(|(pid, title)| view! {
                                                        <label class="check"><input type="checkbox" name="position" value=pid id=format!("position-{pid}") checked=typed.chose("position", &pid.to_string(), false) /> {title}</label>
                                                    }).collect_view()}
                                                </div>
                                            </div>
                                        }).collect_view()}
                                    }
                                }).collect_view()}
                            </fieldset>
                            <fieldset class="panel">
                                <legend>{t(Msg::Anonymity)}</legend>
                                <label class="check"><input type="checkbox" name="anonymous" value="1" id="c-anonymous" checked=typed.chose("anonymous", "1", true) /> {t(Msg::AnonymousHint)}</label>
                                <div class="field">
                                    <label for="c-min">{t(Msg::MinGroup)}</label>
                                    <input id="c-min" name="min_group" type="number" min="1" max="50" value=typed.or("min_group", "5") />
                                    <span class="hint">{t(Msg::MinGroupHint)}</span>
                                    <FieldMsg field="min_group" />
                                </div>
                            </fieldset>
                            <button type="submit" class="primary" id="create-campaign">{t(Msg::CreateCampaign)}</button>
                        </form>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
