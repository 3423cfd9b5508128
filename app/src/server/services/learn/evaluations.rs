//! Class evaluations (Kirkpatrick levels 1 and 3): the reaction questionnaire a trainee
//! answers at the end of a class, and the follow-up questionnaire answered three months after
//! it ends — the shipped questionnaires of `content/evaluation/`, read and checked by the
//! needs-analysis machinery.
//!
//! Anonymous: a submitted questionnaire names no one; who has answered is kept apart (so
//! nobody answers twice), written in the same transaction. The class's trainers see the
//! results once at least [`MIN_SHOWN`] trainees have answered.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::model::tna::{EvaluationDue, EvaluationForm, EvaluationItemResult, EvaluationResults};
use crate::server::entities::class_evaluation::{self, Survey};
use crate::server::entities::{class, class_evaluation_taker, course, enrolment};
use crate::server::services::tna::questionnaires::texts;
use content::tna::{Answer, Answers, ItemKind, Questionnaire};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set, TransactionTrait,
};
use std::collections::HashMap;

/// Fewest answers before a class's results are shown: fewer could identify a trainee.
pub const MIN_SHOWN: usize = 3;
/// Days after a class ends when the follow-up questionnaire opens (about three months).
pub const FOLLOW_UP_AFTER_DAYS: i64 = 90;

impl Survey {
    /// The code in URLs and forms.
    pub fn code(self) -> &'static str {
        match self {
            Survey::Reaction => "reaction",
            Survey::FollowUp => "follow_up",
        }
    }

    /// The survey written `code`.
    pub fn from_code(code: &str) -> AppResult<Survey> {
        match code {
            "reaction" => Ok(Survey::Reaction),
            "follow_up" => Ok(Survey::FollowUp),
            _ => Err(AppError::NotFound),
        }
    }
}

/// The shipped questionnaire of `survey`, read once (they are compiled into the binary).
fn questionnaire(survey: Survey) -> AppResult<&'static Questionnaire> {
    static SHIPPED: std::sync::OnceLock<Result<(Questionnaire, Questionnaire), String>> =
        std::sync::OnceLock::new();
    let shipped = SHIPPED.get_or_init(|| content::tna::evaluations().map_err(|e| e.to_string()));
    let (reaction, follow_up) = shipped
        .as_ref()
        .map_err(|e| crate::server::errors::internal("evaluation questionnaires", e))?;
    Ok(match survey {
        Survey::Reaction => reaction,
        Survey::FollowUp => follow_up,
    })
}

/// The day `survey` opens for class `c`: the reaction questionnaire on the class's first day
/// (trainers hand it out at the end), the follow-up three months after its last.
fn opens_on(c: &class::Model, survey: Survey) -> time::Date {
    match survey {
        Survey::Reaction => c.starts_on,
        Survey::FollowUp => c.ends_on + time::Duration::days(FOLLOW_UP_AFTER_DAYS),
    }
}

fn today() -> time::Date {
    crate::server::services::now().date()
}

/// Class `id` if `user` is enrolled in it.
async fn enrolled_class(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<class::Model> {
    let c = class::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let enrolled = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(id))
        .filter(enrolment::Column::PersonId.eq(user.id))
        .count(db)
        .await?
        > 0;
    if enrolled {
        Ok(c)
    } else {
        Err(AppError::Forbidden)
    }
}

async fn has_answered(
    db: &DatabaseConnection,
    class_id: i64,
    survey: Survey,
    person_id: i64,
) -> AppResult<bool> {
    Ok(class_evaluation_taker::Entity::find()
        .filter(class_evaluation_taker::Column::ClassId.eq(class_id))
        .filter(class_evaluation_taker::Column::Survey.eq(survey))
        .filter(class_evaluation_taker::Column::PersonId.eq(person_id))
        .count(db)
        .await?
        > 0)
}

/// The evaluations `user` has to answer for the classes of course `course_id` they take.
pub async fn due(
    db: &DatabaseConnection,
    user: &CurrentUser,
    course_id: i64,
) -> AppResult<Vec<EvaluationDue>> {
    // Two reads: the reader's classes of the course, and what they have answered.
    use sea_orm::sea_query::Query;
    let mine = Query::select()
        .column(enrolment::Column::ClassId)
        .from(enrolment::Entity)
        .and_where(enrolment::Column::PersonId.eq(user.id))
        .to_owned();
    let classes = class::Entity::find()
        .filter(class::Column::Id.in_subquery(mine))
        .filter(class::Column::CourseId.eq(course_id))
        .all(db)
        .await?;
    if classes.is_empty() {
        return Ok(Vec::new());
    }
    let answered: Vec<(i64, Survey)> = class_evaluation_taker::Entity::find()
        .filter(class_evaluation_taker::Column::PersonId.eq(user.id))
        .filter(class_evaluation_taker::Column::ClassId.is_in(classes.iter().map(|c| c.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.class_id, t.survey))
        .collect();
    let mut out = Vec::new();
    for c in &classes {
        for survey in [Survey::Reaction, Survey::FollowUp] {
            let opens = opens_on(c, survey);
            out.push(EvaluationDue {
                class_id: c.id,
                survey: survey.code().to_owned(),
                open: today() >= opens,
                done: answered.contains(&(c.id, survey)),
                opens_on: opens.to_string(),
            });
        }
    }
    Ok(out)
}

/// The questionnaire `survey` of class `id`, for a trainee enrolled in it.
pub async fn form(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    survey: &str,
) -> AppResult<EvaluationForm> {
    let survey = Survey::from_code(survey)?;
    let c = enrolled_class(db, user, id).await?;
    let q = questionnaire(survey)?;
    let course_title = course::Entity::find_by_id(c.course_id)
        .one(db)
        .await?
        .map(|c| c.title)
        .unwrap_or_default();
    let opens = opens_on(&c, survey);
    Ok(EvaluationForm {
        class_id: c.id,
        class_name: c.name.clone(),
        course_title,
        survey: survey.code().to_owned(),
        title: texts(&q.title),
        intro: texts(&q.intro),
        sections: crate::server::services::tna::questionnaires::sections_view(q, &HashMap::new()),
        done: has_answered(db, c.id, survey, user.id).await?,
        open: today() >= opens,
        opens_on: opens.to_string(),
    })
}

/// Submits a trainee's answers to `survey` of class `id`, once: a value outside an item's
/// scale or a required item left empty refuses it all; answers to items the skip logic hides
/// are dropped.
pub async fn submit(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    survey: &str,
    fields: &[(String, String)],
) -> AppResult<()> {
    let survey = Survey::from_code(survey)?;
    let c = enrolled_class(db, user, id).await?;
    if today() < opens_on(&c, survey) {
        return Err(AppError::field("survey", Msg::ErrEvaluationNotOpen));
    }
    let q = questionnaire(survey)?;
    let read = crate::server::services::tna::campaigns::read_fields(q, fields)?;
    let answers: Answers = read
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
    if let Some(missing) = q.missing_required(&answers).first() {
        return Err(AppError::field(&missing.id, Msg::ErrRequiredItem));
    }
    let kept = serde_json::to_string(&q.shown_answers(&answers))
        .map_err(|e| crate::server::errors::internal("answers", e))?;
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    let taken = class_evaluation_taker::ActiveModel {
        class_id: Set(c.id),
        survey: Set(survey),
        person_id: Set(user.id),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    if let Err(e) = taken {
        txn.rollback().await?;
        return Err(
            if matches!(
                e.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) {
                AppError::field("survey", Msg::ErrAlreadySubmitted)
            } else {
                e.into()
            },
        );
    }
    class_evaluation::ActiveModel {
        class_id: Set(c.id),
        survey: Set(survey),
        answers: Set(kept),
        submitted_on: Set(today()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What one item's answers add up to.
fn item_result(item: &content::tna::Item, answers: &[Answers]) -> EvaluationItemResult {
    let given: Vec<&Answer> = answers.iter().filter_map(|a| a.get(&item.id)).collect();
    let numbers: Vec<f64> = given
        .iter()
        .filter_map(|a| match a {
            Answer::Number(n) => Some(*n),
            _ => None,
        })
        .collect();
    let mean = (!numbers.is_empty()).then(|| numbers.iter().sum::<f64>() / numbers.len() as f64);
    let counts = match item.kind {
        ItemKind::Likert => (1..=5)
            .map(|point| {
                let n = numbers.iter().filter(|v| **v == f64::from(point)).count();
                (
                    crate::model::Texts {
                        en: point.to_string(),
                        ..Default::default()
                    },
                    n,
                )
            })
            .collect(),
        ItemKind::Single | ItemKind::Multiple | ItemKind::Barriers => item
            .options
            .iter()
            .map(|o| {
                let n = given
                    .iter()
                    .filter(|a| match a {
                        Answer::Text(t) => t == &o.id,
                        Answer::Choices(cs) => cs.contains(&o.id),
                        _ => false,
                    })
                    .count();
                (
                    crate::model::Texts {
                        en: o.en.clone(),
                        fr: o.fr.clone(),
                        es: o.es.clone(),
                        ar: o.ar.clone(),
                    },
                    n,
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut texts_given: Vec<String> = if item.kind == ItemKind::Text {
        given
            .iter()
            .filter_map(|a| match a {
                Answer::Text(t) if !t.trim().is_empty() => Some(t.clone()),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    // In no order that could follow the order of submission.
    texts_given.sort();
    EvaluationItemResult {
        id: item.id.clone(),
        text: texts(&item.text),
        kind: crate::server::services::tna::questionnaires::kind_code(item.kind).to_owned(),
        answered: given.len(),
        mean: if matches!(item.kind, ItemKind::Likert | ItemKind::Numeric) {
            mean
        } else {
            None
        },
        counts,
        texts: texts_given,
    }
}

/// The evaluation results of class `id`, for its trainers and administrators.
pub async fn results(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<Vec<EvaluationResults>> {
    let c = crate::server::services::learn::classes::own_class(db, user, id).await?;
    let enrolled = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(c.id))
        .count(db)
        .await? as usize;
    let rows = class_evaluation::Entity::find()
        .filter(class_evaluation::Column::ClassId.eq(c.id))
        .all(db)
        .await?;
    let mut out = Vec::new();
    for survey in [Survey::Reaction, Survey::FollowUp] {
        let q = questionnaire(survey)?;
        let answers: Vec<Answers> = rows
            .iter()
            .filter(|r| r.survey == survey)
            .map(|r| crate::server::services::stored("evaluation answers", &r.answers))
            .collect::<AppResult<_>>()?;
        let shown = answers.len() >= MIN_SHOWN;
        out.push(EvaluationResults {
            survey: survey.code().to_owned(),
            title: texts(&q.title),
            responses: answers.len(),
            enrolled,
            opens_on: opens_on(&c, survey).to_string(),
            shown,
            items: if shown {
                q.items().map(|i| item_result(i, &answers)).collect()
            } else {
                Vec::new()
            },
        });
    }
    Ok(out)
}
