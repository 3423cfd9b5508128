//! Needs-analysis results: the campaign's submitted responses turned into observations
//! (competency × respondent), analysed by `assessments::tna` per position, agency and
//! competency, and shown as a heat map, ranked priorities, a drill-down and a training plan;
//! exported as CSV or XLSX. Paper responses come in here too, from CSV or XLSX, all or
//! nothing.
//!
//! This file computes and caches the analysis; `page` builds the results page, `export` the
//! CSV and XLSX downloads, and `paper` the paper-response template and its import.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::tna::{
    BarrierRow, CauseCode, GapRow, PlanRow, TnaResults, ViewFinding, ViewRow, ViewSide,
};
use crate::model::{CurrentUser, ImportProblem};
use crate::server::entities::{
    agency, course, course_module, position, position_requirement, tna_campaign, tna_response,
};
use crate::server::reports::charts::{HeatCell, heat_map, need_bars};
use crate::server::services::tna::campaigns::{agency_ids, get, may_analyse};
use crate::server::services::tna::questionnaires::load;
use assessments::tna::{
    Barriers, Disclosure, GroupResult, Grouping, Observation, PlanItem, ViewComparison, aggregate,
    needs, plan, priorities,
};
use content::tna::{Answer, Answers, ItemKind, Questionnaire};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

mod barriers;
mod export;
mod page;
mod paper;
mod views;
pub use barriers::BarrierGroup;
pub use export::*;
pub use page::*;
pub use paper::*;

/// A need index from which a competency enters the training plan (Borich's mean weighted
/// discrepancy score; see `docs/tna-method.md`).
pub const PLAN_THRESHOLD: f64 = assessments::tna::PRIORITY_THRESHOLD;

/// One campaign's analysis, computed once per state of its responses, job specifications and
/// framework, and kept in memory: every page and export afterwards only reads it.
pub struct Analysis {
    /// Submitted responses.
    pub respondents: usize,
    /// Observations (answers about one competency) behind the figures.
    pub observations: usize,
    /// Agencies of the campaign: id, name, country.
    pub agencies: Vec<(i64, String, String)>,
    /// Position titles by id (as text).
    pub positions: HashMap<String, String>,
    /// Competencies in framework order: id, title.
    pub competencies: Vec<(String, String)>,
    /// Per competency × agency × position.
    pub by_position: Vec<GroupResult>,
    /// Per competency × agency.
    pub by_agency: Vec<GroupResult>,
    /// Per competency × country.
    pub by_country: Vec<GroupResult>,
    /// Per competency.
    pub by_competency: Vec<GroupResult>,
    /// Per competency × agency, the officers' own view beside their supervisors'.
    pub views: Vec<ViewComparison>,
    /// What stops people doing each section's tasks well, per agency.
    pub barriers: Vec<BarrierGroup>,
    /// Respondents who said a task is not part of their job, by (competency, agency,
    /// position) as group keys write them (empty agency and position: in total).
    pub not_my_job: HashMap<(String, String, String), usize>,
    /// The training plan, with the people who need each module per agency (in an anonymous
    /// campaign, agencies with fewer respondents than the minimum group size left out).
    pub plan: Vec<(PlanItem, Vec<(i64, usize)>)>,
    /// The minimum group size.
    pub min_group: usize,
    /// What becomes of smaller groups: withheld (anonymous) or shown with a caution (named).
    pub disclosure: Disclosure,
}

/// What an analysis depends on: submitted responses (count, newest id and latest change: a
/// submitted response never changes), the framework's version, the job specifications and the
/// minimum group size. Analyses are kept per database ([`crate::server::services::database_key`]):
/// the test suite serves one database per test from one process, and an analysis of campaign 3
/// in one test's database once answered for campaign 3 of another's.
type Stamp = (i64, i64, Option<time::OffsetDateTime>, i32, u64);

/// Analyses by database and campaign.
type Analyses = HashMap<(String, i64), (Stamp, Arc<Analysis>)>;
static CACHE: Mutex<Option<Analyses>> = Mutex::new(None);

fn fingerprint(rows: &[position_requirement::Model], min_group: i32, anonymous: bool) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (min_group, anonymous).hash(&mut h);
    for r in rows {
        (r.position_id, &r.competency_id, r.level).hash(&mut h);
    }
    h.finish()
}

/// The answers of one response as stored, read without copying item ids.
#[derive(serde::Deserialize)]
struct StoredAnswers<'a>(#[serde(borrow)] HashMap<std::borrow::Cow<'a, str>, Answer>);

/// The analysis of campaign `c`, recomputed only when what it depends on has changed.
pub async fn analyse(
    db: &sea_orm::DatabaseConnection,
    c: &tna_campaign::Model,
) -> AppResult<Arc<Analysis>> {
    let key = (crate::server::services::database_key(db), c.id);
    use sea_orm::{QuerySelect, sea_query::Expr};
    let agencies: Vec<(i64, String, String)> = agency::Entity::find()
        .filter(agency::Column::Id.is_in(agency_ids(db, c.id).await?))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name, a.country_code))
        .collect();
    let positions: Vec<position::Model> = position::Entity::find()
        .filter(position::Column::AgencyId.is_in(agencies.iter().map(|a| a.0).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let requirements = position_requirement::Entity::find()
        .filter(
            position_requirement::Column::PositionId
                .is_in(positions.iter().map(|p| p.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?;
    let submitted = || {
        tna_response::Entity::find()
            .filter(tna_response::Column::CampaignId.eq(c.id))
            .filter(tna_response::Column::Status.eq(crate::model::ResponseStatus::Submitted))
    };
    let (count, newest, changed): (i64, Option<i64>, Option<time::OffsetDateTime>) = submitted()
        .select_only()
        .column_as(Expr::col(tna_response::Column::Id).count(), "n")
        .column_as(Expr::col(tna_response::Column::Id).max(), "newest")
        .column_as(Expr::col(tna_response::Column::UpdatedAt).max(), "changed")
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None, None));
    let stamp: Stamp = (
        count,
        newest.unwrap_or(0),
        changed,
        crate::server::services::tna::framework_version(db).await?,
        fingerprint(&requirements, c.min_group, c.anonymous),
    );
    if let Some((s, a)) = CACHE
        .lock()
        .ok()
        .and_then(|m| m.as_ref().and_then(|m| m.get(&key).cloned()))
        && s == stamp
    {
        return Ok(a);
    }
    let fw = crate::server::services::tna::framework(db).await?;
    let responses: Vec<(i64, Option<i64>, String, String)> = submitted()
        .select_only()
        .column(tna_response::Column::AgencyId)
        .column(tna_response::Column::PositionId)
        .column(tna_response::Column::Answers)
        .column(tna_response::Column::Perspective)
        .into_tuple()
        .all(db)
        .await?;
    let (_, q) = load(db, c.questionnaire_id).await?;
    let started = std::time::Instant::now();
    let input = Input {
        questionnaire: q,
        framework: fw,
        agencies,
        positions,
        requirements,
        responses,
        disclosure: disclosure(c),
    };
    // A large campaign takes a CPU for a good part of a second: off the async runtime.
    let analysis = Arc::new(
        tokio::task::spawn_blocking(move || compute(input))
            .await
            .map_err(|e| crate::server::errors::internal("needs analysis", e))??,
    );
    tracing::info!(
        campaign = c.id,
        responses = analysis.respondents,
        observations = analysis.observations,
        "analysed in {} ms (after reading the responses)",
        started.elapsed().as_millis()
    );
    if let Ok(mut m) = CACHE.lock() {
        m.get_or_insert_with(HashMap::new)
            .insert(key, (stamp, analysis.clone()));
    }
    Ok(analysis)
}

/// What an analysis is computed from, read from the database.
struct Input {
    questionnaire: Arc<content::tna::Questionnaire>,
    framework: content::tna::Competencies,
    agencies: Vec<(i64, String, String)>,
    positions: Vec<position::Model>,
    requirements: Vec<position_requirement::Model>,
    /// Submitted responses: agency, position, stored answers, perspective (`self` or
    /// `supervisor`).
    responses: Vec<(i64, Option<i64>, String, String)>,
    disclosure: Disclosure,
}

/// Small groups are withheld in an anonymous campaign and shown with a caution in a named one.
fn disclosure(c: &tna_campaign::Model) -> Disclosure {
    let min = c.min_group.max(1) as usize;
    if c.anonymous {
        Disclosure::Withhold(min)
    } else {
        Disclosure::Caution(min)
    }
}

/// A (competency, agency, position) key of shared texts.
type SharedKey = (Arc<str>, Arc<str>, Arc<str>);

/// The analysis itself: observations, groupings and the plan (no I/O).
fn compute(input: Input) -> AppResult<Analysis> {
    let Input {
        questionnaire: q,
        framework: fw,
        agencies,
        positions,
        requirements,
        responses,
        disclosure,
    } = input;
    let required: HashMap<(i64, &str), u8> = requirements
        .iter()
        .map(|r| {
            (
                (r.position_id, r.competency_id.as_str()),
                r.level.clamp(1, 5) as u8,
            )
        })
        .collect();
    // Every text an observation carries is shared, not copied.
    let shared = |s: &str| -> Arc<str> { Arc::from(s) };
    let agency_keys: HashMap<i64, (Arc<str>, Arc<str>)> = agencies
        .iter()
        .map(|(id, _, country)| (*id, (shared(&id.to_string()), shared(country))))
        .collect();
    let position_keys: HashMap<i64, Arc<str>> = positions
        .iter()
        .map(|p| (p.id, shared(&p.id.to_string())))
        .collect();
    let none: Arc<str> = shared("");
    let duals: Vec<(&str, &str, Arc<str>)> = q
        .items()
        .filter(|i| i.kind == ItemKind::Dual)
        .filter_map(|i| {
            let c = i.competency.as_deref()?;
            Some((i.id.as_str(), c, shared(c)))
        })
        .collect();
    let barrier_items = barriers::items(&q);
    let mut barrier_counts: BTreeMap<(usize, i64), Barriers> = BTreeMap::new();
    // "Not part of my job" answers per competency, agency and position (and in total, under
    // empty agency and position).
    let mut not_my_job: HashMap<SharedKey, usize> = HashMap::new();
    let mut obs = Vec::with_capacity(responses.len() * duals.len());
    let mut per_agency: HashMap<i64, usize> = HashMap::new();
    for (agency_id, position_id, text, perspective) in &responses {
        let supervisor = perspective == "supervisor";
        let StoredAnswers(answers) = serde_json::from_str(text)
            .map_err(|e| crate::server::errors::internal("stored answers", e))?;
        let (agency, country) = agency_keys
            .get(agency_id)
            .cloned()
            .unwrap_or_else(|| (shared(&agency_id.to_string()), none.clone()));
        let position = position_id
            .and_then(|p| position_keys.get(&p).cloned())
            .unwrap_or_else(|| none.clone());
        *per_agency.entry(*agency_id).or_insert(0) += 1;
        for (i, (_, item, _)) in barrier_items.iter().enumerate() {
            if let Some(Answer::Choices(chosen)) = answers.get(item.id.as_str()) {
                barrier_counts
                    .entry((i, *agency_id))
                    .or_default()
                    .add(chosen.iter().map(String::as_str));
            }
        }
        for (item, competency, key) in &duals {
            if let Some(Answer::NotMyJob) = answers.get(*item) {
                for k in [
                    (key.clone(), agency.clone(), position.clone()),
                    (key.clone(), none.clone(), none.clone()),
                ] {
                    *not_my_job.entry(k).or_insert(0) += 1;
                }
            }
            if let Some(Answer::Dual(importance, performance)) = answers.get(*item) {
                obs.push(Observation {
                    agency: agency.clone(),
                    position: position.clone(),
                    country: country.clone(),
                    competency: key.clone(),
                    importance: *importance,
                    performance: *performance,
                    required: position_id.and_then(|p| required.get(&(p, *competency)).copied()),
                    about_staff: supervisor,
                });
            }
        }
    }
    let min_group = disclosure.min_group();
    let builds: BTreeMap<String, Vec<String>> = fw
        .areas
        .iter()
        .flat_map(|a| {
            a.competencies
                .iter()
                .map(|c| (c.id.clone(), c.builds.clone()))
        })
        .collect();
    let barriers = barriers::groups(barrier_counts, &barrier_items, disclosure);
    let for_training = barriers::for_training(&obs, &barriers);
    let items = plan(&for_training, &builds, PLAN_THRESHOLD, disclosure);
    // People in need per (competency, agency), for the plan's per-agency counts.
    let mut in_need: HashMap<(&str, &str), usize> = HashMap::new();
    for o in for_training.iter().filter(|o| !o.about_staff && needs(o)) {
        *in_need.entry((&*o.competency, &*o.agency)).or_insert(0) += 1;
    }
    let plan = items
        .into_iter()
        .map(|item| {
            let per: Vec<(i64, usize)> = agencies
                .iter()
                .filter(|(id, _, _)| disclosure.shows(per_agency.get(id).copied().unwrap_or(0)))
                .map(|(id, _, _)| {
                    let key = id.to_string();
                    let people = item
                        .competencies
                        .iter()
                        .map(|c| {
                            in_need
                                .get(&(c.as_str(), key.as_str()))
                                .copied()
                                .unwrap_or(0)
                        })
                        .max()
                        .unwrap_or(0);
                    (*id, people)
                })
                .filter(|(_, n)| *n > 0)
                .collect();
            (item, per)
        })
        .collect();
    let views = views::compare(&obs, disclosure);
    Ok(Analysis {
        respondents: responses.len(),
        views,
        barriers,
        not_my_job: not_my_job
            .into_iter()
            .map(|((c, a, p), n)| ((c.to_string(), a.to_string(), p.to_string()), n))
            .collect(),
        observations: obs.len(),
        by_position: aggregate(&obs, Grouping::Position, disclosure),
        by_agency: aggregate(&obs, Grouping::Agency, disclosure),
        by_country: aggregate(&obs, Grouping::Country, disclosure),
        by_competency: aggregate(&obs, Grouping::Competency, disclosure),
        plan,
        agencies,
        positions: positions
            .into_iter()
            .map(|p| (p.id.to_string(), p.title))
            .collect(),
        competencies: fw
            .areas
            .iter()
            .flat_map(|a| {
                a.competencies
                    .iter()
                    .map(|c| (c.id.clone(), c.title.clone()))
            })
            .collect(),
        min_group,
        disclosure,
    })
}

/// One group's row: `agency` and `position` as in the group's key (empty for all).
fn gap_row(a: &Analysis, g: &GroupResult, agency: &str, position: &str) -> GapRow {
    let (competency, n, stats) = (g.key.0.as_str(), g.n, g.stats.as_ref());
    let title = a
        .competencies
        .iter()
        .find(|(id, _)| id == competency)
        .map_or_else(|| competency.to_owned(), |(_, t)| t.clone());
    let agency_name = a
        .agencies
        .iter()
        .find(|(id, _, _)| id.to_string() == agency)
        .map(|x| x.1.clone())
        .unwrap_or_default();
    GapRow {
        competency: competency.to_owned(),
        title,
        agency: agency_name,
        position: a.positions.get(position).cloned().unwrap_or_default(),
        n,
        required: stats.and_then(|s| s.required),
        assessed: stats.map(|s| s.assessed),
        gap: stats.and_then(|s| s.gap),
        need: stats.map(|s| s.need),
        spread: stats.map(|s| s.spread),
        confidence: stats.map(|s| s.confidence),
        withheld: stats.is_none(),
        caution: g.caution,
        // Withheld groups say nothing more than their size.
        not_my_job: if stats.is_some() {
            a.not_my_job
                .get(&(
                    competency.to_owned(),
                    agency.to_owned(),
                    position.to_owned(),
                ))
                .copied()
                .unwrap_or(0)
        } else {
            0
        },
    }
}

/// The gap analysis, one row per competency × agency × position (the export's rows).
pub fn position_rows(a: &Analysis) -> Vec<GapRow> {
    a.by_position
        .iter()
        .map(|g| gap_row(a, g, &g.key.1, &g.key.2))
        .collect()
}

/// Which measure the heat map shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Required − assessed level.
    Gap,
    /// Need index.
    Need,
}

/// A heat-map cell for a group (absent: no answers).
fn cell(g: Option<&GroupResult>, measure: Measure) -> HeatCell {
    match g {
        None => HeatCell::Empty,
        Some(g) => match &g.stats {
            None => HeatCell::Withheld(g.n),
            Some(s) => match measure {
                Measure::Gap => s
                    .gap
                    .map_or(HeatCell::Empty, |v| HeatCell::value(v, g.n, g.caution)),
                Measure::Need => HeatCell::value(s.need, g.n, g.caution),
            },
        },
    }
}
