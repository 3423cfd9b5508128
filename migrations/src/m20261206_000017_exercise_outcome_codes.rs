//! Exercise results were stored with their feedback lines in English ("Verdict", "not marked",
//! "Ultraviolet (UV) — …"), so a French trainee read English and no result could ever be
//! shown in another language. Lines now hold codes (`LineAbout`, `LineAnswer` in
//! `app::model::exercise`); this rewrites every stored result from the English words the
//! grader wrote to those codes. The English labels below are the ones the grader used up to
//! this migration, frozen here on purpose: later wording changes must not change what this
//! migration reads. Author-written text (region labels, checklist entries, view questions and
//! options) is kept as written.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

#[derive(DeriveMigrationName)]
pub struct Migration;

const LIGHTS: [(&str, &str); 5] = [
    ("visible", "Visible light"),
    ("uv", "Ultraviolet (UV)"),
    ("ir", "Infrared (IR)"),
    ("transmitted", "Transmitted light"),
    ("oblique", "Oblique light"),
];

const MRZ_FIELDS: [(&str, &str); 12] = [
    ("document_code", "Document code"),
    ("issuing_state", "Issuing state"),
    ("name", "Name"),
    ("document_number", "Document number"),
    ("document_number_check", "Document number check digit"),
    ("nationality", "Nationality"),
    ("birth_date", "Date of birth"),
    ("birth_date_check", "Date of birth check digit"),
    ("sex", "Sex"),
    ("expiry_date", "Date of expiry"),
    ("expiry_date_check", "Date of expiry check digit"),
    ("composite_check", "Composite check digit"),
];

const VERDICTS: [(&str, &str); 5] = [
    ("genuine", "Genuine"),
    ("counterfeit", "Counterfeit (a complete reproduction)"),
    ("forged", "Forged (a genuine document altered)"),
    ("impostor", "Genuine, used by an impostor"),
    ("cannot_tell", "Cannot tell"),
];

const FORGERIES: [(&str, &str); 4] = [
    ("photo_substitution", "Photo substitution"),
    ("page_substitution", "Page substitution"),
    ("altered_data", "Altered data"),
    ("other", "Other"),
];

fn code_of(table: &[(&'static str, &'static str)], label: &str) -> Option<&'static str> {
    table.iter().find(|(_, l)| *l == label).map(|(c, _)| *c)
}

/// The subject of an old line, from its English label.
fn about(label: &str) -> Value {
    match label {
        "Verdict" => return json!({"about": "verdict"}),
        "MRZ consistent" => return json!({"about": "mrz_consistent"}),
        "Same person" => return json!({"about": "same_person"}),
        _ => {}
    }
    if let Some(field) = code_of(&MRZ_FIELDS, label) {
        return json!({"about": "mrz_field", "field": field});
    }
    for (code, light) in LIGHTS {
        if let Some(question) = label
            .strip_prefix(light)
            .and_then(|r| r.strip_prefix(" — "))
        {
            return json!({"about": "view", "light": code, "question": question});
        }
    }
    json!({"about": "item", "label": label})
}

/// A given or expected answer of an old line, from its English words; `verdict_line` says
/// whether the line was the verdict (whose answers are verdict labels).
fn answer(text: &str, verdict_line: bool) -> Value {
    if verdict_line {
        let (verdict, forgery) = match text.strip_suffix(')').and_then(|t| {
            FORGERIES.iter().find_map(|(c, l)| {
                t.strip_suffix(l)
                    .and_then(|v| v.strip_suffix(" ("))
                    .map(|v| (v, *c))
            })
        }) {
            Some((v, f)) => (v, f),
            None => (text, ""),
        };
        if let Some(code) = code_of(&VERDICTS, verdict) {
            return json!({"is": "verdict", "verdict": code, "forgery": forgery});
        }
    }
    let is = match text {
        "—" | "" => "nothing",
        "✓" => "ticked",
        "marked" => "marked",
        "not marked" => "not_marked",
        "anomaly" => "anomaly",
        "genuine feature" => "genuine",
        "yes" => "yes",
        "no" => "no",
        "wrong" => "wrong",
        "correct" => "correct",
        _ => return json!({"is": "option", "text": text}),
    };
    json!({"is": is})
}

/// The result with its lines in the new form; `None` when it is already new (or unreadable,
/// which is left for the application to report rather than guessed at here).
fn rewrite(result: &str) -> Option<String> {
    let mut value: Value = serde_json::from_str(result).ok()?;
    let lines = value.get_mut("lines")?.as_array_mut()?;
    let mut changed = false;
    for line in lines.iter_mut() {
        let Some(obj) = line.as_object_mut() else {
            continue;
        };
        let Some(label) = obj.get("label").and_then(Value::as_str).map(str::to_owned) else {
            continue;
        };
        let about = about(&label);
        let verdict_line = about["about"] == "verdict";
        let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_owned();
        let given = answer(&text(obj.get("given")), verdict_line);
        let expected = answer(&text(obj.get("expected")), verdict_line);
        obj.remove("label");
        obj.insert("about".into(), about);
        obj.insert("given".into(), given);
        obj.insert("expected".into(), expected);
        changed = true;
    }
    changed.then(|| value.to_string())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all(Statement::from_string(
                backend,
                "SELECT id, result FROM exercise_attempts",
            ))
            .await?;
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            let result: String = row.try_get("", "result")?;
            if let Some(new) = rewrite(&result) {
                let update = Query::update()
                    .table(Alias::new("exercise_attempts"))
                    .value(Alias::new("result"), new)
                    .and_where(Expr::col(Alias::new("id")).eq(id))
                    .to_owned();
                manager.exec_stmt(update).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // The codes carry everything the English lines did; going back would need the
        // application's old code, which also reads only the old form.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(label: &str, given: &str, expected: &str) -> String {
        json!({"score": 1.0, "max": 2.0, "marks": [], "found": [], "lines": [
            {"label": label, "ok": false, "given": given, "expected": expected, "explanation": "e", "kind": "k"}
        ]})
        .to_string()
    }

    fn first(result: &str) -> Value {
        let v: Value = serde_json::from_str(&rewrite(result).expect("rewritten")).unwrap();
        v["lines"][0].clone()
    }

    #[test]
    fn every_kind_of_old_line_becomes_codes() {
        let l = first(&line("Expiry date", "not marked", "anomaly"));
        assert_eq!(l["about"], json!({"about": "item", "label": "Expiry date"}));
        assert_eq!(l["given"], json!({"is": "not_marked"}));
        assert_eq!(l["expected"], json!({"is": "anomaly"}));
        assert_eq!(l["explanation"], "e");

        let l = first(&line("Ultraviolet (UV) — What glows?", "—", "The emblem"));
        assert_eq!(
            l["about"],
            json!({"about": "view", "light": "uv", "question": "What glows?"})
        );
        assert_eq!(l["given"], json!({"is": "nothing"}));
        assert_eq!(l["expected"], json!({"is": "option", "text": "The emblem"}));

        let l = first(&line(
            "Verdict",
            "Genuine",
            "Forged (a genuine document altered) (Photo substitution)",
        ));
        assert_eq!(l["about"], json!({"about": "verdict"}));
        assert_eq!(
            l["given"],
            json!({"is": "verdict", "verdict": "genuine", "forgery": ""})
        );
        assert_eq!(
            l["expected"],
            json!({"is": "verdict", "verdict": "forged", "forgery": "photo_substitution"})
        );

        let l = first(&line("Date of birth check digit", "wrong", "correct"));
        assert_eq!(
            l["about"],
            json!({"about": "mrz_field", "field": "birth_date_check"})
        );
        assert_eq!(l["given"], json!({"is": "wrong"}));
        assert_eq!(l["expected"], json!({"is": "correct"}));

        let l = first(&line("Same person", "yes", "no"));
        assert_eq!(l["about"], json!({"about": "same_person"}));
        assert_eq!(l["given"], json!({"is": "yes"}));

        let l = first(&line("The laminate is lifted", "✓", "—"));
        assert_eq!(l["given"], json!({"is": "ticked"}));
        assert_eq!(l["expected"], json!({"is": "nothing"}));
    }

    #[test]
    fn new_and_unreadable_results_are_left_alone() {
        let new = json!({"lines": [{"about": {"about": "verdict"}, "ok": true,
            "given": {"is": "yes"}, "expected": {"is": "yes"}, "explanation": "", "kind": ""}]})
        .to_string();
        assert_eq!(rewrite(&new), None);
        assert_eq!(rewrite("not json"), None);
    }
}
