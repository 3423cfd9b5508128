//! Needs-analysis questionnaires: versions stored as TOML, edited in the browser item by item
//! (or whole, as TOML), checked at design time against the competency framework, and frozen
//! once a campaign has opened with them — changes then go into a new version.

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Msg;
use crate::model::tna::{
    ConditionView, ItemView, QuestionnaireDetail, QuestionnaireRow, SectionView, Texts,
};
use crate::server::entities::{tna_campaign, tna_questionnaire};
use content::tna::{Condition, Item, ItemKind, Problem, Questionnaire, Section, Text};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Parsed questionnaires by database ([`crate::server::services::database_key`]), id and last
/// change, so autosaves do not re-read the TOML.
type Parsed = HashMap<(String, i64), (time::OffsetDateTime, Arc<Questionnaire>)>;
static PARSED: Mutex<Option<Parsed>> = Mutex::new(None);

/// Version `id` and its parsed definition.
pub async fn load(
    db: &DatabaseConnection,
    id: i64,
) -> AppResult<(tna_questionnaire::Model, Arc<Questionnaire>)> {
    let row = tna_questionnaire::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = (crate::server::services::database_key(db), id);
    if let Some((at, q)) = PARSED
        .lock()
        .ok()
        .and_then(|m| m.as_ref().and_then(|m| m.get(&key).cloned()))
        && at == row.updated_at
    {
        return Ok((row, q));
    }
    let q: Questionnaire = content::tna::read_questionnaire(&row.definition)
        .map_err(|e| crate::server::errors::internal("stored questionnaire", e))?;
    let q = Arc::new(q);
    if let Ok(mut m) = PARSED.lock() {
        m.get_or_insert_with(HashMap::new)
            .insert(key, (row.updated_at, q.clone()));
    }
    Ok((row, q))
}

/// Whether version `id` is in use by a campaign that has opened (and so may not change).
pub async fn locked(db: &impl ConnectionTrait, id: i64) -> AppResult<bool> {
    Ok(tna_campaign::Entity::find()
        .filter(tna_campaign::Column::QuestionnaireId.eq(id))
        .filter(tna_campaign::Column::Status.ne(crate::model::CampaignStatus::Draft))
        .one(db)
        .await?
        .is_some())
}

/// Adds the shipped questionnaire (version 1) unless a questionnaire with its id exists.
pub async fn ensure_shipped(db: &DatabaseConnection) -> AppResult<()> {
    let (_, q) = content::tna::shipped()
        .map_err(|e| crate::server::errors::internal("shipped questionnaire", e))?;
    let exists = tna_questionnaire::Entity::find()
        .filter(tna_questionnaire::Column::Slug.eq(q.id.as_str()))
        .one(db)
        .await?
        .is_some();
    if !exists {
        insert(db, None, &q.id, 1, &q).await?;
    }
    Ok(())
}

async fn insert(
    db: &impl ConnectionTrait,
    user: Option<i64>,
    slug: &str,
    number: i32,
    q: &Questionnaire,
) -> AppResult<i64> {
    let now = crate::server::services::now();
    Ok(tna_questionnaire::ActiveModel {
        slug: Set(slug.to_owned()),
        number: Set(number),
        title: Set(q.title.en.clone()),
        definition: Set(q.to_toml()),
        created_by: Set(user),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

fn row_of(
    m: &tna_questionnaire::Model,
    q: &Questionnaire,
    campaigns: usize,
    locked: bool,
) -> QuestionnaireRow {
    QuestionnaireRow {
        id: m.id,
        slug: m.slug.clone(),
        number: m.number,
        title: m.title.clone(),
        items: q.items().count(),
        campaigns,
        locked,
    }
}

/// Every questionnaire version, by questionnaire then newest version first.
pub async fn list(db: &DatabaseConnection) -> AppResult<Vec<QuestionnaireRow>> {
    let rows = tna_questionnaire::Entity::find()
        .order_by_asc(tna_questionnaire::Column::Slug)
        .order_by_desc(tna_questionnaire::Column::Number)
        .all(db)
        .await?;
    let campaigns = tna_campaign::Entity::find().all(db).await?;
    let mut out = Vec::new();
    for m in rows {
        let (_, q) = load(db, m.id).await?;
        let used: Vec<&tna_campaign::Model> = campaigns
            .iter()
            .filter(|c| c.questionnaire_id == m.id)
            .collect();
        let locked = used
            .iter()
            .any(|c| c.status != crate::model::CampaignStatus::Draft);
        out.push(row_of(&m, &q, used.len(), locked));
    }
    Ok(out)
}

fn condition_view(c: &Condition) -> ConditionView {
    let (op, value) = if let Some(v) = &c.equals {
        ("equals", v.clone())
    } else if let Some(vs) = &c.any_of {
        ("in", vs.join(", "))
    } else {
        (
            "at_least",
            c.at_least.map(|n| n.to_string()).unwrap_or_default(),
        )
    };
    ConditionView {
        item: c.item.clone(),
        op: op.to_owned(),
        value,
    }
}

/// The kind's stored name.
pub fn kind_code(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Likert => "likert",
        ItemKind::Dual => "dual",
        ItemKind::Single => "single",
        ItemKind::Multiple => "multiple",
        ItemKind::Barriers => "barriers",
        ItemKind::Text => "text",
        ItemKind::Numeric => "numeric",
    }
}

/// The item kind of form code `code`.
pub fn kind_from(code: &str) -> Option<ItemKind> {
    Some(match code {
        "likert" => ItemKind::Likert,
        "dual" => ItemKind::Dual,
        "single" => ItemKind::Single,
        "multiple" => ItemKind::Multiple,
        "barriers" => ItemKind::Barriers,
        "text" => ItemKind::Text,
        "numeric" => ItemKind::Numeric,
        _ => return None,
    })
}

/// A questionnaire text as the pages take it.
pub fn texts(t: &Text) -> Texts {
    Texts {
        en: t.en.clone(),
        fr: t.fr.clone(),
        es: t.es.clone(),
        ar: t.ar.clone(),
    }
}

/// The sections of `q` as the pages show them; competency titles from `titles`.
pub fn sections_view(q: &Questionnaire, titles: &HashMap<String, String>) -> Vec<SectionView> {
    q.sections
        .iter()
        .map(|s| SectionView {
            id: s.id.clone(),
            title: texts(&s.title),
            show_if: s.show_if.as_ref().map(condition_view),
            items: s
                .items
                .iter()
                .map(|i| ItemView {
                    id: i.id.clone(),
                    kind: kind_code(i.kind).to_owned(),
                    required: i.required,
                    text: texts(&i.text),
                    competency: i.competency.as_ref().map(|c| {
                        (
                            c.clone(),
                            titles.get(c).cloned().unwrap_or_else(|| c.clone()),
                        )
                    }),
                    options: i
                        .options
                        .iter()
                        .map(|o| {
                            let t = Texts {
                                en: o.en.clone(),
                                fr: o.fr.clone(),
                                es: o.es.clone(),
                                ar: o.ar.clone(),
                            };
                            (o.id.clone(), t)
                        })
                        .collect(),
                    min: i.min,
                    max: i.max,
                    show_if: i.show_if.as_ref().map(condition_view),
                })
                .collect(),
        })
        .collect()
}

/// Competency id → title, in the framework in force.
pub async fn competency_titles(db: &impl ConnectionTrait) -> AppResult<Vec<(String, String)>> {
    let fw = crate::server::services::tna::framework(db).await?;
    Ok(fw
        .areas
        .iter()
        .flat_map(|a| {
            a.competencies
                .iter()
                .map(|c| (c.id.clone(), c.title.clone()))
        })
        .collect())
}

/// Version `id`, whole.
pub async fn detail(db: &DatabaseConnection, id: i64) -> AppResult<QuestionnaireDetail> {
    let (m, q) = load(db, id).await?;
    let campaigns = tna_campaign::Entity::find()
        .filter(tna_campaign::Column::QuestionnaireId.eq(id))
        .all(db)
        .await?;
    let is_locked = campaigns
        .iter()
        .any(|c| c.status != crate::model::CampaignStatus::Draft);
    let newest = tna_questionnaire::Entity::find()
        .filter(tna_questionnaire::Column::Slug.eq(m.slug.as_str()))
        .order_by_desc(tna_questionnaire::Column::Number)
        .one(db)
        .await?
        .filter(|n| n.id != id)
        .map(|n| n.id);
    let competencies = competency_titles(db).await?;
    let titles: HashMap<String, String> = competencies.iter().cloned().collect();
    Ok(QuestionnaireDetail {
        row: row_of(&m, &q, campaigns.len(), is_locked),
        title: texts(&q.title),
        intro: texts(&q.intro),
        sections: sections_view(&q, &titles),
        toml: q.to_toml(),
        competencies,
        newer: newest,
    })
}

/// The message and field for a design problem.
fn design_error(e: content::tna::DesignError) -> AppError {
    let msg = match e.problem {
        Problem::NotEarlier => Msg::ErrSkipLater,
        Problem::NoSuchOption => Msg::ErrSkipOption,
        Problem::ConditionShape | Problem::AtLeastNeedsScale => Msg::ErrSkipShape,
        Problem::Languages => Msg::ErrBothLanguages,
        Problem::DuplicateId => Msg::ErrItemId,
        Problem::UnknownCompetency => Msg::ErrUnknownCompetency,
        Problem::MissingCompetency => Msg::ErrDualCompetency,
        Problem::Options => Msg::ErrItemOptions,
        Problem::BarrierOptions => Msg::ErrBarrierOptions,
        Problem::Bounds => Msg::ErrItemBounds,
    };
    AppError::Validation(vec![FieldError::new(
        if e.subject.is_empty() {
            "title"
        } else {
            &e.subject
        },
        msg,
    )])
}

/// A new questionnaire (version 1): a copy of version `copy_of`, or one empty section.
pub async fn create(
    db: &DatabaseConnection,
    user: i64,
    title_en: &str,
    title_fr: &str,
    copy_of: Option<i64>,
) -> AppResult<i64> {
    let (title_en, title_fr) = (title_en.trim(), title_fr.trim());
    if title_en.is_empty() || title_fr.is_empty() {
        return Err(AppError::field("title_en", Msg::ErrBothLanguages));
    }
    if title_en.chars().count() > 300 || title_fr.chars().count() > 300 {
        return Err(AppError::field("title_en", Msg::ErrTooLong));
    }
    let mut q = match copy_of {
        Some(id) => (*load(db, id).await?.1).clone(),
        None => Questionnaire {
            id: String::new(),
            version: "1".into(),
            title: Text::default(),
            intro: Text::default(),
            sections: vec![Section {
                id: "general".into(),
                title: Text {
                    en: "General".into(),
                    fr: "Généralités".into(),
                    es: "General".into(),
                    ar: "عام".into(),
                },
                show_if: None,
                items: Vec::new(),
            }],
        },
    };
    let base = content::markdown::slug(title_en);
    let base = if base.is_empty() {
        "questionnaire".to_owned()
    } else {
        base.chars().take(48).collect()
    };
    let mut slug = base.clone();
    let mut n = 2;
    while tna_questionnaire::Entity::find()
        .filter(tna_questionnaire::Column::Slug.eq(slug.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        slug = format!("{base}-{n}");
        n += 1;
    }
    q.id = slug.clone();
    q.version = "1".into();
    q.title = Text::en_fr(title_en, title_fr);
    insert(db, Some(user), &slug, 1, &q).await
}

/// A new version of the questionnaire of version `id`, copied from it; returns its id.
pub async fn new_version(db: &DatabaseConnection, user: i64, id: i64) -> AppResult<i64> {
    let (m, q) = load(db, id).await?;
    let _gate = crate::server::services::write_gate(db).await;
    let number = tna_questionnaire::Entity::find()
        .filter(tna_questionnaire::Column::Slug.eq(m.slug.as_str()))
        .order_by_desc(tna_questionnaire::Column::Number)
        .one(db)
        .await?
        .map_or(1, |n| n.number + 1);
    let mut q = (*q).clone();
    q.version = number.to_string();
    insert(db, Some(user), &m.slug, number, &q).await
}

/// The value of form field `name` (empty when absent).
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// One change made in the questionnaire builder, decoded from its form at the edge.
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionnaireEdit {
    /// The title and introduction.
    Meta { title: Text, intro: Text },
    /// A new section, or section `original` renamed, retitled or given a condition (its items
    /// stay).
    Section { original: String, section: Section },
    /// A new item in section `section`, or item `original` replaced.
    Item {
        original: String,
        section: String,
        item: Item,
    },
    /// Item `id` deleted, or the empty section `id`.
    Delete { id: String },
    /// Item `id` moved one place up or down in its section.
    Move { id: String, up: bool },
    /// The whole questionnaire replaced by its TOML text (its id and version kept).
    Toml(String),
}

/// Applies `edit` to `q`.
fn apply(q: &mut Questionnaire, edit: QuestionnaireEdit) -> AppResult<()> {
    match edit {
        QuestionnaireEdit::Meta {
            mut title,
            mut intro,
        } => {
            title.keep_translations(&q.title);
            intro.keep_translations(&q.intro);
            q.title = title;
            q.intro = intro;
        }
        QuestionnaireEdit::Section { original, section } => {
            if section.title.en.is_empty() || section.title.fr.is_empty() {
                return Err(AppError::field(&section.id, Msg::ErrBothLanguages));
            }
            if !content::pack::valid_id(&section.id) {
                return Err(AppError::field("id", Msg::ErrItemId));
            }
            match q
                .sections
                .iter_mut()
                .find(|s| s.id == original && !original.is_empty())
            {
                Some(s) => {
                    s.id = section.id;
                    let mut title = section.title;
                    title.keep_translations(&s.title);
                    s.title = title;
                    s.show_if = section.show_if;
                }
                None => q.sections.push(section),
            }
        }
        QuestionnaireEdit::Item {
            original,
            section,
            item,
        } => {
            let existing = q
                .sections
                .iter_mut()
                .flat_map(|s| s.items.iter_mut())
                .find(|i| !original.is_empty() && i.id == original);
            match existing {
                Some(slot) => {
                    let mut item = item;
                    item.text.keep_translations(&slot.text);
                    for o in &mut item.options {
                        if let Some(old) = slot.options.iter().find(|old| old.id == o.id) {
                            o.keep_translations(old);
                        }
                    }
                    *slot = item;
                }
                None => q
                    .sections
                    .iter_mut()
                    .find(|s| s.id == section)
                    .ok_or_else(|| AppError::field("section", Msg::ErrInvalid))?
                    .items
                    .push(item),
            }
        }
        QuestionnaireEdit::Delete { id } => {
            let before = q.items().count();
            for s in &mut q.sections {
                s.items.retain(|i| i.id != id);
            }
            if q.items().count() == before {
                let sections = q.sections.len();
                q.sections.retain(|s| s.id != id || !s.items.is_empty());
                if q.sections.len() == sections {
                    return Err(AppError::NotFound);
                }
            }
        }
        QuestionnaireEdit::Move { id, up } => {
            let s = q
                .sections
                .iter_mut()
                .find(|s| s.items.iter().any(|i| i.id == id))
                .ok_or(AppError::NotFound)?;
            let at = s.items.iter().position(|i| i.id == id).unwrap_or(0);
            let to = if up {
                at.checked_sub(1)
            } else {
                Some(at + 1).filter(|t| *t < s.items.len())
            };
            if let Some(to) = to {
                s.items.swap(at, to);
            }
        }
        QuestionnaireEdit::Toml(text) => {
            let mut parsed: Questionnaire = content::tna::read_questionnaire(&text)
                .map_err(|_| AppError::field("toml", Msg::ErrToml))?;
            parsed.id = q.id.clone();
            parsed.version = q.version.clone();
            *q = parsed;
        }
    }
    Ok(())
}

/// Applies one builder change to version `id`, unless a campaign has opened with it; the
/// result must pass the design-time checks, or nothing is written.
pub async fn edit(db: &DatabaseConnection, id: i64, change: QuestionnaireEdit) -> AppResult<()> {
    let _gate = crate::server::services::write_gate(db).await;
    let (m, q) = load(db, id).await?;
    if locked(db, id).await? {
        return Err(AppError::field("title", Msg::ErrQuestionnaireInUse));
    }
    let mut q = (*q).clone();
    apply(&mut q, change)?;
    let fw = crate::server::services::tna::framework(db).await?;
    content::tna::check_questionnaire(&q, &fw).map_err(design_error)?;
    let mut row: tna_questionnaire::ActiveModel = m.into();
    row.title = Set(q.title.en.clone());
    row.definition = Set(q.to_toml());
    row.updated_at = Set(crate::server::services::now());
    row.update(db).await?;
    Ok(())
}
