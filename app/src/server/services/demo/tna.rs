//! The demo training needs analysis: job specifications for the front-line positions of two
//! Utopian agencies, a completed anonymous campaign of the shipped questionnaire with their
//! officers' and supervisors' responses — so the heat map, the drill-down and the training
//! plan have something true-to-life to show — and an open campaign in the immigration service
//! for the demo trainee to answer. Deterministic, and loaded once.
//!
//! Everything goes through the services an analyst and an administrator use: the job
//! specifications are set as on the position page, the campaigns created and opened as on the
//! campaign pages, and the officers' answers imported as a paper-response file, then the
//! campaign closed — so the demo holds nothing those services would refuse. (The responses
//! are therefore all paper ones, dated the day the demo is loaded.)

use crate::error::AppResult;
use crate::model::CampaignStatus;
use crate::model::tna::CampaignInput;
use crate::server::entities::{
    agency, person, position, position_requirement, tna_campaign, tna_questionnaire, tna_response,
};
use crate::server::services::tna::{campaigns, results};
use assessments::results::SeededRng;
use content::tna::{Answer, Answers, ItemKind};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;

/// The demo campaign's title.
pub const TITLE: &str = "Utopia front-line training needs 2026";
/// The competency of second-line document examination.
const SECOND_LINE: &str = "doc-fraud-second-line";
/// Supervisors' answers about their front-line staff, per agency.
const SUPERVISORS_ABOUT_STAFF: usize = 5;
/// The open demo campaign, for trying the questionnaire as a respondent.
pub const OPEN_TITLE: &str = "Utopia Immigration Service: training needs 2027";

/// Required levels per area for a front-line position; supervisors need one more, and
/// leadership.
/// The competency whose decisions the courses reserve to supervisors.
const REFUSAL: &str = "law-refusal-detention-return";

const FRONT_LINE: [(&str, u8); 7] = [
    ("doc-", 3),
    ("int-", 3),
    ("risk-", 2),
    ("law-", 3),
    ("prot-", 3),
    ("bmis-", 3),
    ("lang-", 2),
];

/// How well each agency's officers say they perform, per area (1–7), before noise: the
/// immigration service knows its law and systems but not risk analysis; the border police
/// are weakest on documents, systems and languages.
fn performance(agency: usize, competency: &str) -> i32 {
    let table: [(&str, [i32; 2]); 8] = [
        ("doc-", [5, 2]),
        ("int-", [4, 4]),
        ("risk-", [2, 4]),
        ("law-", [6, 4]),
        ("prot-", [4, 3]),
        ("bmis-", [5, 2]),
        ("lang-", [4, 2]),
        ("lead-", [3, 3]),
    ];
    table
        .iter()
        .find(|(p, _)| competency.starts_with(p))
        .map_or(4, |(_, v)| v[agency])
}

fn importance(competency: &str) -> i32 {
    match competency.split('-').next() {
        Some("doc" | "law" | "bmis") => 7,
        Some("int" | "prot" | "risk") => 6,
        Some("lang") => 5,
        _ => 3,
    }
}

/// Loads the demo campaigns, or finishes loading them: each step is taken only if it is not
/// done yet, so a load that stopped halfway is completed by the next one.
pub async fn ensure(db: &DatabaseConnection) -> AppResult<()> {
    let by_title = |title: &'static str| {
        tna_campaign::Entity::find()
            .filter(tna_campaign::Column::Title.eq(title))
            .one(db)
    };
    let done = by_title(TITLE)
        .await?
        .is_some_and(|c| c.status == CampaignStatus::Closed)
        && by_title(OPEN_TITLE)
            .await?
            .is_some_and(|c| c.status == CampaignStatus::Open);
    if done {
        return Ok(());
    }
    crate::server::services::tna::questionnaires::ensure_shipped(db).await?;
    let (_, shipped) = content::tna::shipped()
        .map_err(|e| crate::server::errors::internal("shipped questionnaire", e))?;
    let Some(q_row) = tna_questionnaire::Entity::find()
        .filter(tna_questionnaire::Column::Slug.eq(shipped.id.as_str()))
        .filter(tna_questionnaire::Column::Number.eq(1))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let Some(analyst) = demo_user(db, "analyst").await? else {
        return Ok(());
    };
    let (_, q) = crate::server::services::tna::questionnaires::load(db, q_row.id).await?;
    let fw = crate::server::services::tna::framework(db).await?;
    let competencies: Vec<String> = fw.ids().into_iter().map(str::to_owned).collect();
    // (agency, [(front-line position, officers), (supervisory position, officers)])
    let plan: [(&str, [(&str, usize); 2]); 2] = [
        (
            "Utopia Immigration Service",
            [
                ("Front-line immigration officer", 9),
                ("Shift supervisor", 3),
            ],
        ),
        (
            "Utopia Border Police",
            [("Border guard", 10), ("Post commander", 3)],
        ),
    ];
    let mut rng = SeededRng::new(2026);
    let today = crate::server::services::now().date();
    let (header, columns) = results::paper_columns(&q);
    let mut csv = csv::Writer::from_writer(Vec::new());
    let write = |csv: &mut csv::Writer<Vec<u8>>, row: &[String]| {
        csv.write_record(row)
            .map_err(|e| crate::server::errors::internal("demo responses", e))
    };
    write(&mut csv, &header)?;
    let mut agencies = Vec::new();
    for (ai, (agency_name, positions)) in plan.iter().enumerate() {
        let Some(a) = agency::Entity::find()
            .filter(agency::Column::CountryCode.eq("UTO"))
            .filter(agency::Column::Name.eq(*agency_name))
            .one(db)
            .await?
        else {
            continue;
        };
        agencies.push(a.id);
        for (pi, (title, officers)) in positions.iter().enumerate() {
            let Some(p) = position::Entity::find()
                .filter(position::Column::AgencyId.eq(a.id))
                .filter(position::Column::Title.eq(*title))
                .one(db)
                .await?
            else {
                continue;
            };
            let specified = position_requirement::Entity::find()
                .filter(position_requirement::Column::PositionId.eq(p.id))
                .one(db)
                .await?
                .is_some();
            if !specified {
                let levels: Vec<(String, String)> = competencies
                    .iter()
                    .filter_map(|c| {
                        let level = if c == REFUSAL {
                            // Front-line officers prepare a refusal and refer it; a
                            // supervisor decides it (as the courses teach).
                            Some([2, 4][pi.min(1)])
                        } else if c.starts_with("lead-") {
                            (pi == 1).then_some(3)
                        } else {
                            FRONT_LINE
                                .iter()
                                .find(|(prefix, _)| c.starts_with(prefix))
                                .map(|(_, l)| l + pi as u8)
                        };
                        level.map(|l| (c.clone(), l.to_string()))
                    })
                    .collect();
                crate::server::services::tna::set_job_specification(db, p.id, &levels).await?;
            }
            // Officers answer about themselves; on the supervisory line, five supervisors
            // (the three on the roster and two deputies) also answer about the staff of the
            // agency's front-line position, enough for an anonymous campaign to show.
            let own = (0..*officers).map(|k| (k, false));
            let about_staff =
                (0..if pi == 1 { SUPERVISORS_ABOUT_STAFF } else { 0 }).map(|k| (k, true));
            for (k, supervising) in own.chain(about_staff) {
                let answers = if supervising {
                    supervisor_view(officer_answers(&q, &mut rng, ai, 0, k), ai)
                } else {
                    officer_answers(&q, &mut rng, ai, pi, k)
                };
                let answers = q.shown_answers(&answers);
                let mut cells: HashMap<String, String> = HashMap::new();
                for item in q.items() {
                    match answers.get(&item.id) {
                        Some(Answer::Dual(i, p)) => {
                            let (ci, cp) = content::tna::dual_fields(&item.id);
                            cells.insert(ci, i.to_string());
                            cells.insert(cp, p.to_string());
                        }
                        Some(Answer::Number(n)) => {
                            cells.insert(item.id.clone(), n.to_string());
                        }
                        Some(Answer::Text(t)) => {
                            cells.insert(item.id.clone(), t.clone());
                        }
                        Some(Answer::Choices(c)) => {
                            cells.insert(item.id.clone(), c.join(";"));
                        }
                        Some(Answer::NotMyJob) => {
                            let (ci, _) = content::tna::dual_fields(&item.id);
                            cells.insert(ci, content::tna::NOT_MY_JOB.to_owned());
                        }
                        None => {}
                    }
                }
                let mut row = if supervising {
                    vec![
                        format!("S-{}-{}-{k}", a.id, p.id),
                        "supervisor".to_owned(),
                        a.name.clone(),
                        positions[0].0.to_owned(),
                    ]
                } else {
                    vec![
                        format!("P-{}-{}-{k}", a.id, p.id),
                        "self".to_owned(),
                        a.name.clone(),
                        p.title.clone(),
                    ]
                };
                row.extend(columns.iter().map(|c| cells.remove(c).unwrap_or_default()));
                write(&mut csv, &row)?;
            }
        }
    }
    if agencies.is_empty() {
        return Ok(());
    }
    let bytes = csv
        .into_inner()
        .map_err(|e| crate::server::errors::internal("demo responses", e))?;
    let campaign =
        |title: &str, opens: time::Date, closes: time::Date, agencies: &[i64]| CampaignInput {
            title: title.to_owned(),
            questionnaire: q_row.id.to_string(),
            opens_on: opens.to_string(),
            closes_on: closes.to_string(),
            anonymous: Some("on".to_owned()),
            min_group: "5".to_owned(),
            agency: agencies.iter().map(i64::to_string).collect(),
            country: Vec::new(),
            position: Vec::new(),
        };
    let past = match by_title(TITLE).await? {
        Some(c) => c,
        None => {
            let id = campaigns::create(
                db,
                &analyst,
                &campaign(
                    TITLE,
                    today - time::Duration::days(60),
                    today - time::Duration::days(30),
                    &agencies,
                ),
            )
            .await?;
            campaigns::get(db, id).await?
        }
    };
    if past.status == CampaignStatus::Draft {
        campaigns::set_status(db, &analyst, past.id, "open").await?;
    }
    let answered = tna_response::Entity::find()
        .filter(tna_response::Column::CampaignId.eq(past.id))
        .count(db)
        .await?
        > 0;
    if !answered && let Err(problems) = results::import_paper(db, &analyst, past.id, &bytes).await?
    {
        return Err(crate::server::errors::internal(
            "demo responses",
            format!("{problems:?}"),
        ));
    }
    if campaigns::get(db, past.id).await?.status != CampaignStatus::Closed {
        campaigns::set_status(db, &analyst, past.id, "closed").await?;
    }
    // An open campaign in the immigration service, so the demo trainee has a questionnaire
    // to answer.
    let open = match by_title(OPEN_TITLE).await? {
        Some(c) => c,
        None => {
            let id = campaigns::create(
                db,
                &analyst,
                &campaign(
                    OPEN_TITLE,
                    today - time::Duration::days(1),
                    today + time::Duration::days(90),
                    &agencies[..1],
                ),
            )
            .await?;
            campaigns::get(db, id).await?
        }
    };
    if open.status != CampaignStatus::Open {
        campaigns::set_status(db, &analyst, open.id, "open").await?;
    }
    Ok(())
}

/// The demo analyst, signed in as the services see them.
async fn demo_user(
    db: &DatabaseConnection,
    login: &str,
) -> AppResult<Option<crate::model::CurrentUser>> {
    let Some(p) = person::Entity::find()
        .filter(person::Column::Login.eq(login))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(crate::server::services::people::current_user(db, p.id)
        .await?
        .map(|(user, _)| user))
}

/// A supervisor's answers about their front-line staff, from what the staff would say of
/// themselves: the border police's commanders see weaker document and systems work than their
/// guards report, the immigration service's supervisors better risk analysis than their
/// officers claim; elsewhere the views agree.
fn supervisor_view(mut answers: Answers, ai: usize) -> Answers {
    for (item, answer) in answers.iter_mut() {
        if let Answer::Dual(_, performance) = answer {
            let shift: i32 = match (ai, item.split('-').next()) {
                (1, Some("doc" | "bmis")) => -2,
                (0, Some("risk")) => 2,
                _ => 0,
            };
            *performance = (i32::from(*performance) + shift).clamp(1, 7) as u8;
        }
    }
    answers
}

/// What stops officer `k` of agency `ai` doing a section's tasks well: at the border
/// police's land crossings there are no UV lamps or magnifiers, so document checks fail for
/// want of equipment; the immigration service's risk analysis lacks written procedures for
/// some; elsewhere mostly training, and staffing for a third.
fn demo_barriers(item: &str, ai: usize, k: usize) -> &'static [&'static str] {
    match (ai, item) {
        (1, "document-examination-barriers") if k.is_multiple_of(4) => &["equipment", "training"],
        (1, "document-examination-barriers") => &["equipment"],
        (0, "risk-analysis-barriers") if k.is_multiple_of(3) => &["procedures"],
        (_, "languages-barriers") => &["training"],
        _ if k.is_multiple_of(3) => &["staffing", "training"],
        _ => &["training"],
    }
}

/// Officer `k`'s answers, in position `pi` (0: front line, 1: supervisory) of agency `ai`.
fn officer_answers(
    q: &content::tna::Questionnaire,
    rng: &mut SeededRng,
    ai: usize,
    pi: usize,
    k: usize,
) -> Answers {
    let mut answers = Answers::new();
    for item in q.items() {
        let answer = match item.kind {
            ItemKind::Dual => {
                let c = item.competency.as_deref().unwrap_or("");
                let noise = |rng: &mut SeededRng| rng.below(3) as i32 - 1;
                let lead_bonus = if pi == 1 && c.starts_with("lead-") {
                    3
                } else {
                    0
                };
                let imp = (importance(c) + lead_bonus + noise(rng)).clamp(1, 7);
                let perf = (performance(ai, c) + pi as i32 + noise(rng)).clamp(1, 7);
                // Examining a referred document in depth is the second line's work: two in
                // three front-line officers say it is not part of their job.
                if pi == 0 && c == SECOND_LINE && !k.is_multiple_of(3) {
                    Some(Answer::NotMyJob)
                } else {
                    Some(Answer::Dual(imp as u8, perf as u8))
                }
            }
            ItemKind::Likert => Some(Answer::Number((2 + rng.below(3)) as f64)),
            ItemKind::Numeric => {
                let lo = item.min.unwrap_or(0.0);
                let hi = item.max.unwrap_or(30.0).min(lo + 25.0);
                Some(Answer::Number(
                    (lo + rng.below((hi - lo) as usize + 1) as f64).round(),
                ))
            }
            ItemKind::Single => {
                let choice = match item.id.as_str() {
                    "role" => Some(if pi == 1 { "supervisor" } else { "front-line" }),
                    "workplace" => Some(if ai == 0 { "airport" } else { "land-crossing" }),
                    _ => None,
                };
                let id = choice
                    .map(str::to_owned)
                    .unwrap_or_else(|| item.options[rng.below(item.options.len())].id.clone());
                Some(Answer::Text(id))
            }
            ItemKind::Multiple => Some(Answer::Choices(vec![
                item.options[(k + ai) % item.options.len()].id.clone(),
            ])),
            ItemKind::Barriers => Some(Answer::Choices(
                demo_barriers(&item.id, ai, k)
                    .iter()
                    .map(|b| (*b).to_owned())
                    .collect(),
            )),
            ItemKind::Text => None,
        };
        if let Some(a) = answer {
            answers.insert(item.id.clone(), a);
        }
    }
    answers
}
