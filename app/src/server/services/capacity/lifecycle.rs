//! An assessment's life: the list, opening one, its team and scope, status from draft to
//! final, and a new version opened from a final one.

use super::*;

/// The assessments `user` may see, newest first.
pub async fn list(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<AssessmentRow>> {
    let roles: HashMap<i64, Standing> = assessment_member::Entity::find()
        .filter(assessment_member::Column::PersonId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.assessment_id, Standing::Member(m.role)))
        .collect();
    let mut query = capacity_assessment::Entity::find();
    if !user.has(Role::Admin) {
        query = query.filter(
            capacity_assessment::Column::Id.is_in(roles.keys().copied().collect::<Vec<_>>()),
        );
    }
    let rows = query
        .order_by_desc(capacity_assessment::Column::StartsOn)
        .all(db)
        .await?;
    let countries = country_names(db, user.lang).await?;
    Ok(rows
        .into_iter()
        .map(|a| AssessmentRow {
            my_role: roles.get(&a.id).copied().unwrap_or(Standing::Administrator),
            country: countries
                .get(&a.country_code)
                .cloned()
                .unwrap_or(a.country_code.clone()),
            period: period(user.lang, a.starts_on, a.ends_on),
            id: a.id,
            title: a.title,
            status: a.status,
            number: a.number,
        })
        .collect())
}

pub(super) async fn country_names(
    db: &DatabaseConnection,
    lang: Lang,
) -> AppResult<HashMap<String, String>> {
    Ok(country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.name(lang).to_owned(), c.code))
        .map(|(name, code)| (code, name))
        .collect())
}

/// Opens an assessment of the whole framework; its creator leads it. Returns its id.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: &AssessmentInput,
) -> AppResult<i64> {
    if !(user.has(Role::Assessor) || user.has(Role::Admin)) {
        return Err(AppError::Forbidden);
    }
    let mut errors = Vec::new();
    let title = input.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        errors.push(FieldError::new("title", Msg::ErrRequired));
    }
    let requested_by = input.requested_by.trim();
    if requested_by.chars().count() > 200 {
        errors.push(FieldError::new("requested_by", Msg::ErrTooLong));
    }
    let code = input.country.trim().to_ascii_uppercase();
    let known = country::Entity::find_by_id(code.clone())
        .one(db)
        .await?
        .is_some();
    if !known {
        errors.push(FieldError::new("country", Msg::ErrUnknownCountry));
    }
    let parse = crate::server::services::learn::classes::parse_date;
    let (starts, ends) = (parse(&input.starts_on), parse(&input.ends_on));
    if starts.is_none() {
        errors.push(FieldError::new("starts_on", Msg::ErrDate));
    }
    if ends.is_none() {
        errors.push(FieldError::new("ends_on", Msg::ErrDate));
    }
    if let (Some(s), Some(e)) = (starts, ends)
        && e < s
    {
        errors.push(FieldError::new("ends_on", Msg::ErrDateOrder));
    }
    let (Some(starts), Some(ends), true) = (starts, ends, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let now = crate::server::services::now();
    let txn = db.begin().await?;
    let id = insert_first_round(
        &txn,
        NewAssessment {
            country: code,
            title: title.to_owned(),
            requested_by: requested_by.to_owned(),
            starts,
            ends,
            status: AssessmentStatus::Draft,
            summary: String::new(),
            methodology: String::new(),
            lead: user.id,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// A first-round assessment about to be written.
struct NewAssessment {
    country: String,
    title: String,
    requested_by: String,
    starts: time::Date,
    ends: time::Date,
    status: AssessmentStatus,
    summary: String,
    methodology: String,
    /// The lead assessor, who becomes the team's first member.
    lead: i64,
}

/// Writes a first-round assessment on the default framework with its lead as the first team
/// member, inside `txn`; returns its id.
async fn insert_first_round(
    txn: &impl ConnectionTrait,
    new: NewAssessment,
    now: time::OffsetDateTime,
) -> AppResult<i64> {
    let fw = content::framework::find(DEFAULT_FRAMEWORK)
        .ok_or_else(|| crate::server::errors::internal("framework missing", DEFAULT_FRAMEWORK))?;
    let id = capacity_assessment::Entity::insert(capacity_assessment::ActiveModel {
        framework_id: Set(fw.id.clone()),
        framework_version: Set(fw.version.clone()),
        country_code: Set(new.country),
        title: Set(new.title),
        requested_by: Set(new.requested_by),
        scope: Set("[]".to_owned()),
        starts_on: Set(new.starts),
        ends_on: Set(new.ends),
        status: Set(new.status),
        number: Set(1),
        previous_id: Set(None),
        baseline_id: Set(None),
        summary: Set(new.summary),
        methodology: Set(new.methodology),
        created_by: Set(Some(new.lead)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    })
    .exec(txn)
    .await?
    .last_insert_id;
    assessment_member::Entity::insert(assessment_member::ActiveModel {
        assessment_id: Set(id),
        person_id: Set(new.lead),
        role: Set(MemberRole::Lead),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(id)
}

/// Adds person `login` to the team as `role` (lead only).
pub async fn add_member(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    login: &str,
    role: &str,
) -> AppResult<()> {
    let (a, mine) = access(db, user, id).await?;
    if !mine.leads() {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    let role = MemberRole::from_code(role).ok_or(AppError::field("role", Msg::ErrInvalid))?;
    let p = person::Entity::find()
        .filter(person::Column::Login.eq(login.trim().to_lowercase()))
        .filter(person::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("login", Msg::ErrUnknownPerson))?;
    let existing = assessment_member::Entity::find_by_id((id, p.id))
        .one(db)
        .await?;
    match existing {
        Some(m) => {
            let mut m: assessment_member::ActiveModel = m.into();
            m.role = Set(role);
            m.update(db).await?;
        }
        None => {
            assessment_member::Entity::insert(assessment_member::ActiveModel {
                assessment_id: Set(id),
                person_id: Set(p.id),
                role: Set(role),
            })
            .exec_without_returning(db)
            .await?;
        }
    }
    Ok(())
}

/// Sets which elements are assessed (lead only, not final). Unknown element ids are refused.
pub async fn set_scope(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    elements: &[String],
) -> AppResult<()> {
    let (a, mine) = access(db, user, id).await?;
    if !mine.leads() {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    let fw = framework(&a)?;
    let known: HashSet<&str> = fw
        .components
        .iter()
        .flat_map(|c| c.elements.iter().map(|e| e.id.as_str()))
        .collect();
    if elements.is_empty() || elements.iter().any(|e| !known.contains(e.as_str())) {
        return Err(AppError::field("scope", Msg::ErrScope));
    }
    let mut active: capacity_assessment::ActiveModel = a.into();
    active.scope = Set(serde_json::to_string(elements).unwrap_or_else(|_| "[]".into()));
    active.updated_at = Set(crate::server::services::now());
    active.update(db).await?;
    Ok(())
}

/// Moves the assessment to `status` (lead only): draft ⇄ in review → final. A final
/// assessment does not move.
pub async fn set_status(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    status: &str,
) -> AppResult<()> {
    let (a, mine) = access(db, user, id).await?;
    if !mine.leads() {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    use AssessmentStatus::{Draft, Final, InReview};
    let status =
        AssessmentStatus::from_code(status).ok_or(AppError::field("status", Msg::ErrStatusStep))?;
    let allowed = matches!(
        (a.status, status),
        (Draft, InReview) | (InReview, Draft) | (InReview, Final)
    );
    if !allowed {
        return Err(AppError::field("status", Msg::ErrStatusStep));
    }
    let mut active: capacity_assessment::ActiveModel = a.into();
    active.status = Set(status);
    active.updated_at = Set(crate::server::services::now());
    active.update(db).await?;
    Ok(())
}

/// Opens a new version of a final assessment (lead only): a draft copy with the same team,
/// scores, findings, recommendations and narrative. Returns the new id.
pub async fn new_version(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<i64> {
    let (a, role) = access(db, user, id).await?;
    if !role.leads() {
        return Err(AppError::Forbidden);
    }
    if a.status != AssessmentStatus::Final {
        return Err(AppError::field("status", Msg::ErrNotFinal));
    }
    let now = crate::server::services::now();
    let txn = db.begin().await?;
    let new_id = capacity_assessment::Entity::insert(capacity_assessment::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        status: Set(AssessmentStatus::Draft),
        number: Set(a.number + 1),
        previous_id: Set(Some(a.id)),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..capacity_assessment::ActiveModel::from(a.clone())
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    for m in assessment_member::Entity::find()
        .filter(assessment_member::Column::AssessmentId.eq(id))
        .all(&txn)
        .await?
    {
        assessment_member::Entity::insert(assessment_member::ActiveModel {
            assessment_id: Set(new_id),
            ..m.into()
        })
        .exec_without_returning(&txn)
        .await?;
    }
    let scores: Vec<assessment_score::ActiveModel> = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| assessment_score::ActiveModel {
            assessment_id: Set(new_id),
            version: Set(1),
            ..s.into()
        })
        .collect();
    for chunk in scores.chunks(50) {
        assessment_score::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for f in assessment_finding::Entity::find()
        .filter(assessment_finding::Column::AssessmentId.eq(id))
        .all(&txn)
        .await?
    {
        assessment_finding::Entity::insert(assessment_finding::ActiveModel {
            id: sea_orm::ActiveValue::NotSet,
            assessment_id: Set(new_id),
            ..f.into()
        })
        .exec_without_returning(&txn)
        .await?;
    }
    for r in assessment_recommendation::Entity::find()
        .filter(assessment_recommendation::Column::AssessmentId.eq(id))
        .all(&txn)
        .await?
    {
        assessment_recommendation::Entity::insert(assessment_recommendation::ActiveModel {
            id: sea_orm::ActiveValue::NotSet,
            assessment_id: Set(new_id),
            ..r.into()
        })
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(new_id)
}
