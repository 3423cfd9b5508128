//! Roll-ups of the learning events, so the progress dashboards read thousands of rows where
//! the events number millions. Each event is marked pending as it is written; pending events
//! are folded in, in batches, by a background task and by every dashboard read first
//! ([`fold_pending`], [`catch_up`]). The roll-ups can also be rebuilt from the events at any
//! time ([`rebuild`]); folding and rebuilding go through the same pure functions
//! ([`changes`], [`cell_keys`], [`people_keys`]), so they agree.
//!
//! Folding in batches keeps the roll-ups off the request path: every trainee of a class,
//! agency or course counts in the same few rows, and updating them with each event made
//! concurrent requests queue on those rows' locks.
//!
//! - `progress_cells`: additive figures (events, enrolments, lessons completed,
//!   certificates, exercises and their scores, post-test results and gains) per month,
//!   role set and dimensions, at three grains — agency × course × class (0), agency (1) and
//!   course (2) — so a dashboard without course filters reads the agency grain (thousands of
//!   rows) and one with them reads the full grain through an index.
//! - `progress_people`: who was active, as one row per person and dimensions per era of 60
//!   months with the months active as bits, at five grains, so "people trained" is a count of
//!   rows (or of distinct people where a person can have several rows).
//! - `progress_tests`: each participation's best pre- and post-test. A participation's
//!   post-test result and gain count in the month of its best post-test.
//! - `progress_findings`: exercise features found or missed per month, dimensions and kind.
//!
//! This file holds the pure arithmetic (months and eras, coordinates, measures, keys);
//! `store` the tables and their additive writes, `fold` the batches of pending events, and
//! `rebuild` the full rebuild from the events.

use crate::error::AppResult;
use crate::model::Role;
use crate::server::entities::learning_event;
use crate::server::services::progress::events;
use sea_orm::sea_query::{Expr, OnConflict, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseConnection, DeriveIden, TransactionTrait};
use std::collections::HashMap;

mod fold;
mod rebuild;
mod store;
pub use fold::*;
pub use rebuild::*;
pub use store::*;

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

/// The bit of `role` in role masks.
pub fn role_bit(role: Role) -> i32 {
    let i = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
    1 << i
}

/// The mask of role codes `codes` (unknown codes are ignored).
pub fn role_mask<'a>(codes: impl IntoIterator<Item = &'a str>) -> i32 {
    codes
        .into_iter()
        .filter_map(Role::from_code)
        .fold(0, |m, r| m | role_bit(r))
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

impl Coord {
    /// The coordinates of event `e` for a person with role mask `roles`.
    pub fn of(e: &learning_event::Model, roles: i32) -> Coord {
        Coord {
            mi: month_index(e.at.year(), u8::from(e.at.month())),
            agency: e.agency_id.unwrap_or(0),
            country: e.country_code.clone().unwrap_or_default(),
            course: e.course_id.unwrap_or(0),
            class: e.class_id.unwrap_or(0),
            roles,
        }
    }
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

    fn negated(&self) -> Measures {
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
/// (`assessments::results::counted_pre`/`counted_post`): the first pre-test, the best
/// post-test, and where the best post-test was counted (the first event that reached it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tests {
    pub pre: Option<f64>,
    pub post: Option<f64>,
    pub at: Option<Coord>,
}

impl Tests {
    /// What these tests add to the cell of their post-test.
    fn contribution(&self) -> Option<(Coord, Measures)> {
        let post = self.post?;
        let at = self.at.clone()?;
        let gain = self
            .pre
            .and_then(|pre| assessments::results::normalised_gain(pre, post));
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

/// The cell changes of one event of `kind` at `coord` with `score`, taken in a quiz of role
/// `quiz_role` (for attempts); `tests` is the participation's state, updated in place. Returns
/// the changes and whether `tests` changed.
pub fn changes(
    kind: &str,
    coord: &Coord,
    score: Option<f64>,
    quiz_role: Option<&str>,
    tests: &mut Tests,
) -> (Vec<(Coord, Measures)>, bool) {
    let mut m = Measures {
        events: 1,
        ..Measures::default()
    };
    match kind {
        events::ENROLLED => m.enrolments = 1,
        events::LESSON_COMPLETED => m.lessons = 1,
        events::CERTIFICATE_ISSUED => m.certificates = 1,
        events::EXERCISE_GRADED => {
            m.exercises = 1;
            m.exercise_score = score.unwrap_or(0.0);
        }
        _ => {}
    }
    let mut out = vec![(coord.clone(), m)];
    let (Some(score), events::ATTEMPT_SUBMITTED) = (score, kind) else {
        return (out, false);
    };
    let before = tests.clone();
    match quiz_role {
        Some("pre_test") => tests.pre = Some(assessments::results::counted_pre(tests.pre, score)),
        Some("post_test") if tests.post.is_none_or(|p| score > p) => {
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

/// The columns of `progress_people`: its key, then months and roles.
fn people_columns() -> [ProgressPeople; 9] {
    use ProgressPeople as P;
    [
        P::Grain,
        P::Era,
        P::PersonId,
        P::CourseId,
        P::ClassId,
        P::AgencyId,
        P::CountryCode,
        P::Months,
        P::RoleMask,
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
        let (c, ch) = changes(
            events::ATTEMPT_SUBMITTED,
            &at(1),
            Some(40.0),
            Some("pre_test"),
            &mut t,
        );
        assert!(ch);
        assert_eq!(c.len(), 1, "a pre-test alone counts nowhere yet");
        let (c, _) = changes(
            events::ATTEMPT_SUBMITTED,
            &at(2),
            Some(70.0),
            Some("post_test"),
            &mut t,
        );
        assert_eq!(c[1].0.mi, 2);
        assert_eq!(c[1].1.posts, 1);
        assert!((c[1].1.gain_sum - 0.5).abs() < 1e-9);
        let (c, ch) = changes(
            events::ATTEMPT_SUBMITTED,
            &at(3),
            Some(60.0),
            Some("post_test"),
            &mut t,
        );
        assert!(!ch && c.len() == 1, "a lower post-test changes nothing");
        let (c, _) = changes(
            events::ATTEMPT_SUBMITTED,
            &at(4),
            Some(80.0),
            Some("post_test"),
            &mut t,
        );
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
        for (score, role) in [(20.0, "pre_test"), (80.0, "pre_test"), (90.0, "post_test")] {
            changes(
                events::ATTEMPT_SUBMITTED,
                &at,
                Some(score),
                Some(role),
                &mut t,
            );
        }
        let (_, m) = t.contribution().unwrap();
        let class = assessments::results::class_gain(&[(20.0, 90.0)]).unwrap().0;
        assert!((m.gain_sum - 0.875).abs() < 1e-9, "{}", m.gain_sum);
        assert!(
            (m.gain_sum - class).abs() < 1e-9,
            "the dashboard and the class agree"
        );
    }
}
