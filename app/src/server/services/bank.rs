//! Question banks and quiz authoring: each course's categories and questions (imported from
//! and exported to GIFT and Moodle XML), its quizzes and what they ask.
//!
//! Who may change them: whoever may edit the course (administrators, and the trainer who
//! created it — see [`super::authoring::editable_course`]).

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::{
    BankCategory, BankImportReport, BankQuestion, BankRefusal, CurrentUser, QuestionBank,
    QuizEditor, QuizInput, QuizItemRow, QuizRow,
};
use crate::server::entities::{course, question, question_category, quiz, quiz_item};
use assessments::questions::Question;
use content::questions::{BankEntry, Format};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

/// Quiz roles.
pub const ROLES: [&str; 3] = ["practice", "pre_test", "post_test"];
/// When answers are shown.
pub const SHOW_ANSWERS: [&str; 3] = ["after_submit", "after_close", "never"];

/// The bank of course `slug`, for its authors.
pub async fn bank(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<QuestionBank> {
    let c = super::authoring::editable_course(db, user, slug).await?;
    let categories = categories(db, c.id).await?;
    let order: HashMap<i64, usize> = categories
        .iter()
        .enumerate()
        .map(|(i, cat)| (cat.id, i))
        .collect();
    let mut questions: Vec<BankQuestion> = question::Entity::find()
        .filter(question::Column::CourseId.eq(c.id))
        .order_by_asc(question::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|q| {
            let data: Question = serde_json::from_str(&q.data).ok()?;
            Some(BankQuestion {
                id: q.id,
                category_id: q.category_id,
                title: q.title,
                kind: q.kind,
                marks: data.marks,
                tags: data.tags,
            })
        })
        .collect();
    questions.sort_by_key(|q| order.get(&q.category_id).copied().unwrap_or(usize::MAX));
    Ok(QuestionBank {
        course_slug: c.slug.clone(),
        course_title: c.title.clone(),
        certificate_rule: c.certificate_rule.clone(),
        categories,
        questions,
        quizzes: quiz_rows(db, c.id, false).await?,
    })
}

/// The categories of course `course_id` with their question counts, by name.
pub async fn categories(db: &impl ConnectionTrait, course_id: i64) -> AppResult<Vec<BankCategory>> {
    use sea_orm::QuerySelect;
    let cats = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(course_id))
        .order_by_asc(question_category::Column::Name)
        .all(db)
        .await?;
    let mut counts: HashMap<i64, u64> = HashMap::new();
    for category in question::Entity::find()
        .select_only()
        .column(question::Column::CategoryId)
        .filter(question::Column::CourseId.eq(course_id))
        .into_tuple::<i64>()
        .all(db)
        .await?
    {
        *counts.entry(category).or_default() += 1;
    }
    Ok(cats
        .into_iter()
        .map(|cat| BankCategory {
            questions: counts.get(&cat.id).copied().unwrap_or(0),
            id: cat.id,
            name: cat.name,
        })
        .collect())
}

/// The quizzes of course `course_id` (published ones only when `published_only`).
pub async fn quiz_rows(
    db: &impl ConnectionTrait,
    course_id: i64,
    published_only: bool,
) -> AppResult<Vec<QuizRow>> {
    let mut query = quiz::Entity::find().filter(quiz::Column::CourseId.eq(course_id));
    if published_only {
        query = query.filter(quiz::Column::Published.eq(true));
    }
    let quizzes = query.order_by_asc(quiz::Column::Id).all(db).await?;
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
        .map(|q| quiz_row(q, asked.get(&q.id).copied().unwrap_or(0)))
        .collect())
}

fn quiz_row(q: &quiz::Model, questions: u64) -> QuizRow {
    QuizRow {
        id: q.id,
        title: q.title.clone(),
        role: q.role.clone(),
        questions,
        pass_mark: q.pass_mark,
        time_limit_minutes: q.time_limit_secs.map(|s| s / 60),
        attempts_allowed: q.attempts_allowed,
        published: q.published,
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

/// Only trainers and administrators author question banks and quizzes.
fn may_author(user: &CurrentUser) -> AppResult<()> {
    if super::courses::can_author(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Reads a question file and adds its questions to course `course_id`'s bank.
///
/// All or nothing: when any question is refused, nothing is written unless `valid_only`
/// asks to import the questions that could be read. A file that cannot be read at all
/// (malformed XML, an unclosed GIFT block) writes nothing and is reported as one refusal.
pub async fn import_file(
    db: &DatabaseConnection,
    course_id: i64,
    file_name: &str,
    bytes: &[u8],
    valid_only: bool,
) -> AppResult<BankImportReport> {
    let refused_whole = |location: String, reason: String| BankImportReport {
        imported: 0,
        refused: vec![BankRefusal {
            location,
            title: file_name.to_owned(),
            reason,
        }],
        written: false,
    };
    let Some(format) = content::questions::detect(file_name, bytes) else {
        return Ok(refused_whole(
            "file".into(),
            "not a GIFT (.gift, .txt) or Moodle XML (.xml) file".into(),
        ));
    };
    let outcome = match content::questions::parse(format, bytes) {
        Ok(o) => o,
        Err(e) => return Ok(refused_whole(e.location, e.message)),
    };
    let refused: Vec<BankRefusal> = outcome
        .refused
        .into_iter()
        .map(|r| BankRefusal {
            location: r.location,
            title: r.title,
            reason: r.reason,
        })
        .collect();
    if outcome.entries.is_empty() && refused.is_empty() {
        return Ok(refused_whole(
            "file".into(),
            "the file holds no questions".into(),
        ));
    }
    if !refused.is_empty() && !valid_only {
        return Ok(BankImportReport {
            imported: 0,
            refused,
            written: false,
        });
    }
    let entries: Vec<BankEntry> = outcome.entries.into_iter().map(|(_, e)| e).collect();
    let txn = db.begin().await?;
    let imported = insert_entries(&txn, course_id, &entries).await?;
    txn.commit().await?;
    Ok(BankImportReport {
        imported,
        refused,
        written: imported > 0,
    })
}

/// Adds `entries` to the bank of `course_id`, creating categories as needed. Returns how many
/// questions were written.
pub async fn insert_entries(
    db: &impl ConnectionTrait,
    course_id: i64,
    entries: &[BankEntry],
) -> AppResult<usize> {
    let now = super::now();
    let mut category_ids: HashMap<String, i64> = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.name, c.id))
        .collect();
    let mut rows = Vec::with_capacity(entries.len());
    for entry in entries {
        let name = category_name(&entry.category);
        let category_id = match category_ids.get(&name) {
            Some(id) => *id,
            None => {
                let id = question_category::Entity::insert(question_category::ActiveModel {
                    course_id: Set(course_id),
                    name: Set(name.clone()),
                    ..Default::default()
                })
                .exec(db)
                .await?
                .last_insert_id;
                category_ids.insert(name, id);
                id
            }
        };
        let data = serde_json::to_string(&entry.question)
            .map_err(|e| super::super::errors::internal("question encoding", e))?;
        rows.push(question::ActiveModel {
            course_id: Set(course_id),
            category_id: Set(category_id),
            kind: Set(entry.question.body.kind().code().to_owned()),
            title: Set(truncate(&entry.question.title, 200)),
            data: Set(data),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    let count = rows.len();
    // Insert in chunks: SQLite caps the number of bound parameters per statement.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(100).collect();
        question::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(count)
}

fn category_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        "Default".to_owned()
    } else {
        truncate(name, 200)
    }
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Course `course_id`'s bank as a GIFT or Moodle XML file.
pub async fn export(
    db: &impl ConnectionTrait,
    course_id: i64,
    format: Format,
) -> AppResult<String> {
    let cats: HashMap<i64, String> = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut entries: Vec<(String, i64, BankEntry)> = question::Entity::find()
        .filter(question::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|q| {
            let question: Question = serde_json::from_str(&q.data).ok()?;
            let category = cats.get(&q.category_id).cloned().unwrap_or_default();
            Some((category.clone(), q.id, BankEntry { category, question }))
        })
        .collect();
    // Categories in the order their first question was added, questions in the order added:
    // a bank imported from a file is written back in the file's order.
    let mut first: HashMap<String, i64> = HashMap::new();
    for (cat, id, _) in &entries {
        let e = first.entry(cat.clone()).or_insert(*id);
        *e = (*e).min(*id);
    }
    entries.sort_by_key(|(cat, id, _)| (first.get(cat).copied().unwrap_or(0), *id));
    let entries: Vec<BankEntry> = entries.into_iter().map(|(_, _, e)| e).collect();
    Ok(match format {
        Format::Gift => content::questions::write_gift(&entries),
        Format::MoodleXml => content::questions::write_moodle_xml(&entries),
    })
}

/// The course a question belongs to, if `user` may edit it.
async fn editable_question(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(question::Model, course::Model)> {
    may_author(user)?;
    let q = question::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = course::Entity::find_by_id(q.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    super::authoring::editable_course(db, user, &c.slug).await?;
    Ok((q, c))
}

/// Deletes a question from its bank (and from the quizzes that ask it). Attempts already made
/// keep their copy. Returns the course slug.
pub async fn delete_question(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<String> {
    let (q, c) = editable_question(db, user, id).await?;
    let txn = db.begin().await?;
    quiz_item::Entity::delete_many()
        .filter(quiz_item::Column::QuestionId.eq(q.id))
        .exec(&txn)
        .await?;
    question::Entity::delete_by_id(q.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(c.slug)
}

/// One question as GIFT, for editing it as text.
pub async fn question_gift(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(String, String, String)> {
    let (q, c) = editable_question(db, user, id).await?;
    let question: Question = serde_json::from_str(&q.data)
        .map_err(|e| super::super::errors::internal("question decoding", e))?;
    let category = question_category::Entity::find_by_id(q.category_id)
        .one(db)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    let gift = content::questions::write_gift(&[BankEntry {
        category: category.clone(),
        question,
    }]);
    // Drop the category line: the form has its own field for it.
    let gift = gift
        .lines()
        .filter(|l| !l.starts_with("$CATEGORY"))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned();
    Ok((c.slug, category, gift))
}

/// Replaces question `id` with the single question written in GIFT `text`, in `category`.
pub async fn save_question_gift(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    category: &str,
    text: &str,
) -> AppResult<String> {
    let (q, c) = editable_question(db, user, id).await?;
    let entry = single_gift_question(text)?;
    let txn = db.begin().await?;
    let name = category_name(category);
    let category_id = match question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(c.id))
        .filter(question_category::Column::Name.eq(&name))
        .one(&txn)
        .await?
    {
        Some(cat) => cat.id,
        None => {
            question_category::Entity::insert(question_category::ActiveModel {
                course_id: Set(c.id),
                name: Set(name),
                ..Default::default()
            })
            .exec(&txn)
            .await?
            .last_insert_id
        }
    };
    let data = serde_json::to_string(&entry.question)
        .map_err(|e| super::super::errors::internal("question encoding", e))?;
    let mut active: question::ActiveModel = q.into();
    active.category_id = Set(category_id);
    active.kind = Set(entry.question.body.kind().code().to_owned());
    active.title = Set(truncate(&entry.question.title, 200));
    active.data = Set(data);
    active.updated_at = Set(super::now());
    active.update(&txn).await?;
    remove_empty_categories(&txn, c.id).await?;
    txn.commit().await?;
    Ok(c.slug)
}

/// Adds the single question written in GIFT `text` to course `slug`'s bank, in `category` (or
/// the category the text names, or "Default").
pub async fn create_question_gift(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    category: &str,
    text: &str,
) -> AppResult<()> {
    may_author(user)?;
    let c = super::authoring::editable_course(db, user, slug).await?;
    let mut entry = single_gift_question(text)?;
    if !category.trim().is_empty() {
        entry.category = category.trim().to_owned();
    }
    let txn = db.begin().await?;
    insert_entries(&txn, c.id, &[entry]).await?;
    txn.commit().await?;
    Ok(())
}

/// Parses exactly one question from GIFT `text`, or says what is wrong with it.
fn single_gift_question(text: &str) -> AppResult<BankEntry> {
    let outcome = content::questions::parse(Format::Gift, text.as_bytes())
        .map_err(|_| AppError::field("gift", Msg::ErrQuestionUnreadable))?;
    if !outcome.refused.is_empty() {
        return Err(AppError::field("gift", Msg::ErrQuestionUnreadable));
    }
    let mut entries = outcome.entries.into_iter();
    match (entries.next(), entries.next()) {
        (Some((_, entry)), None) => Ok(entry),
        _ => Err(AppError::field("gift", Msg::ErrOneQuestion)),
    }
}

async fn remove_empty_categories(db: &impl ConnectionTrait, course_id: i64) -> AppResult<()> {
    for cat in question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(course_id))
        .all(db)
        .await?
    {
        let used = question::Entity::find()
            .filter(question::Column::CategoryId.eq(cat.id))
            .count(db)
            .await?
            + quiz_item::Entity::find()
                .filter(quiz_item::Column::CategoryId.eq(cat.id))
                .count(db)
                .await?;
        if used == 0 {
            question_category::Entity::delete_by_id(cat.id)
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Sets how course `slug` awards certificates.
pub async fn set_certificate_rule(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    rule: &str,
) -> AppResult<()> {
    let c = super::authoring::editable_course(db, user, slug).await?;
    if !matches!(rule, "post_test" | "trainer") {
        return Err(AppError::field("rule", Msg::ErrInvalid));
    }
    let mut active: course::ActiveModel = c.into();
    active.certificate_rule = Set(rule.to_owned());
    active.update(db).await?;
    Ok(())
}

/// Validated quiz settings.
struct QuizSettings {
    title: String,
    role: String,
    intro: String,
    pass_mark: f64,
    time_limit_secs: Option<i32>,
    attempts_allowed: i32,
    show_answers: String,
    shuffle_questions: bool,
    shuffle_options: bool,
    published: bool,
}

fn settings(input: &QuizInput) -> AppResult<QuizSettings> {
    let mut errors = Vec::new();
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        errors.push(crate::error::FieldError::new("title", Msg::ErrRequired));
    } else if title.chars().count() > 200 {
        errors.push(crate::error::FieldError::new("title", Msg::ErrTooLong));
    }
    if !ROLES.contains(&input.role.as_str()) {
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
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(QuizSettings {
        title,
        role: input.role.clone(),
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
    let c = super::authoring::editable_course(db, user, slug).await?;
    let s = settings(input)?;
    let base = content::markdown::slug(&s.title);
    let base = if base.is_empty() {
        "quiz".to_owned()
    } else {
        base.chars().take(56).collect()
    };
    let mut quiz_slug = base.clone();
    let mut n = 1;
    while quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(c.id))
        .filter(quiz::Column::Slug.eq(&quiz_slug))
        .one(db)
        .await?
        .is_some()
    {
        n += 1;
        quiz_slug = format!("{base}-{n}");
    }
    insert_quiz(db, c.id, &quiz_slug, s).await
}

async fn insert_quiz(
    db: &impl ConnectionTrait,
    course_id: i64,
    slug: &str,
    s: QuizSettings,
) -> AppResult<i64> {
    let now = super::now();
    Ok(quiz::Entity::insert(quiz::ActiveModel {
        course_id: Set(course_id),
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

/// Quiz `id` and its course, if `user` may edit the course.
async fn editable_quiz(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(quiz::Model, course::Model)> {
    may_author(user)?;
    let (q, c) = quiz_and_course(db, id).await?;
    super::authoring::editable_course(db, user, &c.slug).await?;
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
            role: q.role,
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
    })
}

fn format_number(x: f64) -> String {
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
fn apply_settings(mut quiz: quiz::ActiveModel, s: QuizSettings) -> quiz::ActiveModel {
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
    quiz.updated_at = Set(super::now());
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
    let (question_id, category_id, draw) = match (question_id, category_id) {
        (Some(qid), _) => {
            let found = question::Entity::find_by_id(qid)
                .filter(question::Column::CourseId.eq(c.id))
                .one(db)
                .await?;
            if found.is_none() {
                return Err(AppError::field("question", Msg::ErrNotFound));
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

/// Replaces the bank and quizzes of course `course_id` with those of `pack` (a pack is the
/// source of its bank: questions absent from it go; attempts keep their copies). Quizzes are
/// matched by slug so their attempts stay attached.
pub async fn replace_from_pack(
    db: &impl ConnectionTrait,
    course_id: i64,
    pack: &content::pack::CoursePack,
    publish: bool,
) -> AppResult<()> {
    question::Entity::delete_many()
        .filter(question::Column::CourseId.eq(course_id))
        .exec(db)
        .await?;
    question_category::Entity::delete_many()
        .filter(question_category::Column::CourseId.eq(course_id))
        .exec(db)
        .await?;
    insert_entries(db, course_id, &pack.questions).await?;
    let bank = question::Entity::find()
        .filter(question::Column::CourseId.eq(course_id))
        .all(db)
        .await?;
    let cats: HashMap<String, i64> = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.name, c.id))
        .collect();
    let existing: HashMap<String, quiz::Model> = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.slug.clone(), q))
        .collect();
    for def in &pack.quizzes {
        let settings = QuizSettings {
            title: truncate(&def.title, 200),
            role: def.role.clone(),
            intro: def.intro.clone(),
            pass_mark: def.pass_mark,
            time_limit_secs: def.time_limit_minutes.map(|m| m.min(600) as i32 * 60),
            attempts_allowed: def.attempts.min(100) as i32,
            show_answers: def.show_answers.clone(),
            shuffle_questions: def.shuffle_questions,
            shuffle_options: def.shuffle_options,
            published: publish,
        };
        let quiz_id = match existing.get(&def.id) {
            Some(q) => {
                let settings = QuizSettings {
                    published: settings.published || q.published,
                    ..settings
                };
                apply_settings(q.clone().into(), settings)
                    .update(db)
                    .await?;
                quiz_item::Entity::delete_many()
                    .filter(quiz_item::Column::QuizId.eq(q.id))
                    .exec(db)
                    .await?;
                q.id
            }
            None => insert_quiz(db, course_id, &def.id, settings).await?,
        };
        for (i, d) in def.draw.iter().enumerate() {
            let (question_id, category_id, count) = match (&d.category, d.count, &d.questions) {
                (Some(cat), Some(n), _) => (None, cats.get(cat).copied(), n as i32),
                (_, _, Some(titles)) => (
                    titles
                        .first()
                        .and_then(|t| bank.iter().find(|b| &b.title == t))
                        .map(|b| b.id),
                    None,
                    0,
                ),
                _ => (None, None, 0),
            };
            if question_id.is_none() && category_id.is_none() {
                continue;
            }
            quiz_item::Entity::insert(quiz_item::ActiveModel {
                quiz_id: Set(quiz_id),
                position: Set(i as i32 + 1),
                question_id: Set(question_id),
                category_id: Set(category_id),
                draw_count: Set(count),
                ..Default::default()
            })
            .exec(db)
            .await?;
        }
    }
    Ok(())
}

/// The bank and quizzes of course `course_id` as a pack carries them.
pub async fn pack_quizzes(
    db: &impl ConnectionTrait,
    course_id: i64,
) -> AppResult<(Vec<BankEntry>, Vec<content::pack::QuizDef>)> {
    let gift = export(db, course_id, Format::Gift).await?;
    let questions = if gift.trim().is_empty() {
        Vec::new()
    } else {
        content::questions::parse(Format::Gift, gift.as_bytes())
            .map_err(|e| super::super::errors::internal("bank export", e))?
            .entries
            .into_iter()
            .map(|(_, e)| e)
            .collect()
    };
    let titles: HashMap<i64, String> = question::Entity::find()
        .filter(question::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.title))
        .collect();
    let cats: HashMap<i64, String> = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut quizzes = Vec::new();
    for q in quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .order_by_asc(quiz::Column::Id)
        .all(db)
        .await?
    {
        let draw = items(db, q.id)
            .await?
            .into_iter()
            .filter_map(|i| match (i.question_id, i.category_id) {
                (Some(qid), _) => Some(content::pack::DrawDef {
                    category: None,
                    count: None,
                    questions: Some(vec![titles.get(&qid)?.clone()]),
                }),
                (None, Some(cid)) => Some(content::pack::DrawDef {
                    category: Some(cats.get(&cid)?.clone()),
                    count: Some(u32::try_from(i.draw_count).unwrap_or(0)),
                    questions: None,
                }),
                _ => None,
            })
            .collect();
        quizzes.push(content::pack::QuizDef {
            id: q.slug,
            title: q.title,
            role: q.role,
            intro: q.intro,
            pass_mark: q.pass_mark,
            time_limit_minutes: q.time_limit_secs.map(|s| (s / 60) as u32),
            attempts: u32::try_from(q.attempts_allowed).unwrap_or(0),
            shuffle_questions: q.shuffle_questions,
            shuffle_options: q.shuffle_options,
            show_answers: q.show_answers,
            draw,
        });
    }
    Ok((questions, quizzes))
}
