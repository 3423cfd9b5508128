//! Trainer materials: a course's pilot agenda, materials list and localisation sheet, and a
//! session plan with trainer notes per lesson (`trainer/` in a pack).
//!
//! Who reads them: whoever may read the course's question bank — its authors, and every
//! trainer and administrator once it is published (they hold case-study answers, as the bank
//! holds answer keys). Trainees never do. Who edits them: whoever may edit the course.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::{CurrentUser, TrainerLesson, TrainerPack, TrainerStep};
use crate::server::entities::trainer_note::{self, Kind};
use crate::server::entities::{course, course_module, lesson};
use content::pack::trainer::{
    Agenda, LessonNotes, Step, TrainerMaterials, clock_minutes, contact_minutes, parse_plan_lines,
    plan_lines, total_minutes,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

/// Longest text of one part (notes, materials, localisation), in bytes: the lesson limit.
pub const TEXT_MAX_BYTES: usize = content::markdown::MAX_BYTES;

/// Course `slug` if `user` may read its trainer materials, and whether they may edit them.
async fn readable(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<(course::Model, bool)> {
    let c = crate::server::services::quizzes::bank::readable_bank(db, user, slug).await?;
    let can_edit = crate::server::services::learn::authoring::may_edit(user, &c);
    Ok((c, can_edit))
}

fn render(markdown: &str, course_slug: &str) -> String {
    let glossary = format!("/courses/{course_slug}/glossary");
    content::markdown::render(
        markdown,
        content::markdown::Links {
            media_base: "/",
            glossary: &glossary,
        },
    )
}

fn steps_of(row: &trainer_note::Model) -> AppResult<Vec<Step>> {
    crate::server::services::stored("a trainer plan", &row.plan)
}

fn plan_json(steps: &[Step]) -> AppResult<String> {
    serde_json::to_string(steps).map_err(|e| crate::server::errors::internal("plan encoding", e))
}

/// The lessons of course `course_id` in reading order, with their module's slug and title.
async fn lessons_in_order(
    db: &impl ConnectionTrait,
    course_id: i64,
) -> AppResult<Vec<(course_module::Model, lesson::Model)>> {
    let modules: HashMap<i64, course_module::Model> = course_module::Entity::find()
        .filter(course_module::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let mut out: Vec<(course_module::Model, lesson::Model)> = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(course_id))
        .order_by_asc(lesson::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|l| Some((modules.get(&l.module_id)?.clone(), l)))
        .collect();
    out.sort_by_key(|(m, l)| (m.position, l.position));
    Ok(out)
}

/// The trainer materials of course `slug`.
pub async fn trainer_pack(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<TrainerPack> {
    let (c, can_edit) = readable(db, user, slug).await?;
    let rows = trainer_note::Entity::find()
        .filter(trainer_note::Column::CourseId.eq(c.id))
        .all(db)
        .await?;
    let part = |kind: Kind| rows.iter().find(|r| r.kind == kind);
    let lessons = lessons_in_order(db, c.id).await?;
    let titles: HashMap<&str, &str> = lessons
        .iter()
        .map(|(_, l)| (l.slug.as_str(), l.title.as_str()))
        .collect();
    let mut view = TrainerPack {
        course_slug: c.slug.clone(),
        course_title: c.title.clone(),
        can_edit,
        agenda_title: String::new(),
        agenda_starts: "08:30".into(),
        agenda: Vec::new(),
        agenda_text: String::new(),
        contact_minutes: 0,
        agenda_notes: String::new(),
        agenda_notes_html: String::new(),
        materials: part(Kind::Materials)
            .map(|r| r.body.clone())
            .unwrap_or_default(),
        materials_html: part(Kind::Materials)
            .map(|r| r.body_html.clone())
            .unwrap_or_default(),
        localisation: part(Kind::Localisation)
            .map(|r| r.body.clone())
            .unwrap_or_default(),
        localisation_html: part(Kind::Localisation)
            .map(|r| r.body_html.clone())
            .unwrap_or_default(),
        lessons: Vec::new(),
    };
    if let Some(a) = part(Kind::Agenda) {
        let steps = steps_of(a)?;
        let agenda = Agenda {
            title: a.title.clone(),
            starts: a.starts.clone(),
            steps: steps.clone(),
            notes: String::new(),
        };
        view.agenda = agenda
            .times()
            .into_iter()
            .zip(&steps)
            .map(|(at, s)| TrainerStep {
                at,
                minutes: s.minutes,
                method: s.method.code().to_owned(),
                activity: s.activity.clone(),
                lessons: s
                    .lessons
                    .iter()
                    .map(|l| titles.get(l.as_str()).copied().unwrap_or(l).to_owned())
                    .collect(),
            })
            .collect();
        view.agenda_title.clone_from(&a.title);
        view.agenda_starts.clone_from(&a.starts);
        view.agenda_text = plan_lines(&steps);
        view.contact_minutes = contact_minutes(&steps);
        view.agenda_notes.clone_from(&a.body);
        view.agenda_notes_html.clone_from(&a.body_html);
    }
    for (m, l) in &lessons {
        let row = rows
            .iter()
            .find(|r| r.kind == Kind::Lesson && r.lesson_id == Some(l.id));
        let steps = row.map(steps_of).transpose()?.unwrap_or_default();
        let mut at = 0;
        view.lessons.push(TrainerLesson {
            lesson_id: l.id,
            module_title: m.title.clone(),
            title: l.title.clone(),
            duration: l.duration_minutes,
            planned: total_minutes(&steps),
            plan: steps
                .iter()
                .map(|s| {
                    let step = TrainerStep {
                        at: at.to_string(),
                        minutes: s.minutes,
                        method: s.method.code().to_owned(),
                        activity: s.activity.clone(),
                        lessons: Vec::new(),
                    };
                    at += s.minutes;
                    step
                })
                .collect(),
            plan_text: plan_lines(&steps),
            notes: row.map(|r| r.body.clone()).unwrap_or_default(),
            notes_html: row.map(|r| r.body_html.clone()).unwrap_or_default(),
        });
    }
    Ok(view)
}

/// A change to a course's trainer materials, decoded from the form at the edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainerEdit {
    /// The pilot day.
    Agenda {
        /// Title of the day.
        title: String,
        /// `HH:MM`.
        starts: String,
        /// Steps, one per line.
        plan: String,
        /// Notes (Markdown).
        notes: String,
    },
    /// The materials list.
    Materials(String),
    /// The localisation sheet.
    Localisation(String),
    /// A lesson's session plan and notes.
    Lesson {
        /// The lesson.
        lesson_id: i64,
        /// Steps, one per line.
        plan: String,
        /// Notes (Markdown).
        notes: String,
    },
}

impl TrainerEdit {
    /// Decodes the form's `part` (`agenda`, `materials`, `localisation` or `lesson-<id>`).
    pub fn decode(
        part: &str,
        title: String,
        starts: String,
        plan: String,
        body: String,
    ) -> AppResult<Self> {
        Ok(match part {
            "agenda" => TrainerEdit::Agenda {
                title,
                starts,
                plan,
                notes: body,
            },
            "materials" => TrainerEdit::Materials(body),
            "localisation" => TrainerEdit::Localisation(body),
            other => TrainerEdit::Lesson {
                lesson_id: other
                    .strip_prefix("lesson-")
                    .and_then(|id| id.parse().ok())
                    .ok_or(AppError::NotFound)?,
                plan,
                notes: body,
            },
        })
    }
}

fn plan_from_form(text: &str) -> AppResult<Vec<Step>> {
    parse_plan_lines(text).map_err(|(line, message)| {
        tracing::debug!(line, %message, "trainer plan refused");
        AppError::field(
            "plan",
            if line == 0 {
                Msg::ErrPlanEmpty
            } else {
                Msg::ErrPlanLine
            },
        )
    })
}

fn checked_text(text: &str) -> AppResult<()> {
    if text.len() > TEXT_MAX_BYTES {
        return Err(AppError::field("body", Msg::ErrLessonTooLarge));
    }
    crate::server::services::learn::courses::check_body(text)
}

/// Saves one part of course `slug`'s trainer materials.
pub async fn save(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    edit: TrainerEdit,
) -> AppResult<()> {
    let c = crate::server::services::learn::authoring::editable_course(db, user, slug).await?;
    let now = crate::server::services::now();
    let mut row = trainer_note::ActiveModel {
        course_id: Set(c.id),
        lesson_id: Set(None),
        title: Set(String::new()),
        starts: Set(String::new()),
        plan: Set("[]".into()),
        updated_at: Set(now),
        ..Default::default()
    };
    let (kind, lesson_id, body) = match edit {
        TrainerEdit::Agenda {
            title,
            starts,
            plan,
            notes,
        } => {
            let title = title.trim().to_owned();
            if title.is_empty() {
                return Err(AppError::field("title", Msg::ErrRequired));
            }
            let starts = starts.trim().to_owned();
            if clock_minutes(&starts).is_none() {
                return Err(AppError::field("starts", Msg::ErrTime));
            }
            let steps = plan_from_form(&plan)?;
            let known: Vec<String> = lessons_in_order(db, c.id)
                .await?
                .into_iter()
                .map(|(_, l)| l.slug)
                .collect();
            if steps
                .iter()
                .flat_map(|s| &s.lessons)
                .any(|l| !known.contains(l))
            {
                return Err(AppError::field("plan", Msg::ErrPlanLesson));
            }
            row.title = Set(title.chars().take(200).collect());
            row.starts = Set(starts);
            row.plan = Set(plan_json(&steps)?);
            (Kind::Agenda, None, notes)
        }
        TrainerEdit::Materials(body) => (Kind::Materials, None, body),
        TrainerEdit::Localisation(body) => (Kind::Localisation, None, body),
        TrainerEdit::Lesson {
            lesson_id,
            plan,
            notes,
        } => {
            let l = lesson::Entity::find_by_id(lesson_id)
                .one(db)
                .await?
                .filter(|l| l.course_id == c.id)
                .ok_or(AppError::NotFound)?;
            let steps = plan_from_form(&plan)?;
            if steps.iter().any(|s| !s.lessons.is_empty()) {
                return Err(AppError::field("plan", Msg::ErrPlanLesson));
            }
            row.plan = Set(plan_json(&steps)?);
            (Kind::Lesson, Some(l.id), notes)
        }
    };
    checked_text(&body)?;
    row.kind = Set(kind);
    row.lesson_id = Set(lesson_id);
    row.body_html = Set(render(&body, &c.slug));
    row.body = Set(body);
    let txn = db.begin().await?;
    let mut old = trainer_note::Entity::delete_many()
        .filter(trainer_note::Column::CourseId.eq(c.id))
        .filter(trainer_note::Column::Kind.eq(kind));
    old = match lesson_id {
        Some(id) => old.filter(trainer_note::Column::LessonId.eq(id)),
        None => old.filter(trainer_note::Column::LessonId.is_null()),
    };
    old.exec(&txn).await?;
    row.insert(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces course `course_id`'s trainer materials with `pack`'s (inside the import's
/// transaction, after its lessons are in place).
pub async fn replace_from_pack(
    txn: &impl ConnectionTrait,
    course_id: i64,
    pack: &content::pack::CoursePack,
) -> AppResult<()> {
    trainer_note::Entity::delete_many()
        .filter(trainer_note::Column::CourseId.eq(course_id))
        .exec(txn)
        .await?;
    let t = &pack.trainer;
    let now = crate::server::services::now();
    let slug = &pack.meta.id;
    let row = |kind: Kind,
               lesson_id: Option<i64>,
               title: &str,
               starts: &str,
               plan: String,
               body: &str| {
        trainer_note::ActiveModel {
            course_id: Set(course_id),
            lesson_id: Set(lesson_id),
            kind: Set(kind),
            title: Set(title.to_owned()),
            starts: Set(starts.to_owned()),
            plan: Set(plan),
            body: Set(body.to_owned()),
            body_html: Set(render(body, slug)),
            updated_at: Set(now),
            ..Default::default()
        }
    };
    let mut rows = Vec::new();
    if let Some(a) = &t.agenda {
        rows.push(row(
            Kind::Agenda,
            None,
            &a.title,
            &a.starts,
            plan_json(&a.steps)?,
            &a.notes,
        ));
    }
    if !t.materials.trim().is_empty() {
        rows.push(row(
            Kind::Materials,
            None,
            "",
            "",
            "[]".into(),
            &t.materials,
        ));
    }
    if !t.localisation.trim().is_empty() {
        rows.push(row(
            Kind::Localisation,
            None,
            "",
            "",
            "[]".into(),
            &t.localisation,
        ));
    }
    let lessons = lessons_in_order(txn, course_id).await?;
    for n in &t.lessons {
        if let Some((_, l)) = lessons
            .iter()
            .find(|(m, l)| m.slug == n.module && l.slug == n.lesson)
        {
            rows.push(row(
                Kind::Lesson,
                Some(l.id),
                "",
                "",
                plan_json(&n.plan)?,
                &n.body,
            ));
        }
    }
    for r in rows {
        r.insert(txn).await?;
    }
    Ok(())
}

/// Course `course_id`'s trainer materials as a pack carries them.
pub async fn pack_trainer(
    db: &impl ConnectionTrait,
    course_id: i64,
) -> AppResult<TrainerMaterials> {
    let rows = trainer_note::Entity::find()
        .filter(trainer_note::Column::CourseId.eq(course_id))
        .all(db)
        .await?;
    let mut out = TrainerMaterials::default();
    for r in rows.iter() {
        match r.kind {
            Kind::Agenda => {
                out.agenda = Some(Agenda {
                    title: r.title.clone(),
                    starts: r.starts.clone(),
                    steps: steps_of(r)?,
                    notes: r.body.clone(),
                })
            }
            Kind::Materials => out.materials.clone_from(&r.body),
            Kind::Localisation => out.localisation.clone_from(&r.body),
            Kind::Lesson => {}
        }
    }
    for (m, l) in lessons_in_order(db, course_id).await? {
        if let Some(r) = rows
            .iter()
            .find(|r| r.kind == Kind::Lesson && r.lesson_id == Some(l.id))
        {
            out.lessons.push(LessonNotes {
                module: m.slug.clone(),
                lesson: l.slug.clone(),
                plan: steps_of(r)?,
                body: r.body.clone(),
            });
        }
    }
    Ok(out)
}

/// The trainer's pack of course `slug` as a printable PDF, in the reader's language for its
/// headings.
pub async fn trainer_pdf(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    lang: crate::i18n::Lang,
) -> AppResult<(String, Vec<u8>)> {
    let view = trainer_pack(db, user, slug).await?;
    let name = format!("{}-trainer-pack.pdf", view.course_slug);
    let pdf = crate::server::reports::off_runtime("trainer pack pdf", move || {
        crate::server::reports::trainer_pdf::render(&view, lang)
    })
    .await?;
    Ok((name, pdf))
}
