//! Specimen generator: fictional Utopia (`UTO`) passport data pages (TD3) and identity cards
//! (TD1, front and back) with a drawn portrait, a guilloche-like background, the visual zone
//! and a correct machine-readable zone, seen under visible, ultraviolet and infrared light;
//! chosen defects are injected and written down as exercise regions (the answer key).
//!
//! Everything is drawn from a seed with a small deterministic generator and integer-exact
//! steps, so the same seed gives byte-identical images on every machine. Text is set in the
//! bundled DejaVu Sans (openly licensed, see `fonts/LICENSE-DejaVu.txt`).

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{Rgb, RgbImage};
use serde::{Deserialize, Serialize};

const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// A document layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Passport data page (ID-3 size, two 44-character MRZ lines).
    Td3,
    /// Identity card, front above back (ID-1 size, three 30-character MRZ lines).
    Td1,
}

/// A defect the generator can put in a specimen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Defect {
    /// One MRZ check digit is wrong.
    WrongCheckDigit,
    /// The surname in the visual zone differs from the MRZ.
    NameMismatch,
    /// The date of birth in the visual zone differs from the MRZ.
    DateMismatch,
    /// The document number in the visual zone differs from the MRZ.
    NumberMismatch,
    /// A digit of the expiry date was altered by hand (erasure halo, different ink).
    AlteredDigit,
    /// The portrait was replaced: it no longer matches the ghost image.
    SubstitutedPortrait,
    /// The ultraviolet emblem is missing and the paper glows (optical brighteners).
    MissingUv,
    /// The given names are set in another typeface.
    WrongFont,
}

impl Defect {
    /// Every defect.
    pub const ALL: [Defect; 8] = [
        Defect::WrongCheckDigit,
        Defect::NameMismatch,
        Defect::DateMismatch,
        Defect::NumberMismatch,
        Defect::AlteredDigit,
        Defect::SubstitutedPortrait,
        Defect::MissingUv,
        Defect::WrongFont,
    ];

    /// The feature kind an exercise records for it.
    pub fn kind(self) -> &'static str {
        match self {
            Defect::WrongCheckDigit => "check_digit",
            Defect::NameMismatch | Defect::DateMismatch | Defect::NumberMismatch => {
                "viz_mrz_mismatch"
            }
            Defect::AlteredDigit => "altered_data",
            Defect::SubstitutedPortrait => "photo_substitution",
            Defect::MissingUv => "uv_feature",
            Defect::WrongFont => "font",
        }
    }

    /// Its name on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Defect::WrongCheckDigit => "wrong_check_digit",
            Defect::NameMismatch => "name_mismatch",
            Defect::DateMismatch => "date_mismatch",
            Defect::NumberMismatch => "number_mismatch",
            Defect::AlteredDigit => "altered_digit",
            Defect::SubstitutedPortrait => "substituted_portrait",
            Defect::MissingUv => "missing_uv",
            Defect::WrongFont => "wrong_font",
        }
    }

    /// The defect named `code`.
    pub fn from_code(code: &str) -> Option<Defect> {
        Defect::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// A rectangle in pixels of the visible image.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// A region of the answer key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyRegion {
    /// Id within the specimen.
    pub id: String,
    /// Where.
    pub rect: Rect,
    /// An anomaly, or a genuine feature.
    pub anomaly: bool,
    /// Feature kind (as exercises record it).
    pub kind: String,
    /// Short label.
    pub label: String,
    /// What the trainee should have seen.
    pub explanation: String,
}

/// The holder's data, as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// Surname.
    pub surname: String,
    /// Given names.
    pub given_names: String,
    /// Document number.
    pub number: String,
    /// Date of birth, YYYY-MM-DD.
    pub birth: String,
    /// `F` or `M`.
    pub sex: char,
    /// Date of issue, YYYY-MM-DD.
    pub issue: String,
    /// Date of expiry, YYYY-MM-DD.
    pub expiry: String,
    /// Place of birth.
    pub place: String,
}

/// The drawn face of a person: enough parameters to tell two people apart, or to draw the
/// same person twice.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Face {
    skin: u8,
    hair: u8,
    hair_style: u8,
    width: f64,
    eye_gap: f64,
    eye_size: f64,
    nose: f64,
    mouth: f64,
    brows: f64,
    glasses: bool,
    beard: bool,
}

/// A generated specimen: its images and answer key.
pub struct Specimen {
    /// Layout.
    pub layout: Layout,
    /// The data as issued.
    pub holder: Holder,
    /// The machine-readable zone as printed.
    pub mrz: Vec<String>,
    /// The visual zone as printed: (field, value) with dates as YYYY-MM-DD.
    pub viz: Vec<(String, String)>,
    /// Defects injected.
    pub defects: Vec<Defect>,
    /// The page under visible light.
    pub visible: RgbImage,
    /// Under ultraviolet light.
    pub uv: RgbImage,
    /// Under infrared light.
    pub ir: RgbImage,
    /// The holder's face.
    pub face: Face,
    /// Regions of the answer key (anomalies and genuine features).
    pub regions: Vec<KeyRegion>,
}

/// The answer key written beside each specimen's images.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnswerKey {
    /// Seed of the run.
    pub seed: u64,
    /// Index within the run.
    pub index: u32,
    /// Layout.
    pub layout: Layout,
    /// Defects injected.
    pub defects: Vec<Defect>,
    /// Data as issued.
    pub holder: Holder,
    /// MRZ as printed.
    pub mrz: Vec<String>,
    /// Visual zone as printed.
    pub viz: Vec<(String, String)>,
    /// Regions.
    pub regions: Vec<KeyRegion>,
    /// Image files: visible, uv, ir.
    pub files: Vec<String>,
}

/// SplitMix64: small, fast and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SURNAMES: [&str; 24] = [
    "ERIKSSON", "OKAFOR", "NGUYEN", "HAKIMI", "MORALES", "KOWALSKA", "TANAKA", "BENALI", "MENSAH",
    "IVANOVA", "DUBOIS", "SILVA", "HASSAN", "PETROV", "ACHIENG", "LARSEN", "RAHMAN", "CASTILLO",
    "OSEI", "FERREIRA", "KARIMI", "NOVAK", "MWANGI", "SANTOS",
];
const GIVEN_F: [&str; 12] = [
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
const GIVEN_M: [&str; 12] = [
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
const PLACES: [&str; 6] = [
    "UTOPIA CITY",
    "NORTH HARBOUR",
    "EASTGATE",
    "RIVERSIDE",
    "HIGHLANDS",
    "PORT AMANI",
];

fn date(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn yymmdd(iso: &str) -> String {
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

fn pad(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    while out.chars().count() < n {
        out.push('<');
    }
    out
}

fn mrz_name(surname: &str, given: &str, n: usize) -> String {
    pad(
        &format!(
            "{}<<{}",
            surname.replace([' ', '-'], "<"),
            given.replace([' ', '-'], "<")
        ),
        n,
    )
}

/// The machine-readable zone of `h` in `layout`.
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
                format!("P<UTO{}", mrz_name(&h.surname, &h.given_names, 39)),
                format!(
                    "{number}{nd}UTO{birth}{bd}{}{expiry}{ed}{personal}{pd}{}",
                    h.sex,
                    check_digit(&composite)
                ),
            ]
        }
        Layout::Td1 => {
            let optional = pad("", 15);
            let line1 = format!("IDUTO{number}{nd}{optional}");
            let optional2 = pad("", 11);
            let line2_head = format!("{birth}{bd}{}{expiry}{ed}UTO{optional2}", h.sex);
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
    }
}

fn holder(rng: &mut Rng) -> Holder {
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

fn blend(img: &mut RgbImage, x: i64, y: i64, c: [u8; 3], a: f32) {
    if x < 0 || y < 0 || x >= img.width() as i64 || y >= img.height() as i64 || a <= 0.0 {
        return;
    }
    let a = a.min(1.0);
    let p = img.get_pixel_mut(x as u32, y as u32);
    for (v, c) in p.0.iter_mut().zip(c) {
        *v = (*v as f32 * (1.0 - a) + c as f32 * a).round() as u8;
    }
}

fn fill_rect(img: &mut RgbImage, r: Rect, c: [u8; 3], a: f32) {
    for y in r.y as i64..(r.y + r.h) as i64 {
        for x in r.x as i64..(r.x + r.w) as i64 {
            blend(img, x, y, c, a);
        }
    }
}

fn fill_ellipse(img: &mut RgbImage, cx: f64, cy: f64, rx: f64, ry: f64, c: [u8; 3], a: f32) {
    let (x0, x1) = ((cx - rx).floor() as i64, (cx + rx).ceil() as i64);
    let (y0, y1) = ((cy - ry).floor() as i64, (cy + ry).ceil() as i64);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let dx = (x as f64 + 0.5 - cx) / rx;
            let dy = (y as f64 + 0.5 - cy) / ry;
            let d = dx * dx + dy * dy;
            if d <= 1.0 {
                // Soft edge over the last few percent.
                let edge = ((1.0 - d) * 12.0).min(1.0) as f32;
                blend(img, x, y, c, a * edge);
            }
        }
    }
}

fn line(img: &mut RgbImage, a: (f64, f64), b: (f64, f64), width: f64, c: [u8; 3], alpha: f32) {
    let steps = ((b.0 - a.0).hypot(b.1 - a.1) * 2.0).ceil().max(1.0) as i64;
    for i in 0..=steps {
        let t = i as f64 / steps as f64;
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        fill_ellipse(img, x, y, width / 2.0, width / 2.0, c, alpha);
    }
}

/// How a text run is set.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    color: [u8; 3],
    /// Horizontal stretch (1 = as designed).
    stretch: f32,
    /// Drawn twice, one pixel apart.
    bold: bool,
    /// Every character in a cell this wide (the MRZ).
    cell: Option<f32>,
}

impl Style {
    fn new(size: f32, color: [u8; 3]) -> Style {
        Style {
            size,
            color,
            stretch: 1.0,
            bold: false,
            cell: None,
        }
    }
}

/// Sets `text` with its top-left corner at (`x`, `y`); returns its width in pixels.
fn text(img: &mut RgbImage, font: &FontRef<'_>, s: &str, x: f64, y: f64, st: Style) -> f64 {
    let scale = PxScale {
        x: st.size * st.stretch,
        y: st.size,
    };
    let scaled = font.as_scaled(scale);
    let ascent = scaled.ascent();
    let mut caret = x as f32;
    for ch in s.chars() {
        let id = scaled.glyph_id(ch);
        let advance = st.cell.unwrap_or_else(|| scaled.h_advance(id));
        let offset = st
            .cell
            .map(|cell| (cell - scaled.h_advance(id)) / 2.0)
            .unwrap_or(0.0);
        let glyph = id.with_scale_and_position(scale, point(caret + offset, y as f32 + ascent));
        if let Some(outlined) = font.outline_glyph(glyph) {
            let b = outlined.px_bounds();
            outlined.draw(|gx, gy, cov| {
                let (px, py) = (b.min.x as i64 + gx as i64, b.min.y as i64 + gy as i64);
                blend(img, px, py, st.color, cov);
                if st.bold {
                    blend(img, px + 1, py, st.color, cov);
                }
            });
        }
        caret += advance;
    }
    f64::from(caret) - x
}

const SKINS: [[u8; 3]; 6] = [
    [241, 205, 180],
    [224, 172, 140],
    [198, 140, 100],
    [160, 105, 70],
    [120, 78, 50],
    [88, 56, 38],
];
const HAIRS: [[u8; 3]; 5] = [
    [30, 24, 20],
    [80, 52, 30],
    [150, 110, 60],
    [200, 170, 110],
    [120, 120, 120],
];

/// Draws `face` in the box `r` (a passport-style head and shoulders).
fn draw_face(img: &mut RgbImage, face: &Face, r: Rect, background: [u8; 3], alpha: f32) {
    fill_rect(img, r, background, alpha);
    let (cx, w, h) = (r.x + r.w / 2.0, r.w, r.h);
    let skin = SKINS[face.skin as usize % SKINS.len()];
    let hair = HAIRS[face.hair as usize % HAIRS.len()];
    let shade = |c: [u8; 3], f: f64| c.map(|v| (v as f64 * f).min(255.0) as u8);
    // Shoulders and neck.
    fill_ellipse(
        img,
        cx,
        r.y + h * 1.02,
        w * 0.52,
        h * 0.26,
        [40, 55, 90],
        alpha,
    );
    fill_rect(
        img,
        Rect {
            x: cx - w * 0.11,
            y: r.y + h * 0.62,
            w: w * 0.22,
            h: h * 0.18,
        },
        shade(skin, 0.9),
        alpha,
    );
    let (hx, hy) = (w * 0.30 * face.width, h * 0.30);
    let head_cy = r.y + h * 0.45;
    // Hair behind the head (long styles).
    if face.hair_style == 2 {
        fill_ellipse(
            img,
            cx,
            head_cy + h * 0.08,
            hx * 1.25,
            hy * 1.25,
            hair,
            alpha,
        );
    }
    // Ears, head.
    fill_ellipse(
        img,
        cx - hx * 0.98,
        head_cy,
        hx * 0.16,
        hy * 0.2,
        shade(skin, 0.92),
        alpha,
    );
    fill_ellipse(
        img,
        cx + hx * 0.98,
        head_cy,
        hx * 0.16,
        hy * 0.2,
        shade(skin, 0.92),
        alpha,
    );
    fill_ellipse(img, cx, head_cy, hx, hy, skin, alpha);
    // Hair on top (bald when style 3).
    if face.hair_style != 3 {
        fill_ellipse(
            img,
            cx,
            head_cy - hy * 0.72,
            hx * 1.02,
            hy * 0.42,
            hair,
            alpha,
        );
    }
    if face.hair_style == 1 {
        fill_ellipse(
            img,
            cx - hx * 0.55,
            head_cy - hy * 0.45,
            hx * 0.5,
            hy * 0.3,
            hair,
            alpha,
        );
    }
    // Eyes and brows.
    let gap = w * face.eye_gap * 0.5;
    let ey = head_cy - hy * 0.08;
    for side in [-1.0, 1.0] {
        let ex = cx + side * gap * 0.5;
        fill_ellipse(
            img,
            ex,
            ey,
            w * 0.045 * face.eye_size,
            h * 0.018 * face.eye_size,
            [250, 250, 250],
            alpha,
        );
        fill_ellipse(
            img,
            ex,
            ey,
            w * 0.02 * face.eye_size,
            h * 0.017 * face.eye_size,
            [50, 40, 35],
            alpha,
        );
        let tilt = (face.brows - 0.5) * h * 0.03;
        line(
            img,
            (ex - w * 0.05, ey - h * 0.045 + tilt * side),
            (ex + w * 0.05, ey - h * 0.05 - tilt * side),
            h * 0.012,
            hair,
            alpha,
        );
        if face.glasses {
            let rr = w * 0.07;
            for k in 0..48 {
                let t = k as f64 / 48.0 * std::f64::consts::TAU;
                fill_ellipse(
                    img,
                    ex + rr * t.cos(),
                    ey + rr * 0.8 * t.sin(),
                    1.2,
                    1.2,
                    [30, 30, 30],
                    alpha,
                );
            }
        }
    }
    // Nose and mouth.
    let nose = h * 0.1 * face.nose;
    line(
        img,
        (cx, ey + h * 0.02),
        (cx - w * 0.02, ey + nose),
        h * 0.01,
        shade(skin, 0.75),
        alpha,
    );
    let my = head_cy + hy * 0.55;
    let mw = w * 0.09 * face.mouth;
    line(
        img,
        (cx - mw, my),
        (cx, my + h * 0.012),
        h * 0.012,
        [150, 70, 70],
        alpha,
    );
    line(
        img,
        (cx, my + h * 0.012),
        (cx + mw, my),
        h * 0.012,
        [150, 70, 70],
        alpha,
    );
    if face.beard {
        fill_ellipse(
            img,
            cx,
            head_cy + hy * 0.75,
            hx * 0.7,
            hy * 0.3,
            shade(hair, 1.0),
            alpha * 0.85,
        );
    }
}

/// Fills the page with a guilloche-like background: fine interlaced sine curves over a tint
/// that shifts across the page.
fn guilloche(img: &mut RgbImage, area: Rect, rng: &mut Rng) {
    let (f1, f2, f3) = (
        0.031 + rng.unit() * 0.01,
        0.017 + rng.unit() * 0.008,
        0.023 + rng.unit() * 0.01,
    );
    let (a1, a2) = (18.0 + rng.unit() * 10.0, 14.0 + rng.unit() * 10.0);
    for y in area.y as u32..(area.y + area.h) as u32 {
        for x in area.x as u32..(area.x + area.w) as u32 {
            let (fx, fy) = (x as f64, y as f64);
            let t = (fx - area.x) / area.w;
            let base = [
                (226.0 + 14.0 * t) as u8,
                (236.0 - 6.0 * t) as u8,
                (228.0 + 6.0 * (1.0 - t)) as u8,
            ];
            img.put_pixel(x, y, Rgb(base));
            let v1 = ((fy + a1 * (fx * f2).sin()) * f1).sin();
            let v2 = ((fx + a2 * (fy * f3).sin()) * f1 * 0.8).sin();
            let d = (v1 * v2).abs();
            if d < 0.05 {
                blend(
                    img,
                    x as i64,
                    y as i64,
                    [120, 150, 170],
                    ((0.05 - d) * 14.0) as f32,
                );
            }
        }
    }
}

/// The emblem printed in ultraviolet-fluorescent ink: concentric rings around a sunburst.
fn uv_emblem(img: &mut RgbImage, cx: f64, cy: f64, r: f64) {
    for k in 0..3 {
        let rr = r * (1.0 - k as f64 * 0.22);
        for i in 0..360 {
            let t = i as f64 / 360.0 * std::f64::consts::TAU;
            fill_ellipse(
                img,
                cx + rr * t.cos(),
                cy + rr * t.sin(),
                2.0,
                2.0,
                [90, 240, 255],
                0.9,
            );
        }
    }
    // A sunburst of twelve rays inside the rings.
    for i in 0..12 {
        let t = i as f64 / 12.0 * std::f64::consts::TAU;
        line(
            img,
            (cx + r * 0.12 * t.cos(), cy + r * 0.12 * t.sin()),
            (cx + r * 0.5 * t.cos(), cy + r * 0.5 * t.sin()),
            3.0,
            [255, 120, 230],
            0.9,
        );
    }
}

fn human_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let m: usize = iso[5..7].parse().unwrap_or(1);
    format!("{} {} {}", &iso[8..10], MONTHS[(m + 11) % 12], &iso[0..4])
}

/// Generates specimen `index` of the run with `seed`, with `defects` (a TD3 page unless
/// `layout` says otherwise). The same arguments always give the same specimen.
pub fn generate(seed: u64, index: u32, layout: Layout, defects: &[Defect]) -> Specimen {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(u64::from(index)));
    let font = FontRef::try_from_slice(FONT).expect("the bundled font is valid");
    let h = holder(&mut rng);
    let face = random_face(&mut rng);
    let mut mrz = mrz_of(layout, &h);
    let mut printed = h.clone();
    let mut regions: Vec<KeyRegion> = Vec::new();
    // Data changed on the visual zone.
    if defects.contains(&Defect::NameMismatch) {
        let mut s: Vec<char> = printed.surname.chars().collect();
        let i = 1 + rng.below(s.len() as u64 - 2) as usize;
        s[i] = if s[i] == 'A' { 'E' } else { 'A' };
        printed.surname = s.into_iter().collect();
    }
    if defects.contains(&Defect::DateMismatch) {
        let day: u32 = printed.birth[8..10].parse().unwrap_or(1);
        let new_day = if day >= 28 { day - 10 } else { day + 1 };
        printed.birth = format!("{}{:02}", &printed.birth[..8], new_day);
    }
    if defects.contains(&Defect::NumberMismatch) {
        let mut n: Vec<char> = printed.number.chars().collect();
        let i = 2 + rng.below(7) as usize;
        let d = n[i].to_digit(10).unwrap_or(0);
        n[i] = char::from_digit((d + 3) % 10, 10).unwrap_or('0');
        printed.number = n.into_iter().collect();
    }
    let altered_expiry = defects.contains(&Defect::AlteredDigit).then(|| {
        // The last digit of the expiry year, changed by one to three years.
        let y: i32 = printed.expiry[0..4].parse().unwrap_or(2030);
        // Only the last digit changes (no carry into the decade).
        let last = y % 10;
        let step = 1 + rng.below(3) as i32;
        let new_last = if last + step <= 9 {
            last + step
        } else {
            (last - step).max(0)
        };
        let new_year = y - last + new_last;
        printed.expiry = format!("{new_year:04}{}", &printed.expiry[4..]);
        // Which character of the printed date ("DD MON YYYY") changed.
        10usize
    });
    // MRZ check digit altered.
    let wrong_digit = defects.contains(&Defect::WrongCheckDigit).then(|| {
        let (line, col) = match layout {
            Layout::Td3 => (1usize, *rng.pick(&[9usize, 19, 27])),
            Layout::Td1 => (*rng.pick(&[0usize, 1]), 0),
        };
        let col = match (layout, line) {
            (Layout::Td1, 0) => 14,
            (Layout::Td1, _) => *rng.pick(&[6usize, 14]),
            _ => col,
        };
        let mut chars: Vec<char> = mrz[line].chars().collect();
        let d = chars[col].to_digit(10).unwrap_or(0);
        chars[col] = char::from_digit((d + 1 + rng.below(8) as u32) % 10, 10).unwrap_or('0');
        mrz[line] = chars.into_iter().collect();
        (line, col)
    });

    // Page geometry.
    let (pw, ph) = match layout {
        Layout::Td3 => (1250u32, 880u32),
        Layout::Td1 => (856u32, 1140u32),
    };
    let mut page = RgbImage::from_pixel(pw, ph, Rgb([250, 250, 248]));
    let card_h = 540.0;
    let front = Rect {
        x: 0.0,
        y: 0.0,
        w: f64::from(pw),
        h: if layout == Layout::Td1 {
            card_h
        } else {
            f64::from(ph)
        },
    };
    guilloche(&mut page, front, &mut rng);
    let back = (layout == Layout::Td1).then(|| Rect {
        x: 0.0,
        y: card_h + 60.0,
        w: f64::from(pw),
        h: card_h,
    });
    if let Some(b) = back {
        fill_rect(
            &mut page,
            Rect {
                x: 0.0,
                y: card_h,
                w: f64::from(pw),
                h: 60.0,
            },
            [255, 255, 255],
            1.0,
        );
        guilloche(&mut page, b, &mut rng);
    }
    let ink = [25, 30, 45];
    let label_ink = [70, 90, 120];
    let s = |size: f32| Style::new(size, ink);
    let l = |size: f32| Style::new(size, label_ink);
    let (k, title_size, field, label) = match layout {
        Layout::Td3 => (1.0, 34.0, 27.0, 15.0),
        Layout::Td1 => (0.68, 26.0, 21.0, 12.0),
    };
    // Header.
    text(
        &mut page,
        &font,
        "REPUBLIC OF UTOPIA",
        40.0 * k,
        22.0 * k,
        Style {
            bold: true,
            ..s(title_size)
        },
    );
    let doc_title = if layout == Layout::Td3 {
        "PASSPORT / PASSEPORT"
    } else {
        "IDENTITY CARD / CARTE D'IDENTITÉ"
    };
    text(
        &mut page,
        &font,
        doc_title,
        40.0 * k,
        64.0 * k,
        l(label + 4.0),
    );
    // Portrait and ghost image.
    let portrait = Rect {
        x: 40.0 * k,
        y: 120.0 * k,
        w: 300.0 * k,
        h: 380.0 * k,
    };
    let substituted = defects.contains(&Defect::SubstitutedPortrait);
    let shown_face = if substituted {
        look_alike(&face, &mut rng)
    } else {
        face
    };
    draw_face(&mut page, &shown_face, portrait, [214, 222, 230], 1.0);
    let ghost = Rect {
        x: f64::from(pw) - 210.0 * k,
        y: 150.0 * k,
        w: 150.0 * k,
        h: 190.0 * k,
    };
    draw_face(&mut page, &face, ghost, [235, 238, 240], 0.35);
    if substituted {
        // The new photo's edge: a lifted laminate line and a slight shadow.
        line(
            &mut page,
            (portrait.x - 3.0, portrait.y + portrait.h + 3.0),
            (portrait.x + portrait.w + 4.0, portrait.y + portrait.h + 2.0),
            2.0,
            [120, 120, 120],
            0.8,
        );
        line(
            &mut page,
            (portrait.x + portrait.w + 3.0, portrait.y - 2.0),
            (portrait.x + portrait.w + 4.0, portrait.y + portrait.h + 2.0),
            2.0,
            [120, 120, 120],
            0.8,
        );
    }
    // Visual zone.
    let col1 = portrait.x + portrait.w + 40.0 * k;
    let col2 = col1 + 330.0 * k;
    let row = |i: f64| 120.0 * k + i * 66.0 * k;
    let mut field_at: Vec<(&str, Rect)> = Vec::new();
    let mut put = |page: &mut RgbImage,
                   name: &'static str,
                   lab: &str,
                   value: &str,
                   x: f64,
                   y: f64,
                   st: Style| {
        text(page, &font, lab, x, y, l(label));
        let w = text(page, &font, value, x, y + label as f64 + 4.0 * k, st);
        field_at.push((
            name,
            Rect {
                x: x - 6.0,
                y: y + label as f64,
                w: w + 12.0,
                h: field as f64 + 14.0 * k,
            },
        ));
    };
    put(
        &mut page,
        "type",
        "Type / Type",
        if layout == Layout::Td3 { "P" } else { "ID" },
        col1,
        row(0.0),
        s(field),
    );
    put(
        &mut page,
        "code",
        "Code / Code",
        "UTO",
        col1 + 170.0 * k,
        row(0.0),
        s(field),
    );
    put(
        &mut page,
        "number",
        "Document No. / N° du document",
        &printed.number,
        col2,
        row(0.0),
        s(field),
    );
    put(
        &mut page,
        "surname",
        "Surname / Nom",
        &printed.surname,
        col1,
        row(1.0),
        s(field),
    );
    let given_style = if defects.contains(&Defect::WrongFont) {
        Style {
            stretch: 1.28,
            bold: true,
            ..s(field - 1.0)
        }
    } else {
        s(field)
    };
    put(
        &mut page,
        "given_names",
        "Given names / Prénoms",
        &printed.given_names,
        col1,
        row(2.0),
        given_style,
    );
    put(
        &mut page,
        "nationality",
        "Nationality / Nationalité",
        "UTOPIAN",
        col1,
        row(3.0),
        s(field),
    );
    put(
        &mut page,
        "birth",
        "Date of birth / Date de naissance",
        &human_date(&printed.birth),
        col1,
        row(4.0),
        s(field),
    );
    put(
        &mut page,
        "sex",
        "Sex / Sexe",
        &printed.sex.to_string(),
        col2,
        row(4.0),
        s(field),
    );
    put(
        &mut page,
        "place",
        "Place of birth / Lieu de naissance",
        &printed.place,
        col1,
        row(5.0),
        s(field),
    );
    put(
        &mut page,
        "issue",
        "Date of issue / Date de délivrance",
        &human_date(&printed.issue),
        col1,
        row(6.0),
        s(field),
    );
    put(
        &mut page,
        "expiry",
        "Date of expiry / Date d'expiration",
        &human_date(&printed.expiry),
        col2,
        row(6.0),
        s(field),
    );
    let expiry_rect = field_at
        .iter()
        .find(|(n, _)| *n == "expiry")
        .map(|(_, r)| *r)
        .unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            w: 1.0,
            h: 1.0,
        });
    if altered_expiry.is_some() {
        // Erasure halo and a re-drawn digit in a slightly different ink, a little off line.
        let cell = expiry_rect.w / 11.0;
        let dx = expiry_rect.x + 6.0 + cell * 9.6;
        let halo = Rect {
            x: dx - 4.0,
            y: expiry_rect.y + 2.0,
            w: cell * 1.6,
            h: expiry_rect.h - 4.0,
        };
        fill_rect(&mut page, halo, [246, 246, 240], 0.75);
        let digit = printed.expiry[3..4].to_owned();
        text(
            &mut page,
            &font,
            &digit,
            dx,
            expiry_rect.y + 6.0 + 2.0 * k,
            Style::new(field, [40, 50, 90]),
        );
    }
    // MRZ.
    let (mrz_size, cell) = match layout {
        Layout::Td3 => (30.0f32, 26.6f32),
        Layout::Td1 => (30.0, 26.0),
    };
    let mrz_top = match layout {
        Layout::Td3 => f64::from(ph) - 130.0,
        Layout::Td1 => card_h + 60.0 + card_h - 170.0,
    };
    let mrz_left = match layout {
        Layout::Td3 => 40.0,
        Layout::Td1 => 38.0,
    };
    fill_rect(
        &mut page,
        Rect {
            x: 0.0,
            y: mrz_top - 18.0,
            w: f64::from(pw),
            h: f64::from(ph) - mrz_top + 18.0,
        },
        [250, 250, 246],
        0.85,
    );
    for (i, m) in mrz.iter().enumerate() {
        text(
            &mut page,
            &font,
            m,
            mrz_left,
            mrz_top + i as f64 * 46.0,
            Style {
                cell: Some(cell),
                ..Style::new(mrz_size, [10, 10, 10])
            },
        );
    }
    let mrz_cell = |line: usize, col: usize| Rect {
        x: mrz_left + col as f64 * f64::from(cell) - 4.0,
        y: mrz_top + line as f64 * 46.0 - 4.0,
        w: f64::from(cell) + 8.0,
        h: 44.0,
    };
    if let Some(b) = back {
        text(
            &mut page,
            &font,
            "Authority / Autorité: UTOPIA NATIONAL REGISTRY",
            40.0,
            b.y + 40.0,
            l(label + 2.0),
        );
        text(
            &mut page,
            &font,
            &format!("Place of birth: {}", printed.place),
            40.0,
            b.y + 80.0,
            s(field),
        );
    }

    // Answer key regions.
    let find = |n: &str| {
        field_at
            .iter()
            .find(|(f, _)| *f == n)
            .map(|(_, r)| *r)
            .unwrap_or(Rect {
                x: 0.0,
                y: 0.0,
                w: 1.0,
                h: 1.0,
            })
    };
    let mut add = |anomaly: bool, kind: &str, rect: Rect, label: &str, explanation: String| {
        let id = format!("r{}", regions.len() + 1);
        regions.push(KeyRegion {
            id,
            rect,
            anomaly,
            kind: kind.to_owned(),
            label: label.to_owned(),
            explanation,
        });
    };
    if let Some((line_no, col)) = wrong_digit {
        let given = mrz[line_no].chars().nth(col).unwrap_or('?');
        add(
            true,
            "check_digit",
            mrz_cell(line_no, col),
            "MRZ check digit",
            format!(
                "The check digit at line {}, position {} reads {given}; computed over its field with weights 7, 3, 1 it should be different. A wrong check digit means the MRZ was retyped or altered.",
                line_no + 1,
                col + 1
            ),
        );
    }
    if defects.contains(&Defect::NameMismatch) {
        add(
            true,
            "viz_mrz_mismatch",
            find("surname"),
            "Surname differs from the MRZ",
            format!(
                "The visual zone reads {} but the MRZ reads {}. The data page was altered or the MRZ belongs to another page.",
                printed.surname, h.surname
            ),
        );
    }
    if defects.contains(&Defect::DateMismatch) {
        add(
            true,
            "viz_mrz_mismatch",
            find("birth"),
            "Date of birth differs from the MRZ",
            format!(
                "The visual zone gives {} but the MRZ encodes {} ({}).",
                human_date(&printed.birth),
                yymmdd(&h.birth),
                human_date(&h.birth)
            ),
        );
    }
    if defects.contains(&Defect::NumberMismatch) {
        add(
            true,
            "viz_mrz_mismatch",
            find("number"),
            "Document number differs from the MRZ",
            format!(
                "The visual zone reads {} but the MRZ reads {}.",
                printed.number, h.number
            ),
        );
    }
    if altered_expiry.is_some() {
        add(
            true,
            "altered_data",
            expiry_rect,
            "Altered expiry date",
            format!(
                "One digit of the expiry year was erased and redrawn: the paper is lighter around it, the ink colour differs and the digit sits off the line. The MRZ still gives {}.",
                human_date(&h.expiry)
            ),
        );
    }
    if substituted {
        add(true, "photo_substitution", portrait, "Substituted portrait", "The portrait does not match the ghost image (face width, eye spacing) and the laminate is lifted along its edge: the photo was replaced.".to_owned());
    }
    if defects.contains(&Defect::WrongFont) {
        add(true, "font", find("given_names"), "Given names in another typeface", "The given names are wider and heavier than every other field: they were printed separately, in a different typeface.".to_owned());
    }
    add(false, "ovd", ghost, "Ghost image", "A second, faded portrait printed by the issuer. Compare it with the main portrait: they must show the same person.".to_owned());
    add(
        false,
        "guilloche",
        Rect {
            x: f64::from(pw) * 0.55,
            y: 10.0,
            w: f64::from(pw) * 0.4,
            h: 90.0 * k,
        },
        "Guilloche background",
        "Fine interlaced lines printed across the page; continuous and sharp on a genuine page."
            .to_owned(),
    );

    // Ultraviolet: dull paper, fluorescent emblem and fibres, glowing number; a counterfeit
    // (missing UV) has bright paper and no emblem.
    let missing_uv = defects.contains(&Defect::MissingUv);
    let mut uv = RgbImage::from_pixel(
        pw,
        ph,
        if missing_uv {
            Rgb([120, 130, 210])
        } else {
            Rgb([22, 20, 52])
        },
    );
    let mut fibres = Rng::new(seed ^ u64::from(index) ^ 0xF1B2);
    for _ in 0..140 {
        let (x, y) = (fibres.unit() * f64::from(pw), fibres.unit() * f64::from(ph));
        let a = fibres.unit() * std::f64::consts::PI;
        let c = *fibres.pick(&[[255, 230, 60], [255, 80, 80], [80, 200, 255]]);
        if !missing_uv {
            line(
                &mut uv,
                (x, y),
                (x + 14.0 * a.cos(), y + 14.0 * a.sin()),
                1.6,
                c,
                0.9,
            );
        }
    }
    let emblem = (front.w * 0.72, front.h * 0.62, 90.0 * k);
    if !missing_uv {
        uv_emblem(&mut uv, emblem.0, emblem.1, emblem.2);
        text(
            &mut uv,
            &font,
            &h.number,
            col2,
            row(0.0) + label as f64 + 4.0 * k,
            Style::new(field, [255, 200, 60]),
        );
    }
    draw_face(&mut uv, &shown_face, portrait, [30, 28, 60], 0.35);
    if missing_uv {
        add(true, "uv_feature", Rect { x: emblem.0 - emblem.2, y: emblem.1 - emblem.2, w: emblem.2 * 2.0, h: emblem.2 * 2.0 }, "UV emblem missing", "Under ultraviolet light the page should stay dull, with the fluorescent national emblem and fibres. Here the paper glows bright blue (optical brighteners of ordinary paper) and the emblem is absent: a counterfeit.".to_owned());
    }

    // Infrared: only the carbon-based personal data, portrait and MRZ remain.
    let mut ir = RgbImage::from_pixel(pw, ph, Rgb([205, 205, 205]));
    for (name, r) in &field_at {
        if matches!(
            *name,
            "number" | "surname" | "given_names" | "birth" | "expiry"
        ) {
            for y in r.y as u32..(r.y + r.h).min(f64::from(ph)) as u32 {
                for x in r.x.max(0.0) as u32..(r.x + r.w).min(f64::from(pw)) as u32 {
                    let p = page.get_pixel(x, y).0;
                    let dark = p.iter().map(|v| u32::from(*v)).sum::<u32>() < 300;
                    if dark {
                        ir.put_pixel(x, y, Rgb([40, 40, 40]));
                    }
                }
            }
        }
    }
    if altered_expiry.is_some() {
        // The redrawn digit was written in an ink that vanishes in infrared.
        let cell = expiry_rect.w / 11.0;
        fill_rect(
            &mut ir,
            Rect {
                x: expiry_rect.x + 6.0 + cell * 9.6 - 2.0,
                y: expiry_rect.y,
                w: cell * 1.3,
                h: expiry_rect.h,
            },
            [205, 205, 205],
            1.0,
        );
    }
    for y in (mrz_top - 10.0) as u32..(mrz_top + mrz.len() as f64 * 46.0) as u32 {
        for x in 0..pw {
            if y < ph && page.get_pixel(x, y).0[0] < 90 {
                ir.put_pixel(x, y, Rgb([20, 20, 20]));
            }
        }
    }
    for y in portrait.y as u32..(portrait.y + portrait.h) as u32 {
        for x in portrait.x as u32..(portrait.x + portrait.w) as u32 {
            let p = page.get_pixel(x, y).0;
            let g = (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
            ir.put_pixel(x, y, Rgb([g as u8; 3]));
        }
    }

    let viz = vec![
        ("surname".to_owned(), printed.surname.clone()),
        ("given_names".to_owned(), printed.given_names.clone()),
        ("document_number".to_owned(), printed.number.clone()),
        ("nationality".to_owned(), "UTO".to_owned()),
        ("birth_date".to_owned(), printed.birth.clone()),
        ("sex".to_owned(), printed.sex.to_string()),
        ("expiry_date".to_owned(), printed.expiry.clone()),
    ];
    Specimen {
        layout,
        holder: h,
        mrz,
        viz,
        defects: defects.to_vec(),
        visible: page,
        uv,
        ir,
        face,
        regions,
    }
}

/// A photo of a person (the bearer at the counter): `face` against a plain wall.
pub fn bearer_photo(face: &Face, seed: u64) -> RgbImage {
    let mut rng = Rng::new(seed ^ 0xBEA2);
    let wall = [
        200 + rng.below(40) as u8,
        200 + rng.below(30) as u8,
        190 + rng.below(40) as u8,
    ];
    let mut img = RgbImage::from_pixel(480, 600, Rgb(wall));
    draw_face(
        &mut img,
        face,
        Rect {
            x: 40.0,
            y: 60.0,
            w: 400.0,
            h: 500.0,
        },
        wall,
        1.0,
    );
    img
}

/// Defects for specimen `index` of a run: a fifth are genuine, the rest carry one or two.
pub fn defects_for(seed: u64, index: u32) -> Vec<Defect> {
    let mut rng = Rng::new(seed ^ 0x00DE_FEC7 ^ u64::from(index).wrapping_mul(7919));
    if rng.below(5) == 0 {
        return Vec::new();
    }
    let first = *rng.pick(&Defect::ALL);
    let mut out = vec![first];
    if rng.below(3) == 0 {
        let second = *rng.pick(&Defect::ALL);
        if second != first {
            out.push(second);
        }
    }
    out
}

/// Encodes an image as PNG (deterministic for the same pixels).
pub fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("PNG encoding into memory");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_mrzs_pass_the_mrz_engine() {
        for i in 0..20 {
            for layout in [Layout::Td3, Layout::Td1] {
                let s = generate(7, i, layout, &[]);
                let lines: Vec<&str> = s.mrz.iter().map(String::as_str).collect();
                let read = assessments::mrz::check(&lines, 2026).expect("readable");
                assert!(read.valid(), "{:?}: {:?} {:?}", layout, s.mrz, read.errors);
                assert_eq!(read.fields["document_number"], s.holder.number);
                assert_eq!(read.fields["surname"], s.holder.surname);
            }
        }
    }

    #[test]
    fn a_wrong_check_digit_is_caught_by_the_engine_and_keyed() {
        for i in 0..10 {
            let s = generate(11, i, Layout::Td3, &[Defect::WrongCheckDigit]);
            let lines: Vec<&str> = s.mrz.iter().map(String::as_str).collect();
            let read = assessments::mrz::check(&lines, 2026).expect("readable");
            assert!(!read.valid());
            assert!(
                s.regions
                    .iter()
                    .any(|r| r.anomaly && r.kind == "check_digit")
            );
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_pixels() {
        let a = generate(
            42,
            3,
            Layout::Td1,
            &[Defect::AlteredDigit, Defect::MissingUv],
        );
        let b = generate(
            42,
            3,
            Layout::Td1,
            &[Defect::AlteredDigit, Defect::MissingUv],
        );
        assert!(a.visible == b.visible && a.uv == b.uv && a.ir == b.ir);
        assert_eq!(png(&a.visible), png(&b.visible));
        let c = generate(43, 3, Layout::Td1, &[Defect::AlteredDigit]);
        assert!(a.visible != c.visible);
    }

    #[test]
    fn every_defect_is_keyed_inside_the_image() {
        for d in Defect::ALL {
            for layout in [Layout::Td3, Layout::Td1] {
                let s = generate(5, 1, layout, &[d]);
                let (w, h) = (f64::from(s.visible.width()), f64::from(s.visible.height()));
                let keyed: Vec<_> = s.regions.iter().filter(|r| r.anomaly).collect();
                assert_eq!(keyed.len(), 1, "{d:?} {layout:?}");
                assert_eq!(keyed[0].kind, d.kind());
                for r in &s.regions {
                    assert!(
                        r.rect.x >= 0.0
                            && r.rect.y >= 0.0
                            && r.rect.x + r.rect.w <= w
                            && r.rect.y + r.rect.h <= h,
                        "{d:?} {layout:?} {r:?}"
                    );
                }
            }
        }
    }
}
