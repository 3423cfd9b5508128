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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(kind: CaseKind) -> Key {
        Key {
            kind,
            direction: Direction::Entry,
            listed_as: None,
            action: None,
            namesakes: Vec::new(),
        }
    }

    #[test]
    fn at_exit_the_desk_registers_the_departure_unless_the_person_or_document_must_be_held() {
        let leaving = |kind| Key {
            direction: Direction::Exit,
            ..key(kind)
        };
        let hit = |action| Key {
            listed_as: Some("W1".into()),
            action: Some(action),
            ..leaving(CaseKind::TrueHit)
        };
        // An entry ban does not keep anyone in the country: the exit is registered.
        assert_eq!(
            hit(AlertAction::RefuseEntry).expectation().admit,
            Verdict::Right
        );
        assert!(!hit(AlertAction::RefuseEntry).must_stop());
        assert_eq!(
            hit(AlertAction::Monitor).expectation().admit,
            Verdict::Right
        );
        // A wanted person leaving is held for the police: letting them go is critical.
        assert_eq!(
            hit(AlertAction::Arrest).expectation().admit,
            Verdict::Critical
        );
        assert_eq!(hit(AlertAction::Arrest).expectation().refer, Verdict::Right);
        assert_eq!(
            hit(AlertAction::LocateMissingPerson).expectation().refer,
            Verdict::Right
        );
        for kind in [CaseKind::StolenDocument, CaseKind::Impostor] {
            assert_eq!(leaving(kind).expectation().admit, Verdict::Critical);
        }
        // This visit overstayed, the document is defective, or a child leaves without the
        // absent parent's consent: second line.
        for kind in [
            CaseKind::Overstay,
            CaseKind::MrzDefect,
            CaseKind::MinorWithoutConsent,
        ] {
            assert!(leaving(kind).must_stop());
            assert_eq!(leaving(kind).expectation().refer, Verdict::Right);
        }
        // A refusal is never right on a departure, and refusing a genuine one is critical.
        for kind in CaseKind::ALL {
            assert_ne!(leaving(kind).expectation().refuse, Verdict::Right);
        }
        assert_eq!(
            leaving(CaseKind::Genuine).expectation().refuse,
            Verdict::Critical
        );
        // An expired passport does not stop its holder going home.
        assert!(!leaving(CaseKind::ExpiredDocument).must_stop());
        assert!(key(CaseKind::ExpiredDocument).must_stop());
    }

    #[test]
    fn a_key_without_a_direction_is_an_arrival() {
        let k: Key = serde_json::from_str(
            r#"{"kind":"genuine","listed_as":null,"action":null,"namesakes":[]}"#,
        )
        .unwrap();
        assert_eq!(k.direction, Direction::Entry);
    }

    fn handled(decision: Decision) -> Handling {
        Handling {
            queried: true,
            confirmed: Vec::new(),
            dismissed: Vec::new(),
            decision,
            note: "Document to second line for examination".into(),
            seconds: 40,
        }
    }

    #[test]
    fn the_critical_mistakes_are_the_ones_that_let_danger_in_or_turn_the_innocent_away() {
        let hit = Key {
            listed_as: Some("W000042".into()),
            action: Some(AlertAction::RefuseEntry),
            ..key(CaseKind::TrueHit)
        };
        let mut admitted = handled(Decision::Admit);
        admitted.confirmed.push("W000042".into());
        assert_eq!(score(&hit, &admitted).verdict, Verdict::Critical);
        for kind in [CaseKind::StolenDocument, CaseKind::Impostor] {
            assert_eq!(
                score(&key(kind), &handled(Decision::Admit)).verdict,
                Verdict::Critical
            );
        }
        let refused = handled(Decision::Refuse(Ground::FalseDocument));
        for kind in [
            CaseKind::Genuine,
            CaseKind::NearMiss,
            CaseKind::SoonExpiring,
        ] {
            assert_eq!(score(&key(kind), &refused).verdict, Verdict::Critical);
        }
    }

    #[test]
    fn a_hit_is_handled_as_its_alert_asks() {
        let hit = |action| Key {
            listed_as: Some("W1".into()),
            action: Some(action),
            ..key(CaseKind::TransliterationHit)
        };
        let with_confirmation = |decision| Handling {
            confirmed: vec!["W1".into()],
            ..handled(decision)
        };
        let refuse = Decision::Refuse(Ground::AlertListed);
        let s = score(&hit(AlertAction::RefuseEntry), &with_confirmation(refuse));
        assert!(s.right && s.mistakes.is_empty());
        // A person wanted for arrest goes to second line, not back on the plane.
        assert_eq!(
            score(&hit(AlertAction::Arrest), &with_confirmation(refuse)).verdict,
            Verdict::Major
        );
        assert!(
            score(
                &hit(AlertAction::Arrest),
                &with_confirmation(Decision::Refer)
            )
            .right
        );
        // Monitor: admitted, movement recorded.
        assert!(
            score(
                &hit(AlertAction::Monitor),
                &with_confirmation(Decision::Admit)
            )
            .right
        );
        // The hit refused but never confirmed: right decision, a major slip.
        let s = score(&hit(AlertAction::RefuseEntry), &handled(refuse));
        assert!(s.right);
        assert_eq!(
            s.mistakes,
            [Mistake::HitNotConfirmed { entry: "W1".into() }]
        );
    }

    #[test]
    fn procedural_slips_are_minor_and_named() {
        let mut h = handled(Decision::Refer);
        h.queried = false;
        h.note = "  ".into();
        let s = score(&key(CaseKind::MrzDefect), &h);
        assert!(s.right);
        assert_eq!(s.mistakes, [Mistake::NoQuery, Mistake::ReferralWithoutNote]);
        assert_eq!(s.verdict, Verdict::Minor);
        let s = score(
            &key(CaseKind::ExpiredDocument),
            &handled(Decision::Refuse(Ground::AlertListed)),
        );
        assert_eq!(s.mistakes, [Mistake::WrongGround]);
        let mut h = handled(Decision::Admit);
        h.confirmed.push("W9".into());
        let s = score(&key(CaseKind::NearMiss), &h);
        assert_eq!(
            s.mistakes,
            [Mistake::NamesakeConfirmed { entry: "W9".into() }]
        );
    }

    #[test]
    fn a_shift_is_summarised_as_signal_detection() {
        let shift: Vec<Scored> = [
            (CaseKind::Genuine, Decision::Admit),
            (CaseKind::Genuine, Decision::Admit),
            (CaseKind::Genuine, Decision::Refer),
            (CaseKind::NearMiss, Decision::Admit),
            (CaseKind::Impostor, Decision::Refer),
            (CaseKind::StolenDocument, Decision::Admit),
            (CaseKind::Genuine, Decision::Admit),
            (CaseKind::Genuine, Decision::Admit),
        ]
        .iter()
        .enumerate()
        .map(|(n, (kind, decision))| {
            let mut h = handled(*decision);
            h.seconds = 10 * (n as u32 + 1);
            score(&key(*kind), &h)
        })
        .collect();
        let r = summarise(&shift);
        assert_eq!(r.travellers, 8);
        assert_eq!(r.right, 6);
        assert_eq!((r.critical, r.major, r.minor), (1, 0, 1));
        assert_eq!(r.hit_rate, Some(0.5));
        assert_eq!(r.false_alarm_rate, Some(1.0 / 6.0));
        // z(1.5/3) − z(1.5/7)
        assert!((r.d_prime.unwrap() - (0.0 - probit(1.5 / 7.0))).abs() < 1e-9);
        // A shift with nobody to stop measures no sensitivity.
        let calm: Vec<Scored> = (0..5)
            .map(|_| score(&key(CaseKind::Genuine), &handled(Decision::Admit)))
            .collect();
        assert_eq!(summarise(&calm).d_prime, None);
        assert_eq!(r.median_seconds, Some(40));
        assert_eq!(r.accuracy_by_quarter, [1.0, 0.5, 0.5, 1.0]);
        assert!(r.by_kind.contains(&(CaseKind::Genuine, 4, 5)));
    }

    #[test]
    fn decisions_read_back_from_their_codes() {
        for d in [Decision::Admit, Decision::Refer]
            .into_iter()
            .chain(Ground::ALL.map(Decision::Refuse))
        {
            let ground = match d {
                Decision::Refuse(g) => Some(g.code()),
                _ => None,
            };
            assert_eq!(Decision::from_codes(d.code(), ground), Some(d));
        }
        assert_eq!(Decision::from_codes("refuse", None), None);
        assert_eq!(Decision::from_codes("refuse", Some("dislike")), None);
        assert_eq!(Decision::from_codes("shoot", None), None);
    }

    #[test]
    fn probit_inverts_the_normal_distribution() {
        assert!(probit(0.5).abs() < 1e-12);
        assert!((probit(0.975) - 1.959_963_984_540_054).abs() < 1e-9);
        assert!((probit(0.025) + 1.959_963_984_540_054).abs() < 1e-9);
    }

    proptest! {
        #[test]
        fn probit_and_phi_are_inverse(p in 0.0001f64..0.9999) {
            prop_assert!((phi(probit(p)) - p).abs() < 1e-12);
        }

        #[test]
        fn a_better_trainee_never_scores_a_lower_d_prime(
            signal in 1usize..20, noise in 1usize..200, hits in 0usize..20, alarms in 0usize..200,
        ) {
            let hits = hits.min(signal);
            let alarms = alarms.min(noise);
            let shift = |hits: usize, alarms: usize| {
                let mut v = Vec::new();
                for i in 0..signal {
                    let d = if i < hits { Decision::Refer } else { Decision::Admit };
                    v.push(score(&key(CaseKind::Impostor), &handled(d)));
                }
                for i in 0..noise {
                    let d = if i < alarms { Decision::Refer } else { Decision::Admit };
                    v.push(score(&key(CaseKind::Genuine), &handled(d)));
                }
                summarise(&v)
            };
            let base = shift(hits, alarms);
            let d = base.d_prime.unwrap();
            prop_assert!(d.is_finite());
            if hits < signal {
                prop_assert!(shift(hits + 1, alarms).d_prime.unwrap() > d);
            }
            if alarms > 0 {
                prop_assert!(shift(hits, alarms - 1).d_prime.unwrap() > d);
            }
        }
    }
}
