//! The respondent's side of a campaign: the surveys a person is invited to, starting a
//! response (for themselves or as a supervisor of a position), saving it answer by answer,
//! resuming and submitting it once. An anonymous response never records its respondent.

use super::*;

/// The subject of a participation: `self`, or `supervisor:<position id>`.
pub(super) fn subject(position: Option<i64>) -> String {
    match position {
        None => "self".to_owned(),
        Some(p) => format!("supervisor:{p}"),
    }
}

/// Whether `person` is invited to campaign `c` (its agency, and its position if limited).
pub(super) async fn invited_person(
    db: &impl ConnectionTrait,
    c: &tna_campaign::Model,
    person: &person::Model,
) -> AppResult<bool> {
    let Some(agency) = person.agency_id else {
        return Ok(false);
    };
    if !agency_ids(db, c.id).await?.contains(&agency) {
        return Ok(false);
    }
    let positions = position_ids(db, c.id).await?;
    Ok(positions.is_empty() || person.position_id.is_some_and(|p| positions.contains(&p)))
}

pub(super) async fn me(db: &impl ConnectionTrait, user: &CurrentUser) -> AppResult<person::Model> {
    person::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// Open campaigns the signed-in person is invited to, with where they stand.
pub async fn surveys(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<SurveyRow>> {
    let me = me(db, user).await?;
    let mine = tna_participation::Entity::find()
        .filter(tna_participation::Column::PersonId.eq(user.id))
        .all(db)
        .await?;
    let state = |campaign: i64, subject: &str| {
        match mine
            .iter()
            .find(|p| p.campaign_id == campaign && p.subject == subject)
        {
            Some(p) if p.submitted => "submitted",
            Some(_) => "draft",
            None => "none",
        }
        .to_owned()
    };
    let mut out = Vec::new();
    for c in tna_campaign::Entity::find()
        .filter(tna_campaign::Column::Status.eq(crate::model::CampaignStatus::Open))
        .order_by_asc(tna_campaign::Column::ClosesOn)
        .all(db)
        .await?
    {
        if !is_open(&c) || !invited_person(db, &c, &me).await? {
            continue;
        }
        let limited = position_ids(db, c.id).await?;
        let supervise = position::Entity::find()
            .filter(position::Column::AgencyId.eq(me.agency_id.unwrap_or_default()))
            .order_by_asc(position::Column::Title)
            .all(db)
            .await?
            .into_iter()
            .filter(|p| limited.is_empty() || limited.contains(&p.id))
            .map(|p| {
                let s = state(c.id, &subject(Some(p.id)));
                (p.id, p.title, s)
            })
            .collect();
        out.push(SurveyRow {
            campaign_id: c.id,
            title: c.title.clone(),
            closes_on: fmt_date(c.closes_on),
            anonymous: c.anonymous,
            own: state(c.id, "self"),
            supervise,
        });
    }
    Ok(out)
}

/// Starts (or resumes) the signed-in person's response to campaign `id`: about their own work,
/// or as supervisor of the staff in position `supervises`. Refused once submitted.
pub async fn start(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    supervises: Option<i64>,
) -> AppResult<i64> {
    let c = get(db, id).await?;
    let me = me(db, user).await?;
    if !invited_person(db, &c, &me).await? {
        return Err(AppError::NotFound);
    }
    if !is_open(&c) {
        return Err(AppError::field("campaign", Msg::ErrCampaignClosed));
    }
    let agency_id = me.agency_id.unwrap_or_default();
    let position_id = match supervises {
        Some(p) => {
            let pos = position::Entity::find_by_id(p)
                .one(db)
                .await?
                .filter(|pos| pos.agency_id == agency_id)
                .ok_or_else(|| AppError::field("position", Msg::ErrPositionScope))?;
            let limited = position_ids(db, id).await?;
            if !limited.is_empty() && !limited.contains(&pos.id) {
                return Err(AppError::field("position", Msg::ErrPositionScope));
            }
            Some(pos.id)
        }
        None => me.position_id,
    };
    let subject = subject(supervises);
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    let existing = tna_participation::Entity::find_by_id((id, user.id, subject.clone()))
        .one(&txn)
        .await?;
    if let Some(p) = existing {
        if p.submitted {
            return Err(AppError::field("campaign", Msg::ErrAlreadySubmitted));
        }
        let token = p.draft_token.unwrap_or_default();
        let r = tna_response::Entity::find()
            .filter(tna_response::Column::DraftToken.eq(token))
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        return Ok(r.id);
    }
    let token = crate::server::csrf::random_hex(24);
    tna_participation::ActiveModel {
        campaign_id: Set(id),
        person_id: Set(user.id),
        subject: Set(subject),
        draft_token: Set(Some(token.clone())),
        submitted: Set(false),
    }
    .insert(&txn)
    .await?;
    let now = crate::server::services::now();
    let r = tna_response::ActiveModel {
        campaign_id: Set(id),
        person_id: Set((!c.anonymous).then_some(user.id)),
        draft_token: Set(Some(token)),
        perspective: Set(if supervises.is_some() {
            "supervisor"
        } else {
            "self"
        }
        .to_owned()),
        agency_id: Set(agency_id),
        position_id: Set(position_id),
        source: Set("online".into()),
        paper_ref: Set(None),
        status: Set(ResponseStatus::Draft),
        answers: Set("{}".into()),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_on: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(r.id)
}

/// Response `id` if it belongs to the signed-in person: a draft whose token their
/// participation holds, or (outside anonymous campaigns) one they submitted. Anyone else is
/// told it does not exist.
pub(super) async fn owned(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(tna_response::Model, tna_campaign::Model)> {
    let r = tna_response::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mine = match &r.draft_token {
        Some(token) => tna_participation::Entity::find()
            .filter(tna_participation::Column::CampaignId.eq(r.campaign_id))
            .filter(tna_participation::Column::PersonId.eq(user.id))
            .filter(tna_participation::Column::DraftToken.eq(token.as_str()))
            .one(db)
            .await?
            .is_some(),
        None => r.person_id == Some(user.id),
    };
    if !mine {
        return Err(AppError::NotFound);
    }
    let c = get(db, r.campaign_id).await?;
    Ok((r, c))
}

pub(super) fn parse_answers(text: &str) -> AppResult<Answers> {
    serde_json::from_str(text).map_err(|e| crate::server::errors::internal("stored answers", e))
}

/// Answers as the form's fields (name, value).
pub fn answer_fields(answers: &Answers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (id, a) in answers {
        match a {
            Answer::Number(n) => out.push((id.clone(), n.to_string())),
            Answer::Text(t) => out.push((id.clone(), t.clone())),
            Answer::Choices(cs) => out.extend(cs.iter().map(|c| (id.clone(), c.clone()))),
            Answer::Dual(i, p) => {
                let (fi, fp) = content::tna::dual_fields(id);
                out.push((fi, i.to_string()));
                out.push((fp, p.to_string()));
            }
            Answer::NotMyJob => {
                out.push((
                    content::tna::dual_fields(id).0,
                    content::tna::NOT_MY_JOB.to_owned(),
                ));
            }
        }
    }
    out
}

/// The message for an answer refused by its item.
pub fn answer_error(e: content::tna::AnswerError) -> Msg {
    use content::tna::AnswerError as E;
    match e {
        E::OutOfScale => Msg::ErrOutOfScale,
        E::UnknownOption => Msg::ErrUnknownOption,
        E::NotANumber => Msg::ErrNumber,
        E::HalfDual => Msg::ErrHalfDual,
        E::TooLong => Msg::ErrTooLong,
    }
}

/// Reads the answers `fields` carry for the items of `q` they name (items not named are left
/// alone); any refused answer refuses them all.
pub fn read_fields(
    q: &content::tna::Questionnaire,
    fields: &[(String, String)],
) -> AppResult<BTreeMap<String, Option<Answer>>> {
    let names: HashSet<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    let mut out = BTreeMap::new();
    for item in q.items() {
        let (fi, fp) = content::tna::dual_fields(&item.id);
        // A fieldset marks each item it posts with `_item`, so clearing every choice of a
        // multiple-choice item still reaches the server.
        let marked = fields.iter().any(|(k, v)| k == "_item" && v == &item.id);
        if !(marked
            || names.contains(item.id.as_str())
            || names.contains(fi.as_str())
            || names.contains(fp.as_str()))
        {
            continue;
        }
        let answer = item
            .read_answer(|name| {
                fields
                    .iter()
                    .filter(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .collect()
            })
            .map_err(|e| AppError::field(&item.id, answer_error(e)))?;
        out.insert(item.id.clone(), answer);
    }
    Ok(out)
}

/// The response form of response `id` for its owner.
pub async fn form(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<ResponseForm> {
    let (r, c) = owned(db, user, id).await?;
    let (_, q) = load(db, c.questionnaire_id).await?;
    let titles: HashMap<String, String> =
        crate::server::services::tna::questionnaires::competency_titles(db)
            .await?
            .into_iter()
            .collect();
    let position = match r.position_id {
        Some(p) => position::Entity::find_by_id(p)
            .one(db)
            .await?
            .map(|p| p.title),
        None => None,
    };
    Ok(ResponseForm {
        id: r.id,
        campaign: (c.id, c.title.clone()),
        anonymous: c.anonymous,
        perspective: r.perspective.clone(),
        position,
        title: crate::server::services::tna::questionnaires::texts(&q.title),
        intro: crate::server::services::tna::questionnaires::texts(&q.intro),
        sections: crate::server::services::tna::questionnaires::sections_view(&q, &titles),
        values: answer_fields(&parse_answers(&r.answers)?),
        submitted: r.status == ResponseStatus::Submitted,
        open: is_open(&c),
    })
}

/// Saves the answers `fields` carry into the owner's draft response `id`. A value outside an
/// item's scale refuses the whole save; a closed campaign or a submitted response takes
/// nothing. Returns the time of the save.
pub async fn save(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    fields: &[(String, String)],
) -> AppResult<time::OffsetDateTime> {
    let (r, c) = owned(db, user, id).await?;
    if r.status != ResponseStatus::Draft {
        return Err(AppError::field("campaign", Msg::ErrAlreadySubmitted));
    }
    if !is_open(&c) {
        return Err(AppError::field("campaign", Msg::ErrCampaignClosed));
    }
    let (_, q) = load(db, c.questionnaire_id).await?;
    let changes = read_fields(&q, fields)?;
    // Each save rewrites the answers only if nobody changed them since they were read (two
    // tabs saving at once): otherwise it reads again and retries.
    let mut current = r;
    for _ in 0..5 {
        let mut answers = parse_answers(&current.answers)?;
        for (item, answer) in &changes {
            match answer {
                Some(a) => answers.insert(item.clone(), a.clone()),
                None => answers.remove(item),
            };
        }
        let text = serde_json::to_string(&answers)
            .map_err(|e| crate::server::errors::internal("answers", e))?;
        let now = crate::server::services::now();
        let _gate = crate::server::services::write_gate(db).await;
        let done = tna_response::Entity::update_many()
            .col_expr(tna_response::Column::Answers, text.into())
            .col_expr(tna_response::Column::UpdatedAt, now.into())
            .filter(tna_response::Column::Id.eq(id))
            .filter(tna_response::Column::Status.eq(ResponseStatus::Draft))
            .filter(tna_response::Column::Answers.eq(current.answers.as_str()))
            .exec(db)
            .await?;
        if done.rows_affected == 1 {
            return Ok(now);
        }
        current = tna_response::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|r| r.status == ResponseStatus::Draft)
            .ok_or_else(|| AppError::field("campaign", Msg::ErrAlreadySubmitted))?;
    }
    Err(AppError::field("campaign", Msg::ErrSaveRetry))
}

/// A random row id for an anonymous response: positive, below 2^53 (exact in JavaScript),
/// in no order.
pub(super) fn anonymous_id() -> i64 {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    1 + (OsRng.next_u64() % ((1u64 << 53) - 1)) as i64
}

/// Submits the owner's response `id`: every required item that is shown must be answered;
/// answers to items skip logic hides are dropped. In an anonymous campaign the link between
/// the person and the response is erased here. A second submission is refused.
pub async fn submit(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<()> {
    let (r, c) = owned(db, user, id).await?;
    if r.status != ResponseStatus::Draft {
        return Err(AppError::field("campaign", Msg::ErrAlreadySubmitted));
    }
    if !is_open(&c) {
        return Err(AppError::field("campaign", Msg::ErrCampaignClosed));
    }
    let (_, q) = load(db, c.questionnaire_id).await?;
    let answers = parse_answers(&r.answers)?;
    if let Some(missing) = q.missing_required(&answers).first() {
        return Err(AppError::field(&missing.id, Msg::ErrRequiredItem));
    }
    let kept = serde_json::to_string(&q.shown_answers(&answers))
        .map_err(|e| crate::server::errors::internal("answers", e))?;
    let token = r.draft_token.clone().unwrap_or_default();
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    let marked = tna_participation::Entity::update_many()
        .col_expr(tna_participation::Column::Submitted, true.into())
        .col_expr(
            tna_participation::Column::DraftToken,
            Option::<String>::None.into(),
        )
        .filter(tna_participation::Column::CampaignId.eq(c.id))
        .filter(tna_participation::Column::PersonId.eq(user.id))
        .filter(tna_participation::Column::DraftToken.eq(token.as_str()))
        .filter(tna_participation::Column::Submitted.eq(false))
        .exec(&txn)
        .await?;
    let midnight = crate::server::services::now()
        .date()
        .midnight()
        .assume_utc();
    if c.anonymous {
        // Nothing may tie the answers to the person: not the draft's row id (drafts and
        // participations are numbered in the same order), not its creation time. The answers
        // move to a new row under a random id, dated by the day only.
        let moved = tna_response::Entity::delete_many()
            .filter(tna_response::Column::Id.eq(id))
            .filter(tna_response::Column::Status.eq(ResponseStatus::Draft))
            .exec(&txn)
            .await?;
        if marked.rows_affected != 1 || moved.rows_affected != 1 {
            txn.rollback().await?;
            return Err(AppError::field("campaign", Msg::ErrAlreadySubmitted));
        }
        tna_response::Entity::insert(tna_response::ActiveModel {
            id: Set(anonymous_id()),
            campaign_id: Set(r.campaign_id),
            person_id: Set(None),
            draft_token: Set(None),
            perspective: Set(r.perspective.clone()),
            agency_id: Set(r.agency_id),
            position_id: Set(r.position_id),
            source: Set(r.source.clone()),
            paper_ref: Set(None),
            status: Set(ResponseStatus::Submitted),
            answers: Set(kept),
            created_at: Set(midnight),
            updated_at: Set(midnight),
            submitted_on: Set(Some(midnight.date())),
        })
        .exec_without_returning(&txn)
        .await?;
        txn.commit().await?;
        return Ok(());
    }
    let done = tna_response::Entity::update_many()
        .col_expr(tna_response::Column::Status, "submitted".into())
        .col_expr(tna_response::Column::Answers, kept.into())
        .col_expr(
            tna_response::Column::DraftToken,
            Option::<String>::None.into(),
        )
        .col_expr(
            tna_response::Column::PersonId,
            (!c.anonymous).then_some(user.id).into(),
        )
        // The day only: a time would let someone match it against other records.
        .col_expr(
            tna_response::Column::SubmittedOn,
            Some(crate::server::services::now().date()).into(),
        )
        .col_expr(tna_response::Column::UpdatedAt, midnight.into())
        .filter(tna_response::Column::Id.eq(id))
        .filter(tna_response::Column::Status.eq(ResponseStatus::Draft))
        .exec(&txn)
        .await?;
    if marked.rows_affected != 1 || done.rows_affected != 1 {
        txn.rollback().await?;
        return Err(AppError::field("campaign", Msg::ErrAlreadySubmitted));
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_and_the_questionnaire_format_agree_on_not_my_job() {
        assert_eq!(content::tna::NOT_MY_JOB, crate::model::tna::NOT_MY_JOB);
    }
}
