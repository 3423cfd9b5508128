//! A notice travels with the redirect after a change (`?notice=…`): whichever page a form
//! leads to must show it, or the person never learns that their change was made.

use crate::helpers::TestApp;
use app::model::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn every_page_a_form_can_lead_to_shows_its_notice() {
    let app = TestApp::spawn().await;
    let pages = crate::helpers::demo_pages(&app).await;
    let admin = app.login_as(Role::Admin).await;
    let mut silent = Vec::new();
    for page in &pages {
        let sep = if page.contains('?') { '&' } else { '?' };
        let html = admin
            .page(&format!("{page}{sep}notice=Saved"), StatusCode::OK)
            .await;
        if !html.contains("role=\"status\"") || !html.contains("Saved.") {
            silent.push(page.clone());
        }
    }
    assert!(silent.is_empty(), "no notice shown on {silent:?}");
}
