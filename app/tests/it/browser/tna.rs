//! A needs analysis from questionnaire to training plan.

use super::*;

#[tokio::test]
async fn an_analyst_runs_a_needs_analysis_from_questionnaire_to_training_plan() {
    use app::server::entities::{agency, position, tna_campaign};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

    let app = TestApp::spawn().await;
    let agency_id = |name: &'static str| {
        let db = app.db.clone();
        async move {
            agency::Entity::find()
                .filter(agency::Column::Name.eq(name))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let immigration = agency_id("Utopia Immigration Service").await;
    let police = agency_id("Utopia Border Police").await;
    let position_of = |agency: i64, title: &'static str| {
        let db = app.db.clone();
        async move {
            position::Entity::find()
                .filter(position::Column::AgencyId.eq(agency))
                .filter(position::Column::Title.eq(title))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let guard = position_of(police, "Border guard").await;
    let commander = position_of(police, "Post commander").await;
    for (login, position) in [("guard", guard), ("commander", commander)] {
        app::server::services::people::create_direct(
            &app.db,
            &app::server::services::people::NewPerson {
                login: login.to_owned(),
                display_name: format!("Border police {login}"),
                email: None,
                agency_id: Some(police),
                position_id: Some(position),
                roles: vec![app::model::Role::Trainee],
                countries: Vec::new(),
                lang: app::i18n::Lang::En,
            },
            "border-police-2026",
        )
        .await
        .unwrap();
    }

    // The analyst builds a two-item questionnaire with a skip rule.
    let b = Browser::start().await;
    b.sign_in(&app, "analyst", "analyst-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/tna")).await;
    b.click("details.panel > summary").await;
    b.type_into("#q-title-en", "Counter skills check").await;
    b.type_into("#q-title-fr", "Contrôle des compétences au guichet")
        .await;
    b.click("#create-questionnaire").await;
    b.wait_for(
        "the builder",
        "location.pathname.startsWith('/tna/questionnaires/')",
    )
    .await;
    b.click("#add-item-general").await;
    b.type_into("#new-general-id", "role").await;
    b.select("#new-general-kind", "single").await;
    b.click("#new-general-required").await;
    b.type_into("#new-general-en", "Your role").await;
    b.type_into("#new-general-fr", "Votre fonction").await;
    b.type_into(
        "#new-general-options",
        "front-line | Front-line officer | Agent de première ligne\nsupervisor | Supervisor | Superviseur",
    )
    .await;
    b.click("#new-general-save").await;
    b.wait_for(
        "the role item",
        "document.querySelector('#item-role') !== null",
    )
    .await;
    b.click("#add-item-general").await;
    b.type_into("#new-general-id", "mrz").await;
    b.select("#new-general-kind", "dual").await;
    b.type_into("#new-general-en", "Checking the machine readable zone")
        .await;
    b.type_into(
        "#new-general-fr",
        "Contrôler la zone de lecture automatique",
    )
    .await;
    b.select("#new-general-competency", "doc-mrz-verification")
        .await;
    b.select("#new-general-cond-item", "role").await;
    // "At least" needs a scale: refused, the form comes back open as it was typed, with why.
    b.select("#new-general-cond-op", "at_least").await;
    b.type_into("#new-general-cond-value", "front-line").await;
    b.click("#new-general-save").await;
    b.wait_for("the refusal", "location.search.includes('error=')")
        .await;
    b.wait_for(
        "the reason beside the form",
        "document.querySelector('#new-general-error') && document.querySelector('#new-general-error').checkVisibility()",
    )
    .await;
    let kept = b
        .script(
            "return ['id', 'kind', 'en', 'fr', 'competency', 'cond-item', 'cond-op', 'cond-value'] \
             .map(f => document.querySelector('#new-general-' + f).value);",
        )
        .await;
    assert_eq!(
        kept,
        serde_json::json!([
            "mrz",
            "dual",
            "Checking the machine readable zone",
            "Contrôler la zone de lecture automatique",
            "doc-mrz-verification",
            "role",
            "at_least",
            "front-line"
        ])
    );
    b.select("#new-general-cond-op", "equals").await;
    b.click("#new-general-save").await;
    b.wait_for(
        "the MRZ item",
        "document.querySelector('#item-mrz .skip-rule') !== null",
    )
    .await;
    assert!(
        b.text("#item-mrz .skip-rule")
            .await
            .contains("role = front-line")
    );
    let questionnaire: i64 = b
        .url()
        .await
        .split("/tna/questionnaires/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();

    // … and launches a named campaign for two agencies.
    b.goto(&app.url("/tna/campaigns/new")).await;
    b.type_into("#c-title", "Counter skills 2026").await;
    b.select("#c-questionnaire", &questionnaire.to_string())
        .await;
    let today = time::OffsetDateTime::now_utc().date();
    b.script(&format!(
        "document.querySelector('#c-opens').value = '{}'; document.querySelector('#c-closes').value = '{}';",
        today - time::Duration::days(1),
        today + time::Duration::days(14)
    ))
    .await;
    b.click(&format!("#agency-{immigration}")).await;
    b.click(&format!("#agency-{police}")).await;
    b.click("#c-anonymous").await;
    b.script("document.querySelector('#c-min').value = '1';")
        .await;
    b.click("#create-campaign").await;
    b.wait_for(
        "the campaign",
        "location.pathname.startsWith('/tna/campaigns/')",
    )
    .await;
    b.click("#status-open").await;
    b.wait_text("#campaign-status", "Open").await;
    let campaign = tna_campaign::Entity::find()
        .order_by_desc(tna_campaign::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    b.sign_out().await;

    // Two officers answer; the MRZ item appears only once they say they are front-line.
    for (login, password, performance) in [
        ("trainee", "trainee-demo-2026", "2"),
        ("guard", "border-police-2026", "3"),
    ] {
        b.sign_in(&app, login, password).await;
        b.find("#my-roles").await;
        b.goto(&app.url("/surveys")).await;
        b.click(&format!("#start-{campaign}")).await;
        b.wait_for(
            "the response",
            "location.pathname.startsWith('/responses/')",
        )
        .await;
        b.wait_for(
            "the autosave island",
            "document.querySelector('#autosave-status')?.dataset.live === '1'",
        )
        .await;
        assert!(
            b.script("return document.querySelector('#q-mrz').hidden;")
                .await
                == serde_json::json!(true),
            "hidden until the role is known"
        );
        b.click("#role-front-line").await;
        b.wait_for("the MRZ item", "!document.querySelector('#q-mrz').hidden")
            .await;
        b.click("#mrz-importance-7").await;
        b.click(&format!("#mrz-performance-{performance}")).await;
        b.wait_text("#autosave-status", "Saved").await;
        // Half a pair of ratings is never sent (the server would refuse it, and its refusal
        // could arrive after the whole pair was saved): one save for the role, one for the
        // two MRZ ratings together.
        b.wait_for(
            "two saves",
            "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api/tna/responses/autosave')).length === 2",
        )
        .await;
        // Leave and come back: the answers are still there.
        b.goto(&app.url("/surveys")).await;
        b.click(&format!("#start-{campaign}")).await;
        b.wait_for(
            "the response",
            "location.pathname.startsWith('/responses/')",
        )
        .await;
        assert_eq!(
            b.script(&format!(
                "return document.querySelector('#mrz-performance-{performance}').checked;"
            ))
            .await,
            serde_json::json!(true)
        );
        b.click("#submit-response").await;
        b.wait_text(".banner-ok", "submitted").await;
        b.sign_out().await;
    }

    // The post commander assesses the border guards as their supervisor: the MRZ item stays
    // hidden for supervisors.
    b.sign_in(&app, "commander", "border-police-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/surveys")).await;
    b.click(&format!("#survey-{campaign} details summary"))
        .await;
    b.click(&format!("#supervise-{campaign}-{guard}")).await;
    b.wait_for(
        "the response",
        "location.pathname.startsWith('/responses/')",
    )
    .await;
    b.wait_for(
        "the autosave island",
        "document.querySelector('#autosave-status')?.dataset.live === '1'",
    )
    .await;
    b.click("#role-supervisor").await;
    b.wait_text("#autosave-status", "Saved").await;
    assert!(
        b.script("return document.querySelector('#q-mrz').hidden;")
            .await
            == serde_json::json!(true)
    );
    b.click("#submit-response").await;
    b.wait_text(".banner-ok", "submitted").await;
    b.sign_out().await;

    // The analyst reads the gaps: the MRZ levels required of front-line officers and border
    // guards (3) against what each reported (performance 2 → level 1.7, 3 → 2.3).
    b.sign_in(&app, "analyst", "analyst-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url(&format!("/tna/campaigns/{campaign}")))
        .await;
    assert!(b.text("#progress").await.contains("Utopia Border Police"));
    b.goto(&app.url(&format!("/tna/campaigns/{campaign}/results")))
        .await;
    let heat = b.text("#heat-map").await;
    assert!(heat.contains("1.3 (n=1)"), "immigration gap: {heat}");
    assert!(heat.contains("0.7 (n=1)"), "border police gap: {heat}");
    // The same figures as a table, with each competency's full title and each agency named.
    b.click("#heat-figures summary").await;
    let figures = b.text("#heat-figures table").await;
    assert!(
        figures.contains("Utopia Border Police")
            && figures.contains("1.3 (n=1)")
            && figures.contains("0.7 (n=1)"),
        "{figures}"
    );
    assert_eq!(
        b.script(
            "return document.querySelectorAll('#heat-figures tbody th[scope=row]').length > 0;"
        )
        .await,
        json!(true)
    );
    let plan = b.text("#plan").await;
    assert!(
        plan.contains("Travel documents and the machine readable zone"),
        "the plan names the module that builds the competency: {plan}"
    );
    assert!(plan.contains("Reading and verifying the machine readable zone"));
    // The drill-down by agency lands on its table, not at the top of the page.
    b.click("#drill-go").await;
    b.find("#drill-table").await;
    assert_eq!(b.script("return location.hash;").await, json!("#drill"));
    // The plan's course links open the course's outline for the analyst.
    b.click("#plan a[href^='/courses/']").await;
    b.find("#outline-only").await;
}
