//! Roll-ups of the learning events that keep the progress dashboards fast at the scale of a
//! national programme. They are maintained by the application as each event is written, and
//! rebuilt from the events by the application when empty (after this migration, a restore or
//! `checkpoint progress rebuild`); see `docs/progress-and-exports.md`.
//!
//! Every dimension column holds 0 (or '') where the grain leaves it out or the event has no
//! value, so keys never hold NULL.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Additive figures per month at three grains: 0 = agency × course × class, 1 = agency,
/// 2 = course.
#[derive(DeriveIden)]
enum ProgressCells {
    Table,
    Grain,
    /// YYYYMM.
    Month,
    AgencyId,
    CountryCode,
    CourseId,
    ClassId,
    /// The roles the person held when the event was written (bit per role).
    RoleMask,
    Events,
    Enrolments,
    Lessons,
    Certificates,
    Exercises,
    /// Sum of exercise scores (percent).
    ExerciseScore,
    /// Participations (person × course) whose best post-test falls here, and its sum.
    Posts,
    PostScore,
    /// Of those, the ones with a pre-test below 100 %, and their normalised gains summed.
    Gains,
    GainSum,
}

/// Who was active when: one row per person and dimensions at five grains (0 = course ×
/// class × agency, 1 = agency, 2 = country, 3 = person only, 4 = course) and per era of
/// 60 months since January 2000, the months active as bits.
#[derive(DeriveIden)]
enum ProgressPeople {
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

/// The course grain of `progress_people` counted by identical month bits and roles: a
/// course's people active in a period are the sum over the rows whose months meet it. Most
/// participations last a month or two, so this is some thirty times smaller than the rows it
/// counts.
#[derive(DeriveIden)]
enum ProgressCourseMonths {
    Table,
    Era,
    CourseId,
    Months,
    RoleMask,
    People,
}

/// Each participation's best pre- and post-test, and where its post-test result was counted.
#[derive(DeriveIden)]
enum ProgressTests {
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

/// Exercise findings (found or missed) per month, dimensions and feature kind.
#[derive(DeriveIden)]
enum ProgressFindings {
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

fn big(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c)
        .big_integer()
        .not_null()
        .default(0)
        .to_owned()
}

fn real(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c)
        .double()
        .not_null()
        .default(0.0)
        .to_owned()
}

fn int(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).integer().not_null().to_owned()
}

fn code(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).string_len(3).not_null().to_owned()
}

async fn ix(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden + 'static,
    cols: Vec<DynIden>,
) -> Result<(), DbErr> {
    crate::builders::index(manager, name, table, cols, false).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ProgressCells as C;
        use ProgressFindings as F;
        use ProgressPeople as P;
        use ProgressTests as T;
        manager
            .create_table(
                Table::create()
                    .table(C::Table)
                    .col(int(C::Grain))
                    .col(int(C::Month))
                    .col(big(C::AgencyId))
                    .col(code(C::CountryCode))
                    .col(big(C::CourseId))
                    .col(big(C::ClassId))
                    .col(int(C::RoleMask))
                    .col(big(C::Events))
                    .col(big(C::Enrolments))
                    .col(big(C::Lessons))
                    .col(big(C::Certificates))
                    .col(big(C::Exercises))
                    .col(real(C::ExerciseScore))
                    .col(big(C::Posts))
                    .col(real(C::PostScore))
                    .col(big(C::Gains))
                    .col(real(C::GainSum))
                    .primary_key(
                        Index::create()
                            .col(C::Grain)
                            .col(C::Month)
                            .col(C::AgencyId)
                            .col(C::CountryCode)
                            .col(C::CourseId)
                            .col(C::ClassId)
                            .col(C::RoleMask),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_progress_cells_course", C::CourseId),
            ("ix_progress_cells_class", C::ClassId),
            ("ix_progress_cells_agency", C::AgencyId),
            ("ix_progress_cells_country", C::CountryCode),
        ] {
            ix(
                manager,
                name,
                C::Table,
                vec![col.into_iden(), C::Grain.into_iden(), C::Month.into_iden()],
            )
            .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(int(P::Grain))
                    .col(int(P::Era))
                    .col(big(P::PersonId))
                    .col(big(P::CourseId))
                    .col(big(P::ClassId))
                    .col(big(P::AgencyId))
                    .col(code(P::CountryCode))
                    .col(big(P::Months))
                    .col(int(P::RoleMask))
                    .primary_key(
                        Index::create()
                            .col(P::Grain)
                            .col(P::Era)
                            .col(P::PersonId)
                            .col(P::CourseId)
                            .col(P::ClassId)
                            .col(P::AgencyId)
                            .col(P::CountryCode),
                    )
                    .to_owned(),
            )
            .await?;
        // Covering index of the grouped counts; and where a filter narrows a grain to a few
        // rows, an index that starts with it.
        ix(
            manager,
            "ix_progress_people_read",
            P::Table,
            vec![
                P::Grain.into_iden(),
                P::Era.into_iden(),
                P::CourseId.into_iden(),
                P::AgencyId.into_iden(),
                P::CountryCode.into_iden(),
                P::ClassId.into_iden(),
                P::RoleMask.into_iden(),
                P::Months.into_iden(),
                P::PersonId.into_iden(),
            ],
        )
        .await?;
        for (name, col) in [
            ("ix_progress_people_class", P::ClassId),
            ("ix_progress_people_agency", P::AgencyId),
            ("ix_progress_people_country", P::CountryCode),
        ] {
            ix(
                manager,
                name,
                P::Table,
                vec![col.into_iden(), P::Grain.into_iden(), P::Era.into_iden()],
            )
            .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ProgressCourseMonths::Table)
                    .col(int(ProgressCourseMonths::Era))
                    .col(big(ProgressCourseMonths::CourseId))
                    .col(big(ProgressCourseMonths::Months))
                    .col(int(ProgressCourseMonths::RoleMask))
                    .col(big(ProgressCourseMonths::People))
                    .primary_key(
                        Index::create()
                            .col(ProgressCourseMonths::Era)
                            .col(ProgressCourseMonths::CourseId)
                            .col(ProgressCourseMonths::Months)
                            .col(ProgressCourseMonths::RoleMask),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(big(T::PersonId))
                    .col(big(T::CourseId))
                    .col(ColumnDef::new(T::PreBest).double().null())
                    .col(ColumnDef::new(T::PostBest).double().null())
                    .col(ColumnDef::new(T::PostMonth).integer().not_null().default(0))
                    .col(big(T::PostAgencyId))
                    .col(
                        ColumnDef::new(T::PostCountryCode)
                            .string_len(3)
                            .not_null()
                            .default(""),
                    )
                    .col(big(T::PostClassId))
                    .col(
                        ColumnDef::new(T::PostRoleMask)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .primary_key(Index::create().col(T::PersonId).col(T::CourseId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(F::Table)
                    .col(int(F::Month))
                    .col(big(F::AgencyId))
                    .col(code(F::CountryCode))
                    .col(big(F::CourseId))
                    .col(big(F::ClassId))
                    .col(int(F::RoleMask))
                    .col(ColumnDef::new(F::Kind).string_len(64).not_null())
                    .col(big(F::Found))
                    .col(big(F::Total))
                    .primary_key(
                        Index::create()
                            .col(F::Month)
                            .col(F::AgencyId)
                            .col(F::CountryCode)
                            .col(F::CourseId)
                            .col(F::ClassId)
                            .col(F::RoleMask)
                            .col(F::Kind),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ProgressFindings::Table.into_iden(),
            ProgressTests::Table.into_iden(),
            ProgressCourseMonths::Table.into_iden(),
            ProgressPeople::Table.into_iden(),
            ProgressCells::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
