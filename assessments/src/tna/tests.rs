use super::*;
use proptest::prelude::*;

fn obs(
    competency: &str,
    agency: &str,
    importance: u8,
    performance: u8,
    required: Option<u8>,
) -> Observation {
    Observation {
        agency: agency.into(),
        position: "officer".into(),
        country: "UTO".into(),
        competency: competency.into(),
        importance,
        performance,
        required,
        about_staff: false,
    }
}

#[test]
fn the_scales_convert_and_the_measures_are_what_the_method_says() {
    assert_eq!(level_from_performance(1), 1.0);
    assert_eq!(level_from_performance(7), 5.0);
    assert_eq!(level_from_performance(4), 3.0);
    let s = stats(&[
        obs("doc", "bp", 7, 1, Some(4)),
        obs("doc", "bp", 7, 7, Some(4)),
    ])
    .unwrap();
    assert_eq!(s.assessed, 3.0);
    assert_eq!(s.gap, Some(1.0));
    // Discrepancies 6 and 0 (mean 3) times the mean importance 7.
    assert_eq!(s.need, 21.0);
    // Two answers, levels 1 and 5: sd 2√2, t(1) = 12.706.
    assert!((s.confidence - 12.706 * 8f64.sqrt() / 2f64.sqrt()).abs() < 1e-9);
    assert_eq!(stats(std::iter::empty::<&Observation>()), None);
}

#[test]
fn the_t_factor_meets_the_tables() {
    for (df, t) in [
        (1, 12.706),
        (4, 2.776),
        (30, 2.042),
        (40, 2.021),
        (60, 2.000),
        (120, 1.980),
    ] {
        assert!((t_975(df) - t).abs() < 0.0006, "{df}: {}", t_975(df));
    }
    assert!((t_975(1_000_000) - 1.96).abs() < 0.001);
    // Five answers: the interval is 1.416 times the normal approximation's.
    assert!((t_975(4) / 1.96 - 1.416).abs() < 0.001);
    // docs/tna-method.md's worked example: importance 7, 6, 7, 6 and 7, performance 3, 4,
    // 4, 5 and 4.
    let five: Vec<Observation> = [(7, 3), (6, 4), (7, 4), (6, 5), (7, 4)]
        .into_iter()
        .map(|(i, p)| obs("doc", "bp", i, p, Some(4)))
        .collect();
    let s = stats(&five).unwrap();
    assert!((s.importance - 6.6).abs() < 1e-9);
    assert!((s.need - 2.6 * 6.6).abs() < 1e-9, "{}", s.need);
    assert_eq!((s.need * 100.0).round(), 1716.0);
    assert!(s.need >= PRIORITY_THRESHOLD);
    assert_eq!(
        five.iter().map(needs).collect::<Vec<_>>(),
        [true, true, true, false, true]
    );
    assert!((s.assessed - 3.0).abs() < 1e-9);
    assert_eq!((s.spread * 100.0).round(), 47.0);
    assert_eq!((s.confidence * 100.0).round(), 59.0);
    assert_eq!((1.96 * s.spread / 5f64.sqrt() * 100.0).round(), 41.0);
}

#[test]
fn the_need_index_is_borichs_mean_weighted_discrepancy() {
    // Importance 6 with performance 5: a discrepancy of one point, not a priority.
    let fair = stats(&[obs("doc", "bp", 6, 5, None)]).unwrap();
    assert_eq!(fair.need, 6.0);
    assert!(fair.need < PRIORITY_THRESHOLD);
    // An essential task done fairly well outranks an unimportant one not done at all
    // (importance × (7 − performance) ranked them the other way round).
    let essential = stats(&[obs("doc", "bp", 7, 5, None)]).unwrap();
    let minor = stats(&[obs("doc", "bp", 3, 1, None)]).unwrap();
    assert_eq!((essential.need, minor.need), (14.0, 6.0));
    // Each answer's discrepancy is weighted by the item's mean importance, not its own.
    let two = stats(&[obs("doc", "bp", 7, 3, None), obs("doc", "bp", 3, 3, None)]).unwrap();
    assert_eq!(two.need, 2.0 * 5.0);
    // Performing better than the task matters gives a negative index.
    assert_eq!(stats(&[obs("doc", "bp", 2, 6, None)]).unwrap().need, -8.0);
    // The extremes.
    assert_eq!(
        stats(&[obs("doc", "bp", 7, 1, None)]).unwrap().need,
        NEED_MAX
    );
    assert_eq!(stats(&[obs("doc", "bp", 1, 7, None)]).unwrap().need, -6.0);
}

#[test]
fn a_person_needs_training_for_a_gap_of_a_level_or_two_points_on_an_important_task() {
    assert!(needs(&obs("doc", "bp", 7, 4, Some(4))));
    assert!(!needs(&obs("doc", "bp", 7, 5, Some(4))));
    assert!(needs(&obs("doc", "bp", 6, 4, None)));
    assert!(!needs(&obs("doc", "bp", 6, 5, None)), "one point");
    assert!(!needs(&obs("doc", "bp", 4, 1, None)), "not important");
}

#[test]
fn small_groups_are_withheld_and_priorities_rank_by_need() {
    let mut all = Vec::new();
    for _ in 0..6 {
        all.push(obs("doc", "bp", 7, 2, Some(4)));
        all.push(obs("int", "bp", 3, 6, Some(3)));
    }
    all.push(obs("doc", "customs", 7, 1, Some(4)));
    let by_agency = aggregate(&all, Grouping::Agency, Disclosure::Withhold(5));
    let customs = by_agency.iter().find(|r| r.key.1 == "customs").unwrap();
    assert_eq!((customs.n, customs.stats.is_none()), (1, true), "withheld");
    // A named campaign shows it, marked for caution; a large enough group is not marked.
    let named = aggregate(&all, Grouping::Agency, Disclosure::Caution(5));
    let customs = named.iter().find(|r| r.key.1 == "customs").unwrap();
    assert_eq!(
        (customs.caution, customs.stats.as_ref().unwrap().n),
        (true, 1)
    );
    assert!(named.iter().filter(|r| r.key.1 == "bp").all(|r| !r.caution));
    let by_competency = aggregate(&all, Grouping::Competency, Disclosure::Withhold(5));
    let ranked = priorities(&by_competency);
    assert_eq!(ranked[0].key.0, "doc");
}

#[test]
fn the_plan_takes_each_module_once_in_priority_order() {
    let mut all = Vec::new();
    for _ in 0..5 {
        all.push(obs("doc", "bp", 7, 2, Some(4)));
        all.push(obs("mrz", "bp", 6, 3, Some(4)));
        all.push(obs("int", "bp", 2, 7, Some(2)));
    }
    let builds: BTreeMap<String, Vec<String>> = [
        (
            "doc".to_owned(),
            vec!["de/security-features".to_owned(), "de/mrz".to_owned()],
        ),
        ("mrz".to_owned(), vec!["de/mrz".to_owned()]),
        ("int".to_owned(), vec!["ts/interviews".to_owned()]),
    ]
    .into_iter()
    .collect();
    let plan = plan(&all, &builds, PRIORITY_THRESHOLD, Disclosure::Withhold(5));
    let modules: Vec<&str> = plan.iter().map(|p| p.module.as_str()).collect();
    assert_eq!(
        modules,
        ["de/security-features", "de/mrz"],
        "no need for interviewing"
    );
    assert_eq!(plan[1].competencies, ["doc", "mrz"]);
    assert_eq!(plan[0].people, 5);
    // Supervisors' answers about the staff weigh in the need, but are not more people.
    all.extend((0..3).map(|_| Observation {
        about_staff: true,
        ..obs("doc", "bp", 7, 1, Some(4))
    }));
    let with_supervisors = super::plan(&all, &builds, PRIORITY_THRESHOLD, Disclosure::Withhold(5));
    assert_eq!(with_supervisors[0].people, 5);
}

#[test]
fn officers_and_supervisors_views_are_compared_and_a_divergence_is_a_finding() {
    // Officers rate their document checks 6 (level 4.33), their supervisors 4 (level 3);
    // both agree on interviewing; nobody supervises the languages.
    let officers: Vec<Observation> = (0..5)
        .flat_map(|_| {
            [
                obs("doc", "bp", 7, 6, Some(4)),
                obs("int", "bp", 6, 4, Some(3)),
                obs("lang", "bp", 5, 3, None),
            ]
        })
        .collect();
    let supervisors: Vec<Observation> = (0..3)
        .flat_map(|_| {
            [
                obs("doc", "bp", 7, 4, Some(4)),
                obs("int", "bp", 6, 4, Some(3)),
            ]
        })
        .collect();
    let views = compare_views(
        &officers,
        &supervisors,
        Grouping::Competency,
        Disclosure::Caution(5),
    );
    let ids: Vec<&str> = views.iter().map(|v| v.key.0.as_str()).collect();
    assert_eq!(ids, ["doc", "int", "lang"]);
    let doc = &views[0];
    assert!((doc.difference.unwrap() + 4.0 / 3.0).abs() < 1e-9);
    assert_eq!(doc.divergence, Some(Divergence::SupervisorsLower));
    assert!(
        doc.supervisors.as_ref().unwrap().caution,
        "three supervisors"
    );
    assert_eq!(views[1].divergence, Some(Divergence::Agree));
    assert_eq!((views[2].difference, views[2].divergence), (None, None));
    // Anonymous: three supervisors are withheld, so there is nothing to compare.
    let views = compare_views(
        &officers,
        &supervisors,
        Grouping::Competency,
        Disclosure::Withhold(5),
    );
    assert_eq!(views[0].supervisors.as_ref().unwrap().stats, None);
    assert_eq!(views[0].difference, None);
    // Higher.
    let generous = [obs("doc", "bp", 7, 7, Some(4))];
    let views = compare_views(
        &officers,
        &generous,
        Grouping::Competency,
        Disclosure::Caution(1),
    );
    assert_eq!(views[0].divergence, Some(Divergence::SupervisorsHigher));
    // Two agencies that disagree in opposite directions look in agreement pooled.
    let (mut own, mut sup) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        own.extend([obs("doc", "bp", 7, 5, None), obs("doc", "is", 7, 3, None)]);
        sup.extend([obs("doc", "bp", 7, 3, None), obs("doc", "is", 7, 5, None)]);
    }
    let pooled = compare_views(&own, &sup, Grouping::Competency, Disclosure::Withhold(5));
    assert_eq!(pooled[0].divergence, Some(Divergence::Agree));
    let split = compare_views(&own, &sup, Grouping::Agency, Disclosure::Withhold(5));
    let found: Vec<_> = split
        .iter()
        .map(|v| (v.key.1.as_str(), v.divergence))
        .collect();
    assert_eq!(
        found,
        [
            ("bp", Some(Divergence::SupervisorsLower)),
            ("is", Some(Divergence::SupervisorsHigher))
        ]
    );
}

#[test]
fn a_gap_mainly_from_equipment_procedures_or_staffing_is_not_a_training_need() {
    let mut b = Barriers::default();
    for chosen in [
        &["equipment", "training"][..],
        &["equipment"],
        &["equipment", "staffing"],
        &["training"],
        &["none"],
        &["equipment", "equipment", "bogus"],
    ] {
        b.add(chosen.iter().copied());
    }
    assert_eq!(b.respondents, 6);
    assert_eq!(
        (b.count(Cause::Equipment), b.count(Cause::Training)),
        (4, 2)
    );
    assert_eq!(b.nothing, 1);
    assert_eq!(b.other_cause(), Some(Cause::Equipment));
    // Training named as often: a training need after all.
    let mut even = Barriers::default();
    even.add(["procedures", "training"]);
    even.add(["procedures", "training"]);
    assert_eq!(even.other_cause(), None);
    // Named by fewer than half: no finding.
    let mut few = Barriers::default();
    few.add(["staffing"]);
    few.add(["none"]);
    few.add(["none"]);
    assert_eq!(few.other_cause(), None);
    // A tie between other causes goes to the first in order.
    let mut tie = Barriers::default();
    tie.add(["staffing", "procedures"]);
    assert_eq!(tie.other_cause(), Some(Cause::Procedures));
    assert_eq!(Barriers::default().other_cause(), None);
}

fn arb_obs() -> impl Strategy<Value = Observation> {
    (
        0usize..3,
        0usize..2,
        1u8..=7,
        1u8..=7,
        proptest::option::of(1u8..=5),
    )
        .prop_map(|(c, a, i, p, r)| obs(["doc", "int", "risk"][c], ["bp", "customs"][a], i, p, r))
}

proptest! {
    #[test]
    fn measures_stay_on_their_scales(all in proptest::collection::vec(arb_obs(), 1..60)) {
        let s = stats(&all).unwrap();
        prop_assert!((1.0..=5.0).contains(&s.assessed));
        prop_assert!((-NEED_MAX..=NEED_MAX).contains(&s.need));
        prop_assert!((1.0..=7.0).contains(&s.importance));
        if let Some(g) = s.gap { prop_assert!((-4.0..=4.0).contains(&g)); }
        prop_assert!(s.spread >= 0.0 && s.confidence >= 0.0);
    }

    /// The t factor falls as the group grows, never below the normal 1.96, and meets the
    /// tables' values beyond 30 degrees of freedom (40: 2.021, 60: 2.000, 120: 1.980).
    #[test]
    fn the_t_factor_shrinks_towards_the_normal(df in 1u64..100_000) {
        prop_assert!(t_975(df) > t_975(df + 1));
        prop_assert!(t_975(df) > 1.959_96);
    }

    #[test]
    fn running_sums_agree_with_the_definitions(all in proptest::collection::vec(arb_obs(), 1..60)) {
        let s = stats(&all).unwrap();
        let levels: Vec<f64> = all.iter().map(|o| level_from_performance(o.performance)).collect();
        let n = levels.len() as f64;
        let mean = levels.iter().sum::<f64>() / n;
        let sd = if levels.len() > 1 {
            (levels.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
        } else {
            0.0
        };
        prop_assert!((s.assessed - mean).abs() < 1e-9);
        prop_assert!((s.spread - sd).abs() < 1e-9);
        // Borich: Σ (importance − performance) × mean importance / n.
        let mean_importance = all.iter().map(|o| f64::from(o.importance)).sum::<f64>() / n;
        let need = all
            .iter()
            .map(|o| (f64::from(o.importance) - f64::from(o.performance)) * mean_importance)
            .sum::<f64>() / n;
        prop_assert!((s.need - need).abs() < 1e-9);
    }

    #[test]
    fn grouping_shared_or_separate_texts_gives_each_groups_own_figures(all in proptest::collection::vec(arb_obs(), 1..60)) {
        // Observations built apart hold separate copies of equal texts; ones read from
        // the database share them. Both must give the figures of the group's members.
        let shared: Vec<Observation> = {
            let mut pool: Vec<Arc<str>> = Vec::new();
            let mut share = |s: &Arc<str>| -> Arc<str> {
                if let Some(p) = pool.iter().find(|p| **p == *s) { return p.clone(); }
                pool.push(s.clone());
                s.clone()
            };
            all.iter().map(|o| Observation {
                competency: share(&o.competency),
                agency: share(&o.agency),
                position: share(&o.position),
                country: share(&o.country),
                ..o.clone()
            }).collect()
        };
        for data in [&all, &shared] {
            for g in aggregate(data, Grouping::Agency, Disclosure::Withhold(1)) {
                let members = data.iter().filter(|o| *o.competency == *g.key.0 && *o.agency == *g.key.1);
                let direct = stats(members).unwrap();
                let s = g.stats.unwrap();
                prop_assert_eq!(s.n, direct.n);
                prop_assert!((s.assessed - direct.assessed).abs() < 1e-9);
                prop_assert!((s.spread - direct.spread).abs() < 1e-9);
                prop_assert!((s.need - direct.need).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn groups_partition_the_answers(all in proptest::collection::vec(arb_obs(), 0..60), min in 1usize..8) {
        for grouping in [Grouping::Position, Grouping::Agency, Grouping::Country, Grouping::Competency] {
            let groups = aggregate(&all, grouping, Disclosure::Withhold(min));
            prop_assert_eq!(groups.iter().map(|g| g.n).sum::<usize>(), all.len());
            for g in &groups {
                prop_assert_eq!(g.stats.is_some(), g.n >= min);
                prop_assert!(!g.caution);
            }
            // Named: every group shows, the small ones marked; the figures are the same.
            let named = aggregate(&all, grouping, Disclosure::Caution(min));
            prop_assert_eq!(named.len(), groups.len());
            for (g, a) in named.iter().zip(&groups) {
                prop_assert!(g.stats.is_some());
                prop_assert_eq!(g.caution, g.n < min);
                if let Some(s) = &a.stats {
                    prop_assert_eq!(Some(s), g.stats.as_ref());
                }
            }
        }
    }

    #[test]
    fn answer_order_never_changes_a_result(mut all in proptest::collection::vec(arb_obs(), 1..40)) {
        let a = aggregate(&all, Grouping::Agency, Disclosure::Withhold(1));
        all.reverse();
        let b = aggregate(&all, Grouping::Agency, Disclosure::Withhold(1));
        prop_assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            let (sx, sy) = (x.stats.as_ref().unwrap(), y.stats.as_ref().unwrap());
            prop_assert!((sx.need - sy.need).abs() < 1e-9 && (sx.assessed - sy.assessed).abs() < 1e-9);
        }
    }

    #[test]
    fn swapping_the_views_negates_the_difference(
        a in proptest::collection::vec(arb_obs(), 0..30),
        b in proptest::collection::vec(arb_obs(), 0..30),
    ) {
        let ab = compare_views(&a, &b, Grouping::Agency, Disclosure::Caution(1));
        let ba = compare_views(&b, &a, Grouping::Agency, Disclosure::Caution(1));
        prop_assert_eq!(ab.len(), ba.len());
        for (x, y) in ab.iter().zip(&ba) {
            prop_assert_eq!(&x.key, &y.key);
            match (x.difference, y.difference) {
                (Some(dx), Some(dy)) => prop_assert!((dx + dy).abs() < 1e-9),
                (None, None) => {}
                _ => prop_assert!(false, "one-sided difference"),
            }
            prop_assert_eq!(x.divergence == Some(Divergence::Agree), y.divergence == Some(Divergence::Agree));
        }
    }

    #[test]
    fn naming_training_never_makes_another_cause(
        answers in proptest::collection::vec(proptest::collection::vec(0usize..6, 0..5), 1..20),
    ) {
        const IDS: [&str; 6] = ["equipment", "procedures", "staffing", "training", "none", "x"];
        let mut b = Barriers::default();
        for a in &answers {
            b.add(a.iter().map(|i| IDS[*i]));
        }
        prop_assert!(b.named.iter().all(|n| *n <= b.respondents));
        // Everyone also naming training: never another cause.
        let mut all_training = Barriers::default();
        for a in &answers {
            all_training.add(a.iter().map(|i| IDS[*i]).chain(["training"]));
        }
        prop_assert_eq!(all_training.other_cause(), None);
        if let Some(c) = b.other_cause() {
            prop_assert!(c != Cause::Training && 2 * b.count(c) >= b.respondents);
        }
    }

    #[test]
    fn better_performance_never_raises_the_need(i in 1u8..=7, p in 1u8..7) {
        let worse = stats(&[obs("doc", "bp", i, p, Some(3))]).unwrap();
        let better = stats(&[obs("doc", "bp", i, p + 1, Some(3))]).unwrap();
        prop_assert!(better.need <= worse.need);
        prop_assert!(better.gap.unwrap() < worse.gap.unwrap());
    }
}
