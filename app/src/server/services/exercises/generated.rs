//! Exercises made from generated specimens: the trainer's "generate" button and the shipped
//! document-examination set.

use super::*;
use content::specimens::{self, Defect, Layout, Specimen};

/// The regions of a specimen's answer key, as exercise regions.
pub fn regions_of(s: &Specimen, keep: impl Fn(&str) -> bool) -> Vec<RegionSpec> {
    s.regions
        .iter()
        .filter(|r| keep(&r.kind))
        .map(|r| RegionSpec {
            id: r.id.clone(),
            outline: Outline::Rect {
                x: r.rect.x.round(),
                y: r.rect.y.round(),
                w: r.rect.w.round(),
                h: r.rect.h.round(),
            },
            anomaly: r.anomaly,
            kind: r.kind.clone(),
            label: r.label.clone(),
            explanation: r.explanation.clone(),
        })
        .collect()
}

/// What an exercise made from a specimen contains, before its images are stored.
pub struct Draft {
    /// Kind.
    pub kind: ExerciseKind,
    /// Title.
    pub title: String,
    /// Instructions (Markdown).
    pub instructions: String,
    /// Explanation (Markdown).
    pub explanation: String,
    /// The examined image, PNG.
    pub image: Vec<u8>,
    /// Key (images in it are filled in when stored).
    pub spec: ExerciseSpec,
    /// Other images to store: (role, PNG) with role `reference`, `bearer` or a light.
    pub extra: Vec<(String, Vec<u8>)>,
}

fn visible_only(d: &[Defect]) -> Vec<Defect> {
    d.iter()
        .copied()
        .filter(|d| *d != Defect::MissingUv)
        .collect()
}

fn layout_for(seed: u64, index: u32) -> Layout {
    if specimens::Rng::new(seed ^ u64::from(index) ^ 0x1A70).below(3) == 0 {
        Layout::Td1
    } else {
        Layout::Td3
    }
}

fn doc_name(l: Layout) -> &'static str {
    match l {
        Layout::Td3 => "passport data page",
        Layout::Td1 => "identity card",
        Layout::Td2 => "residence permit",
        Layout::MrvA => "visa",
    }
}

/// What to examine on a document of `layout` at the counter, for the instructions.
fn what_to_examine(l: Layout) -> &'static str {
    match l {
        Layout::Td3 => {
            "compare the portrait with the ghost image, tilt (look at) the optically variable device over the portrait's corner, check the laser-perforated number along the page's edge against the printed number, read the visual zone against the MRZ (recompute a check digit if in doubt), and look for erasures, changes of typeface, a lifted laminate and the background's printing"
        }
        Layout::Td1 | Layout::Td2 => {
            "compare the portrait with the ghost image, look at the optically variable device over the portrait's corner, read the visual zone against the MRZ (recompute a check digit if in doubt), and look for erasures, changes of typeface, a lifted laminate and the background's printing"
        }
        Layout::MrvA => {
            "check that the portrait is part of the foil, look at the optically variable device over the portrait's corner, check that the foil lies flat, read the visual zone against the MRZ (recompute a check digit if in doubt) and look at the background's printing"
        }
    }
}

/// A checklist item.
fn item(text: &str, key: bool) -> ChecklistItem {
    ChecklistItem {
        text: text.to_owned(),
        key,
    }
}

/// Builds the exercise of `kind` from specimen `index` of the run `seed`, with the layout and
/// defects the run draws for it.
pub fn draft(kind: ExerciseKind, seed: u64, index: u32) -> Draft {
    draft_of(
        kind,
        seed,
        index,
        layout_for(seed, index),
        specimens::defects_for(seed, index),
    )
}

/// The verdict a document with `defects` (all drawn) calls for, and the kind of forgery: a
/// reproduction of the whole document is a counterfeit; a genuine document altered is forged;
/// a lone failing check digit or name difference cannot tell which it is (refer it).
fn verdict_for(defects: &[Defect]) -> (&'static str, &'static str) {
    let has = |d: Defect| defects.contains(&d);
    if defects.is_empty() {
        ("genuine", "")
    } else if has(Defect::ScreenedBackground) || has(Defect::MissingOvd) || has(Defect::MissingUv) {
        ("counterfeit", "")
    } else if has(Defect::SubstitutedPortrait) {
        ("forged", "photo_substitution")
    } else if has(Defect::PageSubstitution) {
        ("forged", "page_substitution")
    } else if defects
        .iter()
        .all(|d| matches!(d, Defect::WrongCheckDigit | Defect::NameMismatch))
    {
        ("cannot_tell", "")
    } else if defects == [Defect::LaminateLifting] {
        // Tampered with, but what was changed beneath is for the second line to find.
        ("forged", "other")
    } else {
        ("forged", "altered_data")
    }
}

/// Builds the exercise of `kind` from specimen `index` of the run `seed`, drawn as `layout`
/// with `defects` (those the layout can show).
pub fn draft_of(
    kind: ExerciseKind,
    seed: u64,
    index: u32,
    layout: Layout,
    defects: Vec<Defect>,
) -> Draft {
    let mut defects: Vec<Defect> = defects
        .into_iter()
        .filter(|d| d.applies_to(layout))
        .collect();
    let png = specimens::png;
    let summary = |s: &Specimen| -> String {
        let lines: Vec<String> = s
            .regions
            .iter()
            .filter(|r| r.anomaly)
            .map(|r| format!("- **{}**: {}", r.label, r.explanation))
            .collect();
        if lines.is_empty() {
            "This document is genuine: every feature checked is consistent.".to_owned()
        } else {
            lines.join("\n")
        }
    };
    match kind {
        ExerciseKind::Anomalies | ExerciseKind::Compare => {
            defects = visible_only(&defects);
            if defects.is_empty() {
                defects.push(Defect::ALL[(index as usize) % 6]);
            }
            let s = specimens::generate(seed, index, layout, &defects);
            let mut spec = ExerciseSpec {
                regions: regions_of(&s, |k| k != "uv_feature"),
                ..ExerciseSpec::default()
            };
            let mut extra = Vec::new();
            let (title, instructions) = if kind == ExerciseKind::Compare {
                let reference = specimens::generate(seed, index + 10_000, layout, &[]);
                extra.push(("reference".to_owned(), png(&reference.visible)));
                spec.reference = None;
                (
                    format!(
                        "Compare a Utopian {} with the genuine specimen ({})",
                        doc_name(layout),
                        index + 1
                    ),
                    format!(
                        "On the left is the issuer's genuine specimen of this {doc}; on the right the document presented at the counter. Zoom in on both (they move together), compare layout, typefaces, the background's printing, the portrait and its optically variable device, and the MRZ, and mark every place where the questioned document departs from what a genuine one shows. Marking a genuine feature costs half a point.",
                        doc = doc_name(layout)
                    ),
                )
            } else {
                (
                    format!(
                        "Find the anomalies: Utopian {} ({})",
                        doc_name(layout),
                        index + 1
                    ),
                    format!(
                        "Examine this Utopian {doc} as you would at the counter: {what}. Place a marker on each anomaly. Marking a genuine feature or an empty area costs half a point.",
                        doc = doc_name(layout),
                        what = what_to_examine(layout)
                    ),
                )
            };
            Draft {
                kind,
                title,
                instructions,
                explanation: summary(&s),
                image: png(&s.visible),
                spec,
                extra,
            }
        }
        ExerciseKind::LightViews => {
            let pool = [
                Defect::MissingUv,
                Defect::AlteredDigit,
                Defect::SubstitutedPortrait,
            ];
            let defects: Vec<Defect> = defects.into_iter().filter(|d| pool.contains(d)).collect();
            let s = specimens::generate(seed, index, layout, &defects);
            let has = |d: Defect| defects.contains(&d);
            let views = vec![
                (
                    "visible",
                    &s.visible,
                    "Does the main portrait show the same person as the ghost image?",
                    vec![
                        "Yes, the same face and proportions",
                        "No, they show different people",
                    ],
                    usize::from(has(Defect::SubstitutedPortrait)),
                    "photo_substitution",
                    "The ghost image is printed by the issuer at personalisation; a substituted main photo no longer matches it.",
                ),
                (
                    "uv",
                    &s.uv,
                    "What does the page show under ultraviolet light?",
                    vec![
                        "Dull paper with the fluorescent emblem and security fibres",
                        "Bright blue-white paper and no emblem",
                        "Nothing changes from visible light",
                    ],
                    usize::from(has(Defect::MissingUv)),
                    "uv_feature",
                    "Security paper contains no optical brighteners, so it stays dull under UV while the fluorescent emblem and fibres light up. Ordinary paper glows.",
                ),
                (
                    "ir",
                    &s.ir,
                    "Under infrared, do all the personal data remain visible?",
                    vec![
                        "Yes: personal data, portrait and MRZ stay dark, the background disappears",
                        "No: part of a date disappears",
                    ],
                    usize::from(has(Defect::AlteredDigit)),
                    "altered_data",
                    "Personal data are printed with carbon-based ink that absorbs infrared. A digit added later with another ink disappears in IR.",
                ),
            ];
            let mut extra = Vec::new();
            let mut spec = ExerciseSpec::default();
            for (light, img, question, options, correct, feature, explanation) in views {
                extra.push((light.to_owned(), png(img)));
                spec.views.push(LightView {
                    light: light.to_owned(),
                    image: ImageRef {
                        hash: String::new(),
                        width: 0,
                        height: 0,
                    },
                    question: question.to_owned(),
                    options: options.into_iter().map(str::to_owned).collect(),
                    correct,
                    kind: feature.to_owned(),
                    explanation: explanation.to_owned(),
                });
            }
            Draft {
                kind,
                title: format!("Light views: Utopian {} ({})", doc_name(layout), index + 1),
                instructions: "Switch between visible, ultraviolet and infrared light and answer the question asked about each view. Under each light, ask what a genuine document must show before you look for what is missing.".to_owned(),
                explanation: summary(&s),
                image: png(&s.visible),
                spec,
                extra,
            }
        }
        ExerciseKind::Verdict => {
            let defects = visible_only(&defects);
            let s = specimens::generate(seed, index, layout, &defects);
            let has = |d: Defect| defects.contains(&d);
            let (verdict, forgery) = verdict_for(&defects);
            let mut features = vec![
                item(
                    if layout == Layout::MrvA {
                        "The portrait is not part of the foil (cut edges, a shadow)"
                    } else {
                        "The portrait does not match the ghost image"
                    },
                    has(Defect::SubstitutedPortrait),
                ),
                item(
                    "A field of the visual zone disagrees with the MRZ",
                    has(Defect::NameMismatch)
                        || has(Defect::DateMismatch)
                        || has(Defect::NumberMismatch),
                ),
                item("An MRZ check digit is wrong", has(Defect::WrongCheckDigit)),
                item(
                    "A date shows signs of erasure and a redrawn digit",
                    has(Defect::AlteredDigit),
                ),
                item(
                    "One field is set in a different typeface",
                    has(Defect::WrongFont),
                ),
                item(
                    "The background is a screen of dots, not continuous lines",
                    has(Defect::ScreenedBackground),
                ),
                item(
                    "The optically variable device is flat grey at every angle",
                    has(Defect::MissingOvd),
                ),
            ];
            if layout != Layout::Td1 {
                features.push(item(
                    "The laminate or foil is lifted, with trapped air",
                    has(Defect::LaminateLifting),
                ));
            }
            if layout == Layout::Td3 {
                features.push(item(
                    "The perforated number differs from the printed number",
                    has(Defect::PageSubstitution),
                ));
            }
            Draft {
                kind,
                title: format!("Verdict: Utopian {} ({})", doc_name(layout), index + 1),
                instructions: "Examine the document and give your verdict: genuine, counterfeit (the whole document reproduced), forged (a genuine document altered: say how), genuine but presented by an impostor, or cannot tell — when what you see does not tell you which, and the document goes to second line. Tick the observations that support it — and only those.".to_owned(),
                explanation: summary(&s),
                image: png(&s.visible),
                spec: ExerciseSpec {
                    verdict: Some(VerdictKey {
                        verdict: verdict.to_owned(),
                        forgery: forgery.to_owned(),
                        features,
                    }),
                    ..ExerciseSpec::default()
                },
                extra: Vec::new(),
            }
        }
        ExerciseKind::Mrz => {
            let pool = [
                Defect::WrongCheckDigit,
                Defect::NameMismatch,
                Defect::DateMismatch,
                Defect::NumberMismatch,
            ];
            let defects: Vec<Defect> = defects.into_iter().filter(|d| pool.contains(d)).collect();
            let s = specimens::generate(seed, index, layout, &defects);
            let viz = s
                .viz
                .iter()
                .map(|(f, v)| VizField {
                    field: f.clone(),
                    value: v.clone(),
                })
                .collect();
            let key = mrz_key(s.mrz.clone(), viz, 2026).ok();
            Draft {
                kind,
                title: format!("MRZ check: Utopian {} ({})", doc_name(layout), index + 1),
                instructions: "Read the machine-readable zone character by character. Check each check digit (weights 7, 3, 1; < counts 0, A = 10 … Z = 35) and compare every field with the visual zone. Then say whether the MRZ is consistent and tick each wrong field or check digit.".to_owned(),
                explanation: summary(&s),
                image: png(&s.visible),
                spec: ExerciseSpec {
                    mrz: key,
                    ..ExerciseSpec::default()
                },
                extra: Vec::new(),
            }
        }
        ExerciseKind::Impostor => {
            let s = specimens::generate(seed, index, Layout::Td3, &[]);
            let mut rng = specimens::Rng::new(seed ^ u64::from(index) ^ 0x1305);
            let same = rng.below(2) == 0;
            let bearer = if same {
                s.face
            } else {
                specimens::look_alike(&s.face, &mut rng)
            };
            let a = serde_json::to_value(s.face).unwrap_or_default();
            let b = serde_json::to_value(bearer).unwrap_or_default();
            let differs = |k: &str, tol: f64| match (a[k].as_f64(), b[k].as_f64()) {
                (Some(x), Some(y)) => (x - y).abs() > tol,
                _ => a[k] != b[k],
            };
            let reasons = vec![
                item(
                    "The shape and width of the face differ",
                    !same && differs("width", 0.04),
                ),
                item(
                    "The distance between the eyes differs",
                    !same && differs("eye_gap", 0.03),
                ),
                item(
                    "The nose is longer or shorter",
                    !same && differs("nose", 0.15),
                ),
                item(
                    "The mouth is wider or narrower",
                    !same && differs("mouth", 0.2),
                ),
                item("The hair colour differs", false),
                item("The background of the photo differs", false),
            ];
            Draft {
                kind,
                title: format!("Impostor check ({})", index + 1),
                instructions: "The passport on the left was presented with the photo of the bearer taken at the counter. Compare features that do not change with age, weight or hairstyle — face shape, distance between the eyes, nose, mouth, ears — and say whether the bearer is the holder. Tick the features that justify your answer.".to_owned(),
                explanation: if same {
                    "Same person: the stable features (face shape, eye spacing, nose and mouth) agree; only the background and lighting differ.".to_owned()
                } else {
                    "Different people: a look-alike with the same hair and skin tone, but the face shape and the distance between the eyes differ. Hair and photo background are not reliable comparison points.".to_owned()
                },
                image: png(&s.visible),
                spec: ExerciseSpec {
                    impostor: Some(ImpostorKey { bearers: Vec::new(), same_person: same, reasons }),
                    ..ExerciseSpec::default()
                },
                extra: vec![("bearer".to_owned(), png(&specimens::bearer_photo(&bearer, seed ^ u64::from(index))))],
            }
        }
    }
}

/// Stores `draft` as an exercise of course `course_id` in module `module_id`, published or
/// not; returns its id.
pub async fn store(
    db: &DatabaseConnection,
    author: Option<i64>,
    (course_id, class_id): (i64, Option<i64>),
    module_id: Option<i64>,
    draft: Draft,
    published: bool,
) -> AppResult<i64> {
    let uploader = author.unwrap_or(0);
    let main = images::store(db, uploader, draft.image).await?;
    let mut spec = draft.spec;
    let mut view = 0;
    for (role, bytes) in draft.extra {
        let image = image_ref(&images::store(db, uploader, bytes).await?);
        match role.as_str() {
            "reference" => spec.reference = Some(image),
            "bearer" => {
                if let Some(k) = spec.impostor.as_mut() {
                    k.bearers.push(image);
                }
            }
            _ => {
                if let Some(v) = spec.views.get_mut(view) {
                    v.image = image;
                }
                view += 1;
            }
        }
    }
    let position = {
        use sea_orm::PaginatorTrait;
        exercise::Entity::find()
            .filter(exercise::Column::CourseId.eq(course_id))
            .count(db)
            .await? as i32
            + 1
    };
    let now = crate::server::services::now();
    let e = exercise::ActiveModel {
        course_id: Set(course_id),
        class_id: Set(class_id),
        module_id: Set(module_id),
        position: Set(position),
        kind: Set(draft.kind),
        title: Set(draft.title.chars().take(TITLE_MAX).collect()),
        instructions: Set(draft.instructions),
        explanation: Set(draft.explanation),
        image_hash: Set(main.hash),
        width: Set(main.width as i32),
        height: Set(main.height as i32),
        spec: Set(serde_json::to_string(&spec).unwrap_or_default()),
        published: Set(published && problems(draft.kind, &spec).is_empty()),
        created_by: Set(author),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(e.id)
}

/// The trainer's button: a draft exercise of `kind` from a new specimen in course `slug`.
pub async fn generate_for(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    kind: &str,
    seed: Option<u64>,
) -> AppResult<i64> {
    let c = crate::server::services::learn::authoring::editable_course(db, user, slug).await?;
    generate_in(db, user, (c.id, None), kind, seed).await
}

/// The same button on a class's exercises: a draft for that class alone (its trainers only).
pub async fn generate_for_class(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    kind: &str,
    seed: Option<u64>,
) -> AppResult<i64> {
    let (k, c) =
        crate::server::services::learn::class_items::for_new_item(db, user, class_id).await?;
    generate_in(db, user, (c.id, Some(k.id)), kind, seed).await
}

async fn generate_in(
    db: &DatabaseConnection,
    user: &CurrentUser,
    owner: (i64, Option<i64>),
    kind: &str,
    seed: Option<u64>,
) -> AppResult<i64> {
    let kind =
        ExerciseKind::from_code(kind).ok_or(AppError::field("generate_kind", Msg::ErrInvalid))?;
    let seed = seed.unwrap_or_else(|| crate::server::services::now().unix_timestamp_nanos() as u64);
    let d = tokio::task::spawn_blocking(move || draft(kind, seed, 0))
        .await
        .map_err(|e| crate::server::errors::internal("specimen generation", e))?;
    store(db, Some(user.id), owner, None, d, false).await
}

/// Course `slug` when it is installed and has no exercise of its own yet (a shipped set is
/// made once, and never over what authors have made).
async fn course_without_exercises(
    db: &DatabaseConnection,
    slug: &str,
) -> AppResult<Option<course::Model>> {
    let Some(c) = course::Entity::find()
        .filter(course::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let has_any = exercise::Entity::find()
        .filter(exercise::Column::CourseId.eq(c.id))
        .filter(exercise::Column::ClassId.is_null())
        .one(db)
        .await?
        .is_some();
    Ok((!has_any).then_some(c))
}

/// The shipped set: 20 exercises of every kind in the document-examination course, made
/// once (a course that already has exercises is left alone). Returns how many were made.
pub async fn ensure_shipped(db: &DatabaseConnection) -> AppResult<usize> {
    let Some(c) = course_without_exercises(db, "document-examination").await? else {
        return Ok(0);
    };
    let module = |slug: &'static str| {
        let db = db.clone();
        async move {
            Ok::<_, AppError>(
                course_module::Entity::find()
                    .filter(course_module::Column::CourseId.eq(c.id))
                    .filter(course_module::Column::Slug.eq(slug))
                    .one(&db)
                    .await?
                    .map(|m| m.id),
            )
        }
    };
    let mrz_module = module("documents-and-the-mrz").await?;
    let features_module = module("security-features").await?;
    let counter_module = module("examination-at-the-counter").await?;
    let fraud_module = module("fraud-impostors-and-reporting").await?;
    use ExerciseKind as K;
    let plan: [(K, Option<i64>, u32); 20] = [
        (K::Mrz, mrz_module, 0),
        (K::Mrz, mrz_module, 1),
        (K::Mrz, mrz_module, 2),
        (K::Mrz, mrz_module, 3),
        (K::LightViews, features_module, 4),
        (K::LightViews, features_module, 5),
        (K::LightViews, features_module, 6),
        (K::Anomalies, counter_module, 7),
        (K::Anomalies, counter_module, 8),
        (K::Anomalies, counter_module, 9),
        (K::Anomalies, counter_module, 10),
        (K::Anomalies, counter_module, 11),
        (K::Compare, counter_module, 12),
        (K::Compare, counter_module, 13),
        (K::Compare, counter_module, 14),
        (K::Verdict, fraud_module, 15),
        (K::Verdict, fraud_module, 16),
        (K::Verdict, fraud_module, 17),
        (K::Impostor, fraud_module, 18),
        (K::Impostor, fraud_module, 19),
    ];
    for (kind, module_id, index) in plan {
        let d = tokio::task::spawn_blocking(move || draft(kind, SHIPPED_SEED, index))
            .await
            .map_err(|e| crate::server::errors::internal("specimen generation", e))?;
        store(db, None, (c.id, None), module_id, d, true).await?;
    }
    Ok(plan.len())
}

/// The seed of the shipped set.
pub const SHIPPED_SEED: u64 = 9303;

/// The seed of the second part's shipped set.
pub const SECOND_PART_SEED: u64 = 9304;

/// The time a first-line drill allows: about what an officer has for one traveller's
/// document at a busy primary-line desk.
pub const DRILL_SECONDS: u32 = 90;

/// One exercise of a curated set: its kind, module, document and defects, and whether it is a
/// timed first-line drill.
struct Planned {
    kind: ExerciseKind,
    module: &'static str,
    layout: Layout,
    defects: &'static [Defect],
    drill: bool,
}

const fn planned(
    kind: ExerciseKind,
    module: &'static str,
    layout: Layout,
    defects: &'static [Defect],
) -> Planned {
    Planned {
        kind,
        module,
        layout,
        defects,
        drill: false,
    }
}

/// The second part's set: each exercise shows what its module teaches — visas and a
/// substituted page; residence permits, identity cards and counterfeits without an OVD or
/// with a screened background, with three timed first-line drills (the lesson's drill);
/// what cannot be decided at the first line.
const SECOND_PART: [Planned; 26] = {
    use Defect as D;
    use ExerciseKind as K;
    use Layout as L;
    const VISAS: &str = "visas-stamps-and-pages";
    const CARDS: &str = "cards-and-counterfeits";
    const ESCALATION: &str = "identity-chips-and-escalation";
    [
        planned(K::Mrz, VISAS, L::MrvA, &[]),
        planned(K::Mrz, VISAS, L::MrvA, &[D::WrongCheckDigit]),
        planned(K::Mrz, VISAS, L::MrvA, &[D::DateMismatch]),
        planned(K::Anomalies, VISAS, L::MrvA, &[D::LaminateLifting]),
        planned(K::Anomalies, VISAS, L::MrvA, &[D::SubstitutedPortrait]),
        planned(K::Compare, VISAS, L::MrvA, &[D::MissingOvd]),
        planned(K::Anomalies, VISAS, L::Td3, &[D::PageSubstitution]),
        planned(K::Compare, VISAS, L::Td3, &[D::PageSubstitution]),
        planned(K::Verdict, VISAS, L::Td3, &[D::PageSubstitution]),
        planned(K::Mrz, CARDS, L::Td2, &[]),
        planned(K::Mrz, CARDS, L::Td2, &[D::NumberMismatch]),
        planned(K::Mrz, CARDS, L::Td1, &[D::WrongCheckDigit]),
        planned(K::Anomalies, CARDS, L::Td2, &[D::LaminateLifting]),
        planned(K::Anomalies, CARDS, L::Td1, &[D::MissingOvd]),
        planned(K::Compare, CARDS, L::Td2, &[D::ScreenedBackground]),
        planned(
            K::Compare,
            CARDS,
            L::Td3,
            &[D::MissingOvd, D::ScreenedBackground],
        ),
        planned(K::Verdict, CARDS, L::Td2, &[D::ScreenedBackground]),
        planned(K::Verdict, CARDS, L::Td1, &[]),
        planned(K::LightViews, CARDS, L::Td2, &[D::MissingUv]),
        planned(K::Verdict, CARDS, L::MrvA, &[D::MissingOvd]),
        planned(K::Verdict, ESCALATION, L::Td3, &[D::WrongCheckDigit]),
        planned(K::Verdict, ESCALATION, L::Td1, &[D::NameMismatch]),
        planned(K::Impostor, ESCALATION, L::Td3, &[]),
        Planned {
            drill: true,
            ..planned(K::Verdict, CARDS, L::MrvA, &[])
        },
        Planned {
            drill: true,
            ..planned(K::Verdict, CARDS, L::Td3, &[D::SubstitutedPortrait])
        },
        Planned {
            drill: true,
            ..planned(K::Verdict, CARDS, L::Td2, &[D::MissingOvd])
        },
    ]
};

/// The second part's shipped set in the course `document-examination-2`, made once like the
/// first part's. Returns how many were made.
pub async fn ensure_shipped_second_part(db: &DatabaseConnection) -> AppResult<usize> {
    let Some(c) = course_without_exercises(db, "document-examination-2").await? else {
        return Ok(0);
    };
    let modules: std::collections::HashMap<String, i64> = course_module::Entity::find()
        .filter(course_module::Column::CourseId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.slug, m.id))
        .collect();
    let mut drills = 0;
    for (index, p) in SECOND_PART.iter().enumerate() {
        let (kind, layout, defects) = (p.kind, p.layout, p.defects.to_vec());
        let mut d = tokio::task::spawn_blocking(move || {
            draft_of(kind, SECOND_PART_SEED, index as u32, layout, defects)
        })
        .await
        .map_err(|e| crate::server::errors::internal("specimen generation", e))?;
        if p.drill {
            drills += 1;
            d.spec.time_limit_secs = Some(DRILL_SECONDS);
            d.title = format!(
                "First-line drill {drills} of 3: {} ({DRILL_SECONDS} seconds)",
                doc_name(layout)
            );
            d.instructions = format!(
                "A traveller hands you this document at the first line and the queue is long: you have {DRILL_SECONDS} seconds from opening this page. Look at what a first-line officer can check in that time — the portrait against the ghost image, the optically variable device, the background's printing, the MRZ against the visual zone — and decide: genuine (let the traveller through), counterfeit or forged (refer to second line and say why), or cannot tell (refer). An answer after the time earns no points. {}",
                d.instructions
            );
        }
        store(
            db,
            None,
            (c.id, None),
            modules.get(p.module).copied(),
            d,
            true,
        )
        .await?;
    }
    Ok(SECOND_PART.len())
}
