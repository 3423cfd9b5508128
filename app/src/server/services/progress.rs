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
    f: Filters,
) -> AppResult<Dashboard> {
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
            cells(db, &scope, months, &["course_id"], COURSE),
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
    for r in by_agency {
        let m = measures(&r, 3)?;
        let month: i32 = r.try_get_by_index(0)?;
        let agency: i64 = r.try_get_by_index(1)?;
        let country: String = r.try_get_by_index(2)?;
        per_agency.entry(agency).or_default().add(&m);
        per_country.entry(country).or_default().add(&m);
        per_month.entry(month).or_default().add(&m);
        total.add(&m);
    }
    let mut per_course: HashMap<i64, rollups::Measures> = HashMap::new();
    for r in by_course {
        per_course.insert(r.try_get_by_index(0)?, measures(&r, 1)?);
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
pub fn table(d: &Dashboard, name: &str) -> AppResult<Vec<Vec<String>>> {
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
                "found".into(),
                "total".into(),
                "missed_percent".into(),
            ]];
            for (k, f, t) in &d.defects {
                out.push(vec![
                    k.clone(),
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
                "right".into(),
                "decided".into(),
                "right_percent".into(),
            ]];
            for (k, right, n) in &d.desk {
                out.push(vec![
                    k.clone(),
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
}
