//! What knowledge-check results mean: attempt percentages, learning gain between a pre-test
//! and a post-test, and classical item analysis of a quiz's questions. Also the seeded
//! shuffle used to draw and order questions, so an attempt's layout is reproducible.

/// A percentage (0–100) of `score` out of `max`; zero when nothing could be scored.
pub fn percent(score: f64, max: f64) -> f64 {
    if max > 0.0 && score.is_finite() {
        (score / max * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// Hake's normalised gain: the share of the possible improvement that was achieved,
/// `(post − pre) / (100 − pre)`, from percentages. `None` when the pre-test was already
/// perfect (there was nothing to gain). Negative when the post-test is worse.
pub fn normalised_gain(pre: f64, post: f64) -> Option<f64> {
    if !(pre.is_finite() && post.is_finite()) || pre >= 100.0 {
        return None;
    }
    let pre = pre.clamp(0.0, 100.0);
    let post = post.clamp(0.0, 100.0);
    Some((post - pre) / (100.0 - pre))
}

/// The pre-test score a participation's (person × course) learning gain starts from, given the
/// one counted so far and the next attempt, taken in order: the **first**. It is what the
/// trainee knew coming in; a pre-test taken again after studying measures the course itself,
/// and counting the best would shrink the gain of whoever retook it.
pub fn counted_pre(so_far: Option<f64>, next: f64) -> f64 {
    so_far.unwrap_or(next)
}

/// The post-test score the gain ends at, given the one counted so far and the next attempt:
/// the **best**, what the trainee showed they can do by the end.
pub fn counted_post(so_far: Option<f64>, next: f64) -> f64 {
    so_far.map_or(next, |best| best.max(next))
}

/// The pre- and post-test scores a participation's gain compares, from its attempts at each
/// in the order taken ([`counted_pre`], [`counted_post`]).
pub fn gain_tests(
    pre: impl IntoIterator<Item = f64>,
    post: impl IntoIterator<Item = f64>,
) -> (Option<f64>, Option<f64>) {
    let pre = pre
        .into_iter()
        .fold(None, |so_far, s| Some(counted_pre(so_far, s)));
    let post = post
        .into_iter()
        .fold(None, |so_far, s| Some(counted_post(so_far, s)));
    (pre, post)
}

/// A class's gain: the normalised gain of the class averages over the trainees who took both
/// tests, with how many that was. `None` when nobody took both.
pub fn class_gain(pairs: &[(f64, f64)]) -> Option<(f64, usize)> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let pre = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let post = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    normalised_gain(pre, post).map(|g| (g, pairs.len()))
}

/// Item statistics for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemStats {
    /// Attempts that included the question.
    pub n: usize,
    /// Facility index: the mean fraction of the marks earned, 0 (nobody) to 1 (everybody).
    pub facility: f64,
    /// Discrimination: the correlation between the question's score and the rest of the
    /// attempt's score (−1 to 1). `None` when it cannot be computed (fewer than three
    /// attempts, or no spread). Good questions discriminate above 0.3; negative values mean
    /// stronger candidates did worse on it — check the key.
    pub discrimination: Option<f64>,
}

/// Item analysis. `attempts` holds one row per submitted attempt; each row lists, per question
/// index, the fraction earned (or `None` when the attempt did not include that question) and
/// the marks the question was worth. Returns one [`ItemStats`] per question index.
pub fn item_analysis(questions: usize, attempts: &[Vec<Option<(f64, f64)>>]) -> Vec<ItemStats> {
    (0..questions)
        .map(|q| {
            let mut item = Vec::new();
            let mut rest = Vec::new();
            for row in attempts {
                let Some(Some((fraction, _))) = row.get(q) else {
                    continue;
                };
                let rest_score: f64 = row
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != q)
                    .filter_map(|(_, cell)| cell.map(|(f, m)| f * m))
                    .sum();
                item.push(fraction.clamp(0.0, 1.0));
                rest.push(rest_score);
            }
            let n = item.len();
            let facility = if n == 0 {
                0.0
            } else {
                item.iter().sum::<f64>() / n as f64
            };
            ItemStats {
                n,
                facility,
                discrimination: if n >= 3 {
                    correlation(&item, &rest)
                } else {
                    None
                },
            }
        })
        .collect()
}

/// Pearson's correlation, `None` when either side has no spread.
pub fn correlation(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (dx, dy) = (x[i] - mx, y[i] - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 1e-12 || syy <= 1e-12 {
        return None;
    }
    Some((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

/// A small deterministic generator (SplitMix64): the same seed gives the same sequence on
/// every platform, which is what reproducible attempt layouts and specimens need. Not for
/// secrets.
#[derive(Debug, Clone)]
pub struct SeededRng(u64);

impl SeededRng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        SeededRng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0), without modulo bias worth speaking of for small `n`.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn gain_is_the_share_of_possible_improvement() {
        assert_eq!(normalised_gain(40.0, 70.0), Some(0.5));
        assert_eq!(normalised_gain(100.0, 100.0), None);
        assert_eq!(normalised_gain(50.0, 25.0), Some(-0.5));
        assert_eq!(class_gain(&[(40.0, 70.0), (60.0, 80.0)]), Some((0.5, 2)));
        assert_eq!(class_gain(&[]), None);
    }

    #[test]
    fn a_question_the_strong_get_right_discriminates() {
        // Four attempts, three questions of one mark; question 0 is answered right exactly by
        // those who do well on the rest, question 2 by everybody.
        let row = |a: f64, b: f64, c: f64| vec![Some((a, 1.0)), Some((b, 1.0)), Some((c, 1.0))];
        let attempts = vec![
            row(1.0, 1.0, 1.0),
            row(1.0, 1.0, 1.0),
            row(0.0, 0.0, 1.0),
            row(0.0, 0.0, 1.0),
        ];
        let stats = item_analysis(3, &attempts);
        assert_eq!(stats[0].facility, 0.5);
        assert!(stats[0].discrimination.unwrap() > 0.99);
        assert_eq!(stats[2].facility, 1.0);
        assert_eq!(stats[2].discrimination, None);
    }

    #[test]
    fn questions_missing_from_an_attempt_are_not_counted() {
        let attempts = vec![vec![Some((1.0, 2.0)), None], vec![Some((0.0, 2.0)), None]];
        let stats = item_analysis(2, &attempts);
        assert_eq!(stats[0].n, 2);
        assert_eq!(stats[1].n, 0);
    }

    #[test]
    fn the_generator_is_deterministic() {
        let mut a = SeededRng::new(7);
        let mut b = SeededRng::new(7);
        let mut x: Vec<u32> = (0..20).collect();
        let mut y = x.clone();
        a.shuffle(&mut x);
        b.shuffle(&mut y);
        assert_eq!(x, y);
        assert_ne!(x, (0..20).collect::<Vec<_>>());
    }

    #[test]
    fn the_gain_runs_from_the_first_pre_test_to_the_best_post_test() {
        // A pre-test retaken after studying does not move the starting point.
        assert_eq!(
            gain_tests([20.0, 80.0], [70.0, 90.0, 60.0]),
            (Some(20.0), Some(90.0))
        );
        assert_eq!(gain_tests([], [50.0]), (None, Some(50.0)));
        assert_eq!(gain_tests([30.0], []), (Some(30.0), None));
    }

    proptest! {
        #[test]
        fn counted_tests_are_the_first_pre_and_the_best_post(
            pre in proptest::collection::vec(0.0f64..=100.0, 1..8),
            post in proptest::collection::vec(0.0f64..=100.0, 1..8),
        ) {
            let (p, q) = gain_tests(pre.clone(), post.clone());
            prop_assert_eq!(p, Some(pre[0]));
            prop_assert_eq!(q, post.iter().copied().reduce(f64::max));
        }

        #[test]
        fn gain_is_at_most_one(pre in 0.0f64..100.0, post in 0.0f64..=100.0) {
            let g = normalised_gain(pre, post).unwrap();
            prop_assert!(g <= 1.0 + 1e-9);
            prop_assert!(g >= -pre / (100.0 - pre) - 1e-9);
        }

        #[test]
        fn facility_and_discrimination_stay_in_range(
            rows in proptest::collection::vec(proptest::collection::vec(proptest::option::of(0.0f64..=1.0), 4), 0..30)
        ) {
            let attempts: Vec<Vec<Option<(f64, f64)>>> = rows
                .into_iter()
                .map(|r| r.into_iter().map(|c| c.map(|f| (f, 1.0))).collect())
                .collect();
            for s in item_analysis(4, &attempts) {
                prop_assert!((0.0..=1.0).contains(&s.facility));
                if let Some(d) = s.discrimination {
                    prop_assert!((-1.0..=1.0).contains(&d));
                }
            }
        }

        #[test]
        fn a_shuffle_is_a_permutation(seed in any::<u64>(), n in 0usize..40) {
            let mut v: Vec<usize> = (0..n).collect();
            SeededRng::new(seed).shuffle(&mut v);
            v.sort_unstable();
            prop_assert_eq!(v, (0..n).collect::<Vec<_>>());
        }

        #[test]
        fn percent_is_within_bounds(score in -10.0f64..200.0, max in 0.0f64..100.0) {
            prop_assert!((0.0..=100.0).contains(&percent(score, max)));
        }
    }
}
