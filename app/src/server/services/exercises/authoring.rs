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
    create_in(db, user, &c, None, kind, title, image).await
}

/// Creates a draft exercise of `kind` for class `class_id` alone, around the uploaded image;
/// only the class's trainers may.
pub async fn create_for_class(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    kind: &str,
    title: &str,
    image: Vec<u8>,
) -> AppResult<i64> {
    let (k, c) =
        crate::server::services::learn::class_items::for_new_item(db, user, class_id).await?;
    create_in(db, user, &c, Some(k.id), kind, title, image).await
}

async fn create_in(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
    class_id: Option<i64>,
    kind: &str,
    title: &str,
    image: Vec<u8>,
) -> AppResult<i64> {
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
        class_id: Set(class_id),
        module_id: Set(None),
        position: Set(position),
        kind: Set(kind),
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
    let kind = e.kind;
    let spec = spec_of(&e)?;
    let modules = crate::server::services::learn::courses::modules_in_order(db, c.id)
        .await?
        .into_iter()
        .map(|m| crate::model::Choice {
            id: m.id,
            name: m.title,
        })
        .collect();
    let class = match e.class_id {
        Some(k) => crate::server::services::learn::class_items::names(db, [k])
            .await?
            .remove(&k)
            .map(|name| (k, name)),
        None => None,
    };
    Ok(ExerciseEditor {
        id: e.id,
        class,
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
        version: e.version,
        spec,
        published: e.published,
    })
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

pub(super) fn shape_message(e: geo::ShapeError) -> Msg {
    match e {
        geo::ShapeError::PolygonPoints => Msg::ErrPolygonPoints,
        geo::ShapeError::SelfIntersecting => Msg::ErrPolygonCrossing,
        geo::ShapeError::OutsideImage => Msg::ErrShapeOutside,
        geo::ShapeError::Degenerate => Msg::ErrShapeEmpty,
    }
}

/// Reads and checks a region from the region form of the editor.
#[allow(clippy::too_many_arguments)]
pub(super) fn region_from(
    id: String,
    shape: &str,
    coords: &str,
    anomaly: bool,
    feature: &str,
    label: &str,
    explanation: &str,
    (width, height): (i32, i32),
) -> AppResult<RegionSpec> {
    let outline = Outline::parse(shape, coords).ok_or(AppError::field("coords", Msg::ErrCoords))?;
    outline
        .validate(width as f64, height as f64)
        .map_err(|e| AppError::field("coords", shape_message(e)))?;
    if !FEATURE_KINDS.iter().any(|(c, _)| *c == feature) {
        return Err(AppError::field("feature", Msg::ErrInvalid));
    }
    let label = checked_text(label, "label", 200)?;
    if label.is_empty() {
        return Err(AppError::field("label", Msg::ErrRegionLabel));
    }
    Ok(RegionSpec {
        id,
        outline,
        anomaly,
        kind: feature.to_owned(),
        label,
        explanation: checked_text(explanation, "explanation", 4000)?,
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

/// Applies one change from the editor, made on the version the editor showed. Every change
/// is checked whole before anything is written; a change made on an older version is refused
/// (nothing written) so a second tab never overwrites what the first saved.
pub async fn edit(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    change: ExerciseChange,
) -> AppResult<()> {
    let (e, _c) = editable(db, user, id).await?;
    if e.version != change.version {
        return Err(AppError::field("version", Msg::ErrExerciseConflict));
    }
    let kind = e.kind;
    let mut spec = spec_of(&e)?;
    let mut model: exercise::ActiveModel = e.clone().into();
    let unpublishing = change.edit == ExerciseEdit::Unpublish;
    match change.edit {
        ExerciseEdit::Meta {
            title,
            module,
            penalty,
            time_limit,
            instructions,
            explanation,
        } => {
            let title = title.trim();
            if title.is_empty() || title.chars().count() > TITLE_MAX {
                return Err(AppError::field("title", Msg::ErrTitleRequired));
            }
            if let Some(m) = module {
                course_module::Entity::find_by_id(m)
                    .one(db)
                    .await?
                    .filter(|m| m.course_id == e.course_id)
                    .ok_or(AppError::field("module", Msg::ErrInvalid))?;
            }
            if let Some(p) = penalty {
                if !(0.0..=1.0).contains(&p) {
                    return Err(AppError::field("penalty", Msg::ErrPenalty));
                }
                spec.penalty = p;
            }
            if time_limit.is_some_and(|t| !assessments::examination::TIME_LIMIT_RANGE.contains(&t))
            {
                return Err(AppError::field("time_limit", Msg::ErrTimeLimit));
            }
            spec.time_limit_secs = time_limit;
            model.title = Set(title.to_owned());
            model.module_id = Set(module);
            model.instructions = Set(checked_text(&instructions, "instructions", TEXT_MAX)?);
            model.explanation = Set(checked_text(&explanation, "explanation", TEXT_MAX)?);
        }
        ExerciseEdit::Region {
            id: existing,
            shape,
            coords,
            anomaly,
            feature,
            label,
            explanation,
        } => {
            if !kind.has_markers() {
                return Err(AppError::field("op", Msg::ErrInvalid));
            }
            let size = (e.width, e.height);
            match existing {
                None => {
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
                    spec.regions.push(region_from(
                        format!("r{next}"),
                        &shape,
                        &coords,
                        anomaly,
                        &feature,
                        &label,
                        &explanation,
                        size,
                    )?);
                }
                Some(existing) => {
                    let i = spec
                        .regions
                        .iter()
                        .position(|r| r.id == existing)
                        .ok_or(AppError::NotFound)?;
                    spec.regions[i] = region_from(
                        existing,
                        &shape,
                        &coords,
                        anomaly,
                        &feature,
                        &label,
                        &explanation,
                        size,
                    )?;
                }
            }
        }
        ExerciseEdit::RegionDelete { id: region } => {
            let before = spec.regions.len();
            spec.regions.retain(|r| r.id != region);
            if spec.regions.len() == before {
                return Err(AppError::NotFound);
            }
        }
        ExerciseEdit::View {
            index,
            question,
            options,
            correct,
            feature,
            explanation,
        } => {
            if index >= spec.views.len() {
                return Err(AppError::NotFound);
            }
            let options: Vec<String> = options
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
            let correct = correct
                .filter(|c| (1..=options.len()).contains(c))
                .ok_or(AppError::field("correct", Msg::ErrViewCorrect))?
                - 1;
            let question = checked_text(&question, "question", 500)?;
            if question.is_empty() {
                return Err(AppError::field("question", Msg::ErrRequired));
            }
            if !FEATURE_KINDS.iter().any(|(c, _)| *c == feature) {
                return Err(AppError::field("feature", Msg::ErrInvalid));
            }
            let v = &mut spec.views[index];
            v.question = question;
            v.options = options;
            v.correct = correct;
            v.kind = feature;
            v.explanation = checked_text(&explanation, "explanation", 4000)?;
        }
        ExerciseEdit::ViewDelete { index } => {
            if index >= spec.views.len() {
                return Err(AppError::NotFound);
            }
            spec.views.remove(index);
        }
        ExerciseEdit::Verdict {
            verdict,
            forgery,
            features,
        } => {
            if !VERDICTS.iter().any(|(c, _)| *c == verdict) {
                return Err(AppError::field("verdict", Msg::ErrChooseVerdict));
            }
            let forged = verdict == "forged";
            if forged && !FORGERIES.iter().any(|(c, _)| *c == forgery) {
                return Err(AppError::field("forgery", Msg::ErrChooseForgery));
            }
            spec.verdict = Some(VerdictKey {
                verdict,
                forgery: if forged { forgery } else { String::new() },
                features: checklist(&features, "features")?,
            });
        }
        ExerciseEdit::Mrz { lines, viz } => {
            let lines = assessments::mrz::lines_of(&lines);
            let viz = viz
                .into_iter()
                .filter(|f| VIZ_FIELDS.contains(&f.field.as_str()))
                .map(|f| VizField {
                    field: f.field,
                    value: f.value.trim().chars().take(100).collect(),
                })
                .collect();
            spec.mrz = Some(mrz_key(lines, viz, crate::server::services::now().year())?);
        }
        ExerciseEdit::Impostor { same, reasons } => {
            let same = same.ok_or(AppError::field("same", Msg::ErrChooseSame))?;
            let bearers = spec.impostor.take().map(|k| k.bearers).unwrap_or_default();
            spec.impostor = Some(ImpostorKey {
                bearers,
                same_person: same,
                reasons: checklist(&reasons, "reasons")?,
            });
        }
        ExerciseEdit::BearerDelete { index } => {
            let k = spec.impostor.as_mut().ok_or(AppError::NotFound)?;
            if index >= k.bearers.len() {
                return Err(AppError::NotFound);
            }
            k.bearers.remove(index);
        }
        ExerciseEdit::Publish => {
            if let Some(first) = problems(kind, &spec).first() {
                return Err(AppError::field("publish", *first));
            }
            model.published = Set(true);
        }
        ExerciseEdit::Unpublish => model.published = Set(false),
    }
    // A published exercise must stay publishable.
    if e.published
        && !unpublishing
        && let Some(first) = problems(kind, &spec).first()
    {
        return Err(AppError::field("publish", *first));
    }
    model.spec =
        Set(serde_json::to_string(&spec).map_err(|e| crate::server::errors::internal("spec", e))?);
    save_version(db, model, e.version).await
}

/// Writes `model` as the version after `read`, unless someone saved since it was read.
pub(super) async fn save_version(
    db: &DatabaseConnection,
    mut model: exercise::ActiveModel,
    read: i32,
) -> AppResult<()> {
    let id = model.id.clone().unwrap();
    model.updated_at = Set(crate::server::services::now());
    model.version = Set(read + 1);
    let written = exercise::Entity::update_many()
        .set(model)
        .filter(exercise::Column::Id.eq(id))
        .filter(exercise::Column::Version.eq(read))
        .exec(db)
        .await?;
    if written.rows_affected == 0 {
        return Err(AppError::field("version", Msg::ErrExerciseConflict));
    }
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
    let kind = e.kind;
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
                r.outline
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
    save_version(db, model, e.version).await
}

/// Deletes exercise `id` with its answers; returns where its list is (the course's authoring
/// page, or for a class's own exercise the class's exercises).
pub async fn delete(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<String> {
    let (e, c) = editable(db, user, id).await?;
    let txn = db.begin().await?;
    exercise_finding::Entity::delete_many()
        .filter(exercise_finding::Column::ExerciseId.eq(e.id))
        .exec(&txn)
        .await?;
    crate::server::entities::exercise_start::Entity::delete_many()
        .filter(crate::server::entities::exercise_start::Column::ExerciseId.eq(e.id))
        .exec(&txn)
        .await?;
    exercise_attempt::Entity::delete_many()
        .filter(exercise_attempt::Column::ExerciseId.eq(e.id))
        .exec(&txn)
        .await?;
    exercise::Entity::delete_by_id(e.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(match e.class_id {
        Some(k) => format!("/classes/{k}/exercises"),
        None => format!("/author/courses/{}", c.slug),
    })
}
