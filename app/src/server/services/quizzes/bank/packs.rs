//! A course pack's questions and quizzes, replaced in place when the pack is imported again.

use super::*;

/// Replaces the bank and quizzes of course `course_id` with those of `pack` (a pack is the
/// source of its bank: questions absent from it go; attempts keep their copies). Quizzes are
/// matched by slug so their attempts stay attached. Quizzes set for one class are not the
/// pack's: they stay, and their items follow their questions and categories into the new
/// bank by title and name (an item whose question or category left the bank goes).
pub async fn replace_from_pack(
    db: &impl ConnectionTrait,
    course_id: i64,
    pack: &content::pack::CoursePack,
    publish: bool,
) -> AppResult<()> {
    let class_items = ClassItems::read(db, course_id).await?;
    question::Entity::delete_many()
        .filter(question::Column::CourseId.eq(course_id))
        .exec(db)
        .await?;
    question_category::Entity::delete_many()
        .filter(question_category::Column::CourseId.eq(course_id))
        .exec(db)
        .await?;
    insert_entries(db, course_id, &pack.questions).await?;
    insert_entries(db, course_id, &pack.tests).await?;
    let test_categories: Vec<String> = pack.tests.iter().map(|e| e.category.clone()).collect();
    set_pool(db, course_id, &test_categories, Pool::Test).await?;
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
    class_items.relink(db, course_id).await?;
    let existing: HashMap<String, quiz::Model> = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .filter(quiz::Column::ClassId.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.slug.clone(), q))
        .collect();
    for def in &pack.quizzes {
        let settings = QuizSettings {
            title: truncate(&def.title, 200),
            // The pack reader accepts only the three roles.
            role: crate::model::QuizRole::from_code(&def.role)
                .ok_or(AppError::field("role", Msg::ErrInvalid))?,
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
            None => insert_quiz(db, course_id, None, &def.id, settings).await?,
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

/// What a pack carries of a course's bank: the practice pool, the test pool, the quizzes.
pub type PackBank = (Vec<BankEntry>, Vec<BankEntry>, Vec<content::pack::QuizDef>);

/// One pool of course `course_id`'s bank, read back from its GIFT text.
async fn pack_pool(
    db: &impl ConnectionTrait,
    course_id: i64,
    pool: Pool,
) -> AppResult<Vec<BankEntry>> {
    let gift = export_pool(db, course_id, Format::Gift, Some(pool)).await?;
    if gift.trim().is_empty() {
        return Ok(Vec::new());
    }
    let read = content::questions::parse(Format::Gift, gift.as_bytes())
        .map_err(|e| crate::server::errors::internal("bank export", e))?;
    // Every stored question must come back from its GIFT text: a pack (or a duplicate made
    // through one) never silently loses a question.
    if let Some(r) = read.refused.first() {
        return Err(crate::server::errors::internal(
            "bank export",
            format!(
                "{} questions do not read back, first at {}",
                read.refused.len(),
                r.location
            ),
        ));
    }
    Ok(read.entries.into_iter().map(|(_, e)| e).collect())
}

/// The bank and quizzes of course `course_id` as a pack carries them.
pub async fn pack_quizzes(db: &impl ConnectionTrait, course_id: i64) -> AppResult<PackBank> {
    let questions = pack_pool(db, course_id, Pool::Practice).await?;
    let tests = pack_pool(db, course_id, Pool::Test).await?;
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
    // A class's own quizzes stay with the class: never in the course's pack.
    for q in quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .filter(quiz::Column::ClassId.is_null())
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
            role: q.role.code().to_owned(),
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
    Ok((questions, tests, quizzes))
}

/// The items of a course's class quizzes, by what they name in the bank (a question by its
/// category's name and its title, a draw by its category's name), read and detached from the
/// bank before it is replaced.
struct ClassItems {
    quizzes: Vec<i64>,
    items: Vec<(quiz_item::Model, Named)>,
}

/// What an item names in the bank.
enum Named {
    Question { category: String, title: String },
    Draw { category: String },
    Nothing,
}

impl ClassItems {
    async fn read(db: &impl ConnectionTrait, course_id: i64) -> AppResult<ClassItems> {
        let quizzes: Vec<i64> = quiz::Entity::find()
            .filter(quiz::Column::CourseId.eq(course_id))
            .filter(quiz::Column::ClassId.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .map(|q| q.id)
            .collect();
        if quizzes.is_empty() {
            return Ok(ClassItems {
                quizzes,
                items: Vec::new(),
            });
        }
        let names: HashMap<i64, String> = question_category::Entity::find()
            .filter(question_category::Column::CourseId.eq(course_id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
        let questions: HashMap<i64, (String, String)> = question::Entity::find()
            .filter(question::Column::CourseId.eq(course_id))
            .all(db)
            .await?
            .into_iter()
            .map(|q| {
                let category = names.get(&q.category_id).cloned().unwrap_or_default();
                (q.id, (category, q.title))
            })
            .collect();
        let items = quiz_item::Entity::find()
            .filter(quiz_item::Column::QuizId.is_in(quizzes.clone()))
            .order_by_asc(quiz_item::Column::Position)
            .all(db)
            .await?
            .into_iter()
            .map(|i| {
                let named = match (i.question_id, i.category_id) {
                    (Some(q), _) => match questions.get(&q) {
                        Some((category, title)) => Named::Question {
                            category: category.clone(),
                            title: title.clone(),
                        },
                        None => Named::Nothing,
                    },
                    (None, Some(c)) => match names.get(&c) {
                        Some(category) => Named::Draw {
                            category: category.clone(),
                        },
                        None => Named::Nothing,
                    },
                    _ => Named::Nothing,
                };
                (i, named)
            })
            .collect();
        // Detached while the bank is replaced: deleting a question or a category deletes the
        // items that point at it.
        quiz_item::Entity::update_many()
            .col_expr(quiz_item::Column::QuestionId, Option::<i64>::None.into())
            .col_expr(quiz_item::Column::CategoryId, Option::<i64>::None.into())
            .filter(quiz_item::Column::QuizId.is_in(quizzes.clone()))
            .exec(db)
            .await?;
        Ok(ClassItems { quizzes, items })
    }

    /// Points each item at the new bank's question (the first of the same category and title)
    /// or category (of the same name). An item whose question or category left the bank goes,
    /// as does a second item on one question; a draw larger than its category now is cut to
    /// it; a class quiz left asking nothing is unpublished.
    async fn relink(self, db: &impl ConnectionTrait, course_id: i64) -> AppResult<()> {
        if self.quizzes.is_empty() {
            return Ok(());
        }
        let categories: HashMap<i64, String> = question_category::Entity::find()
            .filter(question_category::Column::CourseId.eq(course_id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
        let mut questions: HashMap<(String, String), i64> = HashMap::new();
        let mut sizes: HashMap<String, (i64, i32)> = categories
            .iter()
            .map(|(id, name)| (name.clone(), (*id, 0)))
            .collect();
        for q in question::Entity::find()
            .filter(question::Column::CourseId.eq(course_id))
            .order_by_asc(question::Column::Id)
            .all(db)
            .await?
        {
            let category = categories.get(&q.category_id).cloned().unwrap_or_default();
            if let Some(size) = sizes.get_mut(&category) {
                size.1 += 1;
            }
            questions.entry((category, q.title)).or_insert(q.id);
        }
        let mut asked: std::collections::HashSet<(i64, i64)> = Default::default();
        for (item, named) in self.items {
            let (question_id, category_id, draw) = match named {
                Named::Question { category, title } => match questions.get(&(category, title)) {
                    Some(&q) if asked.insert((item.quiz_id, q)) => (Some(q), None, 0),
                    _ => (None, None, 0),
                },
                Named::Draw { category } => match sizes.get(&category) {
                    Some(&(id, size)) if size > 0 => (None, Some(id), item.draw_count.min(size)),
                    _ => (None, None, 0),
                },
                Named::Nothing => (None, None, 0),
            };
            if question_id.is_none() && category_id.is_none() {
                quiz_item::Entity::delete_by_id(item.id).exec(db).await?;
                continue;
            }
            quiz_item::Entity::update_many()
                .col_expr(quiz_item::Column::QuestionId, question_id.into())
                .col_expr(quiz_item::Column::CategoryId, category_id.into())
                .col_expr(quiz_item::Column::DrawCount, draw.into())
                .filter(quiz_item::Column::Id.eq(item.id))
                .exec(db)
                .await?;
        }
        for quiz_id in self.quizzes {
            if items(db, quiz_id).await?.is_empty() {
                quiz::Entity::update_many()
                    .col_expr(quiz::Column::Published, false.into())
                    .filter(quiz::Column::Id.eq(quiz_id))
                    .exec(db)
                    .await?;
            }
        }
        Ok(())
    }
}
