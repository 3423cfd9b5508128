//! Machine readable zone primitives from ICAO Doc 9303.

pub mod codes;

/// The numeric value of one MRZ character: `0`–`9` are themselves, `A`–`Z` are 10–35 and the
/// filler `<` is 0. Any other character is not allowed in an MRZ and yields `None`.
pub fn char_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        '<' => Some(0),
        _ => None,
    }
}

/// The Doc 9303 check digit of `field`: each character's value times the repeating weights
/// 7, 3, 1 from the left, summed, modulo 10. Returns `None` when `field` holds a character that
/// cannot appear in an MRZ.
pub fn check_digit(field: &str) -> Option<u32> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    field
        .chars()
        .zip(WEIGHTS.iter().cycle())
        .try_fold(0u32, |sum, (c, w)| Some(sum + char_value(c)? * w))
        .map(|sum| sum % 10)
}

/// The machine readable travel document formats of Doc 9303.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Format {
    /// ID card size 1: three lines of 30.
    #[serde(rename = "TD1")]
    Td1,
    /// ID card size 2: two lines of 36.
    #[serde(rename = "TD2")]
    Td2,
    /// Passport book: two lines of 44.
    #[serde(rename = "TD3")]
    Td3,
    /// Visa, full size: two lines of 44.
    #[serde(rename = "MRV-A")]
    MrvA,
    /// Visa, small: two lines of 36.
    #[serde(rename = "MRV-B")]
    MrvB,
}

impl Format {
    /// The format's name as Doc 9303 writes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Td1 => "TD1",
            Format::Td2 => "TD2",
            Format::Td3 => "TD3",
            Format::MrvA => "MRV-A",
            Format::MrvB => "MRV-B",
        }
    }
}

/// One thing wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The field (or `line N`) concerned.
    pub field: String,
    /// What is wrong, in English.
    pub message: String,
}

fn problem(field: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        field: field.into(),
        message: message.into(),
    }
}

/// A machine readable zone read field by field, with every inconsistency found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mrz {
    /// The format.
    pub format: Format,
    /// The fields, by name: `document_code`, `issuing_state`, `document_number`, `surname`,
    /// `given_names`, `nationality`, `date_of_birth`, `sex`, `date_of_expiry`, `optional_data`
    /// (and `optional_data_2` on TD1). Dates are `YYYY-MM-DD` (`??` for parts left unknown).
    pub fields: std::collections::BTreeMap<String, String>,
    /// Check digits that do not match, dates that do not exist, codes that are not allowed.
    pub errors: Vec<Problem>,
}

impl Mrz {
    /// No problem was found.
    pub fn valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// The lines of an MRZ as typed or read: surrounding spaces and empty lines are ignored.
pub fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads and checks an MRZ. `current_year` (e.g. 2026) resolves two-digit years: a birth year
/// is the latest that is not in the future; an expiry year is in this century unless that
/// would put it more than 50 years ahead. `Err` when the lines cannot be an MRZ at all (their
/// number, lengths or characters): then nothing can be read.
pub fn check(lines: &[&str], current_year: i32) -> Result<Mrz, Vec<Problem>> {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let mut unreadable = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some((at, c)) = line
            .chars()
            .enumerate()
            .find(|(_, c)| char_value(*c).is_none())
        {
            unreadable.push(problem(
                format!("line {}", i + 1),
                format!(
                    "position {}: {c:?} is not an MRZ character (only A–Z, 0–9 and the filler <)",
                    at + 1
                ),
            ));
        }
    }
    let lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let format = match (lines.len(), lengths.as_slice()) {
        (3, [30, 30, 30]) => Some(Format::Td1),
        (2, [36, 36]) if lines[0].starts_with('V') => Some(Format::MrvB),
        (2, [36, 36]) => Some(Format::Td2),
        (2, [44, 44]) if lines[0].starts_with('V') => Some(Format::MrvA),
        (2, [44, 44]) => Some(Format::Td3),
        _ => None,
    };
    if format.is_none() {
        let message = match lines.len() {
            0 => "there is no MRZ line".to_owned(),
            2 | 3 if lengths.iter().any(|l| *l != lengths[0]) => format!(
                "the lines have different lengths ({}): lines of one MRZ all have the same length (mixed formats?)",
                lengths
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            2 => format!(
                "two lines of {} characters: TD2 and MRV-B lines have 36, TD3 and MRV-A lines 44",
                lengths[0]
            ),
            3 => format!(
                "three lines of {} characters: TD1 lines have 30",
                lengths[0]
            ),
            n => format!("{n} lines: an MRZ has two lines (TD2, TD3, visas) or three (TD1)"),
        };
        unreadable.push(problem("format", message));
    }
    if !unreadable.is_empty() {
        return Err(unreadable);
    }
    let format = format.expect("checked above");
    let l: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let mut r = Reader {
        fields: Default::default(),
        errors: Vec::new(),
        current_year,
    };
    let text =
        |line: usize, from: usize, to: usize| -> String { l[line][from..to].iter().collect() };
    match format {
        Format::Td1 => {
            r.code(&text(0, 0, 2), format);
            r.state("issuing_state", &text(0, 2, 5));
            r.document_number(&text(0, 5, 14), l[0][14], &text(0, 15, 30), "optional_data");
            r.date("date_of_birth", &text(1, 0, 6), l[1][6], Kind::Birth);
            r.sex(l[1][7]);
            r.date("date_of_expiry", &text(1, 8, 14), l[1][14], Kind::Expiry);
            r.state("nationality", &text(1, 15, 18));
            r.fields
                .insert("optional_data_2".into(), trim_optional(&text(1, 18, 29)));
            let composite = text(0, 5, 30) + &text(1, 0, 7) + &text(1, 8, 15) + &text(1, 18, 29);
            r.digit("composite_check_digit", &composite, l[1][29], false);
            r.name(&text(2, 0, 30));
        }
        Format::Td2 | Format::MrvB => {
            r.code(&text(0, 0, 2), format);
            r.state("issuing_state", &text(0, 2, 5));
            r.name(&text(0, 5, 36));
            let optional_end = if format == Format::Td2 { 35 } else { 36 };
            if format == Format::Td2 {
                r.document_number(
                    &text(1, 0, 9),
                    l[1][9],
                    &text(1, 28, optional_end),
                    "optional_data",
                );
            } else {
                r.fields
                    .insert("document_number".into(), trim_fillers(&text(1, 0, 9)));
                r.digit(
                    "document_number_check_digit",
                    &text(1, 0, 9),
                    l[1][9],
                    false,
                );
                r.fields.insert(
                    "optional_data".into(),
                    trim_optional(&text(1, 28, optional_end)),
                );
            }
            r.state("nationality", &text(1, 10, 13));
            r.date("date_of_birth", &text(1, 13, 19), l[1][19], Kind::Birth);
            r.sex(l[1][20]);
            r.date("date_of_expiry", &text(1, 21, 27), l[1][27], Kind::Expiry);
            if format == Format::Td2 {
                let composite = text(1, 0, 10) + &text(1, 13, 20) + &text(1, 21, 35);
                r.digit("composite_check_digit", &composite, l[1][35], false);
            }
        }
        Format::Td3 | Format::MrvA => {
            r.code(&text(0, 0, 2), format);
            r.state("issuing_state", &text(0, 2, 5));
            r.name(&text(0, 5, 44));
            r.fields
                .insert("document_number".into(), trim_fillers(&text(1, 0, 9)));
            r.digit(
                "document_number_check_digit",
                &text(1, 0, 9),
                l[1][9],
                false,
            );
            r.state("nationality", &text(1, 10, 13));
            r.date("date_of_birth", &text(1, 13, 19), l[1][19], Kind::Birth);
            r.sex(l[1][20]);
            r.date("date_of_expiry", &text(1, 21, 27), l[1][27], Kind::Expiry);
            if format == Format::Td3 {
                let personal = text(1, 28, 42);
                r.fields
                    .insert("optional_data".into(), trim_optional(&personal));
                // An empty personal number may have a filler as its check digit.
                r.digit("optional_data_check_digit", &personal, l[1][42], true);
                let composite = text(1, 0, 10) + &text(1, 13, 20) + &text(1, 21, 43);
                r.digit("composite_check_digit", &composite, l[1][43], false);
            } else {
                r.fields
                    .insert("optional_data".into(), trim_optional(&text(1, 28, 44)));
            }
        }
    }
    Ok(Mrz {
        format,
        fields: r.fields,
        errors: r.errors,
    })
}

#[derive(Clone, Copy)]
enum Kind {
    Birth,
    Expiry,
}

struct Reader {
    fields: std::collections::BTreeMap<String, String>,
    errors: Vec<Problem>,
    current_year: i32,
}

fn trim_fillers(s: &str) -> String {
    s.trim_end_matches('<').to_owned()
}

/// Optional data as read: fillers before and after it are not part of it.
fn trim_optional(s: &str) -> String {
    s.trim_matches('<').to_owned()
}

impl Reader {
    fn digit(&mut self, field: &str, over: &str, given: char, filler_if_empty: bool) {
        let expected = check_digit(over).unwrap_or(0);
        if filler_if_empty && given == '<' && over.chars().all(|c| c == '<') {
            return;
        }
        match given.to_digit(10) {
            Some(d) if d == expected => {}
            Some(d) => self.errors.push(problem(
                field,
                format!("check digit printed {d}, computed {expected}"),
            )),
            None => self.errors.push(problem(
                field,
                format!("check digit printed {given:?}, which is not a digit; computed {expected}"),
            )),
        }
    }

    fn code(&mut self, code: &str, format: Format) {
        self.fields
            .insert("document_code".into(), trim_fillers(code));
        let first = code.chars().next().unwrap_or('<');
        let allowed: &[char] = match format {
            Format::Td3 => &['P'],
            Format::MrvA | Format::MrvB => &['V'],
            Format::Td1 | Format::Td2 => &['I', 'A', 'C'],
        };
        if !allowed.contains(&first) {
            self.errors.push(problem(
                "document_code",
                format!(
                    "a {} document code starts with {}, not {first:?}",
                    format.name(),
                    allowed
                        .iter()
                        .map(|c| c.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        if code.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            self.errors.push(problem(
                "document_code",
                "the second character of a document code is a letter or <",
            ));
        }
    }

    fn state(&mut self, field: &str, code: &str) {
        let trimmed = trim_fillers(code);
        if code.chars().any(|c| c.is_ascii_digit()) || code.starts_with('<') {
            self.errors.push(problem(
                field,
                format!("{code:?} is not a state code: three letters, fillers only at the end"),
            ));
        } else if !codes::known(&trimmed) {
            self.errors.push(problem(
                field,
                format!("{trimmed:?} is not a state or organisation code of ICAO Doc 9303 Part 3"),
            ));
        }
        self.fields.insert(field.into(), trimmed);
    }

    /// A document number with its check digit; when the check digit position holds a filler
    /// (TD1, TD2), the number continues in the optional data and its check digit follows it.
    fn document_number(&mut self, first: &str, check: char, optional: &str, optional_field: &str) {
        if check == '<' && !first.ends_with('<') {
            let rest: String = optional.chars().take_while(|c| *c != '<').collect();
            if rest.len() >= 2 {
                let (more, digit) = rest.split_at(rest.len() - 1);
                let number = format!("{first}{more}");
                self.fields.insert("document_number".into(), number.clone());
                self.digit(
                    "document_number_check_digit",
                    &number,
                    digit.chars().next().unwrap_or('<'),
                    false,
                );
                let after: String = optional.chars().skip(rest.len()).collect();
                self.fields
                    .insert(optional_field.into(), trim_optional(&after));
                return;
            }
        }
        self.fields
            .insert("document_number".into(), trim_fillers(first));
        self.digit("document_number_check_digit", first, check, false);
        self.fields
            .insert(optional_field.into(), trim_optional(optional));
    }

    fn date(&mut self, field: &str, yymmdd: &str, check: char, kind: Kind) {
        let check_field = format!("{field}_check_digit");
        self.digit(&check_field, yymmdd, check, false);
        let part = |i: usize| -> Option<u32> { yymmdd.get(i..i + 2)?.parse().ok() };
        let unknown = |i: usize| yymmdd.get(i..i + 2) == Some("<<");
        let (yy, mm, dd) = (part(0), part(2), part(4));
        let shown = |v: Option<u32>, width: usize| match v {
            Some(v) => format!("{v:0width$}"),
            None => "?".repeat(width),
        };
        for (i, v) in [(0, yy), (2, mm), (4, dd)] {
            if v.is_none() && !unknown(i) {
                self.errors
                    .push(problem(field, format!("{yymmdd:?} is not a date (YYMMDD)")));
                self.fields.insert(field.into(), yymmdd.to_owned());
                return;
            }
        }
        let now = self.current_year.rem_euclid(100) as u32;
        let century = self.current_year - self.current_year.rem_euclid(100);
        let year = yy.map(|y| {
            let y = y as i32;
            match kind {
                Kind::Birth if y as u32 > now => century - 100 + y,
                Kind::Birth => century + y,
                Kind::Expiry if y as u32 >= now + 50 => century - 100 + y,
                Kind::Expiry => century + y,
            }
        });
        if let Some(m) = mm
            && !(1..=12).contains(&m)
        {
            self.errors
                .push(problem(field, format!("month {m:02} does not exist")));
        }
        if let (Some(m), Some(d)) = (mm, dd)
            && (1..=12).contains(&m)
        {
            let days = crate::names::dates::days_in_month(year.map(i32::unsigned_abs), m);
            if d == 0 || d > days {
                self.errors.push(problem(
                    field,
                    format!("day {d:02} does not exist in month {m:02}"),
                ));
            }
        }
        let year_text = year.map_or_else(|| "????".to_owned(), |y| format!("{y:04}"));
        self.fields.insert(
            field.into(),
            format!("{year_text}-{}-{}", shown(mm, 2), shown(dd, 2)),
        );
    }

    fn sex(&mut self, c: char) {
        self.fields.insert(
            "sex".into(),
            match c {
                '<' => "unspecified".to_owned(),
                other => other.to_string(),
            },
        );
        if !matches!(c, 'M' | 'F' | '<') {
            self.errors.push(problem(
                "sex",
                format!("{c:?} is not allowed: M, F or < (unspecified)"),
            ));
        }
    }

    fn name(&mut self, field: &str) {
        let (primary, secondary) = match field.find("<<") {
            Some(at) => (&field[..at], &field[at + 2..]),
            None => (field, ""),
        };
        let words = |s: &str| {
            s.split('<')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        self.fields.insert("surname".into(), words(primary));
        self.fields.insert("given_names".into(), words(secondary));
        if primary.trim_start_matches('<').len() < primary.len() {
            self.errors
                .push(problem("surname", "the name field starts with a filler"));
        }
        if field.chars().any(|c| c.is_ascii_digit()) {
            self.errors.push(problem("surname", "names hold no digits"));
        }
    }
}

#[cfg(test)]
mod tests;
