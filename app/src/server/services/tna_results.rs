//! Needs-analysis results: the campaign's submitted responses turned into observations
//! (competency × respondent), analysed by `assessments::tna` per position, agency and
//! competency, and shown as a heat map, ranked priorities, a drill-down and a training plan;
//! exported as CSV or XLSX. Paper responses come in here too, from CSV or XLSX, all or
//! nothing.

use super::campaigns::{agency_ids, get, may_analyse};
use super::questionnaires::load;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::tna::{GapRow, PlanRow, TnaResults};
use crate::model::{CurrentUser, ImportProblem};
use crate::server::charts::{HeatCell, heat_map, need_bars};
use crate::server::entities::{
    agency, course, course_module, position, position_requirement, tna_campaign, tna_response,
};
use assessments::tna::{
    GapStats, GroupResult, Grouping, Observation, PlanItem, aggregate, needs, plan, priorities,
};
use content::tna::{Answer, Answers, ItemKind, Questionnaire};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// A need index from which a competency enters the training plan.
pub const PLAN_THRESHOLD: f64 = 2.0;

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
    /// The training plan, with the people who need each module per agency (agencies with
    /// fewer respondents than the minimum group size left out).
    pub plan: Vec<(PlanItem, Vec<(i64, usize)>)>,
    /// Smallest group shown.
    pub min_group: usize,
}

/// What an analysis depends on: submitted responses (count and newest id: a submitted
/// response never changes), the framework's version, the job specifications and the minimum
/// group size.
type Stamp = (i64, i64, i32, u64);

type Analyses = HashMap<i64, (Stamp, Arc<Analysis>)>;
static CACHE: Mutex<Option<Analyses>> = Mutex::new(None);

fn fingerprint(rows: &[position_requirement::Model], min_group: i32) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    min_group.hash(&mut h);
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
    db: &impl ConnectionTrait,
    c: &tna_campaign::Model,
) -> AppResult<Arc<Analysis>> {
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
            .filter(tna_response::Column::Status.eq("submitted"))
    };
    let (count, newest): (i64, Option<i64>) = submitted()
        .select_only()
        .column_as(Expr::col(tna_response::Column::Id).count(), "n")
        .column_as(Expr::col(tna_response::Column::Id).max(), "newest")
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None));
    let stamp: Stamp = (
        count,
        newest.unwrap_or(0),
        super::tna::framework_version(db).await?,
        fingerprint(&requirements, c.min_group),
    );
    if let Some((s, a)) = CACHE
        .lock()
        .ok()
        .and_then(|m| m.as_ref().and_then(|m| m.get(&c.id).cloned()))
        && s == stamp
    {
        return Ok(a);
    }
    let fw = super::tna::framework(db).await?;
    let responses: Vec<(i64, Option<i64>, String)> = submitted()
        .select_only()
        .column(tna_response::Column::AgencyId)
        .column(tna_response::Column::PositionId)
        .column(tna_response::Column::Answers)
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
        min_group: c.min_group,
    };
    // A large campaign takes a CPU for a good part of a second: off the async runtime.
    let analysis = Arc::new(
        tokio::task::spawn_blocking(move || compute(input))
            .await
            .map_err(|e| super::super::errors::internal("needs analysis", e))??,
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
            .insert(c.id, (stamp, analysis.clone()));
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
    /// Submitted responses: agency, position, stored answers.
    responses: Vec<(i64, Option<i64>, String)>,
    min_group: i32,
}

/// The analysis itself: observations, groupings and the plan (no I/O).
fn compute(input: Input) -> AppResult<Analysis> {
    let Input {
        questionnaire: q,
        framework: fw,
        agencies,
        positions,
        requirements,
        responses,
        min_group: group_size,
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
    let mut obs = Vec::with_capacity(responses.len() * duals.len());
    let mut per_agency: HashMap<i64, usize> = HashMap::new();
    for (agency_id, position_id, text) in &responses {
        let StoredAnswers(answers) = serde_json::from_str(text)
            .map_err(|e| super::super::errors::internal("stored answers", e))?;
        let (agency, country) = agency_keys
            .get(agency_id)
            .cloned()
            .unwrap_or_else(|| (shared(&agency_id.to_string()), none.clone()));
        let position = position_id
            .and_then(|p| position_keys.get(&p).cloned())
            .unwrap_or_else(|| none.clone());
        *per_agency.entry(*agency_id).or_insert(0) += 1;
        for (item, competency, key) in &duals {
            if let Some(Answer::Dual(importance, performance)) = answers.get(*item) {
                obs.push(Observation {
                    agency: agency.clone(),
                    position: position.clone(),
                    country: country.clone(),
                    competency: key.clone(),
                    importance: *importance,
                    performance: *performance,
                    required: position_id.and_then(|p| required.get(&(p, *competency)).copied()),
                });
            }
        }
    }
    let min_group = group_size.max(1) as usize;
    let builds: BTreeMap<String, Vec<String>> = fw
        .areas
        .iter()
        .flat_map(|a| {
            a.competencies
                .iter()
                .map(|c| (c.id.clone(), c.builds.clone()))
        })
        .collect();
    let items = plan(&obs, &builds, PLAN_THRESHOLD, min_group);
    // People in need per (competency, agency), for the plan's per-agency counts.
    let mut in_need: HashMap<(&str, &str), usize> = HashMap::new();
    for o in obs.iter().filter(|o| needs(o)) {
        *in_need.entry((&*o.competency, &*o.agency)).or_insert(0) += 1;
    }
    let plan = items
        .into_iter()
        .map(|item| {
            let per: Vec<(i64, usize)> = agencies
                .iter()
                .filter(|(id, _, _)| per_agency.get(id).copied().unwrap_or(0) >= min_group)
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
    Ok(Analysis {
        respondents: responses.len(),
        observations: obs.len(),
        by_position: aggregate(&obs, Grouping::Position, min_group),
        by_agency: aggregate(&obs, Grouping::Agency, min_group),
        by_country: aggregate(&obs, Grouping::Country, min_group),
        by_competency: aggregate(&obs, Grouping::Competency, min_group),
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
    })
}

fn gap_row(
    a: &Analysis,
    competency: &str,
    agency: &str,
    position: &str,
    n: usize,
    stats: Option<&GapStats>,
) -> GapRow {
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
    }
}

/// The gap analysis, one row per competency × agency × position (the export's rows).
pub fn position_rows(a: &Analysis) -> Vec<GapRow> {
    a.by_position
        .iter()
        .map(|g| gap_row(a, &g.key.0, &g.key.1, &g.key.2, g.n, g.stats.as_ref()))
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
                Measure::Gap => s.gap.map_or(HeatCell::Empty, |v| HeatCell::Value(v, g.n)),
                Measure::Need => HeatCell::Value(s.need, g.n),
            },
        },
    }
}

/// Campaign `id`'s results, drilled into `agency` when given.
pub async fn results(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    drill: Option<i64>,
    measure: Measure,
) -> AppResult<TnaResults> {
    may_analyse(user)?;
    let c = get(db, id).await?;
    let a = analyse(db, &c).await?;
    let (by_agency, by_competency) = (&a.by_agency, &a.by_competency);
    let mut agencies: Vec<(i64, String)> = a.agencies.iter().map(|x| (x.0, x.1.clone())).collect();
    agencies.sort_by(|x, y| x.1.cmp(&y.1));
    let rows: Vec<String> = a.competencies.iter().map(|c| c.1.clone()).collect();
    let cols: Vec<String> = agencies.iter().map(|x| x.1.clone()).collect();
    let index: HashMap<(&str, String), &assessments::tna::GroupResult> = by_agency
        .iter()
        .map(|g| ((g.key.0.as_str(), g.key.1.clone()), g))
        .collect();
    let cells: Vec<Vec<HeatCell>> = a
        .competencies
        .iter()
        .map(|(comp, _)| {
            agencies
                .iter()
                .map(|(aid, _)| {
                    cell(
                        index.get(&(comp.as_str(), aid.to_string())).copied(),
                        measure,
                    )
                })
                .collect()
        })
        .collect();
    let (title, legend, bands) = match measure {
        Measure::Gap => (
            "Gap (required − assessed level) per competency and agency",
            "gap in levels",
            [0.25, 0.75, 1.5],
        ),
        Measure::Need => (
            "Need index (importance × performance gap) per competency and agency",
            "need index 0–7",
            [1.5, 2.5, 3.5],
        ),
    };
    let heat_svg = heat_map(&rows, &cols, &cells, bands, title, legend);
    // Across countries, the same map per country.
    let mut countries: Vec<&str> = a.agencies.iter().map(|x| x.2.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    let country_svg = (countries.len() > 1).then(|| {
        let index: HashMap<(&str, &str), &GroupResult> = a
            .by_country
            .iter()
            .map(|g| ((g.key.0.as_str(), g.key.3.as_str()), g))
            .collect();
        let cells: Vec<Vec<HeatCell>> = a
            .competencies
            .iter()
            .map(|(comp, _)| {
                countries
                    .iter()
                    .map(|country| cell(index.get(&(comp.as_str(), *country)).copied(), measure))
                    .collect()
            })
            .collect();
        let cols: Vec<String> = countries.iter().map(|c| (*c).to_owned()).collect();
        heat_map(&rows, &cols, &cells, bands, title, legend)
    });
    let ranked: Vec<GapRow> = priorities(by_competency)
        .into_iter()
        .map(|g| gap_row(&a, &g.key.0, "", "", g.n, g.stats.as_ref()))
        .collect();
    let top: Vec<(String, f64)> = ranked
        .iter()
        .take(10)
        .map(|r| (r.title.clone(), r.need.unwrap_or(0.0)))
        .collect();
    let top_svg = need_bars(
        &top,
        7.0,
        "The ten competencies most in need of training (need index)",
    );
    let drill = match drill {
        Some(agency_id) => {
            let name = agencies
                .iter()
                .find(|x| x.0 == agency_id)
                .map(|x| x.1.clone())
                .ok_or(AppError::NotFound)?;
            let key = agency_id.to_string();
            let mut rows: Vec<GapRow> = a
                .by_position
                .iter()
                .filter(|g| g.key.1 == key)
                .map(|g| gap_row(&a, &g.key.0, &g.key.1, &g.key.2, g.n, g.stats.as_ref()))
                .collect();
            rows.sort_by(|x, y| {
                y.need
                    .unwrap_or(-1.0)
                    .total_cmp(&x.need.unwrap_or(-1.0))
                    .then(x.position.cmp(&y.position))
            });
            Some((agency_id, name, rows))
        }
        None => None,
    };
    Ok(TnaResults {
        campaign: super::campaigns::row(db, &c).await?,
        respondents: a.respondents,
        heat_svg,
        country_svg,
        top_svg,
        priorities: ranked,
        agencies,
        drill,
        plan: plan_rows(db, &a).await?,
    })
}

/// The recommended training plan, with course and module titles and where the people are.
async fn plan_rows(db: &impl ConnectionTrait, a: &Analysis) -> AppResult<Vec<PlanRow>> {
    let courses: HashMap<i64, (String, String)> = course::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, (c.slug, c.title)))
        .collect();
    let modules: HashMap<String, ((String, String), String)> = course_module::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| {
            let c = courses.get(&m.course_id)?;
            Some((format!("{}/{}", c.0, m.slug), (c.clone(), m.title)))
        })
        .collect();
    let titles: HashMap<&str, &str> = a
        .competencies
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_str()))
        .collect();
    let names: HashMap<i64, &str> = a
        .agencies
        .iter()
        .map(|(id, n, _)| (*id, n.as_str()))
        .collect();
    Ok(a.plan
        .iter()
        .map(|(item, per)| {
            let (course, module) = modules
                .get(&item.module)
                .cloned()
                .unwrap_or_else(|| ((String::new(), item.module.clone()), item.module.clone()));
            let mut agencies: Vec<(String, usize)> = per
                .iter()
                .map(|(id, n)| (names.get(id).copied().unwrap_or_default().to_owned(), *n))
                .collect();
            agencies.sort();
            PlanRow {
                order: item.order,
                course,
                module,
                competencies: item
                    .competencies
                    .iter()
                    .map(|c| titles.get(c.as_str()).copied().unwrap_or(c).to_owned())
                    .collect(),
                people: item.people,
                agencies,
            }
        })
        .collect())
}

/// The header of the gap-analysis export.
pub const EXPORT_HEADER: [&str; 12] = [
    "competency_id",
    "competency",
    "agency",
    "position",
    "respondents",
    "required_level",
    "assessed_level",
    "gap",
    "need_index",
    "spread",
    "confidence_95",
    "withheld",
];

fn round(v: Option<f64>) -> Option<f64> {
    v.map(|v| (v * 100.0).round() / 100.0)
}

/// The gap analysis of campaign `c` as rows of cells.
fn export_rows(a: &Analysis) -> Vec<Vec<content::xlsx::Cell>> {
    use content::xlsx::Cell;
    let mut out = vec![EXPORT_HEADER.iter().map(|h| Cell::from(*h)).collect()];
    for r in position_rows(a) {
        out.push(vec![
            Cell::from(r.competency),
            Cell::from(r.title),
            Cell::from(r.agency),
            Cell::from(r.position),
            Cell::from(r.n),
            Cell::from(round(r.required)),
            Cell::from(round(r.assessed)),
            Cell::from(round(r.gap)),
            Cell::from(round(r.need)),
            Cell::from(round(r.spread)),
            Cell::from(round(r.confidence)),
            Cell::from(if r.withheld { "yes" } else { "no" }),
        ]);
    }
    out
}

/// Export formats.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// Office Open XML workbook.
    Xlsx,
}

fn to_csv(rows: &[Vec<content::xlsx::Cell>]) -> AppResult<Vec<u8>> {
    use content::xlsx::Cell;
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(t) => crate::validate::csv_safe(t).into_owned(),
                Cell::Number(n) => n.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        w.write_record(&cells)
            .map_err(|e| super::super::errors::internal("csv", e))?;
    }
    w.into_inner()
        .map_err(|e| super::super::errors::internal("csv", e))
}

/// Campaign `id`'s gap analysis (one row per competency × agency × position) as a file.
pub async fn export(db: &impl ConnectionTrait, id: i64, format: Format) -> AppResult<Vec<u8>> {
    let c = get(db, id).await?;
    let a = analyse(db, &c).await?;
    let rows = export_rows(&a);
    match format {
        Format::Csv => to_csv(&rows),
        Format::Xlsx => Ok(content::xlsx::write("Gap analysis", &rows)),
    }
}

/// Every submitted response of campaign `id`, one row each, as CSV — only for campaigns that
/// are not anonymous (anonymous answers are only ever shown in groups).
pub async fn individual_answers(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<Vec<u8>> {
    use content::xlsx::Cell;
    may_analyse(user)?;
    let c = get(db, id).await?;
    if c.anonymous {
        return Err(AppError::field("campaign", Msg::ErrAnonymousIndividual));
    }
    let (_, q) = load(db, c.questionnaire_id).await?;
    let a = analyse(db, &c).await?;
    let people: HashMap<i64, String> = crate::server::entities::person::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.login))
        .collect();
    let (header, columns) = paper_columns(&q);
    let mut rows = vec![header.into_iter().map(Cell::from).collect::<Vec<_>>()];
    for r in tna_response::Entity::find()
        .filter(tna_response::Column::CampaignId.eq(id))
        .filter(tna_response::Column::Status.eq("submitted"))
        .all(db)
        .await?
    {
        let answers: Answers = serde_json::from_str(&r.answers)
            .map_err(|e| super::super::errors::internal("stored answers", e))?;
        let fields = super::campaigns::answer_fields(&answers);
        let respondent = r
            .paper_ref
            .clone()
            .or_else(|| r.person_id.and_then(|p| people.get(&p).cloned()))
            .unwrap_or_default();
        let mut row = vec![
            Cell::from(respondent),
            Cell::from(r.perspective.clone()),
            Cell::from(
                a.agencies
                    .iter()
                    .find(|x| x.0 == r.agency_id)
                    .map(|x| x.1.clone())
                    .unwrap_or_default(),
            ),
            Cell::from(
                r.position_id
                    .and_then(|p| a.positions.get(&p.to_string()).cloned())
                    .unwrap_or_default(),
            ),
        ];
        for col in &columns {
            let values: Vec<&str> = fields
                .iter()
                .filter(|(k, _)| k == col)
                .map(|(_, v)| v.as_str())
                .collect();
            row.push(Cell::from(values.join(";")));
        }
        rows.push(row);
    }
    to_csv(&rows)
}

/// The columns of a paper-response file for `q`: the header, and the item fields after the
/// four respondent columns.
pub fn paper_columns(q: &Questionnaire) -> (Vec<String>, Vec<String>) {
    let mut header: Vec<String> = ["respondent", "perspective", "agency", "position"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let mut columns = Vec::new();
    for item in q.items() {
        if item.kind == ItemKind::Dual {
            let (i, p) = content::tna::dual_fields(&item.id);
            columns.push(i);
            columns.push(p);
        } else {
            columns.push(item.id.clone());
        }
    }
    header.extend(columns.iter().cloned());
    (header, columns)
}

/// An empty paper-response file (CSV) for campaign `id`, to fill in from paper forms.
pub async fn paper_template(db: &impl ConnectionTrait, id: i64) -> AppResult<Vec<u8>> {
    let c = get(db, id).await?;
    let (_, q) = load(db, c.questionnaire_id).await?;
    let (header, _) = paper_columns(&q);
    to_csv(&[header.into_iter().map(content::xlsx::Cell::from).collect()])
}

/// Largest number of rows in one paper-response file.
pub const PAPER_MAX_ROWS: usize = 20_000;

fn problem(line: u64, column: Option<&str>, message: Msg) -> ImportProblem {
    ImportProblem {
        line,
        column: column.map(str::to_owned),
        message,
    }
}

/// Reads the rows of an uploaded CSV or XLSX file (by its first bytes).
fn read_rows(bytes: &[u8]) -> Result<Vec<content::xlsx::Row>, ImportProblem> {
    if bytes.starts_with(b"PK\x03\x04") {
        return content::xlsx::read_first_sheet(bytes, PAPER_MAX_ROWS + 1)
            .map_err(|_| problem(0, None, Msg::ErrSpreadsheet));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| problem(0, None, Msg::ErrCsvEncoding))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i > PAPER_MAX_ROWS {
            return Err(problem(0, None, Msg::ErrTooManyRows));
        }
        let record = record.map_err(|_| problem(i as u64 + 1, None, Msg::ErrCsvRow))?;
        rows.push(record.iter().map(str::to_owned).collect::<Vec<_>>().into());
    }
    Ok(rows)
}

/// Imports paper responses to campaign `id` from a CSV or XLSX file whose header is the
/// paper template's. Every row is checked — respondent reference (unique), perspective,
/// agency and position within the campaign, every answer on its item's scale, every required
/// item answered — and the file is imported whole or not at all. Returns the number of
/// responses imported, or every problem found.
pub async fn import_paper(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    bytes: &[u8],
) -> AppResult<Result<usize, Vec<ImportProblem>>> {
    use sea_orm::{ActiveModelTrait, TransactionTrait};
    may_analyse(user)?;
    let c = get(db, id).await?;
    if c.status == "draft" {
        return Ok(Err(vec![problem(0, None, Msg::ErrCampaignNotOpened)]));
    }
    let (_, q) = load(db, c.questionnaire_id).await?;
    // Reading a workbook of 20,000 rows takes a while: off the async runtime.
    let owned = bytes.to_vec();
    let rows = match tokio::task::spawn_blocking(move || read_rows(&owned))
        .await
        .map_err(|e| super::super::errors::internal("paper responses", e))?
    {
        Ok(r) => r,
        Err(p) => return Ok(Err(vec![p])),
    };
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Ok(Err(vec![problem(0, None, Msg::ErrEmptyFile)]));
    };
    let header: Vec<String> = header
        .to_vec()
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let (expected, _) = paper_columns(&q);
    let mut problems = Vec::new();
    for h in header.iter().filter(|h| !h.is_empty()) {
        if !expected.contains(h) {
            problems.push(problem(1, Some(h), Msg::ErrUnknownItem));
        }
    }
    for needed in ["respondent", "agency"] {
        if !header.iter().any(|h| h == needed) {
            problems.push(problem(1, Some(needed), Msg::ErrMissingColumn));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let agencies: Vec<agency::Model> = agency::Entity::find()
        .filter(agency::Column::Id.is_in(agency_ids(db, id).await?))
        .all(db)
        .await?;
    let positions: Vec<position::Model> = position::Entity::find()
        .filter(position::Column::AgencyId.is_in(agencies.iter().map(|a| a.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let limited: Vec<i64> = crate::server::entities::tna_campaign_position::Entity::find()
        .filter(crate::server::entities::tna_campaign_position::Column::CampaignId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.position_id)
        .collect();
    let taken: Vec<String> = tna_response::Entity::find()
        .filter(tna_response::Column::CampaignId.eq(id))
        .filter(tna_response::Column::PaperRef.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.paper_ref)
        .collect();
    let mut seen: Vec<String> = Vec::new();
    let mut new_rows = Vec::new();
    for (i, row) in rows.enumerate() {
        let line = i as u64 + 2;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |name: &str| {
            col(name)
                .and_then(|i| row.get(i))
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let mut bad = |column: &str, msg: Msg| problems.push(problem(line, Some(column), msg));
        let respondent = cell("respondent");
        if respondent.is_empty() || respondent.chars().count() > 64 {
            bad("respondent", Msg::ErrRespondentRef);
            continue;
        }
        if seen.contains(&respondent) || taken.contains(&respondent) {
            bad("respondent", Msg::ErrDuplicateRespondent);
            continue;
        }
        seen.push(respondent.clone());
        let perspective = match cell("perspective").to_lowercase().as_str() {
            "" | "self" => "self",
            "supervisor" => "supervisor",
            _ => {
                bad("perspective", Msg::ErrPerspective);
                continue;
            }
        };
        let agency_text = cell("agency");
        let Some(agency) = agencies
            .iter()
            .find(|a| a.id.to_string() == agency_text || a.name.eq_ignore_ascii_case(&agency_text))
        else {
            bad("agency", Msg::ErrChooseAgency);
            continue;
        };
        let position_text = cell("position");
        let position_id = if position_text.is_empty() {
            None
        } else {
            match positions.iter().find(|p| {
                p.agency_id == agency.id
                    && (p.id.to_string() == position_text
                        || p.title.eq_ignore_ascii_case(&position_text))
            }) {
                Some(p) if limited.is_empty() || limited.contains(&p.id) => Some(p.id),
                _ => {
                    bad("position", Msg::ErrPositionScope);
                    continue;
                }
            }
        };
        let mut answers = Answers::new();
        let mut row_ok = true;
        for item in q.items() {
            let get = |name: &str| -> Vec<String> {
                let v = col(name)
                    .and_then(|i| row.get(i))
                    .map(String::as_str)
                    .unwrap_or("");
                if item.kind == ItemKind::Multiple {
                    v.split(';').map(|s| s.trim().to_owned()).collect()
                } else {
                    vec![v.to_owned()]
                }
            };
            match item.read_answer(get) {
                Ok(Some(a)) => {
                    answers.insert(item.id.clone(), a);
                }
                Ok(None) => {}
                Err(e) => {
                    bad(&item.id, super::campaigns::answer_error(e));
                    row_ok = false;
                }
            }
        }
        if !row_ok {
            continue;
        }
        if let Some(missing) = q.missing_required(&answers).first() {
            bad(&missing.id, Msg::ErrRequiredItem);
            continue;
        }
        let answers = q.shown_answers(&answers);
        new_rows.push((respondent, perspective, agency.id, position_id, answers));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    if new_rows.is_empty() {
        return Ok(Err(vec![problem(0, None, Msg::ErrEmptyFile)]));
    }
    let now = super::now();
    let n = new_rows.len();
    let _gate = super::write_gate(db).await;
    let txn = db.begin().await?;
    for (respondent, perspective, agency_id, position_id, answers) in new_rows {
        tna_response::ActiveModel {
            campaign_id: Set(id),
            person_id: Set(None),
            draft_token: Set(None),
            perspective: Set(perspective.to_owned()),
            agency_id: Set(agency_id),
            position_id: Set(position_id),
            source: Set("paper".into()),
            paper_ref: Set(Some(respondent)),
            status: Set("submitted".into()),
            answers: Set(serde_json::to_string(&answers)
                .map_err(|e| super::super::errors::internal("answers", e))?),
            created_at: Set(now),
            updated_at: Set(now),
            submitted_on: Set(Some(now.date())),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(Ok(n))
}
