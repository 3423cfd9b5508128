//! Signing in: credential checks with throttling per account and per client address.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::server::entities::login_failure;
use crate::server::password;
use crate::validate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::net::IpAddr;

/// Failed attempts on one account within [`WINDOW_MINUTES`] before it is throttled.
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
/// Failed attempts from one address within [`WINDOW_MINUTES`] before it is throttled.
pub const MAX_FAILURES_PER_ADDRESS: u64 = 30;
/// The throttling window.
pub const WINDOW_MINUTES: i64 = 15;

fn account_key(login: &str) -> String {
    format!("account:{}", login.to_ascii_lowercase())
}

fn address_key(ip: IpAddr) -> String {
    format!("address:{ip}")
}

async fn recent_failures(db: &DatabaseConnection, key: &str) -> AppResult<u64> {
    let since = super::now() - time::Duration::minutes(WINDOW_MINUTES);
    Ok(login_failure::Entity::find()
        .filter(login_failure::Column::Key.eq(key))
        .filter(login_failure::Column::At.gt(since))
        .count(db)
        .await?)
}

async fn record_failure(db: &DatabaseConnection, key: String) -> AppResult<()> {
    let now = super::now();
    // Forget what no longer counts, so the table stays small.
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Key.eq(key.clone()))
        .filter(login_failure::Column::At.lt(now - time::Duration::minutes(WINDOW_MINUTES)))
        .exec(db)
        .await?;
    login_failure::Entity::insert(login_failure::ActiveModel {
        key: Set(key),
        at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Checks `login` and `password`; returns the person's id. Unknown login and wrong password
/// give the same error, in the same time. Too many recent failures for the account or the
/// address give [`AppError::TooManyRequests`] without checking the password.
pub async fn login(
    db: &DatabaseConnection,
    login: &str,
    password: &str,
    client: Option<IpAddr>,
) -> AppResult<i64> {
    let login = login.trim();
    if login.is_empty() {
        return Err(AppError::field("login", Msg::ErrRequired));
    }
    if login.len() > validate::LOGIN_MAX {
        return Err(AppError::field("login", Msg::ErrTooLong));
    }
    if password.is_empty() {
        return Err(AppError::field("password", Msg::ErrRequired));
    }
    if password.len() > validate::PASSWORD_MAX {
        return Err(AppError::field("password", Msg::ErrTooLong));
    }
    let account = account_key(login);
    if recent_failures(db, &account).await? >= MAX_FAILURES_PER_ACCOUNT {
        return Err(AppError::TooManyRequests);
    }
    if let Some(ip) = client
        && recent_failures(db, &address_key(ip)).await? >= MAX_FAILURES_PER_ADDRESS
    {
        return Err(AppError::TooManyRequests);
    }
    let found = super::people::credentials(db, login).await?;
    let (id, hash) = match found {
        Some((id, hash)) => (Some(id), Some(hash)),
        None => (None, None),
    };
    if password::verify(password, hash).await?
        && let Some(id) = id
    {
        login_failure::Entity::delete_many()
            .filter(login_failure::Column::Key.eq(account))
            .exec(db)
            .await?;
        return Ok(id);
    }
    record_failure(db, account).await?;
    if let Some(ip) = client {
        record_failure(db, address_key(ip)).await?;
    }
    Err(AppError::field("login", Msg::ErrBadCredentials))
}
