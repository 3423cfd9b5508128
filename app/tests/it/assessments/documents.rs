//! Source documents checked, attached and kept within the team.

use super::*;

async fn upload(
    app: &TestApp,
    c: &Client,
    id: i64,
    indicator: &str,
    name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", c.csrf().await)
        .text("indicator", indicator.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned()),
        );
    c.http
        .post(app.url(&format!("/assessments/{id}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn source_documents_are_checked_attached_and_kept_within_the_team() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Assessor).await;
    let id = open(&lead).await;
    let pdf = b"%PDF-1.4\n% decree 12/2019 on the mandates of the border agencies\n%%EOF\n";
    let res = upload(&app, &lead, id, INDICATOR, "../../Decree 12-2019.pdf", pdf).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&res).contains("notice=DocumentAttached"),
        "{}",
        location(&res)
    );
    let page = lead
        .page(
            &format!("/assessments/{id}/elements/{ELEMENT}"),
            StatusCode::OK,
        )
        .await;
    assert!(
        page.contains("Decree 12-2019.pdf"),
        "listed by its name, without the path"
    );
    let doc = app::server::entities::assessment_document::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = lead
        .get(&format!("/assessments/{id}/documents/{}", doc.id))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(&res.bytes().await.unwrap()[..], pdf);

    // A page of script named like a PDF, an empty file, an indicator that does not exist.
    for (name, bytes, indicator, expected) in [
        (
            "minutes.pdf",
            &b"<html><script>alert(1)</script>"[..],
            INDICATOR,
            "ErrDocumentType",
        ),
        ("empty.pdf", &b""[..], INDICATOR, "ErrRequired"),
        // Content and name must agree: a PDF header does not make an HTML page a PDF.
        ("report.html", &pdf[..], INDICATOR, "ErrDocumentType"),
        ("decree.png", &pdf[..], INDICATOR, "ErrDocumentType"),
        (
            "decree.pdf",
            &pdf[..],
            "no-such-indicator",
            "ErrUnknownIndicator",
        ),
    ] {
        let res = upload(&app, &lead, id, indicator, name, bytes).await;
        assert_eq!(error_of(&res), expected, "{name}");
    }
    // A NUL in the file name, as a hand-made request sends it: a clear 422, nothing stored.
    let boundary = "XyZzY";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n",
            lead.csrf().await
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"indicator\"\r\n\r\n{INDICATOR}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"decree\0.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(pdf);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let res = lead
        .http
        .post(app.url(&format!("/assessments/{id}/documents")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("accept", "text/html")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("could not be read"));
    assert_eq!(
        crate::helpers::count(&app.db, "assessment_documents").await,
        1
    );

    // Outside the team: no download.
    let trainer = app.login_as(Role::Trainer).await;
    let res = trainer
        .get(&format!("/assessments/{id}/documents/{}", doc.id))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = upload(&app, &trainer, id, INDICATOR, "x.pdf", pdf).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
