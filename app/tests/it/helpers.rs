//! `TestApp`: the application served on a free loopback port, over a fresh database, with a
//! cookie-aware client that signs in as any demo role.

use app::model::Role;
use app::server::{config::Config, db, http, services, state::AppState};
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
            block_on_detached(async move {
                if let Ok(admin) = sea_orm::Database::connect(&pg.admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                            pg.name
                        ))
                        .await;
                }
            });
        }
    }
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
        Self::spawn_with(|_| {}).await
    }

    /// [`TestApp::spawn`] with the configuration changed by `configure` (served over HTTPS
    /// behind a proxy, say).
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let (url, pg) = match std::env::var("CHECKPOINT_TEST_POSTGRES") {
            Ok(base) if !base.is_empty() => {
                let name = format!("cp_test_{}", app::server::csrf::random_hex(8));
                let admin = sea_orm::Database::connect(&base)
                    .await
                    .expect("connect to PostgreSQL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let (prefix, _) = base
                    .rsplit_once('/')
                    .expect("PostgreSQL URL with a database name");
                (
                    format!("{prefix}/{name}"),
                    Some(PgDatabase {
                        admin_url: base,
                        name,
                    }),
                )
            }
            _ => (Config::sqlite_url(dir.path()), None),
        };
        let database = db::connect(&url).await.expect("connect");
        db::migrate(&database).await.expect("migrate");
        services::demo::load(&database).await.expect("demo data");
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
        };
        configure(&mut config);
        let state = AppState {
            leptos: app::server::state::leptos_options(&config),
            db: database.clone(),
            config: Arc::new(config),
        };
        let router = http::router(state);
        let server = tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        TestApp {
            addr,
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
        };
        let state = AppState {
            leptos: app::server::state::leptos_options(&config),
            db: database,
            config: Arc::new(config),
        };
        let router = http::router(state);
        tokio::spawn(async move {
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

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A new browser-like client with its own cookies.
    pub fn client(&self) -> Client {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Client {
            http,
            jar,
            base: self.url(""),
        }
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
        let header = self.jar.cookies(&url)?;
        let header = header.to_str().ok()?.to_owned();
        app::server::csrf::cookie_value(&header, name).map(str::to_owned)
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
