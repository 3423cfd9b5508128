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

#[tokio::test]
async fn a_manager_reads_trends_by_course_and_agency_and_the_charts_stay_readable_on_a_phone() {
    let app = TestApp::spawn().await;
    use app::server::services::progress::events::{EventKind, record};
    for lesson in [1, 2] {
        record(&app.db, 4, EventKind::LessonCompleted, 1, Some(lesson))
            .await
            .unwrap();
    }
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/progress")).await;
    b.find("#progress-totals").await;
    // A line per course and per agency, told apart in the legend.
    let legend = b.text("#chart-courses svg").await;
    assert!(legend.contains("Travel document examination"), "{legend}");
    assert!(
        b.text("#chart-agencies svg")
            .await
            .contains("Utopia Immigration Service")
    );
    assert!(b.exists("#chart-courses svg polyline").await);
    // The figures behind the line, a click away.
    assert_eq!(
        b.script("return document.querySelector('#courses-figures table').checkVisibility();")
            .await,
        json!(false)
    );
    b.click("#courses-figures summary").await;
    let figures = b.text("#courses-figures table").await;
    assert!(figures.contains("Travel document examination"), "{figures}");
    // The two lessons, in their month's row under the course.
    assert_eq!(
        b.script("return [...document.querySelectorAll('#courses-figures tbody td')].map(td => td.textContent.trim()).filter(v => v !== '0');")
            .await,
        json!(["2"])
    );
    // Completion and gain by agency, and the same completion in the agency table.
    assert!(
        b.text("#chart-completion svg")
            .await
            .contains("Utopia Immigration Service")
    );
    assert!(
        b.text("#progress-agencies thead")
            .await
            .contains("Completion")
    );
    // The manager chooses what the trend counts.
    b.select("#f-measure", "enrolments").await;
    b.click("#apply-filters").await;
    b.wait_for(
        "the enrolment trend",
        "location.search.includes('measure=enrolments')",
    )
    .await;
    b.find("#chart-courses").await;
    assert!(
        b.script("return document.querySelector('#chart-courses').getAttribute('aria-label');")
            .await
            .as_str()
            .unwrap()
            .starts_with("Enrolments")
    );
    // On a phone the charts keep a readable size and scroll sideways in their box (which the
    // keyboard can reach); the page itself does not.
    b.viewport(375, 740, true).await;
    b.goto(&app.url("/progress")).await;
    b.find("#chart-courses").await;
    let sizes = b
        .script(
            "const box = document.querySelector('#chart-courses'); \
             return [box.scrollWidth > box.clientWidth, box.querySelector('svg').getBoundingClientRect().width, \
                     box.tabIndex, document.documentElement.scrollWidth <= 375];",
        )
        .await;
    assert_eq!(sizes[0], json!(true), "{sizes}");
    assert!(sizes[1].as_f64().unwrap() >= 500.0, "{sizes}");
    assert_eq!(sizes[2], json!(0), "{sizes}");
    assert_eq!(
        sizes[3],
        json!(true),
        "the page is not wider than the phone: {sizes}"
    );
    assert!(b.console_errors().await.is_empty());
}
