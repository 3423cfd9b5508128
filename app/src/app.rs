//! The HTML shell, the router and the per-request page context.

use crate::components::layout::Layout;
use crate::i18n::Lang;
use crate::model::CurrentUser;
use crate::pages::{
    account, admin, assess, author, classes, home, learn, login, not_found::NotFound, progress,
    tna, verify,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// What every page needs to know about the request it renders.
#[derive(Debug, Clone, Default)]
pub struct PageCtx {
    /// The signed-in person.
    pub user: Option<CurrentUser>,
    /// Interface language.
    pub lang: Lang,
    /// CSRF token for forms.
    pub csrf: String,
    /// Path and query of the page, for "come back here" links.
    pub path: String,
}

impl PageCtx {
    #[cfg(feature = "ssr")]
    fn from_request() -> (Self, String) {
        let ctx = crate::server::request::ctx();
        let path = crate::server::request::parts()
            .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_owned()))
            .unwrap_or_else(|| "/".to_owned());
        (
            PageCtx {
                user: ctx.user,
                lang: ctx.lang,
                csrf: ctx.csrf,
                path,
            },
            ctx.nonce,
        )
    }

    #[cfg(not(feature = "ssr"))]
    fn from_request() -> (Self, String) {
        (PageCtx::default(), String::new())
    }
}

/// The page context provided by [`shell`].
pub fn use_page() -> PageCtx {
    use_context::<PageCtx>().unwrap_or_default()
}

/// Pages whose HTML contains islands, and so need the WebAssembly bundle. Every other page is
/// plain HTML and CSS: nothing to download, parse or run on a classroom PC. A form refused on
/// a field comes back with the island that ties the field to its message and focuses it.
fn page_has_islands(path: &str) -> bool {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let refused_field = query
        .split('&')
        .any(|pair| pair.starts_with("field=") || pair.starts_with("fe="));
    refused_field
        || matches!(path, "/admin/people" | "/account")
        || path.starts_with("/author/lessons/")
        || path.starts_with("/author/exercises/")
        || path.starts_with("/exercises/")
        || path.starts_with("/attempts/")
        || path.starts_with("/responses/")
}

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let (page, nonce) = PageCtx::from_request();
    #[cfg(feature = "ssr")]
    provide_context(leptos::nonce::Nonce::from_value(nonce));
    #[cfg(not(feature = "ssr"))]
    let _ = nonce;
    let lang = page.lang;
    let csrf = page.csrf.clone();
    let islands = page_has_islands(&page.path);
    provide_context(lang);
    provide_context(page);
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir=lang.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="csrf-token" content=csrf />
                <link rel="stylesheet" href=concat!("/pkg/checkpoint.css?v=", env!("CARGO_PKG_VERSION")) />
                <link rel="icon" type="image/svg+xml" href="/pkg/favicon.svg" />
                {islands.then(|| view! { <HydrationScripts options=options.clone() islands=true /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: layout and routes. Every route renders completely on the server before
/// the response starts (`SsrMode::Async`), so status codes and redirects are always right.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=login::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=account::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/courses") view=learn::catalogue::CataloguePage ssr=SsrMode::Async />
                    <Route path=path!("/courses/:slug") view=learn::course::CoursePage ssr=SsrMode::Async />
                    <Route path=path!("/courses/:slug/glossary") view=learn::glossary::GlossaryPage ssr=SsrMode::Async />
                    <Route path=path!("/courses/:slug/lessons/:id") view=learn::lesson::LessonPage ssr=SsrMode::Async />
                    <Route path=path!("/search") view=learn::search::SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/author") view=author::courses::AuthorCoursesPage ssr=SsrMode::Async />
                    <Route path=path!("/classes") view=classes::list::ClassesPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id") view=classes::detail::ClassPage ssr=SsrMode::Async />
                    <Route path=path!("/join") view=classes::join::JoinPage ssr=SsrMode::Async />
                    <Route path=path!("/author/courses/:slug") view=author::course::CourseEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/author/lessons/:id") view=author::lesson::LessonEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/author/lessons/:id/translations/:lang") view=author::translation::LessonTranslationPage ssr=SsrMode::Async />
                    <Route path=path!("/author/courses/:slug/questions") view=author::bank::BankPage ssr=SsrMode::Async />
                    <Route path=path!("/author/courses/:slug/trainer") view=author::trainer::TrainerMaterialsPage ssr=SsrMode::Async />
                    <Route path=path!("/author/questions/:id") view=author::bank::QuestionEditPage ssr=SsrMode::Async />
                    <Route path=path!("/author/quizzes/:id") view=author::quiz::QuizEditPage ssr=SsrMode::Async />
                    <Route path=path!("/quizzes/:id") view=learn::quiz::QuizPage ssr=SsrMode::Async />
                    <Route path=path!("/progress") view=progress::ProgressPage ssr=SsrMode::Async />
                    <Route path=path!("/progress/people") view=progress::LearnerSearchPage ssr=SsrMode::Async />
                    <Route path=path!("/record") view=learn::record::MyRecordPage ssr=SsrMode::Async />
                    <Route path=path!("/people/:id/record") view=learn::record::PersonRecordPage ssr=SsrMode::Async />
                    <Route path=path!("/exercises/:id") view=learn::exercise::ExercisePage ssr=SsrMode::Async />
                    <Route path=path!("/desk/shifts/:id") view=learn::desk::DeskPage ssr=SsrMode::Async />
                    <Route path=path!("/desk/shifts/:id/results") view=learn::desk::DeskResultsPage ssr=SsrMode::Async />
                    <Route path=path!("/exercise-attempts/:id") view=learn::exercise::ExerciseResultPage ssr=SsrMode::Async />
                    <Route path=path!("/author/exercises/:id") view=author::exercise::ExerciseEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/attempts/:id") view=learn::quiz::AttemptPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/quizzes") view=classes::results::ClassQuizzesPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/desk") view=classes::desk::ClassDeskPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/evaluation/:survey") view=classes::evaluation::EvaluationPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/exercises") view=classes::exercises::ClassExercisesPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/quizzes/:quiz") view=classes::results::QuizResultsPage ssr=SsrMode::Async />
                    <Route path=path!("/verify") view=verify::VerifyPage ssr=SsrMode::Async />
                    <Route path=path!("/assessments") view=assess::list::AssessmentsPage ssr=SsrMode::Async />
                    <Route path=path!("/assessments/:id") view=assess::overview::AssessmentPage ssr=SsrMode::Async />
                    <Route path=path!("/assessments/:id/report") view=assess::report::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/assessments/:id/elements/:element") view=assess::element::ElementPage ssr=SsrMode::Async />
                    <Route path=path!("/verify/:code") view=verify::VerifyPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/countries") view=admin::countries::CountriesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/agencies") view=admin::agencies::AgenciesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/agencies/:id") view=admin::agency::AgencyPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/people") view=admin::people::PeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/people/new") view=admin::person_new::PersonNewPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/people/import") view=admin::import::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/people/:id") view=admin::person::PersonPage ssr=SsrMode::Async />
                    <Route path=path!("/competencies") view=admin::competencies::CompetenciesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/positions/:id") view=admin::position::PositionPage ssr=SsrMode::Async />
                    <Route path=path!("/tna") view=tna::home::TnaHomePage ssr=SsrMode::Async />
                    <Route path=path!("/tna/questionnaires/:id") view=tna::questionnaire::QuestionnairePage ssr=SsrMode::Async />
                    <Route path=path!("/tna/questionnaires/:id/print") view=tna::print::PrintPage ssr=SsrMode::Async />
                    <Route path=path!("/tna/campaigns/new") view=tna::campaign_new::CampaignNewPage ssr=SsrMode::Async />
                    <Route path=path!("/tna/campaigns/:id") view=tna::campaign::CampaignPage ssr=SsrMode::Async />
                    <Route path=path!("/tna/campaigns/:id/results") view=tna::results::ResultsPage ssr=SsrMode::Async />
                    <Route path=path!("/tna/campaigns/:id/summary") view=tna::summary::SummaryPage ssr=SsrMode::Async />
                    <Route path=path!("/surveys") view=tna::surveys::SurveysPage ssr=SsrMode::Async />
                    <Route path=path!("/responses/:id") view=tna::response::ResponsePage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
