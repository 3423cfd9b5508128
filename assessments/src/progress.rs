//! The arithmetic of the progress roll-ups: months and eras, where an event counts, the
//! additive figures of a cell, a participation's pre- and post-test, and the changes one event
//! makes. Folding events in batches and rebuilding from all of them both go through
//! [`changes`], so they agree; the storage is the server's.

use crate::results::{counted_pre, normalised_gain};

/// Months per era of `progress_people` (the bits of its `months`).
pub const ERA_MONTHS: i32 = 60;

/// Months since January 2000 of `year`-`month`.
pub fn month_index(year: i32, month: u8) -> i32 {
    (year - 2000) * 12 + i32::from(month) - 1
}

/// YYYYMM of month index `mi`.
pub fn yyyymm(mi: i32) -> i32 {
    (2000 + mi.div_euclid(12)) * 100 + mi.rem_euclid(12) + 1
}

/// Month index of YYYYMM.
pub fn from_yyyymm(ym: i32) -> i32 {
    month_index(ym / 100, (ym % 100) as u8)
}

/// The era of month index `mi`.
pub fn era(mi: i32) -> i32 {
    mi.div_euclid(ERA_MONTHS)
}

/// The bit of month index `mi` in its era.
pub fn month_bit(mi: i32) -> i64 {
    1i64 << mi.rem_euclid(ERA_MONTHS)
}

/// Where an event counts: its month, the person's agency and country, course and class (0 or
/// '' where none), and the roles the person held.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Coord {
    /// Month index.
    pub mi: i32,
    /// Agency id, or 0.
    pub agency: i64,
    /// Country code, or ''.
    pub country: String,
    /// Course id, or 0.
    pub course: i64,
    /// Class id, or 0.
    pub class: i64,
    /// Role mask.
    pub roles: i32,
}

/// Additive figures of a cell.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Measures {
    pub events: i64,
    pub enrolments: i64,
    pub lessons: i64,
    pub certificates: i64,
    pub exercises: i64,
    pub exercise_score: f64,
    pub posts: i64,
    pub post_score: f64,
    pub gains: i64,
    pub gain_sum: f64,
}

impl Measures {
    /// Adds `o` to these figures.
    pub fn add(&mut self, o: &Measures) {
        self.events += o.events;
        self.enrolments += o.enrolments;
        self.lessons += o.lessons;
        self.certificates += o.certificates;
        self.exercises += o.exercises;
        self.exercise_score += o.exercise_score;
        self.posts += o.posts;
        self.post_score += o.post_score;
        self.gains += o.gains;
        self.gain_sum += o.gain_sum;
    }

    /// The same figures with the opposite sign.
    pub fn negated(&self) -> Measures {
        Measures {
            events: -self.events,
            enrolments: -self.enrolments,
            lessons: -self.lessons,
            certificates: -self.certificates,
            exercises: -self.exercises,
            exercise_score: -self.exercise_score,
            posts: -self.posts,
            post_score: -self.post_score,
            gains: -self.gains,
            gain_sum: -self.gain_sum,
        }
    }
}

/// A participation's (person × course) tests, as its learning gain counts them
/// ([`counted_pre`], [`crate::results::counted_post`]): the first pre-test, the best
/// post-test, and where the best post-test was counted (the first event that reached it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tests {
    pub pre: Option<f64>,
    pub post: Option<f64>,
    pub at: Option<Coord>,
}

impl Tests {
    /// What these tests add to the cell of their post-test.
    pub fn contribution(&self) -> Option<(Coord, Measures)> {
        let post = self.post?;
        let at = self.at.clone()?;
        let gain = self.pre.and_then(|pre| normalised_gain(pre, post));
        Some((
            at,
            Measures {
                posts: 1,
                post_score: post,
                gains: i64::from(gain.is_some()),
                gain_sum: gain.unwrap_or(0.0),
                ..Measures::default()
            },
        ))
    }
}

/// What a learning event counts as in the roll-ups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// A trainee enrolled in a course.
    Enrolled,
    /// A lesson completed.
    LessonCompleted,
    /// A certificate issued.
    CertificateIssued,
    /// An exercise graded.
    ExerciseGraded,
    /// A quiz attempt submitted; `test` says whether the quiz was the course's pre- or
    /// post-test.
    AttemptSubmitted {
        /// The test it was, if any.
        test: Option<Test>,
    },
    /// Anything else: counted as an event only.
    Other,
}

/// The two tests a learning gain compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// Taken before the course.
    Pre,
    /// Taken at its end.
    Post,
}

/// The cell changes of one event, counted as `counted`, at `coord` with `score`; `tests` is
/// the participation's state, updated in place. Returns the changes and whether `tests`
/// changed.
pub fn changes(
    counted: Counted,
    coord: &Coord,
    score: Option<f64>,
    tests: &mut Tests,
) -> (Vec<(Coord, Measures)>, bool) {
    let mut m = Measures {
        events: 1,
        ..Measures::default()
    };
    match counted {
        Counted::Enrolled => m.enrolments = 1,
        Counted::LessonCompleted => m.lessons = 1,
        Counted::CertificateIssued => m.certificates = 1,
        Counted::ExerciseGraded => {
            m.exercises = 1;
            m.exercise_score = score.unwrap_or(0.0);
        }
        Counted::AttemptSubmitted { .. } | Counted::Other => {}
    }
    let mut out = vec![(coord.clone(), m)];
    let (Some(score), Counted::AttemptSubmitted { test: Some(test) }) = (score, counted) else {
        return (out, false);
    };
    let before = tests.clone();
    match test {
        Test::Pre => tests.pre = Some(counted_pre(tests.pre, score)),
        Test::Post if tests.post.is_none_or(|p| score > p) => {
            tests.post = Some(score);
            tests.at = Some(coord.clone());
        }
        _ => {}
    }
    if *tests == before {
        return (out, false);
    }
    if let Some((at, old)) = before.contribution() {
        out.push((at, old.negated()));
    }
    if let Some((at, new)) = tests.contribution() {
        out.push((at, new));
    }
    (out, true)
}

/// A `progress_cells` key: (grain, YYYYMM, agency, country, course, class, roles).
pub type CellKey = (i32, i32, i64, String, i64, i64, i32);

/// The cells an event at `c` counts in, one per grain.
pub fn cell_keys(c: &Coord) -> [CellKey; 3] {
    let ym = yyyymm(c.mi);
    [
        (
            0,
            ym,
            c.agency,
            c.country.clone(),
            c.course,
            c.class,
            c.roles,
        ),
        (1, ym, c.agency, c.country.clone(), 0, 0, c.roles),
        (2, ym, 0, String::new(), c.course, 0, c.roles),
    ]
}

/// A `progress_people` key: (grain, era, person, course, class, agency, country).
pub type PeopleKey = (i32, i32, i64, i64, i64, i64, String);

/// The people rows `person` active at `c` is counted in, one per grain.
pub fn people_keys(person: i64, c: &Coord) -> [PeopleKey; 5] {
    let e = era(c.mi);
    [
        (0, e, person, c.course, c.class, c.agency, c.country.clone()),
        (1, e, person, 0, 0, c.agency, c.country.clone()),
        (2, e, person, 0, 0, 0, c.country.clone()),
        (3, e, person, 0, 0, 0, String::new()),
        (4, e, person, c.course, 0, 0, String::new()),
    ]
}

/// A `progress_findings` key: (YYYYMM, agency, country, course, class, roles, feature kind).
pub type FindingKey = (i32, i64, String, i64, i64, i32, String);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PRE: Counted = Counted::AttemptSubmitted {
        test: Some(Test::Pre),
    };
    const POST: Counted = Counted::AttemptSubmitted {
        test: Some(Test::Post),
    };

    #[test]
    fn months_and_eras() {
        assert_eq!(month_index(2000, 1), 0);
        assert_eq!(month_index(2026, 11), 26 * 12 + 10);
        assert_eq!(yyyymm(month_index(2026, 11)), 202611);
        assert_eq!(from_yyyymm(202601), month_index(2026, 1));
        assert_eq!(era(month_index(2025, 1)), 5);
        assert_eq!(era(month_index(2029, 12)), 5);
        assert_eq!(era(month_index(2030, 1)), 6);
        assert_eq!(month_bit(month_index(2030, 1)), 1);
    }

    #[test]
    fn a_better_post_test_moves_the_participation() {
        let at = |mi| Coord {
            mi,
            course: 1,
            ..Coord::default()
        };
        let mut t = Tests::default();
        let (c, ch) = changes(PRE, &at(1), Some(40.0), &mut t);
        assert!(ch);
        assert_eq!(c.len(), 1, "a pre-test alone counts nowhere yet");
        let (c, _) = changes(POST, &at(2), Some(70.0), &mut t);
        assert_eq!(c[1].0.mi, 2);
        assert_eq!(c[1].1.posts, 1);
        assert!((c[1].1.gain_sum - 0.5).abs() < 1e-9);
        let (c, ch) = changes(POST, &at(3), Some(60.0), &mut t);
        assert!(!ch && c.len() == 1, "a lower post-test changes nothing");
        let (c, _) = changes(POST, &at(4), Some(80.0), &mut t);
        assert_eq!((c[1].0.mi, c[1].1.posts), (2, -1));
        assert_eq!((c[2].0.mi, c[2].1.posts), (4, 1));
    }

    #[test]
    fn the_gain_starts_from_the_first_pre_test_as_in_class_results() {
        let at = Coord {
            course: 1,
            ..Coord::default()
        };
        let mut t = Tests::default();
        for (score, test) in [(20.0, PRE), (80.0, PRE), (90.0, POST)] {
            changes(test, &at, Some(score), &mut t);
        }
        let (_, m) = t.contribution().unwrap();
        let class = crate::results::class_gain(&[(20.0, 90.0)]).unwrap().0;
        assert!((m.gain_sum - 0.875).abs() < 1e-9, "{}", m.gain_sum);
        assert!(
            (m.gain_sum - class).abs() < 1e-9,
            "the dashboard and the class agree"
        );
    }

    #[test]
    fn each_event_counts_once_in_its_own_figure() {
        let c = Coord::default();
        let table = [
            (
                Counted::Enrolled,
                Measures {
                    events: 1,
                    enrolments: 1,
                    ..Measures::default()
                },
            ),
            (
                Counted::LessonCompleted,
                Measures {
                    events: 1,
                    lessons: 1,
                    ..Measures::default()
                },
            ),
            (
                Counted::CertificateIssued,
                Measures {
                    events: 1,
                    certificates: 1,
                    ..Measures::default()
                },
            ),
            (
                Counted::ExerciseGraded,
                Measures {
                    events: 1,
                    exercises: 1,
                    exercise_score: 75.0,
                    ..Measures::default()
                },
            ),
            (
                Counted::AttemptSubmitted { test: None },
                Measures {
                    events: 1,
                    ..Measures::default()
                },
            ),
            (
                Counted::Other,
                Measures {
                    events: 1,
                    ..Measures::default()
                },
            ),
        ];
        for (counted, expected) in table {
            let mut t = Tests::default();
            let (out, changed) = changes(counted, &c, Some(75.0), &mut t);
            assert_eq!(out, vec![(c.clone(), expected)], "{counted:?}");
            assert!(!changed);
        }
    }

    fn event() -> impl Strategy<Value = (Counted, i32, f64)> {
        (
            prop_oneof![
                Just(PRE),
                Just(POST),
                Just(Counted::Enrolled),
                Just(Counted::ExerciseGraded),
                Just(Counted::AttemptSubmitted { test: None }),
            ],
            0i32..24,
            0.0f64..=100.0,
        )
    }

    proptest! {
        /// However a participation's attempts arrive, the changes add up to one post-test
        /// counted where the best one was taken, with the gain from the first pre-test — so
        /// folding event by event and rebuilding from the end state agree.
        #[test]
        fn the_changes_add_up_to_the_final_state(events in prop::collection::vec(event(), 0..30)) {
            let mut t = Tests::default();
            let mut cells: std::collections::HashMap<i32, Measures> = Default::default();
            for (counted, mi, score) in &events {
                let at = Coord { mi: *mi, course: 1, ..Coord::default() };
                let (out, _) = changes(*counted, &at, Some(*score), &mut t);
                for (c, m) in out {
                    cells.entry(c.mi).or_default().add(&m);
                }
            }
            let posts: i64 = cells.values().map(|m| m.posts).sum();
            let gain_sum: f64 = cells.values().map(|m| m.gain_sum).sum();
            let pre = events.iter().find(|e| e.0 == PRE).map(|e| e.2);
            let best = events.iter().filter(|e| e.0 == POST).map(|e| e.2).fold(None, |b: Option<f64>, s| Some(b.map_or(s, |b| b.max(s))));
            prop_assert_eq!(posts, i64::from(best.is_some()));
            let expected = match (pre, best) {
                (Some(pre), Some(post)) => normalised_gain(pre, post).unwrap_or(0.0),
                _ => 0.0,
            };
            prop_assert!((gain_sum - expected).abs() < 1e-9, "{} vs {}", gain_sum, expected);
            if let (Some(post), Some((at, _))) = (best, t.contribution()) {
                let first_best = events.iter().find(|e| e.0 == POST && e.2 == post).unwrap();
                prop_assert_eq!(at.mi, first_best.1);
            }
            for (mi, m) in &cells {
                prop_assert!(m.posts == 0 || m.posts == 1, "month {} counts {} post-tests", mi, m.posts);
            }
        }
    }
}
