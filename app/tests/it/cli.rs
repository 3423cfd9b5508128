//! The `checkpoint` command line, run as a user would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn checkpoint(data: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_checkpoint"))
        .env("CHECKPOINT_DATA_DIR", data)
        .env_remove("DATABASE_URL")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Puts the migrated demo database (the suite's template) into data folder `data`, as
/// `checkpoint demo` would (without its generated exercises).
fn with_demo(data: &std::path::Path) {
    std::fs::copy(
        crate::helpers::sqlite_template(),
        data.join("checkpoint.db"),
    )
    .unwrap();
}

fn fixture(name: &str) -> String {
    format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn help_documents_every_command_and_option() {
    let dir = tempfile::tempdir().unwrap();
    let out = checkpoint(dir.path(), &["--help"], "");
    let text = String::from_utf8(out.stdout).unwrap();
    for word in [
        "serve",
        "migrate",
        "demo",
        "user",
        "--data-dir",
        "--database-url",
        "CHECKPOINT_DATA_DIR",
        "DATABASE_URL",
    ] {
        assert!(text.contains(word), "--help lacks {word}");
    }
    let out = checkpoint(dir.path(), &["serve", "--help"], "");
    let text = String::from_utf8(out.stdout).unwrap();
    for word in [
        "--addr",
        "CHECKPOINT_ADDR",
        "127.0.0.1:3000",
        "--secure-cookies",
        "--session-minutes",
        "--trust-proxy",
    ] {
        assert!(text.contains(word), "serve --help lacks {word}");
    }
}

#[test]
fn demo_and_user_commands_work_on_a_fresh_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = checkpoint(dir.path(), &["demo", "--print-logins"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("checkpoint.db").exists());
    assert!(String::from_utf8_lossy(&out.stdout).contains("admin-demo-2026"));
    // Idempotent.
    assert!(checkpoint(dir.path(), &["demo"], "").status.success());
    // The dashboards' roll-ups rebuild from the demo's learning events.
    let out = checkpoint(dir.path(), &["progress", "rebuild"], "");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("rebuilt the progress roll-ups from ") && !text.contains(" from 0 "),
        "{text}"
    );

    let out = checkpoint(
        dir.path(),
        &[
            "user",
            "add",
            "--login",
            "f.kone",
            "--name",
            "Fatou Koné",
            "--roles",
            "trainer,admin",
            "--agency",
            "1",
        ],
        "a-chosen-password\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("password:"),
        "a typed password is never echoed"
    );
    let out = checkpoint(
        dir.path(),
        &["user", "add", "--login", "F.Kone", "--name", "Again"],
        "another-password\n",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already used"));
    let out = checkpoint(
        dir.path(),
        &[
            "user", "add", "--login", "x", "--name", "Bad", "--roles", "pilot",
        ],
        "",
    );
    assert!(!out.status.success());
    // No password given: one is generated and printed once.
    let out = checkpoint(
        dir.path(),
        &["user", "add", "--login", "g.new", "--name", "Generated"],
        "",
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("password: "));

    let out = checkpoint(dir.path(), &["user", "import", &fixture("people.csv")], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("login,display_name,temporary_password\n"));
    assert!(stdout.contains("k.mensah,\"Mensah, Kofi\","));

    let out = checkpoint(
        dir.path(),
        &["user", "import", &fixture("people-invalid.csv")],
        "",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("nothing imported"));
    assert!(
        stderr.contains("line 4 [login]: This login appears more than once in the file."),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 4 [agency]: Unknown agency."),
        "{stderr}"
    );
}

#[test]
fn course_packs_import_and_export_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let pack = format!(
        "{}/../content/packs/document-examination",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = checkpoint(dir.path(), &["import", &pack, "--publish"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "imported course `document-examination` (10 lessons)\n"
    );
    let out = checkpoint(dir.path(), &["import", &pack], "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "updated course `document-examination` (10 lessons)\n"
    );

    let exported = dir.path().join("export");
    let out = checkpoint(
        dir.path(),
        &["export", "document-examination", exported.to_str().unwrap()],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        content::pack::load_dir(&exported).unwrap(),
        content::pack::load_dir(std::path::Path::new(&pack)).unwrap()
    );

    let out = checkpoint(
        dir.path(),
        &["export", "no-such-course", exported.to_str().unwrap()],
        "",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no course `no-such-course`"));

    // A broken pack is refused with the file and line.
    let broken = dir.path().join("broken");
    content::pack::write_dir(
        &content::pack::load_dir(std::path::Path::new(&pack)).unwrap(),
        &broken,
    )
    .unwrap();
    let lesson = broken.join("01-documents-and-the-mrz/01-travel-documents-and-icao-formats.md");
    std::fs::write(
        &lesson,
        "+++\ntitle = \"Broken\"\nduration = \"long\"\n+++\n",
    )
    .unwrap();
    let out = checkpoint(dir.path(), &["import", broken.to_str().unwrap()], "");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("01-travel-documents-and-icao-formats.md:3:"),
        "{stderr}"
    );
}

#[test]
fn question_files_import_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let pack = format!(
        "{}/../content/packs/document-examination",
        env!("CARGO_MANIFEST_DIR")
    );
    assert!(
        checkpoint(dir.path(), &["import", &pack], "")
            .status
            .success()
    );
    let questions = |file: &str, extra: &[&str]| {
        let path = fixture(&format!("questions/{file}"));
        let mut args = vec![
            "questions",
            "import",
            path.as_str(),
            "--course",
            "document-examination",
        ];
        args.extend_from_slice(extra);
        checkpoint(dir.path(), &args, "")
    };

    // Refused questions: nothing imported, each one listed with its line and reason.
    let out = questions("bad.gift", &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(stdout.starts_with("imported 0 question(s)"), "{stdout}");
    assert!(
        stdout.contains("unsupported question type 'essay'"),
        "{stdout}"
    );
    assert!(stdout.contains("line "), "{stdout}");
    assert!(stdout.contains("nothing was imported"), "{stdout}");

    // The valid ones when asked.
    let out = questions("bad.gift", &["--valid-only"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.starts_with("imported 1 question(s)"), "{stdout}");

    // A malformed file, and an unknown course.
    let out = questions("malformed.xml", &["--valid-only"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("line "));
    let path = fixture("questions/sample.gift");
    let out = checkpoint(
        dir.path(),
        &["questions", "import", &path, "--course", "no-such-course"],
        "",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no course `no-such-course`"));

    // A good file, by course id.
    let out = checkpoint(
        dir.path(),
        &["questions", "import", &path, "--course", "1"],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.starts_with("imported "), "{stdout}");
}

#[test]
fn framework_files_are_checked_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = format!(
        "{}/../content/frameworks/bmm-2026.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = checkpoint(dir.path(), &["framework", "check", &shipped], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["components"], 4);
    assert_eq!(summary["elements"], 25);
    assert!(summary["indicators"].as_u64().unwrap() >= 50);
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "no database is needed"
    );

    for (file, says) in [
        (
            "duplicate-ids.toml",
            ":21: id `adm-structure-mandate` is used twice",
        ),
        ("missing-levels.toml", "describes 3 levels"),
        ("bad-weight.toml", ":14:"),
    ] {
        let out = checkpoint(
            dir.path(),
            &[
                "framework",
                "check",
                &fixture(&format!("frameworks/{file}")),
            ],
            "",
        );
        assert_eq!(out.status.code(), Some(1), "{file}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{file}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn the_demo_assessment_is_listed_and_its_report_written() {
    let dir = tempfile::tempdir().unwrap();
    with_demo(dir.path());
    let out = checkpoint(dir.path(), &["assessment", "list"], "");
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success());
    let line = listed
        .lines()
        .find(|l| l.contains("Assessment of Utopia"))
        .unwrap_or_else(|| panic!("{listed}"));
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(&fields[1..3], &["UTO", "final"]);
    let id = fields[0];

    for (format, needle) in [("md", "| **Administration** |"), ("html", "<svg")] {
        let out_file = dir.path().join(format!("report.{format}"));
        let out = checkpoint(
            dir.path(),
            &[
                "assessment",
                "report",
                id,
                "--format",
                format,
                "--out",
                out_file.to_str().unwrap(),
            ],
            "",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&out_file).unwrap();
        assert!(text.contains(needle), "{format}");
        assert!(text.contains("1.97"), "{format}: the overall score");
        assert!(text.contains("Road map") || text.contains("Road map".to_lowercase().as_str()));
    }
    let pdf_file = dir.path().join("report.pdf");
    let out = checkpoint(
        dir.path(),
        &[
            "assessment",
            "report",
            id,
            "--format",
            "pdf",
            "--out",
            pdf_file.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(&pdf_file).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    let pages: usize = text
        .split("/Type /Pages /Kids [")
        .nth(1)
        .and_then(|rest| rest.split("/Count ").nth(1))
        .and_then(|n| n.split_whitespace().next())
        .and_then(|n| n.trim_end_matches(">>").parse().ok())
        .unwrap();
    assert!(pages >= 10, "a full report: {pages} pages");
    let out = checkpoint(
        dir.path(),
        &["assessment", "report", "9999", "--out", "/dev/null"],
        "",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no assessment 9999"));
}

#[test]
fn needs_analysis_campaigns_are_listed_and_their_gap_analysis_written() {
    let dir = tempfile::tempdir().unwrap();
    with_demo(dir.path());
    let out = checkpoint(dir.path(), &["tna", "list"], "");
    assert!(out.status.success());
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = listed
        .lines()
        .find(|l| l.contains("Utopia front-line training needs"))
        .unwrap_or_else(|| panic!("{listed}"));
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(fields[1], "closed");
    assert!(fields[2].parse::<usize>().unwrap() >= 20, "{line}");
    let id = fields[0];

    let csv_file = dir.path().join("gaps.csv");
    let args = |format: &'static str, file: &std::path::Path| -> Vec<String> {
        ["tna", "report", id, "--format", format, "--out"]
            .iter()
            .map(|s| (*s).to_owned())
            .chain([file.to_str().unwrap().to_owned()])
            .collect()
    };
    let a = args("csv", &csv_file);
    let out = checkpoint(
        dir.path(),
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&csv_file).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "competency_id,competency,agency,position,respondents,required_level,assessed_level,gap,need_index,spread,confidence_95,withheld"
    );
    let rows: Vec<&str> = lines.collect();
    // 32 competencies × 4 positions (two per agency).
    assert_eq!(rows.len(), 32 * 4, "{text}");
    assert!(
        rows.iter()
            .any(|r| r.contains("Utopia Border Police,Border guard,10,3,"))
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(",Post commander,3,,,,,,,yes")),
        "small groups withheld"
    );

    let xlsx_file = dir.path().join("gaps.xlsx");
    let a = args("xlsx", &xlsx_file);
    let out = checkpoint(
        dir.path(),
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
        "",
    );
    assert!(out.status.success());
    let bytes = std::fs::read(&xlsx_file).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));

    let out = checkpoint(
        dir.path(),
        &["tna", "report", "999", "--out", csv_file.to_str().unwrap()],
        "",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no campaign 999"));
}

#[test]
fn mrz_lines_are_checked_from_arguments_or_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let json = |out: &Output| -> serde_json::Value {
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
    };
    // The Doc 9303 TD3 specimen, as arguments: valid, exit 0.
    let out = checkpoint(
        dir.path(),
        &[
            "mrz",
            "check",
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["valid"], true);
    assert_eq!(v["format"], "TD3");
    assert_eq!(v["fields"]["surname"], "ERIKSSON");
    assert_eq!(v["fields"]["date_of_birth"], "1974-08-12");
    assert_eq!(v["errors"], serde_json::json!([]));
    // The TD1 specimen with an altered composite check digit, on standard input: exit 1.
    let out = checkpoint(
        dir.path(),
        &["mrz", "check"],
        "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<7\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["format"], "TD1");
    assert_eq!(v["errors"][0]["field"], "composite_check_digit");
    // Lines of the wrong length, bad characters, mixed formats, nothing: exit 2.
    for input in [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<1\n",
        "P<UTOEriksson<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6\n",
        "",
    ] {
        let out = checkpoint(dir.path(), &["mrz", "check"], input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        let v = json(&out);
        assert_eq!(v["valid"], false);
        assert!(v["format"].is_null());
        assert!(!v["errors"].as_array().unwrap().is_empty());
    }
}

#[test]
fn backups_are_written_once_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    with_demo(dir.path());
    let file = dir.path().join("copy.db");
    let out = checkpoint(dir.path(), &["backup", file.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("wrote"));
    assert!(
        std::fs::read(&file)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    // The copy is a working data folder's database.
    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(&file, restored.path().join("checkpoint.db")).unwrap();
    let out = checkpoint(restored.path(), &["tna", "list"], "");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Utopia front-line training needs"));
    // Never over an existing file.
    let out = checkpoint(dir.path(), &["backup", file.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
}

#[test]
fn specimens_are_generated_with_answer_keys_and_the_same_seed_gives_the_same_files() {
    let data = tempfile::tempdir().unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for out in [a.path(), b.path()] {
        let dir = out.to_str().unwrap();
        let res = checkpoint(
            data.path(),
            &[
                "specimens",
                "generate",
                "--count",
                "3",
                "--seed",
                "77",
                "--out",
                dir,
            ],
            "",
        );
        assert!(
            res.status.success(),
            "{}",
            String::from_utf8_lossy(&res.stderr)
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 12, "{names:?}");
    for name in &names {
        let (x, y) = (
            std::fs::read(a.path().join(name)).unwrap(),
            std::fs::read(b.path().join(name)).unwrap(),
        );
        assert!(x == y, "{name} differs between two runs with the same seed");
    }
    // Each key names its images and its regions lie inside the page; its MRZ reads as the
    // engine says (valid unless a check digit was broken on purpose).
    for i in 1..=3 {
        let key: serde_json::Value = serde_json::from_slice(
            &std::fs::read(a.path().join(format!("specimen-000{i}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(key["files"].as_array().unwrap().len(), 3);
        let lines: Vec<&str> = key["mrz"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        let read = assessments::mrz::check(&lines, 2026).expect("an MRZ");
        let broken = key["defects"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == "wrong_check_digit");
        assert_eq!(read.valid(), !broken, "{lines:?}");
        let img = image::open(a.path().join(key["files"][0].as_str().unwrap())).unwrap();
        for r in key["regions"].as_array().unwrap() {
            let right = r["rect"]["x"].as_f64().unwrap() + r["rect"]["w"].as_f64().unwrap();
            assert!(right <= f64::from(img.width()));
        }
    }
    // Chosen defects, and bad arguments refused with a message.
    let res = checkpoint(
        data.path(),
        &[
            "specimens",
            "generate",
            "--count",
            "1",
            "--defects",
            "missing_uv,wrong_font",
            "--out",
            a.path().to_str().unwrap(),
        ],
        "",
    );
    assert!(res.status.success());
    let key = std::fs::read_to_string(a.path().join("specimen-0001.json")).unwrap();
    assert!(key.contains("missing_uv") && key.contains("wrong_font"));
    for bad in [
        vec!["--defects", "smudge"],
        vec!["--layout", "td2"],
        vec!["--count", "0"],
    ] {
        let mut args = vec!["specimens", "generate", "--out", a.path().to_str().unwrap()];
        args.extend(bad.iter().copied());
        let res = checkpoint(data.path(), &args, "");
        assert!(!res.status.success(), "{bad:?}");
        assert!(String::from_utf8_lossy(&res.stderr).contains("error:"));
    }
}

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
