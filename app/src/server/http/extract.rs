//! Extractors for plain routes, and the one conversion of an [`AppError`] into a response.
//!
//! - [`Path`] reads path parameters like axum's, but a malformed one (`/attempts/abc`) is a
//!   plain 400 page, never the parser's words.
//! - [`Query`] likewise for query strings.
//! - [`CurrentUser`] is the signed-in person (computed once by the request middleware);
//!   anonymous requests are sent to sign in, returning afterwards.
//! - [`Require`] adds a role policy ([`Author`], [`Analyst`], [`Admin`]): anyone else gets 403.
//! - [`Form`] is the URL-encoded fields of a plain form post (repeated names kept), and
//!   [`Upload`] the parts of a multipart one; both bounded, a body over the limit is 413 and an
//!   unreadable one 422. Their CSRF field was already checked by the security middleware.
//! - `impl IntoResponse for AppError`: the error page with its status, in the request's
//!   language, so handlers return `Result<Response, AppError>` and use `?`.

use super::{FORM_LIMIT, has_session_cookie, message_page};
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::model::{CurrentUser, Role};
use crate::server::request::{RequestCtx, login_url, referer_path};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Multipart, OptionalFromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::marker::PhantomData;

tokio::task_local! {
    /// The language of the request being answered, for error pages built from an
    /// [`AppError`] alone.
    pub static REQUEST_LANG: Lang;
}

/// The language of the request being answered (English outside a request).
pub(crate) fn request_lang() -> Lang {
    REQUEST_LANG.try_with(|l| *l).unwrap_or_default()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        message_page(status, self.message(), request_lang())
    }
}

/// A refusal of the request's body: `status` with `message`, in the request's language.
pub fn refusal(status: StatusCode, message: Msg) -> Response {
    message_page(status, message, request_lang())
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
        match <axum::extract::Path<T> as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
        {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => Err(malformed("path parameter", rejection)),
        }
    }
}

/// The plain 400 for a malformed `what`; the parser's words go to the debug log only.
fn malformed(what: &str, rejection: impl std::fmt::Display) -> Response {
    tracing::debug!(error = %rejection, "malformed {what}");
    AppError::BadRequest(String::new()).into_response()
}

/// A query string; a malformed one is a plain 400.
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        match <axum::extract::Query<T> as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
        {
            Ok(axum::extract::Query(value)) => Ok(Query(value)),
            Err(rejection) => Err(malformed("query string", rejection)),
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
            // Back to this page after signing in; for a form post, to the page the form was on.
            let here = || {
                parts
                    .uri
                    .path_and_query()
                    .map_or("/", |p| p.as_str())
                    .to_owned()
            };
            let back = if parts.method == Method::GET {
                here()
            } else {
                referer_path(parts)
                    .map(|p| crate::server::request::strip_feedback(&p))
                    .unwrap_or_else(here)
            };
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

/// The signed-in person if any, for routes that answer anonymous requests themselves.
impl<S: Send + Sync> OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<RequestCtx>()
            .and_then(|ctx| ctx.user.clone()))
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
        crate::server::services::learn::courses::can_author(user)
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
        let user = <CurrentUser as FromRequestParts<S>>::from_request_parts(parts, state).await?;
        if P::allows(&user) {
            Ok(Require(user, PhantomData))
        } else {
            Err(AppError::Forbidden.into_response())
        }
    }
}

/// The URL-encoded fields of a plain form post, in order, repeated names kept (checkbox lists,
/// builder rows). Over [`FORM_LIMIT`] is 413.
pub struct Form(pub Vec<(String, String)>);

impl Form {
    /// The first value of `name`, or `""`.
    pub fn get(&self, name: &str) -> &str {
        crate::server::services::tna::questionnaires::field(&self.0, name)
    }

    /// Every value of the repeated field `name`, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl<S: Send + Sync> FromRequest<S> for Form {
    type Rejection = Response;

    async fn from_request(req: Request, _: &S) -> Result<Self, Response> {
        let bytes = form_body(req).await?;
        Ok(Form(
            form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        ))
    }
}

/// The body of a plain form post, at most [`FORM_LIMIT`] bytes (413 beyond).
async fn form_body(req: Request) -> Result<Bytes, Response> {
    axum::body::to_bytes(req.into_body(), FORM_LIMIT)
        .await
        .map_err(|_| refusal(StatusCode::PAYLOAD_TOO_LARGE, Msg::ErrTooLong))
}

/// A plain form post decoded into `T` by `serde_html_form` (repeated names into `Vec`s, an
/// unticked checkbox absent). Over [`FORM_LIMIT`] is 413; fields that do not decode into `T`
/// are 422 (the forms send only what `T` reads, so only a hand-made request gets there).
pub struct TypedForm<T>(pub T);

impl<T, S> FromRequest<S> for TypedForm<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: Request, _: &S) -> Result<Self, Response> {
        let bytes = form_body(req).await?;
        serde_html_form::from_bytes(&bytes)
            .map(TypedForm)
            .map_err(|_| refusal(StatusCode::UNPROCESSABLE_ENTITY, Msg::ErrInvalid))
    }
}

/// The parts of a multipart upload: name → (file name, bytes). The route's body limit bounds
/// it (413 beyond); a broken part or a control character in a file name is 422.
pub struct Upload(pub HashMap<String, (Option<String>, Bytes)>);

impl Upload {
    /// The text of field `name` (lossy UTF-8), or `""`.
    pub fn text(&self, name: &str) -> String {
        self.0
            .get(name)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    }

    /// The file sent as `name`: its name as the browser gave it, and its bytes (empty when
    /// none was chosen).
    pub fn file(&self, name: &str) -> (Option<String>, Bytes) {
        self.0.get(name).cloned().unwrap_or_default()
    }

    /// Whether field `name` was sent (a ticked checkbox).
    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let mut multipart = Multipart::from_request(req, state)
            .await
            .map_err(|_| refusal(StatusCode::BAD_REQUEST, Msg::ErrInvalid))?;
        let unreadable = || refusal(StatusCode::UNPROCESSABLE_ENTITY, Msg::ErrUploadUnreadable);
        let failed = |e: axum::extract::multipart::MultipartError| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                refusal(StatusCode::PAYLOAD_TOO_LARGE, Msg::ErrTooLong)
            } else {
                unreadable()
            }
        };
        let mut fields = HashMap::new();
        while let Some(field) = multipart.next_field().await.map_err(failed)? {
            let name = field.name().unwrap_or("").to_owned();
            let file_name = field.file_name().map(str::to_owned);
            if file_name
                .as_deref()
                .is_some_and(|n| n.chars().any(char::is_control))
            {
                return Err(unreadable());
            }
            let data = field.bytes().await.map_err(failed)?;
            fields.insert(name, (file_name, data));
        }
        Ok(Upload(fields))
    }
}
