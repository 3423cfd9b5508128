//! The country report rendered to download: Markdown and self-contained HTML (the PDF is
//! `server::reports::capacity_pdf`).

use crate::model::{AnnexRow, ReportView, ScoreChange, ScoreView};
use std::collections::HashMap;

/// The report as Markdown (a document to edit in a word processor), with charts left out and
/// every score written as a number.
pub fn report_markdown(r: &ReportView) -> String {
    use std::fmt::Write as _;
    let a = &r.assessment;
    let score = |s: &ScoreView| match s.score {
        Some(v) => format!("{v:.2} ({} indicators)", s.scored),
        None => "not scored".to_owned(),
    };
    let band = |s: &ScoreView| {
        s.score
            .map(|v| {
                let light = assessments::capacity::light(v);
                format!("{} ({})", light.band(), light.colour())
            })
            .unwrap_or_default()
    };
    let titles: HashMap<&str, &str> = r
        .element_titles
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_str()))
        .collect();
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", a.title);
    let _ = writeln!(
        md,
        "{} · {} · requested by {} · {} · status: {}\n",
        a.country.1, a.period, a.requested_by, a.framework, a.status
    );
    let _ = writeln!(md, "## Executive summary\n");
    let _ = writeln!(md, "{}\n", r.summary_markdown);
    let _ = writeln!(md, "## Methodology\n");
    let _ = writeln!(md, "{}\n", r.methodology_markdown);
    let _ = writeln!(md, "## Scores\n");
    let _ = writeln!(
        md,
        "Overall: **{}** on the 0–4 scale{}.\n",
        score(&a.overall),
        a.overall
            .score
            .map(|_| format!(", {}", band(&a.overall)))
            .unwrap_or_default()
    );
    let _ = writeln!(
        md,
        "| Component | Element | Score | Band |\n|---|---|---|---|"
    );
    for c in &a.components {
        let _ = writeln!(
            md,
            "| **{}** | | {} | {} |",
            cell(&c.title),
            score(&c.score),
            band(&c.score)
        );
        for e in c.elements.iter().filter(|e| e.in_scope) {
            let _ = writeln!(
                md,
                "| | {} | {} | {} |",
                cell(&e.title),
                score(&e.score),
                band(&e.score)
            );
        }
    }
    let _ = writeln!(md, "\n{}.", assessments::capacity::legend());
    if let Some(b) = &r.baseline {
        let f = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into());
        let sgn = |x: Option<f64>| x.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "—".into());
        let _ = writeln!(
            md,
            "\n## Compared with the baseline\n\nBaseline: {}\n",
            b.title
        );
        let _ = writeln!(
            md,
            "| Component | Baseline | Follow-up | Change |\n|---|---|---|---|"
        );
        let _ = writeln!(
            md,
            "| **Overall** | {} | {} | {} |",
            f(b.overall.before),
            f(b.overall.after),
            sgn(b.overall.change)
        );
        for ScoreChange {
            title,
            before,
            after,
            change,
        } in &b.components
        {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                cell(title),
                f(*before),
                f(*after),
                sgn(*change)
            );
        }
    }
    let _ = writeln!(md, "\n## Findings\n");
    for f in &r.findings {
        let _ = writeln!(
            md,
            "- **{}** ({}): {}",
            titles.get(f.element.as_str()).unwrap_or(&""),
            f.kind,
            f.text
        );
    }
    let _ = writeln!(md, "\n## Recommendations\n");
    let _ = writeln!(
        md,
        "| Element | Recommendation | Priority | Timeframe | Start | Responsible | Cost |\n|---|---|---|---|---|---|---|"
    );
    for rec in &r.recommendations {
        let i = &rec.input;
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(titles.get(i.element.as_str()).unwrap_or(&"")),
            cell(&i.text),
            i.priority,
            i.timeframe,
            i.quarter,
            cell(&i.responsible),
            cell(&i.cost)
        );
    }
    let _ = writeln!(md, "\n## Road map\n");
    let mut quarters: Vec<&str> = r
        .recommendations
        .iter()
        .map(|x| x.input.quarter.as_str())
        .collect();
    quarters.sort_unstable();
    quarters.dedup();
    for q in quarters {
        let _ = writeln!(md, "- **{q}**");
        for rec in r.recommendations.iter().filter(|x| x.input.quarter == q) {
            let _ = writeln!(md, "  - [{}] {}", rec.input.priority, rec.input.text);
        }
    }
    let _ = writeln!(md, "\n## Annex: indicator scores and evidence\n");
    let _ = writeln!(
        md,
        "| Element | Indicator | Level | Evidence |\n|---|---|---|---|"
    );
    for AnnexRow {
        element: e,
        indicator: i,
        level,
        evidence,
        ..
    } in &r.annex
    {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            cell(e),
            cell(i),
            level,
            cell(evidence)
        );
    }
    // The template itself writes no HTML, so every `<` comes from what people typed: escaped,
    // a Markdown viewer shows it as text instead of running it as a tag.
    md.replace('<', "&lt;")
}

/// The report as a self-contained HTML document (charts included, print styles inline).
pub fn report_html(r: &ReportView) -> String {
    let body = content::markdown::render(
        &report_markdown(r),
        content::markdown::Links {
            media_base: "/",
            glossary: "#",
        },
    );
    let charts: String = std::iter::once(r.radar_svg.clone())
        .chain(r.element_bars.iter().map(|(_, svg)| svg.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    let title = r
        .assessment
        .title
        .replace('&', "&amp;")
        .replace('<', "&lt;");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b2430}}\
         table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #d5dbe3;padding:.3rem .5rem;text-align:left;vertical-align:top}}\
         svg{{max-width:100%;height:auto}}@media print{{h2{{break-before:page}}}}</style></head>\
         <body>{body}<h2>Charts</h2>{charts}</body></html>\n"
    )
}
