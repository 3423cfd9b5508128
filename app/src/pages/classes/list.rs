//! The trainer's classes and the form to open one.

use crate::api::classes::my_classes;
use crate::api::courses::catalogue;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use leptos::prelude::*;

/// Classes list and "open a class".
#[component]
pub fn ClassesPage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match (my_classes().await, catalogue().await) {
                (Ok(classes), Ok(courses)) => {
                    let typed = Typed::for_form("/api/classes/create");
                    view! {
                    {if classes.is_empty() {
                        view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data" tabindex="0" id="classes">
                                <thead><tr>
                                    <th scope="col">{t(Msg::ClassName)}</th>
                                    <th scope="col">{t(Msg::Course)}</th>
                                    <th scope="col">{t(Msg::StartsOn)}</th>
                                    <th scope="col">{t(Msg::EndsOn)}</th>
                                    <th scope="col">{t(Msg::Location)}</th>
                                    <th scope="col" class="num">{t(Msg::Enrolled)}</th>
                                </tr></thead>
                                <tbody>
                                    {classes.into_iter().map(|c| view! {
                                        <tr>
                                            <td>
                                                <a href=format!("/classes/{}", c.id)>{c.name}</a>
                                                {c.tot.then(|| view! { " " <span class="badge">{t(Msg::TrainingOfTrainers)}</span> })}
                                            </td>
                                            <td>{c.course_title}</td>
                                            <td>{show_date(&c.starts_on)}</td>
                                            <td>{show_date(&c.ends_on)}</td>
                                            <td>{c.location}</td>
                                            <td class="num">{c.enrolled}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <section class="panel">
                        <h2>{t(Msg::ClassNew)}</h2>
                        <PostForm action="/api/classes/create" class="stack">
                            <div class="field">
                                <label for="class-course">{t(Msg::Course)}</label>
                                <select id="class-course" name="input[course]" required>
                                    {courses.into_iter().map(|c| {
                                        let selected = typed.chose("input[course]", &c.slug, false);
                                        view! { <option value=c.slug selected=selected>{c.title}</option> }
                                    }).collect_view()}
                                </select>
                                <FieldMsg field="course" />
                            </div>
                            <div class="field">
                                <label for="class-name">{t(Msg::ClassName)}</label>
                                <input id="class-name" name="input[name]" required maxlength="200" value=typed.get("input[name]") />
                                <FieldMsg field="name" />
                            </div>
                            <div class="row">
                                <div class="field">
                                    <label for="starts-on">{t(Msg::StartsOn)}</label>
                                    <input id="starts-on" name="input[starts_on]" type="date" required value=typed.get("input[starts_on]") />
                                    <FieldMsg field="starts_on" />
                                </div>
                                <div class="field">
                                    <label for="ends-on">{t(Msg::EndsOn)}</label>
                                    <input id="ends-on" name="input[ends_on]" type="date" required value=typed.get("input[ends_on]") />
                                    <FieldMsg field="ends_on" />
                                </div>
                            </div>
                            <div class="field">
                                <label for="location">{t(Msg::Location)}</label>
                                <input id="location" name="input[location]" maxlength="200" value=typed.get("input[location]") />
                                <FieldMsg field="location" />
                            </div>
                            <label class="check" for="tot">
                                <input type="checkbox" id="tot" name="input[tot]" value="on" checked=typed.chose("input[tot]", "on", false) />
                                {t(Msg::TrainingOfTrainers)}
                            </label>
                            <button type="submit" class="primary">{t(Msg::ClassNew)}</button>
                        </PostForm>
                    </section>
                }
                .into_any()
                }
                (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! {
        <PageTitle text=t(Msg::ClassesTitle) />
        <h1>{t(Msg::ClassesTitle)}</h1>
        <Feedback />
        <p class="lead">{t(Msg::ClassesIntro)}</p>
        <Suspense fallback=|| ()>{data}</Suspense>
    }
}
