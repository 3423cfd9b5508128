//! Charts drawn on the server, and the figures behind them.

use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// A server-drawn SVG chart (trusted markup: the chart writers escape every label). On a
/// narrow screen the chart keeps a readable size and its box scrolls sideways; the box takes
/// the keyboard focus so it can be scrolled without a mouse.
#[component]
pub fn ChartBox(
    /// The box's id.
    #[prop(optional, into)]
    id: Option<String>,
    /// What the chart shows, for assistive technology.
    #[prop(into)]
    label: String,
    /// The SVG.
    svg: String,
) -> impl IntoView {
    view! { <div class="chart-box" id=id tabindex="0" role="region" aria-label=label inner_html=svg></div> }
}

/// A chart's figures as a table, folded under "The figures": `head` names the columns, the
/// first cell of each row names the row.
#[component]
pub fn FiguresTable(
    /// The block's id.
    #[prop(into)]
    id: String,
    /// Column headings.
    head: Vec<String>,
    /// Rows of cells.
    rows: Vec<Vec<String>>,
) -> impl IntoView {
    view! {
        <details class="figures" id=id>
            <summary>{t(Msg::ChartFigures)}</summary>
            <table class="data" tabindex="0">
                <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let mut cells = row.into_iter();
                        let first = cells.next().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{first}</th>
                                {cells.map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
