//! Drawing primitives on the page: blending, shapes, lines, text, the portrait, guilloche and the UV emblem.

use super::*;

pub(super) fn blend(img: &mut RgbImage, x: i64, y: i64, c: [u8; 3], a: f32) {
    if x < 0 || y < 0 || x >= img.width() as i64 || y >= img.height() as i64 || a <= 0.0 {
        return;
    }
    let a = a.min(1.0);
    let p = img.get_pixel_mut(x as u32, y as u32);
    for (v, c) in p.0.iter_mut().zip(c) {
        *v = (*v as f32 * (1.0 - a) + c as f32 * a).round() as u8;
    }
}

pub(super) fn fill_rect(img: &mut RgbImage, r: Rect, c: [u8; 3], a: f32) {
    for y in r.y as i64..(r.y + r.h) as i64 {
        for x in r.x as i64..(r.x + r.w) as i64 {
            blend(img, x, y, c, a);
        }
    }
}

pub(super) fn fill_ellipse(
    img: &mut RgbImage,
    cx: f64,
    cy: f64,
    rx: f64,
    ry: f64,
    c: [u8; 3],
    a: f32,
) {
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

pub(super) fn line(
    img: &mut RgbImage,
    a: (f64, f64),
    b: (f64, f64),
    width: f64,
    c: [u8; 3],
    alpha: f32,
) {
    let steps = ((b.0 - a.0).hypot(b.1 - a.1) * 2.0).ceil().max(1.0) as i64;
    for i in 0..=steps {
        let t = i as f64 / steps as f64;
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        fill_ellipse(img, x, y, width / 2.0, width / 2.0, c, alpha);
    }
}

/// How a text run is set.
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub(super) size: f32,
    pub(super) color: [u8; 3],
    /// Horizontal stretch (1 = as designed).
    pub(super) stretch: f32,
    /// Drawn twice, one pixel apart.
    pub(super) bold: bool,
    /// Every character in a cell this wide (the MRZ).
    pub(super) cell: Option<f32>,
}

impl Style {
    pub(super) fn new(size: f32, color: [u8; 3]) -> Style {
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
pub(super) fn text(
    img: &mut RgbImage,
    font: &FontRef<'_>,
    s: &str,
    x: f64,
    y: f64,
    st: Style,
) -> f64 {
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

pub(super) const SKINS: [[u8; 3]; 6] = [
    [241, 205, 180],
    [224, 172, 140],
    [198, 140, 100],
    [160, 105, 70],
    [120, 78, 50],
    [88, 56, 38],
];
pub(super) const HAIRS: [[u8; 3]; 5] = [
    [30, 24, 20],
    [80, 52, 30],
    [150, 110, 60],
    [200, 170, 110],
    [120, 120, 120],
];

/// Draws `face` in the box `r` (a passport-style head and shoulders).
pub(super) fn draw_face(img: &mut RgbImage, face: &Face, r: Rect, background: [u8; 3], alpha: f32) {
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

/// Side of a halftone cell, in pixels: the screen of a counterfeit's background.
pub(super) const SCREEN_CELL: u32 = 7;

/// Fills `area` as a counterfeit prints a background: the same tint and pattern reproduced
/// as a regular screen of dots (each cell's dot as large as the cell is dark), not as lines.
pub(super) fn screened(img: &mut RgbImage, area: Rect, rng: &mut Rng) {
    let mut lines = RgbImage::from_pixel(img.width(), img.height(), Rgb([255, 255, 255]));
    guilloche(&mut lines, area, rng);
    let paper = [250, 250, 246];
    let (x0, y0) = (area.x as u32, area.y as u32);
    let (x1, y1) = ((area.x + area.w) as u32, (area.y + area.h) as u32);
    for cy in (y0..y1).step_by(SCREEN_CELL as usize) {
        for cx in (x0..x1).step_by(SCREEN_CELL as usize) {
            // The cell's mean colour, and how dark it is.
            let (mut sum, mut n) = ([0u32; 3], 0u32);
            for y in cy..(cy + SCREEN_CELL).min(y1) {
                for x in cx..(cx + SCREEN_CELL).min(x1) {
                    let p = lines.get_pixel(x, y).0;
                    for c in 0..3 {
                        sum[c] += u32::from(p[c]);
                    }
                    n += 1;
                }
            }
            let mean = sum.map(|s| (s / n.max(1)) as u8);
            let darkness = 1.0 - f64::from(mean.iter().map(|v| u32::from(*v)).sum::<u32>()) / 765.0;
            let radius = (0.9 + darkness * 9.0).min(f64::from(SCREEN_CELL) / 2.0);
            let (mx, my) = (
                f64::from(cx) + f64::from(SCREEN_CELL) / 2.0,
                f64::from(cy) + f64::from(SCREEN_CELL) / 2.0,
            );
            let dot = [
                mean[0].saturating_sub(40),
                mean[1].saturating_sub(40),
                mean[2].saturating_sub(30),
            ];
            for y in cy..(cy + SCREEN_CELL).min(y1) {
                for x in cx..(cx + SCREEN_CELL).min(x1) {
                    let d = ((f64::from(x) + 0.5 - mx).powi(2) + (f64::from(y) + 0.5 - my).powi(2))
                        .sqrt();
                    img.put_pixel(x, y, Rgb(if d <= radius { dot } else { paper }));
                }
            }
        }
    }
}

/// Fills the page with a guilloche-like background: fine interlaced sine curves over a tint
/// that shifts across the page.
pub(super) fn guilloche(img: &mut RgbImage, area: Rect, rng: &mut Rng) {
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

/// The pixels of the device's round design inside `r`: (x, y, distance from the centre as a
/// fraction of the radius, angle).
fn ovd_pixels(r: Rect) -> impl Iterator<Item = (i64, i64, f64, f64)> {
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let (rx, ry) = (r.w / 2.0, r.h / 2.0);
    (r.y as i64..(r.y + r.h) as i64).flat_map(move |y| {
        (r.x as i64..(r.x + r.w) as i64).filter_map(move |x| {
            let dx = (x as f64 + 0.5 - cx) / rx;
            let dy = (y as f64 + 0.5 - cy) / ry;
            let d = (dx * dx + dy * dy).sqrt();
            (d <= 1.0).then(|| (x, y, d, dy.atan2(dx)))
        })
    })
}

/// A diffractive optically variable device (kinegram type), as a scan catches it: rainbow
/// bands that change with the angle, and a fine guilloche of rings and rays.
pub(super) fn diffractive_ovd(img: &mut RgbImage, r: Rect) {
    for (x, y, d, a) in ovd_pixels(r) {
        let hue = (a / std::f64::consts::TAU + 0.5 + d * 1.7).rem_euclid(1.0);
        let c = rainbow(hue);
        blend(img, x, y, c, 0.62);
        let ring = (d * 9.0).fract() < 0.12;
        let ray = ((a / std::f64::consts::TAU * 24.0).fract() < 0.08) && d > 0.25;
        if ring || ray {
            blend(img, x, y, [255, 255, 255], 0.55);
        }
    }
}

/// The same device imitated in flat metallic ink: one dull grey, the design printed on it.
pub(super) fn flat_ovd(img: &mut RgbImage, r: Rect) {
    for (x, y, d, a) in ovd_pixels(r) {
        blend(img, x, y, [176, 178, 182], 0.85);
        let ring = (d * 9.0).fract() < 0.12;
        let ray = ((a / std::f64::consts::TAU * 24.0).fract() < 0.08) && d > 0.25;
        if ring || ray {
            blend(img, x, y, [138, 140, 145], 0.7);
        }
    }
}

/// A saturated colour of the spectrum at `hue` in `[0, 1)`.
fn rainbow(hue: f64) -> [u8; 3] {
    let h = hue * 6.0;
    let f = h.fract();
    let (hi, lo) = (235.0, 90.0);
    let up = lo + (hi - lo) * f;
    let down = hi - (hi - lo) * f;
    let [r, g, b] = match h as u32 {
        0 => [hi, up, lo],
        1 => [down, hi, lo],
        2 => [lo, hi, up],
        3 => [lo, down, hi],
        4 => [up, lo, hi],
        _ => [hi, lo, down],
    };
    [r as u8, g as u8, b as u8]
}

/// Another booklet's number: the same series, a different serial.
pub(super) fn other_number(number: &str) -> String {
    number
        .chars()
        .enumerate()
        .map(|(i, c)| match c.to_digit(10) {
            Some(d) if i >= 5 => char::from_digit((d + 4 + i as u32) % 10, 10).unwrap_or('0'),
            _ => c,
        })
        .collect()
}

/// Laser-perforates `number` reading downwards with its top-left corner at (`x`, `y`): each
/// hole a dark burnt dot on the glyphs' grid. Returns the area perforated.
pub(super) fn perforate(
    img: &mut RgbImage,
    font: &FontRef<'_>,
    number: &str,
    x: f64,
    y: f64,
) -> Rect {
    const SIZE: f32 = 30.0;
    const STEP: u32 = 3;
    let mut glyphs = RgbImage::from_pixel(260, 36, Rgb([255, 255, 255]));
    let style = Style {
        bold: true,
        ..Style::new(SIZE, [0, 0, 0])
    };
    let len = text(&mut glyphs, font, number, 2.0, 2.0, style)
        .ceil()
        .min(256.0) as u32;
    let height = glyphs.height();
    for ty in (0..height).step_by(STEP as usize) {
        for tx in (0..len + 2).step_by(STEP as usize) {
            let mut ink = 0;
            for yy in ty..(ty + STEP).min(height) {
                for xx in tx..(tx + STEP).min(glyphs.width()) {
                    ink += u32::from(glyphs.get_pixel(xx, yy).0[0] < 128);
                }
            }
            if ink * 3 > STEP * STEP {
                // Turned a quarter clockwise: the number runs down the page's edge.
                let (px, py) = (
                    x + f64::from(height - ty) - f64::from(STEP) / 2.0,
                    y + f64::from(tx) + f64::from(STEP) / 2.0,
                );
                fill_ellipse(img, px, py, 1.9, 1.9, [150, 120, 90], 0.45);
                fill_ellipse(img, px, py, 1.2, 1.2, [55, 48, 42], 0.95);
            }
        }
    }
    Rect {
        x: x - 4.0,
        y: y - 4.0,
        w: f64::from(height) + 8.0,
        h: f64::from(len) + 12.0,
    }
}

/// A laminate lifted along the top of `r` and pressed back: a glossy raised band, the edge's
/// shadow, air bubbles trapped beneath, and the cut where a blade went in.
pub(super) fn lifted_laminate(img: &mut RgbImage, r: Rect, rng: &mut Rng) {
    // The raised band catches the light, strongest at its lifted edge.
    for y in r.y as i64..(r.y + r.h * 0.55) as i64 {
        let t = (y as f64 - r.y) / (r.h * 0.55);
        for x in r.x as i64..(r.x + r.w) as i64 {
            blend(img, x, y, [255, 255, 255], (0.55 * (1.0 - t)) as f32);
        }
    }
    // The edge, wavy where the film no longer lies flat, and its shadow.
    let edge = |x: f64| r.y + r.h * 0.55 + 3.0 * ((x - r.x) * 0.09).sin();
    let mut x = r.x;
    while x < r.x + r.w {
        line(
            img,
            (x, edge(x)),
            (x + 2.0, edge(x + 2.0)),
            1.6,
            [110, 110, 110],
            0.8,
        );
        line(
            img,
            (x, edge(x) + 3.0),
            (x + 2.0, edge(x + 2.0) + 3.0),
            2.4,
            [150, 150, 150],
            0.35,
        );
        x += 2.0;
    }
    // Trapped air.
    for _ in 0..7 {
        let bx = r.x + 10.0 + rng.unit() * (r.w - 20.0);
        let by = r.y + 6.0 + rng.unit() * (r.h * 0.45);
        let br = 3.0 + rng.unit() * 5.0;
        fill_ellipse(img, bx, by, br + 1.2, br * 0.8 + 1.2, [120, 120, 125], 0.5);
        fill_ellipse(img, bx, by, br, br * 0.8, [252, 252, 255], 0.85);
    }
    // The blade's cut at one end.
    line(
        img,
        (r.x + 4.0, r.y + 4.0),
        (r.x + 4.0 + r.h * 0.35, r.y + r.h * 0.8),
        1.2,
        [80, 80, 80],
        0.9,
    );
}

/// The emblem printed in ultraviolet-fluorescent ink: concentric rings around a sunburst.
pub(super) fn uv_emblem(img: &mut RgbImage, cx: f64, cy: f64, r: f64) {
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

pub(super) fn human_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let m: usize = iso[5..7].parse().unwrap_or(1);
    format!("{} {} {}", &iso[8..10], MONTHS[(m + 11) % 12], &iso[0..4])
}
