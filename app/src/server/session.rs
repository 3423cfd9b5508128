//! Sessions: tower-sessions with its store in the application's own database.
//!
//! A session holds only the signed-in person's id and when the session was last refreshed. It
//! is written when it changes (sign-in, sign-out, language) and refreshed at most once every
//! [`REFRESH_EVERY_SECS`] seconds of activity, so a plain page view costs one indexed read and
//! no write while inactivity expiry still works.

use super::config::Config;
use async_trait::async_trait;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr};
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, Session, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// Name of the session cookie.
pub const COOKIE: &str = "checkpoint_session";
/// Session key: the signed-in person's id.
pub const USER_ID: &str = "uid";
/// Session key: the person's session epoch at sign-in (see `people.session_epoch`).
pub const EPOCH: &str = "ep";
/// Name of the cookie carrying the browser's device token (see `services::people::auth`).
pub const DEVICE_COOKIE: &str = "checkpoint_device";
/// Session key: Unix time of the last refresh.
pub const REFRESHED: &str = "seen";
/// Refresh the session (and so its expiry) at most this often.
pub const REFRESH_EVERY_SECS: i64 = 300;

/// The session store for whichever database the app runs on.
#[derive(Debug, Clone)]
pub enum Store {
    /// SQLite table `tower_sessions`.
    Sqlite(SqliteStore),
    /// PostgreSQL table `tower_sessions.session`.
    Postgres(PostgresStore),
}

impl Store {
    /// The store over `db`'s own connection pool (one pool for everything).
    pub fn for_db(db: &DatabaseConnection) -> Self {
        match db.get_database_backend() {
            DbBackend::Postgres => Store::Postgres(PostgresStore::new(
                db.get_postgres_connection_pool().clone(),
            )),
            _ => Store::Sqlite(SqliteStore::new(db.get_sqlite_connection_pool().clone())),
        }
    }

    /// Deletes expired sessions every `period`, until the task is aborted at shutdown.
    pub async fn delete_expired_every(self, period: std::time::Duration) {
        let mut interval = tokio::time::interval(period);
        loop {
            interval.tick().await;
            if let Err(e) = self.delete_expired().await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
        }
    }
}

/// Creates the session table if missing.
pub async fn migrate_store(db: &DatabaseConnection) -> Result<(), DbErr> {
    let result = match Store::for_db(db) {
        Store::Sqlite(s) => s.migrate().await,
        Store::Postgres(s) => s.migrate().await,
    };
    result.map_err(|e| DbErr::Custom(format!("session store migration failed: {e}")))
}

/// The session layer: HttpOnly cookie, SameSite=Lax, `Secure` when configured, expiring after
/// `session_minutes` of inactivity.
pub fn layer(db: &DatabaseConnection, config: &Config) -> SessionManagerLayer<Store> {
    SessionManagerLayer::new(Store::for_db(db))
        .with_name(COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            config.session_minutes,
        )))
}

/// Marks the session as active now if it was last refreshed long enough ago; this extends its
/// expiry (store and cookie) without writing on every request.
pub async fn refresh_if_stale(session: &Session) -> Result<(), session_store::Error> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let last: Option<i64> = session.get(REFRESHED).await.map_err(to_store_error)?;
    if last.is_none_or(|t| now - t >= REFRESH_EVERY_SECS) {
        session
            .insert(REFRESHED, now)
            .await
            .map_err(to_store_error)?;
    }
    Ok(())
}

fn to_store_error(e: tower_sessions::session::Error) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.create(record).await,
            Store::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.save(record).await,
            Store::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite(s) => s.load(id).await,
            Store::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete(id).await,
            Store::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete_expired().await,
            Store::Postgres(s) => s.delete_expired().await,
        }
    }
}
