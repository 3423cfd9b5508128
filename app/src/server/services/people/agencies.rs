//! Agencies and their positions.

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Msg;
use crate::model::{AgencyDetail, AgencyInput, AgencyKind, AgencyRow, Page, PositionRow};
use crate::server::entities::{agency, country, person, position};
use crate::server::errors::unique_as;
use crate::validate;
use sea_orm::sea_query::{Expr, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

struct ValidAgency {
    name: String,
    country: String,
    kind: AgencyKind,
}

async fn validate_input(db: &DatabaseConnection, input: &AgencyInput) -> AppResult<ValidAgency> {
    let mut errors = Vec::new();
    let name = validate::name(&input.name)
        .map_err(|m| errors.push(FieldError::new("name", m)))
        .ok();
    let kind = validate::agency_kind(&input.kind)
        .map_err(|m| errors.push(FieldError::new("kind", m)))
        .ok();
    let country = input.country.trim().to_ascii_uppercase();
    if !crate::server::services::people::countries::exists(db, &country).await? {
        errors.push(FieldError::new("country", Msg::ErrUnknownCountry));
    }
    match (name, kind) {
        (Some(name), Some(kind)) if errors.is_empty() => Ok(ValidAgency {
            name,
            country,
            kind,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Creates an agency; returns its id.
pub async fn create(db: &DatabaseConnection, input: &AgencyInput) -> AppResult<i64> {
    let v = validate_input(db, input).await?;
    let now = crate::server::services::now();
    let row = agency::ActiveModel {
        name: Set(v.name),
        country_code: Set(v.country),
        kind: Set(v.kind),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(unique_as("name", Msg::ErrAgencyTaken))?;
    Ok(row.id)
}

/// Updates an agency's name, country and kind.
pub async fn update(db: &DatabaseConnection, id: i64, input: &AgencyInput) -> AppResult<()> {
    let existing = agency::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let v = validate_input(db, input).await?;
    let mut row: agency::ActiveModel = existing.into();
    row.name = Set(v.name);
    row.country_code = Set(v.country);
    row.kind = Set(v.kind);
    row.updated_at = Set(crate::server::services::now());
    row.update(db)
        .await
        .map_err(unique_as("name", Msg::ErrAgencyTaken))?;
    Ok(())
}

/// Activates or deactivates an agency. Deactivated agencies stay on record (people keep their
/// history) but are no longer offered in forms.
pub async fn set_active(db: &DatabaseConnection, id: i64, active: bool) -> AppResult<()> {
    let existing = agency::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut row: agency::ActiveModel = existing.into();
    row.active = Set(active);
    row.updated_at = Set(crate::server::services::now());
    row.update(db).await?;
    Ok(())
}

/// Adds a position to an agency; returns its id.
pub async fn add_position(db: &DatabaseConnection, agency_id: i64, title: &str) -> AppResult<i64> {
    agency::Entity::find_by_id(agency_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = validate::name(title).map_err(|m| AppError::field("title", m))?;
    let row = position::ActiveModel {
        agency_id: Set(agency_id),
        title: Set(title),
        created_at: Set(crate::server::services::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(unique_as("title", Msg::ErrPositionTaken))?;
    Ok(row.id)
}

#[derive(FromQueryResult)]
struct CountByAgency {
    agency_id: i64,
    n: i64,
}

async fn rows(db: &DatabaseConnection, agencies: Vec<agency::Model>) -> AppResult<Vec<AgencyRow>> {
    let ids: Vec<i64> = agencies.iter().map(|a| a.id).collect();
    let codes: Vec<String> = agencies.iter().map(|a| a.country_code.clone()).collect();
    let countries: HashMap<String, country::Model> = country::Entity::find()
        .filter(country::Column::Code.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code.clone(), c))
        .collect();
    let people: HashMap<i64, i64> = person::Entity::find()
        .select_only()
        .column_as(person::Column::AgencyId, "agency_id")
        .column_as(person::Column::Id.count(), "n")
        .filter(person::Column::AgencyId.is_in(ids))
        .group_by(person::Column::AgencyId)
        .into_model::<CountByAgency>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.agency_id, c.n))
        .collect();
    Ok(agencies
        .into_iter()
        .map(|a| {
            let c = countries.get(&a.country_code);
            AgencyRow {
                id: a.id,
                people: people.get(&a.id).copied().unwrap_or(0) as u64,
                country: c
                    .map(|c| crate::model::Texts {
                        en: c.name_en.clone(),
                        fr: c.name_fr.clone(),
                        es: c.name_es.clone(),
                        ar: c.name_ar.clone(),
                    })
                    .unwrap_or_default(),
                country_code: a.country_code,
                kind: a.kind,
                name: a.name,
                active: a.active,
            }
        })
        .collect())
}

/// One page of agencies whose name matches `query`, optionally only in `country`.
pub async fn list(
    db: &DatabaseConnection,
    query: &str,
    country: Option<&str>,
    page: u64,
) -> AppResult<Page<AgencyRow>> {
    let mut select = agency::Entity::find();
    if !query.trim().is_empty() {
        select = select.filter(
            Expr::expr(Func::lower(Expr::col(agency::Column::Name)))
                .like(LikeExpr::new(crate::server::services::like_pattern(query)).escape('\\')),
        );
    }
    if let Some(code) = country.filter(|c| !c.is_empty()) {
        select = select.filter(agency::Column::CountryCode.eq(code.to_ascii_uppercase()));
    }
    let total = select.clone().count(db).await?;
    let (page, pages) = crate::server::services::paging(page, total);
    let found = select
        .order_by_desc(agency::Column::Active)
        .order_by_asc(agency::Column::CountryCode)
        .order_by_asc(agency::Column::Name)
        .offset((page - 1) * crate::server::services::PAGE_SIZE)
        .limit(crate::server::services::PAGE_SIZE)
        .all(db)
        .await?;
    Ok(Page {
        items: rows(db, found).await?,
        page,
        pages,
        total,
    })
}

/// One agency with its positions.
pub async fn get(db: &DatabaseConnection, id: i64) -> AppResult<AgencyDetail> {
    let a = agency::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let positions = position::Entity::find()
        .filter(position::Column::AgencyId.eq(id))
        .order_by_asc(position::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|p| PositionRow {
            id: p.id,
            agency_id: p.agency_id,
            title: p.title,
        })
        .collect();
    let agency = rows(db, vec![a]).await?.pop().ok_or(AppError::NotFound)?;
    Ok(AgencyDetail { agency, positions })
}

/// Active agencies with their positions, for the person forms.
pub async fn choices(db: &DatabaseConnection) -> AppResult<Vec<AgencyDetail>> {
    let agencies = agency::Entity::find()
        .filter(agency::Column::Active.eq(true))
        .order_by_asc(agency::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i64> = agencies.iter().map(|a| a.id).collect();
    let mut positions: HashMap<i64, Vec<PositionRow>> = HashMap::new();
    for p in position::Entity::find()
        .filter(position::Column::AgencyId.is_in(ids))
        .order_by_asc(position::Column::Title)
        .all(db)
        .await?
    {
        positions.entry(p.agency_id).or_default().push(PositionRow {
            id: p.id,
            agency_id: p.agency_id,
            title: p.title,
        });
    }
    Ok(rows(db, agencies)
        .await?
        .into_iter()
        .map(|agency| AgencyDetail {
            positions: positions.remove(&agency.id).unwrap_or_default(),
            agency,
        })
        .collect())
}
