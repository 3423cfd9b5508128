//! The question bank: its categories and questions, GIFT and Moodle XML import and export,
//! and editing one question as GIFT.

use super::*;
use crate::server::services::exercises::images;

/// The bank of course `slug`: for its authors to edit, for other trainers (who teach it) to read.
pub async fn bank(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<QuestionBank> {
    let c = readable_bank(db, user, slug).await?;
    let editable = crate::server::services::learn::authoring::may_edit(user, &c);
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
        editable,
        course_slug: c.slug.clone(),
        course_title: c.title.clone(),
        certificate_rule: c.certificate_rule.clone(),
        categories,
        questions,
        quizzes: quiz_rows(
            db,
            c.id,
            false,
            &crate::server::services::learn::class_items::Seen::of(db, user, &c).await?,
        )
        .await?,
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
            test_pool: cat.pool == Pool::Test,
            id: cat.id,
            name: cat.name,
        })
        .collect())
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
        valid: 0,
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
            valid: outcome.entries.len(),
        });
    }
    // Images carried in the file are decoded and checked before anything is written; a
    // question whose image cannot be used is refused with the reason.
    let mut refused = refused;
    let mut entries: Vec<BankEntry> = Vec::with_capacity(outcome.entries.len());
    let mut to_keep = Vec::new();
    for (location, mut entry) in outcome.entries {
        let (mut urls, mut processed_images) = (Vec::new(), Vec::new());
        let mut problem = None;
        for m in std::mem::take(&mut entry.media) {
            match images::within_budget(m.bytes, content::images::process).await? {
                Ok(processed) => {
                    urls.push((m.name, images::display_url(&processed.hash)));
                    processed_images.push(processed);
                }
                Err(p) => {
                    problem = Some(format!(
                        "the embedded image '{}' cannot be used: {p}",
                        m.name
                    ));
                    break;
                }
            }
        }
        match problem {
            Some(reason) => refused.push(BankRefusal {
                location,
                title: entry.question.title.clone(),
                reason,
            }),
            None => {
                entry.question = content::questions::link_embedded(&entry.question, &urls);
                entries.push(entry);
                to_keep.extend(processed_images);
            }
        }
    }
    if !refused.is_empty() && !valid_only {
        return Ok(BankImportReport {
            imported: 0,
            refused,
            written: false,
            valid: entries.len(),
        });
    }
    let valid = entries.len();
    let txn = db.begin().await?;
    for processed in to_keep {
        images::keep(&txn, None, processed).await?;
    }
    let imported = insert_entries(&txn, course_id, &entries).await?;
    txn.commit().await?;
    Ok(BankImportReport {
        imported,
        refused,
        written: imported > 0,
        valid,
    })
}

/// Puts category `id` of a course `user` may edit in `pool`; returns the course's slug.
pub async fn set_category_pool(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    pool: Pool,
) -> AppResult<String> {
    let cat = question_category::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = course::Entity::find_by_id(cat.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = crate::server::services::learn::authoring::editable_course(db, user, &c.slug).await?;
    // Quizzes that already draw from it must keep to their own pool.
    let drawing: Vec<i64> = quiz_item::Entity::find()
        .filter(quiz_item::Column::CategoryId.eq(cat.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.quiz_id)
        .collect();
    let asks_it = quiz::Entity::find()
        .filter(quiz::Column::Id.is_in(drawing))
        .all(db)
        .await?
        .into_iter()
        .any(|q| Pool::for_role(q.role.code()) != pool);
    if asks_it {
        return Err(AppError::field("pool", Msg::ErrPoolInUse));
    }
    let mut row: question_category::ActiveModel = cat.into();
    row.pool = Set(pool);
    row.update(db).await?;
    Ok(c.slug)
}

/// Puts the categories named `names` of course `course_id` in `pool`.
pub async fn set_pool(
    db: &impl ConnectionTrait,
    course_id: i64,
    names: &[String],
    pool: Pool,
) -> AppResult<()> {
    let names: Vec<String> = names.iter().map(|n| category_name(n)).collect();
    question_category::Entity::update_many()
        .col_expr(
            question_category::Column::Pool,
            sea_orm::sea_query::Expr::value(pool),
        )
        .filter(question_category::Column::CourseId.eq(course_id))
        .filter(question_category::Column::Name.is_in(names))
        .exec(db)
        .await?;
    Ok(())
}

/// Adds `entries` to the bank of `course_id`, creating categories as needed. Returns how many
/// questions were written.
pub async fn insert_entries(
    db: &impl ConnectionTrait,
    course_id: i64,
    entries: &[BankEntry],
) -> AppResult<usize> {
    let now = crate::server::services::now();
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
            .map_err(|e| crate::server::errors::internal("question encoding", e))?;
        rows.push(question::ActiveModel {
            course_id: Set(course_id),
            category_id: Set(category_id),
            kind: Set(entry.question.body.kind()),
            title: Set(stored_title(&entry.question.title)),
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

pub(super) fn category_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        "Default".to_owned()
    } else {
        truncate(name, 200)
    }
}

pub(super) fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The longest question title kept, in characters.
pub const QUESTION_TITLE_MAX: usize = 200;

/// A question's title as stored (cut to [`QUESTION_TITLE_MAX`] characters): how a course's
/// translations find the question a pack names.
pub fn stored_title(title: &str) -> String {
    truncate(title, QUESTION_TITLE_MAX)
}

/// Course `course_id`'s bank as a GIFT or Moodle XML file.
pub async fn export(
    db: &impl ConnectionTrait,
    course_id: i64,
    format: Format,
) -> AppResult<String> {
    export_pool(db, course_id, format, None).await
}

/// Course `course_id`'s bank, or one pool of it, as a GIFT or Moodle XML file.
pub async fn export_pool(
    db: &impl ConnectionTrait,
    course_id: i64,
    format: Format,
    pool: Option<Pool>,
) -> AppResult<String> {
    let cats: HashMap<i64, String> = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .filter(|c| pool.is_none_or(|p| c.pool == p))
        .map(|c| (c.id, c.name))
        .collect();
    let mut entries: Vec<(String, i64, BankEntry)> = question::Entity::find()
        .filter(question::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .filter(|q| cats.contains_key(&q.category_id))
        .map(|q| {
            let question: Question = crate::server::services::stored("bank question", &q.data)?;
            let category = cats.get(&q.category_id).cloned().unwrap_or_default();
            Ok((
                category.clone(),
                q.id,
                BankEntry {
                    category,
                    question,
                    media: Vec::new(),
                },
            ))
        })
        .collect::<AppResult<_>>()?;
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

/// Course `slug` if `user` may read its bank: its authors, and every trainer once it is
/// published (to teach it, or to duplicate and adapt it).
pub async fn readable_bank(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<course::Model> {
    may_author(user)?;
    let c = crate::server::services::learn::courses::visible_course(db, user, slug).await?;
    // Someone else's draft (its answer keys included) is theirs until they publish it.
    if !c.published && !crate::server::services::learn::authoring::may_edit(user, &c) {
        return Err(AppError::NotFound);
    }
    Ok(c)
}

/// Question `id` and its course, if `user` (a trainer or an administrator) may read its bank.
async fn readable_question(
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
    let c = readable_bank(db, user, &c.slug).await?;
    Ok((q, c))
}

/// The course a question belongs to, if `user` may edit it.
pub(super) async fn editable_question(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(question::Model, course::Model)> {
    let (q, c) = readable_question(db, user, id).await?;
    if crate::server::services::learn::authoring::may_edit(user, &c) {
        Ok((q, c))
    } else {
        Err(AppError::Forbidden)
    }
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
    {
        use crate::server::entities::translation;
        translation::Entity::delete_many()
            .filter(translation::Column::Kind.eq(translation::Item::Question))
            .filter(translation::Column::ItemId.eq(q.id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(c.slug)
}

/// One question as GIFT, for editing it as text (or reading it, for a trainer who may not
/// edit its course): the course's slug, the category, the text and whether `user` may edit it.
pub async fn question_gift(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(String, String, String, bool)> {
    let (q, c) = readable_question(db, user, id).await?;
    let editable = crate::server::services::learn::authoring::may_edit(user, &c);
    let question: Question = serde_json::from_str(&q.data)
        .map_err(|e| crate::server::errors::internal("question decoding", e))?;
    let category = question_category::Entity::find_by_id(q.category_id)
        .one(db)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    let gift = content::questions::write_gift(&[BankEntry {
        category: category.clone(),
        question,
        media: Vec::new(),
    }]);
    // Drop the category line: the form has its own field for it.
    let gift = gift
        .lines()
        .filter(|l| !l.starts_with("$CATEGORY"))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned();
    Ok((c.slug, category, gift, editable))
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
        .map_err(|e| crate::server::errors::internal("question encoding", e))?;
    let mut active: question::ActiveModel = q.into();
    active.category_id = Set(category_id);
    active.kind = Set(entry.question.body.kind());
    active.title = Set(stored_title(&entry.question.title));
    active.data = Set(data);
    active.updated_at = Set(crate::server::services::now());
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
    let c = crate::server::services::learn::authoring::editable_course(db, user, slug).await?;
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
pub(super) fn single_gift_question(text: &str) -> AppResult<BankEntry> {
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

pub(super) async fn remove_empty_categories(
    db: &impl ConnectionTrait,
    course_id: i64,
) -> AppResult<()> {
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
