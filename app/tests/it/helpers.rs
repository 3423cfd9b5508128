//! `TestApp`: the application served on a free loopback port, over a fresh database, with a
//! cookie-aware client that signs in as any demo role.

use app::model::Role;
use app::server::{config::Config, db, services};
use reqwest::StatusCode;
use reqwest::cookie::CookieStore;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// A running application and what is needed to talk to it.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: DatabaseConnection,
    /// Statements run on the database so far, by the server and the test alike.
    statements: Arc<std::sync::Mutex<Vec<String>>>,
    /// The database's URL (for a second server).
    pub database_url: String,
    _dir: tempfile::TempDir,
    pg: Option<PgDatabase>,
    server: tokio::task::JoinHandle<()>,
}

/// A per-test PostgreSQL database, dropped with the test.
struct PgDatabase {
    admin_url: String,
    name: String,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        if let Some(pg) = self.pg.take() {
            // Dropped on a thread of its own that the test does not wait for. Waiting would
            // block the test's runtime while its connection pool may be half-way through
            // opening a connection: that backend, stuck in authentication, never accepts
            // the barrier `DROP DATABASE` waits for, and each drop then took PostgreSQL's
            // 60-second authentication timeout. Once the test returns, its runtime closes
            // the pool and the drop goes through; a drop the process exits before finishing
            // is done by the next run (see `postgres_template`).
            std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap()
                    .block_on(async move {
                        if let Ok(admin) = sea_orm::Database::connect(&pg.admin_url).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                                    pg.name
                                ))
                                .await;
                        }
                    })
            });
        }
    }
}

/// The migrated demo database every test starts from, built once per test binary: a SQLite
/// file each test copies, or a PostgreSQL database each test's database is created from
/// (`CREATE DATABASE … TEMPLATE`). Migrating and loading the demo (with its password
/// hashes) for each test took most of the suite's time.
enum Template {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// What a test's database starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seed {
    /// Migrated, with the demo data (people for every role, courses, an assessment).
    Demo,
    /// Migrated only: reference data, nobody signed up, nothing taught.
    Empty,
}

fn template(seed: Seed) -> Template {
    use std::sync::OnceLock;
    match std::env::var("CHECKPOINT_TEST_POSTGRES") {
        Ok(admin_url) if !admin_url.is_empty() => {
            // Before any test database of this run exists: those an earlier run left.
            static CLEANED: OnceLock<()> = OnceLock::new();
            CLEANED.get_or_init(|| on_own_runtime(drop_leftovers(admin_url.clone())));
            static DEMO: OnceLock<String> = OnceLock::new();
            static EMPTY: OnceLock<String> = OnceLock::new();
            let cell = match seed {
                Seed::Demo => &DEMO,
                Seed::Empty => &EMPTY,
            };
            let name =
                cell.get_or_init(|| on_own_runtime(postgres_template(admin_url.clone(), seed)));
            Template::Postgres {
                admin_url,
                name: name.clone(),
            }
        }
        _ => Template::Sqlite(match seed {
            Seed::Demo => sqlite_template().to_owned(),
            Seed::Empty => {
                static FILE: OnceLock<PathBuf> = OnceLock::new();
                FILE.get_or_init(|| on_own_runtime(build_sqlite_template(Seed::Empty)))
                    .clone()
            }
        }),
    }
}

/// The SQLite template: a migrated database with the demo data, in one file to copy (the
/// command-line tests start from it too, whatever database the suite runs on).
pub fn sqlite_template() -> &'static std::path::Path {
    static FILE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    FILE.get_or_init(|| on_own_runtime(build_sqlite_template(Seed::Demo)))
}

/// Runs `fut` on a runtime of its own and waits: the first test's runtime may be
/// single-threaded, and a template's connections must be closed before any copy is made.
fn on_own_runtime<T: Send + 'static>(
    fut: impl std::future::Future<Output = T> + Send + 'static,
) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
            .block_on(fut)
    })
    .join()
    .expect("building the template database")
}

/// Migrates the database at `url` and loads what `seed` asks for.
async fn migrated(url: String, seed: Seed) -> DatabaseConnection {
    let database = db::connect(&url).await.expect("connect");
    db::migrate(&database).await.expect("migrate");
    if seed == Seed::Demo {
        services::demo::load(&database).await.expect("demo data");
    }
    database
}

/// Drops the test databases an earlier run left behind when its process exited.
async fn drop_leftovers(admin_url: String) {
    let admin = sea_orm::Database::connect(&admin_url)
        .await
        .expect("connect to PostgreSQL");
    let leftovers = admin
        .query_all(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'cp\\_test\\_%'",
        ))
        .await
        .expect("list test databases");
    for row in leftovers {
        let old: String = row.try_get("", "datname").expect("a database name");
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {old} WITH (FORCE)"))
            .await
            .expect("drop a test database left behind");
    }
    admin.close().await.ok();
}

async fn postgres_template(admin_url: String, seed: Seed) -> String {
    let admin = sea_orm::Database::connect(&admin_url)
        .await
        .expect("connect to PostgreSQL");
    // One template of each kind on the server: each run replaces the one before.
    let name = match seed {
        Seed::Demo => "cp_template",
        Seed::Empty => "cp_template_empty",
    }
    .to_owned();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .expect("drop an old template");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create the template database");
    admin.close().await.ok();
    migrated(database_in(&admin_url, &name), seed)
        .await
        .close()
        .await
        .ok();
    name
}

async fn build_sqlite_template(seed: Seed) -> PathBuf {
    // Under the target folder, one per process.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    // Earlier runs' templates: any more than an hour old.
    for old in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
        let stale = old
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|a| a.as_secs() > 3600));
        if stale && old.path().extension().is_some_and(|e| e == "db") {
            std::fs::remove_file(old.path()).ok();
        }
    }
    let building = tempfile::tempdir_in(&dir).unwrap();
    let database = migrated(Config::sqlite_url(building.path()), seed).await;
    let kind = match seed {
        Seed::Demo => "demo",
        Seed::Empty => "empty",
    };
    let file = dir.join(format!("{kind}-{}.db", std::process::id()));
    std::fs::remove_file(&file).ok();
    // One self-contained file, whatever the write-ahead log still held.
    database
        .execute_unprepared(&format!("VACUUM INTO '{}'", file.display()))
        .await
        .expect("write the template");
    database.close().await.ok();
    file
}

/// The URL of database `name` on the server of `admin_url`.
fn database_in(admin_url: &str, name: &str) -> String {
    let (prefix, _) = admin_url
        .rsplit_once('/')
        .expect("PostgreSQL URL with a database name");
    format!("{prefix}/{name}")
}

/// Runs `fut` to completion on a runtime of its own, on another thread: for async clean-up in
/// `Drop`, which cannot await and may run inside the test's runtime.
pub fn block_on_detached(fut: impl std::future::Future<Output = ()> + Send + 'static) {
    let _ = std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(fut)
    })
    .join();
}

/// The folder with the built browser assets (`make site`).
pub fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site")
}

impl TestApp {
    /// Serves the app on a fresh database with migrations and demo data applied.
    pub async fn spawn() -> TestApp {
        Self::spawn_seeded(Seed::Demo, |_| {}).await
    }

    /// Serves the app on a fresh migrated database without the demo data: a new
    /// installation, for tests that need nobody in it.
    pub async fn empty() -> TestApp {
        Self::spawn_seeded(Seed::Empty, |_| {}).await
    }

    /// [`TestApp::spawn`] with the configuration changed by `configure` (served over HTTPS
    /// behind a proxy, say).
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
        Self::spawn_seeded(Seed::Demo, configure).await
    }

    async fn spawn_seeded(seed: Seed, configure: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let (url, pg) = match template(seed) {
            Template::Postgres {
                admin_url,
                name: template,
            } => {
                let name = format!("cp_test_{}", app::server::csrf::random_hex(8));
                let admin = sea_orm::Database::connect(&admin_url)
                    .await
                    .expect("connect to PostgreSQL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                (
                    database_in(&admin_url, &name),
                    Some(PgDatabase { admin_url, name }),
                )
            }
            Template::Sqlite(file) => {
                std::fs::copy(file, dir.path().join("checkpoint.db")).expect("copy the template");
                (Config::sqlite_url(dir.path()), None)
            }
        };
        let mut database = db::connect(&url).await.expect("connect");
        let statements = Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = statements.clone();
        let show = std::env::var_os("CHECKPOINT_TEST_SQL").is_some();
        database.set_metric_callback(move |info| {
            if show {
                eprintln!("sql: {}", info.statement.sql);
            }
            seen.lock().unwrap().push(info.statement.sql.clone());
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state_url = url.clone();
        let mut config = Config {
            addr,
            database_url: url,
            site_root: site_root(),
            secure_cookies: false,
            session_minutes: 60,
            trusted_proxies: 0,
            public_url: "https://checkpoint.test".to_owned(),
            // Tests that watch events wait to be folded fold them themselves; one turns this
            // on to see the background fold at work.
            fold_period: None,
        };
        configure(&mut config);
        let (router, background) = app::server::start::start(config, database.clone());
        let server = tokio::spawn(async move {
            let _background = background;
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        TestApp {
            addr,
            statements,
            db: database,
            database_url: state_url,
            _dir: dir,
            pg,
            server,
        }
    }

    /// A second app server on another port, with its own connection pool to the same
    /// database (as behind a load balancer). Returns its base URL; it stops with the test.
    pub async fn second_server(&self) -> String {
        let database = db::connect(&self.database_url).await.expect("connect");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let config = Config {
            addr,
            database_url: self.database_url.clone(),
            site_root: site_root(),
            secure_cookies: false,
            session_minutes: 60,
            trusted_proxies: 0,
            public_url: "https://checkpoint.test".to_owned(),
            fold_period: None,
        };
        let (router, background) = app::server::start::start(config, database);
        tokio::spawn(async move {
            let _background = background;
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        format!("http://{addr}")
    }

    /// A browser-like client of the server at `base`.
    pub fn client_of(&self, base: &str) -> Client {
        Client::of(base)
    }

    /// How many statements `run` makes the server send to the database.
    pub async fn queries_of<T>(&self, run: impl std::future::Future<Output = T>) -> (T, usize) {
        let (out, statements) = self.statements_of(run).await;
        (out, statements.len())
    }

    /// The statements `run` makes the server send to the database (`CHECKPOINT_TEST_SQL=1`
    /// prints every statement as it runs).
    pub async fn statements_of<T>(
        &self,
        run: impl std::future::Future<Output = T>,
    ) -> (T, Vec<String>) {
        let before = self.statements.lock().unwrap().len();
        let out = run.await;
        let after = self.statements.lock().unwrap()[before..].to_vec();
        (out, after)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A new browser-like client with its own cookies.
    pub fn client(&self) -> Client {
        Client::of(&self.url(""))
    }

    /// A client signed in as the demo account for `role`.
    pub async fn login_as(&self, role: Role) -> Client {
        let c = self.client();
        let demo = services::demo::LOGINS
            .iter()
            .find(|d| d.roles.contains(&role))
            .expect("demo role");
        let res = c.login(demo.login, demo.password).await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "demo login for {role:?}"
        );
        assert_eq!(location(&res), "/");
        c
    }
}

/// A cookie-aware HTTP client for one simulated browser.
pub struct Client {
    pub http: reqwest::Client,
    jar: Arc<reqwest::cookie::Jar>,
    base: String,
}

impl Client {
    /// A browser-like client, with its own cookies, of the server at `base`.
    pub fn of(base: &str) -> Client {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Client {
            http,
            jar,
            base: base.to_owned(),
        }
    }

    /// `GET path`, as a browser navigation.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap()
    }

    /// The body of `GET path`, asserting its status.
    pub async fn page(&self, path: &str, status: StatusCode) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status(), status, "GET {path}");
        res.text().await.unwrap()
    }

    /// The CSRF token of this client (fetching a page first if it has none yet).
    pub async fn csrf(&self) -> String {
        if let Some(t) = self.cookie("checkpoint_csrf") {
            return t;
        }
        self.get("/login").await;
        self.cookie("checkpoint_csrf")
            .expect("the server sets a CSRF cookie")
    }

    /// The value of cookie `name`, if set.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = self.base.parse().unwrap();
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(axum::http::header::COOKIE, self.jar.cookies(&url)?);
        app::server::cookies::read(&headers, name)
    }

    /// Sets cookie `name` (as a tampering browser would).
    pub fn set_cookie(&self, name: &str, value: &str) {
        let url: reqwest::Url = self.base.parse().unwrap();
        self.jar
            .add_cookie_str(&format!("{name}={value}; Path=/"), &url);
    }

    /// Posts a form from page `from` (sent as the Referer) with the CSRF token added.
    pub async fn post_form(
        &self,
        path: &str,
        from: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, from, &all).await
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub async fn post_raw(
        &self,
        path: &str,
        from: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .header("accept", "text/html")
            .header("referer", format!("{}{from}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Calls a server function as a programmatic client would (JSON answers, real statuses).
    pub async fn call(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        self.http
            .post(format!("{}{path}", self.base))
            .header("accept", "application/json")
            .header("x-csrf-token", token)
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Signs in.
    pub async fn login(&self, login: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/api/login",
            "/login",
            &[("login", login), ("password", password), ("next", "/")],
        )
        .await
    }
}

/// The `Location` header of a response.
pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Number of rows in `table`.
pub async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// The id of the course `slug`.
pub async fn course_id(app: &TestApp, slug: &str) -> i64 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    app::server::entities::course::Entity::find()
        .filter(app::server::entities::course::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the course")
        .id
}

/// The first id of an entity's rows.
/// The smallest id of table `E` in the demo data.
pub async fn first_id<E>(app: &TestApp, id: E::Column) -> i64
where
    E: sea_orm::EntityTrait,
    E::Model: Send + Sync,
{
    use sea_orm::{QueryOrder, QuerySelect};
    let row: Option<i64> = E::find()
        .select_only()
        .column(id)
        .order_by_asc(id)
        .into_tuple()
        .one(&app.db)
        .await
        .unwrap();
    row.expect("demo data")
}

/// One page of every kind an administrator opens, in the demo data (the shipped exercises
/// made first).
pub async fn demo_pages(app: &TestApp) -> Vec<String> {
    use app::server::entities::{
        agency, capacity_assessment, class, exercise, lesson, question, quiz, tna_campaign,
        tna_campaign_agency, tna_questionnaire,
    };
    app::server::services::exercises::generated::ensure_shipped(&app.db)
        .await
        .unwrap();
    app::server::services::exercises::generated::ensure_shipped_second_part(&app.db)
        .await
        .unwrap();
    let drill = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        exercise::Entity::find()
            .filter(exercise::Column::Title.starts_with("First-line drill 1 "))
            .one(&app.db)
            .await
            .unwrap()
            .expect("a first-line drill")
            .id
    };
    let lesson = first_id::<lesson::Entity>(app, lesson::Column::Id).await;
    let class = first_id::<class::Entity>(app, class::Column::Id).await;
    let assessment =
        first_id::<capacity_assessment::Entity>(app, capacity_assessment::Column::Id).await;
    let campaign = first_id::<tna_campaign::Entity>(app, tna_campaign::Column::Id).await;
    let questionnaire =
        first_id::<tna_questionnaire::Entity>(app, tna_questionnaire::Column::Id).await;
    let exercise = first_id::<exercise::Entity>(app, exercise::Column::Id).await;
    let quiz = first_id::<quiz::Entity>(app, quiz::Column::Id).await;
    let question = first_id::<question::Entity>(app, question::Column::Id).await;
    let agency = first_id::<agency::Entity>(app, agency::Column::Id).await;
    let surveyed = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        tna_campaign_agency::Entity::find()
            .filter(tna_campaign_agency::Column::CampaignId.eq(campaign))
            .one(&app.db)
            .await
            .unwrap()
            .expect("a surveyed agency")
            .agency_id
    };
    vec![
        "/".to_owned(),
        "/courses".into(),
        "/courses/document-examination".into(),
        format!("/courses/document-examination/lessons/{lesson}"),
        "/courses/document-examination/glossary".into(),
        "/search?q=passport".into(),
        format!("/exercises/{exercise}"),
        format!("/exercises/{drill}"),
        format!("/quizzes/{quiz}"),
        "/author".into(),
        "/author/courses/document-examination".into(),
        format!("/author/lessons/{lesson}"),
        "/author/courses/document-examination/questions".into(),
        "/author/courses/document-examination/trainer".into(),
        format!("/author/questions/{question}"),
        format!("/author/quizzes/{quiz}"),
        format!("/author/exercises/{exercise}"),
        "/classes".into(),
        format!("/classes/{class}"),
        format!("/classes/{class}/quizzes"),
        format!("/classes/{class}/desk"),
        "/join".into(),
        "/progress".into(),
        "/progress/people?q=okoro".into(),
        "/record".into(),
        "/people/4/record".into(),
        "/assessments".into(),
        format!("/assessments/{assessment}"),
        format!("/assessments/{assessment}/report"),
        "/admin/people".into(),
        "/admin/people/new".into(),
        "/admin/people/import".into(),
        "/admin/people/4".into(),
        "/admin/agencies".into(),
        format!("/admin/agencies/{agency}"),
        "/admin/countries".into(),
        "/competencies".into(),
        "/tna".into(),
        "/tna/campaigns/new".into(),
        format!("/tna/questionnaires/{questionnaire}"),
        format!("/tna/campaigns/{campaign}"),
        format!("/tna/campaigns/{campaign}/results"),
        format!("/tna/campaigns/{campaign}/summary?agency={surveyed}"),
        "/surveys".into(),
        "/account".into(),
        "/verify".into(),
    ]
}

/// The lines `pdftotext` (poppler) extracts from `pdf`, without the direction marks it puts
/// around runs in the other direction, and without empty lines.
pub fn pdf_lines(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("file.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian poppler-utils: make browser-deps installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.replace(['\u{202A}', '\u{202B}', '\u{202C}'], ""))
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// The words of a PDF as `pdftotext -bbox` places them: (left, right, text), in points.
pub fn pdf_words(pdf: &[u8]) -> Vec<(f32, f32, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("file.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian poppler-utils: make browser-deps installs it)");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .filter_map(|w| {
            let (tag, rest) = w.split_once('>')?;
            let text = rest.split("</word>").next()?.to_owned();
            Some((attr(tag, "xMin"), attr(tag, "xMax"), text))
        })
        .collect()
}
