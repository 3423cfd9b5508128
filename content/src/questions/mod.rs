//! Question banks in the formats trainers already have: GIFT and Moodle XML.
//!
//! [`parse`] reads a whole file into [`BankEntry`]s (a category and an
//! [`assessments::questions::Question`]); questions it cannot take (an unsupported type, no
//! correct answer, a bad number…) are listed in [`ParseOutcome::refused`] with where they are
//! and why, so an importer can report them and still take the others. Only a file that cannot
//! be read at all (not UTF-8, malformed XML, an answer block that is never closed) is a
//! [`FormatError`]. [`write_gift`] and [`write_moodle_xml`] write banks that [`parse`] reads
//! back to equal questions. The supported subset is described in `docs/question-formats.md`.

mod gift;
mod moodle_xml;

use assessments::questions::Question;

/// One question of a bank with the category it is filed under.
#[derive(Debug, Clone, PartialEq)]
pub struct BankEntry {
    /// Category path, e.g. `Document examination/MRZ`; [`DEFAULT_CATEGORY`] when the file has
    /// none.
    pub category: String,
    /// The question and its answer key.
    pub question: Question,
    /// Images the file carries inside the question (Moodle XML), referred to from its texts
    /// as `![alt](embedded:NAME)` ([`EMBEDDED`]) until the importer stores them.
    pub media: Vec<EmbeddedImage>,
}

/// The link prefix of an image carried inside a question file, in the question's Markdown
/// until it is stored.
pub const EMBEDDED: &str = "embedded:";

/// Most bytes an image carried inside a question file may have, decoded.
pub const MAX_EMBEDDED_BYTES: usize = 5 * 1024 * 1024;

/// An image carried inside a question file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedImage {
    /// Its file name in the question file.
    pub name: String,
    /// Its bytes, decoded.
    pub bytes: Vec<u8>,
}

/// The embedded images `question`'s texts refer to, by name, in order of first use.
pub fn embedded_refs(question: &Question) -> Vec<String> {
    let json = serde_json::to_string(question).unwrap_or_default();
    let needle = format!("]({EMBEDDED}");
    let mut names: Vec<String> = Vec::new();
    let mut rest = json.as_str();
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        let name = &rest[..rest.find(')').unwrap_or(rest.len())];
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// `question` with each embedded image reference `name` → `url` replaced.
pub fn link_embedded(question: &Question, urls: &[(String, String)]) -> Question {
    let mut json = serde_json::to_string(question).unwrap_or_default();
    for (name, url) in urls {
        json = json.replace(&format!("]({EMBEDDED}{name})"), &format!("]({url})"));
    }
    serde_json::from_str(&json).unwrap_or_else(|_| question.clone())
}

/// A question of the file that was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Where it is: `line 12` (GIFT) or `question 3` (Moodle XML, counting every
    /// `<question>` element, category ones included).
    pub location: String,
    /// The question's title, or the first 60 characters of its text.
    pub title: String,
    /// Why, in plain English.
    pub reason: String,
}

/// What [`parse`] found in a readable file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParseOutcome {
    /// The questions that can be imported, each with its location in the file.
    pub entries: Vec<(String, BankEntry)>,
    /// The questions that cannot.
    pub refused: Vec<Refusal>,
}

/// The whole file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct FormatError {
    /// Where, e.g. `line 12`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

/// A question-bank file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Moodle's GIFT text format.
    Gift,
    /// Moodle XML.
    MoodleXml,
}

/// The category of questions in a file that names none.
pub const DEFAULT_CATEGORY: &str = "Default";

/// Length of a title made from the question text, in characters.
const TITLE_CHARS: usize = 60;

/// Guesses the format of a file: by its extension (`.gift` and `.txt` are GIFT, `.xml` is
/// Moodle XML), else by its content (text starting with `<` is XML, text with an answer block
/// `{` is GIFT). `None` when it looks like neither.
pub fn detect(file_name: &str, bytes: &[u8]) -> Option<Format> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    if let Some((_, ext)) = base.rsplit_once('.') {
        match ext.to_ascii_lowercase().as_str() {
            "gift" | "txt" => return Some(Format::Gift),
            "xml" => return Some(Format::MoodleXml),
            _ => {}
        }
    }
    let text = std::str::from_utf8(strip_bom(bytes)).ok()?;
    let start = text.trim_start();
    if start.starts_with('<') {
        Some(Format::MoodleXml)
    } else if start.contains('{') {
        Some(Format::Gift)
    } else {
        None
    }
}

/// Reads a question bank. A UTF-8 byte-order mark is skipped; anything that is not UTF-8 is a
/// [`FormatError`].
pub fn parse(format: Format, bytes: &[u8]) -> Result<ParseOutcome, FormatError> {
    let bytes = strip_bom(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        FormatError {
            location: format!("line {}", line_of(valid, valid.len())),
            message: "the file is not UTF-8 text; save it as UTF-8 and try again".into(),
        }
    })?;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    match format {
        Format::Gift => gift::parse(&text),
        Format::MoodleXml => moodle_xml::parse(&text),
    }
}

/// Writes a bank in GIFT, readable by Moodle and by [`parse`].
pub fn write_gift(entries: &[BankEntry]) -> String {
    gift::write(entries)
}

/// Writes a bank in Moodle XML, readable by Moodle and by [`parse`].
pub fn write_moodle_xml(entries: &[BankEntry]) -> String {
    moodle_xml::write(entries)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The 1-based line of byte offset `pos` in `bytes`.
fn line_of(bytes: &[u8], pos: usize) -> usize {
    let end = pos.min(bytes.len());
    bytes[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// A category path as Checkpoint keeps it: without Moodle's `$course$/`, `$system$/`,
/// `$module$/` (or `$cat1$/`…) context prefix and its `top/` root.
fn clean_category(path: &str) -> String {
    let mut rest = path.trim();
    for prefix in ["$course$", "$system$", "$module$", "$coursecategory$"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.strip_prefix('/').unwrap_or(r);
            break;
        }
    }
    if rest.starts_with("$cat")
        && let Some((head, tail)) = rest.split_once('/')
        && head.ends_with('$')
    {
        rest = tail;
    }
    if rest == "top" {
        rest = "";
    } else if let Some(r) = rest.strip_prefix("top/") {
        rest = r;
    }
    let rest = one_line(rest.trim_matches('/'));
    if rest.is_empty() {
        DEFAULT_CATEGORY.to_owned()
    } else {
        rest
    }
}

/// White space collapsed to single spaces: how categories, tags and competency ids are kept.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title made from the question text: its first 60 characters, white space collapsed.
fn default_title(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let title: String = flat.chars().take(TITLE_CHARS).collect();
    title.trim_end().to_owned()
}

/// The fraction a percentage in a file stands for, rounded to 9 decimals so that `33.33333`
/// reads as `0.3333333` and [`percent`] writes it back the same.
fn from_percent(p: f64) -> f64 {
    (p * 1e7).round() / 1e9
}

/// `fraction` as a percentage that [`from_percent`] reads back to `fraction`, with as few
/// decimals as possible: `0.5` → `50`, `-1.0` → `-100`, `0.3333333` → `33.33333`. Exact for
/// fractions of up to 9 decimals, which is all a percentage with 7 can say.
fn percent(fraction: f64) -> String {
    let p = fraction * 100.0;
    for decimals in 0..=7 {
        let s = format!("{p:.decimals$}");
        if s.parse::<f64>().map(from_percent) == Ok(fraction) {
            return tidy_zero(s);
        }
    }
    tidy_zero(format!("{p}"))
}

/// `-0` is written `0`.
fn tidy_zero(s: String) -> String {
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        "0".into()
    } else {
        s
    }
}

/// A number as written in files: the shortest form that reads back to the same value.
fn number(x: f64) -> String {
    tidy_zero(format!("{x}"))
}

/// Parses a finite decimal number.
fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Plain text from HTML: tags dropped, paragraphs and line breaks turned into new lines,
/// entities decoded, white space collapsed.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let Some(end) = rest.find('>') else {
                    out.push_str(rest);
                    break;
                };
                let tag = &rest[1..end];
                rest = &rest[end + 1..];
                let closing = tag.starts_with('/');
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                match name.as_str() {
                    "br" => out.push('\n'),
                    "img" => out.push_str(&image_of(tag)),
                    "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol"
                    | "table" | "blockquote" | "pre" => out.push_str("\n\n"),
                    "li" if !closing => out.push_str("\n- "),
                    "tr" => out.push('\n'),
                    "td" | "th" if closing => out.push(' '),
                    "script" | "style" if !closing => {
                        let close = format!("</{name}");
                        match rest.to_ascii_lowercase().find(&close) {
                            Some(i) => rest = &rest[i..],
                            None => rest = "",
                        }
                    }
                    _ => {}
                }
            }
            '&' => {
                let entity = rest[1..]
                    .find(';')
                    .filter(|i| *i <= 10)
                    .and_then(|i| decode_entity(&rest[1..=i]).map(|c| (c, i + 2)));
                match entity {
                    Some((decoded, len)) => {
                        out.push(decoded);
                        rest = &rest[len..];
                    }
                    None => {
                        out.push('&');
                        rest = &rest[1..];
                    }
                }
            }
            c if c.is_whitespace() => {
                out.push(' ');
                rest = &rest[c.len_utf8()..];
            }
            c => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    // Collapse spaces within lines and runs of blank lines.
    let mut text = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.split('\n') {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(&line);
    }
    text
}

/// The character an HTML entity (without `&` and `;`) stands for.
/// An HTML `<img …>` as Markdown: an image the file carries (`@@PLUGINFILE@@/name`, Moodle's
/// link to a file embedded in the question) becomes `![alt](embedded:name)`; any other image
/// (a link outside the file, which Checkpoint does not fetch) leaves its alternative text.
fn image_of(tag: &str) -> String {
    let attr = |name: &str| -> Option<String> {
        let lower = tag.to_ascii_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(name) {
            let at = from + at;
            from = at + name.len();
            let before_ok = lower[..at].ends_with(|c: char| c.is_whitespace());
            let after = lower[from..].trim_start();
            if !before_ok || !after.starts_with('=') {
                continue;
            }
            let value = tag[tag.len() - after.len() + 1..].trim_start();
            let (quote, body) = match value.chars().next()? {
                q @ ('"' | '\'') => (Some(q), &value[1..]),
                _ => (None, value),
            };
            let end = match quote {
                Some(q) => body.find(q).unwrap_or(body.len()),
                None => body
                    .find(|c: char| c.is_whitespace() || c == '/')
                    .unwrap_or(body.len()),
            };
            return Some(html_to_text(&body[..end]));
        }
        None
    };
    let alt = attr("alt").unwrap_or_default();
    match attr("src")
        .as_deref()
        .and_then(|src| src.strip_prefix("@@PLUGINFILE@@/"))
    {
        Some(name) => {
            let name = percent_decode(name.split(['?', '#']).next().unwrap_or(name));
            let alt = alt.replace(['[', ']'], "");
            format!("![{alt}]({EMBEDDED}{})", embedded_name(&name))
        }
        None if alt.is_empty() => String::new(),
        None => format!("[{alt}]"),
    }
}

/// The name an embedded file goes by in a question's Markdown: its file name with the
/// characters a Markdown link cannot hold replaced.
fn embedded_name(file_name: &str) -> String {
    file_name.replace([' ', ')', '(', '<', '>'], "_")
}

/// `%XX` escapes decoded (file names in Moodle's links are URL-encoded).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "times" => '×',
        "deg" => '°',
        "euro" => '€',
        "copy" => '©',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "agrave" => 'à',
        "acirc" => 'â',
        "ccedil" => 'ç',
        "ocirc" => 'ô',
        "ucirc" => 'û',
        "ugrave" => 'ù',
        "icirc" => 'î',
        "iuml" => 'ï',
        "Eacute" => 'É',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "szlig" => 'ß',
        _ => return None,
    })
}

/// Checks a parsed question and files it as an entry or a refusal.
fn accept(
    out: &mut ParseOutcome,
    location: String,
    category: &str,
    question: Question,
    media: Vec<EmbeddedImage>,
) {
    match assessments::questions::check(&question) {
        Ok(()) => out.entries.push((
            location,
            BankEntry {
                category: category.to_owned(),
                question,
                media,
            },
        )),
        Err(e) => out.refused.push(Refusal {
            location,
            title: question.title,
            reason: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deeply_nested_xml_is_refused_with_its_line() {
        // 50,000 levels once overflowed the stack and took the server down with it.
        let depth = 50_000;
        let xml = format!(
            "<?xml version=\"1.0\"?>\n<quiz>\n{}{}</quiz>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        );
        let err = parse(Format::MoodleXml, xml.as_bytes()).unwrap_err();
        assert_eq!(err.location, "line 3");
        assert!(
            err.message.contains("nested more than 64 deep"),
            "{}",
            err.message
        );
        // Ordinary nesting still reads.
        let ok = "<quiz><question type=\"truefalse\"><name><text>T</text></name>\
                  <questiontext format=\"html\"><text>Is it?</text></questiontext>\
                  <answer fraction=\"100\"><text>true</text></answer>\
                  <answer fraction=\"0\"><text>false</text></answer></question></quiz>";
        assert_eq!(
            parse(Format::MoodleXml, ok.as_bytes())
                .unwrap()
                .entries
                .len(),
            1
        );
    }

    #[test]
    fn categories_lose_their_context_and_top() {
        assert_eq!(
            clean_category("$course$/top/Document examination/MRZ"),
            "Document examination/MRZ"
        );
        assert_eq!(clean_category("$system$/top/Imposters"), "Imposters");
        assert_eq!(clean_category("$module$/Imposters"), "Imposters");
        assert_eq!(clean_category("top/Imposters"), "Imposters");
        assert_eq!(clean_category("Travel documents"), "Travel documents");
        assert_eq!(clean_category("$course$/top"), "Default");
        assert_eq!(clean_category("$cat1$/top/Visas"), "Visas");
    }

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_text(
                "<p>Check the <b>MRZ</b>&nbsp;first.</p>\n<p>Then the VIZ<br>and the chip &amp; photo.</p>"
            ),
            "Check the MRZ first.\n\nThen the VIZ\nand the chip & photo."
        );
        assert_eq!(
            html_to_text("<ul><li>one</li><li>two</li></ul>"),
            "- one\n- two"
        );
        assert_eq!(
            html_to_text("a &lt; b &#233;&#xE9; &bogus; &"),
            "a < b éé &bogus; &"
        );
    }

    #[test]
    fn percentages_read_back_exactly() {
        let mut fractions = vec![0.3333333, 0.333333333, -0.6666667, 0.83333, 0.1428571];
        fractions.extend((-1000..=1000).map(|k| f64::from(k) / 1000.0));
        for f in fractions {
            let p = percent(f);
            assert_eq!(from_percent(p.parse().unwrap()), f, "{f} written {p}");
        }
        assert_eq!(from_percent(33.33333), 0.3333333);
        assert_eq!(from_percent(-100.0), -1.0);
        assert_eq!(percent(0.5), "50");
        assert_eq!(percent(-0.0), "0");
        assert_eq!(percent(0.3333333), "33.33333");
    }

    #[test]
    fn detection_uses_the_extension_then_the_content() {
        assert_eq!(detect("bank.GIFT", b""), Some(Format::Gift));
        assert_eq!(detect("dir.x/bank.txt", b"<"), Some(Format::Gift));
        assert_eq!(detect("bank.xml", b""), Some(Format::MoodleXml));
        assert_eq!(
            detect("upload", b"\xEF\xBB\xBF  \n<?xml version=\"1.0\"?><quiz/>"),
            Some(Format::MoodleXml)
        );
        assert_eq!(detect("upload", b"::T::Q{T}"), Some(Format::Gift));
        assert_eq!(detect("upload", b"\xFF\xFE<"), None);
        assert_eq!(detect("upload.pdf", b"%PDF-1.7"), None);
    }
}
