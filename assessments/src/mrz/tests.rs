use super::*;
use proptest::prelude::*;

#[test]
fn matches_the_specification_example() {
    // Doc 9303 Part 4 specimen: ERIKSSON, ANNA MARIA, Utopia.
    assert_eq!(check_digit("L898902C3"), Some(6));
    assert_eq!(check_digit("740812"), Some(2));
    assert_eq!(check_digit("120415"), Some(9));
    assert_eq!(check_digit("ZE184226B<<<<<"), Some(1));
    let composite = "L898902C36".to_owned() + "7408122" + "1204159" + "ZE184226B<<<<<1";
    assert_eq!(check_digit(&composite), Some(0));
}

#[test]
fn rejects_characters_outside_the_mrz_alphabet() {
    assert_eq!(check_digit("ab1"), None);
    assert_eq!(check_digit("12 3"), None);
}

proptest! {
    #[test]
    fn is_always_a_single_digit(s in "[A-Z0-9<]{0,44}") {
        prop_assert!(check_digit(&s).unwrap() < 10);
    }

    #[test]
    fn trailing_fillers_do_not_change_the_digit(s in "[A-Z0-9<]{0,30}", n in 0usize..10) {
        let padded = format!("{s}{}", "<".repeat(n));
        prop_assert_eq!(check_digit(&s), check_digit(&padded));
    }
}

const YEAR: i32 = 2026;

fn ok(lines: &[&str]) -> Mrz {
    let m = check(lines, YEAR).unwrap();
    assert!(m.valid(), "{:?}", m.errors);
    m
}

fn errors(lines: &[&str]) -> Vec<String> {
    check(lines, YEAR)
        .unwrap()
        .errors
        .into_iter()
        .map(|p| p.field)
        .collect()
}

#[test]
fn the_specifications_own_examples_read_and_check() {
    // Doc 9303 specimens of the fictional state Utopia, one per format.
    let td3 = ok(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    assert_eq!(td3.format, Format::Td3);
    assert_eq!(td3.fields["surname"], "ERIKSSON");
    assert_eq!(td3.fields["given_names"], "ANNA MARIA");
    assert_eq!(td3.fields["document_number"], "L898902C3");
    assert_eq!(td3.fields["date_of_birth"], "1974-08-12");
    assert_eq!(td3.fields["date_of_expiry"], "2012-04-15");
    assert_eq!(td3.fields["optional_data"], "ZE184226B");
    assert_eq!(td3.fields["sex"], "F");
    let td1 = ok(&[
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]);
    assert_eq!(
        (td1.format, td1.fields["document_number"].as_str()),
        (Format::Td1, "D23145890")
    );
    let td2 = ok(&[
        "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6",
    ]);
    assert_eq!(td2.format, Format::Td2);
    let mrva = ok(&[
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
    ]);
    assert_eq!(
        (mrva.format, mrva.fields["date_of_expiry"].as_str()),
        (Format::MrvA, "1996-12-10")
    );
    assert_eq!(mrva.fields["nationality"], "XXX");
    let mrvb = ok(&[
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "L8988901C4XXX4009078F9612109<<<<<<<<",
    ]);
    assert_eq!(mrvb.format, Format::MrvB);
}

#[test]
fn each_wrong_check_digit_is_named() {
    // Document number check digit 6 → 5: the field and the composite fail.
    assert_eq!(
        errors(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C35UTO7408122F1204159ZE184226B<<<<<10",
        ]),
        ["document_number_check_digit", "composite_check_digit"]
    );
    // An altered date of birth with the old check digit.
    assert_eq!(
        errors(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7409122F1204159ZE184226B<<<<<10",
        ]),
        ["date_of_birth_check_digit", "composite_check_digit"]
    );
    assert_eq!(
        errors(&[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<7",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ]),
        ["composite_check_digit"]
    );
}

/// Issuing state and nationality are checked against Doc 9303 Part 3's list, not only
/// their shape.
#[test]
fn state_codes_come_from_the_icao_list() {
    let td3 = |state: &str, nationality: &str| {
        let pad = |c: &str| format!("{c:<<3}");
        vec![
            format!("P<{}ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", pad(state)),
            compose_td3_line2(
                "L898902C3",
                &pad(nationality),
                "740812",
                'F',
                "120415",
                "ZE184226B",
            ),
        ]
    };
    for (state, nationality) in [
        ("UTO", "UTO"),
        ("D", "D"),
        ("GBR", "GBD"),
        ("EUE", "XXA"),
        ("UNO", "XXB"),
        ("UNK", "XXC"),
        ("UNA", "XXX"),
        ("FRA", "QZR"),
    ] {
        let lines = td3(state, nationality);
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let m = ok(&lines);
        assert_eq!(
            (
                m.fields["issuing_state"].as_str(),
                m.fields["nationality"].as_str()
            ),
            (state, nationality)
        );
    }
    for (state, nationality, field) in [
        ("ZZZ", "UTO", "issuing_state"),
        ("UTO", "ABC", "nationality"),
        ("DE", "UTO", "issuing_state"),
    ] {
        let lines = td3(state, nationality);
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let m = check(&lines, YEAR).unwrap();
        assert_eq!(m.errors.len(), 1, "{state} {nationality}: {:?}", m.errors);
        assert_eq!(m.errors[0].field, field);
        assert!(
            m.errors[0].message.contains("ICAO Doc 9303 Part 3"),
            "{:?}",
            m.errors
        );
    }
    assert!(
        codes::ISO_3166.windows(2).all(|w| w[0] < w[1]),
        "sorted for the search"
    );
}

/// Optional data is read without the fillers around it, and a wrong check digit says
/// what is printed and what is computed.
#[test]
fn optional_data_is_trimmed_and_check_digits_say_printed_and_computed() {
    let line1 = "I<UTOD231458907<<<ABC123<<<<<<";
    let head = "7408122F1204159UTO<<<<<XYZ<<<";
    let composite = format!(
        "{}{}{}{}",
        &line1[5..30],
        &head[0..7],
        &head[8..15],
        &head[18..29]
    );
    let line2 = format!("{head}{}", check_digit(&composite).unwrap());
    let m = ok(&[line1, &line2, "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]);
    assert_eq!(m.fields["optional_data"], "ABC123");
    assert_eq!(m.fields["optional_data_2"], "XYZ");
    let bad = check(
        &[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C35UTO7408122F1204159ZE184226B<<<<<10",
        ],
        YEAR,
    )
    .unwrap();
    assert_eq!(bad.errors[0].message, "check digit printed 5, computed 6");
}

#[test]
fn dates_that_do_not_exist_and_bad_codes_are_reported() {
    let e = errors(&[
        "X<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        &compose_td3_line2("L898902C3", "UTO", "741312", 'Q', "120431", "ZE184226B"),
    ]);
    assert!(e.contains(&"document_code".to_owned()), "{e:?}");
    assert!(e.contains(&"date_of_birth".to_owned()), "{e:?}");
    assert!(e.contains(&"sex".to_owned()), "{e:?}");
    assert!(e.contains(&"date_of_expiry".to_owned()), "{e:?}");
}

#[test]
fn centuries_follow_the_current_year() {
    let m = check(
        &[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            &compose_td3_line2("L898902C3", "UTO", "250101", 'F', "350101", ""),
        ],
        YEAR,
    )
    .unwrap();
    assert_eq!(m.fields["date_of_birth"], "2025-01-01");
    assert_eq!(m.fields["date_of_expiry"], "2035-01-01");
    let m = check(
        &[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            &compose_td3_line2("L898902C3", "UTO", "300101", 'F', "990101", ""),
        ],
        YEAR,
    )
    .unwrap();
    assert_eq!(
        m.fields["date_of_birth"], "1930-01-01",
        "born in the future is impossible"
    );
    assert_eq!(m.fields["date_of_expiry"], "1999-01-01");
    assert!(m.valid());
}

#[test]
fn long_document_numbers_continue_in_the_optional_data() {
    // TD1 with a 12-character document number (Doc 9303 Part 5).
    let line1 = format!("I<UTOD23145890<{}", {
        let rest = "734";
        let digit = check_digit(&format!("D23145890{rest}")).unwrap();
        format!("{rest}{digit}<<<<<<<<<<<")
    });
    let line2_body = "7408122F1204159UTO<<<<<<<<<<<";
    let composite = format!(
        "{}{}{}{}",
        &line1[5..30],
        &line2_body[0..7],
        &line2_body[8..15],
        &line2_body[18..29]
    );
    let line2 = format!("{line2_body}{}", check_digit(&composite).unwrap());
    let m = ok(&[&line1, &line2, "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]);
    assert_eq!(m.fields["document_number"], "D23145890734");
    assert_eq!(m.fields["optional_data"], "");
}

#[test]
fn what_cannot_be_an_mrz_is_unreadable() {
    let unreadable = |lines: &[&str]| check(lines, YEAR).unwrap_err();
    // Wrong length.
    let e = unreadable(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<1",
    ]);
    assert!(e[0].message.contains("TD3 and MRV-A lines 44"), "{e:?}");
    // Bad characters.
    let e = unreadable(&[
        "P<UTOEriksson<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]);
    assert_eq!(e[0].field, "line 1");
    assert!(e[0].message.contains("position 7"), "{e:?}");
    // Mixed formats.
    let e = unreadable(&[
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6",
    ]);
    assert!(e[0].message.contains("different lengths"), "{e:?}");
    assert!(!unreadable(&[]).is_empty());
    assert!(!unreadable(&["A", "B", "C", "D"]).is_empty());
}

/// A TD3 second line with correct check digits.
fn compose_td3_line2(
    number: &str,
    nationality: &str,
    birth: &str,
    sex: char,
    expiry: &str,
    personal: &str,
) -> String {
    let pad = |s: &str, n: usize| format!("{s:<<n$}");
    let number = pad(number, 9);
    let personal = pad(personal, 14);
    let d = |s: &str| check_digit(s).unwrap().to_string();
    let body = format!(
        "{number}{}{nationality}{birth}{}{sex}{expiry}{}{personal}{}",
        d(&number),
        d(birth),
        d(expiry),
        d(&personal)
    );
    let composite = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
    format!("{body}{}", d(&composite))
}

proptest! {
    #[test]
    fn any_text_is_read_or_refused_never_a_panic(lines in proptest::collection::vec("[A-Z0-9<a-z ]{0,50}", 0..5)) {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let _ = check(&refs, YEAR);
    }

    #[test]
    fn any_lines_of_the_right_shape_are_read(
        a in "[A-Z0-9<]{44}", b in "[A-Z0-9<]{44}",
        c in "[A-Z0-9<]{36}", d in "[A-Z0-9<]{36}",
        e in "[A-Z0-9<]{30}", f in "[A-Z0-9<]{30}", g in "[A-Z0-9<]{30}",
    ) {
        for lines in [vec![&a, &b], vec![&c, &d], vec![&e, &f, &g]] {
            let refs: Vec<&str> = lines.iter().map(|l| l.as_str()).collect();
            let m = check(&refs, YEAR);
            prop_assert!(m.is_ok());
            prop_assert!(m.unwrap().fields.contains_key("document_number"));
        }
    }

    #[test]
    fn composed_lines_always_check(number in "[A-Z0-9]{9}", birth_day in 1u32..=28, expiry_year in 27u32..=40) {
        let line2 = compose_td3_line2(&number, "UTO", &format!("8001{birth_day:02}"), 'M', &format!("{expiry_year:02}0101"), "");
        let m = check(&["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", &line2], YEAR).unwrap();
        prop_assert!(m.valid(), "{:?}", m.errors);
    }
}
