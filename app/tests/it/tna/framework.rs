//! Editing the competency framework, and campaigns over whole countries.

use super::*;

#[tokio::test]
async fn analysts_edit_the_competency_framework_checked_and_without_lost_updates() {
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    let page = analyst.page("/competencies", StatusCode::OK).await;
    assert!(page.contains("Edit"));
    let levels = [
        ("level1", "Knows the MRZ exists"),
        ("level2", "Reads the MRZ with help"),
        ("level3", "Checks every check digit"),
        ("level4", "Explains inconsistencies"),
        ("level5", "Trains others"),
    ];
    let save = |version: &'static str, builds: &'static str| {
        let mut fields = vec![
            ("version", version),
            ("title", "Reading and verifying the MRZ"),
            (
                "description",
                "Check digits and consistency with the data page.",
            ),
            ("builds", builds),
        ];
        fields.extend(levels);
        fields
    };
    let path = "/competencies/doc-mrz-verification";
    let res = analyst
        .post_form(
            path,
            "/competencies",
            &save("0", "document-examination/nonexistent"),
        )
        .await;
    assert!(
        location(&res).contains("error=ErrUnknownModule"),
        "{}",
        location(&res)
    );
    assert_eq!(count(&app.db, "tna_frameworks").await, 0, "nothing written");
    let res = analyst
        .post_form(path, "/competencies", &save("0", ""))
        .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    assert!(
        analyst
            .page("/competencies", StatusCode::OK)
            .await
            .contains("Reading and verifying the MRZ")
    );
    // A second editor still at version 0: told, not overwritten.
    let res = analyst
        .post_form(path, "/competencies", &save("0", ""))
        .await;
    assert!(location(&res).contains("error=ErrFrameworkConflict"));
    // A new competency in an area; its id must be new.
    let mut add = save("1", "");
    add.extend([
        ("area", "document-examination"),
        ("id", "doc-visa-examination"),
    ]);
    let res = analyst
        .post_form("/competencies/new", "/competencies", &add)
        .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let mut again = save("2", "");
    again.extend([
        ("area", "document-examination"),
        ("id", "doc-visa-examination"),
    ]);
    let res = analyst
        .post_form("/competencies/new", "/competencies", &again)
        .await;
    assert!(location(&res).contains("error=ErrDuplicateCompetency"));
    // Trainers read, but do not edit.
    let trainer = app.login_as(Role::Trainer).await;
    assert!(
        !trainer
            .page("/competencies", StatusCode::OK)
            .await
            .contains("form-doc-mrz-verification")
    );
    let res = trainer
        .post_form(path, "/competencies", &save("2", ""))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_campaign_over_whole_countries_maps_gaps_per_country() {
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    let q = short_questionnaire(&analyst).await;
    let neighbour = app::server::services::people::agencies::create(
        &app.db,
        &app::model::AgencyInput {
            name: "Border Guard of Ruritania".into(),
            country: "FRA".into(),
            kind: "border_police".into(),
        },
    )
    .await
    .unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let res = analyst
        .post_form(
            "/tna/campaigns",
            "/tna/campaigns/new",
            &[
                ("title", "Two countries"),
                ("questionnaire", &q.to_string()),
                ("opens_on", &(today - time::Duration::days(1)).to_string()),
                ("closes_on", &(today + time::Duration::days(9)).to_string()),
                ("min_group", "1"),
                ("country", "UTO"),
                ("agency", &neighbour.to_string()),
            ],
        )
        .await;
    let to = location(&res);
    let campaign: i64 = to
        .trim_start_matches("/tna/campaigns/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("{to}"));
    assert_eq!(
        count(
            &app.db,
            &format!("tna_campaign_agencies WHERE campaign_id = {campaign}")
        )
        .await,
        4,
        "Utopia's three agencies and the neighbour's"
    );
    open(&analyst, campaign).await;
    let trainee = app.login_as(Role::Trainee).await;
    let r = response_id(&start(&trainee, campaign, "").await);
    submit_front_line(&trainee, r).await;
    let page = analyst
        .page(
            &format!("/tna/campaigns/{campaign}/results"),
            StatusCode::OK,
        )
        .await;
    assert!(page.contains(r#"id="country-map""#), "a map per country");
    assert!(page.contains(">UTO<") && page.contains(">FRA<"));
}

/// The new-campaign form is decoded into its fields at the door: a field sent twice where one
/// is expected is refused (422, with a message), an agency that is not an id comes back to the
/// form beside its field, and neither writes a campaign.
#[tokio::test]
async fn a_malformed_campaign_form_is_refused_and_writes_nothing() {
    use app::server::entities::tna_campaign;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    let q = short_questionnaire(&analyst).await.to_string();
    let before = tna_campaign::Entity::find().count(&app.db).await.unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let opens = today.to_string();
    let closes = (today + time::Duration::days(9)).to_string();
    let form = |extra: &[(&'static str, &'static str)]| {
        let mut f: Vec<(&str, String)> = vec![
            ("questionnaire", q.clone()),
            ("opens_on", opens.clone()),
            ("closes_on", closes.clone()),
            ("min_group", "1".to_owned()),
        ];
        f.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        f
    };
    let twice = form(&[("title", "One"), ("title", "Two"), ("country", "UTO")]);
    let twice: Vec<(&str, &str)> = twice.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = analyst
        .post_form("/tna/campaigns", "/tna/campaigns/new", &twice)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("missing or invalid"));
    let bad_agency = form(&[("title", "Bad agency"), ("agency", "three")]);
    let bad_agency: Vec<(&str, &str)> = bad_agency.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = analyst
        .post_form("/tna/campaigns", "/tna/campaigns/new", &bad_agency)
        .await;
    let to = location(&res);
    assert!(to.starts_with("/tna/campaigns/new"), "{to}");
    assert!(to.contains("agency"), "{to}");
    assert_eq!(
        tna_campaign::Entity::find().count(&app.db).await.unwrap(),
        before,
        "nothing written"
    );
}
