//! A learning record: per course, then every event, with downloads.

use crate::api::records::get_record;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use crate::model::record::LearningRecord;
use leptos::prelude::*;

fn percent(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.0} %"))
        .unwrap_or_else(|| "—".to_owned())
}

fn record_view(r: LearningRecord, own: bool) -> impl IntoView {
    let base = if own {
        "/record".to_owned()
    } else {
        format!("/people/{}/record", r.person_id)
    };
    let title = if own {
        t(Msg::MyRecord).to_owned()
    } else {
        format!("{} — {}", t(Msg::RecordTitle), r.name)
    };
    view! {
        <PageTitle text=title.clone() />
        <h1>{title}</h1> <Feedback />
        <p class="lead"><bdi>{r.name.clone()}</bdi> {r.agency.clone().map(|a| format!(" · {a}"))}</p>
        {own.then(|| view! { <p>{t(Msg::RecordIntro)}</p> })}
        <p class="actions">
            <a class="button" id="record-csv" href=format!("{base}/record.csv")>{t(Msg::DownloadCsv)}</a>
            " " <a class="button" id="record-xapi" href=format!("{base}/record.jsonl")>{t(Msg::DownloadXapi)}</a>
        </p>
        {if r.courses.is_empty() {
            view! { <p class="hint" id="record-empty">{t(Msg::NoActivityYet)}</p> }.into_any()
        } else {
            view! {
                <table class="data" tabindex="0" id="record-courses">
                    <thead><tr>
                        <th scope="col">{t(Msg::Course)}</th>
                        <th scope="col">{t(Msg::LessonsCompletedCol)}</th>
                        <th scope="col">{t(Msg::QuizAttemptsCol)}</th>
                        <th scope="col">{t(Msg::BestQuizCol)}</th>
                        <th scope="col">{t(Msg::ExercisesCol)}</th>
                        <th scope="col">{t(Msg::ExerciseAverageCol)}</th>
                        <th scope="col">{t(Msg::Certificate)}</th>
                        <th scope="col">{t(Msg::LatestActivity)}</th>
                    </tr></thead>
                    <tbody>
                        {r.courses.into_iter().map(|c| view! {
                            <tr>
                                <td><a href=format!("/courses/{}", c.slug)>{c.title}</a></td>
                                <td>{c.lessons_completed}</td>
                                <td>{c.quiz_attempts}</td>
                                <td>{percent(c.best_quiz)}</td>
                                <td>{c.exercises}</td>
                                <td>{percent(c.exercise_average)}</td>
                                <td>{c.certificate.map(|code| view! { <a href=format!("/verify/{code}")>{code.clone()}</a> })}</td>
                                <td>{c.last}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <h2>{t(Msg::EventWord)}</h2>
                <p class="hint">{format!("{} / {} ", r.events.len(), r.total_events)} {t(Msg::EventsShown)}</p>
                <table class="data" tabindex="0" id="record-events">
                    <thead><tr>
                        <th scope="col">{t(Msg::Date)}</th>
                        <th scope="col">{t(Msg::EventWord)}</th>
                        <th scope="col">{t(Msg::Course)}</th>
                        <th scope="col">{t(Msg::ItemWord)}</th>
                        <th scope="col">{t(Msg::Score)}</th>
                    </tr></thead>
                    <tbody>
                        {r.events.into_iter().map(|e| view! {
                            <tr>
                                <td>{show_date(&e.at)}</td>
                                <td>{t(e.kind)}</td>
                                <td>{e.course}</td>
                                <td>{e.item}</td>
                                <td>{e.score.map(|s| format!("{s:.0} %"))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

/// `/record`: the signed-in person's own record.
#[component]
pub fn MyRecordPage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match get_record(None).await {
                Ok(r) => record_view(r, true).into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// `/people/:id/record`: someone's record, for those who may see it (their trainers, agency
/// focal point, programme managers, administrators).
#[component]
pub fn PersonRecordPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_record(Some(id)).await {
                Ok(r) => record_view(r, false).into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
