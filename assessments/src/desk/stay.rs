//! The stay calculator: how many days a traveller has spent in the country in the rolling
//! window a national rule sets ("90 days in any 180"), how long they may stay from today's
//! arrival, and where their earlier stays broke the rule.
//!
//! A day of entry and a day of exit both count as days of presence. On every day of a stay, the
//! days of presence in the window ending that day (the day itself included) may not exceed the
//! rule's maximum.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// A national rule on the length of stay: at most `max_days` days in any `window_days` days
/// (fewer than the window holds, or the rule would not limit anything).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub max_days: u32,
    pub window_days: u32,
}

impl Rule {
    /// 90 days in any 180.
    pub const NINETY_IN_ONE_EIGHTY: Rule = Rule {
        max_days: 90,
        window_days: 180,
    };
}

/// One earlier stay: the day of entry and the day of exit (both days of presence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stay {
    pub entry: Date,
    pub exit: Date,
}

/// Days of an earlier stay spent over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overstay {
    /// The first day over the limit.
    pub from: Date,
    /// The last day over the limit.
    pub to: Date,
}

impl Overstay {
    pub fn days(&self) -> u32 {
        (self.to - self.from).whole_days() as u32 + 1
    }
}

/// What the calculator finds for a traveller arriving today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StayCheck {
    /// Days of presence in the window ending on the day of arrival, that day included.
    pub used: u32,
    /// The last day the traveller may stay on this visit; `None` when even the day of arrival
    /// is over the limit.
    pub latest_exit: Option<Date>,
    /// Earlier stays that broke the rule.
    pub overstays: Vec<Overstay>,
}

/// Why a movement history cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StayError {
    #[error("the rule must allow at least one day and fewer days than its window holds")]
    Rule,
    #[error("a stay ends before it begins ({0})")]
    ExitBeforeEntry(Date),
    #[error("two stays overlap ({0})")]
    Overlap(Date),
    #[error("a stay ends on or after the day of arrival ({0})")]
    AfterArrival(Date),
    #[error("the history holds more than {MAX_STAYS} stays")]
    TooMany,
    #[error("the history spans more than {MAX_SPAN_DAYS} days")]
    TooLong,
    #[error("the day of arrival must be in the years 1900 to 2200")]
    Arrival,
}

/// The most earlier stays a history may hold.
pub const MAX_STAYS: usize = 2_000;
/// The longest history, in days (about 60 years).
pub const MAX_SPAN_DAYS: i64 = 22_000;

fn validate(history: &[Stay], arrival: Date, rule: Rule) -> Result<Vec<Stay>, StayError> {
    if rule.max_days == 0 || rule.max_days >= rule.window_days || rule.window_days > 3_660 {
        return Err(StayError::Rule);
    }
    if history.len() > MAX_STAYS {
        return Err(StayError::TooMany);
    }
    // Day arithmetic stays far from the calendar's limits.
    if !(1900..=2200).contains(&arrival.year()) {
        return Err(StayError::Arrival);
    }
    let mut stays = history.to_vec();
    stays.sort_by_key(|s| s.entry);
    for s in &stays {
        if s.exit < s.entry {
            return Err(StayError::ExitBeforeEntry(s.entry));
        }
        if s.exit >= arrival {
            return Err(StayError::AfterArrival(s.exit));
        }
    }
    for w in stays.windows(2) {
        if w[1].entry <= w[0].exit {
            return Err(StayError::Overlap(w[1].entry));
        }
    }
    if let Some(first) = stays.first()
        && (arrival - first.entry).whole_days() > MAX_SPAN_DAYS
    {
        return Err(StayError::TooLong);
    }
    Ok(stays)
}

/// Checks a traveller arriving on `arrival` with the earlier stays `history` against `rule`.
pub fn check(history: &[Stay], arrival: Date, rule: Rule) -> Result<StayCheck, StayError> {
    let stays = validate(history, arrival, rule)?;
    let window = i64::from(rule.window_days);
    let max = i64::from(rule.max_days);
    // Days are counted on an array from the start of the first window to the last day the
    // traveller could possibly stay.
    let start = stays.first().map_or(arrival, |s| s.entry) - Duration::days(window);
    let end = arrival + Duration::days(max);
    let len = (end - start).whole_days() as usize + 1;
    let index = |d: Date| (d - start).whole_days() as usize;
    let mut present = vec![0u32; len];
    for s in &stays {
        present[index(s.entry)..=index(s.exit)].fill(1);
    }
    // prefix[i] = days of presence before day i.
    let mut prefix = vec![0u32; len + 1];
    let in_window = |prefix: &[u32], i: usize| {
        let from = i.saturating_sub(window as usize - 1);
        prefix[i + 1] - prefix[from]
    };
    for i in 0..len {
        prefix[i + 1] = prefix[i] + present[i];
    }
    // Earlier overstays: runs of presence days whose window holds more than the maximum.
    let mut overstays: Vec<Overstay> = Vec::new();
    for s in &stays {
        for i in index(s.entry)..=index(s.exit) {
            if i64::from(in_window(&prefix, i)) > max {
                let day = start + Duration::days(i as i64);
                match overstays.last_mut() {
                    Some(o) if o.to + Duration::days(1) == day => o.to = day,
                    _ => overstays.push(Overstay { from: day, to: day }),
                }
            }
        }
    }
    // From the arrival on, the traveller is present every day until they leave.
    let first = index(arrival);
    let mut latest_exit = None;
    for i in first..len {
        present[i] = 1;
        prefix[i + 1] = prefix[i] + 1;
        if i64::from(in_window(&prefix, i)) > max {
            break;
        }
        latest_exit = Some(start + Duration::days(i as i64));
    }
    let used = in_window(&prefix, first);
    Ok(StayCheck {
        used,
        latest_exit,
        overstays,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn stay(entry: Date, exit: Date) -> Stay {
        Stay { entry, exit }
    }

    /// The rule applied day by day, as a person would with a calendar: mark each day of
    /// presence, then count the marks in the window ending on each day.
    fn brute_force(history: &[Stay], arrival: Date, rule: Rule) -> StayCheck {
        let window = rule.window_days as usize;
        let base = history.iter().map(|s| s.entry).min().unwrap_or(arrival)
            - Duration::days(window as i64);
        let at = |d: Date| (d - base).whole_days() as usize;
        let day = |i: usize| base + Duration::days(i as i64);
        let mut marks = vec![false; at(arrival) + rule.max_days as usize + 2];
        for s in history {
            marks[at(s.entry)..=at(s.exit)].fill(true);
        }
        let count = |marks: &[bool], i: usize| {
            marks[i + 1 - window..=i].iter().filter(|m| **m).count() as u32
        };
        let mut overstays: Vec<Overstay> = Vec::new();
        for i in 0..at(arrival) {
            if marks[i] && count(&marks, i) > rule.max_days {
                match overstays.last_mut() {
                    Some(o) if o.to.next_day() == Some(day(i)) => o.to = day(i),
                    _ => overstays.push(Overstay {
                        from: day(i),
                        to: day(i),
                    }),
                }
            }
        }
        let mut latest_exit = None;
        for i in at(arrival)..marks.len() {
            marks[i] = true;
            if count(&marks, i) > rule.max_days {
                break;
            }
            latest_exit = Some(day(i));
        }
        let used = count(&marks, at(arrival));
        StayCheck {
            used,
            latest_exit,
            overstays,
        }
    }

    #[test]
    fn a_first_visit_may_last_the_whole_allowance() {
        let c = check(&[], date!(2026 - 03 - 01), Rule::NINETY_IN_ONE_EIGHTY).unwrap();
        assert_eq!(c.used, 1);
        assert_eq!(c.latest_exit, Some(date!(2026 - 05 - 29)));
        assert!(c.overstays.is_empty());
    }

    #[test]
    fn earlier_days_in_the_window_shorten_this_visit() {
        // 30 days in January (both ends counted), back on 1 March.
        let history = [stay(date!(2026 - 01 - 01), date!(2026 - 01 - 30))];
        let c = check(&history, date!(2026 - 03 - 01), Rule::NINETY_IN_ONE_EIGHTY).unwrap();
        assert_eq!(c.used, 31);
        // 60 more days: 1 March to 29 April.
        assert_eq!(c.latest_exit, Some(date!(2026 - 04 - 29)));
        assert_eq!(
            c,
            brute_force(&history, date!(2026 - 03 - 01), Rule::NINETY_IN_ONE_EIGHTY)
        );
    }

    #[test]
    fn a_traveller_with_no_days_left_may_not_stay_at_all() {
        let history = [stay(date!(2026 - 01 - 01), date!(2026 - 03 - 31))];
        let c = check(&history, date!(2026 - 04 - 10), Rule::NINETY_IN_ONE_EIGHTY).unwrap();
        assert_eq!(c.used, 91);
        assert_eq!(c.latest_exit, None);
    }

    #[test]
    fn an_earlier_overstay_is_found_with_its_days() {
        // 100 days in a row: days 91 to 100 are over the limit.
        let history = [stay(date!(2025 - 01 - 01), date!(2025 - 04 - 10))];
        let c = check(&history, date!(2026 - 01 - 01), Rule::NINETY_IN_ONE_EIGHTY).unwrap();
        assert_eq!(
            c.overstays,
            [Overstay {
                from: date!(2025 - 04 - 01),
                to: date!(2025 - 04 - 10)
            }]
        );
        assert_eq!(c.overstays[0].days(), 10);
    }

    #[test]
    fn impossible_histories_and_rules_are_refused() {
        let arrival = date!(2026 - 06 - 01);
        let rule = Rule::NINETY_IN_ONE_EIGHTY;
        assert_eq!(
            check(
                &[stay(date!(2026 - 02 - 10), date!(2026 - 02 - 01))],
                arrival,
                rule
            ),
            Err(StayError::ExitBeforeEntry(date!(2026 - 02 - 10)))
        );
        assert_eq!(
            check(
                &[
                    stay(date!(2026 - 01 - 01), date!(2026 - 01 - 20)),
                    stay(date!(2026 - 01 - 20), date!(2026 - 01 - 25))
                ],
                arrival,
                rule
            ),
            Err(StayError::Overlap(date!(2026 - 01 - 20)))
        );
        assert_eq!(
            check(
                &[stay(date!(2026 - 05 - 01), date!(2026 - 06 - 01))],
                arrival,
                rule
            ),
            Err(StayError::AfterArrival(date!(2026 - 06 - 01)))
        );
        for bad in [
            Rule {
                max_days: 0,
                window_days: 180,
            },
            Rule {
                max_days: 200,
                window_days: 180,
            },
            Rule {
                max_days: 180,
                window_days: 180,
            },
        ] {
            assert_eq!(check(&[], arrival, bad), Err(StayError::Rule));
        }
        assert_eq!(
            check(
                &[stay(date!(1900 - 01 - 01), date!(1900 - 01 - 02))],
                arrival,
                rule
            ),
            Err(StayError::TooLong)
        );
    }

    /// SplitMix64, so the itineraries are the same on every run.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % n
        }
    }

    #[test]
    fn the_calculator_agrees_with_a_day_by_day_count_on_100000_itineraries() {
        let mut rng = Rng(18);
        let rules = [
            Rule::NINETY_IN_ONE_EIGHTY,
            Rule {
                max_days: 30,
                window_days: 60,
            },
            Rule {
                max_days: 180,
                window_days: 365,
            },
            Rule {
                max_days: 1,
                window_days: 2,
            },
        ];
        for _ in 0..100_000 {
            let rule = rules[rng.below(rules.len() as u64) as usize];
            let mut day = date!(2020 - 01 - 01) + Duration::days(rng.below(400) as i64);
            let mut history = Vec::new();
            for _ in 0..rng.below(8) {
                let entry = day + Duration::days(1 + rng.below(120) as i64);
                let exit = entry + Duration::days(rng.below(110) as i64);
                history.push(stay(entry, exit));
                day = exit;
            }
            let arrival = day + Duration::days(1 + rng.below(200) as i64);
            let fast = check(&history, arrival, rule)
                .unwrap_or_else(|e| panic!("{e}: {history:?} {arrival} {rule:?}"));
            assert_eq!(
                fast,
                brute_force(&history, arrival, rule),
                "{history:?} {arrival} {rule:?}"
            );
        }
    }
}
