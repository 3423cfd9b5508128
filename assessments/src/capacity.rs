//! Scoring a Border and Migration Management Assessment.
//!
//! Assessors score each indicator on the maturity scale 0 (absent) … 4 (advanced), or mark it
//! not applicable. Scores are weighted means of indicator levels: an element's over its
//! indicators, a component's over the distinct indicators of its elements, the overall score
//! over every distinct indicator (or, when a framework says so, over the components' scores) —
//! see [`score_tree`]. What is not applicable or not yet scored is left out of the mean (never
//! counted as zero), every roll-up says how many indicators stand behind it, so a high score
//! resting on one indicator is visible as such, and a critical indicator judged absent or
//! initial turns its element and component red whatever the mean. The model is documented in
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
    /// Critical indicators judged below [`CRITICAL_BELOW`]: any makes the light red.
    pub red_flags: usize,
}

impl Rollup {
    /// The score as a percentage of the scale (0–100).
    pub fn percent(&self) -> Option<f64> {
        self.score.map(|s| s / f64::from(MAX_LEVEL) * 100.0)
    }

    /// The traffic light of an element or a component: red whenever a critical indicator
    /// behind it is a red flag, whatever the mean; otherwise the light of the score.
    pub fn light(&self) -> Option<Light> {
        if self.red_flags > 0 {
            Some(Light::Red)
        } else {
            self.score.map(light)
        }
    }
}

/// Rolls up indicators: `(weight, judgement or None when unscored)`. Levels above the scale
/// count as [`MAX_LEVEL`]; weights that are not positive numbers count as 1.
pub fn roll_up_indicators(indicators: &[(f64, Option<Judgement>)]) -> Rollup {
    roll_up_judged(indicators.iter().map(|&(w, j)| (w, j, false)))
}

/// Rolls up indicators `(weight, judgement, critical)`, counting the red flags among them.
fn roll_up_judged(indicators: impl IntoIterator<Item = (f64, Option<Judgement>, bool)>) -> Rollup {
    let mut sum = 0.0;
    let mut weights = 0.0;
    let mut out = Rollup {
        score: None,
        scored: 0,
        not_applicable: 0,
        unscored: 0,
        red_flags: 0,
    };
    for (weight, judgement, critical) in indicators {
        out.red_flags += usize::from(is_red_flag(critical, judgement));
        match judgement {
            Some(Judgement::Level(level)) => {
                let w = weight_of(weight);
                sum += w * f64::from(level.min(MAX_LEVEL));
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
        red_flags: 0,
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
        out.red_flags += part.red_flags;
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

mod tree;
pub use tree::{
    CRITICAL_BELOW, ComponentTree, ElementTree, Overall, Part, Scores, is_red_flag, score_tree,
};

#[cfg(test)]
mod tests;
