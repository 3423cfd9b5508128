//! One class: details, join code, trainers, roster with progress, enrolment.

use crate::api::classes::get_class;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, show_date, t};
use leptos::prelude::*;

/// The class page.
#[component]
pub fn ClassPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_class(id).await {
                Ok(d) => {
                    let c = d.class.clone();
                    // Refused forms for this class come back as they were sent.
                    let for_class = |action: &str| Typed::for_record(action, "id", &id.to_string());
                    let enrolled = for_class("/api/classes/enrol");
                    let agency_enrolled = for_class("/api/classes/enrol-agency");
                    let trainer_added = for_class("/api/classes/trainer");
                    view! {
                        <PageTitle text=c.name.clone() />
                        <p class="breadcrumbs"><a href="/classes">{t(Msg::ClassesTitle)}</a></p>
                        <h1>{c.name.clone()} {c.tot.then(|| view! { " " <span class="badge">{t(Msg::TrainingOfTrainers)}</span> })}</h1>
                        <Feedback />
                        <p>
                            {t(Msg::Course)} ": " <a href=format!("/courses/{}", c.course_slug)>{c.course_title.clone()}</a>
                            " · " {show_date(&c.starts_on)} " – " {show_date(&c.ends_on)}
                            {(!c.location.is_empty()).then(|| format!(" · {}", c.location))}
                        </p>
                        <p>{t(Msg::Trainers)} ": " {d.trainers.join(", ")}</p>
                        <p>
                            <a class="button" id="class-quizzes-link" href=format!("/classes/{id}/quizzes")>{t(Msg::Quizzes)} " · " {t(Msg::Results)} " · " {t(Msg::Certificates)}</a>
                            " " <a class="button" id="class-exercises-link" href=format!("/classes/{id}/exercises")>{t(Msg::Exercises)}</a>
                            " " <a class="button" id="class-desk-link" href=format!("/classes/{id}/desk")>{t(Msg::DeskAdminTitle)}</a>
                        </p>
                        <p class="join-code">
                            {t(Msg::JoinCode)} ": " <strong id="join-code">{d.join_code.clone()}</strong>
                            " " <span class="hint">{t(Msg::JoinCodeHint)}</span>
                        </p>
                        <h2>{t(Msg::Roster)} " (" {d.roster.len()} ")"</h2>
                        {if d.roster.is_empty() {
                            view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="data" tabindex="0" id="roster">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::Name)}</th>
                                        <th scope="col">{t(Msg::Agency)}</th>
                                        <th scope="col">{t(Msg::ProgressCol)}</th>
                                        <th scope="col">{t(Msg::LastActive)}</th>
                                        <th scope="col"><span class="visually-hidden">{t(Msg::Actions)}</span></th>
                                    </tr></thead>
                                    <tbody>
                                        {d.roster.into_iter().map(|r| view! {
                                            <tr>
                                                <td><a href=format!("/people/{}/record", r.person_id)><bdi>{r.name.clone()}</bdi></a> " " <code>{r.login}</code></td>
                                                <td>{r.agency}</td>
                                                <td>
                                                    <progress max=r.total.max(1) value=r.completed aria-label=format!("{} — {} {}", r.name, t(Msg::LessonsCount), t(Msg::Completed))></progress>
                                                    " " {format!("{} / {}", r.completed, r.total)}
                                                </td>
                                                <td>{r.last_active.unwrap_or_else(|| "—".to_owned())}</td>
                                                <td>
                                                    <PostForm action="/api/classes/unenrol" class="inline">
                                                        <input type="hidden" name="id" value=id />
                                                        <input type="hidden" name="person" value=r.person_id />
                                                        <button type="submit" class="link-button">{t(Msg::Remove)}</button>
                                                    </PostForm>
                                                </td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        <div class="columns">
                            <section class="panel">
                                <PostForm action="/api/classes/enrol" class="stack">
                                    <input type="hidden" name="id" value=id />
                                    <div class="field">
                                        <label for="enrol-login">{t(Msg::EnrolOne)}</label>
                                        <input id="enrol-login" name="login" required maxlength="64" autocapitalize="none" value=enrolled.get("login") />
                                        <FieldMsg field="login" />
                                    </div>
                                    <button type="submit">{t(Msg::Enrol)}</button>
                                </PostForm>
                            </section>
                            <section class="panel">
                                <PostForm action="/api/classes/enrol-agency" class="stack">
                                    <input type="hidden" name="id" value=id />
                                    <div class="field">
                                        <label for="enrol-agency">{t(Msg::EnrolAgency)}</label>
                                        <select id="enrol-agency" name="agency">
                                            {d.agencies.into_iter().map(|(aid, name)| {
                                                let selected = agency_enrolled.chose("agency", &aid.to_string(), false);
                                                view! { <option value=aid selected=selected>{name}</option> }
                                            }).collect_view()}
                                        </select>
                                        <FieldMsg field="agency" />
                                    </div>
                                    <button type="submit">{t(Msg::Enrol)}</button>
                                </PostForm>
                            </section>
                            <section class="panel">
                                <PostForm action="/api/classes/trainer" class="stack">
                                    <input type="hidden" name="id" value=id />
                                    <div class="field">
                                        <label for="trainer-login">{t(Msg::TrainerAdd)}</label>
                                        <input id="trainer-login" name="trainer" required maxlength="64" autocapitalize="none" value=trainer_added.get("trainer") />
                                        <FieldMsg field="trainer" />
                                    </div>
                                    <button type="submit">{t(Msg::Save)}</button>
                                </PostForm>
                            </section>
                        </div>
                        <super::evaluation::ClassEvaluations class=id />
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
