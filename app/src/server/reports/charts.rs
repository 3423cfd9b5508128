//! Server-rendered SVG charts for reports: no script, printable, readable without colour
//! (every value is also written as text). Labels are escaped here; the SVG is inserted as
//! trusted markup by the pages.

use crate::i18n::{Lang, Msg};
use crate::model::ScoreView;
use std::fmt::Write as _;

mod lines;
pub use lines::*;

/// Escapes text for SVG content and attributes.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `s` cut to at most `n` characters, an ellipsis marking the cut (the full text stays in
/// the figures beside the chart).
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// A score band in words, in `lang` ("priority for action", "developing", "established").
pub fn band_word(light: assessments::capacity::Light, lang: Lang) -> &'static str {
    use assessments::capacity::Light;
    match light {
        Light::Red => Msg::BandRed,
        Light::Amber => Msg::BandAmber,
        Light::Green => Msg::BandGreen,
    }
    .text(lang)
}

/// The light a score is shown with: red when a red flag is behind it, whatever the score.
pub fn light_of(s: &ScoreView) -> Option<assessments::capacity::Light> {
    s.score.map(|v| {
        if s.red_flags > 0 {
            assessments::capacity::Light::Red
        } else {
            assessments::capacity::light(v)
        }
    })
}

/// The band a score is shown with, in words, in `lang`: "red flag" when a critical indicator
/// behind it is absent or initial, otherwise its band ([`band_word`]).
pub fn band_of(s: &ScoreView, lang: Lang) -> Option<&'static str> {
    let light = light_of(s)?;
    Some(if s.red_flags > 0 {
        Msg::BandRedFlag.text(lang)
    } else {
        band_word(light, lang)
    })
}

/// A bar of [`bars`]: a label and a score with what it is shown with.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar is of.
    pub label: String,
    /// The score it shows (and how many indicators stand behind it, and its red flags).
    pub score: ScoreView,
}

impl Bar {
    /// A bar of a plain score, with nothing but the value known.
    pub fn plain(label: &str, score: Option<f64>) -> Self {
        Bar {
            label: label.to_owned(),
            score: ScoreView {
                score,
                scored: 0,
                not_applicable: 0,
                unscored: 0,
                light: None,
                red_flags: 0,
            },
        }
    }
}

/// The bands and their thresholds, as printed under every table of scores, in `lang`.
pub fn legend(lang: Lang) -> String {
    Msg::RatingLegend.format(
        lang,
        &[
            ("amber", assessments::capacity::AMBER_FROM.into()),
            ("green", assessments::capacity::GREEN_FROM.into()),
        ],
    )
}

/// A colour of the traffic light in words, in `lang` ("red", "amber", "green").
pub fn colour_word(light: assessments::capacity::Light, lang: Lang) -> &'static str {
    use assessments::capacity::Light;
    match light {
        Light::Red => Msg::ColourRed,
        Light::Amber => Msg::ColourAmber,
        Light::Green => Msg::ColourGreen,
    }
    .text(lang)
}

/// A radar (spider) chart of `axes` — label and score on 0..=`max` (`None`: not scored, drawn
/// at the centre and labelled as such).
pub fn radar(axes: &[(String, Option<f64>)], max: f64, title: &str, lang: Lang) -> String {
    let (w, h) = (520.0_f64, 420.0_f64);
    let (cx, cy, r) = (w / 2.0, h / 2.0 + 5.0, 140.0);
    let n = axes.len().max(3) as f64;
    let point = |i: usize, v: f64| {
        let a = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n;
        (cx + r * v * a.cos(), cy + r * v * a.sin())
    };
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{}" class="chart radar">"#,
        esc(title)
    );
    let _ = write!(svg, "<title>{}</title>", esc(title));
    // Grid: one ring per level.
    for level in 1..=(max as usize) {
        let f = level as f64 / max;
        let pts: Vec<String> = (0..axes.len().max(3))
            .map(|i| {
                let (x, y) = point(i, f);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="none" stroke="#c9d1db" stroke-width="1"/>"##,
            pts.join(" ")
        );
        let (x, y) = point(0, f);
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#566273">{level}</text>"##,
            x + 4.0,
            y + 3.0
        );
    }
    for (i, (label, value)) in axes.iter().enumerate() {
        let (x, y) = point(i, 1.0);
        let _ = write!(
            svg,
            r##"<line x1="{cx}" y1="{cy}" x2="{x:.1}" y2="{y:.1}" stroke="#c9d1db"/>"##
        );
        let (lx, ly) = point(i, 1.18);
        let anchor = if (lx - cx).abs() < 1.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let shown = value.map_or_else(
            || Msg::NotScored.text(lang).to_owned(),
            |v| format!("{v:.2}"),
        );
        let _ = write!(
            svg,
            r##"<text x="{lx:.1}" y="{ly:.1}" font-size="13" text-anchor="{anchor}" fill="#1b2430">{}</text><text x="{lx:.1}" y="{:.1}" font-size="12" font-weight="700" text-anchor="{anchor}" fill="#0b4f7c">{}</text>"##,
            esc(label),
            ly + 15.0,
            shown
        );
    }
    let pts: Vec<String> = axes
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            let (x, y) = point(i, v.unwrap_or(0.0).clamp(0.0, max) / max);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let _ = write!(
        svg,
        r##"<polygon points="{}" fill="#0b4f7c" fill-opacity="0.25" stroke="#0b4f7c" stroke-width="2"/>"##,
        pts.join(" ")
    );
    svg.push_str("</svg>");
    svg
}

/// A horizontal bar chart: one bar per `(label, score)` on the 0–4 scale, coloured by traffic
/// light, with the value and its band written at the end of the bar (so the colour is never
/// the only sign).
pub fn bars(rows: &[Bar], max: f64, title: &str, lang: Lang) -> String {
    let (label_w, bar_w, row_h) = (300.0_f64, 260.0_f64, 26.0_f64);
    let h = row_h * rows.len() as f64 + 30.0;
    let w = label_w + bar_w + 150.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{}" class="chart bars">"#,
        esc(title)
    );
    let _ = write!(svg, "<title>{}</title>", esc(title));
    for level in 0..=(max as usize) {
        let x = label_w + bar_w * level as f64 / max;
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="0" x2="{x:.1}" y2="{:.1}" stroke="#e3e8ee"/><text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#566273">{level}</text>"##,
            h - 18.0,
            h - 5.0
        );
    }
    for (i, Bar { label, score }) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 4.0;
        let short = cut(label, 44);
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#1b2430">{}</text>"##,
            label_w - 8.0,
            y + 15.0,
            esc(&short)
        );
        match (score.score, light_of(score), band_of(score, lang)) {
            (Some(v), Some(light), Some(band)) => {
                let colour = match light {
                    assessments::capacity::Light::Red => "#a1121b",
                    assessments::capacity::Light::Amber => "#b07a00",
                    assessments::capacity::Light::Green => "#1d6b3a",
                };
                let len = bar_w * v.clamp(0.0, max) / max;
                let _ = write!(
                    svg,
                    r##"<rect x="{label_w}" y="{y:.1}" width="{len:.1}" height="18" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1b2430">{v:.2} · {}</text>"##,
                    label_w + len + 5.0,
                    y + 14.0,
                    esc(band)
                );
            }
            _ => {
                let _ = write!(
                    svg,
                    r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#566273">{}</text>"##,
                    label_w + 5.0,
                    y + 14.0,
                    esc(Msg::NotScored.text(lang))
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// `text` on at most two lines of about `width` characters, broken between words (the second
/// line shortened with an ellipsis when needed).
fn two_lines(text: &str, width: usize) -> (String, String) {
    let mut first = String::new();
    let mut rest = Vec::new();
    for word in text.split_whitespace() {
        if rest.is_empty()
            && (first.is_empty() || first.chars().count() + 1 + word.chars().count() <= width)
        {
            if !first.is_empty() {
                first.push(' ');
            }
            first.push_str(word);
        } else {
            rest.push(word);
        }
    }
    let second = rest.join(" ");
    (cut(&first, width), cut(&second, width))
}

/// One cell of a heat map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HeatCell {
    /// A value from `n` answers.
    Value(f64, usize),
    /// A value from fewer answers than the minimum group size, shown (a named campaign) with a
    /// caution mark.
    Small(f64, usize),
    /// Figures withheld: fewer than the minimum group size answered (`n` did).
    Withheld(usize),
    /// No answers, or nothing to compare with.
    Empty,
}

impl HeatCell {
    /// A value from `n` answers, marked `small` when the group is under the minimum size.
    pub fn value(v: f64, n: usize, small: bool) -> HeatCell {
        if small {
            HeatCell::Small(v, n)
        } else {
            HeatCell::Value(v, n)
        }
    }
}

/// A heat-map cell as written in it and in its table of figures; a small group's count is
/// marked with an asterisk.
pub fn heat_text(cell: &HeatCell) -> String {
    // No "-0.0": a value that rounds to zero is written as zero.
    let round = |v: f64| if v.abs() < 0.05 { 0.0 } else { v };
    match cell {
        HeatCell::Value(v, n) => format!("{:.1} (n={n})", round(*v)),
        HeatCell::Small(v, n) => format!("{:.1} (n={n}*)", round(*v)),
        HeatCell::Withheld(n) => format!("n={n} <min"),
        HeatCell::Empty => "–".to_owned(),
    }
}

/// A heat map: one row per `rows` label, one column per `cols` label, cells coloured by value
/// against `bands` (upper bounds of the green, yellow and orange bands; above: red) and always
/// written as text too. `legend` names the measure.
pub fn heat_map(
    rows: &[String],
    cols: &[String],
    cells: &[Vec<HeatCell>],
    bands: [f64; 3],
    title: &str,
    legend: &str,
) -> String {
    let (label_w, cell_w, cell_h, head_h) = (300.0_f64, 96.0_f64, 22.0_f64, 70.0_f64);
    let w = (label_w + cell_w * cols.len().max(1) as f64 + 10.0).max(640.0);
    let h = head_h + cell_h * rows.len() as f64 + 40.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{}" class="chart heat">"#,
        esc(title)
    );
    let _ = write!(svg, "<title>{}</title>", esc(title));
    for (j, col) in cols.iter().enumerate() {
        let x = label_w + cell_w * j as f64 + cell_w / 2.0;
        let (first, second) = two_lines(col, 16);
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#1b2430"><title>{}</title>{}</text><text x="{x:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#1b2430">{}</text>"##,
            head_h - 30.0,
            esc(col),
            esc(&first),
            head_h - 16.0,
            esc(&second)
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let y = head_h + cell_h * i as f64;
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#1b2430">{}</text>"##,
            label_w - 8.0,
            y + 15.0,
            esc(&cut(row, 46))
        );
        for (j, cell) in cells.get(i).into_iter().flatten().enumerate() {
            let x = label_w + cell_w * j as f64;
            let (fill, text, ink) = match cell {
                HeatCell::Value(v, _) | HeatCell::Small(v, _) => {
                    let fill = if *v < bands[0] {
                        "#cfe8d6"
                    } else if *v < bands[1] {
                        "#f7e7a6"
                    } else if *v < bands[2] {
                        "#f4b77a"
                    } else {
                        "#e07a7a"
                    };
                    (fill, heat_text(cell), "#1b2430")
                }
                HeatCell::Withheld(_) => ("#eef1f4", heat_text(cell), "#566273"),
                HeatCell::Empty => ("#ffffff", heat_text(cell), "#566273"),
            };
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="#ffffff"/><text x="{:.1}" y="{:.1}" font-size="10.5" text-anchor="middle" fill="{ink}">{}</text>"##,
                cell_w,
                cell_h,
                x + cell_w / 2.0,
                y + 15.0,
                esc(&text)
            );
        }
    }
    let ly = head_h + cell_h * rows.len() as f64 + 22.0;
    let _ = write!(
        svg,
        r##"<text x="10" y="{ly:.1}" font-size="11" fill="#566273">{}: below {} green · below {} yellow · below {} orange · above red{}</text>"##,
        esc(legend),
        bands[0],
        bands[1],
        bands[2],
        if cells
            .iter()
            .flatten()
            .any(|c| matches!(c, HeatCell::Small(..)))
        {
            " · n=…* fewer answers than the minimum group size: read with caution"
        } else {
            ""
        }
    );
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars of a need from 0, coloured by `bands` (upper bounds of the green, yellow and
/// orange bands: green below the first, amber up to the third, red above), on an axis long
/// enough for the largest value and the last band, with a tick every 5 or 10.
pub fn need_bars(rows: &[(String, f64)], bands: [f64; 3], title: &str) -> String {
    let largest = rows.iter().map(|r| r.1).fold(bands[2], f64::max);
    let step = if largest > 30.0 { 10.0 } else { 5.0 };
    let max = (largest / step).ceil() * step;
    let (label_w, bar_w, row_h) = (300.0_f64, 260.0_f64, 26.0_f64);
    let h = row_h * rows.len() as f64 + 30.0;
    let w = label_w + bar_w + 60.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{}" class="chart bars">"#,
        esc(title)
    );
    let _ = write!(svg, "<title>{}</title>", esc(title));
    for tick in 0..=((max / step) as usize) {
        let level = tick as f64 * step;
        let x = label_w + bar_w * level / max;
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="0" x2="{x:.1}" y2="{:.1}" stroke="#e3e8ee"/><text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#566273">{level}</text>"##,
            h - 18.0,
            h - 5.0
        );
    }
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 4.0;
        let short = cut(label, 44);
        let colour = if *v >= bands[2] {
            "#a1121b"
        } else if *v >= bands[0] {
            "#b07a00"
        } else {
            "#1d6b3a"
        };
        let len = bar_w * v.clamp(0.0, max) / max;
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#1b2430">{}</text><rect x="{label_w}" y="{y:.1}" width="{len:.1}" height="18" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1b2430">{v:.2}</text>"##,
            label_w - 8.0,
            y + 15.0,
            esc(&short),
            label_w + len + 5.0,
            y + 14.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Vertical columns of a count per period (`label`, value), in brand blue, with the value
/// above each column and every label below (thinned out when there are many).
pub fn columns(rows: &[(String, f64)], title: &str) -> String {
    let (w, h, left, bottom) = (640.0_f64, 240.0_f64, 40.0_f64, 40.0_f64);
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max).max(1.0);
    let n = rows.len().max(1) as f64;
    let slot = (w - left - 10.0) / n;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{}" class="chart columns">"#,
        esc(title)
    );
    let _ = write!(svg, "<title>{}</title>", esc(title));
    let plot = h - bottom - 20.0;
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#d5dbe3"/>"##,
        h - bottom,
        w - 10.0,
        h - bottom
    );
    let every = (rows.len() / 12).max(1);
    for (i, (label, v)) in rows.iter().enumerate() {
        let bh = plot * v.max(0.0) / max;
        let x = left + slot * i as f64 + slot * 0.15;
        let bw = (slot * 0.7).max(1.0);
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{:.1}" width="{bw:.1}" height="{bh:.1}" fill="#0b4f7c"><title>{}: {v:.0}</title></rect>"##,
            h - bottom - bh,
            esc(label)
        );
        if rows.len() <= 24 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="#1b2430">{v:.0}</text>"##,
                x + bw / 2.0,
                h - bottom - bh - 3.0
            );
        }
        if i % every == 0 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="#566273">{}</text>"##,
                x + bw / 2.0,
                h - bottom + 14.0,
                esc(label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_values_written() {
        let svg = radar(
            &[
                ("A <b>&".into(), Some(2.5)),
                ("B".into(), None),
                ("C".into(), Some(4.0)),
                ("D".into(), Some(0.0)),
            ],
            4.0,
            "Scores \"x\"",
            Lang::En,
        );
        assert!(svg.contains("A &lt;b&gt;&amp;"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("2.50") && svg.contains("not scored"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        let mut flagged = Bar::plain("Detention", Some(3.5));
        flagged.score.red_flags = 1;
        let svg = bars(
            &[
                Bar::plain("Structure", Some(1.0)),
                Bar::plain("Resources", Some(3.0)),
                flagged,
            ],
            4.0,
            "t",
            Lang::En,
        );
        assert!(svg.contains("#a1121b") && svg.contains("#1d6b3a"));
        // The band is written beside the value: red and green bars differ without colour.
        assert!(
            svg.contains(">1.00 · priority for action<") && svg.contains(">3.00 · established<")
        );
        // A red flag behind a green mean: a red bar that says why.
        assert!(svg.contains(">3.50 · red flag<"), "{svg}");
        assert_eq!(svg.matches("#a1121b").count(), 2, "{svg}");
        // In the reader's language.
        let svg = bars(
            &[
                Bar::plain("Structure", Some(3.0)),
                Bar::plain("Budget", None),
            ],
            4.0,
            "t",
            Lang::Fr,
        );
        assert!(
            svg.contains(">3.00 · consolidé<") && svg.contains(">non noté<"),
            "{svg}"
        );
    }

    #[test]
    fn heat_maps_write_every_value_and_withhold_small_groups() {
        let svg = heat_map(
            &["Doc <exam>".into()],
            &[
                "Border Police".into(),
                "Customs".into(),
                "Coast".into(),
                "Examiners".into(),
            ],
            &[vec![
                HeatCell::Value(2.25, 7),
                HeatCell::Withheld(2),
                HeatCell::Empty,
                HeatCell::Small(0.6, 4),
            ]],
            [0.5, 1.0, 2.0],
            "Gaps",
            "gap",
        );
        assert!(svg.contains("Doc &lt;exam&gt;") && !svg.contains("<exam>"));
        assert!(svg.contains("2.2 (n=7)") || svg.contains("2.3 (n=7)"));
        assert!(svg.contains("#e07a7a"), "a gap of 2.25 is red");
        assert!(svg.contains("n=2 &lt;min"));
        assert!(svg.contains("0.6 (n=4*)") && svg.contains("read with caution"));
        let bars = need_bars(
            &[("MRZ".into(), 17.16), ("Interviews".into(), 6.0)],
            [4.0, 8.0, 14.0],
            "Needs",
        );
        assert!(bars.contains("#a1121b") && bars.contains(">17.16<"));
        assert!(bars.contains("#b07a00") && bars.contains(">6.00<"));
        // The axis reaches the largest value, ticked every 5.
        assert!(bars.contains(">20</text>") && !bars.contains(">25</text>"));
    }
}
