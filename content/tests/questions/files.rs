//! Encodings, format detection, and the shipped sample files.

use super::*;

#[test]
fn byte_order_marks_line_ends_and_encodings() {
    let out = parse(
        Format::Gift,
        b"\xEF\xBB\xBF::Q1::One {T}\r\n\r\n::Q2::Two {=a\r\n~b}\r\n",
    )
    .unwrap();
    assert_eq!(out.entries.len(), 2);
    assert_eq!(out.entries[1].0, "line 3");
    let xml = parse(
        Format::MoodleXml,
        b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<quiz></quiz>",
    )
    .unwrap();
    assert_eq!(xml, ParseOutcome::default());
    let latin1: FormatError = parse(Format::Gift, b"::Q::Caf\xE9\n{T}").unwrap_err();
    assert_eq!(latin1.location, "line 1");
    assert!(latin1.message.contains("UTF-8"));
}

#[test]
fn formats_are_detected() {
    assert_eq!(detect("bank.gift", b""), Some(Format::Gift));
    assert_eq!(detect("Bank.TXT", b"<p>"), Some(Format::Gift));
    assert_eq!(detect("export.xml", b""), Some(Format::MoodleXml));
    assert_eq!(
        detect("upload", &fixture("sample.xml")),
        Some(Format::MoodleXml)
    );
    assert_eq!(
        detect("upload", &fixture("sample.gift")),
        Some(Format::Gift)
    );
    assert_eq!(detect("photo.jpg", b"\xFF\xD8\xFF\xE0"), None);
}

#[test]
fn the_sample_gift_file_imports_whole() {
    let out = parse(Format::Gift, &fixture("sample.gift")).unwrap();
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    let summary: Vec<(&str, &str, &str)> = out
        .entries
        .iter()
        .map(|(_, e)| {
            (
                e.category.as_str(),
                e.question.title.as_str(),
                e.question.body.kind().code(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Document examination/MRZ", "TD3 line length", "numerical"),
            (
                "Document examination/MRZ",
                "Check digit of the date of birth",
                "numerical"
            ),
            (
                "Document examination/MRZ",
                "Filler character",
                "single_choice"
            ),
            (
                "Document examination/MRZ",
                "Check digits that fail",
                "multiple_response"
            ),
            (
                "Document examination/Travel documents",
                "TD3 data page width",
                "numerical"
            ),
            (
                "Document examination/Travel documents",
                "Name line has no check digit",
                "true_false"
            ),
            (
                "Document examination/Travel documents",
                "Issuing state code",
                "short_answer"
            ),
            (
                "Document examination/Travel documents",
                "Refugee travel document",
                "single_choice"
            ),
            (
                "Document examination/Travel documents",
                "ICAO formats",
                "matching"
            ),
            (
                "Document examination/Travel documents",
                "Fields of MRZ line 2",
                "ordering"
            ),
            (
                "Document examination/Travel documents",
                "Document code",
                "short_answer"
            ),
        ]
    );
    let q = questions(&out);
    assert_eq!(q[0].tags, ["mrz", "td3"]);
    assert_eq!(q[0].competencies, ["document-examination"]);
    assert!(q[1].text.contains("`740812`"));
    assert_eq!(
        q[7].text,
        "A traveller presents a travel document that Utopia issued to her as a recognised refugee.\n\nWhich code do you expect in the nationality field?"
    );
    assert_eq!(
        q[10].text,
        "The first character of line 1 of a passport MRZ is _____ for a passport."
    );
    // What was read is written and read back unchanged.
    let entries: Vec<BankEntry> = out.entries.into_iter().map(|(_, e)| e).collect();
    assert_round_trip(&entries, &write_gift(&entries), Format::Gift);
    assert_round_trip(&entries, &write_moodle_xml(&entries), Format::MoodleXml);
}

#[test]
fn the_sample_moodle_xml_file_imports_whole() {
    let out = parse(Format::MoodleXml, &fixture("sample.xml")).unwrap();
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    let summary: Vec<(&str, &str, &str, &str)> = out
        .entries
        .iter()
        .map(|(l, e)| {
            (
                l.as_str(),
                e.category.as_str(),
                e.question.title.as_str(),
                e.question.body.kind().code(),
            )
        })
        .collect();
    let sf = "Document examination/Security features";
    let mrz = "Document examination/MRZ";
    assert_eq!(
        summary,
        [
            (
                "question 2",
                sf,
                "UV check of a Utopian passport",
                "single_choice"
            ),
            (
                "question 3",
                sf,
                "Features visible without equipment",
                "multiple_response"
            ),
            ("question 5", mrz, "Valid check digits", "true_false"),
            ("question 6", mrz, "Stateless person code", "short_answer"),
            ("question 7", mrz, "TD1 line length", "numerical"),
            ("question 8", mrz, "Document codes", "matching"),
            ("question 9", mrz, "MRZ line 1 of a TD3", "ordering"),
        ]
    );
    let q = questions(&out);
    assert_eq!(q[0].marks, 2.0);
    assert_eq!(q[0].tags, ["uv", "security-features"]);
    assert_eq!(
        q[0].text,
        "Under UV light (365 nm), the data page of a Utopian passport stays completely dark.\n\nWhat does this tell you?"
    );
    assert!(q[0].general_feedback.contains("fluorescent"));
    assert_eq!(
        q[2].body,
        Body::TrueFalse {
            answer: false,
            feedback_true: "No: a forger can compute check digits too.".into(),
            feedback_false: "Right: check digits only catch reading and copying errors.".into()
        }
    );
    assert_eq!(q[4].body.kind().code(), "numerical");
    let Body::Numerical { answers, otherwise } = &q[4].body else {
        unreachable!()
    };
    assert_eq!(
        answers.len(),
        1,
        "the '*' catch-all is not an accepted value"
    );
    assert_eq!(
        otherwise, "No: TD1 has three lines of 30 characters.",
        "it is the feedback for any other answer"
    );
    assert_eq!(
        q[5].body.option_ids(),
        [1, 2, 3],
        "the distractor is dropped"
    );
    let Body::Ordering { items } = &q[6].body else {
        unreachable!()
    };
    assert_eq!(items[0].text, "Document code");
    let entries: Vec<BankEntry> = out.entries.into_iter().map(|(_, e)| e).collect();
    assert_round_trip(&entries, &write_moodle_xml(&entries), Format::MoodleXml);
    assert_round_trip(&entries, &write_gift(&entries), Format::Gift);
}

#[test]
fn the_bad_gift_file_reports_each_problem() {
    let out = parse(Format::Gift, &fixture("bad.gift")).unwrap();
    assert_eq!(out.entries.len(), 1);
    assert_eq!(out.entries[0].1.question.title, "Good");
    assert_eq!(
        out.refused
            .iter()
            .map(|r| (r.location.as_str(), r.title.as_str(), r.reason.as_str()))
            .collect::<Vec<_>>(),
        [
            ("line 5", "Essay", "unsupported question type 'essay'"),
            ("line 7", "No correct answer", "no answer earns full marks"),
        ]
    );
}
