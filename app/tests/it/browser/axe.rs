//! axe-core, the accessibility engine, on the pages each role starts from (in English, French
//! and Arabic), on every kind of document exercise and on every page of the demo: no WCAG 2.1 A
//! or AA violation, at 1280 and at 375 CSS pixels. axe comes from npm (`make browser-deps` installs it into
//! `.tools/npm`); nothing is downloaded while the tests run.

use super::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// axe-core's script, read once.
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../.tools/npm/node_modules/axe-core/axe.min.js"
        );
        std::fs::read_to_string(path).unwrap_or_else(|e| {
            panic!("axe-core is missing at {path} (run `make browser-deps`): {e}")
        })
    })
}

impl Browser {
    /// axe's WCAG 2.1 A and AA violations on the page as it stands, one line each: the rule,
    /// its impact, and up to three of the elements at fault.
    async fn axe(&self) -> Vec<String> {
        let run = format!(
            "if (!window.axe) {{ {} }}\n\
             return axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }}, resultTypes: ['violations'] }}) \
               .then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')));",
            axe_source()
        );
        let found = self.script(&run).await;
        found
            .as_array()
            .unwrap_or_else(|| panic!("axe did not run: {found}"))
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Opens each page at both widths and gathers axe's findings, page by page.
    async fn axe_pages(&self, app: &TestApp, who: &str, pages: &[String], found: &mut Vec<String>) {
        for (width, height, mobile) in [(1280, 800, false), (375, 740, true)] {
            self.viewport(width, height, mobile).await;
            for page in pages {
                self.goto(&app.url(page)).await;
                self.find("h1").await;
                // The page itself, not a refusal standing in for it.
                if self.exists(".error-panel").await {
                    found.push(format!("{who} {page}: an error page, not the page"));
                    continue;
                }
                for v in self.axe().await {
                    found.push(format!("{who} {page} @{width}: {v}"));
                }
            }
        }
    }
}

#[tokio::test]
async fn axe_finds_nothing_on_each_roles_pages_and_each_exercise_kind() {
    use app::model::Role;
    use app::server::entities::{
        capacity_assessment, class, exercise, position, quiz, tna_campaign,
    };
    let app = TestApp::spawn().await;
    app::server::services::exercises::generated::ensure_shipped(&app.db)
        .await
        .unwrap();
    use crate::helpers::first_id;
    let class = first_id::<class::Entity>(&app, class::Column::Id).await;
    let assessment =
        first_id::<capacity_assessment::Entity>(&app, capacity_assessment::Column::Id).await;
    let campaign = first_id::<tna_campaign::Entity>(&app, tna_campaign::Column::Id).await;
    let quiz = quiz::Entity::find()
        .filter(quiz::Column::Published.eq(true))
        .filter(quiz::Column::ClassId.is_null())
        .one(&app.db)
        .await
        .unwrap()
        .expect("a published quiz")
        .id;
    // One published exercise of every kind.
    let exercises = exercise::Entity::find()
        .filter(exercise::Column::Published.eq(true))
        .filter(exercise::Column::ClassId.is_null())
        .all(&app.db)
        .await
        .unwrap();
    let mut kinds = Vec::new();
    for kind in ::assessments::examination::ExerciseKind::ALL {
        let e = exercises
            .iter()
            .find(|e| e.kind == kind)
            .unwrap_or_else(|| panic!("no published {kind:?} exercise in the demo"));
        kinds.push(format!("/exercises/{}", e.id));
    }

    // The trainee's attempt at the quiz and result of an anomaly exercise; an element of the
    // assessment as the assessor scores it; a position's job specification.
    let trainee = app.login_as(Role::Trainee).await;
    let res = trainee
        .post_form(
            "/api/quizzes/start",
            &format!("/quizzes/{quiz}"),
            &[("id", &quiz.to_string())],
        )
        .await;
    let attempt = crate::helpers::location(&res);
    let anomalies = kinds[0].clone();
    let res = trainee
        .post_form(
            &format!("{anomalies}/answer"),
            &anomalies,
            &[("markers", "150,150")],
        )
        .await;
    let result = crate::helpers::location(&res);
    assert!(result.starts_with("/exercise-attempts/"), "{result}");
    let overview = app
        .login_as(Role::Assessor)
        .await
        .page(
            &format!("/assessments/{assessment}"),
            reqwest::StatusCode::OK,
        )
        .await;
    let marker = format!("/assessments/{assessment}/elements/");
    let at = overview.find(&marker).expect("an element") + marker.len();
    let element: String = overview[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let position = first_id::<position::Entity>(&app, position::Column::Id).await;

    let roles: [(&str, &str, Vec<String>); 6] = [
        (
            "trainee",
            "trainee-demo-2026",
            [
                vec!["/".into(), "/courses".into(), "/record".into()],
                vec![format!("/quizzes/{quiz}"), attempt, result],
                kinds,
            ]
            .concat(),
        ),
        (
            "trainer",
            "trainer-demo-2026",
            vec!["/".into(), "/classes".into(), format!("/classes/{class}")],
        ),
        (
            "analyst",
            "analyst-demo-2026",
            vec![
                "/".into(),
                "/tna".into(),
                format!("/tna/campaigns/{campaign}/results"),
            ],
        ),
        (
            "assessor",
            "assessor-demo-2026",
            vec![
                "/".into(),
                "/assessments".into(),
                format!("/assessments/{assessment}/report"),
                format!("/assessments/{assessment}/elements/{element}"),
            ],
        ),
        (
            "manager",
            "manager-demo-2026",
            vec!["/".into(), "/progress".into()],
        ),
        (
            "admin",
            "admin-demo-2026",
            vec![
                "/".into(),
                "/admin/people".into(),
                format!("/admin/positions/{position}"),
            ],
        ),
    ];
    let b = Browser::start().await;
    // axe itself runs and reports: an image with no text and a nameless button are found.
    b.goto(&app.url("/login")).await;
    b.find("h1").await;
    b.script("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/favicon.ico\"><button></button>');")
        .await;
    let planted = b.axe().await.join("\n");
    assert!(
        planted.contains("image-alt") && planted.contains("button-name"),
        "axe missed what was planted: {planted}"
    );
    let mut found = Vec::new();
    for (login, password, pages) in &roles {
        b.viewport(1280, 800, false).await;
        b.sign_in(&app, login, password).await;
        b.find("#sign-out").await;
        b.axe_pages(&app, login, pages, &mut found).await;
        // And in French, and in Arabic (right to left).
        for (lang, dir) in [("fr", "ltr"), ("ar", "rtl")] {
            b.viewport(1280, 800, false).await;
            b.goto(&app.url("/")).await;
            b.click(&format!(".lang-switch button[value={lang}]")).await;
            b.wait_for(
                lang,
                &format!("document.documentElement.lang === '{lang}' && getComputedStyle(document.body).direction === '{dir}'"),
            )
            .await;
            b.axe_pages(&app, &format!("{login} ({lang})"), pages, &mut found)
                .await;
        }
        b.viewport(1280, 800, false).await;
        b.sign_out().await;
    }
    // Signed out: the front page and the sign-in form.
    b.axe_pages(&app, "anyone", &["/".into(), "/login".into()], &mut found)
        .await;
    assert!(found.is_empty(), "axe found:\n{}", found.join("\n"));
}

#[tokio::test]
async fn axe_finds_nothing_on_any_page_of_the_demo() {
    let app = TestApp::spawn().await;
    let pages = crate::helpers::demo_pages(&app).await;
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#sign-out").await;
    let mut found = Vec::new();
    b.axe_pages(&app, "admin", &pages, &mut found).await;
    assert!(found.is_empty(), "axe found:\n{}", found.join("\n"));
}
