//! Every kind of page on a 375-pixel phone: nothing wider than the screen. Wide content (data
//! tables, charts, code) scrolls inside its own box; the page itself never scrolls sideways.

use super::*;
use sea_orm::{EntityTrait, QueryOrder};

/// The first row's id of an entity, ordered by id.
async fn first_id<E>(app: &TestApp, id: E::Column) -> i64
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    use sea_orm::QuerySelect;
    let row: Option<i64> = E::find()
        .select_only()
        .column(id)
        .order_by_asc(id)
        .into_tuple()
        .one(&app.db)
        .await
        .unwrap();
    row.expect("demo data")
}

#[tokio::test]
async fn on_a_phone_no_page_is_wider_than_the_screen() {
    use app::server::entities::{
        capacity_assessment, class, exercise, lesson, tna_campaign, tna_questionnaire,
    };
    let app = TestApp::spawn().await;
    app::server::services::exercises::generated::ensure_shipped(&app.db)
        .await
        .unwrap();
    let lesson = first_id::<lesson::Entity>(&app, lesson::Column::Id).await;
    let class = first_id::<class::Entity>(&app, class::Column::Id).await;
    let assessment =
        first_id::<capacity_assessment::Entity>(&app, capacity_assessment::Column::Id).await;
    let campaign = first_id::<tna_campaign::Entity>(&app, tna_campaign::Column::Id).await;
    let questionnaire =
        first_id::<tna_questionnaire::Entity>(&app, tna_questionnaire::Column::Id).await;
    let exercise = first_id::<exercise::Entity>(&app, exercise::Column::Id).await;
    let pages = [
        "/".to_owned(),
        "/courses".into(),
        "/courses/document-examination".into(),
        format!("/courses/document-examination/lessons/{lesson}"),
        "/courses/document-examination/glossary".into(),
        "/search?q=passport".into(),
        format!("/exercises/{exercise}"),
        "/author".into(),
        "/author/courses/document-examination".into(),
        format!("/author/lessons/{lesson}"),
        "/author/courses/document-examination/questions".into(),
        format!("/author/exercises/{exercise}"),
        "/classes".into(),
        format!("/classes/{class}"),
        format!("/classes/{class}/quizzes"),
        "/progress".into(),
        "/record".into(),
        "/assessments".into(),
        format!("/assessments/{assessment}"),
        format!("/assessments/{assessment}/report"),
        "/admin/people".into(),
        "/admin/agencies".into(),
        "/admin/countries".into(),
        "/competencies".into(),
        "/tna".into(),
        format!("/tna/questionnaires/{questionnaire}"),
        format!("/tna/campaigns/{campaign}"),
        format!("/tna/campaigns/{campaign}/results"),
        format!("/tna/campaigns/{campaign}/summary"),
        "/account".into(),
        "/verify".into(),
    ];
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    b.viewport(375, 740, true).await;
    let mut wide = Vec::new();
    for page in &pages {
        b.goto(&app.url(page)).await;
        b.find("h1").await;
        let found = b
            .script(
                "if (document.documentElement.scrollWidth <= 375) return null; \
                 return [...document.querySelectorAll('body *')] \
                   .filter(e => e.getBoundingClientRect().right > 376 && e.parentElement.getBoundingClientRect().right <= 376) \
                   .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right));",
            )
            .await;
        if !found.is_null() {
            wide.push(format!("{page}: {found}"));
        }
    }
    assert!(wide.is_empty(), "wider than a phone:\n{}", wide.join("\n"));
}

#[tokio::test]
async fn on_a_laptop_the_administrators_header_takes_at_most_two_rows() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.viewport(1280, 800, false).await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    // The administrator holds every link the header offers; each stays a link in the header
    // (no menu at this width), on one or two rows, in English and in French.
    let measure = "const h = document.querySelector('.site-header'); \
         const links = [...h.querySelectorAll('.site-nav a, .site-nav button')].filter(a => a.checkVisibility()); \
         const mids = links.map(a => { const r = a.getBoundingClientRect(); return (r.top + r.bottom) / 2; }).sort((x, y) => x - y); \
         const rows = 1 + mids.filter((m, i) => i > 0 && m - mids[i - 1] > 12).length; \
         return [links.length, rows, h.getBoundingClientRect().height];";
    let english = b.script(measure).await;
    assert!(english[0].as_u64().unwrap() >= 14, "{english}");
    assert!(english[1].as_u64().unwrap() <= 2, "{english}");
    b.click(".lang-switch button").await;
    b.wait_for("French", "document.documentElement.lang === 'fr'")
        .await;
    let french = b.script(measure).await;
    assert!(french[1].as_u64().unwrap() <= 2, "{french}");
}
