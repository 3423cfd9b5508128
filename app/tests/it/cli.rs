//! The `checkpoint` command line, run as a user would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

mod data;
mod reports;
mod serving;

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
