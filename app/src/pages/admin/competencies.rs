//! `/competencies`: the competency framework — areas, competencies, what each proficiency
//! level looks like, and the course modules that build each competency. Needs analysts and
//! administrators edit it here (each competency, and new ones in an area); trainers read it.

use crate::api::agencies::get_competency_framework;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{CsrfField, ErrorView};
use crate::components::page_title::{PageTitle, textarea_text};
use crate::i18n::{Msg, t};
use crate::model::CompetencyView;
use leptos::prelude::*;

/// The action of the form editing competency `id` (or adding one when `None`).
fn form_action(id: Option<&str>) -> String {
    match id {
        Some(id) => format!("/competencies/{id}"),
        None => "/competencies/new".to_owned(),
    }
}

/// What was typed into the form posted to `action` (for a new competency, in `area`), if the
/// server just refused it.
fn kept(action: &str, area: Option<&str>) -> Option<Typed> {
    let typed = Typed::for_form(action);
    (typed.is_some() && typed.get("area").as_deref() == area).then_some(typed)
}

/// The form editing competency `c` (or adding one to `area` when `c` is `None`).
fn competency_form(c: Option<CompetencyView>, area: Option<String>, version: i32) -> impl IntoView {
    let key = c.as_ref().map_or_else(
        || format!("new-{}", area.clone().unwrap_or_default()),
        |c| c.id.clone(),
    );
    let action = form_action(c.as_ref().map(|c| c.id.as_str()));
    let mut levels = c
        .as_ref()
        .map_or_else(|| vec![String::new(); 5], |c| c.levels.clone());
    let mut title = c.as_ref().map(|c| c.title.clone()).unwrap_or_default();
    let mut description = c
        .as_ref()
        .map(|c| c.description.clone())
        .unwrap_or_default();
    let mut builds = c.as_ref().map(|c| c.modules.join("\n")).unwrap_or_default();
    let mut new_id = String::new();
    // Refused, the form comes back as it was sent.
    if let Some(k) = kept(&action, area.as_deref()) {
        title = k.or("title", title);
        description = k.or("description", description);
        levels = levels
            .into_iter()
            .enumerate()
            .map(|(i, l)| k.or(&format!("level{}", i + 1), l))
            .collect();
        builds = k.or("builds", builds);
        new_id = k.or("id", "");
    }
    view! {
        <form method="post" action=action class="stack" id=format!("form-{key}")>
            <CsrfField />
            <input type="hidden" name="version" value=version />
            {area.map(|a| view! {
                <input type="hidden" name="area" value=a />
                <div class="field">
                    <label for=format!("{key}-id")>{t(Msg::ItemIdLabel)}</label>
                    <input id=format!("{key}-id") name="id" required maxlength="64" pattern=crate::validate::ID_PATTERN value=new_id />
                </div>
            })}
            <div class="field">
                <label for=format!("{key}-title")>{t(Msg::Title)}</label>
                <input id=format!("{key}-title") name="title" required maxlength="200" value=title />
            </div>
            <div class="field">
                <label for=format!("{key}-description")>{t(Msg::Description)}</label>
                <textarea id=format!("{key}-description") name="description" rows="2">{textarea_text(&description)}</textarea>
            </div>
            {levels.into_iter().enumerate().map(|(i, l)| view! {
                <div class="field">
                    <label for=format!("{key}-level{}", i + 1)>{format!("{} {}", t(Msg::Level), i + 1)}</label>
                    <textarea id=format!("{key}-level{}", i + 1) name=format!("level{}", i + 1) rows="2" required>{textarea_text(&l)}</textarea>
                </div>
            }).collect_view()}
            <div class="field">
                <label for=format!("{key}-builds")>{t(Msg::BuiltBy)}</label>
                <textarea id=format!("{key}-builds") name="builds" rows="2" class="code">{textarea_text(&builds)}</textarea>
                <span class="hint">{t(Msg::BuildsHint)}</span>
            </div>
            <button type="submit" id=format!("save-{key}")>{t(Msg::Save)}</button>
        </form>
    }
}

/// The framework page.
#[component]
pub fn CompetenciesPage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match get_competency_framework().await {
                Ok(fw) => {
                    let names = fw.level_names.clone();
                    let editable = fw.editable;
                    let version = fw.version;
                    let area_ids = fw.area_ids.clone();
                    let lang = fw.language.clone();
                    view! {
                        <PageTitle text=t(Msg::CompetencyFrameworkTitle) />
                        <h1>{t(Msg::CompetencyFrameworkTitle)}</h1>
                        <p class="hint" lang=lang.clone()>{fw.title.clone()}</p>
                        <Feedback />
                        <FieldMsg field="builds" />
                        {editable.then(|| view! { <p class="hint">{t(Msg::FrameworkEditHelp)}</p> })}
                        {fw.areas.into_iter().enumerate().map(|(ai, (area, comps))| {
                            let names = names.clone();
                            let area_id = area_ids.get(ai).cloned().unwrap_or_default();
                            view! {
                                <h2 lang=lang.clone()>{area}</h2>
                                {comps.into_iter().map(|c| {
                                    let names = names.clone();
                                    let edit = c.clone();
                                    view! {
                                        <section class="panel competency" id=c.id.clone()>
                                            <h3 lang=lang.clone()>{c.title.clone()}</h3>
                                            <p lang=lang.clone()>{c.description.clone()}</p>
                                            <ol class="descriptors" lang=lang.clone()>
                                                {c.levels.iter().enumerate().map(|(i, d)| view! {
                                                    <li><strong>{format!("{} {}", i + 1, names.get(i).cloned().unwrap_or_default())}</strong> " — " {d.clone()}</li>
                                                }).collect_view()}
                                            </ol>
                                            {(!c.builds.is_empty()).then(|| view! {
                                                <p class="hint">{t(Msg::BuiltBy)} ": "
                                                    {c.builds.iter().map(|(course, module)| view! {
                                                        <a href=format!("/courses/{course}")>{module.clone()}</a> " "
                                                    }).collect_view()}
                                                </p>
                                            })}
                                            {editable.then(|| view! {
                                                <details open=kept(&form_action(Some(edit.id.as_str())), None).is_some()>
                                                    <summary id=format!("edit-{}", edit.id)>{t(Msg::Edit)}</summary>
                                                    {competency_form(Some(edit.clone()), None, version)}
                                                </details>
                                            })}
                                        </section>
                                    }
                                }).collect_view()}
                                {editable.then(|| view! {
                                    <details class="panel" open=kept(&form_action(None), Some(area_id.as_str())).is_some()>
                                        <summary id=format!("add-{area_id}")>{t(Msg::AddCompetency)}</summary>
                                        {competency_form(None, Some(area_id.clone()), version)}
                                    </details>
                                })}
                            }
                        }).collect_view()}
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
