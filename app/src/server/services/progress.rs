//! Progress dashboards: who was trained, in what, with what result, per agency, country and
//! course, filtered by period (whole months), country, agency, course, class and the people's
//! role. Administrators see everything; a programme manager the countries they cover; an
//! agency focal point their own agency; a trainer the classes they train. Someone holding
//! several of these roles gets the widest, in that order.
//!
//! Every figure comes from the roll-ups of the learning events (`rollups`), never from the
//! events themselves: additive figures from `progress_cells`, people from `progress_people`,
//! exercise accuracy from `progress_findings`. Each query reads the smallest grain that holds
//! the dimensions it groups and filters by.
//!
//! `scope` checks the filters against what the viewer may see, `queries` reads the roll-ups,
//! and this file assembles the dashboard and its export tables.

//!
//! Beside the dashboards: [`events`] (the learning events every capability records),
//! [`rollups`] (the pre-computed monthly counts the dashboards read) and [`xapi`] (the
//! events as xAPI statements for a learning record store).

pub mod events;
pub mod rollups;
pub mod xapi;

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::progress::{Dashboard, Filters, NeedsPoint, Options, Row, Totals};
use crate::model::{CurrentUser, Role};
use crate::server::entities::{agency, class, country, course};
use rollups::ERA_MONTHS;
use sea_orm::sea_query::{Alias, Cond, Expr, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use std::collections::HashMap;

mod queries;
mod scope;
pub use queries::*;
pub use scope::*;

const AGENCY: u8 = 1;
const COUNTRY: u8 = 2;
const COURSE: u8 = 4;
const CLASS: u8 = 8;

/// A table row from its label, people and figures.
fn row_of(label: String, people: i64, m: &rollups::Measures) -> Row {
    let avg = |sum: f64, n: i64| (n > 0).then(|| sum / n as f64);
    Row {
        label,
        people,
        enrolments: m.enrolments,
        lessons: m.lessons,
        certificates: m.certificates,
        exercises: m.exercises,
        exercise_score: avg(m.exercise_score, m.exercises),
        post_test: avg(m.post_score, m.posts),
        gain: avg(m.gain_sum, m.gains),
    }
}

/// How many named lines a trend chart draws before summing the rest into one.
pub const TREND_LINES: usize = 6;

/// The trend charts' measure `code` (lessons when unknown or empty) of figures `m`.
fn trend_value(m: &rollups::Measures, code: &str) -> i64 {
    match code {
        "enrolments" => m.enrolments,
        "certificates" => m.certificates,
        "events" => m.events,
        _ => m.lessons,
    }
}

/// One line per key of `cells` (month as YYYYMM, key, value) over every month of
/// `months`: the [`TREND_LINES`] largest by total, named from `names`, then the rest summed
/// into one line.
pub fn trend(
    months: &[i32],
    cells: &[(i32, i64, i64)],
    names: &HashMap<i64, String>,
) -> crate::model::progress::Trend {
    let at: HashMap<i32, usize> = months.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut lines: HashMap<i64, Vec<i64>> = HashMap::new();
    for (month, key, v) in cells {
        if let Some(i) = at.get(month) {
            lines.entry(*key).or_insert_with(|| vec![0; months.len()])[*i] += v;
        }
    }
    // A line that stays at zero says nothing the others do not.
    let mut lines: Vec<(String, Vec<i64>)> = lines
        .into_iter()
        .filter(|(_, v)| v.iter().any(|x| *x != 0))
        .map(|(k, v)| (names.get(&k).cloned().unwrap_or_else(|| "—".into()), v))
        .collect();
    lines.sort_by(|a, b| {
        let total = |l: &(String, Vec<i64>)| l.1.iter().sum::<i64>();
        total(b).cmp(&total(a)).then_with(|| a.0.cmp(&b.0))
    });
    let rest = lines.split_off(lines.len().min(TREND_LINES));
    let mut series: Vec<(Option<String>, Vec<i64>)> =
        lines.into_iter().map(|(n, v)| (Some(n), v)).collect();
    if !rest.is_empty() {
        let mut sum = vec![0; months.len()];
        for (_, v) in rest {
            for (s, x) in sum.iter_mut().zip(v) {
                *s += x;
            }
        }
        series.push((None, sum));
    }
    crate::model::progress::Trend {
        months: months
            .iter()
            .map(|ym| format!("{}-{:02}", ym / 100, ym % 100))
            .collect(),
        series,
    }
}

/// The options of the filter form (what the viewer may choose from).
/// Draft courses are named only to those who may author them: a focal point's or a manager's
/// filters and exports never show one.
async fn options(
    db: &DatabaseConnection,
    scope: &Scope,
    all_agencies: bool,
    drafts: bool,
) -> AppResult<Options> {
    let mut cq = class::Entity::find().order_by_desc(class::Column::StartsOn);
    if let Some(mine) = &scope.classes {
        cq = cq.filter(class::Column::Id.is_in(mine.clone()));
    }
    if !drafts {
        // A class's name carries its course's.
        cq = cq.filter(
            class::Column::CourseId.in_subquery(
                Query::select()
                    .column(course::Column::Id)
                    .from(course::Entity)
                    .and_where(course::Column::Published.eq(true))
                    .to_owned(),
            ),
        );
    }
    let mut aq = agency::Entity::find().order_by_asc(agency::Column::Name);
    if let Some(codes) = &scope.countries {
        aq = aq.filter(agency::Column::CountryCode.is_in(codes.clone()));
    }
    if let (Some(a), false) = (scope.agency, all_agencies) {
        aq = aq.filter(agency::Column::Id.eq(a));
    }
    let mut sub = Query::select()
        .column(agency::Column::CountryCode)
        .from(agency::Entity)
        .to_owned();
    if let Some(codes) = &scope.countries {
        sub.and_where(agency::Column::CountryCode.is_in(codes.clone()));
    }
    if let (Some(a), false) = (scope.agency, all_agencies) {
        sub.and_where(agency::Column::Id.eq(a));
    }
    Ok(Options {
        countries: country::Entity::find()
            .filter(country::Column::Code.in_subquery(sub))
            .order_by_asc(country::Column::NameEn)
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.code, c.name_en))
            .collect(),
        agencies: aq
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect(),
        courses: course::Entity::find()
            .apply_if((!drafts).then_some(true), |q, p| {
                q.filter(course::Column::Published.eq(p))
            })
            .order_by_asc(course::Column::Title)
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect(),
        classes: cq
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
    })
}

fn by_people(rows: &mut [Row]) {
    rows.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.label.cmp(&b.label)));
}

/// The dashboard for `user` with filters `f`.
pub async fn dashboard(
    db: &DatabaseConnection,
    user: &CurrentUser,
    mut f: Filters,
) -> AppResult<Dashboard> {
    // The trend's measure as chosen, without stray spaces (checked with the other filters).
    f.measure = f
        .measure
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty());
    let scope = scope(db, user, &f).await?;
    // Count every event written so far (the background fold runs every second or so).
    rollups::catch_up(db).await?;
    // An agency focal point chooses from their own agency only; others from every agency
    // they may see.
    let focal = !user.has(Role::Admin) && !user.has(Role::Manager) && user.has(Role::FocalPoint);
    let drafts = crate::server::services::learn::courses::can_author(user);
    let (options, needs, extent) = tokio::try_join!(
        options(db, &scope, !focal, drafts),
        needs_history(db, &scope),
        extent(db)
    )?;
    let mut d = Dashboard {
        totals: Totals::default(),
        monthly: Vec::new(),
        trend_courses: Default::default(),
        trend_agencies: Default::default(),
        agencies: Vec::new(),
        courses: Vec::new(),
        countries: Vec::new(),
        defects: Vec::new(),
        desk: Vec::new(),
        needs,
        options,
        filters: f,
    };
    let Some((lo, hi)) = extent else {
        return Ok(d);
    };
    let months = (
        scope.months.0.unwrap_or(lo).max(lo),
        scope.months.1.unwrap_or(hi).min(hi),
    );
    if months.0 > months.1 || scope.classes.as_ref().is_some_and(Vec::is_empty) {
        return Ok(d);
    }

    // The reads are independent: run them at once, each on its own pooled connection.
    let (by_agency, by_course, total_people, agency_people, country_people, course_people, found) =
        tokio::try_join!(
            cells(
                db,
                &scope,
                months,
                &["month", "agency_id", "country_code"],
                AGENCY | COUNTRY
            ),
            cells(db, &scope, months, &["month", "course_id"], COURSE),
            people(db, &scope, months, None),
            people(db, &scope, months, Some(("agency_id", AGENCY))),
            people(db, &scope, months, Some(("country_code", COUNTRY))),
            people(db, &scope, months, Some(("course_id", COURSE))),
            defects(db, &scope, months),
        )?;

    // Additive figures per month and agency (with its country): the agency and country
    // tables, the months and the totals all come from this one grouped read.
    let mut per_agency: HashMap<i64, rollups::Measures> = HashMap::new();
    let mut per_country: HashMap<String, rollups::Measures> = HashMap::new();
    let mut per_month: std::collections::BTreeMap<i32, rollups::Measures> = Default::default();
    let mut total = rollups::Measures::default();
    let measure = d.filters.measure.clone().unwrap_or_default();
    let mut agency_months: Vec<(i32, i64, i64)> = Vec::new();
    for r in by_agency {
        let m = measures(&r, 3)?;
        let month: i32 = r.try_get_by_index(0)?;
        let agency: i64 = r.try_get_by_index(1)?;
        let country: String = r.try_get_by_index(2)?;
        agency_months.push((month, agency, trend_value(&m, &measure)));
        per_agency.entry(agency).or_default().add(&m);
        per_country.entry(country).or_default().add(&m);
        per_month.entry(month).or_default().add(&m);
        total.add(&m);
    }
    let mut per_course: HashMap<i64, rollups::Measures> = HashMap::new();
    let mut course_months: Vec<(i32, i64, i64)> = Vec::new();
    for r in by_course {
        let m = measures(&r, 2)?;
        let course: i64 = r.try_get_by_index(1)?;
        course_months.push((r.try_get_by_index(0)?, course, trend_value(&m, &measure)));
        per_course.entry(course).or_default().add(&m);
    }
    let people_total = total_people.first().map_or(0, |r| r.1);
    let people_of = |rows: Vec<(String, i64)>| rows.into_iter().collect::<HashMap<String, i64>>();
    let agency_people = people_of(agency_people);
    let country_people = people_of(country_people);
    let course_people = people_of(course_people);

    let agency_names: HashMap<i64, String> = d.options.agencies.iter().cloned().collect();
    let course_names: HashMap<i64, String> = d.options.courses.iter().cloned().collect();
    let none = || "—".to_owned();
    d.agencies = per_agency
        .iter()
        .map(|(id, m)| {
            let label = agency_names.get(id).cloned().unwrap_or_else(none);
            row_of(
                label,
                agency_people.get(&id.to_string()).copied().unwrap_or(0),
                m,
            )
        })
        .collect();
    by_people(&mut d.agencies);
    // A course missing from the names is a draft the viewer may not see named: left out.
    d.courses = per_course
        .iter()
        .filter_map(|(id, m)| {
            let label = course_names.get(id).cloned()?;
            Some(row_of(
                label,
                course_people.get(&id.to_string()).copied().unwrap_or(0),
                m,
            ))
        })
        .collect();
    by_people(&mut d.courses);
    d.countries = per_country
        .iter()
        .map(|(code, m)| {
            let label = if code.is_empty() {
                none()
            } else {
                code.clone()
            };
            row_of(label, country_people.get(code).copied().unwrap_or(0), m)
        })
        .collect();
    by_people(&mut d.countries);
    let all_months: Vec<i32> = (months.0..=months.1).map(rollups::yyyymm).collect();
    // Drafts the viewer may not see named stay out of the course lines, as of the table.
    course_months.retain(|(_, c, _)| course_names.contains_key(c));
    d.trend_courses = trend(&all_months, &course_months, &course_names);
    d.trend_agencies = trend(&all_months, &agency_months, &agency_names);
    d.monthly = per_month
        .iter()
        .map(|(ym, m)| {
            (
                format!("{}-{:02}", ym / 100, ym % 100),
                m.events,
                m.enrolments,
            )
        })
        .collect();
    let t = row_of(String::new(), people_total, &total);
    d.totals = Totals {
        people: people_total,
        enrolments: total.enrolments,
        lessons: total.lessons,
        certificates: total.certificates,
        exercises: total.exercises,
        exercise_score: t.exercise_score,
        post_test: t.post_test,
        gain: t.gain,
        gain_people: total.gains.max(0) as usize,
    };
    // Border-desk decisions are findings too, under `desk:` and their case kind.
    let (desk, defects): (Vec<_>, Vec<_>) =
        found.into_iter().partition(|f| f.0.starts_with("desk:"));
    d.defects = defects;
    d.desk = desk
        .into_iter()
        .map(|(k, right, n)| (k.trim_start_matches("desk:").to_string(), right, n))
        .collect();
    Ok(d)
}

/// One dashboard table as rows of text for CSV or XLSX: `agencies`, `courses`, `countries`,
/// `needs`, `defects` or `desk`.
/// Codes stay in their own columns for machines, each beside its label in `lang` for people.
pub fn table(d: &Dashboard, name: &str, lang: crate::i18n::Lang) -> AppResult<Vec<Vec<String>>> {
    let num = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_default();
    let rows = |rows: &[Row], first: &str| {
        let mut out = vec![vec![
            first.to_owned(),
            "people".into(),
            "enrolments".into(),
            "lessons_completed".into(),
            "certificates".into(),
            "exercises".into(),
            "exercise_score_percent".into(),
            "post_test_percent".into(),
            "normalised_gain".into(),
            "completion_percent".into(),
        ]];
        for r in rows {
            out.push(vec![
                r.label.clone(),
                r.people.to_string(),
                r.enrolments.to_string(),
                r.lessons.to_string(),
                r.certificates.to_string(),
                r.exercises.to_string(),
                num(r.exercise_score),
                num(r.post_test),
                r.gain.map(|g| format!("{g:.2}")).unwrap_or_default(),
                num(r.completion()),
            ]);
        }
        out
    };
    match name {
        "agencies" => Ok(rows(&d.agencies, "agency")),
        "courses" => Ok(rows(&d.courses, "course")),
        "countries" => Ok(rows(&d.countries, "country")),
        "needs" => {
            let mut out = vec![vec![
                "campaign".into(),
                "closes_on".into(),
                "groups_measured".into(),
                "gaps_open".into(),
                "gaps_closed".into(),
            ]];
            for n in &d.needs {
                out.push(vec![
                    n.campaign.clone(),
                    n.closes_on.clone(),
                    n.measured.to_string(),
                    n.open.to_string(),
                    n.closed.to_string(),
                ]);
            }
            Ok(out)
        }
        "defects" => {
            let mut out = vec![vec![
                "feature_kind".into(),
                "feature".into(),
                "found".into(),
                "total".into(),
                "missed_percent".into(),
            ]];
            for (k, f, t) in &d.defects {
                let label = crate::model::exercise::feature_label(k).map_or("", |m| m.text(lang));
                out.push(vec![
                    k.clone(),
                    label.to_owned(),
                    f.to_string(),
                    t.to_string(),
                    format!("{:.1}", 100.0 * (t - f) as f64 / (*t).max(1) as f64),
                ]);
            }
            Ok(out)
        }
        "desk" => {
            let mut out = vec![vec![
                "case_kind".into(),
                "case".into(),
                "right".into(),
                "decided".into(),
                "right_percent".into(),
            ]];
            for (k, right, n) in &d.desk {
                out.push(vec![
                    k.clone(),
                    crate::model::desk::case_label(k)
                        .map_or("", |m| m.text(lang))
                        .to_owned(),
                    right.to_string(),
                    n.to_string(),
                    format!("{:.1}", 100.0 * *right as f64 / (*n).max(1) as f64),
                ]);
            }
            Ok(out)
        }
        _ => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_checked() {
        assert_eq!(
            parse_month(Some("2026-01"), "from").unwrap(),
            Some(rollups::month_index(2026, 1))
        );
        assert_eq!(parse_month(None, "from").unwrap(), None);
        assert_eq!(parse_month(Some(" "), "from").unwrap(), None);
        for bad in [
            "2026-13",
            "2026-1",
            "26-01",
            "January",
            "2026-01-01",
            "1999-12",
            "2101-01",
        ] {
            assert!(parse_month(Some(bad), "from").is_err(), "{bad}");
        }
    }

    #[test]
    fn gaps_close_when_a_later_campaign_no_longer_finds_them() {
        let g = |a: i64, c: &str, need: bool| ((a, c.to_owned()), need);
        let history = gap_history(&[
            vec![g(1, "docs", true), g(1, "law", true), g(2, "docs", false)],
            vec![g(1, "docs", false), g(2, "docs", true)],
            vec![g(1, "law", false), g(2, "docs", false), g(1, "docs", false)],
        ]);
        assert_eq!(history, vec![(3, 2, 0), (2, 1, 1), (3, 0, 2)]);
        assert!(gap_history(&[]).is_empty());
    }

    #[test]
    fn the_smallest_grain_holding_the_dimensions_is_read() {
        assert_eq!(grain_for(&PEOPLE_GRAINS, 0).0, 3);
        assert_eq!(grain_for(&PEOPLE_GRAINS, COUNTRY).0, 2);
        assert_eq!(grain_for(&PEOPLE_GRAINS, AGENCY | COUNTRY).0, 1);
        assert_eq!(grain_for(&PEOPLE_GRAINS, COURSE).0, 4);
        assert_eq!(grain_for(&PEOPLE_GRAINS, COURSE | COUNTRY).0, 0);
        assert_eq!(grain_for(&CELL_GRAINS, AGENCY).0, 1);
        assert_eq!(grain_for(&CELL_GRAINS, COURSE).0, 2);
        assert_eq!(grain_for(&CELL_GRAINS, CLASS).0, 0);
    }

    proptest::proptest! {
        /// The trend lines add up: per month, the lines (the named ones and "others") sum to
        /// the figures given; at most TREND_LINES are named, the largest, and months outside
        /// the period are left out.
        #[test]
        fn trend_lines_add_up(
            cells in proptest::collection::vec((0i32..8, 0i64..12, 0i64..50), 0..80),
        ) {
            let months: Vec<i32> = (1..=6).map(|m| 202600 + m).collect();
            let cells: Vec<(i32, i64, i64)> =
                cells.into_iter().map(|(m, k, v)| (202600 + m, k, v)).collect();
            let names: HashMap<i64, String> = (0..12).map(|k| (k, format!("line {k:02}"))).collect();
            let t = trend(&months, &cells, &names);
            proptest::prop_assert_eq!(t.months.len(), 6);
            proptest::prop_assert!(t.series.iter().filter(|s| s.0.is_some()).count() <= TREND_LINES);
            for (i, m) in months.iter().enumerate() {
                let given: i64 = cells.iter().filter(|c| c.0 == *m).map(|c| c.2).sum();
                let drawn: i64 = t.series.iter().map(|s| s.1[i]).sum();
                proptest::prop_assert_eq!(given, drawn);
            }
            let totals: Vec<i64> = t.series.iter().filter(|s| s.0.is_some()).map(|s| s.1.iter().sum()).collect();
            proptest::prop_assert!(totals.windows(2).all(|w| w[0] >= w[1]));
            if let Some(other) = t.series.iter().find(|s| s.0.is_none()) {
                let rest: i64 = other.1.iter().sum();
                proptest::prop_assert!(totals.len() == TREND_LINES);
                proptest::prop_assert!(rest > 0);
            }
        }
    }

    #[test]
    fn a_trend_names_its_lines_and_fills_empty_months() {
        let names: HashMap<i64, String> =
            [(1, "Border Police".into()), (2, "Immigration".into())].into();
        let t = trend(
            &[202601, 202602, 202603],
            &[(202601, 1, 4), (202603, 2, 9), (202603, 1, 1)],
            &names,
        );
        assert_eq!(t.months, ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(
            t.series,
            vec![
                (Some("Immigration".to_owned()), vec![0, 0, 9]),
                (Some("Border Police".to_owned()), vec![4, 0, 1])
            ]
        );
    }
}
