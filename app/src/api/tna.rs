//! Training needs analysis: questionnaires, campaigns and results (needs analysts and
//! administrators); surveys and responses (every invited respondent, each to their own).

use crate::error::AppError;
use crate::model::tna::{
    CampaignChoices, CampaignDetail, QuestionnaireDetail, ResponseForm, SurveyRow, TnaHome,
    TnaResults,
};
use leptos::prelude::*;

/// Questionnaires and campaigns.
#[server(prefix = "/api", endpoint = "tna/home")]
pub async fn get_tna_home() -> Result<TnaHome, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::tna::campaigns::may_analyse(&user)?;
            let db = &request::state()?.db;
            Ok(TnaHome {
                questionnaires: services::tna::questionnaires::list(db).await?,
                campaigns: services::tna::campaigns::list(db).await?,
            })
        }
        .await,
    )
}

/// One questionnaire version, for the builder.
#[server(prefix = "/api", endpoint = "tna/questionnaire")]
pub async fn get_questionnaire(id: i64) -> Result<QuestionnaireDetail, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::tna::campaigns::may_analyse(&user)?;
            services::tna::questionnaires::detail(&request::state()?.db, id).await
        }
        .await,
    )
}

/// Creates a questionnaire (empty, or a copy of version `copy_of`, an id; empty for none) and
/// opens it.
#[server(prefix = "/api", endpoint = "tna/questionnaires/create")]
pub async fn create_questionnaire(
    title_en: String,
    title_fr: String,
    copy_of: String,
) -> Result<i64, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::tna::campaigns::may_analyse(&user)?;
            let id = services::tna::questionnaires::create(
                &request::state()?.db,
                user.id,
                &title_en,
                &title_fr,
                copy_of.trim().parse().ok(),
            )
            .await?;
            request::redirect(&format!("/tna/questionnaires/{id}?notice=Saved"));
            Ok(id)
        }
        .await,
    )
}

/// Opens a new version of a questionnaire, copied from version `id`.
#[server(prefix = "/api", endpoint = "tna/questionnaires/version")]
pub async fn new_questionnaire_version(id: i64) -> Result<i64, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::tna::campaigns::may_analyse(&user)?;
            let new =
                services::tna::questionnaires::new_version(&request::state()?.db, user.id, id)
                    .await?;
            request::redirect(&format!("/tna/questionnaires/{new}?notice=Saved"));
            Ok(new)
        }
        .await,
    )
}

/// What the new-campaign form offers.
#[server(prefix = "/api", endpoint = "tna/campaign-choices")]
pub async fn get_campaign_choices() -> Result<CampaignChoices, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::tna::campaigns::may_analyse(&user)?;
            services::tna::campaigns::choices(&request::state()?.db).await
        }
        .await,
    )
}

/// A campaign with its progress.
#[server(prefix = "/api", endpoint = "tna/campaign")]
pub async fn get_campaign(id: i64) -> Result<CampaignDetail, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::tna::campaigns::detail(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Opens, closes or reopens a campaign.
#[server(prefix = "/api", endpoint = "tna/campaigns/status")]
pub async fn set_campaign_status(id: i64, status: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::tna::campaigns::set_status(&request::state()?.db, &user, id, &status).await?;
            request::redirect(&format!("/tna/campaigns/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// A campaign's results; `agency` drills into one agency, `measure` is `gap` or `need`.
#[server(prefix = "/api", endpoint = "tna/results")]
pub async fn get_tna_results(
    id: i64,
    agency: Option<i64>,
    measure: String,
) -> Result<TnaResults, AppError> {
    use crate::server::{request, services};
    use services::tna::results::Measure;
    request::finish(
        async move {
            let user = request::require_user()?;
            let measure = if measure == "need" {
                Measure::Need
            } else {
                Measure::Gap
            };
            services::tna::results::results(&request::state()?.db, &user, id, agency, measure).await
        }
        .await,
    )
}

/// The open campaigns the signed-in person is invited to.
#[server(prefix = "/api", endpoint = "tna/surveys")]
pub async fn get_surveys() -> Result<Vec<SurveyRow>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::tna::campaigns::surveys(&request::state()?.db, &user).await
        }
        .await,
    )
}

/// Starts or resumes the signed-in person's response (about their own work, or as supervisor
/// of position `supervises`, a position id; empty for their own work), and opens it.
#[server(prefix = "/api", endpoint = "tna/responses/start")]
pub async fn start_response(campaign: i64, supervises: String) -> Result<i64, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let id = services::tna::campaigns::start(
                &request::state()?.db,
                &user,
                campaign,
                supervises.trim().parse().ok(),
            )
            .await?;
            request::redirect(&format!("/responses/{id}"));
            Ok(id)
        }
        .await,
    )
}

/// The signed-in person's response `id`.
#[server(prefix = "/api", endpoint = "tna/response")]
pub async fn get_response(id: i64) -> Result<ResponseForm, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::tna::campaigns::form(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Saves the answers of one item as the response page's script posts them (`answers` holds
/// the item's fields URL-encoded, as the form would send them). Returns the time saved.
#[server(prefix = "/api", endpoint = "tna/responses/autosave")]
pub async fn autosave_response(
    response: i64,
    answers: String,
    csrf_token: String,
) -> Result<String, AppError> {
    use crate::server::{request, services};
    let _ = csrf_token; // checked by the CSRF middleware before this runs
    request::finish(
        async move {
            let user = request::require_user()?;
            let fields = request::form_fields(&answers);
            let at =
                services::tna::campaigns::save(&request::state()?.db, &user, response, &fields)
                    .await?;
            Ok(request::time_of_day(at))
        }
        .await,
    )
}
