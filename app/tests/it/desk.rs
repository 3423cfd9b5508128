//! The border desk's services on a real database: a trainer defines a shift in a course, a
//! trainee works it traveller by traveller, and the shift is scored; and every way a decision
//! can be refused, with nothing stored.

use crate::helpers::*;
use app::error::AppError;
use app::i18n::Msg;
use app::model::{CurrentUser, Role};
use app::server::services::desk::{results, scenarios, shifts};
use assessments::desk::shift::CaseKind;
use assessments::desk::stay::Rule;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

const COURSE: &str = "document-examination";

pub async fn user(db: &DatabaseConnection, login: &str) -> CurrentUser {
    use app::server::entities::person;
    let id = person::Entity::find()
        .filter(person::Column::Login.eq(login))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    app::server::services::people::current_user(db, id)
        .await
        .unwrap()
        .unwrap()
        .0
}

fn input(travellers: u32, fixed: Vec<(CaseKind, u32)>) -> scenarios::ScenarioInput {
    scenarios::ScenarioInput {
        title: "Morning shift, airport arrivals".into(),
        travellers,
        seed: 11,
        rates: Vec::new(),
        fixed,
        rule: Rule::NINETY_IN_ONE_EIGHTY,
        time_limit_minutes: 30,
        list_size: 300,
        today: time::macros::date!(2026 - 12 - 06),
        class_id: None,
        own_list: Vec::new(),
        exit_share: 0.0,
    }
}

fn field_error(e: AppError) -> (String, Msg) {
    match e {
        AppError::Validation(errors) => (errors[0].field.clone(), errors[0].message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// Works the traveller at the desk as a careful officer would, from the key: query, confirm
/// the listed person, dismiss the others, stop whoever must be stopped.
async fn work_rightly(db: &DatabaseConnection, trainee: &CurrentUser, shift: i64) -> bool {
    let desk = shifts::desk(db, trainee, shift).await.unwrap();
    let t = desk.traveller.expect("a traveller at the desk");
    let found = shifts::query(db, trainee, shift).await.unwrap();
    let ids: Vec<String> = found.candidates.iter().map(|(e, _)| e.id.clone()).collect();
    let confirmed: Vec<String> = t.key.listed_as.iter().cloned().collect();
    let dismissed: Vec<String> = ids.into_iter().filter(|i| !confirmed.contains(i)).collect();
    shifts::decide(
        db,
        trainee,
        shift,
        shifts::DecisionInput {
            traveller: desk.position,
            queried: true,
            confirmed,
            reasons: dismissed
                .iter()
                .map(|d| (d.clone(), "name_only".to_string()))
                .collect(),
            dismissed,
            decision: if t.key.must_stop() { "refer" } else { "admit" }.into(),
            ground: None,
            note: "Sent to second line: see the hit and the document checks.".into(),
        },
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn a_trainee_works_a_shift_and_it_is_scored() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    let admin = user(db, "admin").await;
    let trainee = user(db, "trainee").await;
    let id = scenarios::create(
        db,
        &admin,
        COURSE,
        input(
            6,
            vec![(CaseKind::TransliterationHit, 1), (CaseKind::Impostor, 1)],
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        scenarios::of_course(db, &trainee, COURSE)
            .await
            .unwrap()
            .len(),
        1
    );
    let shift = shifts::start(db, &trainee, id).await.unwrap();
    // Starting again returns the open shift.
    assert_eq!(shifts::start(db, &trainee, id).await.unwrap(), shift);
    let mut over = false;
    let mut n = 0;
    while !over {
        over = work_rightly(db, &trainee, shift).await;
        n += 1;
    }
    assert_eq!(n, 6);
    // Every decision is a learning event of the course, scored 100 when right.
    let events: Vec<(String, Option<f64>)> = db
        .query_all(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT kind, score FROM learning_events WHERE ref_id = {shift} AND kind = 'desk_decided'"),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get("", "kind").unwrap(), r.try_get("", "score").unwrap()))
        .collect();
    assert_eq!(events.len(), 6);
    assert!(events.iter().all(|(_, s)| *s == Some(100.0)));
    let desk = shifts::desk(db, &trainee, shift).await.unwrap();
    assert!(desk.traveller.is_none() && desk.shift.finished_at.is_some());
    let r = results::of_shift(db, &trainee, shift).await.unwrap();
    assert_eq!(
        (r.summary.travellers, r.summary.right, r.unreached),
        (6, 6, 0)
    );
    assert_eq!(
        (r.summary.critical, r.summary.major, r.summary.minor),
        (0, 0, 0)
    );
    assert_eq!(r.summary.hit_rate, Some(1.0));
    assert_eq!(r.summary.false_alarm_rate, Some(0.0));
    assert!(r.summary.d_prime.unwrap() > 1.0);
    // The debrief explains how the list scored the listed traveller under another spelling.
    let hit = r
        .travellers
        .iter()
        .find(|t| t.key.kind == CaseKind::TransliterationHit)
        .unwrap();
    let (_, explanation) = hit.listed.as_ref().unwrap();
    assert!(explanation.hit, "{explanation:?}");
    // The course's authors (here the administrator) see the trainee's results; someone else
    // neither works the shift nor sees its results.
    assert!(results::of_shift(db, &admin, shift).await.is_ok());
    let trainer = user(db, "trainer").await;
    let err = shifts::desk(db, &trainer, shift).await.unwrap_err();
    assert_eq!(err, AppError::Forbidden);
    let assessor = user(db, "assessor").await;
    assert!(results::of_shift(db, &assessor, shift).await.is_err());
}

#[tokio::test]
async fn bad_decisions_are_refused_and_store_nothing() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    let admin = user(db, "admin").await;
    let trainee = user(db, "trainee").await;
    let trainer = user(db, "trainer").await;
    let id = scenarios::create(
        db,
        &admin,
        COURSE,
        input(3, vec![(CaseKind::StolenDocument, 1)]),
    )
    .await
    .unwrap();
    let shift = shifts::start(db, &trainee, id).await.unwrap();
    let decision = |traveller: u32,
                    decision: &str,
                    ground: Option<&str>,
                    confirmed: Vec<String>| shifts::DecisionInput {
        traveller,
        queried: true,
        confirmed,
        dismissed: Vec::new(),
        reasons: Vec::new(),
        decision: decision.into(),
        ground: ground.map(String::from),
        note: String::new(),
    };
    // A refusal without its ground; a decision that is none; an entry the list never returned.
    let e = shifts::decide(db, &trainee, shift, decision(0, "refuse", None, vec![]))
        .await
        .unwrap_err();
    assert_eq!(field_error(e), ("ground".into(), Msg::ErrDeskGround));
    let e = shifts::decide(
        db,
        &trainee,
        shift,
        decision(0, "wave through", None, vec![]),
    )
    .await
    .unwrap_err();
    assert_eq!(field_error(e), ("decision".into(), Msg::ErrRequired));
    let e = shifts::decide(
        db,
        &trainee,
        shift,
        decision(0, "admit", None, vec!["W999999".into()]),
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_error(e),
        ("confirmed".into(), Msg::ErrDeskUnknownEntry)
    );
    let mut long = decision(0, "refer", None, vec![]);
    long.note = "x".repeat(shifts::MAX_NOTE + 1);
    let e = shifts::decide(db, &trainee, shift, long).await.unwrap_err();
    assert_eq!(field_error(e), ("note".into(), Msg::ErrTooLong));
    // Acting on another trainee's shift.
    let e = shifts::decide(db, &trainer, shift, decision(0, "admit", None, vec![]))
        .await
        .unwrap_err();
    assert_eq!(e, AppError::Forbidden);
    assert_eq!(count(db, "desk_decisions").await, 0);
    let desk_events = "SELECT COUNT(*) AS n FROM learning_events WHERE kind = 'desk_decided'";
    // The same traveller decided twice: the second is refused.
    shifts::decide(db, &trainee, shift, decision(0, "admit", None, vec![]))
        .await
        .unwrap();
    let e = shifts::decide(db, &trainee, shift, decision(0, "refer", None, vec![]))
        .await
        .unwrap_err();
    assert_eq!(field_error(e), ("decision".into(), Msg::ErrDeskDecided));
    assert_eq!(count(db, "desk_decisions").await, 1);
    // After the time limit.
    db.execute_unprepared(&format!(
        "UPDATE desk_shifts SET deadline = started_at WHERE id = {shift}"
    ))
    .await
    .unwrap();
    let e = shifts::decide(db, &trainee, shift, decision(1, "admit", None, vec![]))
        .await
        .unwrap_err();
    assert_eq!(field_error(e), ("decision".into(), Msg::ErrDeskTimeUp));
    assert_eq!(count(db, "desk_decisions").await, 1);
    // Over, the shift shows the traveller decided, not the first one never reached.
    use app::server::services::desk::images;
    images::of_traveller(db, &trainee, shift, 0).await.unwrap();
    assert_eq!(
        images::of_traveller(db, &trainee, shift, 1)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    // A scenario is worked once: starting it again returns the shift that is over.
    assert_eq!(shifts::start(db, &trainee, id).await.unwrap(), shift);
    // One decision stored, one event: the refused ones wrote neither.
    let n: i64 = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            desk_events,
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap();
    assert_eq!(n, 1);
    let e = shifts::decide(db, &trainee, shift, decision(1, "admit", None, vec![]))
        .await
        .unwrap_err();
    assert_eq!(field_error(e), ("decision".into(), Msg::ErrDeskOver));
    let r = results::of_shift(db, &trainee, shift).await.unwrap();
    assert_eq!((r.summary.travellers, r.unreached), (1, 2));
}

#[tokio::test]
async fn only_a_course_s_authors_define_shifts_and_impossible_ones_are_refused() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    let trainee = user(db, "trainee").await;
    let admin = user(db, "admin").await;
    // The demo data's practice shift is already there.
    let before = count(db, "desk_scenarios").await;
    let e = scenarios::create(db, &trainee, COURSE, input(5, vec![]))
        .await
        .unwrap_err();
    assert_eq!(e, AppError::Forbidden);
    let mut no_title = input(5, vec![]);
    no_title.title = "  ".into();
    let mut no_time = input(5, vec![]);
    no_time.time_limit_minutes = 0;
    let cases = [
        (input(0, vec![]), "travellers", Msg::ErrDeskSpec),
        (
            input(2, vec![(CaseKind::Impostor, 3)]),
            "travellers",
            Msg::ErrDeskSpec,
        ),
        (no_title, "title", Msg::ErrRequired),
        (no_time, "time_limit_minutes", Msg::ErrDeskTimeLimit),
    ];
    for (bad, field, msg) in cases {
        let e = scenarios::create(db, &admin, COURSE, bad)
            .await
            .unwrap_err();
        assert_eq!(field_error(e), (field.to_string(), msg));
    }
    assert_eq!(count(db, "desk_scenarios").await, before);
    assert!(
        scenarios::create(db, &admin, "no-such-course", input(5, vec![]))
            .await
            .is_err()
    );
}

/// Posts the scenario form (multipart, as the browser sends it) with `fields` and, when given, a
/// watch-list CSV.
async fn post_scenario(
    app: &TestApp,
    c: &Client,
    fields: &[(&str, &str)],
    csv: Option<String>,
) -> reqwest::Response {
    let editor = format!("/author/courses/{COURSE}");
    let mut form = reqwest::multipart::Form::new().text("csrf_token", c.csrf().await);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some(csv) = csv {
        form = form.part(
            "watch_csv",
            reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("list.csv"),
        );
    }
    c.http
        .post(app.url(&format!("{editor}/desk")))
        .header("accept", "text/html")
        .header("referer", app.url(&editor))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Entry ids of the lists (`W000123` generated persons, `P000123` the travellers listed,
/// `T000123` imported) in a page.
fn entry_ids(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    for i in 0..bytes.len().saturating_sub(7) {
        if matches!(bytes[i], b'W' | b'P' | b'T')
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes[i + 1..i + 7].iter().all(u8::is_ascii_digit)
            && bytes.get(i + 7).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            found.push(html[i..i + 7].to_string());
        }
    }
    found
}

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
    loop {
        let desk = shifts::desk(db, &trainee, shift).await.unwrap();
        let Some(t) = desk.traveller.clone() else {
            break;
        };
        let page = trainee_c.page(&desk_url, StatusCode::OK).await;
        assert!(page.contains(&t.holder.surname), "traveller {n}");
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
    assert!(csv.contains("near_miss,1,1,100.0"), "{csv}");
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

/// A page's HTML without the markers Leptos leaves between text nodes.
fn strip_markers(html: &str) -> String {
    html.replace("<!>", "")
}

#[tokio::test]
async fn a_class_s_trainers_review_their_trainees_shifts_and_no_one_else_s() {
    use app::server::entities::{class, course};
    let app = TestApp::spawn().await;
    let db = &app.db;
    let admin = user(db, "admin").await;
    let trainee = user(db, "trainee").await;
    let trainer_c = app.login_as(Role::Trainer).await;
    // The demo trainer trains the course's demo class, where the demo trainee is enrolled; they
    // are not one of the course's authors.
    let course_id = course::Entity::find()
        .filter(course::Column::Slug.eq(COURSE))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let demo_class = class::Entity::find()
        .filter(class::Column::CourseId.eq(course_id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let whole = scenarios::create(db, &admin, COURSE, input(3, vec![]))
        .await
        .unwrap();
    let shift = shifts::start(db, &trainee, whole).await.unwrap();
    work_rightly(db, &trainee, shift).await;
    // A scenario set for another class, which the trainee is also in.
    let northgate = app::server::services::learn::classes::create(
        db,
        &admin,
        &app::model::ClassInput {
            course: COURSE.into(),
            name: "Northgate, December".into(),
            starts_on: "2026-12-07".into(),
            ends_on: "2026-12-11".into(),
            location: "Northgate border post".into(),
            tot: None,
        },
    )
    .await
    .unwrap();
    app::server::services::learn::classes::enrol_login(db, &admin, northgate, "trainee")
        .await
        .unwrap();
    let elsewhere = scenarios::create(
        db,
        &admin,
        COURSE,
        scenarios::ScenarioInput {
            title: "Northgate only".into(),
            class_id: Some(northgate),
            ..input(3, vec![])
        },
    )
    .await
    .unwrap();
    let other_shift = shifts::start(db, &trainee, elsewhere).await.unwrap();
    // The admin's own try of the shift: the admin is in no class.
    let admins_shift = shifts::start(db, &admin, whole).await.unwrap();

    // The class's desk lists the trainee's shift on the scenarios the class works, not the
    // one set for another class.
    let page = strip_markers(
        &trainer_c
            .page(&format!("/classes/{demo_class}/desk"), StatusCode::OK)
            .await,
    );
    assert!(
        page.contains(&format!("/desk/shifts/{shift}/results")),
        "{page}"
    );
    assert!(page.contains("Morning shift, airport arrivals"));
    assert!(!page.contains("Northgate only"));
    assert!(!page.contains(&format!("/desk/shifts/{other_shift}/results")));
    assert!(!page.contains(&format!("/desk/shifts/{admins_shift}/results")));
    let class_page = trainer_c
        .page(&format!("/classes/{demo_class}"), StatusCode::OK)
        .await;
    assert!(class_page.contains(&format!("/classes/{demo_class}/desk")));
    // Its debrief and its images open for the trainer, with the way back to the class.
    let debrief = trainer_c
        .page(&format!("/desk/shifts/{shift}/results"), StatusCode::OK)
        .await;
    assert!(debrief.contains(&format!("/classes/{demo_class}/desk")));
    let image = trainer_c
        .get(&format!("/desk/shifts/{shift}/images/0/visible.jpg"))
        .await;
    assert_eq!(image.status(), StatusCode::OK);
    // Not the shift on another class's scenario, nor the admin's, nor the course editor's desk.
    for other in [other_shift, admins_shift] {
        assert_eq!(
            trainer_c
                .get(&format!("/desk/shifts/{other}/results"))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            trainer_c
                .get(&format!("/desk/shifts/{other}/images/0/visible.jpg"))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
    }
    // Someone who trains no class sees no class desk.
    let analyst = app.login_as(Role::Analyst).await;
    assert!(matches!(
        analyst
            .get(&format!("/classes/{demo_class}/desk"))
            .await
            .status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    // Once the trainee leaves the class, their shift is no longer the trainer's to review.
    app::server::services::learn::classes::unenrol(db, &admin, demo_class, trainee.id)
        .await
        .unwrap();
    assert_eq!(
        trainer_c
            .get(&format!("/desk/shifts/{shift}/results"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
