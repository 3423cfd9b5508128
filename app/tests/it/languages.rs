//! The interface in English, French, Spanish and Arabic: chosen by the browser's
//! `Accept-Language` before sign-in and per person after; Arabic pages are right to left from
//! the server, before any WebAssembly; no page shows a message's raw key.

use crate::helpers::TestApp;
use app::i18n::{Lang, Msg};
use app::model::Role;
use reqwest::StatusCode;

async fn front_page(app: &TestApp, accept: &str) -> String {
    reqwest::Client::new()
        .get(app.url("/login"))
        .header("accept", "text/html")
        .header("accept-language", accept)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_browsers_language_is_served_and_arabic_reads_right_to_left() {
    let app = TestApp::spawn().await;
    for (accept, lang) in [
        ("ar-JO,ar;q=0.9,en;q=0.5", Lang::Ar),
        ("es-MX,es;q=0.9", Lang::Es),
        ("fr-CA", Lang::Fr),
        ("de-DE,it;q=0.8", Lang::En),
    ] {
        let page = front_page(&app, accept).await;
        let html = format!(r#"<html lang="{}" dir="{}""#, lang.code(), lang.dir());
        assert!(page.contains(&html), "{accept}: {}", &page[..200]);
        for msg in [Msg::SignIn, Msg::SkipToContent, Msg::Password] {
            assert!(page.contains(msg.text(lang)), "{accept}: {msg:?}");
            // A key is never what a person reads (in English a key may equal its text).
            if lang != Lang::En {
                assert!(!page.contains(&format!(">{}<", msg.code())), "{msg:?}");
            }
        }
    }
    assert_eq!(Lang::Ar.dir(), "rtl");
    assert!(
        Msg::SignIn
            .text(Lang::Ar)
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    );
}

#[tokio::test]
async fn a_person_chooses_spanish_or_arabic_and_keeps_it() {
    let app = TestApp::spawn().await;
    let trainee = app.login_as(Role::Trainee).await;
    for lang in [Lang::Es, Lang::Ar] {
        trainee
            .post_form("/api/language", "/account", &[("lang", lang.code())])
            .await;
        let page = trainee.page("/courses", StatusCode::OK).await;
        assert!(page.contains(&format!(
            r#"<html lang="{}" dir="{}""#,
            lang.code(),
            lang.dir()
        )));
        assert!(page.contains(Msg::SignOut.text(lang)));
        // The course ships in Spanish and Arabic: the lesson is shown in the reader's
        // language, and says it is a translation.
        let lesson = trainee
            .page("/courses/document-examination/lessons/1", StatusCode::OK)
            .await;
        let h1 = format!(r#"<h1 lang="{}""#, lang.code());
        assert!(lesson.contains(&h1), "the lesson is in {lang:?}");
        assert!(lesson.contains(&format!(
            r#"<div lang="{}" class="lesson-body">"#,
            lang.code()
        )));
        assert!(lesson.contains(r#"id="edition-note""#));
    }
    // An unknown language is refused with a message, and nothing changes.
    let res = trainee
        .post_form("/api/language", "/account", &[("lang", "de")])
        .await;
    assert!(
        crate::helpers::location(&res).contains("ErrUnknownLanguage")
            || res.status() == StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        res.status()
    );
    let page = trainee.page("/courses", StatusCode::OK).await;
    assert!(page.contains(r#"<html lang="ar" dir="rtl""#));
}

#[tokio::test]
async fn a_lesson_reads_in_its_translation_or_says_it_has_none() {
    let app = TestApp::spawn().await;
    let trainee = app.login_as(Role::Trainee).await;
    trainee
        .post_form("/api/language", "/account", &[("lang", "ar")])
        .await;
    // Arabic edition: title, objectives and body in Arabic, right to left from the page's
    // direction; the breadcrumb names the course and module in Arabic; glossary links lead to
    // the Arabic glossary's terms.
    let lesson = trainee
        .page("/courses/document-examination/lessons/2", StatusCode::OK)
        .await;
    assert!(
        lesson
            .contains(r#"<h1 lang="ar">قراءة المنطقة المقروءة آلياً والتحقق من أرقام التحقق</h1>"#)
    );
    assert!(
        lesson.contains("المنطقة المقروءة آلياً"),
        "the body is Arabic"
    );
    assert!(
        lesson.contains("مترجم من الإنجليزية."),
        "says it is a translation"
    );
    assert!(
        lesson.contains("وثائق السفر"),
        "the module is named in Arabic"
    );
    let glossary = trainee
        .page("/courses/document-examination/glossary", StatusCode::OK)
        .await;
    let link = lesson
        .split(r#"class="glossary-term" href="/courses/document-examination/glossary#"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the Arabic lesson links a glossary term");
    assert!(
        glossary.contains(&format!(r#"id="{link}""#)),
        "the Arabic glossary has the term `{link}`"
    );
    assert!(glossary.contains("رقم التحقق"), "terms are in Arabic");
    assert!(
        glossary.contains(r#"<span id="check-digit"></span>"#),
        "a translated term answers to its original's anchor too"
    );

    // No Spanish edition of this course: the English lesson, and a note saying so.
    trainee
        .post_form("/api/language", "/account", &[("lang", "es")])
        .await;
    let outline = trainee
        .page("/courses/migration-essentials", StatusCode::OK)
        .await;
    let first = outline
        .split(r#"href="/courses/migration-essentials/lessons/"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the outline links its lessons")
        .to_owned();
    let lesson = trainee
        .page(
            &format!("/courses/migration-essentials/lessons/{first}"),
            StatusCode::OK,
        )
        .await;
    assert!(lesson.contains(r#"<h1 lang="en""#));
    assert!(lesson.contains("Esta lección aún no está traducida al español"));
    // In French it has one.
    trainee
        .post_form("/api/language", "/account", &[("lang", "fr")])
        .await;
    let lesson = trainee
        .page(
            &format!("/courses/migration-essentials/lessons/{first}"),
            StatusCode::OK,
        )
        .await;
    assert!(lesson.contains(r#"<h1 lang="fr""#));
    assert!(lesson.contains("Traduit de l’original en anglais."));
}

#[tokio::test]
async fn an_editor_writes_a_lessons_spanish_translation_and_spanish_readers_read_it() {
    use crate::helpers::location;
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let editor = admin
        .page("/author/lessons/1/translations/es", StatusCode::OK)
        .await;
    assert!(editor.contains("Translation into Spanish"));
    assert!(
        editor.contains("Documentos de viaje"),
        "the saved translation"
    );
    assert!(
        editor.contains(r#"id="source-body""#),
        "the original beside it"
    );
    assert!(editor.contains(r#"href="/author/lessons/1/translations/ar""#));

    let form = "/author/lessons/1/translations/es";
    let save = |title: &'static str, lang: &'static str| {
        let admin = &admin;
        async move {
            admin
                .post_form(
                    "/api/author/lessons/translate",
                    form,
                    &[
                        ("id", "1"),
                        ("lang", lang),
                        ("title", title),
                        ("objectives", "Distinguir los formatos\nLeer la ZLM"),
                        ("body", "## Revisado\n\nTexto revisado por la formadora."),
                    ],
                )
                .await
        }
    };
    let res = save("Documentos de viaje (revisado)", "es").await;
    assert_eq!(location(&res), format!("{form}?notice=Saved"));
    let trainee = app.login_as(Role::Trainee).await;
    trainee
        .post_form("/api/language", "/account", &[("lang", "es")])
        .await;
    let lesson = trainee
        .page("/courses/document-examination/lessons/1", StatusCode::OK)
        .await;
    assert!(lesson.contains("Documentos de viaje (revisado)"));
    assert!(lesson.contains("Texto revisado por la formadora."));
    assert!(lesson.contains(r#"id="revisado""#), "rendered and anchored");

    // Refused, nothing changed: a language Checkpoint does not speak, the course's own, no
    // title.
    for (title, lang, error) in [
        ("Reisedokumente", "de", "ErrNotATranslation"),
        ("Travel documents", "en", "ErrNotATranslation"),
        ("", "es", "field=title"),
    ] {
        let res = save(title, lang).await;
        assert!(location(&res).contains(error), "{lang}: {}", location(&res));
    }
    let lesson = trainee
        .page("/courses/document-examination/lessons/1", StatusCode::OK)
        .await;
    assert!(lesson.contains("Documentos de viaje (revisado)"));
    // A trainer who does not edit the course cannot translate it.
    let trainer = app.login_as(Role::Trainer).await;
    let res = trainer.get(form).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn dates_and_country_names_are_written_the_readers_way() {
    use app::server::entities::{class, country};
    use sea_orm::EntityTrait;
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let admin = app.login_as(Role::Admin).await;
    let demo = class::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo class");
    let starts = demo.starts_on;
    let uto = country::Entity::find_by_id("UTO".to_owned())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for (lang, month, utopia) in [
        (Lang::En, "", "Utopia"),
        (Lang::Fr, "", "Utopie"),
        (Lang::Es, " de ", "Utopía"),
        (Lang::Ar, "", "يوتوبيا"),
    ] {
        for c in [&trainer, &admin] {
            c.post_form("/api/language", "/account", &[("lang", lang.code())])
                .await;
        }
        let page = trainer.page("/classes", StatusCode::OK).await;
        let written =
            app::i18n::long_date(lang, starts.year(), u8::from(starts.month()), starts.day());
        assert!(written.contains(month));
        assert!(
            page.contains(&format!("<td>{written}</td>")),
            "{lang:?}: the class starts on {written}: {page}"
        );
        assert!(!page.contains(&format!("<td>{starts}</td>")), "no ISO date");
        assert_eq!(uto.name(lang), utopia);
        let agencies = admin.page("/admin/agencies", StatusCode::OK).await;
        assert!(
            agencies.contains(&format!("<td>{utopia}</td>")),
            "{lang:?}: the country named in the reader's language"
        );
    }
}
