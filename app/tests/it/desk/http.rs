//! The desk through the browser's forms: from the scenario form to the debrief, dismissals
//! with their reason, a class's own scenario, a trainer's imported watch list.

use super::*;

#[tokio::test]
async fn the_desk_works_in_the_browser_s_forms_from_scenario_to_debrief() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    let trainer = app.login_as(Role::Admin).await;
    let trainee_c = app.login_as(Role::Trainee).await;
    let editor = format!("/author/courses/{COURSE}");
    let scenario = |travellers: &'static str| {
        vec![
            ("title", "Evening arrivals, land border"),
            ("travellers", travellers),
            ("seed", "7"),
            ("time_limit_minutes", "20"),
            ("list_size", "300"),
            ("today", "2026-12-06"),
            ("rate_true_hit", "0"),
            ("fixed_true_hit", "1"),
            ("fixed_impostor", "1"),
        ]
    };
    // An impossible shift comes back with its message, and nothing is stored.
    let before = count(db, "desk_scenarios").await;
    let res = post_scenario(&app, &trainer, &scenario("0"), None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).contains("error="), "{}", location(&res));
    assert_eq!(count(db, "desk_scenarios").await, before);
    let res = post_scenario(&app, &trainer, &scenario("5"), None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).ends_with("#desk"), "{}", location(&res));
    let page = trainer.page(&editor, StatusCode::OK).await;
    assert!(page.contains("Evening arrivals, land border") && page.contains("desk-new-form"));
    let trainee = user(db, "trainee").await;
    let id = scenarios::of_course(db, &trainee, COURSE).await.unwrap()[0].id;

    // The demo data ships a practice shift in the primary-line course.
    let primary = trainee_c
        .page("/courses/primary-line", StatusCode::OK)
        .await;
    assert!(
        primary.contains("Practice shift: morning arrivals") && primary.contains("desk-start-"),
        "the demo shift on the primary-line course"
    );
    // The trainee starts it from the course page.
    let course = trainee_c
        .page(&format!("/courses/{COURSE}"), StatusCode::OK)
        .await;
    assert!(course.contains(&format!("desk-start-{id}")));
    let res = trainee_c
        .post_form(
            &format!("/desk/scenarios/{id}/start"),
            &format!("/courses/{COURSE}"),
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let desk_url = location(&res);
    let shift: i64 = desk_url.rsplit('/').next().unwrap().parse().unwrap();

    // Someone who is not the trainee sees neither the desk nor the images.
    let other = app.login_as(Role::Analyst).await;
    assert!(matches!(
        other.get(&desk_url).await.status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    assert!(matches!(
        other
            .get(&format!("{desk_url}/images/0/visible.jpg"))
            .await
            .status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    // The trainee sees the traveller at the desk, not the queue ahead.
    let ahead = trainee_c
        .get(&format!("{desk_url}/images/1/visible.jpg"))
        .await;
    assert_eq!(ahead.status(), StatusCode::NOT_FOUND);

    let mut n = 0;
    let mut natives = 0;
    loop {
        let desk = shifts::desk(db, &trainee, shift).await.unwrap();
        let Some(t) = desk.traveller.clone() else {
            break;
        };
        let page = trainee_c.page(&desk_url, StatusCode::OK).await;
        assert!(page.contains(&t.holder.surname), "traveller {n}");
        // A name printed in its own script is shown isolated, with its ICAO transliteration.
        if let Some(native) = &t.native_name {
            let icao = assessments::names::translit::transliterate(native)
                .unwrap()
                .forms[0]
                .join(" ");
            assert!(
                page.contains(&format!(r#"<bdi id="desk-native-name">{native}</bdi>"#))
                    && page.contains(&format!("<code>{icao}</code>")),
                "traveller {n}: {native} beside {icao}"
            );
            natives += 1;
        }
        // Before the query, the page names no list entry; nothing of the key is on it.
        assert!(entry_ids(&page).is_empty(), "{:?}", entry_ids(&page));
        for light in ["visible", "uv", "ir", "bearer"] {
            let res = trainee_c
                .get(&format!("{desk_url}/images/{n}/{light}.jpg"))
                .await;
            assert_eq!(res.status(), StatusCode::OK);
            assert_eq!(res.headers()["content-type"], "image/jpeg");
            assert_eq!(&res.bytes().await.unwrap()[..2], &[0xFF, 0xD8]);
        }
        let queried = trainee_c
            .page(&format!("{desk_url}?query=1"), StatusCode::OK)
            .await;
        let candidates = shifts::query(db, &trainee, shift).await.unwrap().candidates;
        for (e, _) in &candidates {
            assert!(queried.contains(&e.id), "candidate {} shown", e.id);
        }
        let must_stop = t.key.must_stop();
        let position = n.to_string();
        let mut fields: Vec<(String, String)> = vec![
            ("traveller".into(), position.clone()),
            ("queried".into(), "1".into()),
            (
                "note".into(),
                "Listed person and look-alike: second line to examine.".into(),
            ),
        ];
        for (e, _) in &candidates {
            let confirm = t.key.listed_as.as_ref() == Some(&e.id);
            fields.push((
                format!("hit:{}", e.id),
                if confirm { "confirm" } else { "dismiss" }.into(),
            ));
            fields.push((format!("why:{}", e.id), "birth_date".into()));
        }
        if n == 0 {
            // A refusal without its ground comes back with the message; nothing is stored.
            let mut bad: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            bad.push(("decision", "refuse"));
            let res = trainee_c
                .post_form(&format!("{desk_url}/decide"), &desk_url, &bad)
                .await;
            assert_eq!(res.status(), StatusCode::SEE_OTHER);
            assert!(location(&res).starts_with(&format!("{desk_url}?query=1")));
            assert!(location(&res).contains(Msg::ErrDeskGround.code()));
            assert_eq!(count(db, "desk_decisions").await, 0);
        }
        fields.push((
            "decision".into(),
            if must_stop { "refer" } else { "admit" }.into(),
        ));
        let send: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = trainee_c
            .post_form(&format!("{desk_url}/decide"), &desk_url, &send)
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        n += 1;
        if n == 5 {
            assert_eq!(location(&res), format!("{desk_url}/results"));
        } else {
            assert!(location(&res).starts_with(&desk_url));
            // Sent twice (a double click), the decision is refused, not recorded again.
            let again = trainee_c
                .post_form(&format!("{desk_url}/decide"), &desk_url, &send)
                .await;
            assert!(location(&again).contains(Msg::ErrDeskDecided.code()));
        }
    }
    assert_eq!(n, 5);
    println!("travellers with a name in their own script: {natives}");
    assert_eq!(count(db, "desk_decisions").await, 5);
    let over = trainee_c.page(&desk_url, StatusCode::OK).await;
    assert!(over.contains("desk-over"));
    let results = trainee_c
        .page(&format!("{desk_url}/results"), StatusCode::OK)
        .await;
    assert!(
        results.contains("desk-summary") && results.contains("5 / 5"),
        "{results}"
    );
    // The course's trainer sees the shift, its results and the class's results per case.
    let editor_page = trainer.page(&editor, StatusCode::OK).await;
    assert!(editor_page.contains(&format!("/desk/shifts/{shift}/results")));
    assert!(editor_page.contains("desk-class-by-kind"));
    trainer
        .page(&format!("{desk_url}/results"), StatusCode::OK)
        .await;
    assert!(matches!(
        other.get(&format!("{desk_url}/results")).await.status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
}

#[tokio::test]
async fn a_dismissed_candidate_is_dismissed_for_a_stated_reason() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    let admin = user(db, "admin").await;
    let trainee = user(db, "trainee").await;
    let id = scenarios::create(db, &admin, COURSE, input(1, vec![(CaseKind::NearMiss, 1)]))
        .await
        .unwrap();
    let shift = shifts::start(db, &trainee, id).await.unwrap();
    let candidates = shifts::query(db, &trainee, shift).await.unwrap().candidates;
    let entry = candidates
        .first()
        .expect("a near miss has a candidate")
        .0
        .id
        .clone();
    let dismiss = |reasons: Vec<(String, String)>| shifts::DecisionInput {
        traveller: 0,
        queried: true,
        confirmed: Vec::new(),
        dismissed: vec![entry.clone()],
        reasons,
        decision: "admit".into(),
        ground: None,
        note: String::new(),
    };
    for reasons in [
        vec![],
        vec![(entry.clone(), "looks different".to_string())],
        vec![("W999999".to_string(), "birth_date".to_string())],
    ] {
        let e = shifts::decide(db, &trainee, shift, dismiss(reasons))
            .await
            .unwrap_err();
        assert_eq!(field_error(e), ("confirmed".into(), Msg::ErrDeskReason));
    }
    // The same candidate named twice (a reason checked, another stored) is refused.
    let e = shifts::decide(
        db,
        &trainee,
        shift,
        dismiss(vec![
            (entry.clone(), "birth_date".to_string()),
            (entry.clone(), "junk".to_string()),
        ]),
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_error(e),
        ("confirmed".into(), Msg::ErrDeskUnknownEntry)
    );
    assert_eq!(count(db, "desk_decisions").await, 0);
    shifts::decide(
        db,
        &trainee,
        shift,
        dismiss(vec![(entry.clone(), "birth_date".to_string())]),
    )
    .await
    .unwrap();
    let r = results::of_shift(db, &trainee, shift).await.unwrap();
    assert_eq!(
        r.travellers[0].reasons,
        vec![(entry, "birth_date".to_string())]
    );
    // The decision counts on the progress dashboard, under its case kind.
    let page = app
        .login_as(Role::Admin)
        .await
        .page("/progress", StatusCode::OK)
        .await;
    assert!(
        page.contains("progress-desk"),
        "the desk table on /progress"
    );
    let csv = app
        .login_as(Role::Admin)
        .await
        .page("/progress/export/desk.csv", StatusCode::OK)
        .await;
    // The case kind's code for machines, beside its label for people.
    assert!(
        csv.contains("near_miss,\"Near miss: a similar name, another person\",1,1,100.0"),
        "{csv}"
    );
}

#[tokio::test]
async fn a_scenario_set_for_a_class_is_worked_by_that_class_only() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    let admin = user(db, "admin").await;
    let trainee = user(db, "trainee").await;
    let class = |name: &str| app::model::ClassInput {
        course: COURSE.into(),
        name: name.into(),
        starts_on: "2026-12-07".into(),
        ends_on: "2026-12-11".into(),
        location: "Northgate border post".into(),
        tot: None,
    };
    let northgate =
        app::server::services::learn::classes::create(db, &admin, &class("Northgate, December"))
            .await
            .unwrap();
    let for_class = |class_id| scenarios::ScenarioInput {
        class_id,
        ..input(3, vec![])
    };
    // A class of another course is refused.
    let other = app::server::services::learn::classes::create(
        db,
        &admin,
        &app::model::ClassInput {
            course: "migration-essentials".into(),
            ..class("Elsewhere")
        },
    )
    .await
    .unwrap();
    let e = scenarios::create(db, &admin, COURSE, for_class(Some(other)))
        .await
        .unwrap_err();
    assert_eq!(field_error(e), ("class".into(), Msg::ErrUnknownFilter));
    let id = scenarios::create(db, &admin, COURSE, for_class(Some(northgate)))
        .await
        .unwrap();
    // The demo trainee is not in the Northgate class: the course page does not offer the
    // shift, and starting it by hand finds nothing.
    let course = app::server::services::learn::courses::visible_course(db, &trainee, COURSE)
        .await
        .unwrap();
    let rows = app::server::services::desk::views::course_rows(db, &trainee, &course)
        .await
        .unwrap();
    assert!(rows.iter().all(|r| r.id != id));
    assert_eq!(
        shifts::start(db, &trainee, id).await.unwrap_err(),
        AppError::NotFound
    );
    // Enrolled in the class, they work it.
    app::server::services::learn::classes::enrol_login(db, &admin, northgate, "trainee")
        .await
        .unwrap();
    let rows = app::server::services::desk::views::course_rows(db, &trainee, &course)
        .await
        .unwrap();
    assert!(rows.iter().any(|r| r.id == id));
    shifts::start(db, &trainee, id).await.unwrap();
}

#[tokio::test]
async fn a_trainer_s_own_watch_list_is_imported_whole_or_not_at_all() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    let trainer = app.login_as(Role::Admin).await;
    let header = "surname,given_names,aliases,birth,nationality,sex,reason,action,valid_until\n";
    let fields = [
        ("title", "Own list drill"),
        ("travellers", "4"),
        ("seed", "3"),
        ("time_limit_minutes", "20"),
        ("list_size", "200"),
        ("today", "2026-12-06"),
    ];
    let send = |csv: String| post_scenario(&app, &trainer, &fields, Some(csv));
    // Two bad rows (an impossible date, an unknown action) and a good one: nothing is imported,
    // no scenario stored, and the editor lists each bad row with why.
    let bad = format!(
        "{header}AL-RASHID,OMAR,,1985-02-30,QZR,M,Smuggling network,refuse_entry,2030-01-01\n         PETROV,IVAN,,1979-04-11,QVK,M,Fraud,deport,2030-01-01\n         SILVA,ANA,,1990-06-01,QMV,F,Missing person,locate_missing_person,2030-01-01\n"
    );
    let before = count(db, "desk_scenarios").await;
    let res = send(bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The text as read (without the markers between the page's text nodes).
    let page = res.text().await.unwrap().replace("<!>", "");
    assert!(page.contains("desk-list-report"), "{page}");
    assert!(
        page.contains("Line 2 (birth)") && page.contains("Line 3 (action)"),
        "each bad row listed: {page}"
    );
    assert!(!page.contains("Line 4"), "the good row is not listed");
    assert_eq!(count(db, "desk_scenarios").await, before);
    // A good list is stored with the scenario and joins the generated list.
    let good = format!(
        "{header}SILVA,ANA,,1990-06-01,QMV,F,Missing person: locate and protect,locate_missing_person,2030-01-01\n"
    );
    let res = send(good).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", location(&res));
    let admin = user(db, "admin").await;
    let row = scenarios::of_course(db, &admin, COURSE)
        .await
        .unwrap()
        .remove(0);
    let g = app::server::services::desk::generated(db, &row)
        .await
        .unwrap();
    assert!(
        g.shift
            .watch
            .iter()
            .any(|e| e.surname == "SILVA" && e.reason.starts_with("Missing person")),
        "the trainer's person on the list"
    );
}
