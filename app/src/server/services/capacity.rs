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

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Msg;
use crate::model::{
    AssessmentInput, AssessmentRow, AssessmentView, BaselineView, ComponentView, CurrentUser,
    ElementScoring, ElementView, FindingRow, IndicatorScoring, RecommendationInput,
    RecommendationRow, ReportView, Role, ScoreEntry, ScoreInput, ScoreView,
};
use crate::server::entities::{
    assessment_document, assessment_finding, assessment_member, assessment_recommendation,
    assessment_score, capacity_assessment, country, person,
};
use assessments::capacity::{self, Judgement, Rollup};
use content::framework::Framework;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// The agreed score is stored as assessor 0.
const AGREED: i64 = 0;
/// The framework new assessments use.
pub const DEFAULT_FRAMEWORK: &str = "bmm";

const DATE: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn date(d: time::Date) -> String {
    d.format(DATE).unwrap_or_default()
}

fn framework(a: &capacity_assessment::Model) -> AppResult<&'static Framework> {
    content::framework::find(&a.framework_id)
        .ok_or_else(|| super::super::errors::internal("framework missing", &a.framework_id))
}

/// The element ids in scope (all of the framework's when the scope is empty).
fn scope(a: &capacity_assessment::Model, fw: &Framework) -> HashSet<String> {
    let chosen: Vec<String> = serde_json::from_str(&a.scope).unwrap_or_default();
    if chosen.is_empty() {
        fw.components
            .iter()
            .flat_map(|c| c.elements.iter().map(|e| e.id.clone()))
            .collect()
    } else {
        chosen.into_iter().collect()
    }
}

/// Assessment `id` and the signed-in person's role in it (`admin` for administrators who are
/// not on the team); `Forbidden` for anyone else.
async fn access(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(capacity_assessment::Model, String)> {
    let a = capacity_assessment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let member = assessment_member::Entity::find_by_id((id, user.id))
        .one(db)
        .await?;
    match member {
        Some(m) => Ok((a, m.role)),
        None if user.has(Role::Admin) => Ok((a, "admin".to_owned())),
        None => Err(AppError::Forbidden),
    }
}

/// Whose scores a member may see while scoring is blind: an assessor (not the lead) of an
/// assessment still in draft sees, for each indicator, only their own score until they have
/// scored it; then everyone's. Once the lead moves the assessment to review (reconciliation),
/// or for leads, administrators and counterparts, every score shows. `None`: no restriction.
fn blind_for(role: &str, a: &capacity_assessment::Model, user: &CurrentUser) -> Option<i64> {
    (role == "assessor" && a.status == "draft").then_some(user.id)
}

/// The score rows `blind` (see [`blind_for`]) may see: agreed scores, their own, and others'
/// on the indicators they have scored themselves.
fn visible_rows(
    rows: Vec<assessment_score::Model>,
    blind: Option<i64>,
) -> Vec<assessment_score::Model> {
    let Some(me) = blind else { return rows };
    let scored: std::collections::HashSet<String> = rows
        .iter()
        .filter(|r| r.assessor_id == me)
        .map(|r| r.indicator_id.clone())
        .collect();
    rows.into_iter()
        .filter(|r| {
            r.assessor_id == AGREED || r.assessor_id == me || scored.contains(&r.indicator_id)
        })
        .collect()
}

fn may_score(role: &str) -> bool {
    matches!(role, "lead" | "assessor" | "admin")
}

fn leads(role: &str) -> bool {
    matches!(role, "lead" | "admin")
}

fn not_final(a: &capacity_assessment::Model) -> AppResult<()> {
    if a.status == "final" {
        Err(AppError::field("assessment", Msg::ErrAssessmentFinal))
    } else {
        Ok(())
    }
}

/// The assessments `user` may see, newest first.
pub async fn list(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<AssessmentRow>> {
    let roles: HashMap<i64, String> = assessment_member::Entity::find()
        .filter(assessment_member::Column::PersonId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.assessment_id, m.role))
        .collect();
    let mut query = capacity_assessment::Entity::find();
    if !user.has(Role::Admin) {
        query = query.filter(
            capacity_assessment::Column::Id.is_in(roles.keys().copied().collect::<Vec<_>>()),
        );
    }
    let rows = query
        .order_by_desc(capacity_assessment::Column::StartsOn)
        .all(db)
        .await?;
    let countries = country_names(db).await?;
    Ok(rows
        .into_iter()
        .map(|a| AssessmentRow {
            my_role: roles
                .get(&a.id)
                .cloned()
                .unwrap_or_else(|| "admin".to_owned()),
            country: countries
                .get(&a.country_code)
                .cloned()
                .unwrap_or(a.country_code.clone()),
            period: format!("{} – {}", date(a.starts_on), date(a.ends_on)),
            id: a.id,
            title: a.title,
            status: a.status,
            number: a.number,
        })
        .collect())
}

async fn country_names(db: &DatabaseConnection) -> AppResult<HashMap<String, String>> {
    Ok(country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name_en))
        .collect())
}

/// Opens an assessment of the whole framework; its creator leads it. Returns its id.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: &AssessmentInput,
) -> AppResult<i64> {
    if !(user.has(Role::Assessor) || user.has(Role::Admin)) {
        return Err(AppError::Forbidden);
    }
    let mut errors = Vec::new();
    let title = input.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        errors.push(FieldError::new("title", Msg::ErrRequired));
    }
    let requested_by = input.requested_by.trim();
    if requested_by.chars().count() > 200 {
        errors.push(FieldError::new("requested_by", Msg::ErrTooLong));
    }
    let code = input.country.trim().to_ascii_uppercase();
    let known = country::Entity::find_by_id(code.clone())
        .one(db)
        .await?
        .is_some();
    if !known {
        errors.push(FieldError::new("country", Msg::ErrUnknownCountry));
    }
    let parse = super::classes::parse_date;
    let (starts, ends) = (parse(&input.starts_on), parse(&input.ends_on));
    if starts.is_none() {
        errors.push(FieldError::new("starts_on", Msg::ErrDate));
    }
    if ends.is_none() {
        errors.push(FieldError::new("ends_on", Msg::ErrDate));
    }
    if let (Some(s), Some(e)) = (starts, ends)
        && e < s
    {
        errors.push(FieldError::new("ends_on", Msg::ErrDateOrder));
    }
    let (Some(starts), Some(ends), true) = (starts, ends, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let fw = content::framework::find(DEFAULT_FRAMEWORK)
        .ok_or_else(|| super::super::errors::internal("framework missing", DEFAULT_FRAMEWORK))?;
    let now = super::now();
    let txn = db.begin().await?;
    let id = capacity_assessment::Entity::insert(capacity_assessment::ActiveModel {
        framework_id: Set(fw.id.clone()),
        framework_version: Set(fw.version.clone()),
        country_code: Set(code),
        title: Set(title.to_owned()),
        requested_by: Set(requested_by.to_owned()),
        scope: Set("[]".to_owned()),
        starts_on: Set(starts),
        ends_on: Set(ends),
        status: Set("draft".to_owned()),
        number: Set(1),
        previous_id: Set(None),
        baseline_id: Set(None),
        summary: Set(String::new()),
        methodology: Set(String::new()),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    assessment_member::Entity::insert(assessment_member::ActiveModel {
        assessment_id: Set(id),
        person_id: Set(user.id),
        role: Set("lead".to_owned()),
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Adds person `login` to the team as `role` (lead only).
pub async fn add_member(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    login: &str,
    role: &str,
) -> AppResult<()> {
    let (a, mine) = access(db, user, id).await?;
    if !leads(&mine) {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    if !matches!(role, "assessor" | "counterpart" | "lead") {
        return Err(AppError::field("role", Msg::ErrInvalid));
    }
    let p = person::Entity::find()
        .filter(person::Column::Login.eq(login.trim().to_lowercase()))
        .filter(person::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("login", Msg::ErrUnknownPerson))?;
    let existing = assessment_member::Entity::find_by_id((id, p.id))
        .one(db)
        .await?;
    match existing {
        Some(m) => {
            let mut m: assessment_member::ActiveModel = m.into();
            m.role = Set(role.to_owned());
            m.update(db).await?;
        }
        None => {
            assessment_member::Entity::insert(assessment_member::ActiveModel {
                assessment_id: Set(id),
                person_id: Set(p.id),
                role: Set(role.to_owned()),
            })
            .exec_without_returning(db)
            .await?;
        }
    }
    Ok(())
}

/// Sets which elements are assessed (lead only, not final). Unknown element ids are refused.
pub async fn set_scope(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    elements: &[String],
) -> AppResult<()> {
    let (a, mine) = access(db, user, id).await?;
    if !leads(&mine) {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    let fw = framework(&a)?;
    let known: HashSet<&str> = fw
        .components
        .iter()
        .flat_map(|c| c.elements.iter().map(|e| e.id.as_str()))
        .collect();
    if elements.is_empty() || elements.iter().any(|e| !known.contains(e.as_str())) {
        return Err(AppError::field("scope", Msg::ErrScope));
    }
    let mut active: capacity_assessment::ActiveModel = a.into();
    active.scope = Set(serde_json::to_string(elements).unwrap_or_else(|_| "[]".into()));
    active.updated_at = Set(super::now());
    active.update(db).await?;
    Ok(())
}

/// Moves the assessment to `status` (lead only): draft ⇄ in review → final. A final
/// assessment does not move.
pub async fn set_status(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    status: &str,
) -> AppResult<()> {
    let (a, mine) = access(db, user, id).await?;
    if !leads(&mine) {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    let allowed = matches!(
        (a.status.as_str(), status),
        ("draft", "in_review") | ("in_review", "draft") | ("in_review", "final")
    );
    if !allowed {
        return Err(AppError::field("status", Msg::ErrStatusStep));
    }
    let mut active: capacity_assessment::ActiveModel = a.into();
    active.status = Set(status.to_owned());
    active.updated_at = Set(super::now());
    active.update(db).await?;
    Ok(())
}

/// The judgement stored in a score row.
fn judgement(row: &assessment_score::Model) -> Option<Judgement> {
    if row.not_applicable {
        Some(Judgement::NotApplicable)
    } else {
        row.level
            .and_then(|l| u8::try_from(l).ok())
            .map(Judgement::Level)
    }
}

/// The judgement that counts for each indicator (see the module comment).
fn effective(rows: &[assessment_score::Model]) -> HashMap<String, Judgement> {
    let mut by_indicator: HashMap<&str, Vec<&assessment_score::Model>> = HashMap::new();
    for r in rows {
        by_indicator.entry(&r.indicator_id).or_default().push(r);
    }
    by_indicator
        .into_iter()
        .filter_map(|(indicator, rows)| {
            if let Some(agreed) = rows.iter().find(|r| r.assessor_id == AGREED) {
                return judgement(agreed).map(|j| (indicator.to_owned(), j));
            }
            let judged: Vec<Judgement> = rows.iter().filter_map(|r| judgement(r)).collect();
            let first = *judged.first()?;
            judged
                .iter()
                .all(|j| *j == first)
                .then(|| (indicator.to_owned(), first))
        })
        .collect()
}

fn view_of(r: Rollup) -> ScoreView {
    ScoreView {
        score: r.score,
        scored: r.scored as u64,
        not_applicable: r.not_applicable as u64,
        unscored: r.unscored as u64,
        light: r.score.map(|s| {
            match capacity::light(s) {
                capacity::Light::Red => "red",
                capacity::Light::Amber => "amber",
                capacity::Light::Green => "green",
            }
            .to_owned()
        }),
    }
}

/// Roll-ups of an assessment: per component (with elements) and overall, over the scope.
pub fn roll_ups(
    fw: &Framework,
    in_scope: &HashSet<String>,
    judged: &HashMap<String, Judgement>,
) -> (Vec<ComponentView>, ScoreView) {
    let mut components = Vec::new();
    let mut parts = Vec::new();
    for c in &fw.components {
        let mut elements = Vec::new();
        let mut element_parts = Vec::new();
        for e in &c.elements {
            let included = in_scope.contains(&e.id);
            let r = capacity::roll_up_indicators(
                &e.indicators
                    .iter()
                    .map(|i| (i.weight, judged.get(&i.id).copied()))
                    .collect::<Vec<_>>(),
            );
            if included {
                element_parts.push((e.weight, r));
            }
            elements.push(ElementView {
                id: e.id.clone(),
                title: e.title.clone(),
                in_scope: included,
                score: view_of(r),
            });
        }
        let r = capacity::roll_up(&element_parts);
        if !element_parts.is_empty() {
            parts.push((c.weight, r));
        }
        components.push(ComponentView {
            id: c.id.clone(),
            title: c.title.clone(),
            score: view_of(r),
            elements,
        });
    }
    (components, view_of(capacity::roll_up(&parts)))
}

/// Assessment `id` for its team: details, team, scope and roll-ups.
pub async fn view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<AssessmentView> {
    let (a, role) = access(db, user, id).await?;
    let blind = blind_for(&role, &a, user);
    build_view(db, a, role, blind).await
}

async fn build_view(
    db: &DatabaseConnection,
    a: capacity_assessment::Model,
    role: String,
    blind: Option<i64>,
) -> AppResult<AssessmentView> {
    let id = a.id;
    let fw = framework(&a)?;
    let rows = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .all(db)
        .await?;
    let rows = visible_rows(rows, blind);
    let (components, overall) = roll_ups(fw, &scope(&a, fw), &effective(&rows));
    let members = assessment_member::Entity::find()
        .filter(assessment_member::Column::AssessmentId.eq(id))
        .all(db)
        .await?;
    let people: HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(members.iter().map(|m| m.person_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut team: Vec<(String, String, String)> = members
        .iter()
        .filter_map(|m| {
            let p = people.get(&m.person_id)?;
            Some((p.display_name.clone(), p.login.clone(), m.role.clone()))
        })
        .collect();
    team.sort_by(|a, b| (a.2 != "lead", &a.0).cmp(&(b.2 != "lead", &b.0)));
    let country_name = country::Entity::find_by_id(a.country_code.clone())
        .one(db)
        .await?
        .map(|c| c.name_en)
        .unwrap_or_else(|| a.country_code.clone());
    Ok(AssessmentView {
        id: a.id,
        title: a.title.clone(),
        country: (a.country_code.clone(), country_name),
        requested_by: a.requested_by.clone(),
        period: format!("{} – {}", date(a.starts_on), date(a.ends_on)),
        can_score: may_score(&role) && a.status != "final",
        is_lead: leads(&role),
        status: a.status,
        number: a.number,
        framework: format!("{} {}", fw.title, a.framework_version),
        my_role: role,
        team,
        components,
        overall,
    })
}

fn entry(row: &assessment_score::Model, by: String) -> ScoreEntry {
    ScoreEntry {
        by,
        level: row.level,
        not_applicable: row.not_applicable,
        reason: row.reason.clone(),
        evidence: row.evidence.clone(),
        confidence: row.confidence.clone(),
        version: row.version,
    }
}

/// The scoring page of element `element` of assessment `id`.
pub async fn element_scoring(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    element: &str,
) -> AppResult<ElementScoring> {
    let (a, role) = access(db, user, id).await?;
    let fw = framework(&a)?;
    let (component, el) = fw
        .components
        .iter()
        .find_map(|c| c.elements.iter().find(|e| e.id == element).map(|e| (c, e)))
        .ok_or(AppError::NotFound)?;
    if !scope(&a, fw).contains(&el.id) {
        return Err(AppError::field("element", Msg::ErrOutOfScope));
    }
    let ids: Vec<String> = el.indicators.iter().map(|i| i.id.clone()).collect();
    let docs = documents(db, id, &ids).await?;
    let rows = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .filter(assessment_score::Column::IndicatorId.is_in(ids))
        .all(db)
        .await?;
    let rows = visible_rows(rows, blind_for(&role, &a, user));
    let names: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(rows.iter().map(|r| r.assessor_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.display_name))
        .collect();
    let is_lead = leads(&role);
    let indicators = el
        .indicators
        .iter()
        .map(|i| {
            let mine_rows: Vec<&assessment_score::Model> =
                rows.iter().filter(|r| r.indicator_id == i.id).collect();
            let assessors: Vec<&&assessment_score::Model> = mine_rows
                .iter()
                .filter(|r| r.assessor_id != AGREED)
                .collect();
            let levels: Vec<u8> = assessors
                .iter()
                .filter(|r| !r.not_applicable)
                .filter_map(|r| r.level.and_then(|l| u8::try_from(l).ok()))
                .collect();
            IndicatorScoring {
                id: i.id.clone(),
                title: i.title.clone(),
                weight: i.weight,
                levels: i.levels.clone(),
                questions: i.questions.clone(),
                evidence: i.evidence.clone(),
                mine: mine_rows
                    .iter()
                    .find(|r| r.assessor_id == user.id)
                    .map(|r| entry(r, String::new())),
                all: if is_lead {
                    assessors
                        .iter()
                        .map(|r| entry(r, names.get(&r.assessor_id).cloned().unwrap_or_default()))
                        .collect()
                } else {
                    Vec::new()
                },
                spread: capacity::spread(&levels),
                agreed: mine_rows
                    .iter()
                    .find(|r| r.assessor_id == AGREED)
                    .map(|r| entry(r, String::new())),
                documents: docs
                    .iter()
                    .filter(|(ind, _, _)| *ind == i.id)
                    .map(|(_, d, name)| (*d, name.clone()))
                    .collect(),
            }
        })
        .collect();
    Ok(ElementScoring {
        assessment_id: a.id,
        assessment_title: a.title.clone(),
        element: (el.id.clone(), el.title.clone(), el.summary.clone()),
        component: component.title.clone(),
        scale: fw.scale.clone(),
        can_score: may_score(&role) && a.status != "final",
        is_lead,
        indicators,
    })
}

/// Saves the signed-in assessor's score of `indicator` (or, with `agreed`, the lead's agreed
/// score). Refuses a level outside the scale, an indicator outside the scope, a final
/// assessment, and a save based on a version someone else has changed since (nothing is
/// overwritten; the page shows their version).
pub async fn save_score(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    indicator: &str,
    input: &ScoreInput,
) -> AppResult<String> {
    let agreed = input.agreed.is_some();
    let (a, role) = access(db, user, id).await?;
    if !may_score(&role) || (agreed && !leads(&role)) {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    let fw = framework(&a)?;
    let Some((_, element, _)) = fw.indicators().find(|(_, _, i)| i.id == indicator) else {
        return Err(AppError::field("indicator", Msg::ErrUnknownIndicator));
    };
    if !scope(&a, fw).contains(&element.id) {
        return Err(AppError::field("indicator", Msg::ErrOutOfScope));
    }
    let (level, not_applicable) = match input.level.trim() {
        "na" => (None, true),
        raw => match raw.parse::<i32>() {
            Ok(l) if (0..=i32::from(capacity::MAX_LEVEL)).contains(&l) => (Some(l), false),
            _ => return Err(AppError::field("level", Msg::ErrLevelScale)),
        },
    };
    let reason = input.reason.trim();
    if not_applicable && reason.is_empty() {
        return Err(AppError::field("reason", Msg::ErrReasonRequired));
    }
    let confidence = match input.confidence.trim() {
        "" => "medium",
        c @ ("low" | "medium" | "high") => c,
        _ => return Err(AppError::field("confidence", Msg::ErrInvalid)),
    };
    if reason.chars().count() > 5_000 || input.evidence.chars().count() > 20_000 {
        return Err(AppError::field("evidence", Msg::ErrTooLong));
    }
    let assessor = if agreed { AGREED } else { user.id };
    let now = super::now();
    let conflict = || AppError::field("level", Msg::ErrScoreConflict);
    if input.version == 0 {
        let inserted = assessment_score::Entity::insert(assessment_score::ActiveModel {
            assessment_id: Set(id),
            indicator_id: Set(indicator.to_owned()),
            assessor_id: Set(assessor),
            level: Set(level),
            not_applicable: Set(not_applicable),
            reason: Set(reason.to_owned()),
            evidence: Set(input.evidence.trim().to_owned()),
            confidence: Set(confidence.to_owned()),
            updated_by: Set(user.id),
            updated_at: Set(now),
            version: Set(1),
        })
        .exec_without_returning(db)
        .await;
        return match inserted {
            Ok(_) => Ok(element.id.clone()),
            Err(e)
                if matches!(
                    e.sql_err(),
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                ) =>
            {
                Err(conflict())
            }
            Err(e) => Err(e.into()),
        };
    }
    let done = assessment_score::Entity::update_many()
        .col_expr(assessment_score::Column::Level, Expr::value(level))
        .col_expr(
            assessment_score::Column::NotApplicable,
            Expr::value(not_applicable),
        )
        .col_expr(assessment_score::Column::Reason, Expr::value(reason))
        .col_expr(
            assessment_score::Column::Evidence,
            Expr::value(input.evidence.trim()),
        )
        .col_expr(
            assessment_score::Column::Confidence,
            Expr::value(confidence),
        )
        .col_expr(assessment_score::Column::UpdatedBy, Expr::value(user.id))
        .col_expr(assessment_score::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            assessment_score::Column::Version,
            Expr::value(input.version + 1),
        )
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .filter(assessment_score::Column::IndicatorId.eq(indicator))
        .filter(assessment_score::Column::AssessorId.eq(assessor))
        .filter(assessment_score::Column::Version.eq(input.version))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(conflict());
    }
    Ok(element.id.clone())
}

/// Adds a finding to element `element` (lead and assessors, not final).
pub async fn add_finding(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    element: &str,
    kind: &str,
    text: &str,
) -> AppResult<()> {
    let (a, _) = editable(db, user, id).await?;
    element_in_scope(&a, element)?;
    if !matches!(kind, "strength" | "gap") {
        return Err(AppError::field("kind", Msg::ErrInvalid));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::field("text", Msg::ErrRequired));
    }
    if text.chars().count() > 5_000 {
        return Err(AppError::field("text", Msg::ErrTooLong));
    }
    let position = next_position(
        assessment_finding::Entity::find()
            .filter(assessment_finding::Column::AssessmentId.eq(id))
            .count(db)
            .await?,
    );
    assessment_finding::Entity::insert(assessment_finding::ActiveModel {
        assessment_id: Set(id),
        element_id: Set(element.to_owned()),
        kind: Set(kind.to_owned()),
        text: Set(text.to_owned()),
        position: Set(position),
        version: Set(1),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// The assessment and role when `user` may change it (lead or assessor, not final).
async fn editable(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(capacity_assessment::Model, String)> {
    let (a, role) = access(db, user, id).await?;
    if !may_score(&role) {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    Ok((a, role))
}

fn element_in_scope(a: &capacity_assessment::Model, element: &str) -> AppResult<()> {
    let fw = framework(a)?;
    if !fw
        .components
        .iter()
        .any(|c| c.elements.iter().any(|e| e.id == element))
    {
        return Err(AppError::field("element", Msg::ErrUnknownIndicator));
    }
    if !scope(a, fw).contains(element) {
        return Err(AppError::field("element", Msg::ErrOutOfScope));
    }
    Ok(())
}

/// Adds a recommendation (lead and assessors, not final). The indicators it addresses must
/// belong to its element; the quarter is `YYYY-Qn`.
pub async fn add_recommendation(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    input: &RecommendationInput,
) -> AppResult<()> {
    let (a, _) = editable(db, user, id).await?;
    element_in_scope(&a, &input.element)?;
    let fw = framework(&a)?;
    let element = fw
        .components
        .iter()
        .flat_map(|c| &c.elements)
        .find(|e| e.id == input.element)
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let text = input.text.trim();
    if text.is_empty() || text.chars().count() > 5_000 {
        errors.push(FieldError::new("text", Msg::ErrRequired));
    }
    if !matches!(input.priority.as_str(), "high" | "medium" | "low") {
        errors.push(FieldError::new("priority", Msg::ErrInvalid));
    }
    if !matches!(input.timeframe.as_str(), "short" | "long") {
        errors.push(FieldError::new("timeframe", Msg::ErrInvalid));
    }
    if !valid_quarter(input.quarter.trim()) {
        errors.push(FieldError::new("quarter", Msg::ErrQuarter));
    }
    let indicators: Vec<String> = input
        .indicators
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if indicators
        .iter()
        .any(|i| !element.indicators.iter().any(|x| &x.id == i))
    {
        errors.push(FieldError::new("indicators", Msg::ErrUnknownIndicator));
    }
    if input.responsible.chars().count() > 200 || input.cost.chars().count() > 100 {
        errors.push(FieldError::new("responsible", Msg::ErrTooLong));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let position = next_position(
        assessment_recommendation::Entity::find()
            .filter(assessment_recommendation::Column::AssessmentId.eq(id))
            .count(db)
            .await?,
    );
    assessment_recommendation::Entity::insert(assessment_recommendation::ActiveModel {
        assessment_id: Set(id),
        element_id: Set(input.element.clone()),
        text: Set(text.to_owned()),
        priority: Set(input.priority.clone()),
        timeframe: Set(input.timeframe.clone()),
        responsible: Set(input.responsible.trim().to_owned()),
        cost: Set(input.cost.trim().to_owned()),
        indicators: Set(indicators.join(",")),
        quarter: Set(input.quarter.trim().to_owned()),
        position: Set(position),
        version: Set(1),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

fn next_position(count: u64) -> i32 {
    i32::try_from(count).unwrap_or(i32::MAX - 1) + 1
}

/// Whether `q` is a quarter written `YYYY-Qn` (n from 1 to 4).
pub fn valid_quarter(q: &str) -> bool {
    let Some((year, quarter)) = q.split_once("-Q") else {
        return false;
    };
    year.len() == 4
        && year
            .parse::<u16>()
            .is_ok_and(|y| (2000..=2100).contains(&y))
        && matches!(quarter, "1" | "2" | "3" | "4")
}

/// Deletes a finding or a recommendation of assessment `id` (lead and assessors, not final).
pub async fn delete_entry(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    finding: Option<i64>,
    recommendation: Option<i64>,
) -> AppResult<()> {
    editable(db, user, id).await?;
    if let Some(f) = finding {
        assessment_finding::Entity::delete_many()
            .filter(assessment_finding::Column::Id.eq(f))
            .filter(assessment_finding::Column::AssessmentId.eq(id))
            .exec(db)
            .await?;
    }
    if let Some(r) = recommendation {
        assessment_recommendation::Entity::delete_many()
            .filter(assessment_recommendation::Column::Id.eq(r))
            .filter(assessment_recommendation::Column::AssessmentId.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Findings and recommendations of assessment `id`, in order.
pub async fn entries(
    db: &DatabaseConnection,
    id: i64,
) -> AppResult<(Vec<FindingRow>, Vec<RecommendationRow>)> {
    let findings = assessment_finding::Entity::find()
        .filter(assessment_finding::Column::AssessmentId.eq(id))
        .order_by_asc(assessment_finding::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|f| FindingRow {
            id: f.id,
            element: f.element_id,
            kind: f.kind,
            text: f.text,
        })
        .collect();
    let recommendations = assessment_recommendation::Entity::find()
        .filter(assessment_recommendation::Column::AssessmentId.eq(id))
        .order_by_asc(assessment_recommendation::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|r| RecommendationRow {
            id: r.id,
            input: RecommendationInput {
                element: r.element_id,
                text: r.text,
                priority: r.priority,
                timeframe: r.timeframe,
                responsible: r.responsible,
                cost: r.cost,
                indicators: r.indicators,
                quarter: r.quarter,
            },
        })
        .collect();
    Ok((findings, recommendations))
}

/// Everything the country report shows, for the assessment's team.
pub async fn report(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<ReportView> {
    let (a, role) = access(db, user, id).await?;
    let blind = blind_for(&role, &a, user);
    build_report(db, a, role, blind).await
}

/// The report of assessment `id` for the command line (which has the database's full access).
pub async fn report_for_export(db: &DatabaseConnection, id: i64) -> AppResult<ReportView> {
    let a = capacity_assessment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    build_report(db, a, "admin".to_owned(), None).await
}

async fn build_report(
    db: &DatabaseConnection,
    a: capacity_assessment::Model,
    role: String,
    blind: Option<i64>,
) -> AppResult<ReportView> {
    let id = a.id;
    let view = build_view(db, a.clone(), role, blind).await?;
    let fw = framework(&a)?;
    let rows = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .all(db)
        .await?;
    let rows = visible_rows(rows, blind);
    let judged = effective(&rows);
    let evidence: HashMap<&str, &str> = rows
        .iter()
        .filter(|r| {
            r.assessor_id == AGREED
                || !rows
                    .iter()
                    .any(|o| o.assessor_id == AGREED && o.indicator_id == r.indicator_id)
        })
        .map(|r| (r.indicator_id.as_str(), r.evidence.as_str()))
        .collect();
    let in_scope = scope(&a, fw);
    let radar_svg = crate::server::charts::radar(
        &view
            .components
            .iter()
            .map(|c| (c.title.clone(), c.score.score))
            .collect::<Vec<_>>(),
        f64::from(capacity::MAX_LEVEL),
        "Scores by component (0 absent – 4 advanced)",
    );
    let element_bars = view
        .components
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                crate::server::charts::bars(
                    &c.elements
                        .iter()
                        .filter(|e| e.in_scope)
                        .map(|e| (e.title.clone(), e.score.score))
                        .collect::<Vec<_>>(),
                    f64::from(capacity::MAX_LEVEL),
                    &format!("Element scores: {}", c.title),
                ),
            )
        })
        .collect();
    let mut annex = Vec::new();
    for (c, e, i) in fw.indicators() {
        if !in_scope.contains(&e.id) {
            continue;
        }
        let level = match judged.get(&i.id) {
            Some(Judgement::Level(l)) => format!(
                "{l} {}",
                fw.scale.get(usize::from(*l)).cloned().unwrap_or_default()
            ),
            Some(Judgement::NotApplicable) => "not applicable".to_owned(),
            None => "not scored".to_owned(),
        };
        annex.push((
            c.title.clone(),
            e.title.clone(),
            i.title.clone(),
            level,
            evidence
                .get(i.id.as_str())
                .map(|s| (*s).to_owned())
                .unwrap_or_default(),
        ));
    }
    let (findings, mut recommendations) = entries(db, id).await?;
    let rank = |p: &str| match p {
        "high" => 0,
        "medium" => 1,
        _ => 2,
    };
    recommendations.sort_by(|x, y| {
        (rank(&x.input.priority), &x.input.quarter)
            .cmp(&(rank(&y.input.priority), &y.input.quarter))
    });
    let render = |md: &str| {
        content::markdown::render(
            md,
            content::markdown::Links {
                media_base: "/",
                glossary: "#",
            },
        )
    };
    let baseline = match a.baseline_id {
        Some(b) => baseline_view(db, &a, b, &view, &judged).await?,
        None => None,
    };
    Ok(ReportView {
        baseline,
        summary_html: render(&a.summary),
        methodology_html: render(&a.methodology),
        summary_markdown: a.summary.clone(),
        methodology_markdown: a.methodology.clone(),
        radar_svg,
        element_bars,
        findings,
        recommendations,
        element_titles: fw
            .components
            .iter()
            .flat_map(|c| c.elements.iter().map(|e| (e.id.clone(), e.title.clone())))
            .collect(),
        annex,
        assessment: view,
    })
}

/// Saves the executive summary and methodology (Markdown) — lead and assessors, not final.
/// `version` is the assessment's version the form was loaded with: a save based on an older
/// one is refused and nothing is overwritten.
pub async fn save_narrative(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    summary: &str,
    methodology: &str,
    version: i32,
) -> AppResult<()> {
    editable(db, user, id).await?;
    if summary.len() > 100_000 || methodology.len() > 100_000 {
        return Err(AppError::field("summary", Msg::ErrTooLong));
    }
    let done = capacity_assessment::Entity::update_many()
        .col_expr(
            capacity_assessment::Column::Summary,
            Expr::value(summary.trim()),
        )
        .col_expr(
            capacity_assessment::Column::Methodology,
            Expr::value(methodology.trim()),
        )
        .col_expr(
            capacity_assessment::Column::Version,
            Expr::value(version + 1),
        )
        .col_expr(
            capacity_assessment::Column::UpdatedAt,
            Expr::value(super::now()),
        )
        .filter(capacity_assessment::Column::Id.eq(id))
        .filter(capacity_assessment::Column::Version.eq(version))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::field("summary", Msg::ErrNarrativeConflict));
    }
    Ok(())
}

/// The narrative of an assessment as stored, with its version: (summary, methodology, version).
pub async fn narrative(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(String, String, i32)> {
    let (a, _) = access(db, user, id).await?;
    Ok((a.summary, a.methodology, a.version))
}

/// The report as Markdown (a document to edit in a word processor), with charts left out and
/// every score written as a number.
pub fn report_markdown(r: &ReportView) -> String {
    use std::fmt::Write as _;
    let a = &r.assessment;
    let score = |s: &ScoreView| match s.score {
        Some(v) => format!("{v:.2} ({} indicators)", s.scored),
        None => "not scored".to_owned(),
    };
    let titles: HashMap<&str, &str> = r
        .element_titles
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_str()))
        .collect();
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", a.title);
    let _ = writeln!(
        md,
        "{} · {} · requested by {} · {} · status: {}\n",
        a.country.1, a.period, a.requested_by, a.framework, a.status
    );
    let _ = writeln!(md, "## Executive summary\n");
    let _ = writeln!(md, "{}\n", r.summary_markdown);
    let _ = writeln!(md, "## Methodology\n");
    let _ = writeln!(md, "{}\n", r.methodology_markdown);
    let _ = writeln!(md, "## Scores\n");
    let _ = writeln!(md, "Overall: **{}** on the 0–4 scale.\n", score(&a.overall));
    let _ = writeln!(
        md,
        "| Component | Element | Score | Light |\n|---|---|---|---|"
    );
    for c in &a.components {
        let _ = writeln!(
            md,
            "| **{}** | | {} | {} |",
            cell(&c.title),
            score(&c.score),
            c.score.light.clone().unwrap_or_default()
        );
        for e in c.elements.iter().filter(|e| e.in_scope) {
            let _ = writeln!(
                md,
                "| | {} | {} | {} |",
                cell(&e.title),
                score(&e.score),
                e.score.light.clone().unwrap_or_default()
            );
        }
    }
    if let Some(b) = &r.baseline {
        let f = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into());
        let sgn = |x: Option<f64>| x.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "—".into());
        let _ = writeln!(
            md,
            "\n## Compared with the baseline\n\nBaseline: {}\n",
            b.title
        );
        let _ = writeln!(
            md,
            "| Component | Baseline | Follow-up | Change |\n|---|---|---|---|"
        );
        let _ = writeln!(
            md,
            "| **Overall** | {} | {} | {} |",
            f(b.overall.0),
            f(b.overall.1),
            sgn(b.overall.2)
        );
        for (title, before, after, change) in &b.components {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                cell(title),
                f(*before),
                f(*after),
                sgn(*change)
            );
        }
    }
    let _ = writeln!(md, "\n## Findings\n");
    for f in &r.findings {
        let _ = writeln!(
            md,
            "- **{}** ({}): {}",
            titles.get(f.element.as_str()).unwrap_or(&""),
            f.kind,
            f.text
        );
    }
    let _ = writeln!(md, "\n## Recommendations\n");
    let _ = writeln!(
        md,
        "| Element | Recommendation | Priority | Timeframe | Start | Responsible | Cost |\n|---|---|---|---|---|---|---|"
    );
    for rec in &r.recommendations {
        let i = &rec.input;
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(titles.get(i.element.as_str()).unwrap_or(&"")),
            cell(&i.text),
            i.priority,
            i.timeframe,
            i.quarter,
            cell(&i.responsible),
            cell(&i.cost)
        );
    }
    let _ = writeln!(md, "\n## Road map\n");
    let mut quarters: Vec<&str> = r
        .recommendations
        .iter()
        .map(|x| x.input.quarter.as_str())
        .collect();
    quarters.sort_unstable();
    quarters.dedup();
    for q in quarters {
        let _ = writeln!(md, "- **{q}**");
        for rec in r.recommendations.iter().filter(|x| x.input.quarter == q) {
            let _ = writeln!(md, "  - [{}] {}", rec.input.priority, rec.input.text);
        }
    }
    let _ = writeln!(md, "\n## Annex: indicator scores and evidence\n");
    let _ = writeln!(
        md,
        "| Element | Indicator | Level | Evidence |\n|---|---|---|---|"
    );
    for (_, e, i, level, evidence) in &r.annex {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            cell(e),
            cell(i),
            level,
            cell(evidence)
        );
    }
    // The template itself writes no HTML, so every `<` comes from what people typed: escaped,
    // a Markdown viewer shows it as text instead of running it as a tag.
    md.replace('<', "&lt;")
}

/// The report as a self-contained HTML document (charts included, print styles inline).
pub fn report_html(r: &ReportView) -> String {
    let body = content::markdown::render(
        &report_markdown(r),
        content::markdown::Links {
            media_base: "/",
            glossary: "#",
        },
    );
    let charts: String = std::iter::once(r.radar_svg.clone())
        .chain(r.element_bars.iter().map(|(_, svg)| svg.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    let title = r
        .assessment
        .title
        .replace('&', "&amp;")
        .replace('<', "&lt;");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b2430}}\
         table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #d5dbe3;padding:.3rem .5rem;text-align:left;vertical-align:top}}\
         svg{{max-width:100%;height:auto}}@media print{{h2{{break-before:page}}}}</style></head>\
         <body>{body}<h2>Charts</h2>{charts}</body></html>\n"
    )
}

/// Loads the demo assessment of Utopia (final, led by the demo assessor) unless it is there.
pub async fn ensure_demo(db: &DatabaseConnection) -> AppResult<()> {
    let demo = content::demo_assessment::utopia()
        .map_err(|e| super::super::errors::internal("demo assessment", e))?;
    let exists = capacity_assessment::Entity::find()
        .filter(capacity_assessment::Column::Title.eq(&demo.title))
        .one(db)
        .await?
        .is_some();
    let lead = person::Entity::find()
        .filter(person::Column::Login.eq("assessor"))
        .one(db)
        .await?;
    let (false, Some(lead)) = (exists, lead) else {
        return Ok(());
    };
    let fw = content::framework::find(DEFAULT_FRAMEWORK)
        .ok_or_else(|| super::super::errors::internal("framework missing", DEFAULT_FRAMEWORK))?;
    let day = |raw: &str| {
        time::Date::parse(raw, DATE).map_err(|e| super::super::errors::internal("demo date", e))
    };
    let now = super::now();
    let txn = db.begin().await?;
    let id = capacity_assessment::Entity::insert(capacity_assessment::ActiveModel {
        framework_id: Set(fw.id.clone()),
        framework_version: Set(fw.version.clone()),
        country_code: Set("UTO".to_owned()),
        title: Set(demo.title.clone()),
        requested_by: Set(demo.requested_by.clone()),
        scope: Set("[]".to_owned()),
        starts_on: Set(day(&demo.starts_on)?),
        ends_on: Set(day(&demo.ends_on)?),
        status: Set("final".to_owned()),
        number: Set(1),
        previous_id: Set(None),
        baseline_id: Set(None),
        summary: Set(demo.summary.trim().to_owned()),
        methodology: Set(demo.methodology.trim().to_owned()),
        created_by: Set(Some(lead.id)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    assessment_member::Entity::insert(assessment_member::ActiveModel {
        assessment_id: Set(id),
        person_id: Set(lead.id),
        role: Set("lead".to_owned()),
    })
    .exec_without_returning(&txn)
    .await?;
    let scores: Vec<assessment_score::ActiveModel> = demo
        .scores
        .iter()
        .map(|s| assessment_score::ActiveModel {
            assessment_id: Set(id),
            indicator_id: Set(s.indicator.clone()),
            assessor_id: Set(AGREED),
            level: Set(s.level.map(i32::from)),
            not_applicable: Set(s.not_applicable),
            reason: Set(s.reason.clone()),
            evidence: Set(s.evidence.clone()),
            confidence: Set(s.confidence.clone()),
            updated_by: Set(lead.id),
            updated_at: Set(now),
            version: Set(1),
        })
        .collect();
    for chunk in scores.chunks(50) {
        assessment_score::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for (i, f) in demo.findings.iter().enumerate() {
        assessment_finding::Entity::insert(assessment_finding::ActiveModel {
            assessment_id: Set(id),
            element_id: Set(f.element.clone()),
            kind: Set(f.kind.clone()),
            text: Set(f.text.clone()),
            position: Set(i as i32 + 1),
            version: Set(1),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
    }
    for (i, r) in demo.recommendations.iter().enumerate() {
        assessment_recommendation::Entity::insert(assessment_recommendation::ActiveModel {
            assessment_id: Set(id),
            element_id: Set(r.element.clone()),
            text: Set(r.text.clone()),
            priority: Set(r.priority.clone()),
            timeframe: Set(r.timeframe.clone()),
            responsible: Set(r.responsible.clone()),
            cost: Set(r.cost.clone()),
            indicators: Set(r.indicators.join(",")),
            quarter: Set(r.quarter.clone()),
            position: Set(i as i32 + 1),
            version: Set(1),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

fn level_text(j: Option<&Judgement>) -> String {
    match j {
        Some(Judgement::Level(l)) => l.to_string(),
        Some(Judgement::NotApplicable) => "n/a".to_owned(),
        None => "—".to_owned(),
    }
}

/// The comparison of `a` (whose roll-ups are `view`) with its baseline `baseline_id`.
async fn baseline_view(
    db: &DatabaseConnection,
    a: &capacity_assessment::Model,
    baseline_id: i64,
    view: &AssessmentView,
    judged: &HashMap<String, Judgement>,
) -> AppResult<Option<BaselineView>> {
    let Some(b) = capacity_assessment::Entity::find_by_id(baseline_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let base_view = build_view(db, b.clone(), "admin".to_owned(), None).await?;
    let rows = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(b.id))
        .all(db)
        .await?;
    let base_judged = effective(&rows);
    let fw = framework(a)?;
    let components = view
        .components
        .iter()
        .map(|c| {
            let before = base_view
                .components
                .iter()
                .find(|x| x.id == c.id)
                .and_then(|x| x.score.score);
            (
                c.title.clone(),
                before,
                c.score.score,
                capacity::change(before, c.score.score),
            )
        })
        .collect();
    let indicators = fw
        .indicators()
        .filter(|(_, _, i)| base_judged.contains_key(&i.id) || judged.contains_key(&i.id))
        .map(|(_, _, i)| {
            let (before, after) = (base_judged.get(&i.id), judged.get(&i.id));
            let change = match (before, after) {
                (Some(Judgement::Level(x)), Some(Judgement::Level(y))) => {
                    Some(i32::from(*y) - i32::from(*x))
                }
                _ => None,
            };
            (
                i.title.clone(),
                level_text(before),
                level_text(after),
                change,
            )
        })
        .collect();
    Ok(Some(BaselineView {
        title: format!("{} ({} – {})", b.title, date(b.starts_on), date(b.ends_on)),
        overall: (
            base_view.overall.score,
            view.overall.score,
            capacity::change(base_view.overall.score, view.overall.score),
        ),
        components,
        indicators,
    }))
}

/// Sets (or clears, with `None`) the baseline a follow-up is compared with: a final assessment
/// of the same country that the lead can see.
pub async fn set_baseline(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    baseline: Option<i64>,
) -> AppResult<()> {
    let (a, role) = access(db, user, id).await?;
    if !leads(&role) {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    if let Some(b) = baseline {
        let (base, _) = access(db, user, b).await?;
        if base.id == a.id || base.country_code != a.country_code || base.status != "final" {
            return Err(AppError::field("baseline", Msg::ErrBaseline));
        }
    }
    let mut active: capacity_assessment::ActiveModel = a.into();
    active.baseline_id = Set(baseline);
    active.updated_at = Set(super::now());
    active.update(db).await?;
    Ok(())
}

/// Final assessments of the same country `user` can see, as baseline candidates: (id, label).
pub async fn baseline_candidates(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<Vec<(i64, String)>> {
    let (a, _) = access(db, user, id).await?;
    let mine: HashSet<i64> = assessment_member::Entity::find()
        .filter(assessment_member::Column::PersonId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.assessment_id)
        .collect();
    Ok(capacity_assessment::Entity::find()
        .filter(capacity_assessment::Column::CountryCode.eq(&a.country_code))
        .filter(capacity_assessment::Column::Status.eq("final"))
        .filter(capacity_assessment::Column::Id.ne(a.id))
        .order_by_desc(capacity_assessment::Column::StartsOn)
        .all(db)
        .await?
        .into_iter()
        .filter(|b| user.has(Role::Admin) || mine.contains(&b.id))
        .map(|b| (b.id, format!("{} ({})", b.title, date(b.starts_on))))
        .collect())
}

/// Opens a new version of a final assessment (lead only): a draft copy with the same team,
/// scores, findings, recommendations and narrative. Returns the new id.
pub async fn new_version(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<i64> {
    let (a, role) = access(db, user, id).await?;
    if !leads(&role) {
        return Err(AppError::Forbidden);
    }
    if a.status != "final" {
        return Err(AppError::field("status", Msg::ErrNotFinal));
    }
    let now = super::now();
    let txn = db.begin().await?;
    let new_id = capacity_assessment::Entity::insert(capacity_assessment::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        status: Set("draft".to_owned()),
        number: Set(a.number + 1),
        previous_id: Set(Some(a.id)),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..capacity_assessment::ActiveModel::from(a.clone())
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    for m in assessment_member::Entity::find()
        .filter(assessment_member::Column::AssessmentId.eq(id))
        .all(&txn)
        .await?
    {
        assessment_member::Entity::insert(assessment_member::ActiveModel {
            assessment_id: Set(new_id),
            ..m.into()
        })
        .exec_without_returning(&txn)
        .await?;
    }
    let scores: Vec<assessment_score::ActiveModel> = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| assessment_score::ActiveModel {
            assessment_id: Set(new_id),
            version: Set(1),
            ..s.into()
        })
        .collect();
    for chunk in scores.chunks(50) {
        assessment_score::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for f in assessment_finding::Entity::find()
        .filter(assessment_finding::Column::AssessmentId.eq(id))
        .all(&txn)
        .await?
    {
        assessment_finding::Entity::insert(assessment_finding::ActiveModel {
            id: sea_orm::ActiveValue::NotSet,
            assessment_id: Set(new_id),
            ..f.into()
        })
        .exec_without_returning(&txn)
        .await?;
    }
    for r in assessment_recommendation::Entity::find()
        .filter(assessment_recommendation::Column::AssessmentId.eq(id))
        .all(&txn)
        .await?
    {
        assessment_recommendation::Entity::insert(assessment_recommendation::ActiveModel {
            id: sea_orm::ActiveValue::NotSet,
            assessment_id: Set(new_id),
            ..r.into()
        })
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(new_id)
}

/// Largest source document accepted.
pub const DOCUMENT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// The content type of a source document: its first bytes and its name's extension must
/// name the same kind — PDF, PNG, JPEG, or an Office Open XML document (a zip archive: DOCX,
/// XLSX, PPTX) — so an HTML page beginning `%PDF-` and named `report.html` is refused.
pub fn document_type(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let by_content = if bytes.starts_with(b"%PDF-") {
        "pdf"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpeg"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "zip"
    } else {
        return None;
    };
    match (by_content, ext.as_str()) {
        ("pdf", "pdf") => Some("application/pdf"),
        ("png", "png") => Some("image/png"),
        ("jpeg", "jpg" | "jpeg") => Some("image/jpeg"),
        ("zip", "docx") => {
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        }
        ("zip", "xlsx") => {
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        ("zip", "pptx") => {
            Some("application/vnd.openxmlformats-officedocument.presentationml.presentation")
        }
        _ => None,
    }
}

/// Attaches a source document to `indicator` (lead and assessors, not final). The name is
/// kept for display only (path parts removed); the type is read from the content.
pub async fn attach_document(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    indicator: &str,
    name: &str,
    bytes: &[u8],
) -> AppResult<String> {
    let (a, _) = editable(db, user, id).await?;
    let fw = framework(&a)?;
    let Some((_, element, _)) = fw.indicators().find(|(_, _, i)| i.id == indicator) else {
        return Err(AppError::field("indicator", Msg::ErrUnknownIndicator));
    };
    if !scope(&a, fw).contains(&element.id) {
        return Err(AppError::field("indicator", Msg::ErrOutOfScope));
    }
    if bytes.is_empty() {
        return Err(AppError::field("file", Msg::ErrRequired));
    }
    if bytes.len() > DOCUMENT_MAX_BYTES {
        return Err(AppError::field("file", Msg::ErrTooLong));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::field("file", Msg::ErrFileName));
    }
    let name: String = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let Some(content_type) = document_type(&name, bytes) else {
        return Err(AppError::field("file", Msg::ErrDocumentType));
    };
    let name = if name.trim().is_empty() {
        "document".to_owned()
    } else {
        name
    };
    assessment_document::Entity::insert(assessment_document::ActiveModel {
        assessment_id: Set(id),
        indicator_id: Set(indicator.to_owned()),
        name: Set(name),
        content_type: Set(content_type.to_owned()),
        data: Set(bytes.to_vec()),
        uploaded_by: Set(user.id),
        uploaded_at: Set(super::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(element.id.clone())
}

/// The documents of an indicator of assessment `id`: (document id, name).
pub async fn documents(
    db: &DatabaseConnection,
    id: i64,
    indicators: &[String],
) -> AppResult<Vec<(String, i64, String)>> {
    use sea_orm::QuerySelect;
    Ok(assessment_document::Entity::find()
        .select_only()
        .column(assessment_document::Column::IndicatorId)
        .column(assessment_document::Column::Id)
        .column(assessment_document::Column::Name)
        .filter(assessment_document::Column::AssessmentId.eq(id))
        .filter(assessment_document::Column::IndicatorId.is_in(indicators.to_vec()))
        .order_by_asc(assessment_document::Column::Id)
        .into_tuple::<(String, i64, String)>()
        .all(db)
        .await?)
}

/// A source document for the team: (name, content type, bytes).
pub async fn document(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    document: i64,
) -> AppResult<(String, String, Vec<u8>)> {
    access(db, user, id).await?;
    let d = assessment_document::Entity::find_by_id(document)
        .filter(assessment_document::Column::AssessmentId.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((d.name, d.content_type, d.data))
}
