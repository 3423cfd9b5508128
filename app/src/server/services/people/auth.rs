//! Signing in: credential checks, throttled so that guessing is slow and nobody can lock the
//! owner of an account out of it.
//!
//! - Every attempt first reserves its place: it writes a failure row under each of its keys,
//!   then counts the rows in the window. Only attempts whose count stays within the limit go
//!   on to check the password, so concurrent guesses cannot all be checked; a refused attempt
//!   takes its rows back, and a successful one deletes them.
//! - A browser a person has signed in with before carries a device token (cookie). Its
//!   attempts for that person are throttled under the device alone, so wrong passwords sent
//!   from anywhere else, or from others behind the same address (a border post behind NAT),
//!   never lock the owner out of their own browser.
//! - Attempts from any other browser are throttled per account (few tries) and per address
//!   (more, for posts behind one address).

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::server::entities::{login_device, login_failure};
use crate::server::password;
use crate::validate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// Failed attempts on one account from browsers it has not signed in with, within
/// [`WINDOW_MINUTES`], before such attempts are refused.
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
/// Failed attempts from one address within [`WINDOW_MINUTES`] before other attempts from it
/// (on browsers not known to the account) are refused.
pub const MAX_FAILURES_PER_ADDRESS: u64 = 30;
/// Failed attempts from one known browser within [`WINDOW_MINUTES`] before it too waits.
pub const MAX_FAILURES_PER_DEVICE: u64 = 5;
/// The throttling window.
pub const WINDOW_MINUTES: i64 = 15;

/// A successful sign-in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The person.
    pub id: i64,
    /// Their session epoch, stored in the new session.
    pub epoch: i64,
    /// The device token for the browser's cookie (the one it sent, or a new one).
    pub device: String,
}

fn account_key(login: &str) -> String {
    format!("account:{}", login.to_ascii_lowercase())
}

fn address_key(ip: IpAddr) -> String {
    format!("address:{ip}")
}

fn device_key(hash: &str) -> String {
    format!("device:{hash}")
}

/// Hex SHA-256 of a device token: what the database keeps.
fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes one failure row per key and checks that no key is over its limit. Returns the ids
/// written; when a key is over its limit the rows are taken back and the attempt refused.
async fn reserve(db: &DatabaseConnection, keys: &[(String, u64)]) -> AppResult<Vec<i64>> {
    let now = crate::server::services::now();
    let since = now - time::Duration::minutes(WINDOW_MINUTES);
    // Forget what no longer counts, so the table stays small.
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Key.is_in(keys.iter().map(|(k, _)| k.clone())))
        .filter(login_failure::Column::At.lt(since))
        .exec(db)
        .await?;
    let mut ids = Vec::with_capacity(keys.len());
    for (key, _) in keys {
        let row = login_failure::ActiveModel {
            key: Set(key.clone()),
            at: Set(now),
            ..Default::default()
        };
        let inserted = login_failure::Entity::insert(row).exec(db).await?;
        ids.push(inserted.last_insert_id);
    }
    for (key, limit) in keys {
        let n = login_failure::Entity::find()
            .filter(login_failure::Column::Key.eq(key.as_str()))
            .filter(login_failure::Column::At.gt(since))
            .count(db)
            .await?;
        if n > *limit {
            release(db, &ids).await?;
            return Err(AppError::TooManyRequests);
        }
    }
    Ok(ids)
}

async fn release(db: &DatabaseConnection, ids: &[i64]) -> AppResult<()> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Checks `login` and `password`; returns who signed in. Unknown login and wrong password
/// give the same error, in the same time. `device` is the token of the browser's device
/// cookie, if it has one; `client` its address.
pub async fn login(
    db: &DatabaseConnection,
    login: &str,
    password: &str,
    client: Option<IpAddr>,
    device: Option<&str>,
) -> AppResult<SignedIn> {
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
    let found = crate::server::services::people::credentials(db, login).await?;
    let known_device = match (
        device.filter(|d| crate::server::csrf::well_formed(d)),
        &found,
    ) {
        (Some(token), Some(person)) => login_device::Entity::find_by_id(token_hash(token))
            .one(db)
            .await?
            .filter(|d| d.person_id == person.id)
            .map(|d| (token.to_owned(), d.token_hash)),
        _ => None,
    };
    let keys = match (&known_device, client) {
        (Some((_, hash)), _) => vec![(device_key(hash), MAX_FAILURES_PER_DEVICE)],
        (None, Some(ip)) => vec![
            (account_key(login), MAX_FAILURES_PER_ACCOUNT),
            (address_key(ip), MAX_FAILURES_PER_ADDRESS),
        ],
        (None, None) => vec![(account_key(login), MAX_FAILURES_PER_ACCOUNT)],
    };
    let reserved = reserve(db, &keys).await?;
    // Unknown login and wrong password: the same error after the same work; the reserved rows
    // stay as the failure.
    let (person, hash) = match found {
        Some(p) => {
            let hash = p.hash.clone();
            (Some(p), Some(hash))
        }
        None => (None, None),
    };
    let verified = password::verify(password, hash).await?;
    let Some(person) = person.filter(|_| verified) else {
        return Err(AppError::field("login", Msg::ErrBadCredentials));
    };
    release(db, &reserved).await?;
    let own_key = match &known_device {
        Some((_, hash)) => device_key(hash),
        None => account_key(login),
    };
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Key.eq(own_key))
        .exec(db)
        .await?;
    let device = match known_device {
        Some((token, _)) => token,
        None => {
            let token = crate::server::csrf::new_token();
            login_device::Entity::insert(login_device::ActiveModel {
                token_hash: Set(token_hash(&token)),
                person_id: Set(person.id),
                created_at: Set(crate::server::services::now()),
            })
            .exec_without_returning(db)
            .await?;
            token
        }
    };
    Ok(SignedIn {
        id: person.id,
        epoch: person.epoch,
        device,
    })
}

/// Forgets every browser `person` has signed in with (after a password change or reset, a
/// browser that knew the old password is no longer trusted).
pub async fn forget_devices(db: &impl sea_orm::ConnectionTrait, person: i64) -> AppResult<()> {
    login_device::Entity::delete_many()
        .filter(login_device::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}
