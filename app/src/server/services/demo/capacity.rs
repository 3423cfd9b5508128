//! The demonstration assessment loaded with the demo data.

use crate::error::AppResult;
use crate::server::entities::{
    assessment_finding, assessment_recommendation, assessment_score, capacity_assessment, person,
};
use crate::server::services::capacity::{AGREED, DATE, NewAssessment, insert_first_round};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};

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
    let day = |raw: &str| {
        time::Date::parse(raw, DATE).map_err(|e| crate::server::errors::internal("demo date", e))
    };
    let now = crate::server::services::now();
    let txn = db.begin().await?;
    let id = insert_first_round(
        &txn,
        NewAssessment {
            country: "UTO".to_owned(),
            title: demo.title.clone(),
            requested_by: demo.requested_by.clone(),
            starts: day(&demo.starts_on)?,
            ends: day(&demo.ends_on)?,
            status: crate::model::AssessmentStatus::Final,
            summary: demo.summary.trim().to_owned(),
            methodology: demo.methodology.trim().to_owned(),
            lead: lead.id,
        },
        now,
    )
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
            kind: Set(crate::model::FindingKind::from_code(&f.kind)
                .ok_or(crate::error::AppError::Internal)?),
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
