//! Capacity assessments: opening one, scoring independently, reconciling, scope, status, and
//! every bad input the feature names.

use crate::helpers::{Client, TestApp, location};
use app::model::Role;
use app::server::entities::assessment_score;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const ELEMENT: &str = "adm-structure";
const INDICATOR: &str = "adm-structure-mandate";

mod blind;
mod documents;
mod languages;
mod report;
mod scoring;

/// The demo assessor opens an assessment of Utopia; returns its id.
async fn open(c: &Client) -> i64 {
    let res = c
        .post_form(
            "/api/assessments/create",
            "/assessments",
            &[
                ("input[title]", "Utopia border management assessment"),
                ("input[country]", "UTO"),
                ("input[requested_by]", "Ministry of the Interior of Utopia"),
                ("input[starts_on]", "2026-09-01"),
                ("input[ends_on]", "2026-11-30"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(&res)
        .trim_start_matches("/assessments/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn score(
    c: &Client,
    id: i64,
    indicator: &str,
    level: &str,
    reason: &str,
    version: i32,
    agreed: bool,
) -> reqwest::Response {
    let (id, version) = (id.to_string(), version.to_string());
    let mut fields = vec![
        ("id", id.as_str()),
        ("indicator", indicator),
        ("input[level]", level),
        ("input[reason]", reason),
        (
            "input[evidence]",
            "Decree 12/2019; interviews at Port Utopia",
        ),
        ("input[confidence]", "high"),
        ("input[version]", version.as_str()),
    ];
    if agreed {
        fields.push(("input[agreed]", "1"));
    }
    c.post_form(
        "/api/assessments/score",
        &format!("/assessments/{id}/elements/{ELEMENT}"),
        &fields,
    )
    .await
}

fn error_of(res: &reqwest::Response) -> String {
    location(res)
        .split("error=")
        .nth(1)
        .map(|e| e.split('&').next().unwrap_or("").to_owned())
        .unwrap_or_default()
}

async fn rows(app: &TestApp, id: i64) -> Vec<assessment_score::Model> {
    assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
}
