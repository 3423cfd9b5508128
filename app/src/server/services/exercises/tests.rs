//! MRZ keys (grading itself is tested in `assessments::examination`).

use super::*;

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
