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
