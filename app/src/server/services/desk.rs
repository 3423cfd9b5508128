//! The border desk: shift scenarios that trainers define in a course, shifts that trainees
//! work against the clock, and the scoring of each shift.
//!
//! Rooms: [`scenarios`] (defining a shift; generating and caching its travellers and lists),
//! [`shifts`] (starting a shift, the current traveller, the list query, decisions), [`results`]
//! (a shift scored traveller by traveller, with the debrief), [`images`] (a traveller's document
//! and photo, drawn on demand), [`views`] (what a trainee's pages show), [`trainers`] (a
//! course's and a class's desk for those who train with it, and who may review a shift).
//!
//! A scenario stores only its specification; its travellers, watch list and the list's index
//! are generated from it when first needed and kept in memory per database (the generator is
//! deterministic, so every server and every restart sees the same shift).

pub mod images;
pub mod results;
pub mod scenarios;
pub mod shifts;
pub mod trainers;
pub mod views;

use crate::error::{AppError, AppResult};
use crate::server::entities::desk_scenario;
use assessments::names::ListIndex;
use content::desk::travellers::{Scenario, Spec};
use sea_orm::DatabaseConnection;
use std::sync::{Arc, Mutex};

/// A scenario's generated shift, with its watch list indexed for queries.
pub struct Generated {
    pub shift: Scenario,
    pub index: ListIndex,
}

impl std::fmt::Debug for Generated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Generated({} travellers)", self.shift.travellers.len())
    }
}

/// How many generated scenarios are kept in memory (a 100,000-person list and its index take
/// tens of megabytes); the least recently used goes first.
const CACHED: usize = 8;

type Cache = Vec<((String, i64), Arc<Generated>)>;
static GENERATED: Mutex<Cache> = Mutex::new(Vec::new());

/// The generated shift of scenario `row`, from the cache or generated now (off the async
/// runtime: a large list takes a few seconds). Two requests for a scenario not yet cached may
/// both generate it; the result is the same, and the second replaces the first.
pub async fn generated(
    db: &DatabaseConnection,
    row: &desk_scenario::Model,
) -> AppResult<Arc<Generated>> {
    let key = (crate::server::services::database_key(db), row.id);
    {
        let mut cache = GENERATED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(at) = cache.iter().position(|(k, _)| *k == key) {
            // Most recently used last.
            let hit = cache.remove(at);
            let found = hit.1.clone();
            cache.push(hit);
            return Ok(found);
        }
    }
    let spec: Spec = crate::server::services::stored("desk scenario spec", &row.spec)?;
    let own: Vec<content::desk::alerts::WatchEntry> =
        crate::server::services::stored("desk scenario list", &row.own_list)?;
    let made = tokio::task::spawn_blocking(move || {
        content::desk::travellers::scenario_with(&spec, own).map(|shift| {
            let index = ListIndex::new(shift.watch.iter().map(|e| e.identity()).collect());
            Generated { shift, index }
        })
    })
    .await
    .map_err(|e| crate::server::errors::internal("desk generation task", e))?
    .map_err(|e| crate::server::errors::internal("stored desk spec", e))?;
    let made = Arc::new(made);
    let mut cache = GENERATED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache.retain(|(k, _)| *k != key);
    if cache.len() >= CACHED {
        cache.remove(0);
    }
    cache.push((key, made.clone()));
    Ok(made)
}

/// A scenario by id, or not found.
pub async fn scenario_row(db: &DatabaseConnection, id: i64) -> AppResult<desk_scenario::Model> {
    use sea_orm::EntityTrait;
    desk_scenario::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}
