//! The country report as a PDF (A4 portrait): cover, executive summary, methodology, scores
//! with a radar chart and per-element bars, the comparison with a baseline, findings,
//! recommendations, the road map and the annex — laid out by a small flowing-text engine over
//! [`super::pdf`], with the bundled font.

use super::capacity_text::{priority_word, status_word, timeframe_word};
use super::charts::{Bar, band_of, legend, light_of};
use super::flow::{Flow, GREY, INK, MARGIN, NAVY, RULE, W};
use super::pdf::{Font, finish_pages, text_width};
use crate::i18n::{Lang, Msg, decimal_in};
use crate::model::{FindingKind, ReportView, ScoreView};
use assessments::capacity;

fn light_colour(light: capacity::Light) -> (f32, f32, f32) {
    match light {
        capacity::Light::Red => (0.63, 0.07, 0.11),
        capacity::Light::Amber => (0.69, 0.48, 0.0),
        capacity::Light::Green => (0.11, 0.42, 0.23),
    }
}

impl Flow {
    /// Horizontal bars on the 0–4 scale, coloured by traffic light.
    fn bars(&mut self, rows: &[Bar]) {
        // The value and its band follow the bar: at most 110 pt, inside the margin.
        let (label_w, bar_w, row_h) = (200.0, 170.0, 16.0);
        let lang = self.lang;
        self.ensure(row_h * rows.len() as f32 + 20.0);
        for Bar { label, score } in rows {
            self.gap(row_h);
            let y = self.y;
            let short: String = if label.chars().count() > 40 {
                format!("{}…", label.chars().take(39).collect::<String>())
            } else {
                label.clone()
            };
            let page = self.page();
            page.text(MARGIN, y + 3.0, &short, Font::Regular, 8.5, INK);
            match (score.score, light_of(score), band_of(score, lang)) {
                (Some(v), Some(light), Some(band)) => {
                    let len = bar_w * (v as f32).clamp(0.0, 4.0) / 4.0;
                    page.fill_rect(MARGIN + label_w, y, len, 11.0, light_colour(light));
                    page.text(
                        MARGIN + label_w + len + 4.0,
                        y + 2.0,
                        &format!("{} · {band}", decimal_in(lang, v, 2)),
                        Font::Regular,
                        8.5,
                        INK,
                    );
                }
                _ => page.text(
                    MARGIN + label_w,
                    y + 2.0,
                    Msg::NotScored.text(lang),
                    Font::Regular,
                    8.5,
                    GREY,
                ),
            }
        }
        self.gap(10.0);
    }

    /// A radar chart of the component scores.
    fn radar(&mut self, axes: &[(String, Option<f64>)]) {
        let size = 230.0;
        let lang = self.lang;
        self.ensure(size + 40.0);
        let (cx, cy, r) = (W / 2.0, self.y - size / 2.0 - 10.0, 85.0);
        let n = axes.len().max(3) as f32;
        let point = |i: usize, v: f32| {
            let a = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / n;
            (cx + r * v * a.cos(), cy - r * v * a.sin())
        };
        let page = self.page();
        for level in 1..=4 {
            let ring: Vec<(f32, f32)> = (0..axes.len().max(3))
                .map(|i| point(i, level as f32 / 4.0))
                .collect();
            page.polygon(&ring, RULE, None);
        }
        for (i, (label, value)) in axes.iter().enumerate() {
            page.line((cx, cy), point(i, 1.0), 0.5, RULE);
            let (lx, ly) = point(i, 1.22);
            let shown = value.map_or_else(
                || Msg::NotScored.text(lang).to_owned(),
                |v| decimal_in(lang, v, 2),
            );
            let w = text_width(label, Font::Regular, 9.0).max(text_width(&shown, Font::Bold, 9.0));
            let x = if (lx - cx).abs() < 1.0 {
                lx - w / 2.0
            } else if lx > cx {
                lx
            } else {
                lx - w
            };
            page.text(x, ly, label, Font::Regular, 9.0, INK);
            page.text(x, ly - 11.0, &shown, Font::Bold, 9.0, NAVY);
        }
        let shape: Vec<(f32, f32)> = axes
            .iter()
            .enumerate()
            .map(|(i, (_, v))| point(i, v.unwrap_or(0.0).clamp(0.0, 4.0) as f32 / 4.0))
            .collect();
        page.polygon(&shape, NAVY, Some((0.75, 0.84, 0.91)));
        self.y -= size + 20.0;
    }
}

/// Markdown as plain paragraphs for the PDF (emphasis markers and heading marks removed).
fn plain(markdown: &str) -> Vec<String> {
    markdown
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(|l| l.trim_start_matches('#').trim())
                .collect::<Vec<_>>()
                .join("\n")
                .replace("**", "")
                .replace('`', "")
        })
        .filter(|p| !p.trim().is_empty())
        .collect()
}

fn score_text(s: &ScoreView, lang: Lang) -> String {
    match s.score {
        Some(v) => format!(
            "{} {}  ({})",
            decimal_in(lang, v, 2),
            band_of(s, lang).unwrap_or_default(),
            Msg::IndicatorsScored.format(lang, &[("n", (s.scored as i64).into())])
        ),
        None => Msg::NotScored.text(lang).to_owned(),
    }
}

/// The report as a PDF file.
pub fn render(r: &ReportView) -> Vec<u8> {
    let a = &r.assessment;
    let lang = r.lang;
    let m = |msg: Msg| msg.text(lang);
    let score_text = |s: &ScoreView| score_text(s, lang);
    let mut flow = Flow::new(format!("{} — {}", a.title, a.country.1), lang);
    // Cover.
    flow.gap(120.0);
    flow.paragraph(&m(Msg::CountryReport).to_uppercase(), 11.0, 0.0, GREY);
    for line in Flow::wrap(&a.title, Font::Bold, 24.0, W - 2.0 * MARGIN) {
        flow.gap(30.0);
        let y = flow.y;
        flow.line_at(MARGIN, W - MARGIN, y, &line, Font::Bold, 24.0, NAVY);
    }
    flow.gap(20.0);
    flow.paragraph(&format!("{} · {}", a.country.1, a.period), 13.0, 0.0, INK);
    flow.paragraph(
        &format!("{}: {}", m(Msg::RequestedBy), a.requested_by),
        11.0,
        0.0,
        GREY,
    );
    flow.paragraph(
        &format!(
            "{} · {}",
            a.framework,
            Msg::ReportStatusIs.format(lang, &[("status", status_word(a.status, lang).into())])
        ),
        11.0,
        0.0,
        GREY,
    );
    flow.paragraph(
        &Msg::ReportOverallOnScale.format(lang, &[("score", score_text(&a.overall).into())]),
        12.0,
        0.0,
        INK,
    );

    if !a.red_flags.is_empty() {
        flow.heading(m(Msg::RedFlags), 14.0);
        flow.paragraph(m(Msg::RedFlagsHint), 10.0, 0.0, INK);
        let rows: Vec<Vec<String>> = a
            .red_flags
            .iter()
            .map(|f| {
                vec![
                    f.component.clone(),
                    f.element.clone(),
                    f.indicator.clone(),
                    format!("{} — {}", f.level, f.level_name),
                ]
            })
            .collect();
        flow.table(
            &[0.2, 0.22, 0.43, 0.15],
            &[
                m(Msg::Component),
                m(Msg::Element),
                m(Msg::Indicator),
                m(Msg::Level),
            ],
            &rows,
            9.0,
        );
    }

    flow.new_page();
    flow.heading(m(Msg::ExecutiveSummary), 16.0);
    for p in plain(&r.summary_markdown) {
        flow.paragraph(&p, 10.0, 0.0, INK);
    }
    flow.heading(m(Msg::Methodology), 16.0);
    for p in plain(&r.methodology_markdown) {
        flow.paragraph(&p, 10.0, 0.0, INK);
    }

    flow.new_page();
    flow.heading(m(Msg::ScoresByComponent), 16.0);
    flow.radar(
        &a.components
            .iter()
            .map(|c| (c.title.clone(), c.score.score))
            .collect::<Vec<_>>(),
    );
    let mut rows = Vec::new();
    for c in &a.components {
        rows.push(vec![c.title.clone(), String::new(), score_text(&c.score)]);
        for e in c.elements.iter().filter(|e| e.in_scope) {
            rows.push(vec![String::new(), e.title.clone(), score_text(&e.score)]);
        }
    }
    flow.table(
        &[0.25, 0.4, 0.35],
        &[m(Msg::Component), m(Msg::Element), m(Msg::Score)],
        &rows,
        9.0,
    );
    flow.paragraph(&legend(lang), 9.0, 0.0, GREY);
    for c in &a.components {
        flow.heading(&c.title, 12.0);
        flow.bars(
            &c.elements
                .iter()
                .filter(|e| e.in_scope)
                .map(|e| Bar {
                    label: e.title.clone(),
                    score: e.score.clone(),
                })
                .collect::<Vec<_>>(),
        );
    }

    if let Some(b) = &r.baseline {
        flow.heading(m(Msg::ComparedWithBaseline), 16.0);
        flow.paragraph(
            &format!("{}: {}", m(Msg::Baseline), b.title),
            10.0,
            0.0,
            GREY,
        );
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
        let mut rows = vec![vec![
            m(Msg::Overall).to_owned(),
            f(b.overall.before),
            f(b.overall.after),
            sgn(b.overall.change),
        ]];
        rows.extend(
            b.components
                .iter()
                .map(|c| vec![c.title.clone(), f(c.before), f(c.after), sgn(c.change)]),
        );
        flow.table(
            &[0.46, 0.18, 0.18, 0.18],
            &[
                m(Msg::Component),
                m(Msg::Baseline),
                m(Msg::ReportFollowUp),
                m(Msg::Change),
            ],
            &rows,
            9.0,
        );
    }

    let titles: std::collections::HashMap<&str, &str> = r
        .element_titles
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_str()))
        .collect();
    flow.new_page();
    flow.heading(m(Msg::Findings), 16.0);
    for fnd in &r.findings {
        let kind = if fnd.kind == FindingKind::Gap {
            m(Msg::Gap)
        } else {
            m(Msg::Strength)
        };
        flow.paragraph(
            &format!(
                "{} — {kind}: {}",
                titles.get(fnd.element.as_str()).unwrap_or(&""),
                fnd.text
            ),
            9.5,
            8.0,
            INK,
        );
    }
    flow.heading(m(Msg::Recommendations), 16.0);
    let rows: Vec<Vec<String>> = r
        .recommendations
        .iter()
        .map(|x| {
            let i = &x.input;
            vec![
                titles.get(i.element.as_str()).unwrap_or(&"").to_string(),
                i.text.clone(),
                format!(
                    "{} / {}",
                    priority_word(&i.priority, lang),
                    timeframe_word(&i.timeframe, lang)
                ),
                i.quarter.clone(),
                format!("{} · {}", i.responsible, i.cost),
            ]
        })
        .collect();
    flow.table(
        &[0.17, 0.38, 0.12, 0.1, 0.23],
        &[
            m(Msg::Element),
            m(Msg::ReportRecommendation),
            m(Msg::Priority),
            m(Msg::Start),
            &format!("{} · {}", m(Msg::Responsible), m(Msg::Cost)),
        ],
        &rows,
        8.0,
    );
    flow.heading(m(Msg::RoadMap), 16.0);
    let mut quarters: Vec<&str> = r
        .recommendations
        .iter()
        .map(|x| x.input.quarter.as_str())
        .collect();
    quarters.sort_unstable();
    quarters.dedup();
    for q in quarters {
        flow.paragraph(q, 10.5, 0.0, NAVY);
        for rec in r.recommendations.iter().filter(|x| x.input.quarter == q) {
            flow.paragraph(
                &format!(
                    "[{}] {}",
                    priority_word(&rec.input.priority, lang),
                    rec.input.text
                ),
                9.0,
                12.0,
                INK,
            );
        }
    }
    flow.new_page();
    flow.heading(m(Msg::Annex), 16.0);
    let rows: Vec<Vec<String>> = r
        .annex
        .iter()
        .map(|a| {
            vec![
                a.element.clone(),
                a.indicator.clone(),
                a.level.clone(),
                a.evidence.clone(),
            ]
        })
        .collect();
    flow.table(
        &[0.16, 0.3, 0.12, 0.42],
        &[
            m(Msg::Element),
            m(Msg::Indicator),
            m(Msg::Level),
            m(Msg::EvidenceNotes),
        ],
        &rows,
        7.5,
    );
    finish_pages(flow.pages, &a.title)
}
