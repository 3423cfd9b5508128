// The rules the build applies to the Fluent catalogues (`locales/<lang>/*.ftl`), shared by
// `build.rs` (which fails the build on a broken catalogue) and the unit tests of `i18n.rs`
// (which check the rules themselves).

/// The catalogue files (`*.ftl`) of one language's folder, sorted; `Err` with what to fix when
/// the folder is missing or holds none, so a language without its catalogue fails the build.
pub fn catalogue_files(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("the catalogue folder {} cannot be read: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no catalogue (*.ftl) in {}", dir.display()));
    }
    Ok(files)
}

/// The message keys of Fluent sources with the first line of each message's text, in order.
/// A key is an ASCII letter followed by letters, digits or `_`, at the start of a line.
pub fn message_keys(sources: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for source in sources {
        for line in source.lines() {
            let Some((key, value)) = line.split_once(" = ") else {
                continue;
            };
            if key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                out.push((key.to_owned(), value.to_owned()));
            }
        }
    }
    out
}

/// `Err` with what to fix when a catalogue writes a key twice, or when a language's keys are
/// not exactly English's (`english` is `None` when checking English itself).
pub fn check_keys(
    lang: &str,
    found: &[(String, String)],
    english: Option<&[(String, String)]>,
) -> Result<(), String> {
    use std::collections::BTreeSet;
    let keys: BTreeSet<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
    if keys.len() != found.len() {
        let mut seen = BTreeSet::new();
        let twice: Vec<&str> = found
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !seen.insert(*k))
            .collect();
        return Err(format!("locales/{lang} writes a key twice: {twice:?}"));
    }
    if let Some(english) = english {
        let wanted: BTreeSet<&str> = english.iter().map(|(k, _)| k.as_str()).collect();
        let missing: Vec<_> = wanted.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&wanted).collect();
        if !missing.is_empty() || !extra.is_empty() {
            return Err(format!(
                "locales/{lang} differs from English: missing {missing:?}, unknown {extra:?}"
            ));
        }
    }
    Ok(())
}
