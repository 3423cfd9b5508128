//! Moodle XML: reading an export, refusals, malformed files.

use super::*;

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

/// Current Moodle refuses a multiple-response question whose right options do not share out
/// exactly 100 %; so does Checkpoint, saying by how much.
#[test]
fn moodle_xml_multiple_response_weights_must_add_up() {
    let multi = |fractions: &[&str]| {
        let answers: String = fractions
            .iter()
            .enumerate()
            .map(|(i, f)| format!("<answer fraction=\"{f}\"><text>option {i}</text></answer>"))
            .collect();
        format!(
            "<quiz><question type=\"multichoice\"><name><text>Which?</text></name>\
             <questiontext format=\"html\"><text>Which zones?</text></questiontext>\
             <single>false</single>{answers}</question></quiz>"
        )
    };
    for (fractions, sum) in [
        (&["50", "50", "50"][..], "150"),
        (&["50", "25", "-100"][..], "75"),
    ] {
        let out = xml(&multi(fractions));
        assert!(out.entries.is_empty(), "{fractions:?}");
        assert_eq!(
            out.refused[0].reason,
            format!("the positive weights add up to {sum}%, not 100%")
        );
    }
    for ok in [
        &["50", "50", "-100"][..],
        &["33.33333", "33.33333", "33.33334", "0"][..],
    ] {
        let out = xml(&multi(ok));
        assert!(out.refused.is_empty(), "{ok:?}: {:?}", out.refused);
    }
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

/// A 2 × 2 PNG, as Moodle writes embedded files (base64).
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8AARAxg8j8AG/ID/fPnS7EAAAAASUVORK5CYII=";

#[test]
fn images_carried_in_the_file_come_with_their_question() {
    use base64::Engine as _;
    let png = base64::engine::general_purpose::STANDARD
        .decode(PNG)
        .unwrap();
    // Moodle 2+: `@@PLUGINFILE@@` links to `<file>` elements beside the text; names are
    // URL-encoded in the link.
    let out = xml(&format!(
        r#"<quiz><question type="truefalse">
    <name><text>UV</text></name>
    <questiontext format="html"><text><![CDATA[<p>Look at the data page.</p><p><img src="@@PLUGINFILE@@/uv%20lamp.png" alt="Data page under UV light" width="300"></p><img src='https://example.org/track.png'>]]></text>
      <file name="uv lamp.png" path="/" encoding="base64">{PNG}</file>
    </questiontext>
    <answer fraction="100"><text>true</text><feedback format="html"><text><![CDATA[Yes: <img alt="the fibres" src="@@PLUGINFILE@@/fibres.png"/>]]></text><file name="fibres.png" path="/" encoding="base64">{PNG}</file></feedback></answer>
    <answer fraction="0"><text>false</text></answer>
  </question></quiz>"#
    ));
    let q = only(&out);
    assert_eq!(
        q.text,
        "Look at the data page.\n\n![Data page under UV light](embedded:uv_lamp.png)"
    );
    let media = &out.entries[0].1.media;
    let names: Vec<&str> = media.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["uv_lamp.png", "fibres.png"]);
    assert!(media.iter().all(|m| m.bytes == png));

    // Moodle 1.x: one `<image>` per question with its data beside it, shown under the text.
    let out = xml(&format!(
        r#"<quiz><question type="truefalse">
    <questiontext><text>Is this visa genuine?</text></questiontext>
    <image>images/visa.png</image>
    <image_base64>{PNG}</image_base64>
    <answer fraction="100"><text>false</text></answer><answer fraction="0"><text>true</text></answer>
  </question></quiz>"#
    ));
    assert_eq!(
        only(&out).text,
        "Is this visa genuine?\n\n![](embedded:visa.png)"
    );
    assert_eq!(out.entries[0].1.media[0].bytes, png);
}

#[test]
fn an_image_the_file_does_not_carry_refuses_its_question_with_the_reason() {
    let refused = |body: &str| {
        let out = xml(&format!(
            r#"<quiz><question type="truefalse"><name><text>Q</text></name>{body}<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>"#
        ));
        assert!(out.entries.is_empty(), "{body}");
        out.refused[0].reason.clone()
    };
    let reason = refused(
        r#"<questiontext format="html"><text>&lt;img src="@@PLUGINFILE@@/gone.png"&gt;</text></questiontext>"#,
    );
    assert!(
        reason.contains("'gone.png', which the file does not carry"),
        "{reason}"
    );
    let reason =
        refused(r#"<questiontext><text>Q</text></questiontext><image>images/visa.png</image>"#);
    assert!(reason.contains("'images/visa.png'"), "{reason}");
    let reason = refused(
        r#"<questiontext format="html"><text>&lt;img src="@@PLUGINFILE@@/a.png"&gt;</text><file name="a.png" encoding="base64">not base64!</file></questiontext>"#,
    );
    assert!(reason.contains("'a.png' is not valid base64"), "{reason}");
}
