//! The server binary carries the browser assets (`server::assets`): point the embedding at the
//! built site's `pkg/` folder and rebuild the server when it changes. The folder is made empty
//! when the site has not been built yet, so `cargo check` works before `make site`.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CHECKPOINT_SITE_ROOT");
    let workspace =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("..");
    let site = match std::env::var("CHECKPOINT_SITE_ROOT") {
        Ok(root) if !root.is_empty() => workspace.join(root),
        _ => workspace.join("target/site"),
    };
    let pkg = site.join("pkg");
    // Only the server embeds the assets; the browser bundle itself is what fills `pkg/`, and
    // watching it there would rebuild the bundle after every site build.
    if std::env::var_os("CARGO_FEATURE_SSR").is_some() {
        std::fs::create_dir_all(&pkg).expect("create the site's pkg folder");
        println!("cargo:rerun-if-changed={}", pkg.display());
    }
    println!("cargo:rustc-env=CHECKPOINT_EMBEDDED_PKG={}", pkg.display());
}
