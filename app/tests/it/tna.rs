//! Training needs analysis: job specifications set against the shipped competency framework.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;
use sea_orm::EntityTrait;

#[tokio::test]
async fn administrators_set_a_positions_required_levels_all_or_nothing() {
    let app = TestApp::spawn().await;
    let position = app::server::entities::position::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let page_path = format!("/admin/positions/{}", position.id);
    let post_path = format!("{page_path}/specification");
    let this = format!("position_requirements WHERE position_id = {}", position.id);
    let admin = app.login_as(Role::Admin).await;
    let page = admin.page(&page_path, StatusCode::OK).await;
    for area in ["Document examination", "Interviewing", "Leadership"] {
        assert!(page.contains(area), "{area}");
    }

    let res = admin
        .post_form(
            &post_path,
            &page_path,
            &[
                ("c_doc-first-line-check", "4"),
                ("c_doc-mrz-verification", "3"),
                ("c_int-first-contact", ""),
            ],
        )
        .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    assert_eq!(count(&app.db, &this).await, 2);
    let page = admin.page(&page_path, StatusCode::OK).await;
    assert!(
        page.contains("<option value=\"4\" selected"),
        "the saved level is shown"
    );

    // A level off the scale or a competency the framework lacks: nothing changes.
    for (field, value, error) in [
        ("c_doc-first-line-check", "9", "ErrProficiency"),
        ("c_doc-first-line-check", "high", "ErrProficiency"),
        ("c_no-such-competency", "2", "ErrUnknownCompetency"),
    ] {
        let res = admin
            .post_form(
                &post_path,
                &page_path,
                &[("c_doc-mrz-verification", "5"), (field, value)],
            )
            .await;
        assert!(
            location(&res).contains(&format!("error={error}")),
            "{}",
            location(&res)
        );
    }
    assert_eq!(count(&app.db, &format!("{this} AND level = 5")).await, 0);
    assert_eq!(count(&app.db, &this).await, 2);

    // Only administrators.
    let trainer = app.login_as(Role::Trainer).await;
    assert_eq!(
        trainer.get(&page_path).await.status(),
        StatusCode::FORBIDDEN
    );
    let res = trainer
        .post_form(&post_path, &page_path, &[("c_doc-first-line-check", "1")])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app.db, &this).await, 2);
}

#[tokio::test]
async fn trainers_read_the_competency_framework_with_the_modules_that_build_it() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let page = trainer.page("/competencies", StatusCode::OK).await;
    assert!(page.contains("id=\"doc-first-line-check\""));
    assert!(
        page.contains("href=\"/courses/document-examination\""),
        "linked to its course"
    );
    assert!(page.contains("5 Expert"), "level names");
}

// ----- Questionnaires, campaigns, responses and results -----------------------------------

use crate::helpers::Client;
use app::server::entities::{agency, position, tna_questionnaire, tna_response};
use sea_orm::{ColumnTrait, QueryFilter};

async fn agency_id(app: &TestApp, name: &str) -> i64 {
    agency::Entity::find()
        .filter(agency::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn position_id(app: &TestApp, agency: i64, title: &str) -> i64 {
    position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency))
        .filter(position::Column::Title.eq(title))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A person in `agency`/`position` with `roles`, signed in.
async fn officer(app: &TestApp, login: &str, agency: i64, position: i64) -> Client {
    app::server::services::people::create_direct(
        &app.db,
        &app::server::services::people::NewPerson {
            login: login.to_owned(),
            display_name: format!("Officer {login}"),
            email: None,
            agency_id: Some(agency),
            position_id: Some(position),
            roles: vec![Role::Trainee],
            countries: Vec::new(),
            lang: app::i18n::Lang::En,
        },
        "officer-password-2026",
    )
    .await
    .unwrap();
    let c = app.client();
    assert_eq!(
        c.login(login, "officer-password-2026").await.status(),
        StatusCode::SEE_OTHER
    );
    c
}

async fn definition(app: &TestApp, id: i64) -> String {
    tna_questionnaire::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .definition
}

/// Posts one builder change and returns where it sent the analyst.
async fn edit(c: &Client, id: i64, fields: &[(&str, &str)]) -> String {
    let page = format!("/tna/questionnaires/{id}");
    let res = c.post_form(&format!("{page}/edit"), &page, fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{fields:?}");
    location(&res)
}

/// Creates a short questionnaire: a role question, and two dual items, one shown only to
/// front-line officers. Returns its id.
async fn short_questionnaire(analyst: &Client) -> i64 {
    let res = analyst
        .post_form(
            "/api/tna/questionnaires/create",
            "/tna",
            &[
                ("title_en", "Document checks survey"),
                ("title_fr", "Enquête sur le contrôle documentaire"),
                ("copy_of", ""),
            ],
        )
        .await;
    let to = location(&res);
    assert!(to.starts_with("/tna/questionnaires/"), "{to}");
    let id: i64 = to
        .trim_start_matches("/tna/questionnaires/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let ok = |to: String| assert!(to.contains("notice=Saved"), "{to}");
    ok(edit(
        analyst,
        id,
        &[
            ("op", "item"),
            ("section", "general"),
            ("id", "role"),
            ("kind", "single"),
            ("required", "1"),
            ("text_en", "Your role"),
            ("text_fr", "Votre fonction"),
            (
                "options",
                "front-line | Front-line officer | Agent de première ligne\nsupervisor | Supervisor | Superviseur",
            ),
        ],
    )
    .await);
    ok(edit(
        analyst,
        id,
        &[
            ("op", "item"),
            ("section", "general"),
            ("id", "mrz"),
            ("kind", "dual"),
            ("required", "1"),
            ("text_en", "Checking the MRZ"),
            ("text_fr", "Contrôler la ZLA"),
            ("competency", "doc-mrz-verification"),
            ("cond_item", "role"),
            ("cond_op", "equals"),
            ("cond_value", "front-line"),
        ],
    )
    .await);
    ok(edit(
        analyst,
        id,
        &[
            ("op", "item"),
            ("section", "general"),
            ("id", "interview"),
            ("kind", "dual"),
            ("text_en", "Second-line interviews"),
            ("text_fr", "Entretiens de deuxième ligne"),
            ("competency", "int-second-line-interview"),
        ],
    )
    .await);
    id
}

#[tokio::test]
async fn the_builder_checks_every_change_and_freezes_a_version_in_use() {
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    let id = short_questionnaire(&analyst).await;
    let page = analyst
        .page(&format!("/tna/questionnaires/{id}"), StatusCode::OK)
        .await;
    assert!(page.contains("Checking the MRZ") && page.contains("role = front-line"));
    let before = definition(&app, id).await;

    // Design errors: nothing is written, and the message names the item.
    for (fields, error) in [
        (
            // A condition on a later item (which is how a cycle would start).
            vec![
                ("op", "item"),
                ("original", "role"),
                ("section", "general"),
                ("id", "role"),
                ("kind", "single"),
                ("text_en", "Your role"),
                ("text_fr", "Votre fonction"),
                ("options", "a | A | A\nb | B | B"),
                ("cond_item", "interview"),
                ("cond_op", "at_least"),
                ("cond_value", "3"),
            ],
            "ErrSkipLater",
        ),
        (
            vec![
                ("op", "item"),
                ("section", "general"),
                ("id", "mrz"),
                ("kind", "dual"),
                ("text_en", "Again"),
                ("text_fr", "Encore"),
                ("competency", "doc-mrz-verification"),
            ],
            "ErrItemId",
        ),
        (
            vec![
                ("op", "item"),
                ("section", "general"),
                ("id", "english-only"),
                ("kind", "text"),
                ("text_en", "Comments"),
                ("text_fr", ""),
            ],
            "ErrBothLanguages",
        ),
        (
            vec![
                ("op", "item"),
                ("section", "general"),
                ("id", "no-competency"),
                ("kind", "dual"),
                ("text_en", "x"),
                ("text_fr", "x"),
            ],
            "ErrDualCompetency",
        ),
        (
            vec![("op", "toml"), ("toml", "this is = not [ a questionnaire")],
            "ErrToml",
        ),
    ] {
        let to = edit(&analyst, id, &fields).await;
        assert!(to.contains(&format!("error={error}")), "{error}: {to}");
        assert_eq!(
            definition(&app, id).await,
            before,
            "{error}: nothing written"
        );
    }

    // Items move and the whole questionnaire can be edited as TOML, with the same checks.
    assert!(
        edit(
            &analyst,
            id,
            &[("op", "move"), ("item", "interview"), ("dir", "up")]
        )
        .await
        .contains("notice=Saved")
    );
    let toml = definition(&app, id).await;
    assert!(toml.find("interview").unwrap() < toml.find("id = \"mrz\"").unwrap());
    let cyclic = toml.replace(
        "item = \"role\"\nequals = \"front-line\"",
        "item = \"mrz\"\nat_least = 2.0",
    );
    assert_ne!(cyclic, toml, "the condition is in the TOML");
    assert!(
        edit(&analyst, id, &[("op", "toml"), ("toml", &cyclic)])
            .await
            .contains("error=ErrSkipLater")
    );

    // A campaign opens with it: the version is frozen; a new version is editable.
    let immigration = agency_id(&app, "Utopia Immigration Service").await;
    let campaign = create_campaign(&analyst, id, &[immigration], false).await;
    open(&analyst, campaign).await;
    let to = edit(&analyst, id, &[("op", "delete"), ("item", "interview")]).await;
    assert!(to.contains("error=ErrQuestionnaireInUse"), "{to}");
    let res = analyst
        .post_form(
            "/api/tna/questionnaires/version",
            &format!("/tna/questionnaires/{id}"),
            &[("id", &id.to_string())],
        )
        .await;
    let to = location(&res);
    let v2: i64 = to
        .trim_start_matches("/tna/questionnaires/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        edit(&analyst, v2, &[("op", "delete"), ("item", "interview")])
            .await
            .contains("notice=Saved")
    );
    assert!(
        definition(&app, id).await.contains("interview"),
        "v1 unchanged"
    );
    assert!(!definition(&app, v2).await.contains("\"interview\""));

    // Not for trainers or trainees.
    let trainer = app.login_as(Role::Trainer).await;
    assert_eq!(trainer.get("/tna").await.status(), StatusCode::FORBIDDEN);
    let res = trainer
        .post_form(
            &format!("/tna/questionnaires/{v2}/edit"),
            "/tna",
            &[("op", "delete"), ("item", "mrz")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

/// Creates a campaign over `agencies` open from yesterday to next month; returns its id.
async fn create_campaign(c: &Client, questionnaire: i64, agencies: &[i64], anonymous: bool) -> i64 {
    let today = time::OffsetDateTime::now_utc().date();
    let opens = (today - time::Duration::days(1)).to_string();
    let closes = (today + time::Duration::days(30)).to_string();
    let q = questionnaire.to_string();
    let agency_strings: Vec<String> = agencies.iter().map(ToString::to_string).collect();
    let mut fields: Vec<(&str, &str)> = vec![
        ("title", "Document checks 2026"),
        ("questionnaire", &q),
        ("opens_on", &opens),
        ("closes_on", &closes),
        ("min_group", if anonymous { "5" } else { "1" }),
    ];
    if anonymous {
        fields.push(("anonymous", "1"));
    }
    for a in &agency_strings {
        fields.push(("agency", a));
    }
    let res = c
        .post_form("/tna/campaigns", "/tna/campaigns/new", &fields)
        .await;
    let to = location(&res);
    assert!(to.starts_with("/tna/campaigns/"), "{to}");
    to.trim_start_matches("/tna/campaigns/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn open(c: &Client, campaign: i64) {
    let res = c
        .post_form(
            "/api/tna/campaigns/status",
            &format!("/tna/campaigns/{campaign}"),
            &[("id", &campaign.to_string()), ("status", "open")],
        )
        .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
}

/// Starts the client's own response to `campaign`; returns the response id.
async fn start(c: &Client, campaign: i64, supervises: &str) -> reqwest::Response {
    c.post_form(
        "/api/tna/responses/start",
        "/surveys",
        &[
            ("campaign", &campaign.to_string()),
            ("supervises", supervises),
        ],
    )
    .await
}

fn response_id(res: &reqwest::Response) -> i64 {
    location(res)
        .trim_start_matches("/responses/")
        .parse()
        .unwrap_or_else(|_| panic!("{}", location(res)))
}

/// Submits response `r` as a front-line officer who rates MRZ checks 6 in importance and 2 in
/// performance.
async fn submit_front_line(c: &Client, r: i64) {
    let res = c
        .post_form(
            &format!("/responses/{r}/answers"),
            &format!("/responses/{r}"),
            &[
                ("role", "front-line"),
                ("mrz.importance", "6"),
                ("mrz.performance", "2"),
                ("action", "submit"),
            ],
        )
        .await;
    assert!(
        location(&res).contains("notice=ResponseSubmitted"),
        "{}",
        location(&res)
    );
}

async fn autosave(c: &Client, response: i64, fields: &str) -> reqwest::Response {
    c.call(
        "/api/tna/responses/autosave",
        &[
            ("response", &response.to_string()),
            ("answers", fields),
            ("csrf_token", "x"),
        ],
    )
    .await
}

#[tokio::test]
async fn officers_and_supervisors_answer_once_and_the_results_show_the_gaps() {
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    let q = short_questionnaire(&analyst).await;
    let immigration = agency_id(&app, "Utopia Immigration Service").await;
    let police = agency_id(&app, "Utopia Border Police").await;
    let front_line = position_id(&app, immigration, "Front-line immigration officer").await;
    let guard = position_id(&app, police, "Border guard").await;
    let campaign = create_campaign(&analyst, q, &[immigration, police], false).await;

    // A draft campaign takes no answers and is offered to nobody.
    let trainee = app.login_as(Role::Trainee).await;
    assert!(
        !trainee
            .page("/surveys", StatusCode::OK)
            .await
            .contains("Document checks 2026")
    );
    open(&analyst, campaign).await;
    assert!(
        trainee
            .page("/surveys", StatusCode::OK)
            .await
            .contains("Document checks 2026")
    );

    // The demo trainee (a front-line immigration officer) answers half, leaves and comes back.
    let r = response_id(&start(&trainee, campaign, "").await);
    let res = autosave(&trainee, r, "role=front-line").await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = autosave(&trainee, r, "mrz.importance=7&mrz.performance=2").await;
    assert_eq!(res.status(), StatusCode::OK);
    // Out of scale, half a pair, an unknown option: refused, nothing changes.
    for bad in [
        "mrz.importance=9&mrz.performance=2",
        "mrz.importance=7",
        "role=pilot",
    ] {
        let res = autosave(&trainee, r, bad).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let page = trainee
        .page(&format!("/responses/{r}"), StatusCode::OK)
        .await;
    assert!(
        page.contains(r#"id="mrz-importance-7" name="mrz.importance" value="7" checked"#),
        "answers come back"
    );
    // Starting again resumes the same response.
    assert_eq!(response_id(&start(&trainee, campaign, "").await), r);
    // Someone else cannot see it.
    let other = officer(&app, "officer2", immigration, front_line).await;
    assert_eq!(
        other.get(&format!("/responses/{r}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        autosave(&other, r, "role=supervisor").await.status(),
        StatusCode::NOT_FOUND
    );

    // Submitting: the page form saves and submits; a second submission is refused.
    let res = trainee
        .post_form(
            &format!("/responses/{r}/answers"),
            &format!("/responses/{r}"),
            &[
                ("interview.importance", "3"),
                ("interview.performance", "6"),
                ("action", "submit"),
            ],
        )
        .await;
    assert!(
        location(&res).contains("notice=ResponseSubmitted"),
        "{}",
        location(&res)
    );
    let res = start(&trainee, campaign, "").await;
    assert!(
        location(&res).contains("error=ErrAlreadySubmitted"),
        "{}",
        location(&res)
    );
    assert_eq!(
        autosave(&trainee, r, "role=supervisor").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // A required item that is shown must be answered; a hidden one need not be.
    let r2 = response_id(&start(&other, campaign, "").await);
    let res = other
        .post_form(
            &format!("/responses/{r2}/answers"),
            &format!("/responses/{r2}"),
            &[("role", "front-line"), ("action", "submit")],
        )
        .await;
    assert!(
        location(&res).contains("error=ErrRequiredItem&field=mrz"),
        "{}",
        location(&res)
    );
    let res = other
        .post_form(
            &format!("/responses/{r2}/answers"),
            &format!("/responses/{r2}"),
            &[
                ("role", "front-line"),
                ("mrz.importance", "6"),
                ("mrz.performance", "3"),
                ("action", "submit"),
            ],
        )
        .await;
    assert!(location(&res).contains("notice=ResponseSubmitted"));

    // A border police supervisor assesses the staff of the border guard position; their
    // "mrz" answer is dropped because skip logic hides it from supervisors.
    let commander_pos = position_id(&app, police, "Post commander").await;
    let commander = officer(&app, "commander", police, commander_pos).await;
    let r3 = response_id(&start(&commander, campaign, &guard.to_string()).await);
    let res = commander
        .post_form(
            &format!("/responses/{r3}/answers"),
            &format!("/responses/{r3}"),
            &[
                ("role", "supervisor"),
                ("mrz.importance", "7"),
                ("mrz.performance", "1"),
                ("interview.importance", "7"),
                ("interview.performance", "1"),
                ("action", "submit"),
            ],
        )
        .await;
    assert!(
        location(&res).contains("notice=ResponseSubmitted"),
        "{}",
        location(&res)
    );
    let stored = tna_response::Entity::find_by_id(r3)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.perspective, "supervisor");
    assert_eq!(stored.position_id, Some(guard));
    assert!(!stored.answers.contains("mrz") && stored.answers.contains("interview"));
    assert!(stored.person_id.is_some(), "named campaign");

    // Progress and results.
    let progress = analyst
        .page(&format!("/tna/campaigns/{campaign}"), StatusCode::OK)
        .await;
    assert!(
        progress.contains("Utopia Border Police")
            && progress.contains("Utopia Immigration Service")
    );
    let results = analyst
        .page(
            &format!("/tna/campaigns/{campaign}/results?measure=need&agency={police}"),
            StatusCode::OK,
        )
        .await;
    assert!(results.contains("<svg") && results.contains("heat-map"));
    // Interviewing in the border police: importance 7, performance 1 → need 7.0.
    assert!(
        results.contains("7.0 (n=1)"),
        "the supervisor's answer shows in the heat map"
    );
    assert!(results.contains("Reading and verifying the machine readable zone"));
    assert!(results.contains(r#"id="plan""#), "a training plan");
    // Individual answers of a named campaign, with the respondents' logins.
    let res = analyst
        .get(&format!("/tna/campaigns/{campaign}/answers.csv"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    assert!(
        csv.starts_with("respondent,perspective,agency,position,role,mrz.importance"),
        "{csv}"
    );
    assert!(csv.contains("trainee,self,Utopia Immigration Service"));

    // Closed: no more answers.
    let res = analyst
        .post_form(
            "/api/tna/campaigns/status",
            &format!("/tna/campaigns/{campaign}"),
            &[("id", &campaign.to_string()), ("status", "closed")],
        )
        .await;
    assert!(location(&res).contains("notice=Saved"));
    let late = officer(&app, "late", immigration, front_line).await;
    assert!(location(&start(&late, campaign, "").await).contains("error=ErrCampaignClosed"));
    let _ = commander_pos;
}

#[tokio::test]
async fn anonymous_campaigns_keep_no_link_to_people_and_withhold_small_groups() {
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    let q = short_questionnaire(&analyst).await;
    let immigration = agency_id(&app, "Utopia Immigration Service").await;
    // Anonymous campaigns need groups of at least 3.
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let res = analyst
        .post_form(
            "/tna/campaigns",
            "/tna/campaigns/new",
            &[
                ("title", "Too small"),
                ("questionnaire", &q.to_string()),
                ("opens_on", &today),
                ("closes_on", &today),
                ("anonymous", "1"),
                ("min_group", "1"),
                ("agency", &immigration.to_string()),
            ],
        )
        .await;
    assert!(
        location(&res).contains("error=ErrMinGroup"),
        "{}",
        location(&res)
    );
    let campaign = create_campaign(&analyst, q, &[immigration], true).await;
    open(&analyst, campaign).await;
    let trainee = app.login_as(Role::Trainee).await;
    let r = response_id(&start(&trainee, campaign, "").await);
    let draft = tna_response::Entity::find_by_id(r)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(draft.person_id, None, "never named");
    assert!(draft.draft_token.is_some(), "a draft finds its way back");
    submit_front_line(&trainee, r).await;
    // The draft's row is gone: its id followed the participation's insertion order.
    assert!(
        tna_response::Entity::find_by_id(r)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    let submitted = tna_response::Entity::find()
        .filter(tna_response::Column::CampaignId.eq(campaign))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((submitted.person_id, submitted.draft_token), (None, None));
    assert!(
        submitted.id > 1_000_000,
        "a random id, not the next one: {}",
        submitted.id
    );
    let midnight = submitted.created_at.date().midnight().assume_utc();
    assert_eq!(
        (submitted.created_at, submitted.updated_at),
        (midnight, midnight),
        "the day only: no start time to match"
    );
    assert_eq!(
        count(
            &app.db,
            &format!(
                "tna_participation WHERE campaign_id = {campaign} AND draft_token IS NOT NULL"
            )
        )
        .await,
        0,
        "the link is erased at submission"
    );
    // Even the respondent can no longer open it, and a second response is refused.
    assert_eq!(
        trainee.get(&format!("/responses/{r}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(location(&start(&trainee, campaign, "").await).contains("error=ErrAlreadySubmitted"));

    // Individual answers are refused; the one response is below the group size: withheld.
    let res = analyst
        .get(&format!("/tna/campaigns/{campaign}/answers.csv"))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("anonymous"));
    let results = analyst
        .page(
            &format!("/tna/campaigns/{campaign}/results"),
            StatusCode::OK,
        )
        .await;
    assert!(results.contains("n=1 &lt;min"), "withheld in the heat map");
    assert!(!results.contains("(n=1)"), "no figure for a group of one");
    let res = analyst
        .get(&format!("/tna/campaigns/{campaign}/export/csv"))
        .await;
    let csv = res.text().await.unwrap();
    assert!(csv.lines().skip(1).all(|l| l.ends_with(",yes")), "{csv}");
}

#[tokio::test]
async fn the_demo_campaign_has_results_exports_and_a_printable_summary() {
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    let campaign = app::server::entities::tna_campaign::Entity::find()
        .filter(
            app::server::entities::tna_campaign::Column::Title
                .eq(app::server::services::demo::tna::TITLE),
        )
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        count(
            &app.db,
            &format!(
                "tna_responses WHERE campaign_id = {} AND status = 'submitted'",
                campaign.id
            )
        )
        .await
            >= 20
    );
    let police = agency_id(&app, "Utopia Border Police").await;
    let page = analyst
        .page(
            &format!("/tna/campaigns/{}/results?agency={police}", campaign.id),
            StatusCode::OK,
        )
        .await;
    for needle in [
        "heat-map",
        "top-needs",
        "drill-table",
        "Border guard",
        r#"id="plan""#,
        "Withheld",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    let summary = analyst
        .page(
            &format!("/tna/campaigns/{}/summary?agency={police}", campaign.id),
            StatusCode::OK,
        )
        .await;
    assert!(summary.contains("Utopia Border Police") && summary.contains("summary-gaps"));
    let res = analyst
        .get(&format!("/tna/campaigns/{}/export/xlsx", campaign.id))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap();
    let rows = content::xlsx::read_first_sheet(&bytes, 1000).unwrap();
    assert_eq!(rows[0].get(0).unwrap(), "competency_id");
    assert_eq!(rows.len(), 1 + 32 * 4);
    // Unknown campaigns and agencies; people who are not analysts.
    assert_eq!(
        analyst.get("/tna/campaigns/999/results").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        analyst
            .get(&format!(
                "/tna/campaigns/{}/results?agency=999",
                campaign.id
            ))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let trainer = app.login_as(Role::Trainer).await;
    assert_eq!(
        trainer
            .get(&format!("/tna/campaigns/{}/export/csv", campaign.id))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.client()
            .get(&format!("/tna/campaigns/{}/export/csv", campaign.id))
            .await
            .status(),
        StatusCode::SEE_OTHER,
        "anonymous visitors are sent to sign in"
    );
}

async fn upload_paper(
    app: &TestApp,
    c: &Client,
    campaign: i64,
    name: &str,
    bytes: Vec<u8>,
) -> (StatusCode, String) {
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", c.csrf().await)
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    let res = c
        .http
        .post(app.url(&format!("/tna/campaigns/{campaign}/paper")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

#[tokio::test]
async fn paper_responses_import_whole_or_not_at_all() {
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    let q = short_questionnaire(&analyst).await;
    let immigration = agency_id(&app, "Utopia Immigration Service").await;
    let campaign = create_campaign(&analyst, q, &[immigration], false).await;
    open(&analyst, campaign).await;
    let template = analyst
        .get(&format!("/tna/campaigns/{campaign}/template.csv"))
        .await;
    let header = template.text().await.unwrap();
    assert_eq!(
        header.trim(),
        "respondent,perspective,agency,position,role,mrz.importance,mrz.performance,interview.importance,interview.performance"
    );
    let table = format!("tna_responses WHERE campaign_id = {campaign}");
    let responses = || count(&app.db, &table);
    let good = format!(
        "{}P-001,self,Utopia Immigration Service,Front-line immigration officer,front-line,7,2,5,4\nP-002,,{immigration},,supervisor,,,6,5\n",
        header
    );
    for (file, problem) in [
        (
            header.replace("mrz.importance", "mrz.urgency")
                + "P-1,self,Utopia Immigration Service,,front-line,7,2,5,4\n",
            "ErrUnknownItem",
        ),
        (
            good.replace("7,2,5,4", "8,2,5,4"),
            "This answer is outside the item",
        ),
        (good.replace("P-002", "P-001"), "already used"),
        (
            good.replace(
                "Utopia Immigration Service",
                "Utopia Customs Administration",
            ),
            "among those of the campaign",
        ),
        (
            good.replace(",front-line,7,2,5,4", ",front-line,,,5,4"),
            "must be answered",
        ),
        (good.replace(",self,", ",colleague,"), "self or supervisor"),
        (header.clone(), "no responses"),
    ] {
        let (status, page) =
            upload_paper(&app, &analyst, campaign, "paper.csv", file.into_bytes()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert!(
            page.contains("Nothing was imported") || page.contains(problem),
            "{problem}"
        );
        assert!(
            page.contains(problem) || problem == "ErrUnknownItem" && page.contains("not an item"),
            "{problem}: {page}"
        );
        assert_eq!(responses().await, 0, "{problem}: nothing imported");
    }
    let (status, page) = upload_paper(
        &app,
        &analyst,
        campaign,
        "paper.csv",
        good.clone().into_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("2 paper responses imported"));
    assert_eq!(responses().await, 2);
    // The same respondents again: refused.
    let (status, _) = upload_paper(&app, &analyst, campaign, "paper.csv", good.into_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The same layout as a workbook.
    use content::xlsx::Cell;
    let rows: Vec<Vec<Cell>> = vec![
        header.trim().split(',').map(Cell::from).collect(),
        [
            "P-010",
            "self",
            "Utopia Immigration Service",
            "",
            "front-line",
            "6",
            "3",
            "",
            "",
        ]
        .into_iter()
        .map(Cell::from)
        .collect(),
    ];
    let (status, page) = upload_paper(
        &app,
        &analyst,
        campaign,
        "paper.xlsx",
        content::xlsx::write("Responses", &rows),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(responses().await, 3);
    // A text file named .xlsx, a file that is not UTF-8.
    let (status, page) = upload_paper(
        &app,
        &analyst,
        campaign,
        "x.xlsx",
        b"PK\x03\x04garbage".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("cannot be read"));
    let (status, _) = upload_paper(&app, &analyst, campaign, "x.csv", vec![0xff, 0xfe, 0x00]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(responses().await, 3);
}

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
