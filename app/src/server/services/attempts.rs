//! Taking quizzes: starting an attempt, saving each answer as it is given, submitting, and
//! closing attempts whose time is up.
//!
//! Guarantees:
//! - every answer is written as soon as it arrives, in one statement that also checks the
//!   attempt is still open and within its time, so a refresh, a closed laptop or a restart
//!   loses nothing and nothing is accepted after the deadline;
//! - closing an attempt is one conditional update (`status = 'open'` → closed): submitting
//!   twice, or a submission racing the time limit, records exactly one result;
//! - an attempt asks copies of its questions (drawn, ordered and with options shuffled when
//!   it starts), so editing the bank never changes an attempt under way or a result given;
//! - an attempt page names options by tokens drawn for that attempt ([`layout`]), so nothing
//!   in the page tells a right option from a wrong one.

mod layout;

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Msg;
use crate::model::{
    AttemptQuestionView, AttemptSummary, AttemptView, CurrentUser, QuizCard, Role, ShownOption,
};
use crate::server::entities::{attempt, attempt_question, course, question, quiz};
use assessments::questions::{self, Body, Question, Response};
use assessments::results::SeededRng;
use layout::OptionLayout;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;

/// An attempt being answered.
pub const OPEN: &str = "open";
/// An attempt the learner submitted.
pub const SUBMITTED: &str = "submitted";
/// An attempt closed at its time limit with what had been saved.
pub const EXPIRED: &str = "expired";

const STAMP: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");

pub fn stamp(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(STAMP)
        .unwrap_or_default()
}

/// Quiz `id` and its course, if `user` may take it: the course must be readable by them, and
/// the quiz published (authors may also try drafts).
async fn takeable(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(quiz::Model, course::Model)> {
    let (q, c) = super::bank::quiz_and_course(db, id).await?;
    super::courses::check_reader(db, user, &c).await?;
    if !q.published && !super::courses::can_author(user) {
        return Err(AppError::NotFound);
    }
    Ok((q, c))
}

async fn my_attempts(
    db: &impl ConnectionTrait,
    quiz_id: i64,
    person_id: i64,
) -> AppResult<Vec<attempt::Model>> {
    Ok(attempt::Entity::find()
        .filter(attempt::Column::QuizId.eq(quiz_id))
        .filter(attempt::Column::PersonId.eq(person_id))
        .order_by_desc(attempt::Column::Number)
        .all(db)
        .await?)
}

/// Quiz `id` as `user` sees it before starting: rules, their attempts, whether they may start.
pub async fn card(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<QuizCard> {
    let (q, c) = takeable(db, user, id).await?;
    close_expired_for(db, q.id, user.id).await?;
    let attempts = my_attempts(db, q.id, user.id).await?;
    let open_attempt = attempts.iter().find(|a| a.status == OPEN).map(|a| a.id);
    let used = attempts.len() as i32;
    let can_start =
        open_attempt.is_none() && (q.attempts_allowed == 0 || used < q.attempts_allowed);
    let questions = super::bank::quiz_rows(db, c.id, false)
        .await?
        .into_iter()
        .find(|r| r.id == q.id)
        .map(|r| r.questions)
        .unwrap_or(0);
    Ok(QuizCard {
        id: q.id,
        course_slug: c.slug,
        course_title: c.title,
        title: q.title,
        role: q.role,
        intro_html: render_text(&q.intro),
        questions,
        pass_mark: q.pass_mark,
        time_limit_minutes: q.time_limit_secs.map(|s| s / 60),
        attempts_allowed: q.attempts_allowed,
        attempts: attempts.iter().map(summary).collect(),
        open_attempt,
        can_start,
    })
}

fn summary(a: &attempt::Model) -> AttemptSummary {
    AttemptSummary {
        id: a.id,
        number: a.number,
        status: a.status.clone(),
        percent: a.percent,
        passed: a.passed,
        closed_at: a.submitted_at.map(stamp),
    }
}

fn render_text(markdown: &str) -> String {
    content::markdown::render(
        markdown,
        content::markdown::Links {
            media_base: "/",
            glossary: "#",
        },
    )
}

/// Starts an attempt at quiz `id` (or returns the one already open). Returns the attempt id.
pub async fn start(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<i64> {
    let (q, c) = takeable(db, user, id).await?;
    close_expired_for(db, q.id, user.id).await?;
    let attempts = my_attempts(db, q.id, user.id).await?;
    if let Some(open) = attempts.iter().find(|a| a.status == OPEN) {
        return Ok(open.id);
    }
    if q.attempts_allowed > 0 && attempts.len() as i32 >= q.attempts_allowed {
        return Err(AppError::field("attempt", Msg::ErrNoAttemptsLeft));
    }
    let seed = {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        OsRng.next_u64()
    };
    let layout = draw(db, &q, seed).await?;
    if layout.is_empty() {
        return Err(AppError::field("attempt", Msg::ErrQuizEmpty));
    }
    let now = super::now();
    let max_score: f64 = layout.iter().map(|(_, q, _)| q.marks).sum();
    let class_id = super::events::class_for(db, user.id, c.id).await?;
    let _gate = super::write_gate(db).await;
    let txn = db.begin().await?;
    let inserted = attempt::Entity::insert(attempt::ActiveModel {
        quiz_id: Set(q.id),
        person_id: Set(user.id),
        class_id: Set(class_id),
        number: Set(attempts.first().map_or(1, |a| a.number + 1)),
        status: Set(OPEN.to_owned()),
        started_at: Set(now),
        deadline: Set(q
            .time_limit_secs
            .map(|s| now + time::Duration::seconds(i64::from(s)))),
        submitted_at: Set(None),
        score: Set(None),
        max_score: Set(max_score),
        percent: Set(None),
        passed: Set(None),
        ..Default::default()
    })
    .exec(&txn)
    .await;
    let attempt_id = match inserted {
        Ok(r) => r.last_insert_id,
        // A double click started the same attempt number twice: use the one that won.
        Err(e)
            if matches!(
                e.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            drop(txn);
            return my_attempts(db, q.id, user.id)
                .await?
                .into_iter()
                .find(|a| a.status == OPEN)
                .map(|a| a.id)
                .ok_or(AppError::field("attempt", Msg::ErrNoAttemptsLeft));
        }
        Err(e) => return Err(e.into()),
    };
    let mut rows = Vec::with_capacity(layout.len());
    for (position, (question_id, question, options)) in layout.into_iter().enumerate() {
        rows.push(attempt_question::ActiveModel {
            attempt_id: Set(attempt_id),
            question_id: Set(question_id),
            position: Set(position as i32 + 1),
            snapshot: Set(to_json(&question)?),
            option_order: Set(options.to_json()),
            response: Set(None),
            saved_at: Set(None),
            fraction: Set(None),
        });
    }
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(100).collect();
        attempt_question::Entity::insert_many(chunk)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(attempt_id)
}

fn to_json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value).map_err(|e| super::super::errors::internal("json encoding", e))
}

/// The questions of a new attempt: fixed questions and random draws in item order, shuffled
/// when the quiz says so, each with the order and tokens its options are shown with.
async fn draw(
    db: &impl ConnectionTrait,
    q: &quiz::Model,
    seed: u64,
) -> AppResult<Vec<(i64, Question, OptionLayout)>> {
    let mut rng = SeededRng::new(seed);
    let items = super::bank::items(db, q.id).await?;
    let bank: Vec<question::Model> = question::Entity::find()
        .filter(question::Column::CourseId.eq(q.course_id))
        .order_by_asc(question::Column::Id)
        .all(db)
        .await?;
    let fixed: HashSet<i64> = items.iter().filter_map(|i| i.question_id).collect();
    let mut chosen: Vec<i64> = Vec::new();
    for item in &items {
        match (item.question_id, item.category_id) {
            (Some(qid), _) => chosen.push(qid),
            (None, Some(cid)) => {
                let mut pool: Vec<i64> = bank
                    .iter()
                    .filter(|b| b.category_id == cid && !fixed.contains(&b.id))
                    .filter(|b| !chosen.contains(&b.id))
                    .map(|b| b.id)
                    .collect();
                rng.shuffle(&mut pool);
                pool.truncate(usize::try_from(item.draw_count).unwrap_or(0));
                chosen.extend(pool);
            }
            _ => {}
        }
    }
    if q.shuffle_questions {
        rng.shuffle(&mut chosen);
    }
    let by_id: HashMap<i64, &question::Model> = bank.iter().map(|b| (b.id, b)).collect();
    let mut layout = Vec::with_capacity(chosen.len());
    for qid in chosen {
        let Some(row) = by_id.get(&qid) else { continue };
        let Ok(question) = serde_json::from_str::<Question>(&row.data) else {
            continue;
        };
        let mut order = question.body.option_ids();
        // Items to order and answers to match are always shuffled: in their key order they
        // would give the answer away.
        let always = matches!(question.body, Body::Ordering { .. } | Body::Matching { .. });
        if q.shuffle_options || always {
            rng.shuffle(&mut order);
            if always && order.len() > 1 && order == question.body.option_ids() {
                order.rotate_left(1);
            }
        }
        let options = OptionLayout::new(order, &mut rng);
        layout.push((qid, question, options));
    }
    Ok(layout)
}

/// Attempt `id` if it is `user`'s own; `Forbidden` for anyone else's.
async fn own_attempt(
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
fn response_from_form(
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
    if a.status != OPEN {
        return Err(AppError::field("attempt", Msg::ErrAttemptClosed));
    }
    if past_deadline(&a, super::now()) {
        close(db, a.id, EXPIRED).await?;
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
            .map_err(|e| super::super::errors::internal("attempt snapshot", e))?;
        let options = OptionLayout::parse(&row.option_order)
            .map_err(|e| super::super::errors::internal("attempt layout", e))?;
        match response_from_form(&question, &options, *qid, fields) {
            Ok(r) => updates.push((*qid, r.map(|r| to_json(&r)).transpose()?)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = super::now();
    let gate = super::write_gate(db).await;
    let txn = db.begin().await?;
    for (qid, response) in &updates {
        let still_open = Query::select()
            .column(attempt::Column::Id)
            .from(attempt::Entity)
            .and_where(attempt::Column::Id.eq(a.id))
            .and_where(attempt::Column::Status.eq(OPEN))
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

fn past_deadline(a: &attempt::Model, now: OffsetDateTime) -> bool {
    a.deadline.is_some_and(|d| now >= d)
}

/// Submits attempt `id`: grades what was saved and closes it. Submitting an attempt that is
/// already closed changes nothing (one submission is recorded). An attempt past its time limit
/// is closed as expired and the learner told so.
pub async fn submit(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<()> {
    let a = own_attempt(db, user, id).await?;
    if a.status != OPEN {
        return Ok(());
    }
    if past_deadline(&a, super::now()) {
        close(db, a.id, EXPIRED).await?;
        return Err(AppError::field("attempt", Msg::ErrTimeUp));
    }
    close(db, a.id, SUBMITTED).await?;
    Ok(())
}

/// Closes attempt `id` if its time is up; whether it did.
async fn close_if_expired(db: &DatabaseConnection, id: i64) -> AppResult<bool> {
    let Some(a) = attempt::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    if a.status == OPEN && past_deadline(&a, super::now()) {
        return close(db, a.id, EXPIRED).await;
    }
    Ok(false)
}

async fn close_expired_for(db: &DatabaseConnection, quiz_id: i64, person_id: i64) -> AppResult<()> {
    for a in my_attempts(db, quiz_id, person_id).await? {
        if a.status == OPEN && past_deadline(&a, super::now()) {
            close(db, a.id, EXPIRED).await?;
        }
    }
    Ok(())
}

/// Closes every open attempt whose time is up; how many. Run periodically by the server.
pub async fn close_expired(db: &DatabaseConnection) -> AppResult<usize> {
    let due = attempt::Entity::find()
        .filter(attempt::Column::Status.eq(OPEN))
        .filter(attempt::Column::Deadline.lte(super::now()))
        .all(db)
        .await?;
    let mut closed = 0;
    for a in due {
        if close(db, a.id, EXPIRED).await? {
            closed += 1;
        }
    }
    Ok(closed)
}

/// Grades and closes attempt `id` as `status`, if it is still open. Returns whether this call
/// closed it. The status change is conditional, so of two racing closes exactly one wins.
pub async fn close(db: &DatabaseConnection, id: i64, status: &str) -> AppResult<bool> {
    let now = super::now();
    let _gate = super::write_gate(db).await;
    let txn = db.begin().await?;
    let claimed = attempt::Entity::update_many()
        .col_expr(attempt::Column::Status, Expr::value(status))
        .col_expr(attempt::Column::SubmittedAt, Expr::value(now))
        .filter(attempt::Column::Id.eq(id))
        .filter(attempt::Column::Status.eq(OPEN))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Ok(false);
    }
    let a = attempt::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let q = quiz::Entity::find_by_id(a.quiz_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(id))
        .all(&txn)
        .await?;
    let mut score = 0.0;
    let mut max = 0.0;
    for row in rows {
        let question: Question = serde_json::from_str(&row.snapshot)
            .map_err(|e| super::super::errors::internal("attempt snapshot", e))?;
        let fraction = row
            .response
            .as_deref()
            .and_then(|r| serde_json::from_str::<Response>(r).ok())
            .map_or(0.0, |r| questions::grade(&question.body, &r).fraction);
        score += fraction * question.marks;
        max += question.marks;
        let mut active: attempt_question::ActiveModel = row.into();
        active.fraction = Set(Some(fraction));
        active.update(&txn).await?;
    }
    let percent = assessments::results::percent(score, max);
    let passed = percent + 1e-9 >= q.pass_mark;
    let mut active: attempt::ActiveModel = a.clone().into();
    active.score = Set(Some(score));
    active.max_score = Set(max);
    active.percent = Set(Some(percent));
    active.passed = Set(Some(passed));
    active.update(&txn).await?;
    super::events::record_detail(
        &txn,
        a.person_id,
        super::events::ATTEMPT_SUBMITTED,
        q.course_id,
        super::events::Detail {
            lesson_id: None,
            ref_id: Some(a.id),
            score: Some(percent),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// Attempt `id` for its learner: the questions with saved answers while open; score,
/// feedback and (when the quiz allows) correct answers once closed. Closes it first when its
/// time is up.
pub async fn view(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<AttemptView> {
    let a = attempt::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.person_id != user.id && !user.has(Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let a = if close_if_expired(db, a.id).await? {
        attempt::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?
    } else {
        a
    };
    let (q, c) = super::bank::quiz_and_course(db, a.quiz_id).await?;
    let closed = a.status != OPEN;
    let review = closed && q.show_answers != "never";
    let attempts_used = my_attempts(db, q.id, a.person_id).await?.len() as i32;
    let no_attempts_left = q.attempts_allowed > 0 && attempts_used >= q.attempts_allowed;
    let show_correct = closed
        && match q.show_answers.as_str() {
            "after_submit" => true,
            "after_last" => no_attempts_left,
            _ => false,
        };
    let rows = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(a.id))
        .order_by_asc(attempt_question::Column::Position)
        .all(db)
        .await?;
    let mut questions = Vec::with_capacity(rows.len());
    for row in rows {
        let question: Question = serde_json::from_str(&row.snapshot)
            .map_err(|e| super::super::errors::internal("attempt snapshot", e))?;
        let options = OptionLayout::parse(&row.option_order)
            .map_err(|e| super::super::errors::internal("attempt layout", e))?;
        let response: Option<Response> = row
            .response
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok());
        questions.push(question_view(
            row.question_id,
            &question,
            &options,
            response.as_ref(),
            review.then_some(row.fraction.unwrap_or(0.0)),
            show_correct,
        ));
    }
    let now = super::now();
    Ok(AttemptView {
        id: a.id,
        quiz_id: q.id,
        quiz_title: q.title,
        course_slug: c.slug,
        course_title: c.title,
        number: a.number,
        status: a.status.clone(),
        seconds_left: a
            .deadline
            .filter(|_| !closed)
            .map(|d| (d - now).whole_seconds().max(0)),
        deadline: a.deadline.map(stamp),
        questions,
        score: a.score,
        max_score: a.max_score,
        percent: a.percent,
        passed: a.passed,
        pass_mark: q.pass_mark,
        review,
    })
}

fn question_view(
    question_id: i64,
    q: &Question,
    options: &OptionLayout,
    response: Option<&Response>,
    fraction: Option<f64>,
    show_correct: bool,
) -> AttemptQuestionView {
    let mut view = AttemptQuestionView {
        question_id,
        kind: q.body.kind().code().to_owned(),
        text_html: render_text(&q.text),
        marks: q.marks,
        options: Vec::new(),
        answers: Vec::new(),
        chosen: Vec::new(),
        text: String::new(),
        matches: Vec::new(),
        order: Vec::new(),
        answered: response.is_some(),
        fraction,
        feedback: Vec::new(),
        general_feedback: String::new(),
        correct_answer: None,
    };
    // Options in the order shown, each under its token.
    let in_order = |pairs: Vec<(u32, String)>| -> Vec<ShownOption> {
        let mut out: Vec<ShownOption> = options
            .order()
            .iter()
            .filter_map(|id| {
                pairs
                    .iter()
                    .find(|(pid, _)| pid == id)
                    .map(|(id, text)| ShownOption {
                        id: options.token(*id),
                        text: text.clone(),
                    })
            })
            .collect();
        // Anything the saved order does not name goes last (never expected).
        for (id, text) in &pairs {
            if !options.order().contains(id) {
                out.push(ShownOption {
                    id: options.token(*id),
                    text: text.clone(),
                });
            }
        }
        out
    };
    match &q.body {
        Body::SingleChoice { options } | Body::MultipleResponse { options } => {
            view.options = in_order(options.iter().map(|o| (o.id, o.text.clone())).collect());
        }
        Body::Matching { pairs } => {
            // Prompts in key order; the answers to choose from in the shuffled order, each
            // distinct answer text once.
            view.options = pairs
                .iter()
                .map(|p| ShownOption {
                    id: p.id,
                    text: p.prompt.clone(),
                })
                .collect();
            let mut seen = HashSet::new();
            view.answers = in_order(pairs.iter().map(|p| (p.id, p.answer.clone())).collect())
                .into_iter()
                .filter(|o| seen.insert(o.text.clone()))
                .collect();
        }
        Body::Ordering { items } => {
            view.options = in_order(items.iter().map(|i| (i.id, i.text.clone())).collect());
        }
        _ => {}
    }
    match response {
        Some(Response::Choices(c)) => view.chosen = c.iter().map(|id| options.token(*id)).collect(),
        Some(Response::Bool(b)) => view.text = b.to_string(),
        Some(Response::Text(t)) => view.text = t.clone(),
        Some(Response::Number(n)) => view.text = n.to_string(),
        Some(Response::Matches(m)) => {
            // Answers with the same text are shown once: a saved answer is shown as the one
            // offered with its text.
            let text_of = |id: u32| match &q.body {
                Body::Matching { pairs } => pairs.iter().find(|p| p.id == id).map(|p| &p.answer),
                _ => None,
            };
            view.matches = m
                .iter()
                .map(|(prompt, answer)| {
                    let shown = text_of(*answer)
                        .and_then(|t| view.answers.iter().find(|o| &o.text == t))
                        .map_or(options.token(*answer), |o| o.id);
                    (*prompt, shown)
                })
                .collect();
        }
        Some(Response::Order(o)) => {
            view.order = o
                .iter()
                .enumerate()
                .map(|(i, id)| (options.token(*id), i as u32 + 1))
                .collect();
        }
        None => {}
    }
    if fraction.is_some() {
        if let Some(r) = response {
            view.feedback = questions::grade(&q.body, r).feedback;
        }
        view.general_feedback = q.general_feedback.clone();
    }
    if show_correct {
        view.correct_answer = Some(correct_answer(&q.body));
    }
    view
}

/// The full-marks answer in words.
fn correct_answer(body: &Body) -> String {
    let model = questions::model_answer(body);
    match (body, model) {
        (
            Body::SingleChoice { options } | Body::MultipleResponse { options },
            Response::Choices(c),
        ) => options
            .iter()
            .filter(|o| c.contains(&o.id))
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        (_, Response::Bool(b)) => if b { "True" } else { "False" }.to_owned(),
        (Body::ShortAnswer { answers }, _) => answers
            .iter()
            .filter(|k| k.fraction >= 1.0)
            .map(|k| k.pattern.as_str())
            .collect::<Vec<_>>()
            .join(" / "),
        (Body::Numerical { answers }, _) => answers
            .iter()
            .filter(|k| k.fraction >= 1.0)
            .map(|k| {
                if k.tolerance == 0.0 {
                    format!("{}", k.value)
                } else {
                    format!("{} ± {}", k.value, k.tolerance)
                }
            })
            .collect::<Vec<_>>()
            .join(" / "),
        (Body::Matching { pairs }, _) => pairs
            .iter()
            .map(|p| format!("{} → {}", p.prompt, p.answer))
            .collect::<Vec<_>>()
            .join("; "),
        (Body::Ordering { items }, _) => items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join(" → "),
        _ => String::new(),
    }
}
