//! Results: a graded attempt for its trainee and the course authors, and what trainees found
//! and missed per feature kind.

use super::*;

/// What trainees found and missed in course `slug`, per feature kind: (kind, found, total),
/// the most missed first. For the course's authors.
pub async fn findings(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<Vec<(String, i64, i64)>> {
    use sea_orm::sea_query::Expr;
    let c = crate::server::services::learn::authoring::editable_course(db, user, slug).await?;
    let mut rows: Vec<(String, i64, i64)> = exercise_finding::Entity::find()
        .select_only()
        .column(exercise_finding::Column::Kind)
        .column_as(
            Expr::cust("CAST(SUM(CASE WHEN found THEN 1 ELSE 0 END) AS BIGINT)"),
            "found",
        )
        .column_as(Expr::cust("COUNT(*)"), "total")
        .filter(exercise_finding::Column::CourseId.eq(c.id))
        .group_by(exercise_finding::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    rows.sort_by(|a, b| {
        let miss = |r: &(String, i64, i64)| (r.2 - r.1) as f64 / r.2.max(1) as f64;
        miss(b).total_cmp(&miss(a)).then_with(|| a.0.cmp(&b.0))
    });
    Ok(rows)
}

/// Graded attempt `id`: for the person who answered, and for the course's authors.
pub async fn result(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<ExerciseResult> {
    let a = exercise_attempt::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (e, c) = exercise_and_course(db, a.exercise_id).await?;
    // The exercise's editors (a class's own: its trainers) read their trainees' attempts.
    let author =
        crate::server::services::learn::class_items::edits(db, user, &c, e.class_id).await?;
    if a.person_id != user.id && !author {
        return Err(AppError::NotFound);
    }
    let outcome: ExerciseOutcome = serde_json::from_str(&a.result)
        .map_err(|e| crate::server::errors::internal("result", e))?;
    let spec = spec_of(&e)?;
    let mut exercise = view_of(&e, &c, author)?;
    if let (ExerciseKind::Mrz, Some(k)) = (exercise.kind, &spec.mrz) {
        exercise.mrz_lines = k.lines.clone();
    }
    let labels: std::collections::HashMap<String, String> = FEATURE_KINDS
        .iter()
        .map(|(code, m)| {
            (
                m.text(crate::i18n::Lang::En).to_lowercase(),
                (*code).to_owned(),
            )
        })
        .collect();
    let glossary = crate::server::entities::glossary_term::Entity::find()
        .filter(crate::server::entities::glossary_term::Column::CourseId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|g| {
            let code = labels.get(&g.term.to_lowercase())?;
            Some(GlossaryLink {
                kind: code.clone(),
                anchor: content::markdown::anchor(&g.term),
            })
        })
        .collect();
    Ok(ExerciseResult {
        id: a.id,
        glossary,
        regions: spec.regions,
        outcome,
        explanation_html: render(&e.explanation),
        at: crate::server::services::quizzes::attempts::stamp(a.at),
        exercise,
    })
}
