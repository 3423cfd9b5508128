//! Tests of the shift scoring: expectations per case and direction, scores, and the summary.

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
    let k: Key =
        serde_json::from_str(r#"{"kind":"genuine","listed_as":null,"action":null,"namesakes":[]}"#)
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
