use super::*;

#[test]
fn generated_mrzs_pass_the_mrz_engine() {
    use assessments::mrz::Format;
    for i in 0..20 {
        for layout in Layout::ALL {
            let s = generate(7, i, layout, &[]);
            let lines: Vec<&str> = s.mrz.iter().map(String::as_str).collect();
            let read = assessments::mrz::check(&lines, 2026).expect("readable");
            assert!(read.valid(), "{:?}: {:?} {:?}", layout, s.mrz, read.errors);
            let format = match layout {
                Layout::Td3 => Format::Td3,
                Layout::Td1 => Format::Td1,
                Layout::Td2 => Format::Td2,
                Layout::MrvA => Format::MrvA,
            };
            assert_eq!(read.format, format);
            assert_eq!(read.fields["document_number"], s.holder.number);
            assert_eq!(read.fields["surname"], s.holder.surname);
            assert_eq!(read.fields["issuing_state"], "UTO");
            // Permits and visas are Utopia's, held by a neighbour's nationals.
            assert_eq!(
                read.fields["nationality"] != "UTO",
                layout.foreign_holder(),
                "{layout:?}"
            );
            assert!(s.holder.expiry > s.holder.issue);
        }
    }
}

#[test]
fn a_defect_is_drawn_only_where_it_can_exist() {
    // A polycarbonate card has no laminate, and only a passport has pages to substitute.
    for (layout, defect) in [
        (Layout::Td1, Defect::LaminateLifting),
        (Layout::Td1, Defect::PageSubstitution),
        (Layout::Td2, Defect::PageSubstitution),
        (Layout::MrvA, Defect::PageSubstitution),
    ] {
        let s = generate(3, 4, layout, &[defect]);
        assert!(s.defects.is_empty(), "{layout:?} {defect:?}");
        assert!(
            !s.regions.iter().any(|r| r.anomaly),
            "{layout:?} {defect:?}"
        );
        assert!(s.visible == generate(3, 4, layout, &[]).visible);
    }
}

#[test]
fn a_substituted_page_is_told_by_its_perforation() {
    let genuine = generate(21, 5, Layout::Td3, &[]);
    let perforation = genuine
        .regions
        .iter()
        .find(|r| r.kind == "perforation")
        .expect("a passport is perforated");
    assert!(!perforation.anomaly);
    let swapped = generate(21, 5, Layout::Td3, &[Defect::PageSubstitution]);
    let key = swapped.regions.iter().find(|r| r.anomaly).expect("keyed");
    assert_eq!(key.kind, "page_substitution");
    assert_eq!(key.rect, perforation.rect);
    // The page's own data still agree with each other: only the perforation tells.
    assert_eq!(swapped.mrz, genuine.mrz);
    assert!(key.explanation.contains(&genuine.holder.number));
    let perforated = draw::other_number(&genuine.holder.number);
    assert_ne!(perforated, genuine.holder.number);
    assert!(key.explanation.contains(&perforated));
    // The holes differ, nothing else does.
    let differs =
        |x: u32, y: u32| genuine.visible.get_pixel(x, y) != swapped.visible.get_pixel(x, y);
    let r = key.rect;
    let mut inside = 0;
    for y in 0..genuine.visible.height() {
        for x in 0..genuine.visible.width() {
            if differs(x, y) {
                let (fx, fy) = (f64::from(x), f64::from(y));
                assert!(
                    fx >= r.x && fx < r.x + r.w && fy >= r.y && fy < r.y + r.h,
                    "({x}, {y})"
                );
                inside += 1;
            }
        }
    }
    assert!(inside > 50);
}

#[test]
fn an_imitated_ovd_has_no_colour() {
    // The mean spread between the colour channels inside the device's round design.
    let saturation = |s: &Specimen| {
        let r = s
            .regions
            .iter()
            .find(|r| r.kind == "ovd")
            .expect("an OVD")
            .rect;
        let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
        let (mut sum, mut n) = (0u64, 0u64);
        for y in r.y as u32..(r.y + r.h) as u32 {
            for x in r.x as u32..(r.x + r.w) as u32 {
                let dx = (f64::from(x) + 0.5 - cx) / (r.w / 2.0);
                let dy = (f64::from(y) + 0.5 - cy) / (r.h / 2.0);
                if dx * dx + dy * dy <= 1.0 {
                    let p = s.visible.get_pixel(x, y).0;
                    sum += u64::from(p.iter().max().unwrap() - p.iter().min().unwrap());
                    n += 1;
                }
            }
        }
        sum / n.max(1)
    };
    for layout in Layout::ALL {
        let genuine = generate(8, 1, layout, &[]);
        let fake = generate(8, 1, layout, &[Defect::MissingOvd]);
        assert!(
            genuine
                .regions
                .iter()
                .any(|r| r.kind == "ovd" && !r.anomaly)
        );
        assert!(fake.regions.iter().any(|r| r.kind == "ovd" && r.anomaly));
        let (colour, grey) = (saturation(&genuine), saturation(&fake));
        assert!(
            colour > 3 * grey && colour > 40,
            "{layout:?}: {colour} vs {grey}"
        );
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
        for layout in Layout::ALL.into_iter().filter(|l| d.applies_to(*l)) {
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
