//! Renderers that turn a finished view into a document: PDF pages and the font subset they
//! embed, SVG charts, and the capacity country report as Markdown, HTML and PDF. They take
//! plain values and never touch the database.
//!
//! - [`pdf`]: the page writer (text, wrapping, tables) with [`shaping`], which orders and shapes
//!   each line of text, and [`ttf`], the font subsetter;
//! - [`charts`]: SVG radar, bar, column and heat-map charts;
//! - [`capacity_text`]: the country report as Markdown and as a standalone HTML page;
//! - [`flow`]: text flowing down A4 pages (headings, paragraphs, tables), for every PDF report;
//! - [`capacity_pdf`]: the country report as PDF;
//! - [`trainer_pdf`]: a course's trainer's pack as PDF;
//! - [`table`]: every CSV and XLSX download.
//!
//! Rendering is CPU work: request handlers run it through [`off_runtime`].

pub mod capacity_pdf;
pub mod capacity_text;
pub mod charts;
pub mod flow;
pub mod pdf;
pub mod shaping;
pub mod table;
pub mod trainer_pdf;
pub mod ttf;

/// Runs a renderer (a PDF, a workbook) on the blocking pool, so a large file never holds one
/// of the runtime's few worker threads while other requests wait.
pub async fn off_runtime<T: Send + 'static>(
    what: &'static str,
    render: impl FnOnce() -> T + Send + 'static,
) -> crate::error::AppResult<T> {
    tokio::task::spawn_blocking(render)
        .await
        .map_err(|e| crate::server::errors::internal(what, e))
}
