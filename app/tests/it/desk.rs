//! The border desk's services on a real database: a trainer defines a shift in a course, a
//! trainee works it traveller by traveller, and the shift is scored; and every way a decision
//! can be refused, with nothing stored.

use crate::helpers::*;
use app::error::AppError;
use app::i18n::Msg;
use app::model::{CurrentUser, Role};
use app::server::services::desk::{results, scenarios, shifts};
use assessments::desk::shift::CaseKind;
use assessments::desk::stay::Rule;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

mod classes;
mod departures;
mod http;
mod services;

const COURSE: &str = "document-examination";

pub async fn user(db: &DatabaseConnection, login: &str) -> CurrentUser {
    use app::server::entities::person;
    let id = person::Entity::find()
        .filter(person::Column::Login.eq(login))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    app::server::services::people::current_user(db, id)
        .await
        .unwrap()
        .unwrap()
        .0
}

fn input(travellers: u32, fixed: Vec<(CaseKind, u32)>) -> scenarios::ScenarioInput {
    scenarios::ScenarioInput {
        title: "Morning shift, airport arrivals".into(),
        travellers,
        seed: 11,
        rates: Vec::new(),
        fixed,
        rule: Rule::NINETY_IN_ONE_EIGHTY,
        time_limit_minutes: 30,
        list_size: 300,
        today: time::macros::date!(2026 - 12 - 06),
        class_id: None,
        own_list: Vec::new(),
        exit_share: 0.0,
    }
}

fn field_error(e: AppError) -> (String, Msg) {
    match e {
        AppError::Validation(errors) => (errors[0].field.clone(), errors[0].message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// Works the traveller at the desk as a careful officer would, from the key: query, confirm
/// the listed person, dismiss the others, stop whoever must be stopped.
async fn work_rightly(db: &DatabaseConnection, trainee: &CurrentUser, shift: i64) -> bool {
    let desk = shifts::desk(db, trainee, shift).await.unwrap();
    let t = desk.traveller.expect("a traveller at the desk");
    let found = shifts::query(db, trainee, shift).await.unwrap();
    let ids: Vec<String> = found.candidates.iter().map(|(e, _)| e.id.clone()).collect();
    let confirmed: Vec<String> = t.key.listed_as.iter().cloned().collect();
    let dismissed: Vec<String> = ids.into_iter().filter(|i| !confirmed.contains(i)).collect();
    shifts::decide(
        db,
        trainee,
        shift,
        shifts::DecisionInput {
            traveller: desk.position,
            queried: true,
            confirmed,
            reasons: dismissed
                .iter()
                .map(|d| (d.clone(), "name_only".to_string()))
                .collect(),
            dismissed,
            decision: if t.key.must_stop() { "refer" } else { "admit" }.into(),
            ground: None,
            note: "Sent to second line: see the hit and the document checks.".into(),
        },
    )
    .await
    .unwrap()
}

/// Posts the scenario form (multipart, as the browser sends it) with `fields` and, when given, a
/// watch-list CSV.
async fn post_scenario(
    app: &TestApp,
    c: &Client,
    fields: &[(&str, &str)],
    csv: Option<String>,
) -> reqwest::Response {
    let editor = format!("/author/courses/{COURSE}");
    let mut form = reqwest::multipart::Form::new().text("csrf_token", c.csrf().await);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some(csv) = csv {
        form = form.part(
            "watch_csv",
            reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("list.csv"),
        );
    }
    c.http
        .post(app.url(&format!("{editor}/desk")))
        .header("accept", "text/html")
        .header("referer", app.url(&editor))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Entry ids of the lists (`W000123` generated persons, `P000123` the travellers listed,
/// `T000123` imported) in a page.
fn entry_ids(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    for i in 0..bytes.len().saturating_sub(7) {
        if matches!(bytes[i], b'W' | b'P' | b'T')
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes[i + 1..i + 7].iter().all(u8::is_ascii_digit)
            && bytes.get(i + 7).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            found.push(html[i..i + 7].to_string());
        }
    }
    found
}

/// A page's HTML without the markers Leptos leaves between text nodes.
fn strip_markers(html: &str) -> String {
    html.replace("<!>", "")
}
