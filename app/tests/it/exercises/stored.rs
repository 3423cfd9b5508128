//! What is stored stays whole: an unreadable key is an error, results are codes read in the
//! reader's language, and a second tab's stale change is refused.

use super::*;

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
        .filter(exercise::Column::Kind.eq(app::model::exercise::ExerciseKind::Mrz))
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
