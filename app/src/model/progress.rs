//! Progress dashboards: filters, figures and tables.

use serde::{Deserialize, Serialize};

/// The dashboard's filters, as the query string gives them (checked on the server).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    /// From month (YYYY-MM).
    pub from: Option<String>,
    /// To month (YYYY-MM, included).
    pub to: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Agency id.
    pub agency: Option<String>,
    /// Course id.
    pub course: Option<String>,
    /// Class id.
    pub class: Option<String>,
    /// Role code of the people counted.
    pub role: Option<String>,
    /// What the trend charts count: a code of [`TREND_MEASURES`] (lessons when empty).
    pub measure: Option<String>,
}

/// What the trend charts can count per month: (code, label).
pub const TREND_MEASURES: [(&str, crate::i18n::Msg); 4] = [
    ("lessons", crate::i18n::Msg::LessonsCompletedCol),
    ("enrolments", crate::i18n::Msg::Enrolments),
    ("certificates", crate::i18n::Msg::CertificatesIssued),
    ("events", crate::i18n::Msg::LearningEvents),
];

impl Filters {
    /// The filters as a query string (for export links).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("from", &self.from),
            ("to", &self.to),
            ("country", &self.country),
            ("agency", &self.agency),
            ("course", &self.course),
            ("class", &self.class),
            ("role", &self.role),
            ("measure", &self.measure),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                let enc: String = v
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                parts.push(format!("{k}={enc}"));
            }
        }
        parts.join("&")
    }
}

/// Headline figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// People with any learning event.
    pub people: i64,
    /// Enrolments.
    pub enrolments: i64,
    /// Lessons completed.
    pub lessons: i64,
    /// Certificates issued.
    pub certificates: i64,
    /// Exercises answered.
    pub exercises: i64,
    /// Average exercise score, percent.
    pub exercise_score: Option<f64>,
    /// Average post-test score (best per person and course), percent.
    pub post_test: Option<f64>,
    /// Average normalised gain from pre-test to post-test.
    pub gain: Option<f64>,
    /// People with both a pre-test and a post-test.
    pub gain_people: usize,
}

/// One row of a breakdown table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Agency, course or country.
    pub label: String,
    /// People.
    pub people: i64,
    /// Enrolments.
    pub enrolments: i64,
    /// Lessons completed.
    pub lessons: i64,
    /// Certificates.
    pub certificates: i64,
    /// Exercises answered.
    pub exercises: i64,
    /// Average exercise score.
    pub exercise_score: Option<f64>,
    /// Average post-test score.
    pub post_test: Option<f64>,
    /// Normalised gain.
    pub gain: Option<f64>,
}

impl Row {
    /// Certificates per enrolment in the period, percent (`None` without enrolments). A period
    /// that starts after a class began counts its certificates but not its enrolments, so this
    /// can pass 100 %.
    pub fn completion(&self) -> Option<f64> {
        (self.enrolments > 0).then(|| 100.0 * self.certificates as f64 / self.enrolments as f64)
    }
}

/// What the filter form offers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// (code, name).
    pub countries: Vec<(String, String)>,
    /// (id, name).
    pub agencies: Vec<(i64, String)>,
    /// (id, title).
    pub courses: Vec<(i64, String)>,
    /// (id, name): the classes the viewer may see.
    pub classes: Vec<(i64, String)>,
}

/// A dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Filters applied.
    pub filters: Filters,
    /// Headline figures.
    pub totals: Totals,
    /// Per month: (YYYY-MM, events, enrolments).
    pub monthly: Vec<(String, i64, i64)>,
    /// The chosen measure per month for the largest courses (the rest as one "other" line).
    pub trend_courses: Trend,
    /// The same per agency.
    pub trend_agencies: Trend,
    /// Per agency.
    pub agencies: Vec<Row>,
    /// Per course.
    pub courses: Vec<Row>,
    /// Per country.
    pub countries: Vec<Row>,
    /// Exercise accuracy per feature kind: (kind, found, total).
    pub defects: Vec<(String, i64, i64)>,
    /// Border-desk decisions per case kind: (case kind code, right, decided).
    pub desk: Vec<(String, i64, i64)>,
    /// Training needs per closed needs-analysis campaign in scope, oldest first.
    pub needs: Vec<NeedsPoint>,
    /// Filter choices.
    pub options: Options,
}

/// The dashboard's charts, as SVG drawn on the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charts {
    /// Learning events per month.
    pub activity: String,
    /// The trend measure per month, by course.
    pub courses: String,
    /// The trend measure per month, by agency.
    pub agencies: String,
    /// Completion and learning gain by agency.
    pub completion: String,
}

/// A figure per month for a few named lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trend {
    /// The months, YYYY-MM, every month of the period.
    pub months: Vec<String>,
    /// (label, one value per month); `None` for the line that sums the rest.
    pub series: Vec<(Option<String>, Vec<i64>)>,
}

/// One closed needs-analysis campaign's gaps, for "gaps closed over time".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsPoint {
    /// Campaign title.
    pub campaign: String,
    /// Closing date, YYYY-MM-DD.
    pub closes_on: String,
    /// Competency × agency groups measured (groups under the minimum size left out).
    pub measured: i64,
    /// Of those, the ones in need of training (need index at or above the plan's threshold).
    pub open: i64,
    /// Groups an earlier campaign found in need that this one no longer does.
    pub closed: i64,
}
