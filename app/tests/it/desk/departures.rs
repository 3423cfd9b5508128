//! A departures hall: exits registered, and who must be held is held.

use super::*;

#[tokio::test]
async fn a_departures_hall_registers_exits_and_holds_who_must_be_held() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    let trainer = app.login_as(Role::Admin).await;
    let trainee_c = app.login_as(Role::Trainee).await;
    let trainee = user(db, "trainee").await;
    // A share of departures beyond 100 % is refused with its own message, and stores nothing.
    let form = |exits: &'static str| {
        vec![
            ("stay_max_days", "30"),
            ("stay_window_days", "60"),
            ("title", "Departures hall, evening"),
            ("travellers", "6"),
            ("seed", "5"),
            ("time_limit_minutes", "20"),
            ("list_size", "300"),
            ("today", "2026-12-06"),
            ("exit_percent", exits),
            ("fixed_overstay", "1"),
            ("fixed_impostor", "1"),
        ]
    };
    let before = count(db, "desk_scenarios").await;
    let res = post_scenario(&app, &trainer, &form("140"), None).await;
    assert!(
        location(&res).contains("field=desk_exit_percent"),
        "{}",
        location(&res)
    );
    assert_eq!(count(db, "desk_scenarios").await, before);
    // So is a stay rule that allows as many days as its window holds.
    let mut bad_rule = form("100");
    bad_rule[1] = ("stay_window_days", "30");
    let res = post_scenario(&app, &trainer, &bad_rule, None).await;
    assert!(
        location(&res).contains("field=desk_stay_max_days"),
        "{}",
        location(&res)
    );
    assert_eq!(count(db, "desk_scenarios").await, before);
    let res = post_scenario(&app, &trainer, &form("100"), None).await;
    assert!(location(&res).ends_with("#desk"), "{}", location(&res));
    let editor = trainer
        .page(&format!("/author/courses/{COURSE}"), StatusCode::OK)
        .await;
    assert!(editor.contains("Departures hall, evening"));
    let id = scenarios::of_course(db, &trainee, COURSE).await.unwrap()[0].id;
    let shift = shifts::start(db, &trainee, id).await.unwrap();
    let desk_url = format!("/desk/shifts/{shift}");

    let desk = shifts::desk(db, &trainee, shift).await.unwrap();
    let t = desk.traveller.clone().unwrap();
    assert_eq!(t.key.direction, assessments::desk::shift::Direction::Exit);
    // The desk offers what an exit allows: register it, or refer; no refusal, no ground.
    let page = strip_markers(&trainee_c.page(&desk_url, StatusCode::OK).await);
    assert!(page.contains("Register the exit") && page.contains("Departing"));
    // The scenario's national rule is the calculator's.
    assert!(
        page.contains("<dd>30 / 60</dd>"),
        "the 30-in-60 rule on the desk"
    );
    assert!(!page.contains("decision-refuse") && !page.contains("desk-ground"));
    // A refusal sent all the same is refused, and nothing is stored.
    let res = trainee_c
        .post_form(
            &format!("{desk_url}/decide"),
            &desk_url,
            &[
                ("traveller", "0"),
                ("decision", "refuse"),
                ("ground", "alert_listed"),
            ],
        )
        .await;
    assert!(
        location(&res).contains(Msg::ErrDeskRefuseExit.code()),
        "{}",
        location(&res)
    );
    // Without a ground, the message is still that a departure is not refused.
    let res = trainee_c
        .post_form(
            &format!("{desk_url}/decide"),
            &desk_url,
            &[("traveller", "0"), ("decision", "refuse")],
        )
        .await;
    assert!(
        location(&res).contains(Msg::ErrDeskRefuseExit.code()),
        "{}",
        location(&res)
    );
    assert_eq!(count(db, "desk_decisions").await, 0);

    // A foreigner's visit is on the stay calculator: the day it began and the days over.
    let mut overstayer_seen = false;
    loop {
        let desk = shifts::desk(db, &trainee, shift).await.unwrap();
        let Some(t) = desk.traveller.clone() else {
            break;
        };
        if t.key.kind == CaseKind::Overstay {
            let page = strip_markers(&trainee_c.page(&desk_url, StatusCode::OK).await);
            let began = t.entered.expect("an overstayer's visit").to_string();
            assert!(page.contains(&format!("id=\"desk-visit-began\">{began}")));
            assert!(
                !page.contains("id=\"desk-days-over\">0<"),
                "no days over shown"
            );
            overstayer_seen = true;
        }
        work_rightly(db, &trainee, shift).await;
    }
    assert!(overstayer_seen);
    let r = results::of_shift(db, &trainee, shift).await.unwrap();
    assert_eq!((r.summary.right, r.summary.travellers), (6, 6));
    // Letting the impostor go would have been critical: the key holds them at exit too.
    assert!(
        r.travellers
            .iter()
            .filter(|t| matches!(t.key.kind, CaseKind::Impostor | CaseKind::Overstay))
            .all(|t| t.key.must_stop() && t.scored.decision.stops())
    );
    let debrief = strip_markers(
        &trainee_c
            .page(&format!("{desk_url}/results"), StatusCode::OK)
            .await,
    );
    assert!(debrief.contains("Departing"));
}
