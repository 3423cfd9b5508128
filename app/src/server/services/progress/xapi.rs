//! xAPI 1.0.3 statements, one per learning event, for organisations with a learning record
//! store. Statements are written as JSON lines. Identifiers are stable: the same event always
//! gives the same statement id, so a store that receives an export twice keeps one copy.
//!
//! - actor: an Agent identified by an account on this Checkpoint (`homePage` is the public
//!   address, `name` the person's internal number — never their login or e-mail);
//! - verb: ADL's `experienced` (lesson opened), `completed` (lesson completed), `scored` (quiz
//!   attempt or exercise graded, with the score) and `earned` (certificate);
//! - object: an Activity whose id is the page of the lesson, quiz, exercise or certificate.

use crate::model::EventKind;
use crate::server::services::learn::records::EventRow;
use crate::server::services::progress::events;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// A UUID (version 4 layout) derived from `text`: the same text, the same id.
pub fn uuid_of(text: &str) -> String {
    let hash = Sha256::digest(text.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn verb(kind: EventKind) -> (&'static str, &'static str) {
    match kind {
        events::EventKind::LessonViewed => {
            ("http://adlnet.gov/expapi/verbs/experienced", "experienced")
        }
        events::EventKind::LessonCompleted => {
            ("http://adlnet.gov/expapi/verbs/completed", "completed")
        }
        events::EventKind::AttemptSubmitted | events::EventKind::ExerciseGraded => {
            ("http://adlnet.gov/expapi/verbs/scored", "scored")
        }
        events::EventKind::CertificateIssued => ("http://id.tincanapi.com/verb/earned", "earned"),
        events::EventKind::DeskDecided => ("http://adlnet.gov/expapi/verbs/responded", "responded"),
        events::EventKind::Enrolled => {
            ("http://adlnet.gov/expapi/verbs/experienced", "experienced")
        }
    }
}

/// The statement of event `e` by `name` (the person's display name), with IRIs under `base`.
pub fn statement(base: &str, e: &EventRow, name: &str) -> Value {
    let (verb_id, verb_name) = verb(e.kind);
    let course = e.course.as_ref();
    let (object_id, object_name, object_type) = match (e.kind, &e.item, &e.lesson) {
        (events::EventKind::AttemptSubmitted, Some(quiz), _) => (
            format!("{base}/quizzes/{}", quiz.id),
            quiz.name.clone(),
            "http://adlnet.gov/expapi/activities/assessment",
        ),
        (events::EventKind::ExerciseGraded, Some(exercise), _) => (
            format!("{base}/exercises/{}", exercise.id),
            exercise.name.clone(),
            "http://adlnet.gov/expapi/activities/interaction",
        ),
        (events::EventKind::DeskDecided, Some(shift), _) => (
            format!("{base}/desk/shifts/{}", shift.id),
            shift.name.clone(),
            "http://adlnet.gov/expapi/activities/simulation",
        ),
        (events::EventKind::CertificateIssued, Some(certificate), _) => (
            format!("{base}/verify/{}", certificate.name),
            format!("Certificate {}", certificate.name),
            "https://w3id.org/xapi/cmi5/activitytype/block",
        ),
        (_, _, Some(lesson)) => (
            match course {
                Some(c) => format!("{base}/courses/{}/lessons/{}", c.slug, lesson.id),
                None => format!("{base}/lessons/{}", lesson.id),
            },
            lesson.name.clone(),
            "http://adlnet.gov/expapi/activities/lesson",
        ),
        _ => match course {
            Some(c) => (
                format!("{base}/courses/{}", c.slug),
                c.title.clone(),
                "http://adlnet.gov/expapi/activities/course",
            ),
            None => (
                format!("{base}/events/{}", e.id),
                e.kind.code().to_owned(),
                "http://adlnet.gov/expapi/activities/interaction",
            ),
        },
    };
    let mut s = json!({
        "id": uuid_of(&format!("{base}/events/{}", e.id)),
        "actor": {
            "objectType": "Agent",
            "name": name,
            "account": { "homePage": base, "name": e.person_id.to_string() },
        },
        "verb": { "id": verb_id, "display": { "en-US": verb_name } },
        "object": {
            "objectType": "Activity",
            "id": object_id,
            "definition": { "name": { "en": object_name }, "type": object_type },
        },
        "timestamp": e.at
            .to_offset(time::UtcOffset::UTC)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        "context": { "platform": "Checkpoint" },
        "version": "1.0.3",
    });
    if let Some(c) = course {
        s["context"]["contextActivities"] = json!({
            "parent": [{
                "objectType": "Activity",
                "id": format!("{base}/courses/{}", c.slug),
                "definition": { "name": { "en": c.title }, "type": "http://adlnet.gov/expapi/activities/course" },
            }]
        });
    }
    if let Some(score) = e.score {
        let raw = (score.clamp(0.0, 100.0) * 10.0).round() / 10.0;
        s["result"] = json!({
            "score": { "scaled": raw / 100.0, "raw": raw, "min": 0, "max": 100 },
        });
    }
    // A border-desk decision: whether it was right, and the case it was about.
    if e.kind == events::EventKind::DeskDecided {
        s["result"]["success"] = json!(e.score.is_some_and(|v| v >= 100.0));
        if let Some(case) = e.part.as_deref().and_then(|p| p.strip_prefix("desk:")) {
            s["result"]["extensions"] = json!({ format!("{base}/xapi/desk-case"): case });
        }
    }
    if e.kind == events::EventKind::LessonCompleted {
        s["result"] = json!({ "completion": true });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Choice;
    use crate::server::services::learn::records::CourseRef;

    fn event(kind: EventKind, score: Option<f64>) -> EventRow {
        EventRow {
            id: 7,
            person_id: 3,
            at: time::macros::datetime!(2026-11-22 10:30 UTC),
            kind,
            course: Some(CourseRef {
                id: 1,
                slug: "document-examination".into(),
                title: "Travel document examination".into(),
            }),
            lesson: Some(Choice {
                id: 4,
                name: "Reading the MRZ".into(),
            }),
            item: Some(Choice {
                id: 9,
                name: "Post-test".into(),
            }),
            part: None,
            score,
        }
    }

    #[test]
    fn a_desk_decision_names_its_shift_whether_it_was_right_and_its_case() {
        let mut e = event(events::EventKind::DeskDecided, Some(0.0));
        e.lesson = None;
        e.item = Some(Choice {
            id: 12,
            name: "Morning arrivals".into(),
        });
        e.part = Some("desk:true_hit".into());
        let s = statement("https://cp.example", &e, "Ana");
        assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/responded");
        assert_eq!(s["object"]["id"], "https://cp.example/desk/shifts/12");
        assert_eq!(s["result"]["success"], false);
        assert_eq!(
            s["result"]["extensions"]["https://cp.example/xapi/desk-case"],
            "true_hit"
        );
        e.score = Some(100.0);
        assert_eq!(
            statement("https://cp.example", &e, "Ana")["result"]["success"],
            true
        );
    }

    #[test]
    fn statements_carry_the_required_properties() {
        let s = statement(
            "https://cp.example",
            &event(events::EventKind::AttemptSubmitted, Some(87.5)),
            "Ana",
        );
        assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/scored");
        assert_eq!(s["object"]["id"], "https://cp.example/quizzes/9");
        assert_eq!(s["result"]["score"]["scaled"], 0.875);
        assert_eq!(s["timestamp"], "2026-11-22T10:30:00Z");
        assert_eq!(s["actor"]["account"]["name"], "3");
        let again = statement(
            "https://cp.example",
            &event(events::EventKind::AttemptSubmitted, Some(87.5)),
            "Ana",
        );
        assert_eq!(s["id"], again["id"], "stable ids");
        let lesson = statement(
            "https://cp.example",
            &event(events::EventKind::LessonCompleted, None),
            "Ana",
        );
        assert_eq!(
            lesson["object"]["id"],
            "https://cp.example/courses/document-examination/lessons/4"
        );
        assert_eq!(lesson["result"]["completion"], true);
    }

    #[test]
    fn ids_are_version_4_uuids() {
        let id = uuid_of("x");
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            vec![8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"));
    }
}
