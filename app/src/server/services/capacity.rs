//! Capacity assessments: opening one, its team and scope, independent scoring by each
//! assessor, reconciliation by the lead, status from draft to final, and the roll-ups.
//!
//! Who sees what: administrators see every assessment; everyone else only those whose team
//! they are on (an assessor of one country's assessment is refused another's). Leads and
//! assessors score; government counterparts read. A final assessment is read-only; a new
//! version can be opened from it.
//!
//! Which score counts: the agreed score the lead recorded; failing that, the assessors'
//! common judgement when they all gave the same one; otherwise the indicator waits for
//! reconciliation and counts as not yet scored (`docs/assessment-scoring.md`).
//!
//! - [`access`]: who may see, score and change; blind scoring;
//! - [`lifecycle`]: the list, opening, team, scope, status, new versions;
//! - [`scoring`]: judgements, agreed scores, the score that counts, roll-ups;
//! - [`findings`]: findings and recommendations;
//! - [`report`]: the country report and its baseline comparison;
//! - [`documents`]: source documents.
//!
//! The report's renderers (Markdown, HTML, PDF) are in [`crate::server::reports`]; the
//! demonstration assessment in [`crate::server::services::demo::capacity`].

mod access;
mod documents;
mod findings;
mod lifecycle;
mod report;
mod scoring;

use access::*;
pub use documents::*;
pub use findings::*;
pub use lifecycle::*;
pub use report::*;
pub use scoring::*;

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::{Lang, Msg};
use crate::model::{
    AnnexRow, AssessmentInput, AssessmentRow, AssessmentStatus, AssessmentView, BaselineView,
    ComponentView, CurrentUser, ElementHead, ElementScoring, ElementView, FindingKind, FindingRow,
    IndicatorScoring, LevelChange, MemberRole, RecommendationInput, RecommendationRow, RedFlag,
    ReportView, Role, ScoreChange, ScoreEntry, ScoreInput, ScoreView, Standing, TeamMember,
    ToReconcile,
};
use crate::server::entities::{
    assessment_document, assessment_finding, assessment_member, assessment_recommendation,
    assessment_score, capacity_assessment, country, person,
};
use assessments::capacity::{self, Judgement, Rollup};
use content::framework::{Framework, Modality};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// The agreed score is stored as assessor 0.
pub(crate) const AGREED: i64 = 0;
/// The framework new assessments use.
pub const DEFAULT_FRAMEWORK: &str = "bmm";

pub(crate) const DATE: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn date(d: time::Date) -> String {
    d.format(DATE).unwrap_or_default()
}

/// An assessment's period, its dates written out in `lang`.
fn period(lang: Lang, from: time::Date, to: time::Date) -> String {
    let long = |d: time::Date| crate::i18n::long_date(lang, d.year(), u8::from(d.month()), d.day());
    format!("{} – {}", long(from), long(to))
}
