//! A capacity assessment scored and reported.

use super::*;

#[tokio::test]
async fn an_assessor_opens_an_assessment_scores_an_indicator_and_reads_the_report() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "assessor", "assessor-demo-2026").await;
    b.find("#my-roles").await;
    b.click("a[href=\"/assessments\"]").await;
    b.wait_text("h1", "Capacity assessments").await;
    b.type_into("#a-title", "Utopia follow-up assessment").await;
    b.type_into("#a-requested", "Ministry of the Interior")
        .await;
    b.script("document.querySelector('#a-starts').value = '2028-03-01'; document.querySelector('#a-ends').value = '2028-05-31';").await;
    b.click("form[action=\"/api/assessments/create\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Utopia follow-up assessment").await;
    let url = b.url().await;
    assert!(b.text("#scores").await.contains("Administration"));

    // Score the first indicator of the structure element.
    b.click("a[href$=\"/elements/adm-structure\"]").await;
    b.wait_text("h1", "Structure").await;
    b.click("#mine-adm-structure-mandate-3").await;
    b.type_into(
        "#mine-adm-structure-mandate-evidence",
        "Decree 4/2027 allocates every border task.",
    )
    .await;
    b.click("#save-mine-adm-structure-mandate").await;
    b.wait_for("the save", "location.search.includes('notice=Saved')")
        .await;
    assert_eq!(
        b.script("return document.querySelector('#mine-adm-structure-mandate-3').checked;")
            .await,
        json!(true)
    );

    // A recommendation picks the indicators it addresses from the element's list, by name,
    // and reads back in words (no codes).
    b.type_into(
        "#rec-text",
        "Adopt a decree allocating maritime surveillance to one agency.",
    )
    .await;
    b.select("#rec-priority", "high").await;
    b.type_into("#rec-quarter", "2028-Q3").await;
    assert!(
        b.text("#rec-indicators")
            .await
            .contains("Mandates of the border management agencies")
    );
    b.click("#rec-indicator-0").await;
    b.click("form[action=\"/api/assessments/recommendation\"] button[type=submit]")
        .await;
    b.wait_text(".recommendations", "maritime surveillance")
        .await;
    let rec = b.text(".recommendations").await;
    assert!(rec.contains("High") && rec.contains("Short term"), "{rec}");
    assert!(
        rec.contains("Mandates of the border management agencies"),
        "{rec}"
    );
    assert!(
        !rec.contains("adm-structure-mandate") && !rec.contains("high ·"),
        "{rec}"
    );

    // The overview and the report show it.
    b.click(".breadcrumbs a").await;
    b.wait_text("#scores", "3.00").await;
    b.click("#report-link").await;
    b.wait_text("#report", "Decree 4/2027").await;
    assert!(b.exists("#report svg.radar").await);

    // Making it final asks first: the button only opens the question.
    b.goto(&url).await;
    b.click("#status-in_review").await;
    b.wait_for("the review", "location.search.includes('notice=')")
        .await;
    b.wait_text("#assessment-status", "review").await;
    let shown = "document.querySelector('#status-final-confirm').checkVisibility()";
    assert_eq!(b.script(&format!("return {shown};")).await, json!(false));
    b.click("#status-final").await;
    b.wait_for("the question", shown).await;
    assert!(b.text(".confirm").await.contains("read-only for everyone"));
    assert!(!b.text("#assessment-status").await.contains("Final"));
    b.click("#status-final-confirm").await;
    b.wait_text("#assessment-status", "Final").await;
}
