//! Create a person.

use crate::api::people::person_choices;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::i18n::{Lang, Msg, t, use_lang};
use crate::model::{AgencyDetail, PersonRow, Role};
use leptos::prelude::*;

/// The new-person form.
#[component]
pub fn PersonNewPage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match person_choices().await {
                Ok(choices) => {
                    let typed = Typed::for_form("/api/people/create");
                    view! {
                    <PostForm action="/api/people/create" class="stack panel">
                        <div class="field">
                            <label for="login">{t(Msg::Login)}</label>
                            <input id="login" name="input[login]" required maxlength="64" autocapitalize="none" spellcheck="false"
                                value=typed.get("input[login]") />
                            <FieldMsg field="login" />
                        </div>
                        <PersonFields agencies=choices.agencies person=None typed=typed />
                        <div class="field">
                            <label for="password">{t(Msg::InitialPassword)}</label>
                            <input id="password" name="input[password]" type="password" autocomplete="new-password"
                                required minlength="10" aria-describedby="password-hint" />
                            <span class="hint" id="password-hint">{t(Msg::InitialPasswordHint)}</span>
                            <FieldMsg field="password" />
                        </div>
                        <button type="submit" class="primary">{t(Msg::Create)}</button>
                    </PostForm>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! {
        <PageTitle text=t(Msg::PersonNew) />
        <h1>{t(Msg::PersonNew)}</h1>
        <Feedback />
        <Suspense fallback=|| ()>{data}</Suspense>
    }
}

/// The fields shared by the create and edit forms: name, email, agency, position, language,
/// roles. Positions are grouped by agency; the server checks they match. `typed`: what was
/// typed into the form if the server just refused it (shown instead of `person`).
#[component]
pub fn PersonFields(
    agencies: Vec<AgencyDetail>,
    person: Option<PersonRow>,
    typed: Typed,
) -> impl IntoView {
    let ui = use_lang();
    let agency_id = person.as_ref().and_then(|p| p.agency.as_ref().map(|a| a.0));
    let position_id = person
        .as_ref()
        .and_then(|p| p.position.as_ref().map(|a| a.0));
    let roles = person
        .as_ref()
        .map(|p| p.roles.clone())
        .unwrap_or_else(|| vec![Role::Trainee]);
    let lang = person.as_ref().map(|p| p.lang).unwrap_or(ui);
    let countries = person
        .as_ref()
        .map(|p| p.countries.join(", "))
        .unwrap_or_default();
    // Refused, the form comes back as it was sent.
    let agency = typed.or(
        "input[agency]",
        agency_id.map(|a| a.to_string()).unwrap_or_default(),
    );
    let position = typed.or(
        "input[position]",
        position_id.map(|p| p.to_string()).unwrap_or_default(),
    );
    let language = typed.or("input[language]", lang.code());
    let countries = typed.or("input[countries]", countries);
    let display_name = typed
        .get("input[display_name]")
        .or_else(|| person.as_ref().map(|p| p.display_name.clone()));
    let email = typed
        .get("input[email]")
        .or_else(|| person.as_ref().and_then(|p| p.email.clone()));
    let agency_options = agencies
        .iter()
        .map(|a| {
            let id = a.agency.id;
            view! { <option value=id selected=id.to_string() == agency>{a.agency.name.clone()}</option> }
        })
        .collect_view();
    let position_groups = agencies
        .into_iter()
        .filter(|a| !a.positions.is_empty())
        .map(|a| {
            view! {
                <optgroup label=a.agency.name.clone()>
                    {a.positions.into_iter().map(|p| view! {
                        <option value=p.id selected=p.id.to_string() == position>{p.title}</option>
                    }).collect_view()}
                </optgroup>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="display_name">{t(Msg::DisplayName)}</label>
            <input id="display_name" name="input[display_name]" required maxlength="200"
                value=display_name />
            <FieldMsg field="display_name" />
        </div>
        <div class="field">
            <label for="email">{t(Msg::Email)}</label>
            <input id="email" name="input[email]" type="email" maxlength="254"
                value=email />
            <FieldMsg field="email" />
        </div>
        <div class="field">
            <label for="agency">{t(Msg::Agency)}</label>
            <select id="agency" name="input[agency]">
                <option value="">{t(Msg::NoneSelected)}</option>
                {agency_options}
            </select>
            <FieldMsg field="agency" />
        </div>
        <div class="field">
            <label for="position">{t(Msg::Position)}</label>
            <select id="position" name="input[position]">
                <option value="">{t(Msg::NoneSelected)}</option>
                {position_groups}
            </select>
            <FieldMsg field="position" />
        </div>
        <div class="field">
            <label for="language">{t(Msg::Language)}</label>
            <select id="language" name="input[language]">
                {Lang::ALL.into_iter().map(|l| view! {
                    <option value=l.code() selected=l.code() == language>{l.native_name()}</option>
                }).collect_view()}
            </select>
        </div>
        <fieldset class="field">
            <legend>{t(Msg::Roles)}</legend>
            {Role::ALL.into_iter().map(|r| {
                let name = format!("input[role_{}]", r.code());
                let id = format!("role-{}", r.code());
                let checked = typed.chose(&name, "on", roles.contains(&r));
                view! {
                    <label class="check" for=id.clone()>
                        <input type="checkbox" id=id.clone() name=name value="on" checked=checked />
                        {t(r.label())}
                    </label>
                }
            }).collect_view()}
            <FieldMsg field="roles" />
        </fieldset>
        <div class="field">
            <label for="countries">{t(Msg::CoveredCountries)}</label>
            <input type="text" id="countries" name="input[countries]" value=countries
                aria-describedby="countries-hint" autocomplete="off" />
            <p class="hint" id="countries-hint">{t(Msg::CoveredCountriesHint)}</p>
            <FieldMsg field="countries" />
        </div>
    }
}
