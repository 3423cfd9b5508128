//! Training needs analysis as exchanged with the pages: questionnaires, campaigns, responses
//! and results.

use super::CampaignStatus;
pub use super::Texts;
use serde::{Deserialize, Serialize};

/// The new-campaign form as sent: repeated `agency`, `country` and `position` fields for what
/// it covers; checked and turned into a campaign by the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CampaignInput {
    /// Title.
    pub title: String,
    /// Questionnaire version id.
    pub questionnaire: String,
    /// First day (YYYY-MM-DD).
    pub opens_on: String,
    /// Last day (YYYY-MM-DD).
    pub closes_on: String,
    /// Present when "anonymous" is ticked.
    pub anonymous: Option<String>,
    /// Smallest group whose results are shown (empty: the default).
    pub min_group: String,
    /// Agency ids covered.
    pub agency: Vec<String>,
    /// Country codes covered (every active agency of each).
    pub country: Vec<String>,
    /// Position ids whose officers answer.
    pub position: Vec<String>,
}

/// A questionnaire version in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireRow {
    /// Id.
    pub id: i64,
    /// Shared by every version.
    pub slug: String,
    /// Version number, 1 first.
    pub number: i32,
    /// Title (English).
    pub title: String,
    /// Items.
    pub items: usize,
    /// Campaigns using this version.
    pub campaigns: usize,
    /// In use by a campaign that has left the draft state: no longer editable.
    pub locked: bool,
}

/// When an item or section is shown, as edited and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionView {
    /// The earlier item.
    pub item: String,
    /// `equals`, `in` or `at_least`.
    pub op: String,
    /// The option id(s, comma-separated) or the threshold.
    pub value: String,
}

/// A questionnaire item as edited and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemView {
    /// Id.
    pub id: String,
    /// `likert`, `dual`, `single`, `multiple`, `text` or `numeric`.
    pub kind: String,
    /// Must be answered (when shown).
    pub required: bool,
    /// The item's text.
    pub text: Texts,
    /// Competency measured (id, title).
    pub competency: Option<(String, String)>,
    /// Options: id and text.
    pub options: Vec<(String, Texts)>,
    /// Lowest number.
    pub min: Option<f64>,
    /// Highest number.
    pub max: Option<f64>,
    /// Skip logic.
    pub show_if: Option<ConditionView>,
}

/// A section as edited and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Texts,
    /// Skip logic.
    pub show_if: Option<ConditionView>,
    /// Items.
    pub items: Vec<ItemView>,
}

/// A questionnaire version, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireDetail {
    /// The version's row.
    pub row: QuestionnaireRow,
    /// Title.
    pub title: Texts,
    /// Introduction.
    pub intro: Texts,
    /// Sections.
    pub sections: Vec<SectionView>,
    /// The definition as TOML (for the advanced editor and for download).
    pub toml: String,
    /// Competencies that items may measure: id, title (area order).
    pub competencies: Vec<(String, String)>,
    /// The newest version of the same questionnaire, when this one is older.
    pub newer: Option<i64>,
}

/// A campaign in a list or at the top of its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignRow {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Questionnaire version: id and "title (version n)".
    pub questionnaire: (i64, String),
    /// Draft, open for responses, or closed.
    pub status: CampaignStatus,
    /// Responses are not linked to people.
    pub anonymous: bool,
    /// Smallest group whose results are shown.
    pub min_group: i32,
    /// First day, `YYYY-MM-DD`.
    pub opens_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub closes_on: String,
    /// Submitted responses.
    pub responses: usize,
    /// Agencies covered.
    pub agencies: Vec<String>,
}

/// Response progress in one agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyProgress {
    /// Agency id.
    pub agency_id: i64,
    /// Agency name.
    pub agency: String,
    /// Country code.
    pub country: String,
    /// People invited (active accounts in the agency and the campaign's positions).
    pub invited: usize,
    /// Self-assessments submitted online.
    pub responded: usize,
    /// Supervisors' assessments submitted.
    pub supervisors: usize,
    /// Responses transcribed from paper.
    pub paper: usize,
    /// Responses started and not yet submitted.
    pub drafts: usize,
    /// Online self-assessments per invited person, 0–1.
    pub rate: Option<f64>,
}

/// A campaign's page: settings and progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignDetail {
    /// The campaign.
    pub row: CampaignRow,
    /// Positions it is limited to (empty: every position of its agencies).
    pub positions: Vec<String>,
    /// Progress per agency.
    pub progress: Vec<AgencyProgress>,
}

/// An agency a campaign may cover: id, name, country code, positions (id, title).
pub type AgencyChoice = (i64, String, String, Vec<(i64, String)>);

/// What the campaign form offers: questionnaires and agencies with their positions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignChoices {
    /// Questionnaire versions: id, label.
    pub questionnaires: Vec<(i64, String)>,
    /// Agencies: id, name, country, positions (id, title).
    pub agencies: Vec<AgencyChoice>,
}

/// The analyst's TNA home: questionnaires and campaigns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TnaHome {
    /// Questionnaire versions, newest first within each questionnaire.
    pub questionnaires: Vec<QuestionnaireRow>,
    /// Campaigns, newest first.
    pub campaigns: Vec<CampaignRow>,
}

/// A campaign as offered to a respondent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyRow {
    /// Campaign id.
    pub campaign_id: i64,
    /// Title.
    pub title: String,
    /// Last day.
    pub closes_on: String,
    /// Anonymous campaign.
    pub anonymous: bool,
    /// The respondent's self-assessment: `none`, `draft` or `submitted`.
    pub own: String,
    /// Positions of the respondent's agency a supervisor may assess: id, title, state
    /// (`none`, `draft`, `submitted`).
    pub supervise: Vec<(i64, String, String)>,
}

/// A response being filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseForm {
    /// Response id.
    pub id: i64,
    /// Campaign id and title.
    pub campaign: (i64, String),
    /// Anonymous campaign.
    pub anonymous: bool,
    /// `self` or `supervisor`.
    pub perspective: String,
    /// The position assessed (supervisors) or held.
    pub position: Option<String>,
    /// The questionnaire's title.
    pub title: Texts,
    /// Its introduction.
    pub intro: Texts,
    /// Sections.
    pub sections: Vec<SectionView>,
    /// The answers so far as form fields (name, value; several for multiple choice).
    pub values: Vec<(String, String)>,
    /// Submitted (read only).
    pub submitted: bool,
    /// The campaign still takes answers.
    pub open: bool,
}

/// What a dual item's importance holds when the task is not part of the respondent's job (the
/// same as `content::tna::NOT_MY_JOB`, which the browser bundle does not link).
pub const NOT_MY_JOB: &str = "n/a";

/// One row of a gap analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapRow {
    /// Competency id.
    pub competency: String,
    /// Competency title.
    pub title: String,
    /// Agency name (empty for all agencies).
    pub agency: String,
    /// Position title (empty for all positions).
    pub position: String,
    /// Answers.
    pub n: usize,
    /// Mean required level, 1–5.
    pub required: Option<f64>,
    /// Mean assessed level, 1–5 (`None` when withheld).
    pub assessed: Option<f64>,
    /// Required − assessed.
    pub gap: Option<f64>,
    /// Need index: Borich's mean weighted discrepancy score, −42…42.
    pub need: Option<f64>,
    /// Standard deviation of the assessed level.
    pub spread: Option<f64>,
    /// 95 % confidence half-width of the assessed level.
    pub confidence: Option<f64>,
    /// Fewer answers than the campaign's minimum group size: figures withheld.
    pub withheld: bool,
    /// Fewer answers than the minimum group size, figures shown (a named campaign): read with
    /// caution.
    #[serde(default)]
    pub caution: bool,
    /// Respondents who said the task is not part of their job (not among `n`).
    #[serde(default)]
    pub not_my_job: usize,
}

/// One line of the recommended training plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRow {
    /// Order, 1 first.
    pub order: usize,
    /// Course slug and title.
    pub course: (String, String),
    /// Module title.
    pub module: String,
    /// Competency titles addressed.
    pub competencies: Vec<String>,
    /// People who need it.
    pub people: usize,
    /// Agencies where those people work, with how many.
    pub agencies: Vec<(String, usize)>,
}

/// A campaign's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TnaResults {
    /// The campaign.
    pub campaign: CampaignRow,
    /// Submitted responses analysed.
    pub respondents: usize,
    /// The heat map (competency × agency), SVG.
    pub heat_svg: String,
    /// The heat map's figures: one row per competency, its full title first, then a cell per
    /// agency of `agencies`, as the map writes it.
    pub heat_figures: Vec<Vec<String>>,
    /// The same per country, SVG, when the campaign spans several countries.
    pub country_svg: Option<String>,
    /// The per-country map's figures: its countries, then one row per competency (full title
    /// first, then a cell per country).
    pub country_figures: (Vec<String>, Vec<Vec<String>>),
    /// The top gaps bar chart, SVG.
    pub top_svg: String,
    /// The bar chart's figures: one row per competency, its full title then its need index.
    pub top_figures: Vec<Vec<String>>,
    /// Competencies ranked by need (all agencies).
    pub priorities: Vec<GapRow>,
    /// Agencies (id, name) for the drill-down.
    pub agencies: Vec<(i64, String)>,
    /// The agency drilled into, with its rows per competency × position.
    pub drill: Option<(i64, String, Vec<GapRow>)>,
    /// The recommended training plan.
    pub plan: Vec<PlanRow>,
    /// Officers' and supervisors' views side by side, for the competencies both answered on.
    pub views: Vec<ViewRow>,
    /// What stops people doing each section's tasks well, per agency.
    pub barriers: Vec<BarrierRow>,
}

/// A cause of a performance gap, as barrier items name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CauseCode {
    /// Missing or faulty equipment.
    Equipment,
    /// Unclear or missing procedures.
    Procedures,
    /// Too few staff or too little time.
    Staffing,
    /// Not trained enough.
    Training,
}

/// What the answers to one barrier item say in one agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarrierRow {
    /// The questionnaire section's title.
    pub section: String,
    /// Agency name.
    pub agency: String,
    /// Respondents who answered.
    pub respondents: usize,
    /// Share naming each cause (equipment, procedures, staffing, training), then nothing, in
    /// per cent; empty when withheld.
    pub shares: Vec<f64>,
    /// The cause other than training that prevails, if any: a need for management, not for
    /// the training plan.
    pub other_cause: Option<CauseCode>,
    /// Fewer respondents than the minimum group size, shown with a caution (named campaigns).
    pub caution: bool,
}

/// One side of a [`ViewRow`]: officers' own answers, or supervisors' answers about them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewSide {
    /// Answers.
    pub n: usize,
    /// Mean assessed level, 1–5 (`None` when withheld).
    pub assessed: Option<f64>,
    /// Fewer answers than the minimum group size, shown with a caution (named campaigns).
    pub caution: bool,
}

/// What the difference between the two views says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewFinding {
    /// Within half a level of each other.
    Agree,
    /// Supervisors rate their staff at least half a level lower than the staff rate themselves.
    SupervisorsLower,
    /// Supervisors rate their staff at least half a level higher.
    SupervisorsHigher,
}

/// A competency as officers and their supervisors see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewRow {
    /// Competency id.
    pub competency: String,
    /// Competency title.
    pub title: String,
    /// Agency name.
    pub agency: String,
    /// The officers' own view.
    pub officers: ViewSide,
    /// Their supervisors' view.
    pub supervisors: ViewSide,
    /// Supervisors' level minus officers', when both are shown.
    pub difference: Option<f64>,
    /// What the difference says, when both are shown.
    pub finding: Option<ViewFinding>,
}

/// The outcome of a paper-response import, shown on the campaign page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaperImport {
    /// Responses imported (0 when the file was refused).
    pub imported: usize,
    /// Every problem found; nothing was imported when there is any.
    pub problems: Vec<crate::model::ImportProblem>,
}

/// One competency on a job specification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementRow {
    /// Competency id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Descriptors of levels 1–5.
    pub levels: Vec<String>,
    /// The level the position requires, if any.
    pub required: Option<i32>,
}

/// A position's job specification, by competency area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSpecification {
    /// Position id.
    pub position_id: i64,
    /// Position title.
    pub position: String,
    /// Agency id and name.
    pub agency: (i64, String),
    /// Names of levels 1–5.
    pub level_names: Vec<String>,
    /// The language (BCP 47) the framework's text is written in.
    pub language: String,
    /// Areas: title and competencies.
    pub areas: Vec<(String, Vec<RequirementRow>)>,
}

/// The competency framework as shown: level names and areas with their competencies
/// (id, title, description, level descriptors, modules that build it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyFramework {
    /// Title and version.
    pub title: String,
    /// The stored framework's edit version (0: the shipped framework, never edited).
    pub version: i32,
    /// Whether the person may edit it (needs analysts and administrators).
    pub editable: bool,
    /// Area ids, in the order of `areas`.
    pub area_ids: Vec<String>,
    /// Names of levels 1–5.
    pub level_names: Vec<String>,
    /// The language (BCP 47) the framework's text is written in.
    pub language: String,
    /// Areas.
    pub areas: Vec<(String, Vec<CompetencyView>)>,
}

/// One competency as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Descriptors of levels 1–5.
    pub levels: Vec<String>,
    /// Course modules that build it: (course slug, module title).
    pub builds: Vec<(String, String)>,
    /// The same, as written in the framework (`course/module`).
    pub modules: Vec<String>,
}

/// A class evaluation questionnaire for a trainee to answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationForm {
    /// Class id.
    pub class_id: i64,
    /// Class name.
    pub class_name: String,
    /// Its course's title.
    pub course_title: String,
    /// `reaction` or `follow_up`.
    pub survey: String,
    /// The questionnaire's title.
    pub title: Texts,
    /// Its introduction.
    pub intro: Texts,
    /// Its sections.
    pub sections: Vec<SectionView>,
    /// Already answered by this trainee.
    pub done: bool,
    /// Open for answers today.
    pub open: bool,
    /// The day it opens, `YYYY-MM-DD`.
    pub opens_on: String,
}

/// What a class said about one item of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationItemResult {
    /// Item id.
    pub id: String,
    /// Its text.
    pub text: Texts,
    /// `likert`, `single`, `multiple`, `text` or `numeric`.
    pub kind: String,
    /// Respondents who answered it.
    pub answered: usize,
    /// Mean of a rating or number.
    pub mean: Option<f64>,
    /// Each option (or rating 1–5) with how many chose it.
    pub counts: Vec<(Texts, usize)>,
    /// Free-text answers, in no particular order.
    pub texts: Vec<String>,
}

/// One questionnaire's results for a class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationResults {
    /// `reaction` or `follow_up`.
    pub survey: String,
    /// The questionnaire's title.
    pub title: Texts,
    /// Questionnaires received.
    pub responses: usize,
    /// Trainees enrolled.
    pub enrolled: usize,
    /// The day it opens (the follow-up opens three months after the class).
    pub opens_on: String,
    /// Whether enough answered for the results to be shown without identifying anyone.
    pub shown: bool,
    /// Per item, when shown.
    pub items: Vec<EvaluationItemResult>,
}

/// A trainee's evaluations of a class: what to answer and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationDue {
    /// Class id.
    pub class_id: i64,
    /// `reaction` or `follow_up`.
    pub survey: String,
    /// Open today.
    pub open: bool,
    /// Already answered.
    pub done: bool,
    /// The day it opens, `YYYY-MM-DD`.
    pub opens_on: String,
}
