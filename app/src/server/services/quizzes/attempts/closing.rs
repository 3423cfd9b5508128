//! Closing attempts: submitting (grading what was saved), and closing those whose time is up,
//! when they are next opened and by the background sweep.

use super::*;

/// Submits attempt `id`: grades what was saved and closes it. Submitting an attempt that is
/// already closed changes nothing (one submission is recorded). An attempt past its time limit
/// is closed as expired and the learner told so.
pub async fn submit(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<()> {
    let a = own_attempt(db, user, id).await?;
    if a.status != AttemptStatus::Open {
        return Ok(());
    }
    if past_deadline(&a, crate::server::services::now()) {
        close(db, a.id, AttemptStatus::Expired).await?;
        return Err(AppError::field("attempt", Msg::ErrTimeUp));
    }
    close(db, a.id, AttemptStatus::Submitted).await?;
    Ok(())
}

/// Closes attempt `id` if its time is up; whether it did.
pub(super) async fn close_if_expired(db: &DatabaseConnection, id: i64) -> AppResult<bool> {
    let Some(a) = attempt::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    if a.status == AttemptStatus::Open && past_deadline(&a, crate::server::services::now()) {
        return close(db, a.id, AttemptStatus::Expired).await;
    }
    Ok(false)
}

pub(super) async fn close_expired_for(
    db: &DatabaseConnection,
    quiz_id: i64,
    person_id: i64,
) -> AppResult<()> {
    for a in my_attempts(db, quiz_id, person_id).await? {
        if a.status == AttemptStatus::Open && past_deadline(&a, crate::server::services::now()) {
            close(db, a.id, AttemptStatus::Expired).await?;
        }
    }
    Ok(())
}

/// Closes every open attempt whose time is up; how many. Run periodically by the server.
pub async fn close_expired(db: &DatabaseConnection) -> AppResult<usize> {
    let due = attempt::Entity::find()
        .filter(attempt::Column::Status.eq(AttemptStatus::Open))
        .filter(attempt::Column::Deadline.lte(crate::server::services::now()))
        .all(db)
        .await?;
    let mut closed = 0;
    for a in due {
        if close(db, a.id, AttemptStatus::Expired).await? {
            closed += 1;
        }
    }
    Ok(closed)
}

/// Grades and closes attempt `id` as `status`, if it is still open. Returns whether this call
/// closed it. The status change is conditional, so of two racing closes exactly one wins.
pub async fn close(db: &DatabaseConnection, id: i64, status: AttemptStatus) -> AppResult<bool> {
    let now = crate::server::services::now();
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    let claimed = attempt::Entity::update_many()
        .col_expr(attempt::Column::Status, Expr::value(status))
        .col_expr(attempt::Column::SubmittedAt, Expr::value(now))
        .filter(attempt::Column::Id.eq(id))
        .filter(attempt::Column::Status.eq(AttemptStatus::Open))
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
            .map_err(|e| crate::server::errors::internal("attempt snapshot", e))?;
        let response: Option<Response> = row
            .response
            .as_deref()
            .map(|r| crate::server::services::stored("attempt response", r))
            .transpose()?;
        let fraction = response.map_or(0.0, |r| questions::grade(&question.body, &r).fraction);
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
    crate::server::services::progress::events::record_detail(
        &txn,
        a.person_id,
        crate::server::services::progress::events::EventKind::AttemptSubmitted,
        q.course_id,
        crate::server::services::progress::events::Detail {
            lesson_id: None,
            ref_id: Some(a.id),
            score: Some(percent),
            item: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
