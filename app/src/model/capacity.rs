//! Capacity assessments: the assessment, its scoring by indicator, findings, recommendations
//! and report.

use super::*;

/// An assessment as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentRow {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Country name.
    pub country: String,
    /// Where it stands, from draft to final.
    pub status: AssessmentStatus,
    /// Version number (1 for the first).
    pub number: i32,
    /// First and last day (YYYY-MM-DD).
    pub period: String,
    /// The signed-in person's standing in it.
    pub my_role: Standing,
}

/// What an assessor enters to open an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AssessmentInput {
    /// Title.
    pub title: String,
    /// Country (ISO alpha-3).
    pub country: String,
    /// Requesting government body.
    pub requested_by: String,
    /// First day (YYYY-MM-DD).
    pub starts_on: String,
    /// Last day (YYYY-MM-DD).
    pub ends_on: String,
}

/// A score roll-up as shown: score 0–4 and the indicators behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreView {
    /// Weighted mean level, when anything was scored.
    pub score: Option<f64>,
    /// Indicators scored.
    pub scored: u64,
    /// Indicators not applicable.
    pub not_applicable: u64,
    /// Indicators still to score or reconcile.
    pub unscored: u64,
    /// Traffic light: `red`, `amber` or `green`; an element's or a component's is red when a
    /// critical indicator behind it is a red flag, whatever the score.
    pub light: Option<String>,
    /// Critical indicators behind it judged absent or initial.
    pub red_flags: u64,
}

/// An element in an assessment overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementView {
    /// Framework id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Whether it is in the assessment's scope.
    pub in_scope: bool,
    /// Its roll-up (agreed scores).
    pub score: ScoreView,
}

/// A component in an assessment overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentView {
    /// Framework id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Its roll-up.
    pub score: ScoreView,
    /// Its elements.
    pub elements: Vec<ElementView>,
}

/// An assessment with its team and scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Country code and name.
    pub country: (String, String),
    /// Requesting body.
    pub requested_by: String,
    /// Period (YYYY-MM-DD – YYYY-MM-DD).
    pub period: String,
    /// Where it stands, from draft to final.
    pub status: AssessmentStatus,
    /// Version number.
    pub number: i32,
    /// Framework title and version.
    pub framework: String,
    /// The language (BCP 47) the framework's text is written in.
    pub framework_language: String,
    /// The signed-in person's standing in it.
    pub my_role: Standing,
    /// Whether they may score (lead or assessor, not final).
    pub can_score: bool,
    /// Whether they lead it (or administer the platform).
    pub is_lead: bool,
    /// The team, lead first.
    pub team: Vec<TeamMember>,
    /// Components with their elements.
    pub components: Vec<ComponentView>,
    /// The overall roll-up.
    pub overall: ScoreView,
    /// Indicators in scope whose assessors differ and that have no agreed score yet, in
    /// framework order (shown to the lead, who reconciles them).
    pub to_reconcile: Vec<ToReconcile>,
    /// Critical indicators in scope judged absent or initial, in framework order.
    pub red_flags: Vec<RedFlag>,
}

/// A critical indicator judged absent or initial: it turns its element and component red.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedFlag {
    /// Component title.
    pub component: String,
    /// Element id (its scoring page).
    pub element_id: String,
    /// Element title.
    pub element: String,
    /// Indicator id.
    pub indicator_id: String,
    /// Indicator title.
    pub indicator: String,
    /// The level that counts (0 or 1).
    pub level: u8,
    /// Its name on the framework's scale ("Initial").
    pub level_name: String,
}

/// An indicator waiting for the lead to reconcile its assessors' scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToReconcile {
    /// Element id (its scoring page).
    pub element_id: String,
    /// Element title.
    pub element: String,
    /// Indicator id (its place on that page).
    pub indicator_id: String,
    /// Indicator title.
    pub indicator: String,
    /// The assessors' judgements, lowest first: a level 0–4, or `None` for not applicable.
    pub judgements: Vec<Option<u8>>,
}

/// One assessor's (or the agreed) score of an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreEntry {
    /// Who (empty for the agreed score).
    pub by: String,
    /// Level 0–4, if given.
    pub level: Option<i32>,
    /// Marked not applicable.
    pub not_applicable: bool,
    /// Reason for not applicable, or the rationale of an agreed score.
    pub reason: String,
    /// Evidence notes.
    pub evidence: String,
    /// `low`, `medium` or `high`.
    pub confidence: String,
    /// Kinds of crossing point (`air`, `land`, `sea`) the score leaves out.
    pub not_applicable_to: Vec<String>,
    /// Row version, for saving without overwriting someone else's change.
    pub version: i32,
}

/// An indicator on the scoring page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorScoring {
    /// Framework id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Weight.
    pub weight: f64,
    /// The kinds of crossing point (`air`, `land`, `sea`) it concerns one by one, when it does.
    pub modalities: Vec<String>,
    /// Level descriptors 0–4.
    pub levels: Vec<String>,
    /// Guidance questions.
    pub questions: Vec<String>,
    /// Evidence to look for.
    pub evidence: Vec<String>,
    /// The signed-in assessor's own score.
    pub mine: Option<ScoreEntry>,
    /// Every assessor's score (shown to the lead for reconciliation).
    pub all: Vec<ScoreEntry>,
    /// Highest − lowest level among assessors.
    pub spread: Option<u8>,
    /// The agreed score, when recorded.
    pub agreed: Option<ScoreEntry>,
    /// Source documents attached: (id, name).
    pub documents: Vec<(i64, String)>,
}

/// The scoring page of one element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementScoring {
    /// Assessment id.
    pub assessment_id: i64,
    /// Assessment title.
    pub assessment_title: String,
    /// The element scored.
    pub element: ElementHead,
    /// Component title.
    pub component: String,
    /// Scale names 0–4.
    pub scale: Vec<String>,
    /// The language (BCP 47) the framework's text is written in.
    pub language: String,
    /// Whether the signed-in person may score.
    pub can_score: bool,
    /// Whether they lead (and reconcile).
    pub is_lead: bool,
    /// Indicators.
    pub indicators: Vec<IndicatorScoring>,
}

/// What a score form posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ScoreInput {
    /// `0`–`4`, or `na`.
    pub level: String,
    /// Why not applicable, or the rationale of an agreed score.
    #[serde(default)]
    pub reason: String,
    /// Evidence notes.
    #[serde(default)]
    pub evidence: String,
    /// `low`, `medium` or `high`.
    #[serde(default)]
    pub confidence: String,
    /// Kinds of crossing point (`air`, `land`, `sea`) the country has none of.
    #[serde(default)]
    pub not_applicable_to: Vec<String>,
    /// The version the form was loaded with (0 for a new score).
    pub version: i32,
    /// Set when the lead records the agreed score.
    #[serde(default)]
    pub agreed: Option<String>,
}

/// A finding, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRow {
    /// Id.
    pub id: i64,
    /// Element id.
    pub element: String,
    /// A strength or a gap.
    pub kind: FindingKind,
    /// Text.
    pub text: String,
}

/// A recommendation, as entered and listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RecommendationInput {
    /// Element id.
    pub element: String,
    /// Text.
    pub text: String,
    /// `high`, `medium` or `low`.
    pub priority: String,
    /// `short` or `long`.
    pub timeframe: String,
    /// Responsible agency.
    #[serde(default)]
    pub responsible: String,
    /// Indicative cost.
    #[serde(default)]
    pub cost: String,
    /// The ids of the element's indicators it addresses (picked from a list).
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Planned quarter, `YYYY-Qn`.
    pub quarter: String,
}

/// A recommendation with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationRow {
    /// Id.
    pub id: i64,
    /// What was entered.
    pub input: RecommendationInput,
}

/// Everything the country report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    /// The assessment.
    pub assessment: AssessmentView,
    /// Executive summary, sanitised HTML.
    pub summary_html: String,
    /// Methodology, sanitised HTML.
    pub methodology_html: String,
    /// Executive summary as written (Markdown).
    pub summary_markdown: String,
    /// Methodology as written (Markdown).
    pub methodology_markdown: String,
    /// Radar chart of the component scores (SVG, built on the server from escaped text).
    pub radar_svg: String,
    /// Bar chart of the element scores per component: (component id, SVG).
    pub element_bars: Vec<(String, String)>,
    /// Findings.
    pub findings: Vec<FindingRow>,
    /// Recommendations, by priority then quarter.
    pub recommendations: Vec<RecommendationRow>,
    /// Element id → title, for findings and recommendations.
    pub element_titles: Vec<(String, String)>,
    /// Annex: every indicator in scope with its level and evidence.
    pub annex: Vec<AnnexRow>,
    /// The comparison with the baseline assessment, when one is set.
    pub baseline: Option<BaselineView>,
    /// The language the report is written in (its headings, bands and the framework's text).
    pub lang: crate::i18n::Lang,
}

/// A score before and after (all on the 0–4 scale).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreChange {
    /// What was scored (empty for the overall score).
    pub title: String,
    /// At the baseline.
    pub before: Option<f64>,
    /// At the follow-up.
    pub after: Option<f64>,
    /// Follow-up minus baseline, when both were scored.
    pub change: Option<f64>,
}

/// An indicator's level before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelChange {
    /// Indicator title.
    pub title: String,
    /// Level at the baseline, as text.
    pub before: String,
    /// Level at the follow-up, as text.
    pub after: String,
    /// Levels gained (negative: lost), when both were levels.
    pub change: Option<i32>,
}

/// A member of an assessment team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// Name.
    pub name: String,
    /// Login.
    pub login: String,
    /// Their part in the team.
    pub role: MemberRole,
}

/// The element a scoring page is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementHead {
    /// Id in the framework.
    pub id: String,
    /// Title.
    pub title: String,
    /// What it covers.
    pub summary: String,
}

/// A row of a report's annex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnexRow {
    /// Component title.
    pub component: String,
    /// Element title.
    pub element: String,
    /// Indicator title.
    pub indicator: String,
    /// Level, as text.
    pub level: String,
    /// Evidence notes.
    pub evidence: String,
}

/// A follow-up compared with its baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineView {
    /// Baseline title and period.
    pub title: String,
    /// Overall.
    pub overall: ScoreChange,
    /// Per component.
    pub components: Vec<ScoreChange>,
    /// Per indicator scored in either.
    pub indicators: Vec<LevelChange>,
}
