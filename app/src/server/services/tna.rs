//! Training needs analysis: job specifications (the level each position requires in each
//! competency of the shipped framework). Campaigns, responses and results build on these.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::{JobSpecification, RequirementRow};
use crate::server::entities::{agency, position, position_requirement};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use std::collections::HashMap;

fn framework() -> AppResult<content::tna::Competencies> {
    content::tna::shipped()
        .map(|(c, _)| c)
        .map_err(|e| super::super::errors::internal("competency framework", e))
}

/// The job specification of position `id`.
pub async fn job_specification(db: &DatabaseConnection, id: i64) -> AppResult<JobSpecification> {
    let p = position::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let a = agency::Entity::find_by_id(p.agency_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let required: HashMap<String, i32> = position_requirement::Entity::find()
        .filter(position_requirement::Column::PositionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.competency_id, r.level))
        .collect();
    let fw = framework()?;
    Ok(JobSpecification {
        position_id: p.id,
        position: p.title,
        agency: (a.id, a.name),
        level_names: fw.levels.clone(),
        areas: fw
            .areas
            .into_iter()
            .map(|area| {
                (
                    area.title,
                    area.competencies
                        .into_iter()
                        .map(|c| RequirementRow {
                            required: required.get(&c.id).copied(),
                            id: c.id,
                            title: c.title,
                            levels: c.levels,
                        })
                        .collect(),
                )
            })
            .collect(),
    })
}

/// Replaces the job specification of position `id` with `levels` (competency id → level
/// 1–5; competencies left out require nothing). All or nothing: an unknown competency or a
/// level outside 1–5 writes nothing.
pub async fn set_job_specification(
    db: &DatabaseConnection,
    id: i64,
    levels: &[(String, String)],
) -> AppResult<()> {
    position::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let fw = framework()?;
    let known = fw.ids();
    let mut rows = Vec::new();
    for (competency, level) in levels {
        if level.trim().is_empty() {
            continue;
        }
        if !known.contains(competency.as_str()) {
            return Err(AppError::field("competency", Msg::ErrUnknownCompetency));
        }
        let level = match level.trim().parse::<i32>() {
            Ok(l) if (1..=5).contains(&l) => l,
            _ => return Err(AppError::field("level", Msg::ErrProficiency)),
        };
        rows.push(position_requirement::ActiveModel {
            position_id: Set(id),
            competency_id: Set(competency.clone()),
            level: Set(level),
        });
    }
    let txn = db.begin().await?;
    position_requirement::Entity::delete_many()
        .filter(position_requirement::Column::PositionId.eq(id))
        .exec(&txn)
        .await?;
    for chunk in rows.chunks(100) {
        position_requirement::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The competency framework, with the titles of the course modules that build each
/// competency.
pub async fn competency_framework(
    db: &DatabaseConnection,
) -> AppResult<crate::model::CompetencyFramework> {
    use crate::server::entities::{course, course_module};
    let fw = framework()?;
    let courses: HashMap<i64, String> = course::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.slug))
        .collect();
    let modules: HashMap<(String, String), String> = course_module::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Some(((courses.get(&m.course_id)?.clone(), m.slug), m.title)))
        .collect();
    Ok(crate::model::CompetencyFramework {
        title: format!("{} {}", fw.title, fw.version),
        level_names: fw.levels.clone(),
        areas: fw
            .areas
            .into_iter()
            .map(|a| {
                (
                    a.title,
                    a.competencies
                        .into_iter()
                        .map(|c| crate::model::CompetencyView {
                            builds: c
                                .builds
                                .iter()
                                .filter_map(|b| {
                                    let (course, module) = b.split_once('/')?;
                                    let title =
                                        modules.get(&(course.to_owned(), module.to_owned()))?;
                                    Some((course.to_owned(), title.clone()))
                                })
                                .collect(),
                            id: c.id,
                            title: c.title,
                            description: c.description,
                            levels: c.levels,
                        })
                        .collect(),
                )
            })
            .collect(),
    })
}
