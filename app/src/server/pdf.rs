//! A small PDF writer for one-page documents set in the PDF standard fonts (Helvetica and
//! Helvetica-Bold, which every PDF reader has, so nothing is embedded and a certificate is a
//! few kilobytes). Text is encoded in WinAnsi (Latin-1 plus typographic marks); characters
//! outside it are written as `?`.

use std::fmt::Write as _;

/// Helvetica advance widths (1/1000 em) for ASCII 32–126, from the Adobe font metrics.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// A font of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }
}

/// Encodes `text` in WinAnsi.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '€' => 0x80,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        })
        .collect()
}

/// The width of `text` at `size` points.
pub fn text_width(text: &str, font: Font, size: f32) -> f32 {
    let units: u32 = win_ansi(text)
        .iter()
        .map(|b| match b {
            32..=126 => u32::from(HELVETICA[usize::from(b - 32)]),
            _ => 556,
        })
        .sum();
    let bold = if font == Font::Bold { 1.06 } else { 1.0 };
    units as f32 * size / 1000.0 * bold
}

/// A one-page document being drawn, in points from the bottom-left corner.
pub struct Page {
    width: f32,
    height: f32,
    ops: String,
}

impl Page {
    /// An empty page of `width` × `height` points (A4 landscape is 842 × 595).
    pub fn new(width: f32, height: f32) -> Self {
        Page {
            width,
            height,
            ops: String::new(),
        }
    }

    /// The page width.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// Strokes a rectangle with a line of `line` points in grey level `grey` (0 black, 1 white).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, line: f32, rgb: (f32, f32, f32)) {
        let _ = writeln!(
            self.ops,
            "{} {} {} RG {line} w {x} {y} {w} {h} re S",
            rgb.0, rgb.1, rgb.2
        );
    }

    /// Draws `text` with its left edge at `x` and baseline at `y`.
    pub fn text(
        &mut self,
        x: f32,
        y: f32,
        text: &str,
        font: Font,
        size: f32,
        rgb: (f32, f32, f32),
    ) {
        let mut escaped = String::new();
        for b in win_ansi(text) {
            match b {
                b'(' | b')' | b'\\' => {
                    escaped.push('\\');
                    escaped.push(b as char);
                }
                32..=126 => escaped.push(b as char),
                _ => {
                    let _ = write!(escaped, "\\{b:03o}");
                }
            }
        }
        let _ = writeln!(
            self.ops,
            "BT {} {} {} rg /{} {size} Tf {x} {y} Td ({escaped}) Tj ET",
            rgb.0,
            rgb.1,
            rgb.2,
            font.resource()
        );
    }

    /// Draws `text` centred on the page at baseline `y`, shrinking it to fit `max_width`.
    pub fn centred(
        &mut self,
        y: f32,
        text: &str,
        font: Font,
        size: f32,
        max_width: f32,
        rgb: (f32, f32, f32),
    ) {
        let mut size = size;
        while size > 6.0 && text_width(text, font, size) > max_width {
            size -= 0.5;
        }
        let x = (self.width - text_width(text, font, size)) / 2.0;
        self.text(x, y, text, font, size, rgb);
    }

    /// The finished PDF file.
    pub fn finish(self, title: &str) -> Vec<u8> {
        let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        let mut obj = |out: &mut Vec<u8>, body: &[u8]| {
            offsets.push(out.len());
            let n = offsets.len();
            out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        };
        let mut title_hex = String::from("<FEFF");
        for unit in title.encode_utf16() {
            let _ = write!(title_hex, "{unit:04X}");
        }
        title_hex.push('>');
        obj(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
        obj(&mut out, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        obj(
            &mut out,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
                self.width, self.height
            )
            .as_bytes(),
        );
        obj(
            &mut out,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        );
        obj(
            &mut out,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", self.ops.len()).into_bytes();
        stream.extend_from_slice(self.ops.as_bytes());
        stream.extend_from_slice(b"endstream");
        obj(&mut out, &stream);
        obj(
            &mut out,
            format!("<< /Title {title_hex} /Producer (Checkpoint) >>").as_bytes(),
        );
        let xref = out.len();
        let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
        for o in &offsets {
            let _ = writeln!(tail, "{o:010} 00000 n ");
        }
        let _ = write!(
            tail,
            "trailer\n<< /Size {} /Root 1 0 R /Info {} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1,
            offsets.len()
        );
        out.extend_from_slice(tail.as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_well_formed_pdf() {
        let mut page = Page::new(842.0, 595.0);
        page.centred(
            300.0,
            "Anna (María) \\ Eriksson",
            Font::Bold,
            30.0,
            700.0,
            (0.0, 0.0, 0.0),
        );
        let pdf = page.finish("Certificate");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.trim_end().ends_with("%%EOF"));
        assert!(text.contains("(Anna \\(Mar\\355a\\) \\\\ Eriksson) Tj"));
        // The cross-reference table points at each object.
        let find = |needle: &[u8]| {
            pdf.windows(needle.len())
                .rposition(|w| w == needle)
                .unwrap()
        };
        let start = find(b"startxref\n") + b"startxref\n".len();
        let xref_at: usize = String::from_utf8_lossy(&pdf[start..])
            .lines()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(pdf[xref_at..].starts_with(b"xref"));
        let table = String::from_utf8_lossy(&pdf[xref_at..]).into_owned();
        for (n, line) in table.lines().skip(3).take(7).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(pdf[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()));
        }
    }

    #[test]
    fn long_text_shrinks_to_fit() {
        let long = "A".repeat(200);
        assert!(text_width(&long, Font::Regular, 12.0) > 700.0);
        let mut page = Page::new(842.0, 595.0);
        page.centred(100.0, &long, Font::Regular, 12.0, 700.0, (0.0, 0.0, 0.0));
        assert!(page.ops.contains(" Tf "));
    }
}
