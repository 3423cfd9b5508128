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
//!
//! This file starts attempts and draws their questions; `answers` saves answers, `closing`
//! submits and expires attempts, and `view` shows an attempt to its learner.

mod layout;

mod answers;
mod closing;
mod view;
pub use answers::*;
pub use closing::*;
pub use view::*;

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Msg;
use crate::model::AttemptStatus;
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
    let (q, c) = crate::server::services::quizzes::bank::quiz_and_course(db, id).await?;
    crate::server::services::learn::courses::check_reader(db, user, &c).await?;
    crate::server::services::learn::class_items::check_sees(db, user, &c, q.class_id).await?;
    if !q.published && !crate::server::services::learn::courses::can_author(user) {
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
    let open_attempt = attempts
        .iter()
        .find(|a| a.status == AttemptStatus::Open)
        .map(|a| a.id);
    let used = attempts.len() as i32;
    let can_start =
        open_attempt.is_none() && (q.attempts_allowed == 0 || used < q.attempts_allowed);
    let questions = crate::server::services::quizzes::bank::quiz_rows(
        db,
        c.id,
        false,
        &crate::server::services::learn::class_items::Seen::All,
    )
    .await?
    .into_iter()
    .find(|r| r.id == q.id)
    .map(|r| r.questions)
    .unwrap_or(0);
    let (title, intro) = quiz_text(db, user, &c, &q).await?;
    let course_title =
        crate::server::services::learn::courses::course_title_for(db, user, &c).await?;
    Ok(QuizCard {
        id: q.id,
        course_slug: c.slug,
        course_title,
        title,
        role: q.role,
        intro_html: render_text(&intro),
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
        status: a.status,
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
    if let Some(open) = attempts.iter().find(|a| a.status == AttemptStatus::Open) {
        return Ok(open.id);
    }
    if q.attempts_allowed > 0 && attempts.len() as i32 >= q.attempts_allowed {
        return Err(AppError::field("attempt", Msg::ErrNoAttemptsLeft));
    }
    let seed = {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        OsRng.next_u64()
    };
    // A pre- or post-test measures: it never asks what the trainee was shown the answer to.
    let spent = if q.role == crate::model::QuizRole::Practice {
        HashSet::new()
    } else {
        answers_seen(db, user.id, q.course_id).await?
    };
    let mut layout = draw(db, &q, seed, &spent).await?;
    if layout.is_empty() {
        return Err(AppError::field("attempt", Msg::ErrQuizEmpty));
    }
    let language = in_readers_language(db, user, &c, &mut layout).await?;
    let now = crate::server::services::now();
    let max_score: f64 = layout.iter().map(|(_, q, _)| q.marks).sum();
    let class_id = crate::server::services::progress::events::class_for(db, user.id, c.id).await?;
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    let inserted = attempt::Entity::insert(attempt::ActiveModel {
        quiz_id: Set(q.id),
        person_id: Set(user.id),
        class_id: Set(class_id),
        number: Set(attempts.first().map_or(1, |a| a.number + 1)),
        status: Set(AttemptStatus::Open),
        started_at: Set(now),
        deadline: Set(q
            .time_limit_secs
            .map(|s| now + time::Duration::seconds(i64::from(s)))),
        submitted_at: Set(None),
        score: Set(None),
        max_score: Set(max_score),
        percent: Set(None),
        passed: Set(None),
        language: Set(language),
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
                .find(|a| a.status == AttemptStatus::Open)
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

/// Quiz `q`'s title and introduction in `user`'s language when the course has them
/// translated, else as written.
pub(crate) async fn quiz_text(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    c: &course::Model,
    q: &quiz::Model,
) -> AppResult<(String, String)> {
    use crate::server::entities::translation::Item;
    let reader = user.lang.code();
    if reader != c.language
        && let Some(t) =
            crate::server::services::learn::courses::edition_of(db, Item::Quiz, q.id, reader)
                .await?
    {
        return Ok((t.title, t.summary));
    }
    Ok((q.title.clone(), q.intro.clone()))
}

/// Asks the drawn questions in `user`'s language when the course has a current translation of
/// every one of them (one that keeps the answer key, the marks and so the option ids: the
/// layout stands); otherwise all in the course's own, never a mixture. Returns the language used, if not the
/// course's.
async fn in_readers_language(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    c: &course::Model,
    layout: &mut [(i64, Question, OptionLayout)],
) -> AppResult<Option<String>> {
    use crate::server::entities::translation;
    let reader = user.lang.code();
    if reader == c.language {
        return Ok(None);
    }
    let ids: Vec<i64> = layout.iter().map(|(id, _, _)| *id).collect();
    let rows = translation::Entity::find()
        .filter(translation::Column::Kind.eq(translation::Item::Question))
        .filter(translation::Column::Language.eq(reader))
        .filter(translation::Column::ItemId.is_in(ids))
        .all(db)
        .await?;
    let mut translated: HashMap<i64, Question> = HashMap::new();
    for row in rows {
        translated.insert(
            row.item_id,
            crate::server::services::stored("a translated question", &row.body)?,
        );
    }
    // A translation asks the same question only while it keeps the source's answer key and
    // marks: a source question edited since it was translated is asked as written.
    let current = |id: &i64, source: &Question| {
        translated.get(id).is_some_and(|t| {
            t.marks == source.marks && content::pack::same_answer_key(&source.body, &t.body)
        })
    };
    if layout.iter().any(|(id, source, _)| !current(id, source)) {
        return Ok(None);
    }
    for (id, question, _) in layout.iter_mut() {
        if let Some(t) = translated.remove(id) {
            *question = t;
        }
    }
    Ok(Some(reader.to_owned()))
}

fn to_json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value).map_err(|e| crate::server::errors::internal("json encoding", e))
}

/// The titles of the questions of course `course_id` that person `person_id` has been shown
/// with their answers: in a closed attempt at a quiz that shows them after each attempt, or
/// after the last one once none is left. (Titles, not ids: a pack imported again renews its
/// questions' ids but keeps their titles.)
pub async fn answers_seen(
    db: &impl ConnectionTrait,
    person_id: i64,
    course_id: i64,
) -> AppResult<HashSet<String>> {
    let quizzes: HashMap<i64, quiz::Model> = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .filter(quiz::Column::ShowAnswers.ne("never"))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q))
        .collect();
    let attempts = attempt::Entity::find()
        .filter(attempt::Column::PersonId.eq(person_id))
        .filter(attempt::Column::QuizId.is_in(quizzes.keys().copied()))
        .all(db)
        .await?;
    let mut used: HashMap<i64, i32> = HashMap::new();
    for a in &attempts {
        *used.entry(a.quiz_id).or_default() += 1;
    }
    let shown: Vec<i64> = attempts
        .iter()
        .filter(|a| a.status != AttemptStatus::Open)
        .filter(|a| {
            quizzes
                .get(&a.quiz_id)
                .is_some_and(|q| match q.show_answers.as_str() {
                    "after_submit" => true,
                    "after_last" => {
                        q.attempts_allowed > 0
                            && used.get(&q.id).copied().unwrap_or(0) >= q.attempts_allowed
                    }
                    _ => false,
                })
        })
        .map(|a| a.id)
        .collect();
    if shown.is_empty() {
        return Ok(HashSet::new());
    }
    #[derive(serde::Deserialize)]
    struct Titled {
        title: String,
    }
    let mut out = HashSet::new();
    for row in attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.is_in(shown))
        .all(db)
        .await?
    {
        let t: Titled = crate::server::services::stored("attempt snapshot", &row.snapshot)?;
        out.insert(crate::server::services::quizzes::bank::stored_title(
            &t.title,
        ));
    }
    Ok(out)
}

/// The questions of a new attempt: fixed questions and random draws in item order, shuffled
/// when the quiz says so, each with the order and tokens its options are shown with. Questions
/// titled in `spent` are never asked; a draw that cannot be filled without them refuses the
/// attempt.
async fn draw(
    db: &impl ConnectionTrait,
    q: &quiz::Model,
    seed: u64,
    spent: &HashSet<String>,
) -> AppResult<Vec<(i64, Question, OptionLayout)>> {
    let mut rng = SeededRng::new(seed);
    let items = crate::server::services::quizzes::bank::items(db, q.id).await?;
    let bank: Vec<question::Model> = question::Entity::find()
        .filter(question::Column::CourseId.eq(q.course_id))
        .order_by_asc(question::Column::Id)
        .all(db)
        .await?;
    let fixed: HashSet<i64> = items.iter().filter_map(|i| i.question_id).collect();
    let mut chosen: Vec<i64> = Vec::new();
    let exhausted = || AppError::field("attempt", Msg::ErrTestPoolSpent);
    for item in &items {
        match (item.question_id, item.category_id) {
            (Some(qid), _) => {
                if bank.iter().any(|b| b.id == qid && spent.contains(&b.title)) {
                    return Err(exhausted());
                }
                chosen.push(qid)
            }
            (None, Some(cid)) => {
                let in_category = bank
                    .iter()
                    .filter(|b| b.category_id == cid && !fixed.contains(&b.id))
                    .filter(|b| !chosen.contains(&b.id));
                let mut pool: Vec<i64> = in_category
                    .filter(|b| !spent.contains(&b.title))
                    .map(|b| b.id)
                    .collect();
                let wanted = usize::try_from(item.draw_count).unwrap_or(0);
                if !spent.is_empty() && pool.len() < wanted {
                    return Err(exhausted());
                }
                rng.shuffle(&mut pool);
                pool.truncate(wanted);
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
        let question: Question = crate::server::services::stored("bank question", &row.data)?;
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
