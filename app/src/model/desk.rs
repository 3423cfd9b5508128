//! The border desk as exchanged between the server and the pages. Case kinds, decisions,
//! grounds, scores and their explanations are `assessments`' own types (the rules are pure and
//! live there); this module adds what a page shows of a scenario, the traveller at the desk and
//! a shift's results, and the names of each code in the reader's language.
//!
//! A trainee's page never carries a traveller's key, the scenario's specification or its
//! seed: the desk shows only what an officer at the counter would see.

use super::exercise::Named;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

pub use assessments::desk::shift::{
    AlertAction, CaseKind, Decision, Ground, Mistake, Scored, ShiftResult, Verdict,
};
pub use assessments::names::dates::DateAgreement;
pub use assessments::names::{Explanation, Feature, FeatureKind};

/// Right decisions and travellers per case kind.
pub type ByKind = Vec<(CaseKind, usize, usize)>;

/// A trainer's watch list that was not imported: every bad row, with its line (the header is
/// line 1), column and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskListReport {
    pub rows: Vec<(usize, String, String)>,
}

/// A scenario as the course page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioRow {
    pub id: i64,
    pub title: String,
    pub travellers: u32,
    pub time_limit_minutes: i32,
    /// The reader's shift still open on it.
    pub open_shift: Option<i64>,
    /// The reader's shift that is over (a scenario is worked once; kept as a list for shifts
    /// worked before that rule).
    pub done: Vec<ShiftRow>,
}

/// One shift, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftRow {
    pub id: i64,
    /// Who worked it (lists for trainers).
    pub person: String,
    pub scenario: String,
    /// `YYYY-MM-DD HH:MM`, UTC.
    pub started: String,
    pub decided: u32,
    pub travellers: u32,
    pub finished: bool,
}

/// The border desk of a course, for its authors: the scenarios with their settings, and every
/// shift worked on them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskAdmin {
    pub scenarios: Vec<ScenarioSettings>,
    pub shifts: Vec<ShiftRow>,
    /// Per scenario (its title), right decisions and travellers per case kind over every
    /// decided traveller of its shifts: what the class it is set for gets wrong.
    pub by_kind: Vec<(String, ByKind)>,
    /// The course's classes, a scenario can be set for.
    pub classes: Vec<super::Choice>,
    /// Today on the server, `YYYY-MM-DD`: the day a new scenario's form proposes.
    pub today: String,
}

/// A class's border desk, for its trainers: the scenarios the class works and its trainees'
/// shifts (`desk.classes` holds only this class).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassDesk {
    pub class_id: i64,
    pub class_name: String,
    pub course_slug: String,
    pub course_title: String,
    pub desk: DeskAdmin,
}

/// A scenario's settings, for its authors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioSettings {
    pub id: i64,
    pub title: String,
    pub travellers: u32,
    pub seed: u64,
    pub time_limit_minutes: i32,
    pub list_size: usize,
    /// `YYYY-MM-DD`.
    pub today: String,
    pub rates: Vec<(CaseKind, f64)>,
    pub fixed: Vec<(CaseKind, u32)>,
    /// The class it is set for; `None`: every trainee of the course.
    pub class: Option<String>,
    /// Departing travellers, in per cent of the queue.
    pub exit_percent: u32,
    /// The national stay rule: days allowed, in any window of days.
    pub stay_rule: (u32, u32),
}

/// The desk of a shift: the clock, and the traveller called.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskView {
    pub shift_id: i64,
    pub course_slug: String,
    pub course_title: String,
    pub scenario: String,
    /// The traveller's position in the queue, from 0; equal to `total` when all are decided.
    pub position: u32,
    pub total: u32,
    pub seconds_left: i64,
    /// The day of the shift, `YYYY-MM-DD`.
    pub today: String,
    /// `None` when the shift is over.
    pub traveller: Option<TravellerView>,
    /// What the list query returned, once the officer has queried.
    pub query: Option<QueryView>,
}

/// The traveller at the counter and their document, as the officer sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TravellerView {
    pub index: u32,
    /// A passport (`true`) or an identity card.
    pub passport: bool,
    pub surname: String,
    pub given_names: String,
    /// The name in its own script, when the document prints one.
    pub native_name: Option<String>,
    /// That name transliterated into the MRZ alphabet as ICAO Doc 9303 Part 3 recommends (what
    /// a document reader shows beside it), when it can be.
    pub native_transliterated: Option<String>,
    pub nationality: String,
    pub nationality_name: String,
    pub sex: String,
    pub birth: String,
    pub place_of_birth: String,
    pub number: String,
    pub issued: String,
    pub expires: String,
    pub mrz: Vec<String>,
    /// The fields whose check the document reader reports failed (check digits, dates, codes):
    /// empty when the MRZ reads clean.
    pub mrz_faults: Vec<String>,
    /// A citizen of Utopia: enters as of right, with no visa and no stay limit.
    pub citizen: bool,
    /// Leaving Utopia (the exit is registered), rather than arriving.
    pub departing: bool,
    /// Whether nationals of the traveller's state need a visa.
    pub visa_required: bool,
    pub visa: Option<VisaView>,
    /// Earlier stays in Utopia, latest first.
    pub history: Vec<StayRow>,
    /// The stay rule's calculator on the history, for this arrival.
    pub stay: StayView,
    /// Code of [`PURPOSES`].
    pub purpose: String,
    pub intended_days: u32,
    pub minor: Option<MinorView>,
    /// (code of [`QUESTIONS`], the traveller's answer).
    pub answers: Vec<(String, String)>,
}

/// A visa in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisaView {
    pub number: String,
    pub valid_from: String,
    pub valid_until: String,
    pub duration_days: u32,
}

/// An earlier stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StayRow {
    pub entry: String,
    pub exit: String,
    pub days: u32,
}

/// The stay calculator's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StayView {
    pub max_days: u32,
    pub window_days: u32,
    /// For an arrival, days already used in the window ending today, today included; for a
    /// departing foreigner, in the window ending on the day their visit began.
    pub used: u32,
    /// For a departing foreigner, the day their visit began, `YYYY-MM-DD`.
    pub visit_began: Option<String>,
    /// For a departing foreigner, the days past the last day allowed, on leaving today.
    pub days_over: u32,
    /// The last day the traveller may stay; `None` when no day is left.
    pub latest_exit: Option<String>,
    /// Earlier stays over the limit: (first day over, days over).
    pub overstays: Vec<(String, u32)>,
}

/// A minor's travel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinorView {
    pub accompanied_by: String,
    pub consent_letter: bool,
}

/// What the list query returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryView {
    pub candidates: Vec<CandidateView>,
    pub stolen: Option<StolenView>,
}

/// A listed person the query returned, with why they scored as they did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateView {
    pub id: String,
    pub surname: String,
    pub given_names: String,
    pub aliases: Vec<String>,
    pub birth: String,
    pub nationality: String,
    pub sex: String,
    pub reason: String,
    /// Code of [`ACTIONS`].
    pub action: String,
    pub valid_until: String,
    pub explanation: Explanation,
}

/// A document on the stolen and lost documents list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StolenView {
    pub number: String,
    pub issuing_state: String,
    /// `stolen`, `lost` or `revoked`.
    pub status: String,
    pub reported: String,
}

/// A shift's results with its debrief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftResultsView {
    pub shift_id: i64,
    pub person: String,
    pub scenario: String,
    pub course_slug: String,
    pub course_title: String,
    pub started: String,
    pub summary: ShiftResult,
    pub travellers: Vec<TravellerResultView>,
    /// Travellers not reached before the shift ended.
    pub unreached: usize,
    /// For a trainer reviewing a trainee's shift, the trainers' desk to go back to: the course
    /// editor's for an author, the class's for a class trainer.
    pub trainer_desk: Option<String>,
}

/// One traveller of a scored shift.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TravellerResultView {
    pub index: u32,
    pub name: String,
    pub departing: bool,
    pub scored: Scored,
    pub ground: Option<Ground>,
    pub note: String,
    /// Why each candidate was dismissed: (entry id, code of [`DISMISS_REASONS`]).
    pub reasons: Vec<(String, String)>,
    /// Whether the lists were queried, and the entries confirmed and dismissed.
    pub queried: bool,
    pub confirmed: Vec<String>,
    pub dismissed: Vec<String>,
    /// The listed person this traveller really was, and how the list scored them.
    pub listed: Option<(String, Explanation)>,
}

/// Questions the officer may put, by code.
pub const QUESTIONS: [(&str, Msg); 8] = [
    ("purpose", Msg::DeskQPurpose),
    ("length", Msg::DeskQLength),
    ("accommodation", Msg::DeskQAccommodation),
    ("occupation", Msg::DeskQOccupation),
    ("return_ticket", Msg::DeskQReturnTicket),
    ("funds", Msg::DeskQFunds),
    ("place_of_birth", Msg::DeskQPlaceOfBirth),
    ("travelling_with", Msg::DeskQTravellingWith),
];

/// The wording of question `code` of [`QUESTIONS`] for a traveller leaving Utopia: a
/// foreigner is asked about the visit they end, a citizen about the journey they begin.
pub fn departure_question(code: &str, citizen: bool) -> Option<Msg> {
    Some(match (code, citizen) {
        ("purpose", _) => Msg::DeskQPurposeJourney,
        ("length", false) => Msg::DeskQLengthStayed,
        ("length", true) => Msg::DeskQLengthAway,
        ("accommodation", false) => Msg::DeskQAccommodationStayed,
        ("return_ticket", false) => Msg::DeskQTicketHome,
        ("funds", false) => Msg::DeskQFundsStayed,
        _ => return None,
    })
}

/// Why a candidate the list returned is not the traveller, by code.
pub const DISMISS_REASONS: [(&str, Msg); 5] = [
    ("birth_date", Msg::DeskWhyBirth),
    ("nationality", Msg::DeskWhyNationality),
    ("sex", Msg::DeskWhySex),
    ("name_only", Msg::DeskWhyNameOnly),
    ("other_evidence", Msg::DeskWhyEvidence),
];

/// Purposes of travel, by code.
pub const PURPOSES: [(&str, Msg); 5] = [
    ("tourism", Msg::DeskPurposeTourism),
    ("business", Msg::DeskPurposeBusiness),
    ("family_visit", Msg::DeskPurposeFamily),
    ("study", Msg::DeskPurposeStudy),
    ("transit", Msg::DeskPurposeTransit),
];

/// Actions an alert asks for, by code.
pub const ACTIONS: [(&str, Msg); 5] = [
    ("arrest", Msg::DeskActionArrest),
    ("refuse_entry", Msg::DeskActionRefuse),
    ("inform", Msg::DeskActionInform),
    ("monitor", Msg::DeskActionMonitor),
    ("locate_missing_person", Msg::DeskActionLocate),
];

/// The code of a value as forms and tables write it: its serde name (`true_hit`, `tourism`).
pub fn code_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The label of border-desk case kind `code`.
pub fn case_label(code: &str) -> Option<Msg> {
    CaseKind::ALL
        .into_iter()
        .find(|k| code_of(k) == code)
        .map(|k| k.label())
}

/// The name of `code` in `table`, when it is one of its codes.
pub fn label_of(table: &[(&str, Msg)], code: &str) -> Option<Msg> {
    table.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

impl Named for CaseKind {
    fn label(self) -> Msg {
        match self {
            CaseKind::Genuine => Msg::DeskKindGenuine,
            CaseKind::TrueHit => Msg::DeskKindTrueHit,
            CaseKind::NearMiss => Msg::DeskKindNearMiss,
            CaseKind::TransliterationHit => Msg::DeskKindTranslitHit,
            CaseKind::StolenDocument => Msg::DeskKindStolen,
            CaseKind::Overstay => Msg::DeskKindOverstay,
            CaseKind::ExpiredDocument => Msg::DeskKindExpired,
            CaseKind::SoonExpiring => Msg::DeskKindSoonExpiring,
            CaseKind::MrzDefect => Msg::DeskKindMrzDefect,
            CaseKind::Impostor => Msg::DeskKindImpostor,
            CaseKind::MinorWithoutConsent => Msg::DeskKindMinor,
        }
    }
}

impl Named for Ground {
    fn label(self) -> Msg {
        match self {
            Ground::NoValidDocument => Msg::DeskGroundDocument,
            Ground::FalseDocument => Msg::DeskGroundFalse,
            Ground::NoValidVisa => Msg::DeskGroundVisa,
            Ground::AlertListed => Msg::DeskGroundAlert,
            Ground::StayLimitReached => Msg::DeskGroundStay,
            Ground::PurposeNotJustified => Msg::DeskGroundPurpose,
        }
    }
}

impl Named for Decision {
    fn label(self) -> Msg {
        match self {
            Decision::Admit => Msg::DeskAdmit,
            Decision::Refer => Msg::DeskRefer,
            Decision::Refuse(_) => Msg::DeskRefuse,
        }
    }
}

impl Named for Verdict {
    fn label(self) -> Msg {
        match self {
            Verdict::Right => Msg::DeskVerdictRight,
            Verdict::Minor => Msg::DeskVerdictMinor,
            Verdict::Major => Msg::DeskVerdictMajor,
            Verdict::Critical => Msg::DeskVerdictCritical,
        }
    }
}

impl Named for FeatureKind {
    fn label(self) -> Msg {
        match self {
            FeatureKind::NameExact => Msg::DeskFeatureExact,
            FeatureKind::NameSpelling => Msg::DeskFeatureSpelling,
            FeatureKind::NameSound => Msg::DeskFeatureSound,
            FeatureKind::NameArabic => Msg::DeskFeatureArabic,
            FeatureKind::DateOfBirth => Msg::DeskFeatureBirth,
            FeatureKind::Nationality => Msg::DeskFeatureNationality,
            FeatureKind::Sex => Msg::DeskFeatureSex,
            FeatureKind::DocumentNumber => Msg::DeskFeatureDocument,
        }
    }
}

impl Named for DateAgreement {
    fn label(self) -> Msg {
        match self {
            DateAgreement::Same => Msg::DeskDateSame,
            DateAgreement::SameAsFarAsKnown => Msg::DeskDateAsFarAsKnown,
            DateAgreement::DayMonthSwapped => Msg::DeskDateSwapped,
            DateAgreement::YearOffByOne => Msg::DeskDateYearOff,
            DateAgreement::OtherDay => Msg::DeskDateOtherDay,
            DateAgreement::SameYearOnly => Msg::DeskDateYearOnly,
            DateAgreement::Different => Msg::DeskDateDifferent,
        }
    }
}

/// A mistake in the reader's language: its message, and the list entry it is about.
pub fn mistake_label(m: &Mistake) -> (Msg, Option<&str>) {
    match m {
        Mistake::WrongDecision { .. } => (Msg::DeskMistakeDecision, None),
        Mistake::WrongGround => (Msg::DeskMistakeGround, None),
        Mistake::NoQuery => (Msg::DeskMistakeNoQuery, None),
        Mistake::ReferralWithoutNote => (Msg::DeskMistakeNoNote, None),
        Mistake::HitNotConfirmed { entry } => (Msg::DeskMistakeHitMissed, Some(entry)),
        Mistake::NamesakeConfirmed { entry } => (Msg::DeskMistakeNamesake, Some(entry)),
        Mistake::CandidateLeftOpen { entry } => (Msg::DeskMistakeLeftOpen, Some(entry)),
    }
}
