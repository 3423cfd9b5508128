//! Document-examination exercises: the regions a trainer draws on a document image
//! (rectangles, circles, polygons), each a defect to find or a genuine feature, and the
//! grading of a trainee's markers against them.
//!
//! Coordinates are image pixels, origin top left. A marker finds the smallest anomaly region
//! it falls in; each marker that finds no anomaly (on a genuine feature, or on nothing) is a
//! false mark and costs a penalty; the score never falls below zero.

use serde::{Deserialize, Serialize};

/// Most vertices a polygon may have.
pub const MAX_VERTICES: usize = 100;
/// Most markers one answer may carry.
pub const MAX_MARKERS: usize = 50;

/// A point in image pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// From the left edge.
    pub x: f64,
    /// From the top edge.
    pub y: f64,
}

/// The outline of a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Shape {
    /// An axis-aligned rectangle: top-left corner, width and height.
    Rect {
        /// Left.
        x: f64,
        /// Top.
        y: f64,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
    },
    /// A circle: centre and radius.
    Circle {
        /// Centre, from the left.
        cx: f64,
        /// Centre, from the top.
        cy: f64,
        /// Radius.
        r: f64,
    },
    /// A simple polygon (its edges do not cross), vertices in order.
    Polygon {
        /// Vertices.
        points: Vec<Point>,
    },
}

/// Why a shape cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ShapeError {
    /// A polygon needs at least three vertices (and at most [`MAX_VERTICES`]).
    #[error("a polygon needs between 3 and 100 points")]
    PolygonPoints,
    /// Two edges of the polygon cross.
    #[error("the polygon's edges cross each other")]
    SelfIntersecting,
    /// Zero (or negative) width, height, radius or area, or a coordinate that is not a number.
    #[error("the shape has no area")]
    Degenerate,
    /// Part of the shape lies outside the image.
    #[error("the shape goes beyond the image")]
    OutsideImage,
}

fn cross(o: Point, a: Point, b: Point) -> f64 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// Whether segments `p1–p2` and `q1–q2` share any point.
fn segments_meet(p1: Point, p2: Point, q1: Point, q2: Point) -> bool {
    let d1 = cross(q1, q2, p1);
    let d2 = cross(q1, q2, p2);
    let d3 = cross(p1, p2, q1);
    let d4 = cross(p1, p2, q2);
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return true;
    }
    let on = |a: Point, b: Point, c: Point, d: f64| {
        d == 0.0
            && c.x >= a.x.min(b.x)
            && c.x <= a.x.max(b.x)
            && c.y >= a.y.min(b.y)
            && c.y <= a.y.max(b.y)
    };
    on(q1, q2, p1, d1) || on(q1, q2, p2, d2) || on(p1, p2, q1, d3) || on(p1, p2, q2, d4)
}

impl Shape {
    /// The shape's area in square pixels.
    pub fn area(&self) -> f64 {
        match self {
            Shape::Rect { w, h, .. } => w * h,
            Shape::Circle { r, .. } => std::f64::consts::PI * r * r,
            Shape::Polygon { points } => {
                let n = points.len();
                (0..n)
                    .map(|i| {
                        let (a, b) = (points[i], points[(i + 1) % n]);
                        a.x * b.y - b.x * a.y
                    })
                    .sum::<f64>()
                    .abs()
                    / 2.0
            }
        }
    }

    /// Whether `p` lies inside the shape (or on its edge).
    pub fn contains(&self, p: Point) -> bool {
        match self {
            Shape::Rect { x, y, w, h } => p.x >= *x && p.x <= x + w && p.y >= *y && p.y <= y + h,
            Shape::Circle { cx, cy, r } => (p.x - cx).powi(2) + (p.y - cy).powi(2) <= r * r,
            Shape::Polygon { points } => {
                let n = points.len();
                if n < 3 {
                    return false;
                }
                // On an edge counts as inside.
                for i in 0..n {
                    let (a, b) = (points[i], points[(i + 1) % n]);
                    if cross(a, b, p) == 0.0
                        && p.x >= a.x.min(b.x)
                        && p.x <= a.x.max(b.x)
                        && p.y >= a.y.min(b.y)
                        && p.y <= a.y.max(b.y)
                    {
                        return true;
                    }
                }
                // Ray casting to the right.
                let mut inside = false;
                let mut j = n - 1;
                for i in 0..n {
                    let (a, b) = (points[i], points[j]);
                    if (a.y > p.y) != (b.y > p.y)
                        && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
                    {
                        inside = !inside;
                    }
                    j = i;
                }
                inside
            }
        }
    }

    /// Checks the shape for an image of `width` × `height` pixels.
    pub fn validate(&self, width: f64, height: f64) -> Result<(), ShapeError> {
        let fits = |x: f64, y: f64| x >= 0.0 && y >= 0.0 && x <= width && y <= height;
        match self {
            Shape::Rect { x, y, w, h } => {
                if ![x, y, w, h].iter().all(|v| v.is_finite()) || *w <= 0.0 || *h <= 0.0 {
                    return Err(ShapeError::Degenerate);
                }
                if !fits(*x, *y) || !fits(x + w, y + h) {
                    return Err(ShapeError::OutsideImage);
                }
            }
            Shape::Circle { cx, cy, r } => {
                if ![cx, cy, r].iter().all(|v| v.is_finite()) || *r <= 0.0 {
                    return Err(ShapeError::Degenerate);
                }
                if !fits(cx - r, cy - r) || !fits(cx + r, cy + r) {
                    return Err(ShapeError::OutsideImage);
                }
            }
            Shape::Polygon { points } => {
                if points.len() < 3 || points.len() > MAX_VERTICES {
                    return Err(ShapeError::PolygonPoints);
                }
                if points.iter().any(|p| !p.x.is_finite() || !p.y.is_finite()) {
                    return Err(ShapeError::Degenerate);
                }
                if points.iter().any(|p| !fits(p.x, p.y)) {
                    return Err(ShapeError::OutsideImage);
                }
                let n = points.len();
                for i in 0..n {
                    for j in i + 1..n {
                        // Neighbouring edges share a vertex; every other pair must not meet.
                        if j == i + 1 || (i == 0 && j == n - 1) {
                            continue;
                        }
                        if segments_meet(
                            points[i],
                            points[(i + 1) % n],
                            points[j],
                            points[(j + 1) % n],
                        ) {
                            return Err(ShapeError::SelfIntersecting);
                        }
                    }
                }
                if self.area() <= 0.0 {
                    return Err(ShapeError::Degenerate);
                }
            }
        }
        Ok(())
    }
}

/// A region of an exercise image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Identifier within the exercise.
    pub id: String,
    /// Outline.
    #[serde(flatten)]
    pub shape: Shape,
    /// A defect to find (`true`) or a genuine security feature (`false`).
    pub anomaly: bool,
    /// The kind of defect or feature (for statistics: which defects trainees miss most).
    pub kind: String,
}

/// Why an answer cannot be graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MarkerError {
    /// More markers than [`MAX_MARKERS`].
    #[error("too many markers (at most 50)")]
    TooMany,
    /// A marker outside the image, or not a number.
    #[error("a marker lies outside the image")]
    OutsideImage,
}

/// What a marker landed on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum Hit {
    /// An anomaly (its id).
    Anomaly {
        /// Region id.
        region: String,
    },
    /// A genuine feature marked as a defect (its id): a false mark.
    Genuine {
        /// Region id.
        region: String,
    },
    /// Nothing: a false mark.
    Nothing,
}

/// A graded answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// What each marker landed on, in the order given.
    pub markers: Vec<Hit>,
    /// Anomalies found (region ids, in the exercise's order).
    pub found: Vec<String>,
    /// Anomalies missed.
    pub missed: Vec<String>,
    /// Markers that found no anomaly.
    pub false_marks: usize,
    /// Score: anomalies found − penalty × false marks, never below zero.
    pub score: f64,
    /// Highest score: the number of anomalies.
    pub max: f64,
}

/// Grades `markers` on an image of `width` × `height` against `regions`; each false mark
/// costs `penalty` (e.g. 0.5). A marker finds the smallest anomaly it falls in; several
/// markers on one anomaly find it once (the extra ones are not penalised).
pub fn grade(
    regions: &[Region],
    markers: &[Point],
    width: f64,
    height: f64,
    penalty: f64,
) -> Result<Grade, MarkerError> {
    if markers.len() > MAX_MARKERS {
        return Err(MarkerError::TooMany);
    }
    if markers.iter().any(|m| {
        !m.x.is_finite()
            || !m.y.is_finite()
            || m.x < 0.0
            || m.y < 0.0
            || m.x > width
            || m.y > height
    }) {
        return Err(MarkerError::OutsideImage);
    }
    let smallest = |anomaly: bool, m: Point| {
        regions
            .iter()
            .filter(|r| r.anomaly == anomaly && r.shape.contains(m))
            .min_by(|a, b| a.shape.area().total_cmp(&b.shape.area()))
    };
    let mut hits = Vec::with_capacity(markers.len());
    let mut found: Vec<&str> = Vec::new();
    let mut false_marks = 0;
    for m in markers {
        if let Some(r) = smallest(true, *m) {
            if !found.contains(&r.id.as_str()) {
                found.push(&r.id);
            }
            hits.push(Hit::Anomaly {
                region: r.id.clone(),
            });
        } else if let Some(r) = smallest(false, *m) {
            false_marks += 1;
            hits.push(Hit::Genuine {
                region: r.id.clone(),
            });
        } else {
            false_marks += 1;
            hits.push(Hit::Nothing);
        }
    }
    let anomalies: Vec<&Region> = regions.iter().filter(|r| r.anomaly).collect();
    let max = anomalies.len() as f64;
    let raw = found.len() as f64 - penalty.max(0.0) * false_marks as f64;
    Ok(Grade {
        markers: hits,
        found: anomalies
            .iter()
            .filter(|r| found.contains(&r.id.as_str()))
            .map(|r| r.id.clone())
            .collect(),
        missed: anomalies
            .iter()
            .filter(|r| !found.contains(&r.id.as_str()))
            .map(|r| r.id.clone())
            .collect(),
        false_marks,
        score: raw.clamp(0.0, max),
        max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    fn region(id: &str, shape: Shape, anomaly: bool) -> Region {
        Region {
            id: id.into(),
            shape,
            anomaly,
            kind: "test".into(),
        }
    }

    #[test]
    fn shapes_contain_what_they_cover() {
        let rect = Shape::Rect {
            x: 10.0,
            y: 10.0,
            w: 20.0,
            h: 10.0,
        };
        assert!(rect.contains(p(10.0, 10.0)) && rect.contains(p(30.0, 20.0)));
        assert!(!rect.contains(p(31.0, 15.0)));
        let circle = Shape::Circle {
            cx: 50.0,
            cy: 50.0,
            r: 5.0,
        };
        assert!(circle.contains(p(53.0, 54.0)) && !circle.contains(p(54.0, 54.0)));
        // A concave "L".
        let l = Shape::Polygon {
            points: vec![
                p(0.0, 0.0),
                p(10.0, 0.0),
                p(10.0, 4.0),
                p(4.0, 4.0),
                p(4.0, 10.0),
                p(0.0, 10.0),
            ],
        };
        assert!(l.contains(p(2.0, 8.0)) && l.contains(p(8.0, 2.0)));
        assert!(!l.contains(p(8.0, 8.0)), "the notch of the L");
        assert!(l.contains(p(10.0, 2.0)), "on the edge");
        assert_eq!(l.area(), 64.0);
    }

    #[test]
    fn bad_shapes_are_refused() {
        let tri = |a: Point, b: Point, c: Point| Shape::Polygon {
            points: vec![a, b, c],
        };
        assert_eq!(
            Shape::Polygon {
                points: vec![p(0.0, 0.0), p(5.0, 5.0)]
            }
            .validate(100.0, 100.0),
            Err(ShapeError::PolygonPoints)
        );
        let bow_tie = Shape::Polygon {
            points: vec![p(0.0, 0.0), p(10.0, 10.0), p(10.0, 0.0), p(0.0, 10.0)],
        };
        assert_eq!(
            bow_tie.validate(100.0, 100.0),
            Err(ShapeError::SelfIntersecting)
        );
        assert_eq!(
            tri(p(0.0, 0.0), p(5.0, 5.0), p(10.0, 10.0)).validate(100.0, 100.0),
            Err(ShapeError::Degenerate),
            "collinear"
        );
        assert_eq!(
            tri(p(0.0, 0.0), p(500.0, 5.0), p(10.0, 10.0)).validate(100.0, 100.0),
            Err(ShapeError::OutsideImage)
        );
        assert_eq!(
            Shape::Circle {
                cx: 5.0,
                cy: 5.0,
                r: 10.0
            }
            .validate(100.0, 100.0),
            Err(ShapeError::OutsideImage)
        );
        assert_eq!(
            Shape::Rect {
                x: 1.0,
                y: 1.0,
                w: 0.0,
                h: 5.0
            }
            .validate(100.0, 100.0),
            Err(ShapeError::Degenerate)
        );
        assert_eq!(
            Shape::Rect {
                x: f64::NAN,
                y: 1.0,
                w: 3.0,
                h: 5.0
            }
            .validate(100.0, 100.0),
            Err(ShapeError::Degenerate)
        );
    }

    fn exercise() -> Vec<Region> {
        vec![
            region(
                "photo",
                Shape::Rect {
                    x: 10.0,
                    y: 10.0,
                    w: 30.0,
                    h: 40.0,
                },
                true,
            ),
            region(
                "mrz-digit",
                Shape::Circle {
                    cx: 80.0,
                    cy: 90.0,
                    r: 4.0,
                },
                true,
            ),
            region(
                "hologram",
                Shape::Circle {
                    cx: 70.0,
                    cy: 30.0,
                    r: 10.0,
                },
                false,
            ),
        ]
    }

    #[test]
    fn one_right_one_wrong_gives_partial_credit_and_the_overlay() {
        let g = grade(
            &exercise(),
            &[p(20.0, 20.0), p(70.0, 30.0)],
            100.0,
            100.0,
            0.5,
        )
        .unwrap();
        assert_eq!(g.found, ["photo"]);
        assert_eq!(g.missed, ["mrz-digit"]);
        assert_eq!(g.false_marks, 1);
        assert_eq!(
            g.markers[1],
            Hit::Genuine {
                region: "hologram".into()
            }
        );
        assert_eq!((g.score, g.max), (0.5, 2.0));
        // Many false marks: never below zero.
        let g = grade(
            &exercise(),
            &[p(1.0, 1.0), p(2.0, 2.0), p(3.0, 3.0)],
            100.0,
            100.0,
            0.5,
        )
        .unwrap();
        assert_eq!(g.score, 0.0);
    }

    #[test]
    fn too_many_markers_or_markers_off_the_image_are_refused() {
        let many = vec![p(1.0, 1.0); 10_000];
        assert_eq!(
            grade(&exercise(), &many, 100.0, 100.0, 0.5),
            Err(MarkerError::TooMany)
        );
        assert_eq!(
            grade(&exercise(), &[p(101.0, 5.0)], 100.0, 100.0, 0.5),
            Err(MarkerError::OutsideImage)
        );
        assert_eq!(
            grade(&exercise(), &[p(f64::NAN, 5.0)], 100.0, 100.0, 0.5),
            Err(MarkerError::OutsideImage)
        );
    }

    fn arb_rect() -> impl Strategy<Value = Shape> {
        (0.0..800.0f64, 0.0..500.0f64, 1.0..200.0f64, 1.0..100.0f64)
            .prop_map(|(x, y, w, h)| Shape::Rect { x, y, w, h })
    }

    fn arb_circle() -> impl Strategy<Value = Shape> {
        (50.0..950.0f64, 50.0..550.0f64, 1.0..50.0f64).prop_map(|(cx, cy, r)| Shape::Circle {
            cx,
            cy,
            r,
        })
    }

    fn centre(s: &Shape) -> Point {
        match s {
            Shape::Rect { x, y, w, h } => p(x + w / 2.0, y + h / 2.0),
            Shape::Circle { cx, cy, .. } => p(*cx, *cy),
            Shape::Polygon { points } => points[0],
        }
    }

    proptest! {
        #[test]
        fn scores_stay_between_zero_and_the_maximum(
            shapes in proptest::collection::vec(prop_oneof![arb_rect(), arb_circle()], 0..8),
            anomaly in proptest::collection::vec(any::<bool>(), 8),
            markers in proptest::collection::vec((0.0..1000.0f64, 0.0..600.0f64), 0..20),
            penalty in 0.0..2.0f64,
        ) {
            let regions: Vec<Region> = shapes.into_iter().enumerate().map(|(i, s)| region(&format!("r{i}"), s, anomaly[i])).collect();
            let markers: Vec<Point> = markers.into_iter().map(|(x, y)| p(x, y)).collect();
            let g = grade(&regions, &markers, 1000.0, 600.0, penalty).unwrap();
            prop_assert!(g.score >= 0.0 && g.score <= g.max);
            prop_assert_eq!(g.found.len() + g.missed.len(), regions.iter().filter(|r| r.anomaly).count());
            // Order of the markers never changes the score.
            let mut reversed = markers.clone();
            reversed.reverse();
            prop_assert_eq!(grade(&regions, &reversed, 1000.0, 600.0, penalty).unwrap().score, g.score);
        }

        #[test]
        fn a_marker_on_every_anomaly_and_nowhere_else_earns_full_marks(
            shapes in proptest::collection::vec(prop_oneof![arb_rect(), arb_circle()], 1..6),
        ) {
            let regions: Vec<Region> = shapes.into_iter().enumerate().map(|(i, s)| region(&format!("r{i}"), s, true)).collect();
            let markers: Vec<Point> = regions.iter().map(|r| centre(&r.shape)).collect();
            let g = grade(&regions, &markers, 1000.0, 600.0, 0.5).unwrap();
            // Overlapping regions may hide one another's centres; every marker still finds one.
            prop_assert_eq!(g.false_marks, 0);
            prop_assert!(g.score >= 1.0);
        }

        #[test]
        fn an_extra_false_mark_never_raises_the_score(
            shapes in proptest::collection::vec(arb_rect(), 1..6),
            markers in proptest::collection::vec((0.0..1000.0f64, 0.0..600.0f64), 0..10),
        ) {
            let regions: Vec<Region> = shapes.into_iter().enumerate().map(|(i, s)| region(&format!("r{i}"), s, true)).collect();
            let markers: Vec<Point> = markers.into_iter().map(|(x, y)| p(x, y)).collect();
            let before = grade(&regions, &markers, 1000.0, 600.0, 0.5).unwrap().score;
            let mut more = markers.clone();
            more.push(p(999.9, 599.9));
            let after = grade(&regions, &more, 1000.0, 600.0, 0.5).unwrap().score;
            prop_assert!(after <= before);
        }

        #[test]
        fn convex_polygons_agree_with_their_triangles(
            cx in 100.0..900.0f64, cy in 100.0..500.0f64, r in 10.0..90.0f64, n in 3usize..12,
            px in 0.0..1000.0f64, py in 0.0..600.0f64,
        ) {
            // A regular polygon is convex: a point is inside exactly when it is on the inner
            // side of every edge.
            let points: Vec<Point> = (0..n).map(|i| {
                let a = i as f64 * std::f64::consts::TAU / n as f64;
                p(cx + r * a.cos(), cy + r * a.sin())
            }).collect();
            let inside_all = (0..n).all(|i| cross(points[i], points[(i + 1) % n], p(px, py)) >= 0.0);
            let shape = Shape::Polygon { points };
            prop_assert!(shape.validate(1000.0, 600.0).is_ok());
            prop_assert_eq!(shape.contains(p(px, py)), inside_all);
        }
    }
}
