//! Document-examination exercises: their kinds, answer keys, answers and graded outcomes, as
//! exchanged between the server and the pages. Geometry and grading live in
//! `assessments::exercise` on the server; the outline type here mirrors its JSON.

use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};

/// What the trainee is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseKind {
    /// Mark the anomalies on the image.
    Anomalies,
    /// Examine the page under several lights and answer per view.
    LightViews,
    /// Say whether the document is genuine, counterfeit, forged or used by an impostor, and why.
    Verdict,
    /// Mark the anomalies, with a genuine reference specimen beside the questioned document.
    Compare,
    /// Say whether the machine-readable zone agrees with itself and the visual zone.
    Mrz,
    /// Compare the document portrait with photos of the bearer.
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

    /// Its name for people.
    pub fn label(self) -> Msg {
        match self {
            ExerciseKind::Anomalies => Msg::ExKindAnomalies,
            ExerciseKind::LightViews => Msg::ExKindLightViews,
            ExerciseKind::Verdict => Msg::ExKindVerdict,
            ExerciseKind::Compare => Msg::ExKindCompare,
            ExerciseKind::Mrz => Msg::ExKindMrz,
            ExerciseKind::Impostor => Msg::ExKindImpostor,
        }
    }

    /// Whether the trainee places markers on the image.
    pub fn has_markers(self) -> bool {
        matches!(self, ExerciseKind::Anomalies | ExerciseKind::Compare)
    }
}

/// Lights a page can be examined under.
pub const LIGHTS: [(&str, Msg); 5] = [
    ("visible", Msg::LightVisible),
    ("uv", Msg::LightUv),
    ("ir", Msg::LightIr),
    ("transmitted", Msg::LightTransmitted),
    ("oblique", Msg::LightOblique),
];

/// Security features and defects a region or view can be about. The codes are stored with
/// each finding, so dashboards can say which defects trainees miss most; each has an entry in
/// the shipped glossary of security features.
pub const FEATURE_KINDS: [(&str, Msg); 16] = [
    ("check_digit", Msg::FkCheckDigit),
    ("viz_mrz_mismatch", Msg::FkVizMrzMismatch),
    ("altered_data", Msg::FkAlteredData),
    ("photo_substitution", Msg::FkPhotoSubstitution),
    ("page_substitution", Msg::FkPageSubstitution),
    ("uv_feature", Msg::FkUvFeature),
    ("ir_feature", Msg::FkIrFeature),
    ("watermark", Msg::FkWatermark),
    ("guilloche", Msg::FkGuilloche),
    ("microprint", Msg::FkMicroprint),
    ("printing_method", Msg::FkPrintingMethod),
    ("font", Msg::FkFont),
    ("ovd", Msg::FkOvd),
    ("laminate", Msg::FkLaminate),
    ("perforation", Msg::FkPerforation),
    ("other", Msg::FkOther),
];

/// The label of feature kind `code` (the code itself when unknown).
pub fn feature_label(code: &str) -> Option<Msg> {
    FEATURE_KINDS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, m)| *m)
}

/// A trainee's verdicts on a document.
pub const VERDICTS: [(&str, Msg); 5] = [
    ("genuine", Msg::VerdictGenuine),
    ("counterfeit", Msg::VerdictCounterfeit),
    ("forged", Msg::VerdictForged),
    ("impostor", Msg::VerdictImpostor),
    ("cannot_tell", Msg::VerdictCannotTell),
];

/// Kinds of forgery (a genuine document altered), asked when the verdict is "forged".
pub const FORGERIES: [(&str, Msg); 4] = [
    ("photo_substitution", Msg::FkPhotoSubstitution),
    ("page_substitution", Msg::FkPageSubstitution),
    ("altered_data", Msg::FkAlteredData),
    ("other", Msg::FkOther),
];

/// Fields of a machine-readable zone a trainee can call wrong.
pub const MRZ_FIELDS: [(&str, Msg); 12] = [
    ("document_code", Msg::MrzDocumentCode),
    ("issuing_state", Msg::MrzIssuingState),
    ("name", Msg::MrzName),
    ("document_number", Msg::MrzDocumentNumber),
    ("document_number_check", Msg::MrzDocumentNumberCheck),
    ("nationality", Msg::MrzNationality),
    ("birth_date", Msg::MrzBirthDate),
    ("birth_date_check", Msg::MrzBirthDateCheck),
    ("sex", Msg::MrzSex),
    ("expiry_date", Msg::MrzExpiryDate),
    ("expiry_date_check", Msg::MrzExpiryDateCheck),
    ("composite_check", Msg::MrzCompositeCheck),
];

/// A point on an image, in pixels of its full size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spot {
    /// From the left edge.
    pub x: f64,
    /// From the top edge.
    pub y: f64,
}

/// The outline of a region, in pixels of the full image (same JSON as
/// `assessments::exercise::Shape`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Outline {
    /// Top-left corner, width and height.
    Rect { x: f64, y: f64, w: f64, h: f64 },
    /// Centre and radius.
    Circle { cx: f64, cy: f64, r: f64 },
    /// Vertices in order.
    Polygon { points: Vec<Spot> },
}

impl Outline {
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
            Outline::Rect { x, y, w, h } => {
                ("rect", format!("{},{},{},{}", n(*x), n(*y), n(*w), n(*h)))
            }
            Outline::Circle { cx, cy, r } => ("circle", format!("{},{},{}", n(*cx), n(*cy), n(*r))),
            Outline::Polygon { points } => (
                "polygon",
                points
                    .iter()
                    .map(|p| format!("{},{}", n(p.x), n(p.y)))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    }

    /// Reads an outline typed as [`Outline::to_text`] writes it; `None` when the numbers do
    /// not fit the shape.
    pub fn parse(shape: &str, text: &str) -> Option<Outline> {
        let numbers: Option<Vec<f64>> = text
            .split(|c: char| c == ',' || c.is_whitespace() || c == ';')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect();
        let v = numbers?;
        match (shape, v.len()) {
            ("rect", 4) => Some(Outline::Rect {
                x: v[0],
                y: v[1],
                w: v[2],
                h: v[3],
            }),
            ("circle", 3) => Some(Outline::Circle {
                cx: v[0],
                cy: v[1],
                r: v[2],
            }),
            ("polygon", n) if n % 2 == 0 && n <= 400 => Some(Outline::Polygon {
                points: v.chunks(2).map(|c| Spot { x: c[0], y: c[1] }).collect(),
            }),
            _ => None,
        }
    }

    /// SVG markup drawing the outline, with `class`.
    pub fn svg(&self, class: &str) -> String {
        match self {
            Outline::Rect { x, y, w, h } => {
                format!(r#"<rect class="{class}" x="{x}" y="{y}" width="{w}" height="{h}"/>"#)
            }
            Outline::Circle { cx, cy, r } => {
                format!(r#"<circle class="{class}" cx="{cx}" cy="{cy}" r="{r}"/>"#)
            }
            Outline::Polygon { points } => format!(
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
    pub fn centre(&self) -> Spot {
        match self {
            Outline::Rect { x, y, w, h } => Spot {
                x: x + w / 2.0,
                y: y + h / 2.0,
            },
            Outline::Circle { cx, cy, .. } => Spot { x: *cx, y: *cy },
            Outline::Polygon { points } => {
                let n = points.len().max(1) as f64;
                Spot {
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
    pub outline: Outline,
    /// An anomaly (true) or a genuine feature.
    pub anomaly: bool,
    /// Feature kind code (see [`FEATURE_KINDS`]).
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
    /// A code of [`LIGHTS`].
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
    /// A code of [`VERDICTS`].
    pub verdict: String,
    /// A code of [`FORGERIES`] when the verdict is `forged`.
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
    /// Fields (codes of [`MRZ_FIELDS`]) that are wrong, computed.
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
        }
    }
}

/// A trainee's answer (only the parts its kind asks for are read).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExerciseAnswer {
    /// Markers (anomalies, compare).
    #[serde(default)]
    pub markers: Vec<Spot>,
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
    pub at: Spot,
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
    /// A light view: the light (a code of [`LIGHTS`]) and the author's question.
    View { light: String, question: String },
    /// The verdict on the document.
    Verdict,
    /// Whether the MRZ is consistent.
    MrzConsistent,
    /// A field of the MRZ (a code of [`MRZ_FIELDS`]).
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
    /// A verdict (a code of [`VERDICTS`]) and, when forged, the forgery (of [`FORGERIES`]).
    Verdict {
        verdict: String,
        forgery: String,
    },
    /// One of the options the author wrote.
    Option {
        text: String,
    },
}

fn label_in(pairs: &[(&str, Msg)], code: &str, lang: Lang) -> String {
    pairs
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, m)| m.text(lang).to_owned())
}

impl LineAbout {
    /// The line's subject in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            LineAbout::Item { label } => label.clone(),
            LineAbout::View { light, question } => {
                format!("{} — {question}", label_in(&LIGHTS, light, lang))
            }
            LineAbout::Verdict => Msg::ExKindVerdict.text(lang).to_owned(),
            LineAbout::MrzConsistent => Msg::OutcomeMrzConsistent.text(lang).to_owned(),
            LineAbout::MrzField { field } => label_in(&MRZ_FIELDS, field, lang),
            LineAbout::SamePerson => Msg::OutcomeSamePerson.text(lang).to_owned(),
        }
    }
}

impl LineAnswer {
    /// The answer in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let msg = |m: Msg| m.text(lang).to_owned();
        match self {
            LineAnswer::Nothing => "—".to_owned(),
            LineAnswer::Ticked => "✓".to_owned(),
            LineAnswer::Marked => msg(Msg::OutcomeMarked),
            LineAnswer::NotMarked => msg(Msg::OutcomeNotMarked),
            LineAnswer::Anomaly => msg(Msg::AnomalyWord),
            LineAnswer::Genuine => msg(Msg::GenuineFeature),
            LineAnswer::Yes => msg(Msg::Yes),
            LineAnswer::No => msg(Msg::No),
            LineAnswer::Wrong => msg(Msg::OutcomeWrong),
            LineAnswer::Correct => msg(Msg::OutcomeCorrect),
            LineAnswer::Verdict { verdict, forgery }
                if verdict == "forged" && !forgery.is_empty() =>
            {
                format!(
                    "{} ({})",
                    label_in(&VERDICTS, verdict, lang),
                    label_in(&FORGERIES, forgery, lang)
                )
            }
            LineAnswer::Verdict { verdict, .. } => label_in(&VERDICTS, verdict, lang),
            LineAnswer::Option { text } => text.clone(),
        }
    }

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

/// A row of a course's exercise list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseRow {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: ExerciseKind,
    /// Module title, if placed in one.
    pub module: Option<String>,
    /// Published.
    pub published: bool,
    /// Thumbnail image hash.
    pub image: String,
    /// The reader's best percentage so far.
    pub best: Option<f64>,
}

/// An exercise as the trainee sees it (never its key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseView {
    /// Id.
    pub id: i64,
    /// Course slug and title.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: ExerciseKind,
    /// Instructions, rendered.
    pub instructions_html: String,
    /// Examined image.
    pub image: ImageRef,
    /// Reference specimen (compare).
    pub reference: Option<ImageRef>,
    /// Light views: (light code, image, question, options).
    pub views: Vec<(String, ImageRef, String, Vec<String>)>,
    /// Checklist texts (verdict features or impostor reasons).
    pub checklist: Vec<String>,
    /// Bearer photos (impostor).
    pub bearers: Vec<ImageRef>,
    /// MRZ lines shown beside the page (MRZ check), when the author typed them.
    pub mrz_lines: Vec<String>,
    /// Whether the reader is one of its authors (answers are previews).
    pub preview: bool,
    /// Past attempts: (id, percent, when).
    pub attempts: Vec<(i64, f64, String)>,
}

/// A graded attempt as its trainee (or a trainer) sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseResult {
    /// Attempt id.
    pub id: i64,
    /// The exercise as shown.
    pub exercise: ExerciseView,
    /// The regions, for the overlay: (id, outline, anomaly, label, kind, explanation).
    pub regions: Vec<RegionSpec>,
    /// The outcome.
    pub outcome: ExerciseOutcome,
    /// The author's overall explanation, rendered.
    pub explanation_html: String,
    /// Glossary anchors of the course for the feature kinds in the feedback: (kind, anchor).
    pub glossary: Vec<(String, String)>,
    /// When.
    pub at: String,
}

/// An exercise in its editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseEditor {
    /// Id.
    pub id: i64,
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Kind.
    pub kind: ExerciseKind,
    /// Title.
    pub title: String,
    /// Module id.
    pub module_id: Option<i64>,
    /// The course's modules: (id, title).
    pub modules: Vec<(i64, String)>,
    /// Instructions, Markdown.
    pub instructions: String,
    /// Explanation, Markdown.
    pub explanation: String,
    /// Examined image.
    pub image: ImageRef,
    /// The key and other images.
    pub spec: ExerciseSpec,
    /// Published.
    pub published: bool,
    /// Problems that keep it from being published (empty when ready).
    pub problems: Vec<Msg>,
    /// The version shown; every change from the editor says which version it was made on.
    pub version: i32,
}

/// One change from the exercise editor, decoded from its form at the edge; the service
/// checks it against the exercise and its key.
#[derive(Debug, Clone, PartialEq)]
pub enum ExerciseEdit {
    /// Title, module, marking penalty, instructions and explanation.
    Meta {
        title: String,
        module: Option<i64>,
        /// `None` keeps the penalty as it is.
        penalty: Option<f64>,
        instructions: String,
        explanation: String,
    },
    /// Adds a region (`id` is `None`) or replaces region `id`.
    Region {
        id: Option<String>,
        shape: String,
        coords: String,
        anomaly: bool,
        feature: String,
        label: String,
        explanation: String,
    },
    /// Deletes region `id`.
    RegionDelete { id: String },
    /// Sets light view `index`: its question, options (one per line) and the 1-based number
    /// of the right one.
    View {
        index: usize,
        question: String,
        options: String,
        correct: Option<usize>,
        feature: String,
        explanation: String,
    },
    /// Deletes light view `index`.
    ViewDelete { index: usize },
    /// Sets the verdict key; `features` is the checklist, key entries starred.
    Verdict {
        verdict: String,
        forgery: String,
        features: String,
    },
    /// Sets the MRZ key from the printed lines and the visual zone.
    Mrz { lines: String, viz: Vec<VizField> },
    /// Sets the impostor key; `same` is `None` when not answered.
    Impostor { same: Option<bool>, reasons: String },
    /// Deletes bearer photo `index`.
    BearerDelete { index: usize },
    /// Publishes the exercise (refused while it has problems).
    Publish,
    /// Takes it back to draft.
    Unpublish,
}

/// A change and the version of the exercise it was made on.
#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseChange {
    /// The version the editor showed.
    pub version: i32,
    /// The change.
    pub edit: ExerciseEdit,
}
