//! Alert lists for the border desk: a national watch list of persons and a list of stolen and
//! lost travel documents, generated deterministically per seed, and a trainer's own watch list
//! read from CSV.

use super::STATES;
use super::names::{PersonName, Tradition, person};
use crate::specimens::Rng;
use assessments::names::{Identity, Name, PartialDate, score::Sex};
use serde::{Deserialize, Serialize};

/// What an officer must do when a traveller is confirmed as the listed person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Arrest,
    RefuseEntry,
    Inform,
    Monitor,
    LocateMissingPerson,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::Arrest,
        Action::RefuseEntry,
        Action::Inform,
        Action::Monitor,
        Action::LocateMissingPerson,
    ];

    /// The code written in lists and CSV files.
    pub fn code(self) -> &'static str {
        match self {
            Action::Arrest => "arrest",
            Action::RefuseEntry => "refuse_entry",
            Action::Inform => "inform",
            Action::Monitor => "monitor",
            Action::LocateMissingPerson => "locate_missing_person",
        }
    }

    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Reasons a listing with this action is made, for generated entries.
    fn reasons(self) -> &'static [&'static str] {
        match self {
            Action::Arrest => &[
                "Arrest warrant: armed robbery",
                "Arrest warrant: migrant smuggling",
                "Arrest warrant: trafficking in persons",
                "Extradition request: fraud",
            ],
            Action::RefuseEntry => &[
                "Entry ban after deportation",
                "Entry ban: previous overstay",
                "Travel ban under a court order",
            ],
            Action::Inform => &[
                "Inform the liaison office on arrival",
                "Wanted as a witness: inform the investigating office",
            ],
            Action::Monitor => &[
                "Record movements: customs investigation",
                "Record movements: suspected document fraud",
            ],
            Action::LocateMissingPerson => &[
                "Missing minor: inform the child protection unit",
                "Missing adult reported by family",
            ],
        }
    }
}

/// A person on the national watch list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchEntry {
    pub id: String,
    pub surname: String,
    pub given_names: String,
    /// Other names the person is known by, or other spellings and scripts of the name.
    pub aliases: Vec<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub birth: String,
    pub nationality: String,
    /// `F`, `M` or `X`.
    pub sex: String,
    pub reason: String,
    pub action: Action,
    /// The last day the listing is valid.
    pub valid_until: String,
}

impl WatchEntry {
    /// The entry as the name engine compares it. Generated and imported entries are checked when
    /// made, so their names and dates read.
    pub fn identity(&self) -> Identity {
        let name = Name::parse(&format!("{} {}", self.given_names, self.surname))
            .or_else(|_| Name::parse(&self.surname))
            .expect("watch-list names are checked when the list is made");
        Identity {
            name,
            aliases: self
                .aliases
                .iter()
                .filter_map(|a| Name::parse(a).ok())
                .collect(),
            birth: PartialDate::parse(&self.birth).ok(),
            nationality: Some(self.nationality.clone()),
            sex: Sex::parse(&self.sex),
            document: None,
        }
    }
}

/// The type of a listed travel document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Passport,
    IdentityCard,
}

/// A travel document reported stolen, lost or revoked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StolenDocument {
    pub number: String,
    pub issuing_state: String,
    pub kind: DocumentKind,
    /// `stolen`, `lost` or `revoked`.
    pub status: String,
    pub reported: String,
}

fn date(rng: &mut Rng, from_year: u64, years: u64) -> (u16, u8, u8) {
    (
        (from_year + rng.below(years)) as u16,
        1 + rng.below(12) as u8,
        1 + rng.below(28) as u8,
    )
}

/// A document number as Utopia and its neighbours write them: two letters and seven digits.
pub fn document_number(rng: &mut Rng) -> String {
    let letters = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    format!(
        "{}{}{:07}",
        letters[rng.below(letters.len() as u64) as usize] as char,
        letters[rng.below(letters.len() as u64) as usize] as char,
        rng.below(10_000_000)
    )
}

/// One generated listed person, with the name they were drawn from.
pub fn watch_entry(rng: &mut Rng, n: usize) -> (WatchEntry, PersonName) {
    let state = rng.pick(&STATES);
    let female = rng.below(3) == 0;
    let name = person(rng, state.names, female);
    // The list keeper wrote one of the spellings; the others, and the name in its own script,
    // are recorded as aliases for some entries.
    let (given, surname) = name.given_and_family(|_, n| rng.below(n as u64) as usize);
    let spelled = format!("{given} {surname}");
    let mut aliases = Vec::new();
    if rng.below(4) == 0 && name.tradition != Tradition::Mixed && name.tradition != Tradition::Latin
    {
        aliases.push(name.native());
    }
    if rng.below(5) == 0 {
        let other = name.spelled(|_, n| rng.below(n as u64) as usize);
        if other != spelled {
            aliases.push(other);
        }
    }
    if rng.below(10) == 0 {
        // An alias under another name altogether.
        aliases.push(person(rng, state.names, female).common());
    }
    let (y, m, d) = date(rng, 1950, 55);
    let birth = match rng.below(20) {
        0 => format!("{y:04}"),
        1 => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    };
    let action = match rng.below(20) {
        0..=2 => Action::Arrest,
        3..=9 => Action::RefuseEntry,
        10..=12 => Action::Inform,
        13..=17 => Action::Monitor,
        _ => Action::LocateMissingPerson,
    };
    let (vy, vm, vd) = date(rng, 2027, 6);
    let entry = WatchEntry {
        id: format!("W{:06}", n + 1),
        surname,
        given_names: given,
        aliases,
        birth,
        nationality: state.code.to_string(),
        sex: if female { "F" } else { "M" }.to_string(),
        reason: rng.pick(action.reasons()).to_string(),
        action,
        valid_until: format!("{vy:04}-{vm:02}-{vd:02}"),
    };
    (entry, name)
}

/// A national watch list of `count` persons, the same for the same seed.
pub fn watch_list(seed: u64, count: usize) -> Vec<WatchEntry> {
    let mut rng = Rng::new(seed ^ 0x3A7C_4115);
    (0..count).map(|n| watch_entry(&mut rng, n).0).collect()
}

/// A list of `count` stolen, lost and revoked documents, the same for the same seed.
pub fn stolen_documents(seed: u64, count: usize) -> Vec<StolenDocument> {
    let mut rng = Rng::new(seed ^ 0x5170_1E40);
    (0..count)
        .map(|_| {
            let (y, m, d) = date(&mut rng, 2018, 8);
            StolenDocument {
                number: document_number(&mut rng),
                issuing_state: rng.pick(&STATES).code.to_string(),
                kind: if rng.below(3) == 0 {
                    DocumentKind::IdentityCard
                } else {
                    DocumentKind::Passport
                },
                status: ["stolen", "lost", "revoked"][rng.below(3) as usize].to_string(),
                reported: format!("{y:04}-{m:02}-{d:02}"),
            }
        })
        .collect()
}

/// The most rows a watch-list file may hold.
pub const MAX_IMPORT_ROWS: usize = 20_000;

/// The columns of a watch-list CSV file, in order.
pub const CSV_COLUMNS: [&str; 9] = [
    "surname",
    "given_names",
    "aliases",
    "birth",
    "nationality",
    "sex",
    "reason",
    "action",
    "valid_until",
];

/// A row of a watch-list file that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub column: String,
    pub message: String,
}

/// Reads a trainer's watch list. A file with any bad row imports nothing: every bad row is
/// returned with its line, column and reason.
pub fn read_watch_csv(text: &str) -> Result<Vec<WatchEntry>, Vec<RowError>> {
    let error = |line: usize, column: &str, message: String| RowError {
        line,
        column: column.to_string(),
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![error(1, "", format!("the file is not CSV: {e}"))]),
    };
    let names: Vec<&str> = headers.iter().collect();
    if names != CSV_COLUMNS {
        return Err(vec![error(
            1,
            "",
            format!(
                "the first line must name the columns {}",
                CSV_COLUMNS.join(",")
            ),
        )]);
    }
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        if n >= MAX_IMPORT_ROWS {
            errors.push(error(
                line,
                "",
                format!("a list holds at most {MAX_IMPORT_ROWS} persons"),
            ));
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(error(line, "", format!("the row cannot be read: {e}")));
                continue;
            }
        };
        let field = |i: usize| record.get(i).unwrap_or("");
        let before = errors.len();
        let mut check_name = |column: &str, text: &str, required: bool| {
            if text.is_empty() && !required {
                return;
            }
            if let Err(e) = Name::parse(text) {
                errors.push(error(line, column, e.to_string()));
            }
        };
        check_name("surname", field(0), true);
        check_name("given_names", field(1), false);
        let aliases: Vec<String> = field(2)
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        for alias in &aliases {
            check_name("aliases", alias, true);
        }
        if let Err(e) = PartialDate::parse(field(3)) {
            errors.push(error(line, "birth", e.to_string()));
        }
        let nationality = field(4).to_ascii_uppercase();
        if nationality.len() != 3 || !nationality.bytes().all(|b| b.is_ascii_uppercase()) {
            errors.push(error(
                line,
                "nationality",
                "write the three-letter code, e.g. UTO".into(),
            ));
        }
        let sex = field(5).to_ascii_uppercase();
        if Sex::parse(&sex).is_none() {
            errors.push(error(line, "sex", "write F, M or X".into()));
        }
        if field(6).is_empty() {
            errors.push(error(line, "reason", "say why the person is listed".into()));
        } else if field(6).chars().count() > 200 {
            errors.push(error(
                line,
                "reason",
                "the reason is longer than 200 characters".into(),
            ));
        }
        let action = Action::from_code(field(7));
        if action.is_none() {
            errors.push(error(
                line,
                "action",
                format!("write one of {}", Action::ALL.map(Action::code).join(", ")),
            ));
        }
        match PartialDate::parse(field(8)) {
            Ok(d) if d.is_full() => {}
            _ => errors.push(error(
                line,
                "valid_until",
                "write the last valid day as YYYY-MM-DD".into(),
            )),
        }
        if errors.len() == before
            && let Some(action) = action
        {
            entries.push(WatchEntry {
                id: format!("T{:06}", entries.len() + 1),
                surname: field(0).to_string(),
                given_names: field(1).to_string(),
                aliases,
                birth: field(3).to_string(),
                nationality,
                sex,
                reason: field(6).to_string(),
                action,
                valid_until: field(8).to_string(),
            });
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// Writes a watch list in the CSV format [`read_watch_csv`] reads.
pub fn write_watch_csv(entries: &[WatchEntry]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(CSV_COLUMNS).expect("writing to memory");
    for e in entries {
        out.write_record([
            e.surname.as_str(),
            e.given_names.as_str(),
            &e.aliases.join("; "),
            &e.birth,
            &e.nationality,
            &e.sex,
            &e.reason,
            e.action.code(),
            &e.valid_until,
        ])
        .expect("writing to memory");
    }
    String::from_utf8(out.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_the_same_for_the_same_seed_and_every_entry_reads() {
        let list = watch_list(11, 500);
        assert_eq!(list, watch_list(11, 500));
        assert_ne!(list, watch_list(12, 500));
        for entry in &list {
            let identity = entry.identity();
            assert!(identity.birth.is_some(), "{entry:?}");
            assert_eq!(identity.aliases.len(), entry.aliases.len(), "{entry:?}");
        }
        // Every action, and aliases in another script, occur.
        for action in Action::ALL {
            assert!(list.iter().any(|e| e.action == action), "{action:?}");
        }
        assert!(list.iter().flat_map(|e| &e.aliases).any(|a| !a.is_ascii()));
        let documents = stolen_documents(11, 100);
        assert_eq!(documents, stolen_documents(11, 100));
        assert!(documents.iter().all(|d| d.number.len() == 9));
    }

    #[test]
    fn a_written_list_reads_back_the_same() {
        let list = watch_list(3, 300);
        let back = read_watch_csv(&write_watch_csv(&list)).unwrap();
        assert_eq!(back.len(), list.len());
        for (a, b) in list.iter().zip(&back) {
            assert_eq!(
                (&a.surname, &a.given_names, &a.aliases, &a.birth, a.action),
                (&b.surname, &b.given_names, &b.aliases, &b.birth, b.action)
            );
        }
    }

    const HEADER: &str =
        "surname,given_names,aliases,birth,nationality,sex,reason,action,valid_until\n";

    #[test]
    fn a_good_file_imports_every_row() {
        let text = format!(
            "{HEADER}AL RASHID,OMAR KHALID,ALRASHID OMAR; عمر الرشيد,1975-01-30,QZR,M,Entry ban,refuse_entry,2028-12-31\n\
             Petrova,Sofia,,1991,QVK,F,Missing adult,locate_missing_person,2027-06-30\n"
        );
        let list = read_watch_csv(&text).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].aliases, ["ALRASHID OMAR", "عمر الرشيد"]);
        assert_eq!(list[1].identity().birth.unwrap().month, None);
    }

    #[test]
    fn a_file_with_any_bad_row_imports_nothing_and_names_each_bad_row() {
        let text = format!(
            "{HEADER}GOOD,ONE,,1980-01-01,UTO,M,Reason,monitor,2028-01-01\n\
             ,NO SURNAME,,1980-01-01,UTO,M,Reason,monitor,2028-01-01\n\
             BAD\u{202E}NAME,X,,1980-02-30,UTOPIA,Q,,shoot,soon\n"
        );
        let errors = read_watch_csv(&text).unwrap_err();
        let at =
            |line: usize, column: &str| errors.iter().any(|e| e.line == line && e.column == column);
        assert!(at(3, "surname"));
        for column in [
            "surname",
            "birth",
            "nationality",
            "sex",
            "reason",
            "action",
            "valid_until",
        ] {
            assert!(at(4, column), "{column}: {errors:?}");
        }
        assert!(!errors.iter().any(|e| e.line == 2));
    }

    #[test]
    fn a_file_that_is_not_a_watch_list_is_refused_at_its_first_line() {
        for text in ["", "name,dob\nA,1980\n", "\u{FEFF}garbage"] {
            let errors = read_watch_csv(text).unwrap_err();
            assert_eq!(errors[0].line, 1, "{text:?}");
        }
        let ragged = format!("{HEADER}A,B\n");
        assert_eq!(read_watch_csv(&ragged).unwrap_err()[0].line, 2);
    }
}
