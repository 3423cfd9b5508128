//! Countries: the shipped ISO 3166-1 list, browsed by administrators.

use crate::error::AppResult;
use crate::model::{CountryRow, Page};
use crate::server::entities::{agency, country};
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// Inserts or refreshes every shipped country (idempotent).
pub async fn sync_reference(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let rows: Vec<country::ActiveModel> = content::countries()
        .into_iter()
        .map(|c| country::ActiveModel {
            code: Set(c.alpha3),
            alpha2: Set(c.alpha2),
            name_en: Set(c.name_en),
            name_fr: Set(c.name_fr),
            name_es: Set(c.name_es),
            name_ar: Set(c.name_ar),
            fictional: Set(false),
        })
        .collect();
    country::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(country::Column::Code)
                .update_columns([
                    country::Column::Alpha2,
                    country::Column::NameEn,
                    country::Column::NameFr,
                    country::Column::NameEs,
                    country::Column::NameAr,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Adds a fictional country (Utopia) if missing.
pub async fn ensure_fictional(db: &impl ConnectionTrait, c: content::Country) -> Result<(), DbErr> {
    country::Entity::insert(country::ActiveModel {
        code: Set(c.alpha3),
        alpha2: Set(c.alpha2),
        name_en: Set(c.name_en),
        name_fr: Set(c.name_fr),
        name_es: Set(c.name_es),
        name_ar: Set(c.name_ar),
        fictional: Set(true),
    })
    .on_conflict(
        OnConflict::column(country::Column::Code)
            .update_columns([
                country::Column::NameEn,
                country::Column::NameFr,
                country::Column::NameEs,
                country::Column::NameAr,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct CountByCountry {
    country_code: String,
    n: i64,
}

/// One page of countries matching `query` (code or English/French name).
pub async fn list(db: &DatabaseConnection, query: &str, page: u64) -> AppResult<Page<CountryRow>> {
    let mut select = country::Entity::find();
    if !query.trim().is_empty() {
        let pattern = crate::server::services::like_pattern(query);
        let like = |col: country::Column| {
            Expr::expr(Func::lower(Expr::col(col)))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        select = select.filter(
            Condition::any()
                .add(like(country::Column::Code))
                .add(like(country::Column::NameEn))
                .add(like(country::Column::NameFr)),
        );
    }
    let total = select.clone().count(db).await?;
    let (page, pages) = crate::server::services::paging(page, total);
    let rows = select
        .order_by_asc(country::Column::NameEn)
        .offset((page - 1) * crate::server::services::PAGE_SIZE)
        .limit(crate::server::services::PAGE_SIZE)
        .all(db)
        .await?;
    let codes: Vec<String> = rows.iter().map(|c| c.code.clone()).collect();
    let counts: HashMap<String, i64> = agency::Entity::find()
        .select_only()
        .column(agency::Column::CountryCode)
        .column_as(agency::Column::Id.count(), "n")
        .filter(agency::Column::CountryCode.is_in(codes))
        .group_by(agency::Column::CountryCode)
        .into_model::<CountByCountry>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.country_code, c.n))
        .collect();
    let items = rows
        .into_iter()
        .map(|c| CountryRow {
            agencies: counts.get(&c.code).copied().unwrap_or(0) as u64,
            code: c.code,
            alpha2: c.alpha2,
            name_en: c.name_en,
            name_fr: c.name_fr,
            name_es: c.name_es,
            name_ar: c.name_ar,
            fictional: c.fictional,
        })
        .collect();
    Ok(Page {
        items,
        page,
        pages,
        total,
    })
}

/// Every country, for pickers, sorted by English name.
pub async fn all(db: &DatabaseConnection) -> AppResult<Vec<CountryRow>> {
    let rows = country::Entity::find()
        .order_by_asc(country::Column::NameEn)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| CountryRow {
            code: c.code,
            alpha2: c.alpha2,
            name_en: c.name_en,
            name_fr: c.name_fr,
            name_es: c.name_es,
            name_ar: c.name_ar,
            fictional: c.fictional,
            agencies: 0,
        })
        .collect())
}

/// Whether `code` is a known country.
pub async fn exists(db: &impl ConnectionTrait, code: &str) -> AppResult<bool> {
    Ok(country::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .is_some())
}
