//! The commands that load and check data: help, demo and users, course packs, question files
//! and frameworks.

use super::*;

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
    assert!(
        stdout.contains("use --valid-only to import the 1 valid question(s)"),
        "the hint, where it helps: {stdout}"
    );
    // A file whose every question is refused: the hint would not help, so it is not given.
    let all_bad = dir.path().join("all-bad.gift");
    std::fs::write(&all_bad, "::Essay::Describe the data page. {}\n").unwrap();
    let out = checkpoint(
        dir.path(),
        &[
            "questions",
            "import",
            all_bad.to_str().unwrap(),
            "--course",
            "document-examination",
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("nothing was imported"), "{stdout}");
    assert!(!stdout.contains("--valid-only"), "{stdout}");

    // The valid ones when asked.
    let out = questions("bad.gift", &["--valid-only"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.starts_with("imported 1 question(s)"), "{stdout}");

    // A malformed file, and an unknown course.
    let out = questions("malformed.xml", &["--valid-only"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("line "));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("use --valid-only"));
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
    assert_eq!(summary["elements"], 26);
    assert_eq!(summary["indicators"], 80);
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
