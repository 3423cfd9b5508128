//! Capacity-assessment frameworks: components → elements → indicators, each indicator with
//! five maturity-level descriptors (0 absent … 4 advanced), guidance questions and the
//! evidence to look for. Frameworks are data (`content/frameworks/*.toml`, format in
//! `content/frameworks/SCHEMA.md`), versioned, and checked when loaded: every problem names
//! the file, the line where it can, and the id concerned.

use assessments::capacity::{self, ComponentTree, ElementTree, Judgement, Part, Scores};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

mod translations;
pub use translations::{LANGUAGES, translate};

/// Number of maturity levels (0 to 4).
pub const LEVELS: usize = 5;

/// A whole framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Version; an assessment records the version it was scored against.
    pub version: String,
    /// Language of the text.
    #[serde(default = "default_language")]
    pub language: String,
    /// Names of levels 0 to 4.
    pub scale: Vec<String>,
    /// How the scores roll up.
    #[serde(default)]
    pub scoring: Scoring,
    /// Components in order.
    #[serde(rename = "component")]
    pub components: Vec<Component>,
}

fn default_language() -> String {
    "en".to_owned()
}

fn default_weight() -> f64 {
    1.0
}

/// How a framework's scores roll up (`[scoring]`; every key optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// What the overall score is the mean of.
    #[serde(default)]
    pub overall: OverallBy,
}

/// What the overall score is the mean of ([`capacity::Overall`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OverallBy {
    /// Every indicator, by its weight (the default).
    #[default]
    Indicators,
    /// The components' scores, by the components' weights.
    Components,
}

impl From<OverallBy> for capacity::Overall {
    fn from(o: OverallBy) -> Self {
        match o {
            OverallBy::Indicators => capacity::Overall::Indicators,
            OverallBy::Components => capacity::Overall::Components,
        }
    }
}

/// A component (Administration, Regulatory framework, Operations, Information management).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Identifier, unique in the framework.
    pub id: String,
    /// Title.
    pub title: String,
    /// What it covers.
    #[serde(default)]
    pub summary: String,
    /// Weight in the overall score (> 0).
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// Elements in order.
    #[serde(rename = "element")]
    pub elements: Vec<Element>,
}

/// An element of a component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    /// Identifier, unique in the framework.
    pub id: String,
    /// Title.
    pub title: String,
    /// What it covers.
    #[serde(default)]
    pub summary: String,
    /// Multiplies its indicators' weights in its component's score and the overall score (> 0).
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// Indicators of other elements this element also lists: they show and count in its
    /// score, and count once in every score above.
    #[serde(default)]
    pub also: Vec<String>,
    /// Indicators in order.
    #[serde(rename = "indicator")]
    pub indicators: Vec<Indicator>,
}

/// An indicator: what an assessor scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Identifier, unique in the framework.
    pub id: String,
    /// The practice assessed.
    pub title: String,
    /// Weight in every score it counts in (> 0).
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// A critical indicator judged absent or initial turns its element and component red
    /// whatever their mean, and heads the report's red flags.
    #[serde(default)]
    pub critical: bool,
    /// The kinds of crossing point it concerns, when it concerns them one by one: an assessor
    /// may record that some do not exist in the country and still score the rest.
    #[serde(default)]
    pub modalities: Vec<Modality>,
    /// What each level 0–4 looks like.
    pub levels: Vec<String>,
    /// Questions to ask.
    #[serde(default)]
    pub questions: Vec<String>,
    /// Evidence to look for.
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// A kind of border crossing point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Airports.
    Air,
    /// Land crossing points (road and rail).
    Land,
    /// Seaports and river ports.
    Sea,
}

impl Modality {
    /// Its code, as stored with a score.
    pub fn code(self) -> &'static str {
        match self {
            Modality::Air => "air",
            Modality::Land => "land",
            Modality::Sea => "sea",
        }
    }
}

/// How big a framework is, as `checkpoint framework check` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Components.
    pub components: usize,
    /// Elements.
    pub elements: usize,
    /// Indicators.
    pub indicators: usize,
}

/// A problem with a framework file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct FrameworkError {
    /// The file.
    pub file: PathBuf,
    /// The line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Framework {
    /// Counts of components, elements and indicators.
    pub fn summary(&self) -> Summary {
        Summary {
            components: self.components.len(),
            elements: self.components.iter().map(|c| c.elements.len()).sum(),
            indicators: self
                .components
                .iter()
                .flat_map(|c| &c.elements)
                .map(|e| e.indicators.len())
                .sum(),
        }
    }

    /// The indicator `id` with its element and component.
    pub fn indicator(&self, id: &str) -> Option<(&Component, &Element, &Indicator)> {
        self.indicators().find(|(_, _, i)| i.id == id)
    }

    /// The indicators element `e` lists: its own, then those it refers to (`also`).
    pub fn listed<'a>(&'a self, e: &'a Element) -> impl Iterator<Item = &'a Indicator> {
        e.indicators.iter().chain(
            e.also
                .iter()
                .filter_map(|id| self.indicator(id).map(|(_, _, i)| i)),
        )
    }

    /// The elements that list indicator `id`: the one it belongs to, and any that refer to it.
    pub fn listing<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Element> {
        self.components
            .iter()
            .flat_map(|c| &c.elements)
            .filter(move |e| self.listed(e).any(|i| i.id == id))
    }

    /// Scores the framework from each indicator's judgement, over the elements `in_scope`
    /// ([`capacity::score_tree`], by this framework's [`Scoring`]).
    pub fn score(&self, in_scope: &HashSet<String>, judged: &HashMap<String, Judgement>) -> Scores {
        let tree: Vec<ComponentTree> = self
            .components
            .iter()
            .map(|c| ComponentTree {
                weight: c.weight,
                elements: c
                    .elements
                    .iter()
                    .map(|e| ElementTree {
                        weight: e.weight,
                        in_scope: in_scope.contains(&e.id),
                        indicators: self
                            .listed(e)
                            .map(|i| Part {
                                id: &i.id,
                                weight: i.weight,
                                critical: i.critical,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        capacity::score_tree(&tree, self.scoring.overall.into(), &|id| {
            judged.get(id).copied()
        })
    }

    /// Every indicator with its element and component.
    pub fn indicators(&self) -> impl Iterator<Item = (&Component, &Element, &Indicator)> {
        self.components.iter().flat_map(|c| {
            c.elements
                .iter()
                .flat_map(move |e| e.indicators.iter().map(move |i| (c, e, i)))
        })
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line where `id = "<id>"` is written (the `n`-th time), for pointing at a problem.
fn line_of_id(text: &str, id: &str, n: usize) -> Option<usize> {
    let needle = format!("\"{id}\"");
    text.match_indices(&needle)
        .filter(|(at, _)| {
            let start = text[..*at].rfind('\n').map_or(0, |p| p + 1);
            text[start..*at].trim_start().starts_with("id")
        })
        .nth(n)
        .map(|(at, _)| line_of(text, at))
}

/// Reads and checks a framework written as TOML; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Framework, FrameworkError> {
    let err = |line: Option<usize>, message: String| FrameworkError {
        file: file.to_owned(),
        line,
        message,
    };
    let fw: Framework = toml::from_str(text).map_err(|e| {
        err(
            e.span().map(|s| line_of(text, s.start)),
            e.message().trim().to_owned(),
        )
    })?;
    let at = |id: &str| line_of_id(text, id, 0);
    if !crate::pack::valid_id(&fw.id) {
        return Err(err(
            at(&fw.id),
            format!(
                "framework id `{}`: use lower-case letters, digits and hyphens",
                fw.id
            ),
        ));
    }
    if fw.scale.len() != LEVELS || fw.scale.iter().any(|s| s.trim().is_empty()) {
        return Err(err(
            None,
            format!("`scale` must name the {LEVELS} levels 0 to 4"),
        ));
    }
    if fw.components.is_empty() {
        return Err(err(None, "the framework has no components".into()));
    }
    let mut seen = HashSet::new();
    let mut check_id = |id: &str| -> Result<(), FrameworkError> {
        if !crate::pack::valid_id(id) {
            return Err(err(
                at(id),
                format!("id `{id}`: use lower-case letters, digits and hyphens"),
            ));
        }
        if !seen.insert(id.to_owned()) {
            return Err(err(
                line_of_id(text, id, 1),
                format!("id `{id}` is used twice"),
            ));
        }
        Ok(())
    };
    let check_weight = |id: &str, w: f64| {
        if w.is_finite() && w > 0.0 {
            Ok(())
        } else {
            Err(err(
                at(id),
                format!("`{id}`: the weight must be a number greater than 0"),
            ))
        }
    };
    for c in &fw.components {
        check_id(&c.id)?;
        check_weight(&c.id, c.weight)?;
        if c.title.trim().is_empty() {
            return Err(err(at(&c.id), format!("component `{}` has no title", c.id)));
        }
        if c.elements.is_empty() {
            return Err(err(
                at(&c.id),
                format!("component `{}` has no elements", c.id),
            ));
        }
        for e in &c.elements {
            check_id(&e.id)?;
            check_weight(&e.id, e.weight)?;
            if e.title.trim().is_empty() {
                return Err(err(at(&e.id), format!("element `{}` has no title", e.id)));
            }
            if !(1..=6).contains(&e.indicators.len()) {
                return Err(err(
                    at(&e.id),
                    format!(
                        "element `{}` has {} indicators; give it 1 to 6",
                        e.id,
                        e.indicators.len()
                    ),
                ));
            }
            for i in &e.indicators {
                check_id(&i.id)?;
                check_weight(&i.id, i.weight)?;
                if i.title.trim().is_empty() {
                    return Err(err(at(&i.id), format!("indicator `{}` has no title", i.id)));
                }
                if i.levels.len() != LEVELS {
                    return Err(err(
                        at(&i.id),
                        format!(
                            "indicator `{}` describes {} levels; describe all {LEVELS}, level 0 to level 4",
                            i.id,
                            i.levels.len()
                        ),
                    ));
                }
                if i.modalities.len() == 1
                    || i.modalities.len() != i.modalities.iter().collect::<HashSet<_>>().len()
                {
                    return Err(err(
                        at(&i.id),
                        format!(
                            "indicator `{}`: list two or more different `modalities` (air, land, sea), or none",
                            i.id
                        ),
                    ));
                }
                if let Some(n) = i.levels.iter().position(|l| l.trim().is_empty()) {
                    return Err(err(
                        at(&i.id),
                        format!("indicator `{}`: the descriptor of level {n} is empty", i.id),
                    ));
                }
            }
        }
    }
    check_references(&fw).map_err(|(id, message)| err(at(&id), message))?;
    Ok(fw)
}

/// Checks every element's `also`: each names an indicator of another element, once; and when
/// the overall score is over components, one of the same component (an indicator counting in
/// two components would count twice in the overall score).
fn check_references(fw: &Framework) -> Result<(), (String, String)> {
    for c in &fw.components {
        for e in &c.elements {
            let mut listed: HashSet<&str> = e.indicators.iter().map(|i| i.id.as_str()).collect();
            for id in &e.also {
                let Some((home_c, home_e, _)) = fw.indicator(id) else {
                    return Err((
                        e.id.clone(),
                        format!("element `{}` lists `{id}`, which is not an indicator", e.id),
                    ));
                };
                if !listed.insert(id) {
                    return Err((
                        e.id.clone(),
                        format!(
                            "element `{}` lists indicator `{id}` twice{}",
                            e.id,
                            if home_e.id == e.id {
                                " (it is its own)"
                            } else {
                                ""
                            }
                        ),
                    ));
                }
                if fw.scoring.overall == OverallBy::Components && home_c.id != c.id {
                    return Err((
                        e.id.clone(),
                        format!(
                            "element `{}` lists `{id}` of component `{}`; with `overall = \"components\"` an indicator may only be listed within its own component, or it would count twice",
                            e.id, home_c.id
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Reads and checks the framework file at `path`.
pub fn load(path: &Path) -> Result<Framework, FrameworkError> {
    let text = std::fs::read_to_string(path).map_err(|e| FrameworkError {
        file: path.to_owned(),
        line: None,
        message: format!("cannot read: {e}"),
    })?;
    parse(&text, path)
}

/// The framework files built into Checkpoint: (file, text).
const BUILTIN_FILES: &[(&str, &str)] =
    &[("bmm-2026.toml", include_str!("../frameworks/bmm-2026.toml"))];

/// The frameworks built into Checkpoint, read once (they are checked by the tests, so reading
/// them cannot fail in a released binary).
pub fn builtin() -> &'static [Framework] {
    static BUILTIN: std::sync::LazyLock<Vec<Framework>> = std::sync::LazyLock::new(|| {
        BUILTIN_FILES
            .iter()
            .filter_map(|(name, text)| parse(text, Path::new(name)).ok())
            .collect()
    });
    &BUILTIN
}

/// The built-in frameworks' editions in other languages.
fn editions() -> &'static [Framework] {
    static EDITIONS: std::sync::LazyLock<Vec<Framework>> =
        std::sync::LazyLock::new(|| translations::builtin_editions(builtin()));
    &EDITIONS
}

/// The built-in framework `id` (the newest version when several are built in).
pub fn find(id: &str) -> Option<&'static Framework> {
    builtin().iter().rev().find(|f| f.id == id)
}

/// The built-in framework `id` in `language` when it has that edition, otherwise in its own
/// language (the caller marks the text with [`Framework::language`]). The edition has the same
/// ids, weights and structure as [`find`]'s.
pub fn find_in(id: &str, language: &str) -> Option<&'static Framework> {
    let source = find(id)?;
    Some(
        editions()
            .iter()
            .find(|e| e.id == id && e.version == source.version && e.language == language)
            .unwrap_or(source),
    )
}

/// Reads and checks a framework file, or a translation of a built-in framework (a file that
/// names its `framework`), returning the framework or the edition it makes.
pub fn check_file(path: &Path) -> Result<Framework, FrameworkError> {
    let text = std::fs::read_to_string(path).map_err(|e| FrameworkError {
        file: path.to_owned(),
        line: None,
        message: format!("cannot read: {e}"),
    })?;
    let names_source = text
        .lines()
        .any(|l| l.trim_start().starts_with("framework") && l.contains('='));
    if !names_source {
        return parse(&text, path);
    }
    let mut last = None;
    for fw in builtin() {
        match translate(fw, &text, path) {
            Ok(edition) => return Ok(edition),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| FrameworkError {
        file: path.to_owned(),
        line: None,
        message: "no built-in framework to translate".into(),
    }))
}

/// The frameworks shipped with Checkpoint (`content/frameworks/`).
pub fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
id = "mini"
title = "Mini"
version = "1"
scale = ["Absent", "Initial", "Developing", "Established", "Advanced"]

[[component]]
id = "admin"
title = "Administration"

  [[component.element]]
  id = "admin-structure"
  title = "Structure"

    [[component.element.indicator]]
    id = "admin-structure-mandate"
    title = "Mandates are clear"
    levels = ["a", "b", "c", "d", "e"]
"#;

    fn check(text: &str) -> Result<Framework, FrameworkError> {
        parse(text, Path::new("mini.toml"))
    }

    #[test]
    fn a_small_framework_reads() {
        let fw = check(SMALL).unwrap();
        assert_eq!(
            fw.summary(),
            Summary {
                components: 1,
                elements: 1,
                indicators: 1
            }
        );
        assert_eq!(fw.components[0].weight, 1.0);
    }

    #[test]
    fn duplicate_ids_are_named_with_their_line() {
        let text = SMALL.replace("id = \"admin-structure\"", "id = \"admin\"");
        let e = check(&text).unwrap_err();
        assert!(e.message.contains("`admin` is used twice"), "{e}");
        assert_eq!(e.line, Some(12));
        assert!(e.to_string().starts_with("mini.toml:12: "));
    }

    #[test]
    fn missing_descriptors_are_refused() {
        let e = check(&SMALL.replace(
            "\"a\", \"b\", \"c\", \"d\", \"e\"",
            "\"a\", \"b\", \"c\", \"d\"",
        ))
        .unwrap_err();
        assert!(e.message.contains("describes 4 levels"), "{e}");
        let e = check(&SMALL.replace("\"e\"", "\" \"")).unwrap_err();
        assert!(e.message.contains("level 4 is empty"), "{e}");
    }

    #[test]
    fn weights_that_do_not_parse_or_are_not_positive_are_refused() {
        let text = SMALL.replace(
            "title = \"Mandates are clear\"",
            "title = \"Mandates are clear\"\n    weight = \"heavy\"",
        );
        let e = check(&text).unwrap_err();
        assert!(e.line.is_some(), "{e}");
        assert!(
            e.message.contains("weight")
                || e.message.contains("float")
                || e.message.contains("string"),
            "{e}"
        );
        let text = SMALL.replace(
            "title = \"Structure\"",
            "title = \"Structure\"\n  weight = 0",
        );
        assert!(check(&text).unwrap_err().message.contains("greater than 0"));
        let text = SMALL.replace(
            "title = \"Structure\"",
            "title = \"Structure\"\n  weight = -1.5",
        );
        assert!(check(&text).unwrap_err().message.contains("greater than 0"));
    }

    #[test]
    fn unknown_fields_and_bad_toml_name_their_line() {
        let e =
            check(&SMALL.replace("title = \"Structure\"", "titel = \"Structure\"")).unwrap_err();
        assert!(e.line.is_some(), "{e}");
        let e = check("id = \"x\"\ntitle = [").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn the_builtin_framework_is_the_shipped_file() {
        let shipped = load(&shipped_dir().join("bmm-2026.toml")).unwrap();
        assert_eq!(find("bmm"), Some(&shipped));
    }

    #[test]
    fn the_shipped_framework_is_complete() {
        let path = shipped_dir().join("bmm-2026.toml");
        let fw = load(&path).unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> = fw.components.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "administration",
                "regulatory-framework",
                "operations",
                "information-management"
            ]
        );
        let s = fw.summary();
        assert_eq!(s.elements, 8 + 6 + 8 + 4);
        assert!(
            fw.components[0]
                .elements
                .iter()
                .any(|e| e.id == "adm-monitoring"),
            "an element for monitoring and reporting"
        );
        // The practices no average may make up for are critical.
        let critical: Vec<&str> = fw
            .indicators()
            .filter(|(_, _, i)| i.critical)
            .map(|(_, _, i)| i.id.as_str())
            .collect();
        assert_eq!(
            critical,
            [
                "ops-passenger-processing-checks",
                "ops-detention-children",
                "ops-removal-procedure",
                "ops-humanitarian-health-asylum-access",
                "inf-alert-lists-national"
            ]
        );
        for (_, e, i) in fw.indicators() {
            assert!((2..=4).contains(&e.indicators.len()), "{}", e.id);
            assert!(i.questions.len() >= 2 && i.evidence.len() >= 2, "{}", i.id);
        }
    }

    /// Two components; `ops-checks` also lists the alert-list indicator of `inf`.
    const SHARED: &str = r#"
id = "mini"
title = "Mini"
version = "1"
scale = ["Absent", "Initial", "Developing", "Established", "Advanced"]

[[component]]
id = "ops"
title = "Operations"

  [[component.element]]
  id = "ops-checks"
  title = "Checks"
  also = ["inf-lists-available"]

    [[component.element.indicator]]
    id = "ops-checks-first-line"
    title = "Every traveller is checked"
    critical = true
    levels = ["a", "b", "c", "d", "e"]

[[component]]
id = "inf"
title = "Information"

  [[component.element]]
  id = "inf-lists"
  title = "Alert lists"

    [[component.element.indicator]]
    id = "inf-lists-available"
    title = "The alert list is at every post"
    levels = ["a", "b", "c", "d", "e"]

    [[component.element.indicator]]
    id = "inf-lists-reviewed"
    title = "Entries are reviewed"
    levels = ["a", "b", "c", "d", "e"]
"#;

    #[test]
    fn an_element_may_list_another_elements_indicator_which_counts_once() {
        let fw = check(SHARED).unwrap();
        let ops = &fw.components[0].elements[0];
        let listed: Vec<&str> = fw.listed(ops).map(|i| i.id.as_str()).collect();
        assert_eq!(listed, ["ops-checks-first-line", "inf-lists-available"]);
        let listing: Vec<&str> = fw
            .listing("inf-lists-available")
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(listing, ["ops-checks", "inf-lists"]);
        let everything: HashSet<String> = ["ops-checks", "inf-lists"].map(String::from).into();
        let judged: HashMap<String, Judgement> = [
            ("ops-checks-first-line", 4),
            ("inf-lists-available", 0),
            ("inf-lists-reviewed", 2),
        ]
        .map(|(id, l)| (id.to_owned(), Judgement::Level(l)))
        .into();
        let s = fw.score(&everything, &judged);
        assert_eq!(s.elements[0][0].score, Some(2.0), "4 and 0");
        assert_eq!(s.components[1].score, Some(1.0), "0 and 2");
        // Overall: each of the three indicators once, (4 + 0 + 2) / 3.
        assert_eq!(s.overall.score, Some(2.0));
        assert_eq!(s.overall.scored, 3);
    }

    #[test]
    fn a_critical_indicator_at_level_one_turns_its_element_red() {
        let fw = check(SHARED).unwrap();
        assert!(fw.components[0].elements[0].indicators[0].critical);
        let everything: HashSet<String> = ["ops-checks", "inf-lists"].map(String::from).into();
        let judged: HashMap<String, Judgement> = [
            ("ops-checks-first-line", 1),
            ("inf-lists-available", 4),
            ("inf-lists-reviewed", 4),
        ]
        .map(|(id, l)| (id.to_owned(), Judgement::Level(l)))
        .into();
        let s = fw.score(&everything, &judged);
        assert_eq!(s.elements[0][0].score, Some(2.5));
        assert_eq!(s.elements[0][0].light(), Some(capacity::Light::Red));
        assert_eq!(s.components[0].light(), Some(capacity::Light::Red));
        assert_eq!(s.components[1].light(), Some(capacity::Light::Green));
    }

    #[test]
    fn references_that_do_not_hold_are_refused_with_the_element_named() {
        let unknown = SHARED.replace(
            "also = [\"inf-lists-available\"]",
            "also = [\"inf-lists-gone\"]",
        );
        let e = check(&unknown).unwrap_err();
        assert!(
            e.message
                .contains("`inf-lists-gone`, which is not an indicator"),
            "{e}"
        );
        assert_eq!(e.line, Some(12), "the element's id line");
        let own = SHARED.replace(
            "also = [\"inf-lists-available\"]",
            "also = [\"ops-checks-first-line\"]",
        );
        let e = check(&own).unwrap_err();
        assert!(e.message.contains("twice (it is its own)"), "{e}");
        let text = SHARED.replacen(
            "\n[[component]]",
            "\n[scoring]\noverall = \"components\"\n\n[[component]]",
            1,
        );
        let e = check(&text).unwrap_err();
        assert!(e.message.contains("would count twice"), "{e}");
        let text = text.replace("also = [\"inf-lists-available\"]\n", "");
        assert_eq!(check(&text).unwrap().scoring.overall, OverallBy::Components);
        let text = SHARED.replacen(
            "\n[[component]]",
            "\n[scoring]\noverall = \"average\"\n\n[[component]]",
            1,
        );
        assert!(
            check(&text)
                .unwrap_err()
                .message
                .contains("unknown variant")
        );
    }

    #[test]
    fn modalities_are_two_or_three_different_kinds_of_crossing_point() {
        let with = |m: &str| {
            SHARED.replace(
                "critical = true",
                &format!("critical = true\n    modalities = {m}"),
            )
        };
        let e = check(&with(r#"["air", "air"]"#)).unwrap_err();
        assert!(
            e.message.contains("two or more different `modalities`"),
            "{e}"
        );
        let e = check(&with(r#"["sea"]"#)).unwrap_err();
        assert!(
            e.message.contains("two or more different `modalities`"),
            "{e}"
        );
        let e = check(&with(r#"["air", "rail"]"#)).unwrap_err();
        assert!(e.message.contains("unknown variant `rail`"), "{e}");
        let fw = check(&with(r#"["air", "land", "sea"]"#)).unwrap();
        let codes: Vec<&str> = fw.components[0].elements[0].indicators[0]
            .modalities
            .iter()
            .map(|m| m.code())
            .collect();
        assert_eq!(codes, ["air", "land", "sea"]);
    }
}
