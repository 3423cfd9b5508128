//! Plain routes (uploads, downloads, form posts outside server functions) against every role.

use super::*;

const PLAIN: &[Plain] = &[
    (
        "GET",
        "/media/courses/{course_id}/{module}/{name}",
        "/media/courses/1/documents-and-the-mrz/none.png",
        Need::Learner,
    ),
    (
        "POST",
        "/admin/people/import",
        "/admin/people/import",
        Need::Admin,
    ),
    (
        "POST",
        "/author/courses/{slug}/questions/import",
        "/author/courses/no-such-course/questions/import",
        Need::Author,
    ),
    (
        "GET",
        "/author/courses/{slug}/questions/export/{format}",
        "/author/courses/no-such-course/questions/export/gift",
        Need::Author,
    ),
    (
        "GET",
        "/author/courses/{slug}/trainer.pdf",
        "/author/courses/document-examination/trainer.pdf",
        Need::Author,
    ),
    (
        "POST",
        "/attempts/{id}/answers",
        "/attempts/99999/answers",
        Need::Missing,
    ),
    (
        "POST",
        "/classes/{id}/evaluation/{survey}",
        "/classes/99999/evaluation/reaction",
        Need::Missing,
    ),
    (
        "POST",
        "/assessments/{id}/scope",
        "/assessments/99999/scope",
        Need::Missing,
    ),
    (
        "POST",
        "/admin/positions/{id}/specification",
        "/admin/positions/99999/specification",
        Need::Admin,
    ),
    (
        "GET",
        "/assessments/{id}/export/{format}",
        "/assessments/99999/export/md",
        Need::Missing,
    ),
    (
        "POST",
        "/assessments/{id}/documents",
        "/assessments/99999/documents",
        Need::Missing,
    ),
    (
        "GET",
        "/assessments/{id}/documents/{doc}",
        "/assessments/99999/documents/1",
        Need::Missing,
    ),
    (
        "GET",
        "/classes/{id}/quizzes/{quiz}/results.csv",
        "/classes/99999/quizzes/1/results.csv",
        Need::Missing,
    ),
    (
        "GET",
        "/certificates/{code}/pdf",
        "/certificates/NOPE-0000/pdf",
        Need::Missing,
    ),
    (
        "GET",
        "/media/exercises/{hash}/{file}",
        "/media/exercises/00/full.jpg",
        Need::SignedIn,
    ),
    (
        "POST",
        "/author/lessons/{id}/images",
        "/author/lessons/99999/images",
        Need::Author,
    ),
    (
        "POST",
        "/tna/questionnaires/{id}/edit",
        "/tna/questionnaires/99999/edit",
        Need::Analyst,
    ),
    ("POST", "/tna/campaigns", "/tna/campaigns", Need::Analyst),
    (
        "POST",
        "/tna/campaigns/{id}/paper",
        "/tna/campaigns/99999/paper",
        Need::Analyst,
    ),
    (
        "GET",
        "/tna/campaigns/{id}/export/{format}",
        "/tna/campaigns/1/export/csv",
        Need::Analyst,
    ),
    (
        "GET",
        "/tna/campaigns/{id}/answers.csv",
        "/tna/campaigns/99999/answers.csv",
        Need::Analyst,
    ),
    (
        "GET",
        "/tna/campaigns/{id}/template.csv",
        "/tna/campaigns/1/template.csv",
        Need::Analyst,
    ),
    (
        "POST",
        "/responses/{id}/answers",
        "/responses/99999/answers",
        Need::Missing,
    ),
    (
        "POST",
        "/competencies/{id}",
        "/competencies/99999",
        Need::Analyst,
    ),
    (
        "POST",
        "/author/courses/{slug}/exercises",
        "/author/courses/no-such-course/exercises",
        Need::Author,
    ),
    (
        "POST",
        "/author/courses/{slug}/exercises/generate",
        "/author/courses/no-such-course/exercises/generate",
        Need::Author,
    ),
    (
        "POST",
        "/classes/{id}/exercises",
        "/classes/99999/exercises",
        Need::Author,
    ),
    (
        "POST",
        "/classes/{id}/exercises/generate",
        "/classes/99999/exercises/generate",
        Need::Author,
    ),
    (
        "POST",
        "/author/exercises/{id}/edit",
        "/author/exercises/99999/edit",
        Need::Author,
    ),
    (
        "POST",
        "/author/exercises/{id}/images",
        "/author/exercises/99999/images",
        Need::Author,
    ),
    (
        "POST",
        "/author/exercises/{id}/delete",
        "/author/exercises/99999/delete",
        Need::Author,
    ),
    (
        "POST",
        "/exercises/{id}/answer",
        "/exercises/99999/answer",
        Need::Missing,
    ),
    (
        "POST",
        "/author/courses/{slug}/desk",
        "/author/courses/no-such-course/desk",
        Need::Author,
    ),
    (
        "POST",
        "/desk/scenarios/{id}/start",
        "/desk/scenarios/99999/start",
        Need::Missing,
    ),
    (
        "POST",
        "/desk/shifts/{id}/decide",
        "/desk/shifts/99999/decide",
        Need::Missing,
    ),
    (
        "GET",
        "/desk/shifts/{id}/images/{traveller}/{file}",
        "/desk/shifts/99999/images/0/visible.jpg",
        Need::Missing,
    ),
    (
        "GET",
        "/record/{file}",
        "/record/record.csv",
        Need::SignedIn,
    ),
    (
        "GET",
        "/people/{id}/record/{file}",
        "/people/99999/record/record.csv",
        Need::Admin,
    ),
    (
        "GET",
        "/exports/xapi.jsonl",
        "/exports/xapi.jsonl",
        Need::Admin,
    ),
    (
        "GET",
        "/progress/export/{file}",
        "/progress/export/agencies.csv",
        Need::Progress,
    ),
];

/// The matrix names every plain route the router serves, as the router records them.
#[test]
fn the_matrix_lists_every_plain_route() {
    let registered: std::collections::BTreeSet<(String, &str)> = app::server::http::plain_routes()
        .into_iter()
        .map(|(m, p)| (m.to_string(), p))
        .collect();
    let listed: std::collections::BTreeSet<(String, &str)> =
        PLAIN.iter().map(|r| (r.0.to_owned(), r.1)).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let unknown: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "not in the matrix: {missing:?}; in the matrix but not served: {unknown:?}"
    );
}

#[tokio::test]
async fn plain_routes_check_roles() {
    let app = TestApp::spawn().await;
    for who in WHO {
        let c = client_for(&app, who).await;
        let token = c.csrf().await;
        for (method, _, path, need) in PLAIN {
            let res = if *method == "GET" {
                c.get(path).await
            } else {
                c.http
                    .post(app.url(path))
                    .header("accept", "text/html")
                    .multipart(reqwest::multipart::Form::new().text("csrf_token", token.clone()))
                    .send()
                    .await
                    .unwrap()
            };
            let status = res.status();
            let to = location(&res);
            let body = res.text().await.unwrap_or_default();
            assert!(
                !status.is_server_error(),
                "{who:?} {method} {path}: {status}"
            );
            assert!(
                !body.contains("argon2") && !body.to_lowercase().contains("sqlx"),
                "{method} {path} leaks: {body}"
            );
            if allowed(*need, who) {
                assert!(
                    !matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
                        && !status.is_redirection()
                        || status == StatusCode::SEE_OTHER,
                    "{who:?} may use {method} {path} but got {status}"
                );
            } else {
                match (who, need) {
                    (None, _) => assert!(
                        status == StatusCode::UNAUTHORIZED
                            || status.is_redirection() && to.starts_with("/login?next="),
                        "anonymous {method} {path}: {status} {to}"
                    ),
                    (Some(_), Need::Missing) => assert!(
                        matches!(status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                        "{who:?} {method} {path}: {status}"
                    ),
                    (Some(_), _) => {
                        assert_eq!(status, StatusCode::FORBIDDEN, "{who:?} {method} {path}")
                    }
                }
            }
        }
    }
}
