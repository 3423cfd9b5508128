//! Quizzes: their settings (role, attempts, time, answers shown), the certificate rule, and
//! the questions and draws each asks.

use super::*;
use crate::model::QuizRole;
use crate::server::services::learn::class_items::{self, Seen};

/// The quizzes of course `course_id` that `seen` lets through (published ones only when
/// `published_only`): the course's own first, then those set for one class.
pub async fn quiz_rows(
    db: &impl ConnectionTrait,
    course_id: i64,
    published_only: bool,
    seen: &Seen,
) -> AppResult<Vec<QuizRow>> {
    let mut query = quiz::Entity::find().filter(quiz::Column::CourseId.eq(course_id));
    if published_only {
        query = query.filter(quiz::Column::Published.eq(true));
    }
    let mut quizzes = query.order_by_asc(quiz::Column::Id).all(db).await?;
    quizzes.retain(|q| seen.sees(q.class_id));
    quizzes.sort_by_key(|q| q.class_id.is_some());
    let classes = class_items::names(db, quizzes.iter().filter_map(|q| q.class_id)).await?;
    let mut asked: HashMap<i64, u64> = HashMap::new();
    for item in quiz_item::Entity::find()
        .filter(quiz_item::Column::QuizId.is_in(quizzes.iter().map(|q| q.id).collect::<Vec<_>>()))
        .all(db)
        .await?
    {
        *asked.entry(item.quiz_id).or_default() += if item.question_id.is_some() {
            1
        } else {
            u64::try_from(item.draw_count).unwrap_or(0)
        };
    }
    Ok(quizzes
        .iter()
        .map(|q| QuizRow {
            class: q
                .class_id
                .map(|k| (k, classes.get(&k).cloned().unwrap_or_default())),
            ..quiz_row(q, asked.get(&q.id).copied().unwrap_or(0))
        })
        .collect())
}

/// The published quizzes of course `course_id` that `seen` lets through, with how `person`
/// stands on each: attempts closed, one open, best percentage, passed (never for a practice
/// quiz).
pub async fn standing(
    db: &impl ConnectionTrait,
    person: i64,
    course_id: i64,
    seen: &Seen,
) -> AppResult<Vec<crate::model::CourseQuiz>> {
    use crate::model::AttemptStatus;
    use crate::server::entities::attempt;
    let rows = quiz_rows(db, course_id, true, seen).await?;
    let attempts = attempt::Entity::find()
        .filter(attempt::Column::PersonId.eq(person))
        .filter(attempt::Column::QuizId.is_in(rows.iter().map(|q| q.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|quiz| {
            let mine = attempts.iter().filter(|a| a.quiz_id == quiz.id);
            let closed: Vec<&attempt::Model> = mine
                .clone()
                .filter(|a| a.status != AttemptStatus::Open)
                .collect();
            let best = closed
                .iter()
                .filter_map(|a| a.percent)
                .max_by(f64::total_cmp);
            let practice = quiz.role == QuizRole::Practice;
            crate::model::CourseQuiz {
                open: mine.clone().any(|a| a.status == AttemptStatus::Open),
                closed: closed.len() as u32,
                passed: (!practice && !closed.is_empty())
                    .then(|| closed.iter().any(|a| a.passed == Some(true))),
                best,
                quiz,
            }
        })
        .collect())
}

pub(super) fn quiz_row(q: &quiz::Model, questions: u64) -> QuizRow {
    QuizRow {
        id: q.id,
        title: q.title.clone(),
        role: q.role,
        questions,
        pass_mark: q.pass_mark,
        time_limit_minutes: q.time_limit_secs.map(|s| s / 60),
        attempts_allowed: q.attempts_allowed,
        published: q.published,
        class: None,
    }
}

/// The items of quiz `quiz_id` in order.
pub async fn items(db: &impl ConnectionTrait, quiz_id: i64) -> AppResult<Vec<quiz_item::Model>> {
    Ok(quiz_item::Entity::find()
        .filter(quiz_item::Column::QuizId.eq(quiz_id))
        .order_by_asc(quiz_item::Column::Position)
        .order_by_asc(quiz_item::Column::Id)
        .all(db)
        .await?)
}

/// Sets how course `slug` awards certificates.
pub async fn set_certificate_rule(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    rule: &str,
) -> AppResult<()> {
    let c = crate::server::services::learn::authoring::editable_course(db, user, slug).await?;
    if !matches!(rule, "post_test" | "trainer") {
        return Err(AppError::field("rule", Msg::ErrInvalid));
    }
    let mut active: course::ActiveModel = c.into();
    active.certificate_rule = Set(rule.to_owned());
    active.update(db).await?;
    Ok(())
}

/// Validated quiz settings.
pub(super) struct QuizSettings {
    pub(super) title: String,
    pub(super) role: QuizRole,
    pub(super) intro: String,
    pub(super) pass_mark: f64,
    pub(super) time_limit_secs: Option<i32>,
    pub(super) attempts_allowed: i32,
    pub(super) show_answers: String,
    pub(super) shuffle_questions: bool,
    pub(super) shuffle_options: bool,
    pub(super) published: bool,
}

pub(super) fn settings(input: &QuizInput) -> AppResult<QuizSettings> {
    let mut errors = Vec::new();
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        errors.push(crate::error::FieldError::new("title", Msg::ErrRequired));
    } else if title.chars().count() > 200 {
        errors.push(crate::error::FieldError::new("title", Msg::ErrTooLong));
    }
    let role = QuizRole::from_code(&input.role);
    if role.is_none() {
        errors.push(crate::error::FieldError::new("role", Msg::ErrInvalid));
    }
    if !SHOW_ANSWERS.contains(&input.show_answers.as_str()) {
        errors.push(crate::error::FieldError::new(
            "show_answers",
            Msg::ErrInvalid,
        ));
    }
    let pass_mark = match input.pass_mark.trim().parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => p,
        _ => {
            errors.push(crate::error::FieldError::new("pass_mark", Msg::ErrPercent));
            0.0
        }
    };
    let time_limit_secs = match input.time_limit_minutes.trim() {
        "" | "0" => None,
        t => match t.parse::<i32>() {
            Ok(m) if (1..=600).contains(&m) => Some(m * 60),
            _ => {
                errors.push(crate::error::FieldError::new(
                    "time_limit_minutes",
                    Msg::ErrMinutes,
                ));
                None
            }
        },
    };
    let attempts_allowed = match input.attempts_allowed.trim().parse::<i32>() {
        Ok(a) if (0..=100).contains(&a) => a,
        _ => {
            errors.push(crate::error::FieldError::new(
                "attempts_allowed",
                Msg::ErrInvalid,
            ));
            0
        }
    };
    if input.intro.len() > 20_000 {
        errors.push(crate::error::FieldError::new("intro", Msg::ErrTooLong));
    }
    let (Some(role), true) = (role, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    Ok(QuizSettings {
        title,
        role,
        intro: input.intro.trim().to_owned(),
        pass_mark,
        time_limit_secs,
        attempts_allowed,
        show_answers: input.show_answers.clone(),
        shuffle_questions: input.shuffle_questions.is_some(),
        shuffle_options: input.shuffle_options.is_some(),
        published: input.published.is_some(),
    })
}

/// Creates a quiz in course `slug`; returns its id.
pub async fn create_quiz(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    input: &QuizInput,
) -> AppResult<i64> {
    let c = crate::server::services::learn::authoring::editable_course(db, user, slug).await?;
    let s = settings(input)?;
    let quiz_slug = free_slug(db, c.id, "", &s.title).await?;
    insert_quiz(db, c.id, None, &quiz_slug, s).await
}

/// Creates a quiz for class `class_id` alone, drawn from its course's bank; only the class's
/// trainers may. Returns its id.
pub async fn create_class_quiz(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    input: &QuizInput,
) -> AppResult<i64> {
    let (k, c) = class_items::for_new_item(db, user, class_id).await?;
    // A new quiz asks nothing yet: it is published from its editor once it does.
    let s = QuizSettings {
        published: false,
        ..settings(input)?
    };
    // Its own slug space: a quiz the course's pack adds later never takes a class's quiz.
    let quiz_slug = free_slug(db, c.id, &format!("class-{}-", k.id), &s.title).await?;
    insert_quiz(db, c.id, Some(k.id), &quiz_slug, s).await
}

/// A slug for a new quiz of course `course_id` titled `title`, after `prefix`, that no quiz of
/// the course has.
async fn free_slug(
    db: &impl ConnectionTrait,
    course_id: i64,
    prefix: &str,
    title: &str,
) -> AppResult<String> {
    let base = content::markdown::slug(title);
    let base = if base.is_empty() {
        "quiz".to_owned()
    } else {
        base
    };
    let base: String = format!("{prefix}{base}").chars().take(56).collect();
    let mut quiz_slug = base.clone();
    let mut n = 1;
    while quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .filter(quiz::Column::Slug.eq(&quiz_slug))
        .one(db)
        .await?
        .is_some()
    {
        n += 1;
        quiz_slug = format!("{base}-{n}");
    }
    Ok(quiz_slug)
}

pub(super) async fn insert_quiz(
    db: &impl ConnectionTrait,
    course_id: i64,
    class_id: Option<i64>,
    slug: &str,
    s: QuizSettings,
) -> AppResult<i64> {
    let now = crate::server::services::now();
    Ok(quiz::Entity::insert(quiz::ActiveModel {
        course_id: Set(course_id),
        class_id: Set(class_id),
        slug: Set(slug.to_owned()),
        title: Set(s.title),
        role: Set(s.role),
        intro: Set(s.intro),
        pass_mark: Set(s.pass_mark),
        time_limit_secs: Set(s.time_limit_secs),
        attempts_allowed: Set(s.attempts_allowed),
        shuffle_questions: Set(s.shuffle_questions),
        shuffle_options: Set(s.shuffle_options),
        show_answers: Set(s.show_answers),
        published: Set(s.published),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id)
}

/// Quiz `id` and its course.
pub async fn quiz_and_course(
    db: &impl ConnectionTrait,
    id: i64,
) -> AppResult<(quiz::Model, course::Model)> {
    let q = quiz::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = course::Entity::find_by_id(q.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((q, c))
}

/// Quiz `id` and its course, if `user` may change the quiz: the course's editors, and for a
/// quiz set for one class that class's trainers.
pub(super) async fn editable_quiz(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(quiz::Model, course::Model)> {
    may_author(user)?;
    let (q, c) = quiz_and_course(db, id).await?;
    // Another class's quiz is not announced to someone who may not see it.
    class_items::check_sees(db, user, &c, q.class_id).await?;
    if !class_items::edits(db, user, &c, q.class_id).await? {
        return Err(AppError::Forbidden);
    }
    Ok((q, c))
}

/// The quiz editor for quiz `id`.
pub async fn quiz_editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<QuizEditor> {
    let (q, c) = editable_quiz(db, user, id).await?;
    let cats = categories(db, c.id).await?;
    let bank_questions = bank(db, user, &c.slug).await?.questions;
    let titles: HashMap<i64, String> = bank_questions
        .iter()
        .map(|b| (b.id, b.title.clone()))
        .collect();
    let cat_names: HashMap<i64, String> = cats.iter().map(|b| (b.id, b.name.clone())).collect();
    let items = items(db, q.id)
        .await?
        .into_iter()
        .map(|i| QuizItemRow {
            id: i.id,
            label: match (i.question_id, i.category_id) {
                (Some(qid), _) => titles.get(&qid).cloned().unwrap_or_default(),
                (None, Some(cid)) => cat_names.get(&cid).cloned().unwrap_or_default(),
                _ => String::new(),
            },
            draw: if i.question_id.is_some() {
                0
            } else {
                i.draw_count
            },
        })
        .collect();
    Ok(QuizEditor {
        course_slug: c.slug,
        course_title: c.title,
        id: q.id,
        input: QuizInput {
            title: q.title,
            role: q.role.code().to_owned(),
            intro: q.intro,
            pass_mark: format_number(q.pass_mark),
            time_limit_minutes: q
                .time_limit_secs
                .map(|s| (s / 60).to_string())
                .unwrap_or_default(),
            attempts_allowed: q.attempts_allowed.to_string(),
            show_answers: q.show_answers,
            shuffle_questions: q.shuffle_questions.then(|| "on".to_owned()),
            shuffle_options: q.shuffle_options.then(|| "on".to_owned()),
            published: q.published.then(|| "on".to_owned()),
        },
        items,
        categories: cats,
        questions: bank_questions,
        class: match q.class_id {
            Some(k) => class_items::names(db, [k])
                .await?
                .remove(&k)
                .map(|name| (k, name)),
            None => None,
        },
    })
}

pub(super) fn format_number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// Saves quiz `id`'s settings.
pub async fn update_quiz(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    input: &QuizInput,
) -> AppResult<()> {
    let (q, _) = editable_quiz(db, user, id).await?;
    let s = settings(input)?;
    if s.published && items(db, q.id).await?.is_empty() {
        return Err(AppError::field("published", Msg::ErrQuizEmpty));
    }
    apply_settings(q.into(), s).update(db).await?;
    Ok(())
}

/// `quiz` with `s` as its settings.
pub(super) fn apply_settings(mut quiz: quiz::ActiveModel, s: QuizSettings) -> quiz::ActiveModel {
    quiz.title = Set(s.title);
    quiz.role = Set(s.role);
    quiz.intro = Set(s.intro);
    quiz.pass_mark = Set(s.pass_mark);
    quiz.time_limit_secs = Set(s.time_limit_secs);
    quiz.attempts_allowed = Set(s.attempts_allowed);
    quiz.show_answers = Set(s.show_answers);
    quiz.shuffle_questions = Set(s.shuffle_questions);
    quiz.shuffle_options = Set(s.shuffle_options);
    quiz.published = Set(s.published);
    quiz.updated_at = Set(crate::server::services::now());
    quiz
}

/// Adds a fixed question (`question_id`) or a draw of `count` questions from `category_id`
/// to quiz `id`.
pub async fn add_item(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    question_id: Option<i64>,
    category_id: Option<i64>,
    count: i32,
) -> AppResult<()> {
    let (q, c) = editable_quiz(db, user, id).await?;
    let existing = items(db, q.id).await?;
    // A practice quiz shows its answers: it never asks a test item, and a test never asks a
    // practised one.
    let wanted = Pool::for_role(q.role.code());
    let pool_of = |cat: i64| async move {
        Ok::<_, AppError>(
            question_category::Entity::find_by_id(cat)
                .one(db)
                .await?
                .map(|c| c.pool),
        )
    };
    let (question_id, category_id, draw) = match (question_id, category_id) {
        (Some(qid), _) => {
            let found = question::Entity::find_by_id(qid)
                .filter(question::Column::CourseId.eq(c.id))
                .one(db)
                .await?;
            let Some(found) = found else {
                return Err(AppError::field("question", Msg::ErrNotFound));
            };
            if pool_of(found.category_id).await? != Some(wanted) {
                return Err(AppError::field("question", Msg::ErrWrongPool));
            }
            if existing.iter().any(|i| i.question_id == Some(qid)) {
                return Err(AppError::field("question", Msg::ErrAlreadyInQuiz));
            }
            (Some(qid), None, 0)
        }
        (None, Some(cid)) => {
            let cat = question_category::Entity::find_by_id(cid)
                .filter(question_category::Column::CourseId.eq(c.id))
                .one(db)
                .await?
                .ok_or_else(|| AppError::field("category", Msg::ErrNotFound))?;
            if cat.pool != wanted {
                return Err(AppError::field("category", Msg::ErrWrongPool));
            }
            let available = question::Entity::find()
                .filter(question::Column::CategoryId.eq(cat.id))
                .count(db)
                .await?;
            if count < 1 || u64::try_from(count).unwrap_or(u64::MAX) > available {
                return Err(AppError::field("count", Msg::ErrDrawCount));
            }
            (None, Some(cat.id), count)
        }
        (None, None) => return Err(AppError::field("question", Msg::ErrRequired)),
    };
    let position = existing.iter().map(|i| i.position).max().unwrap_or(0) + 1;
    quiz_item::Entity::insert(quiz_item::ActiveModel {
        quiz_id: Set(q.id),
        position: Set(position),
        question_id: Set(question_id),
        category_id: Set(category_id),
        draw_count: Set(draw),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Removes item `item_id` from its quiz; returns the quiz id.
pub async fn remove_item(
    db: &DatabaseConnection,
    user: &CurrentUser,
    item_id: i64,
) -> AppResult<i64> {
    may_author(user)?;
    let item = quiz_item::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (q, _) = editable_quiz(db, user, item.quiz_id).await?;
    quiz_item::Entity::delete_by_id(item.id).exec(db).await?;
    Ok(q.id)
}
