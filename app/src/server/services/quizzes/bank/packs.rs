//! A course pack's questions and quizzes, replaced in place when the pack is imported again.

use super::*;

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
        let read = content::questions::parse(Format::Gift, gift.as_bytes())
            .map_err(|e| crate::server::errors::internal("bank export", e))?;
        // Every stored question must come back from its GIFT text: a pack (or a duplicate
        // made through one) never silently loses a question.
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
        read.entries.into_iter().map(|(_, e)| e).collect()
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
    Ok((questions, quizzes))
}
