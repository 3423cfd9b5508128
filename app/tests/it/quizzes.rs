//! Knowledge checks: question import, attempts saved answer by answer, submission, time limits,
//! results, certificates and their verification — and every bad input the feature names.

use crate::helpers::{Client, TestApp, count, location, pdf_lines};
use app::model::Role;
use app::server::entities::{attempt, attempt_question, certificate, class, person, quiz};
use assessments::questions::{Body, Question, Response, model_answer};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

mod answering;
pub(crate) mod for_a_class;
mod gain;
mod imports;
mod in_languages;
mod pools;
mod secrecy;
mod stored;

use crate::helpers::course_id;

async fn quiz_id(app: &TestApp, slug: &str) -> i64 {
    let cid = course_id(app, "document-examination").await;
    quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(cid))
        .filter(quiz::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Starts an attempt at quiz `quiz` and returns its id.
async fn start(c: &Client, quiz: i64) -> i64 {
    let res = c
        .post_form(
            "/api/quizzes/start",
            &format!("/quizzes/{quiz}"),
            &[("id", &quiz.to_string())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = location(&res);
    to.strip_prefix("/attempts/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("start went to {to}"))
}

/// An option id → the token the attempt page shows it under.
type Tokens = std::collections::HashMap<u32, u32>;

/// The questions of an attempt, each with the tokens its page names the options by.
async fn questions_of(app: &TestApp, attempt_id: i64) -> Vec<(i64, Question, Tokens)> {
    attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt_id))
        .order_by_asc(attempt_question::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let layout: serde_json::Value = serde_json::from_str(&r.option_order).unwrap();
            let ids = layout["order"].as_array().unwrap();
            let tokens = layout["tokens"].as_array().unwrap();
            let tokens = ids
                .iter()
                .zip(tokens)
                .map(|(i, t)| (i.as_u64().unwrap() as u32, t.as_u64().unwrap() as u32))
                .collect();
            (
                r.question_id,
                serde_json::from_str(&r.snapshot).unwrap(),
                tokens,
            )
        })
        .collect()
}

/// The form fields that give `response` to question `qid`, as the attempt page posts them.
fn fields(qid: i64, body: &Body, response: &Response, tokens: &Tokens) -> Vec<(String, String)> {
    let name = format!("q{qid}");
    let token = |id: &u32| tokens[id].to_string();
    let mut out = vec![("p".to_owned(), qid.to_string())];
    match (body, response) {
        (_, Response::Choices(c)) => out.extend(c.iter().map(|id| (name.clone(), token(id)))),
        (_, Response::Bool(b)) => out.push((name, b.to_string())),
        (_, Response::Text(t)) => out.push((name, t.clone())),
        (_, Response::Number(n)) => out.push((name, n.to_string())),
        (_, Response::Matches(m)) => {
            out.extend(m.iter().map(|(p, a)| (format!("{name}_{p}"), token(a))));
        }
        (_, Response::Order(o)) => out.extend(
            o.iter()
                .enumerate()
                .map(|(i, id)| (format!("{name}_{}", token(id)), (i + 1).to_string())),
        ),
    }
    out
}

async fn post_answers(
    c: &Client,
    attempt_id: i64,
    fields: &[(String, String)],
) -> reqwest::Response {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    c.post_form(
        &format!("/attempts/{attempt_id}/answers"),
        &format!("/attempts/{attempt_id}"),
        &borrowed,
    )
    .await
}

fn serde_urlencoded(fields: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        s.append_pair(k, v);
    }
    s.finish()
}
