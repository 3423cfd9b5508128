//! Training needs analysis: job specifications set against the shipped competency framework.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;
use sea_orm::EntityTrait;

mod builder;
mod framework;
mod in_languages;
mod responses;
mod results;
mod specs;

use crate::helpers::Client;
use app::server::entities::{agency, position, tna_questionnaire, tna_response};
use sea_orm::{ColumnTrait, QueryFilter};

async fn agency_id(app: &TestApp, name: &str) -> i64 {
    agency::Entity::find()
        .filter(agency::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn position_id(app: &TestApp, agency: i64, title: &str) -> i64 {
    position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency))
        .filter(position::Column::Title.eq(title))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A person in `agency`/`position` with `roles`, signed in.
async fn officer(app: &TestApp, login: &str, agency: i64, position: i64) -> Client {
    app::server::services::people::create_direct(
        &app.db,
        &app::server::services::people::NewPerson {
            login: login.to_owned(),
            display_name: format!("Officer {login}"),
            email: None,
            agency_id: Some(agency),
            position_id: Some(position),
            roles: vec![Role::Trainee],
            countries: Vec::new(),
            lang: app::i18n::Lang::En,
        },
        "officer-password-2026",
    )
    .await
    .unwrap();
    let c = app.client();
    assert_eq!(
        c.login(login, "officer-password-2026").await.status(),
        StatusCode::SEE_OTHER
    );
    c
}

async fn definition(app: &TestApp, id: i64) -> String {
    tna_questionnaire::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .definition
}

/// Posts one builder change and returns where it sent the analyst.
async fn edit(c: &Client, id: i64, fields: &[(&str, &str)]) -> String {
    let page = format!("/tna/questionnaires/{id}");
    let res = c.post_form(&format!("{page}/edit"), &page, fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{fields:?}");
    location(&res)
}

/// Creates a short questionnaire: a role question, and two dual items, one shown only to
/// front-line officers. Returns its id.
async fn short_questionnaire(analyst: &Client) -> i64 {
    let res = analyst
        .post_form(
            "/api/tna/questionnaires/create",
            "/tna",
            &[
                ("title_en", "Document checks survey"),
                ("title_fr", "Enquête sur le contrôle documentaire"),
                ("copy_of", ""),
            ],
        )
        .await;
    let to = location(&res);
    assert!(to.starts_with("/tna/questionnaires/"), "{to}");
    let id: i64 = to
        .trim_start_matches("/tna/questionnaires/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let ok = |to: String| assert!(to.contains("notice=Saved"), "{to}");
    ok(edit(
        analyst,
        id,
        &[
            ("op", "item"),
            ("section", "general"),
            ("id", "role"),
            ("kind", "single"),
            ("required", "1"),
            ("text_en", "Your role"),
            ("text_fr", "Votre fonction"),
            (
                "options",
                "front-line | Front-line officer | Agent de première ligne\nsupervisor | Supervisor | Superviseur",
            ),
        ],
    )
    .await);
    ok(edit(
        analyst,
        id,
        &[
            ("op", "item"),
            ("section", "general"),
            ("id", "mrz"),
            ("kind", "dual"),
            ("required", "1"),
            ("text_en", "Checking the MRZ"),
            ("text_fr", "Contrôler la ZLA"),
            ("competency", "doc-mrz-verification"),
            ("cond_item", "role"),
            ("cond_op", "equals"),
            ("cond_value", "front-line"),
        ],
    )
    .await);
    ok(edit(
        analyst,
        id,
        &[
            ("op", "item"),
            ("section", "general"),
            ("id", "interview"),
            ("kind", "dual"),
            ("text_en", "Second-line interviews"),
            ("text_fr", "Entretiens de deuxième ligne"),
            ("competency", "int-second-line-interview"),
        ],
    )
    .await);
    id
}

/// Creates a campaign over `agencies` open from yesterday to next month; returns its id. Its
/// minimum group size is 5 when anonymous (smaller groups withheld) and 3 when named (smaller
/// groups shown with a caution).
async fn create_campaign(c: &Client, questionnaire: i64, agencies: &[i64], anonymous: bool) -> i64 {
    let today = time::OffsetDateTime::now_utc().date();
    let opens = (today - time::Duration::days(1)).to_string();
    let closes = (today + time::Duration::days(30)).to_string();
    let q = questionnaire.to_string();
    let agency_strings: Vec<String> = agencies.iter().map(ToString::to_string).collect();
    let mut fields: Vec<(&str, &str)> = vec![
        ("title", "Document checks 2026"),
        ("questionnaire", &q),
        ("opens_on", &opens),
        ("closes_on", &closes),
        ("min_group", if anonymous { "5" } else { "3" }),
    ];
    if anonymous {
        fields.push(("anonymous", "1"));
    }
    for a in &agency_strings {
        fields.push(("agency", a));
    }
    let res = c
        .post_form("/tna/campaigns", "/tna/campaigns/new", &fields)
        .await;
    let to = location(&res);
    assert!(to.starts_with("/tna/campaigns/"), "{to}");
    to.trim_start_matches("/tna/campaigns/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn open(c: &Client, campaign: i64) {
    let res = c
        .post_form(
            "/api/tna/campaigns/status",
            &format!("/tna/campaigns/{campaign}"),
            &[("id", &campaign.to_string()), ("status", "open")],
        )
        .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
}

/// Starts the client's own response to `campaign`; returns the response id.
async fn start(c: &Client, campaign: i64, supervises: &str) -> reqwest::Response {
    c.post_form(
        "/api/tna/responses/start",
        "/surveys",
        &[
            ("campaign", &campaign.to_string()),
            ("supervises", supervises),
        ],
    )
    .await
}

fn response_id(res: &reqwest::Response) -> i64 {
    location(res)
        .trim_start_matches("/responses/")
        .parse()
        .unwrap_or_else(|_| panic!("{}", location(res)))
}

/// Submits response `r` as a front-line officer who rates MRZ checks 6 in importance and 2 in
/// performance.
async fn submit_front_line(c: &Client, r: i64) {
    let res = c
        .post_form(
            &format!("/responses/{r}/answers"),
            &format!("/responses/{r}"),
            &[
                ("role", "front-line"),
                ("mrz.importance", "6"),
                ("mrz.performance", "2"),
                ("action", "submit"),
            ],
        )
        .await;
    assert!(
        location(&res).contains("notice=ResponseSubmitted"),
        "{}",
        location(&res)
    );
}

async fn autosave(c: &Client, response: i64, fields: &str) -> reqwest::Response {
    c.call(
        "/api/tna/responses/autosave",
        &[
            ("response", &response.to_string()),
            ("answers", fields),
            ("csrf_token", "x"),
        ],
    )
    .await
}
