//! Derivatives of a 4000 × 3000 JPEG (a phone photo of a document page): decode, re-encode at
//! full size, display size and thumbnail. One core (the image crate is built without threads).
//! Run with `cargo bench -p content --bench images`.

use std::time::Instant;

fn main() {
    // A busy picture (fine lines and gradients, like guilloche on a data page) compresses
    // like a real photo, not like a flat colour.
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        let wave = ((f64::from(x) / 7.0).sin() * (f64::from(y) / 11.0).cos() * 60.0) as i32;
        image::Rgb([
            (120 + wave + (x % 97) as i32).clamp(0, 255) as u8,
            (140 + wave / 2 + (y % 89) as i32).clamp(0, 255) as u8,
            (160 - wave + ((x ^ y) % 31) as i32).clamp(0, 255) as u8,
        ])
    });
    let mut input = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut input, 90)
        .encode_image(&img)
        .unwrap();
    println!("input: 4000 × 3000 JPEG, {} KB", input.len() / 1024);
    for run in 1..=3 {
        let t = Instant::now();
        let p = content::images::process(&input).unwrap();
        println!(
            "run {run}: {} ms (full {} KB, display {} KB, thumbnail {} KB)",
            t.elapsed().as_millis(),
            p.full.len() / 1024,
            p.display.len() / 1024,
            p.thumb.len() / 1024
        );
    }
}
