//! Renderers that turn a finished view into a document: PDF pages and the font subset they
//! embed, SVG charts, and the capacity country report as Markdown, HTML and PDF. They take
//! plain values and never touch the database.
//!
//! - [`pdf`]: the page writer (text, wrapping, tables) with [`ttf`], the font subsetter;
//! - [`charts`]: SVG radar, bar, column and heat-map charts;
//! - [`capacity_text`]: the country report as Markdown and as a standalone HTML page;
//! - [`capacity_pdf`]: the country report as PDF.

pub mod capacity_pdf;
pub mod capacity_text;
pub mod charts;
pub mod pdf;
pub mod ttf;
