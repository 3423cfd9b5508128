//! Tests of the capacity scoring rules: tables for the cases the docs name, properties for
//! the rest.

use super::*;

#[test]
fn an_indicator_waits_for_reconciling_while_assessors_differ_and_nothing_is_agreed() {
    use Judgement::{Level, NotApplicable};
    assert!(needs_reconciling(None, [Level(2), Level(3)]));
    assert!(needs_reconciling(None, [Level(2), NotApplicable]));
    assert!(!needs_reconciling(None, [Level(2), Level(2)]), "they agree");
    assert!(!needs_reconciling(None, [Level(2)]), "one assessor");
    assert!(!needs_reconciling(None, []), "not scored yet");
    assert!(
        !needs_reconciling(Some(Some(Level(3))), [Level(2), Level(4)]),
        "the lead agreed a score"
    );
}

#[test]
#[allow(clippy::type_complexity)] // a table of cases
fn the_agreed_score_counts_else_a_unanimous_one() {
    use Judgement::{Level, NotApplicable};
    let table: [(Option<Option<Judgement>>, &[Judgement], Option<Judgement>); 8] = [
        (None, &[], None),
        (None, &[Level(2)], Some(Level(2))),
        (None, &[Level(2), Level(2)], Some(Level(2))),
        (None, &[Level(2), Level(3)], None),
        (None, &[NotApplicable, NotApplicable], Some(NotApplicable)),
        (None, &[NotApplicable, Level(0)], None),
        (Some(Some(Level(1))), &[Level(2), Level(3)], Some(Level(1))),
        (Some(None), &[Level(2), Level(2)], None),
    ];
    for (agreed, assessors, expected) in table {
        assert_eq!(
            counting(agreed, assessors.iter().copied()),
            expected,
            "{agreed:?} {assessors:?}"
        );
    }
}
use proptest::prelude::*;

fn level(l: u8) -> Option<Judgement> {
    Some(Judgement::Level(l))
}

#[test]
fn weights_and_not_applicable_are_honoured() {
    let r = roll_up_indicators(&[
        (1.0, level(4)),
        (3.0, level(0)),
        (1.0, Some(Judgement::NotApplicable)),
        (1.0, None),
    ]);
    assert_eq!(r.score, Some(1.0));
    assert_eq!((r.scored, r.not_applicable, r.unscored), (2, 1, 1));
    assert_eq!(r.percent(), Some(25.0));
    let nothing = roll_up_indicators(&[(1.0, Some(Judgement::NotApplicable)), (1.0, None)]);
    assert_eq!(nothing.score, None);
    // An element with no score does not drag its component down.
    let component = roll_up(&[(1.0, r), (5.0, nothing)]);
    assert_eq!(component.score, Some(1.0));
    assert_eq!(component.not_applicable, 2);
}

#[test]
fn spread_lights_and_change() {
    assert_eq!(spread(&[1, 3, 2]), Some(2));
    assert_eq!(spread(&[2]), None);
    assert_eq!(light(1.49), Light::Red);
    assert_eq!(light(2.0), Light::Amber);
    assert_eq!(light(2.75), Light::Green);
    // A score printed as 2.75 is green, as the legend says.
    assert_eq!(light(2.748), Light::Green);
    assert_eq!(light(2.744), Light::Amber);
    // Just below each threshold the printed legend states, the band below.
    assert_eq!(light(AMBER_FROM - 0.01), Light::Red);
    assert_eq!(light(GREEN_FROM - 0.01), Light::Amber);
    assert_eq!(change(Some(1.5), Some(2.25)), Some(0.75));
    assert_eq!(change(None, Some(2.0)), None);
}

fn arb_judgement() -> impl Strategy<Value = Option<Judgement>> {
    prop_oneof![
        4 => (0u8..=4).prop_map(|l| Some(Judgement::Level(l))),
        1 => Just(Some(Judgement::NotApplicable)),
        1 => Just(None),
    ]
}

fn arb_indicators() -> impl Strategy<Value = Vec<(f64, Option<Judgement>)>> {
    proptest::collection::vec(
        ((1u8..=8).prop_map(|w| f64::from(w) / 2.0), arb_judgement()),
        0..12,
    )
}

proptest! {
    #[test]
    fn scores_stay_on_the_scale(elements in proptest::collection::vec(arb_indicators(), 0..8)) {
        let rolled: Vec<(f64, Rollup)> = elements.iter().map(|e| (1.0, roll_up_indicators(e))).collect();
        for (_, r) in &rolled {
            if let Some(s) = r.score { prop_assert!((0.0..=4.0).contains(&s)); }
        }
        let total = roll_up(&rolled);
        if let Some(s) = total.score { prop_assert!((0.0..=4.0).contains(&s)); }
        let n: usize = elements.iter().map(Vec::len).sum();
        prop_assert_eq!(total.scored + total.not_applicable + total.unscored, n);
    }

    #[test]
    fn not_applicable_never_changes_a_score(ind in arb_indicators(), w in 1u8..8) {
        let mut more = ind.clone();
        more.push((f64::from(w), Some(Judgement::NotApplicable)));
        prop_assert_eq!(roll_up_indicators(&ind).score, roll_up_indicators(&more).score);
    }

    #[test]
    fn scaling_every_weight_changes_nothing(ind in arb_indicators(), k in 1u8..10) {
        let scaled: Vec<_> = ind.iter().map(|(w, j)| (w * f64::from(k), *j)).collect();
        let (a, b) = (roll_up_indicators(&ind).score, roll_up_indicators(&scaled).score);
        match (a, b) {
            (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
            (a, b) => prop_assert_eq!(a, b),
        }
    }

    #[test]
    fn the_same_level_everywhere_is_that_level(l in 0u8..=4, n in 1usize..10) {
        let ind: Vec<_> = (0..n).map(|i| (1.0 + i as f64, Some(Judgement::Level(l)))).collect();
        let e = roll_up_indicators(&ind);
        let total = roll_up(&[(2.0, e), (1.0, e)]);
        prop_assert!((total.score.unwrap() - f64::from(l)).abs() < 1e-9);
    }

    #[test]
    fn raising_a_level_never_lowers_a_score(ind in arb_indicators(), pick in any::<prop::sample::Index>()) {
        let before = roll_up_indicators(&ind).score;
        let mut raised = ind.clone();
        if raised.is_empty() { return Ok(()); }
        let i = pick.index(raised.len());
        if let (_, Some(Judgement::Level(l))) = raised[i] {
            raised[i].1 = Some(Judgement::Level((l + 1).min(MAX_LEVEL)));
        }
        let after = roll_up_indicators(&raised).score;
        if let (Some(b), Some(a)) = (before, after) { prop_assert!(a + 1e-9 >= b); }
    }
}
