//! Moodle XML (the subset in `docs/question-formats.md`).
//!
//! The file is read into a small element tree first (so malformed XML fails as a whole, with
//! its line), then each `<question>` is read on its own.

use std::fmt::Write as _;

use assessments::questions::{Body, Choice, Item, NumberKey, Pair, Question, TextKey};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{
    BankEntry, DEFAULT_CATEGORY, EMBEDDED, EmbeddedImage, FormatError, MAX_EMBEDDED_BYTES,
    ParseOutcome, Refusal, accept, clean_category, default_title, embedded_name, embedded_refs,
    from_percent, html_to_text, line_of, number, one_line, parse_number, percent,
};

/// An XML element with its attributes and content.
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    line: usize,
}

enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find_map(|n| match n {
            Node::Element(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter_map(move |n| match n {
            Node::Element(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The element's own text (CDATA included), trimmed.
    fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                s.push_str(t);
            }
        }
        s.trim().to_owned()
    }

    /// The text of the `<text>` child, converted to plain text when the element's `format`
    /// (or `default` when it has none) is HTML.
    fn formatted(&self, default: &str) -> String {
        let raw = self.child("text").map(Element::text).unwrap_or_default();
        if self.attr("format").unwrap_or(default) == "html" {
            html_to_text(&raw)
        } else {
            raw
        }
    }
}

/// Line numbers of increasing byte offsets, counted incrementally.
struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, pos: u64) -> usize {
        let pos = usize::try_from(pos)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        if pos < self.pos {
            return line_of(self.bytes, pos);
        }
        self.line += self.bytes[self.pos..pos]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.pos = pos;
        self.line
    }
}

/// XML's five entities, and named entities that HTML editors leave in files that call
/// themselves XML.
fn html_entity(name: &str) -> Option<&'static str> {
    if let Some(predefined) = quick_xml::escape::resolve_predefined_entity(name) {
        return Some(predefined);
    }
    Some(match name {
        "nbsp" => "\u{a0}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "eacute" => "é",
        "egrave" => "è",
        "agrave" => "à",
        "ccedil" => "ç",
        "times" => "×",
        "deg" => "°",
        "euro" => "€",
        "copy" => "©",
        _ => return None,
    })
}

/// The deepest nesting read. Moodle XML nests about six deep; a tree much deeper than this is
/// an attack on the recursion that frees it, not a question bank.
const MAX_DEPTH: usize = 64;

fn read_tree(text: &str) -> Result<Element, FormatError> {
    let bytes = text.as_bytes();
    let mut reader = Reader::from_str(text);
    let mut lines = Lines {
        bytes,
        pos: 0,
        line: 1,
    };
    let error = |line: usize, message: String| FormatError {
        location: format!("line {line}"),
        message,
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let line = line_of(bytes, usize::try_from(reader.error_position()).unwrap_or(0));
                return Err(error(line, e.to_string()));
            }
        };
        let line = lines.at(reader.buffer_position());
        let bad = |e: &dyn std::fmt::Display| error(line, e.to_string());
        let finished = match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error(
                        line,
                        format!(
                            "elements are nested more than {MAX_DEPTH} deep; Moodle XML needs fewer than ten"
                        ),
                    ));
                }
                stack.push(element(&e, line).map_err(|e| bad(&e))?);
                None
            }
            Event::Empty(e) => Some(element(&e, line).map_err(|e| bad(&e))?),
            Event::End(_) => Some(
                stack
                    .pop()
                    .ok_or_else(|| error(line, "a closing tag closes nothing".into()))?,
            ),
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let s = t.unescape_with(html_entity).map_err(|e| bad(&e))?;
                    top.children.push(Node::Text(s.into_owned()));
                }
                None
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    let s = c.decode().map_err(|e| bad(&e))?;
                    top.children.push(Node::Text(s.into_owned()));
                }
                None
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some(done) = finished {
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Element(done)),
                None if root.is_none() => root = Some(done),
                None => {
                    return Err(error(
                        line,
                        "the file has more than one root element".into(),
                    ));
                }
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(error(
            open.line,
            format!(
                "<{}> opened on this line is never closed (the file is cut short?)",
                open.name
            ),
        ));
    }
    let root = root.ok_or_else(|| error(1, "the file has no <quiz> element".into()))?;
    if root.name != "quiz" {
        return Err(error(
            root.line,
            format!(
                "this is not Moodle XML: the root element is <{}>, not <quiz>",
                root.name
            ),
        ));
    }
    Ok(root)
}

fn element(e: &BytesStart, line: usize) -> Result<Element, quick_xml::Error> {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(quick_xml::Error::from)?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        attrs.push((key, a.unescape_value()?.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
        line,
    })
}

/// Reads a whole Moodle XML file (already UTF-8, BOM stripped, `\n` line ends).
pub(super) fn parse(text: &str) -> Result<ParseOutcome, FormatError> {
    let quiz = read_tree(text)?;
    let mut out = ParseOutcome::default();
    let mut category = DEFAULT_CATEGORY.to_owned();
    for (index, q) in quiz.all("question").enumerate() {
        let location = format!("question {}", index + 1);
        let kind = q.attr("type").unwrap_or("").trim();
        if kind == "category" {
            if let Some(path) = q.child("category") {
                category = clean_category(&path.formatted("plain_text"));
            }
            continue;
        }
        let text = q
            .child("questiontext")
            .map(|t| t.formatted("html"))
            .unwrap_or_default();
        let name = q.child("name").map(|n| n.formatted("plain_text"));
        let title = match name {
            Some(n) if !n.is_empty() => n,
            _ => default_title(&text),
        };
        match question(q, kind, title.clone(), text) {
            Ok(question) => match embedded(q, question) {
                Ok((question, media)) => accept(&mut out, location, &category, question, media),
                Err(reason) => out.refused.push(Refusal {
                    location,
                    title,
                    reason,
                }),
            },
            Err(reason) => out.refused.push(Refusal {
                location,
                title,
                reason,
            }),
        }
    }
    Ok(out)
}

/// The images `q` carries (`<file encoding="base64">` anywhere in it, and the older
/// `<image>` with `<image_base64>`) that `question`'s texts show; the older image is added
/// under the question's text. A text that shows an image the file does not carry, an
/// `<image>` without its data, or a file that cannot be decoded refuses the question: nothing
/// is dropped without a word.
fn embedded(q: &Element, mut question: Question) -> Result<(Question, Vec<EmbeddedImage>), String> {
    let decode = |name: &str, data: &str| -> Result<Vec<u8>, String> {
        use base64::Engine as _;
        let data: String = data.split_whitespace().collect();
        if data.len() / 4 * 3 > MAX_EMBEDDED_BYTES {
            return Err(format!(
                "the embedded file '{name}' is larger than {} MB",
                MAX_EMBEDDED_BYTES / (1024 * 1024)
            ));
        }
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|_| format!("the embedded file '{name}' is not valid base64"))
    };
    let mut files: Vec<(String, String, usize)> = Vec::new();
    collect_files(q, &mut files);
    if let Some(image) = q
        .child("image")
        .map(Element::text)
        .filter(|i| !i.is_empty())
    {
        let name = image.rsplit('/').next().unwrap_or(&image).to_owned();
        match q
            .child("image_base64")
            .map(Element::text)
            .filter(|d| !d.is_empty())
        {
            Some(data) => {
                files.push((name.clone(), data, q.line));
                question.text = format!(
                    "{}\n\n![]({EMBEDDED}{})",
                    question.text,
                    embedded_name(&name)
                )
                .trim_start()
                .to_owned();
            }
            None => {
                return Err(format!(
                    "the question shows the image '{image}', which the file does not carry (export it with its images)"
                ));
            }
        }
    }
    let mut media = Vec::new();
    for name in embedded_refs(&question) {
        let Some((file_name, data, _)) = files.iter().find(|(f, _, _)| embedded_name(f) == name)
        else {
            return Err(format!(
                "the question shows the image '{name}', which the file does not carry"
            ));
        };
        media.push(EmbeddedImage {
            name,
            bytes: decode(file_name, data)?,
        });
    }
    Ok((question, media))
}

/// Every `<file>` inside `e`: (name, base64 data, line).
fn collect_files(e: &Element, out: &mut Vec<(String, String, usize)>) {
    for n in &e.children {
        if let Node::Element(child) = n {
            if child.name == "file" {
                out.push((
                    child.attr("name").unwrap_or("").to_owned(),
                    child.text(),
                    child.line,
                ));
            } else {
                collect_files(child, out);
            }
        }
    }
}

/// One answer: its text, weight (fraction) and feedback.
struct Answer<'a> {
    element: &'a Element,
    text: String,
    fraction: f64,
    feedback: String,
}

fn answers(q: &Element) -> Result<Vec<Answer<'_>>, String> {
    q.all("answer")
        .map(|a| {
            let fraction = match a.attr("fraction") {
                None => 0.0,
                Some(f) => from_percent(
                    parse_number(f).ok_or_else(|| format!("'{f}' is not a valid answer weight"))?,
                ),
            };
            Ok(Answer {
                element: a,
                text: a.formatted("plain_text"),
                fraction,
                feedback: a
                    .child("feedback")
                    .map(|f| f.formatted("html"))
                    .unwrap_or_default(),
            })
        })
        .collect()
}

fn question(q: &Element, kind: &str, title: String, text: String) -> Result<Question, String> {
    let body = match kind {
        "multichoice" => {
            let single = q
                .child("single")
                .map(|s| s.text().to_ascii_lowercase())
                .is_none_or(|s| s == "true" || s == "1");
            let options = answers(q)?
                .into_iter()
                .zip(1..)
                .map(|(a, id)| Choice {
                    id,
                    text: a.text,
                    fraction: a.fraction,
                    feedback: a.feedback,
                })
                .collect();
            if single {
                Body::SingleChoice { options }
            } else {
                Body::MultipleResponse { options }
            }
        }
        "truefalse" => {
            let answers = answers(q)?;
            let says_true = |a: &Answer| a.text.trim().eq_ignore_ascii_case("true");
            let right = answers
                .iter()
                .find(|a| (a.fraction - 1.0).abs() < 1e-9)
                .ok_or("neither 'true' nor 'false' is marked as the right answer (fraction 100)")?;
            let feedback_for = |value: bool| {
                answers
                    .iter()
                    .find(|a| says_true(a) == value)
                    .map(|a| a.feedback.clone())
                    .unwrap_or_default()
            };
            Body::TrueFalse {
                answer: says_true(right),
                feedback_true: feedback_for(true),
                feedback_false: feedback_for(false),
            }
        }
        "shortanswer" => Body::ShortAnswer {
            answers: answers(q)?
                .into_iter()
                .map(|a| TextKey {
                    pattern: a.text,
                    fraction: a.fraction,
                    feedback: a.feedback,
                })
                .collect(),
        },
        "numerical" => {
            let mut keys = Vec::new();
            let mut otherwise = String::new();
            for a in answers(q)? {
                // `*` matches any other answer, to give it feedback (and no marks).
                if a.text == "*" || a.text.is_empty() {
                    otherwise = a.feedback;
                    continue;
                }
                let value =
                    parse_number(&a.text).ok_or_else(|| format!("'{}' is not a number", a.text))?;
                let tolerance = match a.element.child("tolerance").map(Element::text) {
                    Some(t) if !t.is_empty() => parse_number(&t)
                        .ok_or_else(|| format!("'{t}' is not a valid tolerance"))?
                        .abs(),
                    _ => 0.0,
                };
                keys.push(NumberKey {
                    value,
                    tolerance,
                    fraction: a.fraction,
                    feedback: a.feedback,
                });
            }
            Body::Numerical {
                answers: keys,
                otherwise,
            }
        }
        "matching" => Body::Matching {
            pairs: q
                .all("subquestion")
                .filter_map(|s| {
                    let prompt = s.formatted("html");
                    // A subquestion without a prompt is a distractor: Checkpoint has none.
                    (!prompt.is_empty()).then(|| {
                        let answer = s
                            .child("answer")
                            .map(|a| a.formatted("plain_text"))
                            .unwrap_or_default();
                        (prompt, answer)
                    })
                })
                .zip(1..)
                .map(|((prompt, answer), id)| Pair { id, prompt, answer })
                .collect(),
        },
        "ordering" => {
            let mut answers = answers(q)?;
            // qtype_ordering keeps each item's correct position in `fraction`.
            answers.sort_by(|a, b| a.fraction.total_cmp(&b.fraction));
            Body::Ordering {
                items: answers
                    .into_iter()
                    .zip(1..)
                    .map(|(a, id)| Item { id, text: a.text })
                    .collect(),
            }
        }
        "" => return Err("the question has no type".into()),
        other => return Err(format!("unsupported question type '{other}'")),
    };
    let marks = match q.child("defaultgrade").map(Element::text) {
        Some(g) if !g.is_empty() => {
            parse_number(&g).ok_or_else(|| format!("'{g}' is not a valid default grade"))?
        }
        _ => 1.0,
    };
    let texts = |outer: &str, inner: &'static str| -> Vec<String> {
        q.all(outer)
            .flat_map(|list| list.all(inner))
            .map(|t| one_line(&t.formatted("plain_text")))
            .filter(|t| !t.is_empty())
            .collect()
    };
    Ok(Question {
        title,
        text,
        general_feedback: q
            .child("generalfeedback")
            .map(|f| f.formatted("html"))
            .unwrap_or_default(),
        marks,
        tags: texts("tags", "tag"),
        competencies: texts("competencies", "competency"),
        body,
    })
}

/// Text as XML character data: CDATA when it has markup characters, with `]]>` split across
/// two sections; characters XML 1.0 forbids are dropped.
fn xml_text(s: &str) -> String {
    let s: String = s
        .trim()
        .chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect();
    if s.contains(['<', '>', '&']) {
        format!("<![CDATA[{}]]>", s.replace("]]>", "]]]]><![CDATA[>"))
    } else {
        s
    }
}

/// `<name format="…"><text>…</text></name>` at `indent` spaces.
fn text_element(out: &mut String, indent: usize, name: &str, format: Option<&str>, text: &str) {
    let pad = " ".repeat(indent);
    let format = format
        .map(|f| format!(" format=\"{f}\""))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{pad}<{name}{format}>\n{pad}  <text>{}</text>\n{pad}</{name}>",
        xml_text(text)
    );
}

fn answer(out: &mut String, fraction: &str, format: &str, text: &str, feedback: Option<&str>) {
    let _ = writeln!(
        out,
        "    <answer fraction=\"{fraction}\" format=\"{format}\">\n      <text>{}</text>",
        xml_text(text)
    );
    if let Some(f) = feedback {
        let _ = writeln!(
            out,
            "      <feedback format=\"markdown\">\n        <text>{}</text>\n      </feedback>",
            xml_text(f)
        );
    }
    out.push_str("    </answer>\n");
}

/// Writes entries as Moodle XML.
pub(super) fn write(entries: &[BankEntry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut current: Option<&str> = None;
    for entry in entries {
        if current != Some(entry.category.as_str()) {
            out.push_str("  <question type=\"category\">\n");
            text_element(
                &mut out,
                4,
                "category",
                None,
                &format!("$course$/top/{}", entry.category),
            );
            text_element(&mut out, 4, "info", Some("markdown"), "");
            out.push_str("  </question>\n\n");
            current = Some(&entry.category);
        }
        write_question(&mut out, &entry.question);
    }
    out.push_str("</quiz>\n");
    out
}

fn write_question(out: &mut String, q: &Question) {
    let kind = match q.body {
        Body::SingleChoice { .. } | Body::MultipleResponse { .. } => "multichoice",
        Body::TrueFalse { .. } => "truefalse",
        Body::ShortAnswer { .. } => "shortanswer",
        Body::Numerical { .. } => "numerical",
        Body::Matching { .. } => "matching",
        Body::Ordering { .. } => "ordering",
    };
    let _ = writeln!(out, "  <question type=\"{kind}\">");
    text_element(out, 4, "name", None, &q.title);
    text_element(out, 4, "questiontext", Some("markdown"), &q.text);
    text_element(
        out,
        4,
        "generalfeedback",
        Some("markdown"),
        &q.general_feedback,
    );
    let _ = writeln!(
        out,
        "    <defaultgrade>{}</defaultgrade>\n    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n    <idnumber></idnumber>",
        number(q.marks)
    );
    match &q.body {
        Body::SingleChoice { options } | Body::MultipleResponse { options } => {
            let single = matches!(q.body, Body::SingleChoice { .. });
            let _ = writeln!(
                out,
                "    <single>{single}</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>"
            );
            for o in options {
                answer(
                    out,
                    &percent(o.fraction),
                    "markdown",
                    &o.text,
                    Some(&o.feedback),
                );
            }
        }
        Body::TrueFalse {
            answer: right,
            feedback_true,
            feedback_false,
        } => {
            let fraction = |value: bool| if value == *right { "100" } else { "0" };
            answer(
                out,
                fraction(true),
                "moodle_auto_format",
                "true",
                Some(feedback_true),
            );
            answer(
                out,
                fraction(false),
                "moodle_auto_format",
                "false",
                Some(feedback_false),
            );
        }
        Body::ShortAnswer { answers } => {
            out.push_str("    <usecase>0</usecase>\n");
            for a in answers {
                answer(
                    out,
                    &percent(a.fraction),
                    "moodle_auto_format",
                    &a.pattern,
                    Some(&a.feedback),
                );
            }
        }
        Body::Numerical { answers, otherwise } => {
            for a in answers {
                let _ = writeln!(
                    out,
                    "    <answer fraction=\"{}\" format=\"moodle_auto_format\">\n      <text>{}</text>\n      <tolerance>{}</tolerance>\n      <feedback format=\"markdown\">\n        <text>{}</text>\n      </feedback>\n    </answer>",
                    percent(a.fraction),
                    number(a.value),
                    number(a.tolerance),
                    xml_text(&a.feedback)
                );
            }
            if !otherwise.trim().is_empty() {
                let _ = writeln!(
                    out,
                    "    <answer fraction=\"0\" format=\"moodle_auto_format\">\n      <text>*</text>\n      <tolerance>0</tolerance>\n      <feedback format=\"markdown\">\n        <text>{}</text>\n      </feedback>\n    </answer>",
                    xml_text(otherwise)
                );
            }
            out.push_str("    <unitgradingtype>0</unitgradingtype>\n    <unitpenalty>0.1000000</unitpenalty>\n    <showunits>3</showunits>\n    <unitsleft>0</unitsleft>\n");
        }
        Body::Matching { pairs } => {
            out.push_str("    <shuffleanswers>true</shuffleanswers>\n");
            for p in pairs {
                let _ = writeln!(
                    out,
                    "    <subquestion format=\"markdown\">\n      <text>{}</text>\n      <answer>\n        <text>{}</text>\n      </answer>\n    </subquestion>",
                    xml_text(&p.prompt),
                    xml_text(&p.answer)
                );
            }
        }
        Body::Ordering { items } => {
            out.push_str("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n    <selectcount>0</selectcount>\n    <gradingtype>RELATIVE_NEXT_EXCLUDE_LAST</gradingtype>\n    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n");
            for (position, item) in (1..).zip(items) {
                answer(out, &position.to_string(), "markdown", &item.text, None);
            }
        }
    }
    for (outer, inner, values) in [
        ("tags", "tag", &q.tags),
        ("competencies", "competency", &q.competencies),
    ] {
        if values.is_empty() {
            continue;
        }
        let _ = writeln!(out, "    <{outer}>");
        for v in values {
            text_element(out, 6, inner, None, v);
        }
        let _ = writeln!(out, "    </{outer}>");
    }
    out.push_str("  </question>\n\n");
}
