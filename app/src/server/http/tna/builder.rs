//! The questionnaire builder's forms, decoded into the typed change the service applies: each
//! form posts its `op` (`meta`, `section`, `item`, `delete`, `move`, `toml`) and its fields.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::server::services::tna::questionnaires::{self, QuestionnaireEdit, field};
use content::tna::{Choice, Condition, Item, ItemKind, Section, Text};

/// The longest value any builder field may hold, in characters.
const MAX_FIELD: usize = 8000;

/// The change a builder form asks for.
pub fn decode(fields: &[(String, String)]) -> AppResult<QuestionnaireEdit> {
    if fields.iter().any(|(_, v)| v.chars().count() > MAX_FIELD) {
        return Err(AppError::field("text_en", Msg::ErrTooLong));
    }
    let text = |en: &str, fr: &str| Text::en_fr(field(fields, en).trim(), field(fields, fr).trim());
    Ok(match field(fields, "op") {
        "meta" => QuestionnaireEdit::Meta {
            title: text("title_en", "title_fr"),
            intro: text("intro_en", "intro_fr"),
        },
        "section" => QuestionnaireEdit::Section {
            original: field(fields, "original").to_owned(),
            section: Section {
                id: field(fields, "id").trim().to_owned(),
                title: text("title_en", "title_fr"),
                show_if: condition_from(fields)?,
                items: Vec::new(),
            },
        },
        "item" => QuestionnaireEdit::Item {
            original: field(fields, "original").to_owned(),
            section: field(fields, "section").to_owned(),
            item: item_from(fields)?,
        },
        "delete" => QuestionnaireEdit::Delete {
            id: field(fields, "item").to_owned(),
        },
        "move" => QuestionnaireEdit::Move {
            id: field(fields, "item").to_owned(),
            up: field(fields, "dir") == "up",
        },
        "toml" => QuestionnaireEdit::Toml(field(fields, "toml").to_owned()),
        _ => return Err(AppError::BadRequest("unknown operation".into())),
    })
}

fn condition_from(fields: &[(String, String)]) -> AppResult<Option<Condition>> {
    let item = field(fields, "cond_item").trim();
    if item.is_empty() {
        return Ok(None);
    }
    let value = field(fields, "cond_value").trim();
    let mut c = Condition {
        item: item.to_owned(),
        equals: None,
        any_of: None,
        at_least: None,
    };
    match field(fields, "cond_op") {
        "equals" => c.equals = Some(value.to_owned()),
        "in" => {
            c.any_of = Some(
                value
                    .split(',')
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
                    .collect(),
            )
        }
        "at_least" => {
            c.at_least = Some(
                value
                    .parse()
                    .map_err(|_| AppError::field("cond_value", Msg::ErrNumber))?,
            )
        }
        _ => return Err(AppError::field("cond_op", Msg::ErrInvalid)),
    }
    Ok(Some(c))
}

fn number(fields: &[(String, String)], name: &str) -> AppResult<Option<f64>> {
    let v = field(fields, name).trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .map(Some)
        .ok_or_else(|| AppError::field(name, Msg::ErrNumber))
}

/// An item from the item form: options one per line as `id | English | French`.
fn item_from(fields: &[(String, String)]) -> AppResult<Item> {
    let kind = questionnaires::kind_from(field(fields, "kind"))
        .ok_or_else(|| AppError::field("kind", Msg::ErrInvalid))?;
    let mut options = Vec::new();
    if matches!(
        kind,
        ItemKind::Single | ItemKind::Multiple | ItemKind::Barriers
    ) {
        for line in field(fields, "options")
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let [id, en, fr] = parts[..] else {
                return Err(AppError::field("options", Msg::ErrItemOptions));
            };
            options.push(Choice {
                id: id.to_owned(),
                en: en.to_owned(),
                fr: fr.to_owned(),
                es: String::new(),
                ar: String::new(),
            });
        }
    }
    let competency = field(fields, "competency").trim();
    Ok(Item {
        id: field(fields, "id").trim().to_owned(),
        kind,
        required: !field(fields, "required").is_empty(),
        text: Text::en_fr(
            field(fields, "text_en").trim(),
            field(fields, "text_fr").trim(),
        ),
        competency: (!competency.is_empty() && matches!(kind, ItemKind::Dual | ItemKind::Likert))
            .then(|| competency.to_owned()),
        options,
        min: if kind == ItemKind::Numeric {
            number(fields, "min")?
        } else {
            None
        },
        max: if kind == ItemKind::Numeric {
            number(fields, "max")?
        } else {
            None
        },
        show_if: condition_from(fields)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn each_builder_form_decodes_into_its_change() {
        assert_eq!(
            decode(&form(&[("op", "move"), ("item", "q3"), ("dir", "up")])).unwrap(),
            QuestionnaireEdit::Move {
                id: "q3".into(),
                up: true
            }
        );
        let item = decode(&form(&[
            ("op", "item"),
            ("section", "s1"),
            ("id", "workplace"),
            ("kind", "single"),
            ("text_en", "Where do you work?"),
            ("text_fr", "Où travaillez-vous ?"),
            (
                "options",
                "airport | Airport | Aéroport\nland | Land crossing | Poste terrestre",
            ),
        ]))
        .unwrap();
        let QuestionnaireEdit::Item { section, item, .. } = item else {
            panic!("an item change");
        };
        assert_eq!((section.as_str(), item.options.len()), ("s1", 2));
        assert_eq!(item.kind, ItemKind::Single);
    }

    #[test]
    fn a_form_that_means_nothing_is_refused_before_the_service() {
        assert!(matches!(
            decode(&form(&[("op", "rename-everything")])),
            Err(AppError::BadRequest(_))
        ));
        let long = "x".repeat(MAX_FIELD + 1);
        assert!(decode(&form(&[("op", "meta"), ("title_en", &long)])).is_err());
        // Options not written as `id | English | French`; a number that is none.
        assert!(
            decode(&form(&[
                ("op", "item"),
                ("kind", "single"),
                ("options", "airport, Airport")
            ]))
            .is_err()
        );
        assert!(
            decode(&form(&[
                ("op", "item"),
                ("kind", "numeric"),
                ("min", "many")
            ]))
            .is_err()
        );
    }
}
