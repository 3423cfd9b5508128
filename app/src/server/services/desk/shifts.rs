//! Working a shift: starting it against the scenario's time limit, the traveller at the desk,
//! the list query, and one decision per traveller — in order, once, before the time is up.

use super::*;
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::server::entities::{desk_decision, desk_shift};
use crate::server::services::progress::events;
use assessments::desk::shift::Decision;
use assessments::names::Explanation;
use content::desk::alerts::{StolenDocument, WatchEntry};
use content::desk::travellers::{CANDIDATE_FLOOR, Traveller};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use time::Duration;

/// The longest note sent with a referral.
pub const MAX_NOTE: usize = 2_000;

/// Starts a shift of scenario `scenario_id` for `user`, or returns the one they already have:
/// a scenario is worked once (its debrief is the key to the same queue), and a trainer sets
/// up another scenario, with another seed, for another round.
pub async fn start(
    db: &DatabaseConnection,
    user: &CurrentUser,
    scenario_id: i64,
) -> AppResult<i64> {
    let row = scenario_row(db, scenario_id).await?;
    let course = scenarios::course_of(db, user, &row).await?;
    let classes = scenarios::classes_of(db, user, &course).await?;
    if !scenarios::may_work(user, &course, &row, &classes) {
        return Err(AppError::NotFound);
    }
    let now = crate::server::services::now();
    if let Some(mine) = desk_shift::Entity::find()
        .filter(desk_shift::Column::ScenarioId.eq(row.id))
        .filter(desk_shift::Column::PersonId.eq(user.id))
        .order_by_desc(desk_shift::Column::Id)
        .one(db)
        .await?
    {
        return Ok(mine.id);
    }
    // Generate now, so the first traveller does not wait.
    generated(db, &row).await?;
    let shift = desk_shift::ActiveModel {
        scenario_id: Set(row.id),
        person_id: Set(user.id),
        started_at: Set(now),
        deadline: Set(now + Duration::minutes(i64::from(row.time_limit_minutes))),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(shift.id)
}

/// Shift `id`, which must be `user`'s own.
pub async fn own_shift(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<desk_shift::Model> {
    let shift = desk_shift::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if shift.person_id != user.id {
        return Err(AppError::Forbidden);
    }
    Ok(shift)
}

/// How many travellers of shift `id` have been decided: the next one's position.
async fn decided(db: &DatabaseConnection, id: i64) -> AppResult<u32> {
    Ok(desk_decision::Entity::find()
        .filter(desk_decision::Column::ShiftId.eq(id))
        .count(db)
        .await? as u32)
}

/// The desk as the trainee sees it: the traveller called, and the clock.
#[derive(Debug, Clone)]
pub struct Desk {
    pub shift: desk_shift::Model,
    /// The course the scenario belongs to.
    pub course_id: i64,
    pub scenario: Arc<Generated>,
    /// The traveller at the desk; `None` when the shift is over.
    pub traveller: Option<Traveller>,
    pub position: u32,
    pub total: u32,
    pub seconds_left: i64,
}

/// The desk of shift `id`.
pub async fn desk(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<Desk> {
    let shift = own_shift(db, user, id).await?;
    let row = scenario_row(db, shift.scenario_id).await?;
    let scenario = generated(db, &row).await?;
    let position = decided(db, id).await?;
    let total = scenario.shift.travellers.len() as u32;
    let now = crate::server::services::now();
    let over = shift.finished_at.is_some() || now >= shift.deadline || position >= total;
    let traveller = (!over)
        .then(|| scenario.shift.travellers.get(position as usize).cloned())
        .flatten();
    Ok(Desk {
        seconds_left: (shift.deadline - now).whole_seconds().max(0),
        course_id: row.course_id,
        shift,
        scenario,
        traveller,
        position,
        total,
    })
}

/// What a list query returns for the traveller at the desk.
#[derive(Debug, Clone)]
pub struct QueryResult {
    /// Persons on the watch list scoring at least the candidate floor, best first, each with
    /// the explanation of its score.
    pub candidates: Vec<(WatchEntry, Explanation)>,
    /// The document, when it is on the stolen and lost documents list.
    pub stolen: Option<StolenDocument>,
}

/// Queries the lists for `traveller` of a generated scenario.
pub fn query_lists(g: &Generated, traveller: &Traveller) -> QueryResult {
    let identity = traveller.identity();
    let candidates = g
        .index
        .screen(&identity, CANDIDATE_FLOOR, 10)
        .into_iter()
        .map(|c| (g.shift.watch[c.entry].clone(), c.explanation))
        .collect();
    let stolen = g
        .shift
        .stolen
        .iter()
        .find(|d| {
            d.number == traveller.holder.number && d.issuing_state == traveller.holder.nationality
        })
        .cloned();
    QueryResult { candidates, stolen }
}

/// [`query_lists`] on a blocking thread: screening a large list takes milliseconds of CPU that
/// the async runtime's workers should not spend.
pub async fn screened(g: &Arc<Generated>, traveller: &Traveller) -> AppResult<QueryResult> {
    let (g, traveller) = (g.clone(), traveller.clone());
    tokio::task::spawn_blocking(move || query_lists(&g, &traveller))
        .await
        .map_err(|e| crate::server::errors::internal("desk screening task", e))
}

/// Queries the lists for the traveller at the desk of shift `id`.
pub async fn query(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<QueryResult> {
    let desk = desk(db, user, id).await?;
    let traveller = desk
        .traveller
        .ok_or_else(|| AppError::field("decision", Msg::ErrDeskOver))?;
    screened(&desk.scenario, &traveller).await
}

/// A decision as the trainee sends it.
#[derive(Debug, Clone)]
pub struct DecisionInput {
    /// The position of the traveller decided (guards against a form sent twice).
    pub traveller: u32,
    pub queried: bool,
    pub confirmed: Vec<String>,
    pub dismissed: Vec<String>,
    /// Why each dismissed candidate was dismissed: (entry id, code of
    /// [`crate::model::desk::DISMISS_REASONS`]).
    pub reasons: Vec<(String, String)>,
    pub decision: String,
    pub ground: Option<String>,
    pub note: String,
}

/// Records the decision for the traveller at the desk of shift `id`, with its learning event
/// (score 100 when the decision is one the case allows, 0 otherwise) and the seconds the
/// traveller took, from the server's clock: since the decision before, or the shift's start. Returns whether the shift
/// is over. Nothing is stored when the shift is over, the time is up, the traveller was already
/// decided, or the input does not hold.
pub async fn decide(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    input: DecisionInput,
) -> AppResult<bool> {
    let desk = desk(db, user, id).await?;
    if desk.shift.finished_at.is_some() {
        return Err(AppError::field("decision", Msg::ErrDeskOver));
    }
    if crate::server::services::now() >= desk.shift.deadline {
        finish(db, &desk.shift).await?;
        return Err(AppError::field("decision", Msg::ErrDeskTimeUp));
    }
    if input.traveller < desk.position {
        return Err(AppError::field("decision", Msg::ErrDeskDecided));
    }
    let Some(traveller) = desk
        .traveller
        .as_ref()
        .filter(|_| input.traveller == desk.position)
    else {
        return Err(AppError::BadRequest("not the traveller at the desk".into()));
    };
    // A departure is registered or referred; the primary line does not refuse it.
    if input.decision == "refuse"
        && traveller.key.direction == assessments::desk::shift::Direction::Exit
    {
        return Err(AppError::field("decision", Msg::ErrDeskRefuseExit));
    }
    let Some(decision) = Decision::from_codes(&input.decision, input.ground.as_deref()) else {
        return Err(match input.decision.as_str() {
            "refuse" => AppError::field("ground", Msg::ErrDeskGround),
            _ => AppError::field("decision", Msg::ErrRequired),
        });
    };
    if input.note.chars().count() > MAX_NOTE {
        return Err(AppError::field("note", Msg::ErrTooLong));
    }
    // Hits can only be confirmed or dismissed among the candidates the query returned.
    let candidates: Vec<String> = screened(&desk.scenario, traveller)
        .await?
        .candidates
        .into_iter()
        .map(|(e, _)| e.id)
        .collect();
    let known = |ids: &[String]| ids.iter().all(|i| candidates.contains(i));
    let acted_on_hits = !(input.confirmed.is_empty() && input.dismissed.is_empty());
    if (acted_on_hits && !input.queried)
        || !known(&input.confirmed)
        || !known(&input.dismissed)
        || input.confirmed.iter().any(|c| input.dismissed.contains(c))
    {
        return Err(AppError::field("confirmed", Msg::ErrDeskUnknownEntry));
    }
    // Each dismissal says why, once, with one of the reasons; a reason for anything else, or
    // a candidate named twice, is refused.
    let known_reason =
        |r: &str| crate::model::desk::label_of(&crate::model::desk::DISMISS_REASONS, r).is_some();
    fn distinct<'a>(ids: impl Iterator<Item = &'a String>) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        ids.into_iter().all(|i| seen.insert(i))
    }
    if !distinct(input.confirmed.iter().chain(&input.dismissed))
        || !distinct(input.reasons.iter().map(|(e, _)| e))
    {
        return Err(AppError::field("confirmed", Msg::ErrDeskUnknownEntry));
    }
    if input.reasons.len() != input.dismissed.len()
        || !input
            .reasons
            .iter()
            .all(|(entry, r)| input.dismissed.contains(entry) && known_reason(r))
    {
        return Err(AppError::field("confirmed", Msg::ErrDeskReason));
    }
    let reasons: std::collections::BTreeMap<&str, &str> = input
        .reasons
        .iter()
        .map(|(e, r)| (e.as_str(), r.as_str()))
        .collect();
    let now = crate::server::services::now();
    let since = match input.traveller.checked_sub(1) {
        Some(before) => desk_decision::Entity::find_by_id((id, before as i32))
            .one(db)
            .await?
            .map_or(desk.shift.started_at, |d| d.decided_at),
        None => desk.shift.started_at,
    };
    let seconds = (now - since).whole_seconds().clamp(0, 86_400) as u32;
    let json = |ids: &[String]| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    let row = desk_decision::ActiveModel {
        shift_id: Set(id),
        traveller: Set(input.traveller as i32),
        queried: Set(input.queried),
        confirmed: Set(json(&input.confirmed)),
        dismissed: Set(json(&input.dismissed)),
        decision: Set(decision.code().to_string()),
        ground: Set(match decision {
            Decision::Refuse(g) => Some(g.code().to_string()),
            _ => None,
        }),
        note: Set(input.note.trim().to_string()),
        seconds: Set(seconds as i32),
        decided_at: Set(now),
        reasons: Set(serde_json::to_string(&reasons).unwrap_or_else(|_| "{}".into())),
    };
    // The decision and its learning event commit together; the primary key (shift, traveller)
    // refuses a second decision sent at the same moment.
    let handling = assessments::desk::shift::Handling {
        queried: input.queried,
        confirmed: input.confirmed.clone(),
        dismissed: input.dismissed.clone(),
        decision,
        note: input.note.clone(),
        seconds,
    };
    let right = assessments::desk::shift::score(&traveller.key, &handling).right;
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    if let Err(e) = desk_decision::Entity::insert(row).exec(&txn).await {
        return Err(match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                AppError::field("decision", Msg::ErrDeskDecided)
            }
            _ => e.into(),
        });
    }
    events::record_detail(
        &txn,
        user.id,
        events::EventKind::DeskDecided,
        desk.course_id,
        events::Detail {
            ref_id: Some(id),
            score: Some(if right { 100.0 } else { 0.0 }),
            item: Some(format!(
                "desk:{}",
                crate::model::desk::code_of(&traveller.key.kind)
            )),
            ..events::Detail::default()
        },
    )
    .await?;
    txn.commit().await?;
    let over = input.traveller + 1 >= desk.total;
    if over {
        finish(db, &desk.shift).await?;
    }
    Ok(over)
}

async fn finish(db: &DatabaseConnection, shift: &desk_shift::Model) -> AppResult<()> {
    if shift.finished_at.is_none() {
        let mut s: desk_shift::ActiveModel = shift.clone().into();
        let now = crate::server::services::now();
        s.finished_at = Set(Some(now.min(shift.deadline)));
        s.update(db).await?;
    }
    Ok(())
}
