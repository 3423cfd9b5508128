//! GIFT and Moodle XML question banks: reading, writing, refusals and round trips.

use assessments::questions::{Body, Choice, Item, NumberKey, Pair, Question, TextKey, check};
use content::questions::{
    BankEntry, Format, FormatError, ParseOutcome, Refusal, detect, parse, write_gift,
    write_moodle_xml,
};

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
                choice(1, "Date of birth", 0.5, "Yes = 7"),
                choice(2, "Composite", 0.5, ""),
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

#[test]
fn gift_reads_every_answer_block() {
    let out = gift(
        "::SC::Which zone?{=MRZ#yes ~VIZ#no ~%50%Chip#half}\n\n\
         Multi{~%50%a ~%50%b ~%-100%c}\n\n\
         ::TF::Statement {T}\n\n\
         ::TF2::Statement {FALSE#wrong fb#right fb####general}\n\n\
         ::SA::Code? {=XXA =%50%XX* ####Read the list}\n\n\
         ::NUM::Width? {#12.5:0.01}\n\n\
         ::RANGE::Between {#1..5}\n\n\
         ::MULTI::Width {#=%100%12.5:0.005#exact =%50%12.4:0.1#close}\n\n\
         ::MATCH::Match {=TD1 -> 30 =TD3 -> 44 = -> distractor}\n\n\
         ::ORDER::Order {>first >second >third}\n\n\
         ::AFTER::The code {=UTO} is Utopia's.",
    );
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    let q = questions(&out);
    assert_eq!(
        q[0].body,
        Body::SingleChoice {
            options: vec![
                choice(1, "MRZ", 1.0, "yes"),
                choice(2, "VIZ", 0.0, "no"),
                choice(3, "Chip", 0.5, "half")
            ]
        }
    );
    assert_eq!(q[1].title, "Multi");
    assert_eq!(
        q[1].body,
        Body::MultipleResponse {
            options: vec![
                choice(1, "a", 0.5, ""),
                choice(2, "b", 0.5, ""),
                choice(3, "c", -1.0, "")
            ]
        }
    );
    assert_eq!(
        q[2].body,
        Body::TrueFalse {
            answer: true,
            feedback_true: String::new(),
            feedback_false: String::new()
        }
    );
    // Moodle's order: the first feedback shows when the learner is wrong.
    assert_eq!(
        q[3].body,
        Body::TrueFalse {
            answer: false,
            feedback_true: "wrong fb".into(),
            feedback_false: "right fb".into()
        }
    );
    assert_eq!(q[3].general_feedback, "general");
    assert_eq!(q[4].general_feedback, "Read the list");
    let Body::ShortAnswer { answers } = &q[4].body else {
        panic!("{:?}", q[4].body)
    };
    assert_eq!(
        answers
            .iter()
            .map(|a| (a.pattern.as_str(), a.fraction))
            .collect::<Vec<_>>(),
        [("XXA", 1.0), ("XX*", 0.5)]
    );
    let numbers = |q: &Question| match &q.body {
        Body::Numerical { answers } => answers
            .iter()
            .map(|a| (a.value, a.tolerance, a.fraction))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(numbers(q[5]), [(12.5, 0.01, 1.0)]);
    assert_eq!(numbers(q[6]), [(3.0, 2.0, 1.0)]);
    assert_eq!(numbers(q[7]), [(12.5, 0.005, 1.0), (12.4, 0.1, 0.5)]);
    assert_eq!(
        q[8].body,
        Body::Matching {
            pairs: vec![
                Pair {
                    id: 1,
                    prompt: "TD1".into(),
                    answer: "30".into()
                },
                Pair {
                    id: 2,
                    prompt: "TD3".into(),
                    answer: "44".into()
                },
            ]
        }
    );
    assert_eq!(
        q[9].body.option_ids(),
        [1, 2, 3],
        "ordering ids follow the file"
    );
    assert_eq!(q[10].text, "The code _____ is Utopia's.");
    assert!(matches!(q[10].body, Body::ShortAnswer { .. }));
    assert!(q.iter().all(|q| q.marks == 1.0));
    assert_eq!(out.entries[1].0, "line 3");
    assert!(out.entries.iter().all(|(_, e)| e.category == "Default"));
}

#[test]
fn gift_text_escapes_formats_and_default_titles() {
    let out = gift(
        "// [tag:mrz]\n// [tag:check-digits] [competency:document-examination]\n\
         [html]<p>Weights 7\\, 3\\, 1: A \\= 10 &amp; \\{Z\\} \\= 35\\nnext</p>{=ok ~no}\n",
    );
    let q = only(&out);
    assert_eq!(q.text, "Weights 7\\, 3\\, 1: A = 10 & {Z} = 35 next");
    assert_eq!(q.title, "Weights 7\\, 3\\, 1: A = 10 & {Z} = 35 next");
    assert_eq!(q.tags, ["mrz", "check-digits"]);
    assert_eq!(q.competencies, ["document-examination"]);
    let long = "x".repeat(100);
    let out = gift(&format!("[plain]{long} \\n second line {{T}}"));
    let q = only(&out);
    assert_eq!(q.text, format!("{long} \n second line"));
    assert_eq!(q.title, "x".repeat(60));
}

#[test]
fn gift_categories_and_comments() {
    let out = gift(
        "// A file comment, not a tag.\n\n\
         $CATEGORY: $course$/top/Document examination/MRZ\n\n\
         // [tag:a]\n\n\
         ::Q1::One {T}\n\n\
         $CATEGORY: $system$/Imposters\n\
         ::Q2::Two {T}\n\n\
         $CATEGORY: top/Visas\n\n\
         // question: 3 name: Q3\n// [tag:visa]\n::Q3::Three\n// an inner comment\n{\n\n=x\n\n~y\n}\n\n\
         $CATEGORY: Travel documents\n\n::Q4::Four {F}",
    );
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    let got: Vec<(&str, &str, &[String], &str)> = out
        .entries
        .iter()
        .map(|(l, e)| {
            (
                l.as_str(),
                e.category.as_str(),
                e.question.tags.as_slice(),
                e.question.title.as_str(),
            )
        })
        .collect();
    let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got[0],
        ("line 7", "Document examination/MRZ", &[][..], "Q1")
    );
    assert_eq!(got[1], ("line 10", "Imposters", &[][..], "Q2"));
    assert_eq!(got[2], ("line 16", "Visas", &tags(&["visa"])[..], "Q3"));
    assert_eq!(got[3], ("line 27", "Travel documents", &[][..], "Q4"));
    assert_eq!(questions(&out)[2].text, "Three");
}

#[test]
fn gift_refuses_what_it_cannot_import_and_keeps_the_rest() {
    let out = gift(
        "::Essay::Describe the page.{}\n\n\
         ::Description::Read the next questions carefully.\n\n\
         ::Cloze::The code is {1:SHORTANSWER:=UTO} and the format {1:MC:=TD3~TD1}.\n\n\
         ::None::Which?{~a ~b}\n\n\
         ::BadNumber::How many?{#forty-four}\n\n\
         ::EmptyOption::Which?{=a ~ }\n\n\
         ::BadWeight::Which?{=a ~%half%b}\n\n\
         ::Good::Which code?{=UTO ~UTP}\n\n\
         No title, and no answer block either, so this is a description too.\n",
    );
    assert_eq!(
        out.entries
            .iter()
            .map(|(l, e)| (l.as_str(), e.question.title.as_str()))
            .collect::<Vec<_>>(),
        [("line 15", "Good")]
    );
    let refusal = |location: &str, title: &str, reason: &str| Refusal {
        location: location.into(),
        title: title.into(),
        reason: reason.into(),
    };
    assert_eq!(
        out.refused,
        [
            refusal("line 1", "Essay", "unsupported question type 'essay'"),
            refusal("line 3", "Description", "a description is not a question"),
            refusal("line 5", "Cloze", "unsupported question type 'cloze'"),
            refusal("line 7", "None", "no answer earns full marks"),
            refusal("line 9", "BadNumber", "'forty-four' is not a number"),
            refusal("line 11", "EmptyOption", "an option is empty"),
            refusal("line 13", "BadWeight", "'%half%' is not a valid weight"),
            refusal(
                "line 17",
                "No title, and no answer block either, so this is a descripti",
                "a description is not a question"
            ),
        ]
    );
}

#[test]
fn an_unclosed_gift_block_names_the_line_it_opened_on() {
    let err = parse(
        Format::Gift,
        b"::Q1::Fine {T}\n\n::Q2::Broken {\n=a\n~b\n\n::Q3::Next {T}\n",
    )
    .unwrap_err();
    // Q3's braces balance, so the block of Q2 (line 3) is the one left open.
    assert_eq!(err.location, "line 3");
    assert!(err.message.contains("never closed"), "{err}");
    assert_eq!(err.to_string(), format!("line 3: {}", err.message));
    let err = parse(Format::Gift, b"::Q1::Fine {T}\n\n::Q2::Stray } brace {T}\n").unwrap_err();
    assert_eq!(err.location, "line 3");
    // Escaped braces are text.
    let q = only(&gift("::Q::A \\{ brace \\} {T}")).text.clone();
    assert_eq!(q, "A { brace }");
}

#[test]
fn a_thousand_question_gift_file_parses() {
    let mut file = String::from("$CATEGORY: $course$/top/Generated\n\n");
    for i in 0..1000 {
        match i % 5 {
            0 => file.push_str(&format!(
                "// [tag:gen]\n::Q{i}::Is {i} even?{{{}}}\n\n",
                if i % 2 == 0 { "T" } else { "F" }
            )),
            1 => file.push_str(&format!(
                "::Q{i}::Which is {i}?{{\n\t={i}#yes\n\t~{}#no\n}}\n\n",
                i + 1
            )),
            2 => file.push_str(&format!("::Q{i}::Type {i}.{{={i}}}\n\n")),
            3 => file.push_str(&format!("::Q{i}::{i} plus one?{{#{}:0}}\n\n", i + 1)),
            _ => file.push_str(&format!("::Q{i}::Order {i}.{{>a{i} >b{i} >c{i}}}\n\n")),
        }
    }
    let out = gift(&file);
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    assert_eq!(out.entries.len(), 1000);
    assert_eq!(out.entries[999].1.question.title, "Q999");
    assert!(out.entries.iter().all(|(_, e)| e.category == "Generated"));
}

#[test]
fn moodle_xml_reads_an_export() {
    let out = xml(r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Default for UTO/Document examination</text></category></question>
  <question type="multichoice">
    <name><text></text></name>
    <questiontext format="html"><text>&lt;p&gt;Which zone&amp;nbsp;is &lt;b&gt;machine&lt;/b&gt; readable?&lt;/p&gt;&lt;p&gt;Pick one.&lt;br&gt;Only one.&lt;/p&gt;</text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>The MRZ &amp; nothing else.</p>]]></text></generalfeedback>
    <defaultgrade>3.0000000</defaultgrade>
    <single>true</single>
    <answer fraction="100" format="html"><text><![CDATA[<p>MRZ</p>]]></text><feedback format="html"><text>Yes</text></feedback></answer>
    <answer fraction="-33.33333" format="html"><text>VIZ</text></answer>
    <tags><tag><text>mrz</text></tag><tag><text>zones</text></tag></tags>
  </question>
</quiz>"#);
    let (location, entry) = &out.entries[0];
    assert_eq!(location, "question 2");
    assert_eq!(entry.category, "Default for UTO/Document examination");
    let q = only(&out);
    assert_eq!(
        q.text,
        "Which zone is machine readable?\n\nPick one.\nOnly one."
    );
    assert_eq!(
        q.title,
        "Which zone is machine readable? Pick one. Only one."
    );
    assert_eq!(q.general_feedback, "The MRZ & nothing else.");
    assert_eq!(q.marks, 3.0);
    assert_eq!(q.tags, ["mrz", "zones"]);
    assert_eq!(
        q.body,
        Body::SingleChoice {
            options: vec![
                choice(1, "MRZ", 1.0, "Yes"),
                choice(2, "VIZ", -0.3333333, "")
            ]
        }
    );
}

#[test]
fn moodle_xml_refuses_what_it_cannot_import() {
    let q = |kind: &str, name: &str, extra: &str| {
        format!(
            "<question type=\"{kind}\"><name><text>{name}</text></name>\
             <questiontext format=\"html\"><text>Text of {name}</text></questiontext>{extra}</question>\n"
        )
    };
    let file = format!(
        "<quiz>\n{}{}{}{}{}{}{}{}</quiz>",
        q("essay", "Essay", ""),
        q("description", "Description", ""),
        q("cloze", "Cloze", ""),
        q("calculatedsimple", "Calculated", ""),
        q("dragdrop-2030", "Unknown", ""),
        q(
            "multichoice",
            "None",
            "<single>false</single><answer fraction=\"0\"><text>a</text></answer><answer fraction=\"0\"><text>b</text></answer>"
        ),
        q(
            "numerical",
            "BadNumber",
            "<answer fraction=\"100\"><text>forty</text></answer>"
        ),
        q(
            "truefalse",
            "Good",
            "<answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer>"
        ),
    );
    let out = xml(&file);
    assert_eq!(out.entries.len(), 1);
    assert_eq!(out.entries[0].0, "question 8");
    let refused: Vec<(&str, &str, &str)> = out
        .refused
        .iter()
        .map(|r| (r.location.as_str(), r.title.as_str(), r.reason.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            ("question 1", "Essay", "unsupported question type 'essay'"),
            (
                "question 2",
                "Description",
                "unsupported question type 'description'"
            ),
            ("question 3", "Cloze", "unsupported question type 'cloze'"),
            (
                "question 4",
                "Calculated",
                "unsupported question type 'calculatedsimple'"
            ),
            (
                "question 5",
                "Unknown",
                "unsupported question type 'dragdrop-2030'"
            ),
            ("question 6", "None", "no answer earns full marks"),
            ("question 7", "BadNumber", "'forty' is not a number"),
        ]
    );
}

#[test]
fn malformed_xml_is_a_format_error_with_a_line() {
    let err = parse(Format::MoodleXml, &fixture("malformed.xml")).unwrap_err();
    assert_eq!(err.location, "line 9", "{err}");
    assert!(!err.message.is_empty());
    let cut = parse(
        Format::MoodleXml,
        b"<quiz>\n<question type=\"truefalse\">\n<name>",
    )
    .unwrap_err();
    assert_eq!(cut.location, "line 3", "{cut}");
    let not_moodle = parse(Format::MoodleXml, b"\n<html><body/></html>").unwrap_err();
    assert_eq!(not_moodle.location, "line 2", "{not_moodle}");
    let garbage = parse(Format::MoodleXml, b"<quiz>\n<question type=\"x\" <</quiz>").unwrap_err();
    assert_eq!(garbage.location, "line 2", "{garbage}");
}

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
    let Body::Numerical { answers } = &q[4].body else {
        unreachable!()
    };
    assert_eq!(answers.len(), 1, "the '*' catch-all is dropped");
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
