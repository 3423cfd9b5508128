//! Data fetched once per page render.
//!
//! A page's view is a closure returning a `Suspend`; during server rendering that closure can
//! be called (and its future started) more than once, so a fetch written inside it runs its
//! queries again each time — the lesson page fetched its lesson three times. A page starts its
//! fetch once with [`once`] outside the closure and awaits a clone of it inside.

use futures::FutureExt;
use futures::future::Shared;
use std::future::Future;
use std::pin::Pin;

/// `fetch`, started at most once however many times the result is awaited.
pub fn once<F>(fetch: F) -> Shared<Pin<Box<F>>>
where
    F: Future,
    F::Output: Clone,
{
    Box::pin(fetch).shared()
}
