//! The demo campaign's results, exports and printable summary; paper responses imported whole.

use super::*;

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
    // Officers' and supervisors' views side by side, per agency: the border police's
    // commanders see weaker document work than their guards report; the immigration
    // service's supervisors see better risk analysis than their officers claim.
    let views = page
        .split(r#"id="views""#)
        .nth(1)
        .expect("the views table")
        .split("</table>")
        .next()
        .unwrap();
    let rows: Vec<&str> = views.split("<tr ").skip(1).collect();
    let found = |competency: &str, agency: &str, finding: &str| {
        rows.iter().any(|r| {
            r.contains(&format!(r#"data-competency="{competency}"#))
                && r.contains(agency)
                && r.contains(finding)
        })
    };
    assert!(found(
        "doc-",
        "Utopia Border Police",
        "Supervisors see a larger need"
    ));
    assert!(found(
        "risk-",
        "Utopia Immigration Service",
        "Officers under-rate themselves"
    ));
    assert!(found("law-", "Utopia Border Police", "The views agree"));
    assert!(!found(
        "doc-",
        "Utopia Immigration Service",
        "Supervisors see"
    ));
    // What stops people: at the border police's land crossings, equipment. Their document
    // answers leave the training plan; the immigration service's stay in it.
    let barriers = page
        .split(r#"id="barriers""#)
        .nth(1)
        .expect("the barriers table")
        .split("</table>")
        .next()
        .unwrap();
    let rows: Vec<&str> = barriers.split("<tr").skip(2).collect();
    let row = |section: &str, agency: &str| {
        *rows
            .iter()
            .find(|r| r.contains(section) && r.contains(agency))
            .unwrap_or_else(|| panic!("{section} / {agency}: {barriers}"))
    };
    assert!(
        row("Document examination", "Utopia Border Police")
            .contains("Mainly Equipment: for management, not for training")
    );
    assert!(
        row("Document examination", "Utopia Immigration Service").contains("Training can help")
    );
    let analysis = app::server::services::tna::results::analyse(&app.db, &campaign)
        .await
        .unwrap();
    // Second-line examination is not part of most front-line officers' job: they say so
    // instead of rating it, so they are not among its answers, and the priorities say how many.
    let answered = |c: &str| {
        analysis
            .by_competency
            .iter()
            .find(|g| g.key.0 == c)
            .map_or(0, |g| g.n)
    };
    let not_mine = analysis
        .not_my_job
        .get(&(
            "doc-fraud-second-line".to_owned(),
            String::new(),
            String::new(),
        ))
        .copied()
        .unwrap_or(0);
    assert!(not_mine > 0);
    assert_eq!(
        answered("doc-fraud-second-line") + not_mine,
        answered("doc-mrz-verification")
    );
    let priorities = page.split(r#"id="priorities""#).nth(1).unwrap();
    let second_line = priorities
        .split("<tr")
        .find(|r| r.contains("Second-line examination and fraud classification"))
        .unwrap_or_default();
    assert!(
        second_line.contains(&format!(r#"<td class="num">{not_mine}</td>"#)),
        "{second_line}"
    );
    let doc_items: Vec<_> = analysis
        .plan
        .iter()
        .filter(|(item, _)| item.competencies.iter().all(|c| c.starts_with("doc-")))
        .collect();
    assert!(!doc_items.is_empty(), "document modules stay in the plan");
    for (item, per_agency) in &doc_items {
        assert!(
            per_agency.iter().all(|(a, _)| *a != police),
            "{}: {per_agency:?}",
            item.module
        );
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
async fn the_demo_needs_analysis_finishes_a_load_that_stopped_halfway() {
    use app::server::entities::tna_campaign;
    use app::server::services::demo::tna::{OPEN_TITLE, TITLE, ensure};
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::spawn().await;
    let db = &app.db;
    let find = |title: &'static str| {
        tna_campaign::Entity::find()
            .filter(tna_campaign::Column::Title.eq(title))
            .one(db)
    };
    let campaigns = count(db, "tna_campaigns").await;
    let responses = count(db, "tna_responses").await;
    // As if the load had stopped after importing the answers, before closing the campaign
    // and opening the next one.
    let past = find(TITLE).await.unwrap().unwrap();
    let mut m: tna_campaign::ActiveModel = past.into();
    m.status = Set(app::model::CampaignStatus::Open);
    m.update(db).await.unwrap();
    let open = find(OPEN_TITLE).await.unwrap().unwrap();
    let mut m: tna_campaign::ActiveModel = open.into();
    m.status = Set(app::model::CampaignStatus::Draft);
    m.update(db).await.unwrap();
    ensure(db).await.unwrap();
    assert_eq!(
        find(TITLE).await.unwrap().unwrap().status,
        app::model::CampaignStatus::Closed
    );
    assert_eq!(
        find(OPEN_TITLE).await.unwrap().unwrap().status,
        app::model::CampaignStatus::Open
    );
    // Nothing loaded twice.
    ensure(db).await.unwrap();
    assert_eq!(count(db, "tna_campaigns").await, campaigns);
    assert_eq!(count(db, "tna_responses").await, responses);
}
