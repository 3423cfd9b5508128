//! Lesson Markdown → safe HTML.
//!
//! CommonMark with tables, footnotes, strikethrough, task lists and GitHub-style callouts
//! (`> [!NOTE]`, `> [!WARNING]`, `> [!TIP]`); headings get stable anchors; `[[term]]` and
//! `[[term|text]]` link to the course glossary; relative image paths are resolved against the
//! lesson's media URL. The result always goes through ammonia, so whatever a trainer types,
//! no script, event handler, style or foreign frame reaches a trainee's browser.

use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};
use std::collections::{HashMap, HashSet};

/// Where rendered links point.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    /// URL prefix for images beside the lesson (e.g. `/media/courses/7/`).
    pub media_base: &'a str,
    /// URL of the glossary page; terms link to `#<slug>` anchors on it.
    pub glossary: &'a str,
}

/// Longest Markdown text rendered, in bytes: the lesson limit (a long lesson is about 30 KB).
pub const MAX_BYTES: usize = 1024 * 1024;
/// Deepest nesting of block containers (quotes and list items) rendered. Rendering and
/// sanitising grow faster than the nesting: 100,000 nested quotes took 37 s.
pub const MAX_NESTING: usize = 16;

/// Why a Markdown text is not rendered as Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Limit {
    /// Longer than [`MAX_BYTES`].
    #[error("the text is longer than {MAX_BYTES} bytes")]
    TooLong,
    /// Quotes or lists nested deeper than [`MAX_NESTING`].
    #[error("quotes or lists are nested more than {MAX_NESTING} deep")]
    TooDeep,
}

/// Checks `markdown` against the limits [`render`] keeps: what authors are told when they
/// save, before anything is stored.
pub fn check(markdown: &str) -> Result<(), Limit> {
    if markdown.len() > MAX_BYTES {
        return Err(Limit::TooLong);
    }
    if markdown.lines().any(|l| nesting(l) > MAX_NESTING) {
        return Err(Limit::TooDeep);
    }
    Ok(())
}

/// How many block containers a line opens or continues: the quote markers and list-item
/// markers in front of its text. (Indentation alone makes code, not depth.)
fn nesting(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut depth = 0;
    let mut i = 0;
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(i + 1), Some(b' ' | b'\t') | None) => {
                i += 1
            }
            Some(b'0'..=b'9') => {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() && i - start < 9 {
                    i += 1;
                }
                if matches!(bytes.get(i), Some(b'.' | b')'))
                    && matches!(bytes.get(i + 1), Some(b' ' | b'\t') | None)
                {
                    i += 1;
                } else {
                    return depth;
                }
            }
            _ => return depth,
        }
        depth += 1;
        if depth > MAX_NESTING {
            return depth;
        }
    }
}

/// The parser options used for lessons.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// Combining marks left out of anchors (accents already folded, Arabic vowel marks), so a
/// vowelled and an unvowelled spelling share one anchor.
fn is_mark(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
    )
}

/// A URL- and id-safe slug: lower-case ASCII letters and digits separated by single hyphens.
pub fn slug(text: &str) -> String {
    words(text, |c| c.is_ascii_alphanumeric())
}

/// An anchor for a heading or a glossary term: lower-case letters of any script and digits
/// separated by single hyphens ("Non-refoulement" → `non-refoulement`, "الوثيقة المزورة" →
/// `الوثيقة-المزورة`), so headings and terms in every language can be linked.
pub fn anchor(text: &str) -> String {
    words(text, char::is_alphanumeric)
}

/// The characters of `text` that `keep` accepts (accents folded, lower-cased), runs of
/// anything else turned into single hyphens between them.
fn words(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(fold_accent) {
        if is_mark(c) {
            continue;
        }
        if keep(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            out.extend(c.to_lowercase());
            dash = false;
        } else {
            dash = true;
        }
    }
    out
}

/// Latin letters with diacritics → their base letter, so French headings get readable slugs.
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ÿ' | 'ý' => "y",
        'œ' => "oe",
        'æ' => "ae",
        'À' | 'Á' | 'Â' | 'Ä' => "a",
        'Ç' => "c",
        'È' | 'É' | 'Ê' | 'Ë' => "e",
        'Î' | 'Ï' => "i",
        'Ô' | 'Ö' => "o",
        'Ù' | 'Û' | 'Ü' => "u",
        _ => "",
    };
    let single = if base.is_empty() { Some(c) } else { None };
    single.into_iter().chain(base.chars())
}

/// The glossary terms a lesson refers to, as written (`[[term]]` or `[[term|text]]`).
pub fn glossary_refs(markdown: &str) -> Vec<String> {
    let mut refs = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("[[") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else { break };
        let inner = &after[..end];
        if !inner.contains('\n') && !inner.is_empty() {
            let term = inner.split('|').next().unwrap_or(inner).trim();
            if !term.is_empty() {
                refs.push(term.to_owned());
            }
        }
        rest = &after[end + 2..];
    }
    refs
}

/// The relative image paths a lesson uses (files that must sit beside it).
pub fn image_refs(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Image { dest_url, .. }) if is_relative(&dest_url) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// A link or image of a Markdown text, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// Where it points.
    pub dest: String,
    /// An image (`![alt](dest)`) rather than a link.
    pub image: bool,
    /// The image's alternative text, or the link's text.
    pub text: String,
}

/// Every link and image of `markdown`, in order.
pub fn link_refs(markdown: &str) -> Vec<LinkRef> {
    let mut out: Vec<LinkRef> = Vec::new();
    let mut open: Option<LinkRef> = None;
    for e in Parser::new_ext(markdown, options()) {
        match e {
            Event::Start(Tag::Image { dest_url, .. }) => {
                open = Some(LinkRef {
                    dest: dest_url.to_string(),
                    image: true,
                    text: String::new(),
                });
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                open = Some(LinkRef {
                    dest: dest_url.to_string(),
                    image: false,
                    text: String::new(),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(l) = open.as_mut() {
                    l.text.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) | Event::End(TagEnd::Link) => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

/// A block of a Markdown text as plain text, for documents that are not HTML (a PDF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of `level` (1–6).
    Heading(u8, String),
    /// A paragraph (inside a quote or not).
    Paragraph(String),
    /// A list item at `depth` (1 for the outer list), with its marker (`•`, `1.`, `☐`).
    Item(usize, String, String),
    /// A table row; `true` for the header.
    Row(Vec<String>, bool),
    /// Preformatted lines.
    Code(String),
}

/// The blocks of `markdown` in order, their inline formatting dropped: `[[term|text]]` reads
/// as its text, a link as its text, an image as its alternative text.
pub fn blocks(markdown: &str) -> Vec<Block> {
    if check(markdown).is_err() {
        return vec![Block::Code(markdown.chars().take(MAX_BYTES).collect())];
    }
    let mut out = Vec::new();
    let mut text = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut marker = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut in_head = false;
    let flush_item = |out: &mut Vec<Block>, text: &mut String, depth: usize, marker: &str| {
        let t = glossary_text(text.trim());
        if !t.is_empty() {
            out.push(Block::Item(depth, marker.to_owned(), t));
        }
        text.clear();
    };
    for e in merge_text(Parser::new_ext(markdown, options())) {
        match e {
            Event::Start(Tag::List(start)) => {
                if !lists.is_empty() {
                    flush_item(&mut out, &mut text, lists.len(), &marker);
                }
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                text.clear();
                marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    _ => "•".to_owned(),
                };
            }
            Event::TaskListMarker(done) => marker = if done { "☑" } else { "☐" }.to_owned(),
            Event::End(TagEnd::Item) => flush_item(&mut out, &mut text, lists.len(), &marker),
            Event::End(TagEnd::Heading(level)) => {
                out.push(Block::Heading(level as u8, glossary_text(text.trim())));
                text.clear();
            }
            Event::End(TagEnd::Paragraph) if lists.is_empty() => {
                let t = glossary_text(text.trim());
                if !t.is_empty() {
                    out.push(Block::Paragraph(t));
                }
                text.clear();
            }
            Event::End(TagEnd::Paragraph) => text.push(' '),
            Event::Start(Tag::TableHead) => {
                in_head = true;
                row.clear();
            }
            Event::End(TagEnd::TableHead) => {
                out.push(Block::Row(std::mem::take(&mut row), true));
                in_head = false;
            }
            Event::Start(Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableRow) if !in_head => {
                out.push(Block::Row(std::mem::take(&mut row), false))
            }
            Event::End(TagEnd::TableCell) => {
                row.push(glossary_text(text.trim()));
                text.clear();
            }
            Event::End(TagEnd::CodeBlock) => {
                out.push(Block::Code(text.trim_end().to_owned()));
                text.clear();
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    out
}

/// `[[term]]` and `[[term|text]]` read as the text shown.
fn glossary_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else { break };
        out.push_str(&rest[..start]);
        let inner = &after[..end];
        out.push_str(inner.split_once('|').map_or(inner, |(_, shown)| shown));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The anchors [`render`] gives the headings of `markdown`.
pub fn heading_anchors(markdown: &str) -> HashSet<String> {
    let html = render(
        markdown,
        Links {
            media_base: "",
            glossary: "",
        },
    );
    let mut out = HashSet::new();
    let mut rest = html.as_str();
    while let Some(at) = rest.find(" id=\"") {
        let after = &rest[at + 5..];
        let Some(end) = after.find('"') else { break };
        out.insert(after[..end].to_owned());
        rest = &after[end..];
    }
    out
}

fn is_relative(url: &str) -> bool {
    !url.is_empty()
        && !url.contains(':')
        && !url.starts_with('/')
        && !url.starts_with('#')
        && !url.contains("..")
}

/// Renders lesson Markdown to sanitised HTML. A text over the limits of [`check`] (stored
/// before they existed) is shown as plain text, never parsed.
pub fn render(markdown: &str, links: Links<'_>) -> String {
    if check(markdown).is_err() {
        let mut end = markdown.len().min(MAX_BYTES);
        while !markdown.is_char_boundary(end) {
            end -= 1;
        }
        let mut out = String::with_capacity(end + 64);
        out.push_str("<pre class=\"unrendered\" tabindex=\"0\">");
        // One text event: the HTML writer escapes it, and parses nothing.
        html::push_html(
            &mut out,
            std::iter::once(Event::Text(CowStr::Borrowed(&markdown[..end]))),
        );
        out.push_str("</pre>");
        return out;
    }
    let events = merge_text(Parser::new_ext(markdown, options()));
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                // Collect the heading's inline events to derive its anchor.
                let level = *level;
                let mut j = i + 1;
                let mut text = String::new();
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j] {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let base = match anchor(&text) {
                    s if s.is_empty() => "section".to_owned(),
                    s => s,
                };
                let n = used_ids.entry(base.clone()).or_insert(0);
                *n += 1;
                let id = if *n == 1 { base } else { format!("{base}-{n}") };
                out.push(Event::Html(CowStr::from(format!(
                    "<{} id=\"{}\">",
                    tag_name(level),
                    id
                ))));
                for e in &events[i + 1..j] {
                    push_inline(&mut out, e.clone(), links);
                }
                out.push(Event::Html(CowStr::from(format!("</{}>", tag_name(level)))));
                i = j + 1;
                continue;
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = callout(*kind);
                out.push(Event::Html(CowStr::from(format!(
                    "<aside class=\"callout callout-{class}\"><p class=\"callout-title\">{label}</p>"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                out.push(Event::Html(CowStr::from("</aside>")))
            }
            // A checklist item reads as a ballot box, ticked or not: a disabled checkbox
            // would be a form control with no label for a screen reader.
            Event::TaskListMarker(done) => out.push(Event::Text(CowStr::Borrowed(if *done {
                "☑ "
            } else {
                "☐ "
            }))),
            other => push_inline(&mut out, other.clone(), links),
        }
        i += 1;
    }
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, out.into_iter());
    sanitize(&raw)
}

fn tag_name(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h2", // the lesson title is the page's h1
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

fn callout(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note | BlockQuoteKind::Important => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Field tip"),
        BlockQuoteKind::Warning | BlockQuoteKind::Caution => ("warning", "Warning"),
    }
}

/// Adjacent text events are merged so `[[term]]` is seen whole (the parser splits text at
/// brackets).
fn merge_text<'a>(parser: Parser<'a>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    for e in parser {
        match (out.last_mut(), e) {
            (Some(Event::Text(prev)), Event::Text(t)) => {
                let mut s = prev.to_string();
                s.push_str(&t);
                *prev = CowStr::from(s);
            }
            (_, e) => out.push(e),
        }
    }
    out
}

fn push_inline<'a>(out: &mut Vec<Event<'a>>, event: Event<'a>, links: Links<'_>) {
    match event {
        Event::Text(text) if text.contains("[[") => {
            let mut rest: &str = &text;
            while let Some(start) = rest.find("[[") {
                let after = &rest[start + 2..];
                let Some(end) = after.find("]]") else { break };
                out.push(Event::Text(CowStr::from(rest[..start].to_owned())));
                let inner = &after[..end];
                let (term, shown) = inner.split_once('|').unwrap_or((inner, inner));
                out.push(Event::Html(CowStr::from(format!(
                    "<a class=\"glossary-term\" href=\"{}#{}\">",
                    escape(links.glossary),
                    anchor(term)
                ))));
                out.push(Event::Text(CowStr::from(shown.trim().to_owned())));
                out.push(Event::Html(CowStr::from("</a>")));
                rest = &after[end + 2..];
            }
            out.push(Event::Text(CowStr::from(rest.to_owned())));
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if is_relative(&dest_url) => {
            let url = format!("{}{}", links.media_base, dest_url);
            out.push(Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(url),
                title,
                id,
            }));
        }
        // Raw HTML typed into a lesson is shown as text, not interpreted.
        Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
        other => out.push(other),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The allow-list: structure and emphasis, tables, lists, images and links, with the few
/// classes and ids the renderer itself produces.
fn sanitize(html: &str) -> String {
    let classes: HashMap<&str, HashSet<&str>> = HashMap::from([
        (
            "aside",
            HashSet::from(["callout", "callout-note", "callout-tip", "callout-warning"]),
        ),
        ("p", HashSet::from(["callout-title"])),
        ("a", HashSet::from(["glossary-term"])),
        ("div", HashSet::from(["footnote-definition"])),
        ("sup", HashSet::from(["footnote-reference"])),
    ]);
    ammonia::Builder::default()
        .add_tags(["aside"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        // Tables and code blocks take keyboard focus: on a phone they scroll sideways in
        // their own box, which arrow keys can then scroll.
        .set_tag_attribute_value("table", "tabindex", "0")
        .set_tag_attribute_value("pre", "tabindex", "0")
        .allowed_classes(classes)
        .filter_style_properties(HashSet::from(["text-align"]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_code_take_focus_and_typed_tags_stay_text() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n`<table>` and &lt;pre&gt; \
             ![<pre><img src=x onerror=alert(1)>](a.png) [x](https://e.org \"<table>\")",
            LINKS,
        );
        assert!(!html.contains("<img src=\"x\""), "{html}");
        assert!(html.contains("<table tabindex=\"0\">"), "{html}");
        assert!(html.contains("<pre tabindex=\"0\">"), "{html}");
        assert_eq!(html.matches("tabindex").count(), 2, "{html}");
    }

    const LINKS: Links<'static> = Links {
        media_base: "/media/c/1/",
        glossary: "/courses/c/glossary",
    };

    #[test]
    fn blocks_read_as_plain_text() {
        let md = "## Trainer notes\n\nSay **this** about [[Ghost image|ghost images]].\n\n1. First\n2. Second\n   - inner\n\n- [ ] Checks the MRZ\n\n| Role | Script |\n| --- | --- |\n| Officer | Good morning |\n\n```\nP<UTO\n```\n";
        assert_eq!(
            blocks(md),
            vec![
                Block::Heading(2, "Trainer notes".into()),
                Block::Paragraph("Say this about ghost images.".into()),
                Block::Item(1, "1.".into(), "First".into()),
                Block::Item(1, "2.".into(), "Second".into()),
                Block::Item(2, "•".into(), "inner".into()),
                Block::Item(1, "☐".into(), "Checks the MRZ".into()),
                Block::Row(vec!["Role".into(), "Script".into()], true),
                Block::Row(vec!["Officer".into(), "Good morning".into()], false),
                Block::Code("P<UTO".into()),
            ]
        );
    }

    #[test]
    fn renders_the_supported_markdown() {
        let html = render(
            "# Title\n\n## Reading the MRZ\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n[^1]: A note.\n\n- [x] done\n",
            LINKS,
        );
        assert!(
            html.contains("<h2 id=\"reading-the-mrz\">Reading the MRZ</h2>"),
            "{html}"
        );
        assert!(
            html.contains("<table tabindex=\"0\">") && html.contains("<del>old</del>"),
            "{html}"
        );
        assert!(html.contains("footnote"), "{html}");
        // A checklist item is a ticked or empty ballot box, never an unlabelled control.
        assert!(
            html.contains("<li>☑ done</li>") && !html.contains("<input"),
            "{html}"
        );
        let html = render("- [ ] open\n- [x] done\n", LINKS);
        assert!(html.contains("☐ open") && html.contains("☑ done"), "{html}");
        assert!(!render("<input type=checkbox>", LINKS).contains("<input"));
    }

    #[test]
    fn callouts_and_glossary_terms() {
        let html = render(
            "> [!TIP]\n> Ask for the [[Non-refoulement|principle]] first.\n",
            LINKS,
        );
        assert!(
            html.contains(
                "<aside class=\"callout callout-tip\"><p class=\"callout-title\">Field tip</p>"
            ),
            "{html}"
        );
        assert!(html.contains("<a class=\"glossary-term\" href=\"/courses/c/glossary#non-refoulement\" rel=\"noopener noreferrer\">principle</a>"), "{html}");
        assert_eq!(
            glossary_refs("See [[MRZ]] and [[Check digit|digits]]."),
            vec!["MRZ", "Check digit"]
        );
    }

    #[test]
    fn images_resolve_beside_the_lesson() {
        let html = render("![A data page](td3.svg)", LINKS);
        assert!(html.contains("src=\"/media/c/1/td3.svg\""), "{html}");
        assert_eq!(
            image_refs("![x](a.svg) ![y](https://e.org/b.png) ![z](../c.svg)"),
            vec!["a.svg"]
        );
    }

    #[test]
    fn scripts_and_handlers_never_survive() {
        for evil in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<iframe src=https://evil.example></iframe>",
            "<a href=\"#\" style=\"position:fixed\">x</a>",
        ] {
            let html = render(evil, LINKS);
            // Raw HTML is shown as text; no element of it survives, and no dangerous URL.
            assert!(
                !html.contains("<script") && !html.contains("<img") && !html.contains("<iframe"),
                "{html}"
            );
            assert!(
                !html.contains("href=\"javascript") && !html.contains("<a href=\"#\" style"),
                "{html}"
            );
        }
    }

    #[test]
    fn headings_get_unique_accent_free_anchors() {
        let html = render("## Étape un\n\n## Étape un\n", LINKS);
        assert!(
            html.contains("id=\"etape-un\"") && html.contains("id=\"etape-un-2\""),
            "{html}"
        );
        assert_eq!(
            slug("  Trafficking -- vs. smuggling! "),
            "trafficking-vs-smuggling"
        );
        assert_eq!(anchor("Non-refoulement"), "non-refoulement");
        assert_eq!(anchor("الوثيقة المزوَّرة"), "الوثيقة-المزورة");
        assert_eq!(anchor("Documento falsificado"), "documento-falsificado");
        assert_eq!(slug("الوثيقة"), "", "identifiers stay ASCII");
    }

    #[test]
    fn deep_nesting_and_long_texts_are_not_parsed() {
        assert_eq!(nesting("> > - 1. text"), 4);
        assert_eq!(nesting("    code"), 0);
        assert_eq!(nesting("-not a list"), 0);
        assert_eq!(nesting("* * *"), 3);
        assert_eq!(check(&"> ".repeat(16)), Ok(()));
        let deep = ">".repeat(100_000);
        assert_eq!(check(&deep), Err(Limit::TooDeep));
        let html = render(&format!("{deep} <script>"), LINKS);
        assert!(
            html.starts_with("<pre class=\"unrendered\" tabindex=\"0\">&gt;&gt;"),
            "{}",
            &html[..60]
        );
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
        let long = "word ".repeat(MAX_BYTES / 5 + 1);
        assert_eq!(check(&long), Err(Limit::TooLong));
        assert!(render(&long, LINKS).len() < MAX_BYTES + 64);
        // Lists nested on one line count too.
        assert_eq!(check(&"- ".repeat(40)), Err(Limit::TooDeep));
    }
}
