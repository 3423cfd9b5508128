//! The plain routes — form posts, uploads and downloads served outside server functions and
//! pages — registered through one builder that records each method and path as it adds it.
//! The authorization matrix reads that record ([`super::plain_routes`]) to prove it checks
//! every route the router serves.

use crate::server::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{get, post};

/// A router of plain routes and the list of what it serves.
pub struct Routes {
    router: Router<AppState>,
    list: Vec<(Method, &'static str)>,
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    /// No routes yet.
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    /// `GET path` (a download or an image).
    pub fn get<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.list.push((Method::GET, path));
        self.router = self.router.route(path, get(handler));
        self
    }

    /// `POST path` (a form), with the default body limit.
    pub fn post<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.list.push((Method::POST, path));
        self.router = self.router.route(path, post(handler));
        self
    }

    /// `POST path` (an upload), taking bodies up to `limit` bytes.
    pub fn upload<H, T>(mut self, path: &'static str, handler: H, limit: usize) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.list.push((Method::POST, path));
        self.router = self
            .router
            .route(path, post(handler).layer(DefaultBodyLimit::max(limit)));
        self
    }

    /// These routes and `other`'s.
    pub fn merge(mut self, other: Routes) -> Self {
        self.list.extend(other.list);
        self.router = self.router.merge(other.router);
        self
    }

    /// The router and what it serves.
    pub fn into_parts(self) -> (Router<AppState>, Vec<(Method, &'static str)>) {
        (self.router, self.list)
    }
}
