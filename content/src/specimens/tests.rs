use super::*;

#[test]
fn generated_mrzs_pass_the_mrz_engine() {
    for i in 0..20 {
        for layout in [Layout::Td3, Layout::Td1] {
            let s = generate(7, i, layout, &[]);
            let lines: Vec<&str> = s.mrz.iter().map(String::as_str).collect();
            let read = assessments::mrz::check(&lines, 2026).expect("readable");
            assert!(read.valid(), "{:?}: {:?} {:?}", layout, s.mrz, read.errors);
            assert_eq!(read.fields["document_number"], s.holder.number);
            assert_eq!(read.fields["surname"], s.holder.surname);
        }
    }
}

#[test]
fn a_wrong_check_digit_is_caught_by_the_engine_and_keyed() {
    for i in 0..10 {
        let s = generate(11, i, Layout::Td3, &[Defect::WrongCheckDigit]);
        let lines: Vec<&str> = s.mrz.iter().map(String::as_str).collect();
        let read = assessments::mrz::check(&lines, 2026).expect("readable");
        assert!(!read.valid());
        assert!(
            s.regions
                .iter()
                .any(|r| r.anomaly && r.kind == "check_digit")
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_pixels() {
    let a = generate(
        42,
        3,
        Layout::Td1,
        &[Defect::AlteredDigit, Defect::MissingUv],
    );
    let b = generate(
        42,
        3,
        Layout::Td1,
        &[Defect::AlteredDigit, Defect::MissingUv],
    );
    assert!(a.visible == b.visible && a.uv == b.uv && a.ir == b.ir);
    assert_eq!(png(&a.visible), png(&b.visible));
    let c = generate(43, 3, Layout::Td1, &[Defect::AlteredDigit]);
    assert!(a.visible != c.visible);
}

#[test]
fn every_defect_is_keyed_inside_the_image() {
    for d in Defect::ALL {
        for layout in [Layout::Td3, Layout::Td1] {
            let s = generate(5, 1, layout, &[d]);
            let (w, h) = (f64::from(s.visible.width()), f64::from(s.visible.height()));
            let keyed: Vec<_> = s.regions.iter().filter(|r| r.anomaly).collect();
            assert_eq!(keyed.len(), 1, "{d:?} {layout:?}");
            assert_eq!(keyed[0].kind, d.kind());
            for r in &s.regions {
                assert!(
                    r.rect.x >= 0.0
                        && r.rect.y >= 0.0
                        && r.rect.x + r.rect.w <= w
                        && r.rect.y + r.rect.h <= h,
                    "{d:?} {layout:?} {r:?}"
                );
            }
        }
    }
}

/// A screened background is dots on a grid: under the loupe every ink pixel of the sample
/// area sits in a round dot centred in its halftone cell, which lines never do.
#[test]
fn a_screened_background_is_made_of_dots() {
    let ink = |p: &image::Rgb<u8>| p.0 != [250, 250, 246];
    let s = generate(9, 2, Layout::Td3, &[Defect::ScreenedBackground]);
    let key = s
        .regions
        .iter()
        .find(|r| r.anomaly && r.kind == "printing_method")
        .expect("keyed");
    assert!(!s.regions.iter().any(|r| r.kind == "guilloche"));
    let cell = draw::SCREEN_CELL;
    // Whole cells inside the sample area, away from any printed text (the top band's corner).
    let (x0, y0) = ((key.rect.x as u32).div_ceil(cell) * cell, 14 * cell);
    let mut dots = 0;
    for cy in (y0..y0 + 4 * cell).step_by(cell as usize) {
        for cx in (x0..x0 + 8 * cell).step_by(cell as usize) {
            let centre = s.visible.get_pixel(cx + cell / 2, cy + cell / 2);
            for y in cy..cy + cell {
                for x in cx..cx + cell {
                    let d2 = (f64::from(x) + 0.5 - f64::from(cx + cell / 2) - 0.5).powi(2)
                        + (f64::from(y) + 0.5 - f64::from(cy + cell / 2) - 0.5).powi(2);
                    if ink(s.visible.get_pixel(x, y)) {
                        // Every inked pixel belongs to the cell's dot: its centre is inked too
                        // and it is no farther than half a cell from it.
                        assert!(ink(centre) && d2 <= (f64::from(cell) / 2.0 + 1.0).powi(2));
                    }
                }
            }
            dots += usize::from(ink(centre));
        }
    }
    assert!(dots > 0, "the screen prints dots");
    // The genuine page's background is lines, not this screen.
    let genuine = generate(9, 2, Layout::Td3, &[]);
    assert!(
        genuine
            .regions
            .iter()
            .any(|r| r.kind == "guilloche" && !r.anomaly)
    );
    assert!(genuine.visible != s.visible);
}
