//! Administration: countries, agencies, positions and people.

pub mod agencies;
pub mod agency;
pub mod competencies;
pub mod countries;
pub mod import;
pub mod people;
pub mod person;
pub mod person_new;
pub mod position;

use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// "Active" / "Inactive" badge; the word carries the meaning, not only the colour.
#[component]
pub fn StatusBadge(active: bool) -> impl IntoView {
    let (class, msg) = if active {
        ("badge badge-ok", Msg::Active)
    } else {
        ("badge badge-muted", Msg::Inactive)
    };
    view! { <span class=class>{t(msg)}</span> }
}
