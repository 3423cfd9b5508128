//! What trainers see of knowledge checks in their classes: scores and completion per quiz,
//! item analysis, learning gain between pre-test and post-test, and the CSV export.

use crate::error::{AppError, AppResult};
use crate::model::{AttemptStatus, QuizRole};
use crate::model::{
    ClassQuizzes, CurrentUser, GainReport, GainRow, ItemRow, QuizResultRow, QuizResults,
};
use crate::server::entities::{
    attempt, attempt_question, course, enrolment, person, question, quiz,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// The enrolled trainees of a class: (id, name, login), by name.
async fn trainees(db: &DatabaseConnection, class_id: i64) -> AppResult<Vec<(i64, String, String)>> {
    let ids: Vec<i64> = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(class_id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.person_id)
        .collect();
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .order_by_asc(person::Column::DisplayName)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.display_name, p.login))
        .collect())
}

/// Closed attempts at `quiz_id` by `people`, oldest first.
async fn closed_attempts(
    db: &DatabaseConnection,
    quiz_id: i64,
    people: &[i64],
) -> AppResult<Vec<attempt::Model>> {
    Ok(attempt::Entity::find()
        .filter(attempt::Column::QuizId.eq(quiz_id))
        .filter(attempt::Column::PersonId.is_in(people.to_vec()))
        .filter(attempt::Column::Status.ne(AttemptStatus::Open))
        .order_by_asc(attempt::Column::Number)
        .all(db)
        .await?)
}

/// The quizzes of a class's course, with the class's learning gain and certificates.
pub async fn class_quizzes(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
) -> AppResult<ClassQuizzes> {
    let class = crate::server::services::learn::classes::own_class(db, user, class_id).await?;
    let c = course::Entity::find_by_id(class.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let quizzes = crate::server::services::quizzes::bank::quiz_rows(
        db,
        c.id,
        false,
        &crate::server::services::learn::class_items::Seen::class(class_id),
    )
    .await?;
    let people = trainees(db, class_id).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    // A published pre-test or post-test the class's trainers set for it stands before the
    // course's.
    let test = |role: QuizRole| {
        let mut tests = quizzes.iter().filter(move |q| q.role == role);
        tests
            .clone()
            .find(|q| q.class.is_some() && q.published)
            .or_else(|| tests.find(|q| q.class.is_none()))
    };
    let (pre, post) = (test(QuizRole::PreTest), test(QuizRole::PostTest));
    let gain = match (pre, post) {
        (Some(pre), Some(post)) => {
            let pre_attempts = closed_attempts(db, pre.id, &ids).await?;
            let post_attempts = closed_attempts(db, post.id, &ids).await?;
            let mut rows = Vec::new();
            let mut pairs = Vec::new();
            for (id, name, _) in &people {
                // Attempts in the order taken; which of them count is the gain's own rule.
                let scores = |attempts: &[attempt::Model]| -> Vec<f64> {
                    attempts
                        .iter()
                        .filter(|a| a.person_id == *id)
                        .filter_map(|a| a.percent)
                        .collect()
                };
                let (pre, post) =
                    assessments::results::gain_tests(scores(&pre_attempts), scores(&post_attempts));
                let gain = match (pre, post) {
                    (Some(a), Some(b)) => {
                        pairs.push((a, b));
                        assessments::results::normalised_gain(a, b)
                    }
                    _ => None,
                };
                rows.push(GainRow {
                    name: name.clone(),
                    pre,
                    post,
                    gain,
                });
            }
            let class_gain = assessments::results::class_gain(&pairs);
            Some(GainReport {
                rows,
                class_gain: class_gain.map(|g| g.0),
                pairs: pairs.len() as u64,
            })
        }
        _ => None,
    };
    Ok(ClassQuizzes {
        course_slug: c.slug.clone(),
        quizzes,
        gain,
        certificates: crate::server::services::learn::certificates::for_people(db, c.id, &ids)
            .await?,
        certificate_rule: c.certificate_rule,
    })
}

/// Results of quiz `quiz_id` in class `class_id`: per trainee and per question.
pub async fn quiz_results(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    quiz_id: i64,
) -> AppResult<QuizResults> {
    let class = crate::server::services::learn::classes::own_class(db, user, class_id).await?;
    let q = quiz::Entity::find_by_id(quiz_id)
        .filter(quiz::Column::CourseId.eq(class.course_id))
        .one(db)
        .await?
        .filter(|q| q.class_id.is_none_or(|k| k == class_id))
        .ok_or(AppError::NotFound)?;
    let people = trainees(db, class_id).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let closed = closed_attempts(db, q.id, &ids).await?;
    let open: Vec<i64> = attempt::Entity::find()
        .filter(attempt::Column::QuizId.eq(q.id))
        .filter(attempt::Column::PersonId.is_in(ids.clone()))
        .filter(attempt::Column::Status.eq(AttemptStatus::Open))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.person_id)
        .collect();
    let rows: Vec<QuizResultRow> = people
        .iter()
        .map(|(id, name, login)| {
            let mine: Vec<&attempt::Model> = closed.iter().filter(|a| a.person_id == *id).collect();
            QuizResultRow {
                person_id: *id,
                name: name.clone(),
                login: login.clone(),
                attempts: mine.len() as u64,
                best: mine.iter().filter_map(|a| a.percent).max_by(f64::total_cmp),
                passed: mine.iter().any(|a| a.passed == Some(true)),
                in_progress: open.contains(id),
            }
        })
        .collect();
    let bests: Vec<f64> = rows.iter().filter_map(|r| r.best).collect();
    let average = (!bests.is_empty()).then(|| bests.iter().sum::<f64>() / bests.len() as f64);

    // Item analysis over each trainee's first closed attempt.
    let mut first: BTreeMap<i64, i64> = BTreeMap::new();
    for a in &closed {
        first.entry(a.person_id).or_insert(a.id);
    }
    let attempt_ids: Vec<i64> = first.values().copied().collect();
    let answers = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.is_in(attempt_ids.clone()))
        .all(db)
        .await?;
    let mut question_ids: Vec<i64> = answers.iter().map(|a| a.question_id).collect();
    question_ids.sort_unstable();
    question_ids.dedup();
    let index: HashMap<i64, usize> = question_ids
        .iter()
        .enumerate()
        .map(|(i, q)| (*q, i))
        .collect();
    let mut marks: HashMap<i64, f64> = HashMap::new();
    let mut titles: HashMap<i64, String> = HashMap::new();
    let mut table: HashMap<i64, Vec<Option<(f64, f64)>>> = attempt_ids
        .iter()
        .map(|a| (*a, vec![None; question_ids.len()]))
        .collect();
    for answer in &answers {
        let (m, title) = marks_and_title(&answer.snapshot)?;
        marks.insert(answer.question_id, m);
        titles.entry(answer.question_id).or_insert(title);
        if let (Some(row), Some(i)) = (
            table.get_mut(&answer.attempt_id),
            index.get(&answer.question_id),
        ) {
            row[*i] = Some((answer.fraction.unwrap_or(0.0), m));
        }
    }
    let matrix: Vec<Vec<Option<(f64, f64)>>> =
        attempt_ids.iter().filter_map(|a| table.remove(a)).collect();
    // Prefer the bank's current title; fall back to the one asked.
    let current: HashMap<i64, String> = question::Entity::find()
        .filter(question::Column::Id.is_in(question_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.title))
        .collect();
    let items = assessments::results::item_analysis(question_ids.len(), &matrix)
        .into_iter()
        .zip(&question_ids)
        .map(|(s, qid)| ItemRow {
            question_id: *qid,
            title: current
                .get(qid)
                .or(titles.get(qid))
                .cloned()
                .unwrap_or_default(),
            n: s.n as u64,
            facility: s.facility,
            discrimination: s.discrimination,
        })
        .collect();
    Ok(QuizResults {
        class_id,
        class_name: class.name,
        quiz_id: q.id,
        quiz_title: q.title,
        pass_mark: q.pass_mark,
        completed: rows.iter().filter(|r| r.attempts > 0).count() as u64,
        rows,
        average,
        items,
    })
}

fn marks_and_title(snapshot: &str) -> AppResult<(f64, String)> {
    let q: assessments::questions::Question =
        crate::server::services::stored("attempt snapshot", snapshot)?;
    Ok((q.marks, q.title))
}

/// The results as CSV: one row per trainee, then the item analysis.
pub async fn results_csv(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    quiz_id: i64,
    lang: crate::i18n::Lang,
) -> AppResult<String> {
    let r = quiz_results(db, user, class_id, quiz_id).await?;
    let fmt = |x: Option<f64>| x.map(|v| format!("{v:.1}")).unwrap_or_default();
    let mut rows: Vec<Vec<String>> = vec![vec![
        "login".into(),
        "name".into(),
        "attempts".into(),
        "best_percent".into(),
        "passed".into(),
        "in_progress".into(),
        "standing".into(),
    ]];
    for row in &r.rows {
        rows.push(vec![
            row.login.clone(),
            row.name.clone(),
            row.attempts.to_string(),
            fmt(row.best),
            row.passed.to_string(),
            row.in_progress.to_string(),
            row.standing(r.pass_mark)
                .map_or("", |m| m.text(lang))
                .to_owned(),
        ]);
    }
    rows.push(Vec::new());
    rows.push(vec![
        "question_id".into(),
        "question".into(),
        "attempts".into(),
        "facility".into(),
        "discrimination".into(),
    ]);
    for item in &r.items {
        rows.push(vec![
            item.question_id.to_string(),
            item.title.clone(),
            item.n.to_string(),
            format!("{:.2}", item.facility),
            item.discrimination
                .map(|d| format!("{d:.2}"))
                .unwrap_or_default(),
        ]);
    }
    let bytes = crate::server::reports::table::csv_text(&rows)?;
    String::from_utf8(bytes).map_err(|e| crate::server::errors::internal("csv", e))
}
