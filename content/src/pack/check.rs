//! `checkpoint content check`: what a pack must hold before a trainer pilots it, beyond what
//! reading it already refuses. Every finding names the file and says what to change.
//!
//! - links that lead nowhere and images without alternative text;
//! - a lesson whose duration does not fit its words and its session plan;
//! - questions without a competency of the competency framework;
//! - test items that trainees could practise with, and tests too short to measure;
//! - MRZ lines whose check digits are wrong (unless marked as deliberately wrong);
//! - missing trainer materials: the pilot agenda, the materials list, the localisation sheet
//!   and a session plan for every lesson.

use super::trainer::{Method, contact_minutes, total_minutes};
use super::{CoursePack, Pool};
use std::collections::HashSet;
use std::fmt;

/// Words a trainee reads in a minute, in a second language, studying.
pub const READING_WORDS_PER_MINUTE: usize = 130;
/// Fewest questions a post-test asks.
pub const MIN_POST_TEST_QUESTIONS: u32 = 15;
/// Fewest questions in a course's test pool.
pub const MIN_TEST_POOL: usize = 30;
/// Contact minutes of a one-day pilot: about six hours.
pub const PILOT_CONTACT_MINUTES: std::ops::RangeInclusive<u32> = 330..=390;
/// The GIFT tag or code-block language that marks an MRZ as deliberately wrong (an exercise
/// in finding the error).
pub const MRZ_INVALID_MARK: &str = "mrz-invalid";

/// One thing to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file, relative to the pack.
    pub file: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// What `check` looks up outside the pack.
pub struct Context<'a> {
    /// The competency ids questions may carry.
    pub competencies: HashSet<&'a str>,
}

/// Checks `pack`; an empty list means it passes.
pub fn check(pack: &CoursePack, cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    lessons(pack, &mut out);
    questions(pack, cx, &mut out);
    quizzes(pack, &mut out);
    trainer(pack, &mut out);
    out
}

fn find(out: &mut Vec<Finding>, file: impl Into<String>, message: impl Into<String>) {
    out.push(Finding {
        file: file.into(),
        message: message.into(),
    });
}

/// Words of a Markdown text, roughly as a reader counts them.
pub fn word_count(markdown: &str) -> usize {
    markdown
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn lessons(pack: &CoursePack, out: &mut Vec<Finding>) {
    for (i, m) in pack.modules.iter().enumerate() {
        for (j, l) in m.lessons.iter().enumerate() {
            let file = format!("{:02}-{}/{:02}-{}.md", i + 1, m.slug, j + 1, l.slug);
            links(&l.body, &file, |image| m.media.contains_key(image), out);
            mrz_in_markdown(&l.body, &file, out);
            let reading = word_count(&l.body).div_ceil(READING_WORDS_PER_MINUTE) as u32;
            if reading > l.meta.duration {
                find(
                    out,
                    &file,
                    format!(
                        "the text takes about {reading} minutes to read but the lesson lasts {} minutes: raise `duration` or shorten the text",
                        l.meta.duration
                    ),
                );
            }
            match pack.trainer.lesson(&m.slug, &l.slug) {
                None => find(
                    out,
                    format!("trainer/{:02}-{}/{:02}-{}.md", i + 1, m.slug, j + 1, l.slug),
                    "missing: every lesson has a session plan and trainer notes",
                ),
                Some(n) => {
                    let tfile =
                        format!("trainer/{:02}-{}/{:02}-{}.md", i + 1, m.slug, j + 1, l.slug);
                    let planned = total_minutes(&n.plan);
                    if planned != l.meta.duration {
                        find(
                            out,
                            &tfile,
                            format!(
                                "the session plan lasts {planned} minutes but the lesson's duration is {}: make them equal",
                                l.meta.duration
                            ),
                        );
                    }
                    if n.body.trim().is_empty() {
                        find(out, &tfile, "the trainer notes are empty");
                    }
                    links(&n.body, &tfile, |_| false, out);
                    mrz_in_markdown(&n.body, &tfile, out);
                }
            }
        }
    }
}

/// Links to nowhere: a relative link that is not a file of the module, an anchor that no
/// heading has, an image without alternative text.
fn links(body: &str, file: &str, media: impl Fn(&str) -> bool, out: &mut Vec<Finding>) {
    let anchors = crate::markdown::heading_anchors(body);
    for l in crate::markdown::link_refs(body) {
        if l.image && l.text.trim().is_empty() {
            find(
                out,
                file,
                format!(
                    "image `{}` has no alternative text: describe what it shows",
                    l.dest
                ),
            );
        }
        let dest = l.dest.trim();
        if let Some(anchor) = dest.strip_prefix('#') {
            if !anchors.contains(anchor) {
                find(
                    out,
                    file,
                    format!("link `{dest}`: no heading of this text has that anchor"),
                );
            }
        } else if dest.is_empty() {
            find(out, file, format!("link `{}` has no target", l.text));
        } else if !(dest.starts_with("https://")
            || dest.starts_with("http://")
            || dest.starts_with("mailto:")
            || media(dest))
        {
            find(
                out,
                file,
                format!(
                    "link `{dest}` leads nowhere: use an https:// address, a heading's #anchor or a file beside the lesson"
                ),
            );
        }
    }
}

/// MRZ-shaped runs of lines (two of 44 or 36 characters, three of 30) in `text`, each with
/// whether it is marked as deliberately wrong.
pub fn mrz_candidates(text: &str) -> Vec<Vec<String>> {
    let shaped = |l: &str| {
        let l = l.trim().trim_matches('`').trim();
        let n = l.chars().count();
        ([30, 36, 44].contains(&n)
            && l.contains('<')
            && l.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<'))
        .then(|| l.to_owned())
    };
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for line in text.split('\n').chain(std::iter::once("")) {
        match shaped(line) {
            Some(l) if run.last().is_none_or(|p| p.len() == l.len()) => run.push(l),
            Some(l) => {
                out.push(std::mem::take(&mut run));
                run.push(l);
            }
            None => out.push(std::mem::take(&mut run)),
        }
    }
    out.into_iter()
        .filter(|r| {
            matches!(
                (r.len(), r.first().map(String::len)),
                (2, Some(36 | 44)) | (3, Some(30))
            )
        })
        .collect()
}

/// The problems of each MRZ in `text`, in English.
fn mrz_problems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for lines in mrz_candidates(text) {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let problems = match assessments::mrz::check(&refs, 2026) {
            Ok(m) => m.errors,
            Err(p) => p,
        };
        let digits: Vec<String> = problems
            .into_iter()
            .filter(|p| p.field.contains("check_digit") || p.message.contains("check digit"))
            .map(|p| format!("{} ({})", p.field, p.message))
            .collect();
        if !digits.is_empty() {
            out.push(format!(
                "MRZ `{}…`: {}",
                &lines[0][..lines[0].len().min(20)],
                digits.join("; ")
            ));
        }
    }
    out
}

/// MRZs in a Markdown text outside code blocks marked `mrz-invalid`.
fn mrz_in_markdown(body: &str, file: &str, out: &mut Vec<Finding>) {
    let mut kept = String::new();
    let mut skipping = false;
    for line in body.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            skipping = !skipping && t.contains(MRZ_INVALID_MARK);
            kept.push('\n');
            continue;
        }
        if !skipping {
            kept.push_str(line);
        }
        kept.push('\n');
    }
    for p in mrz_problems(&kept) {
        find(
            out,
            file,
            format!(
                "{p}: correct it, or mark a deliberately wrong MRZ with a ```{MRZ_INVALID_MARK} block"
            ),
        );
    }
}

/// Every text of a question (its text, options, feedback), for the MRZ check.
fn question_texts(q: &assessments::questions::Question) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(q) {
        walk(&v, &mut out);
    }
    out
}

fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn questions(pack: &CoursePack, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let file_of = |pool: Pool| match pool {
        Pool::Practice => "questions.gift",
        Pool::Test => "tests.gift",
    };
    for (pool, e) in pack.bank() {
        let q = &e.question;
        if !q
            .competencies
            .iter()
            .any(|c| cx.competencies.contains(c.as_str()))
        {
            find(
                out,
                file_of(pool),
                format!(
                    "`{}` has no competency of the framework: add `// [competency:<id>]` above it",
                    q.title
                ),
            );
        }
        if !q.tags.iter().any(|t| t == MRZ_INVALID_MARK) {
            for text in question_texts(q) {
                for p in mrz_problems(&text) {
                    find(
                        out,
                        file_of(pool),
                        format!(
                            "`{}`: {p}: correct it, or tag a deliberately wrong MRZ `// [tag:{MRZ_INVALID_MARK}]`",
                            q.title
                        ),
                    );
                }
            }
        }
    }
    let practice: HashSet<String> = pack
        .questions
        .iter()
        .map(|e| normalised(&e.question.text))
        .collect();
    for e in &pack.tests {
        if practice.contains(&normalised(&e.question.text)) {
            find(
                out,
                "tests.gift",
                format!(
                    "`{}` asks what a practice question asks: a test item is never practised",
                    e.question.title
                ),
            );
        }
    }
}

fn pool_of_draw(pack: &CoursePack, d: &super::DrawDef) -> Vec<(Pool, String)> {
    if let Some(cat) = &d.category {
        return pack
            .pool_of(cat)
            .map(|p| (p, format!("category `{cat}`")))
            .into_iter()
            .collect();
    }
    d.questions
        .iter()
        .flatten()
        .filter_map(|t| {
            pack.bank()
                .find(|(_, e)| &e.question.title == t)
                .map(|(p, _)| (p, format!("`{t}`")))
        })
        .collect()
}

fn quizzes(pack: &CoursePack, out: &mut Vec<Finding>) {
    let has_tests = pack.quizzes.iter().any(|q| q.role != "practice");
    if has_tests && pack.tests.len() < MIN_TEST_POOL {
        find(
            out,
            "tests.gift",
            format!(
                "the test pool holds {} questions; a course's pre- and post-tests need at least {MIN_TEST_POOL}",
                pack.tests.len()
            ),
        );
    }
    for q in &pack.quizzes {
        let want = Pool::for_role(&q.role);
        for d in &q.draw {
            for (pool, what) in pool_of_draw(pack, d) {
                if pool != want {
                    let msg = match want {
                        Pool::Test => format!(
                            "quiz `{}` ({}) draws {what} from the practice pool: tests draw only from tests.gift",
                            q.id, q.role
                        ),
                        Pool::Practice => format!(
                            "quiz `{}` (practice) draws {what} from the test pool: practice would show test items with their answers",
                            q.id
                        ),
                    };
                    find(out, "quizzes.toml", msg);
                }
            }
        }
        let asked: u32 = q
            .draw
            .iter()
            .map(|d| {
                d.count
                    .unwrap_or_else(|| d.questions.as_ref().map_or(0, |t| t.len() as u32))
            })
            .sum();
        if q.role == "post_test" && asked < MIN_POST_TEST_QUESTIONS {
            find(
                out,
                "quizzes.toml",
                format!(
                    "post-test `{}` asks {asked} questions; at least {MIN_POST_TEST_QUESTIONS} are needed for one question not to weigh more than about 7 points",
                    q.id
                ),
            );
        }
        // An attempt whose answers were shown leaves its questions spent for the next one.
        if q.role != "practice" && q.show_answers == "after_submit" && q.attempts != 1 {
            for d in &q.draw {
                if let (Some(cat), Some(n)) = (&d.category, d.count) {
                    let held = pack.bank().filter(|(_, e)| &e.category == cat).count() as u32;
                    let attempts = if q.attempts == 0 { 3 } else { q.attempts };
                    if held < n * attempts {
                        find(
                            out,
                            "quizzes.toml",
                            format!(
                                "quiz `{}` shows answers after each attempt and draws {n} from `{cat}` ({held} questions): {} attempts need {} unseen questions; show answers after the last attempt or add questions",
                                q.id,
                                attempts,
                                n * attempts
                            ),
                        );
                    }
                }
            }
        }
    }
}

fn trainer(pack: &CoursePack, out: &mut Vec<Finding>) {
    let t = &pack.trainer;
    match &t.agenda {
        None => find(
            out,
            "trainer/agenda.md",
            "missing: the one-day pilot agenda",
        ),
        Some(a) => {
            let contact = contact_minutes(&a.steps);
            if !PILOT_CONTACT_MINUTES.contains(&contact) {
                find(
                    out,
                    "trainer/agenda.md",
                    format!(
                        "the day has {contact} contact minutes (breaks excluded); a one-day pilot has {} to {}",
                        PILOT_CONTACT_MINUTES.start(),
                        PILOT_CONTACT_MINUTES.end()
                    ),
                );
            }
            let tests = a.steps.iter().filter(|s| s.method == Method::Test).count();
            if tests < 2 {
                find(
                    out,
                    "trainer/agenda.md",
                    "the day needs a pre-test and a post-test (steps with method = \"test\")",
                );
            }
            for (m, what) in [
                (Method::Break, "a break"),
                (
                    Method::Evaluation,
                    "the evaluation (the reaction questionnaire)",
                ),
            ] {
                if !a.steps.iter().any(|s| s.method == m) {
                    find(
                        out,
                        "trainer/agenda.md",
                        format!("the day has no step for {what}"),
                    );
                }
            }
            let taught: HashSet<&str> = a
                .steps
                .iter()
                .flat_map(|s| s.lessons.iter().map(String::as_str))
                .collect();
            for m in &pack.modules {
                for l in &m.lessons {
                    if !taught.contains(l.slug.as_str()) {
                        find(
                            out,
                            "trainer/agenda.md",
                            format!(
                                "lesson `{}` is taught in no step: name it in a step's `lessons`",
                                l.slug
                            ),
                        );
                    }
                }
            }
        }
    }
    for (name, text) in [
        ("trainer/materials.md", &t.materials),
        ("trainer/localisation.md", &t.localisation),
    ] {
        if text.trim().is_empty() {
            find(out, name, "missing or empty");
        } else {
            links(text, name, |_| false, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_mrz_runs_and_checks_their_digits() {
        // A valid TD3 specimen (Doc 9303 Part 4's, moved to Utopia).
        let good = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
        assert_eq!(mrz_candidates(good).len(), 1);
        assert!(mrz_problems(good).is_empty(), "{:?}", mrz_problems(good));
        let bad = good.replace("7408122", "7408123");
        let p = mrz_problems(&bad);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("date_of_birth"), "{p:?}");
        // One line alone is not an MRZ to check.
        assert!(mrz_candidates("L898902C36UTO7408122F1204159ZE184226B<<<<<10").is_empty());
    }

    #[test]
    fn a_marked_block_is_left_alone() {
        let bad = "```mrz-invalid\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408123F1204159ZE184226B<<<<<10\n```\n";
        let mut out = Vec::new();
        mrz_in_markdown(bad, "x.md", &mut out);
        assert!(out.is_empty(), "{out:?}");
        mrz_in_markdown(&bad.replace("mrz-invalid", "text"), "x.md", &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
    }

    #[test]
    fn links_that_lead_nowhere_are_found() {
        let body = "## Reading the MRZ\n\n[up](#reading-the-mrz) [gone](#nowhere) [file](other.md) [web](https://example.org)\n\n![](a.svg) ![A chart](b.svg)\n";
        let mut out = Vec::new();
        links(body, "x.md", |f| f == "a.svg" || f == "b.svg", &mut out);
        let msgs: Vec<&str> = out.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("#nowhere"));
        assert!(msgs[1].contains("other.md"));
        assert!(msgs[2].contains("no alternative text"));
    }
}
