//! Packs as files: reading one from a folder or a zip (with its size, expansion and entry-count
//! bounds), and writing a pack back to a folder.

use super::*;

/// Largest zip accepted (compressed), and the most it may expand to.
pub const ZIP_MAX_BYTES: u64 = 100 * 1024 * 1024;
pub(super) const ZIP_MAX_EXPANDED: u64 = 200 * 1024 * 1024;
pub(super) const ZIP_MAX_ENTRIES: usize = 5_000;

/// Reads a pack from a folder or a `.zip` of one (the zip may hold the pack's files at its
/// root or inside a single top folder).
pub fn load(path: &Path) -> Result<CoursePack, PackError> {
    if path.is_dir() {
        return load_dir(path);
    }
    let tmp = tempfile::tempdir()
        .map_err(|e| err(path, None, format!("cannot create a temporary folder: {e}")))?;
    unzip(path, tmp.path())?;
    let root = if tmp.path().join("course.toml").is_file() {
        tmp.path().to_owned()
    } else {
        let dirs: Vec<PathBuf> = std::fs::read_dir(tmp.path())
            .map_err(|e| err(path, None, e.to_string()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        match dirs.as_slice() {
            [one] if one.join("course.toml").is_file() => one.clone(),
            _ => {
                return Err(err(
                    path,
                    None,
                    "the zip holds no course.toml (at its root or in one top folder)",
                ));
            }
        }
    };
    // Errors name files inside the zip as `archive.zip/folder/file`.
    load_dir(&root).map_err(|mut e| {
        if let Ok(inner) = e.file.strip_prefix(tmp.path()) {
            e.file = path.join(inner);
        }
        e
    })
}

/// Extracts a zip into `into`, refusing paths that leave it, links, and archives that expand
/// beyond reason.
pub(super) fn unzip(path: &Path, into: &Path) -> Result<(), PackError> {
    let file =
        std::fs::File::open(path).map_err(|e| err(path, None, format!("cannot read: {e}")))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > ZIP_MAX_BYTES {
        return Err(err(path, None, "the zip is larger than 100 MB"));
    }
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| err(path, None, format!("not a readable zip: {e}")))?;
    if archive.len() > ZIP_MAX_ENTRIES {
        return Err(err(path, None, "the zip has too many files"));
    }
    let mut expanded = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| err(path, None, format!("damaged zip: {e}")))?;
        let Some(name) = entry.enclosed_name() else {
            return Err(err(
                path,
                None,
                format!("unsafe path in the zip: {}", entry.name()),
            ));
        };
        if entry.is_symlink() {
            return Err(err(
                path,
                None,
                format!("links are not allowed in a pack: {}", entry.name()),
            ));
        }
        let target = into.join(name);
        if entry.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| err(path, None, e.to_string()))?;
            continue;
        }
        expanded += entry.size();
        if expanded > ZIP_MAX_EXPANDED {
            return Err(err(path, None, "the zip expands to more than 200 MB"));
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| err(path, None, e.to_string()))?;
        }
        let mut out = std::fs::File::create(&target).map_err(|e| err(path, None, e.to_string()))?;
        let declared = entry.size();
        let copied = std::io::copy(&mut (&mut entry).take(declared + 1), &mut out)
            .map_err(|e| err(path, None, format!("damaged zip: {e}")))?;
        if copied > declared {
            return Err(err(path, None, "the zip's sizes are inconsistent"));
        }
    }
    Ok(())
}

/// Writes `pack` into `dir` (created if missing) in the pack format.
pub fn write_dir(pack: &CoursePack, dir: &Path) -> std::io::Result<()> {
    let ser = |e: toml::ser::Error| std::io::Error::other(e.to_string());
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("course.toml"),
        toml::to_string(&pack.meta).map_err(ser)?,
    )?;
    if !pack.glossary.is_empty() {
        let file = GlossaryFile {
            term: pack.glossary.clone(),
        };
        std::fs::write(
            dir.join("glossary.toml"),
            toml::to_string(&file).map_err(ser)?,
        )?;
    }
    if !pack.questions.is_empty() {
        std::fs::write(
            dir.join("questions.gift"),
            crate::questions::write_gift(&pack.questions),
        )?;
    }
    if !pack.tests.is_empty() {
        std::fs::write(
            dir.join("tests.gift"),
            crate::questions::write_gift(&pack.tests),
        )?;
    }
    if !pack.quizzes.is_empty() {
        let file = QuizzesFile {
            quiz: pack.quizzes.clone(),
        };
        std::fs::write(
            dir.join("quizzes.toml"),
            toml::to_string(&file).map_err(ser)?,
        )?;
    }
    for (i, module) in pack.modules.iter().enumerate() {
        let mdir = dir.join(format!("{:02}-{}", i + 1, module.slug));
        std::fs::create_dir_all(&mdir)?;
        std::fs::write(
            mdir.join("module.toml"),
            toml::to_string(&module.meta).map_err(ser)?,
        )?;
        for (j, lesson) in module.lessons.iter().enumerate() {
            std::fs::write(
                mdir.join(format!("{:02}-{}.md", j + 1, lesson.slug)),
                lesson_file(&lesson.meta, &lesson.body),
            )?;
        }
        for (name, bytes) in &module.media {
            std::fs::write(mdir.join(name), bytes)?;
        }
    }
    super::trainer::write(pack, dir)?;
    super::translations::write_all(pack, dir)
}
