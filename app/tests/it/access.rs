//! What the accessibility audit checked by hand, on the pages as the server sends them: the
//! language of parts (content in another language than the interface's says so), score bands in
//! words with their legend, figures behind every chart, named progress bars, headline figures
//! that are not headings, rating scales whose ends are named, new-tab links that say so, and a
//! page title of its own for an attempt and for a refusal. The browser tests add axe-core's
//! machine check (`browser/axe.rs`).

use crate::helpers::{Client, TestApp, course_id, location};
use app::model::Role;
use app::server::entities::{capacity_assessment, class, exercise, quiz, tna_campaign};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The opening tag of the first element whose opening tag holds `marker`.
fn tag<'a>(page: &'a str, marker: &str) -> &'a str {
    let at = page
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} is not on the page"));
    let start = page[..=at].rfind('<').expect("an opening tag");
    let end = at + page[at..].find('>').expect("the tag's end");
    &page[start..=end]
}

/// The page's `<title>`.
fn title(page: &str) -> &str {
    let start = page.find("<title>").expect("a title") + "<title>".len();
    &page[start..start + page[start..].find("</title>").unwrap()]
}

async fn in_french(app: &TestApp, role: Role) -> Client {
    let c = app.login_as(role).await;
    c.post_form("/api/language", "/account", &[("lang", "fr")])
        .await;
    c
}

async fn first_assessment(app: &TestApp) -> i64 {
    crate::helpers::first_id::<capacity_assessment::Entity>(app, capacity_assessment::Column::Id)
        .await
}

#[tokio::test]
async fn english_content_in_the_french_interface_carries_its_language() {
    let app = TestApp::spawn().await;
    app::server::services::exercises::generated::ensure_shipped(&app.db)
        .await
        .unwrap();
    let course = course_id(&app, "document-examination").await;
    let trainee = in_french(&app, Role::Trainee).await;

    // A quiz's questions, their options and feedback are in the course's language (a course
    // without a French edition).
    let untranslated = course_id(&app, "primary-line").await;
    let q = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(untranslated))
        .filter(quiz::Column::Published.eq(true))
        .filter(quiz::Column::ClassId.is_null())
        .order_by_asc(quiz::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = trainee
        .post_form(
            "/api/quizzes/start",
            &format!("/quizzes/{}", q.id),
            &[("id", &q.id.to_string())],
        )
        .await;
    let attempt = location(&res);
    assert!(attempt.starts_with("/attempts/"), "{attempt}");
    let page = trainee.page(&attempt, StatusCode::OK).await;
    assert!(page.contains(r#"<html lang="fr""#));
    assert!(
        tag(&page, r#"class="question-text""#).contains(r#"lang="en""#),
        "{}",
        tag(&page, r#"class="question-text""#)
    );
    // Every choice's text is in the course's language (true and false are the interface's
    // words). The questions are drawn at random, so this holds for whichever came.
    for label in page.split("<label ").skip(1) {
        let label = &label[..label.find("</label>").unwrap()];
        let choice = label.contains(r#"type="radio""#) || label.contains(r#"type="checkbox""#);
        let truth = label.contains(r#"value="true""#) || label.contains(r#"value="false""#);
        if choice && !truth {
            assert!(label.contains(r#"<span lang="en">"#), "{label}");
        }
    }
    // An attempt's page title is its own, not the quiz's.
    let quiz_page = trainee
        .page(&format!("/quizzes/{}", q.id), StatusCode::OK)
        .await;
    assert_ne!(title(&page), title(&quiz_page));
    assert!(title(&page).contains("#1"), "{}", title(&page));

    // An exercise's title, instructions and checklists.
    let e = exercise::Entity::find()
        .filter(exercise::Column::CourseId.eq(course))
        .filter(exercise::Column::Published.eq(true))
        .filter(exercise::Column::ClassId.is_null())
        .order_by_asc(exercise::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let page = trainee
        .page(&format!("/exercises/{}", e.id), StatusCode::OK)
        .await;
    assert!(tag(&page, r#"id="exercise-instructions""#).contains(r#"lang="en""#));
    // The full-size image opens in a new tab, and says so.
    assert!(page.contains("ouvre dans un nouvel onglet"));

    // The capacity framework's text, on the assessment and on an element's scoring page: its
    // French edition, marked as French.
    let assessor = in_french(&app, Role::Assessor).await;
    let id = first_assessment(&app).await;
    let page = assessor
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(tag(&page, r#"class="indent""#).contains(r#"lang="fr""#));
    let marker = format!("/assessments/{id}/elements/");
    let at = page.find(&marker).expect("an element link") + marker.len();
    let element: String = page[at..]
        .chars()
        .take_while(|c| *c != '"' && *c != '#')
        .collect();
    let page = assessor
        .page(
            &format!("/assessments/{id}/elements/{element}"),
            StatusCode::OK,
        )
        .await;
    assert!(tag(&page, "<h1").contains(r#"lang="fr""#));
    assert!(tag(&page, r#"class="descriptors""#).contains(r#"lang="fr""#));

    // The competency framework (English only).
    let analyst = in_french(&app, Role::Analyst).await;
    let page = analyst.page("/competencies", StatusCode::OK).await;
    assert!(page.contains(r#"<h3 lang="en">"#));
    assert!(tag(&page, r#"class="descriptors""#).contains(r#"lang="en""#));
}

#[tokio::test]
async fn report_scores_print_their_band_and_the_legend_of_bands() {
    let app = TestApp::spawn().await;
    let assessor = app.login_as(Role::Assessor).await;
    let id = first_assessment(&app).await;
    let page = assessor
        .page(&format!("/assessments/{id}/report"), StatusCode::OK)
        .await;
    let bands = ["priority for action", "developing", "established"];
    assert!(
        page.contains(r#"<span class="band">"#)
            && bands
                .iter()
                .any(|b| page.contains(&format!(r#"<span class="band">{b}</span>"#))),
        "each score says its band"
    );
    assert!(page.contains("below 1.5, priority for action (red); 1.5 to below 2.75, developing (amber); 2.75 and above, established (green)"));
    // The bar charts write the band beside each value, not only the colour.
    assert!(
        bands
            .iter()
            .any(|b| page.contains(&format!(" · {b}</text>")))
    );
    // So do the Markdown export and the assessment's own page.
    let md = assessor
        .page(&format!("/assessments/{id}/export/md"), StatusCode::OK)
        .await;
    assert!(md.contains("| Band |"), "{md}");
    assert!(md.contains("Bands on the 0–4 scale: below 1.5, priority for action (red)"));
    let page = assessor
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(page.contains(r#"class="hint rating-legend""#));
}

#[tokio::test]
async fn figures_progress_bars_scales_and_refusals_are_named() {
    let app = TestApp::spawn().await;
    // Headline figures are figures, not headings made of a number.
    let manager = app.login_as(Role::Manager).await;
    let page = manager.page("/progress", StatusCode::OK).await;
    assert!(!page.contains(r#"<h2 id="kpi-"#));
    assert!(tag(&page, r#"id="kpi-people""#).starts_with("<p "));

    // Progress bars have a name: on the course page and per trainee on the class page.
    let trainee = app.login_as(Role::Trainee).await;
    let page = trainee
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(tag(&page, "<progress").contains("aria-label="));
    let trainer = app.login_as(Role::Trainer).await;
    let class = crate::helpers::first_id::<class::Entity>(&app, class::Column::Id).await;
    let page = trainer
        .page(&format!("/classes/{class}"), StatusCode::OK)
        .await;
    assert!(tag(&page, "<progress").contains("aria-label="));

    // (A rating scale's ends are named to a screen reader: `tna/responses.rs`.)
    let analyst = app.login_as(Role::Analyst).await;
    // The results' charts have their figures as tables: the heat map and the top needs.
    let campaign =
        crate::helpers::first_id::<tna_campaign::Entity>(&app, tna_campaign::Column::Id).await;
    let page = analyst
        .page(
            &format!("/tna/campaigns/{campaign}/results"),
            StatusCode::OK,
        )
        .await;
    assert!(page.contains(r#"id="heat-figures""#) && page.contains(r#"id="top-figures""#));

    // A refusal has a page title that says so.
    let page = trainee.page("/admin/people", StatusCode::FORBIDDEN).await;
    assert!(title(&page).contains("Access denied"), "{}", title(&page));
}
