//! The course catalogue.

use super::{Progress, SearchBox};
use crate::api::classes::enrolled_classes;
use crate::api::courses::catalogue;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use leptos::prelude::*;

/// Every course open to the reader, with their progress.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match catalogue().await {
                Ok(courses) if courses.is_empty() => view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any(),
                Ok(courses) => view! {
                    <div class="cards courses">
                        {courses.into_iter().map(|c| view! {
                            <article class="card course-card">
                                <p class="meta">
                                    <span class="badge">{t(if c.kind == "foundation" { Msg::KindFoundation } else { Msg::KindThematic })}</span>
                                    {(!c.published).then(|| view! { " " <span class="badge badge-muted">{t(Msg::Draft)}</span> })}
                                    " " {crate::i18n::tr(Msg::HoursCount, &[("n", c.estimated_hours.into())])}
                                </p>
                                <h2><a href=format!("/courses/{}", c.slug)>{c.title.clone()}</a></h2>
                                <p>{c.summary.clone()}</p>
                                <Progress done=c.completed total=c.lessons course=c.title.clone() />
                            </article>
                        }).collect_view()}
                    </div>
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    let classes = move || {
        Suspend::new(async move {
            match enrolled_classes().await {
                Ok(classes) if !classes.is_empty() => view! {
                    <section class="panel" id="my-classes">
                        <h2>{t(Msg::YourClasses)}</h2>
                        <ul class="plain">
                            {classes.into_iter().map(|c| view! {
                                <li>
                                    <a href=format!("/courses/{}", c.course_slug)>{c.name}</a>
                                    " · " {c.course_title} " · " {show_date(&c.starts_on)} " – " {show_date(&c.ends_on)}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
                .into_any(),
                Ok(_) => ().into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! {
        <PageTitle text=t(Msg::CoursesTitle) />
        <h1>{t(Msg::CoursesTitle)}</h1>
        <Feedback />
        <p class="lead">{t(Msg::CoursesIntro)}</p>
        <Suspense fallback=|| ()>{classes}</Suspense>
        <p class="actions"><a class="button" href="/join">{t(Msg::JoinTitle)}</a></p>
        <SearchBox />
        <Suspense fallback=|| ()>{data}</Suspense>
    }
}
