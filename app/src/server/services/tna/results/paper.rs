//! Paper responses: the template to fill in for a campaign, and its import from CSV or XLSX,
//! all or nothing.

use super::*;

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
pub async fn paper_template(db: &DatabaseConnection, id: i64) -> AppResult<Vec<u8>> {
    let c = get(db, id).await?;
    let (_, q) = load(db, c.questionnaire_id).await?;
    let (header, _) = paper_columns(&q);
    to_csv(&[header.into_iter().map(content::xlsx::Cell::from).collect()])
}

/// Largest number of rows in one paper-response file.
pub const PAPER_MAX_ROWS: usize = 20_000;

pub(super) fn problem(line: u64, column: Option<&str>, message: Msg) -> ImportProblem {
    ImportProblem {
        line,
        column: column.map(str::to_owned),
        message,
    }
}

/// Reads the rows of an uploaded CSV or XLSX file (by its first bytes).
pub(super) fn read_rows(bytes: &[u8]) -> Result<Vec<content::xlsx::Row>, ImportProblem> {
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
    if c.status == crate::model::CampaignStatus::Draft {
        return Ok(Err(vec![problem(0, None, Msg::ErrCampaignNotOpened)]));
    }
    let (_, q) = load(db, c.questionnaire_id).await?;
    // Reading a workbook of 20,000 rows takes a while: off the async runtime.
    let owned = bytes.to_vec();
    let rows = match tokio::task::spawn_blocking(move || read_rows(&owned))
        .await
        .map_err(|e| crate::server::errors::internal("paper responses", e))?
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
                if matches!(item.kind, ItemKind::Multiple | ItemKind::Barriers) {
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
                    bad(
                        &item.id,
                        crate::server::services::tna::campaigns::answer_error(e),
                    );
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
    let now = crate::server::services::now();
    let n = new_rows.len();
    let _gate = crate::server::services::write_gate(db).await;
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
            status: Set(crate::model::ResponseStatus::Submitted),
            answers: Set(serde_json::to_string(&answers)
                .map_err(|e| crate::server::errors::internal("answers", e))?),
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
