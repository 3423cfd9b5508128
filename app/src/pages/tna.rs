//! Training needs analysis: the analyst's pages (questionnaires, campaigns, results) and the
//! respondent's (surveys and the response form).

pub mod campaign;
pub mod campaign_new;
pub mod home;
pub mod print;
pub mod questionnaire;
pub mod response;
pub mod results;
pub mod summary;
pub mod surveys;

use crate::i18n::{Msg, t};
use crate::model::CampaignStatus;

/// A campaign's status, as shown.
pub fn campaign_status(status: CampaignStatus) -> &'static str {
    t(match status {
        CampaignStatus::Draft => Msg::CampaignDraft,
        CampaignStatus::Open => Msg::CampaignOpen,
        CampaignStatus::Closed => Msg::CampaignClosed,
    })
}

/// A figure with two decimals, or a dash.
pub fn fig(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| crate::i18n::decimal(v, 2))
}
