//! Taking a quiz: the quiz page (rules, attempts, start) and the attempt page (answer, with
//! every answer saved as it is given; then the result and feedback).

use crate::api::quizzes::{get_attempt, get_quiz_card};
use crate::components::feedback::Feedback;
use crate::components::forms::{CsrfField, ErrorView, PostForm};
use crate::components::islands::AutoSave;
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, decimal, t};
use crate::model::{AttemptQuestionView, AttemptStatus, AttemptView, CorrectAnswer};
use crate::pages::author::bank::role_label;
use assessments::questions::Kind;
use leptos::prelude::*;

fn status_label(status: AttemptStatus, passed: Option<bool>) -> String {
    match (status, passed) {
        (AttemptStatus::Open, _) => t(Msg::InProgress).to_owned(),
        (_, Some(true)) => t(Msg::PassedLabel).to_owned(),
        (AttemptStatus::Expired, _) => format!("{} · {}", t(Msg::NotPassed), t(Msg::Expired)),
        (AttemptStatus::Submitted, _) => t(Msg::NotPassed).to_owned(),
    }
}

/// `/quizzes/:id`.
#[component]
pub fn QuizPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_quiz_card(id).await {
                Ok(q) => view! {
                    <PageTitle text=q.title.clone() />
                    <p class="breadcrumbs"><a href=format!("/courses/{}", q.course_slug)>{q.course_title.clone()}</a></p>
                    <h1>{q.title.clone()} " " <span class="badge">{role_label(q.role)}</span></h1>
                    <Feedback />
                    <div class="lesson-body" inner_html=q.intro_html.clone()></div>
                    <ul class="facts">
                        <li>{t(Msg::Questions)} ": " {q.questions}</li>
                        <li>{if q.pass_mark > 0.0 { format!("{} {:.0} %", t(Msg::PassMarkWord), q.pass_mark) } else { t(Msg::NoPassMark).to_owned() }}</li>
                        <li>{t(Msg::AttemptsLabel)} ": " {if q.attempts_allowed == 0 { t(Msg::Unlimited).to_owned() } else { format!("{} / {}", q.attempts.len(), q.attempts_allowed) }}</li>
                        <li>{match q.time_limit_minutes {
                            Some(m) => crate::i18n::tr(Msg::MinutesCount, &[("n", i64::from(m).into())]),
                            None => t(Msg::NoTimeLimit).to_owned(),
                        }}</li>
                    </ul>
                    {match (q.open_attempt, q.can_start) {
                        (Some(a), _) => view! { <p><a class="button primary" id="continue-attempt" href=format!("/attempts/{a}")>{t(Msg::ContinueAttempt)}</a></p> }.into_any(),
                        (None, true) => view! {
                            <PostForm action="/api/quizzes/start">
                                <input type="hidden" name="id" value=id />
                                <button type="submit" class="primary" id="start-attempt">{t(Msg::StartAttempt)}</button>
                            </PostForm>
                        }.into_any(),
                        (None, false) => view! { <p class="banner banner-warning">{t(Msg::ErrNoAttemptsLeft)}</p> }.into_any(),
                    }}
                    {(!q.attempts.is_empty()).then(|| view! {
                        <h2>{t(Msg::AttemptsLabel)}</h2>
                        <table class="data" tabindex="0" id="attempts">
                            <thead><tr>
                                <th scope="col">{t(Msg::Attempt)}</th>
                                <th scope="col">{t(Msg::Status)}</th>
                                <th scope="col">{t(Msg::Score)}</th>
                                <th scope="col">{t(Msg::Date)}</th>
                            </tr></thead>
                            <tbody>
                                {q.attempts.clone().into_iter().map(|a| view! {
                                    <tr>
                                        <td><a href=format!("/attempts/{}", a.id)>{format!("#{}", a.number)}</a></td>
                                        <td>{if q.pass_mark > 0.0 { status_label(a.status, a.passed) } else if a.status == AttemptStatus::Open { t(Msg::InProgress).to_owned() } else { t(Msg::Submitted).to_owned() }}</td>
                                        <td>{a.percent.map(|p| format!("{p:.0} %")).unwrap_or_default()}</td>
                                        <td>{a.closed_at.clone().unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// One question's inputs, filled with the answer saved so far.
#[component]
fn QuestionInputs(
    q: AttemptQuestionView,
    disabled: bool,
    /// The language the question is written in.
    lang: String,
) -> impl IntoView {
    let name = format!("q{}", q.question_id);
    match q.kind {
        Kind::SingleChoice | Kind::MultipleResponse => {
            let kind = if q.kind == Kind::SingleChoice { "radio" } else { "checkbox" };
            q.options
                .iter()
                .map(|o| {
                    let id = format!("{name}-{}", o.id);
                    let for_id = id.clone();
                    view! {
                        <label class="option" for=for_id>
                            <input type=kind id=id name=name.clone() value=o.id checked=q.chosen.contains(&o.id) disabled=disabled />
                            " " <span lang=lang.clone()>{o.text.clone()}</span>
                        </label>
                    }
                })
                .collect_view()
                .into_any()
        }
        Kind::TrueFalse => [("true", Msg::TrueLabel), ("false", Msg::FalseLabel)]
            .into_iter()
            .map(|(v, m)| {
                let id = format!("{name}-{v}");
                let for_id = id.clone();
                view! {
                    <label class="option" for=for_id>
                        <input type="radio" id=id name=name.clone() value=v checked=q.text == v disabled=disabled />
                        " " {t(m)}
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        Kind::ShortAnswer | Kind::Numerical => view! {
            <label class="visually-hidden" for=name.clone()>{t(Msg::YourAnswer)}</label>
            <input id=name.clone() name=name.clone() value=q.text.clone() maxlength="500" autocomplete="off" aria-describedby=format!("{name}-text")
                inputmode=if q.kind == Kind::Numerical { "decimal" } else { "text" } disabled=disabled />
        }
        .into_any(),
        Kind::Matching => view! {
            <table class="matching">
                <tbody>
                    {q.options.clone().into_iter().map(|p| {
                        let field = format!("{name}_{}", p.id);
                        let chosen = q.matches.iter().find(|(pid, _)| *pid == p.id).map(|(_, a)| *a);
                        view! {
                            <tr>
                                <td><label for=field.clone() lang=lang.clone()>{p.text.clone()}</label></td>
                                <td>
                                    <select id=field.clone() name=field disabled=disabled aria-describedby=format!("{name}-text")>
                                        <option value="">{t(Msg::ChooseOne)}</option>
                                        {q.answers.clone().into_iter().map(|a| view! {
                                            <option value=a.id selected=chosen == Some(a.id) lang=lang.clone()>{a.text.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        Kind::Ordering => {
            let n = q.options.len() as u32;
            view! {
                <table class="ordering">
                    <tbody>
                        {q.options.clone().into_iter().map(|item| {
                            let field = format!("{name}_{}", item.id);
                            let chosen = q.order.iter().find(|(id, _)| *id == item.id).map(|(_, p)| *p);
                            view! {
                                <tr>
                                    <td>
                                        <label class="visually-hidden" for=field.clone()>{t(Msg::OrderPosition)}</label>
                                        <select id=field.clone() name=field disabled=disabled>
                                            <option value="">"–"</option>
                                            {(1..=n).map(|p| view! { <option value=p selected=chosen == Some(p)>{p}</option> }).collect_view()}
                                        </select>
                                    </td>
                                    <td lang=lang.clone()>{item.text.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }
    }
}

fn result_banner(a: &AttemptView) -> impl IntoView + use<> {
    // A quiz without a pass mark (practice) is neither passed nor failed.
    let graded = a.pass_mark > 0.0;
    let passed = a.passed == Some(true) || !graded;
    view! {
        <section class=if passed { "banner banner-ok result" } else { "banner banner-warning result" } id="attempt-result" role="status">
            <p>
                <strong>{t(Msg::Score)} ": " <span id="score-percent">{a.percent.map(|p| format!("{p:.0} %")).unwrap_or_default()}</span></strong>
                " (" {format!("{} / {}", decimal(a.score.unwrap_or(0.0), 1), decimal(a.max_score, 1))} ") — "
                {if graded {
                    format!("{} · {} {:.0} %", status_label(a.status, a.passed), t(Msg::PassMarkWord), a.pass_mark)
                } else {
                    t(Msg::NoPassMark).to_owned()
                }}
            </p>
        </section>
    }
}

/// The confirmation asked before an attempt is submitted, at the end of the attempt form (so
/// "Submit now" sends every answer on the page with it): the questions still unanswered, each
/// a link to its place, then "Save answers" or "Submit now".
fn confirm_submit(a: &AttemptView) -> impl IntoView + use<> {
    let unanswered: Vec<(i64, usize)> = a
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.answered)
        .map(|(i, q)| (q.question_id, i + 1))
        .collect();
    view! {
        <section class="panel confirm" id="confirm-submit" aria-labelledby="confirm-submit-title">
            <h2 id="confirm-submit-title">{t(Msg::ConfirmSubmitTitle)}</h2>
            <p>{t(Msg::ConfirmSubmitText)}</p>
            {if unanswered.is_empty() {
                view! { <p id="all-answered">{t(Msg::AllAnswered)}</p> }.into_any()
            } else {
                view! {
                    <p>{t(Msg::UnansweredList)}</p>
                    <ul id="unanswered">
                        {unanswered.into_iter().map(|(qid, n)| view! {
                            <li><a href=format!("#question-{qid}")>{format!("{} {n}", t(Msg::QuestionWord))}</a></li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p class="actions">
                <button type="submit" name="action" value="save" id="save-answers">{t(Msg::SaveAnswers)}</button>
                " "
                <button type="submit" name="action" value="confirm-submit" class="primary" id="confirm-submit-button">{t(Msg::SubmitNow)}</button>
            </p>
        </section>
    }
}

/// `/attempts/:id`.
#[component]
pub fn AttemptPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    // "Submit" first asks for confirmation (`?confirm=1`), listing what is still unanswered.
    let confirming = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("confirm").is_some_and(|v| v == "1"));
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_attempt(id).await {
                Ok(a) => {
                    let open = a.status == AttemptStatus::Open;
                    let action = format!("/attempts/{}/answers", a.id);
                    let questions = a.questions.clone();
                    let review = a.review;
                    let lang = a.language.clone();
                    let confirm = (open && confirming).then(|| confirm_submit(&a));
                    view! {
                        <PageTitle text=format!("{} — {} #{}", a.quiz_title, t(Msg::Attempt), a.number) />
                        <p class="breadcrumbs">
                            <a href=format!("/courses/{}", a.course_slug)>{a.course_title.clone()}</a>
                            " › "
                            <a href=format!("/quizzes/{}", a.quiz_id)>{a.quiz_title.clone()}</a>
                        </p>
                        <h1>{a.quiz_title.clone()} " — " {t(Msg::Attempt)} {format!(" #{}", a.number)}</h1>
                        <Feedback />
                        {(!open).then(|| result_banner(&a))}
                        {a.deadline.clone().filter(|_| open).map(|d| view! {
                            <p class="banner banner-warning" id="deadline">
                                {t(Msg::Deadline)} " " {d}
                                {a.seconds_left.map(|s| format!(" · {}", crate::i18n::tr(Msg::TimeLeftMinutes, &[("n", (s / 60).into())])))}
                            </p>
                        })}
                        <form method="post" action=action id="attempt-form" class="attempt">
                            <CsrfField />
                            {questions.into_iter().enumerate().map(|(i, q)| {
                                let qid = q.question_id;
                                let fraction = q.fraction;
                                let feedback = q.feedback.clone();
                                let general = q.general_feedback.clone();
                                let correct = q.correct_answer.clone();
                                let answered = q.answered;
                                view! {
                                    <fieldset class="question" data-q=qid id=format!("question-{qid}") data-label=format!("{} {}", t(Msg::QuestionWord), i + 1)
                                        aria-labelledby=format!("q{qid}-legend q{qid}-text")>
                                        <legend id=format!("q{qid}-legend")>{crate::i18n::tr(Msg::QuestionNumber, &[("n", (i + 1).into())])} " " <span class="hint">{format!("({})", crate::i18n::tr(Msg::MarksCount, &[("n", q.marks.into())]))}</span></legend>
                                        <input type="hidden" name="p" value=qid />
                                        <div class="question-text" id=format!("q{qid}-text") lang=lang.clone() inner_html=q.text_html.clone()></div>
                                        <QuestionInputs q=q disabled=!open lang=lang.clone() />
                                        {(!open && !answered).then(|| view! { <p class="hint">{t(Msg::NotAnswered)}</p> })}
                                        {(review).then(|| view! {
                                            <div class="question-review">
                                                {fraction.map(|f| view! {
                                                    <p class=mark_class(f)>
                                                        {format!("{:.0} %", f * 100.0)}
                                                    </p>
                                                })}
                                                {feedback.into_iter().map(|f| view! { <p class="feedback" lang=lang.clone()>{f}</p> }).collect_view()}
                                                {(!general.is_empty()).then(|| view! { <p class="feedback general" lang=lang.clone()>{general.clone()}</p> })}
                                                {correct.map(|c| view! { <p class="correct">{t(Msg::CorrectAnswer)} ": " {answer_text(c, &lang)}</p> })}
                                            </div>
                                        })}
                                    </fieldset>
                                }
                            }).collect_view()}
                            {open.then(|| view! {
                                {(!confirming).then(|| view! { <p class="hint">{t(Msg::SubmitHelp)}</p> })}
                                <AutoSave form="attempt-form".to_owned() saved=t(Msg::SavedAt).to_owned() failed=t(Msg::SaveFailed).to_owned() problems=crate::components::islands::save_problems() />
                                {match confirm {
                                    Some(c) => c.into_any(),
                                    None => view! {
                                        <p class="actions">
                                            <button type="submit" name="action" value="save" id="save-answers">{t(Msg::SaveAnswers)}</button>
                                            " "
                                            <button type="submit" name="action" value="submit" class="primary" id="submit-attempt">{t(Msg::SubmitAnswers)}</button>
                                        </p>
                                    }.into_any(),
                                }}
                            })}
                        </form>
                        {(!open).then(|| view! { <p><a href=format!("/quizzes/{}", a.quiz_id)>{t(Msg::BackToQuiz)}</a></p> })}
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// A correct answer as shown: true or false in the interface's words, anything else in the
/// course's language.
fn answer_text(answer: CorrectAnswer, lang: &str) -> AnyView {
    match answer {
        CorrectAnswer::Truth(b) => t(if b { Msg::TrueLabel } else { Msg::FalseLabel }).into_any(),
        CorrectAnswer::Text(text) => view! { <span lang=lang.to_owned()>{text}</span> }.into_any(),
    }
}

fn mark_class(f: f64) -> &'static str {
    if f >= 0.999 {
        "mark mark-right"
    } else if f > 0.0 {
        "mark mark-partial"
    } else {
        "mark mark-wrong"
    }
}
