//! The desk's services called directly: a shift defined, worked and scored; bad decisions
//! refused with nothing stored; only a course's authors define shifts.

use super::*;

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
