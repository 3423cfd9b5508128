//! Course packs in and out: importing a pack (lessons, glossary, images, questions) in place,
//! exporting a course as a pack, and the packs shipped with Checkpoint.

use super::*;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// The course's id.
    pub course_id: i64,
    /// Whether the course was new.
    pub created: bool,
    /// Lessons in the course after the import.
    pub lessons: usize,
}

pub(super) fn media_type(name: &str) -> &'static str {
    match name
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    }
}

/// Imports `pack`: creates the course, or updates the course with the same id in place —
/// modules and lessons are matched by their slugs, so learners keep their progress on every
/// lesson that is still there. Modules, lessons, glossary terms and images absent from the
/// pack are removed. `publish` makes the course visible to learners.
pub async fn import_pack(
    db: &DatabaseConnection,
    pack: &CoursePack,
    author: Option<i64>,
    publish: bool,
) -> AppResult<ImportSummary> {
    let txn = db.begin().await?;
    let summary = import_pack_in(&txn, pack, author, publish, SameId::Update).await?;
    txn.commit().await?;
    Ok(summary)
}

/// What an import does with a course that already has the pack's identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SameId {
    /// Updates it in place (re-importing a pack).
    Update,
    /// Refuses: the import must make a new course (a duplicate), never replace one.
    Refuse,
}

/// [`import_pack`] inside the caller's transaction.
pub(crate) async fn import_pack_in(
    txn: &impl ConnectionTrait,
    pack: &CoursePack,
    author: Option<i64>,
    publish: bool,
    same_id: SameId,
) -> AppResult<ImportSummary> {
    let now = crate::server::services::now();
    let meta = &pack.meta;
    let existing = course::Entity::find()
        .filter(course::Column::Slug.eq(&meta.id))
        .one(txn)
        .await?;
    if existing.is_some() && same_id == SameId::Refuse {
        return Err(AppError::field("slug", Msg::ErrSlugTaken));
    }
    let created = existing.is_none();
    let mut row: course::ActiveModel = match existing {
        Some(c) => c.into(),
        None => course::ActiveModel {
            slug: Set(meta.id.clone()),
            published: Set(false),
            created_by: Set(author),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.title = Set(meta.title.clone());
    row.summary = Set(meta.summary.clone());
    row.language = Set(meta.language.clone());
    row.kind = Set(meta.kind);
    row.audience = Set(meta.audience.clone());
    row.competencies = Set(meta.competencies.join(","));
    row.estimated_hours = Set(f64::from(meta.estimated_hours));
    row.version = Set(meta.version.clone());
    row.updated_at = Set(now);
    if publish {
        row.published = Set(true);
    }
    // A course of this identifier created meanwhile (after the lookup above) is refused by
    // the unique key, never updated.
    let course = row
        .save(txn)
        .await
        .map_err(crate::server::errors::unique_as("slug", Msg::ErrSlugTaken))?;
    let course_id = course.id.unwrap();

    let old_modules: HashMap<String, course_module::Model> = course_module::Entity::find()
        .filter(course_module::Column::CourseId.eq(course_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|m| (m.slug.clone(), m))
        .collect();
    // Move kept modules out of the way of the new positions' unique slugs first.
    let mut kept_modules = HashSet::new();
    let mut lesson_count = 0;
    for (i, module) in pack.modules.iter().enumerate() {
        let mut m: course_module::ActiveModel = match old_modules.get(&module.slug) {
            Some(m) => m.clone().into(),
            None => course_module::ActiveModel {
                course_id: Set(course_id),
                slug: Set(module.slug.clone()),
                ..Default::default()
            },
        };
        m.position = Set(i as i32 + 1);
        m.title = Set(module.meta.title.clone());
        m.summary = Set(module.meta.summary.clone());
        let module_id = m.save(txn).await?.id.unwrap();
        kept_modules.insert(module_id);

        let old_lessons: HashMap<String, lesson::Model> = lesson::Entity::find()
            .filter(lesson::Column::ModuleId.eq(module_id))
            .all(txn)
            .await?
            .into_iter()
            .map(|l| (l.slug.clone(), l))
            .collect();
        let mut kept_lessons = Vec::new();
        for (j, l) in module.lessons.iter().enumerate() {
            let mut row: lesson::ActiveModel = match old_lessons.get(&l.slug) {
                Some(old) => old.clone().into(),
                None => lesson::ActiveModel {
                    module_id: Set(module_id),
                    course_id: Set(course_id),
                    slug: Set(l.slug.clone()),
                    published: Set(true),
                    ..Default::default()
                },
            };
            row.position = Set(j as i32 + 1);
            row.title = Set(l.meta.title.clone());
            row.objectives =
                Set(serde_json::to_string(&l.meta.objectives).unwrap_or_else(|_| "[]".into()));
            row.duration_minutes = Set(l.meta.duration as i32);
            row.body = Set(l.body.clone());
            row.body_html = Set(render_body(course_id, &meta.id, &module.slug, &l.body));
            row.updated_at = Set(now);
            kept_lessons.push(row.save(txn).await?.id.unwrap());
            lesson_count += 1;
        }
        lesson::Entity::delete_many()
            .filter(lesson::Column::ModuleId.eq(module_id))
            .filter(lesson::Column::Id.is_not_in(kept_lessons))
            .exec(txn)
            .await?;
    }
    course_module::Entity::delete_many()
        .filter(course_module::Column::CourseId.eq(course_id))
        .filter(course_module::Column::Id.is_not_in(kept_modules))
        .exec(txn)
        .await?;

    glossary_term::Entity::delete_many()
        .filter(glossary_term::Column::CourseId.eq(course_id))
        .exec(txn)
        .await?;
    for (i, g) in pack.glossary.iter().enumerate() {
        glossary_term::ActiveModel {
            course_id: Set(course_id),
            position: Set(i as i32 + 1),
            term: Set(g.term.clone()),
            definition: Set(g.definition.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    course_media::Entity::delete_many()
        .filter(course_media::Column::CourseId.eq(course_id))
        .exec(txn)
        .await?;
    for module in &pack.modules {
        for (name, bytes) in &module.media {
            store_media(txn, course_id, &module.slug, name, media_type(name), bytes).await?;
        }
    }
    if !pack.questions.is_empty() || !pack.tests.is_empty() || !pack.quizzes.is_empty() {
        crate::server::services::quizzes::bank::replace_from_pack(txn, course_id, pack, publish)
            .await?;
    }
    store_editions(txn, course_id, pack).await?;
    crate::server::services::learn::trainer::replace_from_pack(txn, course_id, pack).await?;
    Ok(ImportSummary {
        course_id,
        created,
        lessons: lesson_count,
    })
}

/// Stores an image beside a module's lessons, replacing one of the same name.
pub async fn store_media(
    db: &impl ConnectionTrait,
    course_id: i64,
    module_slug: &str,
    name: &str,
    content_type: &str,
    bytes: &[u8],
) -> AppResult<()> {
    course_media::Entity::insert(course_media::ActiveModel {
        course_id: Set(course_id),
        module_slug: Set(module_slug.to_owned()),
        name: Set(name.to_owned()),
        content_type: Set(content_type.to_owned()),
        data: Set(bytes.to_vec()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            course_media::Column::CourseId,
            course_media::Column::ModuleSlug,
            course_media::Column::Name,
        ])
        .update_columns([
            course_media::Column::Data,
            course_media::Column::ContentType,
        ])
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A course's modules in order.
pub async fn modules_in_order(
    db: &DatabaseConnection,
    course_id: i64,
) -> AppResult<Vec<course_module::Model>> {
    Ok(course_module::Entity::find()
        .filter(course_module::Column::CourseId.eq(course_id))
        .order_by_asc(course_module::Column::Position)
        .all(db)
        .await?)
}

/// The course with identifier `slug` as a pack, ready to write to a folder.
pub async fn export_pack(db: &DatabaseConnection, slug: &str) -> AppResult<CoursePack> {
    let c = course::Entity::find()
        .filter(course::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let modules = modules_in_order(db, c.id).await?;
    let mut lessons_by_module: HashMap<i64, Vec<lesson::Model>> = HashMap::new();
    for l in lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(c.id))
        .order_by_asc(lesson::Column::Position)
        .all(db)
        .await?
    {
        lessons_by_module.entry(l.module_id).or_default().push(l);
    }
    let mut media_by_module: HashMap<String, BTreeMap<String, Vec<u8>>> = HashMap::new();
    for m in course_media::Entity::find()
        .filter(course_media::Column::CourseId.eq(c.id))
        .all(db)
        .await?
    {
        media_by_module
            .entry(m.module_slug)
            .or_default()
            .insert(m.name, m.data);
    }
    let glossary = glossary_term::Entity::find()
        .filter(glossary_term::Column::CourseId.eq(c.id))
        .order_by_asc(glossary_term::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|g| GlossaryEntry {
            term: g.term,
            definition: g.definition,
        })
        .collect();
    let (questions, tests, quizzes) =
        crate::server::services::quizzes::bank::pack_quizzes(db, c.id).await?;
    let mut pack = CoursePack {
        questions,
        tests,
        quizzes,
        translations: Vec::new(),
        trainer: Default::default(),
        meta: CourseMeta {
            id: c.slug,
            title: c.title,
            summary: c.summary,
            language: c.language,
            kind: c.kind,
            audience: c.audience,
            competencies: c
                .competencies
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            estimated_hours: c.estimated_hours as f32,
            version: c.version,
        },
        modules: modules
            .into_iter()
            .map(|m| -> AppResult<Module> {
                Ok(Module {
                    lessons: lessons_by_module
                        .remove(&m.id)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|l| -> AppResult<Lesson> {
                            Ok(Lesson {
                                slug: l.slug,
                                meta: LessonMeta {
                                    title: l.title,
                                    objectives: crate::server::services::stored(
                                        "lesson objectives",
                                        &l.objectives,
                                    )?,
                                    duration: l.duration_minutes.max(0) as u32,
                                },
                                body: l.body,
                            })
                        })
                        .collect::<AppResult<_>>()?,
                    media: media_by_module.remove(&m.slug).unwrap_or_default(),
                    slug: m.slug,
                    meta: ModuleMeta {
                        title: m.title,
                        summary: m.summary,
                    },
                })
            })
            .collect::<AppResult<_>>()?,
        glossary,
    };
    pack.translations = export_editions(db, c.id, &pack).await?;
    pack.trainer = crate::server::services::learn::trainer::pack_trainer(db, c.id).await?;
    Ok(pack)
}

/// Imports every pack shipped in `content/packs/` (embedded in the binary) and publishes it
/// (used by the demo data).
pub async fn import_shipped(db: &DatabaseConnection) -> AppResult<usize> {
    // Unpacking and reading the packs is file I/O: keep it off the async runtime.
    let packs = tokio::task::spawn_blocking(content::pack::shipped)
        .await
        .map_err(|e| crate::server::errors::internal("shipped pack task", e))?
        .map_err(|e| crate::server::errors::internal("shipped pack", e))?;
    for pack in &packs {
        import_pack(db, pack, None, true).await?;
    }
    Ok(packs.len())
}
