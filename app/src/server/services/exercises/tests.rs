//! Grading, answer reading and MRZ keys, table by table.

use super::*;

fn rect(id: &str, anomaly: bool, x: f64, y: f64) -> RegionSpec {
    RegionSpec {
        id: id.into(),
        outline: Outline::Rect {
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

#[test]
fn anomalies_score_hits_and_false_marks() {
    let spec = ExerciseSpec {
        regions: vec![
            rect("a", true, 0.0, 0.0),
            rect("b", true, 50.0, 50.0),
            rect("g", false, 80.0, 0.0),
        ],
        ..ExerciseSpec::default()
    };
    let answer = ExerciseAnswer {
        markers: vec![Spot { x: 5.0, y: 5.0 }, Spot { x: 85.0, y: 5.0 }],
        ..Default::default()
    };
    let (o, f) = grade(ExerciseKind::Anomalies, &spec, 100, 100, &answer).unwrap();
    assert_eq!((o.score, o.max), (0.5, 2.0));
    assert_eq!(o.found, vec!["a".to_string()]);
    assert_eq!(
        f,
        vec![("check_digit".into(), true), ("check_digit".into(), false)]
    );
    assert!(o.marks[0].hit && !o.marks[1].hit);
}

#[test]
fn markers_outside_or_too_many_are_refused() {
    let spec = ExerciseSpec::default();
    let outside = ExerciseAnswer {
        markers: vec![Spot { x: 101.0, y: 5.0 }],
        ..Default::default()
    };
    assert!(grade(ExerciseKind::Anomalies, &spec, 100, 100, &outside).is_err());
    let many = vec![("markers".to_string(), "1,1;".repeat(10_000))];
    assert!(answer_from(&many).is_err());
}

#[test]
fn a_verdict_needs_the_forgery_kind_too() {
    let spec = ExerciseSpec {
        verdict: Some(VerdictKey {
            verdict: "forged".into(),
            forgery: "photo_substitution".into(),
            features: vec![
                ChecklistItem {
                    text: "laminate lifted".into(),
                    key: true,
                },
                ChecklistItem {
                    text: "colour shift".into(),
                    key: false,
                },
            ],
        }),
        ..ExerciseSpec::default()
    };
    let mut answer = ExerciseAnswer {
        verdict: "forged".into(),
        forgery: "altered_data".into(),
        checked: vec![0],
        ..Default::default()
    };
    let (o, _) = grade(ExerciseKind::Verdict, &spec, 10, 10, &answer).unwrap();
    assert_eq!((o.score, o.max), (1.0, 2.0));
    answer.forgery = "photo_substitution".into();
    answer.checked = vec![0, 1];
    let (o, _) = grade(ExerciseKind::Verdict, &spec, 10, 10, &answer).unwrap();
    assert_eq!((o.score, o.max), (1.0, 2.0));
}

const TD3: [&str; 2] = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
];

fn viz(birth: &str) -> Vec<VizField> {
    [
        ("surname", "Eriksson"),
        ("given_names", "Anna Maria"),
        ("document_number", "L898902C3"),
        ("nationality", "UTO"),
        ("birth_date", birth),
        ("sex", "F"),
        ("expiry_date", "2012-04-15"),
    ]
    .into_iter()
    .map(|(f, v)| VizField {
        field: f.into(),
        value: v.into(),
    })
    .collect()
}

#[test]
fn the_mrz_key_finds_visual_mismatches_and_bad_digits() {
    let lines: Vec<String> = TD3.iter().map(|s| s.to_string()).collect();
    let ok = mrz_key(lines.clone(), viz("1974-08-12"), 2026).unwrap();
    assert!(ok.wrong.is_empty(), "{:?}", ok.reasons);
    let mismatch = mrz_key(lines, viz("1974-08-13"), 2026).unwrap();
    assert_eq!(mismatch.wrong, vec!["birth_date".to_string()]);
    let mut bad = TD3.map(str::to_owned).to_vec();
    bad[1] = bad[1].replacen("L898902C36", "L898902C37", 1);
    let digit = mrz_key(bad, viz("1974-08-12"), 2026).unwrap();
    assert!(digit.wrong.contains(&"document_number_check".to_string()));
    assert!(mrz_key(vec!["P<UTO".into()], Vec::new(), 2026).is_err());
}
