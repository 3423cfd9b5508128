//! Trainer materials (`trainer/` in a pack): the pilot day's agenda, the materials list, the
//! localisation sheet and a session plan with trainer notes per lesson. Trainees never see
//! them; the format is in `docs/course-pack-format.md`.

use super::{CoursePack, err, not_a_link, read_text, sorted_entries, split_front};
use super::{PackError, check_lesson_body};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// How a step of a plan is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The whole group with the trainer.
    Plenary,
    /// The trainer presents.
    Presentation,
    /// Small groups work on a task.
    GroupWork,
    /// Participants play roles while others observe.
    RolePlay,
    /// A practical exercise (stations, drills, the simulator).
    Exercise,
    /// Each participant alone.
    Individual,
    /// A pre-test or post-test.
    Test,
    /// A break.
    Break,
    /// The reaction questionnaire and the day's evaluation.
    Evaluation,
}

impl Method {
    /// Every method, in the order forms list them.
    pub const ALL: [Method; 9] = [
        Method::Plenary,
        Method::Presentation,
        Method::GroupWork,
        Method::RolePlay,
        Method::Exercise,
        Method::Individual,
        Method::Test,
        Method::Break,
        Method::Evaluation,
    ];

    /// The code written in a pack.
    pub fn code(self) -> &'static str {
        match self {
            Method::Plenary => "plenary",
            Method::Presentation => "presentation",
            Method::GroupWork => "group-work",
            Method::RolePlay => "role-play",
            Method::Exercise => "exercise",
            Method::Individual => "individual",
            Method::Test => "test",
            Method::Break => "break",
            Method::Evaluation => "evaluation",
        }
    }

    /// The method written `code`.
    pub fn from_code(code: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// One step of an agenda or a session plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// How long it takes.
    pub minutes: u32,
    /// What happens.
    pub activity: String,
    /// How it is run.
    pub method: Method,
    /// Lessons the step teaches (slugs), in an agenda.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lessons: Vec<String>,
}

/// Longest plan accepted (steps).
pub const MAX_STEPS: usize = 60;
/// Longest step accepted, in minutes.
pub const MAX_STEP_MINUTES: u32 = 480;

/// Checks a plan: at least one step, no empty activity, sensible minutes.
pub fn check_plan(steps: &[Step]) -> Result<(), String> {
    if steps.is_empty() {
        return Err("the plan has no steps ([[step]] with minutes, activity and method)".into());
    }
    if steps.len() > MAX_STEPS {
        return Err(format!("the plan has more than {MAX_STEPS} steps"));
    }
    for (i, s) in steps.iter().enumerate() {
        if s.activity.trim().is_empty() {
            return Err(format!("step {} has no activity", i + 1));
        }
        if s.minutes == 0 || s.minutes > MAX_STEP_MINUTES {
            return Err(format!(
                "step {} lasts {} minutes; a step lasts 1 to {MAX_STEP_MINUTES} minutes",
                i + 1,
                s.minutes
            ));
        }
    }
    Ok(())
}

/// A plan as a trainer types it in the browser, one step per line:
/// `minutes | method | activity` and, in an agenda, `| lesson-slug, lesson-slug`.
pub fn plan_lines(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| {
            let mut line = format!("{} | {} | {}", s.minutes, s.method.code(), s.activity);
            if !s.lessons.is_empty() {
                line.push_str(" | ");
                line.push_str(&s.lessons.join(", "));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads [`plan_lines`] back: blank lines are skipped; an error names the line (1-based).
pub fn parse_plan_lines(text: &str) -> Result<Vec<Step>, (usize, String)> {
    let mut steps = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        let parts: Vec<&str> = line.splitn(4, '|').map(str::trim).collect();
        if parts.len() < 3 {
            return Err((n, "write minutes | method | activity".into()));
        }
        let minutes: u32 = parts[0]
            .parse()
            .map_err(|_| (n, format!("`{}` is not a number of minutes", parts[0])))?;
        let method = Method::from_code(parts[1]).ok_or_else(|| {
            (
                n,
                format!(
                    "`{}` is not a method: {}",
                    parts[1],
                    Method::ALL.map(Method::code).join(", ")
                ),
            )
        })?;
        let lessons = parts
            .get(3)
            .map(|l| {
                l.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        steps.push(Step {
            minutes,
            activity: parts[2].to_owned(),
            method,
            lessons,
        });
    }
    check_plan(&steps).map_err(|m| (0, m))?;
    Ok(steps)
}

/// Minutes of a plan, breaks included.
pub fn total_minutes(steps: &[Step]) -> u32 {
    steps.iter().map(|s| s.minutes).sum()
}

/// Contact minutes of a plan: every step but breaks.
pub fn contact_minutes(steps: &[Step]) -> u32 {
    steps
        .iter()
        .filter(|s| s.method != Method::Break)
        .map(|s| s.minutes)
        .sum()
}

/// `trainer/agenda.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// Title of the day.
    pub title: String,
    /// When the day starts, `HH:MM`.
    #[serde(default = "default_start")]
    pub starts: String,
    /// The day, step by step.
    #[serde(default, rename = "step")]
    pub steps: Vec<Step>,
    /// Notes on running the day (Markdown; not in the front matter).
    #[serde(skip)]
    pub notes: String,
}

fn default_start() -> String {
    "08:30".into()
}

/// Minutes after midnight of `HH:MM`.
pub fn clock_minutes(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// `HH:MM` of minutes after midnight (past midnight wraps).
pub fn clock(minutes: u32) -> String {
    let m = minutes % (24 * 60);
    format!("{:02}:{:02}", m / 60, m % 60)
}

impl Agenda {
    /// The start time of each step, `HH:MM`.
    pub fn times(&self) -> Vec<String> {
        let mut at = clock_minutes(&self.starts).unwrap_or(8 * 60 + 30);
        self.steps
            .iter()
            .map(|s| {
                let t = clock(at);
                at += s.minutes;
                t
            })
            .collect()
    }
}

/// A lesson's session plan and trainer notes (`trainer/<module>/<lesson>.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonNotes {
    /// The lesson's module (slug).
    pub module: String,
    /// The lesson (slug).
    pub lesson: String,
    /// The session plan.
    pub plan: Vec<Step>,
    /// Trainer notes, activities, handouts and case-study answers (Markdown).
    pub body: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFront {
    #[serde(default, rename = "step")]
    steps: Vec<Step>,
}

/// A pack's trainer materials.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainerMaterials {
    /// The pilot day.
    pub agenda: Option<Agenda>,
    /// What to bring and prepare (Markdown).
    pub materials: String,
    /// What to adapt to the country (Markdown).
    pub localisation: String,
    /// Per lesson, in course order.
    pub lessons: Vec<LessonNotes>,
}

impl TrainerMaterials {
    /// Whether the pack has none.
    pub fn is_empty(&self) -> bool {
        self.agenda.is_none()
            && self.materials.trim().is_empty()
            && self.localisation.trim().is_empty()
            && self.lessons.is_empty()
    }

    /// The notes of lesson `lesson` of module `module`.
    pub fn lesson(&self, module: &str, lesson: &str) -> Option<&LessonNotes> {
        self.lessons
            .iter()
            .find(|n| n.module == module && n.lesson == lesson)
    }
}

/// Reads an agenda file's text.
pub fn parse_agenda(text: &str, file: &Path) -> Result<Agenda, PackError> {
    let (mut agenda, notes): (Agenda, String) = split_front(text, file)?;
    if agenda.title.trim().is_empty() {
        return Err(err(file, Some(2), "the agenda has no title"));
    }
    if clock_minutes(&agenda.starts).is_none() {
        return Err(err(file, Some(2), "`starts` is a time written HH:MM"));
    }
    check_plan(&agenda.steps).map_err(|m| err(file, None, m))?;
    agenda.notes = notes;
    Ok(agenda)
}

/// Reads a lesson's trainer file: its session plan and notes.
pub fn parse_lesson_notes(text: &str, file: &Path) -> Result<(Vec<Step>, String), PackError> {
    let (front, body): (PlanFront, String) = split_front(text, file)?;
    check_plan(&front.steps).map_err(|m| err(file, None, m))?;
    Ok((front.steps, body))
}

/// Writes an agenda file.
pub fn agenda_file(agenda: &Agenda) -> String {
    let front = toml::to_string(agenda).expect("agenda front matter serialises");
    // The exact inverse of reading: the line after `+++` ends the front matter.
    format!("+++\n{front}+++\n{}", agenda.notes)
}

/// Writes a lesson's trainer file.
pub fn lesson_notes_file(plan: &[Step], body: &str) -> String {
    let front = toml::to_string(&PlanFront {
        steps: plan.to_vec(),
    })
    .expect("session plan serialises");
    format!("+++\n{front}+++\n{body}")
}

/// Reads `dir/trainer/` of `pack` (already read): every lesson file must match a lesson.
pub(super) fn load(dir: &Path, pack: &CoursePack) -> Result<TrainerMaterials, PackError> {
    let root = dir.join("trainer");
    let mut out = TrainerMaterials::default();
    if !root.is_dir() {
        return Ok(out);
    }
    not_a_link(&root)?;
    let terms: HashSet<String> = pack
        .glossary
        .iter()
        .map(|g| g.term.to_lowercase())
        .collect();
    let check_body = |text: &str, body: &str, file: &Path| {
        check_lesson_body(
            text,
            body,
            file,
            |t| terms.contains(&t.to_lowercase()),
            |_| false,
            (
                "is not defined in glossary.toml",
                "cannot be shown: trainer materials have no images",
            ),
        )
    };
    let agenda = root.join("agenda.md");
    if agenda.exists() {
        let text = read_text(&agenda)?;
        let a = parse_agenda(&text, &agenda)?;
        check_body(&text, &a.notes, &agenda)?;
        for s in &a.steps {
            for l in &s.lessons {
                if !pack
                    .modules
                    .iter()
                    .any(|m| m.lessons.iter().any(|x| &x.slug == l))
                {
                    return Err(err(&agenda, None, format!("no lesson is named `{l}`")));
                }
            }
        }
        out.agenda = Some(a);
    }
    for (name, field) in [
        ("materials.md", &mut out.materials),
        ("localisation.md", &mut out.localisation),
    ] {
        let file = root.join(name);
        if file.exists() {
            let text = read_text(&file)?;
            check_body(&text, &text, &file)?;
            *field = text;
        }
    }
    for (_, module_slug, path) in sorted_entries(&root)? {
        if !path.is_dir() {
            continue;
        }
        let Some(module) = pack.modules.iter().find(|m| m.slug == module_slug) else {
            return Err(err(
                &path,
                None,
                format!("the pack has no module `{module_slug}`"),
            ));
        };
        for (_, name, file) in sorted_entries(&path)? {
            let Some(lesson_slug) = name.strip_suffix(".md") else {
                continue;
            };
            if !module.lessons.iter().any(|l| l.slug == lesson_slug) {
                return Err(err(
                    &file,
                    None,
                    format!("module `{module_slug}` has no lesson `{lesson_slug}`"),
                ));
            }
            if out.lesson(&module_slug, lesson_slug).is_some() {
                return Err(err(&file, None, "the lesson has two trainer files"));
            }
            let text = read_text(&file)?;
            let (plan, body) = parse_lesson_notes(&text, &file)?;
            check_body(&text, &body, &file)?;
            out.lessons.push(LessonNotes {
                module: module_slug.clone(),
                lesson: lesson_slug.to_owned(),
                plan,
                body,
            });
        }
    }
    // Course order, whatever the folders' numbers.
    let order = |n: &LessonNotes| {
        pack.modules
            .iter()
            .enumerate()
            .find_map(|(i, m)| {
                (m.slug == n.module).then(|| {
                    (
                        i,
                        m.lessons
                            .iter()
                            .position(|l| l.slug == n.lesson)
                            .unwrap_or(0),
                    )
                })
            })
            .unwrap_or((usize::MAX, 0))
    };
    out.lessons.sort_by_key(order);
    Ok(out)
}

/// Writes `pack`'s trainer materials under `dir/trainer/`.
pub(super) fn write(pack: &CoursePack, dir: &Path) -> std::io::Result<()> {
    let t = &pack.trainer;
    if t.is_empty() {
        return Ok(());
    }
    let root = dir.join("trainer");
    std::fs::create_dir_all(&root)?;
    if let Some(a) = &t.agenda {
        std::fs::write(root.join("agenda.md"), agenda_file(a))?;
    }
    if !t.materials.trim().is_empty() {
        std::fs::write(root.join("materials.md"), &t.materials)?;
    }
    if !t.localisation.trim().is_empty() {
        std::fs::write(root.join("localisation.md"), &t.localisation)?;
    }
    for (i, module) in pack.modules.iter().enumerate() {
        for (j, lesson) in module.lessons.iter().enumerate() {
            if let Some(n) = t.lesson(&module.slug, &lesson.slug) {
                let mdir = root.join(format!("{:02}-{}", i + 1, module.slug));
                std::fs::create_dir_all(&mdir)?;
                std::fs::write(
                    mdir.join(format!("{:02}-{}.md", j + 1, lesson.slug)),
                    lesson_notes_file(&n.plan, &n.body),
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agenda_times_follow_the_steps() {
        let a = parse_agenda(
            "+++\ntitle = \"Day\"\nstarts = \"08:30\"\n[[step]]\nminutes = 30\nactivity = \"Opening\"\nmethod = \"plenary\"\n[[step]]\nminutes = 15\nactivity = \"Break\"\nmethod = \"break\"\n[[step]]\nminutes = 20\nactivity = \"Pre-test\"\nmethod = \"test\"\n+++\nNotes\n",
            Path::new("agenda.md"),
        )
        .unwrap();
        assert_eq!(a.times(), ["08:30", "09:00", "09:15"]);
        assert_eq!(contact_minutes(&a.steps), 50);
        assert_eq!(total_minutes(&a.steps), 65);
        assert_eq!(a.notes, "Notes\n");
        let again = parse_agenda(&agenda_file(&a), Path::new("agenda.md")).unwrap();
        assert_eq!(again, a);
    }

    #[test]
    fn a_bad_plan_names_its_fault() {
        let bad = |front: &str| {
            parse_lesson_notes(&format!("+++\n{front}+++\n"), Path::new("x.md"))
                .unwrap_err()
                .message
        };
        assert!(bad("# no step\n").contains("no steps"));
        assert!(
            bad("[[step]]\nminutes = 0\nactivity = \"a\"\nmethod = \"plenary\"\n")
                .contains("1 to 480")
        );
        assert!(
            bad("[[step]]\nminutes = 5\nactivity = \" \"\nmethod = \"plenary\"\n")
                .contains("no activity")
        );
        assert!(
            bad("[[step]]\nminutes = 5\nactivity = \"a\"\nmethod = \"lecture\"\n")
                .contains("unknown variant")
        );
        assert!(parse_agenda(
            "+++\ntitle = \"Day\"\nstarts = \"8h30\"\n[[step]]\nminutes = 5\nactivity = \"a\"\nmethod = \"plenary\"\n+++\n",
            Path::new("agenda.md")
        )
        .unwrap_err()
        .message
        .contains("HH:MM"));
    }

    #[test]
    fn plan_lines_name_the_bad_line() {
        let e = parse_plan_lines("10 | plenary | Opening\nten | plenary | x").unwrap_err();
        assert_eq!(e.0, 2);
        assert!(e.1.contains("`ten`"));
        let e = parse_plan_lines("10 | lecture | x").unwrap_err();
        assert!(e.1.contains("group-work"), "{e:?}");
        assert!(parse_plan_lines("\n\n").unwrap_err().1.contains("no steps"));
        assert_eq!(parse_plan_lines("10 | plenary").unwrap_err().0, 1);
    }

    proptest::proptest! {
        /// What the browser shows reads back as the same plan (activities without `|` or
        /// line breaks, as the form's hint says).
        #[test]
        fn plan_lines_round_trip(
            steps in proptest::collection::vec(
                (1u32..=480, 0usize..9, "[A-Za-z][A-Za-z ,.()'-]{0,40}[A-Za-z.]", proptest::collection::vec("[a-z][a-z-]{0,12}[a-z]", 0..3)),
                1..12,
            )
        ) {
            let steps: Vec<Step> = steps
                .into_iter()
                .map(|(minutes, m, activity, lessons)| Step {
                    minutes,
                    method: Method::ALL[m],
                    activity,
                    lessons,
                })
                .collect();
            proptest::prop_assert_eq!(parse_plan_lines(&plan_lines(&steps)).unwrap(), steps);
        }
    }

    #[test]
    fn clock_round_trips() {
        for m in [0, 59, 60, 8 * 60 + 30, 23 * 60 + 59] {
            assert_eq!(clock_minutes(&clock(m)), Some(m));
        }
        assert_eq!(clock_minutes("24:00"), None);
        assert_eq!(clock_minutes("9:00"), None);
    }
}
