//! An attempt as its learner sees it: the questions with their saved answers while open; the
//! score, feedback and (when the quiz allows) the correct answers once closed.

use super::*;

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
    let (q, c) = crate::server::services::quizzes::bank::quiz_and_course(db, a.quiz_id).await?;
    let closed = a.status != AttemptStatus::Open;
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
            .map_err(|e| crate::server::errors::internal("attempt snapshot", e))?;
        let options = OptionLayout::parse(&row.option_order)
            .map_err(|e| crate::server::errors::internal("attempt layout", e))?;
        let response: Option<Response> = row
            .response
            .as_deref()
            .map(|r| crate::server::services::stored("attempt response", r))
            .transpose()?;
        questions.push(question_view(
            row.question_id,
            &question,
            &options,
            response.as_ref(),
            review.then_some(row.fraction.unwrap_or(0.0)),
            show_correct,
        ));
    }
    let quiz_title = quiz_text(db, user, &c, &q).await?.0;
    let course_title =
        crate::server::services::learn::courses::course_title_for(db, user, &c).await?;
    let now = crate::server::services::now();
    Ok(AttemptView {
        id: a.id,
        quiz_id: q.id,
        quiz_title,
        language: a.language.clone().unwrap_or(c.language),
        course_slug: c.slug,
        course_title,
        number: a.number,
        status: a.status,
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

pub(super) fn question_view(
    question_id: i64,
    q: &Question,
    options: &OptionLayout,
    response: Option<&Response>,
    fraction: Option<f64>,
    show_correct: bool,
) -> AttemptQuestionView {
    let mut view = AttemptQuestionView {
        question_id,
        kind: q.body.kind(),
        text_html: render_text(&q.text),
        marks: q.marks,
        options: Vec::new(),
        answers: Vec::new(),
        chosen: Vec::new(),
        text: String::new(),
        matches: Vec::new(),
        order: Vec::new(),
        answered: response.is_some_and(|r| !r.is_blank()),
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

/// The full-marks answer: a truth value, or the course's words.
pub(super) fn correct_answer(body: &Body) -> crate::model::CorrectAnswer {
    let model = questions::model_answer(body);
    if let Response::Bool(b) = model {
        return crate::model::CorrectAnswer::Truth(b);
    }
    crate::model::CorrectAnswer::Text(match (body, model) {
        (
            Body::SingleChoice { options } | Body::MultipleResponse { options },
            Response::Choices(c),
        ) => options
            .iter()
            .filter(|o| c.contains(&o.id))
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        (Body::ShortAnswer { answers }, _) => answers
            .iter()
            .filter(|k| k.fraction >= 1.0)
            .map(|k| k.pattern.as_str())
            .collect::<Vec<_>>()
            .join(" / "),
        (Body::Numerical { answers, .. }, _) => answers
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
    })
}
