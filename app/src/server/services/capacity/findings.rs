//! Findings and recommendations recorded per element, in order, for the report.

use super::*;

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
    let kind = FindingKind::from_code(kind).ok_or(AppError::field("kind", Msg::ErrInvalid))?;
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
        kind: Set(kind),
        text: Set(text.to_owned()),
        position: Set(position),
        version: Set(1),
        ..Default::default()
    })
    .exec(db)
    .await?;
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
    let mut seen = HashSet::new();
    let indicators: Vec<String> = input
        .indicators
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && seen.insert(s.clone()))
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

pub(super) fn next_position(count: u64) -> i32 {
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
                indicators: r
                    .indicators
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                quarter: r.quarter,
            },
        })
        .collect();
    Ok((findings, recommendations))
}
