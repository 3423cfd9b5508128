//! Just enough TrueType to embed a font in a PDF: the character map, advance widths and
//! metrics of a font, and a subset that keeps only the outlines a document uses.
//!
//! The subset keeps every glyph id (unused glyphs become empty outlines), so text can be
//! written as glyph ids straight from the character map, and drops the tables a PDF reader
//! never needs (kerning, substitution, names of glyphs).

use std::collections::{BTreeMap, BTreeSet};

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn i16_at(d: &[u8], at: usize) -> Option<i16> {
    u16_at(d, at).map(|v| v as i16)
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

/// A parsed TrueType font.
#[derive(Debug, Clone)]
pub struct Font<'a> {
    data: &'a [u8],
    tables: BTreeMap<[u8; 4], (usize, usize)>,
    /// Design units per em.
    pub units_per_em: u16,
    num_glyphs: u16,
    loca_long: bool,
    advances: Vec<u16>,
    cmap: BTreeMap<u32, u16>,
    /// Typographic ascender, design units.
    pub ascent: i16,
    /// Typographic descender (negative), design units.
    pub descent: i16,
    /// Height of capitals, design units.
    pub cap_height: i16,
    /// Bounding box of all glyphs: x min, y min, x max, y max.
    pub bbox: [i16; 4],
}

impl<'a> Font<'a> {
    /// Reads the font in `data`; `None` when it is not a TrueType font with outlines.
    pub fn parse(data: &'a [u8]) -> Option<Font<'a>> {
        let count = usize::from(u16_at(data, 4)?);
        let mut tables = BTreeMap::new();
        for i in 0..count {
            let rec = 12 + 16 * i;
            let tag: [u8; 4] = data.get(rec..rec + 4)?.try_into().ok()?;
            let offset = u32_at(data, rec + 8)? as usize;
            let length = u32_at(data, rec + 12)? as usize;
            data.get(offset..offset.checked_add(length)?)?;
            tables.insert(tag, (offset, length));
        }
        let table = |tag: &[u8; 4]| tables.get(tag).map(|(o, l)| &data[*o..*o + *l]);
        let head = table(b"head")?;
        let maxp = table(b"maxp")?;
        let hhea = table(b"hhea")?;
        let hmtx = table(b"hmtx")?;
        table(b"glyf")?;
        table(b"loca")?;
        let num_glyphs = u16_at(maxp, 4)?;
        let num_hmetrics = usize::from(u16_at(hhea, 34)?).max(1);
        let mut advances = Vec::with_capacity(usize::from(num_glyphs));
        for g in 0..usize::from(num_glyphs) {
            advances.push(u16_at(hmtx, 4 * g.min(num_hmetrics - 1))?);
        }
        let ascent = i16_at(hhea, 4)?;
        let cap_height = table(b"OS/2")
            .and_then(|os2| (u16_at(os2, 0)? >= 2).then(|| i16_at(os2, 88)).flatten())
            .unwrap_or((f32::from(ascent) * 0.72) as i16);
        Some(Font {
            data,
            units_per_em: u16_at(head, 18)?.max(1),
            num_glyphs,
            loca_long: i16_at(head, 50)? == 1,
            advances,
            cmap: read_cmap(table(b"cmap")?)?,
            ascent,
            descent: i16_at(hhea, 6)?,
            cap_height,
            bbox: [
                i16_at(head, 36)?,
                i16_at(head, 38)?,
                i16_at(head, 40)?,
                i16_at(head, 42)?,
            ],
            tables,
        })
    }

    fn table(&self, tag: &[u8; 4]) -> &'a [u8] {
        self.tables
            .get(tag)
            .map_or(&[], |(o, l)| &self.data[*o..*o + *l])
    }

    /// The glyph for `c` (0, the "missing" glyph, when the font has none).
    pub fn glyph(&self, c: char) -> u16 {
        self.cmap.get(&u32::from(c)).copied().unwrap_or(0)
    }

    /// The advance width of glyph `gid`, design units.
    pub fn advance(&self, gid: u16) -> u16 {
        self.advances.get(usize::from(gid)).copied().unwrap_or(0)
    }

    /// The outline bytes of glyph `gid`.
    fn outline(&self, gid: u16) -> &'a [u8] {
        let loca = self.table(b"loca");
        let glyf = self.table(b"glyf");
        let g = usize::from(gid);
        let (start, end) = if self.loca_long {
            (u32_at(loca, 4 * g), u32_at(loca, 4 * g + 4))
        } else {
            (
                u16_at(loca, 2 * g).map(|v| u32::from(v) * 2),
                u16_at(loca, 2 * g + 2).map(|v| u32::from(v) * 2),
            )
        };
        match (start, end) {
            (Some(s), Some(e)) if s <= e && (e as usize) <= glyf.len() => {
                &glyf[s as usize..e as usize]
            }
            _ => &[],
        }
    }

    /// The glyphs a composite glyph is built from.
    fn components(&self, gid: u16) -> Vec<u16> {
        let g = self.outline(gid);
        let mut out = Vec::new();
        if i16_at(g, 0).is_none_or(|contours| contours >= 0) {
            return out;
        }
        let mut at = 10;
        while let (Some(flags), Some(component)) = (u16_at(g, at), u16_at(g, at + 2)) {
            out.push(component);
            at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
            at += if flags & 0x0008 != 0 {
                2
            } else if flags & 0x0040 != 0 {
                4
            } else if flags & 0x0080 != 0 {
                8
            } else {
                0
            };
            if flags & 0x0020 == 0 {
                break;
            }
        }
        out
    }

    /// A font file holding only the outlines of `used` (and of glyph 0 and of the parts of
    /// composite glyphs), with every glyph id unchanged.
    pub fn subset(&self, used: &BTreeSet<u16>) -> Vec<u8> {
        let mut keep: BTreeSet<u16> = used.clone();
        keep.insert(0);
        let mut queue: Vec<u16> = keep.iter().copied().collect();
        while let Some(g) = queue.pop() {
            for c in self.components(g) {
                if c < self.num_glyphs && keep.insert(c) {
                    queue.push(c);
                }
            }
        }
        let mut glyf = Vec::new();
        let mut loca = Vec::with_capacity(4 * (usize::from(self.num_glyphs) + 1));
        for g in 0..self.num_glyphs {
            loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
            if keep.contains(&g) {
                glyf.extend_from_slice(self.outline(g));
                while glyf.len() % 4 != 0 {
                    glyf.push(0);
                }
            }
        }
        loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
        let mut head = self.table(b"head").to_vec();
        if head.len() >= 54 {
            head[8..12].copy_from_slice(&[0; 4]); // checksum adjustment: not checked by readers
            head[50..52].copy_from_slice(&1u16.to_be_bytes()); // long loca offsets
        }
        // A post table without glyph names (format 3), keeping the italic and underline data.
        let mut post = self
            .table(b"post")
            .get(..32)
            .map_or(vec![0; 32], <[u8]>::to_vec);
        post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
            (*b"head", head),
            (*b"loca", loca),
            (*b"glyf", glyf),
            (*b"post", post),
        ];
        for tag in [
            b"hhea", b"maxp", b"hmtx", b"cmap", b"OS/2", b"cvt ", b"fpgm", b"prep",
        ] {
            let t = self.table(tag);
            if !t.is_empty() {
                tables.push((*tag, t.to_vec()));
            }
        }
        tables.sort_by_key(|t| t.0);
        write_font(&tables)
    }
}

fn read_cmap(cmap: &[u8]) -> Option<BTreeMap<u32, u16>> {
    let count = usize::from(u16_at(cmap, 2)?);
    let mut best: Option<(u8, usize)> = None;
    for i in 0..count {
        let rec = 4 + 8 * i;
        let (platform, encoding) = (u16_at(cmap, rec)?, u16_at(cmap, rec + 2)?);
        let offset = u32_at(cmap, rec + 4)? as usize;
        let format = u16_at(cmap, offset)?;
        let rank = match (platform, encoding, format) {
            (3, 10, 12) | (0, 4, 12) => 3,
            (3, 1, 4) | (0, 3, 4) => 2,
            (0, _, 4) => 1,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, offset));
        }
    }
    let (_, at) = best?;
    let mut map = BTreeMap::new();
    if u16_at(cmap, at)? == 12 {
        let groups = u32_at(cmap, at + 12)? as usize;
        for i in 0..groups {
            let g = at + 16 + 12 * i;
            let (start, end, glyph) =
                (u32_at(cmap, g)?, u32_at(cmap, g + 4)?, u32_at(cmap, g + 8)?);
            for c in start..=end.min(start.saturating_add(0xFFFF)) {
                map.insert(c, (glyph + (c - start)) as u16);
            }
        }
    } else {
        let segs = usize::from(u16_at(cmap, at + 6)?) / 2;
        let ends = at + 14;
        let starts = ends + 2 * segs + 2;
        let deltas = starts + 2 * segs;
        let ranges = deltas + 2 * segs;
        for s in 0..segs {
            let (end, start) = (u16_at(cmap, ends + 2 * s)?, u16_at(cmap, starts + 2 * s)?);
            let delta = u16_at(cmap, deltas + 2 * s)?;
            let range = u16_at(cmap, ranges + 2 * s)?;
            for c in start..=end {
                if c == 0xFFFF {
                    break;
                }
                let glyph = if range == 0 {
                    c.wrapping_add(delta)
                } else {
                    let addr = ranges + 2 * s + usize::from(range) + 2 * usize::from(c - start);
                    match u16_at(cmap, addr)? {
                        0 => 0,
                        g => g.wrapping_add(delta),
                    }
                };
                if glyph != 0 {
                    map.insert(u32::from(c), glyph);
                }
            }
        }
    }
    Some(map)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// A font file from its tables (sorted by tag).
fn write_font(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let mut power = 1u16;
    let mut log = 0u16;
    while power * 2 <= n {
        power *= 2;
        log += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&(n * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEJAVU: &[u8] = include_bytes!("../../../../content/fonts/DejaVuSans.ttf");

    #[test]
    fn reads_the_bundled_font() {
        let font = Font::parse(DEJAVU).unwrap();
        assert_eq!(font.units_per_em, 2048);
        for c in ['A', 'é', 'ễ', 'Ł', 'Д', 'Ω'] {
            assert_ne!(font.glyph(c), 0, "{c} has a glyph");
        }
        assert!(font.advance(font.glyph('W')) > font.advance(font.glyph('i')));
        assert_eq!(font.glyph('\u{E000}'), 0);
    }

    #[test]
    fn a_subset_keeps_the_glyph_ids_and_reads_back() {
        let font = Font::parse(DEJAVU).unwrap();
        let used: BTreeSet<u16> = "Nguyễn Дмитрий".chars().map(|c| font.glyph(c)).collect();
        let subset = font.subset(&used);
        assert!(subset.len() < DEJAVU.len() / 3, "{} bytes", subset.len());
        let again = Font::parse(&subset).unwrap();
        for c in "Nguyễn Дмитрий".chars() {
            assert_eq!(again.glyph(c), font.glyph(c));
            assert_eq!(again.outline(again.glyph(c)), font.outline(font.glyph(c)));
        }
        // Glyphs not asked for are empty.
        assert!(again.outline(font.glyph('Z')).is_empty());
        assert!(!font.outline(font.glyph('Z')).is_empty());
    }

    #[test]
    fn garbage_is_not_a_font() {
        assert!(Font::parse(b"not a font at all, not even close").is_none());
        assert!(Font::parse(&DEJAVU[..100]).is_none());
    }
}
