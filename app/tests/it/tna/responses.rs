//! Answering a campaign: once per person, officers and supervisors, anonymity and small groups.

use super::*;

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
    // A rating scale's ends say what they mean to a screen reader too, not only on screen.
    let end = page
        .find(" — not important</span>")
        .expect("the scale's low end named in its first point");
    assert!(page[..end].ends_with(r#"<span class="visually-hidden">"#));
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
                // Interviewing is not part of this officer's job (a performance rating left
                // from before is dropped).
                ("interview.importance", "n/a"),
                ("interview.performance", "4"),
                ("action", "submit"),
            ],
        )
        .await;
    assert!(location(&res).contains("notice=ResponseSubmitted"));
    let stored = tna_response::Entity::find_by_id(r2)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.answers.contains(r#""interview":null"#),
        "{}",
        stored.answers
    );

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

    // Progress and results. The two officers who answered for the immigration service leave
    // (deactivated here), and of its other people all but one: those who answered still count
    // among the people invited, so the response rate stays within 100 % (it said 200 %).
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared(&format!(
            "UPDATE people SET active = FALSE WHERE agency_id = {immigration} AND id <> \
             COALESCE((SELECT id FROM people WHERE login = 'analyst' AND agency_id = {immigration}), \
              (SELECT MIN(id) FROM people WHERE agency_id = {immigration} \
               AND login NOT IN ('trainee', 'officer2')))"
        ))
        .await
        .unwrap();
    assert_eq!(
        count(
            &app.db,
            &format!("people WHERE agency_id = {immigration} AND active")
        )
        .await,
        1
    );
    let progress = analyst
        .page(&format!("/tna/campaigns/{campaign}"), StatusCode::OK)
        .await;
    let table = &progress[progress.find("id=\"progress\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let rates: Vec<f64> = table
        .split("<td class=\"num\">")
        .filter_map(|cell| cell.split(" %</td>").next().filter(|c| c.len() < 5))
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    assert!(!rates.is_empty(), "{table}");
    assert!(rates.iter().all(|r| *r <= 100.0), "{rates:?}");
    assert!(rates.iter().any(|r| *r > 0.0), "{rates:?}");
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
    // Interviewing in the border police: importance 7, performance 1 → a discrepancy of 6
    // times the mean importance 7, the largest need there is. One answer is under the minimum
    // group size: a named campaign shows it, marked to be read with caution.
    assert!(
        results.contains("42.0 (n=1*)"),
        "the supervisor's answer shows in the heat map"
    );
    assert!(results.contains("read with caution"));
    assert!(
        results.contains(r#"<tr class="caution">"#) && results.contains(r#"class="caution-mark""#),
        "the drill-down marks the small groups"
    );
    assert!(!results.contains("Withheld: fewer answers"));
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
    assert!(
        !results.contains("(n=1)") && !results.contains("(n=1*)"),
        "no figure for a group of one"
    );
    let res = analyst
        .get(&format!("/tna/campaigns/{campaign}/export/csv"))
        .await;
    let csv = res.text().await.unwrap();
    // Withheld, not shown with a caution.
    assert!(csv.lines().skip(1).all(|l| l.ends_with(",yes,no")), "{csv}");
}
