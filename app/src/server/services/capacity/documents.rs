//! Source documents attached to indicators: type checked by content and extension, kept in
//! the database, always downloaded, never shown inline.

use super::*;

/// Largest source document accepted.
pub const DOCUMENT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// The content type of a source document: its first bytes and its name's extension must
/// name the same kind — PDF, PNG, JPEG, or an Office Open XML document (a zip archive: DOCX,
/// XLSX, PPTX) — so an HTML page beginning `%PDF-` and named `report.html` is refused.
pub fn document_type(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let by_content = if bytes.starts_with(b"%PDF-") {
        "pdf"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpeg"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "zip"
    } else {
        return None;
    };
    match (by_content, ext.as_str()) {
        ("pdf", "pdf") => Some("application/pdf"),
        ("png", "png") => Some("image/png"),
        ("jpeg", "jpg" | "jpeg") => Some("image/jpeg"),
        ("zip", "docx") => {
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        }
        ("zip", "xlsx") => {
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        ("zip", "pptx") => {
            Some("application/vnd.openxmlformats-officedocument.presentationml.presentation")
        }
        _ => None,
    }
}

/// Attaches a source document to `indicator` (lead and assessors, not final). The name is
/// kept for display only (path parts removed); the type is read from the content.
pub async fn attach_document(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    indicator: &str,
    name: &str,
    bytes: &[u8],
) -> AppResult<String> {
    let (a, _) = editable(db, user, id).await?;
    let fw = framework(&a)?;
    let Some((_, element, _)) = fw.indicators().find(|(_, _, i)| i.id == indicator) else {
        return Err(AppError::field("indicator", Msg::ErrUnknownIndicator));
    };
    if !scope(&a, fw)?.contains(&element.id) {
        return Err(AppError::field("indicator", Msg::ErrOutOfScope));
    }
    if bytes.is_empty() {
        return Err(AppError::field("file", Msg::ErrRequired));
    }
    if bytes.len() > DOCUMENT_MAX_BYTES {
        return Err(AppError::field("file", Msg::ErrTooLong));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::field("file", Msg::ErrFileName));
    }
    let name: String = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let Some(content_type) = document_type(&name, bytes) else {
        return Err(AppError::field("file", Msg::ErrDocumentType));
    };
    let name = if name.trim().is_empty() {
        "document".to_owned()
    } else {
        name
    };
    assessment_document::Entity::insert(assessment_document::ActiveModel {
        assessment_id: Set(id),
        indicator_id: Set(indicator.to_owned()),
        name: Set(name),
        content_type: Set(content_type.to_owned()),
        data: Set(bytes.to_vec()),
        uploaded_by: Set(user.id),
        uploaded_at: Set(crate::server::services::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(element.id.clone())
}

/// The documents of an indicator of assessment `id`: (document id, name).
pub async fn documents(
    db: &DatabaseConnection,
    id: i64,
    indicators: &[String],
) -> AppResult<Vec<(String, i64, String)>> {
    use sea_orm::QuerySelect;
    Ok(assessment_document::Entity::find()
        .select_only()
        .column(assessment_document::Column::IndicatorId)
        .column(assessment_document::Column::Id)
        .column(assessment_document::Column::Name)
        .filter(assessment_document::Column::AssessmentId.eq(id))
        .filter(assessment_document::Column::IndicatorId.is_in(indicators.to_vec()))
        .order_by_asc(assessment_document::Column::Id)
        .into_tuple::<(String, i64, String)>()
        .all(db)
        .await?)
}

/// A source document for the team: (name, content type, bytes).
pub async fn document(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    document: i64,
) -> AppResult<(String, String, Vec<u8>)> {
    access(db, user, id).await?;
    let d = assessment_document::Entity::find_by_id(document)
        .filter(assessment_document::Column::AssessmentId.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((d.name, d.content_type, d.data))
}
