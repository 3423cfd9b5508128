//! Needs-analysis campaigns: a questionnaire version run across agencies (optionally limited
//! to positions) over a period, and the responses to it — started, saved answer by answer,
//! left and resumed, submitted once.
//!
//! In an anonymous campaign a response never records its respondent: see the migration
//! `m20261122_000008_create_tna` for how a draft finds its way back to the person without it.
//!
//! This file is the analyst's side (creating, opening and closing campaigns, their detail);
//! `responses` is the respondent's.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::tna::{
    AgencyProgress, CampaignChoices, CampaignDetail, CampaignInput, CampaignRow, ResponseForm,
    SurveyRow,
};
use crate::model::{CampaignStatus, ResponseStatus};
use crate::model::{CurrentUser, Role};
use crate::server::entities::{
    agency, person, position, tna_campaign, tna_campaign_agency, tna_campaign_position,
    tna_participation, tna_questionnaire, tna_response,
};
use crate::server::services::learn::classes::{fmt_date, parse_date};
use crate::server::services::tna::questionnaires::load;
use content::tna::{Answer, Answers};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap, HashSet};

mod responses;
pub use responses::*;

/// Largest minimum group size an analyst may set.
pub const MIN_GROUP_MAX: i32 = 50;
/// Smallest minimum group size of an anonymous campaign.
pub const ANONYMOUS_MIN_GROUP: i32 = 3;

/// Needs analysts and administrators run campaigns.
pub fn may_analyse(user: &CurrentUser) -> AppResult<()> {
    if user.has(Role::Analyst) || user.has(Role::Admin) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Campaign `id`.
pub async fn get(db: &impl ConnectionTrait, id: i64) -> AppResult<tna_campaign::Model> {
    tna_campaign::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The agencies of campaign `id`.
pub async fn agency_ids(db: &impl ConnectionTrait, id: i64) -> AppResult<Vec<i64>> {
    Ok(tna_campaign_agency::Entity::find()
        .filter(tna_campaign_agency::Column::CampaignId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.agency_id)
        .collect())
}

async fn position_ids(db: &impl ConnectionTrait, id: i64) -> AppResult<Vec<i64>> {
    Ok(tna_campaign_position::Entity::find()
        .filter(tna_campaign_position::Column::CampaignId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.position_id)
        .collect())
}

/// Whether campaign `c` takes answers today.
pub fn is_open(c: &tna_campaign::Model) -> bool {
    let today = crate::server::services::now().date();
    c.status == CampaignStatus::Open && c.opens_on <= today && today <= c.closes_on
}

/// Campaign `c` as listed.
pub async fn row(db: &impl ConnectionTrait, c: &tna_campaign::Model) -> AppResult<CampaignRow> {
    let q = tna_questionnaire::Entity::find_by_id(c.questionnaire_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let ids = agency_ids(db, c.id).await?;
    let mut agencies: Vec<String> = agency::Entity::find()
        .filter(agency::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.name)
        .collect();
    agencies.sort();
    let responses = tna_response::Entity::find()
        .filter(tna_response::Column::CampaignId.eq(c.id))
        .filter(tna_response::Column::Status.eq(crate::model::ResponseStatus::Submitted))
        .count(db)
        .await? as usize;
    Ok(CampaignRow {
        id: c.id,
        title: c.title.clone(),
        questionnaire: (q.id, format!("{} (v{})", q.title, q.number)),
        status: c.status,
        anonymous: c.anonymous,
        min_group: c.min_group,
        opens_on: fmt_date(c.opens_on),
        closes_on: fmt_date(c.closes_on),
        responses,
        agencies,
    })
}

/// Every campaign, newest first.
pub async fn list(db: &DatabaseConnection) -> AppResult<Vec<CampaignRow>> {
    let mut out = Vec::new();
    for c in tna_campaign::Entity::find()
        .order_by_desc(tna_campaign::Column::Id)
        .all(db)
        .await?
    {
        out.push(row(db, &c).await?);
    }
    Ok(out)
}

/// The questionnaires and agencies a campaign may use.
pub async fn choices(db: &DatabaseConnection) -> AppResult<CampaignChoices> {
    let questionnaires = tna_questionnaire::Entity::find()
        .order_by_asc(tna_questionnaire::Column::Slug)
        .order_by_desc(tna_questionnaire::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, format!("{} (v{})", q.title, q.number)))
        .collect();
    let positions = position::Entity::find()
        .order_by_asc(position::Column::Title)
        .all(db)
        .await?;
    let agencies = agency::Entity::find()
        .filter(agency::Column::Active.eq(true))
        .order_by_asc(agency::Column::CountryCode)
        .order_by_asc(agency::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let ps = positions
                .iter()
                .filter(|p| p.agency_id == a.id)
                .map(|p| (p.id, p.title.clone()))
                .collect();
            (a.id, a.name, a.country_code, ps)
        })
        .collect();
    Ok(CampaignChoices {
        questionnaires,
        agencies,
    })
}

/// Creates a draft campaign from the campaign form: `title`, `questionnaire`, `opens_on`,
/// `closes_on`, `anonymous`, `min_group`, repeated `agency` ids and `country` codes (every
/// active agency of the country), and optionally `position` ids. All or nothing.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: &CampaignInput,
) -> AppResult<i64> {
    may_analyse(user)?;
    let title = input.title.trim();
    if title.is_empty() {
        return Err(AppError::field("title", Msg::ErrRequired));
    }
    if title.chars().count() > 200 {
        return Err(AppError::field("title", Msg::ErrTooLong));
    }
    let questionnaire: i64 = input
        .questionnaire
        .trim()
        .parse()
        .map_err(|_| AppError::field("questionnaire", Msg::ErrRequired))?;
    load(db, questionnaire)
        .await
        .map_err(|_| AppError::field("questionnaire", Msg::ErrRequired))?;
    let opens =
        parse_date(&input.opens_on).ok_or_else(|| AppError::field("opens_on", Msg::ErrDate))?;
    let closes =
        parse_date(&input.closes_on).ok_or_else(|| AppError::field("closes_on", Msg::ErrDate))?;
    if closes < opens {
        return Err(AppError::field("closes_on", Msg::ErrDateOrder));
    }
    let anonymous = input.anonymous.as_deref().is_some_and(|v| !v.is_empty());
    let min_group: i32 = match input.min_group.trim() {
        "" if anonymous => 5,
        "" => 1,
        v => v
            .parse()
            .map_err(|_| AppError::field("min_group", Msg::ErrMinGroup))?,
    };
    let lowest = if anonymous { ANONYMOUS_MIN_GROUP } else { 1 };
    if !(lowest..=MIN_GROUP_MAX).contains(&min_group) {
        return Err(AppError::field("min_group", Msg::ErrMinGroup));
    }
    let ids = |name: &'static str, values: &[String]| -> AppResult<Vec<i64>> {
        let mut out: Vec<i64> = Vec::new();
        for v in values {
            let id = v
                .trim()
                .parse()
                .map_err(|_| AppError::field(name, Msg::ErrInvalid))?;
            if !out.contains(&id) {
                out.push(id);
            }
        }
        Ok(out)
    };
    let mut agencies = ids("agency", &input.agency)?;
    // A whole country: every active agency of it.
    let countries: Vec<String> = input
        .country
        .iter()
        .map(|v| v.trim().to_uppercase())
        .collect();
    if !countries.is_empty() {
        for a in agency::Entity::find()
            .filter(agency::Column::CountryCode.is_in(countries.clone()))
            .filter(agency::Column::Active.eq(true))
            .all(db)
            .await?
        {
            if !agencies.contains(&a.id) {
                agencies.push(a.id);
            }
        }
    }
    if agencies.is_empty() {
        return Err(AppError::field("agency", Msg::ErrChooseAgency));
    }
    let known = agency::Entity::find()
        .filter(agency::Column::Id.is_in(agencies.clone()))
        .count(db)
        .await? as usize;
    if known != agencies.len() {
        return Err(AppError::field("agency", Msg::ErrChooseAgency));
    }
    let positions = ids("position", &input.position)?;
    let in_scope = position::Entity::find()
        .filter(position::Column::Id.is_in(positions.clone()))
        .filter(position::Column::AgencyId.is_in(agencies.clone()))
        .count(db)
        .await? as usize;
    if in_scope != positions.len() {
        return Err(AppError::field("position", Msg::ErrPositionScope));
    }
    let now = crate::server::services::now();
    let txn = db.begin().await?;
    let id = tna_campaign::ActiveModel {
        title: Set(title.to_owned()),
        questionnaire_id: Set(questionnaire),
        status: Set(CampaignStatus::Draft),
        anonymous: Set(anonymous),
        min_group: Set(min_group),
        opens_on: Set(opens),
        closes_on: Set(closes),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?
    .id;
    for agency_id in agencies {
        tna_campaign_agency::ActiveModel {
            campaign_id: Set(id),
            agency_id: Set(agency_id),
        }
        .insert(&txn)
        .await?;
    }
    for position_id in positions {
        tna_campaign_position::ActiveModel {
            campaign_id: Set(id),
            position_id: Set(position_id),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(id)
}

/// Moves campaign `id` to `status`: a draft opens (freezing its questionnaire version), an
/// open campaign closes, a closed one may reopen.
pub async fn set_status(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    status: &str,
) -> AppResult<()> {
    may_analyse(user)?;
    let c = get(db, id).await?;
    use CampaignStatus::{Closed, Draft, Open};
    let status = CampaignStatus::from_code(status)
        .ok_or(AppError::field("status", Msg::ErrCampaignStatus))?;
    let allowed = matches!(
        (c.status, status),
        (Draft, Open) | (Open, Closed) | (Closed, Open)
    );
    if !allowed {
        return Err(AppError::field("status", Msg::ErrCampaignStatus));
    }
    let mut m: tna_campaign::ActiveModel = c.into();
    m.status = Set(status);
    m.updated_at = Set(crate::server::services::now());
    m.update(db).await?;
    Ok(())
}

/// The people a campaign invites in each agency: active accounts in its agencies (and
/// positions, when limited).
async fn invited(
    db: &impl ConnectionTrait,
    agencies: &[i64],
    positions: &[i64],
) -> AppResult<HashMap<i64, std::collections::HashSet<i64>>> {
    let mut q = person::Entity::find()
        .select_only()
        .column(person::Column::AgencyId)
        .column(person::Column::Id)
        .filter(person::Column::Active.eq(true))
        .filter(person::Column::AgencyId.is_in(agencies.to_vec()));
    if !positions.is_empty() {
        q = q.filter(person::Column::PositionId.is_in(positions.to_vec()));
    }
    let mut out: HashMap<i64, std::collections::HashSet<i64>> = HashMap::new();
    for (agency, person) in q.into_tuple::<(Option<i64>, i64)>().all(db).await? {
        if let Some(a) = agency {
            out.entry(a).or_default().insert(person);
        }
    }
    Ok(out)
}

/// How many people of an agency were invited, counted as the responses are: those invited
/// now (`current`) and everyone who has answered (`respondents`, `None` where an anonymous
/// campaign erased who), though they may since have left, moved or been deactivated. So the
/// response rate never exceeds 100 %.
pub fn invited_count(
    current: &std::collections::HashSet<i64>,
    respondents: &[Option<i64>],
) -> usize {
    let known: std::collections::HashSet<i64> = respondents
        .iter()
        .flatten()
        .copied()
        .chain(current.iter().copied())
        .collect();
    known.len().max(respondents.len())
}

/// Campaign `id` with its progress per agency.
pub async fn detail(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<CampaignDetail> {
    may_analyse(user)?;
    let c = get(db, id).await?;
    let agencies = agency_ids(db, id).await?;
    let positions = position_ids(db, id).await?;
    let invited = invited(db, &agencies, &positions).await?;
    // Only what the counts need: never the answers.
    let responses: Vec<(i64, String, String, String, Option<i64>)> = tna_response::Entity::find()
        .filter(tna_response::Column::CampaignId.eq(id))
        .select_only()
        .column(tna_response::Column::AgencyId)
        .column(tna_response::Column::Perspective)
        .column(tna_response::Column::Source)
        .column(tna_response::Column::Status)
        .column(tna_response::Column::PersonId)
        .into_tuple()
        .all(db)
        .await?;
    let mut progress = Vec::new();
    for a in agency::Entity::find()
        .filter(agency::Column::Id.is_in(agencies))
        .order_by_asc(agency::Column::Name)
        .all(db)
        .await?
    {
        let mine = responses.iter().filter(|r| r.0 == a.id);
        let submitted = |perspective: &str, source: &str| {
            mine.clone()
                .filter(|r| r.3 == "submitted" && r.1 == perspective && r.2 == source)
                .count()
        };
        let responded = submitted("self", "online");
        let supervisors = submitted("supervisor", "online") + submitted("supervisor", "paper");
        let paper = mine
            .clone()
            .filter(|r| r.3 == "submitted" && r.2 == "paper")
            .count();
        let drafts = mine.clone().filter(|r| r.3 == "draft").count();
        let respondents: Vec<Option<i64>> = mine
            .clone()
            .filter(|r| r.3 == "submitted" && r.1 == "self" && r.2 == "online")
            .map(|r| r.4)
            .collect();
        let n = invited_count(
            invited.get(&a.id).unwrap_or(&Default::default()),
            &respondents,
        );
        progress.push(AgencyProgress {
            agency_id: a.id,
            agency: a.name,
            country: a.country_code,
            invited: n,
            responded,
            supervisors,
            paper,
            drafts,
            rate: (n > 0).then(|| responded as f64 / n as f64),
        });
    }
    let position_titles = position::Entity::find()
        .filter(position::Column::Id.is_in(positions))
        .order_by_asc(position::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.title)
        .collect();
    Ok(CampaignDetail {
        row: row(db, &c).await?,
        positions: position_titles,
        progress,
    })
}

#[cfg(test)]
mod tests {
    use super::invited_count;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn those_who_answered_and_since_left_are_still_counted_as_invited() {
        let current: HashSet<i64> = [1, 2, 3].into();
        // 4 answered, then was deactivated; 1 answered and is still invited.
        assert_eq!(invited_count(&current, &[Some(4), Some(1)]), 4);
        // An anonymous campaign cannot tell who answered: at least as many as answered.
        assert_eq!(invited_count(&current, &[None, None, None, None, None]), 5);
        assert_eq!(invited_count(&current, &[None]), 3);
    }

    proptest! {
        #[test]
        fn the_response_rate_never_exceeds_one_hundred_percent(
            current in proptest::collection::hash_set(0i64..40, 0..30),
            respondents in proptest::collection::vec(proptest::option::of(0i64..60), 0..50),
        ) {
            let n = invited_count(&current, &respondents);
            prop_assert!(respondents.len() <= n);
            prop_assert!(current.len() <= n);
        }
    }
}
