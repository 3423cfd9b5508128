//! Request tracing: every request gets an id (`X-Request-Id`, kept from a proxy when it is a
//! short plain token, made here otherwise, and sent back on the response) and runs inside a
//! span naming that id, the method, the route pattern and, once the session is read, the
//! person's id. Every log line written while serving the request carries them; the response
//! is logged with its status and latency. Neither query strings nor headers nor bodies are
//! logged: they may hold tokens and passwords.

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::request_id::{MakeRequestId, RequestId};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// The request id header.
pub const REQUEST_ID: &str = "x-request-id";

/// Makes a random 16-hex-digit request id.
#[derive(Clone, Copy, Default)]
pub struct RandomIds;

impl MakeRequestId for RandomIds {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&crate::server::csrf::random_hex(8))
            .ok()
            .map(RequestId::new)
    }
}

/// Whether an incoming request id may be kept: 1 to 64 letters, digits, `-`, `_` or `.`
/// (anything else could forge or break a log line, and is replaced).
pub fn acceptable_id(value: &[u8]) -> bool {
    (1..=64).contains(&value.len())
        && value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Drops an incoming request id that is not [`acceptable_id`], so one is made for it.
pub async fn screen_incoming_id(mut req: Request) -> Request {
    if req
        .headers()
        .get(REQUEST_ID)
        .is_some_and(|v| !acceptable_id(v.as_bytes()))
    {
        req.headers_mut().remove(REQUEST_ID);
    }
    req
}

/// The span every request runs in.
fn span(req: &Request) -> tracing::Span {
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str)
        .unwrap_or("");
    tracing::info_span!(
        "request",
        id = %id,
        method = %req.method(),
        route = %route,
        person = tracing::field::Empty,
    )
}

/// The request's span, kept with the request: layers inside it (the session store) open
/// spans of their own, so the current span there is no longer the request's.
#[derive(Clone)]
struct RequestSpan(tracing::Span);

/// Keeps the current (request) span with the request; runs just inside the tracing layer.
pub async fn keep_span(mut req: Request, next: axum::middleware::Next) -> axum::response::Response {
    req.extensions_mut()
        .insert(RequestSpan(tracing::Span::current()));
    next.run(req).await
}

/// Records the signed-in person on the request's span.
pub fn record_person(req: &Request, id: i64) {
    if let Some(RequestSpan(span)) = req.extensions().get::<RequestSpan>() {
        span.record("person", id);
    }
}

/// The tracing layer: the span above, the response logged at `info` with status and latency.
pub fn layer() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, fn(&Request) -> tracing::Span>
{
    TraceLayer::new_for_http()
        .make_span_with(span as fn(&Request) -> tracing::Span)
        .on_response(DefaultOnResponse::new().level(Level::INFO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_kept() {
        assert!(acceptable_id(b"3f2a-9c.proxy_1"));
        assert!(acceptable_id(&[b'a'; 64]));
        assert!(!acceptable_id(&[b'a'; 65]));
        assert!(!acceptable_id(b""));
        assert!(!acceptable_id(b"id with spaces"));
        assert!(!acceptable_id(b"id\" person=1"));
    }
}
