//! Generating one specimen of each layout with its light views: the page under visible, UV and
//! IR light, with two defects injected, then each view encoded as PNG (what `checkpoint specimens
//! generate` writes). Run with `cargo bench -p content --bench specimens`.

use content::specimens::{Defect, Layout, generate, png};
use std::time::Instant;

fn main() {
    for (layout, name) in [
        (Layout::Td3, "TD3 passport page 1250 × 880"),
        (Layout::Td1, "TD1 card, front and back 856 × 1140"),
        (Layout::Td2, "TD2 residence permit 1050 × 740"),
        (Layout::MrvA, "MRV-A visa foil 1250 × 840"),
    ] {
        let mut drawing = Vec::new();
        let mut total = Vec::new();
        for i in 0..11 {
            let t = Instant::now();
            let s = generate(2026, i, layout, &[Defect::AlteredDigit, Defect::MissingUv]);
            let drawn = t.elapsed();
            let bytes: usize = [&s.visible, &s.uv, &s.ir]
                .iter()
                .map(|img| png(img).len())
                .sum();
            let all = t.elapsed();
            if i > 0 {
                drawing.push(drawn.as_secs_f64() * 1000.0);
                total.push(all.as_secs_f64() * 1000.0);
            }
            std::hint::black_box(bytes);
        }
        drawing.sort_by(f64::total_cmp);
        total.sort_by(f64::total_cmp);
        println!(
            "{name}: drawing three views median {:.0} ms; with PNG encoding median {:.0} ms, slowest {:.0} ms (10 runs)",
            drawing[drawing.len() / 2],
            total[total.len() / 2],
            total[total.len() - 1]
        );
    }
}
