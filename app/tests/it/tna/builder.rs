//! The questionnaire builder: every change checked, a version in use frozen.

use super::*;

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

    // A new item refused for an id already taken comes back as typed, in the new-item form,
    // and still adds an item: corrected, it leaves the existing item as it was.
    let dup = [
        ("op", "item"),
        ("section", "general"),
        ("id", "mrz"),
        ("kind", "text"),
        ("text_en", "Anything else?"),
        ("text_fr", "Autre chose ?"),
    ];
    let to = edit(&analyst, id, &dup).await;
    assert!(to.contains("error=ErrItemId"), "{to}");
    let page = analyst.page(&to, StatusCode::OK).await;
    let form = &page[page.find("id=\"new-general-form\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(form.contains(">Anything else?</textarea>"), "{form}");
    assert!(form.contains("name=\"original\" value=\"\""), "{form}");
    let mut fixed = dup.to_vec();
    fixed[2] = ("id", "anything-else");
    fixed.push(("original", ""));
    assert!(edit(&analyst, id, &fixed).await.contains("notice=Saved"));
    let after = definition(&app, id).await;
    assert!(after.contains("Checking the MRZ") && after.contains("anything-else"));
    assert!(
        edit(&analyst, id, &[("op", "delete"), ("item", "anything-else")])
            .await
            .contains("notice=Saved")
    );
    assert_eq!(definition(&app, id).await, before);

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
