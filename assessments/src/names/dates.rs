//! Dates of birth known in full or in part.
//!
//! Alert lists and travel documents carry dates with an unknown day or month (Doc 9303 writes
//! them as `XX` in the visual zone and `<<` in the MRZ; lists write `00` or leave them out).
//! Two dates are compared on what both know.

use serde::{Deserialize, Serialize};

/// A date of birth of which the year is known, and perhaps the month and the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a text is not a date of birth.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{0}' is not a date: write it as YYYY-MM-DD, YYYY-MM or YYYY")]
    Format(String),
    #[error("{0} is not a day of the calendar")]
    Impossible(String),
    #[error("a day is given without its month")]
    DayWithoutMonth,
}

/// How two dates of birth agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateAgreement {
    /// The same day, month and year.
    Same,
    /// Everything both know is the same, but one knows less (a year only, or no day).
    SameAsFarAsKnown,
    /// Day and month exchanged (`03-07` against `07-03`), the year the same.
    DayMonthSwapped,
    /// The same day and month, the year one apart.
    YearOffByOne,
    /// The same year and month, another day.
    OtherDay,
    /// The same year only.
    SameYearOnly,
    /// Different dates.
    Different,
}

impl DateAgreement {
    /// How much this agreement counts towards a match, from 0 to 1.
    pub fn value(self) -> f64 {
        match self {
            DateAgreement::Same => 1.0,
            DateAgreement::SameAsFarAsKnown => 0.85,
            DateAgreement::DayMonthSwapped => 0.8,
            DateAgreement::YearOffByOne => 0.75,
            DateAgreement::OtherDay => 0.4,
            DateAgreement::SameYearOnly => 0.2,
            DateAgreement::Different => 0.0,
        }
    }
}

/// The days in `month` of `year` (of a leap year when the year is unknown).
pub fn days_in_month(year: Option<u32>, month: u32) -> u32 {
    let leap =
        year.is_none_or(|y| y.is_multiple_of(4) && !y.is_multiple_of(100) || y.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialDate {
    /// A full date, if it exists.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<PartialDate, DateError> {
        let shown = || {
            let part = |v: Option<u8>| v.map_or("XX".into(), |v| format!("{v:02}"));
            format!("{year:04}-{}-{}", part(month), part(day))
        };
        if !(1800..=2200).contains(&year) {
            return Err(DateError::Impossible(shown()));
        }
        match (month, day) {
            (None, Some(_)) => return Err(DateError::DayWithoutMonth),
            (Some(m), _) if !(1..=12).contains(&m) => return Err(DateError::Impossible(shown())),
            (Some(m), Some(d))
                if d == 0 || u32::from(d) > days_in_month(Some(u32::from(year)), u32::from(m)) =>
            {
                return Err(DateError::Impossible(shown()));
            }
            _ => {}
        }
        Ok(PartialDate { year, month, day })
    }

    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; an unknown month or day may be written `00`,
    /// `XX` or left out.
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        let text = text.trim();
        let bad = || DateError::Format(text.chars().take(40).collect());
        let mut fields = text.split(['-', '/', '.']);
        let year = fields.next().ok_or_else(bad)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: u16 = year.parse().map_err(|_| bad())?;
        let unknown_or = |field: Option<&str>| -> Result<Option<u8>, DateError> {
            match field {
                None => Ok(None),
                Some("00" | "XX" | "xx" | "<<") => Ok(None),
                Some(f) if f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(f.parse().map_err(|_| bad())?))
                }
                Some(_) => Err(bad()),
            }
        };
        let month = unknown_or(fields.next())?;
        let day = unknown_or(fields.next())?;
        if fields.next().is_some() {
            return Err(bad());
        }
        PartialDate::new(year, month, day)
    }

    /// Whether the whole date is known.
    pub fn is_full(&self) -> bool {
        self.month.is_some() && self.day.is_some()
    }

    /// How this date agrees with `other`.
    pub fn agreement(&self, other: &PartialDate) -> DateAgreement {
        let (a, b) = (self, other);
        let month = match (a.month, b.month) {
            (Some(x), Some(y)) => Some(x == y),
            _ => None,
        };
        let day = match (a.day, b.day) {
            (Some(x), Some(y)) => Some(x == y),
            _ => None,
        };
        if a.year == b.year {
            return match (month, day) {
                (Some(true), Some(true)) => DateAgreement::Same,
                (Some(true) | None, None) => DateAgreement::SameAsFarAsKnown,
                (Some(true), Some(false)) => DateAgreement::OtherDay,
                (Some(false), _)
                    if a.is_full() && b.is_full() && a.month == b.day && a.day == b.month =>
                {
                    DateAgreement::DayMonthSwapped
                }
                _ => DateAgreement::SameYearOnly,
            };
        }
        if a.year.abs_diff(b.year) == 1 && month == Some(true) && day == Some(true) {
            return DateAgreement::YearOffByOne;
        }
        DateAgreement::Different
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn dates_read_in_full_or_in_part() {
        assert_eq!(
            d("1984-03-07"),
            PartialDate {
                year: 1984,
                month: Some(3),
                day: Some(7)
            }
        );
        assert_eq!(
            d("1984-03"),
            PartialDate {
                year: 1984,
                month: Some(3),
                day: None
            }
        );
        assert_eq!(
            d("1984-00-00"),
            PartialDate {
                year: 1984,
                month: None,
                day: None
            }
        );
        assert_eq!(d("1984-XX-XX"), d("1984"));
        assert_eq!(d("2000-02-29").to_string(), "2000-02-29");
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        assert!(matches!(
            PartialDate::parse("1990-02-30"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            PartialDate::parse("1900-02-29"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            PartialDate::parse("1990-13-01"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            PartialDate::parse("0000-01-01"),
            Err(DateError::Impossible(_))
        ));
        assert_eq!(
            PartialDate::parse("1990-00-12"),
            Err(DateError::DayWithoutMonth)
        );
        for bad in [
            "",
            "84",
            "1984-3-7",
            "07/03/1984",
            "1984-03-07-01",
            "tomorrow",
        ] {
            assert!(
                matches!(PartialDate::parse(bad), Err(DateError::Format(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn agreement_tolerates_the_usual_errors() {
        use DateAgreement::*;
        let cases = [
            ("1984-03-07", "1984-03-07", Same),
            ("1984-03-07", "1984-07-03", DayMonthSwapped),
            ("1984-03-07", "1985-03-07", YearOffByOne),
            ("1984-03-07", "1983-03-07", YearOffByOne),
            ("1984-03-07", "1984", SameAsFarAsKnown),
            ("1984-03-07", "1984-03", SameAsFarAsKnown),
            ("1984-03-07", "1984-03-17", OtherDay),
            ("1984-03-07", "1984-11-20", SameYearOnly),
            ("1984-03-07", "1986-03-07", Different),
            ("1984-03-07", "1985", Different),
            // The same day and month swapped stays the same date.
            ("1984-05-05", "1984-05-05", Same),
        ];
        for (a, b, expected) in cases {
            assert_eq!(d(a).agreement(&d(b)), expected, "{a} against {b}");
            assert_eq!(d(b).agreement(&d(a)), expected, "{b} against {a}");
        }
    }

    proptest! {
        #[test]
        fn agreement_is_symmetric_and_a_date_agrees_with_itself(
            y1 in 1900u16..2030, m1 in proptest::option::of(1u8..=12), d1 in 1u8..=28,
            y2 in 1900u16..2030, m2 in proptest::option::of(1u8..=12), d2 in 1u8..=28,
        ) {
            let a = PartialDate::new(y1, m1, m1.map(|_| d1)).unwrap();
            let b = PartialDate::new(y2, m2, m2.map(|_| d2)).unwrap();
            prop_assert_eq!(a.agreement(&b), b.agreement(&a));
            prop_assert!(a.agreement(&a).value() >= 0.85);
        }

        #[test]
        fn any_text_parses_or_is_refused(text in "\\PC{0,20}") {
            let _ = PartialDate::parse(&text);
        }
    }
}
