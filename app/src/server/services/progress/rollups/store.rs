//! The roll-up tables and how changes are written to them: additive upserts in chunks, shared by
//! folding and rebuilding, and the in-memory gathering a rebuild fills.

use super::*;

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum ProgressCells {
    Table,
    Grain,
    Month,
    AgencyId,
    CountryCode,
    CourseId,
    ClassId,
    RoleMask,
    Events,
    Enrolments,
    Lessons,
    Certificates,
    Exercises,
    ExerciseScore,
    Posts,
    PostScore,
    Gains,
    GainSum,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum ProgressPeople {
    Table,
    Grain,
    Era,
    PersonId,
    CourseId,
    ClassId,
    AgencyId,
    CountryCode,
    Months,
    RoleMask,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum ProgressCourseMonths {
    Table,
    Era,
    CourseId,
    Months,
    RoleMask,
    People,
}

/// A `progress_course_months` key: (era, course, months, roles).
pub type CourseMonthsKey = (i32, i64, i64, i32);

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum ProgressTests {
    Table,
    PersonId,
    CourseId,
    PreBest,
    PostBest,
    PostMonth,
    PostAgencyId,
    PostCountryCode,
    PostClassId,
    PostRoleMask,
}

#[derive(DeriveIden, Clone, Copy)]
pub(super) enum ProgressFindings {
    Table,
    Month,
    AgencyId,
    CountryCode,
    CourseId,
    ClassId,
    RoleMask,
    Kind,
    Found,
    Total,
}

/// Rows per multi-row insert (well under SQLite's limit of bound values).
pub(super) const CHUNK: usize = 1_000;

pub(super) fn sum_of(table: &str, col: &str) -> SimpleExpr {
    Expr::cust(format!("{table}.{col} + excluded.{col}"))
}

/// Writes `rows` into `table` in chunks of [`CHUNK`] rows, each turned into its values by
/// `values`; `merge`, when given, says how a row whose key is already there is merged.
async fn insert_chunked<R, T: sea_orm::sea_query::Iden + Copy + 'static>(
    db: &impl ConnectionTrait,
    table: T,
    columns: &[T],
    rows: &[R],
    values: impl Fn(&R) -> Vec<SimpleExpr>,
    merge: Option<OnConflict>,
) -> AppResult<()> {
    for chunk in rows.chunks(CHUNK) {
        let mut q = Query::insert();
        q.into_table(table).columns(columns.iter().copied());
        for row in chunk {
            q.values_panic(values(row));
        }
        if let Some(merge) = &merge {
            q.on_conflict(merge.clone());
        }
        db.execute(db.get_database_backend().build(&q)).await?;
    }
    Ok(())
}

pub(super) async fn write_cells(
    db: &impl ConnectionTrait,
    rows: &[(CellKey, Measures)],
    upsert: bool,
) -> AppResult<()> {
    use ProgressCells as C;
    let t = "progress_cells";
    let key = [
        C::Grain,
        C::Month,
        C::AgencyId,
        C::CountryCode,
        C::CourseId,
        C::ClassId,
        C::RoleMask,
    ];
    let sums = [
        (C::Events, "events"),
        (C::Enrolments, "enrolments"),
        (C::Lessons, "lessons"),
        (C::Certificates, "certificates"),
        (C::Exercises, "exercises"),
        (C::ExerciseScore, "exercise_score"),
        (C::Posts, "posts"),
        (C::PostScore, "post_score"),
        (C::Gains, "gains"),
        (C::GainSum, "gain_sum"),
    ];
    let merge = OnConflict::columns(key)
        .values(sums.map(|(c, name)| (c, sum_of(t, name))))
        .to_owned();
    let mut columns = key.to_vec();
    columns.extend(sums.map(|(c, _)| c));
    insert_chunked(
        db,
        C::Table,
        &columns,
        rows,
        |((g, ym, a, cc, co, cl, r), m)| {
            vec![
                (*g).into(),
                (*ym).into(),
                (*a).into(),
                cc.clone().into(),
                (*co).into(),
                (*cl).into(),
                (*r).into(),
                m.events.into(),
                m.enrolments.into(),
                m.lessons.into(),
                m.certificates.into(),
                m.exercises.into(),
                m.exercise_score.into(),
                m.posts.into(),
                m.post_score.into(),
                m.gains.into(),
                m.gain_sum.into(),
            ]
        },
        upsert.then_some(merge),
    )
    .await
}

pub(super) async fn write_people(
    db: &impl ConnectionTrait,
    rows: &[(PeopleKey, (i64, i32))],
    upsert: bool,
) -> AppResult<()> {
    use ProgressPeople as P;
    // The key is every column but the two merged ones.
    let merge = OnConflict::columns(people_columns().into_iter().take(7))
        .values([
            (
                P::Months,
                Expr::cust("progress_people.months | excluded.months"),
            ),
            (
                P::RoleMask,
                Expr::cust("progress_people.role_mask | excluded.role_mask"),
            ),
        ])
        .to_owned();
    insert_chunked(
        db,
        P::Table,
        &people_columns(),
        rows,
        |((g, e, p, co, cl, a, cc), (months, roles))| {
            vec![
                (*g).into(),
                (*e).into(),
                (*p).into(),
                (*co).into(),
                (*cl).into(),
                (*a).into(),
                cc.clone().into(),
                (*months).into(),
                (*roles).into(),
            ]
        },
        upsert.then_some(merge),
    )
    .await
}

pub(super) async fn write_course_months(
    db: &impl ConnectionTrait,
    rows: &[(CourseMonthsKey, i64)],
    upsert: bool,
) -> AppResult<()> {
    use ProgressCourseMonths as H;
    insert_chunked(
        db,
        H::Table,
        &[H::Era, H::CourseId, H::Months, H::RoleMask, H::People],
        rows,
        |((e, c, m, r), n)| {
            vec![
                (*e).into(),
                (*c).into(),
                (*m).into(),
                (*r).into(),
                (*n).into(),
            ]
        },
        upsert.then(|| {
            OnConflict::columns([H::Era, H::CourseId, H::Months, H::RoleMask])
                .value(H::People, sum_of("progress_course_months", "people"))
                .to_owned()
        }),
    )
    .await?;
    // A bucket left empty by a move goes: only the ones just decremented, by their key.
    for ((e, c, m, r), n) in rows {
        if upsert && *n < 0 {
            let q = Query::delete()
                .from_table(H::Table)
                .and_where(Expr::col(H::Era).eq(*e))
                .and_where(Expr::col(H::CourseId).eq(*c))
                .and_where(Expr::col(H::Months).eq(*m))
                .and_where(Expr::col(H::RoleMask).eq(*r))
                .and_where(Expr::col(H::People).lte(0))
                .to_owned();
            db.execute(db.get_database_backend().build(&q)).await?;
        }
    }
    Ok(())
}

pub(super) async fn write_tests(
    db: &impl ConnectionTrait,
    rows: &[((i64, i64), Tests)],
    upsert: bool,
) -> AppResult<()> {
    use ProgressTests as T;
    let merged = [
        T::PreBest,
        T::PostBest,
        T::PostMonth,
        T::PostAgencyId,
        T::PostCountryCode,
        T::PostClassId,
        T::PostRoleMask,
    ];
    let mut columns = vec![T::PersonId, T::CourseId];
    columns.extend(merged);
    insert_chunked(
        db,
        T::Table,
        &columns,
        rows,
        |((person, course), t)| {
            let at = t.at.clone().unwrap_or_default();
            vec![
                (*person).into(),
                (*course).into(),
                t.pre.into(),
                t.post.into(),
                if t.at.is_some() { at.mi } else { 0 }.into(),
                at.agency.into(),
                at.country.into(),
                at.class.into(),
                at.roles.into(),
            ]
        },
        upsert.then(|| {
            OnConflict::columns([T::PersonId, T::CourseId])
                .update_columns(merged)
                .to_owned()
        }),
    )
    .await
}

pub(super) async fn write_findings(
    db: &impl ConnectionTrait,
    rows: &[(FindingKey, (i64, i64))],
    upsert: bool,
) -> AppResult<()> {
    use ProgressFindings as F;
    let key = [
        F::Month,
        F::AgencyId,
        F::CountryCode,
        F::CourseId,
        F::ClassId,
        F::RoleMask,
        F::Kind,
    ];
    let mut columns = key.to_vec();
    columns.extend([F::Found, F::Total]);
    let t = "progress_findings";
    insert_chunked(
        db,
        F::Table,
        &columns,
        rows,
        |((ym, a, cc, co, cl, r, k), (found, total))| {
            vec![
                (*ym).into(),
                (*a).into(),
                cc.clone().into(),
                (*co).into(),
                (*cl).into(),
                (*r).into(),
                k.clone().into(),
                (*found).into(),
                (*total).into(),
            ]
        },
        upsert.then(|| {
            OnConflict::columns(key)
                .values([
                    (F::Found, sum_of(t, "found")),
                    (F::Total, sum_of(t, "total")),
                ])
                .to_owned()
        }),
    )
    .await
}

pub(super) fn finding_key(c: &Coord, kind: String) -> FindingKey {
    (
        yyyymm(c.mi),
        c.agency,
        c.country.clone(),
        c.course,
        c.class,
        c.roles,
        kind,
    )
}

/// The roll-ups in memory, as [`rebuild`] gathers them.
#[derive(Default)]
pub(super) struct Gathered {
    pub(super) cells: HashMap<CellKey, Measures>,
    pub(super) people: HashMap<PeopleKey, (i64, i32)>,
    pub(super) tests: HashMap<(i64, i64), Tests>,
    pub(super) findings: HashMap<FindingKey, (i64, i64)>,
}

impl Gathered {
    pub(super) fn cells_of(&mut self, changes: Vec<(Coord, Measures)>) {
        for (c, m) in changes {
            for k in cell_keys(&c) {
                self.cells.entry(k).or_default().add(&m);
            }
        }
    }

    pub(super) fn person(&mut self, person: i64, c: &Coord) {
        for k in people_keys(person, c) {
            let e = self.people.entry(k).or_insert((0, 0));
            e.0 |= month_bit(c.mi);
            e.1 |= c.roles;
        }
    }
}
