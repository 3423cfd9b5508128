//! The progress dashboard's trend lines and its completion-and-gain bars. Lines differ by
//! colour, dash and marker shape, so they read in grey print and without colour vision; the
//! figures themselves are in the tables beside the charts.

use super::{cut, esc};
use std::fmt::Write as _;

/// Okabe–Ito colours, told apart by most colour-vision deficiencies; the last is for the line
/// that sums the rest.
const COLOURS: [&str; 7] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#9a6a00", "#1b2430", "#6b7580",
];
const DASHES: [&str; 7] = ["", "7 4", "2 3", "9 3 2 3", "4 4", "12 4", "1 4"];

/// A marker of shape `i` centred on (`x`, `y`).
fn marker(i: usize, x: f64, y: f64, colour: &str) -> String {
    match i % 5 {
        0 => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.2" fill="{colour}"/>"#),
        1 => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="6" height="6" fill="{colour}"/>"#,
            x - 3.0,
            y - 3.0
        ),
        2 => format!(
            r#"<polygon points="{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{colour}"/>"#,
            y - 4.0,
            x + 3.6,
            y + 3.0,
            x - 3.6,
            y + 3.0
        ),
        3 => format!(
            r#"<polygon points="{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}" fill="{colour}"/>"#,
            y - 4.0,
            x + 4.0,
            y + 4.0,
            x - 4.0
        ),
        _ => format!(
            r#"<path d="M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}" stroke="{colour}" stroke-width="2"/>"#,
            x - 3.5,
            y - 3.5,
            x + 3.5,
            y + 3.5,
            x - 3.5,
            y + 3.5,
            x + 3.5,
            y - 3.5
        ),
    }
}

/// A round top at or above `max` for the value axis, in four whole steps of 1, 2, 2.5 or 5
/// times a power of ten: (top, step).
fn axis_top(max: f64) -> (f64, f64) {
    let raw = (max / 4.0).max(1.0);
    let p = 10f64.powf(raw.log10().floor());
    // Counts are whole: a step of 2.5 only from 25 up, so every tick is a whole number.
    let candidates: &[f64] = if p >= 10.0 {
        &[1.0, 2.0, 2.5, 5.0, 10.0]
    } else {
        &[1.0, 2.0, 5.0, 10.0]
    };
    let step = candidates
        .iter()
        .copied()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p);
    (step * 4.0, step)
}

/// A line per `(label, values)` over `months` (one value per month), with a legend below.
pub fn lines(months: &[String], series: &[(String, Vec<i64>)], title: &str) -> String {
    let (w, left, right, top, plot_h) = (720.0_f64, 48.0_f64, 28.0_f64, 14.0_f64, 200.0_f64);
    let legend_rows = series.len().div_ceil(2);
    let h = top + plot_h + 30.0 + 20.0 * legend_rows as f64 + 6.0;
    let max = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (y_top, step) = axis_top(max);
    let n = months.len().max(1);
    let x_of = |i: usize| {
        if n == 1 {
            left + (w - left - right) / 2.0
        } else {
            left + (w - left - right) * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |v: i64| top + plot_h - plot_h * v as f64 / y_top;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{}" class="chart lines">"#,
        esc(title)
    );
    let _ = write!(svg, "<title>{}</title>", esc(title));
    for k in 0..=4 {
        let v = step * k as f64;
        let y = top + plot_h - plot_h * v / y_top;
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e3e8ee"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#566273">{v:.0}</text>"##,
            w - right,
            left - 6.0,
            y + 3.5
        );
    }
    let every = n.div_ceil(12);
    for (i, m) in months.iter().enumerate() {
        if i % every == 0 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#566273">{}</text>"##,
                x_of(i),
                top + plot_h + 16.0,
                esc(m)
            );
        }
    }
    for (s, (label, values)) in series.iter().enumerate() {
        let colour = COLOURS[s.min(COLOURS.len() - 1)];
        let dash = DASHES[s.min(DASHES.len() - 1)];
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(*v)))
            .collect();
        let dash_attr = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{dash}""#)
        };
        let _ = write!(
            svg,
            r#"<g><title>{}</title><polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>"#,
            esc(label),
            points.join(" ")
        );
        if n <= 36 {
            for (i, v) in values.iter().enumerate() {
                svg.push_str(&marker(s, x_of(i), y_of(*v), colour));
            }
        }
        svg.push_str("</g>");
        // The legend: two columns under the plot.
        let lx = left + (s % 2) as f64 * 330.0;
        let ly = top + plot_h + 40.0 + 20.0 * (s / 2) as f64;
        let _ = write!(
            svg,
            r#"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="2"{dash_attr}/>"#,
            lx + 28.0
        );
        svg.push_str(&marker(s, lx + 14.0, ly, colour));
        let short = cut(label, 44);
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#1b2430">{}</text>"##,
            lx + 36.0,
            ly + 4.0,
            esc(&short)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Two bars per `(label, completion percent, normalised gain)`: completion on 0–100 % and
/// gain on 0–1, side by side under their `heads`, each value written at its bar's end (a
/// value past the scale, or a negative gain, is written and its bar stops at the edge).
pub fn completion_and_gain(
    rows: &[(String, Option<f64>, Option<f64>)],
    heads: (&str, &str),
    none: &str,
    title: &str,
) -> String {
    let (label_w, panel, gap, row_h, head_h) = (230.0_f64, 200.0_f64, 60.0_f64, 26.0_f64, 24.0);
    let w = label_w + 2.0 * (panel + gap);
    let h = head_h + row_h * rows.len().max(1) as f64 + 8.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{}" class="chart pairs">"#,
        esc(title)
    );
    let _ = write!(svg, "<title>{}</title>", esc(title));
    let x0 = [label_w, label_w + panel + gap];
    for (x, head) in x0.iter().zip([heads.0, heads.1]) {
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="14" font-size="12" font-weight="700" fill="#1b2430">{}</text><line x1="{x:.1}" y1="{head_h}" x2="{x:.1}" y2="{:.1}" stroke="#9aa5b1"/>"##,
            esc(head),
            h - 4.0
        );
    }
    for (i, (label, completion, gain)) in rows.iter().enumerate() {
        let y = head_h + i as f64 * row_h + 4.0;
        let short = cut(label, 34);
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#1b2430">{}</text>"##,
            label_w - 8.0,
            y + 14.0,
            esc(&short)
        );
        for (p, (value, scale, colour, text)) in [
            (
                completion,
                100.0,
                "#0072b2",
                completion.map(|v| format!("{v:.0} %")),
            ),
            (gain, 1.0, "#009e73", gain.map(|v| format!("{v:.2}"))),
        ]
        .into_iter()
        .enumerate()
        {
            let x = x0[p];
            match (value, text) {
                (Some(v), Some(text)) => {
                    let len = panel * v.clamp(0.0, scale) / scale;
                    let _ = write!(
                        svg,
                        r##"<rect x="{x:.1}" y="{y:.1}" width="{len:.1}" height="18" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1b2430">{text}</text>"##,
                        x + len + 5.0,
                        y + 14.0
                    );
                }
                _ => {
                    let _ = write!(
                        svg,
                        r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#566273">{}</text>"##,
                        x + 5.0,
                        y + 14.0,
                        esc(none)
                    );
                }
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_draw_every_series_with_its_legend() {
        let months: Vec<String> = ["2026-01", "2026-02", "2026-03"].map(String::from).to_vec();
        let svg = lines(
            &months,
            &[
                ("Border <control>".into(), vec![3, 0, 7]),
                ("Others".into(), vec![1, 1, 1]),
            ],
            "Lessons \"per\" month",
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains("Border &lt;control&gt;") && !svg.contains("<control>"));
        assert!(svg.contains("Lessons &quot;per&quot; month"));
        // The second line is dashed, in the legend too.
        assert_eq!(svg.matches(r#"stroke-dasharray="7 4""#).count(), 2);
        // Every month is labelled when there are few.
        assert!(months.iter().all(|m| svg.contains(&format!(">{m}<"))));
    }

    #[test]
    fn lines_survive_no_data() {
        let svg = lines(&[], &[], "t");
        assert!(svg.ends_with("</svg>") && !svg.contains("NaN"));
        let svg = lines(&["2026-01".into()], &[("a".into(), vec![0])], "t");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn the_axis_top_is_round_and_above_the_data() {
        for (max, top) in [
            (1.0, 4.0),
            (7.0, 8.0),
            (38.0, 40.0),
            (41.0, 80.0),
            (950.0, 1000.0),
        ] {
            assert_eq!(axis_top(max).0, top, "{max}");
        }
    }

    #[test]
    fn completion_and_gain_write_their_values() {
        let svg = completion_and_gain(
            &[
                ("Border Police".into(), Some(120.0), Some(-0.1)),
                ("Immigration".into(), Some(40.0), None),
            ],
            ("Completion", "Gain"),
            "—",
            "t",
        );
        assert!(svg.contains(">120 %<") && svg.contains(">-0.10<") && svg.contains(">40 %<"));
        assert!(svg.contains(">—<"));
        // A value past the scale stops at the panel's edge; a negative one has no length.
        assert!(svg.contains(r#"width="200.0""#) && svg.contains(r#"width="0.0""#));
    }
}
