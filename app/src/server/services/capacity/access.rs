//! Who may see, score and change an assessment, and what an assessor sees of others' scores
//! while scoring blind.

use super::*;

pub(super) fn framework(a: &capacity_assessment::Model) -> AppResult<&'static Framework> {
    content::framework::find(&a.framework_id)
        .ok_or_else(|| crate::server::errors::internal("framework missing", &a.framework_id))
}

/// The framework of `a` in `lang` when it has that edition, otherwise in its own language: the
/// same ids, weights and structure as [`framework`], for pages and reports a person reads.
pub(super) fn framework_text(
    a: &capacity_assessment::Model,
    lang: Lang,
) -> AppResult<&'static Framework> {
    content::framework::find_in(&a.framework_id, lang.code())
        .ok_or_else(|| crate::server::errors::internal("framework missing", &a.framework_id))
}

/// The element ids in scope (all of the framework's when the scope is empty).
pub(super) fn scope(a: &capacity_assessment::Model, fw: &Framework) -> AppResult<HashSet<String>> {
    let chosen: Vec<String> = crate::server::services::stored("assessment scope", &a.scope)?;
    Ok(if chosen.is_empty() {
        fw.components
            .iter()
            .flat_map(|c| c.elements.iter().map(|e| e.id.clone()))
            .collect()
    } else {
        chosen.into_iter().collect()
    })
}

/// Assessment `id` and the signed-in person's standing in it; `Forbidden` for anyone who is
/// neither on its team nor an administrator.
pub(super) async fn access(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(capacity_assessment::Model, Standing)> {
    let a = capacity_assessment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let member = assessment_member::Entity::find_by_id((id, user.id))
        .one(db)
        .await?;
    match member {
        Some(m) => Ok((a, Standing::Member(m.role))),
        None if user.has(Role::Admin) => Ok((a, Standing::Administrator)),
        None => Err(AppError::Forbidden),
    }
}

/// Whose scores a member may see while scoring is blind: an assessor (not the lead) of an
/// assessment still in draft sees, for each indicator, only their own score until they have
/// scored it; then everyone's. Once the lead moves the assessment to review (reconciliation),
/// or for leads, administrators and counterparts, every score shows. `None`: no restriction.
pub(super) fn blind_for(
    role: Standing,
    a: &capacity_assessment::Model,
    user: &CurrentUser,
) -> Option<i64> {
    (role.scores_blind() && a.status == AssessmentStatus::Draft).then_some(user.id)
}

/// The score rows `blind` (see [`blind_for`]) may see: agreed scores, their own, and others'
/// on the indicators they have scored themselves.
pub(super) fn visible_rows(
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

pub(super) fn not_final(a: &capacity_assessment::Model) -> AppResult<()> {
    if a.status == AssessmentStatus::Final {
        Err(AppError::field("assessment", Msg::ErrAssessmentFinal))
    } else {
        Ok(())
    }
}

/// The assessment and role when `user` may change it (lead or assessor, not final).
pub(super) async fn editable(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(capacity_assessment::Model, Standing)> {
    let (a, role) = access(db, user, id).await?;
    if !role.may_score() {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    Ok((a, role))
}

pub(super) fn element_in_scope(a: &capacity_assessment::Model, element: &str) -> AppResult<()> {
    let fw = framework(a)?;
    if !fw
        .components
        .iter()
        .any(|c| c.elements.iter().any(|e| e.id == element))
    {
        return Err(AppError::field("element", Msg::ErrUnknownIndicator));
    }
    if !scope(a, fw)?.contains(element) {
        return Err(AppError::field("element", Msg::ErrOutOfScope));
    }
    Ok(())
}
