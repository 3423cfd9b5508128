//! One specimen drawn whole: the page under visible light with its defects, the answer key's
//! regions, and the same page under ultraviolet and infrared light.

use super::*;

/// Generates specimen `index` of the run with `seed`, with `defects` (those that
/// [apply](Defect::applies_to) to `layout`), issued by Utopia to a fictional Utopian (a
/// passport or identity card) or to a national of a neighbouring state (a residence permit or
/// visa). The same arguments always give the same specimen.
pub fn generate(seed: u64, index: u32, layout: Layout, defects: &[Defect]) -> Specimen {
    let mut rng = run_rng(seed, index);
    let mut h = holder(&mut rng);
    as_foreigner(
        &mut h,
        layout,
        &mut Rng::new(seed ^ u64::from(index) ^ 0xF0E1),
    );
    let face = random_face(&mut rng);
    draw_specimen((seed, index), rng, layout, defects, h, face, &UTOPIA)
}

/// Generates a specimen for a given holder and face, issued by `issuer` (the border desk's
/// travellers). The same arguments always give the same specimen.
pub fn generate_for(
    seed: u64,
    index: u32,
    layout: Layout,
    defects: &[Defect],
    holder: Holder,
    face: Face,
    issuer: &Issuer,
) -> Specimen {
    draw_specimen(
        (seed, index),
        run_rng(seed, index),
        layout,
        defects,
        holder,
        face,
        issuer,
    )
}

/// What a specimen prints: the MRZ (with a check digit altered when that is a defect) and the
/// visual zone's data (changed by the mismatch defects), with where the alterations are.
struct Printed {
    mrz: Vec<String>,
    printed: Holder,
    /// The printed expiry's altered character, when that is a defect.
    altered_expiry: Option<usize>,
    /// The MRZ line and column of the altered check digit.
    wrong_digit: Option<(usize, usize)>,
}

fn printed(rng: &mut Rng, layout: Layout, defects: &[Defect], h: &Holder) -> Printed {
    let mut mrz = mrz_of(layout, h);
    let mut printed = h.clone();
    // Data changed on the visual zone.
    if defects.contains(&Defect::NameMismatch) {
        let mut s: Vec<char> = printed.surname.chars().collect();
        let i = 1 + rng.below(s.len() as u64 - 2) as usize;
        s[i] = if s[i] == 'A' { 'E' } else { 'A' };
        printed.surname = s.into_iter().collect();
    }
    if defects.contains(&Defect::DateMismatch) {
        let day: u32 = printed.birth[8..10].parse().unwrap_or(1);
        let new_day = if day >= 28 { day - 10 } else { day + 1 };
        printed.birth = format!("{}{:02}", &printed.birth[..8], new_day);
    }
    if defects.contains(&Defect::NumberMismatch) {
        let mut n: Vec<char> = printed.number.chars().collect();
        let i = 2 + rng.below(7) as usize;
        let d = n[i].to_digit(10).unwrap_or(0);
        n[i] = char::from_digit((d + 3) % 10, 10).unwrap_or('0');
        printed.number = n.into_iter().collect();
    }
    let altered_expiry = defects.contains(&Defect::AlteredDigit).then(|| {
        // The last digit of the expiry year, changed by one to three years.
        let y: i32 = printed.expiry[0..4].parse().unwrap_or(2030);
        // Only the last digit changes (no carry into the decade).
        let last = y % 10;
        let step = 1 + rng.below(3) as i32;
        let new_last = if last + step <= 9 {
            last + step
        } else {
            (last - step).max(0)
        };
        let new_year = y - last + new_last;
        printed.expiry = format!("{new_year:04}{}", &printed.expiry[4..]);
        // Which character of the printed date ("DD MON YYYY") changed.
        10usize
    });
    // MRZ check digit altered.
    let wrong_digit = defects.contains(&Defect::WrongCheckDigit).then(|| {
        let (line, col) = match layout {
            Layout::Td1 => (*rng.pick(&[0usize, 1]), 0),
            // Passport, permit and visa: the second line's number, birth or expiry digit.
            Layout::Td3 | Layout::Td2 | Layout::MrvA => (1usize, *rng.pick(&[9usize, 19, 27])),
        };
        let col = match (layout, line) {
            (Layout::Td1, 0) => 14,
            (Layout::Td1, _) => *rng.pick(&[6usize, 14]),
            _ => col,
        };
        let mut chars: Vec<char> = mrz[line].chars().collect();
        let d = chars[col].to_digit(10).unwrap_or(0);
        chars[col] = char::from_digit((d + 1 + rng.below(8) as u32) % 10, 10).unwrap_or('0');
        mrz[line] = chars.into_iter().collect();
        (line, col)
    });

    Printed {
        mrz,
        printed,
        altered_expiry,
        wrong_digit,
    }
}

/// The MRZ lines specimen `index` of the run with `seed` prints for `holder` with `defects`:
/// the lines [`generate_for`] draws, without drawing the page.
pub fn mrz_for(
    seed: u64,
    index: u32,
    layout: Layout,
    defects: &[Defect],
    holder: &Holder,
) -> Vec<String> {
    printed(&mut run_rng(seed, index), layout, defects, holder).mrz
}

fn run_rng(seed: u64, index: u32) -> Rng {
    Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(u64::from(index)))
}

fn draw_specimen(
    (seed, index): (u64, u32),
    mut rng: Rng,
    layout: Layout,
    defects: &[Defect],
    h: Holder,
    face: Face,
    issuer: &Issuer,
) -> Specimen {
    let font = FontRef::try_from_slice(FONT).expect("the bundled font is valid");
    let defects: Vec<Defect> = defects
        .iter()
        .copied()
        .filter(|d| d.applies_to(layout))
        .collect();
    let defects = &defects[..];
    let Printed {
        mrz,
        printed,
        altered_expiry,
        wrong_digit,
    } = printed(&mut rng, layout, defects, &h);
    let mut regions: Vec<KeyRegion> = Vec::new();

    // Page geometry.
    let (pw, ph) = match layout {
        Layout::Td3 => (1250u32, 880u32),
        Layout::Td1 => (856u32, 1140u32),
        Layout::Td2 => (1050u32, 740u32),
        Layout::MrvA => (1250u32, 840u32),
    };
    let mut page = RgbImage::from_pixel(pw, ph, Rgb([250, 250, 248]));
    let card_h = 540.0;
    let front = Rect {
        x: 0.0,
        y: 0.0,
        w: f64::from(pw),
        h: if layout == Layout::Td1 {
            card_h
        } else {
            f64::from(ph)
        },
    };
    let screened_background = defects.contains(&Defect::ScreenedBackground);
    let background = |page: &mut RgbImage, area: Rect, rng: &mut Rng| {
        if screened_background {
            screened(page, area, rng)
        } else {
            guilloche(page, area, rng)
        }
    };
    background(&mut page, front, &mut rng);
    let back = (layout == Layout::Td1).then(|| Rect {
        x: 0.0,
        y: card_h + 60.0,
        w: f64::from(pw),
        h: card_h,
    });
    if let Some(b) = back {
        fill_rect(
            &mut page,
            Rect {
                x: 0.0,
                y: card_h,
                w: f64::from(pw),
                h: 60.0,
            },
            [255, 255, 255],
            1.0,
        );
        background(&mut page, b, &mut rng);
    }
    let ink = [25, 30, 45];
    let label_ink = [70, 90, 120];
    let s = |size: f32| Style::new(size, ink);
    let l = |size: f32| Style::new(size, label_ink);
    let (k, title_size, field, label) = match layout {
        Layout::Td3 | Layout::MrvA => (1.0, 34.0, 27.0, 15.0),
        Layout::Td1 => (0.68, 26.0, 21.0, 12.0),
        Layout::Td2 => (0.8, 28.0, 23.0, 13.0),
    };
    // Header.
    text(
        &mut page,
        &font,
        issuer.state,
        40.0 * k,
        22.0 * k,
        Style {
            bold: true,
            ..s(title_size)
        },
    );
    let doc_title = match layout {
        Layout::Td3 => "PASSPORT / PASSEPORT",
        Layout::Td1 => "IDENTITY CARD / CARTE D'IDENTITÉ",
        Layout::Td2 => "RESIDENCE PERMIT / TITRE DE SÉJOUR",
        Layout::MrvA => "VISA / VISA",
    };
    text(
        &mut page,
        &font,
        doc_title,
        40.0 * k,
        64.0 * k,
        l(label + 4.0),
    );
    // Portrait and ghost image.
    let portrait = Rect {
        x: 40.0 * k,
        y: 120.0 * k,
        w: 300.0 * k,
        h: 380.0 * k,
    };
    let substituted = defects.contains(&Defect::SubstitutedPortrait);
    let shown_face = if substituted {
        look_alike(&face, &mut rng)
    } else {
        face
    };
    draw_face(&mut page, &shown_face, portrait, [214, 222, 230], 1.0);
    let ghost = Rect {
        x: f64::from(pw) - 210.0 * k,
        y: 150.0 * k,
        w: 150.0 * k,
        h: 190.0 * k,
    };
    // A visa foil carries no ghost image.
    let has_ghost = layout != Layout::MrvA;
    if has_ghost {
        draw_face(&mut page, &face, ghost, [235, 238, 240], 0.35);
    }
    if substituted {
        // The new photo's edge: a lifted laminate line and a slight shadow.
        line(
            &mut page,
            (portrait.x - 3.0, portrait.y + portrait.h + 3.0),
            (portrait.x + portrait.w + 4.0, portrait.y + portrait.h + 2.0),
            2.0,
            [120, 120, 120],
            0.8,
        );
        line(
            &mut page,
            (portrait.x + portrait.w + 3.0, portrait.y - 2.0),
            (portrait.x + portrait.w + 4.0, portrait.y + portrait.h + 2.0),
            2.0,
            [120, 120, 120],
            0.8,
        );
    }
    // Visual zone.
    let col1 = portrait.x + portrait.w + 40.0 * k;
    let col2 = col1 + 330.0 * k;
    let row = |i: f64| 120.0 * k + i * 66.0 * k;
    let mut field_at: Vec<(&str, Rect)> = Vec::new();
    let mut put = |page: &mut RgbImage,
                   name: &'static str,
                   lab: &str,
                   value: &str,
                   x: f64,
                   y: f64,
                   st: Style| {
        text(page, &font, lab, x, y, l(label));
        let w = text(page, &font, value, x, y + label as f64 + 4.0 * k, st);
        field_at.push((
            name,
            Rect {
                x: x - 6.0,
                y: y + label as f64,
                w: w + 12.0,
                h: field as f64 + 14.0 * k,
            },
        ));
    };
    // What each layout calls its fields: a visa names its category, the state it is valid
    // for, the entries and stay allowed and its validity; a permit its kind.
    let (type_label, type_value, code_label, code_value, number_label) = match layout {
        Layout::Td3 => (
            "Type / Type",
            "P",
            "Code / Code",
            issuer.code,
            "Document No. / N° du document",
        ),
        Layout::Td1 => (
            "Type / Type",
            "ID",
            "Code / Code",
            issuer.code,
            "Document No. / N° du document",
        ),
        Layout::Td2 => (
            "Type / Type",
            "IR",
            "Code / Code",
            issuer.code,
            "Permit No. / N° du titre",
        ),
        Layout::MrvA => (
            "Type / Type",
            "C",
            "Valid for / Valable",
            "UTOPIA",
            "Visa No. / N° du visa",
        ),
    };
    let permit_kind = ["EMPLOYMENT", "FAMILY MEMBER", "STUDIES"]
        [h.number.bytes().map(usize::from).sum::<usize>() % 3];
    let (place_label, place_value) = match layout {
        Layout::Td2 => ("Remarks / Remarques", permit_kind.to_owned()),
        Layout::MrvA => (
            "Entries · Stay / Entrées · Séjour",
            "MULT · 30 DAYS".to_owned(),
        ),
        Layout::Td3 | Layout::Td1 => ("Place of birth / Lieu de naissance", printed.place.clone()),
    };
    let (issue_label, expiry_label) = match layout {
        Layout::MrvA => ("From / Du", "Until / Au"),
        _ => (
            "Date of issue / Date de délivrance",
            "Date of expiry / Date d'expiration",
        ),
    };
    let nationality = if layout.foreign_holder() {
        nationality_name(&h.nationality)
    } else {
        issuer.nationality
    };
    put(
        &mut page,
        "type",
        type_label,
        type_value,
        col1,
        row(0.0),
        s(field),
    );
    put(
        &mut page,
        "code",
        code_label,
        code_value,
        col1 + 170.0 * k,
        row(0.0),
        s(field),
    );
    put(
        &mut page,
        "number",
        number_label,
        &printed.number,
        col2,
        row(0.0),
        s(field),
    );
    put(
        &mut page,
        "surname",
        "Surname / Nom",
        &printed.surname,
        col1,
        row(1.0),
        s(field),
    );
    let given_style = if defects.contains(&Defect::WrongFont) {
        Style {
            stretch: 1.28,
            bold: true,
            ..s(field - 1.0)
        }
    } else {
        s(field)
    };
    put(
        &mut page,
        "given_names",
        "Given names / Prénoms",
        &printed.given_names,
        col1,
        row(2.0),
        given_style,
    );
    put(
        &mut page,
        "nationality",
        "Nationality / Nationalité",
        nationality,
        col1,
        row(3.0),
        s(field),
    );
    put(
        &mut page,
        "birth",
        "Date of birth / Date de naissance",
        &human_date(&printed.birth),
        col1,
        row(4.0),
        s(field),
    );
    put(
        &mut page,
        "sex",
        "Sex / Sexe",
        &printed.sex.to_string(),
        col2,
        row(4.0),
        s(field),
    );
    put(
        &mut page,
        "place",
        place_label,
        &place_value,
        col1,
        row(5.0),
        s(field),
    );
    put(
        &mut page,
        "issue",
        issue_label,
        &human_date(&printed.issue),
        col1,
        row(6.0),
        s(field),
    );
    put(
        &mut page,
        "expiry",
        expiry_label,
        &human_date(&printed.expiry),
        col2,
        row(6.0),
        s(field),
    );
    let expiry_rect = field_at
        .iter()
        .find(|(n, _)| *n == "expiry")
        .map(|(_, r)| *r)
        .unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            w: 1.0,
            h: 1.0,
        });
    if altered_expiry.is_some() {
        // Erasure halo and a re-drawn digit in a slightly different ink, a little off line.
        let cell = expiry_rect.w / 11.0;
        let dx = expiry_rect.x + 6.0 + cell * 9.6;
        let halo = Rect {
            x: dx - 4.0,
            y: expiry_rect.y + 2.0,
            w: cell * 1.6,
            h: expiry_rect.h - 4.0,
        };
        fill_rect(&mut page, halo, [246, 246, 240], 0.75);
        let digit = printed.expiry[3..4].to_owned();
        text(
            &mut page,
            &font,
            &digit,
            dx,
            expiry_rect.y + 6.0 + 2.0 * k,
            Style::new(field, [40, 50, 90]),
        );
    }
    // MRZ.
    let (mrz_size, cell) = match layout {
        Layout::Td3 | Layout::Td2 | Layout::MrvA => (30.0f32, 26.6f32),
        Layout::Td1 => (30.0, 26.0),
    };
    let mrz_top = match layout {
        Layout::Td3 | Layout::Td2 | Layout::MrvA => f64::from(ph) - 130.0,
        Layout::Td1 => card_h + 60.0 + card_h - 170.0,
    };
    let mrz_left = match layout {
        Layout::Td3 | Layout::Td2 | Layout::MrvA => 40.0,
        Layout::Td1 => 38.0,
    };
    fill_rect(
        &mut page,
        Rect {
            x: 0.0,
            y: mrz_top - 18.0,
            w: f64::from(pw),
            h: f64::from(ph) - mrz_top + 18.0,
        },
        [250, 250, 246],
        0.85,
    );
    for (i, m) in mrz.iter().enumerate() {
        text(
            &mut page,
            &font,
            m,
            mrz_left,
            mrz_top + i as f64 * 46.0,
            Style {
                cell: Some(cell),
                ..Style::new(mrz_size, [10, 10, 10])
            },
        );
    }
    let mrz_cell = |line: usize, col: usize| Rect {
        x: mrz_left + col as f64 * f64::from(cell) - 4.0,
        y: mrz_top + line as f64 * 46.0 - 4.0,
        w: f64::from(cell) + 8.0,
        h: 44.0,
    };
    if let Some(b) = back {
        text(
            &mut page,
            &font,
            &format!("Authority / Autorité: {}", issuer.authority),
            40.0,
            b.y + 40.0,
            l(label + 2.0),
        );
        text(
            &mut page,
            &font,
            &format!("Place of birth: {}", printed.place),
            40.0,
            b.y + 80.0,
            s(field),
        );
    }

    // The optically variable device over the portrait's lower corner (so the photo cannot be
    // replaced without damaging it); a counterfeit imitates it in flat metallic ink.
    let ovd = Rect {
        x: portrait.x + portrait.w - 80.0 * k,
        y: portrait.y + portrait.h - 80.0 * k,
        w: 120.0 * k,
        h: 100.0 * k,
    };
    let missing_ovd = defects.contains(&Defect::MissingOvd);
    if missing_ovd {
        flat_ovd(&mut page, ovd);
    } else {
        diffractive_ovd(&mut page, ovd);
    }
    // The document number laser-perforated through the passport's pages, read along the
    // page's outer edge; a substituted page carries the number of the booklet it came from.
    let perforation = (layout == Layout::Td3).then(|| {
        let substituted_page = defects.contains(&Defect::PageSubstitution);
        let number = if substituted_page {
            other_number(&h.number)
        } else {
            h.number.clone()
        };
        perforate(&mut page, &font, &number, f64::from(pw) - 46.0, 372.0)
    });
    // A lifted laminate (or visa foil) along the portrait's upper edge: a raised, glossy edge
    // with trapped air and a cut where the blade went in.
    let laminate = Rect {
        x: portrait.x - 8.0 * k,
        y: portrait.y - 16.0 * k,
        w: portrait.w * 0.7,
        h: 70.0 * k,
    };
    if defects.contains(&Defect::LaminateLifting) {
        lifted_laminate(&mut page, laminate, &mut rng);
    }

    // Answer key regions.
    let find = |n: &str| {
        field_at
            .iter()
            .find(|(f, _)| *f == n)
            .map(|(_, r)| *r)
            .unwrap_or(Rect {
                x: 0.0,
                y: 0.0,
                w: 1.0,
                h: 1.0,
            })
    };
    let mut add = |anomaly: bool, kind: &str, rect: Rect, label: &str, explanation: String| {
        let id = format!("r{}", regions.len() + 1);
        regions.push(KeyRegion {
            id,
            rect,
            anomaly,
            kind: kind.to_owned(),
            label: label.to_owned(),
            explanation,
        });
    };
    if let Some((line_no, col)) = wrong_digit {
        let given = mrz[line_no].chars().nth(col).unwrap_or('?');
        add(
            true,
            "check_digit",
            mrz_cell(line_no, col),
            "MRZ check digit",
            format!(
                "The check digit at line {}, position {} reads {given}; computed over its field with weights 7, 3, 1 it should be different. A wrong check digit means the MRZ was retyped or altered.",
                line_no + 1,
                col + 1
            ),
        );
    }
    if defects.contains(&Defect::NameMismatch) {
        add(
            true,
            "viz_mrz_mismatch",
            find("surname"),
            "Surname differs from the MRZ",
            format!(
                "The visual zone reads {} but the MRZ reads {}. The data page was altered or the MRZ belongs to another page.",
                printed.surname, h.surname
            ),
        );
    }
    if defects.contains(&Defect::DateMismatch) {
        add(
            true,
            "viz_mrz_mismatch",
            find("birth"),
            "Date of birth differs from the MRZ",
            format!(
                "The visual zone gives {} but the MRZ encodes {} ({}).",
                human_date(&printed.birth),
                yymmdd(&h.birth),
                human_date(&h.birth)
            ),
        );
    }
    if defects.contains(&Defect::NumberMismatch) {
        add(
            true,
            "viz_mrz_mismatch",
            find("number"),
            "Document number differs from the MRZ",
            format!(
                "The visual zone reads {} but the MRZ reads {}.",
                printed.number, h.number
            ),
        );
    }
    if altered_expiry.is_some() {
        add(
            true,
            "altered_data",
            expiry_rect,
            "Altered expiry date",
            format!(
                "One digit of the expiry year was erased and redrawn: the paper is lighter around it, the ink colour differs and the digit sits off the line. The MRZ still gives {}.",
                human_date(&h.expiry)
            ),
        );
    }
    if substituted {
        let why = if has_ghost {
            "The portrait does not match the ghost image (face width, eye spacing) and the laminate is lifted along its edge: the photo was replaced."
        } else {
            "The photo was cut out and laid on the foil: its edges cast a shadow and the foil's printed background does not run into it. On a genuine visa the portrait is printed into the foil with the data."
        };
        add(
            true,
            "photo_substitution",
            portrait,
            "Substituted portrait",
            why.to_owned(),
        );
    }
    if defects.contains(&Defect::LaminateLifting) {
        let what = if layout == Layout::MrvA {
            "The visa foil's edge is raised and glossy, with trapped air beneath it and a cut along the portrait: the foil was peeled off (to move it to another passport or to reach the data) and pressed back. A genuine foil lies flat and cannot be lifted without tearing."
        } else {
            "The laminate is raised along the portrait's upper edge, with trapped air beneath it and a cut where a blade went in: it was lifted to reach the data or the photo and pressed back. A genuine laminate lies flat and is fused to the page."
        };
        add(
            true,
            "laminate",
            laminate,
            "Lifted laminate",
            what.to_owned(),
        );
    }
    if missing_ovd {
        add(
            true,
            "ovd",
            ovd,
            "Imitated optically variable device",
            "Where the issuer lays a diffractive device over the portrait's corner, this document has a patch of flat metallic ink: the same dull grey at every angle, with no colour shift and no moving image. An OVD cannot be printed, so this is a counterfeit (or a genuine document whose OVD was removed).".to_owned(),
        );
    } else {
        add(
            false,
            "ovd",
            ovd,
            "Optically variable device",
            "A diffractive device (kinegram type) over the portrait's corner: its colours and image change as the document is tilted under a light. It cannot be reproduced by printing or scanning, and it overlaps the portrait so the photo cannot be replaced without damaging it.".to_owned(),
        );
    }
    if let Some(at) = perforation {
        if defects.contains(&Defect::PageSubstitution) {
            add(
                true,
                "page_substitution",
                at,
                "Perforated number differs",
                format!(
                    "The number laser-perforated through the booklet reads {} but the data page and the MRZ give {}: the data page comes from another passport and was sewn into this one. Check the stitching at the fold and the page numbering too.",
                    other_number(&h.number),
                    h.number
                ),
            );
        } else {
            add(
                false,
                "perforation",
                at,
                "Laser-perforated number",
                "The document number burnt through every page of the booklet by a laser: small holes with darkened edges, the same number as the data page and the MRZ.".to_owned(),
            );
        }
    }
    if defects.contains(&Defect::WrongFont) {
        add(true, "font", find("given_names"), "Given names in another typeface", "The given names are wider and heavier than every other field: they were printed separately, in a different typeface.".to_owned());
    }
    if has_ghost {
        add(false, "ghost_image", ghost, "Ghost image", "A secondary portrait printed by the issuer during personalisation (a portrait feature, not an optically variable device). Compare it with the main portrait: they must show the same person.".to_owned());
    }
    let background_sample = Rect {
        x: f64::from(pw) * 0.55,
        y: 10.0,
        w: f64::from(pw) * 0.4,
        h: 90.0 * k,
    };
    if screened_background {
        add(
            true,
            "printing_method",
            background_sample,
            "Screened background",
            "Under the loupe the background is a regular screen of dots (the halftone of office or commercial four-colour printing) instead of continuous fine lines: the page was reproduced, not printed by the issuer.".to_owned(),
        );
    } else {
        add(
            false,
            "guilloche",
            background_sample,
            "Guilloche background",
            "Fine interlaced lines printed across the page; continuous and sharp on a genuine page."
                .to_owned(),
        );
    }

    // Ultraviolet: dull paper, fluorescent emblem and fibres, glowing number; a counterfeit
    // (missing UV) has bright paper and no emblem.
    let missing_uv = defects.contains(&Defect::MissingUv);
    let mut uv = RgbImage::from_pixel(
        pw,
        ph,
        if missing_uv {
            Rgb([120, 130, 210])
        } else {
            Rgb([22, 20, 52])
        },
    );
    let mut fibres = Rng::new(seed ^ u64::from(index) ^ 0xF1B2);
    for _ in 0..140 {
        let (x, y) = (fibres.unit() * f64::from(pw), fibres.unit() * f64::from(ph));
        let a = fibres.unit() * std::f64::consts::PI;
        let c = *fibres.pick(&[[255, 230, 60], [255, 80, 80], [80, 200, 255]]);
        if !missing_uv {
            line(
                &mut uv,
                (x, y),
                (x + 14.0 * a.cos(), y + 14.0 * a.sin()),
                1.6,
                c,
                0.9,
            );
        }
    }
    let emblem = (front.w * 0.72, front.h * 0.62, 90.0 * k);
    if !missing_uv {
        uv_emblem(&mut uv, emblem.0, emblem.1, emblem.2);
        text(
            &mut uv,
            &font,
            &h.number,
            col2,
            row(0.0) + label as f64 + 4.0 * k,
            Style::new(field, [255, 200, 60]),
        );
    }
    draw_face(&mut uv, &shown_face, portrait, [30, 28, 60], 0.35);
    if missing_uv {
        add(true, "uv_feature", Rect { x: emblem.0 - emblem.2, y: emblem.1 - emblem.2, w: emblem.2 * 2.0, h: emblem.2 * 2.0 }, "UV emblem missing", "Under ultraviolet light the page should stay dull, with the fluorescent national emblem and fibres. Here the paper glows bright blue (optical brighteners of ordinary paper) and the emblem is absent: a counterfeit.".to_owned());
    }

    // Infrared: only the carbon-based personal data, portrait and MRZ remain.
    let mut ir = RgbImage::from_pixel(pw, ph, Rgb([205, 205, 205]));
    for (name, r) in &field_at {
        if matches!(
            *name,
            "number" | "surname" | "given_names" | "birth" | "expiry"
        ) {
            for y in r.y as u32..(r.y + r.h).min(f64::from(ph)) as u32 {
                for x in r.x.max(0.0) as u32..(r.x + r.w).min(f64::from(pw)) as u32 {
                    let p = page.get_pixel(x, y).0;
                    let dark = p.iter().map(|v| u32::from(*v)).sum::<u32>() < 300;
                    if dark {
                        ir.put_pixel(x, y, Rgb([40, 40, 40]));
                    }
                }
            }
        }
    }
    if altered_expiry.is_some() {
        // The redrawn digit was written in an ink that vanishes in infrared.
        let cell = expiry_rect.w / 11.0;
        fill_rect(
            &mut ir,
            Rect {
                x: expiry_rect.x + 6.0 + cell * 9.6 - 2.0,
                y: expiry_rect.y,
                w: cell * 1.3,
                h: expiry_rect.h,
            },
            [205, 205, 205],
            1.0,
        );
    }
    for y in (mrz_top - 10.0) as u32..(mrz_top + mrz.len() as f64 * 46.0) as u32 {
        for x in 0..pw {
            if y < ph && page.get_pixel(x, y).0[0] < 90 {
                ir.put_pixel(x, y, Rgb([20, 20, 20]));
            }
        }
    }
    for y in portrait.y as u32..(portrait.y + portrait.h) as u32 {
        for x in portrait.x as u32..(portrait.x + portrait.w) as u32 {
            let p = page.get_pixel(x, y).0;
            let g = (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
            ir.put_pixel(x, y, Rgb([g as u8; 3]));
        }
    }

    let viz = vec![
        ("surname".to_owned(), printed.surname.clone()),
        ("given_names".to_owned(), printed.given_names.clone()),
        ("document_number".to_owned(), printed.number.clone()),
        ("nationality".to_owned(), h.nationality.clone()),
        ("birth_date".to_owned(), printed.birth.clone()),
        ("sex".to_owned(), printed.sex.to_string()),
        ("expiry_date".to_owned(), printed.expiry.clone()),
    ];
    Specimen {
        layout,
        holder: h,
        mrz,
        viz,
        defects: defects.to_vec(),
        visible: page,
        uv,
        ir,
        face,
        regions,
    }
}
