//! Questionnaires in the respondent's language: Spanish and Arabic where translated, the English
//! (marked as English) where not, and translations kept when the builder edits an item.

use super::*;

async fn shipped_questionnaire(app: &TestApp) -> i64 {
    tna_questionnaire::Entity::find()
        .filter(tna_questionnaire::Column::Slug.eq("tna-border-officers"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the shipped questionnaire is loaded")
        .id
}

#[tokio::test]
async fn a_questionnaire_reads_in_spanish_and_arabic_and_the_builder_keeps_its_translations() {
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    let shipped = shipped_questionnaire(&app).await;

    // A copy to edit: the shipped version may be in use.
    let res = analyst
        .post_form(
            "/api/tna/questionnaires/create",
            "/tna",
            &[
                ("title_en", "Border officers 2027"),
                ("title_fr", "Agents aux frontières 2027"),
                ("copy_of", &shipped.to_string()),
            ],
        )
        .await;
    let to = location(&res);
    let id: i64 = to
        .trim_start_matches("/tna/questionnaires/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("{to}"));

    // The analyst rewords an item's English and French and adds an item in those two only.
    for fields in [
        vec![
            ("op", "item"),
            ("original", "role"),
            ("section", "profile"),
            ("id", "role"),
            ("kind", "single"),
            ("required", "1"),
            ("text_en", "Which role describes your current post best?"),
            (
                "text_fr",
                "Quelle fonction décrit le mieux votre poste actuel ?",
            ),
            (
                "options",
                "front-line | Front-line officer | Agent de première ligne\nsupervisor | Supervisor | Superviseur\ntrainer | Trainer | Formateur\nmanager | Manager | Responsable de service\nspecialist | Specialist | Spécialiste",
            ),
        ],
        vec![
            ("op", "item"),
            ("section", "profile"),
            ("id", "shift-pattern"),
            ("kind", "text"),
            ("text_en", "Describe your usual shift pattern."),
            ("text_fr", "Décrivez vos horaires de travail habituels."),
        ],
    ] {
        let to = edit(&analyst, id, &fields).await;
        assert!(to.contains("notice=Saved"), "{to}");
    }
    let toml = definition(&app, id).await;
    assert!(
        toml.contains("Which role describes your current post best?")
            && toml.contains("¿Cuál de las siguientes opciones describe mejor su función actual?")
            && toml.contains("أيٌّ مما يلي يصف وظيفتك الحالية على أفضل وجه؟"),
        "the item's Spanish and Arabic are kept when its English is edited: {toml}"
    );
    assert!(
        toml.contains("Agente de primera línea"),
        "an option kept keeps its translation"
    );

    for (lang, heading, item, option) in [
        (
            "es",
            "Usted y su trabajo",
            "¿Cuál de las siguientes opciones describe mejor su función actual?",
            "Agente de primera línea",
        ),
        (
            "ar",
            "معلومات عنك وعن عملك",
            "أيٌّ مما يلي يصف وظيفتك الحالية على أفضل وجه؟",
            "موظف في الخط الأول",
        ),
    ] {
        analyst
            .post_form("/api/language", "/account", &[("lang", lang)])
            .await;
        let page = analyst
            .page(&format!("/tna/questionnaires/{id}/print"), StatusCode::OK)
            .await;
        for text in [heading, item, option] {
            assert!(
                page.contains(&format!("lang=\"{lang}\">{text}<")),
                "{lang}: `{text}` shown and marked: {page}"
            );
        }
        assert!(
            page.contains("lang=\"en\">Describe your usual shift pattern.<")
                && page.contains("lang=\"en\">Specialist<"),
            "{lang}: an untranslated item and option show in English, marked as English"
        );
    }
}
