//! What a reader gets back from a PDF: text set in any script comes back as typed when
//! poppler's `pdftotext` (what people index and search documents with) extracts it.

use crate::helpers::pdf_lines;
use app::server::reports::pdf::{Font, Page};

fn page_of(lines: &[&str], weight: Font) -> Vec<u8> {
    let mut page = Page::new(842.0, 595.0);
    for (i, line) in lines.iter().enumerate() {
        page.text(
            40.0,
            550.0 - 40.0 * i as f32,
            line,
            weight,
            18.0,
            (0.0, 0.0, 0.0),
        );
    }
    page.finish("Lines")
}

#[test]
fn arabic_french_and_mixed_lines_come_back_as_typed() {
    // An Arabic page (vowel marks, shadda, the lam-alef and Allah ligatures) and a French
    // page (accents, other scripts, an Arabic name inside).
    let arabic = [
        "محمد عبد الله الحسيني",
        "شهادة إتمام دورة فحص وثائق السفر بنجاح",
        "بَيْتٌ لا إله",
        "أتمّت المتدرّبة الدورة",
    ];
    let french = [
        "Élodie Ndiaye-Lefèvre, cheffe d’équipe à l’aéroport",
        "Nguyễn Thị Ánh, Дмитрий Иванов, Αλέξης",
    ];
    for weight in [Font::Regular, Font::Bold] {
        for lines in [&arabic[..], &french[..]] {
            assert_eq!(pdf_lines(&page_of(lines, weight)), lines, "{weight:?}");
        }
    }
}

#[test]
fn mixed_lines_keep_every_character_in_its_place() {
    // Where one direction meets the other (a number or a Latin name in Arabic, an Arabic
    // name in French), pdftotext places the space at the boundary by its own rule; every
    // other character comes back in the order typed.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for lines in [
        &[
            "صدرت في 20 نوفمبر 2026 تحت الرقم 12345",
            "أتمّت Élodie Ndiaye الدورة بنجاح",
            "المتدربة الأولى في الدورة",
        ][..],
        &[
            "Délivré à مريم السعدي pour sa réussite",
            "Attestation n° 2026-117, Port Azure",
        ][..],
    ] {
        let text: Vec<String> = pdf_lines(&page_of(lines, Font::Bold))
            .iter()
            .map(|l| squeeze(l))
            .collect();
        let typed: Vec<String> = lines.iter().map(|l| squeeze(l)).collect();
        assert_eq!(text, typed);
    }
}
