//! The demonstration assessment loaded with the demo data, written through the same services
//! an assessor's forms use (so the shipped example passes every check a real one must).

use crate::error::AppResult;
use crate::model::{AssessmentInput, AssessmentStatus, RecommendationInput, ScoreInput};
use crate::server::entities::{capacity_assessment, person};
use crate::server::services::{capacity, people};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Loads the demo assessment of Utopia (final, led by the demo assessor) unless it is there.
pub async fn ensure_demo(db: &DatabaseConnection) -> AppResult<()> {
    let demo = content::demo_assessment::utopia()
        .map_err(|e| crate::server::errors::internal("demo assessment", e))?;
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
    let Some((lead, _)) = people::current_user(db, lead.id).await? else {
        return Ok(());
    };
    let id = capacity::create(
        db,
        &lead,
        &AssessmentInput {
            title: demo.title.clone(),
            country: "UTO".to_owned(),
            requested_by: demo.requested_by.clone(),
            starts_on: demo.starts_on.clone(),
            ends_on: demo.ends_on.clone(),
        },
    )
    .await?;
    capacity::save_narrative(db, &lead, id, &demo.summary, &demo.methodology, 1).await?;
    for s in &demo.scores {
        let level = match (s.not_applicable, s.level) {
            (true, _) => "na".to_owned(),
            (false, Some(l)) => l.to_string(),
            (false, None) => continue,
        };
        let input = ScoreInput {
            level,
            reason: s.reason.clone(),
            evidence: s.evidence.clone(),
            confidence: s.confidence.clone(),
            not_applicable_to: Vec::new(),
            version: 0,
            agreed: Some("1".to_owned()),
        };
        capacity::save_score(db, &lead, id, &s.indicator, &input).await?;
    }
    for f in &demo.findings {
        capacity::add_finding(db, &lead, id, &f.element, &f.kind, &f.text).await?;
    }
    for r in &demo.recommendations {
        let input = RecommendationInput {
            element: r.element.clone(),
            text: r.text.clone(),
            priority: r.priority.clone(),
            timeframe: r.timeframe.clone(),
            responsible: r.responsible.clone(),
            cost: r.cost.clone(),
            indicators: r.indicators.clone(),
            quarter: r.quarter.clone(),
        };
        capacity::add_recommendation(db, &lead, id, &input).await?;
    }
    for step in [AssessmentStatus::InReview, AssessmentStatus::Final] {
        capacity::set_status(db, &lead, id, step.code()).await?;
    }
    Ok(())
}
