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
