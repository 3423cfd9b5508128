//! Learning: the course catalogue, outlines, lessons, glossaries, search and the border desk.

pub mod catalogue;
pub mod course;
pub mod desk;
pub mod exercise;
pub mod glossary;
pub mod lesson;
pub mod quiz;
pub mod record;
pub mod search;

use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The search box over all lessons.
#[component]
pub fn SearchBox(#[prop(optional, into)] value: String) -> impl IntoView {
    view! {
        <form method="get" action="/search" class="row search" role="search">
            <label for="search-q" class="visually-hidden">{t(Msg::SearchLessons)}</label>
            <input type="search" id="search-q" name="q" value=value placeholder=t(Msg::SearchLessons) />
            <button type="submit">{t(Msg::Search)}</button>
        </form>
    }
}

/// "3 / 10 lessons completed" with a progress bar.
#[component]
pub fn Progress(
    done: u64,
    total: u64,
    /// The course's title, naming the bar (several bars share a page).
    #[prop(into)]
    course: String,
) -> impl IntoView {
    view! {
        <p class="progress-line">
            <progress max=total.max(1) value=done aria-label=format!("{course} — {} {}", t(Msg::LessonsCount), t(Msg::Completed))></progress>
            " " {format!("{done} / {total}")} " " {t(Msg::LessonsCount)} " " {t(Msg::Completed)}
        </p>
    }
}
