//! The second part's shipped set (visas, residence permits, a substituted page, counterfeits
//! without an OVD or with a screened background, what cannot be decided at the first line) and
//! its timed first-line drills, whose clock the server keeps.

use super::*;
use app::model::exercise::{ExerciseKind, ExerciseSpec};
use app::server::entities::{course, exercise};
use app::server::services::exercises::{generated, problems};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Statement};

async fn second_part(app: &TestApp) -> Vec<(exercise::Model, ExerciseSpec)> {
    let c = course::Entity::find()
        .filter(course::Column::Slug.eq("document-examination-2"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    exercise::Entity::find()
        .filter(exercise::Column::CourseId.eq(c.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            let spec = serde_json::from_str(&e.spec).unwrap();
            (e, spec)
        })
        .collect()
}

#[tokio::test]
async fn the_second_part_ships_its_documents_and_defects_as_published_exercises() {
    let app = TestApp::spawn().await;
    assert_eq!(
        generated::ensure_shipped_second_part(&app.db)
            .await
            .unwrap(),
        26
    );
    assert_eq!(
        generated::ensure_shipped_second_part(&app.db)
            .await
            .unwrap(),
        0,
        "made once"
    );
    let all = second_part(&app).await;
    assert_eq!(all.len(), 26);
    for (e, spec) in &all {
        assert!(e.published && e.module_id.is_some(), "{}", e.title);
        assert!(problems(e.kind, spec).is_empty(), "{}", e.title);
    }
    let titled = |s: &str| all.iter().filter(|(e, _)| e.title.contains(s)).count();
    assert!(
        titled("visa") >= 6 && titled("residence permit") >= 5,
        "the new documents"
    );
    // Every new defect is keyed somewhere as an anomaly to find.
    for kind in ["page_substitution", "laminate", "ovd", "printing_method"] {
        assert!(
            all.iter()
                .any(|(_, s)| s.regions.iter().any(|r| r.anomaly && r.kind == kind)),
            "{kind}"
        );
    }
    // Verdicts: counterfeits, a substituted page, and what the first line refers.
    let verdicts: Vec<(String, String)> = all
        .iter()
        .filter_map(|(_, s)| s.verdict.as_ref())
        .map(|k| (k.verdict.clone(), k.forgery.clone()))
        .collect();
    for expected in [
        ("counterfeit", ""),
        ("forged", "page_substitution"),
        ("forged", "photo_substitution"),
        ("cannot_tell", ""),
        ("genuine", ""),
    ] {
        assert!(
            verdicts.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {verdicts:?}"
        );
    }
    // The visa's and the permit's MRZs are read as MRV-A and TD2 by the MRZ engine.
    let mrz: Vec<&Vec<String>> = all
        .iter()
        .filter_map(|(_, s)| s.mrz.as_ref().map(|k| &k.lines))
        .collect();
    assert!(
        mrz.iter()
            .any(|l| l[0].starts_with("V<UTO") && l[0].len() == 44)
    );
    assert!(
        mrz.iter()
            .any(|l| l[0].starts_with("IRUTO") && l[0].len() == 36)
    );
    // Three timed drills of 90 seconds.
    let drills: Vec<_> = all
        .iter()
        .filter(|(_, s)| s.time_limit_secs.is_some())
        .collect();
    assert_eq!(drills.len(), 3);
    for (e, s) in drills {
        assert_eq!(s.time_limit_secs, Some(generated::DRILL_SECONDS));
        assert_eq!(e.kind, ExerciseKind::Verdict);
        assert!(e.title.starts_with("First-line drill"), "{}", e.title);
    }
}

async fn starts(app: &TestApp) -> i64 {
    count(&app.db, "exercise_starts").await
}

#[tokio::test]
async fn a_first_line_drill_counts_its_time_on_the_server() {
    let app = TestApp::spawn().await;
    generated::ensure_shipped_second_part(&app.db)
        .await
        .unwrap();
    let (drill, spec) = second_part(&app)
        .await
        .into_iter()
        .find(|(e, _)| e.title.starts_with("First-line drill 2 "))
        .unwrap();
    let key = spec.verdict.clone().unwrap();
    assert_eq!(
        (key.verdict.as_str(), key.forgery.as_str()),
        ("forged", "photo_substitution")
    );
    let right: Vec<String> = key
        .features
        .iter()
        .enumerate()
        .filter(|(_, f)| f.key)
        .map(|(i, _)| i.to_string())
        .collect();
    let mut fields = vec![("verdict", "forged"), ("forgery", "photo_substitution")];
    fields.extend(right.iter().map(|i| ("check", i.as_str())));
    let trainee = app.login_as(Role::Trainee).await;
    let path = format!("/exercises/{}", drill.id);

    // Opening the drill starts the clock; reopening it does not restart it.
    let page = trainee.page(&path, StatusCode::OK).await;
    assert!(page.contains(r#"id="drill-limit""#) && page.contains(r#"id="drill-clock""#));
    assert!(page.contains("90 seconds"), "the limit is said");
    assert_eq!(starts(&app).await, 1);
    let first = start_rows(&app).await;
    trainee.page(&path, StatusCode::OK).await;
    assert_eq!(start_rows(&app).await, first, "reopening keeps the start");

    // In time: full marks, and the clock is cleared for the next attempt.
    let loc = answer(&trainee, drill.id, &fields).await;
    let result = trainee.page(&loc, StatusCode::OK).await;
    assert!(
        result.contains(r#"<span id="exercise-score">100 %</span>"#),
        "{result}"
    );
    assert!(!result.contains(r#"id="over-time""#));
    assert_eq!(starts(&app).await, 0);

    // Too late (the start moved 200 seconds back): the same right answer earns nothing, and
    // the result says so while still showing the key.
    trainee.page(&path, StatusCode::OK).await;
    let backend = app.db.get_database_backend();
    let earlier = time::OffsetDateTime::now_utc() - time::Duration::seconds(200);
    app.db
        .execute(Statement::from_sql_and_values(
            backend,
            match backend {
                sea_orm::DatabaseBackend::Postgres => "UPDATE exercise_starts SET started_at = $1",
                _ => "UPDATE exercise_starts SET started_at = ?",
            },
            [earlier.into()],
        ))
        .await
        .unwrap();
    let loc = answer(&trainee, drill.id, &fields).await;
    let result = trainee.page(&loc, StatusCode::OK).await;
    assert!(
        result.contains(r#"<span id="exercise-score">0 %</span>"#),
        "{result}"
    );
    assert!(result.contains(r#"id="over-time""#));
    assert!(result.contains("after 200 seconds") || result.contains("after 201 seconds"));
    assert!(result.contains("✓"), "the feedback lines stay");

    // An answer sent without opening the drill has no time to count: it earns nothing.
    let loc = answer(&trainee, drill.id, &fields).await;
    let result = trainee.page(&loc, StatusCode::OK).await;
    assert!(result.contains(r#"<span id="exercise-score">0 %</span>"#));
    assert!(result.contains("was not given from the exercise opened for it"));
    assert_eq!(count(&app.db, "exercise_attempts").await, 3);
}

async fn start_rows(app: &TestApp) -> Vec<(i64, i64, String)> {
    use app::server::entities::exercise_start;
    exercise_start::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.exercise_id, s.person_id, s.started_at.to_string()))
        .collect()
}

#[tokio::test]
async fn an_author_sets_a_drills_time_limit_and_bad_limits_are_refused() {
    let app = TestApp::spawn().await;
    generated::ensure_shipped_second_part(&app.db)
        .await
        .unwrap();
    let (e, _) = second_part(&app)
        .await
        .into_iter()
        .find(|(e, _)| e.kind == ExerciseKind::Anomalies)
        .unwrap();
    let admin = app.login_as(Role::Admin).await;
    let page = admin
        .page(&format!("/author/exercises/{}", e.id), StatusCode::OK)
        .await;
    assert!(page.contains(r#"id="exercise-time-limit""#));
    let current = || async {
        exercise::Entity::find_by_id(e.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
    };
    let limit = |m: &exercise::Model| {
        serde_json::from_str::<ExerciseSpec>(&m.spec)
            .unwrap()
            .time_limit_secs
    };
    let module = e.module_id.unwrap().to_string();
    let meta = |time_limit: &'static str| {
        vec![
            ("op", "meta"),
            ("title", e.title.as_str()),
            ("module", module.as_str()),
            ("instructions", e.instructions.as_str()),
            ("explanation", e.explanation.as_str()),
            ("penalty", "0.5"),
            ("time_limit", time_limit),
        ]
    };
    for bad in ["5", "3601", "ninety", "-1", "1.5"] {
        let before = current().await;
        let loc = edit(&admin, e.id, &meta(bad)).await;
        assert!(loc.contains("error=ErrTimeLimit"), "{bad}: {loc}");
        assert_eq!(current().await, before, "{bad}: nothing written");
    }
    edit(&admin, e.id, &meta("120")).await;
    assert_eq!(limit(&current().await), Some(120));
    // The trainee now sees a clock on it.
    let trainee = app.login_as(Role::Trainee).await;
    let page = trainee
        .page(&format!("/exercises/{}", e.id), StatusCode::OK)
        .await;
    assert!(page.contains("120 seconds"));
    edit(&admin, e.id, &meta("")).await;
    assert_eq!(limit(&current().await), None, "emptied: untimed again");
}
