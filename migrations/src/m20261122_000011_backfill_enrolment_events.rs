//! Enrolments become learning events (`enrolled`), so progress dashboards read one table:
//! this writes one for every enrolment made before the application started recording them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Plain SQL that SQLite and PostgreSQL read alike.
        manager
            .get_connection()
            .execute_unprepared(
                r#"INSERT INTO "learning_events"
                     ("person_id", "kind", "course_id", "class_id", "agency_id", "country_code", "at")
                   SELECT e."person_id", 'enrolled', c."course_id", e."class_id", p."agency_id",
                          a."country_code", e."enrolled_at"
                   FROM "enrolments" e
                   JOIN "classes" c ON c."id" = e."class_id"
                   JOIN "people" p ON p."id" = e."person_id"
                   LEFT JOIN "agencies" a ON a."id" = p."agency_id""#,
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(r#"DELETE FROM "learning_events" WHERE "kind" = 'enrolled'"#)
            .await?;
        Ok(())
    }
}
