//! Online backups: a consistent copy of the whole database, taken while the server runs.
//!
//! SQLite: `VACUUM INTO`, which reads one snapshot of the database in a single transaction and
//! writes a compact copy — writers carry on meanwhile, and the copy is a complete database file
//! (no `-wal` to go with it). PostgreSQL: `pg_dump` in its custom format, when it is installed.
//! Restoring is described in `docs/backup.md`.

use crate::error::{AppError, AppResult};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::path::Path;

/// Why a backup could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The target exists: a backup never overwrites a file.
    #[error("{0} already exists; choose a new file name")]
    Exists(String),
    /// The folder of the target does not exist.
    #[error("the folder of {0} does not exist")]
    NoFolder(String),
    /// `pg_dump` is not installed (PostgreSQL).
    #[error(
        "pg_dump was not found: install the PostgreSQL client tools (Debian: postgresql-client)"
    )]
    NoPgDump,
    /// The database refused.
    #[error("{0}")]
    Failed(String),
}

/// Writes a consistent copy of the database to `target` (which must not exist) while it is in
/// use; returns the size of the copy in bytes.
pub async fn backup(db: &DatabaseConnection, url: &str, target: &Path) -> Result<u64, BackupError> {
    let shown = target.display().to_string();
    if target.exists() {
        return Err(BackupError::Exists(shown));
    }
    if let Some(parent) = target.parent()
        && !parent.as_os_str().is_empty()
        && !parent.is_dir()
    {
        return Err(BackupError::NoFolder(shown));
    }
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            db.execute(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "VACUUM INTO ?",
                [target.to_string_lossy().into_owned().into()],
            ))
            .await
            .map_err(|e| BackupError::Failed(e.to_string()))?;
        }
        _ => {
            let status = std::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--no-owner")
                .arg("--file")
                .arg(target)
                .arg(url)
                .status()
                .map_err(|_| BackupError::NoPgDump)?;
            if !status.success() {
                return Err(BackupError::Failed(format!("pg_dump failed ({status})")));
            }
        }
    }
    std::fs::metadata(target)
        .map(|m| m.len())
        .map_err(|e| BackupError::Failed(e.to_string()))
}

/// Checks that the SQLite file `path` is a whole, sound Checkpoint database.
pub async fn verify_sqlite(path: &Path) -> AppResult<()> {
    let url = format!("sqlite://{}?mode=ro", path.display());
    let db = sea_orm::Database::connect(&url)
        .await
        .map_err(|e| super::super::errors::internal("open backup", e))?;
    let row = db
        .query_one(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?
        .ok_or(AppError::Internal)?;
    let verdict: String = row.try_get_by_index(0)?;
    if verdict != "ok" {
        return Err(AppError::BadRequest(format!("integrity check: {verdict}")));
    }
    Ok(())
}
