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

use super::rollups::{self, ERA_MONTHS};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::progress::{Dashboard, Filters, NeedsPoint, Options, Row, Totals};
use crate::model::{CurrentUser, Role};
use crate::server::entities::{agency, class, country, course};
use sea_orm::sea_query::{Alias, Cond, Expr, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use std::collections::HashMap;

const AGENCY: u8 = 1;
const COUNTRY: u8 = 2;
const COURSE: u8 = 4;
const CLASS: u8 = 8;

/// The filters checked, as the roll-ups read them.
pub struct Scope {
    /// The months asked for (month indexes, inclusive), before clamping to the data.
    months: (Option<i32>, Option<i32>),
    country: Option<String>,
    agency: Option<i64>,
    course: Option<i64>,
    class: Option<i64>,
    /// The classes a trainer may see (`None`: everything).
    classes: Option<Vec<i64>>,
    /// The countries a programme manager covers (`None`: everything).
    countries: Option<Vec<String>>,
    /// Role bit.
    role: Option<i32>,
}

impl Scope {
    /// The dimensions filtered on.
    fn filtered(&self) -> u8 {
        let mut d = 0;
        if self.agency.is_some() {
            d |= AGENCY;
        }
        if self.country.is_some() || self.countries.is_some() {
            d |= COUNTRY;
        }
        if self.course.is_some() {
            d |= COURSE;
        }
        if self.class.is_some() || self.classes.is_some() {
            d |= CLASS;
        }
        d
    }

    /// The dimensions held to one value (an agency fixes its country, a class its course).
    fn fixed(&self) -> u8 {
        let mut d = 0;
        if self.agency.is_some() {
            d |= AGENCY;
        }
        if self.country.is_some() {
            d |= COUNTRY;
        }
        if self.course.is_some() {
            d |= COURSE;
        }
        if self.class.is_some() {
            d |= CLASS;
        }
        determined(d)
    }

    /// The filters as conditions on a roll-up table.
    fn condition(&self, table: &str) -> Cond {
        let col = |c: &str| Expr::col((Alias::new(table), Alias::new(c)));
        let mut c = Cond::all();
        if let Some(code) = &self.country {
            c = c.add(col("country_code").eq(code.clone()));
        }
        if let Some(a) = self.agency {
            c = c.add(col("agency_id").eq(a));
        }
        if let Some(id) = self.course {
            c = c.add(col("course_id").eq(id));
        }
        if let Some(id) = self.class {
            c = c.add(col("class_id").eq(id));
        }
        if let Some(mine) = &self.classes {
            c = c.add(col("class_id").is_in(mine.clone()));
        }
        if let Some(codes) = &self.countries {
            c = c.add(col("country_code").is_in(codes.clone()));
        }
        if let Some(bit) = self.role {
            c = c.add(Expr::cust(format!("{table}.role_mask & {bit} <> 0")));
        }
        c
    }
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

/// Parses a month `YYYY-MM` into its month index; years 2000 to 2100.
pub fn parse_month(v: Option<&str>, field: &str) -> AppResult<Option<i32>> {
    let Some(s) = v.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let (y, m) = s
        .split_once('-')
        .filter(|(y, m)| y.len() == 4 && m.len() == 2)
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u8>().ok()?)))
        .filter(|(_, m)| (1..=12).contains(m))
        .ok_or(AppError::field(field, Msg::ErrMonth))?;
    if !(2000..=2100).contains(&y) {
        return Err(AppError::field(field, Msg::ErrDateRange));
    }
    Ok(Some(rollups::month_index(y, m)))
}

/// Checks `f` for `user`. Unknown ids, reversed or absurd months are refused with the field
/// concerned; a trainer asking for a class they do not train is refused outright.
pub async fn scope(db: &DatabaseConnection, user: &CurrentUser, f: &Filters) -> AppResult<Scope> {
    let viewer = viewer(db, user).await?;
    let from = parse_month(f.from.as_deref(), "from")?;
    let to = parse_month(f.to.as_deref(), "to")?;
    if let (Some(a), Some(b)) = (from, to)
        && b < a
    {
        return Err(AppError::field("to", Msg::ErrDatesReversed));
    }
    let mut country = None;
    if let Some(code) = f
        .country
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let c = country::Entity::find_by_id(code.to_owned())
            .one(db)
            .await?
            .ok_or(AppError::field("country", Msg::ErrUnknownFilter))?;
        country = Some(c.code);
    }
    let mut agency = parse_id(&f.agency, "agency")?;
    let mut agency_country = None;
    if let Some(a) = agency {
        agency_country = Some(
            agency::Entity::find_by_id(a)
                .one(db)
                .await?
                .ok_or(AppError::field("agency", Msg::ErrUnknownFilter))?
                .country_code,
        );
    }
    // Another agency or country than the viewer's is refused, not silently narrowed.
    let mut countries = None;
    match &viewer {
        Viewer::Agency(own, own_country) => {
            if agency.is_some_and(|a| a != *own)
                || country.as_ref().is_some_and(|c| c != own_country)
            {
                return Err(AppError::Forbidden);
            }
            agency = Some(*own);
        }
        Viewer::Countries(covered) => {
            let outside = |c: &Option<String>| c.as_ref().is_some_and(|c| !covered.contains(c));
            if outside(&country) || outside(&agency_country) {
                return Err(AppError::Forbidden);
            }
            countries = Some(covered.clone());
        }
        Viewer::All | Viewer::Classes(_) => {}
    }
    let course = parse_id(&f.course, "course")?;
    if let Some(id) = course {
        course::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::field("course", Msg::ErrUnknownFilter))?;
    }
    let classes = match &viewer {
        Viewer::Classes(mine) => Some(mine.clone()),
        _ => None,
    };
    let class = parse_id(&f.class, "class")?;
    if let Some(id) = class {
        class::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::field("class", Msg::ErrUnknownFilter))?;
        if classes.as_ref().is_some_and(|mine| !mine.contains(&id)) {
            return Err(AppError::Forbidden);
        }
    }
    let role = match f.role.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(code) => Some(rollups::role_bit(
            Role::ALL
                .into_iter()
                .find(|r| r.code() == code)
                .ok_or(AppError::field("role", Msg::ErrUnknownFilter))?,
        )),
    };
    Ok(Scope {
        months: (from, to),
        country,
        agency,
        course,
        class,
        classes,
        countries,
        role,
    })
}

/// What a viewer may see.
enum Viewer {
    /// Everything (administrators).
    All,
    /// The agencies of these countries (programme managers).
    Countries(Vec<String>),
    /// One agency, in its country (agency focal points).
    Agency(i64, String),
    /// These classes (trainers).
    Classes(Vec<i64>),
}

/// The widest scope `user`'s roles give; forbidden without a role that sees progress.
async fn viewer(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Viewer> {
    if user.has(Role::Admin) {
        return Ok(Viewer::All);
    }
    if user.has(Role::Manager) {
        let covered = super::people::countries_of(db, &[user.id])
            .await?
            .remove(&user.id)
            .unwrap_or_default();
        return Ok(Viewer::Countries(covered));
    }
    if user.has(Role::FocalPoint) {
        let own = crate::server::entities::person::Entity::find_by_id(user.id)
            .one(db)
            .await?
            .and_then(|p| p.agency_id);
        if let Some(a) = own
            && let Some(a) = agency::Entity::find_by_id(a).one(db).await?
        {
            return Ok(Viewer::Agency(a.id, a.country_code));
        }
        return Err(AppError::Forbidden);
    }
    if user.has(Role::Trainer) {
        return Ok(Viewer::Classes(
            super::records::trained_classes(db, user).await?,
        ));
    }
    Err(AppError::Forbidden)
}

/// The months with data (month indexes), or `None` when nothing was recorded.
async fn extent(db: &DatabaseConnection) -> AppResult<Option<(i32, i32)>> {
    let q = Query::select()
        .expr(Expr::cust("MIN(month)"))
        .expr(Expr::cust("MAX(month)"))
        .from(Alias::new("progress_cells"))
        .and_where(Expr::col(Alias::new("grain")).eq(1))
        .to_owned();
    let Some(r) = db.query_one(db.get_database_backend().build(&q)).await? else {
        return Ok(None);
    };
    let lo: Option<i32> = r.try_get_by_index(0)?;
    let hi: Option<i32> = r.try_get_by_index(1)?;
    Ok(lo
        .zip(hi)
        .map(|(a, b)| (rollups::from_yyyymm(a), rollups::from_yyyymm(b))))
}

/// Sums of the cell figures, after the grouping columns.
const SUMS: [&str; 10] = [
    "events",
    "enrolments",
    "lessons",
    "certificates",
    "exercises",
    "exercise_score",
    "posts",
    "post_score",
    "gains",
    "gain_sum",
];

fn sums(q: &mut SelectStatement) {
    for s in SUMS {
        let cast = if s.ends_with("score") || s == "gain_sum" {
            "DOUBLE PRECISION"
        } else {
            "BIGINT"
        };
        q.expr(Expr::cust(format!("CAST(COALESCE(SUM({s}), 0) AS {cast})")));
    }
}

fn measures(r: &sea_orm::QueryResult, at: usize) -> AppResult<rollups::Measures> {
    Ok(rollups::Measures {
        events: r.try_get_by_index(at)?,
        enrolments: r.try_get_by_index(at + 1)?,
        lessons: r.try_get_by_index(at + 2)?,
        certificates: r.try_get_by_index(at + 3)?,
        exercises: r.try_get_by_index(at + 4)?,
        exercise_score: r.try_get_by_index(at + 5)?,
        posts: r.try_get_by_index(at + 6)?,
        post_score: r.try_get_by_index(at + 7)?,
        gains: r.try_get_by_index(at + 8)?,
        gain_sum: r.try_get_by_index(at + 9)?,
    })
}

/// Dimensions `d` with those they determine: an agency its country, a class its course.
fn determined(d: u8) -> u8 {
    let mut d = d;
    if d & AGENCY != 0 {
        d |= COUNTRY;
    }
    if d & CLASS != 0 {
        d |= COURSE;
    }
    d
}

/// The smallest grain among `grains` (code, dimensions) holding the dimensions `need`.
fn grain_for(grains: &[(i32, u8)], need: u8) -> (i32, u8) {
    grains
        .iter()
        .copied()
        .find(|(_, dims)| need & !dims == 0)
        .unwrap_or((0, AGENCY | COUNTRY | COURSE | CLASS))
}

/// Cell grains, smallest first: agency (with its country), course, and everything.
const CELL_GRAINS: [(i32, u8); 3] = [
    (1, AGENCY | COUNTRY),
    (2, COURSE),
    (0, AGENCY | COUNTRY | COURSE | CLASS),
];
/// People grains, smallest first: person, country, agency, course, and everything.
const PEOPLE_GRAINS: [(i32, u8); 5] = [
    (3, 0),
    (2, COUNTRY),
    (1, AGENCY | COUNTRY),
    (4, COURSE),
    (0, AGENCY | COUNTRY | COURSE | CLASS),
];

/// Cell figures in `scope` over months `m`, grouped by `group` (columns of `progress_cells`).
async fn cells(
    db: &DatabaseConnection,
    scope: &Scope,
    (m1, m2): (i32, i32),
    group: &[&str],
    dims: u8,
) -> AppResult<Vec<sea_orm::QueryResult>> {
    let (grain, _) = grain_for(&CELL_GRAINS, dims | scope.filtered());
    let t = "progress_cells";
    let mut q = Query::select();
    for g in group {
        q.column((Alias::new(t), Alias::new(*g)));
    }
    sums(&mut q);
    q.from(Alias::new(t))
        .and_where(Expr::col(Alias::new("grain")).eq(grain))
        .and_where(Expr::col(Alias::new("month")).between(rollups::yyyymm(m1), rollups::yyyymm(m2)))
        .cond_where(scope.condition(t));
    for g in group {
        q.group_by_col((Alias::new(t), Alias::new(*g)));
    }
    Ok(db.query_all(db.get_database_backend().build(&q)).await?)
}

/// People active in `scope` over months `m`, per value of `group` (a column of
/// `progress_people` for dimension `dim`, or none for the total): (key, people).
async fn people(
    db: &DatabaseConnection,
    scope: &Scope,
    (m1, m2): (i32, i32),
    group: Option<(&str, u8)>,
) -> AppResult<Vec<(String, i64)>> {
    let g_dim = group.map_or(0, |g| g.1);
    let (grain, dims) = grain_for(&PEOPLE_GRAINS, g_dim | scope.filtered());
    let single_era = rollups::era(m1) == rollups::era(m2);
    // A person has one row per era and grain key: counting rows counts people when the grain
    // has no dimension beyond the one grouped by and those the filters hold to one value.
    let unique = single_era && dims & !determined(g_dim | scope.fixed()) == 0;
    // The course grain, counted by its histogram of identical months and roles.
    let t = if unique && grain == 4 {
        "progress_course_months"
    } else {
        "progress_people"
    };
    let mut q = Query::select();
    match group {
        Some((col, _)) => q.expr(Expr::cust(format!("CAST({col} AS TEXT)"))),
        None => q.expr(Expr::cust("''")),
    };
    q.expr(Expr::cust(if t == "progress_course_months" {
        "CAST(COALESCE(SUM(people), 0) AS BIGINT)"
    } else if unique {
        "COUNT(*)"
    } else {
        "COUNT(DISTINCT person_id)"
    }));
    let mut period = Cond::any();
    for e in rollups::era(m1)..=rollups::era(m2) {
        let lo = m1.max(e * ERA_MONTHS);
        let hi = m2.min(e * ERA_MONTHS + ERA_MONTHS - 1);
        let mask = (lo..=hi).fold(0i64, |m, mi| m | rollups::month_bit(mi));
        period = period.add(
            Cond::all()
                .add(Expr::col(Alias::new("era")).eq(e))
                .add(Expr::cust(format!("months & {mask} <> 0"))),
        );
    }
    q.from(Alias::new(t))
        .cond_where(period)
        .cond_where(scope.condition(t));
    if t == "progress_people" {
        q.and_where(Expr::col(Alias::new("grain")).eq(grain));
    }
    if let Some((col, _)) = group {
        q.group_by_col(Alias::new(col));
    }
    db.query_all(db.get_database_backend().build(&q))
        .await?
        .iter()
        .map(|r| Ok((r.try_get_by_index(0)?, r.try_get_by_index(1)?)))
        .collect()
}

/// Exercise accuracy per feature kind in scope: (kind, found, total), most missed first.
async fn defects(
    db: &DatabaseConnection,
    scope: &Scope,
    (m1, m2): (i32, i32),
) -> AppResult<Vec<(String, i64, i64)>> {
    let t = "progress_findings";
    let q = Query::select()
        .column(Alias::new("kind"))
        .expr(Expr::cust("CAST(SUM(found) AS BIGINT)"))
        .expr(Expr::cust("CAST(SUM(total) AS BIGINT)"))
        .from(Alias::new(t))
        .and_where(Expr::col(Alias::new("month")).between(rollups::yyyymm(m1), rollups::yyyymm(m2)))
        .cond_where(scope.condition(t))
        .group_by_col(Alias::new("kind"))
        .to_owned();
    let mut v: Vec<(String, i64, i64)> = db
        .query_all(db.get_database_backend().build(&q))
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get_by_index(0)?,
                r.try_get_by_index(1)?,
                r.try_get_by_index(2)?,
            ))
        })
        .collect::<AppResult<_>>()?;
    v.sort_by(|a, b| {
        let miss = |r: &(String, i64, i64)| (r.2 - r.1) as f64 / r.2.max(1) as f64;
        miss(b).total_cmp(&miss(a)).then_with(|| a.0.cmp(&b.0))
    });
    Ok(v)
}

/// Per campaign, in order, given each campaign's measured groups (agency, competency) and
/// whether each is in need: (measured, in need, closed since an earlier campaign). A group is
/// closed when the latest earlier campaign that measured it found it in need and this one does
/// not.
pub fn gap_history(campaigns: &[Vec<((i64, String), bool)>]) -> Vec<(i64, i64, i64)> {
    let mut last: HashMap<&(i64, String), bool> = HashMap::new();
    campaigns
        .iter()
        .map(|groups| {
            let open = groups.iter().filter(|g| g.1).count() as i64;
            let closed = groups
                .iter()
                .filter(|(k, need)| !need && last.get(k) == Some(&true))
                .count() as i64;
            for (k, need) in groups {
                last.insert(k, *need);
            }
            (groups.len() as i64, open, closed)
        })
        .collect()
}

/// Training needs over time: the closed needs-analysis campaigns whose closing month falls in
/// the period, with their agencies in scope. Needs analyses are not by course, class or role,
/// so those filters do not apply; trainers (scoped to classes) see none.
async fn needs_history(db: &DatabaseConnection, scope: &Scope) -> AppResult<Vec<NeedsPoint>> {
    use super::tna_results::{PLAN_THRESHOLD, analyse};
    use crate::server::entities::tna_campaign;
    if scope.classes.is_some() {
        return Ok(Vec::new());
    }
    let country_of: HashMap<i64, String> = agency::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.country_code))
        .collect();
    let in_scope = |a: i64| {
        let c = country_of.get(&a);
        scope.agency.is_none_or(|x| x == a)
            && scope.country.as_ref().is_none_or(|x| c == Some(x))
            && scope
                .countries
                .as_ref()
                .is_none_or(|xs| c.is_some_and(|c| xs.contains(c)))
    };
    let mut labels = Vec::new();
    let mut measured = Vec::new();
    for c in tna_campaign::Entity::find()
        .filter(tna_campaign::Column::Status.eq("closed"))
        .order_by_asc(tna_campaign::Column::ClosesOn)
        .order_by_asc(tna_campaign::Column::Id)
        .all(db)
        .await?
    {
        let mi = rollups::month_index(c.closes_on.year(), u8::from(c.closes_on.month()));
        if scope.months.0.is_some_and(|m| mi < m) || scope.months.1.is_some_and(|m| mi > m) {
            continue;
        }
        let agencies: Vec<i64> = super::campaigns::agency_ids(db, c.id)
            .await?
            .into_iter()
            .filter(|a| in_scope(*a))
            .collect();
        if agencies.is_empty() {
            continue;
        }
        let analysis = analyse(db, &c).await?;
        let groups: Vec<((i64, String), bool)> = analysis
            .by_agency
            .iter()
            .filter_map(|g| {
                let agency: i64 = g.key.1.parse().ok()?;
                let stats = g.stats.as_ref()?;
                agencies
                    .contains(&agency)
                    .then(|| ((agency, g.key.0.clone()), stats.need >= PLAN_THRESHOLD))
            })
            .collect();
        labels.push((c.title, c.closes_on.to_string()));
        measured.push(groups);
    }
    Ok(labels
        .into_iter()
        .zip(gap_history(&measured))
        .map(
            |((campaign, closes_on), (measured, open, closed))| NeedsPoint {
                campaign,
                closes_on,
                measured,
                open,
                closed,
            },
        )
        .collect())
}

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
    let drafts = super::courses::can_author(user);
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
    d.defects = found;
    Ok(d)
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
