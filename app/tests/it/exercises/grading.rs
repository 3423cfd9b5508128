//! Drawing, publishing and grading: anomaly regions with their overlay, bad images refused, and
//! the verdict, MRZ, impostor and light-view kinds graded against their keys.

use super::*;

#[tokio::test]
async fn an_anomaly_exercise_is_drawn_published_and_graded_with_its_overlay() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let id = created_id(
        &create_exercise(
            &admin,
            &app,
            COURSE,
            "anomalies",
            "page.png",
            png(1000, 600),
        )
        .await,
    );
    let editor = admin
        .page(&format!("/author/exercises/{id}"), StatusCode::OK)
        .await;
    assert!(editor.contains("exercise-problems") && editor.contains("region-drawer"));

    // Regions: two anomalies and a genuine feature; bad shapes write nothing.
    let region =
        |shape: &'static str, coords: &'static str, anomaly: &'static str, label: &'static str| {
            vec![
                ("op", "region"),
                ("shape", shape),
                ("coords", coords),
                ("anomaly", anomaly),
                ("feature", "check_digit"),
                ("label", label),
                ("explanation", "The check digit does not match."),
            ]
        };
    edit(
        &admin,
        id,
        &region("rect", "100,100,100,100", "1", "Altered check digit"),
    )
    .await;
    edit(
        &admin,
        id,
        &region("circle", "600,300,50", "1", "Substituted photo"),
    )
    .await;
    edit(
        &admin,
        id,
        &region("rect", "800,50,100,100", "0", "Genuine hologram"),
    )
    .await;
    let before = spec_of(&app, id).await;
    for (shape, coords, code) in [
        ("polygon", "0,0 100,100 100,0 0,100", "ErrPolygonCrossing"),
        ("polygon", "0,0 100,100", "ErrPolygonPoints"),
        ("rect", "950,100,100,100", "ErrShapeOutside"),
        ("circle", "10,10", "ErrCoords"),
        ("rect", "10,10,0,20", "ErrShapeEmpty"),
    ] {
        let loc = edit(&admin, id, &region(shape, coords, "1", "Bad")).await;
        assert!(loc.contains(&format!("error={code}")), "{coords}: {loc}");
    }
    assert_eq!(spec_of(&app, id).await, before, "nothing written");

    // A draft is hidden from trainees; published, it shows without its key.
    let trainee = app.login_as(Role::Trainee).await;
    assert_eq!(
        trainee.get(&format!("/exercises/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    edit(&admin, id, &[("op", "publish")]).await;
    let page = trainee
        .page(&format!("/exercises/{id}"), StatusCode::OK)
        .await;
    assert!(page.contains("marker-board") && !page.contains("Altered check digit"));
    assert!(
        trainee
            .page(&format!("/courses/{COURSE}"), StatusCode::OK)
            .await
            .contains(&format!("/exercises/{id}"))
    );

    // Bad answers: a clear message and nothing stored.
    let many = "5,5;".repeat(10_000);
    for (markers, code) in [
        (many.as_str(), "ErrTooManyMarkers"),
        ("150,150;1001,10", "ErrMarkerOutside"),
        ("150,150;-1,10", "ErrMarkerOutside"),
        ("150;x", "ErrMarkerOutside"),
    ] {
        let loc = answer(&trainee, id, &[("markers", markers)]).await;
        assert!(loc.contains(&format!("error={code}")), "{loc}");
    }
    assert_eq!(count(&app.db, "exercise_attempts").await, 0);

    // One anomaly found, one genuine feature marked: (1 − 0.5) / 2.
    let loc = answer(&trainee, id, &[("markers", "150,150;850,100")]).await;
    assert!(loc.starts_with("/exercise-attempts/"), "{loc}");
    let result = trainee.page(&loc, StatusCode::OK).await;
    assert!(
        result.contains(r#"<span id="exercise-score">25 %</span>"#),
        "score"
    );
    assert!(
        result.contains("region found")
            && result.contains("region missed")
            && result.contains("marker false")
    );
    assert!(
        result.contains("Altered check digit")
            && result.contains("The check digit does not match.")
    );
    assert_eq!(count(&app.db, "exercise_findings").await, 2);
    let events: i64 = {
        use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
        app::server::entities::learning_event::Entity::find()
            .filter(
                app::server::entities::learning_event::Column::Kind
                    .eq(app::model::EventKind::ExerciseGraded),
            )
            .count(&app.db)
            .await
            .unwrap() as i64
    };
    assert_eq!(events, 1);

    // Someone else's result is not shown; anonymous visitors are sent to sign in.
    let trainer = app.login_as(Role::Trainer).await;
    assert_eq!(trainer.get(&loc).await.status(), StatusCode::NOT_FOUND);
    let anon = app.client();
    let res = anon.get(&format!("/exercises/{id}")).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    // A trainer who does not author the course cannot change it.
    let res = create_exercise(
        &trainer,
        &app,
        COURSE,
        "anomalies",
        "page.png",
        png(100, 100),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = trainer
        .post_form(
            &format!("/author/exercises/{id}/edit"),
            "/",
            &[("op", "unpublish"), ("version", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Nor learns what was wrong with a malformed change: the answer is the same 403.
    let res = trainer
        .post_form(
            &format!("/author/exercises/{id}/edit"),
            "/",
            &[("op", "view_delete"), ("index", "x"), ("version", "one")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn bad_images_are_refused_at_upload_and_no_exercise_is_created() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    for (bytes, code) in bad_files() {
        let res = create_exercise(&admin, &app, COURSE, "anomalies", "scan.png", bytes).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert!(
            location(&res).contains(&format!("error={code}")),
            "{code}: {}",
            location(&res)
        );
    }
    assert_eq!(count(&app.db, "exercises").await, 0);
    assert_eq!(count(&app.db, "exercise_images").await, 0);
}

#[tokio::test]
async fn verdict_mrz_impostor_and_light_view_exercises_are_graded_against_their_keys() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let trainee = app.login_as(Role::Trainee).await;
    let score = |page: String| {
        let at = page.find(r#"<span id="exercise-score">"#).expect("score") + 26;
        page[at..].split('<').next().unwrap().to_owned()
    };

    // Verdict: forged by photo substitution, with a checklist.
    let v = created_id(
        &create_exercise(&admin, &app, COURSE, "verdict", "doc.png", png(400, 300)).await,
    );
    let loc = edit(
        &admin,
        v,
        &[
            ("op", "verdict"),
            ("verdict", "forged"),
            ("forgery", ""),
            ("features", ""),
        ],
    )
    .await;
    assert!(loc.contains("error=ErrChooseForgery"));
    edit(&admin, v, &[("op", "verdict"), ("verdict", "forged"), ("forgery", "photo_substitution"),
        ("features", "* Laminate lifted at the portrait edge\nColour-shifting ink\n* Portrait overlaps the UV pattern")]).await;
    edit(&admin, v, &[("op", "publish")]).await;
    let loc = answer(
        &trainee,
        v,
        &[
            ("verdict", "forged"),
            ("forgery", "photo_substitution"),
            ("check", "0"),
        ],
    )
    .await;
    assert_eq!(score(trainee.page(&loc, StatusCode::OK).await), "75 %");
    let loc = answer(&trainee, v, &[("check", "0")]).await;
    assert!(loc.contains("error=ErrChooseVerdict"));

    // MRZ: the visual zone says 13 August, the MRZ 12 August.
    let m =
        created_id(&create_exercise(&admin, &app, COURSE, "mrz", "page.png", png(400, 300)).await);
    let loc = edit(&admin, m, &[("op", "mrz"), ("mrz_lines", "P<UTO")]).await;
    assert!(loc.contains("error=ErrMrzUnreadable"));
    edit(&admin, m, &[("op", "mrz"),
        ("mrz_lines", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"),
        ("viz_surname", "ERIKSSON"), ("viz_given_names", "ANNA MARIA"), ("viz_document_number", "L898902C3"),
        ("viz_nationality", "UTO"), ("viz_birth_date", "1974-08-13"), ("viz_sex", "F"), ("viz_expiry_date", "2012-04-15")]).await;
    let editor = admin
        .page(&format!("/author/exercises/{m}"), StatusCode::OK)
        .await;
    assert!(editor.contains("mrz-key") && editor.contains("Date of birth"));
    edit(&admin, m, &[("op", "publish")]).await;
    let loc = answer(
        &trainee,
        m,
        &[("consistent", "no"), ("wrong", "birth_date")],
    )
    .await;
    assert_eq!(score(trainee.page(&loc, StatusCode::OK).await), "100 %");
    let loc = answer(
        &trainee,
        m,
        &[
            ("consistent", "no"),
            ("wrong", "birth_date"),
            ("wrong", "sex"),
        ],
    )
    .await;
    assert_eq!(score(trainee.page(&loc, StatusCode::OK).await), "75 %");

    // Impostor: needs a bearer photo before it can be published.
    let i = created_id(
        &create_exercise(
            &admin,
            &app,
            COURSE,
            "impostor",
            "portrait.png",
            png(300, 400),
        )
        .await,
    );
    edit(
        &admin,
        i,
        &[
            ("op", "impostor"),
            ("same", "no"),
            ("reasons", "* Ear shape differs\nSame hairstyle"),
        ],
    )
    .await;
    assert!(
        edit(&admin, i, &[("op", "publish")])
            .await
            .contains("error=ExNeedsBearer")
    );
    assert_eq!(
        add_image(&admin, &app, i, "bearer", png(320, 400))
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    edit(&admin, i, &[("op", "publish")]).await;
    let loc = answer(&trainee, i, &[("same", "yes")]).await;
    assert_eq!(score(trainee.page(&loc, StatusCode::OK).await), "0 %");

    // Light views: one question per light.
    let l = created_id(
        &create_exercise(
            &admin,
            &app,
            COURSE,
            "light_views",
            "page.png",
            png(400, 300),
        )
        .await,
    );
    add_image(&admin, &app, l, "uv", png(401, 300)).await;
    add_image(&admin, &app, l, "ir", png(402, 300)).await;
    assert!(
        add_image(&admin, &app, l, "xray", png(403, 300))
            .await
            .headers()["location"]
            .to_str()
            .unwrap()
            .contains("error=")
    );
    edit(
        &admin,
        l,
        &[
            ("op", "view"),
            ("view", "0"),
            ("question", "What glows under UV?"),
            ("options", "Nothing\nThe national emblem"),
            ("correct", "2"),
            ("feature", "uv_feature"),
            ("explanation", ""),
        ],
    )
    .await;
    let loc = edit(
        &admin,
        l,
        &[
            ("op", "view"),
            ("view", "1"),
            ("question", "Which data vanish in IR?"),
            ("options", "Only one option"),
            ("correct", "1"),
            ("feature", "ir_feature"),
            ("explanation", ""),
        ],
    )
    .await;
    assert!(loc.contains("error=ErrViewOptions"));
    edit(
        &admin,
        l,
        &[
            ("op", "view"),
            ("view", "1"),
            ("question", "Which data vanish in IR?"),
            ("options", "The printed background\nThe MRZ"),
            ("correct", "1"),
            ("feature", "ir_feature"),
            ("explanation", ""),
        ],
    )
    .await;
    edit(&admin, l, &[("op", "publish")]).await;
    // The page names options by their text, in no fixed order: the author's order (the
    // right answer first here) cannot be read from it.
    let page = trainee
        .page(&format!("/exercises/{l}"), StatusCode::OK)
        .await;
    assert!(page.contains(r#"name="view0" value="The national emblem""#));
    assert!(!page.contains(r#"name="view0" value="1""#));
    let orders: std::collections::HashSet<bool> = {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..40 {
            let p = trainee
                .page(&format!("/exercises/{l}"), StatusCode::OK)
                .await;
            seen.insert(p.find("value=\"Nothing\"") < p.find("value=\"The national emblem\""));
        }
        seen
    };
    assert_eq!(orders.len(), 2, "both orders appear");
    let loc = answer(
        &trainee,
        l,
        &[("view0", "The national emblem"), ("view1", "The MRZ")],
    )
    .await;
    assert_eq!(score(trainee.page(&loc, StatusCode::OK).await), "50 %");
    for bad in ["7", "1", "Something else"] {
        let loc = answer(&trainee, l, &[("view0", bad)]).await;
        assert!(loc.contains("error=ErrInvalid&field=view0"), "{bad}: {loc}");
    }
}
