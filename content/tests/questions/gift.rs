//! GIFT: every answer block, text escapes, categories, refusals, line numbers, a large file.

use super::*;

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
        Body::Numerical { answers, .. } => answers
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

/// Moodle's numerical "any other answer": `~#feedback` scores 0 and gives its feedback, as
/// written by hand on one line and as Moodle's own export lays it out (one answer a line,
/// tab-indented).
#[test]
fn gift_numerical_any_other_answer() {
    let out = gift(
        "::Hand::How many characters on a TD3 line? {#=44#Right ~#No: count the filler characters too}\n\n         ::Export::How many lines in a TD1 MRZ?{#\n\t=%100%3:0#Three lines of 30\n\t=%50%2:0#TD2 and TD3 have two\n\t~#A TD1 card has three lines\n}\n\n         ::Star::Lines on a visa? {#=2 ~*#Visas have two lines}",
    );
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    let q = questions(&out);
    let keys = |q: &Question| match &q.body {
        Body::Numerical { answers, otherwise } => (
            answers
                .iter()
                .map(|a| (a.value, a.fraction))
                .collect::<Vec<_>>(),
            otherwise.clone(),
        ),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        keys(q[0]),
        (
            vec![(44.0, 1.0)],
            "No: count the filler characters too".into()
        )
    );
    assert_eq!(
        keys(q[1]),
        (
            vec![(3.0, 1.0), (2.0, 0.5)],
            "A TD1 card has three lines".into()
        )
    );
    assert_eq!(
        keys(q[2]),
        (vec![(2.0, 1.0)], "Visas have two lines".into())
    );
    let other =
        assessments::questions::grade(&q[0].body, &assessments::questions::Response::Number(40.0));
    assert_eq!(other.fraction, 0.0);
    assert_eq!(other.feedback, ["No: count the filler characters too"]);
    // Written back, it reads the same.
    let entries: Vec<BankEntry> = out.entries.iter().map(|(_, e)| e.clone()).collect();
    let again = gift(&write_gift(&entries));
    assert_eq!(questions(&again)[1].body, q[1].body);
    let again = xml(&write_moodle_xml(&entries));
    assert_eq!(
        questions(&again)[0].body,
        q[0].body,
        "and through Moodle XML"
    );
    // A block of nothing but "any other answer" accepts nothing: refused.
    let out = gift("::None::Count {#~#Anything}");
    assert_eq!(out.refused.len(), 1, "{:?}", out.entries);
}

/// Format markers on answers, matching pairs and feedback are removed, and each part is read
/// in its own format (an `[html]` question's answers are HTML unless they say otherwise).
#[test]
fn gift_format_markers_on_every_part() {
    let out = gift(
        "::Choice::[html]<p>Which <b>zone</b>?</p>{=[html]<i>MRZ</i>#[html]<b>Yes</b> ~[plain]VIZ & chip#[markdown]No}\n\n         ::Plain::Which zone? {=[moodle]MRZ#[plain]Right ~VIZ####[html]<p>See <em>Doc 9303</em></p>}\n\n         ::Pairs::Match {=[html]<b>TD1</b> -> [plain]30 =TD3 -> 44}\n\n         ::Num::[html]<p>TD3 characters?</p>{#=44#[html]<b>Right</b> ~#[plain]Count the < too}",
    );
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    let q = questions(&out);
    let Body::SingleChoice { options } = &q[0].body else {
        panic!("{:?}", q[0].body)
    };
    assert_eq!(
        options
            .iter()
            .map(|o| (o.text.as_str(), o.feedback.as_str()))
            .collect::<Vec<_>>(),
        [("MRZ", "Yes"), ("VIZ & chip", "No")]
    );
    let Body::SingleChoice { options } = &q[1].body else {
        panic!("{:?}", q[1].body)
    };
    assert_eq!(
        (options[0].text.as_str(), options[0].feedback.as_str()),
        ("MRZ", "Right")
    );
    assert_eq!(q[1].general_feedback, "See Doc 9303");
    let Body::Matching { pairs } = &q[2].body else {
        panic!("{:?}", q[2].body)
    };
    assert_eq!(
        pairs
            .iter()
            .map(|p| (p.prompt.as_str(), p.answer.as_str()))
            .collect::<Vec<_>>(),
        [("TD1", "30"), ("TD3", "44")]
    );
    let Body::Numerical { answers, otherwise } = &q[3].body else {
        panic!("{:?}", q[3].body)
    };
    assert_eq!(answers[0].feedback, "Right");
    assert_eq!(otherwise, "Count the < too");
    let all = format!("{:?}", q);
    for m in ["[html]", "[plain]", "[markdown]", "[moodle]", "<b>", "<i>"] {
        assert!(!all.contains(m), "{m} left in {all}");
    }
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
