//! A class's evaluation: the questionnaire a trainee answers at the end of the class or three
//! months later (`/classes/:id/evaluation/:survey`), and what the class answered, for its
//! trainers (a section of the class page).

use crate::api::classes::{get_class_evaluations, get_evaluation_form};
use crate::components::feedback::{Feedback, Typed};
use crate::components::forms::{CsrfField, ErrorView, int_param};
use crate::components::page_title::PageTitle;
use crate::i18n::{Lang, Msg, decimal, show_date, t, tr, use_lang};
use crate::model::tna::EvaluationResults;
use crate::pages::tna::response::{item_view, show_attrs};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The questionnaire's name.
pub fn survey_name(code: &str) -> &'static str {
    t(if code == "follow_up" {
        Msg::EvaluationFollowUp
    } else {
        Msg::EvaluationReaction
    })
}

/// The questionnaire page for a trainee.
#[component]
pub fn EvaluationPage() -> impl IntoView {
    let id = int_param("id");
    let survey = use_params_map()
        .with_untracked(|p| p.get("survey"))
        .unwrap_or_default();
    let lang = use_lang();
    let data = move || {
        let survey = survey.clone();
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_evaluation_form(id, survey.clone()).await {
                Ok(f) => {
                    let action = format!("/classes/{id}/evaluation/{}", f.survey);
                    let values = Typed::for_form(&action).pairs();
                    let disabled = f.done || !f.open;
                    let (title, title_lang) = f.title.pick(lang);
                    view! {
                        <PageTitle text=title.to_owned() />
                        <p class="breadcrumbs">{f.course_title.clone()} " · " {f.class_name.clone()}</p>
                        <h1 lang=title_lang>{title.to_owned()}</h1>
                        <Feedback />
                        <p class="hint">{t(Msg::EvaluationAnonymous)}</p>
                        {f.done.then(|| view! { <p class="banner banner-ok" id="evaluation-done">{t(Msg::EvaluationDone)}</p> })}
                        {(!f.done && !f.open).then(|| view! {
                            <p class="banner banner-warning" id="evaluation-not-open">
                                {tr(Msg::EvaluationOpensOn, &[("date", show_date(&f.opens_on).into())])}
                            </p>
                        })}
                        {(!disabled).then(|| {
                            let (intro, intro_lang) = f.intro.pick(lang);
                            let values = values.clone();
                            view! {
                                <div class="panel">
                                    {intro.split("\n\n").map(|p| view! { <p lang=intro_lang>{p.trim().to_owned()}</p> }).collect_view()}
                                </div>
                                <form method="post" action=action.clone() id="evaluation-form" class="questionnaire">
                                    <CsrfField />
                                    {f.sections.clone().into_iter().map(|s| {
                                        let (si, so, sv) = show_attrs(&s.show_if);
                                        let values = values.clone();
                                        view! {
                                            <section class="q-section" data-show-item=si data-show-op=so data-show-value=sv id=format!("section-{}", s.id)>
                                                <h2 lang=s.title.pick(lang).1>{s.title.pick(lang).0.to_owned()}</h2>
                                                {s.items.into_iter().map(move |i| item_view(i, &values, lang, false)).collect_view()}
                                            </section>
                                        }
                                    }).collect_view()}
                                    <p class="actions">
                                        <button type="submit" class="primary" id="send-evaluation">{t(Msg::EvaluationSubmit)}</button>
                                    </p>
                                </form>
                            }
                        })}
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

fn results_view(r: EvaluationResults, lang: Lang) -> impl IntoView {
    let id = format!("evaluation-{}", r.survey);
    view! {
        <section class="panel" id=id.clone() aria-labelledby=format!("{id}-title")>
            <h3 id=format!("{id}-title")>{survey_name(&r.survey)}</h3>
            <p>{tr(Msg::EvaluationResponses, &[("responses", r.responses.into()), ("enrolled", r.enrolled.into())])}
                {(r.survey == "follow_up").then(|| view! { " " {tr(Msg::EvaluationOpensOn, &[("date", show_date(&r.opens_on).into())])} })}
            </p>
            {if !r.shown {
                view! { <p class="empty">{t(Msg::EvaluationTooFew)}</p> }.into_any()
            } else {
                view! {
                    <dl class="evaluation-items">
                        {r.items.into_iter().map(|i| {
                            let (text, text_lang) = i.text.pick(lang);
                            let total = i.answered.max(1);
                            view! {
                                <dt lang=text_lang>{text.to_owned()}</dt>
                                <dd>
                                    {i.mean.map(|m| view! { <p class="kpi-inline">{tr(Msg::EvaluationMean, &[("mean", decimal(m, 1).into())])}</p> })}
                                    {(!i.counts.is_empty()).then(|| view! {
                                        <ul class="plain counts">
                                            {i.counts.iter().map(|(label, n)| {
                                                let (label, label_lang) = label.pick(lang);
                                                view! { <li><span lang=label_lang>{label.to_owned()}</span> ": " {*n} " (" {n * 100 / total} " %)"</li> }
                                            }).collect_view()}
                                        </ul>
                                    })}
                                    {(!i.texts.is_empty()).then(|| view! {
                                        <ul class="quotes">
                                            {i.texts.iter().map(|q| view! { <li><bdi>{q.clone()}</bdi></li> }).collect_view()}
                                        </ul>
                                    })}
                                </dd>
                            }
                        }).collect_view()}
                    </dl>
                }.into_any()
            }}
        </section>
    }
}

/// The class's evaluation results, for its trainers: the class page shows it.
#[component]
pub fn ClassEvaluations(class: i64) -> impl IntoView {
    let lang = use_lang();
    let data = move || {
        Suspend::new(async move {
            match get_class_evaluations(class).await {
                Ok(rs) => view! {
                    <section id="class-evaluations" aria-labelledby="class-evaluations-title">
                        <h2 id="class-evaluations-title">{t(Msg::EvaluationsTitle)}</h2>
                        <p class="hint">{t(Msg::EvaluationAnonymous)}</p>
                        {rs.into_iter().map(|r| results_view(r, lang)).collect_view()}
                    </section>
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
