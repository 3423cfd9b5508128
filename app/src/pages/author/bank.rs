//! A course's question bank: import and export, the questions by category, the quizzes, and
//! how the course's certificate is earned.

use super::courses::DuplicateCourse;
use crate::api::quizzes::{get_question_bank, question_source};
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ConfirmSubmit, CsrfField, ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::components::page_title::textarea_text;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use crate::model::{BankImportReport, QuizRole};
use assessments::questions::Kind;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The label of a question kind.
pub fn kind_label(kind: Kind) -> &'static str {
    t(match kind {
        Kind::SingleChoice => Msg::KindSingleChoice,
        Kind::MultipleResponse => Msg::KindMultipleResponse,
        Kind::TrueFalse => Msg::KindTrueFalse,
        Kind::ShortAnswer => Msg::KindShortAnswer,
        Kind::Numerical => Msg::KindNumerical,
        Kind::Matching => Msg::KindMatching,
        Kind::Ordering => Msg::KindOrdering,
    })
}

/// The label of a quiz role.
pub fn role_label(role: QuizRole) -> &'static str {
    t(match role {
        QuizRole::Practice => Msg::RolePractice,
        QuizRole::PreTest => Msg::RolePreTest,
        QuizRole::PostTest => Msg::RolePostTest,
    })
}

/// The quiz settings typed into a refused quiz form (`typed`), or `input` when nothing was kept.
pub fn typed_quiz(typed: &Typed, input: crate::model::QuizInput) -> crate::model::QuizInput {
    if !typed.is_some() {
        return input;
    }
    let ticked = |name: &str| typed.chose(name, "on", false).then(|| "on".to_owned());
    crate::model::QuizInput {
        title: typed.or("input[title]", input.title),
        role: typed.or("input[role]", input.role),
        intro: typed.or("input[intro]", input.intro),
        pass_mark: typed.or("input[pass_mark]", input.pass_mark),
        time_limit_minutes: typed.or("input[time_limit_minutes]", input.time_limit_minutes),
        attempts_allowed: typed.or("input[attempts_allowed]", input.attempts_allowed),
        show_answers: typed.or("input[show_answers]", input.show_answers),
        shuffle_questions: ticked("input[shuffle_questions]"),
        shuffle_options: ticked("input[shuffle_options]"),
        published: ticked("input[published]"),
    }
}

/// What the new-quiz forms start from: a practice quiz, pass mark 70 %, unlimited attempts,
/// answers shown after submitting, options shuffled.
pub fn new_quiz_input() -> crate::model::QuizInput {
    crate::model::QuizInput {
        role: "practice".into(),
        pass_mark: "70".into(),
        attempts_allowed: "0".into(),
        show_answers: "after_submit".into(),
        shuffle_options: Some("on".into()),
        ..Default::default()
    }
}

/// The quiz settings fields shared by the new-quiz and quiz editor forms.
#[component]
pub fn QuizFields(
    input: crate::model::QuizInput,
    /// A new quiz that asks nothing yet: it is published from its editor, not here.
    #[prop(optional)]
    unpublished: bool,
) -> impl IntoView {
    let role = input.role.clone();
    let show = input.show_answers.clone();
    view! {
        <div class="field">
            <label for="quiz-title">{t(Msg::Title)}</label>
            <input id="quiz-title" name="input[title]" required maxlength="200" value=input.title.clone() />
            <FieldMsg field="title" />
        </div>
        <div class="field">
            <label for="quiz-role">{t(Msg::QuizRole)}</label>
            <select id="quiz-role" name="input[role]">
                {QuizRole::ALL.iter().map(|&r| view! {
                    <option value=r.code() selected=role == r.code()>{role_label(r)}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="quiz-intro">{t(Msg::Intro)}</label>
            <textarea id="quiz-intro" name="input[intro]" rows="3" maxlength="20000">{textarea_text(&input.intro)}</textarea>
            <FieldMsg field="intro" />
        </div>
        <div class="row">
            <div class="field">
                <label for="quiz-pass">{t(Msg::PassMark)}</label>
                <input id="quiz-pass" name="input[pass_mark]" inputmode="decimal" value=input.pass_mark.clone() required />
                <FieldMsg field="pass_mark" />
            </div>
            <div class="field">
                <label for="quiz-time">{t(Msg::TimeLimit)}</label>
                <input id="quiz-time" name="input[time_limit_minutes]" inputmode="numeric" value=input.time_limit_minutes.clone() />
                <FieldMsg field="time_limit_minutes" />
            </div>
            <div class="field">
                <label for="quiz-attempts">{t(Msg::AttemptsAllowed)}</label>
                <input id="quiz-attempts" name="input[attempts_allowed]" inputmode="numeric" value=input.attempts_allowed.clone() required />
                <FieldMsg field="attempts_allowed" />
            </div>
        </div>
        <div class="field">
            <label for="quiz-show">{t(Msg::ShowAnswers)}</label>
            <select id="quiz-show" name="input[show_answers]">
                {[("after_submit", Msg::ShowAfterSubmit), ("after_last", Msg::ShowAfterLast), ("never", Msg::ShowNever)].into_iter().map(|(v, m)| view! {
                    <option value=v selected=show == v>{t(m)}</option>
                }).collect_view()}
            </select>
        </div>
        <label class="check"><input type="checkbox" name="input[shuffle_questions]" checked=input.shuffle_questions.is_some() /> " " {t(Msg::ShuffleQuestions)}</label>
        <label class="check"><input type="checkbox" name="input[shuffle_options]" checked=input.shuffle_options.is_some() /> " " {t(Msg::ShuffleOptions)}</label>
        {(!unpublished).then(|| view! {
            <label class="check"><input type="checkbox" name="input[published]" checked=input.published.is_some() /> " " {t(Msg::PublishedLabel)}</label>
            <FieldMsg field="published" />
        })}
    }
}

/// The refusals of a question import.
#[component]
fn ImportReport(report: BankImportReport) -> impl IntoView {
    view! {
        <section class="panel" id="import-report">
            {if report.written {
                view! { <p class="banner banner-ok" role="status">{t(Msg::QuestionsImported)} " " <strong id="imported-count">{report.imported}</strong></p> }.into_any()
            } else {
                // "Import the valid ones" is offered only when there are some.
                view! { <p class="banner banner-error" role="alert">{t(if report.valid > 0 { Msg::NothingImported } else { Msg::NothingImportedNoneValid })}</p> }.into_any()
            }}
            {(!report.refused.is_empty()).then(|| view! {
                <h2>{t(Msg::QuestionsRefused)} " (" {report.refused.len()} ")"</h2>
                <table class="data" tabindex="0" id="refused">
                    <thead><tr>
                        <th scope="col">{t(Msg::WhereInFile)}</th>
                        <th scope="col">{t(Msg::Title)}</th>
                        <th scope="col">{t(Msg::Reason)}</th>
                    </tr></thead>
                    <tbody>
                        {report.refused.clone().into_iter().map(|r| view! {
                            <tr><td>{r.location.clone()}</td><td>{r.title.clone()}</td><td>{r.reason.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

/// `/author/courses/:slug/questions`.
#[component]
pub fn BankPage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let report = use_context::<BankImportReport>();
    let data = move || {
        let slug = slug.clone();
        let report = report.clone();
        Suspend::new(async move {
            match get_question_bank(slug.clone()).await {
                Ok(b) => {
                    let import_action =
                        format!("/author/courses/{}/questions/import", b.course_slug);
                    let editable = b.editable;
                    let rule = b.certificate_rule.clone();
                    let slug = b.course_slug.clone();
                    let course_href = format!("/author/courses/{slug}");
                    let gift_href = format!("/author/courses/{slug}/questions/export/gift");
                    let xml_href = format!("/author/courses/{slug}/questions/export/xml");
                    let slug_rule = slug.clone();
                    let slug_new = slug.clone();
                    let category_names: Vec<String> =
                        b.categories.iter().map(|c| c.name.clone()).collect();
                    let course_title = b.course_title.clone();
                    let quizzes = b.quizzes.clone();
                    let questions = b.questions.clone();
                    let categories = b.categories.clone();
                    // Refused forms for this course come back as they were sent.
                    let for_course =
                        |action: &str| Typed::for_record(action, "slug", &b.course_slug);
                    let new_question = for_course("/api/quizzes/question-create");
                    let new_quiz = for_course("/api/quizzes/create");
                    let (new_question_open, new_quiz_open) =
                        (new_question.is_some(), new_quiz.is_some());
                    view! {
                        <PageTitle text=format!("{} — {}", t(Msg::QuestionBank), course_title) />
                        <p class="breadcrumbs"><a href=course_href>{course_title.clone()}</a></p>
                        <h1>{t(Msg::QuestionBank)}</h1>
                        <Feedback />
                        {report.map(|r| view! { <ImportReport report=r /> })}
                        {(!editable).then(|| view! {
                            <section class="panel" id="bank-read-only">
                                <p>{t(Msg::BankReadOnly)}</p>
                                <p>
                                    <a href=gift_href.clone() download="">{t(Msg::ExportGift)}</a>
                                    " · "
                                    <a href=xml_href.clone() download="">{t(Msg::ExportXml)}</a>
                                </p>
                                <DuplicateCourse slug=slug.clone() title=course_title.clone() />
                            </section>
                        })}
                        {editable.then(|| view! {
                        <div class="columns">
                            <section class="panel">
                                <h2>{t(Msg::ImportQuestions)}</h2>
                                <form method="post" action=import_action class="stack" enctype="multipart/form-data">
                                    <CsrfField />
                                    <div class="field">
                                        <label for="questions-file">{t(Msg::ImportQuestionsHelp)}</label>
                                        <input type="file" id="questions-file" name="file" accept=".gift,.txt,.xml,text/plain,application/xml,text/xml" required />
                                    </div>
                                    <label class="check"><input type="checkbox" name="valid_only" value="1" /> " " {t(Msg::ImportValidOnly)}</label>
                                    <button type="submit">{t(Msg::Import)}</button>
                                </form>
                                <p>
                                    <a href=gift_href download="">{t(Msg::ExportGift)}</a>
                                    " · "
                                    <a href=xml_href download="">{t(Msg::ExportXml)}</a>
                                </p>
                            </section>
                            <section class="panel">
                                <h2>{t(Msg::CertificateRule)}</h2>
                                <PostForm action="/api/quizzes/certificate-rule" class="stack">
                                    <input type="hidden" name="slug" value=slug_rule />
                                    <label class="check"><input type="radio" name="rule" value="post_test" checked=rule == "post_test" /> " " {t(Msg::RuleEarned)}</label>
                                    <label class="check"><input type="radio" name="rule" value="trainer" checked=rule == "trainer" /> " " {t(Msg::RuleTrainer)}</label>
                                    <button type="submit">{t(Msg::Save)}</button>
                                </PostForm>
                            </section>
                        </div>
                        <details class="panel" id="new-question" open=new_question_open>
                            <summary>{t(Msg::NewQuestion)}</summary>
                            <PostForm action="/api/quizzes/question-create" class="stack">
                                <input type="hidden" name="slug" value=slug_new />
                                <div class="field">
                                    <label for="new-category">{t(Msg::Category)}</label>
                                    <input id="new-category" name="category" maxlength="200" list="bank-categories"
                                        value=new_question.get("category") />
                                    <datalist id="bank-categories">
                                        {category_names.into_iter().map(|name| view! { <option value=name></option> }).collect_view()}
                                    </datalist>
                                </div>
                                <div class="field">
                                    <label for="new-gift">{t(Msg::QuestionGift)}</label>
                                    <textarea id="new-gift" name="gift" rows="8" class="code" required>{textarea_text(&new_question.or("gift", ""))}</textarea>
                                    <span class="hint">{t(Msg::QuestionGiftHelp)}</span>
                                    <FieldMsg field="gift" />
                                </div>
                                <button type="submit">{t(Msg::Add)}</button>
                            </PostForm>
                        </details>
                        })}
                        <h2>{t(Msg::Quizzes)}</h2>
                        {if quizzes.is_empty() {
                            view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="data" tabindex="0" id="quizzes">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::Title)}</th>
                                        <th scope="col">{t(Msg::QuizRole)}</th>
                                        <th scope="col">{t(Msg::Questions)}</th>
                                        <th scope="col">{t(Msg::PassMark)}</th>
                                        <th scope="col">{t(Msg::Status)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {quizzes.clone().into_iter().map(|q| view! {
                                            <tr>
                                                <td>{if editable || q.class.is_some() {
                                                    view! { <a href=format!("/author/quizzes/{}", q.id)>{q.title.clone()}</a> }.into_any()
                                                } else {
                                                    q.title.clone().into_any()
                                                }}
                                                {q.class.clone().map(|(k, name)| view! {
                                                    " " <a class="badge" href=format!("/classes/{k}/quizzes")>{name}</a>
                                                })}</td>
                                                <td>{role_label(q.role)}</td>
                                                <td>{q.questions}</td>
                                                <td>{format!("{:.0} %", q.pass_mark)}</td>
                                                <td>{t(if q.published { Msg::Published } else { Msg::Draft })}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        {editable.then(|| view! {
                        <details class="panel" open=new_quiz_open>
                            <summary>{t(Msg::NewQuiz)}</summary>
                            <PostForm action="/api/quizzes/create" class="stack">
                                <input type="hidden" name="slug" value=slug.clone() />
                                <QuizFields input=typed_quiz(&new_quiz, new_quiz_input()) />
                                <button type="submit" class="primary">{t(Msg::NewQuiz)}</button>
                            </PostForm>
                        </details>
                        })}
                        <h2>{t(Msg::Questions)} " (" {questions.len()} ")"</h2>
                        {if questions.is_empty() {
                            view! { <p class="empty">{t(Msg::NoQuestions)}</p> }.into_any()
                        } else {
                            let cats = categories.clone();
                            let questions = questions.clone();
                            view! {
                                {cats.into_iter().map(|cat| {
                                    let qs: Vec<_> = questions.iter().filter(|q| q.category_id == cat.id).cloned().collect();
                                    view! {
                                        <h3>{cat.name.clone()} " " <span class="hint">{format!("({})", cat.questions)}</span> " "
                                            <span class=if cat.test_pool { "badge badge-warn" } else { "badge badge-muted" }>
                                                {t(if cat.test_pool { Msg::TestPool } else { Msg::PracticePool })}
                                            </span>
                                        </h3>
                                        {editable.then(|| view! {
                                            <PostForm action="/api/quizzes/category-pool" class="inline">
                                                <input type="hidden" name="id" value=cat.id />
                                                <input type="hidden" name="test" value=(!cat.test_pool).to_string() />
                                                <button type="submit" class="link-button" id=format!("pool-{}", cat.id)>
                                                    {t(if cat.test_pool { Msg::MoveToPracticePool } else { Msg::MoveToTestPool })}
                                                </button>
                                            </PostForm>
                                        })}
                                        <table class="data bank" tabindex="0">
                                            <thead><tr>
                                                <th scope="col">{t(Msg::Title)}</th>
                                                <th scope="col">{t(Msg::Kind)}</th>
                                                <th scope="col">{t(Msg::Marks)}</th>
                                                <th scope="col"><span class="visually-hidden">{t(Msg::Actions)}</span></th>
                                            </tr></thead>
                                            <tbody>
                                                {qs.into_iter().map(|q| view! {
                                                    <tr>
                                                        <td>{q.title.clone()} {(!q.tags.is_empty()).then(|| view! { " " <span class="hint">{q.tags.join(", ")}</span> })}</td>
                                                        <td>{kind_label(q.kind)}</td>
                                                        <td>{q.marks}</td>
                                                        <td class="actions">
                                                            <a href=format!("/author/questions/{}", q.id)>{t(if editable { Msg::Edit } else { Msg::View })}</a>
                                                            {editable.then(|| view! {
                                                                " "
                                                                <PostForm action="/api/quizzes/question-delete" class="inline">
                                                                    <input type="hidden" name="id" value=q.id />
                                                                    <ConfirmSubmit label=t(Msg::Delete).to_string() question=Msg::ConfirmDelete id=format!("delete-question-{}", q.id) />
                                                                </PostForm>
                                                            })}
                                                        </td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }
                                }).collect_view()}
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

/// `/author/questions/:id`: one question edited as GIFT text.
#[component]
pub fn QuestionEditPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            // What was typed into this question's form, if the server refused it.
            let typed = Typed::for_record("/api/quizzes/question-save", "id", &id.to_string());
            match question_source(id).await {
                Ok((slug, category, gift, false)) => view! {
                    <PageTitle text=t(Msg::QuestionTitle) />
                    <p class="breadcrumbs"><a href=format!("/author/courses/{slug}/questions")>{t(Msg::QuestionBank)}</a></p>
                    <h1>{t(Msg::QuestionTitle)}</h1>
                    <p class="hint">{t(Msg::BankReadOnly)}</p>
                    <p><strong>{t(Msg::Category)} ": "</strong>{category}</p>
                    <pre class="code" id="q-gift" tabindex="0">{gift}</pre>
                }
                .into_any(),
                Ok((slug, category, gift, true)) => view! {
                    <PageTitle text=t(Msg::EditQuestion) />
                    <p class="breadcrumbs"><a href=format!("/author/courses/{slug}/questions")>{t(Msg::QuestionBank)}</a></p>
                    <h1>{t(Msg::EditQuestion)}</h1>
                    <Feedback />
                    <PostForm action="/api/quizzes/question-save" class="stack">
                        <input type="hidden" name="id" value=id />
                        <div class="field">
                            <label for="q-category">{t(Msg::Category)}</label>
                            <input id="q-category" name="category" maxlength="200" value=typed.or("category", category) />
                        </div>
                        <div class="field">
                            <label for="q-gift">{t(Msg::QuestionGift)}</label>
                            <textarea id="q-gift" name="gift" rows="14" class="code" required>{textarea_text(&typed.or("gift", gift))}</textarea>
                            <span class="hint">{t(Msg::QuestionGiftHelp)}</span>
                            <FieldMsg field="gift" />
                        </div>
                        <button type="submit" class="primary">{t(Msg::Save)}</button>
                    </PostForm>
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
