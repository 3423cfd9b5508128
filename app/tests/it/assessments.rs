//! Capacity assessments: opening one, scoring independently, reconciling, scope, status, and
//! every bad input the feature names.

use crate::helpers::{Client, TestApp, location};
use app::model::Role;
use app::server::entities::assessment_score;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const ELEMENT: &str = "adm-structure";
const INDICATOR: &str = "adm-structure-mandate";

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

#[tokio::test]
async fn assessors_score_independently_the_lead_reconciles_and_the_final_version_is_read_only() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    for component in [
        "Administration",
        "Regulatory framework",
        "Operations",
        "Information management",
    ] {
        assert!(page.contains(component), "{component}");
    }
    assert!(page.contains("not scored"));

    // The lead scores; the element and the component now have a score with one indicator behind.
    let res = score(&lead, id, INDICATOR, "3", "", 0, false).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(page.contains("3.00"), "element score");
    assert!(page.contains("1 indicators scored"));

    // A second assessor (the administrator, added to the team) disagrees: the indicator waits
    // for reconciliation and no longer counts.
    lead.post_form(
        "/api/assessments/member",
        &format!("/assessments/{id}"),
        &[
            ("id", &id.to_string()),
            ("login", "admin"),
            ("role", "assessor"),
        ],
    )
    .await;
    let second = app.login_as(Role::Admin).await;
    let res = score(&second, id, INDICATOR, "1", "", 0, false).await;
    assert!(location(&res).contains("notice=Saved"));
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(!page.contains("3.00"), "disagreement is not averaged away");
    let scoring = lead
        .page(
            &format!("/assessments/{id}/elements/{ELEMENT}"),
            StatusCode::OK,
        )
        .await;
    assert!(scoring.contains("Spread 2"), "the lead sees the spread");
    // The lead records the agreed score with its rationale; it counts.
    let res = score(
        &lead,
        id,
        INDICATOR,
        "2",
        "Mandates adopted; overlaps at sea remain",
        0,
        true,
    )
    .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(page.contains("2.00"));
    // Only the lead records agreed scores.
    let res = score(&second, id, INDICATOR, "4", "mine", 1, true).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_ne!(error_of(&res), "", "refused");

    // Review, then final: read-only from then on.
    for status in ["in_review", "final"] {
        let res = lead
            .post_form(
                "/api/assessments/status",
                &format!("/assessments/{id}"),
                &[("id", &id.to_string()), ("status", status)],
            )
            .await;
        assert!(location(&res).contains("notice=Saved"), "{status}");
    }
    let before = rows(&app, id).await;
    let res = score(&lead, id, INDICATOR, "4", "", 1, false).await;
    assert_eq!(error_of(&res), "ErrAssessmentFinal");
    let res = lead
        .post_form(
            "/api/assessments/status",
            &format!("/assessments/{id}"),
            &[("id", &id.to_string()), ("status", "draft")],
        )
        .await;
    assert_eq!(error_of(&res), "ErrAssessmentFinal");
    assert_eq!(rows(&app, id).await, before, "nothing changed");
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(
        !page.contains("id=\"scope-form\""),
        "no editing on a final assessment"
    );
}

#[tokio::test]
async fn bad_scores_are_refused_and_nothing_is_lost() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;

    // Outside the scale, not applicable without a reason, an indicator that does not exist.
    for (level, reason, indicator, expected) in [
        ("5", "", INDICATOR, "ErrLevelScale"),
        ("-1", "", INDICATOR, "ErrLevelScale"),
        ("three", "", INDICATOR, "ErrLevelScale"),
        ("na", "", INDICATOR, "ErrReasonRequired"),
        ("2", "", "no-such-indicator", "ErrUnknownIndicator"),
    ] {
        let res = score(&lead, id, indicator, level, reason, 0, false).await;
        assert_eq!(error_of(&res), expected, "{level} {indicator}");
    }
    assert!(rows(&app, id).await.is_empty(), "nothing half-written");
    let res = score(&lead, id, INDICATOR, "na", "No sea border", 0, false).await;
    assert!(location(&res).contains("notice=Saved"));

    // The scope leaves out everything but the structure element: other indicators are refused.
    let token = lead.csrf().await;
    let res = lead
        .post_raw(
            &format!("/assessments/{id}/scope"),
            &format!("/assessments/{id}"),
            &[("csrf_token", token.as_str()), ("element", ELEMENT)],
        )
        .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let res = score(&lead, id, "ops-detention-alternatives", "2", "", 0, false).await;
    assert_eq!(error_of(&res), "ErrOutOfScope");
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(
        !page.contains("elements/ops-"),
        "elements out of scope are not listed"
    );
    let res = lead
        .post_raw(
            &format!("/assessments/{id}/scope"),
            &format!("/assessments/{id}"),
            &[
                ("csrf_token", token.as_str()),
                ("element", "not-an-element"),
            ],
        )
        .await;
    assert!(location(&res).contains("error=ErrScope"));

    // Two people saving the same score: the second is told, the first's save stands.
    let version = rows(&app, id).await[0].version;
    let v = version;
    let first = score(&lead, id, INDICATOR, "1", "", v, false).await;
    assert!(location(&first).contains("notice=Saved"));
    let stale = score(&lead, id, INDICATOR, "4", "", v, false).await;
    assert_eq!(error_of(&stale), "ErrScoreConflict");
    let row = &rows(&app, id).await[0];
    assert_eq!((row.level, row.not_applicable), (Some(1), false));
}

#[tokio::test]
async fn people_outside_the_team_are_refused() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    for role in [Role::Trainee, Role::Trainer] {
        let c = app.login_as(role).await;
        let res = c.get(&format!("/assessments/{id}")).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role:?}");
        let res = c
            .call("/api/assessments/get", &[("id", &id.to_string())])
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let res = c
            .call(
                "/api/assessments/element",
                &[("id", &id.to_string()), ("element", ELEMENT)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
    // A counterpart reads but does not score.
    lead.post_form(
        "/api/assessments/member",
        &format!("/assessments/{id}"),
        &[
            ("id", &id.to_string()),
            ("login", "trainee"),
            ("role", "counterpart"),
        ],
    )
    .await;
    let counterpart = app.login_as(Role::Trainee).await;
    let page = counterpart
        .page(
            &format!("/assessments/{id}/elements/{ELEMENT}"),
            StatusCode::OK,
        )
        .await;
    assert!(!page.contains("/api/assessments/score"));
    let res = counterpart
        .call(
            "/api/assessments/score",
            &[
                ("id", &id.to_string()),
                ("indicator", INDICATOR),
                ("input[level]", "2"),
                ("input[reason]", ""),
                ("input[evidence]", ""),
                ("input[confidence]", "low"),
                ("input[version]", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn findings_recommendations_narrative_and_the_report() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    let ids = id.to_string();
    let from = format!("/assessments/{id}/elements/{ELEMENT}");
    score(&lead, id, INDICATOR, "1", "", 0, false).await;

    let res = lead
        .post_form(
            "/api/assessments/finding",
            &from,
            &[
                ("id", ids.as_str()),
                ("element", ELEMENT),
                ("kind", "gap"),
                ("text", "Two agencies both claim maritime surveillance."),
            ],
        )
        .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let rec = |quarter: &'static str, indicators: &'static str| {
        [
            ("id", ids.clone()),
            ("input[element]", ELEMENT.to_owned()),
            (
                "input[text]",
                "Adopt a decree allocating maritime surveillance to one agency.".to_owned(),
            ),
            ("input[priority]", "high".to_owned()),
            ("input[timeframe]", "short".to_owned()),
            ("input[responsible]", "Ministry of the Interior".to_owned()),
            ("input[cost]", "Within existing budget".to_owned()),
            ("input[indicators]", indicators.to_owned()),
            ("input[quarter]", quarter.to_owned()),
        ]
    };
    for (fields, expected) in [
        (rec("next spring", INDICATOR), "ErrQuarter"),
        (rec("2027-Q5", INDICATOR), "ErrQuarter"),
        (
            rec("2027-Q1", "ops-detention-alternatives"),
            "ErrUnknownIndicator",
        ),
    ] {
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = lead
            .post_form("/api/assessments/recommendation", &from, &borrowed)
            .await;
        assert_eq!(error_of(&res), expected);
    }
    let good = rec("2027-Q1", INDICATOR);
    let borrowed: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = lead
        .post_form("/api/assessments/recommendation", &from, &borrowed)
        .await;
    assert!(location(&res).contains("notice=Saved"));

    // The narrative: a save based on an old version is refused, nothing is overwritten.
    let save = |summary: &'static str, version: &'static str| {
        let ids = ids.clone();
        let lead = &lead;
        async move {
            lead.post_form(
                "/api/assessments/narrative-save",
                &format!("/assessments/{ids}"),
                &[
                    ("id", ids.as_str()),
                    ("summary", summary),
                    (
                        "methodology",
                        "Desk review, 42 interviews, visits to 6 posts.",
                    ),
                    ("version", version),
                ],
            )
            .await
        }
    };
    assert!(
        location(&save("Utopia's **border management** is developing.", "1").await)
            .contains("notice=Saved")
    );
    assert_eq!(
        error_of(&save("An older draft", "1").await),
        "ErrNarrativeConflict"
    );

    let report = lead
        .page(&format!("/assessments/{id}/report"), StatusCode::OK)
        .await;
    assert!(
        report.contains("<strong>border management</strong>"),
        "Markdown rendered"
    );
    assert!(report.contains("class=\"chart radar\""));
    assert!(report.contains("Two agencies both claim maritime surveillance."));
    assert!(report.contains("2027-Q1"), "road map");
    assert!(
        report.contains("Decree 12/2019"),
        "annex carries the evidence"
    );
    assert!(!report.contains("An older draft"));
    // Raw HTML typed into the narrative is text in the Markdown download, never a tag.
    assert!(
        location(&save("Seen at <img src=x onerror=alert(1)> the port.", "2").await)
            .contains("notice=Saved")
    );
    let md = lead
        .get(&format!("/assessments/{id}/export/md"))
        .await
        .text()
        .await
        .unwrap();
    assert!(md.contains("Seen at &lt;img src=x"), "{md}");
    assert!(!md.contains("<img"), "no tag survives");
    // Outsiders do not see it.
    let trainer = app.login_as(Role::Trainer).await;
    assert_eq!(
        trainer
            .get(&format!("/assessments/{id}/report"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_demo_assessment_of_utopia_is_complete_and_final() {
    let app = TestApp::spawn().await;
    let assessor = app.login_as(Role::Assessor).await;
    let list = assessor.page("/assessments", StatusCode::OK).await;
    assert!(list.contains("Border and Migration Management Assessment of Utopia"));
    let id = app::server::entities::capacity_assessment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let report = assessor
        .page(&format!("/assessments/{id}/report"), StatusCode::OK)
        .await;
    assert!(report.contains("1.97"), "overall score of the demo");
    assert!(report.contains("light light-red"), "weak elements are red");
    assert!(
        report.contains("light light-green"),
        "passport and visa systems are green"
    );
    let page = assessor
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(page.contains("76 indicators scored"));
    assert!(!page.contains("id=\"narrative\""), "final: nothing to edit");
}

#[tokio::test]
async fn a_final_assessment_gets_a_new_version_and_a_follow_up_is_compared_with_its_baseline() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let demo = app::server::entities::capacity_assessment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let res = lead
        .post_form(
            "/api/assessments/new-version",
            &format!("/assessments/{demo}"),
            &[("id", &demo.to_string())],
        )
        .await;
    let v2: i64 = location(&res)
        .trim_start_matches("/assessments/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(v2, demo);
    let page = lead
        .page(&format!("/assessments/{v2}"), StatusCode::OK)
        .await;
    assert!(page.contains("76 indicators scored"), "scores copied");
    assert!(
        page.contains("id=\"narrative\""),
        "the new version is a draft"
    );
    let res = lead
        .post_form(
            "/api/assessments/new-version",
            &format!("/assessments/{v2}"),
            &[("id", &v2.to_string())],
        )
        .await;
    assert_eq!(error_of(&res), "ErrNotFinal");

    // A follow-up two years on, compared with the demo as its baseline.
    let follow = open(&lead).await;
    let f = follow.to_string();
    for (baseline, expected) in [
        (v2.to_string(), "ErrBaseline"),
        ("abc".to_owned(), "ErrBaseline"),
    ] {
        let res = lead
            .post_form(
                "/api/assessments/baseline",
                &format!("/assessments/{follow}"),
                &[("id", f.as_str()), ("baseline", baseline.as_str())],
            )
            .await;
        assert_eq!(error_of(&res), expected);
    }
    let res = lead
        .post_form(
            "/api/assessments/baseline",
            &format!("/assessments/{follow}"),
            &[("id", f.as_str()), ("baseline", &demo.to_string())],
        )
        .await;
    assert!(location(&res).contains("notice=Saved"));
    score(&lead, follow, INDICATOR, "4", "", 0, false).await;
    let report = lead
        .page(&format!("/assessments/{follow}/report"), StatusCode::OK)
        .await;
    assert!(report.contains("id=\"comparison\""));
    assert!(report.contains("1.97"), "the baseline's overall score");
    let baseline_level = app::server::entities::assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(demo))
        .filter(assessment_score::Column::IndicatorId.eq(INDICATOR))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .level
        .unwrap();
    assert!(
        report.contains(&format!("{:+}", 4 - baseline_level)),
        "indicator change"
    );
}

#[tokio::test]
async fn an_assessor_of_one_assessment_cannot_open_another() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let res = admin
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &[
                ("input[login]", "other.assessor"),
                ("input[display_name]", "Other Assessor"),
                ("input[role_assessor]", "on"),
                ("input[password]", "other-assessor-2026"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", location(&res));
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    let other = app.client();
    let res = other.login("other.assessor", "other-assessor-2026").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // A first sign-in with a password set by an administrator may require a change; either
    // way the other assessor must not see this assessment.
    let res = other.get(&format!("/assessments/{id}")).await;
    assert!(
        matches!(res.status(), StatusCode::FORBIDDEN | StatusCode::FOUND),
        "{}",
        res.status()
    );
    let res = other
        .call("/api/assessments/get", &[("id", &id.to_string())])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let list = other
        .call("/api/assessments/list", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !list.contains("Utopia border management assessment"),
        "not listed"
    );
}

async fn upload(
    app: &TestApp,
    c: &Client,
    id: i64,
    indicator: &str,
    name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", c.csrf().await)
        .text("indicator", indicator.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned()),
        );
    c.http
        .post(app.url(&format!("/assessments/{id}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn source_documents_are_checked_attached_and_kept_within_the_team() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    let pdf = b"%PDF-1.4\n% decree 12/2019 on the mandates of the border agencies\n%%EOF\n";
    let res = upload(&app, &lead, id, INDICATOR, "../../Decree 12-2019.pdf", pdf).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&res).contains("notice=DocumentAttached"),
        "{}",
        location(&res)
    );
    let page = lead
        .page(
            &format!("/assessments/{id}/elements/{ELEMENT}"),
            StatusCode::OK,
        )
        .await;
    assert!(
        page.contains("Decree 12-2019.pdf"),
        "listed by its name, without the path"
    );
    let doc = app::server::entities::assessment_document::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = lead
        .get(&format!("/assessments/{id}/documents/{}", doc.id))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(&res.bytes().await.unwrap()[..], pdf);

    // A page of script named like a PDF, an empty file, an indicator that does not exist.
    for (name, bytes, indicator, expected) in [
        (
            "minutes.pdf",
            &b"<html><script>alert(1)</script>"[..],
            INDICATOR,
            "ErrDocumentType",
        ),
        ("empty.pdf", &b""[..], INDICATOR, "ErrRequired"),
        // Content and name must agree: a PDF header does not make an HTML page a PDF.
        ("report.html", &pdf[..], INDICATOR, "ErrDocumentType"),
        ("decree.png", &pdf[..], INDICATOR, "ErrDocumentType"),
        (
            "decree.pdf",
            &pdf[..],
            "no-such-indicator",
            "ErrUnknownIndicator",
        ),
    ] {
        let res = upload(&app, &lead, id, indicator, name, bytes).await;
        assert_eq!(error_of(&res), expected, "{name}");
    }
    // A NUL in the file name, as a hand-made request sends it: a clear 422, nothing stored.
    let boundary = "XyZzY";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n",
            lead.csrf().await
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"indicator\"\r\n\r\n{INDICATOR}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"decree\0.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(pdf);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let res = lead
        .http
        .post(app.url(&format!("/assessments/{id}/documents")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("accept", "text/html")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("could not be read"));
    assert_eq!(
        crate::helpers::count(&app.db, "assessment_documents").await,
        1
    );

    // Outside the team: no download.
    let trainer = app.login_as(Role::Trainer).await;
    let res = trainer
        .get(&format!("/assessments/{id}/documents/{}", doc.id))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = upload(&app, &trainer, id, INDICATOR, "x.pdf", pdf).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

/// Scoring is blind: an assessor sees nobody else's score or evidence for an indicator, on any
/// page or export, until they have scored it themselves or the lead opens the review.
#[tokio::test]
async fn an_assessor_sees_no_other_score_before_scoring_or_review() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    lead.post_form(
        "/api/assessments/member",
        &format!("/assessments/{id}"),
        &[
            ("id", &id.to_string()),
            ("login", "admin"),
            ("role", "assessor"),
        ],
    )
    .await;
    let res = score(&lead, id, INDICATOR, "3", "", 0, false).await;
    assert!(location(&res).contains("notice=Saved"));
    let second = app.login_as(Role::Admin).await;
    let evidence = "Port Utopia";
    let views = [
        format!("/assessments/{id}/report"),
        format!("/assessments/{id}/elements/{ELEMENT}"),
        format!("/assessments/{id}"),
    ];
    let exports = [
        format!("/assessments/{id}/export/md"),
        format!("/assessments/{id}/export/html"),
    ];
    let shows_lead_score = |text: &str| text.contains(evidence) || text.contains("3.00");
    for path in views.iter().chain(&exports) {
        let res = second.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let text = res.text().await.unwrap();
        assert!(
            !shows_lead_score(&text),
            "blind: {path} shows the lead's score"
        );
        assert!(!text.contains("Spread"), "{path}");
    }
    // The lead sees their own score meanwhile.
    let own = lead.get(&exports[0]).await.text().await.unwrap();
    assert!(shows_lead_score(&own));
    // Once the second assessor has scored the indicator, both scores show to them.
    let res = score(&second, id, INDICATOR, "3", "", 0, false).await;
    assert!(location(&res).contains("notice=Saved"));
    let md = second.get(&exports[0]).await.text().await.unwrap();
    assert!(md.contains(evidence), "{md}");

    // Another indicator the lead scored and the second did not: blind until the review opens.
    let res = score(&lead, id, "adm-structure-command", "1", "", 0, false).await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let row = |md: &str| {
        md.lines()
            .find(|l| l.contains("Clear lines of command and reporting"))
            .unwrap_or_default()
            .to_owned()
    };
    let md = second.get(&exports[0]).await.text().await.unwrap();
    assert!(row(&md).contains("not scored"), "{}", row(&md));
    let res = lead
        .post_form(
            "/api/assessments/status",
            &format!("/assessments/{id}"),
            &[("id", &id.to_string()), ("status", "in_review")],
        )
        .await;
    assert!(location(&res).contains("notice=Saved"));
    let md = second.get(&exports[0]).await.text().await.unwrap();
    assert!(row(&md).contains("1 Initial"), "{}", row(&md));
}
