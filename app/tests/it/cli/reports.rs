//! The commands that write reports and files: the capacity report, a campaign's gap analysis,
//! MRZ checks, backups and specimens.

use super::*;

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
    // In another language, and refused in one Checkpoint does not speak.
    let md_file = dir.path().join("rapport.md");
    let args = |lang: &'static str| {
        vec![
            "assessment".to_owned(),
            "report".into(),
            id.to_owned(),
            "--format".into(),
            "md".into(),
            "--lang".into(),
            lang.into(),
            "--out".into(),
            md_file.to_str().unwrap().to_owned(),
        ]
    };
    let run = |lang| {
        let a = args(lang);
        checkpoint(
            dir.path(),
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
            "",
        )
    };
    let out = run("fr");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&md_file).unwrap();
    assert!(
        text.contains("## Feuille de route") || text.contains("Résumé analytique"),
        "{text}"
    );
    let out = run("de");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lang de"));
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
        "competency_id,competency,agency,position,respondents,not_my_job,required_level,assessed_level,gap,need_index,spread,confidence_95,withheld,small_group"
    );
    let rows: Vec<&str> = lines.collect();
    // 32 competencies × 4 positions (two per agency).
    assert_eq!(rows.len(), 32 * 4, "{text}");
    // Ten guards' own answers and five supervisors' answers about them.
    assert!(
        rows.iter()
            .any(|r| r.contains("Utopia Border Police,Border guard,15,0,3,"))
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(",Post commander,3,0,,,,,,,yes,no")),
        "small groups withheld in an anonymous campaign"
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

/// The JSON a command printed.
fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn mrz_lines_are_checked_from_arguments_or_standard_input() {
    let dir = tempfile::tempdir().unwrap();
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
fn two_names_are_matched_with_the_score_explained() {
    let dir = tempfile::tempdir().unwrap();
    // A transcription of an Arabic name against the name in Arabic script, the day and month of
    // birth swapped.
    let out = checkpoint(
        dir.path(),
        &[
            "names",
            "match",
            "KHALED AL SHARIF",
            "خالد الشريف",
            "--dob",
            "1983-08-07",
            "--dob-b",
            "1983-07-08",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["hit"], true, "{v}");
    assert_eq!(v["candidate_form"], "XKHALD ALXSHRYF");
    assert_eq!(v["date"], "day_month_swapped");
    let features = v["features"].as_array().unwrap();
    let spelling = features
        .iter()
        .find(|f| f["kind"] == "name_spelling")
        .unwrap();
    // Letters of the Arabic scheme and of a transcription are not compared one by one.
    assert_eq!(spelling["compared"], false);
    let sound = features.iter().find(|f| f["kind"] == "name_sound").unwrap();
    assert_eq!(
        (sound["compared"].as_bool(), sound["value"].as_f64()),
        (Some(true), Some(1.0))
    );
    assert_eq!(v["threshold"], 0.75);
    // A stranger: a low score, still explained.
    let out = checkpoint(
        dir.path(),
        &["names", "match", "ANNA ERIKSSON", "PIOTR NOVAK"],
        "",
    );
    let v = json(&out);
    assert_eq!(v["hit"], false);
    assert!(v["score"].as_f64().unwrap() < 0.3);
    // Bad input: exit 2 with the reason and the argument, nothing else.
    for (args, argument) in [
        (vec!["names", "match", "", "ANNA"], "name_a"),
        (vec!["names", "match", "ANNA", "A\u{202E}NNA"], "name_b"),
        (
            vec!["names", "match", "ANNA", "ANNA", "--dob", "1990-02-30"],
            "dob",
        ),
        (
            vec!["names", "match", "ANNA", "ANNA", "--sex-b", "female"],
            "sex_b",
        ),
    ] {
        let out = checkpoint(dir.path(), &args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let v = json(&out);
        assert_eq!(v["argument"], argument, "{v}");
        assert!(v["error"].as_str().unwrap().len() > 10);
    }
    let long = "A".repeat(10_000);
    let out = checkpoint(dir.path(), &["names", "match", &long, "ANNA"], "");
    assert_eq!(
        json(&out)["error"],
        "the name is longer than 200 characters"
    );
}

#[test]
fn a_desk_shift_is_generated_with_its_key_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &str| {
        checkpoint(
            dir.path(),
            &[
                "desk",
                "generate",
                "--travellers",
                "6",
                "--seed",
                "5",
                "--rate",
                "0.5",
                "--list-size",
                "300",
                "--today",
                "2026-12-06",
                "--out",
                out,
            ],
            "",
        )
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(run(a.to_str().unwrap()).status.success());
    assert!(run(b.to_str().unwrap()).status.success());
    let key: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.join("key.json")).unwrap()).unwrap();
    let travellers = key["travellers"].as_array().unwrap();
    assert_eq!(travellers.len(), 6);
    for t in travellers {
        assert!(
            t["key"]["kind"].is_string() && t["must_stop"].is_boolean(),
            "{t}"
        );
        assert_eq!(
            t["mrz"].as_array().unwrap().len(),
            if t["layout"] == "td1" { 3 } else { 2 }
        );
        for file in t["files"].as_array().unwrap() {
            let name = file.as_str().unwrap();
            let bytes = std::fs::read(a.join(name)).unwrap();
            assert_eq!(&bytes[1..4], b"PNG", "{name}");
            // The same seed gives the same files.
            assert_eq!(bytes, std::fs::read(b.join(name)).unwrap(), "{name}");
        }
    }
    let list = std::fs::read_to_string(a.join("watch-list.csv")).unwrap();
    assert!(content::desk::alerts::read_watch_csv(&list).unwrap().len() >= 300);
    assert!(
        std::fs::read_to_string(a.join("stolen-documents.csv"))
            .unwrap()
            .starts_with("number,")
    );
    // Bad arguments: a message, nothing written.
    for (flag, value) in [
        ("--travellers", "0"),
        ("--rate", "often"),
        ("--today", "tomorrow"),
        ("--list-size", "100001"),
    ] {
        let out_dir = dir.path().join(format!("bad{flag}"));
        let mut args = vec!["desk", "generate", "--out", out_dir.to_str().unwrap()];
        args.extend([flag, value]);
        let out = checkpoint(dir.path(), &args, "");
        assert!(!out.status.success(), "{flag} {value}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).trim().is_empty(),
            "{flag}"
        );
        assert!(!out_dir.exists(), "{flag}");
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
    // A residence permit and a visa foil, with the defects those documents can have.
    for (layout, start) in [("td2", "IRUTO"), ("mrv_a", "V<UTO")] {
        let out = tempfile::tempdir().unwrap();
        let res = checkpoint(
            data.path(),
            &[
                "specimens",
                "generate",
                "--count",
                "1",
                "--layout",
                layout,
                "--defects",
                "laminate_lifting,missing_ovd,page_substitution",
                "--out",
                out.path().to_str().unwrap(),
            ],
            "",
        );
        assert!(res.status.success(), "{layout}");
        let key: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join("specimen-0001.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(key["layout"], layout);
        assert!(key["mrz"][0].as_str().unwrap().starts_with(start), "{key}");
        // A permit or visa has no pages to substitute: only the other two are drawn.
        assert_eq!(
            key["defects"],
            serde_json::json!(["laminate_lifting", "missing_ovd"])
        );
    }
    for bad in [
        vec!["--defects", "smudge"],
        vec!["--layout", "td4"],
        vec!["--count", "0"],
    ] {
        let mut args = vec!["specimens", "generate", "--out", a.path().to_str().unwrap()];
        args.extend(bad.iter().copied());
        let res = checkpoint(data.path(), &args, "");
        assert!(!res.status.success(), "{bad:?}");
        assert!(String::from_utf8_lossy(&res.stderr).contains("error:"));
    }
}

/// `checkpoint content check`: the shipped packs pass; a pack whose post-test draws from the
/// practice pool, with a wrong MRZ and no trainer materials, is refused line by line.
#[test]
fn content_check_passes_the_shipped_packs_and_names_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let out = checkpoint(dir.path(), &["content", "check"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("content/packs/interviewing: passes"),
        "{stdout}"
    );

    let pack = dir.path().join("pack");
    std::fs::create_dir_all(pack.join("01-m")).unwrap();
    std::fs::write(
        pack.join("course.toml"),
        "id = \"t\"\ntitle = \"T\"\nsummary = \"S\"\nlanguage = \"en\"\nkind = \"thematic\"\naudience = \"A\"\nestimated_hours = 1\nversion = \"1\"\n",
    )
    .unwrap();
    std::fs::write(pack.join("01-m/module.toml"), "title = \"M\"\n").unwrap();
    std::fs::write(
        pack.join("01-m/01-l.md"),
        "+++\ntitle = \"L\"\nduration = 10\n+++\n\n```\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408123F1204159ZE184226B<<<<<10\n```\n",
    )
    .unwrap();
    std::fs::write(
        pack.join("questions.gift"),
        "$CATEGORY: M\n\n// [competency:doc-mrz-verification]\n::P1::Practice?{T}\n",
    )
    .unwrap();
    std::fs::write(
        pack.join("quizzes.toml"),
        "[[quiz]]\nid = \"post\"\ntitle = \"Post\"\nrole = \"post_test\"\npass_mark = 70\nshow_answers = \"never\"\n[[quiz.draw]]\ncategory = \"M\"\ncount = 1\n",
    )
    .unwrap();
    let path = pack.to_string_lossy().into_owned();
    let out = checkpoint(dir.path(), &["content", "check", &path], "");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "date_of_birth_check_digit",
        "draws category `M` from the practice pool",
        "asks 1 questions",
        "trainer/agenda.md: missing",
        "trainer/01-m/01-l.md: missing",
    ] {
        assert!(stdout.contains(expected), "{expected}: {stdout}");
    }
    // A pack that cannot be read at all: exit 2, the reason on standard error.
    std::fs::remove_file(pack.join("course.toml")).unwrap();
    let out = checkpoint(dir.path(), &["content", "check", &path], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("course.toml"));
}
