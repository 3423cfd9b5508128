//! Scoring: each assessor's judgement per indicator, the lead's agreed score, the score that
//! counts and the roll-ups per element and component.

use super::*;

/// The judgement stored in a score row.
pub(super) fn judgement(row: &assessment_score::Model) -> Option<Judgement> {
    if row.not_applicable {
        Some(Judgement::NotApplicable)
    } else {
        row.level
            .and_then(|l| u8::try_from(l).ok())
            .map(Judgement::Level)
    }
}

/// The judgement that counts for each indicator ([`capacity::counting`]).
pub(super) fn effective(rows: &[assessment_score::Model]) -> HashMap<String, Judgement> {
    let mut by_indicator: HashMap<&str, Vec<&assessment_score::Model>> = HashMap::new();
    for r in rows {
        by_indicator.entry(&r.indicator_id).or_default().push(r);
    }
    by_indicator
        .into_iter()
        .filter_map(|(indicator, rows)| {
            let agreed = rows
                .iter()
                .find(|r| r.assessor_id == AGREED)
                .map(|r| judgement(r));
            let assessors = rows.iter().filter_map(|r| judgement(r));
            capacity::counting(agreed, assessors).map(|j| (indicator.to_owned(), j))
        })
        .collect()
}

/// The view of an element's or a component's roll-up: its light red when a red flag is behind
/// it.
pub(super) fn view_of(r: Rollup) -> ScoreView {
    ScoreView {
        light: r.light().map(|l| l.colour().to_owned()),
        red_flags: r.red_flags as u64,
        ..overall_view(r)
    }
}

/// The view of the overall roll-up: the light of its score, never capped (the red flags are
/// listed above it instead, see [`red_flags`]).
pub(super) fn overall_view(r: Rollup) -> ScoreView {
    ScoreView {
        score: r.score,
        scored: r.scored as u64,
        not_applicable: r.not_applicable as u64,
        unscored: r.unscored as u64,
        light: r.score.map(|s| capacity::light(s).colour().to_owned()),
        red_flags: 0,
    }
}

/// Roll-ups of an assessment: per component (with elements) and overall, over the scope
/// ([`Framework::score`]).
pub fn roll_ups(
    fw: &Framework,
    in_scope: &HashSet<String>,
    judged: &HashMap<String, Judgement>,
) -> (Vec<ComponentView>, ScoreView) {
    let scores = fw.score(in_scope, judged);
    let components = fw
        .components
        .iter()
        .zip(&scores.components)
        .zip(&scores.elements)
        .map(|((c, score), elements)| ComponentView {
            id: c.id.clone(),
            title: c.title.clone(),
            score: view_of(*score),
            elements: c
                .elements
                .iter()
                .zip(elements)
                .map(|(e, score)| ElementView {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    in_scope: in_scope.contains(&e.id),
                    score: view_of(*score),
                })
                .collect(),
        })
        .collect();
    (components, overall_view(scores.overall))
}

/// The critical indicators in scope judged absent or initial, in framework order (an indicator
/// two elements list, once).
pub(super) fn red_flags(
    fw: &Framework,
    in_scope: &HashSet<String>,
    judged: &HashMap<String, Judgement>,
) -> Vec<RedFlag> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for c in &fw.components {
        for e in c.elements.iter().filter(|e| in_scope.contains(&e.id)) {
            for i in fw.listed(e) {
                let judgement = judged.get(&i.id).copied();
                if let Some(Judgement::Level(level)) = judgement
                    && capacity::is_red_flag(i.critical, judgement)
                    && seen.insert(i.id.as_str())
                {
                    out.push(RedFlag {
                        component: c.title.clone(),
                        element_id: e.id.clone(),
                        element: e.title.clone(),
                        indicator_id: i.id.clone(),
                        indicator: i.title.clone(),
                        level,
                        level_name: fw
                            .scale
                            .get(usize::from(level))
                            .cloned()
                            .unwrap_or_default(),
                    });
                }
            }
        }
    }
    out
}

/// Assessment `id` for its team: details, team, scope and roll-ups.
pub async fn view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<AssessmentView> {
    let (a, role) = access(db, user, id).await?;
    let blind = blind_for(role, &a, user);
    build_view(db, a, role, blind, user.lang).await
}

pub(super) async fn build_view(
    db: &DatabaseConnection,
    a: capacity_assessment::Model,
    role: Standing,
    blind: Option<i64>,
    lang: Lang,
) -> AppResult<AssessmentView> {
    let id = a.id;
    let fw = framework_text(&a, lang)?;
    let rows = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .all(db)
        .await?;
    let rows = visible_rows(rows, blind);
    let in_scope = scope(&a, fw)?;
    let judged = effective(&rows);
    let (components, overall) = roll_ups(fw, &in_scope, &judged);
    let red_flags = red_flags(fw, &in_scope, &judged);
    let to_reconcile = if role.leads() {
        to_reconcile(fw, &in_scope, &rows)
    } else {
        Vec::new()
    };
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
    let mut team: Vec<TeamMember> = members
        .iter()
        .filter_map(|m| {
            let p = people.get(&m.person_id)?;
            Some(TeamMember {
                name: p.display_name.clone(),
                login: p.login.clone(),
                role: m.role,
            })
        })
        .collect();
    team.sort_by(|a, b| {
        (a.role != MemberRole::Lead, &a.name).cmp(&(b.role != MemberRole::Lead, &b.name))
    });
    let country_name = country::Entity::find_by_id(a.country_code.clone())
        .one(db)
        .await?
        .map(|c| c.name(lang).to_owned())
        .unwrap_or_else(|| a.country_code.clone());
    Ok(AssessmentView {
        id: a.id,
        title: a.title.clone(),
        country: (a.country_code.clone(), country_name),
        requested_by: a.requested_by.clone(),
        period: period(lang, a.starts_on, a.ends_on),
        can_score: role.may_score() && a.status != AssessmentStatus::Final,
        is_lead: role.leads(),
        status: a.status,
        number: a.number,
        framework: format!("{} {}", fw.title, a.framework_version),
        framework_language: fw.language.clone(),
        my_role: role,
        team,
        components,
        overall,
        to_reconcile,
        red_flags,
    })
}

/// The indicators in scope that wait for the lead to reconcile them, in framework order.
fn to_reconcile(
    fw: &Framework,
    in_scope: &HashSet<String>,
    rows: &[assessment_score::Model],
) -> Vec<ToReconcile> {
    let mut out = Vec::new();
    for (_, e, i) in fw.indicators() {
        if !in_scope.contains(&e.id) {
            continue;
        }
        let mine: Vec<&assessment_score::Model> =
            rows.iter().filter(|r| r.indicator_id == i.id).collect();
        let agreed = mine
            .iter()
            .find(|r| r.assessor_id == AGREED)
            .map(|r| judgement(r));
        let judged: Vec<Judgement> = mine
            .iter()
            .filter(|r| r.assessor_id != AGREED)
            .filter_map(|r| judgement(r))
            .collect();
        if capacity::needs_reconciling(agreed, judged.iter().copied()) {
            let mut judgements: Vec<Option<u8>> = judged
                .iter()
                .map(|j| match j {
                    Judgement::Level(l) => Some(*l),
                    Judgement::NotApplicable => None,
                })
                .collect();
            judgements.sort();
            out.push(ToReconcile {
                element_id: e.id.clone(),
                element: e.title.clone(),
                indicator_id: i.id.clone(),
                indicator: i.title.clone(),
                judgements,
            });
        }
    }
    out
}

pub(super) fn entry(row: &assessment_score::Model, by: String) -> ScoreEntry {
    ScoreEntry {
        by,
        level: row.level,
        not_applicable: row.not_applicable,
        reason: row.reason.clone(),
        evidence: row.evidence.clone(),
        confidence: row.confidence.clone(),
        not_applicable_to: modality_codes(&row.not_applicable_to),
        version: row.version,
    }
}

/// The stored list of modalities left out, as codes.
pub(super) fn modality_codes(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The modalities an assessor leaves out of an indicator's score, checked against those the
/// indicator has and stored in the framework's order (`air,sea`): each must be one of them, and
/// at least one must remain (if none does, the indicator is not applicable as a whole).
fn modalities_left_out(has: &[Modality], chosen: &[String]) -> AppResult<String> {
    let chosen: HashSet<&str> = chosen
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if chosen.iter().any(|c| !has.iter().any(|m| m.code() == *c)) {
        return Err(AppError::field("not_applicable_to", Msg::ErrInvalid));
    }
    if !has.is_empty() && chosen.len() == has.len() {
        return Err(AppError::field("not_applicable_to", Msg::ErrNoModalityLeft));
    }
    Ok(has
        .iter()
        .map(|m| m.code())
        .filter(|c| chosen.contains(c))
        .collect::<Vec<_>>()
        .join(","))
}

/// The scoring page of element `element` of assessment `id`.
pub async fn element_scoring(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    element: &str,
) -> AppResult<ElementScoring> {
    let (a, role) = access(db, user, id).await?;
    let fw = framework_text(&a, user.lang)?;
    let (component, el) = fw
        .components
        .iter()
        .find_map(|c| c.elements.iter().find(|e| e.id == element).map(|e| (c, e)))
        .ok_or(AppError::NotFound)?;
    if !scope(&a, fw)?.contains(&el.id) {
        return Err(AppError::field("element", Msg::ErrOutOfScope));
    }
    let ids: Vec<String> = el.indicators.iter().map(|i| i.id.clone()).collect();
    let docs = documents(db, id, &ids).await?;
    let rows = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .filter(assessment_score::Column::IndicatorId.is_in(ids))
        .all(db)
        .await?;
    let rows = visible_rows(rows, blind_for(role, &a, user));
    let names: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(rows.iter().map(|r| r.assessor_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.display_name))
        .collect();
    let is_lead = role.leads();
    let indicators = fw
        .listed(el)
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
                modalities: i.modalities.iter().map(|m| m.code().to_owned()).collect(),
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
        element: ElementHead {
            id: el.id.clone(),
            title: el.title.clone(),
            summary: el.summary.clone(),
        },
        component: component.title.clone(),
        scale: fw.scale.clone(),
        language: fw.language.clone(),
        can_score: role.may_score() && a.status != AssessmentStatus::Final,
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
    if !role.may_score() || (agreed && !role.leads()) {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    let fw = framework(&a)?;
    let Some((_, element, ind)) = fw.indicator(indicator) else {
        return Err(AppError::field("indicator", Msg::ErrUnknownIndicator));
    };
    // In scope when any element listing it is (an indicator may be listed by two).
    let in_scope = scope(&a, fw)?;
    if !fw.listing(indicator).any(|e| in_scope.contains(&e.id)) {
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
    let not_applicable_to = modalities_left_out(&ind.modalities, &input.not_applicable_to)?;
    // Not applicable as a whole: no part of it is left out, since nothing is scored.
    let not_applicable_to = if not_applicable {
        String::new()
    } else {
        not_applicable_to
    };
    let confidence = match input.confidence.trim() {
        "" => "medium",
        c @ ("low" | "medium" | "high") => c,
        _ => return Err(AppError::field("confidence", Msg::ErrInvalid)),
    };
    if reason.chars().count() > 5_000 || input.evidence.chars().count() > 20_000 {
        return Err(AppError::field("evidence", Msg::ErrTooLong));
    }
    let assessor = if agreed { AGREED } else { user.id };
    let now = crate::server::services::now();
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
            not_applicable_to: Set(not_applicable_to),
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
        .col_expr(
            assessment_score::Column::NotApplicableTo,
            Expr::value(not_applicable_to),
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
