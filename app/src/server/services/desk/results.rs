//! A shift scored: each traveller's handling against the key, the shift's signal-detection
//! figures, and for the debrief what each traveller really was and how the list scored them.

use super::*;
use crate::model::CurrentUser;
use crate::server::entities::{desk_decision, desk_shift};
use assessments::desk::shift::{Decision, Handling, Key, Scored, ShiftResult, score, summarise};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// One traveller of a scored shift.
#[derive(Debug, Clone)]
pub struct TravellerResult {
    pub index: u32,
    /// The name on the document, as the MRZ writes it.
    pub name: String,
    pub key: Key,
    pub scored: Scored,
    /// The note sent with a referral.
    pub note: String,
    /// Why each candidate was dismissed: (entry id, reason code).
    pub reasons: Vec<(String, String)>,
    /// Whether the lists were queried, and the entries confirmed and dismissed.
    pub queried: bool,
    pub confirmed: Vec<String>,
    pub dismissed: Vec<String>,
    /// The listed person this traveller is, with how the list scored them.
    pub listed: Option<(String, assessments::names::Explanation)>,
}

/// A shift's results.
#[derive(Debug, Clone)]
pub struct ShiftResults {
    pub shift: desk_shift::Model,
    /// How the reader reviews it, when it is not their own shift.
    pub reviewer: Option<trainers::Reviewer>,
    pub summary: ShiftResult,
    pub travellers: Vec<TravellerResult>,
    /// Travellers not reached before the shift ended.
    pub unreached: usize,
}

/// The results of shift `id`: for the trainee who worked it, and for the course's trainers.
pub async fn of_shift(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<ShiftResults> {
    let shift = desk_shift::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = scenario_row(db, shift.scenario_id).await?;
    let mut reviewer = None;
    if shift.person_id != user.id {
        let course = scenarios::course_of(db, user, &row).await?;
        reviewer = trainers::reviewer(db, user, &course, &row, shift.person_id).await?;
        if reviewer.is_none() {
            return Err(AppError::Forbidden);
        }
    }
    let g = generated(db, &row).await?;
    let decisions = desk_decision::Entity::find()
        .filter(desk_decision::Column::ShiftId.eq(id))
        .order_by_asc(desk_decision::Column::Traveller)
        .all(db)
        .await?;
    let mut travellers = Vec::with_capacity(decisions.len());
    for d in &decisions {
        let Some(t) = g.shift.travellers.get(d.traveller as usize) else {
            return Err(crate::server::errors::internal(
                "desk decision",
                format!("traveller {} beyond the shift", d.traveller),
            ));
        };
        let listed = t.key.listed_as.as_ref().and_then(|id| {
            let n = g.shift.watch.iter().position(|e| &e.id == id)?;
            let entry = g.index.entry(n)?;
            Some((
                id.clone(),
                assessments::names::compare(&t.identity(), entry),
            ))
        });
        travellers.push(TravellerResult {
            index: t.index,
            name: format!("{} {}", t.holder.surname, t.holder.given_names),
            key: t.key.clone(),
            scored: scored(t, d)?,
            note: d.note.clone(),
            queried: d.queried,
            confirmed: crate::server::services::stored("desk confirmed", &d.confirmed)?,
            dismissed: crate::server::services::stored("desk dismissed", &d.dismissed)?,
            reasons: crate::server::services::stored::<std::collections::BTreeMap<String, String>>(
                "desk reasons",
                &d.reasons,
            )?
            .into_iter()
            .collect(),
            listed,
        });
    }
    let scored: Vec<Scored> = travellers.iter().map(|t| t.scored.clone()).collect();
    Ok(ShiftResults {
        unreached: g.shift.travellers.len() - travellers.len(),
        summary: summarise(&scored),
        shift,
        reviewer,
        travellers,
    })
}

/// Traveller `t`'s handling as decision `d` recorded it, scored against their key.
pub fn scored(
    t: &content::desk::travellers::Traveller,
    d: &desk_decision::Model,
) -> AppResult<Scored> {
    let decision = Decision::from_codes(&d.decision, d.ground.as_deref()).ok_or_else(|| {
        crate::server::errors::internal("desk decision", format!("code {}", d.decision))
    })?;
    let handling = Handling {
        queried: d.queried,
        confirmed: crate::server::services::stored("desk confirmed", &d.confirmed)?,
        dismissed: crate::server::services::stored("desk dismissed", &d.dismissed)?,
        decision,
        note: d.note.clone(),
        seconds: d.seconds.max(0) as u32,
    };
    Ok(score(&t.key, &handling))
}
