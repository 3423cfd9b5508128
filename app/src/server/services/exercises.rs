//! Document-examination exercises: authoring (images, regions, keys, publishing), taking
//! (every answer graded on the server against the key, which never leaves it before grading)
//! and results, with a learning event and per-defect findings for each graded answer.

use super::exercise_images::{self, StoredImage};
use super::questionnaires::field;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::exercise::{
    ChecklistItem, ExerciseAnswer, ExerciseEditor, ExerciseKind, ExerciseOutcome, ExerciseResult,
    ExerciseRow, ExerciseSpec, ExerciseView, FEATURE_KINDS, FORGERIES, ImageRef, ImpostorKey,
    LIGHTS, LightView, MRZ_FIELDS, MarkOutcome, MrzKey, OutcomeLine, Outline, RegionSpec, Spot,
    VERDICTS, VerdictKey, VizField,
};
use crate::model::{CurrentUser, Role};
use crate::server::entities::{
    course, course_module, exercise, exercise_attempt, exercise_finding,
};
use assessments::exercise as geo;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};

/// Longest title.
const TITLE_MAX: usize = 200;
/// Longest instructions or explanation.
const TEXT_MAX: usize = 20_000;
/// Most regions, light views, checklist entries or bearer photos in one exercise.
const PARTS_MAX: usize = 40;

fn spec_of(e: &exercise::Model) -> ExerciseSpec {
    serde_json::from_str(&e.spec).unwrap_or_default()
}

fn kind_of(e: &exercise::Model) -> AppResult<ExerciseKind> {
    ExerciseKind::from_code(&e.kind).ok_or(AppError::NotFound)
}

fn image_ref(s: &StoredImage) -> ImageRef {
    ImageRef {
        hash: s.hash.clone(),
        width: s.width as i32,
        height: s.height as i32,
    }
}

fn render(markdown: &str) -> String {
    content::markdown::render(
        markdown,
        content::markdown::Links {
            media_base: "/",
            glossary: "#",
        },
    )
}

/// Exercise `id` and its course, if `user` may edit the course.
async fn editable(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(exercise::Model, course::Model)> {
    if !super::courses::can_author(user) {
        return Err(AppError::Forbidden);
    }
    let (e, c) = exercise_and_course(db, id).await?;
    if !edits(user, &c) {
        return Err(AppError::Forbidden);
    }
    Ok((e, c))
}

/// Exercise `id` and its course.
async fn exercise_and_course(
    db: &DatabaseConnection,
    id: i64,
) -> AppResult<(exercise::Model, course::Model)> {
    let e = exercise::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = course::Entity::find_by_id(e.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((e, c))
}

/// Whether `user` edits course `c` (its author, or an administrator).
fn edits(user: &CurrentUser, c: &course::Model) -> bool {
    user.has(Role::Admin) || (user.has(Role::Trainer) && c.created_by == Some(user.id))
}

/// Creates a draft exercise of `kind` in course `slug` around the uploaded image.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    kind: &str,
    title: &str,
    image: Vec<u8>,
) -> AppResult<i64> {
    let c = super::authoring::editable_course(db, user, slug).await?;
    let kind = ExerciseKind::from_code(kind).ok_or(AppError::field("kind", Msg::ErrInvalid))?;
    let title = title.trim();
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        return Err(AppError::field("title", Msg::ErrTitleRequired));
    }
    let stored = exercise_images::store(db, user.id, image).await?;
    let position = exercise::Entity::find()
        .filter(exercise::Column::CourseId.eq(c.id))
        .count(db)
        .await? as i32
        + 1;
    let now = super::now();
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
    let spec = spec_of(&e);
    let modules = super::courses::modules_in_order(db, c.id)
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
fn values<'a>(fields: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn checked_text(text: &str, name: &str, max: usize) -> AppResult<String> {
    let t = text.trim();
    if t.chars().count() > max {
        return Err(AppError::field(name, Msg::ErrTooLong));
    }
    Ok(t.to_owned())
}

/// A checklist typed one entry per line, key entries starting with `*`.
fn checklist(text: &str, name: &str) -> AppResult<Vec<ChecklistItem>> {
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

fn shape_message(e: geo::ShapeError) -> Msg {
    match e {
        geo::ShapeError::PolygonPoints => Msg::ErrPolygonPoints,
        geo::ShapeError::SelfIntersecting => Msg::ErrPolygonCrossing,
        geo::ShapeError::OutsideImage => Msg::ErrShapeOutside,
        geo::ShapeError::Degenerate => Msg::ErrShapeEmpty,
    }
}

/// Reads and checks a region from the region form of the editor.
fn region_from(
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
    let mut spec = spec_of(&e);
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
            spec.mrz = Some(mrz_key(lines, viz, super::now().year())?);
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
        Set(serde_json::to_string(&spec).map_err(|e| super::super::errors::internal("spec", e))?);
    model.updated_at = Set(super::now());
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
    let mut spec = spec_of(&e);
    if role == "bearer" && spec.impostor.as_ref().is_some_and(|k| k.bearers.len() >= 6) {
        return Err(AppError::field("file", Msg::ErrTooMany));
    }
    if !matches!(role, "reference" | "bearer" | "main") && spec.views.len() >= LIGHTS.len() * 2 {
        return Err(AppError::field("file", Msg::ErrTooMany));
    }
    let stored = exercise_images::store(db, user.id, bytes).await?;
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
        Set(serde_json::to_string(&spec).map_err(|e| super::super::errors::internal("spec", e))?);
    model.updated_at = Set(super::now());
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

/// The exercises of course `slug` that `user` may see, with their best score.
pub async fn course_exercises(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<Vec<ExerciseRow>> {
    let c = super::courses::visible_course(db, user, slug).await?;
    let author = edits(user, &c);
    let mut q = exercise::Entity::find()
        .select_only()
        .columns([
            exercise::Column::Id,
            exercise::Column::Title,
            exercise::Column::Kind,
            exercise::Column::ModuleId,
            exercise::Column::Published,
            exercise::Column::ImageHash,
        ])
        .filter(exercise::Column::CourseId.eq(c.id))
        .order_by_asc(exercise::Column::Position)
        .order_by_asc(exercise::Column::Id);
    if !author {
        q = q.filter(exercise::Column::Published.eq(true));
    }
    let rows: Vec<(i64, String, String, Option<i64>, bool, String)> =
        q.into_tuple().all(db).await?;
    let modules: std::collections::HashMap<i64, String> =
        super::courses::modules_in_order(db, c.id)
            .await?
            .into_iter()
            .map(|m| (m.id, m.title))
            .collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let mut best: std::collections::HashMap<i64, f64> = std::collections::HashMap::new();
    let scores: Vec<(i64, f64, f64)> = exercise_attempt::Entity::find()
        .select_only()
        .columns([
            exercise_attempt::Column::ExerciseId,
            exercise_attempt::Column::Score,
            exercise_attempt::Column::MaxScore,
        ])
        .filter(exercise_attempt::Column::PersonId.eq(user.id))
        .filter(exercise_attempt::Column::ExerciseId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    for (id, score, max) in scores {
        let p = if max > 0.0 { 100.0 * score / max } else { 0.0 };
        let b = best.entry(id).or_insert(p);
        *b = b.max(p);
    }
    Ok(rows
        .into_iter()
        .filter_map(|(id, title, kind, module_id, published, image)| {
            Some(ExerciseRow {
                id,
                title,
                kind: ExerciseKind::from_code(&kind)?,
                module: module_id.and_then(|m| modules.get(&m).cloned()),
                published,
                image,
                best: best.get(&id).copied(),
            })
        })
        .collect())
}

/// What trainees found and missed in course `slug`, per feature kind: (kind, found, total),
/// the most missed first. For the course's authors.
pub async fn findings(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<Vec<(String, i64, i64)>> {
    use sea_orm::sea_query::Expr;
    let c = super::authoring::editable_course(db, user, slug).await?;
    let mut rows: Vec<(String, i64, i64)> = exercise_finding::Entity::find()
        .select_only()
        .column(exercise_finding::Column::Kind)
        .column_as(
            Expr::cust("CAST(SUM(CASE WHEN found THEN 1 ELSE 0 END) AS BIGINT)"),
            "found",
        )
        .column_as(Expr::cust("COUNT(*)"), "total")
        .filter(exercise_finding::Column::CourseId.eq(c.id))
        .group_by(exercise_finding::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    rows.sort_by(|a, b| {
        let miss = |r: &(String, i64, i64)| (r.2 - r.1) as f64 / r.2.max(1) as f64;
        miss(b).total_cmp(&miss(a)).then_with(|| a.0.cmp(&b.0))
    });
    Ok(rows)
}

/// Exercise `id` and its course, if `user` may take it (published, in a course they read) or
/// edits it; and whether they edit it.
async fn readable(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(exercise::Model, course::Model, bool)> {
    let (e, c) = exercise_and_course(db, id).await?;
    let author = edits(user, &c);
    if !author {
        if !e.published {
            return Err(AppError::NotFound);
        }
        super::courses::check_reader(db, user, &c).await?;
    }
    Ok((e, c, author))
}

fn view_of(e: &exercise::Model, c: &course::Model, author: bool) -> AppResult<ExerciseView> {
    let kind = kind_of(e)?;
    let spec = spec_of(e);
    let checklist = match kind {
        ExerciseKind::Verdict => spec
            .verdict
            .as_ref()
            .map(|k| k.features.iter().map(|f| f.text.clone()).collect())
            .unwrap_or_default(),
        ExerciseKind::Impostor => spec
            .impostor
            .as_ref()
            .map(|k| k.reasons.iter().map(|f| f.text.clone()).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(ExerciseView {
        id: e.id,
        course_slug: c.slug.clone(),
        course_title: c.title.clone(),
        title: e.title.clone(),
        kind,
        instructions_html: render(&e.instructions),
        image: ImageRef {
            hash: e.image_hash.clone(),
            width: e.width,
            height: e.height,
        },
        reference: spec.reference.clone(),
        views: spec
            .views
            .iter()
            .map(|v| {
                (
                    v.light.clone(),
                    v.image.clone(),
                    v.question.clone(),
                    v.options.clone(),
                )
            })
            .collect(),
        checklist,
        bearers: spec.impostor.map(|k| k.bearers).unwrap_or_default(),
        mrz_lines: Vec::new(),
        preview: author,
        attempts: Vec::new(),
    })
}

/// The option chosen per light view, from the texts the form sent; a text the view does not
/// offer is refused on its field.
fn view_choices(spec: &ExerciseSpec, texts: &[Option<String>]) -> AppResult<Vec<Option<usize>>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| match text {
            None => Ok(None),
            Some(t) => spec
                .views
                .get(i)
                .and_then(|v| v.options.iter().position(|o| o == t))
                .map(Some)
                .ok_or_else(|| AppError::field(&format!("view{i}"), Msg::ErrInvalid)),
        })
        .collect()
}

/// Exercise `id` as the trainee sees it, with their past attempts.
pub async fn view(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<ExerciseView> {
    let (e, c, author) = readable(db, user, id).await?;
    let mut v = view_of(&e, &c, author)?;
    // Light-view options in a new random order on every page: their order says nothing of
    // the author's (where the right answer often comes first).
    for (_, _, _, options) in &mut v.views {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        assessments::results::SeededRng::new(OsRng.next_u64()).shuffle(options);
    }
    v.attempts = exercise_attempt::Entity::find()
        .filter(exercise_attempt::Column::ExerciseId.eq(e.id))
        .filter(exercise_attempt::Column::PersonId.eq(user.id))
        .order_by_desc(exercise_attempt::Column::Id)
        .limit(20)
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let p = if a.max_score > 0.0 {
                100.0 * a.score / a.max_score
            } else {
                0.0
            };
            (a.id, p, super::attempts::stamp(a.at))
        })
        .collect();
    Ok(v)
}

/// Reads an answer from the exercise form. Markers come as `x,y` pairs separated by `;`.
pub fn answer_from(fields: &[(String, String)]) -> AppResult<ExerciseAnswer> {
    let markers_text = field(fields, "markers");
    let pairs: Vec<&str> = markers_text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if pairs.len() > geo::MAX_MARKERS {
        return Err(AppError::field("markers", Msg::ErrTooManyMarkers));
    }
    let markers = pairs
        .iter()
        .map(|p| {
            let (x, y) = p.split_once(',')?;
            let (x, y) = (x.trim().parse::<f64>().ok()?, y.trim().parse::<f64>().ok()?);
            (x.is_finite() && y.is_finite()).then_some(Spot { x, y })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or(AppError::field("markers", Msg::ErrMarkerOutside))?;
    let view_texts = (0..PARTS_MAX)
        .map(|i| {
            let text = field(fields, &format!("view{i}")).trim();
            (!text.is_empty()).then(|| text.chars().take(500).collect())
        })
        .collect();
    let yes_no = |name: &str| match field(fields, name) {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    Ok(ExerciseAnswer {
        markers,
        views: Vec::new(),
        view_texts,
        verdict: field(fields, "verdict").to_owned(),
        forgery: field(fields, "forgery").to_owned(),
        checked: values(fields, "check")
            .filter_map(|v| v.parse().ok())
            .take(PARTS_MAX)
            .collect(),
        consistent: yes_no("consistent"),
        wrong_fields: values(fields, "wrong")
            .filter(|v| MRZ_FIELDS.iter().any(|(c, _)| c == v))
            .map(str::to_owned)
            .collect(),
        same_person: yes_no("same"),
    })
}

fn label_of(pairs: &[(&str, Msg)], code: &str) -> String {
    pairs
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, m)| m.text(crate::i18n::Lang::En).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// Points for a checklist: key entries checked minus others checked, over the key entries.
fn checklist_points(items: &[ChecklistItem], checked: &[usize]) -> (f64, f64, Vec<OutcomeLine>) {
    let key = items.iter().filter(|i| i.key).count();
    let mut right = 0usize;
    let mut wrong = 0usize;
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ticked = checked.contains(&i);
        if item.key || ticked {
            if item.key && ticked {
                right += 1;
            } else if ticked {
                wrong += 1;
            }
            lines.push(OutcomeLine {
                label: item.text.clone(),
                ok: item.key == ticked,
                given: if ticked { "✓" } else { "—" }.to_owned(),
                expected: if item.key { "✓" } else { "—" }.to_owned(),
                explanation: String::new(),
                kind: String::new(),
            });
        }
    }
    if key == 0 {
        return (0.0, 0.0, lines);
    }
    let points = ((right as f64 - wrong as f64) / key as f64).max(0.0);
    (points, 1.0, lines)
}

/// Grades `answer` to an exercise of `kind` with key `spec` on an image of `width` × `height`.
/// Returns the outcome and the findings (feature kind, found) it yields.
pub fn grade(
    kind: ExerciseKind,
    spec: &ExerciseSpec,
    width: i32,
    height: i32,
    answer: &ExerciseAnswer,
) -> AppResult<(ExerciseOutcome, Vec<(String, bool)>)> {
    let mut findings = Vec::new();
    let mut lines = Vec::new();
    let mut marks = Vec::new();
    let mut found = Vec::new();
    let (score, max) = match kind {
        ExerciseKind::Anomalies | ExerciseKind::Compare => {
            let regions: Vec<geo::Region> = spec
                .regions
                .iter()
                .map(|r| geo::Region {
                    id: r.id.clone(),
                    shape: shape_of(&r.outline),
                    anomaly: r.anomaly,
                    kind: r.kind.clone(),
                })
                .collect();
            let points: Vec<geo::Point> = answer
                .markers
                .iter()
                .map(|m| geo::Point { x: m.x, y: m.y })
                .collect();
            let g = geo::grade(&regions, &points, width as f64, height as f64, spec.penalty)
                .map_err(|e| match e {
                    geo::MarkerError::TooMany => AppError::field("markers", Msg::ErrTooManyMarkers),
                    _ => AppError::field("markers", Msg::ErrMarkerOutside),
                })?;
            for (m, hit) in answer.markers.iter().zip(&g.markers) {
                let (hit, region) = match hit {
                    geo::Hit::Anomaly { region } => (true, Some(region.clone())),
                    geo::Hit::Genuine { region } => (false, Some(region.clone())),
                    geo::Hit::Nothing => (false, None),
                };
                marks.push(MarkOutcome {
                    at: *m,
                    hit,
                    region,
                });
            }
            for r in &spec.regions {
                let ok = g.found.contains(&r.id);
                let marked_genuine = !r.anomaly
                    && marks
                        .iter()
                        .any(|m| m.region.as_deref() == Some(r.id.as_str()));
                if r.anomaly {
                    findings.push((r.kind.clone(), ok));
                }
                if r.anomaly || marked_genuine {
                    lines.push(OutcomeLine {
                        label: r.label.clone(),
                        ok: r.anomaly && ok,
                        given: if ok || marked_genuine {
                            "marked"
                        } else {
                            "not marked"
                        }
                        .to_owned(),
                        expected: if r.anomaly {
                            "anomaly"
                        } else {
                            "genuine feature"
                        }
                        .to_owned(),
                        explanation: r.explanation.clone(),
                        kind: r.kind.clone(),
                    });
                }
            }
            found = g.found;
            (g.score, g.max)
        }
        ExerciseKind::LightViews => {
            let mut score = 0.0;
            for (i, v) in spec.views.iter().enumerate() {
                let given = answer.views.get(i).copied().flatten();
                if given.is_some_and(|g| g >= v.options.len()) {
                    return Err(AppError::field(&format!("view{i}"), Msg::ErrInvalid));
                }
                let ok = given == Some(v.correct);
                if ok {
                    score += 1.0;
                }
                findings.push((v.kind.clone(), ok));
                lines.push(OutcomeLine {
                    label: format!("{} — {}", label_of(&LIGHTS, &v.light), v.question),
                    ok,
                    given: given
                        .and_then(|g| v.options.get(g).cloned())
                        .unwrap_or_else(|| "—".to_owned()),
                    expected: v.options.get(v.correct).cloned().unwrap_or_default(),
                    explanation: v.explanation.clone(),
                    kind: v.kind.clone(),
                });
            }
            (score, spec.views.len() as f64)
        }
        ExerciseKind::Verdict => {
            let key = spec.verdict.as_ref().ok_or(AppError::NotFound)?;
            if !VERDICTS.iter().any(|(c, _)| *c == answer.verdict) {
                return Err(AppError::field("verdict", Msg::ErrChooseVerdict));
            }
            let ok = answer.verdict == key.verdict
                && (key.verdict != "forged" || answer.forgery == key.forgery);
            let describe = |v: &str, f: &str| {
                if v == "forged" && !f.is_empty() {
                    format!("{} ({})", label_of(&VERDICTS, v), label_of(&FORGERIES, f))
                } else {
                    label_of(&VERDICTS, v)
                }
            };
            let finding = if key.verdict == "forged" {
                key.forgery.clone()
            } else {
                format!("verdict_{}", key.verdict)
            };
            findings.push((finding.clone(), ok));
            lines.push(OutcomeLine {
                label: "Verdict".to_owned(),
                ok,
                given: describe(&answer.verdict, &answer.forgery),
                expected: describe(&key.verdict, &key.forgery),
                explanation: String::new(),
                kind: finding,
            });
            let (p, m, l) = checklist_points(&key.features, &answer.checked);
            lines.extend(l);
            (f64::from(u8::from(ok)) + p, 1.0 + m)
        }
        ExerciseKind::Mrz => {
            let key = spec.mrz.as_ref().ok_or(AppError::NotFound)?;
            let consistent = answer
                .consistent
                .ok_or(AppError::field("consistent", Msg::ErrChooseConsistent))?;
            let ok = consistent == key.wrong.is_empty();
            lines.push(OutcomeLine {
                label: "MRZ consistent".to_owned(),
                ok,
                given: if consistent { "yes" } else { "no" }.to_owned(),
                expected: if key.wrong.is_empty() { "yes" } else { "no" }.to_owned(),
                explanation: String::new(),
                kind: "check_digit".to_owned(),
            });
            let mut right: f64 = 0.0;
            let mut wrong: f64 = 0.0;
            for (code, _) in MRZ_FIELDS {
                let in_key = key.wrong.iter().any(|w| w == code);
                let chosen = answer.wrong_fields.iter().any(|w| w == code);
                if !in_key && !chosen {
                    continue;
                }
                let kind = if code.ends_with("_check") {
                    "check_digit"
                } else {
                    "viz_mrz_mismatch"
                };
                if in_key {
                    findings.push((kind.to_owned(), chosen));
                }
                if in_key && chosen {
                    right += 1.0;
                } else if chosen {
                    wrong += 1.0;
                }
                lines.push(OutcomeLine {
                    label: label_of(&MRZ_FIELDS, code),
                    ok: in_key == chosen,
                    given: if chosen { "wrong" } else { "—" }.to_owned(),
                    expected: if in_key { "wrong" } else { "correct" }.to_owned(),
                    explanation: key
                        .reasons
                        .iter()
                        .filter(|(f, _)| f == code)
                        .map(|(_, r)| r.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    kind: kind.to_owned(),
                });
            }
            let fields_points = (right - 0.5 * wrong).max(0.0);
            (
                f64::from(u8::from(ok)) + fields_points,
                1.0 + key.wrong.len() as f64,
            )
        }
        ExerciseKind::Impostor => {
            let key = spec.impostor.as_ref().ok_or(AppError::NotFound)?;
            let same = answer
                .same_person
                .ok_or(AppError::field("same", Msg::ErrChooseSame))?;
            let ok = same == key.same_person;
            findings.push(("impostor".to_owned(), ok));
            lines.push(OutcomeLine {
                label: "Same person".to_owned(),
                ok,
                given: if same { "yes" } else { "no" }.to_owned(),
                expected: if key.same_person { "yes" } else { "no" }.to_owned(),
                explanation: String::new(),
                kind: "photo_substitution".to_owned(),
            });
            let (p, m, l) = checklist_points(&key.reasons, &answer.checked);
            lines.extend(l);
            (f64::from(u8::from(ok)) + p, 1.0 + m)
        }
    };
    Ok((
        ExerciseOutcome {
            score: (score * 100.0).round() / 100.0,
            max,
            marks,
            found,
            lines,
        },
        findings,
    ))
}

/// Grades and records `user`'s answer to exercise `id`: the attempt, its findings and a
/// learning event, all or nothing. Returns the attempt id.
pub async fn submit(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    answer: ExerciseAnswer,
) -> AppResult<i64> {
    let (e, c, author) = readable(db, user, id).await?;
    let kind = kind_of(&e)?;
    let spec = spec_of(&e);
    let mut answer = answer;
    answer.views = view_choices(&spec, &answer.view_texts)?;
    let (outcome, findings) = grade(kind, &spec, e.width, e.height, &answer)?;
    let now = super::now();
    let _gate = super::write_gate(db).await;
    let txn = db.begin().await?;
    let a = exercise_attempt::ActiveModel {
        exercise_id: Set(e.id),
        person_id: Set(user.id),
        answer: Set(serde_json::to_string(&answer).unwrap_or_default()),
        result: Set(serde_json::to_string(&outcome).unwrap_or_default()),
        score: Set(outcome.score),
        max_score: Set(outcome.max),
        preview: Set(author),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if !author {
        if !findings.is_empty() {
            exercise_finding::Entity::insert_many(findings.into_iter().map(|(kind, found)| {
                exercise_finding::ActiveModel {
                    attempt_id: Set(a.id),
                    exercise_id: Set(e.id),
                    course_id: Set(c.id),
                    person_id: Set(user.id),
                    kind: Set(kind),
                    found: Set(found),
                    at: Set(now),
                    ..Default::default()
                }
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        super::events::record_detail(
            &txn,
            user.id,
            super::events::EXERCISE_GRADED,
            c.id,
            super::events::Detail {
                lesson_id: None,
                ref_id: Some(a.id),
                score: Some(outcome.percent()),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(a.id)
}

/// Graded attempt `id`: for the person who answered, and for the course's authors.
pub async fn result(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<ExerciseResult> {
    let a = exercise_attempt::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (e, c) = exercise_and_course(db, a.exercise_id).await?;
    let author = edits(user, &c);
    if a.person_id != user.id && !author {
        return Err(AppError::NotFound);
    }
    let outcome: ExerciseOutcome =
        serde_json::from_str(&a.result).map_err(|e| super::super::errors::internal("result", e))?;
    let spec = spec_of(&e);
    let mut exercise = view_of(&e, &c, author)?;
    if let (ExerciseKind::Mrz, Some(k)) = (exercise.kind, &spec.mrz) {
        exercise.mrz_lines = k.lines.clone();
    }
    let labels: std::collections::HashMap<String, String> = FEATURE_KINDS
        .iter()
        .map(|(code, m)| {
            (
                m.text(crate::i18n::Lang::En).to_lowercase(),
                (*code).to_owned(),
            )
        })
        .collect();
    let glossary = crate::server::entities::glossary_term::Entity::find()
        .filter(crate::server::entities::glossary_term::Column::CourseId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|g| {
            let code = labels.get(&g.term.to_lowercase())?;
            Some((code.clone(), content::markdown::slug(&g.term)))
        })
        .collect();
    Ok(ExerciseResult {
        id: a.id,
        glossary,
        regions: spec.regions,
        outcome,
        explanation_html: render(&e.explanation),
        at: super::attempts::stamp(a.at),
        exercise,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(id: &str, anomaly: bool, x: f64, y: f64) -> RegionSpec {
        RegionSpec {
            id: id.into(),
            outline: Outline::Rect {
                x,
                y,
                w: 10.0,
                h: 10.0,
            },
            anomaly,
            kind: "check_digit".into(),
            label: id.into(),
            explanation: String::new(),
        }
    }

    #[test]
    fn anomalies_score_hits_and_false_marks() {
        let spec = ExerciseSpec {
            regions: vec![
                rect("a", true, 0.0, 0.0),
                rect("b", true, 50.0, 50.0),
                rect("g", false, 80.0, 0.0),
            ],
            ..ExerciseSpec::default()
        };
        let answer = ExerciseAnswer {
            markers: vec![Spot { x: 5.0, y: 5.0 }, Spot { x: 85.0, y: 5.0 }],
            ..Default::default()
        };
        let (o, f) = grade(ExerciseKind::Anomalies, &spec, 100, 100, &answer).unwrap();
        assert_eq!((o.score, o.max), (0.5, 2.0));
        assert_eq!(o.found, vec!["a".to_string()]);
        assert_eq!(
            f,
            vec![("check_digit".into(), true), ("check_digit".into(), false)]
        );
        assert!(o.marks[0].hit && !o.marks[1].hit);
    }

    #[test]
    fn markers_outside_or_too_many_are_refused() {
        let spec = ExerciseSpec::default();
        let outside = ExerciseAnswer {
            markers: vec![Spot { x: 101.0, y: 5.0 }],
            ..Default::default()
        };
        assert!(grade(ExerciseKind::Anomalies, &spec, 100, 100, &outside).is_err());
        let many = vec![("markers".to_string(), "1,1;".repeat(10_000))];
        assert!(answer_from(&many).is_err());
    }

    #[test]
    fn a_verdict_needs_the_forgery_kind_too() {
        let spec = ExerciseSpec {
            verdict: Some(VerdictKey {
                verdict: "forged".into(),
                forgery: "photo_substitution".into(),
                features: vec![
                    ChecklistItem {
                        text: "laminate lifted".into(),
                        key: true,
                    },
                    ChecklistItem {
                        text: "colour shift".into(),
                        key: false,
                    },
                ],
            }),
            ..ExerciseSpec::default()
        };
        let mut answer = ExerciseAnswer {
            verdict: "forged".into(),
            forgery: "altered_data".into(),
            checked: vec![0],
            ..Default::default()
        };
        let (o, _) = grade(ExerciseKind::Verdict, &spec, 10, 10, &answer).unwrap();
        assert_eq!((o.score, o.max), (1.0, 2.0));
        answer.forgery = "photo_substitution".into();
        answer.checked = vec![0, 1];
        let (o, _) = grade(ExerciseKind::Verdict, &spec, 10, 10, &answer).unwrap();
        assert_eq!((o.score, o.max), (1.0, 2.0));
    }

    const TD3: [&str; 2] = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ];

    fn viz(birth: &str) -> Vec<VizField> {
        [
            ("surname", "Eriksson"),
            ("given_names", "Anna Maria"),
            ("document_number", "L898902C3"),
            ("nationality", "UTO"),
            ("birth_date", birth),
            ("sex", "F"),
            ("expiry_date", "2012-04-15"),
        ]
        .into_iter()
        .map(|(f, v)| VizField {
            field: f.into(),
            value: v.into(),
        })
        .collect()
    }

    #[test]
    fn the_mrz_key_finds_visual_mismatches_and_bad_digits() {
        let lines: Vec<String> = TD3.iter().map(|s| s.to_string()).collect();
        let ok = mrz_key(lines.clone(), viz("1974-08-12"), 2026).unwrap();
        assert!(ok.wrong.is_empty(), "{:?}", ok.reasons);
        let mismatch = mrz_key(lines, viz("1974-08-13"), 2026).unwrap();
        assert_eq!(mismatch.wrong, vec!["birth_date".to_string()]);
        let mut bad = TD3.map(str::to_owned).to_vec();
        bad[1] = bad[1].replacen("L898902C36", "L898902C37", 1);
        let digit = mrz_key(bad, viz("1974-08-12"), 2026).unwrap();
        assert!(digit.wrong.contains(&"document_number_check".to_string()));
        assert!(mrz_key(vec!["P<UTO".into()], Vec::new(), 2026).is_err());
    }
}

/// Exercises made from generated specimens: the trainer's "generate" button and the shipped
/// document-examination set.
pub mod generated {
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
        }
    }

    /// A checklist item.
    fn item(text: &str, key: bool) -> ChecklistItem {
        ChecklistItem {
            text: text.to_owned(),
            key,
        }
    }

    /// Builds the exercise of `kind` from specimen `index` of the run `seed`.
    pub fn draft(kind: ExerciseKind, seed: u64, index: u32) -> Draft {
        let layout = layout_for(seed, index);
        let mut defects = specimens::defects_for(seed, index);
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
                            "On the left is the issuer's genuine specimen of this {doc}; on the right the document presented at the counter. Zoom in on both (they move together), compare layout, typefaces, portrait and ghost image, and the MRZ, and mark every place where the questioned document departs from what a genuine one shows. Marking a genuine feature costs half a point.",
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
                            "Examine this Utopian {doc} as you would at the counter: compare the portrait with the ghost image, read the visual zone against the MRZ (recompute a check digit if in doubt), and look for erasures and changes of typeface. Place a marker on each anomaly. Marking a genuine feature or an empty area costs half a point.",
                            doc = doc_name(layout)
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
                let defects: Vec<Defect> =
                    defects.into_iter().filter(|d| pool.contains(d)).collect();
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
                let (verdict, forgery) = if defects.is_empty() {
                    ("genuine", "")
                } else if has(Defect::SubstitutedPortrait) {
                    ("forged", "photo_substitution")
                } else {
                    ("forged", "altered_data")
                };
                let features = vec![
                    item(
                        "The portrait does not match the ghost image",
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
                    item("The background pattern is continuous and sharp", false),
                ];
                Draft {
                    kind,
                    title: format!("Verdict: Utopian {} ({})", doc_name(layout), index + 1),
                    instructions: "Examine the document and give your verdict: genuine, counterfeit, forged (say how), genuine but presented by an impostor, or cannot tell. Tick the observations that support it — and only those.".to_owned(),
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
                let defects: Vec<Defect> =
                    defects.into_iter().filter(|d| pool.contains(d)).collect();
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
        course_id: i64,
        module_id: Option<i64>,
        draft: Draft,
        published: bool,
    ) -> AppResult<i64> {
        let uploader = author.unwrap_or(0);
        let main = exercise_images::store(db, uploader, draft.image).await?;
        let mut spec = draft.spec;
        let mut view = 0;
        for (role, bytes) in draft.extra {
            let image = image_ref(&exercise_images::store(db, uploader, bytes).await?);
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
            module_id: Set(module_id),
            position: Set(position),
            kind: Set(draft.kind.code().to_owned()),
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
        let c = crate::server::services::authoring::editable_course(db, user, slug).await?;
        let kind = ExerciseKind::from_code(kind)
            .ok_or(AppError::field("generate_kind", Msg::ErrInvalid))?;
        let seed =
            seed.unwrap_or_else(|| crate::server::services::now().unix_timestamp_nanos() as u64);
        let d = tokio::task::spawn_blocking(move || draft(kind, seed, 0))
            .await
            .map_err(|e| crate::server::errors::internal("specimen generation", e))?;
        store(db, Some(user.id), c.id, None, d, false).await
    }

    /// The shipped set: 20 exercises of every kind in the document-examination course, made
    /// once (a course that already has exercises is left alone). Returns how many were made.
    pub async fn ensure_shipped(db: &DatabaseConnection) -> AppResult<usize> {
        let Some(c) = course::Entity::find()
            .filter(course::Column::Slug.eq("document-examination"))
            .one(db)
            .await?
        else {
            return Ok(0);
        };
        let has_any = exercise::Entity::find()
            .filter(exercise::Column::CourseId.eq(c.id))
            .one(db)
            .await?
            .is_some();
        if has_any {
            return Ok(0);
        }
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
            store(db, None, c.id, module_id, d, true).await?;
        }
        Ok(plan.len())
    }

    /// The seed of the shipped set.
    pub const SHIPPED_SEED: u64 = 9303;
}
