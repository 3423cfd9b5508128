//! Bulk import of people from CSV: validate every row first, then import all or nothing.

use crate::error::AppResult;
use crate::i18n::Msg;
use crate::model::{ImportOutcome, ImportProblem, ImportedPerson};
use crate::server::entities::{agency, position};
use crate::server::password;
use crate::validate;
use sea_orm::{DatabaseConnection, EntityTrait, TransactionTrait};
use std::collections::{HashMap, HashSet};

/// The columns of an import file, in the documented order.
pub const COLUMNS: [&str; 7] = [
    "login",
    "display_name",
    "email",
    "agency",
    "position",
    "roles",
    "language",
];
/// Largest file accepted.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Most rows accepted in one file.
pub const MAX_ROWS: usize = 5_000;

fn problem(line: u64, column: Option<&str>, message: Msg) -> ImportProblem {
    ImportProblem {
        line,
        column: column.map(str::to_owned),
        message,
    }
}

/// Agencies by id and by lower-case name, with their positions by lower-case title.
struct Directory {
    by_id: HashMap<i64, HashMap<String, i64>>,
    by_name: HashMap<String, Vec<i64>>,
}

async fn directory(db: &DatabaseConnection) -> AppResult<Directory> {
    let mut by_id: HashMap<i64, HashMap<String, i64>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<i64>> = HashMap::new();
    for a in agency::Entity::find().all(db).await? {
        by_id.entry(a.id).or_default();
        by_name
            .entry(a.name.trim().to_lowercase())
            .or_default()
            .push(a.id);
    }
    for p in position::Entity::find().all(db).await? {
        by_id
            .entry(p.agency_id)
            .or_default()
            .insert(p.title.trim().to_lowercase(), p.id);
    }
    Ok(Directory { by_id, by_name })
}

impl Directory {
    fn agency(&self, raw: &str) -> Result<Option<i64>, Msg> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        if let Ok(id) = raw.parse::<i64>()
            && self.by_id.contains_key(&id)
        {
            return Ok(Some(id));
        }
        match self.by_name.get(&raw.to_lowercase()).map(Vec::as_slice) {
            Some([id]) => Ok(Some(*id)),
            Some([_, _, ..]) => Err(Msg::ErrAmbiguousAgency),
            _ => Err(Msg::ErrUnknownAgency),
        }
    }

    fn position(&self, agency: Option<i64>, raw: &str) -> Result<Option<i64>, Msg> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        agency
            .and_then(|a| self.by_id.get(&a))
            .and_then(|titles| titles.get(&raw.to_lowercase()))
            .copied()
            .map(Some)
            .ok_or(Msg::ErrUnknownPosition)
    }
}

/// Checks a CSV file and, when every row is valid, creates every person in one transaction
/// with a temporary password they must change. When any row is invalid nothing is written and
/// every problem is returned.
pub async fn import_people(db: &DatabaseConnection, bytes: &[u8]) -> AppResult<ImportOutcome> {
    let people = match check(db, bytes).await? {
        Ok(people) => people,
        Err(problems) => return Ok(ImportOutcome::Rejected(problems)),
    };
    let mut prepared = Vec::with_capacity(people.len());
    for p in people {
        let temporary = password::generate();
        let hash = password::hash(&temporary).await?;
        prepared.push((p, temporary, hash));
    }
    let txn = db.begin().await?;
    let mut imported = Vec::with_capacity(prepared.len());
    for (p, temporary, hash) in prepared {
        crate::server::services::people::insert(&txn, &p, &hash, true).await?;
        imported.push(ImportedPerson {
            login: p.login,
            display_name: p.display_name,
            temporary_password: temporary,
        });
    }
    txn.commit().await?;
    Ok(ImportOutcome::Imported(imported))
}

/// Validates the whole file: the people to create, or every problem found.
pub async fn check(
    db: &DatabaseConnection,
    bytes: &[u8],
) -> AppResult<Result<Vec<crate::server::services::people::NewPerson>, Vec<ImportProblem>>> {
    if bytes.len() > MAX_BYTES {
        return Ok(Err(vec![problem(0, None, Msg::ErrCsvTooLarge)]));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64
                + 1;
            return Ok(Err(vec![problem(line, None, Msg::ErrCsvEncoding)]));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(_) => return Ok(Err(vec![problem(1, None, Msg::ErrCsvHeader)])),
    };
    let expected: HashSet<&str> = COLUMNS.into_iter().collect();
    let found: HashSet<&str> = headers.iter().map(String::as_str).collect();
    if found != expected || headers.len() != COLUMNS.len() {
        return Ok(Err(vec![problem(1, None, Msg::ErrCsvHeader)]));
    }
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or(0);
    let idx: HashMap<&str, usize> = COLUMNS.iter().map(|c| (*c, col(c))).collect();

    let dir = directory(db).await?;
    let mut problems = Vec::new();
    let mut people = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(problem(line, None, Msg::ErrCsvMalformed));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if people.len() + problems.len() >= MAX_ROWS {
            return Ok(Err(vec![problem(0, None, Msg::ErrCsvTooLarge)]));
        }
        let get = |c: &str| record.get(idx[c]).unwrap_or("");
        let mut row_ok = true;
        let mut fail = |c: &str, m: Msg, problems: &mut Vec<ImportProblem>| {
            row_ok = false;
            problems.push(problem(line, Some(c), m));
        };
        let login = validate::login(get("login"))
            .map_err(|m| fail("login", m, &mut problems))
            .ok();
        if let Some(l) = &login
            && seen.insert(l.clone(), line).is_some()
        {
            fail("login", Msg::ErrCsvDuplicate, &mut problems);
        }
        let display_name = validate::name(get("display_name"))
            .map_err(|m| fail("display_name", m, &mut problems))
            .ok();
        let email = validate::email(get("email"))
            .map_err(|m| fail("email", m, &mut problems))
            .ok();
        let agency = dir
            .agency(get("agency"))
            .map_err(|m| fail("agency", m, &mut problems))
            .ok();
        let position = match agency {
            Some(a) => dir
                .position(a, get("position"))
                .map_err(|m| fail("position", m, &mut problems))
                .ok(),
            None => None,
        };
        let roles = validate::roles(get("roles"))
            .map_err(|m| fail("roles", m, &mut problems))
            .ok();
        let lang = validate::language(get("language"))
            .map_err(|m| fail("language", m, &mut problems))
            .ok();
        if let (
            true,
            Some(login),
            Some(display_name),
            Some(email),
            Some(agency_id),
            Some(position_id),
            Some(roles),
            Some(lang),
        ) = (
            row_ok,
            login,
            display_name,
            email,
            agency,
            position,
            roles,
            lang,
        ) {
            people.push((
                line,
                crate::server::services::people::NewPerson {
                    login,
                    display_name,
                    email,
                    agency_id,
                    position_id,
                    roles,
                    countries: Vec::new(),
                    lang,
                },
            ));
        }
    }
    if people.is_empty() && problems.is_empty() {
        return Ok(Err(vec![problem(0, None, Msg::ErrCsvEmpty)]));
    }
    let logins: Vec<String> = people.iter().map(|(_, p)| p.login.clone()).collect();
    let taken: HashSet<String> = crate::server::services::people::existing_logins(db, logins)
        .await?
        .into_iter()
        .collect();
    for (line, p) in &people {
        if taken.contains(&p.login) {
            problems.push(problem(*line, Some("login"), Msg::ErrLoginTaken));
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Ok(Err(problems));
    }
    Ok(Ok(people.into_iter().map(|(_, p)| p).collect()))
}
