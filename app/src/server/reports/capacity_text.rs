//! The country report rendered to download: Markdown and self-contained HTML (the PDF is
//! `server::reports::capacity_pdf`).

use super::charts::{band_of, colour_word, legend, light_of};
use crate::i18n::{Lang, Msg, decimal_in};
use crate::model::{AnnexRow, AssessmentStatus, FindingKind, ReportView, ScoreChange, ScoreView};
use std::collections::HashMap;

/// A recommendation's priority in words, in `lang`.
pub fn priority_word(priority: &str, lang: Lang) -> &'static str {
    match priority {
        "high" => Msg::PriorityHigh,
        "low" => Msg::PriorityLow,
        _ => Msg::PriorityMedium,
    }
    .text(lang)
}

/// A recommendation's timeframe in words, in `lang`.
pub fn timeframe_word(timeframe: &str, lang: Lang) -> &'static str {
    if timeframe == "long" {
        Msg::LongTerm
    } else {
        Msg::ShortTerm
    }
    .text(lang)
}

/// An assessment's status in words, in `lang`.
pub fn status_word(status: AssessmentStatus, lang: Lang) -> &'static str {
    match status {
        AssessmentStatus::Draft => Msg::StatusDraft,
        AssessmentStatus::InReview => Msg::StatusInReview,
        AssessmentStatus::Final => Msg::StatusFinal,
    }
    .text(lang)
}

/// The report as Markdown (a document to edit in a word processor), in the report's language,
/// with charts left out and every score written as a number.
pub fn report_markdown(r: &ReportView) -> String {
    use std::fmt::Write as _;
    let lang = r.lang;
    let m = |msg: Msg| msg.text(lang);
    let a = &r.assessment;
    let score = |s: &ScoreView| match s.score {
        Some(v) => format!(
            "{} ({})",
            decimal_in(lang, v, 2),
            Msg::IndicatorsScored.format(lang, &[("n", (s.scored as i64).into())])
        ),
        None => m(Msg::NotScored).to_owned(),
    };
    let band = |s: &ScoreView| match (band_of(s, lang), light_of(s)) {
        (Some(band), Some(light)) => format!("{band} ({})", colour_word(light, lang)),
        _ => String::new(),
    };
    let titles: HashMap<&str, &str> = r
        .element_titles
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_str()))
        .collect();
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let row = |cells: &[&str]| format!("| {} |", cells.join(" | "));
    let header = |cells: &[&str]| {
        format!(
            "{}\n|{}",
            row(cells),
            cells.iter().map(|_| "---|").collect::<String>()
        )
    };
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", a.title);
    let _ = writeln!(
        md,
        "{} · {} · {} · {} · {}\n",
        a.country.1,
        a.period,
        Msg::ReportRequestedBy.format(lang, &[("who", a.requested_by.as_str().into())]),
        a.framework,
        Msg::ReportStatusIs.format(lang, &[("status", status_word(a.status, lang).into())])
    );
    if !a.red_flags.is_empty() {
        let _ = writeln!(md, "## {}\n", m(Msg::RedFlags));
        let _ = writeln!(md, "{}\n", m(Msg::RedFlagsHint));
        let _ = writeln!(
            md,
            "{}",
            header(&[
                m(Msg::Component),
                m(Msg::Element),
                m(Msg::Indicator),
                m(Msg::Level)
            ])
        );
        for f in &a.red_flags {
            let level = format!("{} — {}", f.level, f.level_name);
            let _ = writeln!(
                md,
                "{}",
                row(&[
                    &cell(&f.component),
                    &cell(&f.element),
                    &cell(&f.indicator),
                    &cell(&level)
                ])
            );
        }
        let _ = writeln!(md);
    }
    let _ = writeln!(md, "## {}\n", m(Msg::ExecutiveSummary));
    let _ = writeln!(md, "{}\n", r.summary_markdown);
    let _ = writeln!(md, "## {}\n", m(Msg::Methodology));
    let _ = writeln!(md, "{}\n", r.methodology_markdown);
    let _ = writeln!(md, "## {}\n", m(Msg::ScoresByComponent));
    let overall = format!("**{}**", score(&a.overall));
    let _ = writeln!(
        md,
        "{}{}.\n",
        Msg::ReportOverallOnScale.format(lang, &[("score", overall.into())]),
        a.overall
            .score
            .map(|_| format!(", {}", band(&a.overall)))
            .unwrap_or_default()
    );
    let _ = writeln!(
        md,
        "{}",
        header(&[
            m(Msg::Component),
            m(Msg::Element),
            m(Msg::Score),
            m(Msg::ReportBand)
        ])
    );
    for c in &a.components {
        let title = format!("**{}**", cell(&c.title));
        let _ = writeln!(
            md,
            "{}",
            row(&[&title, "", &score(&c.score), &band(&c.score)])
        );
        for e in c.elements.iter().filter(|e| e.in_scope) {
            let _ = writeln!(
                md,
                "{}",
                row(&["", &cell(&e.title), &score(&e.score), &band(&e.score)])
            );
        }
    }
    let _ = writeln!(md, "\n{}", legend(lang));
    if let Some(b) = &r.baseline {
        let f = |x: Option<f64>| {
            x.map(|v| decimal_in(lang, v, 2))
                .unwrap_or_else(|| "—".into())
        };
        let sgn = |x: Option<f64>| {
            x.map(|v| {
                format!(
                    "{}{}",
                    if v >= 0.0 { "+" } else { "" },
                    decimal_in(lang, v, 2)
                )
            })
            .unwrap_or_else(|| "—".into())
        };
        let _ = writeln!(
            md,
            "\n## {}\n\n{}: {}\n",
            m(Msg::ComparedWithBaseline),
            m(Msg::Baseline),
            b.title
        );
        let _ = writeln!(
            md,
            "{}",
            header(&[
                m(Msg::Component),
                m(Msg::Baseline),
                m(Msg::ReportFollowUp),
                m(Msg::Change)
            ])
        );
        let overall = format!("**{}**", m(Msg::Overall));
        let _ = writeln!(
            md,
            "{}",
            row(&[
                &overall,
                &f(b.overall.before),
                &f(b.overall.after),
                &sgn(b.overall.change)
            ])
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
                "{}",
                row(&[&cell(title), &f(*before), &f(*after), &sgn(*change)])
            );
        }
    }
    let _ = writeln!(md, "\n## {}\n", m(Msg::Findings));
    for f in &r.findings {
        let kind = match f.kind {
            FindingKind::Gap => m(Msg::Gap),
            FindingKind::Strength => m(Msg::Strength),
        };
        let _ = writeln!(
            md,
            "- **{}** ({}): {}",
            titles.get(f.element.as_str()).unwrap_or(&""),
            kind.to_lowercase(),
            f.text
        );
    }
    let _ = writeln!(md, "\n## {}\n", m(Msg::Recommendations));
    let _ = writeln!(
        md,
        "{}",
        header(&[
            m(Msg::Element),
            m(Msg::ReportRecommendation),
            m(Msg::Priority),
            m(Msg::Timeframe),
            m(Msg::Start),
            m(Msg::Responsible),
            m(Msg::Cost),
        ])
    );
    for rec in &r.recommendations {
        let i = &rec.input;
        let _ = writeln!(
            md,
            "{}",
            row(&[
                &cell(titles.get(i.element.as_str()).unwrap_or(&"")),
                &cell(&i.text),
                priority_word(&i.priority, lang),
                timeframe_word(&i.timeframe, lang),
                &i.quarter,
                &cell(&i.responsible),
                &cell(&i.cost),
            ])
        );
    }
    let _ = writeln!(md, "\n## {}\n", m(Msg::RoadMap));
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
            let _ = writeln!(
                md,
                "  - [{}] {}",
                priority_word(&rec.input.priority, lang),
                rec.input.text
            );
        }
    }
    let _ = writeln!(md, "\n## {}\n", m(Msg::Annex));
    let _ = writeln!(
        md,
        "{}",
        header(&[
            m(Msg::Element),
            m(Msg::Indicator),
            m(Msg::Level),
            m(Msg::EvidenceNotes)
        ])
    );
    for AnnexRow {
        element: e,
        indicator: i,
        level,
        evidence,
        ..
    } in &r.annex
    {
        let _ = writeln!(md, "{}", row(&[&cell(e), &cell(i), level, &cell(evidence)]));
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
    let lang = r.lang.code();
    let dir = r.lang.dir();
    let charts_title = Msg::ReportCharts.text(r.lang);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b2430}}\
         table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #d5dbe3;padding:.3rem .5rem;text-align:left;vertical-align:top}}\
         svg{{max-width:100%;height:auto}}@media print{{h2{{break-before:page}}}}</style></head>\
         <body>{body}<h2>{charts_title}</h2><div dir=\"ltr\">{charts}</div></body></html>\n"
    )
}
