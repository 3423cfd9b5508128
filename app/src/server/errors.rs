//! Conversions from internal errors to [`AppError`]: the one place where causes are logged and
//! turned into what the user may see.

use crate::error::AppError;
use crate::i18n::Msg;
use sea_orm::{DbErr, SqlErr};

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        match err {
            DbErr::RecordNotFound(_) => AppError::NotFound,
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

/// Maps a unique-constraint violation to a validation error on `field`; any other database
/// error goes through the usual conversion.
pub fn unique_as(field: &'static str, message: Msg) -> impl FnOnce(DbErr) -> AppError {
    move |err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::field(field, message),
        _ => err.into(),
    }
}

/// Logs an unexpected failure (a panicked blocking task, an I/O error) and hides it.
pub fn internal(context: &str, err: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %err, "{context}");
    AppError::Internal
}
