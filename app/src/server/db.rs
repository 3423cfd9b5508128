//! Connecting to the database and applying migrations.

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Opens the database at `url` (SQLite, or PostgreSQL: [`connect_postgres`]). SQLite files are created if missing and run in WAL mode with
/// foreign keys enforced and a busy timeout, so readers never block the writer.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if !url.starts_with("sqlite:") {
        return connect_postgres(url).await;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(5));
    if let Some(dir) = sqlite_parent_dir(url) {
        std::fs::create_dir_all(&dir)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
    }
    options
        .max_connections(8)
        .min_connections(1)
        .map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    Database::connect(options).await
}

/// A PostgreSQL pool that never lends a connection still inside a transaction.
///
/// sqlx 0.8 counts a transaction only once `BEGIN` has been answered, so a request cancelled
/// while waiting for that answer (a client that went away) returns its connection to the pool
/// with the server-side transaction open and nothing to roll it back. Every later statement on
/// that connection then ran inside it, uncommitted, holding its row locks: sign-ins hung. So
/// each connection released to the pool is asked whether it is between transactions — in a
/// statement that starts its own transaction `now()` equals `statement_timestamp()` — and
/// closed if not. The check runs as the connection is released, off the request's path. As a second
/// guard the server itself ends a session idle inside a transaction after ten seconds.
async fn connect_postgres(url: &str) -> Result<DatabaseConnection, DbErr> {
    use sea_orm::sqlx::ConnectOptions as _;
    use sea_orm::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
    let refused = |e: sea_orm::sqlx::Error| DbErr::Custom(format!("PostgreSQL: {e}"));
    let connect = url
        .parse::<PgConnectOptions>()
        .map_err(refused)?
        .options([("idle_in_transaction_session_timeout", "10s")])
        .disable_statement_logging();
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        // No ping before each use: a round trip per query saved. A connection the server
        // dropped fails its query once and is replaced.
        .test_before_acquire(false)
        .after_release(|conn, _| {
            Box::pin(async move {
                use sea_orm::sqlx::{Executor as _, Row as _};
                // A bare string goes as a simple query, one message: outside a transaction
                // the statement and its implicit transaction start at the same instant.
                let between_transactions: bool = (&mut *conn)
                    .fetch_one("SELECT now() = statement_timestamp()")
                    .await?
                    .try_get(0)?;
                if !between_transactions {
                    tracing::warn!("closing a pooled connection left inside a transaction");
                }
                Ok(between_transactions)
            })
        })
        .connect_with(connect)
        .await
        .map_err(refused)?;
    Ok(sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(
        pool,
    ))
}

/// Applies every pending migration, then refreshes the shipped reference data.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    super::session::migrate_store(db).await?;
    super::services::people::countries::sync_reference(db).await?;
    super::services::tna::questionnaires::ensure_shipped(db)
        .await
        .map_err(|e| DbErr::Custom(format!("shipped questionnaire: {e}")))?;
    super::services::progress::rollups::ensure_built(db)
        .await
        .map_err(|e| DbErr::Custom(format!("progress roll-ups: {e}")))
}

fn sqlite_parent_dir(url: &str) -> Option<std::path::PathBuf> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    std::path::Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Into::into)
}
