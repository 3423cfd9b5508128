//! A small PDF writer: pages of text, lines and shapes, with text shaped by [`shaping`] (both
//! directions, Arabic joined, marks placed) and set in the bundled Noto faces, each embedded as a
//! subset of the glyphs the document uses — so a certificate prints "Nguyễn", "Дмитрий" or
//! "محمد" as typed and weighs a few kilobytes. Each face has a ToUnicode map from its glyphs to
//! the text they stand for, so the text can be copied, searched and extracted in logical order.

use super::shaping::{self, Face};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;

/// A weight of the page's fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
}

/// The width of `text` at `size` points.
pub fn text_width(text: &str, weight: Font, size: f32) -> f32 {
    shaping::shape(text, weight == Font::Bold).width * size
}

/// A one-page document being drawn, in points from the bottom-left corner.
pub struct Page {
    width: f32,
    height: f32,
    ops: String,
    /// Glyphs used, with the text they stand for (for copying and searching the PDF).
    glyphs: BTreeMap<(Face, u16), String>,
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
        let line = shaping::shape(text, weight == Font::Bold);
        if line.glyphs.is_empty() {
            return;
        }
        let (r, g, b) = rgb;
        let _ = write!(self.ops, "BT {r} {g} {b} rg");
        // Glyphs go out in runs: a run starts where the face or the rise changes; inside a
        // run, each glyph's offset from where the previous one's nominal width left the pen
        // is written as a TJ adjustment (in thousandths of the text size, positive to the left).
        let mut face: Option<Face> = None;
        let mut open: Option<(f32, f32)> = None; // (rise, pen after the last glyph, in ems)
        for (i, glyph) in line.glyphs.iter().enumerate() {
            let text = self.glyphs.entry((glyph.face, glyph.id)).or_default();
            if text.is_empty() {
                text.clone_from(&glyph.text);
            }
            if let Some((_, actual)) = line.spans.iter().find(|(r, _)| r.start == i) {
                if open.take().is_some() {
                    self.ops.push_str("] TJ");
                }
                let _ = write!(
                    self.ops,
                    " /Span << /ActualText {} >> BDC",
                    utf16_hex(actual)
                );
            }
            if face != Some(glyph.face) {
                if open.take().is_some() {
                    self.ops.push_str("] TJ");
                }
                let _ = write!(self.ops, " /{} {size} Tf", glyph.face.resource());
                face = Some(glyph.face);
            }
            match open {
                Some((rise, pen)) if rise == glyph.rise => {
                    let adjust = (pen - glyph.x) * 1000.0;
                    if adjust.abs() > 0.05 {
                        let _ = write!(self.ops, " {adjust:.1}");
                    }
                }
                _ => {
                    if open.is_some() {
                        self.ops.push_str("] TJ");
                    }
                    let _ = write!(
                        self.ops,
                        " 1 0 0 1 {} {} Tm [",
                        x + glyph.x * size,
                        y + glyph.rise * size
                    );
                }
            }
            let _ = write!(self.ops, "<{:04X}>", glyph.id);
            let font = glyph.face.font();
            let nominal = f32::from(font.advance(glyph.id)) / f32::from(font.units_per_em);
            open = Some((glyph.rise, glyph.x + nominal));
            if let Some((span, _)) = line.spans.iter().find(|(r, _)| r.end == i + 1) {
                if open.take().is_some() {
                    self.ops.push_str("] TJ");
                }
                // An empty, zero-width glyph on the baseline where the letter ends: extractors
                // take the span's extent from its first glyph to the end of its last.
                let end = line.glyphs[span.clone()]
                    .iter()
                    .map(|g| {
                        let f = g.face.font();
                        g.x + f32::from(f.advance(g.id)) / f32::from(f.units_per_em)
                    })
                    .fold(glyph.x, f32::max);
                let f = glyph.face.font();
                let joiner = f.glyph('\u{200D}');
                if joiner != 0 && f.advance(joiner) == 0 {
                    self.glyphs.entry((glyph.face, joiner)).or_default();
                    let _ = write!(
                        self.ops,
                        " 1 0 0 1 {} {y} Tm [<{joiner:04X}>] TJ",
                        x + end * size
                    );
                }
                self.ops.push_str(" EMC");
            }
        }
        if open.is_some() {
            self.ops.push_str("] TJ");
        }
        self.ops.push_str(" ET\n");
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
    // The faces used anywhere, each with its glyphs and what they stand for.
    let mut used: BTreeMap<Face, BTreeMap<u16, String>> = BTreeMap::new();
    for page in &pages {
        for ((face, gid), text) in &page.glyphs {
            let entry = used.entry(*face).or_default().entry(*gid).or_default();
            if entry.is_empty() {
                entry.clone_from(text);
            }
        }
    }
    let (width, height) = pages
        .first()
        .map_or((595.0, 842.0), |p| (p.width, p.height));

    let title_hex = utf16_hex(title);

    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    let mut obj = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        let n = offsets.len();
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    // Objects: 1 catalog, 2 page tree, five per face used (font, descendant font, descriptor,
    // font file, ToUnicode map), then a page and its content per page, then the document
    // information.
    let first_page = 3 + 5 * used.len();
    let n = pages.len();
    let kids: Vec<String> = (0..n)
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    obj(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    obj(
        &mut out,
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).as_bytes(),
    );
    let mut resources = String::new();
    for (i, (face, glyphs)) in used.iter().enumerate() {
        let at = 3 + 5 * i;
        let _ = write!(resources, "/{} {at} 0 R ", face.resource());
        for body in font_objects(*face, glyphs, at) {
            obj(&mut out, &body);
        }
    }
    for (i, page) in pages.iter().enumerate() {
        obj(
            &mut out,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << /Font << {resources}>> >> /Contents {} 0 R >>",
                first_page + 2 * i + 1
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

/// `text` as a PDF text string in UTF-16 hex (`<FEFF…>`).
fn utf16_hex(text: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(hex, "{unit:04X}");
    }
    hex.push('>');
    hex
}

/// A compressed stream object's body.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let packed = deflate(data);
    let mut s = format!(
        "<< {dict} /Filter /FlateDecode /Length {} >>\nstream\n",
        packed.len()
    )
    .into_bytes();
    s.extend_from_slice(&packed);
    s.extend_from_slice(b"\nendstream");
    s
}

/// The five objects of `face` embedded with `glyphs`, numbered from `at`: the Type 0 font,
/// its CID font, the font descriptor, the subset font file and the ToUnicode map.
fn font_objects(face: Face, glyphs: &BTreeMap<u16, String>, at: usize) -> [Vec<u8>; 5] {
    let f = face.font();
    let scale = |v: i32| v * 1000 / i32::from(f.units_per_em);
    let name = format!("CHKPNT+{}", face.name());
    let ids: BTreeSet<u16> = glyphs.keys().copied().collect();
    let font_file = f.subset(&ids);
    let mut widths = String::new();
    for gid in &ids {
        let _ = write!(widths, "{gid} [{}] ", scale(i32::from(f.advance(*gid))));
    }
    let mut to_unicode = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    let pairs: Vec<(u16, &String)> = glyphs
        .iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(g, t)| (*g, t))
        .collect();
    for chunk in pairs.chunks(100) {
        let _ = writeln!(to_unicode, "{} beginbfchar", chunk.len());
        for (gid, text) in chunk {
            let utf16: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            let _ = writeln!(to_unicode, "<{gid:04X}> <{utf16}>");
        }
        to_unicode.push_str("endbfchar\n");
    }
    to_unicode.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    let [x0, y0, x1, y1] = f.bbox.map(|v| scale(i32::from(v)));
    [
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{} 0 R] /ToUnicode {} 0 R >>",
            at + 1,
            at + 4
        )
        .into_bytes(),
        format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {} 0 R /DW 600 /W [{widths}] /CIDToGIDMap /Identity >>",
            at + 2
        )
        .into_bytes(),
        format!(
            "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{x0} {y0} {x1} {y1}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /FontFile2 {} 0 R >>",
            scale(i32::from(f.ascent)),
            scale(i32::from(f.descent)),
            scale(i32::from(f.cap_height)),
            at + 3
        )
        .into_bytes(),
        stream(&format!("/Length1 {}", font_file.len()), &font_file),
        stream("", to_unicode.as_bytes()),
    ]
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::ttf;
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
            let gid = Face::SansBold.font().glyph(c);
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
