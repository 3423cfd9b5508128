//! `/responses/:id`: answering a needs-analysis questionnaire. Every answer saves as it is
//! given (an island posts each item's fields; skip logic shows and hides items as answers
//! change); without script the "Save answers" button saves the page and every item shows its
//! condition as an instruction. A respondent can leave and come back; "Submit" checks the
//! required items and sends the response, once.

use super::questionnaire::condition_text;
use crate::api::tna::get_response;
use crate::components::feedback::{Feedback, error_text, field_has_error};
use crate::components::forms::{CsrfField, ErrorView, int_param};
use crate::components::islands::AutoSave;
use crate::components::page_title::{PageTitle, textarea_text};
use crate::i18n::{Lang, Msg, t, use_lang};
use crate::model::tna::{ConditionView, ItemView};
use leptos::prelude::*;

fn has(values: &[(String, String)], name: &str, value: &str) -> bool {
    values.iter().any(|(k, v)| k == name && v == value)
}

fn value_of(values: &[(String, String)], name: &str) -> String {
    values
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn scale(
    name: String,
    n: u8,
    values: &[(String, String)],
    legend: &'static str,
    low: &'static str,
    high: &'static str,
    // A choice off the scale: its value and label.
    outside: Option<(&'static str, &'static str)>,
    disabled: bool,
) -> impl IntoView + use<> {
    let chosen: Vec<bool> = (1..=n)
        .map(|i| has(values, &name, &i.to_string()))
        .collect();
    let outside = outside.map(|(value, label)| {
        let input_id = format!("{}-{value}", name.replace('.', "-")).replace('/', "");
        let checked = has(values, &name, value);
        view! {
            <label class="scale-outside" for=input_id.clone()>
                <input type="radio" id=input_id.clone() name=name.clone() value=value checked=checked disabled=disabled />
                " " {label}
            </label>
        }
    });
    view! {
        <div class="scale" role="radiogroup" aria-label=legend>
            <span class="scale-label">{legend}</span>
            <span class="hint" aria-hidden="true">{low}</span>
            {(1..=n).map(|i| {
                let input_id = format!("{}-{i}", name.replace('.', "-"));
                // The ends say what they mean to a screen reader too ("1 — not important").
                let end = if i == 1 { Some(low) } else if i == n { Some(high) } else { None };
                view! {
                    <label class="scale-point" for=input_id.clone()>
                        <input type="radio" id=input_id.clone() name=name.clone() value=i checked=chosen[usize::from(i - 1)] disabled=disabled />
                        <span>{i}</span>
                        {end.map(|e| view! { <span class="visually-hidden">{format!(" — {e}")}</span> })}
                    </label>
                }
            }).collect_view()}
            <span class="hint" aria-hidden="true">{high}</span>
            {outside}
        </div>
    }
}

pub(crate) fn show_attrs(c: &Option<ConditionView>) -> (String, String, String) {
    c.as_ref()
        .map(|c| (c.item.clone(), c.op.clone(), c.value.clone()))
        .unwrap_or_default()
}

pub(crate) fn item_view(
    item: ItemView,
    values: &[(String, String)],
    lang: Lang,
    disabled: bool,
) -> impl IntoView + use<> {
    let (text, text_lang) = item.text.pick(lang);
    let text = text.to_owned();
    let id = item.id.clone();
    let failed = field_has_error(&id);
    let (si, so, sv) = show_attrs(&item.show_if);
    let input = match item.kind.as_str() {
        "dual" => view! {
            {scale(format!("{id}.importance"), 7, values, t(Msg::Importance), t(Msg::NotImportant), t(Msg::Essential), Some((crate::model::tna::NOT_MY_JOB, t(Msg::NotMyJob))), disabled)}
            {scale(format!("{id}.performance"), 7, values, t(Msg::Performance), t(Msg::CannotDoIt), t(Msg::Expert), None, disabled)}
        }
        .into_any(),
        "likert" => scale(id.clone(), 5, values, t(Msg::Agreement), t(Msg::StronglyDisagree), t(Msg::StronglyAgree), None, disabled).into_any(),
        "single" | "multiple" | "barriers" => {
            let multiple = item.kind != "single";
            view! {
                {multiple.then(|| view! { <input type="hidden" name="_item" value=id.clone() /> })}
                <ul class="choices">
                    {item.options.iter().map(|(oid, o)| {
                        let (label, label_lang) = o.pick(lang);
                        let input_id = format!("{id}-{oid}");
                        view! {
                            <li><label for=input_id.clone()>
                                <input type=if multiple { "checkbox" } else { "radio" } id=input_id.clone() name=id.clone() value=oid.clone() checked=has(values, &id, oid) disabled=disabled />
                                " " <span lang=label_lang>{label.to_owned()}</span>
                            </label></li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
        "numeric" => view! {
            <input type="number" step="any" id=format!("{id}-value") name=id.clone() value=value_of(values, &id)
                min=item.min.map(|v| v.to_string()) max=item.max.map(|v| v.to_string()) disabled=disabled aria-label=text.clone() />
        }
        .into_any(),
        _ => view! {
            <textarea id=format!("{id}-value") name=id.clone() rows="3" maxlength="4000" disabled=disabled aria-label=text.clone()>{textarea_text(&value_of(values, &id))}</textarea>
        }
        .into_any(),
    };
    let label = short_label(&text);
    view! {
        <fieldset data-q="" data-item=id.clone() data-label=label data-show-item=si data-show-op=so data-show-value=sv
            class=if failed { "q-item has-error" } else { "q-item" } id=format!("q-{id}")>
            <legend><span lang=text_lang>{text}</span>{item.required.then(|| view! { " " <abbr title=t(Msg::RequiredItem)>"*"</abbr> })}</legend>
            {item.show_if.as_ref().map(|c| view! { <p class="hint skip-rule">{condition_text(c)}</p> })}
            {failed.then(|| view! { <p class="field-error">{error_text()}</p> })}
            {input}
        </fieldset>
    }
}

/// An item's text short enough to name it in the save status.
fn short_label(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

/// The response page.
#[component]
pub fn ResponsePage() -> impl IntoView {
    let id = int_param("id");
    // Questionnaires are written in English and French, and translated into Spanish and Arabic
    // where their authors have; an untranslated text is shown in English, marked as such.
    let lang = use_lang();
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_response(id).await {
                Ok(r) => {
                    let disabled = r.submitted || !r.open;
                    let values = r.values.clone();
                    view! {
                        <PageTitle text=r.title.pick(lang).0.to_owned() />
                        <p class="breadcrumbs"><a href="/surveys">{t(Msg::SurveysTitle)}</a></p>
                        <h1 lang=r.title.pick(lang).1>{r.title.pick(lang).0.to_owned()}</h1>
                        <p class="hint">{r.campaign.1.clone()}
                            {(r.perspective == "supervisor").then(|| view! { " · " {t(Msg::AsSupervisor)} ": " {r.position.clone().unwrap_or_default()} })}
                            {r.anonymous.then(|| view! { " · " <span class="tag">{t(Msg::Anonymous)}</span> })}</p>
                        <Feedback />
                        {r.submitted.then(|| view! { <p class="banner banner-ok" id="submitted">{t(Msg::ResponseSubmitted)}</p> })}
                        {(!r.submitted && !r.open).then(|| view! { <p class="banner banner-warning">{t(Msg::ErrCampaignClosed)}</p> })}
                        <details class="panel" open=values.is_empty()>
                            <summary>{t(Msg::Instructions)}</summary>
                            {let (intro, intro_lang) = r.intro.pick(lang);
                             intro.split("\n\n").map(|p| view! { <p lang=intro_lang>{p.to_owned()}</p> }).collect_view()}
                        </details>
                        <form method="post" action=format!("/responses/{id}/answers") id="response-form" class="questionnaire">
                            <CsrfField />
                            {r.sections.into_iter().map(|s| {
                                let (si, so, sv) = show_attrs(&s.show_if);
                                let values = values.clone();
                                view! {
                                    <section class="q-section" data-show-item=si data-show-op=so data-show-value=sv id=format!("section-{}", s.id)>
                                        <h2 lang=s.title.pick(lang).1>{s.title.pick(lang).0.to_owned()}</h2>
                                        {s.show_if.as_ref().map(|c| view! { <p class="hint skip-rule">{condition_text(c)}</p> })}
                                        {s.items.into_iter().map(move |i| item_view(i, &values, lang, disabled)).collect_view()}
                                    </section>
                                }
                            }).collect_view()}
                            {(!disabled).then(|| view! {
                                <AutoSave form="response-form".to_owned() saved=t(Msg::SavedAt).to_owned() failed=t(Msg::SaveFailed).to_owned() problems=crate::components::islands::save_problems() />
                                <p class="actions">
                                    <button type="submit" name="action" value="save" id="save-answers">{t(Msg::SaveAnswers)}</button>
                                    " "
                                    <button type="submit" name="action" value="submit" class="primary" id="submit-response">{t(Msg::SubmitResponse)}</button>
                                </p>
                                <p class="hint">{t(Msg::LeaveAndReturn)}</p>
                            })}
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
