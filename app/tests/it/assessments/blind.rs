//! Blind scoring: no other score seen before scoring or review.

use super::*;

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
