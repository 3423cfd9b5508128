//! Exercise images: stored once under the hash of the upload, served only to signed-in
//! people, and every bad upload refused with nothing written.

use crate::helpers::{Client, TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;
use sea_orm::EntityTrait;

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[tokio::test]
async fn exercise_images_are_stored_once_and_served_only_to_signed_in_people() {
    let app = TestApp::spawn().await;
    use app::server::services::exercises::images::{Size, fetch, store};
    let stored = store(&app.db, 1, png(1800, 1200)).await.unwrap();
    assert_eq!((stored.width, stored.height), (1800, 1200));
    let again = store(&app.db, 1, png(1800, 1200)).await.unwrap();
    assert_eq!(again.hash, stored.hash);
    assert_eq!(count(&app.db, "exercise_images").await, 1, "stored once");
    // The same new image stored twice at the same moment (two authors, two tabs): both
    // succeed, with one row.
    let same = png(640, 480);
    let all = futures::future::join_all((0..8).map(|_| store(&app.db, 1, same.clone()))).await;
    for stored in all {
        assert_eq!(stored.expect("stored").width, 640);
    }
    assert_eq!(count(&app.db, "exercise_images").await, 2, "one more row");
    assert!(
        fetch(&app.db, &stored.hash, Size::Thumb)
            .await
            .unwrap()
            .starts_with(&[0xFF, 0xD8])
    );

    let path = format!("/media/exercises/{}/display.jpg", stored.hash);
    // Nobody signed in: refused.
    assert_eq!(
        app.client().get(&path).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let trainee = app.login_as(Role::Trainee).await;
    let res = trainee.get(&path).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("private")
    );
    let bytes = res.bytes().await.unwrap();
    let display = image::load_from_memory(&bytes).unwrap();
    assert_eq!((display.width(), display.height()), (1600, 1067));
    // Unknown or malformed names.
    for bad in [
        format!("/media/exercises/{}/original.jpg", stored.hash),
        "/media/exercises/0000/full.jpg".to_owned(),
        format!("/media/exercises/{}/full.jpg", "a".repeat(64)),
        format!("/media/exercises/{}/full.jpg", stored.hash.to_uppercase()),
    ] {
        assert_eq!(
            trainee.get(&bad).await.status(),
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}

/// Uploads that must be refused, with the message each gets.
fn bad_files() -> Vec<(Vec<u8>, &'static str)> {
    let jpeg = {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&image::RgbImage::from_pixel(
                400,
                300,
                image::Rgb([10, 120, 200]),
            ))
            .unwrap();
        out
    };
    let mut huge = png(1, 1);
    huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = {
        let mut crc = 0xFFFF_FFFFu32;
        for b in &huge[12..29] {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    };
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    vec![
        (jpeg[..jpeg.len() / 2].to_vec(), "ErrImageDamaged"),
        (huge, "ErrImagePixels"),
        (b"just text, named scan.png".to_vec(), "ErrImageFormat"),
        (
            br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec(),
            "ErrImageSvg",
        ),
        (Vec::new(), "ErrImageEmpty"),
    ]
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_reason_and_nothing_stored() {
    let app = TestApp::spawn().await;
    use app::server::services::exercises::images::store;
    for (bytes, code) in bad_files() {
        let e = store(&app.db, 1, bytes).await.unwrap_err();
        assert_eq!(e.message().code(), code);
    }
    assert_eq!(count(&app.db, "exercise_images").await, 0);
}

const COURSE: &str = "document-examination";

/// Posts a new exercise of `kind` with image `bytes` (named `name`) to course `slug`.
async fn create_exercise(
    c: &Client,
    app: &TestApp,
    slug: &str,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let token = c.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("kind", kind.to_owned())
        .text("title", format!("Exercise: {kind}"))
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    c.http
        .post(app.url(&format!("/author/courses/{slug}/exercises")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Uploads an image with `role` to exercise `id`.
async fn add_image(
    c: &Client,
    app: &TestApp,
    id: i64,
    role: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let token = c.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("role", role.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("view.png"),
        );
    c.http
        .post(app.url(&format!("/author/exercises/{id}/images")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The exercise id a successful creation redirects to.
fn created_id(res: &reqwest::Response) -> i64 {
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let loc = location(res);
    loc.trim_start_matches("/author/exercises/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("created exercise: {loc}"))
}

/// The version the editor page of exercise `id` sends with its changes.
async fn editor_version(c: &Client, id: i64) -> String {
    let page = c
        .page(&format!("/author/exercises/{id}"), StatusCode::OK)
        .await;
    let marker = r#"name="version" value=""#;
    let at = page.find(marker).expect("the editor sends its version") + marker.len();
    page[at..].split('"').next().unwrap().to_owned()
}

/// Makes one change in the editor, on the version it shows.
async fn edit(c: &Client, id: i64, fields: &[(&str, &str)]) -> String {
    let path = format!("/author/exercises/{id}");
    let version = editor_version(c, id).await;
    let mut fields = fields.to_vec();
    fields.push(("version", &version));
    let res = c.post_form(&format!("{path}/edit"), &path, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{fields:?}");
    location(&res)
}

async fn spec_of(app: &TestApp, id: i64) -> String {
    app::server::entities::exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .spec
}

async fn answer(c: &Client, id: i64, fields: &[(&str, &str)]) -> String {
    let path = format!("/exercises/{id}");
    let res = c.post_form(&format!("{path}/answer"), &path, fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{fields:?}");
    location(&res)
}

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
            .filter(app::server::entities::learning_event::Column::Kind.eq("exercise_graded"))
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

#[tokio::test]
async fn the_shipped_set_has_twenty_published_exercises_of_every_kind_answerable_from_their_keys() {
    use app::model::exercise::{ExerciseKind, ExerciseSpec};
    use app::server::entities::exercise;
    use app::server::services::exercises::{generated, problems};
    let app = TestApp::spawn().await;
    assert_eq!(generated::ensure_shipped(&app.db).await.unwrap(), 20);
    assert_eq!(
        generated::ensure_shipped(&app.db).await.unwrap(),
        0,
        "made once"
    );
    let all = exercise::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(all.len(), 20);
    for kind in ExerciseKind::ALL {
        assert!(all.iter().any(|e| e.kind == kind.code()), "{kind:?}");
    }
    for e in &all {
        let spec: ExerciseSpec = serde_json::from_str(&e.spec).unwrap();
        let kind = ExerciseKind::from_code(&e.kind).unwrap();
        assert!(e.published && e.module_id.is_some(), "{}", e.title);
        assert!(problems(kind, &spec).is_empty(), "{}", e.title);
    }
    // A trainee answers an MRZ check exactly as its key says, and a light-view exercise.
    let trainee = app.login_as(Role::Trainee).await;
    let m = all.iter().find(|e| e.kind == "mrz").unwrap();
    let spec: ExerciseSpec = serde_json::from_str(&m.spec).unwrap();
    let key = spec.mrz.unwrap();
    let mut fields = vec![(
        "consistent",
        if key.wrong.is_empty() { "yes" } else { "no" },
    )];
    fields.extend(key.wrong.iter().map(|w| ("wrong", w.as_str())));
    let loc = answer(&trainee, m.id, &fields).await;
    let page = trainee.page(&loc, StatusCode::OK).await;
    assert!(
        page.contains(r#"<span id="exercise-score">100 %</span>"#),
        "{loc}"
    );
    let course = trainee
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert_eq!(course.matches(r#"href="/exercises/"#).count(), 20);
}

#[tokio::test]
async fn a_trainer_generates_a_draft_exercise_from_a_new_specimen() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let from = "/author/courses/document-examination";
    let res = admin
        .post_form(
            &format!("{from}/exercises/generate"),
            from,
            &[("kind", "anomalies"), ("seed", "5")],
        )
        .await;
    let id = created_id(&res);
    let editor = admin
        .page(&format!("/author/exercises/{id}"), StatusCode::OK)
        .await;
    assert!(
        editor.contains("exercise-ready") && editor.contains("Ghost image"),
        "a ready key"
    );
    let e = app::server::entities::exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!e.published, "a draft until reviewed");
    for (kind, seed, code) in [
        ("anomalies", "x1", "ErrSeed"),
        ("scanner", "1", "ErrInvalid"),
    ] {
        let res = admin
            .post_form(
                &format!("{from}/exercises/generate"),
                from,
                &[("kind", kind), ("seed", seed)],
            )
            .await;
        assert!(
            location(&res).contains(&format!("error={code}")),
            "{}",
            location(&res)
        );
    }
    assert_eq!(count(&app.db, "exercises").await, 1);
}

#[tokio::test]
async fn an_unreadable_exercise_is_an_error_never_an_empty_one_written_back() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let id = created_id(
        &create_exercise(&admin, &app, COURSE, "anomalies", "page.png", png(800, 500)).await,
    );
    edit(
        &admin,
        id,
        &[
            ("op", "region"),
            ("shape", "rect"),
            ("coords", "100,100,100,100"),
            ("anomaly", "1"),
            ("feature", "check_digit"),
            ("label", "Altered check digit"),
            ("explanation", "The check digit does not match."),
        ],
    )
    .await;
    // The stored key is damaged (a bad restore, a hand edit).
    let damaged = spec_of(&app, id).await.replacen('{', "{{", 1);
    app::server::entities::exercise::ActiveModel {
        id: Set(id),
        spec: Set(damaged.clone()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    let res = admin.get(&format!("/author/exercises/{id}")).await;
    assert_eq!(
        res.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "the editor"
    );
    let path = format!("/author/exercises/{id}");
    let res = admin
        .post_form(
            &format!("{path}/edit"),
            &path,
            &[("op", "meta"), ("title", "Renamed"), ("version", "2")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR, "an edit");
    assert_eq!(spec_of(&app, id).await, damaged, "nothing written back");
}

#[tokio::test]
async fn results_are_stored_as_codes_and_read_in_the_readers_language_old_ones_too() {
    use app::model::exercise::{ExerciseOutcome, ExerciseSpec, LineAbout, LineAnswer};
    use app::server::entities::{exercise, exercise_attempt, person};
    use app::server::services::exercises::generated;
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, QueryOrder, Set};
    let app = TestApp::spawn().await;
    generated::ensure_shipped(&app.db).await.unwrap();
    let m = exercise::Entity::find()
        .filter(exercise::Column::Kind.eq("mrz"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let key = serde_json::from_str::<ExerciseSpec>(&m.spec)
        .unwrap()
        .mrz
        .unwrap();
    let consistent = key.wrong.is_empty();
    let trainee = app.login_as(Role::Trainee).await;
    let loc = answer(
        &trainee,
        m.id,
        &[("consistent", if consistent { "yes" } else { "no" })],
    )
    .await;

    // Stored as codes, not as English words.
    let latest = || async {
        exercise_attempt::Entity::find()
            .order_by_desc(exercise_attempt::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
    };
    let stored = latest().await;
    assert!(
        !stored.result.contains("MRZ consistent"),
        "{}",
        stored.result
    );
    let outcome: ExerciseOutcome = serde_json::from_str(&stored.result).unwrap();
    assert_eq!(outcome.lines[0].about, LineAbout::MrzConsistent);
    assert_eq!(outcome.lines[0].given, LineAnswer::yes_no(consistent));

    // An English reader and a French reader each read the same result in their language.
    let english = trainee.page(&loc, StatusCode::OK).await;
    assert!(english.contains("MRZ consistent"));
    let mut p: person::ActiveModel = person::Entity::find_by_id(stored.person_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    p.language = Set("fr".to_owned());
    p.update(&app.db).await.unwrap();
    let french = trainee.page(&loc, StatusCode::OK).await;
    assert!(french.contains("ZLA cohérente"), "{french}");
    assert!(!french.contains("MRZ consistent"));
    let (yes, no) = ("<td>Oui</td>", "<td>Non</td>");
    assert!(french.contains(if consistent { yes } else { no }));

    // A result stored in English words before codes existed is migrated, then read in French.
    let old = serde_json::json!({"score": 1.0, "max": 3.0, "marks": [], "found": [], "lines": [
        {"label": "MRZ consistent", "ok": true, "given": "no", "expected": "no", "explanation": "", "kind": "check_digit"},
        {"label": "Date of birth check digit", "ok": false, "given": "—", "expected": "wrong", "explanation": "Recomputed: 4.", "kind": "check_digit"}
    ]});
    exercise_attempt::ActiveModel {
        exercise_id: Set(m.id),
        person_id: Set(stored.person_id),
        answer: Set(stored.answer.clone()),
        result: Set(old.to_string()),
        score: Set(1.0),
        max_score: Set(3.0),
        preview: Set(false),
        at: Set(stored.at),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let from = names
        .iter()
        .position(|n| n.contains("exercise_outcome_codes"))
        .unwrap();
    Migrator::down(&app.db, Some((names.len() - from) as u32))
        .await
        .unwrap();
    Migrator::up(&app.db, None).await.unwrap();
    let migrated = latest().await;
    let outcome: ExerciseOutcome = serde_json::from_str(&migrated.result).unwrap();
    assert_eq!(
        outcome.lines[1].about,
        LineAbout::MrzField {
            field: "birth_date_check".to_owned()
        }
    );
    let page = trainee
        .page(
            &format!("/exercise-attempts/{}", migrated.id),
            StatusCode::OK,
        )
        .await;
    for french in [
        "ZLA cohérente",
        "Chiffre de contrôle de la date de naissance",
        "<td>erroné</td>",
        "Recomputed: 4.",
    ] {
        assert!(page.contains(french), "{french} in {page}");
    }
}

#[tokio::test]
async fn two_tabs_editing_regions_the_second_is_told_and_nothing_is_lost() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let id = created_id(
        &create_exercise(&admin, &app, COURSE, "anomalies", "page.png", png(400, 300)).await,
    );
    // Both tabs open the editor on the same version.
    let first = editor_version(&admin, id).await;
    let second = editor_version(&admin, id).await;
    assert_eq!(first, second);
    let region = |label: &'static str, version: &str| {
        vec![
            ("op", "region"),
            ("shape", "rect"),
            ("coords", "10,10,50,40"),
            ("anomaly", "1"),
            ("feature", "altered_data"),
            ("label", label),
            ("explanation", ""),
            ("version", version),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect::<Vec<_>>()
    };
    let path = format!("/author/exercises/{id}");
    let post = |fields: Vec<(&'static str, String)>| {
        let path = path.clone();
        let admin = &admin;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let res = admin
                .post_form(&format!("{path}/edit"), &path, &fields)
                .await;
            assert_eq!(res.status(), StatusCode::SEE_OTHER);
            location(&res)
        }
    };
    let saved = post(region("Drawn in the first tab", &first)).await;
    assert!(saved.contains("notice=Saved"), "{saved}");
    // The second tab's change, made on the version before, is refused and says why…
    let refused = post(region("Drawn in the second tab", &second)).await;
    assert!(refused.contains("error=ErrExerciseConflict"), "{refused}");
    let page = admin.page(&refused, StatusCode::OK).await;
    assert!(
        page.contains("changed in another tab"),
        "the author is told"
    );
    // …and the first tab's region is kept, alone.
    let spec = spec_of(&app, id).await;
    assert!(spec.contains("Drawn in the first tab"));
    assert!(!spec.contains("Drawn in the second tab"));
    // Made again on the version now shown, it is saved beside the first.
    let now = editor_version(&admin, id).await;
    assert_ne!(now, first);
    post(region("Drawn in the second tab", &now)).await;
    let spec = spec_of(&app, id).await;
    assert!(spec.contains("Drawn in the first tab") && spec.contains("Drawn in the second tab"));
    // A change without a version is refused too.
    let res = admin
        .post_form(&format!("{path}/edit"), &path, &[("op", "unpublish")])
        .await;
    assert!(location(&res).contains("error=ErrExerciseConflict"));
}
