//! Document-examination exercises as data and rules: their kinds, the key an author sets, a
//! trainee's answer, and the grading of one against the other into an outcome made of codes
//! (and the author's own words), so every reader sees the result in their language.
//!
//! Geometry (shapes, markers against regions) is in [`crate::exercise`]; an outline here is a
//! [`Shape`] and a marker a [`Point`].

use crate::exercise::{self as geo, Point, Shape};
use serde::{Deserialize, Serialize};

mod grading;
#[cfg(test)]
mod tests;

pub use grading::{Finding, GradeError, grade};

/// What the trainee is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum ExerciseKind {
    /// Mark the anomalies on the image.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "anomalies"))]
    Anomalies,
    /// Examine the page under several lights and answer per view.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "light_views"))]
    LightViews,
    /// Say whether the document is genuine, counterfeit, forged or used by an impostor, and why.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "verdict"))]
    Verdict,
    /// Mark the anomalies, with a genuine reference specimen beside the questioned document.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "compare"))]
    Compare,
    /// Say whether the machine-readable zone agrees with itself and the visual zone.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "mrz"))]
    Mrz,
    /// Compare the document portrait with photos of the bearer.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "impostor"))]
    Impostor,
}

impl ExerciseKind {
    /// Every kind, in the order offered to authors.
    pub const ALL: [ExerciseKind; 6] = [
        ExerciseKind::Anomalies,
        ExerciseKind::LightViews,
        ExerciseKind::Verdict,
        ExerciseKind::Compare,
        ExerciseKind::Mrz,
        ExerciseKind::Impostor,
    ];

    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            ExerciseKind::Anomalies => "anomalies",
            ExerciseKind::LightViews => "light_views",
            ExerciseKind::Verdict => "verdict",
            ExerciseKind::Compare => "compare",
            ExerciseKind::Mrz => "mrz",
            ExerciseKind::Impostor => "impostor",
        }
    }

    /// The kind stored as `code`.
    pub fn from_code(code: &str) -> Option<ExerciseKind> {
        ExerciseKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the trainee places markers on the image.
    pub fn has_markers(self) -> bool {
        matches!(self, ExerciseKind::Anomalies | ExerciseKind::Compare)
    }
}

/// Codes of the lights a page can be examined under.
pub const LIGHT_CODES: [&str; 5] = ["visible", "uv", "ir", "transmitted", "oblique"];

/// Codes of the security features and defects a region or view can be about; each has an
/// entry in the shipped glossary of security features.
pub const FEATURE_KIND_CODES: [&str; 17] = [
    "check_digit",
    "viz_mrz_mismatch",
    "altered_data",
    "photo_substitution",
    "page_substitution",
    "uv_feature",
    "ir_feature",
    "watermark",
    "guilloche",
    "microprint",
    "printing_method",
    "font",
    "ovd",
    "ghost_image",
    "laminate",
    "perforation",
    "other",
];

/// Codes of a trainee's verdicts on a document.
pub const VERDICT_CODES: [&str; 5] = [
    "genuine",
    "counterfeit",
    "forged",
    "impostor",
    "cannot_tell",
];

/// Codes of the kinds of forgery (a genuine document altered), asked when the verdict is
/// `forged`.
pub const FORGERY_CODES: [&str; 4] = [
    "photo_substitution",
    "page_substitution",
    "altered_data",
    "other",
];

/// Codes of the fields of a machine-readable zone a trainee can call wrong.
pub const MRZ_FIELD_CODES: [&str; 12] = [
    "document_code",
    "issuing_state",
    "name",
    "document_number",
    "document_number_check",
    "nationality",
    "birth_date",
    "birth_date_check",
    "sex",
    "expiry_date",
    "expiry_date_check",
    "composite_check",
];

/// How authors type and pages draw an outline.
impl Shape {
    /// The outline as an author types it: `rect` `x,y,w,h`, `circle` `cx,cy,r`, `polygon`
    /// `x1,y1 x2,y2 …` (numbers rounded to a tenth of a pixel).
    pub fn to_text(&self) -> (&'static str, String) {
        let n = |v: f64| {
            let r = (v * 10.0).round() / 10.0;
            if r.fract() == 0.0 {
                format!("{r:.0}")
            } else {
                format!("{r:.1}")
            }
        };
        match self {
            Shape::Rect { x, y, w, h } => {
                ("rect", format!("{},{},{},{}", n(*x), n(*y), n(*w), n(*h)))
            }
            Shape::Circle { cx, cy, r } => ("circle", format!("{},{},{}", n(*cx), n(*cy), n(*r))),
            Shape::Polygon { points } => (
                "polygon",
                points
                    .iter()
                    .map(|p| format!("{},{}", n(p.x), n(p.y)))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    }

    /// Reads an outline typed as [`Shape::to_text`] writes it; `None` when the numbers do
    /// not fit the shape.
    pub fn parse(shape: &str, text: &str) -> Option<Shape> {
        let numbers: Option<Vec<f64>> = text
            .split(|c: char| c == ',' || c.is_whitespace() || c == ';')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect();
        let v = numbers?;
        match (shape, v.len()) {
            ("rect", 4) => Some(Shape::Rect {
                x: v[0],
                y: v[1],
                w: v[2],
                h: v[3],
            }),
            ("circle", 3) => Some(Shape::Circle {
                cx: v[0],
                cy: v[1],
                r: v[2],
            }),
            ("polygon", n) if n % 2 == 0 && n <= 400 => Some(Shape::Polygon {
                points: v.chunks(2).map(|c| Point { x: c[0], y: c[1] }).collect(),
            }),
            _ => None,
        }
    }

    /// SVG markup drawing the outline, with `class`.
    pub fn svg(&self, class: &str) -> String {
        match self {
            Shape::Rect { x, y, w, h } => {
                format!(r#"<rect class="{class}" x="{x}" y="{y}" width="{w}" height="{h}"/>"#)
            }
            Shape::Circle { cx, cy, r } => {
                format!(r#"<circle class="{class}" cx="{cx}" cy="{cy}" r="{r}"/>"#)
            }
            Shape::Polygon { points } => format!(
                r#"<polygon class="{class}" points="{}"/>"#,
                points
                    .iter()
                    .map(|p| format!("{},{}", p.x, p.y))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        }
    }

    /// A point inside the outline's bounding box centre, for labels.
    pub fn centre(&self) -> Point {
        match self {
            Shape::Rect { x, y, w, h } => Point {
                x: x + w / 2.0,
                y: y + h / 2.0,
            },
            Shape::Circle { cx, cy, .. } => Point { x: *cx, y: *cy },
            Shape::Polygon { points } => {
                let n = points.len().max(1) as f64;
                Point {
                    x: points.iter().map(|p| p.x).sum::<f64>() / n,
                    y: points.iter().map(|p| p.y).sum::<f64>() / n,
                }
            }
        }
    }
}

/// A region the author drew: an anomaly to find, or a genuine feature (marking it costs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionSpec {
    /// Stable id within the exercise (`r1`, `r2`, …).
    pub id: String,
    /// Where it is.
    pub outline: Shape,
    /// An anomaly (true) or a genuine feature.
    pub anomaly: bool,
    /// Feature kind code (see [`FEATURE_KIND_CODES`]).
    pub kind: String,
    /// Short label shown in the result.
    pub label: String,
    /// The author's explanation, shown after grading.
    pub explanation: String,
}

/// An image besides the examined one, in `exercise_images`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageRef {
    /// Content hash.
    pub hash: String,
    /// Full width in pixels.
    pub width: i32,
    /// Full height in pixels.
    pub height: i32,
}

/// The page under one light, with a question about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LightView {
    /// A code of [`LIGHT_CODES`].
    pub light: String,
    /// The image under that light.
    pub image: ImageRef,
    /// The question asked about this view.
    pub question: String,
    /// Possible answers.
    pub options: Vec<String>,
    /// Index of the right answer in `options`.
    pub correct: usize,
    /// Feature kind code the view tests.
    pub kind: String,
    /// Shown after grading.
    pub explanation: String,
}

/// One entry of a checklist of features that justify an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// As shown.
    pub text: String,
    /// Whether it belongs to the key.
    pub key: bool,
}

/// A checklist as an author types it: one entry per line, key entries starting with `*`.
pub fn checklist_text(items: &[ChecklistItem]) -> String {
    items
        .iter()
        .map(|f| {
            if f.key {
                format!("* {}", f.text)
            } else {
                f.text.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The key of a verdict exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictKey {
    /// A code of [`VERDICT_CODES`].
    pub verdict: String,
    /// A code of [`FORGERY_CODES`] when the verdict is `forged`.
    pub forgery: String,
    /// Features offered to justify the verdict.
    pub features: Vec<ChecklistItem>,
}

/// A field of the visual zone as printed on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VizField {
    /// `surname`, `given_names`, `document_number`, `nationality`, `birth_date`
    /// (YYYY-MM-DD), `sex`, `expiry_date` (YYYY-MM-DD).
    pub field: String,
    /// As printed.
    pub value: String,
}

/// The key of an MRZ check: the zone as printed and the visual zone; the wrong fields are
/// worked out by the MRZ engine when the author saves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MrzKey {
    /// The machine-readable lines as printed on the page.
    pub lines: Vec<String>,
    /// The visual zone.
    pub viz: Vec<VizField>,
    /// Fields (codes of [`MRZ_FIELD_CODES`]) that are wrong, computed.
    pub wrong: Vec<String>,
    /// Why each is wrong, computed: (field, reason).
    pub reasons: Vec<(String, String)>,
}

/// The key of an impostor exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpostorKey {
    /// Photos of the bearer.
    pub bearers: Vec<ImageRef>,
    /// Whether the bearer is the document's holder.
    pub same_person: bool,
    /// Reasons offered.
    pub reasons: Vec<ChecklistItem>,
}

/// Everything an exercise needs beyond its examined image: the answer key and other images.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseSpec {
    /// Regions (anomalies, compare).
    #[serde(default)]
    pub regions: Vec<RegionSpec>,
    /// What a false mark costs.
    #[serde(default = "default_penalty")]
    pub penalty: f64,
    /// Light views.
    #[serde(default)]
    pub views: Vec<LightView>,
    /// Verdict key.
    #[serde(default)]
    pub verdict: Option<VerdictKey>,
    /// The genuine reference specimen (compare).
    #[serde(default)]
    pub reference: Option<ImageRef>,
    /// MRZ key.
    #[serde(default)]
    pub mrz: Option<MrzKey>,
    /// Impostor key.
    #[serde(default)]
    pub impostor: Option<ImpostorKey>,
    /// A drill's time limit in seconds, counted from when the trainee opened the exercise
    /// (within [`TIME_LIMIT_RANGE`]); `None`: untimed.
    #[serde(default)]
    pub time_limit_secs: Option<u32>,
}

/// The time limits an author may set, in seconds: from a quarter of a minute (a glance at the
/// first line) to an hour.
pub const TIME_LIMIT_RANGE: std::ops::RangeInclusive<u32> = 15..=3600;

/// Seconds allowed beyond a time limit for the page to send the answer on a slow link.
pub const TIME_GRACE_SECS: u32 = 10;

/// An answer that came after the time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverTime {
    /// The limit, in seconds.
    pub limit: u32,
    /// Seconds taken; `None` when the exercise was never opened for this answer.
    pub taken: Option<u32>,
}

/// Applies a drill's time limit to a graded answer: given `taken` seconds (`None` when no
/// start was recorded) against `limit`, an answer beyond the limit and its grace earns no
/// points and says so; its feedback lines stay, so the trainee still learns what was there.
pub fn apply_time_limit(outcome: &mut ExerciseOutcome, limit: Option<u32>, taken: Option<u32>) {
    let Some(limit) = limit else { return };
    let late = match taken {
        Some(t) => t > limit.saturating_add(TIME_GRACE_SECS),
        None => true,
    };
    if late {
        outcome.score = 0.0;
        outcome.over_time = Some(OverTime { limit, taken });
    }
}

fn default_penalty() -> f64 {
    0.5
}

impl Default for ExerciseSpec {
    fn default() -> Self {
        ExerciseSpec {
            regions: Vec::new(),
            penalty: default_penalty(),
            views: Vec::new(),
            verdict: None,
            reference: None,
            mrz: None,
            impostor: None,
            time_limit_secs: None,
        }
    }
}

/// A trainee's answer (only the parts its kind asks for are read).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExerciseAnswer {
    /// Markers (anomalies, compare).
    #[serde(default)]
    pub markers: Vec<Point>,
    /// Chosen option per light view (its index in the key).
    #[serde(default)]
    pub views: Vec<Option<usize>>,
    /// The option texts the form sent per light view, before [`ExerciseAnswer::views`] is
    /// read from them against the key: the page names options by their text, shown in a
    /// random order, so nothing in it tells the author's order (and so the answer) apart.
    #[serde(skip)]
    pub view_texts: Vec<Option<String>>,
    /// Verdict code.
    #[serde(default)]
    pub verdict: String,
    /// Forgery kind code.
    #[serde(default)]
    pub forgery: String,
    /// Checked checklist entries (verdict features, impostor reasons).
    #[serde(default)]
    pub checked: Vec<usize>,
    /// Whether the MRZ is consistent.
    #[serde(default)]
    pub consistent: Option<bool>,
    /// MRZ fields called wrong.
    #[serde(default)]
    pub wrong_fields: Vec<String>,
    /// Same person (impostor).
    #[serde(default)]
    pub same_person: Option<bool>,
}

/// What a marker landed on, for the overlay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkOutcome {
    /// Where.
    pub at: Point,
    /// On an anomaly (true), or a false mark.
    pub hit: bool,
    /// The region it fell in, if any.
    pub region: Option<String>,
}

/// What a line of feedback is about. Stored as codes (and the author's own words where the
/// line is about something the author wrote), so each reader sees it in their language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "about", rename_all = "snake_case")]
pub enum LineAbout {
    /// A region or a checklist entry, by the label its author gave it.
    Item { label: String },
    /// A light view: the light (a code of [`LIGHT_CODES`]) and the author's question.
    View { light: String, question: String },
    /// The verdict on the document.
    Verdict,
    /// Whether the MRZ is consistent.
    MrzConsistent,
    /// A field of the MRZ (a code of [`MRZ_FIELD_CODES`]).
    MrzField { field: String },
    /// Whether the bearer is the document's holder.
    SamePerson,
}

/// An answer on a line of feedback, given or expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum LineAnswer {
    /// Nothing given, or a checklist entry left unticked.
    Nothing,
    /// A checklist entry ticked.
    Ticked,
    /// A region marked.
    Marked,
    /// A region not marked.
    NotMarked,
    /// The region is an anomaly.
    Anomaly,
    /// The region is a genuine feature.
    Genuine,
    Yes,
    No,
    /// An MRZ field called wrong.
    Wrong,
    /// An MRZ field that is correct.
    Correct,
    /// A verdict (a code of [`VERDICT_CODES`]) and, when forged, the forgery (of [`FORGERY_CODES`]).
    Verdict {
        verdict: String,
        forgery: String,
    },
    /// One of the options the author wrote.
    Option {
        text: String,
    },
}

impl LineAnswer {
    /// `Yes` or `No`.
    pub fn yes_no(yes: bool) -> LineAnswer {
        if yes { LineAnswer::Yes } else { LineAnswer::No }
    }
}

/// One line of feedback: something asked, what was given, what was expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeLine {
    /// What it is about.
    pub about: LineAbout,
    /// Whether the trainee got it right.
    pub ok: bool,
    /// What the trainee answered.
    pub given: LineAnswer,
    /// The key.
    pub expected: LineAnswer,
    /// The author's explanation.
    pub explanation: String,
    /// Feature kind, to link the glossary.
    pub kind: String,
}

/// A graded answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseOutcome {
    /// Points earned.
    pub score: f64,
    /// Points possible.
    pub max: f64,
    /// Markers, for the overlay.
    pub marks: Vec<MarkOutcome>,
    /// Anomaly ids found.
    pub found: Vec<String>,
    /// Feedback lines.
    pub lines: Vec<OutcomeLine>,
    /// Set when the answer came after a drill's time limit (and so earned nothing).
    #[serde(default)]
    pub over_time: Option<OverTime>,
}

impl ExerciseOutcome {
    /// Score as a percentage.
    pub fn percent(&self) -> f64 {
        if self.max > 0.0 {
            100.0 * self.score / self.max
        } else {
            0.0
        }
    }
}
