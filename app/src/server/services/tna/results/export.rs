//! Exports: the gap analysis as CSV or XLSX, and the individual answers (for analysts who may
//! see them).

use super::*;

/// The header of the gap-analysis export.
pub const EXPORT_HEADER: [&str; 14] = [
    "competency_id",
    "competency",
    "agency",
    "position",
    "respondents",
    "not_my_job",
    "required_level",
    "assessed_level",
    "gap",
    "need_index",
    "spread",
    "confidence_95",
    "withheld",
    "small_group",
];

pub(super) fn round(v: Option<f64>) -> Option<f64> {
    v.map(|v| (v * 100.0).round() / 100.0)
}

/// The gap analysis of campaign `c` as rows of cells.
pub(super) fn export_rows(a: &Analysis) -> Vec<Vec<content::xlsx::Cell>> {
    use content::xlsx::Cell;
    let mut out = vec![EXPORT_HEADER.iter().map(|h| Cell::from(*h)).collect()];
    for r in position_rows(a) {
        out.push(vec![
            Cell::from(r.competency),
            Cell::from(r.title),
            Cell::from(r.agency),
            Cell::from(r.position),
            Cell::from(r.n),
            Cell::from(r.not_my_job),
            Cell::from(round(r.required)),
            Cell::from(round(r.assessed)),
            Cell::from(round(r.gap)),
            Cell::from(round(r.need)),
            Cell::from(round(r.spread)),
            Cell::from(round(r.confidence)),
            Cell::from(if r.withheld { "yes" } else { "no" }),
            Cell::from(if r.caution { "yes" } else { "no" }),
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

pub(super) fn to_csv(rows: &[Vec<content::xlsx::Cell>]) -> AppResult<Vec<u8>> {
    crate::server::reports::table::csv(rows)
}

/// Campaign `id`'s gap analysis (one row per competency × agency × position) as a file.
pub async fn export(
    db: &sea_orm::DatabaseConnection,
    id: i64,
    format: Format,
) -> AppResult<Vec<u8>> {
    let c = get(db, id).await?;
    let a = analyse(db, &c).await?;
    let rows = export_rows(&a);
    match format {
        Format::Csv => to_csv(&rows),
        Format::Xlsx => crate::server::reports::table::xlsx("Gap analysis", rows).await,
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
        .filter(tna_response::Column::Status.eq(crate::model::ResponseStatus::Submitted))
        .all(db)
        .await?
    {
        let answers: Answers = serde_json::from_str(&r.answers)
            .map_err(|e| crate::server::errors::internal("stored answers", e))?;
        let fields = crate::server::services::tna::campaigns::answer_fields(&answers);
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
