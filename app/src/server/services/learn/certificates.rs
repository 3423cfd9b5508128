//! Course certificates: earned (all lessons completed and a post-test passed) or awarded by a
//! trainer, downloaded as PDF, verified publicly by code, revoked by a trainer.
//!
//! A certificate copies what it states (name, course, hours, agency, country) when issued, so
//! it stays as printed when people or courses are renamed. The public verification page shows
//! only the holder's name, the course and the date.

use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, Msg};
use crate::model::{CertificateRow, CertificateStatus, CurrentUser, Role, Verification};
use crate::server::entities::{
    agency, attempt, certificate, class, country, course, enrolment, person, quiz,
};
use crate::server::reports::pdf::{Font, Page};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

const DATE: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

fn date(t: time::OffsetDateTime) -> String {
    t.date().format(DATE).unwrap_or_default()
}

/// A date as printed on a certificate, written out in `lang`.
fn printed_date(lang: Lang, t: time::OffsetDateTime) -> String {
    crate::i18n::long_date(lang, t.year(), u8::from(t.month()), t.day())
}

/// A verification code: `CP-` and three groups of four characters without look-alikes
/// (60 random bits).
fn new_code() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    format!(
        "CP-{}-{}-{}",
        chars[0..4].iter().collect::<String>(),
        chars[4..8].iter().collect::<String>(),
        chars[8..12].iter().collect::<String>()
    )
}

/// Normalises a code as typed (case, spaces).
fn clean_code(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

fn row(c: &certificate::Model) -> CertificateRow {
    CertificateRow {
        code: c.code.clone(),
        person_id: c.person_id,
        person_name: c.person_name.clone(),
        course_title: c.course_title.clone(),
        issued_on: date(c.issued_at),
        hours: c.hours,
        revoked_on: c.revoked_at.map(date),
    }
}

/// The valid certificate of `person_id` for `course_id`, if any.
async fn current(
    db: &impl sea_orm::ConnectionTrait,
    person_id: i64,
    course_id: i64,
) -> AppResult<Option<certificate::Model>> {
    Ok(certificate::Entity::find()
        .filter(certificate::Column::PersonId.eq(person_id))
        .filter(certificate::Column::CourseId.eq(course_id))
        .filter(certificate::Column::RevokedAt.is_null())
        .one(db)
        .await?)
}

/// Certificates (valid and revoked) of `people` in course `course_id`, newest first.
pub async fn for_people(
    db: &DatabaseConnection,
    course_id: i64,
    people: &[i64],
) -> AppResult<Vec<CertificateRow>> {
    Ok(certificate::Entity::find()
        .filter(certificate::Column::CourseId.eq(course_id))
        .filter(certificate::Column::PersonId.is_in(people.to_vec()))
        .order_by_desc(certificate::Column::IssuedAt)
        .all(db)
        .await?
        .iter()
        .map(row)
        .collect())
}

/// Where `user` stands towards course `c`'s certificate (`c` already checked readable).
pub async fn status(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
) -> AppResult<CertificateStatus> {
    let (done, total) = lesson_counts(db, user.id, c.id).await?;
    let post_test_passed = post_test_passed(db, user.id, c.id).await?;
    let certificate = current(db, user.id, c.id).await?.as_ref().map(row);
    let can_claim = certificate.is_none()
        && c.certificate_rule == "post_test"
        && total > 0
        && done >= total
        && post_test_passed;
    Ok(CertificateStatus {
        rule: c.certificate_rule.clone(),
        lessons_done: done,
        lessons_total: total,
        post_test_passed,
        certificate,
        can_claim,
    })
}

async fn lesson_counts(
    db: &DatabaseConnection,
    person_id: i64,
    course_id: i64,
) -> AppResult<(u64, u64)> {
    let published =
        crate::server::services::learn::courses::published_lesson_ids(db, course_id).await?;
    let total = published.len() as u64;
    let done =
        crate::server::services::learn::courses::completed_ids(db, person_id, vec![course_id])
            .await?
            .into_iter()
            .filter(|id| published.contains(id))
            .count() as u64;
    Ok((done, total))
}

async fn post_test_passed(
    db: &DatabaseConnection,
    person_id: i64,
    course_id: i64,
) -> AppResult<bool> {
    use sea_orm::sea_query::Query;
    let post_tests = Query::select()
        .column(quiz::Column::Id)
        .from(quiz::Entity)
        .and_where(quiz::Column::CourseId.eq(course_id))
        .and_where(quiz::Column::Role.eq(crate::model::QuizRole::PostTest))
        // The course's certificate rule means the course's post-test, not one a class set.
        .and_where(quiz::Column::ClassId.is_null())
        .to_owned();
    Ok(attempt::Entity::find()
        .filter(attempt::Column::QuizId.in_subquery(post_tests))
        .filter(attempt::Column::PersonId.eq(person_id))
        .filter(attempt::Column::Passed.eq(true))
        .one(db)
        .await?
        .is_some())
}

/// Issues the certificate of course `slug` to `user` when they meet its rule. Returns its code.
pub async fn claim(db: &DatabaseConnection, user: &CurrentUser, slug: &str) -> AppResult<String> {
    let c = crate::server::services::learn::courses::visible_course(db, user, slug).await?;
    let s = status(db, user, &c).await?;
    if let Some(existing) = s.certificate {
        return Ok(existing.code);
    }
    if !s.can_claim {
        return Err(AppError::field("certificate", Msg::ErrNotEligible));
    }
    issue(db, user.id, &c, None).await
}

/// Writes a certificate of course `c` for `person_id` (or returns the valid one they hold).
async fn issue(
    db: &DatabaseConnection,
    person_id: i64,
    c: &course::Model,
    awarded_by: Option<i64>,
) -> AppResult<String> {
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    if let Some(existing) = current(&txn, person_id, c.id).await? {
        return Ok(existing.code);
    }
    let p = person::Entity::find_by_id(person_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let agency = match p.agency_id {
        Some(id) => agency::Entity::find_by_id(id).one(&txn).await?,
        None => None,
    };
    let country_name = match &agency {
        Some(a) => country::Entity::find_by_id(a.country_code.clone())
            .one(&txn)
            .await?
            .map(|c| c.name_en),
        None => None,
    };
    let code = new_code();
    let id = certificate::Entity::insert(certificate::ActiveModel {
        code: Set(code.clone()),
        person_id: Set(person_id),
        course_id: Set(c.id),
        class_id: Set(
            crate::server::services::progress::events::class_for(&txn, person_id, c.id).await?,
        ),
        person_name: Set(p.display_name.clone()),
        course_title: Set(c.title.clone()),
        hours: Set(c.estimated_hours),
        agency_name: Set(agency.map(|a| a.name)),
        country_name: Set(country_name),
        issued_at: Set(crate::server::services::now()),
        awarded_by: Set(awarded_by),
        revoked_at: Set(None),
        revoked_reason: Set(None),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    crate::server::services::progress::events::record_detail(
        &txn,
        person_id,
        crate::server::services::progress::events::EventKind::CertificateIssued,
        c.id,
        crate::server::services::progress::events::Detail {
            ref_id: Some(id),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(code)
}

/// A trainer of class `class_id` awards its course's certificate to enrolled trainee
/// `person_id`. Returns the code.
pub async fn award(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    person_id: i64,
) -> AppResult<String> {
    let class = crate::server::services::learn::classes::own_class(db, user, class_id).await?;
    let enrolled = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(class.id))
        .filter(enrolment::Column::PersonId.eq(person_id))
        .one(db)
        .await?
        .is_some();
    if !enrolled {
        return Err(AppError::field("person", Msg::ErrNotEnrolled));
    }
    let c = course::Entity::find_by_id(class.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    issue(db, person_id, &c, Some(user.id)).await
}

/// Whether `user` may manage (download, revoke) certificate `cert`: its holder may download
/// it; administrators and the trainers of a class of its course the holder is in may do both.
async fn may_manage(
    db: &DatabaseConnection,
    user: &CurrentUser,
    cert: &certificate::Model,
) -> AppResult<bool> {
    if user.has(Role::Admin) {
        return Ok(true);
    }
    if !(user.has(Role::Trainer)) {
        return Ok(false);
    }
    let classes: Vec<i64> =
        crate::server::services::learn::classes::class_ids_of(db, cert.person_id).await?;
    for c in class::Entity::find()
        .filter(class::Column::Id.is_in(classes))
        .filter(class::Column::CourseId.eq(cert.course_id))
        .all(db)
        .await?
    {
        if crate::server::services::learn::classes::own_class(db, user, c.id)
            .await
            .is_ok()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Revokes certificate `code`, with a reason. Returns the class page to go back to, if any.
pub async fn revoke(
    db: &DatabaseConnection,
    user: &CurrentUser,
    code: &str,
    reason: &str,
) -> AppResult<Option<i64>> {
    if !(user.has(Role::Trainer) || user.has(Role::Admin)) {
        return Err(AppError::Forbidden);
    }
    let cert = certificate::Entity::find()
        .filter(certificate::Column::Code.eq(clean_code(code)))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_manage(db, user, &cert).await? {
        return Err(AppError::Forbidden);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", Msg::ErrRequired));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", Msg::ErrTooLong));
    }
    let class_id = cert.class_id;
    if cert.revoked_at.is_none() {
        let mut active: certificate::ActiveModel = cert.into();
        active.revoked_at = Set(Some(crate::server::services::now()));
        active.revoked_reason = Set(Some(reason.to_owned()));
        active.update(db).await?;
    }
    Ok(class_id)
}

/// What the public verification page shows for `code`.
pub async fn verify(db: &DatabaseConnection, code: &str) -> AppResult<Verification> {
    let code = clean_code(code);
    if code.len() > 32 {
        return Ok(Verification::Unknown);
    }
    Ok(
        match certificate::Entity::find()
            .filter(certificate::Column::Code.eq(code))
            .one(db)
            .await?
        {
            None => Verification::Unknown,
            Some(c) => match c.revoked_at {
                Some(r) => Verification::Revoked {
                    revoked_on: date(r),
                },
                None => Verification::Valid {
                    name: c.person_name,
                    course: c.course_title,
                    issued_on: date(c.issued_at),
                },
            },
        },
    )
}

/// The PDF of certificate `code` in `lang`, for its holder, its trainers and administrators;
/// with the address of the verification page (`base_url` + `/verify/<code>`).
pub async fn pdf(
    db: &DatabaseConnection,
    user: &CurrentUser,
    code: &str,
    base_url: &str,
    lang: Lang,
) -> AppResult<Vec<u8>> {
    let cert = certificate::Entity::find()
        .filter(certificate::Column::Code.eq(clean_code(code)))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if cert.person_id != user.id && !may_manage(db, user, &cert).await? {
        return Err(AppError::Forbidden);
    }
    if cert.revoked_at.is_some() {
        return Err(AppError::field("certificate", Msg::ErrCertificateRevoked));
    }
    let base_url = base_url.to_owned();
    crate::server::reports::off_runtime("certificate", move || render(&cert, &base_url, lang)).await
}

/// A line of a certificate: its baseline (points from the bottom of an A4 landscape page),
/// text, font, size and colour. The page is drawn from these, and [`text`] reads them.
struct Line {
    y: f32,
    text: String,
    font: Font,
    size: f32,
    colour: (f32, f32, f32),
}

/// The lines of the certificate, top to bottom.
fn lines(cert: &certificate::Model, base_url: &str, lang: Lang) -> Vec<Line> {
    let navy = (0.11, 0.20, 0.36);
    let grey = (0.35, 0.35, 0.35);
    let black = (0.0, 0.0, 0.0);
    let line = |y: f32, text: &str, font: Font, size: f32, colour| Line {
        y,
        text: text.to_owned(),
        font,
        size,
        colour,
    };
    let affiliation = match (&cert.agency_name, &cert.country_name) {
        (Some(a), Some(c)) => format!("{a}, {c}"),
        (Some(a), None) => a.clone(),
        (None, Some(c)) => c.clone(),
        (None, None) => String::new(),
    };
    let hours = Msg::HoursCount.format(lang, &[("n", cert.hours.into())]);
    let mut out = vec![
        line(
            500.0,
            Msg::PrintCertificateTitle.text(lang),
            Font::Bold,
            28.0,
            navy,
        ),
        line(
            450.0,
            Msg::PrintCertifiesThat.text(lang),
            Font::Regular,
            14.0,
            grey,
        ),
        line(400.0, &cert.person_name, Font::Bold, 32.0, black),
    ];
    if !affiliation.is_empty() {
        out.push(line(372.0, &affiliation, Font::Regular, 13.0, grey));
    }
    out.extend([
        line(
            330.0,
            Msg::PrintHasCompleted.text(lang),
            Font::Regular,
            14.0,
            grey,
        ),
        line(290.0, &cert.course_title, Font::Bold, 22.0, navy),
        line(
            250.0,
            &Msg::PrintTrainingIssued.format(
                lang,
                &[
                    ("hours", hours.into()),
                    ("date", printed_date(lang, cert.issued_at).into()),
                ],
            ),
            Font::Regular,
            13.0,
            grey,
        ),
        line(
            110.0,
            &Msg::PrintCertificateCode.format(lang, &[("code", cert.code.as_str().into())]),
            Font::Bold,
            12.0,
            black,
        ),
        line(
            90.0,
            &Msg::PrintVerifyAt.format(
                lang,
                &[(
                    "url",
                    format!("{}/verify/{}", base_url.trim_end_matches('/'), cert.code).into(),
                )],
            ),
            Font::Regular,
            10.0,
            grey,
        ),
    ]);
    out
}

/// The certificate's text as printed, one line per line.
pub fn text(cert: &certificate::Model, base_url: &str, lang: Lang) -> String {
    lines(cert, base_url, lang)
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Draws the certificate.
fn render(cert: &certificate::Model, base_url: &str, lang: Lang) -> Vec<u8> {
    let navy = (0.11, 0.20, 0.36);
    let mut page = Page::new(842.0, 595.0);
    page.rect(24.0, 24.0, 794.0, 547.0, 3.0, navy);
    page.rect(34.0, 34.0, 774.0, 527.0, 0.8, navy);
    for l in lines(cert, base_url, lang) {
        page.centred(l.y, &l.text, l.font, l.size, 700.0, l.colour);
    }
    page.finish(&format!("{} {}", Msg::Certificate.text(lang), cert.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a certificate says, line by line (a change to the wording shows in review).
    #[test]
    fn a_certificate_reads_as_printed() {
        let cert = certificate::Model {
            id: 1,
            code: "CP-7KQM-3XRT-9WHP".into(),
            person_id: 2,
            course_id: 3,
            class_id: None,
            person_name: "Amara Nwosu-Łukasiewicz".into(),
            course_title: "Travel document examination".into(),
            hours: 7.5,
            agency_name: Some("Utopia Border Police".into()),
            country_name: Some("Utopia".into()),
            issued_at: time::macros::datetime!(2026-11-20 14:00 UTC),
            awarded_by: None,
            revoked_at: None,
            revoked_reason: None,
        };
        insta::assert_snapshot!(text(&cert, "https://training.example.org/", Lang::En));
        insta::assert_snapshot!(
            "in_arabic",
            text(&cert, "https://training.example.org/", Lang::Ar)
        );
    }
}
