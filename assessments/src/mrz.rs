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
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_the_specification_example() {
        // Doc 9303 Part 4 specimen: ERIKSSON, ANNA MARIA, Utopia.
        assert_eq!(check_digit("L898902C3"), Some(6));
        assert_eq!(check_digit("740812"), Some(2));
        assert_eq!(check_digit("120415"), Some(9));
        assert_eq!(check_digit("ZE184226B<<<<<"), Some(1));
        let composite = "L898902C36".to_owned() + "7408122" + "1204159" + "ZE184226B<<<<<1";
        assert_eq!(check_digit(&composite), Some(0));
    }

    #[test]
    fn rejects_characters_outside_the_mrz_alphabet() {
        assert_eq!(check_digit("ab1"), None);
        assert_eq!(check_digit("12 3"), None);
    }

    proptest! {
        #[test]
        fn is_always_a_single_digit(s in "[A-Z0-9<]{0,44}") {
            prop_assert!(check_digit(&s).unwrap() < 10);
        }

        #[test]
        fn trailing_fillers_do_not_change_the_digit(s in "[A-Z0-9<]{0,30}", n in 0usize..10) {
            let padded = format!("{s}{}", "<".repeat(n));
            prop_assert_eq!(check_digit(&s), check_digit(&padded));
        }
    }

    const YEAR: i32 = 2026;

    fn ok(lines: &[&str]) -> Mrz {
        let m = check(lines, YEAR).unwrap();
        assert!(m.valid(), "{:?}", m.errors);
        m
    }

    fn errors(lines: &[&str]) -> Vec<String> {
        check(lines, YEAR)
            .unwrap()
            .errors
            .into_iter()
            .map(|p| p.field)
            .collect()
    }

    #[test]
    fn the_specifications_own_examples_read_and_check() {
        // Doc 9303 specimens of the fictional state Utopia, one per format.
        let td3 = ok(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ]);
        assert_eq!(td3.format, Format::Td3);
        assert_eq!(td3.fields["surname"], "ERIKSSON");
        assert_eq!(td3.fields["given_names"], "ANNA MARIA");
        assert_eq!(td3.fields["document_number"], "L898902C3");
        assert_eq!(td3.fields["date_of_birth"], "1974-08-12");
        assert_eq!(td3.fields["date_of_expiry"], "2012-04-15");
        assert_eq!(td3.fields["optional_data"], "ZE184226B");
        assert_eq!(td3.fields["sex"], "F");
        let td1 = ok(&[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ]);
        assert_eq!(
            (td1.format, td1.fields["document_number"].as_str()),
            (Format::Td1, "D23145890")
        );
        let td2 = ok(&[
            "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "D231458907UTO7408122F1204159<<<<<<<6",
        ]);
        assert_eq!(td2.format, Format::Td2);
        let mrva = ok(&[
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
        ]);
        assert_eq!(
            (mrva.format, mrva.fields["date_of_expiry"].as_str()),
            (Format::MrvA, "1996-12-10")
        );
        assert_eq!(mrva.fields["nationality"], "XXX");
        let mrvb = ok(&[
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "L8988901C4XXX4009078F9612109<<<<<<<<",
        ]);
        assert_eq!(mrvb.format, Format::MrvB);
    }

    #[test]
    fn each_wrong_check_digit_is_named() {
        // Document number check digit 6 → 5: the field and the composite fail.
        assert_eq!(
            errors(&[
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                "L898902C35UTO7408122F1204159ZE184226B<<<<<10",
            ]),
            ["document_number_check_digit", "composite_check_digit"]
        );
        // An altered date of birth with the old check digit.
        assert_eq!(
            errors(&[
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                "L898902C36UTO7409122F1204159ZE184226B<<<<<10",
            ]),
            ["date_of_birth_check_digit", "composite_check_digit"]
        );
        assert_eq!(
            errors(&[
                "I<UTOD231458907<<<<<<<<<<<<<<<",
                "7408122F1204159UTO<<<<<<<<<<<7",
                "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
            ]),
            ["composite_check_digit"]
        );
    }

    /// Issuing state and nationality are checked against Doc 9303 Part 3's list, not only
    /// their shape.
    #[test]
    fn state_codes_come_from_the_icao_list() {
        let td3 = |state: &str, nationality: &str| {
            let pad = |c: &str| format!("{c:<<3}");
            vec![
                format!("P<{}ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", pad(state)),
                compose_td3_line2(
                    "L898902C3",
                    &pad(nationality),
                    "740812",
                    'F',
                    "120415",
                    "ZE184226B",
                ),
            ]
        };
        for (state, nationality) in [
            ("UTO", "UTO"),
            ("D", "D"),
            ("GBR", "GBD"),
            ("EUE", "XXA"),
            ("UNO", "XXB"),
            ("UNK", "XXC"),
            ("UNA", "XXX"),
            ("FRA", "QZR"),
        ] {
            let lines = td3(state, nationality);
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let m = ok(&lines);
            assert_eq!(
                (
                    m.fields["issuing_state"].as_str(),
                    m.fields["nationality"].as_str()
                ),
                (state, nationality)
            );
        }
        for (state, nationality, field) in [
            ("ZZZ", "UTO", "issuing_state"),
            ("UTO", "ABC", "nationality"),
            ("DE", "UTO", "issuing_state"),
        ] {
            let lines = td3(state, nationality);
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let m = check(&lines, YEAR).unwrap();
            assert_eq!(m.errors.len(), 1, "{state} {nationality}: {:?}", m.errors);
            assert_eq!(m.errors[0].field, field);
            assert!(
                m.errors[0].message.contains("ICAO Doc 9303 Part 3"),
                "{:?}",
                m.errors
            );
        }
        assert!(
            codes::ISO_3166.windows(2).all(|w| w[0] < w[1]),
            "sorted for the search"
        );
    }

    /// Optional data is read without the fillers around it, and a wrong check digit says
    /// what is printed and what is computed.
    #[test]
    fn optional_data_is_trimmed_and_check_digits_say_printed_and_computed() {
        let line1 = "I<UTOD231458907<<<ABC123<<<<<<";
        let head = "7408122F1204159UTO<<<<<XYZ<<<";
        let composite = format!(
            "{}{}{}{}",
            &line1[5..30],
            &head[0..7],
            &head[8..15],
            &head[18..29]
        );
        let line2 = format!("{head}{}", check_digit(&composite).unwrap());
        let m = ok(&[line1, &line2, "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]);
        assert_eq!(m.fields["optional_data"], "ABC123");
        assert_eq!(m.fields["optional_data_2"], "XYZ");
        let bad = check(
            &[
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                "L898902C35UTO7408122F1204159ZE184226B<<<<<10",
            ],
            YEAR,
        )
        .unwrap();
        assert_eq!(bad.errors[0].message, "check digit printed 5, computed 6");
    }

    #[test]
    fn dates_that_do_not_exist_and_bad_codes_are_reported() {
        let e = errors(&[
            "X<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            &compose_td3_line2("L898902C3", "UTO", "741312", 'Q', "120431", "ZE184226B"),
        ]);
        assert!(e.contains(&"document_code".to_owned()), "{e:?}");
        assert!(e.contains(&"date_of_birth".to_owned()), "{e:?}");
        assert!(e.contains(&"sex".to_owned()), "{e:?}");
        assert!(e.contains(&"date_of_expiry".to_owned()), "{e:?}");
    }

    #[test]
    fn centuries_follow_the_current_year() {
        let m = check(
            &[
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                &compose_td3_line2("L898902C3", "UTO", "250101", 'F', "350101", ""),
            ],
            YEAR,
        )
        .unwrap();
        assert_eq!(m.fields["date_of_birth"], "2025-01-01");
        assert_eq!(m.fields["date_of_expiry"], "2035-01-01");
        let m = check(
            &[
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                &compose_td3_line2("L898902C3", "UTO", "300101", 'F', "990101", ""),
            ],
            YEAR,
        )
        .unwrap();
        assert_eq!(
            m.fields["date_of_birth"], "1930-01-01",
            "born in the future is impossible"
        );
        assert_eq!(m.fields["date_of_expiry"], "1999-01-01");
        assert!(m.valid());
    }

    #[test]
    fn long_document_numbers_continue_in_the_optional_data() {
        // TD1 with a 12-character document number (Doc 9303 Part 5).
        let line1 = format!("I<UTOD23145890<{}", {
            let rest = "734";
            let digit = check_digit(&format!("D23145890{rest}")).unwrap();
            format!("{rest}{digit}<<<<<<<<<<<")
        });
        let line2_body = "7408122F1204159UTO<<<<<<<<<<<";
        let composite = format!(
            "{}{}{}{}",
            &line1[5..30],
            &line2_body[0..7],
            &line2_body[8..15],
            &line2_body[18..29]
        );
        let line2 = format!("{line2_body}{}", check_digit(&composite).unwrap());
        let m = ok(&[&line1, &line2, "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]);
        assert_eq!(m.fields["document_number"], "D23145890734");
        assert_eq!(m.fields["optional_data"], "");
    }

    #[test]
    fn what_cannot_be_an_mrz_is_unreadable() {
        let unreadable = |lines: &[&str]| check(lines, YEAR).unwrap_err();
        // Wrong length.
        let e = unreadable(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<1",
        ]);
        assert!(e[0].message.contains("TD3 and MRV-A lines 44"), "{e:?}");
        // Bad characters.
        let e = unreadable(&[
            "P<UTOEriksson<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ]);
        assert_eq!(e[0].field, "line 1");
        assert!(e[0].message.contains("position 7"), "{e:?}");
        // Mixed formats.
        let e = unreadable(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "D231458907UTO7408122F1204159<<<<<<<6",
        ]);
        assert!(e[0].message.contains("different lengths"), "{e:?}");
        assert!(!unreadable(&[]).is_empty());
        assert!(!unreadable(&["A", "B", "C", "D"]).is_empty());
    }

    /// A TD3 second line with correct check digits.
    fn compose_td3_line2(
        number: &str,
        nationality: &str,
        birth: &str,
        sex: char,
        expiry: &str,
        personal: &str,
    ) -> String {
        let pad = |s: &str, n: usize| format!("{s:<<n$}");
        let number = pad(number, 9);
        let personal = pad(personal, 14);
        let d = |s: &str| check_digit(s).unwrap().to_string();
        let body = format!(
            "{number}{}{nationality}{birth}{}{sex}{expiry}{}{personal}{}",
            d(&number),
            d(birth),
            d(expiry),
            d(&personal)
        );
        let composite = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
        format!("{body}{}", d(&composite))
    }

    proptest! {
        #[test]
        fn any_text_is_read_or_refused_never_a_panic(lines in proptest::collection::vec("[A-Z0-9<a-z ]{0,50}", 0..5)) {
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let _ = check(&refs, YEAR);
        }

        #[test]
        fn any_lines_of_the_right_shape_are_read(
            a in "[A-Z0-9<]{44}", b in "[A-Z0-9<]{44}",
            c in "[A-Z0-9<]{36}", d in "[A-Z0-9<]{36}",
            e in "[A-Z0-9<]{30}", f in "[A-Z0-9<]{30}", g in "[A-Z0-9<]{30}",
        ) {
            for lines in [vec![&a, &b], vec![&c, &d], vec![&e, &f, &g]] {
                let refs: Vec<&str> = lines.iter().map(|l| l.as_str()).collect();
                let m = check(&refs, YEAR);
                prop_assert!(m.is_ok());
                prop_assert!(m.unwrap().fields.contains_key("document_number"));
            }
        }

        #[test]
        fn composed_lines_always_check(number in "[A-Z0-9]{9}", birth_day in 1u32..=28, expiry_year in 27u32..=40) {
            let line2 = compose_td3_line2(&number, "UTO", &format!("8001{birth_day:02}"), 'M', &format!("{expiry_year:02}0101"), "");
            let m = check(&["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", &line2], YEAR).unwrap();
            prop_assert!(m.valid(), "{:?}", m.errors);
        }
    }
}
