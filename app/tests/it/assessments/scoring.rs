//! Independent scoring, reconciliation by the lead, bad scores, people outside the team.

use super::*;

#[tokio::test]
async fn assessors_score_independently_the_lead_reconciles_and_the_final_version_is_read_only() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    for component in [
        "Administration",
        "Regulatory framework",
        "Operations",
        "Information management",
    ] {
        assert!(page.contains(component), "{component}");
    }
    assert!(page.contains("not scored"));

    // The lead scores; the element and the component now have a score with one indicator behind.
    let res = score(&lead, id, INDICATOR, "3", "", 0, false).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(page.contains("3.00"), "element score");
    assert!(page.contains("1 indicator scored") && !page.contains("1 indicators"));
    assert!(
        !page.contains(r#"id="to-reconcile""#),
        "one assessor: nothing to reconcile"
    );

    // A second assessor (the administrator, added to the team) disagrees: the indicator waits
    // for reconciliation and no longer counts.
    lead.post_form(
        "/api/assessments/member",
        &format!("/assessments/{id}"),
        &[
            ("id", &id.to_string()),
            ("login", "admin"),
            ("role", "assessor"),
        ],
    )
    .await;
    let second = app.login_as(Role::Admin).await;
    let res = score(&second, id, INDICATOR, "1", "", 0, false).await;
    assert!(location(&res).contains("notice=Saved"));
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(!page.contains("3.00"), "disagreement is not averaged away");
    // The overview lists it for the lead, with the scores given and a link to its place.
    let listed = &page[page
        .find(r#"id="to-reconcile""#)
        .expect("a list to reconcile")..];
    assert!(listed.contains("Scores to reconcile (1)"), "{listed}");
    assert!(listed.contains(&format!("/elements/{ELEMENT}#{INDICATOR}")));
    assert!(listed.contains("<td>1, 3</td>"), "{listed}");
    // An assessor (who sees only their own scores until review) is not shown the list.
    let theirs = second
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(!theirs.contains(r#"id="to-reconcile""#));
    let scoring = lead
        .page(
            &format!("/assessments/{id}/elements/{ELEMENT}"),
            StatusCode::OK,
        )
        .await;
    assert!(scoring.contains("Spread 2"), "the lead sees the spread");
    // The lead records the agreed score with its rationale; it counts.
    let res = score(
        &lead,
        id,
        INDICATOR,
        "2",
        "Mandates adopted; overlaps at sea remain",
        0,
        true,
    )
    .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(page.contains("2.00"));
    assert!(!page.contains(r#"id="to-reconcile""#), "reconciled");
    // Only the lead records agreed scores.
    let res = score(&second, id, INDICATOR, "4", "mine", 1, true).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_ne!(error_of(&res), "", "refused");

    // Review, then final: read-only from then on.
    for status in ["in_review", "final"] {
        let res = lead
            .post_form(
                "/api/assessments/status",
                &format!("/assessments/{id}"),
                &[("id", &id.to_string()), ("status", status)],
            )
            .await;
        assert!(location(&res).contains("notice=Saved"), "{status}");
    }
    let before = rows(&app, id).await;
    let res = score(&lead, id, INDICATOR, "4", "", 1, false).await;
    assert_eq!(error_of(&res), "ErrAssessmentFinal");
    let res = lead
        .post_form(
            "/api/assessments/status",
            &format!("/assessments/{id}"),
            &[("id", &id.to_string()), ("status", "draft")],
        )
        .await;
    assert_eq!(error_of(&res), "ErrAssessmentFinal");
    assert_eq!(rows(&app, id).await, before, "nothing changed");
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(
        !page.contains("id=\"scope-form\""),
        "no editing on a final assessment"
    );
}

#[tokio::test]
async fn bad_scores_are_refused_and_nothing_is_lost() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;

    // Outside the scale, not applicable without a reason, an indicator that does not exist.
    for (level, reason, indicator, expected) in [
        ("5", "", INDICATOR, "ErrLevelScale"),
        ("-1", "", INDICATOR, "ErrLevelScale"),
        ("three", "", INDICATOR, "ErrLevelScale"),
        ("na", "", INDICATOR, "ErrReasonRequired"),
        ("2", "", "no-such-indicator", "ErrUnknownIndicator"),
    ] {
        let res = score(&lead, id, indicator, level, reason, 0, false).await;
        assert_eq!(error_of(&res), expected, "{level} {indicator}");
    }
    assert!(rows(&app, id).await.is_empty(), "nothing half-written");
    let res = score(&lead, id, INDICATOR, "na", "No sea border", 0, false).await;
    assert!(location(&res).contains("notice=Saved"));

    // The scope leaves out everything but the structure element: other indicators are refused.
    let token = lead.csrf().await;
    let res = lead
        .post_raw(
            &format!("/assessments/{id}/scope"),
            &format!("/assessments/{id}"),
            &[("csrf_token", token.as_str()), ("element", ELEMENT)],
        )
        .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let res = score(&lead, id, "ops-detention-alternatives", "2", "", 0, false).await;
    assert_eq!(error_of(&res), "ErrOutOfScope");
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(
        !page.contains("elements/ops-"),
        "elements out of scope are not listed"
    );
    let res = lead
        .post_raw(
            &format!("/assessments/{id}/scope"),
            &format!("/assessments/{id}"),
            &[
                ("csrf_token", token.as_str()),
                ("element", "not-an-element"),
            ],
        )
        .await;
    assert!(location(&res).contains("error=ErrScope"));

    // Two people saving the same score: the second is told, the first's save stands.
    let version = rows(&app, id).await[0].version;
    let v = version;
    let first = score(&lead, id, INDICATOR, "1", "", v, false).await;
    assert!(location(&first).contains("notice=Saved"));
    let stale = score(&lead, id, INDICATOR, "4", "", v, false).await;
    assert_eq!(error_of(&stale), "ErrScoreConflict");
    let row = &rows(&app, id).await[0];
    assert_eq!((row.level, row.not_applicable), (Some(1), false));
}

#[tokio::test]
async fn people_outside_the_team_are_refused() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    for role in [Role::Trainee, Role::Trainer] {
        let c = app.login_as(role).await;
        let res = c.get(&format!("/assessments/{id}")).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role:?}");
        let res = c
            .call("/api/assessments/get", &[("id", &id.to_string())])
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let res = c
            .call(
                "/api/assessments/element",
                &[("id", &id.to_string()), ("element", ELEMENT)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
    // A counterpart reads but does not score.
    lead.post_form(
        "/api/assessments/member",
        &format!("/assessments/{id}"),
        &[
            ("id", &id.to_string()),
            ("login", "trainee"),
            ("role", "counterpart"),
        ],
    )
    .await;
    let counterpart = app.login_as(Role::Trainee).await;
    let page = counterpart
        .page(
            &format!("/assessments/{id}/elements/{ELEMENT}"),
            StatusCode::OK,
        )
        .await;
    assert!(!page.contains("/api/assessments/score"));
    let res = counterpart
        .call(
            "/api/assessments/score",
            &[
                ("id", &id.to_string()),
                ("indicator", INDICATOR),
                ("input[level]", "2"),
                ("input[reason]", ""),
                ("input[evidence]", ""),
                ("input[confidence]", "low"),
                ("input[version]", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

/// A critical indicator judged absent or initial turns its element and component red, whatever
/// their mean, and heads the overview and the report as a red flag; a level above lifts it.
#[tokio::test]
async fn a_critical_indicator_judged_initial_is_a_red_flag_whatever_the_mean() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    for indicator in [
        "ops-detention-legal-safeguards",
        "ops-detention-alternatives",
        "ops-detention-conditions",
    ] {
        let res = score(&lead, id, indicator, "4", "", 0, false).await;
        assert!(location(&res).contains("notice=Saved"), "{indicator}");
    }
    let overview = format!("/assessments/{id}");
    let page = lead.page(&overview, StatusCode::OK).await;
    assert!(
        !page.contains(r#"id="red-flags""#),
        "nothing critical is low"
    );
    assert!(!page.contains("red flag"));

    let res = score(&lead, id, "ops-detention-children", "1", "", 0, false).await;
    assert!(location(&res).contains("notice=Saved"));
    let page = lead.page(&overview, StatusCode::OK).await;
    let flags = section(&page, r#"id="red-flags""#);
    assert!(flags.contains("Red flags (1)"), "{flags}");
    assert!(
        flags.contains("Children are not detained for immigration purposes"),
        "{flags}"
    );
    assert!(flags.contains("1 — Initial"), "{flags}");
    assert!(
        flags.contains(&format!(
            "/assessments/{id}/elements/ops-detention#ops-detention-children"
        )),
        "a link to where it is scored"
    );
    // Detention's mean is (2 × 4 + 1.5 × 4 + 4 + 1) / 5.5 = 3.45 (green by its band) and it is shown red, as is Operations.
    assert!(
        page.contains(
            r#"<span class="light light-red">3.45</span> <span class="band">red flag</span>"#
        ),
        "{page}"
    );
    assert_eq!(
        page.matches(r#"<span class="band">red flag</span>"#)
            .count(),
        2,
        "the element and its component; the overall is not capped"
    );
    // The report opens with the red-flag list, before the executive summary.
    let md = lead
        .get(&format!("/assessments/{id}/export/md"))
        .await
        .text()
        .await
        .unwrap();
    let (flags_at, summary_at) = (
        md.find("## Red flags").expect("a red-flag list"),
        md.find("## Executive summary").unwrap(),
    );
    assert!(flags_at < summary_at, "{md}");
    assert!(md.contains("| 1 — Initial |"), "{md}");

    // Developing (2) is not a red flag: the colours come back to the means.
    let res = score(&lead, id, "ops-detention-children", "2", "", 1, false).await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let page = lead.page(&overview, StatusCode::OK).await;
    assert!(!page.contains(r#"id="red-flags""#));
    assert!(!page.contains("red flag"));
}

/// The part of `page` from the element carrying `marker` to the end of its section.
fn section<'a>(page: &'a str, marker: &str) -> &'a str {
    let start = page.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// Posts a score of `indicator` leaving out the kinds of crossing point `left_out`.
async fn score_without(
    c: &Client,
    id: i64,
    indicator: &str,
    level: &str,
    left_out: &[&str],
    version: i32,
) -> reqwest::Response {
    let (id, version) = (id.to_string(), version.to_string());
    let mut fields = vec![
        ("id", id.as_str()),
        ("indicator", indicator),
        ("input[level]", level),
        (
            "input[evidence]",
            "Site visits at the airport and two land posts",
        ),
        ("input[confidence]", "medium"),
        ("input[version]", version.as_str()),
    ];
    fields.extend(left_out.iter().map(|m| ("input[not_applicable_to][]", *m)));
    c.post_form(
        "/api/assessments/score",
        &format!("/assessments/{id}/elements/ops-passenger-processing"),
        &fields,
    )
    .await
}

/// A country without seaports scores the facilities of its airports and land crossings: sea is
/// recorded as not applicable, the rest is scored and counts; kinds the indicator does not
/// have, or leaving out every kind, are refused with nothing stored.
#[tokio::test]
async fn part_of_an_indicator_may_be_not_applicable_without_dropping_the_rest() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    const FACILITIES: &str = "ops-passenger-processing-facilities";
    for (left_out, indicator, expected) in [
        (&["rail"][..], FACILITIES, "ErrInvalid"),
        (&["air", "land", "sea"][..], FACILITIES, "ErrNoModalityLeft"),
        (&["sea"][..], INDICATOR, "ErrInvalid"),
    ] {
        let res = score_without(&lead, id, indicator, "2", left_out, 0).await;
        assert_eq!(error_of(&res), expected, "{left_out:?} {indicator}");
    }
    assert!(rows(&app, id).await.is_empty(), "nothing half-written");

    let res = score_without(&lead, id, FACILITIES, "2", &["sea"], 0).await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    let stored = rows(&app, id).await;
    assert_eq!(stored[0].not_applicable_to, "sea");
    assert!(!stored[0].not_applicable);
    // The level counts: the element has a score.
    let page = lead
        .page(&format!("/assessments/{id}"), StatusCode::OK)
        .await;
    assert!(
        page.contains("<span class=\"light light-amber\">2.00</span>"),
        "{page}"
    );
    // The form shows what was left out; the report's annex says it beside the level.
    let scoring = lead
        .page(
            &format!("/assessments/{id}/elements/ops-passenger-processing"),
            StatusCode::OK,
        )
        .await;
    let boxes = format!("mine-{FACILITIES}-na-");
    assert!(
        scoring.contains(&format!(
            r#"id="{boxes}sea" name="input[not_applicable_to][]" value="sea" checked"#
        )),
        "{scoring}"
    );
    assert!(!scoring.contains(&format!(
        r#"id="{boxes}air" name="input[not_applicable_to][]" value="air" checked"#
    )));
    let md = lead
        .get(&format!("/assessments/{id}/export/md"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        md.contains("| 2 Developing (not applicable: seaports) |"),
        "{md}"
    );
    // Scored again with every kind applying, the note goes.
    let res = score_without(&lead, id, FACILITIES, "3", &[], 1).await;
    assert!(location(&res).contains("notice=Saved"));
    assert_eq!(rows(&app, id).await[0].not_applicable_to, "");
}
