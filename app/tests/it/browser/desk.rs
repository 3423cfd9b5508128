//! The border desk: a trainer sets up a shift, a trainee works it in the browser, and both read
//! the results.

use super::*;
use ::assessments::desk::shift::{CaseKind, Verdict};
use app::server::services::desk::shifts;

#[tokio::test]
async fn a_trainee_works_a_ten_traveller_shift_and_the_trainer_sees_the_result() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;

    // The trainer sets up a drill: ten travellers, one listed person, one look-alike impostor
    // and one near miss placed in the queue, nothing else drawn.
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url("/author/courses/document-examination#desk"))
        .await;
    b.click("#desk-new-open").await;
    b.type_into("#desk-title", "Drill: morning arrivals").await;
    b.type_into("#desk-travellers", "10").await;
    b.type_into("#desk-seed", "5").await;
    b.type_into("#desk-list", "500").await;
    for kind in CaseKind::ALL
        .into_iter()
        .filter(|k| *k != CaseKind::Genuine)
    {
        let code = app::model::desk::code_of(&kind);
        b.type_into(&format!("#rate-{code}"), "0").await;
    }
    for code in ["true_hit", "impostor", "near_miss"] {
        b.type_into(&format!("#fixed-{code}"), "1").await;
    }
    b.click("#desk-create").await;
    b.wait_text("#desk-scenario-list", "Drill: morning arrivals")
        .await;
    b.sign_out().await;

    // The trainee works the shift from the course page.
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url("/courses/document-examination")).await;
    b.click("#desk button[id^=desk-start-]").await;
    b.find("#desk-status").await;
    let url = b.url().await;
    let shift: i64 = url
        .rsplit('/')
        .next()
        .and_then(|s| s.split('?').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("desk URL {url}"));
    let trainee = crate::desk::user(&app.db, "trainee").await;
    let mut seen = Vec::new();
    for n in 0..10u32 {
        b.wait_text("#desk-position", &(n + 1).to_string()).await;
        let desk = shifts::desk(&app.db, &trainee, shift).await.unwrap();
        let t = desk.traveller.expect("a traveller at the desk");
        seen.push(t.key.kind);
        assert!(b.text("#desk-surname").await.contains(&t.holder.surname));
        b.click("#desk-query-button").await;
        b.find("#desk-query").await;
        // Confirm the listed person; dismiss everyone else the list returned.
        let candidates = shifts::query(&app.db, &trainee, shift)
            .await
            .unwrap()
            .candidates;
        if t.key.kind == CaseKind::NearMiss {
            assert!(!candidates.is_empty(), "a near miss returns a candidate");
        }
        for (e, _) in &candidates {
            let choice = if t.key.listed_as.as_ref() == Some(&e.id) {
                "confirm"
            } else {
                "dismiss"
            };
            b.click(&format!("#hit-{}-{choice}", e.id)).await;
            if choice == "dismiss" {
                b.select(&format!("#hit-{}-why", e.id), "birth_date").await;
            }
        }
        let expected = t.key.expectation();
        if expected.admit == Verdict::Right {
            b.click("#decision-admit").await;
        } else if expected.refuse == Verdict::Right {
            b.click("#decision-refuse").await;
            b.select("#desk-ground", expected.grounds[0].code()).await;
        } else {
            b.click("#decision-refer").await;
            b.type_into("#desk-note", "Photo and face differ: examine the document.")
                .await;
        }
        b.click("#desk-record").await;
    }
    for kind in [CaseKind::TrueHit, CaseKind::Impostor, CaseKind::NearMiss] {
        assert!(seen.contains(&kind), "{kind:?} in {seen:?}");
    }
    b.wait_text("#desk-right", "10 / 10").await;
    assert_eq!(b.text("#desk-critical").await, "0");
    b.sign_out().await;

    // The trainer sees the shift among those worked and opens its debrief.
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url("/author/courses/document-examination#desk"))
        .await;
    b.wait_text("#desk-shifts", "Samuel Okoro").await;
    b.wait_text("#desk-class-by-kind", "7 / 7").await;
    b.click(&format!(
        "#desk-shifts a[href='/desk/shifts/{shift}/results']"
    ))
    .await;
    b.wait_text("#desk-right", "10 / 10").await;
}
