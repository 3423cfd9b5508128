use super::*;

fn shipped_packs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("packs")
}

#[test]
fn the_embedded_packs_are_the_shipped_folders() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(shipped_packs_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    let from_folders: Vec<CoursePack> = dirs.iter().map(|d| load_dir(d).unwrap()).collect();
    let embedded = shipped().unwrap();
    assert!(embedded.len() >= 3, "{} packs embedded", embedded.len());
    assert_eq!(embedded, from_folders);
}

#[test]
fn every_shipped_pack_loads_and_round_trips() {
    let mut lessons = 0;
    for entry in std::fs::read_dir(shipped_packs_dir()).unwrap() {
        let dir = entry.unwrap().path();
        let pack = load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
        lessons += pack.modules.iter().map(|m| m.lessons.len()).sum::<usize>();
        for lesson in pack.modules.iter().flat_map(|m| &m.lessons) {
            let words = lesson.body.split_whitespace().count();
            assert!(words >= 400, "{}: only {words} words", lesson.meta.title);
            assert!(!lesson.meta.objectives.is_empty(), "{}", lesson.meta.title);
        }
        let out = tempfile::tempdir().unwrap();
        write_dir(&pack, out.path()).unwrap();
        assert_eq!(
            load_dir(out.path()).unwrap(),
            pack,
            "round trip of {}",
            dir.display()
        );
    }
    assert!(lessons >= 25, "{lessons} lessons shipped");
}

fn pack_with_lesson(lesson: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("course.toml"),
        "id = \"t\"\ntitle = \"T\"\nsummary = \"S\"\nlanguage = \"en\"\nkind = \"thematic\"\naudience = \"A\"\nestimated_hours = 1\nversion = \"1\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("01-m")).unwrap();
    std::fs::write(dir.path().join("01-m/module.toml"), "title = \"M\"\n").unwrap();
    std::fs::write(dir.path().join("01-m/01-l.md"), lesson).unwrap();
    dir
}

#[test]
fn symbolic_links_and_deep_nesting_are_refused() {
    let lesson = "+++\ntitle = \"L\"\nduration = 10\nobjectives = [\"o\"]\n+++\nBody\n";
    let dir = pack_with_lesson(lesson);
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("01-m/passwd.png")).unwrap();
    let e = load_dir(dir.path()).unwrap_err();
    assert!(e.file.ends_with("01-m/passwd.png"), "{e}");
    assert!(e.message.contains("symbolic links"), "{e}");
    // A linked lesson and a linked module folder too.
    let dir = pack_with_lesson(lesson);
    std::os::unix::fs::symlink("/etc/hostname", dir.path().join("01-m/02-x.md")).unwrap();
    assert!(
        load_dir(dir.path())
            .unwrap_err()
            .message
            .contains("symbolic links")
    );
    let dir = pack_with_lesson(lesson);
    std::os::unix::fs::symlink("/etc", dir.path().join("02-etc")).unwrap();
    assert!(
        load_dir(dir.path())
            .unwrap_err()
            .message
            .contains("symbolic links")
    );
    // Nesting over the Markdown limit.
    let deep = format!("{lesson}{}\n", "> ".repeat(1000));
    let e = load_dir(pack_with_lesson(&deep).path()).unwrap_err();
    assert!(e.message.contains("nested more than"), "{e}");
    assert!(load_dir(pack_with_lesson(lesson).path()).is_ok());
}

#[test]
fn errors_name_the_file_and_line() {
    let dir = pack_with_lesson("+++\ntitle = \"L\"\nduration = \"ten\"\n+++\nBody\n");
    let e = load_dir(dir.path()).unwrap_err();
    assert!(e.file.ends_with("01-m/01-l.md") && e.line == Some(3), "{e}");

    let dir =
        pack_with_lesson("+++\ntitle = \"L\"\nduration = 5\n+++\n\nText\n\nSee [[Nowhere]].\n");
    let e = load_dir(dir.path()).unwrap_err();
    assert_eq!(e.line, Some(8), "{e}");
    assert!(e.message.contains("Nowhere"), "{e}");

    let dir = pack_with_lesson("+++\ntitle = \"L\"\nduration = 5\n+++\n![Figure](missing.svg)\n");
    let e = load_dir(dir.path()).unwrap_err();
    assert!(
        e.message.contains("missing.svg") && e.line == Some(5),
        "{e}"
    );

    let dir = pack_with_lesson("No front matter\n");
    assert_eq!(load_dir(dir.path()).unwrap_err().line, Some(1));
}

#[test]
fn packs_load_from_zips_and_unsafe_zips_are_refused() {
    use std::io::Write;
    let src = shipped_packs_dir().join("trafficking-smuggling");
    let pack = load_dir(&src).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("pack.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    let out = tempfile::tempdir().unwrap();
    write_dir(&pack, &out.path().join("trafficking-smuggling")).unwrap();
    for entry in walk(out.path()) {
        let rel = entry
            .strip_prefix(out.path())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        zip.start_file(rel, opts).unwrap();
        zip.write_all(&std::fs::read(&entry).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    assert_eq!(load(&zip_path).unwrap(), pack);

    let evil = dir.path().join("evil.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&evil).unwrap());
    zip.start_file("../escape.txt", opts).unwrap();
    zip.write_all(b"x").unwrap();
    zip.finish().unwrap();
    let e = load(&evil).unwrap_err();
    assert!(e.message.contains("unsafe path"), "{e}");
    assert!(!dir.path().parent().unwrap().join("escape.txt").exists());

    let abs = dir.path().join("abs.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&abs).unwrap());
    zip.start_file("/etc/checkpoint-escape", opts).unwrap();
    zip.write_all(b"x").unwrap();
    zip.finish().unwrap();
    assert!(load(&abs).unwrap_err().message.contains("unsafe path"));

    std::fs::write(dir.path().join("not.zip"), b"hello").unwrap();
    assert!(
        load(&dir.path().join("not.zip"))
            .unwrap_err()
            .message
            .contains("not a readable zip")
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}

#[test]
fn duplicate_names_and_oversized_lessons_are_refused() {
    let dir = pack_with_lesson("+++\ntitle = \"L\"\nduration = 5\n+++\nBody\n");
    std::fs::write(
        dir.path().join("01-m/02-l.md"),
        "+++\ntitle = \"L2\"\nduration = 5\n+++\nBody\n",
    )
    .unwrap();
    let e = load_dir(dir.path()).unwrap_err();
    assert!(e.message.contains("also named `l`"), "{e}");

    let dir = pack_with_lesson("+++\ntitle = \"L\"\nduration = 5\n+++\nBody\n");
    std::fs::create_dir(dir.path().join("02-m")).unwrap();
    std::fs::write(dir.path().join("02-m/module.toml"), "title = \"M\"\n").unwrap();
    let e = load_dir(dir.path()).unwrap_err();
    assert!(e.message.contains("module folder is also named `m`"), "{e}");

    let big = format!(
        "+++\ntitle = \"L\"\nduration = 5\n+++\n{}",
        "word ".repeat(1_000_000)
    );
    let dir = pack_with_lesson(&big);
    let e = load_dir(dir.path()).unwrap_err();
    assert!(
        e.message.contains("the limit is 1048576 bytes (1 MB)"),
        "{e}"
    );

    let dir = tempfile::tempdir().unwrap();
    assert!(
        load_dir(dir.path())
            .unwrap_err()
            .file
            .ends_with("course.toml"),
        "missing course.toml named"
    );
}

#[test]
fn unknown_fields_are_refused() {
    let dir = pack_with_lesson("+++\ntitle = \"L\"\nduration = 5\ncolour = \"red\"\n+++\nBody\n");
    let e = load_dir(dir.path()).unwrap_err();
    assert!(e.message.contains("colour") && e.line == Some(4), "{e}");
}

#[test]
fn the_shipped_editions_translate_everything() {
    let packs = shipped().unwrap();
    let editions = |id: &str| -> Vec<String> {
        packs
            .iter()
            .find(|p| p.meta.id == id)
            .unwrap()
            .translations
            .iter()
            .map(|t| t.language.clone())
            .collect()
    };
    assert_eq!(editions("document-examination"), ["ar", "es", "fr"]);
    assert_eq!(editions("migration-essentials"), ["fr"]);
    for pack in &packs {
        for t in &pack.translations {
            let what = format!("{} in {}", pack.meta.id, t.language);
            assert!(t.course.is_some(), "{what}: course");
            for module in &pack.modules {
                assert!(
                    t.modules.contains_key(&module.slug),
                    "{what}: {}",
                    module.slug
                );
                for lesson in &module.lessons {
                    let tl = t
                        .lessons
                        .get(&(module.slug.clone(), lesson.slug.clone()))
                        .unwrap_or_else(|| panic!("{what}: {}", lesson.slug));
                    assert_eq!(
                        tl.meta.objectives.len(),
                        lesson.meta.objectives.len(),
                        "{what}: {}",
                        lesson.slug
                    );
                    // A translation is the whole lesson, not a summary of it.
                    let (src, dst) = (lesson.body.len(), tl.body.len());
                    assert!(dst * 10 >= src * 7, "{what}: {} is short", lesson.slug);
                }
            }
            assert_eq!(t.glossary.len(), pack.glossary.len(), "{what}: glossary");
            assert_eq!(t.quizzes.len(), pack.quizzes.len(), "{what}: quizzes");
            assert_eq!(t.questions.len(), pack.questions.len(), "{what}: questions");
        }
    }
}

/// A pack with one lesson, a term and a question, and a French edition of it written by
/// `edition` (file name and text pairs under `translations/`).
fn pack_with_edition(edition: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = pack_with_lesson(
        "+++\ntitle = \"L\"\nduration = 10\nobjectives = [\"o\"]\n+++\nSee [[Visa]].\n",
    );
    std::fs::write(
        dir.path().join("glossary.toml"),
        "[[term]]\nterm = \"Visa\"\ndefinition = \"An entry permit.\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("questions.gift"),
        "$CATEGORY: M\n\n::Q1::Which one?{\n=Right\n~Wrong\n}\n",
    )
    .unwrap();
    for (name, text) in edition {
        let file = dir.path().join("translations").join(name);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    dir
}

#[test]
fn an_edition_that_strays_from_its_source_is_refused() {
    let lesson = "+++\ntitle = \"Leçon\"\nobjectives = [\"o\"]\n+++\nVoir [[Visa (fr)]].\n";
    let terms = "[[term]]\nterm = \"Visa (fr)\"\ndefinition = \"Un titre.\"\nsource = \"Visa\"\n";
    let question = "$CATEGORY: M\n\n::Q1::Laquelle ?{\n=Juste\n~Fausse\n}\n";
    // The well-formed edition loads, with the source's marks on its question.
    let good = pack_with_edition(&[
        ("fr/01-m/01-l.md", lesson),
        ("fr/glossary.toml", terms),
        ("fr/questions.gift", question),
    ]);
    let pack = load_dir(good.path()).unwrap_or_else(|e| panic!("{e}"));
    let fr = &pack.translations[0];
    assert_eq!(fr.language, "fr");
    assert_eq!(fr.lessons[&("m".into(), "l".into())].meta.title, "Leçon");
    assert_eq!(
        fr.questions[0].question.marks,
        pack.questions[0].question.marks
    );

    for (edition, expected) in [
        (vec![("de/01-m/01-l.md", lesson)], "translations/de"),
        (vec![("en/01-m/01-l.md", lesson)], "course's own (en)"),
        (vec![("fr/01-m/01-x.md", lesson)], "no lesson `x`"),
        (
            vec![("fr/02-n/module.toml", "title = \"N\"\n")],
            "no module `n`",
        ),
        (
            vec![(
                "fr/01-m/01-l.md",
                "+++\ntitle = \"L\"\n+++\nVoir [[Passeport]].\n",
            )],
            "`Passeport` is in neither glossary",
        ),
        (
            vec![(
                "fr/glossary.toml",
                &terms.replace("\"Visa\"", "\"Passport\""),
            )],
            "no term `Passport`",
        ),
        (
            vec![(
                "fr/questions.gift",
                &question.replace("=Juste\n~Fausse", "~Juste\n=Fausse"),
            )],
            "answer key differs",
        ),
        (
            vec![("fr/questions.gift", &question.replace("Q1", "Q2"))],
            "no question titled `Q2`",
        ),
        (
            vec![(
                "fr/quizzes.toml",
                "[[quiz]]\nid = \"exam\"\ntitle = \"Examen\"\n",
            )],
            "no quiz `exam`",
        ),
        (
            vec![("fr/glossary.toml", &format!("{terms}\n{terms}"))],
            "`Visa` is translated twice",
        ),
    ] {
        let dir = pack_with_edition(&edition);
        let e = load_dir(dir.path()).unwrap_err();
        let shown = e.to_string();
        assert!(shown.contains(expected), "{expected}: {shown}");
        assert!(shown.contains("translations"), "names the file: {shown}");
    }
}

/// The shipped packs are what a trainer pilots: `checkpoint content check` passes on them.
#[test]
fn every_shipped_pack_passes_the_content_check() {
    let (framework, _) = crate::tna::shipped().unwrap();
    let cx = check::Context {
        competencies: framework.ids(),
    };
    let mut findings = Vec::new();
    let packs = shipped().unwrap();
    for pack in &packs {
        findings.extend(
            check::check(pack, &cx)
                .into_iter()
                .map(|f| format!("{}/{f}", pack.meta.id)),
        );
    }
    assert!(findings.is_empty(), "{}", findings.join("\n"));
    let lessons: usize = packs
        .iter()
        .map(|p| p.modules.iter().map(|m| m.lessons.len()).sum::<usize>())
        .sum();
    assert!(packs.len() >= 4, "{} courses", packs.len());
    assert!(lessons >= 31, "{lessons} lessons");
}

/// A two-pool pack: one practice question, two test questions, a post-test drawing two.
fn pack_with_pools(tests_gift: &str, quizzes: &str) -> tempfile::TempDir {
    let dir = pack_with_lesson(
        "+++\ntitle = \"L\"\nduration = 10\nobjectives = [\"o\"]\n+++\n\n## Start\n\nBody of the lesson.\n",
    );
    std::fs::write(
        dir.path().join("questions.gift"),
        "$CATEGORY: M\n\n// [competency:doc-mrz-verification]\n::P1::Practice?{T}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("tests.gift"), tests_gift).unwrap();
    std::fs::write(dir.path().join("quizzes.toml"), quizzes).unwrap();
    dir
}

const POOL_TESTS: &str = "$CATEGORY: Test: M\n\n// [competency:doc-mrz-verification]\n::T1::Test one?{T}\n\n// [competency:doc-mrz-verification]\n::T2::Test two?{F}\n";
const POST_TEST: &str = "[[quiz]]\nid = \"post\"\ntitle = \"Post\"\nrole = \"post_test\"\npass_mark = 70\nattempts = 1\nshow_answers = \"after_last\"\n[[quiz.draw]]\ncategory = \"Test: M\"\ncount = 2\n";

#[test]
fn the_test_pool_is_read_apart_and_round_trips() {
    let dir = pack_with_pools(POOL_TESTS, POST_TEST);
    let pack = load_dir(dir.path()).unwrap();
    assert_eq!(pack.questions.len(), 1);
    assert_eq!(pack.tests.len(), 2);
    assert_eq!(pack.pool_of("Test: M"), Some(Pool::Test));
    assert_eq!(pack.pool_of("M"), Some(Pool::Practice));
    let out = tempfile::tempdir().unwrap();
    write_dir(&pack, out.path()).unwrap();
    assert!(out.path().join("tests.gift").is_file());
    assert_eq!(load_dir(out.path()).unwrap(), pack);
}

#[test]
fn a_question_in_both_pools_is_refused() {
    let same_category = POOL_TESTS.replace("Test: M", "M");
    let e = load_dir(pack_with_pools(&same_category, "").path()).unwrap_err();
    assert!(
        e.message.contains("category `M` is also in questions.gift"),
        "{e}"
    );
    let same_title = POOL_TESTS.replace("::T1::", "::P1::");
    let e = load_dir(pack_with_pools(&same_title, "").path()).unwrap_err();
    assert!(e.message.contains("`P1` is also a title"), "{e}");
}

#[test]
fn the_content_check_keeps_test_items_out_of_practice() {
    let cx = check::Context {
        competencies: ["doc-mrz-verification"].into_iter().collect(),
    };
    let messages = |tests: &str, quizzes: &str| -> Vec<String> {
        let pack = load_dir(pack_with_pools(tests, quizzes).path()).unwrap();
        check::check(&pack, &cx)
            .into_iter()
            .map(|f| f.to_string())
            .collect()
    };
    let found = messages(POOL_TESTS, POST_TEST);
    let has = |found: &[String], s: &str| found.iter().any(|f| f.contains(s));
    assert!(
        has(&found, "tests.gift: the test pool holds 2 questions"),
        "{found:?}"
    );
    assert!(
        has(&found, "post-test `post` asks 2 questions"),
        "{found:?}"
    );
    assert!(!has(&found, "draws"), "{found:?}");
    // A post-test drawing from the practice pool, a practice quiz drawing a test item.
    let wrong = "[[quiz]]\nid = \"post\"\ntitle = \"Post\"\nrole = \"post_test\"\npass_mark = 70\nshow_answers = \"never\"\n[[quiz.draw]]\ncategory = \"M\"\ncount = 1\n\n[[quiz]]\nid = \"practice\"\ntitle = \"P\"\nrole = \"practice\"\npass_mark = 0\nshow_answers = \"after_submit\"\n[[quiz.draw]]\nquestions = [\"T1\"]\n";
    let found = messages(POOL_TESTS, wrong);
    assert!(
        has(
            &found,
            "quiz `post` (post_test) draws category `M` from the practice pool"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "quiz `practice` (practice) draws `T1` from the test pool"
        ),
        "{found:?}"
    );
    // The same question text in both pools; a question without a known competency.
    let copied = POOL_TESTS.replace("Test one?", "Practice?").replace(
        "[competency:doc-mrz-verification]\n::T2",
        "[competency:document-examination]\n::T2",
    );
    let found = messages(&copied, POST_TEST);
    assert!(
        has(&found, "`T1` asks what a practice question asks"),
        "{found:?}"
    );
    assert!(
        has(&found, "`T2` has no competency of the framework"),
        "{found:?}"
    );
    // No trainer materials at all.
    assert!(has(&found, "trainer/agenda.md: missing"), "{found:?}");
    assert!(has(&found, "trainer/01-m/01-l.md: missing"), "{found:?}");
}

#[test]
fn trainer_materials_are_read_checked_and_round_trip() {
    let dir = pack_with_pools(POOL_TESTS, POST_TEST);
    let t = dir.path().join("trainer");
    std::fs::create_dir_all(t.join("01-m")).unwrap();
    std::fs::write(
        t.join("agenda.md"),
        "+++\ntitle = \"Pilot\"\nstarts = \"09:00\"\n[[step]]\nminutes = 20\nactivity = \"Pre-test\"\nmethod = \"test\"\n[[step]]\nminutes = 15\nactivity = \"Coffee\"\nmethod = \"break\"\n[[step]]\nminutes = 10\nactivity = \"The lesson\"\nmethod = \"presentation\"\nlessons = [\"l\"]\n+++\nRun the day well.\n",
    )
    .unwrap();
    std::fs::write(t.join("materials.md"), "- UV torch\n").unwrap();
    std::fs::write(t.join("localisation.md"), "- National law\n").unwrap();
    std::fs::write(
        t.join("01-m/01-l.md"),
        "+++\n[[step]]\nminutes = 4\nactivity = \"Warm-up\"\nmethod = \"plenary\"\n[[step]]\nminutes = 6\nactivity = \"Pairs\"\nmethod = \"group-work\"\n+++\n## Trainer notes\n\nSay this.\n",
    )
    .unwrap();
    let pack = load_dir(dir.path()).unwrap();
    let agenda = pack.trainer.agenda.as_ref().unwrap();
    assert_eq!(agenda.times(), ["09:00", "09:20", "09:35"]);
    let notes = pack.trainer.lesson("m", "l").unwrap();
    assert_eq!(trainer::total_minutes(&notes.plan), 10);
    let out = tempfile::tempdir().unwrap();
    write_dir(&pack, out.path()).unwrap();
    assert_eq!(load_dir(out.path()).unwrap(), pack);

    let cx = check::Context {
        competencies: ["doc-mrz-verification"].into_iter().collect(),
    };
    let found: Vec<String> = check::check(&pack, &cx)
        .iter()
        .map(|f| f.to_string())
        .collect();
    assert!(
        found
            .iter()
            .any(|f| f.contains("the day has 30 contact minutes")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("the day needs a pre-test and a post-test")),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.contains("session plan")),
        "{found:?}"
    );

    // A plan that does not add up to the lesson's duration; a file for no lesson.
    std::fs::write(
        t.join("01-m/01-l.md"),
        "+++\n[[step]]\nminutes = 25\nactivity = \"Long\"\nmethod = \"plenary\"\n+++\nNotes\n",
    )
    .unwrap();
    let pack = load_dir(dir.path()).unwrap();
    let found: Vec<String> = check::check(&pack, &cx)
        .iter()
        .map(|f| f.to_string())
        .collect();
    assert!(
        found.iter().any(
            |f| f.contains("the session plan lasts 25 minutes but the lesson's duration is 10")
        ),
        "{found:?}"
    );
    std::fs::write(
        t.join("01-m/02-gone.md"),
        "+++\n[[step]]\nminutes = 5\nactivity = \"a\"\nmethod = \"plenary\"\n+++\n",
    )
    .unwrap();
    let e = load_dir(dir.path()).unwrap_err();
    assert!(e.message.contains("module `m` has no lesson `gone`"), "{e}");
    std::fs::remove_file(t.join("01-m/02-gone.md")).unwrap();
    std::fs::write(t.join("materials.md"), "![A torch](torch.png)\n").unwrap();
    let e = load_dir(dir.path()).unwrap_err();
    assert!(
        e.message.contains("trainer materials have no images"),
        "{e}"
    );
}
