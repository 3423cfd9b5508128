//! Grading, kind by kind: tables of answers against keys, and properties that hold for any
//! answer.
#![allow(clippy::type_complexity)] // tables of cases read best as tuples

use super::*;
use proptest::prelude::*;

fn rect(id: &str, anomaly: bool, x: f64, y: f64) -> RegionSpec {
    RegionSpec {
        id: id.into(),
        outline: Shape::Rect {
            x,
            y,
            w: 10.0,
            h: 10.0,
        },
        anomaly,
        kind: "check_digit".into(),
        label: id.into(),
        explanation: String::new(),
    }
}

fn anomalies() -> ExerciseSpec {
    ExerciseSpec {
        regions: vec![
            rect("a", true, 0.0, 0.0),
            rect("b", true, 50.0, 50.0),
            rect("g", false, 80.0, 0.0),
        ],
        ..ExerciseSpec::default()
    }
}

fn markers(points: &[(f64, f64)]) -> ExerciseAnswer {
    ExerciseAnswer {
        markers: points.iter().map(|&(x, y)| Point { x, y }).collect(),
        ..Default::default()
    }
}

fn found(kind: &str, found: bool) -> Finding {
    Finding {
        kind: kind.into(),
        found,
    }
}

#[test]
fn markers_score_hits_less_half_a_point_per_false_mark() {
    // (markers, score, found ids)
    let table: [(&[(f64, f64)], f64, &[&str]); 6] = [
        (&[], 0.0, &[]),
        (&[(5.0, 5.0)], 1.0, &["a"]),
        (&[(5.0, 5.0), (55.0, 55.0)], 2.0, &["a", "b"]),
        (&[(5.0, 5.0), (85.0, 5.0)], 0.5, &["a"]),
        (&[(5.0, 5.0), (6.0, 6.0)], 1.0, &["a"]),
        (&[(85.0, 5.0), (30.0, 30.0)], 0.0, &[]),
    ];
    for (points, score, ids) in table {
        let (o, _) = grade(
            ExerciseKind::Anomalies,
            &anomalies(),
            100,
            100,
            &markers(points),
        )
        .unwrap();
        assert_eq!((o.score, o.max), (score, 2.0), "{points:?}");
        assert_eq!(o.found, ids.to_vec(), "{points:?}");
    }
}

#[test]
fn every_anomaly_is_a_finding_and_a_marked_genuine_feature_a_line() {
    let (o, f) = grade(
        ExerciseKind::Anomalies,
        &anomalies(),
        100,
        100,
        &markers(&[(5.0, 5.0), (85.0, 5.0)]),
    )
    .unwrap();
    assert_eq!(
        f,
        vec![found("check_digit", true), found("check_digit", false)]
    );
    assert!(o.marks[0].hit && !o.marks[1].hit);
    assert_eq!(o.marks[1].region.as_deref(), Some("g"));
    let about: Vec<_> = o.lines.iter().map(|l| (&l.about, l.ok, &l.given)).collect();
    let item = |label: &str| LineAbout::Item {
        label: label.into(),
    };
    assert_eq!(
        about,
        vec![
            (&item("a"), true, &LineAnswer::Marked),
            (&item("b"), false, &LineAnswer::NotMarked),
            (&item("g"), false, &LineAnswer::Marked),
        ]
    );
}

#[test]
fn markers_outside_the_image_or_too_many_are_refused() {
    let spec = anomalies();
    let grade_markers =
        |points: &[(f64, f64)]| grade(ExerciseKind::Compare, &spec, 100, 100, &markers(points));
    assert_eq!(
        grade_markers(&[(101.0, 5.0)]).unwrap_err(),
        GradeError::MarkerOutside
    );
    assert_eq!(
        grade_markers(&[(-1.0, 5.0)]).unwrap_err(),
        GradeError::MarkerOutside
    );
    assert_eq!(
        grade_markers(&[(f64::NAN, 5.0)]).unwrap_err(),
        GradeError::MarkerOutside
    );
    let many = vec![(1.0, 1.0); geo::MAX_MARKERS + 1];
    assert_eq!(
        grade_markers(&many).unwrap_err(),
        GradeError::TooManyMarkers
    );
}

fn views() -> ExerciseSpec {
    let view = |light: &str, correct: usize, kind: &str| LightView {
        light: light.into(),
        image: ImageRef {
            hash: "h".into(),
            width: 10,
            height: 10,
        },
        question: format!("What shows under {light}?"),
        options: vec!["Nothing".into(), "The coat of arms".into(), "A flag".into()],
        correct,
        kind: kind.into(),
        explanation: String::new(),
    };
    ExerciseSpec {
        views: vec![view("uv", 1, "uv_feature"), view("ir", 0, "ir_feature")],
        ..ExerciseSpec::default()
    }
}

#[test]
fn light_views_score_a_point_per_right_option() {
    let table: [(&[Option<usize>], f64, [bool; 2]); 5] = [
        (&[Some(1), Some(0)], 2.0, [true, true]),
        (&[Some(1), Some(2)], 1.0, [true, false]),
        (&[None, Some(0)], 1.0, [false, true]),
        (&[], 0.0, [false, false]),
        (&[Some(0), Some(1)], 0.0, [false, false]),
    ];
    for (chosen, score, right) in table {
        let answer = ExerciseAnswer {
            views: chosen.to_vec(),
            ..Default::default()
        };
        let (o, f) = grade(ExerciseKind::LightViews, &views(), 10, 10, &answer).unwrap();
        assert_eq!((o.score, o.max), (score, 2.0), "{chosen:?}");
        assert_eq!(
            f,
            vec![found("uv_feature", right[0]), found("ir_feature", right[1])]
        );
        assert_eq!(
            o.lines[1].expected,
            LineAnswer::Option {
                text: "Nothing".into()
            }
        );
    }
    let beyond = ExerciseAnswer {
        views: vec![Some(1), Some(3)],
        ..Default::default()
    };
    assert_eq!(
        grade(ExerciseKind::LightViews, &views(), 10, 10, &beyond).unwrap_err(),
        GradeError::NoSuchOption { view: 1 }
    );
}

fn item(text: &str, key: bool) -> ChecklistItem {
    ChecklistItem {
        text: text.into(),
        key,
    }
}

fn verdict(verdict: &str, forgery: &str) -> ExerciseSpec {
    ExerciseSpec {
        verdict: Some(VerdictKey {
            verdict: verdict.into(),
            forgery: forgery.into(),
            features: vec![item("laminate lifted", true), item("colour shift", false)],
        }),
        ..ExerciseSpec::default()
    }
}

#[test]
fn a_verdict_scores_the_call_and_its_reasons() {
    // (key verdict, key forgery, answered verdict, answered forgery, ticked, score, finding)
    let table: [(&str, &str, &str, &str, &[usize], f64, &str); 7] = [
        (
            "forged",
            "photo_substitution",
            "forged",
            "photo_substitution",
            &[0],
            2.0,
            "photo_substitution",
        ),
        (
            "forged",
            "photo_substitution",
            "forged",
            "altered_data",
            &[0],
            1.0,
            "photo_substitution",
        ),
        (
            "forged",
            "photo_substitution",
            "forged",
            "photo_substitution",
            &[0, 1],
            1.0,
            "photo_substitution",
        ),
        (
            "forged",
            "photo_substitution",
            "counterfeit",
            "",
            &[],
            0.0,
            "photo_substitution",
        ),
        (
            "counterfeit",
            "",
            "counterfeit",
            "altered_data",
            &[0],
            2.0,
            "verdict_counterfeit",
        ),
        ("genuine", "", "genuine", "", &[1], 1.0, "verdict_genuine"),
        (
            "genuine",
            "",
            "cannot_tell",
            "",
            &[0],
            1.0,
            "verdict_genuine",
        ),
    ];
    for (key, key_forgery, given, forgery, ticked, score, finding) in table {
        let answer = ExerciseAnswer {
            verdict: given.into(),
            forgery: forgery.into(),
            checked: ticked.to_vec(),
            ..Default::default()
        };
        let (o, f) = grade(
            ExerciseKind::Verdict,
            &verdict(key, key_forgery),
            10,
            10,
            &answer,
        )
        .unwrap();
        assert_eq!(
            (o.score, o.max),
            (score, 2.0),
            "{key} {given} {forgery} {ticked:?}"
        );
        assert_eq!(f[0].kind, finding);
    }
    let unknown = ExerciseAnswer {
        verdict: "suspicious".into(),
        ..Default::default()
    };
    let spec = verdict("genuine", "");
    assert_eq!(
        grade(ExerciseKind::Verdict, &spec, 10, 10, &unknown).unwrap_err(),
        GradeError::NoVerdict
    );
    let keyless = ExerciseSpec::default();
    assert_eq!(
        grade(ExerciseKind::Verdict, &keyless, 10, 10, &unknown).unwrap_err(),
        GradeError::NoKey
    );
}

fn mrz(wrong: &[&str]) -> ExerciseSpec {
    ExerciseSpec {
        mrz: Some(MrzKey {
            lines: Vec::new(),
            viz: Vec::new(),
            wrong: wrong.iter().map(|w| w.to_string()).collect(),
            reasons: vec![("birth_date".into(), "1974-08-13 printed".into())],
        }),
        ..ExerciseSpec::default()
    }
}

#[test]
fn an_mrz_check_scores_the_call_and_each_field_less_half_per_wrong_pick() {
    // (key's wrong fields, consistent?, fields picked, score, max)
    let table: [(&[&str], bool, &[&str], f64, f64); 6] = [
        (&[], true, &[], 1.0, 1.0),
        (&[], false, &["sex"], 0.0, 1.0),
        (&["birth_date"], false, &["birth_date"], 2.0, 2.0),
        (&["birth_date"], false, &["birth_date", "sex"], 1.5, 2.0),
        (&["birth_date", "birth_date_check"], true, &[], 0.0, 3.0),
        (
            &["birth_date", "birth_date_check"],
            false,
            &["birth_date_check"],
            2.0,
            3.0,
        ),
    ];
    for (wrong, consistent, picked, score, max) in table {
        let answer = ExerciseAnswer {
            consistent: Some(consistent),
            wrong_fields: picked.iter().map(|p| p.to_string()).collect(),
            ..Default::default()
        };
        let (o, f) = grade(ExerciseKind::Mrz, &mrz(wrong), 10, 10, &answer).unwrap();
        assert_eq!((o.score, o.max), (score, max), "{wrong:?} {picked:?}");
        assert_eq!(f.len(), wrong.len());
    }
    let (o, _) = grade(
        ExerciseKind::Mrz,
        &mrz(&["birth_date"]),
        10,
        10,
        &ExerciseAnswer {
            consistent: Some(false),
            ..Default::default()
        },
    )
    .unwrap();
    let line = &o.lines[1];
    assert_eq!(
        line.about,
        LineAbout::MrzField {
            field: "birth_date".into()
        }
    );
    assert_eq!(
        (line.kind.as_str(), line.explanation.as_str()),
        ("viz_mrz_mismatch", "1974-08-13 printed")
    );
    assert_eq!(
        grade(
            ExerciseKind::Mrz,
            &mrz(&[]),
            10,
            10,
            &ExerciseAnswer::default()
        )
        .unwrap_err(),
        GradeError::NoConsistency
    );
}

#[test]
fn an_impostor_check_scores_the_call_and_its_reasons() {
    let spec = ExerciseSpec {
        impostor: Some(ImpostorKey {
            bearers: Vec::new(),
            same_person: false,
            reasons: vec![item("ear shape differs", true), item("hair colour", false)],
        }),
        ..ExerciseSpec::default()
    };
    let table: [(bool, &[usize], f64); 4] = [
        (false, &[0], 2.0),
        (false, &[0, 1], 1.0),
        (true, &[], 0.0),
        (false, &[1], 1.0),
    ];
    for (same, ticked, score) in table {
        let answer = ExerciseAnswer {
            same_person: Some(same),
            checked: ticked.to_vec(),
            ..Default::default()
        };
        let (o, f) = grade(ExerciseKind::Impostor, &spec, 10, 10, &answer).unwrap();
        assert_eq!((o.score, o.max), (score, 2.0), "{same} {ticked:?}");
        assert_eq!(f, vec![found("impostor", !same)]);
    }
    assert_eq!(
        grade(
            ExerciseKind::Impostor,
            &spec,
            10,
            10,
            &ExerciseAnswer::default()
        )
        .unwrap_err(),
        GradeError::NoSamePerson
    );
}

#[test]
fn outlines_read_back_as_authors_type_them() {
    for (shape, text) in [
        ("rect", "10,20,30.5,40"),
        ("circle", "5,5,2.5"),
        ("polygon", "0,0 10,0 5,8"),
    ] {
        let outline = Shape::parse(shape, text).unwrap();
        assert_eq!(outline.to_text(), (shape, text.to_owned()));
    }
    assert_eq!(Shape::parse("rect", "1,2,3"), None);
    assert_eq!(Shape::parse("circle", "1,2,inf"), None);
    assert_eq!(Shape::parse("hexagon", "1,2,3"), None);
}

proptest! {
    /// Whatever the markers, the score stays between 0 and the number of anomalies, every
    /// anomaly gives one finding, and each marker one mark.
    #[test]
    fn a_marker_score_is_bounded(points in prop::collection::vec((0.0f64..=100.0, 0.0f64..=100.0), 0..=50)) {
        let (o, f) = grade(ExerciseKind::Anomalies, &anomalies(), 100, 100, &markers(&points)).unwrap();
        prop_assert!(o.score >= 0.0 && o.score <= o.max);
        prop_assert_eq!(f.len(), 2);
        prop_assert_eq!(o.marks.len(), points.len());
        prop_assert_eq!(o.found.len(), f.iter().filter(|f| f.found).count());
    }

    /// A verdict's score is between 0 and its maximum, and ticking an extra reason never
    /// raises it.
    #[test]
    fn ticking_a_wrong_reason_never_helps(v in 0usize..5, ticked in prop::collection::vec(0usize..2, 0..3)) {
        let spec = verdict("forged", "photo_substitution");
        let mut answer = ExerciseAnswer {
            verdict: VERDICT_CODES[v].into(),
            forgery: "photo_substitution".into(),
            checked: ticked,
            ..Default::default()
        };
        let (before, _) = grade(ExerciseKind::Verdict, &spec, 10, 10, &answer).unwrap();
        prop_assert!(before.score >= 0.0 && before.score <= before.max);
        if !answer.checked.contains(&1) {
            answer.checked.push(1);
            let (after, _) = grade(ExerciseKind::Verdict, &spec, 10, 10, &answer).unwrap();
            prop_assert!(after.score <= before.score);
        }
    }

    /// The outcome survives storage: what is written as JSON reads back the same (markers
    /// at a tenth of a pixel, as the board places them).
    #[test]
    fn an_outcome_reads_back_as_stored(tenths in prop::collection::vec((0u32..=1000, 0u32..=1000), 0..=10)) {
        let points: Vec<(f64, f64)> = tenths.iter().map(|&(x, y)| (f64::from(x) / 10.0, f64::from(y) / 10.0)).collect();
        let (o, _) = grade(ExerciseKind::Anomalies, &anomalies(), 100, 100, &markers(&points)).unwrap();
        let json = serde_json::to_string(&o).unwrap();
        prop_assert_eq!(serde_json::from_str::<ExerciseOutcome>(&json).unwrap(), o);
    }

    /// A drill's clock: an answer within the limit and its grace keeps its score, one after it
    /// (or with no recorded start) earns nothing and says by how much; an untimed exercise is
    /// never touched.
    #[test]
    fn a_time_limit_only_ever_takes_points_away(limit in 15u32..=3600, taken in proptest::option::of(0u32..10_000), v in 0usize..5) {
        let spec = verdict("forged", "photo_substitution");
        let answer = ExerciseAnswer { verdict: VERDICT_CODES[v].into(), forgery: "photo_substitution".into(), ..Default::default() };
        let (graded, _) = grade(ExerciseKind::Verdict, &spec, 10, 10, &answer).unwrap();
        let mut untimed = graded.clone();
        apply_time_limit(&mut untimed, None, taken);
        prop_assert_eq!(&untimed, &graded);
        let mut timed = graded.clone();
        apply_time_limit(&mut timed, Some(limit), taken);
        let on_time = taken.is_some_and(|t| t <= limit + TIME_GRACE_SECS);
        if on_time {
            prop_assert_eq!(&timed, &graded);
        } else {
            prop_assert_eq!(timed.score, 0.0);
            prop_assert_eq!(timed.over_time, Some(OverTime { limit, taken }));
            prop_assert_eq!(timed.lines, graded.lines);
        }
        prop_assert!(timed.score <= graded.score);
    }
}

#[test]
fn the_grace_is_the_edge_of_the_limit() {
    let (graded, _) = grade(
        ExerciseKind::Verdict,
        &verdict("genuine", ""),
        10,
        10,
        &ExerciseAnswer {
            verdict: "genuine".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(graded.score > 0.0);
    let mut at_edge = graded.clone();
    apply_time_limit(&mut at_edge, Some(60), Some(60 + TIME_GRACE_SECS));
    assert_eq!(at_edge, graded);
    let mut past = graded.clone();
    apply_time_limit(&mut past, Some(60), Some(61 + TIME_GRACE_SECS));
    assert_eq!(past.score, 0.0);
    // An outcome stored before drills existed reads back untimed.
    let mut json: serde_json::Value = serde_json::to_value(&graded).unwrap();
    json.as_object_mut().unwrap().remove("over_time");
    let read: ExerciseOutcome = serde_json::from_value(json).unwrap();
    assert_eq!(read.over_time, None);
}
