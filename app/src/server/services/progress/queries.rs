//! The roll-up queries: figures, people and exercise defects at the smallest grain that holds
//! the dimensions asked for, and the needs-analysis history.

use super::*;

/// The months with data (month indexes), or `None` when nothing was recorded.
pub(super) async fn extent(db: &DatabaseConnection) -> AppResult<Option<(i32, i32)>> {
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
pub(super) const SUMS: [&str; 10] = [
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

pub(super) fn sums(q: &mut SelectStatement) {
    for s in SUMS {
        let cast = if s.ends_with("score") || s == "gain_sum" {
            "DOUBLE PRECISION"
        } else {
            "BIGINT"
        };
        q.expr(Expr::cust(format!("CAST(COALESCE(SUM({s}), 0) AS {cast})")));
    }
}

pub(super) fn measures(r: &sea_orm::QueryResult, at: usize) -> AppResult<rollups::Measures> {
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
pub(super) fn determined(d: u8) -> u8 {
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
pub(super) fn grain_for(grains: &[(i32, u8)], need: u8) -> (i32, u8) {
    grains
        .iter()
        .copied()
        .find(|(_, dims)| need & !dims == 0)
        .unwrap_or((0, AGENCY | COUNTRY | COURSE | CLASS))
}

/// Cell grains, smallest first: agency (with its country), course, and everything.
pub(super) const CELL_GRAINS: [(i32, u8); 3] = [
    (1, AGENCY | COUNTRY),
    (2, COURSE),
    (0, AGENCY | COUNTRY | COURSE | CLASS),
];
/// People grains, smallest first: person, country, agency, course, and everything.
pub(super) const PEOPLE_GRAINS: [(i32, u8); 5] = [
    (3, 0),
    (2, COUNTRY),
    (1, AGENCY | COUNTRY),
    (4, COURSE),
    (0, AGENCY | COUNTRY | COURSE | CLASS),
];

/// Cell figures in `scope` over months `m`, grouped by `group` (columns of `progress_cells`).
pub(super) async fn cells(
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
pub(super) async fn people(
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
pub(super) async fn defects(
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
pub(super) async fn needs_history(
    db: &DatabaseConnection,
    scope: &Scope,
) -> AppResult<Vec<NeedsPoint>> {
    use crate::server::entities::tna_campaign;
    use crate::server::services::tna::results::{PLAN_THRESHOLD, analyse};
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
        .filter(tna_campaign::Column::Status.eq(crate::model::CampaignStatus::Closed))
        .order_by_asc(tna_campaign::Column::ClosesOn)
        .order_by_asc(tna_campaign::Column::Id)
        .all(db)
        .await?
    {
        let mi = rollups::month_index(c.closes_on.year(), u8::from(c.closes_on.month()));
        if scope.months.0.is_some_and(|m| mi < m) || scope.months.1.is_some_and(|m| mi > m) {
            continue;
        }
        let agencies: Vec<i64> = crate::server::services::tna::campaigns::agency_ids(db, c.id)
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
