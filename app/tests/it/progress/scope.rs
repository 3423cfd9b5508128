//! Who sees which progress: focal points their agency, programme managers their countries,
//! and draft courses named only to their authors.

use super::*;

/// An agency focal point sees their own agency; a programme manager the countries they cover;
/// anything else is refused. Admins give managers their countries in the person form.
#[tokio::test]
async fn focal_points_and_managers_see_their_own_scope() {
    use app::server::entities::{agency, person};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn().await;
    trainee_completes(&app, 1).await;
    let border = agency::Entity::find()
        .filter(agency::Column::Name.eq("Utopia Border Police"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let focal = app.login_as(Role::FocalPoint).await;
    let page = focal.page("/progress", StatusCode::OK).await;
    assert!(
        page.contains(r#"<p id="kpi-lessons" class="kpi-figure">1</p>"#),
        "their agency's lesson"
    );
    assert!(
        !page.contains("Utopia Border Police"),
        "no other agency to choose"
    );
    for path in [
        format!("/progress?agency={}", border.id),
        format!("/progress/export/agencies.csv?agency={}", border.id),
        "/progress?country=FRA".to_owned(),
    ] {
        assert_eq!(
            focal.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let manager = app.login_as(Role::Manager).await;
    let page = manager.page("/progress", StatusCode::OK).await;
    assert!(page.contains(r#"<p id="kpi-lessons" class="kpi-figure">1</p>"#));
    assert!(
        page.contains("Utopia Border Police"),
        "every agency of Utopia"
    );
    manager
        .page(&format!("/progress?agency={}", border.id), StatusCode::OK)
        .await;
    for path in [
        "/progress?country=FRA",
        "/progress/export/countries.xlsx?country=KEN",
    ] {
        assert_eq!(
            manager.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // Learning records: a focal point opens those of their agency, a manager those of the
    // countries they cover; the search lists only those.
    let other = person::Entity::find()
        .filter(person::Column::Login.eq("analyst"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut moved: person::ActiveModel = other.clone().into();
    moved.agency_id = sea_orm::Set(Some(border.id));
    moved.update(&app.db).await.unwrap();
    let theirs = format!("/people/{TRAINEE}/record");
    let elsewhere = format!("/people/{}/record", other.id);
    let found = focal.page("/progress/people?q=", StatusCode::OK).await;
    assert!(found.contains(&format!(r#"href="{theirs}""#)), "{found}");
    assert!(!found.contains(&format!(r#"href="{elsewhere}""#)));
    let found = focal.page("/progress/people?q=okoro", StatusCode::OK).await;
    assert!(found.contains("Samuel Okoro"));
    let found = focal
        .page("/progress/people?q=nobody%25here", StatusCode::OK)
        .await;
    assert!(found.contains(r#"id="records-none""#));
    focal.page(&theirs, StatusCode::OK).await;
    for path in [elsewhere.clone(), format!("{elsewhere}/record.csv")] {
        assert_eq!(
            focal.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let found = manager.page("/progress/people", StatusCode::OK).await;
    assert!(found.contains(&format!(r#"href="{theirs}""#)));
    assert!(found.contains(&format!(r#"href="{elsewhere}""#)));
    manager.page(&elsewhere, StatusCode::OK).await;
    let csv = manager.get(&format!("{elsewhere}/record.csv")).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let trainee = app.login_as(Role::Trainee).await;
    assert_eq!(
        trainee.get("/progress/people").await.status(),
        StatusCode::FORBIDDEN
    );

    // Neither runs classes nor edits courses.
    assert_eq!(focal.get("/classes").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(manager.get("/author").await.status(), StatusCode::FORBIDDEN);

    // The person form: a manager needs known countries; a focal point an agency.
    let admin = app.login_as(Role::Admin).await;
    let form =
        |login: &'static str, role: &'static str, agency: &'static str, countries: &'static str| {
            vec![
                ("input[login]", login),
                ("input[display_name]", "Someone"),
                ("input[email]", ""),
                ("input[agency]", agency),
                ("input[position]", ""),
                ("input[language]", "en"),
                (role, "on"),
                ("input[countries]", countries),
                ("input[password]", "first-password-1"),
            ]
        };
    for (fields, expected) in [
        (
            form("m.one", "input[role_manager]", "", ""),
            "error=ErrManagerCountries&field=countries",
        ),
        (
            form("m.two", "input[role_manager]", "", "UTO, XQZ"),
            "error=ErrUnknownCountryCode&field=countries",
        ),
        (
            form("f.one", "input[role_focal_point]", "", ""),
            "error=ErrFocalPointAgency&field=agency",
        ),
    ] {
        let res = admin
            .post_form("/api/people/create", "/admin/people/new", &fields)
            .await;
        assert!(location(&res).ends_with(expected), "{}", location(&res));
    }
    let res = admin
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &form("m.three", "input[role_manager]", "", "fra uto"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = admin.page(&location(&res), StatusCode::OK).await;
    assert!(
        page.contains(r#"value="FRA, UTO""#),
        "codes kept, upper case, sorted"
    );
}

/// A course taken back to draft is named only to those who may author it: a focal point's
/// dashboard and exports count its learning but never name it.
#[tokio::test]
async fn a_focal_points_export_never_names_a_draft_course() {
    use app::server::entities::course;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let app = TestApp::spawn().await;
    // A course whose title no other course's title contains.
    let c = {
        use sea_orm::{ColumnTrait, QueryFilter};
        course::Entity::find()
            .filter(course::Column::Slug.eq("migration-essentials"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
    };
    trainee_completes(&app, 1).await;
    let title = c.title.clone();
    let focal = app.login_as(Role::FocalPoint).await;
    let admin = app.login_as(Role::Admin).await;
    let export = focal
        .get("/progress/export/courses.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(export.contains(&title), "published: named");
    let mut draft: course::ActiveModel = c.into();
    draft.published = Set(false);
    draft.update(&app.db).await.unwrap();
    for path in ["/progress/export/courses.csv", "/progress"] {
        let text = focal.get(path).await.text().await.unwrap();
        let at = text
            .find(&title)
            .map(|i| &text[i.saturating_sub(200)..(i + 100).min(text.len())]);
        assert!(!text.contains(&title), "{path} names the draft: {at:?}");
    }
    let export = admin
        .get("/progress/export/courses.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(export.contains(&title), "authors still see it");
}
