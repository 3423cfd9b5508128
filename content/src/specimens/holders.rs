//! Fictional holders and their faces, and the machine-readable zone written from them.

use super::*;

pub(super) const SURNAMES: [&str; 24] = [
    "ERIKSSON", "OKAFOR", "NGUYEN", "HAKIMI", "MORALES", "KOWALSKA", "TANAKA", "BENALI", "MENSAH",
    "IVANOVA", "DUBOIS", "SILVA", "HASSAN", "PETROV", "ACHIENG", "LARSEN", "RAHMAN", "CASTILLO",
    "OSEI", "FERREIRA", "KARIMI", "NOVAK", "MWANGI", "SANTOS",
];
pub(super) const GIVEN_F: [&str; 12] = [
    "ANNA MARIA",
    "AMINA",
    "LINH",
    "SOFIA",
    "GRACE",
    "FATIMA",
    "ELENA",
    "AKOSUA",
    "MEI",
    "NADIA",
    "CLARA",
    "ZAINAB",
];
pub(super) const GIVEN_M: [&str; 12] = [
    "JONAS",
    "CHUKWUEMEKA",
    "MINH",
    "YOUSSEF",
    "DIEGO",
    "PIOTR",
    "KENJI",
    "KWAME",
    "OMAR",
    "ANDREI",
    "LUCAS",
    "TARIQ",
];
pub(super) const PLACES: [&str; 6] = [
    "UTOPIA CITY",
    "NORTH HARBOUR",
    "EASTGATE",
    "RIVERSIDE",
    "HIGHLANDS",
    "PORT AMANI",
];

pub(super) fn date(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

pub(super) fn yymmdd(iso: &str) -> String {
    format!("{}{}{}", &iso[2..4], &iso[5..7], &iso[8..10])
}

/// The ICAO 9303 check digit of `field`.
pub fn check_digit(field: &str) -> char {
    let v: u32 = field
        .chars()
        .zip([7u32, 3, 1].into_iter().cycle())
        .map(|(c, w)| {
            let n = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                _ => 0,
            };
            n * w
        })
        .sum();
    char::from_digit(v % 10, 10).unwrap_or('0')
}

pub(super) fn pad(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    while out.chars().count() < n {
        out.push('<');
    }
    out
}

pub(super) fn mrz_name(surname: &str, given: &str, n: usize) -> String {
    pad(
        &format!(
            "{}<<{}",
            surname.replace([' ', '-'], "<"),
            given.replace([' ', '-'], "<")
        ),
        n,
    )
}

/// The machine-readable zone of `h` in `layout`. Residence permits (TD2) and visas (MRV-A)
/// are Utopia's, issued to the holder's nationality; passports and identity cards are issued
/// by the holder's own state.
pub fn mrz_of(layout: Layout, h: &Holder) -> Vec<String> {
    let birth = yymmdd(&h.birth);
    let expiry = yymmdd(&h.expiry);
    let number = pad(&h.number, 9);
    let nd = check_digit(&number);
    let bd = check_digit(&birth);
    let ed = check_digit(&expiry);
    match layout {
        Layout::Td3 => {
            let personal = pad("", 14);
            let pd = '<';
            let composite = format!("{number}{nd}{birth}{bd}{expiry}{ed}{personal}{pd}");
            vec![
                format!(
                    "P<{}{}",
                    h.nationality,
                    mrz_name(&h.surname, &h.given_names, 39)
                ),
                format!(
                    "{number}{nd}{}{birth}{bd}{}{expiry}{ed}{personal}{pd}{}",
                    h.nationality,
                    h.sex,
                    check_digit(&composite)
                ),
            ]
        }
        Layout::Td1 => {
            let optional = pad("", 15);
            let line1 = format!("ID{}{number}{nd}{optional}", h.nationality);
            let optional2 = pad("", 11);
            let line2_head = format!(
                "{birth}{bd}{}{expiry}{ed}{}{optional2}",
                h.sex, h.nationality
            );
            let composite = format!(
                "{}{}{}{}",
                &line1[5..30],
                &line2_head[0..7],
                &line2_head[8..15],
                &line2_head[18..29]
            );
            vec![
                line1,
                format!("{line2_head}{}", check_digit(&composite)),
                mrz_name(&h.surname, &h.given_names, 30),
            ]
        }
        Layout::Td2 => {
            let optional = pad("", 7);
            let composite = format!("{number}{nd}{birth}{bd}{expiry}{ed}{optional}");
            vec![
                format!(
                    "IR{}{}",
                    UTOPIA.code,
                    mrz_name(&h.surname, &h.given_names, 31)
                ),
                format!(
                    "{number}{nd}{}{birth}{bd}{}{expiry}{ed}{optional}{}",
                    h.nationality,
                    h.sex,
                    check_digit(&composite)
                ),
            ]
        }
        Layout::MrvA => vec![
            format!(
                "V<{}{}",
                UTOPIA.code,
                mrz_name(&h.surname, &h.given_names, 39)
            ),
            format!(
                "{number}{nd}{}{birth}{bd}{}{expiry}{ed}{}",
                h.nationality,
                h.sex,
                pad("", 16)
            ),
        ],
    }
}

/// The neighbouring states whose nationals hold Utopian residence permits and visas.
pub(super) const FOREIGN: [&str; 3] = ["QZR", "QVK", "QMV"];

/// Makes `h` (drawn by [`holder`]) a foreign national holding a Utopian document of `layout`:
/// a neighbour's nationality, and the validity a permit (five years) or a short-stay visa
/// (ninety days) has. Other layouts are left alone.
pub(super) fn as_foreigner(h: &mut Holder, layout: Layout, rng: &mut Rng) {
    if !layout.foreign_holder() {
        return;
    }
    h.nationality = (*rng.pick(&FOREIGN)).to_owned();
    let (y, m, d): (i32, u32, u32) = (
        h.issue[0..4].parse().unwrap_or(2024),
        h.issue[5..7].parse().unwrap_or(1),
        h.issue[8..10].parse().unwrap_or(1),
    );
    h.expiry = match layout {
        Layout::Td2 => date(y + 5, m, d.saturating_sub(1).max(1)),
        // Ninety days on, kept within the month's first 28 days.
        _ => {
            let months = m + 3;
            let (ey, em) = if months > 12 {
                (y + 1, months - 12)
            } else {
                (y, months)
            };
            date(ey, em, d)
        }
    };
}

/// The nationality `code` is printed as in a visual zone.
pub(super) fn nationality_name(code: &str) -> &'static str {
    crate::desk::State::by_code(code)
        .map(|s| s.issuer.nationality)
        .unwrap_or("UTOPIAN")
}

pub(super) fn holder(rng: &mut Rng) -> Holder {
    let sex = if rng.below(2) == 0 { 'F' } else { 'M' };
    let given = if sex == 'F' {
        rng.pick(&GIVEN_F)
    } else {
        rng.pick(&GIVEN_M)
    };
    let letters = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let number = format!(
        "{}{}{:07}",
        letters[rng.below(letters.len() as u64) as usize] as char,
        letters[rng.below(letters.len() as u64) as usize] as char,
        rng.below(10_000_000)
    );
    let by = 1950 + rng.below(55) as i32;
    let iy = 2019 + rng.below(7) as i32;
    let (im, id) = (1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
    Holder {
        surname: (*rng.pick(&SURNAMES)).to_owned(),
        given_names: (*given).to_owned(),
        number,
        birth: date(by, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32),
        sex,
        issue: date(iy, im, id),
        expiry: date(iy + 10, im, id.saturating_sub(1).max(1)),
        place: (*rng.pick(&PLACES)).to_owned(),
        nationality: UTOPIA.code.to_owned(),
    }
}

/// A random face.
pub fn random_face(rng: &mut Rng) -> Face {
    Face {
        skin: rng.below(6) as u8,
        hair: rng.below(5) as u8,
        hair_style: rng.below(4) as u8,
        width: 0.78 + rng.unit() * 0.16,
        eye_gap: 0.32 + rng.unit() * 0.12,
        eye_size: 0.8 + rng.unit() * 0.5,
        nose: 0.8 + rng.unit() * 0.5,
        mouth: 0.7 + rng.unit() * 0.6,
        brows: rng.unit(),
        glasses: rng.below(4) == 0,
        beard: rng.below(5) == 0,
    }
}

/// Someone else who looks broadly alike (same skin and hair), for impostor exercises.
pub fn look_alike(face: &Face, rng: &mut Rng) -> Face {
    let mut other = random_face(rng);
    other.skin = face.skin;
    other.hair = face.hair;
    other.hair_style = face.hair_style;
    // Make sure the features a trained eye compares really differ.
    if (other.eye_gap - face.eye_gap).abs() < 0.05 {
        other.eye_gap = if face.eye_gap > 0.38 { 0.32 } else { 0.44 };
    }
    if (other.width - face.width).abs() < 0.06 {
        other.width = if face.width > 0.86 { 0.78 } else { 0.94 };
    }
    other
}
