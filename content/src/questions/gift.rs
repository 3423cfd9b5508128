//! GIFT, Moodle's plain-text question format (the subset in `docs/question-formats.md`).
//!
//! The file is cut into questions at blank lines (outside answer blocks), then each question
//! is read on its own, so one bad question is a refusal and not the end of the import. Text is
//! kept with its escapes (`\=`, `\{`…) until a piece is known to be text; only then is it
//! unescaped, so an escaped marker is never mistaken for one.

use std::fmt::Write as _;

use assessments::questions::{Body, Choice, Item, NumberKey, Pair, Question, TextKey};

use super::{
    BankEntry, DEFAULT_CATEGORY, FormatError, ParseOutcome, Refusal, accept, clean_category,
    default_title, from_percent, html_to_text, number, one_line, parse_number, percent,
};

/// Reads a whole GIFT file (already UTF-8, BOM stripped, `\n` line ends).
pub(super) fn parse(text: &str) -> Result<ParseOutcome, FormatError> {
    let mut out = ParseOutcome::default();
    let mut category = DEFAULT_CATEGORY.to_owned();
    let mut chunk: Option<Chunk> = None;
    let mut comments: Vec<&str> = Vec::new();
    let mut depth = 0usize;
    let mut opened_at = 0usize;
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if trimmed.starts_with("//") {
            if chunk.is_none() {
                comments.push(trimmed);
            }
            continue;
        }
        if depth == 0 {
            if trimmed.is_empty() {
                if let Some(done) = chunk.take() {
                    read_question(&mut out, &category, done);
                }
                comments.clear();
                continue;
            }
            if chunk.is_none()
                && let Some(path) = trimmed.strip_prefix("$CATEGORY:")
            {
                category = clean_category(path);
                comments.clear();
                continue;
            }
        }
        let current = chunk.get_or_insert_with(|| Chunk {
            start: number,
            lines: Vec::new(),
            comments: std::mem::take(&mut comments),
        });
        current.lines.push(line);
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'{' => {
                    if depth == 0 {
                        opened_at = number;
                    }
                    depth += 1;
                }
                b'}' => {
                    if depth == 0 {
                        return Err(FormatError {
                            location: format!("line {number}"),
                            message: "'}' closes no answer block (write \\} for a brace in text)"
                                .into(),
                        });
                    }
                    depth -= 1;
                }
                _ => {}
            }
            i += 1;
        }
    }
    if depth > 0 {
        return Err(FormatError {
            location: format!("line {opened_at}"),
            message: "the answer block opened on this line is never closed (missing '}')".into(),
        });
    }
    if let Some(done) = chunk.take() {
        read_question(&mut out, &category, done);
    }
    Ok(out)
}

/// The lines of one question, with the comments just before it.
struct Chunk<'a> {
    start: usize,
    lines: Vec<&'a str>,
    comments: Vec<&'a str>,
}

fn read_question(out: &mut ParseOutcome, category: &str, chunk: Chunk) {
    let location = format!("line {}", chunk.start);
    let raw = chunk.lines.join("\n");
    match question(&raw, &chunk.comments) {
        Ok(q) => accept(out, location, category, q, Vec::new()),
        Err((title, reason)) => out.refused.push(Refusal {
            location,
            title,
            reason,
        }),
    }
}

/// Reads one question; on failure, its title (as far as known) and why.
fn question(raw: &str, comments: &[&str]) -> Result<Question, (String, String)> {
    let raw = raw.trim();
    let (title, rest) = match raw.strip_prefix("::") {
        Some(after) => match find(after, "::") {
            Some(end) => (clean(&after[..end]), &after[end + 2..]),
            None => {
                return Err((
                    default_title(&unescape(after)),
                    "the title is not closed with '::'".into(),
                ));
            }
        },
        None => (String::new(), raw),
    };
    let (html, rest) = format_marker(rest.trim_start());
    let as_text = |s: &str| {
        let s = unescape(s);
        if html {
            html_to_text(&s)
        } else {
            s.trim().to_owned()
        }
    };
    let title_or = |text: &str| {
        if title.is_empty() {
            default_title(text)
        } else {
            title.clone()
        }
    };
    let Some(open) = find(rest, "{") else {
        let text = as_text(rest);
        return Err((title_or(&text), "a description is not a question".into()));
    };
    let after_open = &rest[open + 1..];
    // The file-level scan guarantees the block closes within the question.
    let close = find(after_open, "}").unwrap_or(after_open.len());
    let content = &after_open[..close];
    let after = after_open.get(close + 1..).unwrap_or("");
    let before = as_text(&rest[..open]);
    let after_text = as_text(after);
    let text = match (before.is_empty(), after_text.is_empty()) {
        (_, true) => before,
        (true, false) => format!("_____ {after_text}"),
        (false, false) => format!("{before} _____ {after_text}"),
    };
    let title = title_or(&text);
    let fail = |reason: String| (title.clone(), reason);
    if is_cloze(content) || find(after, "{").is_some_and(|i| is_cloze(&after[i + 1..])) {
        return Err(fail("unsupported question type 'cloze'".into()));
    }
    if find(content, "{").is_some() {
        return Err(fail("answer blocks cannot be nested".into()));
    }
    if find(after, "{").is_some() {
        return Err(fail("a question can have only one answer block".into()));
    }
    let (body, general_feedback) = block(content, html).map_err(fail)?;
    let notes = annotations(comments).map_err(fail)?;
    Ok(Question {
        title,
        text,
        general_feedback,
        marks: notes.marks.unwrap_or(1.0),
        tags: notes.tags,
        competencies: notes.competencies,
        body,
    })
}

/// Strips a `[markdown]`, `[plain]`, `[moodle]` or `[html]` marker; true for HTML.
fn format_marker(text: &str) -> (bool, &str) {
    leading_format(text).unwrap_or((false, text))
}

/// The `[markdown]`, `[plain]`, `[moodle]` or `[html]` marker `text` starts with, if any:
/// whether it is HTML, and the text after it.
fn leading_format(text: &str) -> Option<(bool, &str)> {
    let after = text.strip_prefix('[')?;
    let end = after.find(']')?;
    let name = after[..end].to_ascii_lowercase();
    matches!(name.as_str(), "markdown" | "plain" | "moodle" | "html")
        .then(|| (name == "html", &after[end + 1..]))
}

/// Moodle's embedded answers: `{1:MULTICHOICE:=a~b}` or `{:SA:=x}`.
fn is_cloze(content: &str) -> bool {
    let s = content
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit());
    s.strip_prefix(':').is_some_and(|rest| {
        rest.find(':').is_some_and(|end| {
            end > 0
                && rest[..end]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_')
        })
    })
}

/// Tags, competencies and marks from the comments before a question.
#[derive(Default)]
struct Notes {
    tags: Vec<String>,
    competencies: Vec<String>,
    marks: Option<f64>,
}

fn annotations(comments: &[&str]) -> Result<Notes, String> {
    let mut notes = Notes::default();
    for comment in comments {
        let mut rest = comment.trim_start_matches('/');
        while let Some(open) = rest.find('[') {
            let after = &rest[open + 1..];
            let Some(end) = after.find(']') else { break };
            let inner = &after[..end];
            rest = &after[end + 1..];
            let Some((key, value)) = inner.split_once(':') else {
                continue;
            };
            let value = one_line(value);
            match key.trim() {
                "tag" if !value.is_empty() => notes.tags.push(value),
                "competency" if !value.is_empty() => notes.competencies.push(value),
                "marks" => {
                    notes.marks = Some(
                        parse_number(&value)
                            .ok_or_else(|| format!("'{value}' is not a valid number of marks"))?,
                    );
                }
                _ => {}
            }
        }
    }
    Ok(notes)
}

/// Reads an answer block's content into a body and the general feedback.
fn block(content: &str, html: bool) -> Result<(Body, String), String> {
    let clean = |s: &str| formatted(s, html);
    let (body, general) = match find(content, "####") {
        Some(i) => (&content[..i], clean(&content[i + 4..])),
        None => (content, String::new()),
    };
    let body = body.trim();
    if body.is_empty() {
        return Err("unsupported question type 'essay'".into());
    }
    if let Some(rest) = body.strip_prefix('#') {
        return Ok((numerical(rest, html)?, general));
    }
    if body.starts_with('>') {
        let (_, parts) = split_markers(body, b">");
        let items = parts
            .iter()
            .zip(1..)
            .map(|((_, text), id)| Item {
                id,
                text: clean(text),
            })
            .collect();
        return Ok((Body::Ordering { items }, general));
    }
    let parts = split_markers(body, b"#").0;
    let head = parts.trim().to_ascii_uppercase();
    if matches!(head.as_str(), "T" | "TRUE" | "F" | "FALSE") {
        let answer = head.starts_with('T');
        let feedbacks: Vec<String> = split_markers(body, b"#")
            .1
            .iter()
            .map(|(_, s)| clean(s))
            .collect();
        if feedbacks.len() > 2 {
            return Err("a true/false answer takes at most two feedbacks".into());
        }
        let wrong = feedbacks.first().cloned().unwrap_or_default();
        let right = feedbacks.get(1).cloned().unwrap_or_default();
        let (feedback_true, feedback_false) = if answer {
            (right, wrong)
        } else {
            (wrong, right)
        };
        return Ok((
            Body::TrueFalse {
                answer,
                feedback_true,
                feedback_false,
            },
            general,
        ));
    }
    let answers = answers(body, html)?;
    let arrow = |a: &Answer| find(a.text, "->");
    if answers.iter().any(|a| arrow(a).is_some()) {
        if answers.iter().any(|a| !a.correct || arrow(a).is_none()) {
            return Err("a matching question takes only '=prompt -> answer' lines".into());
        }
        let pairs = answers
            .iter()
            .filter_map(|a| {
                let i = arrow(a)?;
                let prompt = clean(&a.text[..i]);
                // An empty prompt is a distractor: Checkpoint does not show those.
                (!prompt.is_empty()).then(|| (prompt, clean(&a.text[i + 2..])))
            })
            .zip(1..)
            .map(|((prompt, answer), id)| Pair { id, prompt, answer })
            .collect();
        return Ok((Body::Matching { pairs }, general));
    }
    if answers.iter().all(|a| a.correct) {
        let answers = answers
            .into_iter()
            .map(|a| TextKey {
                pattern: clean(a.text),
                fraction: a.weight.unwrap_or(1.0),
                feedback: a.feedback,
            })
            .collect();
        return Ok((Body::ShortAnswer { answers }, general));
    }
    let single = answers.iter().any(|a| a.correct);
    let options = answers
        .into_iter()
        .zip(1..)
        .map(|(a, id)| Choice {
            id,
            text: clean(a.text),
            fraction: a.weight.unwrap_or(if a.correct { 1.0 } else { 0.0 }),
            feedback: a.feedback,
        })
        .collect();
    Ok((
        if single {
            Body::SingleChoice { options }
        } else {
            Body::MultipleResponse { options }
        },
        general,
    ))
}

/// One `=` or `~` answer: raw text (escapes kept), weight and feedback.
struct Answer<'a> {
    correct: bool,
    weight: Option<f64>,
    text: &'a str,
    feedback: String,
}

fn answers(body: &str, html: bool) -> Result<Vec<Answer<'_>>, String> {
    let clean = |s: &str| formatted(s, html);
    let (lead, parts) = split_markers(body, b"=~");
    if !lead.trim().is_empty() {
        return Err(format!(
            "unexpected text '{}' in the answer block (answers start with '=' or '~')",
            clean(lead)
        ));
    }
    parts
        .into_iter()
        .map(|(marker, s)| {
            let s = s.trim_start();
            let (weight, s) = match s.strip_prefix('%') {
                Some(r) => {
                    let end = r
                        .find('%')
                        .ok_or("an answer weight '%…' is not closed with '%'")?;
                    let w = parse_number(&r[..end])
                        .ok_or_else(|| format!("'%{}%' is not a valid weight", &r[..end]))?;
                    (Some(from_percent(w)), &r[end + 1..])
                }
                None => (None, s),
            };
            let (text, feedback) = match find(s, "#") {
                Some(i) => (&s[..i], clean(&s[i + 1..])),
                None => (s, String::new()),
            };
            Ok(Answer {
                correct: marker == b'=',
                weight,
                text,
                feedback,
            })
        })
        .collect()
}

/// A numerical block: one `value[:tolerance]` or `min..max`, or a list of `=` answers with
/// their weights; a `~` with no value (`~#feedback`, as Moodle writes it) is the feedback for
/// any other answer.
fn numerical(rest: &str, html: bool) -> Result<Body, String> {
    let rest = rest.trim();
    let mut otherwise = String::new();
    let answers = if rest.starts_with(['=', '~']) {
        let mut keys = Vec::new();
        for a in answers(rest, html)? {
            let value = formatted(a.text, false);
            if !a.correct && (value.is_empty() || value == "*") {
                otherwise = a.feedback;
                continue;
            }
            let fraction = a.weight.unwrap_or(if a.correct { 1.0 } else { 0.0 });
            keys.push(number_key(a.text, fraction, a.feedback)?);
        }
        keys
    } else {
        let (spec, feedback) = match find(rest, "#") {
            Some(i) => (&rest[..i], formatted(&rest[i + 1..], html)),
            None => (rest, String::new()),
        };
        vec![number_key(spec, 1.0, feedback)?]
    };
    if answers.is_empty() {
        return Err("a numerical question needs at least one accepted value".into());
    }
    Ok(Body::Numerical { answers, otherwise })
}

/// `value`, `value:tolerance` or `min..max`.
fn number_key(spec: &str, fraction: f64, feedback: String) -> Result<NumberKey, String> {
    let spec = clean(spec);
    if spec.is_empty() {
        return Err("a numerical answer is empty".into());
    }
    let num = |s: &str| parse_number(s).ok_or_else(|| format!("'{}' is not a number", s.trim()));
    let (value, tolerance) = if let Some((lo, hi)) = spec.split_once("..") {
        let (lo, hi) = (num(lo)?, num(hi)?);
        ((lo + hi) / 2.0, (hi - lo).abs() / 2.0)
    } else if let Some((v, t)) = spec.split_once(':') {
        (num(v)?, num(t)?.abs())
    } else {
        (num(&spec)?, 0.0)
    };
    Ok(NumberKey {
        value,
        tolerance,
        fraction,
        feedback,
    })
}

/// Byte offset of the first unescaped `pat` (ASCII) in `s`.
fn find(s: &str, pat: &str) -> Option<usize> {
    let (bytes, pat) = (s.as_bytes(), pat.as_bytes());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i..].starts_with(pat) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Cuts `s` at every unescaped marker byte: the text before the first marker, then each
/// marker with the text that follows it.
fn split_markers<'a>(s: &'a str, markers: &[u8]) -> (&'a str, Vec<(u8, &'a str)>) {
    let bytes = s.as_bytes();
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if markers.contains(&bytes[i]) {
            cuts.push(i);
        }
        i += 1;
    }
    let lead = &s[..cuts.first().copied().unwrap_or(s.len())];
    let parts = cuts
        .iter()
        .enumerate()
        .map(|(k, &at)| {
            let end = cuts.get(k + 1).copied().unwrap_or(s.len());
            (bytes[at], &s[at + 1..end])
        })
        .collect();
    (lead, parts)
}

/// Unescaped and trimmed.
fn clean(s: &str) -> String {
    unescape(s).trim().to_owned()
}

/// An answer, a matching pair or a feedback as plain text: its own format marker removed,
/// and read as HTML when it says `[html]` — or, without a marker of its own, when the
/// question's text is HTML (`html`), as Moodle reads it.
fn formatted(s: &str, html: bool) -> String {
    let trimmed = s.trim_start();
    let (html, rest) = match leading_format(trimmed) {
        Some((is_html, rest)) => (is_html, rest),
        None => (html, trimmed),
    };
    let text = unescape(rest);
    if html {
        html_to_text(&text)
    } else {
        text.trim().to_owned()
    }
}

/// Resolves `\~ \= \# \{ \} \: \\ \>` and `\n`; any other backslash is kept.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(e @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\' | '>')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Escapes GIFT's special characters and new lines. `>` is escaped everywhere when `all_gt`
/// (ordering items, matching prompts), else only in `->`.
fn escape(s: &str, all_gt: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev = ' ';
    for c in s.trim().chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '>' if all_gt || prev == '-' => out.push_str("\\>"),
            _ => out.push(c),
        }
        prev = c;
    }
    out
}

/// Writes entries as GIFT.
pub(super) fn write(entries: &[BankEntry]) -> String {
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for entry in entries {
        if current != Some(entry.category.as_str()) {
            let _ = writeln!(
                out,
                "$CATEGORY: $course$/top/{}\n",
                one_line(&entry.category)
            );
            current = Some(&entry.category);
        }
        let q = &entry.question;
        for tag in &q.tags {
            let _ = writeln!(out, "// [tag:{}]", one_line(tag));
        }
        for competency in &q.competencies {
            let _ = writeln!(out, "// [competency:{}]", one_line(competency));
        }
        if q.marks != 1.0 {
            let _ = writeln!(out, "// [marks:{}]", number(q.marks));
        }
        if !q.title.trim().is_empty() {
            let _ = write!(out, "::{}::", escape(&q.title, false));
        }
        let _ = write!(out, "[markdown]{}", escape(&q.text, false));
        write_block(&mut out, &q.body, &q.general_feedback);
        out.push_str("\n\n");
    }
    out
}

fn write_block(out: &mut String, body: &Body, general: &str) {
    // Every part is read with its own format marker: a part whose text starts like one is
    // written after an explicit `[markdown]`, so the marker-like text is kept as text.
    let escape = |s: &str, all_gt: bool| {
        if leading_format(s.trim_start()).is_some() {
            format!("[markdown]{}", escape(s, all_gt))
        } else {
            escape(s, all_gt)
        }
    };
    let feedback = |f: &str| {
        if f.trim().is_empty() {
            String::new()
        } else {
            format!("#{}", escape(f, false))
        }
    };
    // `=` or `~` with a weight when the default would not give `fraction`, or when the text
    // starts with `%` and would be taken for one.
    let marker = |fraction: f64, default_eq: bool, text: &str| {
        let weighted = text.trim_start().starts_with('%');
        if default_eq && fraction == 1.0 && !weighted {
            "=".to_owned()
        } else if default_eq {
            format!("=%{}%", percent(fraction))
        } else if fraction == 0.0 && !weighted {
            "~".to_owned()
        } else {
            format!("~%{}%", percent(fraction))
        }
    };
    if let Body::TrueFalse {
        answer,
        feedback_true,
        feedback_false,
    } = body
    {
        let (wrong, right) = if *answer {
            (feedback_false, feedback_true)
        } else {
            (feedback_true, feedback_false)
        };
        out.push_str(if *answer { "{TRUE" } else { "{FALSE" });
        if !wrong.trim().is_empty() || !right.trim().is_empty() {
            let _ = write!(out, "#{}", escape(wrong, false));
        }
        if !right.trim().is_empty() {
            let _ = write!(out, "#{}", escape(right, false));
        }
        if !general.trim().is_empty() {
            let _ = write!(out, "####{}", escape(general, false));
        }
        out.push('}');
        return;
    }
    let spec = |k: &NumberKey| {
        if k.tolerance == 0.0 {
            number(k.value)
        } else {
            format!("{}:{}", number(k.value), number(k.tolerance))
        }
    };
    if let Body::Numerical { answers, otherwise } = body
        && otherwise.trim().is_empty()
        && let [only] = answers.as_slice()
        && only.fraction == 1.0
        && only.feedback.trim().is_empty()
        && general.trim().is_empty()
    {
        let _ = write!(out, "{{#{}}}", spec(only));
        return;
    }
    out.push_str(if matches!(body, Body::Numerical { .. }) {
        "{#\n"
    } else {
        "{\n"
    });
    match body {
        Body::SingleChoice { options } => {
            for o in options {
                let m = marker(o.fraction, o.fraction == 1.0, &o.text);
                let _ = writeln!(
                    out,
                    "\t{m}{}{}",
                    escape(&o.text, false),
                    feedback(&o.feedback)
                );
            }
        }
        Body::MultipleResponse { options } => {
            for o in options {
                let m = marker(o.fraction, false, &o.text);
                let _ = writeln!(
                    out,
                    "\t{m}{}{}",
                    escape(&o.text, false),
                    feedback(&o.feedback)
                );
            }
        }
        Body::ShortAnswer { answers } => {
            for a in answers {
                let m = marker(a.fraction, true, &a.pattern);
                let _ = writeln!(
                    out,
                    "\t{m}{}{}",
                    escape(&a.pattern, false),
                    feedback(&a.feedback)
                );
            }
        }
        Body::Numerical { answers, otherwise } => {
            for a in answers {
                let m = marker(a.fraction, true, "");
                let _ = writeln!(out, "\t{m}{}{}", spec(a), feedback(&a.feedback));
            }
            if !otherwise.trim().is_empty() {
                let _ = writeln!(out, "\t~#{}", escape(otherwise, false));
            }
        }
        Body::Matching { pairs } => {
            for p in pairs {
                let _ = writeln!(
                    out,
                    "\t{}{} -> {}",
                    marker(1.0, true, &p.prompt),
                    escape(&p.prompt, true),
                    escape(&p.answer, false)
                );
            }
        }
        Body::Ordering { items } => {
            for i in items {
                let _ = writeln!(out, "\t>{}", escape(&i.text, true));
            }
        }
        Body::TrueFalse { .. } => {}
    }
    if !general.trim().is_empty() {
        let _ = writeln!(out, "\t####{}", escape(general, false));
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let tricky = "a = b ~ c # d { e } f: g \\ h -> i\nnext line \\n";
        assert_eq!(unescape(&escape(tricky, false)), tricky);
        assert_eq!(unescape(&escape(tricky, true)), tricky);
        assert_eq!(unescape("C:\\path \\q"), "C:\\path \\q");
    }

    #[test]
    fn markers_are_found_only_when_unescaped() {
        assert_eq!(find("a\\#b#c", "#"), Some(4));
        assert_eq!(find("a\\####b", "####"), None);
        assert_eq!(find("x\\#####y", "####"), Some(3));
        assert_eq!(find("é\\éx#", "#"), Some(6));
        let (lead, parts) = split_markers(" =a \\= b~c", b"=~");
        assert_eq!(lead, " ");
        assert_eq!(parts, vec![(b'=', "a \\= b"), (b'~', "c")]);
    }

    #[test]
    fn cloze_blocks_are_recognised() {
        assert!(is_cloze("1:MULTICHOICE:=a~b"));
        assert!(is_cloze(":SA:=x"));
        assert!(!is_cloze("=a ~b"));
        assert!(!is_cloze("#1:0"));
    }
}
