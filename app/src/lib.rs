//! Checkpoint: training and assessment for border and immigration officials.
//!
//! The crate is compiled twice: with `ssr` it is the server (pages rendered to HTML, server
//! functions, the database, the CLI in `main.rs`); with `hydrate` it is the small WebAssembly
//! bundle that brings the interactive islands of a page to life. Pages are plain server HTML and
//! every form works before (or without) the WebAssembly.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod validate;

/// Entry point of the browser bundle: hydrates the islands present on the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
