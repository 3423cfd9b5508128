//! Business operations over the database, grouped by capability. Server functions, the CLI
//! and the tests call these; they take plain inputs and return [`crate::error::AppResult`].
//! Access checks happen here, on the object asked for; the HTTP edge has already decoded and
//! bounded the input.
//!
//! Where each capability lives (every module with a folder of the same name is split by job,
//! and its file's doc says which room holds what):
//!
//! | capability | module | rooms |
//! |---|---|---|
//! | people and sign-in | [`people`] | `auth`, `agencies`, `countries`, `import` |
//! | courses and learning | [`learn`] | `courses/` (packs, access, reading, search), `authoring`, `classes`, `records`, `certificates` |
//! | knowledge checks | [`quizzes`] | `bank/` (questions, quizzes, packs), `attempts/` (answers, closing, view), `results` |
//! | document exercises | [`exercises`] | access, authoring, taking, grading, results, `generated`, `images` |
//! | the border desk | [`desk`] | `scenarios`, `shifts`, `results` |
//! | capacity assessments | [`capacity`] | access, lifecycle, scoring, findings, report, documents |
//! | needs analysis | [`tna`] | `questionnaires`, `campaigns/` (responses), `results/` (page, export, paper) |
//! | progress and exports | [`progress`] | scope, queries, `events`, `rollups/` (store, fold, rebuild), `xapi` |
//! | demonstration data | [`demo`] | `capacity`, `tna`, `scale` |
//! | installation | [`backup`] | |
//!
//! Renderers that need no database (PDF, charts, the capacity report's Markdown and HTML) are
//! in [`crate::server::reports`].

pub mod backup;
pub mod capacity;
pub mod demo;
pub mod desk;
pub mod exercises;
pub mod learn;
pub mod people;
pub mod progress;
pub mod quizzes;
pub mod tna;

/// A value stored as JSON in a column, read back. Unreadable data is an internal error,
/// logged with `what` — never quietly an empty or default value that would hide a question,
/// score an answer as blank, or be written back over the stored one on the next save.
pub fn stored<T: serde::de::DeserializeOwned>(
    what: &'static str,
    json: &str,
) -> crate::error::AppResult<T> {
    serde_json::from_str(json).map_err(|e| crate::server::errors::internal(what, e))
}

/// Rows per page in every list.
pub const PAGE_SIZE: u64 = 50;

/// The 1-based page number clamped to at least 1, and the page count for `total` rows.
pub fn paging(page: u64, total: u64) -> (u64, u64) {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    (page.clamp(1, pages), pages)
}

/// Escapes `%`, `_` and `\` for use inside a `LIKE` pattern with `ESCAPE '\'`.
pub fn like_pattern(query: &str) -> String {
    let mut out = String::from("%");
    for c in query.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Queues this task behind other writers when the database is SQLite.
///
/// SQLite lets one connection write at a time; a second writer waits in SQLite's busy handler,
/// which sleeps in growing steps (up to 100 ms) and turns a burst of small writes — many
/// trainees saving answers in the same second — into long tails. Writers on hot paths take
/// this in-process lock first, so they queue in order and each write finishes in well under a
/// millisecond. PostgreSQL needs no such gate (`None`). There is one gate per database file
/// ([`database_key`]): writers to different databases (the test suite's, one per test) never
/// wait for each other.
pub async fn write_gate(
    db: &sea_orm::DatabaseConnection,
) -> Option<tokio::sync::OwnedMutexGuard<()>> {
    use sea_orm::ConnectionTrait;
    type Gates = std::collections::HashMap<String, std::sync::Arc<tokio::sync::Mutex<()>>>;
    static GATES: std::sync::Mutex<Option<Gates>> = std::sync::Mutex::new(None);
    if db.get_database_backend() != sea_orm::DbBackend::Sqlite {
        return None;
    }
    let gate = GATES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get_or_insert_with(Default::default)
        .entry(database_key(db))
        .or_default()
        .clone();
    Some(gate.lock_owned().await)
}

/// Which database `db` is — the SQLite file, or the PostgreSQL server and database — for
/// process-wide caches of what is read from it: one process may serve several databases (the
/// test suite does, one per test), and an entry read from one must never answer another.
pub fn database_key(db: &sea_orm::DatabaseConnection) -> String {
    use sea_orm::ConnectionTrait;
    match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => db
            .get_sqlite_connection_pool()
            .connect_options()
            .get_filename()
            .display()
            .to_string(),
        sea_orm::DbBackend::Postgres => {
            let o = db.get_postgres_connection_pool().connect_options();
            format!(
                "{}:{}/{}",
                o.get_host(),
                o.get_port(),
                o.get_database().unwrap_or_default()
            )
        }
        other => format!("{other:?}"),
    }
}

/// The current time, as stored in timestamp columns.
pub fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_clamps() {
        assert_eq!(paging(0, 0), (1, 1));
        assert_eq!(paging(3, 120), (3, 3));
        assert_eq!(paging(9, 120), (3, 3));
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern(" A_b%c "), "%a\\_b\\%c%");
    }
}
