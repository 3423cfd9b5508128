//! Taking a document-examination exercise, and its graded result with the overlay of hits,
//! misses and false marks and the author's explanations.

use crate::api::exercises::{get_exercise, get_exercise_result};
use crate::app::use_page;
use crate::components::examine::{MarkerBoard, markers_key};
use crate::components::feedback::{Feedback, FieldMsg};
use crate::components::forms::{CsrfField, ErrorView};
use crate::components::islands::DrillClock;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use crate::model::exercise::{
    ExerciseKind, ExerciseResult, ExerciseView, FEATURE_KINDS, FORGERIES, ImageRef, LIGHTS,
    MRZ_FIELDS, Named, Said, VERDICTS, ViewShown,
};
use crate::pages::author::exercise::{image_url, label_in, regions_svg};
use leptos::prelude::*;

/// A document image at display size, opening the full size.
#[component]
fn Figure(image: ImageRef, alt: String, #[prop(optional, into)] caption: String) -> impl IntoView {
    view! {
        <figure class="exercise-figure">
            <a href=image_url(&image.hash, "full") target="_blank" rel="noopener">
                <img src=image_url(&image.hash, "display") alt=alt width=image.width height=image.height />
                <span class="visually-hidden">{format!(" ({})", t(Msg::OpensNewTab))}</span>
            </a>
            {(!caption.is_empty()).then(|| view! { <figcaption>{caption}</figcaption> })}
        </figure>
    }
}

/// Checkboxes of a checklist (name `check`, value its index).
#[component]
fn Checklist(
    items: Vec<String>,
    legend: Msg,
    /// The language the items are written in.
    lang: String,
) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <fieldset class="checklist">
                <legend>{t(legend)}</legend>
                {items.into_iter().enumerate().map(|(i, text)| {
                    let id = format!("check-{i}");
                    view! {
                        <label class="option" for=id.clone()>
                            <input type="checkbox" id=id.clone() name="check" value=i /> " " <span lang=lang.clone()>{text}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
    })
}

fn yes_no(name: &'static str, legend: Msg) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{t(legend)}</legend>
            <label class="option"><input type="radio" id=format!("{name}-yes") name=name value="yes" /> " " {t(Msg::Yes)}</label>
            <label class="option"><input type="radio" id=format!("{name}-no") name=name value="no" /> " " {t(Msg::No)}</label>
            <FieldMsg field=name />
        </fieldset>
    }
}

/// The answer inputs of exercise `e`.
fn answer_inputs(e: &ExerciseView) -> impl IntoView + use<> {
    let board_labels = vec![
        t(Msg::ZoomIn).to_owned(),
        t(Msg::ZoomOut).to_owned(),
        t(Msg::LoupeLabel).to_owned(),
        t(Msg::ClearMarkers).to_owned(),
        t(Msg::MarkersPlaced).to_owned(),
        t(Msg::MarkersField).to_owned(),
        t(Msg::MarkersHint).to_owned(),
        e.title.clone(),
        t(Msg::ReferenceSpecimen).to_owned(),
        t(Msg::BoardName).to_owned(),
        board_template(Msg::MarkerPlacedSaid),
        board_template(Msg::MarkerRemovedSaid),
        t(Msg::MarkersClearedSaid).to_owned(),
        board_template(Msg::MarkersFullSaid),
    ];
    match e.kind {
        ExerciseKind::Anomalies | ExerciseKind::Compare => {
            let reference = e.reference.as_ref().map(|r| image_url(&r.hash, "display"));
            let newest = e.attempts.first().map_or(0, |a| a.id);
            let keep = match use_page().user {
                Some(u) if !e.preview => markers_key(e.id, u.id, newest),
                _ => String::new(),
            };
            view! {
                {reference.is_some().then(|| view! {
                    <p class="compare-captions"><span>{t(Msg::ReferenceSpecimen)}</span><span>{t(Msg::QuestionedDocument)}</span></p>
                })}
                <MarkerBoard display=image_url(&e.image.hash, "display") full=image_url(&e.image.hash, "full")
                    width=e.image.width height=e.image.height reference=reference labels=board_labels keep=keep />
                <FieldMsg field="markers" />
            }
            .into_any()
        }
        ExerciseKind::LightViews => view! {
            <div class="light-tabs">
                <fieldset class="light-switch">
                    <legend>{t(Msg::ImageViewLabel)}</legend>
                    {e.views.iter().enumerate().map(|(i, ViewShown { light, .. })| {
                        let id = format!("light-{i}");
                        view! {
                            <label class="option" for=id.clone()>
                                <input type="radio" id=id.clone() name="light" value=i checked=i == 0 form="no-form" /> " " {label_in(&LIGHTS, light)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                {e.views.iter().enumerate().map(|(i, ViewShown { light, image, question, options })| view! {
                    <section class=format!("light-view view-{i}") id=format!("view-{i}")>
                        <Figure image=image.clone() alt=label_in(&LIGHTS, light) caption=label_in(&LIGHTS, light) />
                        <fieldset>
                            <legend>{label_in(&LIGHTS, light)} " — " <span lang=e.language.clone()>{question.clone()}</span></legend>
                            {options.iter().enumerate().map(|(j, o)| {
                                let id = format!("view{i}-{j}");
                                view! {
                                    <label class="option" for=id.clone()>
                                        <input type="radio" id=id.clone() name=format!("view{i}") value=o.clone() /> " " <span lang=e.language.clone()>{o.clone()}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    </section>
                }).collect_view()}
            </div>
        }
        .into_any(),
        ExerciseKind::Verdict => view! {
            <Figure image=e.image.clone() alt=e.title.clone() />
            <fieldset>
                <legend>{t(Msg::VerdictQuestion)}</legend>
                {VERDICTS.iter().map(|(c, m)| {
                    let id = format!("verdict-{c}");
                    view! {
                        <label class="option" for=id.clone()><input type="radio" id=id.clone() name="verdict" value=*c /> " " {t(*m)}</label>
                    }
                }).collect_view()}
                <FieldMsg field="verdict" />
            </fieldset>
            <div class="field">
                <label for="forgery">{t(Msg::ForgeryQuestion)}</label>
                <select id="forgery" name="forgery">
                    <option value="">"—"</option>
                    {FORGERIES.iter().map(|(c, m)| view! { <option value=*c>{t(*m)}</option> }).collect_view()}
                </select>
            </div>
            <Checklist items=e.checklist.clone() legend=Msg::FeaturesChecklist lang=e.language.clone() />
        }
        .into_any(),
        ExerciseKind::Mrz => view! {
            <Figure image=e.image.clone() alt=e.title.clone() />
            {yes_no("consistent", Msg::MrzConsistentQuestion)}
            <fieldset class="checklist">
                <legend>{t(Msg::WrongFieldsQuestion)}</legend>
                {MRZ_FIELDS.iter().map(|(c, m)| {
                    let id = format!("wrong-{c}");
                    view! {
                        <label class="option" for=id.clone()><input type="checkbox" id=id.clone() name="wrong" value=*c /> " " {t(*m)}</label>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
        ExerciseKind::Impostor => view! {
            <div class="gallery">
                <Figure image=e.image.clone() alt=t(Msg::DocumentPortrait).to_owned() caption=t(Msg::DocumentPortrait) />
                {e.bearers.iter().map(|b| view! {
                    <Figure image=b.clone() alt=t(Msg::BearerPhotos).to_owned() caption=t(Msg::BearerPhotos) />
                }).collect_view()}
            </div>
            {yes_no("same", Msg::SamePersonQuestion)}
            <Checklist items=e.checklist.clone() legend=Msg::ReasonsChecklist lang=e.language.clone() />
        }
        .into_any(),
    }
}

/// A board announcement for the island, its arguments left as `{n}`, `{count}` and `{max}` for
/// the island to fill in as markers come and go.
fn board_template(msg: Msg) -> String {
    crate::i18n::tr(
        msg,
        &[
            ("n", "{n}".into()),
            ("count", "{count}".into()),
            ("max", "{max}".into()),
        ],
    )
}

/// `/exercises/:id`.
#[component]
pub fn ExercisePage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_exercise(id).await {
                Ok(e) => view! {
                    <PageTitle text=e.title.clone() />
                    <p class="breadcrumbs">
                        <a href=format!("/courses/{}", e.course_slug)>{e.course_title.clone()}</a>
                        {e.preview.then(|| view! { " › " <a href=format!("/author/exercises/{}", e.id)>{t(Msg::Edit)}</a> })}
                    </p>
                    <h1><span lang=e.language.clone()>{e.title.clone()}</span> " " <span class="badge">{t(e.kind.label())}</span></h1>
                    <Feedback />
                    {e.preview.then(|| view! { <p class="banner banner-info">{t(Msg::PreviewNote)}</p> })}
                    {e.timer.map(|clock| view! {
                        <p class="banner banner-info" id="drill-limit">{crate::i18n::tr(Msg::DrillTimed, &[("limit", i64::from(clock.limit).into())])}</p>
                        <DrillClock left=clock.left label=t(Msg::DrillTimeLeft).to_owned() unit=t(Msg::SecondsShort).to_owned() up_text=t(Msg::DrillTimeUp).to_owned() />
                    })}
                    <div class="lesson-body" id="exercise-instructions" lang=e.language.clone() inner_html=e.instructions_html.clone()></div>
                    <form method="post" action=format!("/exercises/{}/answer", e.id) class="stack exercise-form" id="exercise-form">
                        <CsrfField />
                        {answer_inputs(&e)}
                        <p><button type="submit" class="primary" id="submit-exercise">{t(Msg::SubmitAnswer)}</button></p>
                    </form>
                    {(!e.attempts.is_empty()).then(|| view! {
                        <h2>{t(Msg::AttemptsLabel)}</h2>
                        <ul id="exercise-attempts">
                            {e.attempts.iter().map(|a| view! {
                                <li><a href=format!("/exercise-attempts/{}", a.id)>{format!("{:.0} %", a.percent)}</a> " · " {show_date(&a.at)}</li>
                            }).collect_view()}
                        </ul>
                    })}
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// The overlay of regions and markers on the examined image.
fn overlay(r: &ExerciseResult) -> impl IntoView + use<> {
    let e = &r.exercise;
    let found = r.outcome.found.clone();
    let regions = regions_svg(&r.regions, e.image.width, e.image.height, |reg| {
        if !reg.anomaly {
            "region genuine"
        } else if found.contains(&reg.id) {
            "region found"
        } else {
            "region missed"
        }
    });
    let radius = e.image.width.max(e.image.height) as f64 / 90.0;
    let marks: String = r
        .outcome
        .marks
        .iter()
        .enumerate()
        .map(|(i, m)| {
            // A hit is round, a false mark square: told apart without colour.
            let shape = if m.hit {
                format!(r#"<circle cx="{:.0}" cy="{:.0}" r="{radius:.0}"/>"#, m.at.x, m.at.y)
            } else {
                format!(
                    r#"<rect x="{:.0}" y="{:.0}" width="{:.0}" height="{:.0}"/>"#,
                    m.at.x - radius,
                    m.at.y - radius,
                    radius * 2.0,
                    radius * 2.0
                )
            };
            format!(
                r#"<g class="marker {}">{shape}<text x="{:.0}" y="{:.0}" dy="0.35em" font-size="{:.0}">{}</text></g>"#,
                if m.hit { "hit" } else { "false" },
                m.at.x,
                m.at.y,
                radius * 1.2,
                i + 1
            )
        })
        .collect();
    let marks_svg = format!(
        r#"<svg class="marks" viewBox="0 0 {} {}" preserveAspectRatio="none" aria-hidden="true">{marks}</svg>"#,
        e.image.width, e.image.height
    );
    view! {
        <figure class="exercise-figure result-overlay" id="result-overlay">
            <div class="stage">
                <img src=image_url(&e.image.hash, "display") alt=e.title.clone() />
                <div class="overlay" inner_html=regions></div>
                <div class="overlay" inner_html=marks_svg></div>
            </div>
            <figcaption>
                <ul class="legend">
                    <li><span class="swatch found"></span> {t(Msg::LegendFound)}</li>
                    <li><span class="swatch missed"></span> {t(Msg::LegendMissed)}</li>
                    <li><span class="swatch genuine"></span> {t(Msg::LegendGenuine)}</li>
                    <li><span class="swatch hit"></span> {t(Msg::LegendHit)}</li>
                    <li><span class="swatch false"></span> {t(Msg::LegendFalse)}</li>
                </ul>
            </figcaption>
        </figure>
    }
}

/// `/exercise-attempts/:id`.
#[component]
pub fn ExerciseResultPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_exercise_result(id).await {
                Ok(r) => {
                    let e = r.exercise.clone();
                    let o = r.outcome.clone();
                    let good = o.percent() >= 50.0;
                    let glossary = r.glossary.clone();
                    let slug = e.course_slug.clone();
                    let false_marks = o.marks.iter().filter(|m| !m.hit).count();
                    let lang = crate::i18n::use_lang();
                    view! {
                        <PageTitle text=format!("{} — {}", e.title, t(Msg::ExerciseResultTitle)) />
                        <p class="breadcrumbs">
                            <a href=format!("/courses/{}", e.course_slug)>{e.course_title.clone()}</a> " › "
                            <a href=format!("/exercises/{}", e.id)>{e.title.clone()}</a>
                        </p>
                        <h1>{t(Msg::ExerciseResultTitle)} " — " <span lang=e.language.clone()>{e.title.clone()}</span></h1>
                        {o.over_time.map(|late| view! {
                            <p class="banner banner-warning" id="over-time">{match late.taken {
                                Some(taken) => crate::i18n::tr(Msg::OverTimeTaken, &[("taken", i64::from(taken).into()), ("limit", i64::from(late.limit).into())]),
                                None => crate::i18n::tr(Msg::OverTimeNotOpened, &[("limit", i64::from(late.limit).into())]),
                            }}</p>
                        })}
                        <section class=if good { "banner banner-ok result" } else { "banner banner-warning result" } role="status">
                            <p><strong>{t(Msg::Score)} ": " <span id="exercise-score">{format!("{:.0} %", o.percent())}</span></strong>
                                " (" <span id="exercise-points">{format!("{} / {}", o.score, o.max)}</span> ")"
                                {e.kind.has_markers().then(|| view! { " · " {t(Msg::FalseMark)} ": " <span id="false-marks">{false_marks}</span> })}
                            </p>
                        </section>
                        {if e.kind.has_markers() {
                            overlay(&r).into_any()
                        } else if e.kind == ExerciseKind::LightViews {
                            view! {
                                <div class="gallery" id="result-images">
                                    {e.views.iter().map(|v| view! {
                                        <Figure image=v.image.clone() alt=label_in(&LIGHTS, &v.light) caption=label_in(&LIGHTS, &v.light) />
                                    }).collect_view()}
                                </div>
                            }.into_any()
                        } else {
                            // What was examined, beside what the trainee answered.
                            view! {
                                <div class="gallery" id="result-images">
                                    <Figure image=e.image.clone() alt=e.title.clone() />
                                    {e.bearers.iter().map(|b| view! {
                                        <Figure image=b.clone() alt=t(Msg::BearerPhotos).to_owned() caption=t(Msg::BearerPhotos) />
                                    }).collect_view()}
                                </div>
                            }.into_any()
                        }}
                        {(e.kind == ExerciseKind::Mrz && !e.mrz_lines.is_empty()).then(|| view! {
                            <pre class="mrz" tabindex="0">{e.mrz_lines.join("\n")}</pre>
                        })}
                        <table class="data" tabindex="0" id="outcome-lines">
                            <thead><tr>
                                <th scope="col"><span class="visually-hidden">{t(Msg::RightOrWrong)}</span></th>
                                <th scope="col">{t(Msg::ItemWord)}</th>
                                <th scope="col">{t(Msg::YourAnswer)}</th>
                                <th scope="col">{t(Msg::ExpectedWord)}</th>
                                <th scope="col">{t(Msg::ExplanationWord)}</th>
                            </tr></thead>
                            <tbody>
                                {o.lines.into_iter().map(|l| {
                                    let link = glossary.iter().find(|g| g.kind == l.kind).map(|g| format!("/courses/{slug}/glossary#{}", g.anchor));
                                    let kind = FEATURE_KINDS.iter().any(|(c, _)| *c == l.kind).then(|| label_in(&FEATURE_KINDS, &l.kind));
                                    view! {
                                        <tr class=if l.ok { "ok" } else { "wrong" }>
                                            <td><span aria-hidden="true">{if l.ok { "✓" } else { "✗" }}</span><span class="visually-hidden">{t(if l.ok { Msg::ResultRight } else { Msg::ResultWrong })}</span></td>
                                            <td>{l.about.text(lang)}{kind.map(|k| view! { <br /><span class="hint">{k}</span> })}</td>
                                            <td>{l.given.text(lang)}</td>
                                            <td>{l.expected.text(lang)}</td>
                                            <td><span lang=e.language.clone()>{l.explanation}</span>{link.map(|href| view! { " " <a href=href>{t(Msg::SeeGlossary)}</a> })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <div class="lesson-body" id="exercise-explanation" lang=e.language.clone() inner_html=r.explanation_html.clone()></div>
                        <p class="hint">{show_date(&r.at)}</p>
                        <p><a class="button" id="try-again" href=format!("/exercises/{}", e.id)>{t(Msg::TryAgain)}</a></p>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// The exercise list of a course page.
#[component]
pub fn ExerciseList(rows: Vec<crate::model::exercise::ExerciseRow>) -> impl IntoView {
    (!rows.is_empty()).then(|| {
        view! {
            <h2>{t(Msg::Exercises)}</h2>
            <ul class="exercise-list" id="course-exercises">
                {rows.into_iter().map(|r| view! {
                    <li>
                        <a href=format!("/exercises/{}", r.id)>
                            <img class="thumb-small" src=image_url(&r.image, "icon") alt="" loading="lazy" />
                            {r.title}
                        </a>
                        " " <span class="badge">{t(r.kind.label())}</span>
                        {r.module.map(|m| view! { " " <span class="hint">{m}</span> })}
                        {r.best.map(|b| view! { " " <span class="badge badge-ok">{t(Msg::BestScore)} " " {format!("{b:.0} %")}</span> })}
                        {(!r.published).then(|| view! { " " <span class="badge badge-muted">{t(Msg::Draft)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}
