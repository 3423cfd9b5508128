//! Lines of text turned into positioned glyphs for the PDF writer: the Unicode bidirectional
//! algorithm (`unicode-bidi`) orders the line's runs for display, each run is set in the face
//! that covers its script, and `rustybuzz` shapes it (Arabic letters joined in their contextual
//! forms, lam-alef ligatures, marks placed over their letters, kerning).
//!
//! The faces are bundled in `content/fonts/` under the SIL Open Font License: Noto Sans (Latin,
//! Greek, Cyrillic, Vietnamese) and Noto Naskh Arabic, each in regular and bold; DejaVu Sans
//! (the specimens' face) fills in the symbols they lack, such as arrows and check marks.
//!
//! Every glyph carries the logical text it stands for, so a PDF reader can copy and search the
//! text as typed (see `pdf.rs`, which writes the ToUnicode maps).

use super::ttf;
use std::ops::Range;
use std::sync::LazyLock;
use unicode_bidi::BidiInfo;

/// One of the bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Noto Sans Regular.
    Sans,
    /// Noto Sans Bold.
    SansBold,
    /// Noto Naskh Arabic Regular.
    Naskh,
    /// Noto Naskh Arabic Bold.
    NaskhBold,
    /// DejaVu Sans, for symbols the Noto faces lack (arrows, check marks, shapes).
    Symbols,
}

impl Face {
    /// Every face, in the order of their PDF resource names (`/F1` … `/F5`).
    pub const ALL: [Face; 5] = [
        Face::Sans,
        Face::SansBold,
        Face::Naskh,
        Face::NaskhBold,
        Face::Symbols,
    ];

    /// The face's PostScript-style name, as a PDF font name.
    pub fn name(self) -> &'static str {
        match self {
            Face::Sans => "NotoSans-Regular",
            Face::SansBold => "NotoSans-Bold",
            Face::Naskh => "NotoNaskhArabic-Regular",
            Face::NaskhBold => "NotoNaskhArabic-Bold",
            Face::Symbols => "DejaVuSans",
        }
    }

    /// The face's PDF resource name.
    pub fn resource(self) -> &'static str {
        match self {
            Face::Sans => "F1",
            Face::SansBold => "F2",
            Face::Naskh => "F3",
            Face::NaskhBold => "F4",
            Face::Symbols => "F5",
        }
    }

    fn data(self) -> &'static [u8] {
        match self {
            Face::Sans => include_bytes!("../../../../content/fonts/NotoSans-Regular.ttf"),
            Face::SansBold => include_bytes!("../../../../content/fonts/NotoSans-Bold.ttf"),
            Face::Naskh => include_bytes!("../../../../content/fonts/NotoNaskhArabic-Regular.ttf"),
            Face::NaskhBold => include_bytes!("../../../../content/fonts/NotoNaskhArabic-Bold.ttf"),
            Face::Symbols => content::specimens::FONT,
        }
    }

    fn index(self) -> usize {
        match self {
            Face::Sans => 0,
            Face::SansBold => 1,
            Face::Naskh => 2,
            Face::NaskhBold => 3,
            Face::Symbols => 4,
        }
    }

    /// The face's tables, for widths and subsetting.
    pub fn font(self) -> &'static ttf::Font<'static> {
        &loaded()[self.index()].0
    }

    fn shaper(self) -> &'static rustybuzz::Face<'static> {
        &loaded()[self.index()].1
    }
}

type Loaded = (ttf::Font<'static>, rustybuzz::Face<'static>);

fn loaded() -> &'static [Loaded; 5] {
    static FACES: LazyLock<[Loaded; 5]> = LazyLock::new(|| {
        Face::ALL.map(|face| {
            let data = face.data();
            (
                ttf::Font::parse(data).expect("the bundled fonts parse (checked by tests)"),
                rustybuzz::Face::from_slice(data, 0)
                    .expect("the bundled fonts parse (checked by tests)"),
            )
        })
    });
    &FACES
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Sans,
    Naskh,
}

impl Family {
    fn face(self, bold: bool) -> Face {
        match (self, bold) {
            (Family::Sans, false) => Face::Sans,
            (Family::Sans, true) => Face::SansBold,
            (Family::Naskh, false) => Face::Naskh,
            (Family::Naskh, true) => Face::NaskhBold,
        }
    }

    fn other(self) -> Family {
        match self {
            Family::Sans => Family::Naskh,
            Family::Naskh => Family::Sans,
        }
    }
}

/// A glyph placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The face it is drawn in.
    pub face: Face,
    /// Its id in that face.
    pub id: u16,
    /// Where its origin sits, in ems from the start of the line (left edge).
    pub x: f32,
    /// How far it is raised above the baseline, in ems (marks over letters).
    pub rise: f32,
    /// The text it stands for; empty for the second and later glyphs of a character drawn
    /// with several. A right-to-left ligature's characters are stored in reverse, the order in
    /// which a text extractor expects them under one glyph.
    pub text: String,
}

/// A shaped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The glyphs from left to right.
    pub glyphs: Vec<Glyph>,
    /// Letters drawn with raised marks: the glyphs (by index) and the text they stand for,
    /// which the PDF gives as their actual text — extractors cut a line wherever a glyph sits
    /// off the baseline, so a vowelled Arabic word would otherwise come out in pieces. A
    /// right-to-left letter's text is stored reversed, as for ligatures.
    pub spans: Vec<(Range<usize>, String)>,
    /// The line's advance width, in ems.
    pub width: f32,
}

use assessments::text::is_direction_control;

fn is_arabic(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF
    )
}

/// The family a character asks for, or `None` for characters that take their neighbours'
/// (spaces, digits, punctuation, combining marks).
fn family_of(c: char) -> Option<Family> {
    if is_arabic(c) {
        Some(Family::Naskh)
    } else if c.is_alphabetic() {
        Some(Family::Sans)
    } else {
        None
    }
}

/// `text` laid out as one line: control and direction-changing characters dropped, runs
/// ordered by the bidirectional algorithm (base direction from the first strong character),
/// each run shaped in its face.
pub fn shape(text: &str, bold: bool) -> Line {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() && !is_direction_control(*c))
        .collect();
    if clean.is_empty() {
        return Line::default();
    }
    let faces = faces_of(&clean, bold);
    let bidi = BidiInfo::new(&clean, None);
    let mut line = Line::default();
    let mut pen = 0.0f32;
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let mut pieces = same_face_pieces(&clean, run, &faces);
            if rtl {
                pieces.reverse();
            }
            for (face, range) in pieces {
                pen = shape_piece(&clean[range], face, rtl, pen, &mut line);
            }
        }
    }
    line.width = pen;
    line
}

/// The face of each character of `text` (by byte offset of its start).
fn faces_of(text: &str, bold: bool) -> Vec<(usize, Face)> {
    let mut current = text.chars().find_map(family_of).unwrap_or(Family::Sans);
    text.char_indices()
        .map(|(at, c)| {
            let wanted = family_of(c).unwrap_or(current);
            current = wanted;
            let covers =
                |face: Face| face.font().glyph(c) != 0 || face.shaper().glyph_index(c).is_some();
            let face = wanted.face(bold);
            let other = wanted.other().face(bold);
            let chosen = if covers(face) || c.is_whitespace() {
                face
            } else if covers(other) {
                other
            } else if covers(Face::Symbols) {
                Face::Symbols
            } else {
                face
            };
            (at, chosen)
        })
        .collect()
}

/// The run split where the face changes, in logical order.
fn same_face_pieces(
    text: &str,
    run: Range<usize>,
    faces: &[(usize, Face)],
) -> Vec<(Face, Range<usize>)> {
    let mut pieces: Vec<(Face, Range<usize>)> = Vec::new();
    for &(at, face) in faces.iter().filter(|(at, _)| run.contains(at)) {
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        match pieces.last_mut() {
            Some((f, r)) if *f == face => r.end = end,
            _ => pieces.push((face, at..end)),
        }
    }
    pieces
}

/// Shapes `piece` in `face` starting at `pen` (ems), appends its glyphs and returns the pen
/// after it.
fn shape_piece(piece: &str, face: Face, rtl: bool, mut pen: f32, out: &mut Line) -> f32 {
    let shaper = face.shaper();
    let em = f32::from(face.font().units_per_em);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(piece);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let shaped = rustybuzz::shape(shaper, &[], buffer);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let texts = glyph_texts(piece, infos, positions, rtl);
    let mut placed: Vec<(u32, bool, Glyph)> = Vec::with_capacity(infos.len());
    for ((info, pos), text) in infos.iter().zip(positions).zip(texts) {
        placed.push((
            info.cluster,
            pos.x_advance == 0,
            Glyph {
                face,
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                x: pen + pos.x_offset as f32 / em,
                rise: pos.y_offset as f32 / em,
                text,
            },
        ));
        pen += pos.x_advance as f32 / em;
    }
    // A letter is drawn before its marks (right to left, the shaper lists them the other way
    // round): positions are absolute, and extractors attach a mark to the letter drawn before it.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    for cluster in placed.chunk_by_mut(|a, b| a.0 == b.0) {
        cluster.sort_by_key(|(_, mark, _)| *mark);
        if cluster.len() > 1 && cluster.iter().any(|(_, _, g)| g.rise != 0.0) {
            let start = cluster[0].0 as usize;
            let end = starts
                .iter()
                .find(|s| **s > start)
                .copied()
                .unwrap_or(piece.len());
            let text = piece.get(start..end).unwrap_or_default();
            let text = if rtl {
                text.chars().rev().collect()
            } else {
                text.to_owned()
            };
            let first = out.glyphs.len();
            out.spans.push((first..first + cluster.len(), text));
        }
        out.glyphs
            .extend(cluster.iter().map(|(_, _, glyph)| glyph.clone()));
    }
    pen
}

/// The text each shaped glyph stands for. A cluster's text runs from its start to the next
/// cluster's; when it is a letter with marks drawn as one advancing glyph and one glyph per
/// mark, the letter goes to the first and each mark to its own (so every glyph maps to the
/// same text wherever it is drawn); otherwise the first advancing glyph stands for the whole
/// cluster and the others for nothing.
fn glyph_texts(
    piece: &str,
    infos: &[rustybuzz::GlyphInfo],
    positions: &[rustybuzz::GlyphPosition],
    rtl: bool,
) -> Vec<String> {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory as _};
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut texts = vec![String::new(); infos.len()];
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(piece.len());
        let text = piece.get(start..end).unwrap_or_default();
        let members: Vec<usize> = (0..infos.len())
            .filter(|i| infos[*i].cluster as usize == start)
            .collect();
        let (advancing, mut zero): (Vec<usize>, Vec<usize>) =
            members.iter().partition(|i| positions[**i].x_advance != 0);
        let mut chars = text.chars();
        let first = chars.next().map(String::from).unwrap_or_default();
        let rest: Vec<char> = chars.collect();
        let marks_only = rest
            .iter()
            .all(|c| c.general_category_group() == GeneralCategoryGroup::Mark);
        if rtl {
            zero.reverse();
        }
        match advancing.as_slice() {
            [base] if marks_only && rest.len() == zero.len() => {
                texts[*base] = first;
                for (glyph, mark) in zero.iter().zip(rest) {
                    texts[*glyph] = mark.to_string();
                }
            }
            _ => {
                let owner = advancing.first().or(members.first());
                if let Some(owner) = owner {
                    // Extractors spread a glyph's characters left to right under it and then
                    // reverse right-to-left runs: a ligature's letters are stored reversed so
                    // they come out in the order typed.
                    texts[*owner] = if rtl {
                        text.chars().rev().collect()
                    } else {
                        text.to_owned()
                    };
                }
            }
        }
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &Line) -> Vec<&str> {
        line.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn every_bundled_face_parses() {
        for face in Face::ALL {
            assert!(face.font().units_per_em > 0, "{face:?}");
            let letter = if face.name().contains("Naskh") {
                'ب'
            } else {
                'a'
            };
            assert_ne!(face.shaper().glyph_index(letter), None, "{face:?}");
        }
    }

    #[test]
    fn latin_text_is_one_glyph_per_letter_left_to_right() {
        let line = shape("Łukasz Nguyễn", false);
        assert!(line.glyphs.iter().all(|g| g.face == Face::Sans));
        assert_eq!(texts(&line).concat(), "Łukasz Nguyễn");
        assert!(line.glyphs.windows(2).all(|w| w[0].x < w[1].x));
        assert!(line.width > 5.0 && line.width < 9.0, "{}", line.width);
    }

    #[test]
    fn arabic_letters_take_their_joining_forms_right_to_left() {
        // The same letter beh isolated and inside a word is drawn with different glyphs.
        let alone = shape("ب", false);
        let joined = shape("ببب", false);
        assert_eq!(alone.glyphs.len(), 1);
        assert_eq!(joined.glyphs.len(), 3);
        assert!(joined.glyphs.iter().all(|g| g.face == Face::Naskh));
        let ids: Vec<u16> = joined.glyphs.iter().map(|g| g.id).collect();
        assert_ne!(ids[0], ids[1], "final and medial forms differ");
        assert_ne!(ids[1], ids[2], "medial and initial forms differ");
        assert!(
            !ids.contains(&alone.glyphs[0].id),
            "no isolated form inside a word"
        );
        // Right to left: the leftmost glyph is the last letter typed.
        assert_eq!(joined.glyphs[0].text, "ب");
    }

    #[test]
    fn lam_before_alef_takes_its_lam_alef_form() {
        let line = shape("لا", false);
        let lam_alone = shape("ل", false).glyphs[0].id;
        assert_eq!(
            texts(&line).concat(),
            "ال",
            "each glyph stands for its letter"
        );
        let lam = line.glyphs.iter().find(|g| g.text == "ل").unwrap();
        assert_ne!(lam.id, lam_alone);
    }

    #[test]
    fn a_mixed_line_keeps_each_script_in_its_face_and_order() {
        let line = shape("Certificate: محمد علي (2026)", true);
        let faces: Vec<Face> = line.glyphs.iter().map(|g| g.face).collect();
        assert_eq!(faces.first(), Some(&Face::SansBold));
        assert!(faces.contains(&Face::NaskhBold));
        // Left to right paragraph: the Latin word first, the Arabic words after it, each
        // Arabic word's letters right to left, and the Arabic words themselves right to left.
        let shown: String = texts(&line).concat();
        assert!(shown.starts_with("Certificate: "));
        assert!(shown.contains("يلع"), "{shown}");
        assert!(shown.find("يلع").unwrap() < shown.find("دمحم").unwrap());
        // Every character is drawn exactly once.
        let mut all: Vec<char> = shown.chars().collect();
        let mut typed: Vec<char> = "Certificate: محمد علي (2026)".chars().collect();
        all.sort_unstable();
        typed.sort_unstable();
        assert_eq!(all, typed);
    }

    #[test]
    fn a_right_to_left_override_does_not_reverse_the_line() {
        let plain = shape("Amira gnp.exe", false);
        let spoofed = shape("Amira \u{202E}gnp.exe", false);
        assert_eq!(texts(&plain).concat(), texts(&spoofed).concat());
        assert!(is_direction_control('\u{2067}'));
    }

    #[test]
    fn marks_sit_over_their_letter_and_map_to_themselves() {
        // Beh with fatha, yeh with sukun: each mark is its own raised glyph standing for the
        // mark alone, and the letter's glyph for the letter.
        let line = shape("بَيْت", false);
        let fatha = line.glyphs.iter().find(|g| g.text == "\u{64E}").unwrap();
        let sukun = line.glyphs.iter().find(|g| g.text == "\u{652}").unwrap();
        assert!(fatha.rise > 0.0 && sukun.rise != 0.0);
        for letter in ["ب", "ي", "ت"] {
            assert!(line.glyphs.iter().any(|g| g.text == letter), "{letter}");
        }
        let e = shape("e\u{0301}", false);
        assert_eq!(texts(&e).concat(), "e\u{0301}");
    }

    #[test]
    fn symbols_the_noto_faces_lack_come_from_dejavu() {
        let line = shape("Score ≥ 2.5 → ✓", false);
        for (glyph, c) in line
            .glyphs
            .iter()
            .filter(|g| g.text != " ")
            .zip("Score≥2.5→✓".chars())
        {
            assert_eq!(glyph.text, c.to_string());
            assert_ne!(glyph.id, 0, "{c} has a glyph");
            let symbol = matches!(c, '≥' | '→' | '✓');
            assert_eq!(glyph.face == Face::Symbols, symbol, "{c}");
        }
    }

    #[test]
    fn empty_and_control_only_text_is_an_empty_line() {
        assert_eq!(shape("", false), Line::default());
        assert_eq!(shape("\u{202E}\n\t", true), Line::default());
    }
}
