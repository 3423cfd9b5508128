//! Browser tests: real Chromium (headless) through chromedriver, against the app served on
//! loopback, for the flows a person does.

use crate::helpers::TestApp;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod access;
mod assessments;
mod axe;
mod desk;
mod exercises;
mod languages;
mod learn;
mod people;
mod phone;
mod pilot;
mod progress;
mod quizzes;
mod screens;
mod tna;

/// A chromedriver process and one browser session, both ended on drop (even when a test
/// fails), so no Chromium is left running.
struct Browser {
    driver: Child,
    http: reqwest::Client,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long an element or a condition is waited for before the test fails: generous, because
/// the suite runs beside other tests on two cores, where a debug build renders a PDF or grades
/// an attempt many times slower than on an idle machine. A passing test never waits this long.
const PATIENCE: Duration = Duration::from_secs(45);

impl Browser {
    async fn start() -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_bin} (install chromium-driver; `make test` does): {e}")
            });
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(r) = http.get(format!("{base}/status")).send().await
                && r.status().is_success()
            {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1024,768",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let mut browser = Browser {
            driver,
            http,
            base,
            session: String::new(),
            _profile: profile,
        };
        let res = browser.send("POST", "/session", caps).await;
        browser.session = res["sessionId"]
            .as_str()
            .expect("a WebDriver session")
            .to_owned();
        browser
    }

    async fn send(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let req = match method {
            "GET" => self.http.get(url),
            "DELETE" => self.http.delete(url),
            _ => self.http.post(url).json(&body),
        };
        let res: Value = req.send().await.unwrap().json().await.unwrap();
        res["value"].clone()
    }

    async fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.send(method, &path, body).await
    }

    async fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url })).await;
    }

    async fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let v = self
                .cmd(
                    "POST",
                    "/element",
                    json!({"using": "css selector", "value": css}),
                )
                .await;
            if let Some(id) = v[ELEMENT].as_str() {
                return id.to_owned();
            }
            if Instant::now() >= deadline {
                let at = self.url().await;
                panic!("no element matches {css} on {at}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn exists(&self, css: &str) -> bool {
        let v = self
            .cmd(
                "POST",
                "/elements",
                json!({"using": "css selector", "value": css}),
            )
            .await;
        v.as_array().is_some_and(|a| !a.is_empty())
    }

    async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.cmd("POST", &format!("/element/{id}/clear"), json!({}))
            .await;
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        )
        .await;
    }

    /// Sends `keys` to the element (WebDriver codes for special keys: `\u{E007}` Enter,
    /// `\u{E014}` right arrow, `\u{E008}` Shift, held until `\u{E000}`), without clearing it.
    async fn keys(&self, css: &str, keys: &str) {
        let id = self.find(css).await;
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": keys }),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.cmd("POST", &format!("/element/{id}/click"), json!({}))
            .await;
    }

    async fn text(&self, css: &str) -> String {
        let id = self.find(css).await;
        self.cmd("GET", &format!("/element/{id}/text"), json!({}))
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value=\"{value}\"]"))
            .await;
    }

    async fn url(&self) -> String {
        self.cmd("GET", "/url", json!({}))
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn script(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
        .await
    }

    /// Waits until `script` (a JS expression) is true.
    async fn wait_for(&self, what: &str, script: &str) {
        let deadline = Instant::now() + PATIENCE;
        while self.script(&format!("return !!({script});")).await != json!(true) {
            if Instant::now() >= deadline {
                let at = self.url().await;
                let log = self
                    .cmd("POST", "/se/log", json!({"type": "browser"}))
                    .await;
                panic!("timed out waiting for {what} on {at}; browser console: {log}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the first element matching `css` contains `text` (navigation after a click
    /// finishes asynchronously).
    async fn wait_text(&self, css: &str, text: &str) {
        let script = format!(
            "document.querySelector({css:?}) !== null && document.querySelector({css:?}).textContent.includes({text:?})"
        );
        self.wait_for(&format!("{css} to contain {text}"), &script)
            .await;
    }

    /// The client rectangle of the first element matching `css`, once it (or the scrolling
    /// viewport it is drawn in) is scrolled into view: left, top, width, height.
    async fn rect(&self, css: &str) -> (f64, f64, f64, f64) {
        let r = self
            .script(&format!(
                "const e = document.querySelector({css:?}); (e.closest('.viewport') || e).scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];"
            ))
            .await;
        let n = |i: usize| r[i].as_f64().unwrap_or_default();
        (n(0), n(1), n(2), n(3))
    }

    /// Presses the mouse at fraction `from` of element `css`, moves to fraction `to` and
    /// releases (a click when they are equal), as a person would.
    async fn drag(&self, css: &str, from: (f64, f64), to: (f64, f64)) {
        let (l, t, w, h) = self.rect(css).await;
        let at = |(fx, fy): (f64, f64)| ((l + fx * w).round() as i64, (t + fy * h).round() as i64);
        let (a, b) = (at(from), at(to));
        self.cmd(
            "POST",
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                "actions": [
                    {"type": "pointerMove", "duration": 0, "x": a.0, "y": a.1, "origin": "viewport"},
                    {"type": "pointerDown", "button": 0},
                    {"type": "pointerMove", "duration": 150, "x": b.0, "y": b.1, "origin": "viewport"},
                    {"type": "pointerUp", "button": 0}
                ]}]}),
        )
        .await;
        self.cmd("DELETE", "/actions", json!({})).await;
    }

    /// Lays pages out in a window of `width` × `height` CSS pixels (a phone when `mobile`).
    async fn viewport(&self, width: u32, height: u32, mobile: bool) {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            json!({ "cmd": "Emulation.setDeviceMetricsOverride",
                    "params": { "width": width, "height": height,
                                "deviceScaleFactor": 1, "mobile": mobile } }),
        )
        .await;
    }

    /// The browser console's errors since the last call (the log is drained as it is read).
    async fn console_errors(&self) -> Vec<String> {
        let log = self
            .cmd("POST", "/se/log", json!({"type": "browser"}))
            .await;
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    async fn sign_in(&self, app: &TestApp, login: &str, password: &str) {
        self.goto(&app.url("/login")).await;
        self.type_into("#login", login).await;
        self.type_into("#password", password).await;
        self.click("#sign-in").await;
    }

    async fn sign_out(&self) {
        self.click("#sign-out").await;
        self.find("#sign-in").await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let url = format!("{}/session/{}", self.base, self.session);
        // Best effort: close the session (quits Chromium), then stop the driver.
        crate::helpers::block_on_detached(async move {
            let _ = reqwest::Client::new().delete(url).send().await;
        });
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
