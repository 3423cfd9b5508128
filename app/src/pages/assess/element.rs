//! `/assessments/:id/elements/:element`: scoring one element — each indicator with its level
//! descriptors, questions and evidence to seek; the assessor's own score; and for the lead,
//! every assessor's score side by side with the spread, and the agreed score.

use crate::api::capacity::{get_element_scoring, get_entries};
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ConfirmSubmit, CsrfField, ErrorView, PostForm};
use crate::components::page_title::{PageTitle, textarea_text};
use crate::error::AppError;
use crate::i18n::{Msg, t};
use crate::model::FindingKind;
use crate::model::ScoreEntry;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn level_text(e: &ScoreEntry, scale: &[String]) -> String {
    if e.not_applicable {
        t(Msg::NotApplicable).to_owned()
    } else {
        let level = e
            .level
            .map(|l| {
                format!(
                    "{l} — {}",
                    scale.get(l as usize).cloned().unwrap_or_default()
                )
            })
            .unwrap_or_else(|| "—".to_owned());
        if e.not_applicable_to.is_empty() {
            level
        } else {
            format!("{level} ({})", left_out(&e.not_applicable_to))
        }
    }
}

/// The kinds of crossing point a score leaves out, in words: "not applicable: sea".
fn left_out(codes: &[String]) -> String {
    crate::i18n::tr(
        Msg::NotApplicableAt,
        &[(
            "list",
            crate::i18n::list_in(
                crate::i18n::use_lang(),
                &codes.iter().map(|c| modality_name(c)).collect::<Vec<_>>(),
            )
            .into(),
        )],
    )
}

/// A kind of crossing point in words.
fn modality_name(code: &str) -> &'static str {
    t(match code {
        "air" => Msg::ModalityAir,
        "land" => Msg::ModalityLand,
        _ => Msg::ModalitySea,
    })
}

/// One score form: the assessor's own, or (with `agreed`) the lead's agreed score.
#[component]
fn ScoreForm(
    assessment: i64,
    indicator: String,
    scale: Vec<String>,
    current: Option<ScoreEntry>,
    agreed: bool,
    /// The language of the framework's scale names.
    lang: String,
    /// The kinds of crossing point the indicator concerns one by one (none: not by kind).
    modalities: Vec<String>,
) -> impl IntoView {
    let left_out_now = current
        .as_ref()
        .map(|c| c.not_applicable_to.clone())
        .unwrap_or_default();
    let current_level = current
        .as_ref()
        .map(|c| {
            if c.not_applicable {
                "na".to_owned()
            } else {
                c.level.map(|l| l.to_string()).unwrap_or_default()
            }
        })
        .unwrap_or_default();
    let version = current.as_ref().map_or(0, |c| c.version);
    let reason = current
        .as_ref()
        .map(|c| c.reason.clone())
        .unwrap_or_default();
    let evidence = current
        .as_ref()
        .map(|c| c.evidence.clone())
        .unwrap_or_default();
    let confidence = current
        .as_ref()
        .map(|c| c.confidence.clone())
        .unwrap_or_else(|| "medium".to_owned());
    // Refused, this form (for this indicator, own or agreed score) comes back as it was sent.
    let kept = Some(Typed::for_form("/api/assessments/score")).filter(|k| {
        k.is_some()
            && k.get("id") == Some(assessment.to_string())
            && k.get("indicator").as_deref() == Some(indicator.as_str())
            && k.get("input[agreed]").is_some() == agreed
    });
    let (current_level, reason, evidence, confidence) = match &kept {
        Some(k) => (
            k.get("input[level]").unwrap_or_default(),
            k.or("input[reason]", reason),
            k.or("input[evidence]", evidence),
            k.or("input[confidence]", confidence),
        ),
        None => (current_level, reason, evidence, confidence),
    };
    let prefix = format!("{}{indicator}", if agreed { "agreed-" } else { "mine-" });
    view! {
        <PostForm action="/api/assessments/score" class="stack score-form">
            <input type="hidden" name="id" value=assessment />
            <input type="hidden" name="indicator" value=indicator.clone() />
            <input type="hidden" name="input[version]" value=version />
            {agreed.then(|| view! { <input type="hidden" name="input[agreed]" value="1" /> })}
            <fieldset class="levels">
                <legend>{t(if agreed { Msg::AgreedScore } else { Msg::Level })}</legend>
                {scale.into_iter().enumerate().map(|(l, name)| {
                    let value = l.to_string();
                    let id = format!("{prefix}-{l}");
                    let for_id = id.clone();
                    view! {
                        <label class="check" for=for_id>
                            <input type="radio" id=id name="input[level]" value=value.clone() checked=current_level == value required=true />
                            " " <span lang=lang.clone()>{format!("{l} {name}")}</span>
                        </label>
                    }
                }).collect_view()}
                <label class="check">
                    <input type="radio" name="input[level]" value="na" checked=current_level == "na" />
                    " " {t(Msg::NotApplicable)}
                </label>
            </fieldset>
            {(!modalities.is_empty()).then(|| {
                let kept = kept.clone().unwrap_or_default();
                view! {
                    <fieldset class="modalities">
                        <legend>{t(Msg::NotApplicableAtLegend)}</legend>
                        {modalities.into_iter().map(|code| {
                            let box_id = format!("{prefix}-na-{code}");
                            let for_id = box_id.clone();
                            let checked = kept.chose("input[not_applicable_to][]", &code, left_out_now.contains(&code));
                            view! {
                                <label class="check" for=for_id>
                                    <input type="checkbox" id=box_id name="input[not_applicable_to][]" value=code.clone() checked=checked />
                                    " " {modality_name(&code)}
                                </label>
                            }
                        }).collect_view()}
                        <FieldMsg field="not_applicable_to" />
                    </fieldset>
                }
            })}
            <div class="field">
                <label for=format!("{prefix}-reason")>{t(Msg::ReasonOrRationale)}</label>
                <input id=format!("{prefix}-reason") name="input[reason]" maxlength="5000" value=reason />
            </div>
            {(!agreed).then(|| view! {
                <div class="field">
                    <label for=format!("{prefix}-evidence")>{t(Msg::EvidenceNotes)}</label>
                    <textarea id=format!("{prefix}-evidence") name="input[evidence]" rows="3" maxlength="20000">{textarea_text(&evidence)}</textarea>
                </div>
            })}
            {agreed.then(|| view! { <input type="hidden" name="input[evidence]" value=evidence.clone() /> })}
            <div class="field">
                <label for=format!("{prefix}-confidence")>{t(Msg::Confidence)}</label>
                <select id=format!("{prefix}-confidence") name="input[confidence]">
                    {[("low", Msg::ConfidenceLow), ("medium", Msg::ConfidenceMedium), ("high", Msg::ConfidenceHigh)].into_iter().map(|(v, m)| view! {
                        <option value=v selected=confidence == v>{t(m)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" id=format!("save-{prefix}")>{t(if agreed { Msg::RecordAgreed } else { Msg::Save })}</button>
        </PostForm>
    }
}

/// The scoring page.
#[component]
pub fn ElementPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .with_untracked(|p| p.get("id"))
        .and_then(|i| i.parse::<i64>().ok());
    let element = params
        .with_untracked(|p| p.get("element"))
        .unwrap_or_default();
    let data = move || {
        let element = element.clone();
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            let entries = get_entries(id).await.unwrap_or_default();
            match get_element_scoring(id, element.clone()).await {
                Ok(s) => {
                    let findings: Vec<_> = entries
                        .0
                        .into_iter()
                        .filter(|f| f.element == element)
                        .collect();
                    let recommendations: Vec<_> = entries
                        .1
                        .into_iter()
                        .filter(|r| r.input.element == element)
                        .collect();
                    let (element_a, element_b) = (s.element.id.clone(), s.element.id.clone());
                    // The element's indicators: (id, title), to pick from and to name.
                    let indicator_titles: Vec<(String, String)> = s
                        .indicators
                        .iter()
                        .map(|i| (i.id.clone(), i.title.clone()))
                        .collect();
                    let titles_listed = indicator_titles.clone();
                    let scale = s.scale.clone();
                    let lang = s.language.clone();
                    let can_score = s.can_score;
                    let is_lead = s.is_lead && s.can_score;
                    // Refused finding and recommendation forms for this element come back as
                    // they were sent.
                    let for_element = |action: &str, field: &str| {
                        Some(Typed::for_form(action))
                            .filter(|k| {
                                k.get("id") == Some(id.to_string())
                                    && k.get(field).as_deref() == Some(s.element.id.as_str())
                            })
                            .unwrap_or_default()
                    };
                    let finding_added = for_element("/api/assessments/finding", "element");
                    let rec_added =
                        for_element("/api/assessments/recommendation", "input[element]");
                    view! {
                        <PageTitle text=s.element.title.clone() />
                        <p class="breadcrumbs">
                            <a href=format!("/assessments/{id}")>{s.assessment_title.clone()}</a>
                            " › " {s.component.clone()}
                        </p>
                        <h1 lang=s.language.clone()>{s.element.title.clone()}</h1>
                        <p class="lead" lang=s.language.clone()>{s.element.summary.clone()}</p>
                        <Feedback />
                        <FieldMsg field="level" />
                        {s.indicators.into_iter().map(|i| {
                            let scale_a = scale.clone();
                            let scale_b = scale.clone();
                            let scale_c = scale.clone();
                            view! {
                                <section class="panel indicator" id=i.id.clone()>
                                    <h2><span lang=lang.clone()>{i.title.clone()}</span> {(i.weight != 1.0).then(|| view! { " " <span class="badge">{crate::i18n::tr(Msg::WeightValue, &[("weight", i.weight.into())])}</span> })}</h2>
                                    <ol class="descriptors" start="0" lang=lang.clone()>
                                        {i.levels.iter().enumerate().map(|(l, d)| view! {
                                            <li><strong>{format!("{l} {}", scale_a.get(l).cloned().unwrap_or_default())}</strong> " — " {d.clone()}</li>
                                        }).collect_view()}
                                    </ol>
                                    <details>
                                        <summary>{t(Msg::GuidanceQuestions)} " · " {t(Msg::EvidenceToSeek)}</summary>
                                        <ul lang=lang.clone()>{i.questions.iter().map(|q| view! { <li>{q.clone()}</li> }).collect_view()}</ul>
                                        <ul class="evidence" lang=lang.clone()>{i.evidence.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}</ul>
                                    </details>
                                    {if can_score {
                                        view! {
                                            <h3>{t(Msg::MyScore)}</h3>
                                            <ScoreForm assessment=id indicator=i.id.clone() scale=scale_b current=i.mine.clone() agreed=false lang=lang.clone() modalities=i.modalities.clone() />
                                        }.into_any()
                                    } else {
                                        ().into_any()
                                    }}
                                    {(!i.documents.is_empty() || can_score).then(|| view! {
                                        <h3>{t(Msg::Documents)}</h3>
                                        <ul class="documents">
                                            {i.documents.iter().map(|(doc, name)| view! {
                                                <li><a href=format!("/assessments/{id}/documents/{doc}") download="">{name.clone()}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                    {can_score.then(|| view! {
                                        <form method="post" action=format!("/assessments/{id}/documents") enctype="multipart/form-data" class="row">
                                            <CsrfField />
                                            <input type="hidden" name="indicator" value=i.id.clone() />
                                            <label for=format!("doc-{}", i.id)>{t(Msg::AttachDocument)}</label>
                                            <input type="file" id=format!("doc-{}", i.id) name="file" required accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx" />
                                            <button type="submit">{t(Msg::Attach)}</button>
                                        </form>
                                    })}
                                    {(!i.all.is_empty()).then(|| view! {
                                        <h3>{t(Msg::AssessorsScores)} {i.spread.map(|sp| format!(" · {} {sp}", t(Msg::Spread)))}</h3>
                                        <table class="data reconcile" tabindex="0">
                                            <tbody>
                                                {i.all.iter().map(|e| view! {
                                                    <tr>
                                                        <td>{e.by.clone()}</td>
                                                        <td>{level_text(e, &scale_c)}</td>
                                                        <td>{e.evidence.clone()}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    })}
                                    {i.agreed.as_ref().map(|a| view! {
                                        <p class="agreed"><strong>{t(Msg::AgreedScore)} ": "</strong> {level_text(a, &scale)} " " {a.reason.clone()}</p>
                                    })}
                                    {is_lead.then(|| view! {
                                        <ScoreForm assessment=id indicator=i.id.clone() scale=scale.clone() current=i.agreed.clone() agreed=true lang=lang.clone() modalities=i.modalities.clone() />
                                    })}
                                </section>
                            }
                        }).collect_view()}
                        <section class="panel" id="findings">
                            <h2>{t(Msg::Findings)}</h2>
                            <ul class="findings">
                                {findings.into_iter().map(|f| view! {
                                    <li>
                                        <span class=if f.kind == FindingKind::Gap { "badge badge-warn" } else { "badge badge-ok" }>
                                            {t(if f.kind == FindingKind::Gap { Msg::Gap } else { Msg::Strength })}
                                        </span>
                                        " " {f.text.clone()}
                                        {can_score.then(|| view! {
                                            " "
                                            <PostForm action="/api/assessments/delete-entry" class="inline">
                                                <input type="hidden" name="id" value=id />
                                                <input type="hidden" name="element" value=f.element.clone() />
                                                <input type="hidden" name="finding" value=f.id />
                                                <ConfirmSubmit label=t(Msg::Delete).to_string() question=Msg::ConfirmDelete />
                                            </PostForm>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            {can_score.then(|| view! {
                                <PostForm action="/api/assessments/finding" class="stack">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="element" value=element_a.clone() />
                                    <div class="field">
                                        <label for="finding-kind">{t(Msg::Kind)}</label>
                                        <select id="finding-kind" name="kind">
                                            <option value="gap" selected=finding_added.chose("kind", "gap", false)>{t(Msg::Gap)}</option>
                                            <option value="strength" selected=finding_added.chose("kind", "strength", false)>{t(Msg::Strength)}</option>
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="finding-text">{t(Msg::AddFinding)}</label>
                                        <textarea id="finding-text" name="text" rows="2" required maxlength="5000">{textarea_text(&finding_added.or("text", ""))}</textarea>
                                        <FieldMsg field="text" />
                                    </div>
                                    <button type="submit">{t(Msg::AddFinding)}</button>
                                </PostForm>
                            })}
                            <h2>{t(Msg::Recommendations)}</h2>
                            <ul class="recommendations">
                                {recommendations.into_iter().map(|r| view! {
                                    <li>
                                        <strong>{r.input.text.clone()}</strong>
                                        <br />
                                        <span class="hint">
                                            {[
                                                super::report::priority_label(&r.input.priority).to_owned(),
                                                t(if r.input.timeframe == "long" { Msg::LongTerm } else { Msg::ShortTerm }).to_owned(),
                                                r.input.quarter.clone(),
                                                r.input.responsible.clone(),
                                                r.input.cost.clone(),
                                            ].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}
                                        </span>
                                        {(!r.input.indicators.is_empty()).then(|| view! {
                                            <br />
                                            <span class="hint addressed">{t(Msg::IndicatorsAddressed)} ": "
                                                {r.input.indicators.iter().map(|id| titles_listed.iter().find(|(i, _)| i == id).map(|(_, title)| title.clone()).unwrap_or_else(|| id.clone())).collect::<Vec<_>>().join("; ")}
                                            </span>
                                        })}
                                        {can_score.then(|| view! {
                                            " "
                                            <PostForm action="/api/assessments/delete-entry" class="inline">
                                                <input type="hidden" name="id" value=id />
                                                <input type="hidden" name="element" value=r.input.element.clone() />
                                                <input type="hidden" name="recommendation" value=r.id />
                                                <ConfirmSubmit label=t(Msg::Delete).to_string() question=Msg::ConfirmDelete />
                                            </PostForm>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            {can_score.then(|| view! {
                                <PostForm action="/api/assessments/recommendation" class="stack">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="input[element]" value=element_b.clone() />
                                    <div class="field">
                                        <label for="rec-text">{t(Msg::AddRecommendation)}</label>
                                        <textarea id="rec-text" name="input[text]" rows="2" required maxlength="5000">{textarea_text(&rec_added.or("input[text]", ""))}</textarea>
                                    </div>
                                    <div class="row">
                                        <div class="field">
                                            <label for="rec-priority">{t(Msg::Priority)}</label>
                                            <select id="rec-priority" name="input[priority]">
                                                <option value="high" selected=rec_added.chose("input[priority]", "high", false)>{t(Msg::PriorityHigh)}</option>
                                                <option value="medium" selected=rec_added.chose("input[priority]", "medium", true)>{t(Msg::PriorityMedium)}</option>
                                                <option value="low" selected=rec_added.chose("input[priority]", "low", false)>{t(Msg::PriorityLow)}</option>
                                            </select>
                                        </div>
                                        <div class="field">
                                            <label for="rec-timeframe">{t(Msg::Timeframe)}</label>
                                            <select id="rec-timeframe" name="input[timeframe]">
                                                <option value="short" selected=rec_added.chose("input[timeframe]", "short", false)>{t(Msg::ShortTerm)}</option>
                                                <option value="long" selected=rec_added.chose("input[timeframe]", "long", false)>{t(Msg::LongTerm)}</option>
                                            </select>
                                        </div>
                                        <div class="field">
                                            <label for="rec-quarter">{t(Msg::Quarter)}</label>
                                            <input id="rec-quarter" name="input[quarter]" required pattern=crate::validate::QUARTER_PATTERN placeholder="2027-Q1"
                                                value=rec_added.get("input[quarter]") />
                                            <FieldMsg field="quarter" />
                                        </div>
                                    </div>
                                    <div class="row">
                                        <div class="field">
                                            <label for="rec-responsible">{t(Msg::Responsible)}</label>
                                            <input id="rec-responsible" name="input[responsible]" maxlength="200" value=rec_added.get("input[responsible]") />
                                        </div>
                                        <div class="field">
                                            <label for="rec-cost">{t(Msg::Cost)}</label>
                                            <input id="rec-cost" name="input[cost]" maxlength="100" value=rec_added.get("input[cost]") />
                                        </div>
                                    </div>
                                    <fieldset class="field" id="rec-indicators">
                                        <legend>{t(Msg::IndicatorsAddressed)}</legend>
                                        {indicator_titles.iter().enumerate().map(|(n, (iid, title))| view! {
                                            <label class="check">
                                                <input type="checkbox" name="input[indicators][]" value=iid.clone() id=format!("rec-indicator-{n}")
                                                    checked=rec_added.chose("input[indicators][]", iid, false) />
                                                " " {title.clone()}
                                            </label>
                                        }).collect_view()}
                                        <FieldMsg field="indicators" />
                                    </fieldset>
                                    <button type="submit">{t(Msg::AddRecommendation)}</button>
                                </PostForm>
                            })}
                        </section>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
