//! Training needs analysis: the competency framework (shipped as data, edited in the browser)
//! and job specifications (the level each position requires in each competency).
//! Questionnaires, campaigns and results are in their own modules.

//!
//! Beside the framework and job specifications held here: [`questionnaires`] (the instruments),
//! [`campaigns`] (a needs analysis in the field and its responses) and [`results`] (gaps,
//! needs, the training plan, their exports and paper forms).

pub mod campaigns;
pub mod questionnaires;
pub mod results;

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::{JobSpecification, RequirementRow};
use crate::server::entities::{agency, position, position_requirement, tna_framework};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use std::collections::HashMap;

/// The competency framework in force: the one edited in the browser, or the shipped one.
pub async fn framework(
    db: &impl sea_orm::ConnectionTrait,
) -> AppResult<content::tna::Competencies> {
    match tna_framework::Entity::find().one(db).await? {
        Some(row) => content::tna::parse_competencies(
            &row.definition,
            std::path::Path::new("tna_frameworks"),
        )
        .map_err(|e| super::super::errors::internal("stored competency framework", e)),
        None => content::tna::shipped()
            .map(|(c, _)| c)
            .map_err(|e| super::super::errors::internal("competency framework", e)),
    }
}

/// The stored framework's version (0 while the shipped one is in force).
pub async fn framework_version(db: &impl sea_orm::ConnectionTrait) -> AppResult<i32> {
    Ok(tna_framework::Entity::find()
        .one(db)
        .await?
        .map_or(0, |r| r.version))
}

/// What an editor changes in one competency.
pub struct CompetencyEdit {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Descriptors of levels 1–5.
    pub levels: Vec<String>,
    /// Course modules (`course/module`) that build it, in order.
    pub builds: Vec<String>,
}

/// Saves `edit` to competency `id` (or adds it to `area` when `add` holds), if the framework
/// is still at `version` (someone else's save in between is reported, not overwritten). The
/// result must pass the framework's checks and name only modules that exist; otherwise
/// nothing is written.
pub async fn save_competency(
    db: &DatabaseConnection,
    user_id: i64,
    id: &str,
    add_to_area: Option<&str>,
    edit: &CompetencyEdit,
    version: i32,
) -> AppResult<()> {
    use crate::server::entities::{course, course_module};
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    if framework_version(&txn).await? != version {
        return Err(AppError::field("title", Msg::ErrFrameworkConflict));
    }
    let mut fw = framework(&txn).await?;
    if edit.title.trim().is_empty() {
        return Err(AppError::field("title", Msg::ErrRequired));
    }
    if edit.levels.len() != 5 || edit.levels.iter().any(|l| l.trim().is_empty()) {
        return Err(AppError::field("levels", Msg::ErrFiveLevels));
    }
    for b in &edit.builds {
        let Some((c, m)) = b.split_once('/') else {
            return Err(AppError::field("builds", Msg::ErrUnknownModule));
        };
        let course = course::Entity::find()
            .filter(course::Column::Slug.eq(c.trim()))
            .one(&txn)
            .await?;
        let found = match course {
            Some(course) => course_module::Entity::find()
                .filter(course_module::Column::CourseId.eq(course.id))
                .filter(course_module::Column::Slug.eq(m.trim()))
                .one(&txn)
                .await?
                .is_some(),
            None => false,
        };
        if !found {
            return Err(AppError::field("builds", Msg::ErrUnknownModule));
        }
    }
    let competency = content::tna::Competency {
        id: id.trim().to_owned(),
        title: edit.title.trim().to_owned(),
        description: edit.description.trim().to_owned(),
        levels: edit.levels.iter().map(|l| l.trim().to_owned()).collect(),
        builds: edit.builds.iter().map(|b| b.trim().to_owned()).collect(),
    };
    match add_to_area {
        Some(area) => {
            if fw.competency(&competency.id).is_some() {
                return Err(AppError::field("id", Msg::ErrDuplicateCompetency));
            }
            let area = fw
                .areas
                .iter_mut()
                .find(|a| a.id == area)
                .ok_or(AppError::NotFound)?;
            area.competencies.push(competency);
        }
        None => {
            let slot = fw
                .areas
                .iter_mut()
                .flat_map(|a| a.competencies.iter_mut())
                .find(|c| c.id == id)
                .ok_or(AppError::NotFound)?;
            *slot = competency;
        }
    }
    let text = fw.to_toml();
    if content::tna::parse_competencies(&text, std::path::Path::new("edit")).is_err() {
        return Err(AppError::field("id", Msg::ErrCompetencyId));
    }
    let now = crate::server::services::now();
    match tna_framework::Entity::find().one(&txn).await? {
        Some(row) => {
            tna_framework::ActiveModel {
                id: Set(row.id),
                definition: Set(text),
                updated_by: Set(Some(user_id)),
                updated_at: Set(now),
                version: Set(row.version + 1),
            }
            .update(&txn)
            .await?;
        }
        None => {
            tna_framework::ActiveModel {
                definition: Set(text),
                updated_by: Set(Some(user_id)),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
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
    let fw = framework(db).await?;
    Ok(JobSpecification {
        position_id: p.id,
        position: p.title,
        agency: (a.id, a.name),
        level_names: fw.levels.clone(),
        language: fw.language.clone(),
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
    let fw = framework(db).await?;
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
    editable: bool,
) -> AppResult<crate::model::CompetencyFramework> {
    use crate::server::entities::{course, course_module};
    let fw = framework(db).await?;
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
        version: framework_version(db).await?,
        editable,
        area_ids: fw.areas.iter().map(|a| a.id.clone()).collect(),
        level_names: fw.levels.clone(),
        language: fw.language.clone(),
        areas: fw
            .areas
            .into_iter()
            .map(|a| {
                (
                    a.title,
                    a.competencies
                        .into_iter()
                        .map(|c| crate::model::CompetencyView {
                            modules: c.builds.clone(),
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
