//! Specimen generator: fictional Utopia (`UTO`) passport data pages (TD3), identity cards
//! (TD1, front and back), residence permits (TD2) and visa foils (MRV-A) with a drawn portrait,
//! a guilloche-like background, an optically variable device, the visual zone and a correct
//! machine-readable zone, seen under visible, ultraviolet and infrared light; chosen defects
//! are injected and written down as exercise regions (the answer key).
//!
//! Everything is drawn from a seed with a small deterministic generator and integer-exact
//! steps, so the same seed gives byte-identical images on every machine. Text is set in the
//! bundled DejaVu Sans (openly licensed, see `fonts/LICENSE-DejaVu.txt`).
//!
//! The types and the seeded generator are here; [`holders`] makes people and their MRZ,
//! `draw` holds the drawing primitives, [`page`] draws one specimen under each light.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{Rgb, RgbImage};
use serde::{Deserialize, Serialize};

mod draw;
mod holders;
mod page;
use draw::*;
pub use holders::*;
pub use page::*;

/// DejaVu Sans, which the specimens are drawn in; the PDF writer also falls back on it for
/// symbols (arrows, check marks, shapes) the Noto faces lack.
pub const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// A document layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Passport data page (ID-3 size, two 44-character MRZ lines).
    Td3,
    /// Identity card, front above back (ID-1 size, three 30-character MRZ lines).
    Td1,
    /// Residence permit card issued by Utopia to a foreign national (ID-2 size, two
    /// 36-character MRZ lines, document code `IR`).
    Td2,
    /// Visa foil issued by Utopia to a foreign national (MRV-A, two 44-character MRZ lines
    /// starting `V<`, no composite check digit).
    #[serde(rename = "mrv_a")]
    MrvA,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 4] = [Layout::Td3, Layout::Td1, Layout::Td2, Layout::MrvA];

    /// Its name on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Layout::Td3 => "td3",
            Layout::Td1 => "td1",
            Layout::Td2 => "td2",
            Layout::MrvA => "mrv_a",
        }
    }

    /// The layout named `code`.
    pub fn from_code(code: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Whether the holder is a foreign national of a neighbouring state (permits and visas)
    /// rather than a Utopian.
    pub fn foreign_holder(self) -> bool {
        matches!(self, Layout::Td2 | Layout::MrvA)
    }
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
    /// The background is printed as a halftone screen of dots (office or commercial four-colour
    /// printing) instead of continuous fine lines.
    ScreenedBackground,
    /// The passport's data page was taken from another passport and sewn in: the
    /// laser-perforated number through the page no longer matches the printed number, and the
    /// stitching at the fold is irregular. Data pages (TD3) only.
    PageSubstitution,
    /// The laminate (or a visa foil) was lifted to reach the data beneath and laid back: a
    /// raised edge, trapped air and a cut along the portrait. Not on polycarbonate cards (TD1).
    LaminateLifting,
    /// The diffractive optically variable device is imitated with flat metallic ink: no
    /// colour change, no movement.
    MissingOvd,
}

impl Defect {
    /// Every defect.
    pub const ALL: [Defect; 12] = [
        Defect::WrongCheckDigit,
        Defect::NameMismatch,
        Defect::DateMismatch,
        Defect::NumberMismatch,
        Defect::AlteredDigit,
        Defect::SubstitutedPortrait,
        Defect::MissingUv,
        Defect::WrongFont,
        Defect::ScreenedBackground,
        Defect::PageSubstitution,
        Defect::LaminateLifting,
        Defect::MissingOvd,
    ];

    /// The defects [`defects_for`] draws from (the first part of the course, whose shipped
    /// exercises stay as they were when later defects were added).
    pub const CLASSIC: [Defect; 9] = [
        Defect::WrongCheckDigit,
        Defect::NameMismatch,
        Defect::DateMismatch,
        Defect::NumberMismatch,
        Defect::AlteredDigit,
        Defect::SubstitutedPortrait,
        Defect::MissingUv,
        Defect::WrongFont,
        Defect::ScreenedBackground,
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
            Defect::ScreenedBackground => "printing_method",
            Defect::PageSubstitution => "page_substitution",
            Defect::LaminateLifting => "laminate",
            Defect::MissingOvd => "ovd",
        }
    }

    /// Whether the defect can be drawn on `layout`: a page is substituted only in a passport,
    /// and a polycarbonate card has no laminate to lift.
    pub fn applies_to(self, layout: Layout) -> bool {
        match self {
            Defect::PageSubstitution => layout == Layout::Td3,
            Defect::LaminateLifting => layout != Layout::Td1,
            _ => true,
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
            Defect::ScreenedBackground => "screened_background",
            Defect::PageSubstitution => "page_substitution",
            Defect::LaminateLifting => "laminate_lifting",
            Defect::MissingOvd => "missing_ovd",
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
    /// Nationality and issuing state (ICAO code); documents issued before states other than
    /// Utopia were drawn carry none and are Utopian.
    #[serde(default = "utopian")]
    pub nationality: String,
}

fn utopian() -> String {
    UTOPIA.code.to_string()
}

/// The state that issued a document, as its pages print it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issuer {
    /// ICAO code, written in the MRZ and the code field.
    pub code: &'static str,
    /// The state's name in the page's header.
    pub state: &'static str,
    /// The nationality field.
    pub nationality: &'static str,
    /// The issuing authority on an identity card's back.
    pub authority: &'static str,
}

/// ICAO's fictional state, whose documents the specimen generator draws by default.
pub const UTOPIA: Issuer = Issuer {
    code: "UTO",
    state: "REPUBLIC OF UTOPIA",
    nationality: "UTOPIAN",
    authority: "UTOPIA NATIONAL REGISTRY",
};

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

/// Defects for specimen `index` of a run: a fifth are genuine, the rest carry one or two of
/// [`Defect::CLASSIC`].
pub fn defects_for(seed: u64, index: u32) -> Vec<Defect> {
    let mut rng = Rng::new(seed ^ 0x00DE_FEC7 ^ u64::from(index).wrapping_mul(7919));
    if rng.below(5) == 0 {
        return Vec::new();
    }
    let first = *rng.pick(&Defect::CLASSIC);
    let mut out = vec![first];
    if rng.below(3) == 0 {
        let second = *rng.pick(&Defect::CLASSIC);
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
mod tests;
