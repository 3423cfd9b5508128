//! Document-examination exercises as exchanged between the server and the pages. The kinds,
//! keys, answers and graded outcomes are `assessments::examination`'s (grading is pure and
//! lives there); this module adds their names in the reader's language and the editor's and
//! lists' own shapes.

use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};

pub use assessments::examination::{
    ChecklistItem, ExerciseAnswer, ExerciseKind, ExerciseOutcome, ExerciseSpec, ImageRef,
    ImpostorKey, LightView, LineAbout, LineAnswer, MarkOutcome, MrzKey, OutcomeLine, RegionSpec,
    VerdictKey, VizField, checklist_text,
};
/// A point on an image, in pixels of its full size.
pub use assessments::exercise::Point as Spot;
/// The outline of a region, in pixels of the full image.
pub use assessments::exercise::Shape as Outline;

/// A name in the reader's language.
pub trait Named {
    /// The message naming it.
    fn label(self) -> Msg;
}

impl Named for ExerciseKind {
    fn label(self) -> Msg {
        match self {
            ExerciseKind::Anomalies => Msg::ExKindAnomalies,
            ExerciseKind::LightViews => Msg::ExKindLightViews,
            ExerciseKind::Verdict => Msg::ExKindVerdict,
            ExerciseKind::Compare => Msg::ExKindCompare,
            ExerciseKind::Mrz => Msg::ExKindMrz,
            ExerciseKind::Impostor => Msg::ExKindImpostor,
        }
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
pub const FEATURE_KINDS: [(&str, Msg); 17] = [
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
    ("ghost_image", Msg::FkGhostImage),
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

/// A line of feedback's parts as read in a language.
pub trait Said {
    /// The text in `lang`.
    fn text(&self, lang: Lang) -> String;
}

fn label_in(pairs: &[(&str, Msg)], code: &str, lang: Lang) -> String {
    pairs
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, m)| m.text(lang).to_owned())
}

impl Said for LineAbout {
    fn text(&self, lang: Lang) -> String {
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

impl Said for LineAnswer {
    fn text(&self, lang: Lang) -> String {
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
    /// The course's language (BCP 47), which the exercise is written in.
    pub language: String,
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
    /// Light views, without their answers.
    pub views: Vec<ViewShown>,
    /// Checklist texts (verdict features or impostor reasons).
    pub checklist: Vec<String>,
    /// Bearer photos (impostor).
    pub bearers: Vec<ImageRef>,
    /// MRZ lines shown beside the page (MRZ check), when the author typed them.
    pub mrz_lines: Vec<String>,
    /// Whether the reader is one of its authors (answers are previews).
    pub preview: bool,
    /// Past attempts, newest first.
    pub attempts: Vec<PastAttempt>,
    /// A drill's clock: its limit, and the seconds left of it since the reader opened it.
    pub timer: Option<DrillTimer>,
}

/// The clock of a timed exercise as the reader sees it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DrillTimer {
    /// The limit, in seconds.
    pub limit: u32,
    /// Seconds left (0 when the time is up).
    pub left: u32,
}

/// A light view as the trainee sees it: the page under one light and its question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewShown {
    /// A code of [`LIGHTS`].
    pub light: String,
    /// The page under that light.
    pub image: ImageRef,
    /// The author's question.
    pub question: String,
    /// The options, in the order shown.
    pub options: Vec<String>,
}

/// One of the reader's past attempts at an exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PastAttempt {
    /// Attempt id.
    pub id: i64,
    /// Score in percent.
    pub percent: f64,
    /// When, as shown.
    pub at: String,
}

/// Where the course glossary explains a feature kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlossaryLink {
    /// Feature kind code.
    pub kind: String,
    /// The entry's anchor on the glossary page.
    pub anchor: String,
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
    /// Glossary entries of the course for the feature kinds in the feedback.
    pub glossary: Vec<GlossaryLink>,
    /// When.
    pub at: String,
}

/// A class's own exercises, for its trainers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassExercises {
    /// Class id.
    pub class_id: i64,
    /// Class name.
    pub class_name: String,
    /// The course's slug.
    pub course_slug: String,
    /// The course's title.
    pub course_title: String,
    /// The class's own exercises, drafts included.
    pub exercises: Vec<ExerciseRow>,
}

/// An exercise in its editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseEditor {
    /// The class it is set for, by id and name; `None`: every class of the course.
    pub class: Option<(i64, String)>,
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
    /// The course's modules.
    pub modules: Vec<crate::model::Choice>,
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
    /// Title, module, marking penalty, time limit, instructions and explanation.
    Meta {
        title: String,
        module: Option<i64>,
        /// `None` keeps the penalty as it is.
        penalty: Option<f64>,
        /// A drill's time limit in seconds; `None`: untimed.
        time_limit: Option<u32>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use assessments::examination as rules;

    /// Every code the rules know has its name here, in the same order.
    #[test]
    fn every_code_has_its_name() {
        let codes = |t: &[(&'static str, Msg)]| t.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        assert_eq!(codes(&LIGHTS), rules::LIGHT_CODES);
        assert_eq!(codes(&FEATURE_KINDS), rules::FEATURE_KIND_CODES);
        assert_eq!(codes(&VERDICTS), rules::VERDICT_CODES);
        assert_eq!(codes(&FORGERIES), rules::FORGERY_CODES);
        assert_eq!(codes(&MRZ_FIELDS), rules::MRZ_FIELD_CODES);
    }
}
