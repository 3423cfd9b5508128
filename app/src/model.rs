//! Data exchanged between the server and the pages: plain, serialisable, free of secrets.
//!
//! This file holds roles, the signed-in person and paging; each capability's data is in a file
//! of its own (`people`, `courses`, `quizzes`, `capacity`, `exercise`, `progress`, `record`,
//! `tna`), all re-exported here.

use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};

pub mod desk;
pub mod exercise;
pub mod progress;
pub mod record;
pub mod tna;

mod capacity;
mod codes;
mod courses;
mod people;
mod quizzes;
pub use capacity::*;
pub use codes::*;
pub use courses::*;
pub use people::*;
pub use quizzes::*;
pub use tna::{CompetencyFramework, CompetencyView, JobSpecification, RequirementRow};

/// Something chosen by its id and shown by its name: an option of a list, a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Id.
    pub id: i64,
    /// Name as shown.
    pub name: String,
}

/// What a person may do. A person may hold several roles. Stored by [`Role::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Role {
    /// Takes courses, tests and exercises.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "trainee"))]
    Trainee,
    /// Builds courses and runs classes.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "trainer"))]
    Trainer,
    /// Scores country capacity assessments.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "assessor"))]
    Assessor,
    /// Runs training needs analyses: questionnaires, campaigns, gaps and training plans.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "analyst"))]
    Analyst,
    /// Manages countries, agencies and people.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
    /// Follows the training of one agency (their own) for its management.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "focal_point"))]
    FocalPoint,
    /// Follows the training programme in the countries they cover.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "manager"))]
    Manager,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 7] = [
        Role::Trainee,
        Role::Trainer,
        Role::Assessor,
        Role::Analyst,
        Role::Admin,
        Role::FocalPoint,
        Role::Manager,
    ];

    /// The stored and CSV name of the role.
    pub fn code(self) -> &'static str {
        match self {
            Role::Trainee => "trainee",
            Role::Trainer => "trainer",
            Role::Assessor => "assessor",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
            Role::FocalPoint => "focal_point",
            Role::Manager => "manager",
        }
    }

    /// Parses a stored or CSV role name (case-insensitive).
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The role's label.
    pub fn label(self) -> Msg {
        match self {
            Role::Trainee => Msg::RoleTrainee,
            Role::Trainer => Msg::RoleTrainer,
            Role::Assessor => Msg::RoleAssessor,
            Role::Analyst => Msg::RoleAnalyst,
            Role::Admin => Msg::RoleAdmin,
            Role::FocalPoint => Msg::RoleFocalPoint,
            Role::Manager => Msg::RoleManager,
        }
    }
}

/// The kind of an agency. Stored by [`AgencyKind::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum AgencyKind {
    /// Immigration department or service.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "immigration"))]
    Immigration,
    /// Border police or border guard.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "border_police"))]
    BorderPolice,
    /// Customs administration.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "customs"))]
    Customs,
    /// Coast guard.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "coast_guard"))]
    CoastGuard,
    /// Any other agency.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "other"))]
    Other,
}

impl AgencyKind {
    /// Every kind, in display order.
    pub const ALL: [AgencyKind; 5] = [
        AgencyKind::Immigration,
        AgencyKind::BorderPolice,
        AgencyKind::Customs,
        AgencyKind::CoastGuard,
        AgencyKind::Other,
    ];

    /// The stored name of the kind.
    pub fn code(self) -> &'static str {
        match self {
            AgencyKind::Immigration => "immigration",
            AgencyKind::BorderPolice => "border_police",
            AgencyKind::Customs => "customs",
            AgencyKind::CoastGuard => "coast_guard",
            AgencyKind::Other => "other",
        }
    }

    /// Parses a stored kind name.
    pub fn from_code(code: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's label.
    pub fn label(self) -> Msg {
        match self {
            AgencyKind::Immigration => Msg::KindImmigration,
            AgencyKind::BorderPolice => Msg::KindBorderPolice,
            AgencyKind::Customs => Msg::KindCustoms,
            AgencyKind::CoastGuard => Msg::KindCoastGuard,
            AgencyKind::Other => Msg::KindOther,
        }
    }
}

/// The signed-in person, as the pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Person id.
    pub id: i64,
    /// Login name.
    pub login: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// Roles held, sorted.
    pub roles: Vec<Role>,
    /// Preferred interface language.
    pub lang: Lang,
    /// The person must choose a new password before doing anything else.
    pub must_change_password: bool,
}

impl CurrentUser {
    /// Whether the person holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The rows on this page.
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: u64,
    /// Total number of pages (at least 1).
    pub pages: u64,
    /// Total number of rows over all pages.
    pub total: u64,
}

// ---- Knowledge checks ------------------------------------------------------------------

// ---- Capacity assessments ------------------------------------------------------------

// ---- Text in several languages --------------------------------------------------------

/// A text in each interface language, any of them possibly empty but the English (a
/// questionnaire's text, a country's name): [`Texts::pick`] falls back to the English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Texts {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
    /// Spanish, or empty.
    pub es: String,
    /// Arabic, or empty.
    pub ar: String,
}

impl Texts {
    /// The text in `lang`, or the English where it is not translated, with the code of the
    /// language it is in (for the element's `lang`).
    pub fn pick(&self, lang: Lang) -> (&str, &'static str) {
        in_language(lang, [&self.en, &self.fr, &self.es, &self.ar])
    }
}

/// Of a text in English, French, Spanish and Arabic (in that order), the one in `lang`, or the
/// English where that one is empty; with the code of the language it is in.
pub fn in_language(lang: Lang, [en, fr, es, ar]: [&str; 4]) -> (&str, &'static str) {
    let own = match lang {
        Lang::En => en,
        Lang::Fr => fr,
        Lang::Es => es,
        Lang::Ar => ar,
    };
    if own.trim().is_empty() {
        (en, "en")
    } else {
        (own, lang.code())
    }
}
