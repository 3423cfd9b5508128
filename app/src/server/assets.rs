//! The browser assets (`pkg/`: the islands bundle, its JavaScript glue, the stylesheet, the
//! icon and the border desk's clock script, each with its gzip and brotli copies), embedded in
//! the server binary when it is built so that the binary copied alone to another machine serves
//! the whole app.
//!
//! At start the server writes them under its data folder and serves that folder with
//! `tower-http`'s `ServeDir`, which already answers precompressed variants, conditional
//! requests and ranges (see `docs/decisions.md`).

use std::path::Path;

static PKG: include_dir::Dir<'static> = include_dir::include_dir!("$CHECKPOINT_EMBEDDED_PKG");

/// Whether this binary was built with the browser assets (after `make site`).
pub fn embedded() -> bool {
    PKG.files()
        .any(|f| f.path().extension().is_some_and(|e| e == "wasm"))
}

/// Writes the embedded assets into `site_root/pkg`, creating it if needed. A file whose bytes
/// are already there is left alone (its modification time, and so the browser's cached copy,
/// stays valid); any other is written beside and renamed into place, so a server already
/// serving the folder never sends half a file. Returns how many files were written.
pub fn unpack(site_root: &Path) -> std::io::Result<usize> {
    let pkg = site_root.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    let mut written = 0;
    for file in PKG.files() {
        let Some(name) = file.path().file_name() else {
            continue;
        };
        let target = pkg.join(name);
        if std::fs::read(&target).is_ok_and(|bytes| bytes == file.contents()) {
            continue;
        }
        let partial = pkg.join(format!(
            ".{}.{}.partial",
            name.to_string_lossy(),
            std::process::id()
        ));
        std::fs::write(&partial, file.contents())?;
        std::fs::rename(&partial, &target)?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacking_twice_writes_nothing_the_second_time() {
        let dir = tempfile::tempdir().unwrap();
        let first = unpack(dir.path()).unwrap();
        assert_eq!(first, PKG.files().count());
        assert_eq!(unpack(dir.path()).unwrap(), 0);
        for file in PKG.files() {
            let on_disk = std::fs::read(dir.path().join("pkg").join(file.path())).unwrap();
            assert_eq!(on_disk, file.contents());
        }
    }
}
