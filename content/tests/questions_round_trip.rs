//! Generated question banks full of GIFT and XML special characters: whatever a reader
//! accepts, both writers write so that it reads back equal.

use content::questions::{BankEntry, Format, parse, write_gift, write_moodle_xml};

/// A small deterministic generator (no dependency, same cases on every run).
struct Gen(u64);

impl Gen {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    fn text(&mut self, atoms: &[&str]) -> String {
        let n = 1 + self.below(6);
        let glue = if self.below(2) == 0 { " " } else { "" };
        (0..n)
            .map(|_| self.pick(atoms))
            .collect::<Vec<_>>()
            .join(glue)
    }

    fn number(&mut self) -> &'static str {
        self.pick(&["1", "-2.5", "44", "0.001", "1e3", "7", "+3"])
    }
}

/// Reads `file`; if it holds questions, writes them in both formats and reads them back.
/// Returns whether there was anything to check.
fn round_trips(file: &str, format: Format) -> bool {
    let Ok(outcome) = parse(format, file.as_bytes()) else {
        return false;
    };
    // GIFT keeps tags in `// [tag:…]` comments, which cannot hold `]`.
    let entries: Vec<BankEntry> = outcome
        .entries
        .into_iter()
        .map(|(_, e)| e)
        .filter(|e| !e.question.tags.iter().any(|t| t.contains(']')))
        .collect();
    if entries.is_empty() {
        return false;
    }
    for (written, format) in [
        (write_gift(&entries), Format::Gift),
        (write_moodle_xml(&entries), Format::MoodleXml),
    ] {
        let back = parse(format, written.as_bytes())
            .unwrap_or_else(|e| panic!("{e}\nread {file:?}\nwrote {written}"));
        assert!(
            back.refused.is_empty(),
            "{:?}\nread {file:?}\nwrote {written}",
            back.refused
        );
        let back: Vec<BankEntry> = back.entries.into_iter().map(|(_, e)| e).collect();
        assert_eq!(back, entries, "\nread {file:?}\nwrote {written}");
    }
    true
}

const GIFT_ATOMS: &[&str] = &[
    "a",
    "b c",
    "\\=",
    "\\~",
    "\\#",
    "\\{",
    "\\}",
    "\\:",
    "\\\\",
    "\\n",
    "-",
    ">",
    "\\>",
    "%",
    "é",
    "[html]",
    "//",
    "*",
    "_",
    "&",
    ";",
    "<",
    ":",
    "..",
    "1",
    "T",
    "]]>",
    "\\-\\>",
    "x",
    "$CATEGORY:",
    "[",
    "]",
];

#[test]
fn generated_gift_banks_round_trip() {
    let mut g = Gen(42);
    let mut checked = 0;
    for _ in 0..3000 {
        let mut file = String::new();
        for _ in 0..1 + g.below(3) {
            if g.below(5) == 0 {
                let category = g.text(&["A", "b/c", "top", "x y"]);
                file.push_str(&format!("$CATEGORY: $course$/top/{category}\n\n"));
            }
            if g.below(2) == 0 {
                file.push_str(&format!("// [tag:{}]\n", g.text(&["t", "u v"])));
            }
            if g.below(2) == 0 {
                file.push_str(&format!("::{}::", g.text(GIFT_ATOMS)));
            }
            file.push_str(g.pick(&["", "[html]", "[markdown]", "[plain]"]));
            file.push_str(&g.text(GIFT_ATOMS));
            let block = match g.below(9) {
                0 => format!(
                    "={} ~{}#{} ~%50%{}",
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS)
                ),
                1 => format!(
                    "~%50%{} ~%50%{}#{}\n~%-100%{}",
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS)
                ),
                2 => format!(
                    "{}#{}#{}",
                    g.pick(&["T", "FALSE"]),
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS)
                ),
                3 => format!(
                    "={}#{} =%50%{}",
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS)
                ),
                4 => format!("#{}:{}", g.number(), g.number()),
                5 => format!(
                    "#={}..{}#{} ~{}",
                    g.number(),
                    g.number(),
                    g.text(GIFT_ATOMS),
                    g.number()
                ),
                6 => format!(
                    "={} -> {}\n={} -> {}",
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS)
                ),
                7 => format!(
                    ">{} >{}\n>{}",
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS),
                    g.text(GIFT_ATOMS)
                ),
                _ => format!("={} ~{}", g.text(GIFT_ATOMS), g.text(GIFT_ATOMS)),
            };
            let general = if g.below(3) == 0 {
                format!("####{}", g.text(GIFT_ATOMS))
            } else {
                String::new()
            };
            file.push_str(&format!("{{{block}{general}}}"));
            if g.below(3) == 0 {
                file.push_str(&g.text(GIFT_ATOMS));
            }
            file.push_str("\n\n");
        }
        checked += usize::from(round_trips(&file, Format::Gift));
    }
    assert!(
        checked > 2000,
        "only {checked} generated files had questions"
    );
}

const XML_ATOMS: &[&str] = &[
    "a",
    "b c",
    "&amp;",
    "&lt;",
    "&gt;",
    "]]&gt;",
    "<![CDATA[<p>x]]>",
    "<![CDATA[]]]]><![CDATA[>]]>",
    "é",
    "&#233;",
    "\n",
    "  ",
    "=",
    "~",
    "#",
    "{",
    "}",
    "\\",
    "->",
    "%",
    "&lt;br&gt;",
    "&amp;nbsp;",
    "&nbsp;",
    "1",
    "*",
];

#[test]
fn generated_moodle_xml_banks_round_trip() {
    let mut g = Gen(7);
    let mut checked = 0;
    for _ in 0..3000 {
        let mut file = String::from("<?xml version=\"1.0\"?>\n<quiz>\n");
        for _ in 0..1 + g.below(3) {
            if g.below(4) == 0 {
                let category = g.text(&["A", "b/c", "x y"]);
                file.push_str(&format!(
                    "<question type=\"category\"><category><text>$course$/top/{category}</text></category></question>\n"
                ));
            }
            let format = g.pick(&["html", "plain_text", "markdown", "moodle_auto_format"]);
            let answer = |g: &mut Gen, fraction: &str| {
                format!(
                    "<answer fraction=\"{fraction}\" format=\"{}\"><text>{}</text><feedback format=\"{}\"><text>{}</text></feedback></answer>",
                    g.pick(&["html", "plain_text"]),
                    g.text(XML_ATOMS),
                    g.pick(&["html", "markdown"]),
                    g.text(XML_ATOMS)
                )
            };
            let (kind, body) = match g.below(7) {
                0 => (
                    "multichoice",
                    format!(
                        "<single>true</single>{}{}",
                        answer(&mut g, "100"),
                        answer(&mut g, "-33.33333")
                    ),
                ),
                1 => (
                    "multichoice",
                    format!(
                        "<single>false</single>{}{}{}",
                        answer(&mut g, "50"),
                        answer(&mut g, "50"),
                        answer(&mut g, "0")
                    ),
                ),
                2 => (
                    "truefalse",
                    format!(
                        "<answer fraction=\"{}\"><text>true</text><feedback><text>{}</text></feedback></answer><answer fraction=\"100\"><text>false</text></answer>",
                        g.pick(&["100", "0"]),
                        g.text(XML_ATOMS)
                    ),
                ),
                3 => (
                    "shortanswer",
                    format!("{}{}", answer(&mut g, "100"), answer(&mut g, "12.5")),
                ),
                4 => (
                    "numerical",
                    format!(
                        "<answer fraction=\"100\"><text>{}</text><tolerance>{}</tolerance></answer>",
                        g.number(),
                        g.number()
                    ),
                ),
                5 => (
                    "matching",
                    format!(
                        "<subquestion format=\"{format}\"><text>{}</text><answer><text>{}</text></answer></subquestion><subquestion><text>{}</text><answer><text>{}</text></answer></subquestion>",
                        g.text(XML_ATOMS),
                        g.text(XML_ATOMS),
                        g.text(XML_ATOMS),
                        g.text(XML_ATOMS)
                    ),
                ),
                _ => (
                    "ordering",
                    format!(
                        "<answer fraction=\"2\"><text>{}</text></answer><answer fraction=\"1\"><text>{}</text></answer>",
                        g.text(XML_ATOMS),
                        g.text(XML_ATOMS)
                    ),
                ),
            };
            file.push_str(&format!(
                "<question type=\"{kind}\"><name><text>{}</text></name><questiontext format=\"{format}\"><text>{}</text></questiontext><generalfeedback format=\"{format}\"><text>{}</text></generalfeedback><defaultgrade>{}</defaultgrade>{body}<tags><tag><text>{}</text></tag></tags></question>\n",
                g.text(XML_ATOMS),
                g.text(XML_ATOMS),
                g.text(XML_ATOMS),
                g.pick(&["1", "2.5", "1.0000000"]),
                g.text(XML_ATOMS)
            ));
        }
        file.push_str("</quiz>\n");
        checked += usize::from(round_trips(&file, Format::MoodleXml));
    }
    assert!(
        checked > 2000,
        "only {checked} generated files had questions"
    );
}
