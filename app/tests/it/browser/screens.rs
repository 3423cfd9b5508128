//! Screenshots for reviewers (`docs/screens/`): the course page, the dashboard and an exercise
//! page, on a 1366 × 768 laptop and a 375-pixel phone. Not part of the suite (the pictures
//! change with every style touch); refresh them with
//! `cargo test -p app --features ssr --test it -- --ignored screens` after `make site`.

use super::*;
use base64::Engine as _;

async fn shoot(b: &Browser, name: &str) {
    let png = b.cmd("GET", "/screenshot", json!({})).await;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(png.as_str().unwrap())
        .unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screens");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), bytes).unwrap();
}

#[tokio::test]
#[ignore = "writes docs/screens/; run on demand"]
async fn screens() {
    let app = TestApp::spawn().await;
    app::server::services::exercises::generated::ensure_shipped(&app.db)
        .await
        .unwrap();
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    let exercise = "/exercises/1";
    for (size, width, height, mobile) in [("1366x768", 1366, 768, false), ("375", 375, 740, true)] {
        b.viewport(width, height, mobile).await;
        b.goto(&app.url("/courses/document-examination")).await;
        b.find("#outline").await;
        shoot(&b, &format!("course-page-{size}")).await;
        b.goto(&app.url(exercise)).await;
        b.find("#exercise-form").await;
        tokio::time::sleep(Duration::from_millis(800)).await;
        shoot(&b, &format!("exercise-{size}")).await;
    }
    b.viewport(1366, 768, false).await;
    b.sign_out().await;
    // A year of a few agencies' learning, so the dashboard has something to show.
    use app::server::services::demo::scale::{Size, generate};
    let size = Size {
        countries: 2,
        agencies_per_country: 3,
        courses: 3,
        trainees: 120,
        events: 6_000,
    };
    generate(&app.db, size, 7).await.unwrap();
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    for (size, width, height, mobile) in [("1366x768", 1366, 768, false), ("375", 375, 740, true)] {
        b.viewport(width, height, mobile).await;
        b.goto(&app.url("/progress")).await;
        b.find("h1").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        shoot(&b, &format!("dashboard-{size}")).await;
        b.script("document.getElementById('trends').scrollIntoView();")
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        shoot(&b, &format!("dashboard-trends-{size}")).await;
    }
}
