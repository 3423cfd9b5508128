//! Findings, recommendations, the narrative and the report; the demo assessment; new versions
//! and their baseline; one assessment's assessor refused another.

use super::*;

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
            ("input[indicators][]", indicators.to_owned()),
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
    assert!(report.contains("1.95"), "overall score of the demo");
    // The children held with adults at Redwater: a red flag, listed first.
    let flags = report.find(r#"id="red-flags""#).expect("a red-flag list");
    assert!(flags < report.find("<h2>Executive summary</h2>").unwrap());
    assert!(report[flags..].contains("Red flags (1)"));
    assert!(report[flags..].contains("Children are not detained for immigration purposes"));
    assert!(report.contains("light light-red"), "weak elements are red");
    assert!(
        report.contains("light light-green"),
        "passport and visa systems are green"
    );
    let page = assessor
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(page.contains("80 indicators scored"));
    assert!(page.contains(r#"id="red-flags""#));
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
    assert!(page.contains("80 indicators scored"), "scores copied");
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

/// The demo country report, as downloaded in Markdown and HTML: any change to its wording,
/// order or figures shows in review as a change to the snapshot.
#[tokio::test]
async fn the_demo_country_report_reads_as_before() {
    use app::server::entities::capacity_assessment;
    let app = TestApp::spawn().await;
    let demo = capacity_assessment::Entity::find()
        .filter(capacity_assessment::Column::Status.eq(app::model::AssessmentStatus::Final))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo assessment");
    let admin = app.login_as(Role::Admin).await;
    let md = admin
        .get(&format!("/assessments/{}/export/md", demo.id))
        .await
        .text()
        .await
        .unwrap();
    let html = admin
        .get(&format!("/assessments/{}/export/html", demo.id))
        .await
        .text()
        .await
        .unwrap();
    insta::assert_snapshot!("demo_report_md", md);
    insta::assert_snapshot!("demo_report_html", html);
}
