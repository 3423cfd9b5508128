//! Grading one answer to a find-the-anomalies exercise at its limits: 50 markers (the most a
//! trainee may place) against 40 regions — rectangles, circles and 100-point polygons — on a
//! 4000 × 3000 image. Run with `cargo bench -p assessments --bench grading`.

use assessments::exercise::{Point, Region, Shape, grade};
use std::time::Instant;

fn main() {
    let mut regions = Vec::new();
    for i in 0..40 {
        let (cx, cy) = (
            100.0 + (i % 8) as f64 * 480.0,
            150.0 + (i / 8) as f64 * 560.0,
        );
        let shape = match i % 3 {
            0 => Shape::Rect {
                x: cx - 80.0,
                y: cy - 60.0,
                w: 160.0,
                h: 120.0,
            },
            1 => Shape::Circle { cx, cy, r: 90.0 },
            _ => Shape::Polygon {
                points: (0..100)
                    .map(|k| {
                        let t = k as f64 / 100.0 * std::f64::consts::TAU;
                        let r = 90.0 + 20.0 * (5.0 * t).sin();
                        Point {
                            x: cx + r * t.cos(),
                            y: cy + r * t.sin(),
                        }
                    })
                    .collect(),
            },
        };
        regions.push(Region {
            id: format!("r{i}"),
            shape,
            anomaly: i % 4 != 0,
            kind: "check_digit".into(),
        });
    }
    let markers: Vec<Point> = (0..50)
        .map(|i| Point {
            x: 60.0 + (i * 79 % 3900) as f64,
            y: 40.0 + (i * 131 % 2900) as f64,
        })
        .collect();
    let runs = 10_000;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let g = grade(&regions, &markers, 4000.0, 3000.0, 0.5).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(g);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "grading 50 markers against 40 regions: median {:.1} µs, p99 {:.1} µs, max {:.1} µs ({runs} runs)",
        times[runs / 2],
        times[runs * 99 / 100],
        times[runs - 1]
    );
}
