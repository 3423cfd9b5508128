//! Run-time configuration, read from the command line and environment by `main.rs`.

use std::net::SocketAddr;
use std::path::PathBuf;

/// How the server runs. Built by the CLI; tests build it directly.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Database URL (`sqlite://…` or `postgres://…`).
    pub database_url: String,
    /// Folder with the built browser assets (`pkg/` inside it).
    pub site_root: PathBuf,
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Minutes of inactivity after which a session ends.
    pub session_minutes: i64,
    /// How many reverse proxies stand in front of the server, each appending the address it
    /// saw to `X-Forwarded-For` (0: none, the peer address is the client's).
    pub trusted_proxies: u8,
    /// The address people use to reach the app (e.g. `https://checkpoint.example.org`), without
    /// a trailing slash: the base of the activity and account IRIs in xAPI statements.
    pub public_url: String,
    /// How often learning events are folded into the progress roll-ups in the background;
    /// `None`: only when a dashboard is read (which folds what is pending first).
    pub fold_period: Option<std::time::Duration>,
}

impl Config {
    /// The default SQLite database inside `data_dir`.
    pub fn sqlite_url(data_dir: &std::path::Path) -> String {
        format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("checkpoint.db").display()
        )
    }
}
