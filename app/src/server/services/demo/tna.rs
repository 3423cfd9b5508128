//! The demo training needs analysis: job specifications for the front-line positions of two
//! Utopian agencies, a completed anonymous campaign of the shipped questionnaire with their
//! officers' and supervisors' responses — so the heat map, the drill-down and the training
//! plan have something true-to-life to show — and an open campaign in the immigration service
//! for the demo trainee to answer. Deterministic, and loaded once.

use crate::error::AppResult;
use crate::server::entities::{
    agency, position, position_requirement, tna_campaign, tna_campaign_agency, tna_questionnaire,
    tna_response,
};
use assessments::results::SeededRng;
use content::tna::{Answer, Answers, ItemKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

/// The demo campaign's title.
pub const TITLE: &str = "Utopia front-line training needs 2026";
/// The open demo campaign, for trying the questionnaire as a respondent.
pub const OPEN_TITLE: &str = "Utopia Immigration Service: training needs 2027";

/// Required levels per area for a front-line position; supervisors need one more, and
/// leadership.
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

/// Loads the demo campaign unless it exists.
pub async fn ensure(db: &DatabaseConnection) -> AppResult<()> {
    let exists = tna_campaign::Entity::find()
        .filter(tna_campaign::Column::Title.eq(TITLE))
        .one(db)
        .await?
        .is_some();
    if exists {
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
    let txn = db.begin().await?;
    let now = crate::server::services::now();
    let campaign = tna_campaign::ActiveModel {
        title: Set(TITLE.to_owned()),
        questionnaire_id: Set(q_row.id),
        status: Set(crate::model::CampaignStatus::Closed),
        anonymous: Set(true),
        min_group: Set(5),
        opens_on: Set(today - time::Duration::days(60)),
        closes_on: Set(today - time::Duration::days(30)),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (ai, (agency_name, positions)) in plan.iter().enumerate() {
        let Some(a) = agency::Entity::find()
            .filter(agency::Column::CountryCode.eq("UTO"))
            .filter(agency::Column::Name.eq(*agency_name))
            .one(&txn)
            .await?
        else {
            continue;
        };
        tna_campaign_agency::ActiveModel {
            campaign_id: Set(campaign.id),
            agency_id: Set(a.id),
        }
        .insert(&txn)
        .await?;
        for (pi, (title, officers)) in positions.iter().enumerate() {
            let Some(p) = position::Entity::find()
                .filter(position::Column::AgencyId.eq(a.id))
                .filter(position::Column::Title.eq(*title))
                .one(&txn)
                .await?
            else {
                continue;
            };
            let specified = position_requirement::Entity::find()
                .filter(position_requirement::Column::PositionId.eq(p.id))
                .one(&txn)
                .await?
                .is_some();
            if !specified {
                for c in &competencies {
                    let level = if c.starts_with("lead-") {
                        (pi == 1).then_some(3)
                    } else {
                        FRONT_LINE
                            .iter()
                            .find(|(prefix, _)| c.starts_with(prefix))
                            .map(|(_, l)| l + pi as u8)
                    };
                    if let Some(level) = level {
                        position_requirement::ActiveModel {
                            position_id: Set(p.id),
                            competency_id: Set(c.clone()),
                            level: Set(i32::from(level)),
                        }
                        .insert(&txn)
                        .await?;
                    }
                }
            }
            for k in 0..*officers {
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
                            let imp = (importance(c) + lead_bonus + noise(&mut rng)).clamp(1, 7);
                            let perf =
                                (performance(ai, c) + pi as i32 + noise(&mut rng)).clamp(1, 7);
                            Some(Answer::Dual(imp as u8, perf as u8))
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
                                "workplace" => {
                                    Some(if ai == 0 { "airport" } else { "land-crossing" })
                                }
                                _ => None,
                            };
                            let id = choice.map(str::to_owned).unwrap_or_else(|| {
                                item.options[rng.below(item.options.len())].id.clone()
                            });
                            Some(Answer::Text(id))
                        }
                        ItemKind::Multiple => Some(Answer::Choices(vec![
                            item.options[(k + ai) % item.options.len()].id.clone(),
                        ])),
                        ItemKind::Text => None,
                    };
                    if let Some(a) = answer {
                        answers.insert(item.id.clone(), a);
                    }
                }
                let answers = q.shown_answers(&answers);
                tna_response::ActiveModel {
                    campaign_id: Set(campaign.id),
                    person_id: Set(None),
                    draft_token: Set(None),
                    perspective: Set("self".into()),
                    agency_id: Set(a.id),
                    position_id: Set(Some(p.id)),
                    source: Set(if k % 4 == 3 { "paper" } else { "online" }.into()),
                    paper_ref: Set((k % 4 == 3).then(|| format!("P-{}-{}-{k}", a.id, p.id))),
                    status: Set(crate::model::ResponseStatus::Submitted),
                    answers: Set(serde_json::to_string(&answers)
                        .map_err(|e| crate::server::errors::internal("answers", e))?),
                    created_at: Set(now),
                    updated_at: Set(now),
                    submitted_on: Set(Some(today - time::Duration::days(40))),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    // An open campaign in the immigration service, so the demo trainee has a questionnaire
    // to answer.
    let open = tna_campaign::ActiveModel {
        title: Set(OPEN_TITLE.to_owned()),
        questionnaire_id: Set(q_row.id),
        status: Set(crate::model::CampaignStatus::Open),
        anonymous: Set(true),
        min_group: Set(5),
        opens_on: Set(today - time::Duration::days(1)),
        closes_on: Set(today + time::Duration::days(90)),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(a) = agency::Entity::find()
        .filter(agency::Column::CountryCode.eq("UTO"))
        .filter(agency::Column::Name.eq("Utopia Immigration Service"))
        .one(&txn)
        .await?
    {
        tna_campaign_agency::ActiveModel {
            campaign_id: Set(open.id),
            agency_id: Set(a.id),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
