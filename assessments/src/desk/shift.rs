//! Scoring a shift at the border desk: each traveller's handling against the scenario's key.
//!
//! A shift is scored per traveller — was the decision one the case allows, was the list query
//! made, were hits confirmed and dismissed rightly — and over the shift as signal detection:
//! travellers who must be stopped (referred or refused) are the signal, everyone else is noise;
//! the hit rate, the false-alarm rate and d′ say how well the trainee tells them apart,
//! independently of how cautious they are.

use serde::{Deserialize, Serialize};

/// What a generated traveller really is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// Nothing wrong: the many travellers a shift is mostly made of.
    Genuine,
    /// The traveller is a listed person, under the listed spelling.
    TrueHit,
    /// The list returns someone with a similar name; the traveller is another person.
    NearMiss,
    /// The traveller is a listed person whose name the list spells another way.
    TransliterationHit,
    /// The document is on the stolen and lost documents list.
    StolenDocument,
    /// An earlier visit broke the national stay rule.
    Overstay,
    /// The document has expired.
    ExpiredDocument,
    /// The document expires within weeks: still valid.
    SoonExpiring,
    /// The machine readable zone and the visual zone disagree, or a check digit is wrong.
    MrzDefect,
    /// The bearer is not the person the document was issued to.
    Impostor,
    /// A minor travelling with one parent, without the other parent's consent letter.
    MinorWithoutConsent,
}

impl CaseKind {
    pub const ALL: [CaseKind; 11] = [
        CaseKind::Genuine,
        CaseKind::TrueHit,
        CaseKind::NearMiss,
        CaseKind::TransliterationHit,
        CaseKind::StolenDocument,
        CaseKind::Overstay,
        CaseKind::ExpiredDocument,
        CaseKind::SoonExpiring,
        CaseKind::MrzDefect,
        CaseKind::Impostor,
        CaseKind::MinorWithoutConsent,
    ];
}

/// The legal grounds an officer may refuse entry on (after the standard form most states use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// No valid travel document (expired, reported stolen or lost).
    NoValidDocument,
    /// A false, counterfeit or forged document, or one used by someone else.
    FalseDocument,
    /// No valid visa or residence permit.
    NoValidVisa,
    /// The person is listed for refusal of entry.
    AlertListed,
    /// The national rule on the length of stay: the days it allows are used up, or an earlier
    /// visit overstayed them.
    StayLimitReached,
    /// The purpose and conditions of the stay are not justified.
    PurposeNotJustified,
}

impl Ground {
    pub const ALL: [Ground; 6] = [
        Ground::NoValidDocument,
        Ground::FalseDocument,
        Ground::NoValidVisa,
        Ground::AlertListed,
        Ground::StayLimitReached,
        Ground::PurposeNotJustified,
    ];

    /// The code stored and sent in forms.
    pub fn code(self) -> &'static str {
        match self {
            Ground::NoValidDocument => "no_valid_document",
            Ground::FalseDocument => "false_document",
            Ground::NoValidVisa => "no_valid_visa",
            Ground::AlertListed => "alert_listed",
            Ground::StayLimitReached => "stay_limit_reached",
            Ground::PurposeNotJustified => "purpose_not_justified",
        }
    }

    pub fn from_code(code: &str) -> Option<Ground> {
        Ground::ALL.into_iter().find(|g| g.code() == code)
    }
}

/// The officer's decision for one traveller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", content = "ground", rename_all = "snake_case")]
pub enum Decision {
    /// Entry (or exit) registered.
    Admit,
    /// Sent to second-line examination.
    Refer,
    /// Refused, on a stated ground.
    Refuse(Ground),
}

impl Decision {
    /// The decision's code: `admit`, `refer` or `refuse`.
    pub fn code(self) -> &'static str {
        match self {
            Decision::Admit => "admit",
            Decision::Refer => "refer",
            Decision::Refuse(_) => "refuse",
        }
    }

    /// Reads a decision from its code and, for a refusal, the ground's code.
    pub fn from_codes(decision: &str, ground: Option<&str>) -> Option<Decision> {
        match decision {
            "admit" => Some(Decision::Admit),
            "refer" => Some(Decision::Refer),
            "refuse" => Ground::from_code(ground?).map(Decision::Refuse),
            _ => None,
        }
    }

    /// Whether the traveller was stopped (referred or refused).
    pub fn stops(self) -> bool {
        !matches!(self, Decision::Admit)
    }
}

/// The action an alert asks for, as it bears on the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertAction {
    Arrest,
    RefuseEntry,
    Inform,
    Monitor,
    LocateMissingPerson,
}

/// Which way the traveller crosses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Arriving: the officer admits (registers the entry), refers or refuses entry.
    #[default]
    Entry,
    /// Departing: the officer registers the exit or refers to second line. Refusing entry has
    /// no meaning here, and stopping a departure is a second-line matter.
    Exit,
}

/// The key for one traveller: what they are and what the officer should do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    pub kind: CaseKind,
    /// Arriving or departing (keys written before departures existed are arrivals).
    #[serde(default)]
    pub direction: Direction,
    /// The list entry that is this traveller (a true or transliteration hit).
    pub listed_as: Option<String>,
    /// What that entry asks for.
    pub action: Option<AlertAction>,
    /// List entries the query returns that are other people.
    pub namesakes: Vec<String>,
}

/// What may be decided for a case, and how bad each other decision is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub admit: Verdict,
    pub refer: Verdict,
    pub refuse: Verdict,
    /// The grounds a refusal may rightly state.
    pub grounds: &'static [Ground],
}

/// How a decision stands against the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Right,
    /// A wrong decision with little harm, or a procedural slip.
    Minor,
    /// A wrong decision with real harm.
    Major,
    /// Admitting a confirmed hit, a stolen document or an impostor; refusing a genuine
    /// traveller.
    Critical,
}

impl Key {
    /// Whether the traveller must be stopped: the signal of the shift.
    pub fn must_stop(&self) -> bool {
        self.expectation().admit != Verdict::Right
    }

    /// What may be decided for this traveller.
    pub fn expectation(&self) -> Expectation {
        match self.direction {
            Direction::Entry => self.at_entry(),
            Direction::Exit => self.at_exit(),
        }
    }

    /// At exit the primary line registers the departure or refers; a refusal is never right
    /// (and refusing a genuine traveller's departure is as grave as refusing their entry). An
    /// entry ban does not stop a person leaving; an arrest warrant, a missing person, a stolen
    /// document, an impostor, an overstay on this visit, a document defect and a child leaving
    /// without the absent parent's consent do.
    fn at_exit(&self) -> Expectation {
        use Verdict::*;
        let leaves = Expectation {
            admit: Right,
            refer: Minor,
            refuse: Critical,
            grounds: &[],
        };
        let stop = |admit| Expectation {
            admit,
            refer: Right,
            refuse: Major,
            grounds: &[],
        };
        match self.kind {
            CaseKind::Genuine
            | CaseKind::NearMiss
            | CaseKind::SoonExpiring
            | CaseKind::ExpiredDocument => leaves,
            CaseKind::TrueHit | CaseKind::TransliterationHit => match self.action {
                Some(AlertAction::Arrest) => stop(Critical),
                Some(AlertAction::LocateMissingPerson) => stop(Major),
                Some(AlertAction::RefuseEntry | AlertAction::Inform | AlertAction::Monitor)
                | None => leaves,
            },
            CaseKind::StolenDocument | CaseKind::Impostor => stop(Critical),
            CaseKind::Overstay | CaseKind::MrzDefect | CaseKind::MinorWithoutConsent => stop(Major),
        }
    }

    fn at_entry(&self) -> Expectation {
        use Verdict::*;
        let genuine = Expectation {
            admit: Right,
            refer: Minor,
            refuse: Critical,
            grounds: &[],
        };
        match self.kind {
            CaseKind::Genuine | CaseKind::NearMiss | CaseKind::SoonExpiring => genuine,
            CaseKind::TrueHit | CaseKind::TransliterationHit => match self.action {
                // Arrest and a missing person are for second line and the police.
                Some(AlertAction::Arrest) => Expectation {
                    admit: Critical,
                    refer: Right,
                    refuse: Major,
                    grounds: &[Ground::AlertListed],
                },
                Some(AlertAction::LocateMissingPerson) => Expectation {
                    admit: Major,
                    refer: Right,
                    refuse: Major,
                    grounds: &[],
                },
                Some(AlertAction::RefuseEntry) | None => Expectation {
                    admit: Critical,
                    refer: Right,
                    refuse: Right,
                    grounds: &[Ground::AlertListed],
                },
                // Inform and monitor: the person is admitted and the movement recorded.
                Some(AlertAction::Inform | AlertAction::Monitor) => Expectation {
                    admit: Right,
                    refer: Minor,
                    refuse: Critical,
                    grounds: &[],
                },
            },
            CaseKind::StolenDocument => Expectation {
                admit: Critical,
                refer: Right,
                refuse: Right,
                grounds: &[Ground::NoValidDocument, Ground::FalseDocument],
            },
            CaseKind::Impostor => Expectation {
                admit: Critical,
                refer: Right,
                refuse: Right,
                grounds: &[Ground::FalseDocument],
            },
            CaseKind::ExpiredDocument => Expectation {
                admit: Major,
                refer: Right,
                refuse: Right,
                grounds: &[Ground::NoValidDocument],
            },
            CaseKind::Overstay => Expectation {
                admit: Major,
                refer: Right,
                refuse: Right,
                grounds: &[Ground::StayLimitReached],
            },
            CaseKind::MrzDefect => Expectation {
                admit: Major,
                refer: Right,
                refuse: Minor,
                grounds: &[Ground::FalseDocument],
            },
            CaseKind::MinorWithoutConsent => Expectation {
                admit: Major,
                refer: Right,
                refuse: Minor,
                grounds: &[],
            },
        }
    }
}

/// What the trainee did for one traveller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handling {
    /// Whether the lists were queried.
    pub queried: bool,
    /// List entries confirmed as this traveller.
    pub confirmed: Vec<String>,
    /// List entries dismissed as other people.
    pub dismissed: Vec<String>,
    pub decision: Decision,
    /// The note sent with a referral.
    pub note: String,
    /// Seconds from calling the traveller to the decision.
    pub seconds: u32,
}

/// A mistake in handling one traveller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mistake", rename_all = "snake_case")]
pub enum Mistake {
    /// The decision the case does not allow.
    WrongDecision {
        verdict: Verdict,
    },
    /// A refusal on a ground the case does not support.
    WrongGround,
    NoQuery,
    ReferralWithoutNote,
    /// The listed person was not confirmed (dismissed, or left open).
    HitNotConfirmed {
        entry: String,
    },
    /// Another person's entry was confirmed as this traveller.
    NamesakeConfirmed {
        entry: String,
    },
    /// A candidate the query returned was left neither confirmed nor dismissed.
    CandidateLeftOpen {
        entry: String,
    },
}

impl Mistake {
    pub fn verdict(&self) -> Verdict {
        match self {
            Mistake::WrongDecision { verdict } => *verdict,
            Mistake::NamesakeConfirmed { .. } | Mistake::HitNotConfirmed { .. } => Verdict::Major,
            Mistake::WrongGround
            | Mistake::NoQuery
            | Mistake::ReferralWithoutNote
            | Mistake::CandidateLeftOpen { .. } => Verdict::Minor,
        }
    }
}

/// One traveller's handling, scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub kind: CaseKind,
    pub must_stop: bool,
    pub decision: Decision,
    /// The decision is one the case allows.
    pub right: bool,
    pub mistakes: Vec<Mistake>,
    /// The worst of the mistakes (`Right` when there are none).
    pub verdict: Verdict,
    pub seconds: u32,
}

/// Scores one traveller's handling against the key.
pub fn score(key: &Key, handling: &Handling) -> Scored {
    let expected = key.expectation();
    let mut mistakes = Vec::new();
    let decision_verdict = match handling.decision {
        Decision::Admit => expected.admit,
        Decision::Refer => expected.refer,
        Decision::Refuse(_) => expected.refuse,
    };
    if decision_verdict != Verdict::Right {
        mistakes.push(Mistake::WrongDecision {
            verdict: decision_verdict,
        });
    } else if let Decision::Refuse(ground) = handling.decision
        && !expected.grounds.contains(&ground)
    {
        mistakes.push(Mistake::WrongGround);
    }
    if !handling.queried {
        mistakes.push(Mistake::NoQuery);
    }
    if handling.decision == Decision::Refer && handling.note.trim().is_empty() {
        mistakes.push(Mistake::ReferralWithoutNote);
    }
    if let Some(entry) = &key.listed_as
        && handling.queried
        && !handling.confirmed.contains(entry)
    {
        mistakes.push(Mistake::HitNotConfirmed {
            entry: entry.clone(),
        });
    }
    for entry in &handling.confirmed {
        if key.listed_as.as_ref() != Some(entry) {
            mistakes.push(Mistake::NamesakeConfirmed {
                entry: entry.clone(),
            });
        }
    }
    if handling.queried {
        for entry in &key.namesakes {
            if !handling.dismissed.contains(entry) && !handling.confirmed.contains(entry) {
                mistakes.push(Mistake::CandidateLeftOpen {
                    entry: entry.clone(),
                });
            }
        }
    }
    let verdict = mistakes
        .iter()
        .map(Mistake::verdict)
        .max()
        .unwrap_or(Verdict::Right);
    Scored {
        kind: key.kind,
        must_stop: key.must_stop(),
        decision: handling.decision,
        right: decision_verdict == Verdict::Right,
        mistakes,
        verdict,
        seconds: handling.seconds,
    }
}

/// A shift's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftResult {
    pub travellers: usize,
    /// Travellers whose decision the case allows.
    pub right: usize,
    pub critical: usize,
    pub major: usize,
    pub minor: usize,
    /// Share of the travellers who had to be stopped who were (`None` with none to stop).
    pub hit_rate: Option<f64>,
    /// Share of the travellers who could go who were stopped.
    pub false_alarm_rate: Option<f64>,
    /// Sensitivity: z(hit rate) − z(false-alarm rate), with the log-linear correction so that
    /// perfect rates stay finite; `None` unless the shift held travellers to stop and
    /// travellers to let go (without both, it measures nothing).
    pub d_prime: Option<f64>,
    pub median_seconds: Option<u32>,
    /// Share of right decisions in each quarter of the shift, in order (fatigue shows here).
    pub accuracy_by_quarter: Vec<f64>,
    /// Right decisions and travellers, per case kind.
    pub by_kind: Vec<(CaseKind, usize, usize)>,
}

/// The standard normal distribution function.
fn phi(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// The inverse of [`phi`] on (0, 1), by bisection: slow but exact to the last bits, and called a
/// handful of times per shift.
pub fn probit(p: f64) -> f64 {
    let (mut lo, mut hi) = (-40.0f64, 40.0f64);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if phi(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// Summarises a shift from its scored travellers, in the order they were called.
pub fn summarise(scored: &[Scored]) -> ShiftResult {
    let count = |f: &dyn Fn(&Scored) -> bool| scored.iter().filter(|s| f(s)).count();
    let signal = count(&|s| s.must_stop);
    let noise = scored.len() - signal;
    let hits = count(&|s| s.must_stop && s.decision.stops());
    let false_alarms = count(&|s| !s.must_stop && s.decision.stops());
    let rate = |n: usize, of: usize| (of > 0).then(|| n as f64 / of as f64);
    // Log-linear correction (Hautus 1995): add 0.5 to each count and 1 to each total.
    let corrected = |n: usize, of: usize| (n as f64 + 0.5) / (of as f64 + 1.0);
    let d_prime = (signal > 0 && noise > 0)
        .then(|| probit(corrected(hits, signal)) - probit(corrected(false_alarms, noise)));
    let mut seconds: Vec<u32> = scored.iter().map(|s| s.seconds).collect();
    seconds.sort_unstable();
    let median_seconds = (!seconds.is_empty()).then(|| seconds[(seconds.len() - 1) / 2]);
    let quarters = scored.len().min(4);
    let accuracy_by_quarter = (0..quarters)
        .map(|q| {
            let part = &scored[q * scored.len() / quarters..(q + 1) * scored.len() / quarters];
            part.iter().filter(|s| s.right).count() as f64 / part.len() as f64
        })
        .collect();
    let by_kind = CaseKind::ALL
        .iter()
        .filter_map(|k| {
            let of = count(&|s| s.kind == *k);
            (of > 0).then(|| (*k, count(&|s| s.kind == *k && s.right), of))
        })
        .collect();
    let worst = |v: Verdict| count(&|s| s.verdict == v);
    ShiftResult {
        travellers: scored.len(),
        right: count(&|s| s.right),
        critical: worst(Verdict::Critical),
        major: worst(Verdict::Major),
        minor: worst(Verdict::Minor),
        hit_rate: rate(hits, signal),
        false_alarm_rate: rate(false_alarms, noise),
        d_prime,
        median_seconds,
        accuracy_by_quarter,
        by_kind,
    }
}

#[cfg(test)]
mod tests;
