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

use crate::i18n::{Lang, Msg, t, use_lang};
use crate::model::CampaignStatus;

/// The text of a pair (English, French) in the page's language.
pub fn pick(pair: &(String, String)) -> String {
    match use_lang() {
        Lang::Fr => pair.1.clone(),
        _ => pair.0.clone(),
    }
}

/// The English or French of two strings, in the page's language.
pub fn pick2(en: &str, fr: &str) -> String {
    match use_lang() {
        Lang::Fr => fr.to_owned(),
        _ => en.to_owned(),
    }
}

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
    v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"))
}
