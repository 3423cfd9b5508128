//! The server as a process: request logging, and the release binary alone in an empty folder.

use super::*;

/// A `checkpoint serve` process, stopped when dropped.
struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

/// Runs `command serve` on a free loopback port, its log to `log`; returns once it answers.
async fn serve(mut command: Command, log: Stdio) -> (Served, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let served = Served(
        command
            .args(["serve", "--addr", &addr])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap(),
    );
    let http = reqwest::Client::new();
    for _ in 0..600 {
        if http
            .get(format!("http://{addr}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return (served, addr);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("checkpoint serve never answered on {addr}");
}

/// Every request is logged with its id, route pattern, status and the signed-in person; the
/// id goes back on the response (a proxy's plain id is kept, anything else replaced); query
/// strings and form fields, which may hold passwords and tokens, never reach the log.
#[tokio::test]
async fn every_request_is_logged_with_its_id_route_and_person_and_never_its_secrets() {
    use crate::helpers::Client;
    use reqwest::StatusCode;

    let dir = tempfile::tempdir().unwrap();
    with_demo(dir.path());
    let log_path = dir.path().join("serve.log");
    let mut command = Command::new(env!("CARGO_BIN_EXE_checkpoint"));
    command
        .env("CHECKPOINT_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .env("CHECKPOINT_LOG", "info")
        .env("NO_COLOR", "1");
    let log = std::fs::File::create(&log_path).unwrap();
    let (served, addr) = serve(command, Stdio::from(log)).await;
    let trainee = Client::of(&format!("http://{addr}"));
    let res = trainee.login("trainee", "trainee-demo-2026").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = res
        .headers()
        .get("x-request-id")
        .expect("a request id on every response")
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 16, "{id}");

    let res = trainee
        .http
        .get(format!(
            "http://{addr}/courses/document-examination/lessons/1?token=query-secret"
        ))
        .header("x-request-id", "proxy-7f3a.1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["x-request-id"], "proxy-7f3a.1");
    let res = trainee
        .http
        .get(format!("http://{addr}/"))
        .header("x-request-id", "forged\" person=1")
        .send()
        .await
        .unwrap();
    let replaced = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(replaced.len() == 16 && !replaced.contains("forged"));

    // The log is written as requests finish; give the last line a moment, then stop.
    let mut text = String::new();
    for _ in 0..50 {
        text = std::fs::read_to_string(&log_path).unwrap();
        if text.contains(&replaced) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    drop(served);
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no log line with {needle}:\n{text}"))
            .to_owned()
    };
    let login = line(&format!("id={id}"));
    assert!(
        login.contains("route=/api/login") && login.contains("status=303"),
        "{login}"
    );
    let lesson = line("id=proxy-7f3a.1");
    assert!(
        lesson.contains("route=/courses/{slug}/lessons/{id}"),
        "{lesson}"
    );
    assert!(
        lesson.contains("person=") && lesson.contains("status=200"),
        "{lesson}"
    );
    assert!(!text.contains("forged"), "{text}");
    for secret in ["query-secret", "trainee-demo-2026", "csrf"] {
        assert!(!text.contains(secret), "the log holds {secret}:\n{text}");
    }
}

/// The binary copied alone into an empty folder, run there with no environment (nothing
/// points back at the source tree), migrates, loads the demo and serves the whole app: the
/// browser bundle, a lesson, and a generated exercise with its images.
#[tokio::test]
async fn the_binary_copied_alone_to_an_empty_folder_serves_the_whole_app() {
    use crate::helpers::Client;
    use reqwest::StatusCode;

    let place = tempfile::tempdir().unwrap();
    let bin = place.path().join("checkpoint");
    std::fs::copy(env!("CARGO_BIN_EXE_checkpoint"), &bin).unwrap();
    let command = |args: &[&str]| {
        let mut c = Command::new(&bin);
        c.current_dir(place.path())
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .args(args);
        c
    };
    for args in [&["migrate"][..], &["demo"]] {
        let out = command(args).output().unwrap();
        assert!(
            out.status.success(),
            "checkpoint {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (_served, addr) = serve(command(&[]), Stdio::null()).await;
    let anon = Client::of(&format!("http://{addr}"));

    let login = anon.page("/login", StatusCode::OK).await;
    assert!(login.contains("/pkg/checkpoint.css"), "{login}");
    for (asset, starts) in [
        ("/pkg/checkpoint.wasm", &b"\0asm"[..]),
        ("/pkg/checkpoint.js", b""),
        ("/pkg/checkpoint.css", b""),
    ] {
        let res = anon.get(asset).await;
        assert_eq!(res.status(), StatusCode::OK, "{asset}");
        let body = res.bytes().await.unwrap();
        assert!(body.len() > 100 && body.starts_with(starts), "{asset}");
    }

    let trainee = Client::of(&format!("http://{addr}"));
    let res = trainee.login("trainee", "trainee-demo-2026").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let lesson = trainee
        .page("/courses/document-examination/lessons/1", StatusCode::OK)
        .await;
    assert!(lesson.contains("<h1"), "{lesson}");
    let outline = trainee
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    let exercise = outline
        .split("href=\"/exercises/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no exercise on the course page: {outline}"))
        .to_owned();
    let page = trainee
        .page(&format!("/exercises/{exercise}"), StatusCode::OK)
        .await;
    let image = page
        .split("src=\"/media/exercises/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no image on the exercise page: {page}"))
        .to_owned();
    let res = trainee.get(&format!("/media/exercises/{image}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().len() > 1000);
}
