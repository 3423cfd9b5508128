//! Training needs analysis: the competency framework as edited in the browser, versioned
//! questionnaires, campaigns over agencies (and optionally positions), responses saved as
//! they are given, and who has taken part.
//!
//! Anonymity: a response never names its respondent in an anonymous campaign. While a response
//! is a draft, a random token shared by the response and the respondent's participation row
//! lets the respondent come back to it; at submission both copies of the token are erased, so
//! nothing links the submitted answers to the person. The participation row then only records
//! that the person has answered (which refuses a second submission).

use crate::builders::{fk, id_col, index, unique};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Positions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TnaFrameworks {
    Table,
    Id,
    /// The framework as TOML (`content/tna/SCHEMA.md`).
    Definition,
    UpdatedBy,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum TnaQuestionnaires {
    Table,
    Id,
    /// Shared by every version of one questionnaire.
    Slug,
    /// 1, 2, …: a questionnaire in use is never changed; a new version is opened instead.
    Number,
    Title,
    /// The questionnaire as TOML (`content/tna/SCHEMA.md`).
    Definition,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TnaCampaigns {
    Table,
    Id,
    Title,
    QuestionnaireId,
    /// `draft`, `open` or `closed`.
    Status,
    Anonymous,
    /// Groups smaller than this are withheld from results.
    MinGroup,
    OpensOn,
    ClosesOn,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TnaCampaignAgencies {
    Table,
    CampaignId,
    AgencyId,
}

#[derive(DeriveIden)]
enum TnaCampaignPositions {
    Table,
    CampaignId,
    PositionId,
}

#[derive(DeriveIden)]
enum TnaResponses {
    Table,
    Id,
    CampaignId,
    /// The respondent; always empty in an anonymous campaign.
    PersonId,
    /// Shared with the respondent's participation while a draft; erased at submission.
    DraftToken,
    /// `self` (an officer about their own work) or `supervisor` (about the staff of a position).
    Perspective,
    AgencyId,
    PositionId,
    /// `online` or `paper`.
    Source,
    /// The respondent reference written on a paper form (unique per campaign).
    PaperRef,
    /// `draft` or `submitted`.
    Status,
    /// JSON object: item id → answer.
    Answers,
    CreatedAt,
    UpdatedAt,
    /// The day of submission only, so the time cannot be matched against participation.
    SubmittedOn,
}

#[derive(DeriveIden)]
enum TnaParticipation {
    Table,
    CampaignId,
    PersonId,
    /// `self` or `supervisor:<position id>`.
    Subject,
    DraftToken,
    Submitted,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use TnaFrameworks as F;
        manager
            .create_table(
                Table::create()
                    .table(F::Table)
                    .col(id_col(F::Id))
                    .col(ColumnDef::new(F::Definition).text().not_null())
                    .col(ColumnDef::new(F::UpdatedBy).big_integer().null())
                    .col(
                        ColumnDef::new(F::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(F::Version).integer().not_null())
                    .to_owned(),
            )
            .await?;

        use TnaQuestionnaires as Q;
        manager
            .create_table(
                Table::create()
                    .table(Q::Table)
                    .col(id_col(Q::Id))
                    .col(ColumnDef::new(Q::Slug).string_len(64).not_null())
                    .col(ColumnDef::new(Q::Number).integer().not_null())
                    .col(ColumnDef::new(Q::Title).string_len(300).not_null())
                    .col(ColumnDef::new(Q::Definition).text().not_null())
                    .col(ColumnDef::new(Q::CreatedBy).big_integer().null())
                    .col(
                        ColumnDef::new(Q::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Q::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_tna_questionnaires_slug_number",
            Q::Table,
            vec![Q::Slug.into_iden(), Q::Number.into_iden()],
        )
        .await?;

        use TnaCampaigns as C;
        manager
            .create_table(
                Table::create()
                    .table(C::Table)
                    .col(id_col(C::Id))
                    .col(ColumnDef::new(C::Title).string_len(200).not_null())
                    .col(ColumnDef::new(C::QuestionnaireId).big_integer().not_null())
                    .col(ColumnDef::new(C::Status).string_len(16).not_null())
                    .col(ColumnDef::new(C::Anonymous).boolean().not_null())
                    .col(ColumnDef::new(C::MinGroup).integer().not_null())
                    .col(ColumnDef::new(C::OpensOn).date().not_null())
                    .col(ColumnDef::new(C::ClosesOn).date().not_null())
                    .col(ColumnDef::new(C::CreatedBy).big_integer().null())
                    .col(
                        ColumnDef::new(C::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(C::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(C::Table, C::QuestionnaireId, Q::Table, Q::Id))
                    .to_owned(),
            )
            .await?;

        use TnaCampaignAgencies as CA;
        manager
            .create_table(
                Table::create()
                    .table(CA::Table)
                    .col(ColumnDef::new(CA::CampaignId).big_integer().not_null())
                    .col(ColumnDef::new(CA::AgencyId).big_integer().not_null())
                    .primary_key(Index::create().col(CA::CampaignId).col(CA::AgencyId))
                    .foreign_key(&mut fk(CA::Table, CA::CampaignId, C::Table, C::Id))
                    .foreign_key(&mut fk(
                        CA::Table,
                        CA::AgencyId,
                        Agencies::Table,
                        Agencies::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        use TnaCampaignPositions as CP;
        manager
            .create_table(
                Table::create()
                    .table(CP::Table)
                    .col(ColumnDef::new(CP::CampaignId).big_integer().not_null())
                    .col(ColumnDef::new(CP::PositionId).big_integer().not_null())
                    .primary_key(Index::create().col(CP::CampaignId).col(CP::PositionId))
                    .foreign_key(&mut fk(CP::Table, CP::CampaignId, C::Table, C::Id))
                    .foreign_key(&mut fk(
                        CP::Table,
                        CP::PositionId,
                        Positions::Table,
                        Positions::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        use TnaResponses as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(id_col(R::Id))
                    .col(ColumnDef::new(R::CampaignId).big_integer().not_null())
                    .col(ColumnDef::new(R::PersonId).big_integer().null())
                    .col(ColumnDef::new(R::DraftToken).string_len(64).null())
                    .col(ColumnDef::new(R::Perspective).string_len(16).not_null())
                    .col(ColumnDef::new(R::AgencyId).big_integer().not_null())
                    .col(ColumnDef::new(R::PositionId).big_integer().null())
                    .col(ColumnDef::new(R::Source).string_len(8).not_null())
                    .col(ColumnDef::new(R::PaperRef).string_len(64).null())
                    .col(ColumnDef::new(R::Status).string_len(16).not_null())
                    .col(ColumnDef::new(R::Answers).text().not_null())
                    .col(
                        ColumnDef::new(R::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(R::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(R::SubmittedOn).date().null())
                    .foreign_key(&mut fk(R::Table, R::CampaignId, C::Table, C::Id))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_tna_responses_campaign_status",
            R::Table,
            vec![R::CampaignId.into_iden(), R::Status.into_iden()],
            false,
        )
        .await?;
        unique(
            manager,
            "ux_tna_responses_draft_token",
            R::Table,
            vec![R::DraftToken.into_iden()],
        )
        .await?;
        unique(
            manager,
            "ux_tna_responses_paper_ref",
            R::Table,
            vec![R::CampaignId.into_iden(), R::PaperRef.into_iden()],
        )
        .await?;

        use TnaParticipation as P;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(ColumnDef::new(P::CampaignId).big_integer().not_null())
                    .col(ColumnDef::new(P::PersonId).big_integer().not_null())
                    .col(ColumnDef::new(P::Subject).string_len(32).not_null())
                    .col(ColumnDef::new(P::DraftToken).string_len(64).null())
                    .col(ColumnDef::new(P::Submitted).boolean().not_null())
                    .primary_key(
                        Index::create()
                            .col(P::CampaignId)
                            .col(P::PersonId)
                            .col(P::Subject),
                    )
                    .foreign_key(&mut fk(P::Table, P::CampaignId, C::Table, C::Id))
                    .foreign_key(&mut fk(P::Table, P::PersonId, People::Table, People::Id))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TnaParticipation::Table.into_iden(),
            TnaResponses::Table.into_iden(),
            TnaCampaignPositions::Table.into_iden(),
            TnaCampaignAgencies::Table.into_iden(),
            TnaCampaigns::Table.into_iden(),
            TnaQuestionnaires::Table.into_iden(),
            TnaFrameworks::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
