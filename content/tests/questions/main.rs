//! GIFT and Moodle XML question banks: reading, writing, refusals and round trips.

use assessments::questions::{Body, Choice, Item, NumberKey, Pair, Question, TextKey, check};
use content::questions::{
    BankEntry, Format, FormatError, ParseOutcome, Refusal, detect, parse, write_gift,
    write_moodle_xml,
};

mod files;
mod gift;
mod moodle_xml;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../tests/fixtures/questions/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn gift(text: &str) -> ParseOutcome {
    parse(Format::Gift, text.as_bytes()).expect("readable GIFT")
}

fn xml(text: &str) -> ParseOutcome {
    parse(Format::MoodleXml, text.as_bytes()).expect("readable XML")
}

fn only(outcome: &ParseOutcome) -> &Question {
    assert!(outcome.refused.is_empty(), "{:?}", outcome.refused);
    assert_eq!(outcome.entries.len(), 1, "{:?}", outcome.entries);
    &outcome.entries[0].1.question
}

fn questions(outcome: &ParseOutcome) -> Vec<&Question> {
    outcome.entries.iter().map(|(_, e)| &e.question).collect()
}

fn choice(id: u32, text: &str, fraction: f64, feedback: &str) -> Choice {
    Choice {
        id,
        text: text.into(),
        fraction,
        feedback: feedback.into(),
    }
}

fn question(title: &str, text: &str, body: Body) -> Question {
    Question {
        title: title.into(),
        text: text.into(),
        general_feedback: String::new(),
        marks: 1.0,
        tags: Vec::new(),
        competencies: Vec::new(),
        body,
    }
}

/// One question of every kind, with the characters both formats must escape in every field.
fn every_kind() -> Vec<BankEntry> {
    const TRICKY: &str = "a = b ~ c # d { e } f: g \\ h -> i > j < k & l ]]> m %n% [html] // o";
    let mut single = question(
        "Single: choice {1}",
        &format!("Which zone? {TRICKY}\nSecond line with `code` and **bold**."),
        Body::SingleChoice {
            options: vec![
                choice(1, "The MRZ = machine readable zone", 1.0, "Right # yes"),
                choice(2, "The VIZ ~ visual zone", 0.0, "No: {see} page 2"),
                choice(3, "%50 of the chip", 0.5, ""),
                choice(4, "Both -> neither", -0.5, "Penalty"),
            ],
        },
    );
    single.general_feedback = format!("General {TRICKY}");
    single.tags = vec!["mrz".into(), "td3 pages".into()];
    single.competencies = vec!["document-examination".into()];
    let mut multiple = question(
        "Multiple",
        "Which check digits fail?",
        Body::MultipleResponse {
            options: vec![
                choice(1, "Date of birth", 0.3333334, "Yes = 7"),
                choice(2, "Composite", 0.3333333, ""),
                choice(3, "Document number", -1.0, "No"),
                choice(4, "Expiry", 0.0, ""),
                choice(5, "Third", 0.3333333, ""),
            ],
        },
    );
    multiple.marks = 2.5;
    let truefalse = |answer, t: &str, f: &str| {
        question(
            "True or false: {x}",
            "Line 1 of a TD3 MRZ has a check digit.",
            Body::TrueFalse {
                answer,
                feedback_true: t.into(),
                feedback_false: f.into(),
            },
        )
    };
    let mut tf_general = truefalse(false, "", "Right ####");
    tf_general.general_feedback = "Line 1 has none #".into();
    let mut tf_wrong_only = truefalse(true, "", "Wrong: it is true");
    tf_wrong_only.general_feedback = "General".into();
    let short = question(
        "Short",
        "The code for a stateless person?",
        Body::ShortAnswer {
            answers: vec![
                TextKey {
                    pattern: "XXA".into(),
                    fraction: 1.0,
                    feedback: "Correct".into(),
                },
                TextKey {
                    pattern: "XX*".into(),
                    fraction: 0.25,
                    feedback: "Close = almost".into(),
                },
                TextKey {
                    pattern: "%x -> y".into(),
                    fraction: 0.0,
                    feedback: String::new(),
                },
            ],
        },
    );
    let numerical = question(
        "Numerical",
        "Characters per TD3 line?",
        Body::Numerical {
            answers: vec![
                NumberKey {
                    value: 44.0,
                    tolerance: 0.0,
                    fraction: 1.0,
                    feedback: "Yes: 44".into(),
                },
                NumberKey {
                    value: -12.75,
                    tolerance: 0.005,
                    fraction: 0.5,
                    feedback: String::new(),
                },
                NumberKey {
                    value: 1e-7,
                    tolerance: 2.5,
                    fraction: 0.0,
                    feedback: "Far".into(),
                },
            ],
            otherwise: "Count the fillers too.".into(),
        },
    );
    let matching = question(
        "Matching",
        "Match the formats.",
        Body::Matching {
            pairs: vec![
                Pair {
                    id: 1,
                    prompt: "TD1 -> card".into(),
                    answer: "3 lines = 30 chars".into(),
                },
                Pair {
                    id: 2,
                    prompt: "TD2 {x}".into(),
                    answer: "2 lines -> 36 chars".into(),
                },
                Pair {
                    id: 3,
                    prompt: "TD3: passport".into(),
                    answer: "2 lines of 44 # chars".into(),
                },
            ],
        },
    );
    let ordering = question(
        "Ordering",
        "Put line 2 in order.",
        Body::Ordering {
            items: vec![
                Item {
                    id: 1,
                    text: "Document > number".into(),
                },
                Item {
                    id: 2,
                    text: ">Nationality".into(),
                },
                Item {
                    id: 3,
                    text: "Date of birth = DOB".into(),
                },
            ],
        },
    );
    let entry = |category: &str, question: Question| BankEntry {
        category: category.into(),
        question,
        media: Vec::new(),
    };
    vec![
        entry("Document examination/MRZ", single),
        entry("Document examination/MRZ", multiple),
        entry("Default", truefalse(true, "Right", "Wrong")),
        entry("Default", tf_general),
        entry("Default", tf_wrong_only),
        entry("Default", truefalse(true, "", "")),
        entry("Interviewing", short),
        entry("Interviewing", numerical),
        entry("Document examination/MRZ", matching),
        entry("Document examination/MRZ", ordering),
    ]
}

fn assert_round_trip(entries: &[BankEntry], written: &str, format: Format) {
    for entry in entries {
        check(&entry.question).expect("the test question is valid");
    }
    let outcome = parse(format, written.as_bytes()).expect("the writer's output reads back");
    assert!(
        outcome.refused.is_empty(),
        "{:?}\n{written}",
        outcome.refused
    );
    let back: Vec<BankEntry> = outcome.entries.into_iter().map(|(_, e)| e).collect();
    assert_eq!(back.len(), entries.len(), "{written}");
    for (got, want) in back.iter().zip(entries) {
        assert_eq!(got, want, "\n{written}");
    }
}

#[test]
fn gift_round_trips_every_kind() {
    let entries = every_kind();
    let written = write_gift(&entries);
    assert!(written.starts_with("$CATEGORY: $course$/top/Document examination/MRZ\n"));
    assert!(written.contains("// [tag:td3 pages]\n"), "{written}");
    assert!(written.contains("// [competency:document-examination]\n"));
    assert!(written.contains("::Single\\: choice \\{1\\}::[markdown]"));
    assert_round_trip(&entries, &written, Format::Gift);
}

#[test]
fn moodle_xml_round_trips_every_kind() {
    let entries = every_kind();
    let written = write_moodle_xml(&entries);
    assert!(written.contains("<question type=\"category\">"));
    assert!(written.contains("<text>$course$/top/Interviewing</text>"));
    assert!(written.contains("<questiontext format=\"markdown\">"));
    assert!(written.contains("<defaultgrade>2.5</defaultgrade>"));
    assert!(written.contains("<single>false</single>"));
    assert!(written.contains("<![CDATA["));
    assert_round_trip(&entries, &written, Format::MoodleXml);
}
