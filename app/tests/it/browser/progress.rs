//! Progress dashboards in a manager's and a focal point's scope.

use super::*;

#[tokio::test]
async fn a_programme_manager_and_a_focal_point_follow_progress_in_their_scope() {
    let app = TestApp::spawn().await;
    app::server::services::progress::events::record(
        &app.db,
        4,
        app::server::services::progress::events::EventKind::LessonCompleted,
        1,
        Some(1),
    )
    .await
    .unwrap();
    let b = Browser::start().await;
    b.sign_in(&app, "manager", "manager-demo-2026").await;
    b.find("#my-roles").await;
    b.click("nav a[href=\"/progress\"]").await;
    b.find("#progress-totals").await;
    assert_eq!(b.text("#kpi-lessons").await, "1");
    // The filters are a compact bar above the figures, not a column of full-width fields.
    let filters = b
        .script(
            "return document.getElementById('progress-filters').getBoundingClientRect().height;",
        )
        .await;
    assert!(
        filters.as_f64().unwrap() < 200.0,
        "filters {filters} px high"
    );
    // Every agency of Utopia can be chosen; the figures follow the choice.
    let agencies = b.text("#f-agency").await;
    assert!(
        agencies.contains("Utopia Border Police")
            && agencies.contains("Utopia Customs Administration")
    );
    let police: String = b
        .script("return [...document.querySelectorAll('#f-agency option')].find(o => o.textContent.includes('Border Police')).value;")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    b.select("#f-agency", &police).await;
    b.click("#apply-filters").await;
    b.wait_for(
        "the filtered page",
        &format!("location.search.includes('agency={police}')"),
    )
    .await;
    b.find("#progress-totals").await;
    assert_eq!(
        b.text("#kpi-lessons").await,
        "0",
        "nothing done in the border police"
    );
    assert!(b.exists("a[href^=\"/progress/export/agencies.csv\"]").await);
    // Months chosen the wrong way round come back to the filters, as chosen, with the reason
    // beside the field — not to an error page.
    b.script("document.querySelector('#f-from').value = '2026-09'; document.querySelector('#f-to').value = '2026-03';").await;
    b.click("#apply-filters").await;
    b.find("#progress-filter-error").await;
    assert!(
        b.text("#f-to-error").await.contains("before"),
        "{}",
        b.text("#f-to-error").await
    );
    assert_eq!(
        b.script("return [document.querySelector('#f-from').value, document.querySelector('#f-to').value, document.querySelector('#f-agency').value];").await,
        json!(["2026-09", "2026-03", police])
    );
    assert!(!b.exists("#progress-totals").await);
    b.sign_out().await;

    b.sign_in(&app, "focal", "focal-demo-2026").await;
    b.find("#my-roles").await;
    b.click("article[data-role=\"focal_point\"] a[href=\"/progress\"]")
        .await;
    b.find("#progress-totals").await;
    assert_eq!(b.text("#kpi-lessons").await, "1", "their agency's lesson");
    let agencies = b.text("#f-agency").await;
    assert!(agencies.contains("Utopia Immigration Service") && !agencies.contains("Border Police"));
    // From the progress page to one trainee's learning record.
    b.type_into("#records-q", "okoro").await;
    b.click("#records-search button[type=submit]").await;
    b.find("#records-found").await;
    b.click("#records-found a[href=\"/people/4/record\"]").await;
    b.wait_for("the record", "location.pathname === '/people/4/record'")
        .await;
    assert!(b.text("main").await.contains("Samuel Okoro"));
}
