//! The one error type of the application, shared by server functions and pages.
//!
//! Internal causes (database errors, I/O) are logged once where they are converted and never
//! reach the user: the variants carry only what the user may see.

use crate::i18n::Msg;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with one form field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name.
    pub field: String,
    /// What is wrong with it.
    pub message: Msg,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: &str, message: Msg) -> Self {
        Self {
            field: field.to_owned(),
            message,
        }
    }
}

/// Everything that can go wrong in a request, as the user may learn of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The record does not exist, or the user may not know that it does.
    #[error("not found")]
    NotFound,
    /// The request needs a signed-in user.
    #[error("sign-in required")]
    Unauthorized,
    /// The signed-in user lacks the role or ownership the request needs.
    #[error("forbidden")]
    Forbidden,
    /// The input is invalid; each problem names its field.
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    /// Too many failed attempts; try again later.
    #[error("too many attempts")]
    TooManyRequests,
    /// Something failed on the server; the cause is in the server log.
    #[error("internal error")]
    Internal,
    /// The request itself could not be understood (missing or malformed arguments).
    #[error("bad request: {0}")]
    BadRequest(String),
}

/// The application's result type.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A validation error on a single field.
    pub fn field(field: &str, message: Msg) -> Self {
        AppError::Validation(vec![FieldError::new(field, message)])
    }

    /// The HTTP status this error is reported with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Validation(_) => 422,
            AppError::TooManyRequests => 429,
            AppError::Internal => 500,
            AppError::BadRequest(_) => 400,
        }
    }

    /// The message shown to the user for this error.
    pub fn message(&self) -> Msg {
        match self {
            AppError::NotFound => Msg::ErrNotFound,
            AppError::Unauthorized => Msg::ErrUnauthorized,
            AppError::Forbidden => Msg::ErrForbidden,
            AppError::Validation(errors) => {
                errors.first().map(|e| e.message).unwrap_or(Msg::ErrInvalid)
            }
            AppError::TooManyRequests => Msg::ErrTooManyAttempts,
            AppError::Internal => Msg::ErrInternal,
            AppError::BadRequest(_) => Msg::ErrInvalid,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The parser's own words name types and offsets: not for the caller.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::BadRequest("the request's fields could not be read".to_owned())
            }
            // On the server, a body that is not text (invalid UTF-8).
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest("the request's fields could not be read".to_owned())
            }
            _ => AppError::Internal,
        }
    }
}
