//! Extractors for plain routes, and the one conversion of an [`AppError`] into a response.
//!
//! - [`Path`] reads path parameters like axum's, but a malformed one (`/attempts/abc`) is a
//!   plain 400 page, never the parser's words.
//! - [`CurrentUser`] is the signed-in person (computed once by the request middleware);
//!   anonymous requests are sent to sign in, returning afterwards.
//! - [`Require`] adds a role policy ([`Author`], [`Analyst`], [`Admin`]): anyone else gets 403.
//! - `impl IntoResponse for AppError`: the error page with its status, in the request's
//!   language, so handlers return `Result<Response, AppError>` and use `?`.

use super::{has_session_cookie, message_page};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{CurrentUser, Role};
use crate::server::request::{RequestCtx, login_url};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::marker::PhantomData;

tokio::task_local! {
    /// The language of the request being answered, for error pages built from an
    /// [`AppError`] alone.
    pub static REQUEST_LANG: Lang;
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let lang = REQUEST_LANG.try_with(|l| *l).unwrap_or_default();
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        message_page(status, self.message(), lang)
    }
}

/// Path parameters; a malformed one is a plain 400.
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => {
                tracing::debug!(error = %rejection, "malformed path parameter");
                Err(AppError::BadRequest(String::new()).into_response())
            }
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        let user = parts
            .extensions
            .get::<RequestCtx>()
            .and_then(|ctx| ctx.user.clone());
        user.ok_or_else(|| {
            let back = parts
                .uri
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_owned();
            (
                StatusCode::SEE_OTHER,
                [(
                    header::LOCATION,
                    login_url(&back, has_session_cookie(&parts.headers)),
                )],
            )
                .into_response()
        })
    }
}

/// Who may use a route, beyond being signed in.
pub trait Policy {
    /// Whether `user` may.
    fn allows(user: &CurrentUser) -> bool;
}

/// Trainers and administrators: course authoring.
pub struct Author;
/// Needs analysts and administrators.
pub struct Analyst;
/// Administrators.
pub struct Admin;

impl Policy for Author {
    fn allows(user: &CurrentUser) -> bool {
        crate::server::services::courses::can_author(user)
    }
}

impl Policy for Analyst {
    fn allows(user: &CurrentUser) -> bool {
        user.has(Role::Analyst) || user.has(Role::Admin)
    }
}

impl Policy for Admin {
    fn allows(user: &CurrentUser) -> bool {
        user.has(Role::Admin)
    }
}

/// The signed-in person, allowed by policy `P`; anyone else signed in gets 403.
pub struct Require<P>(pub CurrentUser, pub PhantomData<P>);

impl<P: Policy, S: Send + Sync> FromRequestParts<S> for Require<P> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if P::allows(&user) {
            Ok(Require(user, PhantomData))
        } else {
            Err(AppError::Forbidden.into_response())
        }
    }
}
