//! Saving answers: each answer written as it arrives, in one statement that also checks the
//! attempt is the learner's, still open and within its time.

use super::*;

/// Attempt `id` if it is `user`'s own; `Forbidden` for anyone else's.
pub(super) async fn own_attempt(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> AppResult<attempt::Model> {
    let a = attempt::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.person_id != user.id {
        return Err(AppError::Forbidden);
    }
    Ok(a)
}

/// The answer fields of one question, as posted by the attempt form: `q<id>` (repeated for
/// multiple response), `q<id>_<sub id>` for matching and ordering.
pub(super) fn response_from_form(
    question: &Question,
    options: &OptionLayout,
    qid: i64,
    fields: &[(String, String)],
) -> Result<Option<Response>, FieldError> {
    let name = format!("q{qid}");
    let field = || name.clone();
    let values: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    let sub = |prefix: &str| -> Result<Vec<(u32, u32)>, FieldError> {
        let mut out = Vec::new();
        for (k, v) in fields {
            let Some(rest) = k.strip_prefix(prefix) else {
                continue;
            };
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            let (Ok(a), Ok(b)) = (rest.parse::<u32>(), v.parse::<u32>()) else {
                return Err(FieldError::new(&field(), Msg::ErrUnknownOption));
            };
            out.push((a, b));
        }
        Ok(out)
    };
    // The option a token names, or an unknown option.
    let option = |token: u32| -> Result<u32, FieldError> {
        options
            .id(token)
            .ok_or_else(|| FieldError::new(&field(), Msg::ErrUnknownOption))
    };
    let ids = |values: &[&str]| -> Result<Vec<u32>, FieldError> {
        values
            .iter()
            .map(|v| {
                v.parse::<u32>()
                    .map_err(|_| FieldError::new(&field(), Msg::ErrUnknownOption))
                    .and_then(option)
            })
            .collect()
    };
    let response = match &question.body {
        Body::SingleChoice { .. } | Body::MultipleResponse { .. } => {
            Response::Choices(ids(&values)?)
        }
        Body::TrueFalse { .. } => match values.first() {
            None => return Ok(None),
            Some(&"true") => Response::Bool(true),
            Some(&"false") => Response::Bool(false),
            Some(_) => return Err(FieldError::new(&field(), Msg::ErrUnknownOption)),
        },
        Body::ShortAnswer { .. } => match values.first() {
            None => return Ok(None),
            Some(t) => Response::Text((*t).to_owned()),
        },
        Body::Numerical { .. } => match values.first() {
            None => return Ok(None),
            Some(t) => match t.replace(',', ".").parse::<f64>() {
                Ok(n) if n.is_finite() => Response::Number(n),
                _ => return Err(FieldError::new(&field(), Msg::ErrNotANumber)),
            },
        },
        // Prompts by their id, answers by their token.
        Body::Matching { .. } => Response::Matches(
            sub(&format!("q{qid}_"))?
                .into_iter()
                .map(|(prompt, answer)| Ok((prompt, option(answer)?)))
                .collect::<Result<_, FieldError>>()?,
        ),
        // Items by their token.
        Body::Ordering { .. } => {
            let mut positions = sub(&format!("q{qid}_"))?
                .into_iter()
                .map(|(item, position)| Ok((option(item)?, position)))
                .collect::<Result<Vec<_>, FieldError>>()?;
            if positions.is_empty() {
                return Ok(None);
            }
            positions.sort_by_key(|(item, pos)| (*pos, *item));
            Response::Order(positions.into_iter().map(|(item, _)| item).collect())
        }
    };
    if let Response::Choices(c) = &response
        && c.is_empty()
    {
        return Ok(None);
    }
    match questions::validate(&question.body, &response) {
        Ok(()) => Ok(Some(response)),
        Err(questions::ResponseError::UnknownOption(_)) => {
            Err(FieldError::new(&field(), Msg::ErrUnknownOption))
        }
        Err(questions::ResponseError::NotANumber) => {
            Err(FieldError::new(&field(), Msg::ErrNotANumber))
        }
        Err(questions::ResponseError::TooLong) => Err(FieldError::new(&field(), Msg::ErrTooLong)),
        Err(_) => Err(FieldError::new(&field(), Msg::ErrUnknownOption)),
    }
}

/// Saves the answers posted for attempt `id`: every question named by a `p` field (the form
/// lists the questions it carries), each as `q<id>…` fields. All or nothing: one bad answer
/// (an option the question does not have, a question not in this attempt) saves none.
/// Returns how many answers were saved.
pub async fn save_answers(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    fields: &[(String, String)],
) -> AppResult<usize> {
    let a = own_attempt(db, user, id).await?;
    if a.status != AttemptStatus::Open {
        return Err(AppError::field("attempt", Msg::ErrAttemptClosed));
    }
    if past_deadline(&a, crate::server::services::now()) {
        close(db, a.id, AttemptStatus::Expired).await?;
        return Err(AppError::field("attempt", Msg::ErrTimeUp));
    }
    let mut named: Vec<i64> = Vec::new();
    for (k, v) in fields {
        if k == "p" {
            let qid = v
                .trim()
                .parse::<i64>()
                .map_err(|_| AppError::field("p", Msg::ErrNotInAttempt))?;
            if !named.contains(&qid) {
                named.push(qid);
            }
        }
    }
    if named.is_empty() {
        return Ok(0);
    }
    let rows: HashMap<i64, attempt_question::Model> = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(a.id))
        .filter(attempt_question::Column::QuestionId.is_in(named.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.question_id, r))
        .collect();
    let mut updates = Vec::with_capacity(named.len());
    let mut errors = Vec::new();
    for qid in &named {
        let Some(row) = rows.get(qid) else {
            errors.push(FieldError::new(&format!("q{qid}"), Msg::ErrNotInAttempt));
            continue;
        };
        let question: Question = serde_json::from_str(&row.snapshot)
            .map_err(|e| crate::server::errors::internal("attempt snapshot", e))?;
        let options = OptionLayout::parse(&row.option_order)
            .map_err(|e| crate::server::errors::internal("attempt layout", e))?;
        match response_from_form(&question, &options, *qid, fields) {
            Ok(r) => updates.push((*qid, r.map(|r| to_json(&r)).transpose()?)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = crate::server::services::now();
    let gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    for (qid, response) in &updates {
        let still_open = Query::select()
            .column(attempt::Column::Id)
            .from(attempt::Entity)
            .and_where(attempt::Column::Id.eq(a.id))
            .and_where(attempt::Column::Status.eq(AttemptStatus::Open))
            .and_where(
                attempt::Column::Deadline
                    .is_null()
                    .or(attempt::Column::Deadline.gt(now)),
            )
            .to_owned();
        let done = attempt_question::Entity::update_many()
            .col_expr(
                attempt_question::Column::Response,
                Expr::value(response.clone()),
            )
            .col_expr(attempt_question::Column::SavedAt, Expr::value(now))
            .filter(attempt_question::Column::AttemptId.eq(a.id))
            .filter(attempt_question::Column::QuestionId.eq(*qid))
            .filter(attempt_question::Column::AttemptId.in_subquery(still_open))
            .exec(&txn)
            .await?;
        if done.rows_affected == 0 {
            // Closed (or out of time) between the check above and this write.
            drop(txn);
            drop(gate);
            let _ = close_if_expired(db, a.id).await?;
            return Err(AppError::field("attempt", Msg::ErrAttemptClosed));
        }
    }
    txn.commit().await?;
    drop(gate);
    Ok(updates.len())
}

pub(super) fn past_deadline(a: &attempt::Model, now: OffsetDateTime) -> bool {
    a.deadline.is_some_and(|d| now >= d)
}
