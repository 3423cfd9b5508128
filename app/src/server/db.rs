//! Connecting to the database and applying migrations.

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Opens the database at `url`. SQLite files are created if missing and run in WAL mode with
/// foreign keys enforced and a busy timeout, so readers never block the writer.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(5));
    if url.starts_with("sqlite:") {
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
    } else {
        options
            .max_connections(16)
            .min_connections(1)
            // No ping before each use: a round trip per query saved. A connection the server
            // dropped fails its query once and is replaced.
            .test_before_acquire(false)
            // A request cancelled in the middle of a statement can leave its connection in an
            // open transaction, holding row locks that every later sign-in waits on; the
            // server ends such a session after ten idle seconds instead of never.
            .map_sqlx_postgres_opts(|o| {
                o.options([("idle_in_transaction_session_timeout", "10s")])
            });
    }
    Database::connect(options).await
}

/// Applies every pending migration, then refreshes the shipped reference data.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    super::session::migrate_store(db).await?;
    super::services::countries::sync_reference(db).await?;
    super::services::questionnaires::ensure_shipped(db)
        .await
        .map_err(|e| DbErr::Custom(format!("shipped questionnaire: {e}")))?;
    super::services::rollups::ensure_built(db)
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
