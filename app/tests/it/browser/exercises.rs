//! Document exercises: a drawn anomaly exercise and a generated specimen.

use super::*;

/// Signs the demo trainee in and opens exercise `id`, once its marker board is live.
async fn open_board_as_trainee(b: &Browser, app: &TestApp, id: i64) {
    b.sign_in(app, "trainee", "trainee-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url(&format!("/exercises/{id}"))).await;
    b.wait_for(
        "the marker board",
        "document.querySelector('.marker-board[data-live=\"1\"]')",
    )
    .await;
}

#[tokio::test]
async fn a_trainer_draws_an_anomaly_exercise_and_a_trainee_marks_it_and_sees_the_overlay() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data-page.png");
    image::RgbImage::from_fn(1000, 600, |x, y| {
        image::Rgb([(x % 200) as u8 + 40, (y % 150) as u8 + 60, 140])
    })
    .save(&file)
    .unwrap();

    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url("/author/courses/document-examination"))
        .await;
    b.type_into("#new-exercise-title", "Spot the altered data page")
        .await;
    b.select("#new-exercise-kind", "anomalies").await;
    b.type_into("#new-exercise-file", &file.display().to_string())
        .await;
    b.click("#create-exercise").await;
    b.find("#regions").await;
    let editor = b.url().await;
    let id: i64 = editor
        .rsplit("/author/exercises/")
        .next()
        .and_then(|s| s.split('?').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("editor URL {editor}"));
    b.wait_for(
        "the drawing island",
        "document.querySelector('.region-drawer[data-live=\"1\"]')",
    )
    .await;

    // Two regions drawn with the mouse: the island fills the form, the author labels them.
    for (i, (from, to, label)) in [
        ((0.1, 0.1), (0.3, 0.3), "Altered check digit"),
        ((0.6, 0.6), (0.8, 0.8), "Substituted photo"),
    ]
    .into_iter()
    .enumerate()
    {
        b.click("#tool-rect").await;
        b.drag("#draw-stage", from, to).await;
        b.wait_for(
            "coordinates from the drawing",
            "document.querySelector('#new-region-coords').value.split(',').length === 4",
        )
        .await;
        b.type_into("#new-region-label", label).await;
        b.click("#add-region").await;
        b.wait_for(
            "the region in the list",
            &format!(
                "document.querySelectorAll('#region-list tbody tr').length === {}",
                i + 1
            ),
        )
        .await;
    }
    use sea_orm::EntityTrait;
    let spec = app::server::entities::exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .spec;
    assert!(
        spec.contains(r#""x":100.0,"y":60.0"#) || spec.contains(r#""x":100,"#),
        "drawn where dragged: {spec}"
    );
    assert!(b.text("#exercise-ready").await.contains("Ready to publish"));
    b.click("#publish-exercise").await;
    b.wait_text("#exercise-status", "Published").await;
    // Once published, it no longer says it is ready to be.
    assert!(b.text("#exercise-ready").await.contains("trainees"));
    b.sign_out().await;

    // The trainee zooms, marks the first anomaly and a place with nothing, and submits.
    open_board_as_trainee(&b, &app, id).await;
    // At 100 % the whole document is in view inside its box (no scrolling to reach the MRZ),
    // and the typed-coordinates field for browsers without WebAssembly is gone.
    b.wait_for(
        "the document to fit its box",
        "(() => { const v = document.getElementById('board'); \
         return v.scrollHeight <= v.clientHeight + 1 && v.scrollWidth <= v.clientWidth + 1 \
         && document.querySelector('#stage img').complete; })()",
    )
    .await;
    assert_eq!(
        b.script("return document.querySelector('.markers-field').checkVisibility();")
            .await,
        json!(false)
    );
    // Nothing the page does is refused by the content security policy, or fails.
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    b.click("#zoom-in").await;
    b.wait_text("#zoom-level", "150 %").await;
    b.script("document.getElementById('board').scrollTo(0, 0); return true;")
        .await;
    b.drag("#stage", (0.2, 0.2), (0.2, 0.2)).await;
    b.drag("#stage", (0.45, 0.5), (0.45, 0.5)).await;
    b.wait_text("#marker-count", "2").await;
    // A reload (a slip of the finger, a browser restarted) finds the markers where they were.
    let placed = b
        .script("return document.getElementById('markers').value;")
        .await;
    b.goto(&app.url(&format!("/exercises/{id}"))).await;
    b.wait_for(
        "the marker board again",
        "document.querySelector('.marker-board[data-live=\"1\"]')",
    )
    .await;
    b.wait_text("#marker-count", "2").await;
    assert_eq!(
        b.script("return document.getElementById('markers').value;")
            .await,
        placed
    );
    b.click("#submit-exercise").await;
    b.wait_text("#exercise-score", "25 %").await;
    assert!(b.exists("#result-overlay .marker.hit").await);
    assert!(b.exists("#result-overlay .marker.false").await);
    assert!(b.exists("#result-overlay .region.missed").await);
    assert!(b.text("#outcome-lines").await.contains("Substituted photo"));
    // A new attempt starts from an empty board.
    b.goto(&app.url(&format!("/exercises/{id}"))).await;
    b.wait_for(
        "a fresh board",
        "document.querySelector('.marker-board[data-live=\"1\"]')",
    )
    .await;
    assert_eq!(b.text("#marker-count").await, "0");
}

#[tokio::test]
async fn a_generated_specimen_exercise_runs_end_to_end() {
    use app::model::exercise::ExerciseSpec;
    use sea_orm::EntityTrait;
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url("/author/courses/document-examination"))
        .await;
    b.select("#generate-kind", "mrz").await;
    b.type_into("#generate-seed", "21").await;
    b.click("#generate-exercise").await;
    b.find("#exercise-ready").await;
    let editor = b.url().await;
    let id: i64 = editor
        .rsplit("/author/exercises/")
        .next()
        .and_then(|s| s.split('?').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("editor URL {editor}"));
    b.click("#publish-exercise").await;
    b.wait_text("#exercise-status", "Published").await;
    b.sign_out().await;

    let e = app::server::entities::exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let key = serde_json::from_str::<ExerciseSpec>(&e.spec)
        .unwrap()
        .mrz
        .expect("an MRZ key");
    // The trainee works in French and reads the result in French.
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#sign-out").await;
    b.click("button[name=lang][value=fr]").await;
    b.wait_for("French", "document.documentElement.lang === 'fr'")
        .await;
    b.goto(&app.url(&format!("/exercises/{id}"))).await;
    b.find(".exercise-figure img").await;
    b.click(if key.wrong.is_empty() {
        "#consistent-yes"
    } else {
        "#consistent-no"
    })
    .await;
    for field in &key.wrong {
        b.click(&format!("#wrong-{field}")).await;
    }
    b.click("#submit-exercise").await;
    b.wait_text("#exercise-score", "100 %").await;
    assert!(b.exists("#outcome-lines tr.ok").await);
    let lines = b.text("#outcome-lines").await;
    assert!(lines.contains("ZLA cohérente"), "{lines}");
    assert!(lines.contains(if key.wrong.is_empty() { "Oui" } else { "Non" }));
    for english in ["MRZ consistent", "Yes", "wrong"] {
        assert!(!lines.contains(english), "{english} in {lines}");
    }
}

#[tokio::test]
async fn the_image_board_speaks_to_a_keyboard_user() {
    use app::model::exercise::ExerciseKind;
    use app::server::services::exercises::generated;
    let app = TestApp::spawn().await;
    let course = crate::helpers::course_id(&app, "document-examination").await;
    let draft = generated::draft(ExerciseKind::Anomalies, 3, 1);
    let id = generated::store(&app.db, None, (course, None), None, draft, true)
        .await
        .unwrap();
    let b = Browser::start().await;
    open_board_as_trainee(&b, &app, id).await;
    // A role, a name, and its keyboard instructions linked.
    let board = b
        .script(
            "const b = document.getElementById('board'); \
             return [b.getAttribute('role'), b.getAttribute('aria-label'), \
             document.getElementById(b.getAttribute('aria-describedby')).textContent];",
        )
        .await;
    assert_eq!(board[0], json!("application"));
    assert!(board[1].as_str().unwrap().contains("Document to examine"));
    assert!(board[2].as_str().unwrap().contains("Shift"), "{board}");
    // Placing and removing markers is announced.
    b.keys("#board", "\u{E007}").await;
    b.wait_text("#board-status", "Marker 1 placed — 1 of 50")
        .await;
    b.keys("#board", "\u{E014}\u{E014}\u{E014}\u{E007}").await;
    b.wait_text("#board-status", "Marker 2 placed — 2 of 50")
        .await;
    b.keys("#board", "\u{E003}").await;
    b.wait_text("#board-status", "Marker 2 removed — 1 of 50")
        .await;
    assert_eq!(b.text("#marker-count").await, "1");
    // The cross has a dark halo under its light lines.
    assert!(b.exists("#stage .cross line.halo").await);
    // The magnifier follows the keyboard's cross (Shift with an arrow moves it further).
    b.keys("#loupe-toggle", " ").await;
    b.script("document.getElementById('board').focus(); return true;")
        .await;
    b.wait_for(
        "the magnifier on the cross",
        "getComputedStyle(document.querySelector('.loupe')).display === 'block'",
    )
    .await;
    let before = b
        .script("return parseFloat(document.querySelector('.loupe').style.left);")
        .await
        .as_f64()
        .unwrap();
    b.keys("#board", "\u{E008}\u{E014}\u{E000}").await;
    b.wait_for(
        "the magnifier to move with the cross",
        &format!("parseFloat(document.querySelector('.loupe').style.left) > {before} + 5"),
    )
    .await;
    // Results tell a hit from a false mark by shape: round and square.
    b.keys("#board", "\u{E008}\u{E014}\u{E014}\u{E000}\u{E007}")
        .await;
    b.wait_text("#marker-count", "2").await;
    // And submitted from the keyboard: Enter on the focused button.
    b.keys("#submit-exercise", "\u{E007}").await;
    b.find("#exercise-score").await;
    let shapes = b
        .script(
            "const m = [...document.querySelectorAll('#result-overlay .marker')]; \
             return [m.length, m.every(g => g.classList.contains('hit') ? !!g.querySelector('circle') \
             : !!g.querySelector('rect') && !g.querySelector('circle'))];",
        )
        .await;
    assert_eq!(shapes, json!([2, true]));
}

/// A first-line drill in Chromium: the page says the limit, the island counts the seconds
/// down, and the trainee's verdict in time earns its marks.
#[tokio::test]
async fn a_trainee_takes_a_first_line_drill_against_the_clock() {
    use app::server::entities::exercise;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn().await;
    app::server::services::exercises::generated::ensure_shipped_second_part(&app.db)
        .await
        .unwrap();
    let drill = exercise::Entity::find()
        .filter(exercise::Column::Title.starts_with("First-line drill 1 "))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the visa drill");
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url(&format!("/exercises/{}", drill.id))).await;
    assert!(b.text("#drill-limit").await.contains("90 seconds"));
    let seconds =
        "Number((document.querySelector('#drill-seconds').textContent.match(/\\d+/) || ['-1'])[0])";
    let first = b.script(&format!("return {seconds};")).await;
    let first = first.as_i64().expect("seconds shown");
    assert!((1..=90).contains(&first), "{first}");
    // The island ticks: the seconds left go down while the page stays open.
    b.wait_for(
        "the countdown",
        &format!("{seconds} >= 0 && {seconds} < {first}"),
    )
    .await;
    // A genuine visa: the trainee says so and submits in time.
    b.click("#verdict-genuine").await;
    b.click("#submit-exercise").await;
    b.find("#exercise-score").await;
    assert_eq!(b.text("#exercise-score").await, "100 %");
    assert!(!b.exists("#over-time").await);
}
