//! Machine readable zone primitives from ICAO Doc 9303.

/// The numeric value of one MRZ character: `0`–`9` are themselves, `A`–`Z` are 10–35 and the
/// filler `<` is 0. Any other character is not allowed in an MRZ and yields `None`.
pub fn char_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        '<' => Some(0),
        _ => None,
    }
}

/// The Doc 9303 check digit of `field`: each character's value times the repeating weights
/// 7, 3, 1 from the left, summed, modulo 10. Returns `None` when `field` holds a character that
/// cannot appear in an MRZ.
pub fn check_digit(field: &str) -> Option<u32> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    field
        .chars()
        .zip(WEIGHTS.iter().cycle())
        .try_fold(0u32, |sum, (c, w)| Some(sum + char_value(c)? * w))
        .map(|sum| sum % 10)
}

#[cfg(test)]
mod tests {
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
}
