//! Travellers for a shift at the border desk, generated from a seed: who they are, the document
//! they hold (drawn by the specimen generator), the person standing at the desk, their earlier
//! entries and exits, their purpose and their answers to the officer's questions — and the key:
//! what each traveller really is and what the officer should do.
//!
//! A scenario also carries the alert lists the desk queries: a generated national watch list
//! and stolen-document list, with the entries the seeded cases need planted in them. Everything
//! is the same for the same specification.

use super::alerts::{
    Action, DocumentKind, StolenDocument, WatchEntry, document_number, watch_entry,
};
use super::names::{PersonName, person};
use super::{STATES, State};

/// Utopia's code: its citizens enter as of right.
pub const UTOPIA_CODE: &str = "UTO";
use crate::specimens::{
    Defect, Face, Holder, Layout, Rng, Specimen, generate_for, look_alike, random_face,
};
use assessments::desk::shift::{AlertAction, CaseKind, Direction, Key};
use assessments::desk::stay::{Rule, Stay};
use assessments::names::{Identity, ListIndex, Name, PartialDate};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// The most travellers one shift may hold.
pub const MAX_TRAVELLERS: u32 = 500;
/// The largest generated watch list.
pub const MAX_LIST: usize = 100_000;
/// The score from which a list entry is shown to the officer as a candidate.
pub const CANDIDATE_FLOOR: f64 = 0.6;

/// What a trainer asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    pub seed: u64,
    pub travellers: u32,
    /// The day of the shift.
    pub today: Date,
    /// The national stay rule.
    pub rule: Rule,
    /// The chance, per traveller, of each case kind other than genuine (0.0005 is realistic,
    /// 0.05 a drill).
    pub rates: Vec<(CaseKind, f64)>,
    /// Cases placed for certain, at positions the seed chooses.
    pub fixed: Vec<(CaseKind, u32)>,
    /// Generated persons on the watch list (planted entries come on top).
    pub list_size: usize,
    /// The share of travellers who are departing, from 0 (an arrivals hall) to 1 (a departures
    /// hall). Expired and soon-expiring documents are always met on arrival.
    #[serde(default)]
    pub exit_share: f64,
}

/// Why a specification cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    #[error("a shift holds from 1 to {MAX_TRAVELLERS} travellers")]
    Travellers,
    #[error("the fixed cases ({0}) are more than the travellers")]
    TooManyFixed(u64),
    #[error("the day of the shift must be in the years 2000 to 2100")]
    Today,
    #[error("a rate is a chance between 0 and 0.5")]
    Rate,
    #[error("the watch list holds at most {MAX_LIST} generated persons")]
    List,
    #[error("a genuine traveller is not a case to place")]
    GenuineFixed,
    #[error("the share of departing travellers is between 0 and 1")]
    ExitShare,
    #[error(
        "the stay rule allows from {MIN_STAY_DAYS} to {MAX_STAY_DAYS} days, fewer than its window holds, in a window of at most {MAX_WINDOW_DAYS} days"
    )]
    Rule,
}

/// The fewest days a stay rule may allow (a traveller intends a stay of three days or more).
pub const MIN_STAY_DAYS: u32 = 7;
/// The most days a stay rule may allow (a short-stay rule; longer stays need a residence
/// permit, which the desk does not model).
pub const MAX_STAY_DAYS: u32 = 365;
/// The longest window a stay rule may count in (about ten years).
pub const MAX_WINDOW_DAYS: u32 = 3_660;

/// Where the traveller stands in the movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Tourism,
    Business,
    FamilyVisit,
    Study,
    Transit,
}

/// A visa in the traveller's document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visa {
    pub number: String,
    pub valid_from: Date,
    pub valid_until: Date,
    /// Days of stay the visa allows.
    pub duration_days: u32,
}

/// One traveller at the desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Traveller {
    /// Position in the queue, from 0.
    pub index: u32,
    pub layout: Layout,
    /// The document's data as issued.
    pub holder: Holder,
    /// Defects drawn into the document.
    pub defects: Vec<Defect>,
    /// The face the document was issued for.
    pub face: Face,
    /// The face of the person at the desk.
    pub bearer: Face,
    /// The name in its own script, when it has one.
    pub native_name: Option<String>,
    pub visa: Option<Visa>,
    /// Earlier stays in Utopia, oldest first.
    pub history: Vec<Stay>,
    /// For a foreigner departing: the day this visit began (the stay they are ending today).
    #[serde(default)]
    pub entered: Option<Date>,
    pub purpose: Purpose,
    /// Days the traveller says they will stay; for a departing traveller, the days they stayed
    /// (or, for a citizen, will be away).
    pub intended_days: u32,
    /// For a minor: who travels with them, and whether the absent parent's consent is shown.
    pub minor: Option<MinorTravel>,
    /// The officer's questions and this traveller's answers.
    pub answers: Vec<(Question, String)>,
    pub key: Key,
}

/// A minor's travel arrangements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinorTravel {
    pub accompanied_by: String,
    pub consent_letter: bool,
}

/// The questions an officer may put at the primary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    Purpose,
    Length,
    Accommodation,
    Occupation,
    ReturnTicket,
    Funds,
    PlaceOfBirth,
    TravellingWith,
}

impl Question {
    pub const ALL: [Question; 8] = [
        Question::Purpose,
        Question::Length,
        Question::Accommodation,
        Question::Occupation,
        Question::ReturnTicket,
        Question::Funds,
        Question::PlaceOfBirth,
        Question::TravellingWith,
    ];
}

/// A generated shift: its lists and its travellers.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub spec: Spec,
    pub watch: Vec<WatchEntry>,
    pub stolen: Vec<StolenDocument>,
    pub travellers: Vec<Traveller>,
}

impl Spec {
    /// Checks the specification before anything is generated.
    pub fn check(&self) -> Result<(), SpecError> {
        if self.travellers == 0 || self.travellers > MAX_TRAVELLERS {
            return Err(SpecError::Travellers);
        }
        let fixed: u64 = self.fixed.iter().map(|(_, n)| u64::from(*n)).sum();
        if fixed > u64::from(self.travellers) || self.fixed.len() > CaseKind::ALL.len() {
            return Err(SpecError::TooManyFixed(fixed));
        }
        if !(2000..=2100).contains(&self.today.year()) {
            return Err(SpecError::Today);
        }
        if self.fixed.iter().any(|(k, _)| *k == CaseKind::Genuine) {
            return Err(SpecError::GenuineFixed);
        }
        if self.rates.len() > CaseKind::ALL.len()
            || self
                .rates
                .iter()
                .any(|(_, r)| !r.is_finite() || !(0.0..=0.5).contains(r))
            || self.rates.iter().map(|(_, r)| r).sum::<f64>() > 1.0
        {
            return Err(SpecError::Rate);
        }
        if self.list_size > MAX_LIST {
            return Err(SpecError::List);
        }
        if !self.exit_share.is_finite() || !(0.0..=1.0).contains(&self.exit_share) {
            return Err(SpecError::ExitShare);
        }
        if !(MIN_STAY_DAYS..=MAX_STAY_DAYS).contains(&self.rule.max_days)
            || self.rule.max_days >= self.rule.window_days
            || self.rule.window_days > MAX_WINDOW_DAYS
        {
            return Err(SpecError::Rule);
        }
        Ok(())
    }
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The case kind of each traveller: fixed cases at seeded positions, the rest by rate.
fn kinds(spec: &Spec, rng: &mut Rng) -> Vec<CaseKind> {
    let n = spec.travellers as usize;
    let mut kinds: Vec<Option<CaseKind>> = vec![None; n];
    for (kind, count) in &spec.fixed {
        for _ in 0..*count {
            // A free position: the seed decides which.
            let free: Vec<usize> = (0..n).filter(|i| kinds[*i].is_none()).collect();
            let at = free[rng.below(free.len() as u64) as usize];
            kinds[at] = Some(*kind);
        }
    }
    kinds
        .into_iter()
        .map(|k| {
            k.unwrap_or_else(|| {
                let mut draw = rng.unit();
                for (kind, rate) in &spec.rates {
                    if draw < *rate {
                        return *kind;
                    }
                    draw -= rate;
                }
                CaseKind::Genuine
            })
        })
        .collect()
}

struct Draft {
    name: PersonName,
    state: &'static State,
    female: bool,
    birth: Date,
}

/// Who the traveller is. A name written in another script has spellings to vary; a foreigner
/// (the stay rule applies to foreigners only: Utopia's citizens enter as of right) comes from
/// a neighbour.
fn draft(rng: &mut Rng, today: Date, minor: bool, written_otherwise: bool, foreign: bool) -> Draft {
    let state = if written_otherwise {
        rng.pick(&[&STATES[1], &STATES[2]])
    } else if foreign {
        rng.pick(&STATES[1..])
    } else {
        rng.pick(&STATES)
    };
    let female = rng.below(2) == 0;
    let age_days = if minor {
        365 * 6 + rng.below(365 * 10)
    } else {
        365 * 19 + rng.below(365 * 50)
    };
    Draft {
        name: person(rng, state.names, female),
        state,
        female,
        birth: today - Duration::days(age_days as i64),
    }
}

/// The holder of a document for `draft`, spelled as `spelling` picks.
fn holder_of(rng: &mut Rng, d: &Draft, given: String, surname: String, today: Date) -> Holder {
    let issued = today - Duration::days(30 + rng.below(365 * 8) as i64);
    Holder {
        surname,
        given_names: given,
        number: document_number(rng),
        birth: iso(d.birth),
        sex: if d.female { 'F' } else { 'M' },
        issue: iso(issued),
        expiry: iso(issued + Duration::days(365 * 10)),
        place: rng.pick(&PLACES_OF_BIRTH).to_string(),
        nationality: d.state.code.to_string(),
    }
}

const PLACES_OF_BIRTH: [&str; 8] = [
    "UTOPIA CITY",
    "PORT AMANI",
    "EASTGATE",
    "NORTH HARBOUR",
    "ZARQA OASIS",
    "VELIKOGRAD",
    "SAN ISIDRO DEL MAR",
    "RIVERSIDE",
];

/// Earlier stays: short ones that keep within `rule` (at most two in any window), and for an
/// overstay one that broke it, between half a year and two years ago.
fn history(rng: &mut Rng, today: Date, rule: Rule, overstayed: bool) -> Vec<Stay> {
    let window = i64::from(rule.window_days);
    let max = i64::from(rule.max_days);
    let mut stays = Vec::new();
    let mut at = today - Duration::days(1100 + rng.below(200) as i64);
    for _ in 0..rng.below(5) {
        let entry = at + Duration::days(window / 2 + rng.below(120) as i64);
        let exit = entry + Duration::days(1 + rng.below(rule.max_days as u64 / 3) as i64);
        if exit >= today - Duration::days(10) {
            break;
        }
        stays.push(Stay { entry, exit });
        at = exit;
    }
    if overstayed {
        let entry = today - Duration::days(180 + rng.below(500) as i64 + max + 60);
        let exit = entry + Duration::days(max + 4 + rng.below(40) as i64);
        stays.retain(|s| {
            s.exit < entry - Duration::days(window) || s.entry > exit + Duration::days(window)
        });
        stays.push(Stay { entry, exit });
        stays.sort_by_key(|s| s.entry);
    }
    stays
}

/// Generates the shift `spec` describes.
pub fn scenario(spec: &Spec) -> Result<Scenario, SpecError> {
    scenario_with(spec, Vec::new())
}

/// Generates the shift `spec` describes, with a trainer's own persons (read by
/// [`super::alerts::read_watch_csv`]) added to the generated watch list: the query returns them
/// like any listed person, and the key names them where they are a traveller's namesakes.
pub fn scenario_with(spec: &Spec, own: Vec<WatchEntry>) -> Result<Scenario, SpecError> {
    spec.check()?;
    let mut rng = Rng::new(spec.seed ^ 0xDE5C_0001);
    let today = spec.today;
    let kinds = kinds(spec, &mut rng);
    let mut watch: Vec<WatchEntry> = super::alerts::watch_list(spec.seed, spec.list_size);
    watch.extend(own);
    let mut stolen = super::alerts::stolen_documents(spec.seed, spec.list_size / 10 + 20);
    let mut travellers = Vec::with_capacity(kinds.len());
    // Departures draw from their own stream, so a specification without any generates exactly
    // what it did before departures existed.
    let mut exits = Rng::new(spec.seed ^ 0xDE5C_0E17);
    for (index, kind) in kinds.iter().copied().enumerate() {
        let departing = spec.exit_share > 0.0
            && !matches!(kind, CaseKind::ExpiredDocument | CaseKind::SoonExpiring)
            && exits.unit() < spec.exit_share;
        let index = index as u32;
        let minor_case = kind == CaseKind::MinorWithoutConsent;
        // Some genuine travellers are minors too, properly accompanied.
        let genuine_minor = kind == CaseKind::Genuine && rng.below(25) == 0;
        let d = draft(
            &mut rng,
            today,
            minor_case || genuine_minor,
            kind == CaseKind::TransliterationHit,
            kind == CaseKind::Overstay,
        );
        // A child leaving without the absent parent's consent is held when leaving the country
        // they live in: such a case departs only as a citizen.
        let departing = departing && !(minor_case && d.state.code != UTOPIA_CODE);
        let choice: Vec<usize> = d
            .name
            .parts()
            .map(|p| rng.below(p.spellings.len() as u64) as usize)
            .collect();
        let (mut given, mut surname) = d.name.given_and_family(|i, _| choice[i]);
        let mut key = Key {
            kind,
            direction: if departing {
                Direction::Exit
            } else {
                Direction::Entry
            },
            listed_as: None,
            action: None,
            namesakes: Vec::new(),
        };
        let birth = d.birth;
        match kind {
            CaseKind::TrueHit | CaseKind::TransliterationHit => {
                // The traveller is on the list: under this spelling, or under another.
                let id = format!("P{:06}", index + 1);
                let (list_given, list_surname) = if kind == CaseKind::TrueHit {
                    (given.clone(), surname.clone())
                } else if d.name.parts().any(|p| p.spellings.len() > 1) {
                    d.name.given_and_family(|i, n| (choice[i] + 1) % n)
                } else {
                    // No other Latin spelling: the list holds the name in its own script.
                    (String::new(), String::new())
                };
                let action = *rng.pick(&[
                    Action::Arrest,
                    Action::RefuseEntry,
                    Action::RefuseEntry,
                    Action::Inform,
                    Action::Monitor,
                ]);
                let (mut entry, _) = watch_entry(&mut rng, watch.len());
                entry.id = id.clone();
                entry.given_names = if list_surname.is_empty() {
                    String::new()
                } else {
                    list_given
                };
                entry.surname = if list_surname.is_empty() {
                    d.name.native()
                } else {
                    list_surname
                };
                entry.aliases.clear();
                entry.birth = iso(birth);
                entry.nationality = d.state.code.to_string();
                entry.sex = if d.female { "F" } else { "M" }.into();
                entry.action = action;
                entry.reason = match action {
                    Action::Arrest => "Arrest warrant: migrant smuggling",
                    Action::RefuseEntry => "Entry ban after deportation",
                    Action::Inform => "Inform the liaison office on arrival",
                    Action::Monitor => "Record movements: suspected document fraud",
                    Action::LocateMissingPerson => "Missing adult reported by family",
                }
                .into();
                watch.push(entry);
                key.listed_as = Some(id);
                key.action = Some(match action {
                    Action::Arrest => AlertAction::Arrest,
                    Action::RefuseEntry => AlertAction::RefuseEntry,
                    Action::Inform => AlertAction::Inform,
                    Action::Monitor => AlertAction::Monitor,
                    Action::LocateMissingPerson => AlertAction::LocateMissingPerson,
                });
            }
            CaseKind::NearMiss => {
                // Someone listed shares the family name and a similar given name, born years
                // apart: the query returns them, and they are not this traveller.
                let (mut entry, _) = watch_entry(&mut rng, watch.len());
                entry.id = format!("P{:06}", index + 1);
                entry.surname = surname.clone();
                entry.given_names = given.clone();
                entry.aliases.clear();
                let years = 6 + rng.below(15) as i64;
                entry.birth = iso(birth - Duration::days(365 * years));
                entry.nationality = d.state.code.to_string();
                entry.sex = if d.female { "F" } else { "M" }.into();
                watch.push(entry);
            }
            _ => {}
        }
        if kind == CaseKind::Genuine && rng.below(2) == 0 {
            // Spelled as the document does: genuine travellers come in every spelling.
            (given, surname) = d.name.given_and_family(|_, _| 0);
        }
        let mut holder = holder_of(&mut rng, &d, given, surname, today);
        match kind {
            CaseKind::ExpiredDocument => {
                let expired = today - Duration::days(1 + rng.below(200) as i64);
                holder.expiry = iso(expired);
                holder.issue = iso(expired - Duration::days(365 * 10));
            }
            CaseKind::SoonExpiring => {
                let soon = today + Duration::days(3 + rng.below(25) as i64);
                holder.expiry = iso(soon);
                holder.issue = iso(soon - Duration::days(365 * 10));
            }
            CaseKind::StolenDocument => stolen.push(StolenDocument {
                number: holder.number.clone(),
                issuing_state: holder.nationality.clone(),
                kind: DocumentKind::Passport,
                status: (*rng.pick(&["stolen", "lost"])).to_string(),
                reported: iso(today - Duration::days(20 + rng.below(600) as i64)),
            }),
            _ => {}
        }
        // A document must stay valid for the stay.
        let mut intended_days = 3 + rng.below(u64::from(spec.rule.max_days) / 3) as u32;
        if kind == CaseKind::SoonExpiring {
            // Still valid for the whole stay: the traveller leaves before it expires.
            let left = (Date::parse(
                &holder.expiry,
                &time::format_description::well_known::Iso8601::DATE,
            )
            .unwrap_or(today)
                - today)
                .whole_days()
                .max(2) as u32;
            intended_days = intended_days.min(left - 1);
        }
        if !matches!(kind, CaseKind::ExpiredDocument | CaseKind::SoonExpiring) {
            let expiry = Date::parse(
                &holder.expiry,
                &time::format_description::well_known::Iso8601::DATE,
            )
            .unwrap_or(today);
            if expiry < today + Duration::days(i64::from(intended_days) + 60) {
                holder.expiry = iso(today + Duration::days(400 + rng.below(2000) as i64));
            }
        }
        let defects = if kind == CaseKind::MrzDefect {
            vec![*rng.pick(&[
                Defect::WrongCheckDigit,
                Defect::NameMismatch,
                Defect::NumberMismatch,
                Defect::DateMismatch,
            ])]
        } else {
            Vec::new()
        };
        let face = random_face(&mut rng);
        let bearer = if kind == CaseKind::Impostor {
            look_alike(&face, &mut rng)
        } else {
            face
        };
        let layout = if d.state.code == UTOPIA_CODE && rng.below(3) == 0 {
            Layout::Td1
        } else {
            Layout::Td3
        };
        let visa = d.state.visa_required.then(|| {
            let from = today - Duration::days(5 + rng.below(60) as i64);
            Visa {
                number: format!("V{:08}", rng.below(100_000_000)),
                valid_from: from,
                // Valid for the window of the rule, and for the stay intended.
                valid_until: (from + Duration::days(i64::from(spec.rule.window_days.max(180))))
                    .max(today + Duration::days(i64::from(intended_days) + 30)),
                duration_days: spec.rule.max_days,
            }
        });
        let purpose = if minor_case || genuine_minor {
            Purpose::FamilyVisit
        } else {
            *rng.pick(&[
                Purpose::Tourism,
                Purpose::Business,
                Purpose::FamilyVisit,
                Purpose::Study,
                Purpose::Transit,
            ])
        };
        let minor = (minor_case || genuine_minor).then(|| MinorTravel {
            accompanied_by: if minor_case {
                "With my mother. My father stays at home.".into()
            } else if rng.below(2) == 0 {
                "With my mother and my father.".into()
            } else {
                "With my mother; here is my father's letter.".into()
            },
            consent_letter: !minor_case,
        });
        let mut answers = answers::arrival(
            &mut rng,
            purpose,
            intended_days,
            &holder,
            kind == CaseKind::Impostor,
            &minor,
        );
        let citizen = d.state.code == UTOPIA_CODE;
        // Earlier stays are a foreigner's: a citizen's movements are not counted.
        let mut history = if citizen {
            Vec::new()
        } else {
            history(&mut rng, today, spec.rule, kind == CaseKind::Overstay)
        };
        if departing && kind == CaseKind::Overstay {
            // A departing overstayer overstays the visit they end, not an earlier one: the
            // earlier overstay drawn (drawn all the same, so the travellers after this one
            // stay as they are) leaves the history.
            history.retain(|s| (s.exit - s.entry).whole_days() < i64::from(spec.rule.max_days));
        }
        let mut visa = visa;
        let mut entered = None;
        if departing {
            if !citizen {
                let since = departures::end_visit(
                    &mut exits,
                    &mut history,
                    &mut visa,
                    &mut holder,
                    &mut intended_days,
                    today,
                    spec.rule,
                    kind == CaseKind::Overstay,
                );
                entered = Some(since);
            }
            answers::departure(
                &mut answers,
                purpose,
                citizen,
                intended_days,
                entered,
                today,
            );
        }
        travellers.push(Traveller {
            index,
            layout,
            holder,
            defects,
            face,
            bearer,
            native_name: (d.state.names != super::names::Tradition::Latin
                && !d.name.native().is_ascii())
            .then(|| d.name.native()),
            visa,
            history,
            entered,
            purpose,
            intended_days,
            minor,
            answers,
            key,
        });
    }
    // A generated list entry that scores as a hit against a traveller who is not that person
    // would make the key unfair (nothing in the record tells them apart): such entries leave
    // the list. Then the key names every entry the query still returns that is not the
    // traveller: what the officer must dismiss.
    let index = ListIndex::new(watch.iter().map(WatchEntry::identity).collect());
    let mut unfair = std::collections::BTreeSet::new();
    for t in &travellers {
        for c in index.screen(&t.identity(), assessments::names::score::HIT_THRESHOLD, 10) {
            let id = &watch[c.entry].id;
            if t.key.listed_as.as_ref() != Some(id) && id.starts_with('W') {
                unfair.insert(id.clone());
            }
        }
    }
    if !unfair.is_empty() {
        watch.retain(|e| !unfair.contains(&e.id));
    }
    let index = ListIndex::new(watch.iter().map(WatchEntry::identity).collect());
    for t in &mut travellers {
        for c in index.screen(&t.identity(), CANDIDATE_FLOOR, 10) {
            let id = &watch[c.entry].id;
            if t.key.listed_as.as_ref() != Some(id) {
                t.key.namesakes.push(id.clone());
            }
        }
    }
    // Every entry is renumbered in one shuffled sequence, so an id says nothing of how the
    // entry came to be on the list (a traveller's own entry, or a generated person).
    let mut order: Vec<usize> = (0..watch.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let renamed: std::collections::HashMap<String, String> = watch
        .iter_mut()
        .zip(&order)
        .map(|(e, n)| {
            let new = format!("W{:06}", n + 1);
            (std::mem::replace(&mut e.id, new.clone()), new)
        })
        .collect();
    for t in &mut travellers {
        let key = &mut t.key;
        key.listed_as = key.listed_as.as_ref().map(|id| renamed[id].clone());
        for id in &mut key.namesakes {
            *id = renamed[id.as_str()].clone();
        }
    }
    Ok(Scenario {
        spec: spec.clone(),
        watch,
        stolen,
        travellers,
    })
}

impl Traveller {
    /// The traveller as the desk queries the lists: the name, date of birth, nationality, sex
    /// and number the document's MRZ gives.
    pub fn identity(&self) -> Identity {
        let h = &self.holder;
        Identity {
            birth: PartialDate::parse(&h.birth).ok(),
            nationality: Some(h.nationality.clone()),
            sex: assessments::names::score::Sex::parse(&h.sex.to_string()),
            document: Some(h.number.clone()),
            ..Identity::named(
                Name::parse(&format!("{} {}", h.given_names, h.surname))
                    .expect("generated names read"),
            )
        }
    }

    /// The MRZ lines the document prints (those of [`Traveller::specimen`], without drawing).
    pub fn mrz(&self, seed: u64) -> Vec<String> {
        crate::specimens::mrz_for(seed, self.index, self.layout, &self.defects, &self.holder)
    }

    /// The document drawn under visible, UV and IR light.
    pub fn specimen(&self, seed: u64) -> Specimen {
        let issuer = State::by_code(&self.holder.nationality)
            .map(|s| s.issuer)
            .unwrap_or(crate::specimens::UTOPIA);
        generate_for(
            seed,
            self.index,
            self.layout,
            &self.defects,
            self.holder.clone(),
            self.face,
            &issuer,
        )
    }
}

mod answers;
mod departures;

#[cfg(test)]
mod tests;
