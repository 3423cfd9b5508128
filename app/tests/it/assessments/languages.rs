//! The capacity framework in the assessor's language: the same assessment, scored once, reads
//! in French, Spanish or Arabic, with the same scores; the country is named in that language.

use super::*;

#[tokio::test]
async fn an_assessment_reads_in_the_assessors_language_with_the_same_scores() {
    let app = TestApp::spawn().await;
    let assessor = app.login_as(Role::Assessor).await;
    let id = open(&assessor).await;
    let element = format!("/assessments/{id}/elements/{ELEMENT}");
    let res = score(
        &assessor,
        id,
        INDICATOR,
        "3",
        "Mandates are in the 2019 Border Act.",
        0,
        false,
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", location(&res));
    let english = assessor.page(&element, StatusCode::OK).await;
    assert!(
        english.contains("<h1 lang=\"en\">Structure</h1>"),
        "{english}"
    );

    for (lang, utopia) in [("fr", "Utopie"), ("es", "Utopía"), ("ar", "يوتوبيا")] {
        let fw = content::framework::find_in("bmm", lang).unwrap();
        assert_eq!(fw.language, lang, "the {lang} edition is built in");
        let (component, el, indicator) =
            fw.indicators().find(|(_, _, i)| i.id == INDICATOR).unwrap();
        assessor
            .post_form("/api/language", "/account", &[("lang", lang)])
            .await;
        let page = assessor.page(&element, StatusCode::OK).await;
        let title = &el.title;
        assert!(
            page.contains(&format!("<h1 lang=\"{lang}\">{title}</h1>")),
            "{lang}: the element's title, marked: {page}"
        );
        assert!(
            page.contains(&indicator.title),
            "{lang}: {}",
            indicator.title
        );
        assert!(
            page.contains(&indicator.levels[3]),
            "{lang}: the level 3 descriptor"
        );
        assert!(
            !page.contains("Mandates of the border management agencies are defined in law"),
            "{lang}: no English indicator text left"
        );

        let overview = assessor
            .page(&format!("/assessments/{id}"), StatusCode::OK)
            .await;
        assert!(
            overview.contains(&format!("lang=\"{lang}\">{}<", component.title)),
            "{lang}: the component, marked: {overview}"
        );
        assert!(
            overview.contains(utopia),
            "{lang}: the country named in {lang}"
        );
        // One score, the same roll-up in every language: the indicator's level, written with
        // the reader's decimal separator.
        let three = if matches!(lang, "fr" | "es") {
            "3,00"
        } else {
            "3.00"
        };
        assert!(overview.contains(three), "{lang}: {overview}");
    }

    // The country report downloads in the reader's language: headings, bands, the framework.
    let fw = content::framework::find_in("bmm", "fr").unwrap();
    assessor
        .post_form("/api/language", "/account", &[("lang", "fr")])
        .await;
    let md = assessor
        .get(&format!("/assessments/{id}/export/md"))
        .await
        .text()
        .await
        .unwrap();
    for text in [
        "## Résumé analytique",
        "| Composante | Élément |",
        "consolidé (vert)",
        "3,00 (1 indicateur noté)",
        fw.components[0].title.as_str(),
        "statut : ",
    ] {
        assert!(md.contains(text), "{text}: {md}");
    }
    for english in [
        "## Executive summary",
        "established",
        "Overall:",
        "not scored",
    ] {
        assert!(!md.contains(english), "no English `{english}`: {md}");
    }
    let pdf = assessor
        .get(&format!("/assessments/{id}/export/pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    let lines = crate::helpers::pdf_lines(&pdf).join("\n");
    assert!(lines.contains("RAPPORT PAYS"), "{lines}");
    // Headings start at the left margin of an A4 page (595 pt wide)…
    let words = crate::helpers::pdf_words(&pdf);
    let (left, _, _) = words
        .iter()
        .find(|(_, _, w)| w == "Résumé")
        .expect("the summary's heading");
    assert!(*left < 70.0, "French reads from the left: {left}");
    assessor
        .post_form("/api/language", "/account", &[("lang", "ar")])
        .await;
    // …and at the right margin in Arabic, where table columns also run from the right.
    let pdf = assessor
        .get(&format!("/assessments/{id}/export/pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    let words = crate::helpers::pdf_words(&pdf);
    let heading: Vec<&(f32, f32, String)> = words
        .iter()
        // pdftotext's word boxes hold Arabic in visual order, so either way round.
        .filter(|(_, _, w)| {
            let reversed: String = w.chars().rev().collect();
            ["الملخص", "التنفيذي"].contains(&w.as_str())
                || ["الملخص", "التنفيذي"].contains(&reversed.as_str())
        })
        .collect();
    assert!(
        !heading.is_empty(),
        "the Arabic heading is in the PDF: {words:?}"
    );
    let right = heading.iter().map(|(_, r, _)| *r).fold(0.0, f32::max);
    assert!(right > 520.0, "Arabic reads from the right: {right}");
    let html = assessor
        .get(&format!("/assessments/{id}/export/html"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");
}
