//! Progress dashboards: who was trained, in what, with what result, per agency, country and
//! course — all read from the learning-events table (and, for exercise accuracy, the findings
//! of the graded answers it points to), filtered by period, country, agency, course, class and
//! the people's role. Administrators see everything; a trainer sees the classes they train.

use super::{events, records};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::progress::{Dashboard, Filters, Options, Row, Totals};
use crate::model::{CurrentUser, Role};
use crate::server::entities::{
    agency, attempt, class, country, course, exercise_finding, learning_event as le, person_role,
    quiz,
};
use sea_orm::sea_query::{Condition, Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// The filters checked and turned into a condition on learning events.
pub struct Scope {
    condition: Condition,
    /// The classes a trainer may see (`None`: everything).
    classes: Option<Vec<i64>>,
}

fn parse_id(v: &Option<String>, field: &str) -> AppResult<Option<i64>> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::field(field, Msg::ErrUnknownFilter)),
    }
}

/// Checks `f` for `user` and builds its condition. Unknown ids, reversed or absurd dates are
/// refused with the field concerned; a trainer asking for a class they do not train is
/// refused outright.
pub async fn scope(db: &DatabaseConnection, user: &CurrentUser, f: &Filters) -> AppResult<Scope> {
    if !(user.has(Role::Admin) || user.has(Role::Trainer)) {
        return Err(AppError::Forbidden);
    }
    let (start, end) = records::date_range(f.from.as_deref(), f.to.as_deref())?;
    let mut c = Condition::all()
        .add(le::Column::At.gte(start))
        .add(le::Column::At.lt(end));
    if let Some(code) = f
        .country
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        country::Entity::find_by_id(code.to_owned())
            .one(db)
            .await?
            .ok_or(AppError::field("country", Msg::ErrUnknownFilter))?;
        c = c.add(le::Column::CountryCode.eq(code));
    }
    if let Some(a) = parse_id(&f.agency, "agency")? {
        agency::Entity::find_by_id(a)
            .one(db)
            .await?
            .ok_or(AppError::field("agency", Msg::ErrUnknownFilter))?;
        c = c.add(le::Column::AgencyId.eq(a));
    }
    if let Some(id) = parse_id(&f.course, "course")? {
        course::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::field("course", Msg::ErrUnknownFilter))?;
        c = c.add(le::Column::CourseId.eq(id));
    }
    let classes = if user.has(Role::Admin) {
        None
    } else {
        Some(records::trained_classes(db, user).await?)
    };
    if let Some(id) = parse_id(&f.class, "class")? {
        class::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::field("class", Msg::ErrUnknownFilter))?;
        if classes.as_ref().is_some_and(|mine| !mine.contains(&id)) {
            return Err(AppError::Forbidden);
        }
        c = c.add(le::Column::ClassId.eq(id));
    }
    if let Some(mine) = &classes {
        c = c.add(le::Column::ClassId.is_in(mine.clone()));
    }
    if let Some(role) = f.role.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if !Role::ALL.iter().any(|r| r.code() == role) {
            return Err(AppError::field("role", Msg::ErrUnknownFilter));
        }
        c = c.add(
            le::Column::PersonId.in_subquery(
                Query::select()
                    .column(person_role::Column::PersonId)
                    .from(person_role::Entity)
                    .and_where(person_role::Column::Role.eq(role))
                    .to_owned(),
            ),
        );
    }
    Ok(Scope {
        condition: c,
        classes,
    })
}

/// `SUM(CASE WHEN kind = k THEN 1 ELSE 0 END)` as a BIGINT (PostgreSQL sums to numeric), 0
/// when nothing matches (a sum over no rows is NULL).
fn count_kind(kind: &str) -> sea_orm::sea_query::SimpleExpr {
    Expr::cust(format!(
        "CAST(COALESCE(SUM(CASE WHEN \"kind\" = '{kind}' THEN 1 ELSE 0 END), 0) AS BIGINT)"
    ))
}

/// The grouped figures of events in `scope`, by `group` (an event column, or none for the
/// totals): (key, people, enrolments, lessons completed, certificates, exercises, average
/// exercise score).
type Grouped = (Option<String>, i64, i64, i64, i64, i64, Option<f64>);

async fn grouped(
    db: &DatabaseConnection,
    scope: &Scope,
    group: Option<le::Column>,
) -> AppResult<Vec<Grouped>> {
    let key = match group {
        Some(col) => Expr::cust(format!("CAST(\"{}\" AS TEXT)", col_name(col))),
        None => Expr::cust("NULL"),
    };
    let mut q = le::Entity::find()
        .select_only()
        .column_as(key, "key")
        .column_as(Expr::cust("COUNT(DISTINCT \"person_id\")"), "people")
        .column_as(count_kind(events::ENROLLED), "enrolments")
        .column_as(count_kind(events::LESSON_COMPLETED), "lessons")
        .column_as(count_kind(events::CERTIFICATE_ISSUED), "certificates")
        .column_as(count_kind(events::EXERCISE_GRADED), "exercises")
        .column_as(
            Expr::cust(format!(
                "AVG(CASE WHEN \"kind\" = '{}' THEN \"score\" END)",
                events::EXERCISE_GRADED
            )),
            "exercise_score",
        )
        .filter(scope.condition.clone());
    if let Some(col) = group {
        q = q.group_by(col);
    }
    Ok(q.into_tuple().all(db).await?)
}

fn col_name(c: le::Column) -> &'static str {
    match c {
        le::Column::AgencyId => "agency_id",
        le::Column::CourseId => "course_id",
        le::Column::CountryCode => "country_code",
        le::Column::ClassId => "class_id",
        _ => "person_id",
    }
}

/// A quiz result: (person, course, agency, quiz role, score).
pub type QuizScore = (i64, Option<i64>, Option<i64>, String, f64);
/// A quiz attempt event: (person, course, agency, attempt, score).
type AttemptEvent = (i64, Option<i64>, Option<i64>, Option<i64>, Option<f64>);

/// Quiz results in scope.
async fn quiz_scores(db: &DatabaseConnection, scope: &Scope) -> AppResult<Vec<QuizScore>> {
    let rows: Vec<AttemptEvent> = le::Entity::find()
        .select_only()
        .columns([
            le::Column::PersonId,
            le::Column::CourseId,
            le::Column::AgencyId,
            le::Column::RefId,
            le::Column::Score,
        ])
        .filter(scope.condition.clone())
        .filter(le::Column::Kind.eq(events::ATTEMPT_SUBMITTED))
        .into_tuple()
        .all(db)
        .await?;
    let attempt_ids: Vec<i64> = rows.iter().filter_map(|r| r.3).collect();
    let mut quiz_of: HashMap<i64, i64> = HashMap::new();
    for chunk in attempt_ids.chunks(5_000) {
        quiz_of.extend(
            attempt::Entity::find()
                .select_only()
                .columns([attempt::Column::Id, attempt::Column::QuizId])
                .filter(attempt::Column::Id.is_in(chunk.to_vec()))
                .into_tuple::<(i64, i64)>()
                .all(db)
                .await?,
        );
    }
    let roles: HashMap<i64, String> = quiz::Entity::find()
        .select_only()
        .columns([quiz::Column::Id, quiz::Column::Role])
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(p, c, a, r, score)| {
            let role = roles.get(quiz_of.get(&r?)?)?.clone();
            Some((p, c, a, role, score?))
        })
        .collect())
}

/// Average post-test score and normalised gain (pre → post, per person and course, then
/// averaged) of `rows`.
pub fn post_and_gain(rows: &[QuizScore]) -> (Option<f64>, Option<f64>, usize) {
    let mut pre: HashMap<(i64, Option<i64>), f64> = HashMap::new();
    let mut post: HashMap<(i64, Option<i64>), f64> = HashMap::new();
    for (p, c, _, role, score) in rows {
        let map = match role.as_str() {
            "pre_test" => &mut pre,
            "post_test" => &mut post,
            _ => continue,
        };
        let e = map.entry((*p, *c)).or_insert(*score);
        *e = e.max(*score);
    }
    let post_avg = (!post.is_empty()).then(|| post.values().sum::<f64>() / post.len() as f64);
    let gains: Vec<f64> = post
        .iter()
        .filter_map(|(k, after)| {
            let before = pre.get(k)?;
            (*before < 100.0).then(|| (after - before) / (100.0 - before))
        })
        .collect();
    let gain = (!gains.is_empty()).then(|| gains.iter().sum::<f64>() / gains.len() as f64);
    (post_avg, gain, gains.len())
}

/// Exercise accuracy per feature kind in scope: (kind, found, total), most missed first.
async fn defects(db: &DatabaseConnection, scope: &Scope) -> AppResult<Vec<(String, i64, i64)>> {
    let graded: Vec<i64> = le::Entity::find()
        .select_only()
        .column(le::Column::RefId)
        .filter(scope.condition.clone())
        .filter(le::Column::Kind.eq(events::EXERCISE_GRADED))
        .filter(le::Column::RefId.is_not_null())
        .into_tuple::<Option<i64>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let mut out: HashMap<String, (i64, i64)> = HashMap::new();
    for chunk in graded.chunks(5_000) {
        let rows: Vec<(String, i64, i64)> = exercise_finding::Entity::find()
            .select_only()
            .column(exercise_finding::Column::Kind)
            .column_as(
                Expr::cust("CAST(SUM(CASE WHEN \"found\" THEN 1 ELSE 0 END) AS BIGINT)"),
                "found",
            )
            .column_as(Expr::cust("COUNT(*)"), "total")
            .filter(exercise_finding::Column::AttemptId.is_in(chunk.to_vec()))
            .group_by(exercise_finding::Column::Kind)
            .into_tuple()
            .all(db)
            .await?;
        for (k, f, t) in rows {
            let e = out.entry(k).or_default();
            e.0 += f;
            e.1 += t;
        }
    }
    let mut v: Vec<(String, i64, i64)> = out.into_iter().map(|(k, (f, t))| (k, f, t)).collect();
    v.sort_by(|a, b| {
        let miss = |r: &(String, i64, i64)| (r.2 - r.1) as f64 / r.2.max(1) as f64;
        miss(b).total_cmp(&miss(a)).then_with(|| a.0.cmp(&b.0))
    });
    Ok(v)
}

/// Events per month in scope: (YYYY-MM, events, people).
async fn monthly(db: &DatabaseConnection, scope: &Scope) -> AppResult<Vec<(String, i64, i64)>> {
    let month = match db.get_database_backend() {
        DbBackend::Postgres => "to_char(\"at\", 'YYYY-MM')",
        _ => "strftime('%Y-%m', \"at\")",
    };
    let mut rows: Vec<(String, i64, i64)> = le::Entity::find()
        .select_only()
        .column_as(Expr::cust(month), "month")
        .column_as(Expr::cust("COUNT(*)"), "events")
        .column_as(Expr::cust("COUNT(DISTINCT \"person_id\")"), "people")
        .filter(scope.condition.clone())
        .group_by(Expr::cust(month))
        .into_tuple()
        .all(db)
        .await?;
    rows.sort();
    Ok(rows)
}

fn row_of(label: String, g: &Grouped, quiz: Option<(Option<f64>, Option<f64>)>) -> Row {
    Row {
        label,
        people: g.1,
        enrolments: g.2,
        lessons: g.3,
        certificates: g.4,
        exercises: g.5,
        exercise_score: g.6,
        post_test: quiz.and_then(|q| q.0),
        gain: quiz.and_then(|q| q.1),
    }
}

/// The options of the filter form for `user` (what they may choose from).
async fn options(
    db: &DatabaseConnection,
    user: &CurrentUser,
    classes: &Option<Vec<i64>>,
) -> AppResult<Options> {
    let mut cq = class::Entity::find().order_by_desc(class::Column::StartsOn);
    if let Some(mine) = classes {
        cq = cq.filter(class::Column::Id.is_in(mine.clone()));
    }
    let _ = user;
    Ok(Options {
        countries: country::Entity::find()
            .filter(
                country::Column::Code.in_subquery(
                    Query::select()
                        .column(agency::Column::CountryCode)
                        .from(agency::Entity)
                        .to_owned(),
                ),
            )
            .order_by_asc(country::Column::NameEn)
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.code, c.name_en))
            .collect(),
        agencies: agency::Entity::find()
            .order_by_asc(agency::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect(),
        courses: course::Entity::find()
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

/// The dashboard for `user` with filters `f`.
pub async fn dashboard(
    db: &DatabaseConnection,
    user: &CurrentUser,
    f: Filters,
) -> AppResult<Dashboard> {
    let scope = scope(db, user, &f).await?;
    let totals = grouped(db, &scope, None).await?;
    let quiz = quiz_scores(db, &scope).await?;
    let (post, gain, gain_n) = post_and_gain(&quiz);
    let t = totals
        .first()
        .cloned()
        .unwrap_or((None, 0, 0, 0, 0, 0, None));
    let names_agency: HashMap<String, String> = agency::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id.to_string(), a.name))
        .collect();
    let names_course: HashMap<String, String> = course::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id.to_string(), c.title))
        .collect();
    let quiz_by = |key: &dyn Fn(&QuizScore) -> Option<i64>| {
        let mut m: HashMap<String, Vec<QuizScore>> = HashMap::new();
        for r in &quiz {
            if let Some(k) = key(r) {
                m.entry(k.to_string()).or_default().push(r.clone());
            }
        }
        m.into_iter()
            .map(|(k, rows)| {
                let (p, g, _) = post_and_gain(&rows);
                (k, (p, g))
            })
            .collect::<HashMap<_, _>>()
    };
    let by_agency_quiz = quiz_by(&|r| r.2);
    let by_course_quiz = quiz_by(&|r| r.1);
    let mut agencies: Vec<Row> = grouped(db, &scope, Some(le::Column::AgencyId))
        .await?
        .iter()
        .map(|g| {
            let key = g.0.clone().unwrap_or_default();
            let label = names_agency
                .get(&key)
                .cloned()
                .unwrap_or_else(|| "—".to_owned());
            row_of(label, g, by_agency_quiz.get(&key).copied())
        })
        .collect();
    agencies.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.label.cmp(&b.label)));
    let mut courses: Vec<Row> = grouped(db, &scope, Some(le::Column::CourseId))
        .await?
        .iter()
        .map(|g| {
            let key = g.0.clone().unwrap_or_default();
            let label = names_course
                .get(&key)
                .cloned()
                .unwrap_or_else(|| "—".to_owned());
            row_of(label, g, by_course_quiz.get(&key).copied())
        })
        .collect();
    courses.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.label.cmp(&b.label)));
    let mut countries: Vec<Row> = grouped(db, &scope, Some(le::Column::CountryCode))
        .await?
        .iter()
        .map(|g| row_of(g.0.clone().unwrap_or_else(|| "—".to_owned()), g, None))
        .collect();
    countries.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.label.cmp(&b.label)));
    Ok(Dashboard {
        totals: Totals {
            people: t.1,
            enrolments: t.2,
            lessons: t.3,
            certificates: t.4,
            exercises: t.5,
            exercise_score: t.6,
            post_test: post,
            gain,
            gain_people: gain_n,
        },
        monthly: monthly(db, &scope).await?,
        agencies,
        courses,
        countries,
        defects: defects(db, &scope).await?,
        options: options(db, user, &scope.classes).await?,
        filters: f,
    })
}

/// One dashboard table as rows of text for CSV or XLSX: `agencies`, `courses`, `countries`
/// or `defects`.
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
        _ => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gain_pairs_pre_and_post_per_person_and_course() {
        let r = |p: i64, role: &str, s: f64| (p, Some(1), Some(1), role.to_owned(), s);
        let rows = vec![
            r(1, "pre_test", 40.0),
            r(1, "post_test", 70.0),
            r(2, "post_test", 90.0),
            r(3, "practice", 10.0),
        ];
        let (post, gain, n) = post_and_gain(&rows);
        assert_eq!(post, Some(80.0));
        assert_eq!(n, 1);
        assert!((gain.unwrap() - 0.5).abs() < 1e-9);
        assert_eq!(post_and_gain(&[]), (None, None, 0));
    }
}
