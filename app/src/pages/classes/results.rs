//! What a class's trainers see of its knowledge checks: the quizzes with learning gain and
//! certificates, and per quiz the trainees' results and the item analysis.

use crate::api::quizzes::{get_class_quizzes, get_quiz_results};
use crate::components::feedback::Typed;
use crate::components::feedback::{Feedback, FieldMsg};
use crate::components::forms::{ConfirmSubmit, ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, decimal, show_date, t};
use crate::pages::author::bank::{QuizFields, new_quiz_input, role_label, typed_quiz};
use leptos::prelude::*;

fn pct(x: Option<f64>) -> String {
    x.map(|p| format!("{p:.0} %"))
        .unwrap_or_else(|| "—".to_owned())
}

/// `/classes/:id/quizzes`.
#[component]
pub fn ClassQuizzesPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_class_quizzes(id).await {
                Ok(c) => {
                    let new_quiz = Typed::for_record(
                        "/api/quizzes/create-for-class",
                        "class",
                        &id.to_string(),
                    );
                    let new_quiz_open = new_quiz.is_some();
                    view! {
                    <PageTitle text=t(Msg::Quizzes) />
                    <p class="breadcrumbs"><a href=format!("/classes/{id}")>{t(Msg::ClassesTitle)}</a>
                        " › " <a href=format!("/author/courses/{}/questions", c.course_slug)>{t(Msg::QuestionBank)}</a></p>
                    <h1>{t(Msg::Quizzes)}</h1>
                    <Feedback />
                    {if c.quizzes.is_empty() {
                        view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="quiz-list" id="class-quizzes">
                                {c.quizzes.clone().into_iter().map(|q| view! {
                                    <li>
                                        <a href=format!("/classes/{id}/quizzes/{}", q.id)>{q.title.clone()}</a>
                                        " " <span class="badge">{role_label(q.role)}</span>
                                        {(!q.published).then(|| view! { " " <span class="badge badge-muted">{t(Msg::Draft)}</span> })}
                                        {q.class.is_some().then(|| view! {
                                            " " <span class="badge">{t(Msg::ThisClassOnly)}</span>
                                            " " <a href=format!("/author/quizzes/{}", q.id)>{t(Msg::Edit)}</a>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <details class="panel" id="new-class-quiz" open=new_quiz_open>
                        <summary>{t(Msg::NewClassQuiz)}</summary>
                        <p class="hint">{t(Msg::NewClassQuizHelp)}</p>
                        <PostForm action="/api/quizzes/create-for-class" class="stack">
                            <input type="hidden" name="class" value=id />
                            <QuizFields unpublished=true input=typed_quiz(&new_quiz, new_quiz_input()) />
                            <button type="submit" class="primary">{t(Msg::NewQuiz)}</button>
                        </PostForm>
                    </details>
                    {c.gain.map(|g| view! {
                        <h2>{t(Msg::LearningGain)}</h2>
                        <p class="hint">{t(Msg::LearningGainHelp)}</p>
                        <p id="class-gain"><strong>{t(Msg::ClassGain)} ": " {g.class_gain.map(|v| decimal(v, 2)).unwrap_or_else(|| "—".to_owned())}</strong>
                            {format!(" (n = {})", g.pairs)}</p>
                        <table class="data" tabindex="0" id="gain">
                            <thead><tr>
                                <th scope="col">{t(Msg::Name)}</th>
                                <th scope="col">{t(Msg::RolePreTest)}</th>
                                <th scope="col">{t(Msg::RolePostTest)}</th>
                                <th scope="col">{t(Msg::Gain)}</th>
                            </tr></thead>
                            <tbody>
                                {g.rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td><bdi>{r.name}</bdi></td>
                                        <td>{pct(r.pre)}</td>
                                        <td>{pct(r.post)}</td>
                                        <td>{r.gain.map(|v| decimal(v, 2)).unwrap_or_else(|| "—".to_owned())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                    <h2>{t(Msg::Certificates)}</h2>
                    <p class="hint">{t(Msg::CertificateRule)} ": " {t(if c.certificate_rule == "trainer" { Msg::RuleTrainer } else { Msg::RuleEarned })}</p>
                    {if c.certificates.is_empty() {
                        view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data" tabindex="0" id="certificates">
                                <thead><tr>
                                    <th scope="col">{t(Msg::Holder)}</th>
                                    <th scope="col">{t(Msg::CertificateCode)}</th>
                                    <th scope="col">{t(Msg::IssuedOn)}</th>
                                    <th scope="col">{t(Msg::Status)}</th>
                                </tr></thead>
                                <tbody>
                                    {c.certificates.into_iter().map(|cert| {
                                        let code = cert.code.clone();
                                        view! {
                                            <tr>
                                                <td><bdi>{cert.person_name.clone()}</bdi></td>
                                                <td><a href=format!("/certificates/{code}/pdf")><code>{code.clone()}</code></a></td>
                                                <td>{show_date(&cert.issued_on)}</td>
                                                <td>{match cert.revoked_on.clone() {
                                                    Some(d) => view! { {t(Msg::Revoked)} " " {d} }.into_any(),
                                                    None => view! {
                                                        <span class="badge badge-ok">{t(Msg::ValidWord)}</span> " "
                                                        <PostForm action="/api/certificates/revoke" class="inline">
                                                            <input type="hidden" name="code" value=code.clone() />
                                                            <ConfirmSubmit label=t(Msg::Revoke).to_string() question=Msg::ConfirmRevoke id=format!("revoke-{code}")>
                                                                <label class="visually-hidden" for=format!("reason-{code}")>{t(Msg::RevokeReason)}</label>
                                                                <input id=format!("reason-{code}") name="reason" required maxlength="500" placeholder=t(Msg::RevokeReason) />
                                                                " "
                                                            </ConfirmSubmit>
                                                        </PostForm>
                                                    }.into_any(),
                                                }}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <FieldMsg field="reason" />
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// `/classes/:id/quizzes/:quiz`.
#[component]
pub fn QuizResultsPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let quiz = crate::components::forms::int_param("quiz");
    let data = move || {
        Suspend::new(async move {
            let (Some(id), Some(quiz)) = (id, quiz) else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_quiz_results(id, quiz).await {
                Ok(r) => {
                    let pass_mark = r.pass_mark;
                    view! {
                    <PageTitle text=format!("{} — {}", t(Msg::Results), r.quiz_title) />
                    <p class="breadcrumbs">
                        <a href=format!("/classes/{id}")>{r.class_name.clone()}</a>
                        " › " <a href=format!("/classes/{id}/quizzes")>{t(Msg::Quizzes)}</a>
                    </p>
                    <h1>{t(Msg::Results)} ": " {r.quiz_title.clone()}</h1>
                    <Feedback />
                    <p>
                        {t(Msg::CompletedLabel)} ": " <strong id="completed-count">{format!("{} / {}", r.completed, r.rows.len())}</strong>
                        " · " {t(Msg::Average)} ": " <strong>{pct(r.average)}</strong>
                        " · " <a href=format!("/classes/{id}/quizzes/{quiz}/results.csv") download="">{t(Msg::ExportCsv)}</a>
                    </p>
                    <table class="data" tabindex="0" id="results">
                        <thead><tr>
                            <th scope="col">{t(Msg::Name)}</th>
                            <th scope="col">{t(Msg::AttemptsLabel)}</th>
                            <th scope="col">{t(Msg::Best)}</th>
                            <th scope="col">{t(Msg::Status)}</th>
                            <th scope="col"><span class="visually-hidden">{t(Msg::Actions)}</span></th>
                        </tr></thead>
                        <tbody>
                            {r.rows.clone().into_iter().map(|row| view! {
                                <tr>
                                    <td><bdi>{row.name.clone()}</bdi> " " <code>{row.login.clone()}</code></td>
                                    <td>{row.attempts}</td>
                                    <td>{pct(row.best)}</td>
                                    <td>{row.standing(pass_mark).map_or("—", t)}</td>
                                    <td>
                                        <PostForm action="/api/certificates/award" class="inline">
                                            <input type="hidden" name="class" value=id />
                                            <input type="hidden" name="person" value=row.person_id />
                                            <button type="submit" class="link-button">{t(Msg::Award)}</button>
                                        </PostForm>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <h2>{t(Msg::ItemAnalysis)}</h2>
                    <p class="hint">{t(Msg::ItemAnalysisHelp)}</p>
                    {if r.items.is_empty() {
                        view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data" tabindex="0" id="item-analysis">
                                <thead><tr>
                                    <th scope="col">{t(Msg::Questions)}</th>
                                    <th scope="col">"n"</th>
                                    <th scope="col">{t(Msg::Facility)}</th>
                                    <th scope="col">{t(Msg::Discrimination)}</th>
                                </tr></thead>
                                <tbody>
                                    {r.items.clone().into_iter().map(|i| {
                                        let weak = i.discrimination.is_some_and(|d| d < 0.2);
                                        view! {
                                            <tr class=if weak { "flag" } else { "" }>
                                                <td>{i.title.clone()}</td>
                                                <td>{i.n}</td>
                                                <td>{decimal(i.facility, 2)}</td>
                                                <td>{i.discrimination.map(|d| decimal(d, 2)).unwrap_or_else(|| "—".to_owned())}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                }
                .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
