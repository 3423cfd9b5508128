//! A small PDF writer for one-page documents, with text set in the bundled DejaVu Sans
//! (`content/fonts/`, covering Latin, Greek and Cyrillic with their accents), embedded as a
//! subset of the glyphs the page uses — so a certificate prints "Nguyễn", "Łukasz" or
//! "Дмитрий" as typed and weighs a few kilobytes. Bold is the same font drawn with an outline
//! stroke. Text is laid out left to right, one glyph per character (no shaping: scripts that
//! join letters, such as Arabic, are not supported yet).

use super::ttf;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;

const DEJAVU: &[u8] = include_bytes!("../../../../content/fonts/DejaVuSans.ttf");

fn font() -> &'static ttf::Font<'static> {
    static FONT: std::sync::LazyLock<Option<ttf::Font<'static>>> =
        std::sync::LazyLock::new(|| ttf::Font::parse(DEJAVU));
    FONT.as_ref()
        .expect("the bundled font parses (checked by tests)")
}

/// A weight of the page's font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// Regular.
    Regular,
    /// Bold (regular with an outline stroke).
    Bold,
}

/// The width of `text` at `size` points.
pub fn text_width(text: &str, weight: Font, size: f32) -> f32 {
    let f = font();
    let units: u32 = text.chars().map(|c| u32::from(f.advance(f.glyph(c)))).sum();
    let stroke = if weight == Font::Bold {
        size * 0.04
    } else {
        0.0
    };
    units as f32 * size / f32::from(f.units_per_em) + stroke
}

/// A one-page document being drawn, in points from the bottom-left corner.
pub struct Page {
    width: f32,
    height: f32,
    ops: String,
    /// Glyphs used, with the text they stand for (for copying and searching the PDF).
    glyphs: BTreeMap<u16, char>,
}

impl Page {
    /// An empty page of `width` × `height` points (A4 landscape is 842 × 595).
    pub fn new(width: f32, height: f32) -> Self {
        Page {
            width,
            height,
            ops: String::new(),
            glyphs: BTreeMap::new(),
        }
    }

    /// The page width.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// Strokes a rectangle with a line of `line` points in colour `rgb`.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, line: f32, rgb: (f32, f32, f32)) {
        let _ = writeln!(
            self.ops,
            "{} {} {} RG {line} w {x} {y} {w} {h} re S",
            rgb.0, rgb.1, rgb.2
        );
    }

    /// Fills a rectangle with colour `rgb`.
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: (f32, f32, f32)) {
        let _ = writeln!(
            self.ops,
            "{} {} {} rg {x} {y} {w} {h} re f",
            rgb.0, rgb.1, rgb.2
        );
    }

    /// Draws a line from `(x1, y1)` to `(x2, y2)`.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, rgb: (f32, f32, f32)) {
        let _ = writeln!(
            self.ops,
            "{} {} {} RG {width} w {} {} m {} {} l S",
            rgb.0, rgb.1, rgb.2, from.0, from.1, to.0, to.1
        );
    }

    /// Draws a closed polygon, stroked, and filled when `fill` is given.
    pub fn polygon(
        &mut self,
        points: &[(f32, f32)],
        stroke: (f32, f32, f32),
        fill: Option<(f32, f32, f32)>,
    ) {
        let Some((first, rest)) = points.split_first() else {
            return;
        };
        let mut path = format!("{} {} m", first.0, first.1);
        for p in rest {
            let _ = write!(path, " {} {} l", p.0, p.1);
        }
        let paint = match fill {
            Some((r, g, b)) => format!("{r} {g} {b} rg b"),
            None => "s".to_owned(),
        };
        let _ = writeln!(
            self.ops,
            "{} {} {} RG 1 w {path} {paint}",
            stroke.0, stroke.1, stroke.2
        );
    }

    /// The page height.
    pub fn height(&self) -> f32 {
        self.height
    }

    /// Draws `text` with its left edge at `x` and baseline at `y`.
    pub fn text(
        &mut self,
        x: f32,
        y: f32,
        text: &str,
        weight: Font,
        size: f32,
        rgb: (f32, f32, f32),
    ) {
        let f = font();
        let mut hex = String::with_capacity(text.len() * 4);
        for c in text.chars().filter(|c| !c.is_control()) {
            let gid = f.glyph(c);
            self.glyphs.entry(gid).or_insert(c);
            let _ = write!(hex, "{gid:04X}");
        }
        let (r, g, b) = rgb;
        let mode = match weight {
            Font::Regular => "0 Tr".to_owned(),
            Font::Bold => format!("{r} {g} {b} RG {} w 2 Tr", size * 0.04),
        };
        let _ = writeln!(
            self.ops,
            "BT {r} {g} {b} rg {mode} /F1 {size} Tf {x} {y} Td <{hex}> Tj ET"
        );
    }

    /// Draws `text` centred on the page at baseline `y`, shrinking it to fit `max_width`.
    pub fn centred(
        &mut self,
        y: f32,
        text: &str,
        weight: Font,
        size: f32,
        max_width: f32,
        rgb: (f32, f32, f32),
    ) {
        let mut size = size;
        while size > 6.0 && text_width(text, weight, size) > max_width {
            size -= 0.5;
        }
        let x = (self.width - text_width(text, weight, size)) / 2.0;
        self.text(x, y, text, weight, size, rgb);
    }

    /// The finished one-page PDF file.
    pub fn finish(self, title: &str) -> Vec<u8> {
        finish_pages(vec![self], title)
    }
}

/// The finished PDF file of `pages` (all the same size as the first).
pub fn finish_pages(pages: Vec<Page>, title: &str) -> Vec<u8> {
    {
        let f = font();
        let scale = |v: i32| v * 1000 / i32::from(f.units_per_em);
        let mut glyphs: BTreeMap<u16, char> = BTreeMap::new();
        for p in &pages {
            for (g, c) in &p.glyphs {
                glyphs.entry(*g).or_insert(*c);
            }
        }
        let (width, height) = pages
            .first()
            .map_or((595.0, 842.0), |p| (p.width, p.height));
        let used: BTreeSet<u16> = glyphs.keys().copied().collect();
        let font_file = f.subset(&used);
        let mut widths = String::new();
        for gid in &used {
            let _ = write!(widths, "{gid} [{}] ", scale(i32::from(f.advance(*gid))));
        }
        let mut to_unicode = String::from(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
             1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
        );
        let pairs: Vec<(u16, char)> = glyphs.iter().map(|(g, c)| (*g, *c)).collect();
        for chunk in pairs.chunks(100) {
            let _ = writeln!(to_unicode, "{} beginbfchar", chunk.len());
            for (gid, c) in chunk {
                let mut units = [0u16; 2];
                let utf16: String = c
                    .encode_utf16(&mut units)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                let _ = writeln!(to_unicode, "<{gid:04X}> <{utf16}>");
            }
            to_unicode.push_str("endbfchar\n");
        }
        to_unicode.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");

        let mut title_hex = String::from("<FEFF");
        for unit in title.encode_utf16() {
            let _ = write!(title_hex, "{unit:04X}");
        }
        title_hex.push('>');
        let [x0, y0, x1, y1] = f.bbox.map(|v| scale(i32::from(v)));

        let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        let mut obj = |out: &mut Vec<u8>, body: &[u8]| {
            offsets.push(out.len());
            let n = offsets.len();
            out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        };
        let stream = |dict: &str, data: &[u8]| -> Vec<u8> {
            let packed = deflate(data);
            let mut s = format!(
                "<< {dict} /Filter /FlateDecode /Length {} >>\nstream\n",
                packed.len()
            )
            .into_bytes();
            s.extend_from_slice(&packed);
            s.extend_from_slice(b"\nendstream");
            s
        };
        // Objects: 1 catalog, 2 page tree, 3–7 the font, then a page and its content per page,
        // then the document information.
        let n = pages.len();
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 8 + 2 * i)).collect();
        obj(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
        obj(
            &mut out,
            format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).as_bytes(),
        );
        obj(
            &mut out,
            b"<< /Type /Font /Subtype /Type0 /BaseFont /CHKPNT+DejaVuSans /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 7 0 R >>",
        );
        obj(
            &mut out,
            format!(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /CHKPNT+DejaVuSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 600 /W [{widths}] /CIDToGIDMap /Identity >>"
            )
            .as_bytes(),
        );
        obj(
            &mut out,
            format!(
                "<< /Type /FontDescriptor /FontName /CHKPNT+DejaVuSans /Flags 32 /FontBBox [{x0} {y0} {x1} {y1}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /FontFile2 6 0 R >>",
                scale(i32::from(f.ascent)),
                scale(i32::from(f.descent)),
                scale(i32::from(f.cap_height))
            )
            .as_bytes(),
        );
        obj(
            &mut out,
            &stream(&format!("/Length1 {}", font_file.len()), &font_file),
        );
        obj(&mut out, &stream("", to_unicode.as_bytes()));
        for (i, page) in pages.iter().enumerate() {
            obj(
                &mut out,
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                    9 + 2 * i
                )
                .as_bytes(),
            );
            obj(&mut out, &stream("", page.ops.as_bytes()));
        }
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

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    /// The decompressed streams of a PDF, in order.
    fn streams(pdf: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(start) = pdf[at..]
            .windows(7)
            .position(|w| w == b"stream\n")
            .map(|p| at + p + 7)
        {
            let end = start
                + pdf[start..]
                    .windows(10)
                    .position(|w| w == b"\nendstream")
                    .unwrap();
            let mut data = Vec::new();
            flate2::read::ZlibDecoder::new(&pdf[start..end])
                .read_to_end(&mut data)
                .unwrap();
            out.push(data);
            at = end + 10;
        }
        out
    }

    #[test]
    fn a_page_is_a_well_formed_pdf_with_its_text_recoverable() {
        let names = "Nguyễn Thị Ánh · Łukasz Wójcik · Дмитрий Иванов · Αλέξης (O'Brien) \\";
        let mut page = Page::new(842.0, 595.0);
        page.centred(300.0, names, Font::Bold, 30.0, 700.0, (0.0, 0.0, 0.0));
        let pdf = page.finish("Certificate");
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(String::from_utf8_lossy(&pdf).trim_end().ends_with("%%EOF"));
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
        for (n, line) in table.lines().skip(3).take(10).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(pdf[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()));
        }
        // Font subset, character map, page content.
        let [font_file, to_unicode, content] = <[Vec<u8>; 3]>::try_from(streams(&pdf)).unwrap();
        let embedded = ttf::Font::parse(&font_file).expect("the embedded subset is a font");
        let cmap = String::from_utf8(to_unicode).unwrap();
        let content = String::from_utf8(content).unwrap();
        for c in names.chars() {
            let gid = font().glyph(c);
            assert_ne!(gid, 0, "{c} is in the bundled font");
            assert_eq!(embedded.glyph(c), gid);
            let mut units = [0u16; 2];
            let utf16: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            assert!(
                cmap.contains(&format!("<{gid:04X}> <{utf16}>")),
                "{c} maps back"
            );
            assert!(content.contains(&format!("{gid:04X}")));
        }
        assert!(
            pdf.len() < 40_000,
            "a subset, not the whole font: {} bytes",
            pdf.len()
        );
    }

    #[test]
    fn long_text_shrinks_to_fit() {
        let long = "A".repeat(200);
        assert!(text_width(&long, Font::Regular, 12.0) > 700.0);
        let mut page = Page::new(842.0, 595.0);
        page.centred(100.0, &long, Font::Regular, 12.0, 700.0, (0.0, 0.0, 0.0));
        let size: f32 = page
            .ops
            .split(" Tf")
            .next()
            .and_then(|s| s.rsplit(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        assert!(text_width(&long, Font::Regular, size) <= 700.0 || size <= 6.0);
    }
}
