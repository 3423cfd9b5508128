//! Scoring a Border and Migration Management Assessment.
//!
//! Assessors score each indicator on the maturity scale 0 (absent) … 4 (advanced), or mark it
//! not applicable. Scores roll up by weighted means: indicators → element, elements →
//! component, components → overall. What is not applicable or not yet scored is left out of
//! the mean (never counted as zero), and every roll-up says how many indicators stand behind
//! it, so a high score resting on one indicator is visible as such. The model is documented in
//! `docs/assessment-scoring.md`.

/// The highest maturity level.
pub const MAX_LEVEL: u8 = 4;

/// An assessor's judgement of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// A maturity level, 0 to [`MAX_LEVEL`].
    Level(u8),
    /// The indicator does not apply in this country (a reason is recorded beside it).
    NotApplicable,
}

/// A weighted mean with how many indicators it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rollup {
    /// The weighted mean level (0–4), or `None` when nothing behind it was scored.
    pub score: Option<f64>,
    /// Indicators scored with a level.
    pub scored: usize,
    /// Indicators marked not applicable.
    pub not_applicable: usize,
    /// Indicators not yet scored.
    pub unscored: usize,
}

impl Rollup {
    /// The score as a percentage of the scale (0–100).
    pub fn percent(&self) -> Option<f64> {
        self.score.map(|s| s / f64::from(MAX_LEVEL) * 100.0)
    }
}

/// Rolls up indicators: `(weight, judgement or None when unscored)`. Levels above the scale
/// count as [`MAX_LEVEL`]; weights that are not positive numbers count as 1.
pub fn roll_up_indicators(indicators: &[(f64, Option<Judgement>)]) -> Rollup {
    let mut sum = 0.0;
    let mut weights = 0.0;
    let mut out = Rollup {
        score: None,
        scored: 0,
        not_applicable: 0,
        unscored: 0,
    };
    for (weight, judgement) in indicators {
        match judgement {
            Some(Judgement::Level(level)) => {
                let w = weight_of(*weight);
                sum += w * f64::from((*level).min(MAX_LEVEL));
                weights += w;
                out.scored += 1;
            }
            Some(Judgement::NotApplicable) => out.not_applicable += 1,
            None => out.unscored += 1,
        }
    }
    out.score = mean(sum, weights);
    out
}

/// Rolls up parts that are themselves roll-ups (elements into a component, components into
/// the whole): `(weight, rollup)`. A part with no score is left out of the mean; the counts
/// add up.
pub fn roll_up(parts: &[(f64, Rollup)]) -> Rollup {
    let mut sum = 0.0;
    let mut weights = 0.0;
    let mut out = Rollup {
        score: None,
        scored: 0,
        not_applicable: 0,
        unscored: 0,
    };
    for (weight, part) in parts {
        if let Some(score) = part.score {
            let w = weight_of(*weight);
            sum += w * score;
            weights += w;
        }
        out.scored += part.scored;
        out.not_applicable += part.not_applicable;
        out.unscored += part.unscored;
    }
    out.score = mean(sum, weights);
    out
}

fn weight_of(w: f64) -> f64 {
    if w.is_finite() && w > 0.0 { w } else { 1.0 }
}

fn mean(sum: f64, weights: f64) -> Option<f64> {
    (weights > 0.0).then(|| (sum / weights).clamp(0.0, f64::from(MAX_LEVEL)))
}

/// The judgement that counts for one indicator: the agreed score the lead recorded when there
/// is one (`agreed`; `Some(None)` is an agreed row with no judgement, which counts as not yet
/// scored); failing that, the assessors' judgements when they all agree. Assessors who differ
/// need reconciliation, and until then the indicator counts as not yet scored.
pub fn counting(
    agreed: Option<Option<Judgement>>,
    assessors: impl IntoIterator<Item = Judgement>,
) -> Option<Judgement> {
    if let Some(agreed) = agreed {
        return agreed;
    }
    let mut assessors = assessors.into_iter();
    let first = assessors.next()?;
    assessors.all(|j| j == first).then_some(first)
}

/// Whether an indicator waits for the lead to reconcile it: no agreed score yet, and the
/// assessors who judged it do not all agree (the case [`counting`] leaves unscored).
pub fn needs_reconciling(
    agreed: Option<Option<Judgement>>,
    assessors: impl IntoIterator<Item = Judgement> + Clone,
) -> bool {
    agreed.is_none()
        && assessors.clone().into_iter().next().is_some()
        && counting(None, assessors).is_none()
}

/// The spread of several assessors' levels for one indicator (highest − lowest), `None` when
/// fewer than two gave a level. A spread of 2 or more needs discussion before the lead
/// records the agreed score.
pub fn spread(levels: &[u8]) -> Option<u8> {
    if levels.len() < 2 {
        return None;
    }
    let max = levels.iter().max()?;
    let min = levels.iter().min()?;
    Some(max - min)
}

/// Scores from here up are amber: developing.
pub const AMBER_FROM: f64 = 1.5;
/// Scores from here up are green: established or advanced.
pub const GREEN_FROM: f64 = 2.75;

/// The traffic light of a score, as the country report shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Light {
    /// Below 1.5: absent or initial — priority for action.
    Red,
    /// 1.5 to below 2.75: developing.
    Amber,
    /// 2.75 and above: established or advanced.
    Green,
}

impl Light {
    /// The colour's name, as the report's legend and tables write it.
    pub fn colour(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Amber => "amber",
            Light::Green => "green",
        }
    }
}

/// The traffic light of a score on the 0–4 scale, as printed: to two decimals, so that a score
/// shown as 2.75 is in the band that starts at 2.75.
pub fn light(score: f64) -> Light {
    let score = (score * 100.0).round() / 100.0;
    if score < AMBER_FROM {
        Light::Red
    } else if score < GREEN_FROM {
        Light::Amber
    } else {
        Light::Green
    }
}

/// The change between a baseline score and a follow-up score of the same thing, `None` when
/// either was not scored.
pub fn change(baseline: Option<f64>, follow_up: Option<f64>) -> Option<f64> {
    Some(follow_up? - baseline?)
}

#[cfg(test)]
mod tests {
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
}
