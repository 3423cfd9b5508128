//! Authoring: creating an exercise around its image, the editor and each of its changes,
//! the answer keys (regions, MRZ, verdict, light views, impostor), publishing and deletion.

use super::*;

/// Creates a draft exercise of `kind` in course `slug` around the uploaded image.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    kind: &str,
    title: &str,
    image: Vec<u8>,
) -> AppResult<i64> {
    let c = crate::server::services::learn::authoring::editable_course(db, user, slug).await?;
    let kind = ExerciseKind::from_code(kind).ok_or(AppError::field("kind", Msg::ErrInvalid))?;
    let title = title.trim();
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        return Err(AppError::field("title", Msg::ErrTitleRequired));
    }
    let stored = images::store(db, user.id, image).await?;
    let position = exercise::Entity::find()
        .filter(exercise::Column::CourseId.eq(c.id))
        .count(db)
        .await? as i32
        + 1;
    let now = crate::server::services::now();
    let e = exercise::ActiveModel {
        course_id: Set(c.id),
        module_id: Set(None),
        position: Set(position),
        kind: Set(kind.code().to_owned()),
        title: Set(title.to_owned()),
        instructions: Set(String::new()),
        explanation: Set(String::new()),
        image_hash: Set(stored.hash.clone()),
        width: Set(stored.width as i32),
        height: Set(stored.height as i32),
        spec: Set(serde_json::to_string(&ExerciseSpec::default()).unwrap_or_default()),
        published: Set(false),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(e.id)
}

/// What keeps an exercise from being published (empty when it is ready).
pub fn problems(kind: ExerciseKind, spec: &ExerciseSpec) -> Vec<Msg> {
    let mut out = Vec::new();
    match kind {
        ExerciseKind::Anomalies | ExerciseKind::Compare => {
            if !spec.regions.iter().any(|r| r.anomaly) {
                out.push(Msg::ExNeedsAnomaly);
            }
            if kind == ExerciseKind::Compare && spec.reference.is_none() {
                out.push(Msg::ExNeedsReference);
            }
        }
        ExerciseKind::LightViews => {
            if spec.views.len() < 2 {
                out.push(Msg::ExNeedsViews);
            }
        }
        ExerciseKind::Verdict => {
            if spec.verdict.is_none() {
                out.push(Msg::ExNeedsKey);
            }
        }
        ExerciseKind::Mrz => {
            if spec.mrz.is_none() {
                out.push(Msg::ExNeedsKey);
            }
        }
        ExerciseKind::Impostor => match &spec.impostor {
            None => out.push(Msg::ExNeedsKey),
            Some(k) if k.bearers.is_empty() => out.push(Msg::ExNeedsBearer),
            Some(_) => {}
        },
    }
    out
}

/// The exercise editor.
pub async fn editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<ExerciseEditor> {
    let (e, c) = editable(db, user, id).await?;
    let kind = kind_of(&e)?;
    let spec = spec_of(&e)?;
    let modules = crate::server::services::learn::courses::modules_in_order(db, c.id)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    Ok(ExerciseEditor {
        id: e.id,
        course_slug: c.slug,
        course_title: c.title,
        kind,
        title: e.title,
        module_id: e.module_id,
        modules,
        instructions: e.instructions,
        explanation: e.explanation,
        image: ImageRef {
            hash: e.image_hash,
            width: e.width,
            height: e.height,
        },
        problems: problems(kind, &spec),
        spec,
        published: e.published,
    })
}

/// Every value of a repeated field.
pub(super) fn values<'a>(
    fields: &'a [(String, String)],
    name: &'a str,
) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

pub(super) fn checked_text(text: &str, name: &str, max: usize) -> AppResult<String> {
    let t = text.trim();
    if t.chars().count() > max {
        return Err(AppError::field(name, Msg::ErrTooLong));
    }
    Ok(t.to_owned())
}

/// A checklist typed one entry per line, key entries starting with `*`.
pub(super) fn checklist(text: &str, name: &str) -> AppResult<Vec<ChecklistItem>> {
    let items: Vec<ChecklistItem> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.strip_prefix('*') {
            Some(rest) => ChecklistItem {
                text: rest.trim().to_owned(),
                key: true,
            },
            None => ChecklistItem {
                text: l.to_owned(),
                key: false,
            },
        })
        .collect();
    if items.len() > PARTS_MAX || items.iter().any(|i| i.text.chars().count() > 300) {
        return Err(AppError::field(name, Msg::ErrTooLong));
    }
    Ok(items)
}

/// The assessments-crate shape of an outline.
pub fn shape_of(o: &Outline) -> geo::Shape {
    match o {
        Outline::Rect { x, y, w, h } => geo::Shape::Rect {
            x: *x,
            y: *y,
            w: *w,
            h: *h,
        },
        Outline::Circle { cx, cy, r } => geo::Shape::Circle {
            cx: *cx,
            cy: *cy,
            r: *r,
        },
        Outline::Polygon { points } => geo::Shape::Polygon {
            points: points
                .iter()
                .map(|p| geo::Point { x: p.x, y: p.y })
                .collect(),
        },
    }
}

pub(super) fn shape_message(e: geo::ShapeError) -> Msg {
    match e {
        geo::ShapeError::PolygonPoints => Msg::ErrPolygonPoints,
        geo::ShapeError::SelfIntersecting => Msg::ErrPolygonCrossing,
        geo::ShapeError::OutsideImage => Msg::ErrShapeOutside,
        geo::ShapeError::Degenerate => Msg::ErrShapeEmpty,
    }
}

/// Reads and checks a region from the region form of the editor.
pub(super) fn region_from(
    fields: &[(String, String)],
    id: String,
    width: i32,
    height: i32,
) -> AppResult<RegionSpec> {
    let outline = Outline::parse(field(fields, "shape"), field(fields, "coords"))
        .ok_or(AppError::field("coords", Msg::ErrCoords))?;
    shape_of(&outline)
        .validate(width as f64, height as f64)
        .map_err(|e| AppError::field("coords", shape_message(e)))?;
    let kind = field(fields, "feature");
    if !FEATURE_KINDS.iter().any(|(c, _)| *c == kind) {
        return Err(AppError::field("feature", Msg::ErrInvalid));
    }
    let label = checked_text(field(fields, "label"), "label", 200)?;
    if label.is_empty() {
        return Err(AppError::field("label", Msg::ErrRegionLabel));
    }
    Ok(RegionSpec {
        id,
        outline,
        anomaly: field(fields, "anomaly") == "1",
        kind: kind.to_owned(),
        label,
        explanation: checked_text(field(fields, "explanation"), "explanation", 4000)?,
    })
}

/// The VIZ fields the MRZ form asks for.
pub const VIZ_FIELDS: [&str; 7] = [
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
];

/// Works out which fields of the MRZ are wrong: its own check digits and codes (by the MRZ
/// engine), and each field that disagrees with the visual zone.
pub fn mrz_key(lines: Vec<String>, viz: Vec<VizField>, year: i32) -> AppResult<MrzKey> {
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let read = assessments::mrz::check(&refs, year)
        .map_err(|_| AppError::field("mrz_lines", Msg::ErrMrzUnreadable))?;
    let mut wrong: Vec<String> = Vec::new();
    let mut reasons: Vec<(String, String)> = Vec::new();
    let mut add = |field: &str, reason: String| {
        if !wrong.iter().any(|w| w == field) {
            wrong.push(field.to_owned());
        }
        reasons.push((field.to_owned(), reason));
    };
    for p in &read.errors {
        let f = match p.field.as_str() {
            "document_code" => "document_code",
            "issuing_state" => "issuing_state",
            "surname" | "given_names" => "name",
            "document_number" => "document_number",
            "document_number_check_digit" => "document_number_check",
            "nationality" => "nationality",
            "date_of_birth" => "birth_date",
            "date_of_birth_check_digit" => "birth_date_check",
            "sex" => "sex",
            "date_of_expiry" => "expiry_date",
            "date_of_expiry_check_digit" => "expiry_date_check",
            "composite_check_digit" => "composite_check",
            _ => continue,
        };
        add(f, p.message.clone());
    }
    let norm = |s: &str| {
        s.to_uppercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mrz = |k: &str| read.fields.get(k).cloned().unwrap_or_default();
    for v in &viz {
        let printed = norm(&v.value);
        if printed.is_empty() {
            continue;
        }
        let (field, in_mrz) = match v.field.as_str() {
            "surname" => ("name", norm(&mrz("surname"))),
            "given_names" => ("name", norm(&mrz("given_names"))),
            "document_number" => ("document_number", norm(&mrz("document_number"))),
            "nationality" => ("nationality", norm(&mrz("nationality"))),
            "birth_date" => ("birth_date", norm(&mrz("date_of_birth"))),
            "sex" => ("sex", {
                let s = mrz("sex");
                if s.is_empty() { "X".to_owned() } else { s }
            }),
            "expiry_date" => ("expiry_date", norm(&mrz("date_of_expiry"))),
            _ => continue,
        };
        // The MRZ may truncate a long name: a printed name that starts with it agrees.
        let agrees = if field == "name" {
            !in_mrz.is_empty()
                && printed
                    .replace(' ', "")
                    .starts_with(&in_mrz.replace(' ', ""))
        } else {
            printed.replace(' ', "") == in_mrz.replace(' ', "")
        };
        if !agrees {
            add(
                field,
                format!("the visual zone reads {printed}, the MRZ {in_mrz}"),
            );
        }
    }
    Ok(MrzKey {
        lines,
        viz,
        wrong,
        reasons,
    })
}

/// Applies one change from the editor (`op` and its fields). Every change is checked whole
/// before anything is written.
pub async fn edit(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    fields: &[(String, String)],
) -> AppResult<()> {
    let (e, _c) = editable(db, user, id).await?;
    let kind = kind_of(&e)?;
    let mut spec = spec_of(&e)?;
    let mut model: exercise::ActiveModel = e.clone().into();
    let index = |name: &str| field(fields, name).parse::<usize>().ok();
    match field(fields, "op") {
        "meta" => {
            let title = field(fields, "title").trim();
            if title.is_empty() || title.chars().count() > TITLE_MAX {
                return Err(AppError::field("title", Msg::ErrTitleRequired));
            }
            let module_id = match field(fields, "module") {
                "" => None,
                m => {
                    let m: i64 = m
                        .parse()
                        .map_err(|_| AppError::field("module", Msg::ErrInvalid))?;
                    course_module::Entity::find_by_id(m)
                        .one(db)
                        .await?
                        .filter(|m| m.course_id == e.course_id)
                        .ok_or(AppError::field("module", Msg::ErrInvalid))?;
                    Some(m)
                }
            };
            let penalty: f64 = match field(fields, "penalty").trim() {
                "" => spec.penalty,
                p => p
                    .parse()
                    .ok()
                    .filter(|p: &f64| (0.0..=1.0).contains(p))
                    .ok_or(AppError::field("penalty", Msg::ErrPenalty))?,
            };
            spec.penalty = penalty;
            model.title = Set(title.to_owned());
            model.module_id = Set(module_id);
            model.instructions = Set(checked_text(
                field(fields, "instructions"),
                "instructions",
                TEXT_MAX,
            )?);
            model.explanation = Set(checked_text(
                field(fields, "explanation"),
                "explanation",
                TEXT_MAX,
            )?);
        }
        "region" => {
            if !kind.has_markers() {
                return Err(AppError::field("op", Msg::ErrInvalid));
            }
            let existing = field(fields, "region");
            if existing.is_empty() {
                if spec.regions.len() >= PARTS_MAX {
                    return Err(AppError::field("coords", Msg::ErrTooMany));
                }
                let next = spec
                    .regions
                    .iter()
                    .filter_map(|r| r.id.strip_prefix('r')?.parse::<u32>().ok())
                    .max()
                    .unwrap_or(0)
                    + 1;
                let r = region_from(fields, format!("r{next}"), e.width, e.height)?;
                spec.regions.push(r);
            } else {
                let i = spec
                    .regions
                    .iter()
                    .position(|r| r.id == existing)
                    .ok_or(AppError::NotFound)?;
                spec.regions[i] = region_from(fields, existing.to_owned(), e.width, e.height)?;
            }
        }
        "region_delete" => {
            let before = spec.regions.len();
            spec.regions.retain(|r| r.id != field(fields, "region"));
            if spec.regions.len() == before {
                return Err(AppError::NotFound);
            }
        }
        "view" => {
            let i = index("view")
                .filter(|i| *i < spec.views.len())
                .ok_or(AppError::NotFound)?;
            let options: Vec<String> = field(fields, "options")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            if options.len() < 2
                || options.len() > 8
                || options.iter().any(|o| o.chars().count() > 200)
            {
                return Err(AppError::field("options", Msg::ErrViewOptions));
            }
            let correct = index("correct")
                .filter(|c| (1..=options.len()).contains(c))
                .ok_or(AppError::field("correct", Msg::ErrViewCorrect))?
                - 1;
            let question = checked_text(field(fields, "question"), "question", 500)?;
            if question.is_empty() {
                return Err(AppError::field("question", Msg::ErrRequired));
            }
            let feature = field(fields, "feature");
            if !FEATURE_KINDS.iter().any(|(c, _)| *c == feature) {
                return Err(AppError::field("feature", Msg::ErrInvalid));
            }
            let v = &mut spec.views[i];
            v.question = question;
            v.options = options;
            v.correct = correct;
            v.kind = feature.to_owned();
            v.explanation = checked_text(field(fields, "explanation"), "explanation", 4000)?;
        }
        "view_delete" => {
            let i = index("view")
                .filter(|i| *i < spec.views.len())
                .ok_or(AppError::NotFound)?;
            spec.views.remove(i);
        }
        "verdict" => {
            let verdict = field(fields, "verdict");
            if !VERDICTS.iter().any(|(c, _)| *c == verdict) {
                return Err(AppError::field("verdict", Msg::ErrChooseVerdict));
            }
            let forgery = field(fields, "forgery");
            if verdict == "forged" && !FORGERIES.iter().any(|(c, _)| *c == forgery) {
                return Err(AppError::field("forgery", Msg::ErrChooseForgery));
            }
            spec.verdict = Some(VerdictKey {
                verdict: verdict.to_owned(),
                forgery: if verdict == "forged" {
                    forgery.to_owned()
                } else {
                    String::new()
                },
                features: checklist(field(fields, "features"), "features")?,
            });
        }
        "mrz" => {
            let lines = assessments::mrz::lines_of(field(fields, "mrz_lines"));
            let viz = VIZ_FIELDS
                .iter()
                .map(|f| VizField {
                    field: (*f).to_owned(),
                    value: field(fields, &format!("viz_{f}"))
                        .trim()
                        .chars()
                        .take(100)
                        .collect(),
                })
                .collect();
            spec.mrz = Some(mrz_key(lines, viz, crate::server::services::now().year())?);
        }
        "impostor" => {
            let same = match field(fields, "same") {
                "yes" => true,
                "no" => false,
                _ => return Err(AppError::field("same", Msg::ErrChooseSame)),
            };
            let bearers = spec.impostor.take().map(|k| k.bearers).unwrap_or_default();
            spec.impostor = Some(ImpostorKey {
                bearers,
                same_person: same,
                reasons: checklist(field(fields, "reasons"), "reasons")?,
            });
        }
        "bearer_delete" => {
            let k = spec.impostor.as_mut().ok_or(AppError::NotFound)?;
            let i = index("bearer")
                .filter(|i| *i < k.bearers.len())
                .ok_or(AppError::NotFound)?;
            k.bearers.remove(i);
        }
        "publish" => {
            if let Some(first) = problems(kind, &spec).first() {
                return Err(AppError::field("publish", *first));
            }
            model.published = Set(true);
        }
        "unpublish" => model.published = Set(false),
        _ => return Err(AppError::field("op", Msg::ErrInvalid)),
    }
    // A published exercise must stay publishable.
    if e.published
        && field(fields, "op") != "unpublish"
        && let Some(first) = problems(kind, &spec).first()
    {
        return Err(AppError::field("publish", *first));
    }
    model.spec =
        Set(serde_json::to_string(&spec).map_err(|e| crate::server::errors::internal("spec", e))?);
    model.updated_at = Set(crate::server::services::now());
    model.update(db).await?;
    Ok(())
}

/// Adds an image to exercise `id`: a light view (`role` a light code), the genuine reference
/// (`reference`), a bearer photo (`bearer`), or a new examined image (`main`, refused when a
/// region would fall outside it).
pub async fn add_image(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    role: &str,
    bytes: Vec<u8>,
) -> AppResult<()> {
    let (e, _) = editable(db, user, id).await?;
    let kind = kind_of(&e)?;
    let allowed = match role {
        "reference" => kind == ExerciseKind::Compare,
        "bearer" => kind == ExerciseKind::Impostor,
        "main" => true,
        light => kind == ExerciseKind::LightViews && LIGHTS.iter().any(|(c, _)| *c == light),
    };
    if !allowed {
        return Err(AppError::field("role", Msg::ErrInvalid));
    }
    let mut spec = spec_of(&e)?;
    if role == "bearer" && spec.impostor.as_ref().is_some_and(|k| k.bearers.len() >= 6) {
        return Err(AppError::field("file", Msg::ErrTooMany));
    }
    if !matches!(role, "reference" | "bearer" | "main") && spec.views.len() >= LIGHTS.len() * 2 {
        return Err(AppError::field("file", Msg::ErrTooMany));
    }
    let stored = images::store(db, user.id, bytes).await?;
    let image = image_ref(&stored);
    let mut model: exercise::ActiveModel = e.clone().into();
    match role {
        "reference" => spec.reference = Some(image),
        "bearer" => spec
            .impostor
            .get_or_insert_with(|| ImpostorKey {
                bearers: Vec::new(),
                same_person: false,
                reasons: Vec::new(),
            })
            .bearers
            .push(image),
        "main" => {
            for r in &spec.regions {
                shape_of(&r.outline)
                    .validate(image.width as f64, image.height as f64)
                    .map_err(|_| AppError::field("file", Msg::ErrRegionsOutsideNew))?;
            }
            model.image_hash = Set(image.hash);
            model.width = Set(image.width);
            model.height = Set(image.height);
        }
        light => spec.views.push(LightView {
            light: light.to_owned(),
            image,
            question: String::new(),
            options: Vec::new(),
            correct: 0,
            kind: "uv_feature".to_owned(),
            explanation: String::new(),
        }),
    }
    model.spec =
        Set(serde_json::to_string(&spec).map_err(|e| crate::server::errors::internal("spec", e))?);
    model.updated_at = Set(crate::server::services::now());
    model.update(db).await?;
    Ok(())
}

/// Deletes exercise `id` with its answers.
pub async fn delete(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<String> {
    let (e, c) = editable(db, user, id).await?;
    let txn = db.begin().await?;
    exercise_finding::Entity::delete_many()
        .filter(exercise_finding::Column::ExerciseId.eq(e.id))
        .exec(&txn)
        .await?;
    exercise_attempt::Entity::delete_many()
        .filter(exercise_attempt::Column::ExerciseId.eq(e.id))
        .exec(&txn)
        .await?;
    exercise::Entity::delete_by_id(e.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(c.slug)
}
