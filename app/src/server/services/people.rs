//! People: accounts, their roles, agency and position.

//!
//! Beside people themselves: [`auth`] (sign-in, passwords, throttling), [`agencies`],
//! [`countries`] and [`import`] (people from CSV, all or nothing).

pub mod agencies;
pub mod auth;
pub mod countries;
pub mod import;

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::{Lang, Msg};
use crate::model::{CurrentUser, Page, PersonInput, PersonRow, Role};
use crate::server::entities::{agency, country, person, person_country, person_role, position};
use crate::server::errors::unique_as;
use crate::server::password::{self, HashedPassword};
use crate::validate;
use sea_orm::sea_query::{Expr, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
    TransactionTrait,
};
use std::collections::HashMap;

/// A validated person, ready to store.
#[derive(Debug, Clone)]
pub struct NewPerson {
    /// Normalised login.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Email.
    pub email: Option<String>,
    /// Agency.
    pub agency_id: Option<i64>,
    /// Position (inside the agency).
    pub position_id: Option<i64>,
    /// Roles.
    pub roles: Vec<Role>,
    /// Countries covered (programme managers only).
    pub countries: Vec<String>,
    /// Language.
    pub lang: Lang,
}

/// The signed-in person with id `id` and their session epoch, if the account exists and is
/// active.
pub async fn current_user(
    db: &DatabaseConnection,
    id: i64,
) -> AppResult<Option<(CurrentUser, i64)>> {
    // One round trip on every request: the person's row once per role they hold.
    type Row = (i64, String, String, String, bool, i64, Option<Role>);
    let rows: Vec<Row> = person::Entity::find()
        .select_only()
        .columns([
            person::Column::Id,
            person::Column::Login,
            person::Column::DisplayName,
            person::Column::Language,
            person::Column::MustChangePassword,
            person::Column::SessionEpoch,
        ])
        .column(person_role::Column::Role)
        .join(JoinType::LeftJoin, person::Relation::Role.def())
        .filter(person::Column::Id.eq(id))
        .filter(person::Column::Active.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    let Some((id, login, display_name, language, must_change_password, epoch, _)) =
        rows.first().cloned()
    else {
        return Ok(None);
    };
    let mut roles: Vec<Role> = rows.iter().filter_map(|r| r.6).collect();
    roles.sort();
    let user = CurrentUser {
        id,
        login,
        display_name,
        roles,
        lang: Lang::from_tag(&language).unwrap_or_default(),
        must_change_password,
    };
    Ok(Some((user, epoch)))
}

/// What signing in needs to know of an account.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The person.
    pub id: i64,
    /// Their password hash.
    pub hash: HashedPassword,
    /// Their session epoch.
    pub epoch: i64,
}

/// The stored credentials for `login` (any case), if such an active account exists.
pub async fn credentials(db: &DatabaseConnection, login: &str) -> AppResult<Option<Credentials>> {
    let found = person::Entity::find()
        .filter(person::Column::Login.eq(login.to_ascii_lowercase()))
        .filter(person::Column::Active.eq(true))
        .one(db)
        .await?;
    Ok(found.map(|p| Credentials {
        id: p.id,
        hash: HashedPassword::from_stored(p.password_hash),
        epoch: p.session_epoch,
    }))
}

async fn roles_of(db: &impl ConnectionTrait, ids: &[i64]) -> AppResult<HashMap<i64, Vec<Role>>> {
    let mut out: HashMap<i64, Vec<Role>> = HashMap::new();
    for r in person_role::Entity::find()
        .filter(person_role::Column::PersonId.is_in(ids.to_vec()))
        .all(db)
        .await?
    {
        out.entry(r.person_id).or_default().push(r.role);
    }
    for roles in out.values_mut() {
        roles.sort();
    }
    Ok(out)
}

/// The countries each of `ids` covers.
pub async fn countries_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<String>>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for r in person_country::Entity::find()
        .filter(person_country::Column::PersonId.is_in(ids.to_vec()))
        .order_by_asc(person_country::Column::CountryCode)
        .all(db)
        .await?
    {
        out.entry(r.person_id).or_default().push(r.country_code);
    }
    Ok(out)
}

/// Reads the covered-countries field: ISO codes separated by commas or spaces, each known.
async fn parse_countries(db: &DatabaseConnection, raw: &str) -> Result<Vec<String>, FieldError> {
    let mut codes: Vec<String> = raw
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty())
        .collect();
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        return Ok(codes);
    }
    let known = country::Entity::find()
        .filter(country::Column::Code.is_in(codes.clone()))
        .count(db)
        .await
        .map_err(|_| FieldError::new("countries", Msg::ErrInternal))?;
    if known as usize != codes.len() || codes.len() > 300 {
        return Err(FieldError::new("countries", Msg::ErrUnknownCountryCode));
    }
    Ok(codes)
}

async fn to_rows(db: &DatabaseConnection, people: Vec<person::Model>) -> AppResult<Vec<PersonRow>> {
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let agency_ids: Vec<i64> = people.iter().filter_map(|p| p.agency_id).collect();
    let position_ids: Vec<i64> = people.iter().filter_map(|p| p.position_id).collect();
    let agencies: HashMap<i64, String> = agency::Entity::find()
        .filter(agency::Column::Id.is_in(agency_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let positions: HashMap<i64, String> = position::Entity::find()
        .filter(position::Column::Id.is_in(position_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let mut roles = roles_of(db, &ids).await?;
    let mut countries = countries_of(db, &ids).await?;
    Ok(people
        .into_iter()
        .map(|p| PersonRow {
            agency: p
                .agency_id
                .and_then(|id| agencies.get(&id).map(|n| (id, n.clone()))),
            position: p
                .position_id
                .and_then(|id| positions.get(&id).map(|t| (id, t.clone()))),
            roles: roles.remove(&p.id).unwrap_or_default(),
            countries: countries.remove(&p.id).unwrap_or_default(),
            lang: Lang::from_tag(&p.language).unwrap_or_default(),
            id: p.id,
            login: p.login,
            display_name: p.display_name,
            email: p.email,
            active: p.active,
        })
        .collect())
}

/// One page of people whose login, name or email matches `query`, optionally in one agency.
pub async fn list(
    db: &DatabaseConnection,
    query: &str,
    agency: Option<i64>,
    page: u64,
) -> AppResult<Page<PersonRow>> {
    let mut select = person::Entity::find();
    if !query.trim().is_empty() {
        let pattern = crate::server::services::like_pattern(query);
        let like = |c: person::Column| {
            Expr::expr(Func::lower(Expr::col(c))).like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        select = select.filter(
            Condition::any()
                .add(like(person::Column::Login))
                .add(like(person::Column::DisplayName))
                .add(like(person::Column::Email)),
        );
    }
    if let Some(agency) = agency {
        select = select.filter(person::Column::AgencyId.eq(agency));
    }
    let total = select.clone().count(db).await?;
    let (page, pages) = crate::server::services::paging(page, total);
    let found = select
        .order_by_desc(person::Column::Active)
        .order_by_asc(person::Column::DisplayName)
        .offset((page - 1) * crate::server::services::PAGE_SIZE)
        .limit(crate::server::services::PAGE_SIZE)
        .all(db)
        .await?;
    Ok(Page {
        items: to_rows(db, found).await?,
        page,
        pages,
        total,
    })
}

/// One person.
pub async fn get(db: &DatabaseConnection, id: i64) -> AppResult<PersonRow> {
    let p = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    to_rows(db, vec![p]).await?.pop().ok_or(AppError::NotFound)
}

/// Resolves an agency id and a position id that must belong to it; `field` names are those of
/// the person form.
pub async fn resolve_placement(
    db: &impl ConnectionTrait,
    agency: Option<i64>,
    position: Option<i64>,
) -> Result<(Option<i64>, Option<i64>), FieldError> {
    let agency_row = match agency {
        Some(id) => match agency::Entity::find_by_id(id).one(db).await {
            Ok(Some(a)) => Some(a),
            Ok(None) => return Err(FieldError::new("agency", Msg::ErrUnknownAgency)),
            Err(e) => {
                tracing::error!(error = %e, "database error");
                return Err(FieldError::new("agency", Msg::ErrInternal));
            }
        },
        None => None,
    };
    let position_id = match (position, &agency_row) {
        (None, _) => None,
        (Some(_), None) => return Err(FieldError::new("position", Msg::ErrUnknownPosition)),
        (Some(pid), Some(a)) => match position::Entity::find_by_id(pid).one(db).await {
            Ok(Some(p)) if p.agency_id == a.id => Some(p.id),
            Ok(_) => return Err(FieldError::new("position", Msg::ErrUnknownPosition)),
            Err(e) => {
                tracing::error!(error = %e, "database error");
                return Err(FieldError::new("position", Msg::ErrInternal));
            }
        },
    };
    Ok((agency_row.map(|a| a.id), position_id))
}

fn parse_id(raw: &str, field: &str, unknown: Msg, errors: &mut Vec<FieldError>) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i64>() {
        Ok(id) => Some(id),
        Err(_) => {
            errors.push(FieldError::new(field, unknown));
            None
        }
    }
}

/// Validates the person form. `creating` also checks login and initial password.
async fn validate_input(
    db: &DatabaseConnection,
    input: &PersonInput,
    creating: bool,
) -> AppResult<NewPerson> {
    let mut errors = Vec::new();
    let login = if creating {
        validate::login(&input.login)
            .map_err(|m| errors.push(FieldError::new("login", m)))
            .ok()
    } else {
        Some(String::new())
    };
    let display_name = validate::name(&input.display_name)
        .map_err(|m| errors.push(FieldError::new("display_name", m)))
        .ok();
    let email = validate::email(&input.email)
        .map_err(|m| errors.push(FieldError::new("email", m)))
        .ok();
    let lang = validate::language(&input.language)
        .map_err(|m| errors.push(FieldError::new("language", m)))
        .ok();
    let roles = input.roles();
    if roles.is_empty() {
        errors.push(FieldError::new("roles", Msg::ErrRoleRequired));
    }
    if creating && let Err(m) = validate::new_password(&input.password) {
        errors.push(FieldError::new("password", m));
    }
    let agency = parse_id(&input.agency, "agency", Msg::ErrUnknownAgency, &mut errors);
    let position = parse_id(
        &input.position,
        "position",
        Msg::ErrUnknownPosition,
        &mut errors,
    );
    let placement = match resolve_placement(db, agency, position).await {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let countries = match parse_countries(db, &input.countries).await {
        Ok(c) if roles.contains(&Role::Manager) => {
            if c.is_empty() {
                errors.push(FieldError::new("countries", Msg::ErrManagerCountries));
            }
            c
        }
        Ok(_) => Vec::new(),
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    if roles.contains(&Role::FocalPoint) && placement.is_some_and(|p| p.0.is_none()) {
        errors.push(FieldError::new("agency", Msg::ErrFocalPointAgency));
    }
    match (login, display_name, email, lang, placement) {
        (
            Some(login),
            Some(display_name),
            Some(email),
            Some(lang),
            Some((agency_id, position_id)),
        ) if errors.is_empty() => Ok(NewPerson {
            login,
            display_name,
            email,
            agency_id,
            position_id,
            roles,
            countries,
            lang,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Stores a validated person with `hash` inside `db` (a connection or a transaction).
pub async fn insert(
    db: &impl ConnectionTrait,
    p: &NewPerson,
    hash: &HashedPassword,
    must_change_password: bool,
) -> AppResult<i64> {
    let now = crate::server::services::now();
    let row = person::ActiveModel {
        login: Set(p.login.clone()),
        display_name: Set(p.display_name.clone()),
        email: Set(p.email.clone()),
        password_hash: Set(hash.as_str().to_owned()),
        agency_id: Set(p.agency_id),
        position_id: Set(p.position_id),
        active: Set(true),
        language: Set(p.lang.code().to_owned()),
        must_change_password: Set(must_change_password),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(unique_as("login", Msg::ErrLoginTaken))?;
    set_roles(db, row.id, &p.roles).await?;
    set_countries(db, row.id, &p.countries).await?;
    Ok(row.id)
}

async fn set_countries(db: &impl ConnectionTrait, id: i64, codes: &[String]) -> AppResult<()> {
    person_country::Entity::delete_many()
        .filter(person_country::Column::PersonId.eq(id))
        .exec(db)
        .await?;
    if !codes.is_empty() {
        person_country::Entity::insert_many(codes.iter().map(|c| person_country::ActiveModel {
            person_id: Set(id),
            country_code: Set(c.clone()),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

async fn set_roles(db: &impl ConnectionTrait, id: i64, roles: &[Role]) -> AppResult<()> {
    person_role::Entity::delete_many()
        .filter(person_role::Column::PersonId.eq(id))
        .exec(db)
        .await?;
    if !roles.is_empty() {
        person_role::Entity::insert_many(roles.iter().map(|r| person_role::ActiveModel {
            person_id: Set(id),
            role: Set(*r),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Creates a person from the admin form. They must change the initial password at first
/// sign-in.
pub async fn create(db: &DatabaseConnection, input: &PersonInput) -> AppResult<i64> {
    let p = validate_input(db, input, true).await?;
    let hash = password::hash(&input.password).await?;
    let txn = db.begin().await?;
    let id = insert(&txn, &p, &hash, true).await?;
    txn.commit().await?;
    Ok(id)
}

/// Creates a person from the command line with a password they keep.
pub async fn create_direct(
    db: &DatabaseConnection,
    p: &NewPerson,
    password: &str,
) -> AppResult<i64> {
    validate::new_password(password).map_err(|m| AppError::field("password", m))?;
    let hash = password::hash(password).await?;
    let txn = db.begin().await?;
    let id = insert(&txn, p, &hash, false).await?;
    txn.commit().await?;
    Ok(id)
}

/// Edits a person. An administrator cannot remove their own admin role (so an installation
/// always keeps one administrator who can act).
pub async fn update(
    db: &DatabaseConnection,
    acting: &CurrentUser,
    id: i64,
    input: &PersonInput,
) -> AppResult<()> {
    let existing = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = validate_input(db, input, false).await?;
    if acting.id == id && !p.roles.contains(&Role::Admin) {
        return Err(AppError::field("roles", Msg::ErrSelfDeactivate));
    }
    let txn = db.begin().await?;
    let mut row: person::ActiveModel = existing.into();
    row.display_name = Set(p.display_name);
    row.email = Set(p.email);
    row.agency_id = Set(p.agency_id);
    row.position_id = Set(p.position_id);
    row.language = Set(p.lang.code().to_owned());
    row.updated_at = Set(crate::server::services::now());
    row.update(&txn).await?;
    set_roles(&txn, id, &p.roles).await?;
    set_countries(&txn, id, &p.countries).await?;
    txn.commit().await?;
    Ok(())
}

/// Activates or deactivates an account; a deactivated person is signed out at their next
/// request. Nobody can deactivate themselves.
pub async fn set_active(
    db: &DatabaseConnection,
    acting: &CurrentUser,
    id: i64,
    active: bool,
) -> AppResult<()> {
    if acting.id == id && !active {
        return Err(AppError::field("active", Msg::ErrSelfDeactivate));
    }
    let existing = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut row: person::ActiveModel = existing.into();
    row.active = Set(active);
    row.updated_at = Set(crate::server::services::now());
    row.update(db).await?;
    Ok(())
}

/// Sets a new password chosen by an administrator; the person must change it at next sign-in,
/// and every session they have open ends.
pub async fn reset_password(db: &DatabaseConnection, id: i64, new_password: &str) -> AppResult<()> {
    let existing = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    validate::new_password(new_password).map_err(|m| AppError::field("password", m))?;
    let hash = password::hash(new_password).await?;
    let existing_epoch = existing.session_epoch;
    let mut row: person::ActiveModel = existing.into();
    row.password_hash = Set(hash.as_str().to_owned());
    row.must_change_password = Set(true);
    row.session_epoch = Set(existing_epoch + 1);
    row.updated_at = Set(crate::server::services::now());
    row.update(db).await?;
    crate::server::services::people::auth::forget_devices(db, id).await?;
    Ok(())
}

/// Changes the signed-in person's own password after checking the current one. Returns the
/// person's new session epoch: every session signed in before has ended, and the caller keeps
/// its own by taking the new number.
pub async fn change_own_password(
    db: &DatabaseConnection,
    id: i64,
    current: &str,
    new: &str,
    confirm: &str,
) -> AppResult<i64> {
    let existing = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if current.len() > validate::PASSWORD_MAX
        || !password::verify(
            current,
            Some(HashedPassword::from_stored(existing.password_hash.clone())),
        )
        .await?
    {
        return Err(AppError::field("current", Msg::ErrWrongPassword));
    }
    validate::new_password(new).map_err(|m| AppError::field("new", m))?;
    if new != confirm {
        return Err(AppError::field("confirm", Msg::ErrPasswordMismatch));
    }
    let hash = password::hash(new).await?;
    let epoch = existing.session_epoch + 1;
    let mut row: person::ActiveModel = existing.into();
    row.password_hash = Set(hash.as_str().to_owned());
    row.must_change_password = Set(false);
    row.session_epoch = Set(epoch);
    row.updated_at = Set(crate::server::services::now());
    row.update(db).await?;
    crate::server::services::people::auth::forget_devices(db, id).await?;
    Ok(epoch)
}

/// Stores the person's preferred language.
pub async fn set_language(db: &DatabaseConnection, id: i64, lang: Lang) -> AppResult<()> {
    let existing = person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut row: person::ActiveModel = existing.into();
    row.language = Set(lang.code().to_owned());
    row.update(db).await?;
    Ok(())
}

/// Ids of the people with these logins (lower-case), for duplicate checks.
pub async fn existing_logins(
    db: &impl ConnectionTrait,
    logins: Vec<String>,
) -> AppResult<Vec<String>> {
    let mut out = Vec::new();
    for chunk in logins.chunks(500) {
        out.extend(
            person::Entity::find()
                .select_only()
                .column(person::Column::Login)
                .filter(person::Column::Login.is_in(chunk.to_vec()))
                .into_tuple::<String>()
                .all(db)
                .await?,
        );
    }
    Ok(out)
}
