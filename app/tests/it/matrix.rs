//! The authorization matrix: every server function and every page, asked by nobody and by each
//! role. A new server function or page must be added here.

use crate::helpers::{Client, TestApp, location};
use app::model::Role;
use reqwest::StatusCode;

mod plain;

/// Who may call a server function.
#[derive(Clone, Copy, Debug)]
enum Need {
    Anyone,
    SignedIn,
    /// Trainers and administrators.
    Author,
    /// People who take the course (the demo trainee, through a demo class) and its authors.
    Learner,
    /// Learners, and those who plan or follow training (analysts, focal points, managers),
    /// who see a published course's outline.
    Outline,
    /// Nobody as such: only the record's owners (checked in the tests of that area); here
    /// every caller must be turned away or told the record does not exist.
    Nobody,
    /// Assessors and administrators.
    Assessor,
    /// Needs analysts and administrators.
    Analyst,
    /// Trainers, needs analysts and administrators (the competency framework).
    Framework,
    /// Someone's own record (an attempt, a certificate): asked for one that does not exist,
    /// every signed-in caller is told so.
    Missing,
    Admin,
    /// Trainers, administrators, agency focal points and programme managers (dashboards).
    Progress,
}

/// A server function: its URL, who may call it, and arguments it accepts.
type Function = (&'static str, Need, &'static [(&'static str, &'static str)]);

const FUNCTIONS: &[Function] = &[
    (
        "/api/login",
        Need::Anyone,
        &[("login", "nobody"), ("password", "x"), ("next", "/")],
    ),
    ("/api/logout", Need::Anyone, &[]),
    ("/api/language", Need::Anyone, &[("lang", "en")]),
    (
        "/api/account/password",
        Need::SignedIn,
        &[("current", "wrong"), ("new", "x"), ("confirm", "y")],
    ),
    (
        "/api/countries/list",
        Need::Admin,
        &[("q", ""), ("page", "1")],
    ),
    ("/api/countries/all", Need::Admin, &[]),
    (
        "/api/agencies/list",
        Need::Admin,
        &[("q", ""), ("country", ""), ("page", "1")],
    ),
    ("/api/agencies/get", Need::Admin, &[("id", "1")]),
    (
        "/api/agencies/create",
        Need::Admin,
        &[
            ("input[name]", "Matrix"),
            ("input[country]", "UTO"),
            ("input[kind]", "other"),
        ],
    ),
    (
        "/api/agencies/update",
        Need::Admin,
        &[
            ("id", "3"),
            ("input[name]", "Customs"),
            ("input[country]", "UTO"),
            ("input[kind]", "customs"),
        ],
    ),
    (
        "/api/agencies/active",
        Need::Admin,
        &[("id", "3"), ("active", "true")],
    ),
    (
        "/api/agencies/positions/add",
        Need::Admin,
        &[("agency_id", "3"), ("title", "Matrix position")],
    ),
    ("/api/courses/catalogue", Need::SignedIn, &[]),
    (
        "/api/courses/page",
        Need::Outline,
        &[("slug", "document-examination")],
    ),
    (
        "/api/courses/lesson",
        Need::Learner,
        &[("slug", "document-examination"), ("id", "1")],
    ),
    (
        "/api/courses/progress",
        Need::Learner,
        &[("lesson_id", "1"), ("done", "true")],
    ),
    (
        "/api/courses/glossary",
        Need::Learner,
        &[("slug", "document-examination")],
    ),
    ("/api/courses/search", Need::SignedIn, &[("q", "passport")]),
    ("/api/author/courses", Need::Author, &[]),
    (
        "/api/author/courses/create",
        Need::Author,
        &[("input[slug]", "matrix-course"), ("input[title]", "Matrix")],
    ),
    (
        "/api/author/courses/duplicate",
        Need::Author,
        &[
            ("source", "document-examination"),
            ("slug", "Not an identifier"),
            ("title", "Matrix copy"),
        ],
    ),
    (
        "/api/author/courses/get",
        Need::Admin,
        &[("slug", "document-examination")],
    ),
    (
        "/api/author/courses/update",
        Need::Admin,
        &[
            ("slug", "document-examination"),
            ("input[title]", "Travel document examination"),
        ],
    ),
    (
        "/api/author/courses/publish",
        Need::Admin,
        &[("slug", "document-examination"), ("published", "true")],
    ),
    (
        "/api/author/modules/add",
        Need::Admin,
        &[
            ("slug", "document-examination"),
            ("title", "Matrix module"),
            ("summary", ""),
        ],
    ),
    (
        "/api/author/modules/move",
        Need::Admin,
        &[("id", "1"), ("up", "false")],
    ),
    (
        "/api/author/lessons/add",
        Need::Admin,
        &[("module_id", "1"), ("title", "Matrix lesson")],
    ),
    (
        "/api/author/lessons/move",
        Need::Admin,
        &[("id", "1"), ("up", "false")],
    ),
    ("/api/author/lessons/get", Need::Admin, &[("id", "1")]),
    (
        "/api/author/lessons/update",
        Need::Admin,
        &[
            ("id", "26"),
            ("title", "T"),
            ("objectives", ""),
            ("duration", "5"),
            ("body", "x"),
        ],
    ),
    (
        "/api/author/lessons/publish",
        Need::Admin,
        &[("id", "26"), ("published", "true")],
    ),
    (
        "/api/author/lessons/translation",
        Need::Admin,
        &[("id", "26"), ("lang", "es")],
    ),
    (
        "/api/author/lessons/translate",
        Need::Admin,
        &[
            ("id", "26"),
            ("lang", "es"),
            ("title", "T"),
            ("objectives", ""),
            ("body", "x"),
        ],
    ),
    (
        "/api/author/lessons/preview",
        Need::Admin,
        &[("id", "1"), ("body", "# x"), ("csrf_token", "")],
    ),
    (
        "/api/author/modules/update",
        Need::Admin,
        &[
            ("id", "1"),
            ("title", "Travel documents and the machine readable zone"),
            ("summary", ""),
        ],
    ),
    ("/api/classes/mine", Need::Author, &[]),
    ("/api/classes/enrolled", Need::SignedIn, &[]),
    (
        "/api/classes/create",
        Need::Author,
        &[
            ("input[course]", "document-examination"),
            ("input[name]", "M"),
            ("input[starts_on]", "2026-01-01"),
            ("input[ends_on]", "2026-01-02"),
        ],
    ),
    ("/api/classes/get", Need::Nobody, &[("id", "99999")]),
    (
        "/api/classes/evaluation",
        Need::Missing,
        &[("class", "99999"), ("survey", "reaction")],
    ),
    ("/api/classes/evaluations", Need::Nobody, &[("id", "99999")]),
    (
        "/api/classes/enrol",
        Need::Nobody,
        &[("id", "99999"), ("login", "trainee")],
    ),
    (
        "/api/classes/enrol-agency",
        Need::Nobody,
        &[("id", "99999"), ("agency", "1")],
    ),
    (
        "/api/classes/unenrol",
        Need::Nobody,
        &[("id", "99999"), ("person", "4")],
    ),
    (
        "/api/classes/trainer",
        Need::Nobody,
        &[("id", "99999"), ("trainer", "trainer")],
    ),
    ("/api/classes/join", Need::SignedIn, &[("code", "NOSUCH12")]),
    ("/api/people/list", Need::Admin, &[("q", ""), ("page", "1")]),
    ("/api/people/get", Need::Admin, &[("id", "1")]),
    ("/api/people/choices", Need::Admin, &[]),
    (
        "/api/people/create",
        Need::Admin,
        &[
            ("input[login]", "matrix.person"),
            ("input[display_name]", "Matrix Person"),
            ("input[role_trainee]", "on"),
            ("input[password]", "matrix-password-1"),
        ],
    ),
    (
        "/api/people/update",
        Need::Admin,
        &[
            ("id", "4"),
            ("input[display_name]", "Samuel Okoro"),
            ("input[role_trainee]", "on"),
        ],
    ),
    (
        "/api/people/active",
        Need::Admin,
        &[("id", "4"), ("active", "true")],
    ),
    (
        "/api/people/password",
        Need::Admin,
        &[("id", "4"), ("password", "trainee-demo-2026")],
    ),
    (
        "/api/quizzes/bank",
        Need::Author,
        &[("slug", "document-examination")],
    ),
    (
        "/api/quizzes/category-pool",
        Need::Admin,
        &[("id", "1"), ("test", "false")],
    ),
    (
        "/api/author/trainer/get",
        Need::Author,
        &[("slug", "document-examination")],
    ),
    (
        "/api/author/trainer/save",
        Need::Admin,
        &[
            ("slug", "document-examination"),
            ("part", "materials"),
            ("body", "- UV torch"),
        ],
    ),
    (
        "/api/quizzes/question-delete",
        Need::Nobody,
        &[("id", "99999")],
    ),
    (
        "/api/quizzes/question-source",
        Need::Nobody,
        &[("id", "99999")],
    ),
    (
        "/api/quizzes/question-save",
        Need::Nobody,
        &[("id", "99999"), ("category", "C"), ("gift", "::a::b{T}")],
    ),
    (
        "/api/quizzes/certificate-rule",
        Need::Admin,
        &[("slug", "document-examination"), ("rule", "post_test")],
    ),
    (
        "/api/quizzes/create",
        Need::Admin,
        &[
            ("slug", "document-examination"),
            ("input[title]", "Matrix quiz"),
            ("input[role]", "practice"),
            ("input[pass_mark]", "50"),
            ("input[attempts_allowed]", "0"),
            ("input[show_answers]", "never"),
        ],
    ),
    ("/api/quizzes/editor", Need::Nobody, &[("id", "99999")]),
    (
        "/api/quizzes/update",
        Need::Nobody,
        &[
            ("id", "99999"),
            ("input[title]", "Q"),
            ("input[role]", "practice"),
            ("input[pass_mark]", "50"),
            ("input[attempts_allowed]", "0"),
            ("input[show_answers]", "never"),
        ],
    ),
    (
        "/api/quizzes/add-question",
        Need::Nobody,
        &[("id", "99999"), ("question", "1")],
    ),
    (
        "/api/quizzes/add-draw",
        Need::Nobody,
        &[("id", "99999"), ("category", "1"), ("count", "1")],
    ),
    (
        "/api/quizzes/remove-item",
        Need::Nobody,
        &[("item", "99999")],
    ),
    ("/api/quizzes/card", Need::Missing, &[("id", "99999")]),
    ("/api/quizzes/start", Need::Missing, &[("id", "99999")]),
    ("/api/quizzes/attempt", Need::Missing, &[("id", "99999")]),
    ("/api/quizzes/submit", Need::Missing, &[("id", "99999")]),
    (
        "/api/quizzes/autosave",
        Need::Missing,
        &[("attempt", "99999"), ("answers", "p=1"), ("csrf_token", "")],
    ),
    ("/api/quizzes/class", Need::Nobody, &[("id", "99999")]),
    (
        "/api/quizzes/create-for-class",
        Need::Nobody,
        &[
            ("class", "99999"),
            ("input[title]", "Matrix class quiz"),
            ("input[role]", "practice"),
            ("input[pass_mark]", "50"),
            ("input[attempts_allowed]", "0"),
            ("input[show_answers]", "never"),
        ],
    ),
    (
        "/api/quizzes/results",
        Need::Nobody,
        &[("class", "99999"), ("quiz", "1")],
    ),
    (
        "/api/certificates/claim",
        Need::Learner,
        &[("slug", "document-examination")],
    ),
    (
        "/api/certificates/award",
        Need::Nobody,
        &[("class", "99999"), ("person", "4")],
    ),
    (
        "/api/certificates/revoke",
        Need::Nobody,
        &[("code", "CP-NONE-NONE-NONE"), ("reason", "x")],
    ),
    ("/api/assessments/list", Need::SignedIn, &[]),
    ("/api/tna/competencies", Need::Framework, &[]),
    ("/api/tna/home", Need::Analyst, &[]),
    ("/api/tna/questionnaire", Need::Analyst, &[("id", "1")]),
    (
        "/api/tna/questionnaires/create",
        Need::Analyst,
        &[
            ("title_en", "Matrix"),
            ("title_fr", "Matrice"),
            ("copy_of", ""),
        ],
    ),
    (
        "/api/tna/questionnaires/version",
        Need::Analyst,
        &[("id", "1")],
    ),
    ("/api/tna/campaign-choices", Need::Analyst, &[]),
    ("/api/tna/campaign", Need::Analyst, &[("id", "1")]),
    (
        "/api/tna/campaigns/status",
        Need::Analyst,
        &[("id", "1"), ("status", "closed")],
    ),
    (
        "/api/tna/results",
        Need::Analyst,
        &[("id", "1"), ("measure", "gap")],
    ),
    ("/api/tna/surveys", Need::SignedIn, &[]),
    (
        "/api/tna/responses/start",
        Need::SignedIn,
        &[("campaign", "1"), ("supervises", "")],
    ),
    ("/api/tna/response", Need::Missing, &[("id", "999")]),
    (
        "/api/tna/responses/autosave",
        Need::Missing,
        &[("response", "999"), ("answers", "x=1"), ("csrf_token", "x")],
    ),
    (
        "/api/agencies/positions/specification",
        Need::Admin,
        &[("id", "1")],
    ),
    ("/api/assessments/countries", Need::Assessor, &[]),
    (
        "/api/assessments/create",
        Need::Assessor,
        &[
            ("input[title]", "Matrix assessment"),
            ("input[country]", "UTO"),
            ("input[requested_by]", ""),
            ("input[starts_on]", "2026-01-01"),
            ("input[ends_on]", "2026-01-02"),
        ],
    ),
    ("/api/assessments/get", Need::Missing, &[("id", "99999")]),
    (
        "/api/assessments/member",
        Need::Missing,
        &[("id", "99999"), ("login", "trainee"), ("role", "assessor")],
    ),
    (
        "/api/assessments/status",
        Need::Missing,
        &[("id", "99999"), ("status", "in_review")],
    ),
    (
        "/api/assessments/baselines",
        Need::Missing,
        &[("id", "99999")],
    ),
    (
        "/api/assessments/baseline",
        Need::Missing,
        &[("id", "99999"), ("baseline", "")],
    ),
    (
        "/api/assessments/new-version",
        Need::Missing,
        &[("id", "99999")],
    ),
    (
        "/api/quizzes/question-create",
        Need::Author,
        &[
            ("slug", "no-such-course"),
            ("category", "C"),
            ("gift", "::a::b{T}"),
        ],
    ),
    (
        "/api/assessments/element",
        Need::Missing,
        &[("id", "99999"), ("element", "adm-structure")],
    ),
    (
        "/api/assessments/score",
        Need::Missing,
        &[
            ("id", "99999"),
            ("indicator", "adm-structure-mandate"),
            ("input[level]", "2"),
            ("input[reason]", ""),
            ("input[evidence]", ""),
            ("input[confidence]", "low"),
            ("input[version]", "0"),
        ],
    ),
    (
        "/api/assessments/finding",
        Need::Missing,
        &[
            ("id", "99999"),
            ("element", "adm-structure"),
            ("kind", "gap"),
            ("text", "x"),
        ],
    ),
    (
        "/api/assessments/recommendation",
        Need::Missing,
        &[
            ("id", "99999"),
            ("input[element]", "adm-structure"),
            ("input[text]", "x"),
            ("input[priority]", "high"),
            ("input[timeframe]", "short"),
            ("input[quarter]", "2027-Q1"),
        ],
    ),
    (
        "/api/assessments/delete-entry",
        Need::Missing,
        &[
            ("id", "99999"),
            ("element", "adm-structure"),
            ("finding", "1"),
        ],
    ),
    (
        "/api/assessments/entries",
        Need::Missing,
        &[("id", "99999")],
    ),
    ("/api/assessments/report", Need::Missing, &[("id", "99999")]),
    (
        "/api/assessments/narrative",
        Need::Missing,
        &[("id", "99999")],
    ),
    (
        "/api/assessments/narrative-save",
        Need::Missing,
        &[
            ("id", "99999"),
            ("summary", ""),
            ("methodology", ""),
            ("version", "1"),
        ],
    ),
    (
        "/api/exercises/course",
        Need::Learner,
        &[("slug", "document-examination")],
    ),
    ("/api/exercises/editor", Need::Nobody, &[("id", "99999")]),
    ("/api/exercises/class", Need::Nobody, &[("id", "99999")]),
    (
        "/api/exercises/findings",
        Need::Admin,
        &[("slug", "document-examination")],
    ),
    ("/api/exercises/get", Need::Missing, &[("id", "99999")]),
    ("/api/records/get", Need::SignedIn, &[]),
    ("/api/progress/get", Need::Progress, &[]),
    ("/api/records/search", Need::Progress, &[("q", "a")]),
    ("/api/exercises/result", Need::Missing, &[("id", "99999")]),
    (
        "/api/desk/admin",
        Need::Admin,
        &[("slug", "document-examination")],
    ),
    (
        "/api/desk/shift",
        Need::Missing,
        &[("id", "99999"), ("query", "false")],
    ),
    ("/api/desk/results", Need::Missing, &[("id", "99999")]),
    ("/api/desk/class", Need::Nobody, &[("id", "99999")]),
    (
        "/api/certificates/verify",
        Need::Anyone,
        &[("code", "CP-NONE-NONE-NONE")],
    ),
];

/// Pages: path and who may see them.
const PAGES: &[(&str, Need)] = &[
    ("/", Need::SignedIn),
    ("/account", Need::SignedIn),
    ("/courses", Need::SignedIn),
    ("/courses/document-examination", Need::Outline),
    ("/courses/document-examination/lessons/1", Need::Learner),
    ("/courses/document-examination/glossary", Need::Learner),
    ("/search?q=passport", Need::SignedIn),
    ("/author", Need::Author),
    ("/author/courses/document-examination", Need::Admin),
    ("/author/lessons/1", Need::Admin),
    (
        "/author/courses/document-examination/questions",
        Need::Author,
    ),
    ("/author/courses/document-examination/trainer", Need::Author),
    ("/quizzes/1", Need::Learner),
    ("/verify", Need::Anyone),
    ("/assessments", Need::Assessor),
    ("/admin/positions/1", Need::Admin),
    ("/competencies", Need::Framework),
    ("/tna", Need::Analyst),
    ("/tna/questionnaires/1", Need::Analyst),
    ("/tna/questionnaires/1/print", Need::Analyst),
    ("/tna/campaigns/new", Need::Analyst),
    ("/tna/campaigns/1", Need::Analyst),
    ("/tna/campaigns/1/results", Need::Analyst),
    ("/surveys", Need::SignedIn),
    ("/record", Need::SignedIn),
    ("/progress", Need::Progress),
    ("/progress/people", Need::Progress),
    ("/classes", Need::Author),
    ("/join", Need::SignedIn),
    ("/admin/countries", Need::Admin),
    ("/admin/agencies", Need::Admin),
    ("/admin/agencies/1", Need::Admin),
    ("/admin/people", Need::Admin),
    ("/admin/people/new", Need::Admin),
    ("/admin/people/import", Need::Admin),
    ("/admin/people/1", Need::Admin),
];

fn allowed(need: Need, role: Option<Role>) -> bool {
    match (need, role) {
        (Need::Anyone, _) => true,
        (Need::SignedIn, r) => r.is_some(),
        (Need::Author, r) => matches!(r, Some(Role::Trainer | Role::Admin)),
        (Need::Assessor, r) => matches!(r, Some(Role::Assessor | Role::Admin)),
        (Need::Analyst, r) => matches!(r, Some(Role::Analyst | Role::Admin)),
        (Need::Framework, r) => matches!(r, Some(Role::Trainer | Role::Analyst | Role::Admin)),
        (Need::Learner, r) => matches!(r, Some(Role::Trainee | Role::Trainer | Role::Admin)),
        (Need::Outline, r) => {
            allowed(Need::Learner, r)
                || matches!(r, Some(Role::Analyst | Role::FocalPoint | Role::Manager))
        }
        (Need::Nobody | Need::Missing, _) => false,
        (Need::Admin, r) => r == Some(Role::Admin),
        (Need::Progress, r) => matches!(
            r,
            Some(Role::Trainer | Role::Admin | Role::FocalPoint | Role::Manager)
        ),
    }
}

async fn client_for(app: &TestApp, role: Option<Role>) -> Client {
    match role {
        Some(r) => app.login_as(r).await,
        None => app.client(),
    }
}

const WHO: [Option<Role>; 8] = [
    None,
    Some(Role::Trainee),
    Some(Role::Trainer),
    Some(Role::Assessor),
    Some(Role::Analyst),
    Some(Role::Admin),
    Some(Role::FocalPoint),
    Some(Role::Manager),
];

/// The matrix names every server function the application registers, and nothing else.
#[test]
fn the_matrix_lists_every_server_function() {
    let registered: std::collections::BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let listed: std::collections::BTreeSet<&str> = FUNCTIONS.iter().map(|f| f.0).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let unknown: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "not in the matrix: {missing:?}; in the matrix but not registered: {unknown:?}"
    );
    assert!(registered.len() > 100, "{} registered", registered.len());
}

#[tokio::test]
async fn server_functions_check_roles() {
    let app = TestApp::spawn().await;
    for who in WHO {
        // One sign-in per role: every call below is refused or changes nothing about the
        // session (the arguments name records that do not exist), so one session serves all.
        let c = client_for(&app, who).await;
        for (path, need, args) in FUNCTIONS {
            if *path == "/api/logout" {
                continue; // would end this client's session; checked below
            }
            let res = c.call(path, args).await;
            let status = res.status();
            if allowed(*need, who) {
                assert!(
                    !matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
                    "{who:?} may call {path} but got {status}"
                );
                assert!(!status.is_server_error(), "{who:?} {path}: {status}");
            } else {
                let expected = match (need, who) {
                    (_, None) => StatusCode::UNAUTHORIZED,
                    // A record nobody here owns: those who could own one learn it does not exist.
                    (Need::Nobody, Some(Role::Trainer | Role::Admin)) => StatusCode::NOT_FOUND,
                    (Need::Missing, Some(_)) => StatusCode::NOT_FOUND,
                    _ => StatusCode::FORBIDDEN,
                };
                assert_eq!(status, expected, "{who:?} calling {path}");
                let body = res.text().await.unwrap();
                assert!(
                    !body.contains("argon2") && !body.to_lowercase().contains("sql"),
                    "{path} leaks: {body}"
                );
            }
        }
        assert!(c.call("/api/logout", &[]).await.status().is_redirection());
    }
}

#[tokio::test]
async fn pages_check_roles() {
    let app = TestApp::spawn().await;
    for who in WHO {
        let c = client_for(&app, who).await;
        for (path, need) in PAGES {
            let res = c.get(path).await;
            let status = res.status();
            if allowed(*need, who) {
                assert_eq!(status, StatusCode::OK, "{who:?} GET {path}");
            } else if who.is_none() {
                assert_eq!(status, StatusCode::FOUND, "anonymous GET {path}");
                assert!(location(&res).starts_with("/login?next="), "{path}");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{who:?} GET {path}");
                let body = res.text().await.unwrap();
                assert!(
                    body.contains("You do not have access to this page."),
                    "{path}"
                );
            }
        }
        // The sign-in page is for everyone; signed-in people are sent on.
        let res = c.get("/login").await;
        let expected = if who.is_some() {
            StatusCode::FOUND
        } else {
            StatusCode::OK
        };
        assert_eq!(res.status(), expected, "{who:?} GET /login");
    }
}

#[tokio::test]
async fn the_import_upload_route_checks_roles() {
    let app = TestApp::spawn().await;
    for who in WHO {
        let c = client_for(&app, who).await;
        let token = c.csrf().await;
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", token)
            .text("file", "");
        let res = c
            .http
            .post(app.url("/admin/people/import"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        match who {
            None => {
                assert_eq!(res.status(), StatusCode::SEE_OTHER);
                // Never signed in: plain sign-in, no "session expired".
                assert_eq!(location(&res), "/login?next=%2Fadmin%2Fpeople%2Fimport");
            }
            Some(Role::Admin) => assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY),
            Some(_) => assert_eq!(res.status(), StatusCode::FORBIDDEN),
        }
    }
}

#[tokio::test]
async fn navigation_matches_the_role() {
    let app = TestApp::spawn().await;
    for who in WHO.into_iter().flatten() {
        let c = app.login_as(who).await;
        let page = c.page("/", StatusCode::OK).await;
        assert_eq!(
            page.contains("href=\"/admin/agencies\""),
            who == Role::Admin,
            "{who:?}"
        );
        assert!(page.contains("href=\"/account\""));
        assert!(
            page.contains(&format!("data-role=\"{}\"", who.code())),
            "{who:?} sees their card"
        );
    }
}

/// A plain route (outside server functions and pages): method, the path as the router
/// registers it, a path to ask, and who may use it. Routes about one record ask for a record
/// that does not exist where that is safe, so those allowed get 404 and nothing changes.
type Plain = (&'static str, &'static str, &'static str, Need);
