//! Scoring a whole framework: elements, components and the overall score from the indicators'
//! judgements, counting each indicator once however many elements list it.

use super::{Judgement, Rollup, roll_up, roll_up_judged};
use std::collections::HashSet;

/// A critical indicator judged below this level (absent or initial) is a red flag.
pub const CRITICAL_BELOW: u8 = 2;

/// Whether a judgement of an indicator is a red flag: the indicator is critical and was judged
/// absent or initial. Not applicable and not yet scored are never red flags.
pub fn is_red_flag(critical: bool, judgement: Option<Judgement>) -> bool {
    critical && matches!(judgement, Some(Judgement::Level(l)) if l < CRITICAL_BELOW)
}

/// What the overall score is the mean of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overall {
    /// Every distinct indicator in scope, by its weight × its element's × its component's:
    /// with the default weights every indicator counts the same, whichever element or
    /// component it sits in.
    #[default]
    Indicators,
    /// The components' scores, by the components' weights: with the default weights every
    /// component counts the same, however many indicators it has.
    Components,
}

/// An indicator as an element lists it: its own, or one it refers to from another element.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part<'a> {
    /// The indicator's id (the same for every element that lists it).
    pub id: &'a str,
    /// The indicator's weight.
    pub weight: f64,
    /// Whether it is critical (a red flag when judged absent or initial).
    pub critical: bool,
}

/// An element: its weight, whether the assessment covers it, the indicators it lists.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementTree<'a> {
    /// Weight (multiplies its indicators' weights in the component and overall scores).
    pub weight: f64,
    /// Whether the assessment's scope covers it; an element out of scope is scored for
    /// reading but counts in nothing above it.
    pub in_scope: bool,
    /// Its indicators.
    pub indicators: Vec<Part<'a>>,
}

/// A component and its elements.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentTree<'a> {
    /// Weight in the overall score.
    pub weight: f64,
    /// Its elements.
    pub elements: Vec<ElementTree<'a>>,
}

/// The scores of a framework, in its order.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Per component, its elements' scores.
    pub elements: Vec<Vec<Rollup>>,
    /// Per component, its score over the distinct indicators of its elements in scope.
    pub components: Vec<Rollup>,
    /// The overall score.
    pub overall: Rollup,
}

/// Scores a framework from each indicator's judgement (`judged`; `None` when not yet scored):
/// - an element's score is the weighted mean of the indicators it lists;
/// - a component's score is the weighted mean of the distinct indicators of its elements in
///   scope, each weighted by its weight × its element's, so an indicator two of its elements
///   list counts once (by where it is first listed) and every indicator counts alike by default;
/// - the overall score is per [`Overall`].
///
/// Red flags are counted with the score: an element's and a component's light is red when any
/// is behind it ([`Rollup::light`]).
pub fn score_tree(
    components: &[ComponentTree<'_>],
    overall: Overall,
    judged: &dyn Fn(&str) -> Option<Judgement>,
) -> Scores {
    let element_scores: Vec<Vec<Rollup>> = components
        .iter()
        .map(|c| {
            c.elements
                .iter()
                .map(|e| distinct(e.indicators.iter().map(|p| (p, 1.0)), judged))
                .collect()
        })
        .collect();
    let component_scores: Vec<Rollup> = components
        .iter()
        .map(|c| distinct(in_scope(c, 1.0), judged))
        .collect();
    let covered = |c: &ComponentTree<'_>| c.elements.iter().any(|e| e.in_scope);
    let overall = match overall {
        Overall::Indicators => distinct(
            components.iter().flat_map(|c| in_scope(c, c.weight)),
            judged,
        ),
        Overall::Components => roll_up(
            &components
                .iter()
                .zip(&component_scores)
                .filter(|(c, _)| covered(c))
                .map(|(c, r)| (c.weight, *r))
                .collect::<Vec<_>>(),
        ),
    };
    Scores {
        elements: element_scores,
        components: component_scores,
        overall,
    }
}

/// The indicators of `c`'s elements in scope, each with its element's weight × `factor`.
fn in_scope<'p, 'a>(c: &'p ComponentTree<'a>, factor: f64) -> Vec<(&'p Part<'a>, f64)> {
    c.elements
        .iter()
        .filter(|e| e.in_scope)
        .flat_map(|e| e.indicators.iter().map(move |p| (p, factor * e.weight)))
        .collect()
}

/// Rolls up indicator occurrences `(part, factor)`, counting each id once (its first
/// occurrence, weighted by the part's weight × `factor`).
fn distinct<'p, 'a: 'p>(
    parts: impl IntoIterator<Item = (&'p Part<'a>, f64)>,
    judged: &dyn Fn(&str) -> Option<Judgement>,
) -> Rollup {
    let mut seen = HashSet::new();
    roll_up_judged(
        parts
            .into_iter()
            .filter(|(p, _)| seen.insert(p.id))
            .map(|(p, factor)| (p.weight * factor, judged(p.id), p.critical))
            .collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::{Light, roll_up_indicators};
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn part(id: &str) -> Part<'_> {
        Part {
            id,
            weight: 1.0,
            critical: false,
        }
    }

    fn element(ids: &[&'static str]) -> ElementTree<'static> {
        ElementTree {
            weight: 1.0,
            in_scope: true,
            indicators: ids.iter().map(|id| part(id)).collect(),
        }
    }

    fn levels(pairs: &[(&'static str, u8)]) -> HashMap<&'static str, Judgement> {
        pairs
            .iter()
            .map(|&(id, l)| (id, Judgement::Level(l)))
            .collect()
    }

    #[test]
    fn an_indicator_two_elements_list_counts_once() {
        let judged = levels(&[("a", 4), ("b", 0), ("c", 2)]);
        let tree = [ComponentTree {
            weight: 1.0,
            elements: vec![element(&["a", "b"]), element(&["a", "c"])],
        }];
        let s = score_tree(&tree, Overall::Indicators, &|id| judged.get(id).copied());
        // Each element reads its own indicators, the shared one included.
        assert_eq!(s.elements[0][0].score, Some(2.0));
        assert_eq!(s.elements[0][1].score, Some(3.0));
        // The component counts a, b and c once each: (4 + 0 + 2) / 3, not (2 + 3) / 2.
        assert_eq!(s.components[0].score, Some(2.0));
        assert_eq!(s.components[0].scored, 3);
        assert_eq!(s.overall.score, Some(2.0));
        assert_eq!(s.overall.scored, 3);
    }

    #[test]
    fn by_default_an_element_of_a_large_component_weighs_what_one_of_a_small_one_does() {
        // Two components: one with three elements, one with one; every element has one
        // indicator. Over the indicators every element counts a quarter; over the components
        // the single element would count half.
        let judged = levels(&[("a", 4), ("b", 4), ("c", 4), ("d", 0)]);
        let tree = [
            ComponentTree {
                weight: 1.0,
                elements: vec![element(&["a"]), element(&["b"]), element(&["c"])],
            },
            ComponentTree {
                weight: 1.0,
                elements: vec![element(&["d"])],
            },
        ];
        let get = |id: &str| judged.get(id).copied();
        assert_eq!(
            score_tree(&tree, Overall::Indicators, &get).overall.score,
            Some(3.0)
        );
        assert_eq!(
            score_tree(&tree, Overall::Components, &get).overall.score,
            Some(2.0)
        );
    }

    #[test]
    fn weights_multiply_down_the_tree_and_scope_leaves_elements_out() {
        let judged = levels(&[("a", 4), ("b", 1), ("c", 0)]);
        let tree = [ComponentTree {
            weight: 3.0,
            elements: vec![
                ElementTree {
                    weight: 2.0,
                    in_scope: true,
                    indicators: vec![
                        Part {
                            weight: 1.5,
                            ..part("a")
                        },
                        part("b"),
                    ],
                },
                ElementTree {
                    in_scope: false,
                    ..element(&["c"])
                },
            ],
        }];
        let s = score_tree(&tree, Overall::Indicators, &|id| judged.get(id).copied());
        // Element: (1.5 × 4 + 1 × 1) / 2.5 = 2.8; the element's own weight cancels out.
        assert!((s.elements[0][0].score.unwrap() - 2.8).abs() < 1e-9);
        // The out-of-scope element is scored for reading, and counts in nothing above.
        assert_eq!(s.elements[0][1].score, Some(0.0));
        assert!((s.components[0].score.unwrap() - 2.8).abs() < 1e-9);
        assert!((s.overall.score.unwrap() - 2.8).abs() < 1e-9);
        assert_eq!(s.overall.scored, 2);
    }

    #[test]
    fn a_critical_indicator_absent_or_initial_turns_its_element_and_component_red() {
        let critical = |id| Part {
            critical: true,
            ..part(id)
        };
        let tree = |j: Option<Judgement>| {
            let judged = levels(&[("a", 4), ("b", 4), ("c", 4), ("d", 4)]);
            let tree = [ComponentTree {
                weight: 1.0,
                elements: vec![
                    ElementTree {
                        indicators: vec![part("a"), part("b"), critical("x")],
                        ..element(&[])
                    },
                    element(&["c", "d"]),
                ],
            }];
            score_tree(&tree, Overall::Indicators, &|id| {
                if id == "x" {
                    j
                } else {
                    judged.get(id).copied()
                }
            })
        };
        for level in 0..CRITICAL_BELOW {
            let s = tree(Some(Judgement::Level(level)));
            assert!(s.components[0].score.unwrap() >= 3.0, "the mean is green");
            assert_eq!(s.elements[0][0].light(), Some(Light::Red), "level {level}");
            assert_eq!(s.components[0].light(), Some(Light::Red), "level {level}");
            assert_eq!(
                s.elements[0][1].light(),
                Some(Light::Green),
                "the other element"
            );
            assert_eq!(s.overall.red_flags, 1);
        }
        for j in [
            Some(Judgement::Level(CRITICAL_BELOW)),
            Some(Judgement::NotApplicable),
            None,
        ] {
            let s = tree(j);
            assert_eq!(s.components[0].red_flags, 0, "{j:?}");
            assert_eq!(s.components[0].light(), Some(Light::Green), "{j:?}");
        }
    }

    #[test]
    fn the_worked_example_of_the_scoring_docs() {
        // docs/assessment-scoring.md, "Worked example".
        let critical = |id| Part {
            critical: true,
            ..part(id)
        };
        let tree = [ComponentTree {
            weight: 1.0,
            elements: vec![
                ElementTree {
                    indicators: vec![
                        Part {
                            weight: 2.0,
                            ..critical("checks")
                        },
                        part("documents"),
                        part("facilities"),
                    ],
                    ..element(&[])
                },
                ElementTree {
                    indicators: vec![
                        part("safeguards"),
                        part("alternatives"),
                        part("conditions"),
                        critical("children"),
                    ],
                    ..element(&[])
                },
                ElementTree {
                    indicators: vec![critical("procedure"), part("voluntary")],
                    ..element(&[])
                },
            ],
        }];
        let judged = levels(&[
            ("checks", 1),
            ("documents", 3),
            ("facilities", 3),
            ("safeguards", 2),
            ("alternatives", 2),
            ("conditions", 2),
            ("children", 3),
            ("procedure", 3),
            ("voluntary", 4),
        ]);
        let s = score_tree(&tree, Overall::Indicators, &|id| judged.get(id).copied());
        let round = |r: &Rollup| (r.score.unwrap() * 100.0).round() / 100.0;
        let elements: Vec<f64> = s.elements[0].iter().map(round).collect();
        assert_eq!(elements, [2.0, 2.25, 3.5]);
        let lights: Vec<_> = s.elements[0].iter().map(Rollup::light).collect();
        assert_eq!(
            lights,
            [Some(Light::Red), Some(Light::Amber), Some(Light::Green)]
        );
        assert_eq!(round(&s.components[0]), 2.4);
        assert_eq!(super::super::light(2.4), Light::Amber, "amber by its mean");
        assert_eq!(s.components[0].light(), Some(Light::Red), "red by its flag");
        let element_means = elements.iter().sum::<f64>() / 3.0;
        assert_eq!((element_means * 100.0).round() / 100.0, 2.58);
    }

    /// A framework: components of elements of indicator ids `0..n`, some listed twice.
    fn arb_tree() -> impl Strategy<Value = (Vec<Vec<Vec<usize>>>, Vec<Option<Judgement>>)> {
        let judgement = prop_oneof![
            4 => (0u8..=4).prop_map(|l| Some(Judgement::Level(l))),
            1 => Just(Some(Judgement::NotApplicable)),
            1 => Just(None),
        ];
        (1usize..16).prop_flat_map(move |n| {
            (
                proptest::collection::vec(
                    proptest::collection::vec(proptest::collection::vec(0..n, 1..4), 1..4),
                    1..4,
                ),
                proptest::collection::vec(judgement.clone(), n),
            )
        })
    }

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("i{i}")).collect()
    }

    /// The tree of `shape` (components of elements of indexes into `names`), weights 1.
    fn build<'a>(shape: &[Vec<Vec<usize>>], names: &'a [String]) -> Vec<ComponentTree<'a>> {
        shape
            .iter()
            .map(|c| ComponentTree {
                weight: 1.0,
                elements: c
                    .iter()
                    .map(|e| ElementTree {
                        weight: 1.0,
                        in_scope: true,
                        indicators: e.iter().map(|&i| part(&names[i])).collect(),
                    })
                    .collect(),
            })
            .collect()
    }

    proptest! {
        #[test]
        fn by_default_the_overall_is_the_mean_of_the_distinct_indicators((shape, js) in arb_tree()) {
            let names = ids(js.len());
            let tree = build(&shape, &names);
            let judged = |id: &str| names.iter().position(|n| n == id).and_then(|i| js[i]);
            let s = score_tree(&tree, Overall::Indicators, &judged);
            let listed: HashSet<usize> = shape.iter().flatten().flatten().copied().collect();
            let flat: Vec<(f64, Option<Judgement>)> = listed.iter().map(|&i| (1.0, js[i])).collect();
            let expected = roll_up_indicators(&flat);
            prop_assert_eq!(s.overall.scored + s.overall.not_applicable + s.overall.unscored, listed.len());
            match (s.overall.score, expected.score) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
                (a, b) => prop_assert_eq!(a, b),
            }
            for (c, r) in shape.iter().zip(&s.components) {
                let distinct: HashSet<usize> = c.iter().flatten().copied().collect();
                prop_assert_eq!(r.scored + r.not_applicable + r.unscored, distinct.len());
                if let Some(v) = r.score { prop_assert!((0.0..=4.0).contains(&v)); }
            }
        }

        #[test]
        fn listing_an_indicator_again_changes_no_component_or_overall_score((shape, js) in arb_tree(), pick in any::<prop::sample::Index>()) {
            let names = ids(js.len());
            let judged = |id: &str| names.iter().position(|n| n == id).and_then(|i| js[i]);
            // Refer to an indicator of the first component from a new element of it.
            let listed: Vec<usize> = shape[0].iter().flatten().copied().collect();
            let again = listed[pick.index(listed.len())];
            let mut more = shape.clone();
            more[0].push(vec![again]);
            for overall in [Overall::Indicators, Overall::Components] {
                let (a, b) = (score_tree(&build(&shape, &names), overall, &judged), score_tree(&build(&more, &names), overall, &judged));
                prop_assert_eq!(a.components[0], b.components[0]);
                prop_assert_eq!(a.overall, b.overall);
            }
        }
    }
}
