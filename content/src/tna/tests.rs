use super::*;

fn mini() -> Competencies {
    toml::from_str(
        r#"
id = "c"
title = "C"
version = "1"
levels = ["a", "b", "c", "d", "e"]
[[area]]
id = "interviewing"
title = "Interviewing"
  [[area.competency]]
  id = "int-first"
  title = "First contact"
  levels = ["1", "2", "3", "4", "5"]
"#,
    )
    .unwrap()
}

const Q: &str = r#"
id = "q"
version = "1"
title = { en = "Q", fr = "Q" }
intro = { en = "I", fr = "I" }
[[section]]
id = "s1"
title = { en = "S", fr = "S" }
  [[section.item]]
  id = "role"
  kind = "single"
  text = { en = "Role?", fr = "Rôle ?" }
  options = [{ id = "officer", en = "Officer", fr = "Agent" }, { id = "supervisor", en = "Supervisor", fr = "Superviseur" }]
  [[section.item]]
  id = "int-first"
  kind = "dual"
  competency = "int-first"
  text = { en = "Interview", fr = "Entretien" }
  show_if = { item = "role", equals = "officer" }
"#;

fn check(text: &str) -> Result<Questionnaire, TnaError> {
    parse_questionnaire(text, Path::new("q.toml"), &mini())
}

#[test]
fn a_valid_questionnaire_reads() {
    let q = check(Q).unwrap();
    assert_eq!(q.sections[0].items.len(), 2);
}

#[test]
fn conditions_on_later_items_and_cycles_are_refused_at_design_time() {
    // A condition on the item itself (the smallest cycle).
    let e = check(&Q.replace(
        r#"show_if = { item = "role", equals = "officer" }"#,
        r#"show_if = { item = "int-first", at_least = 3 }"#,
    ))
    .unwrap_err();
    assert!(e.message.contains("not an earlier item"), "{e}");
    // A condition on a later item.
    let later = Q.replace(
        r#"  kind = "single""#,
        "  kind = \"single\"\n  show_if = { item = \"int-first\", at_least = 2 }",
    );
    assert!(
        check(&later)
            .unwrap_err()
            .message
            .contains("not an earlier item")
    );
    // An option the item does not have.
    let e = check(&Q.replace(r#"equals = "officer""#, r#"equals = "pilot""#)).unwrap_err();
    assert!(e.message.contains("no option `pilot`"), "{e}");
}

#[test]
fn unknown_competencies_missing_translations_and_duplicates_are_refused() {
    assert!(
        check(&Q.replace(r#"competency = "int-first""#, r#"competency = "int-none""#))
            .unwrap_err()
            .message
            .contains("unknown competency")
    );
    assert!(
        check(&Q.replace(
            r#"{ en = "Interview", fr = "Entretien" }"#,
            r#"{ en = "Interview", fr = "" }"#
        ))
        .unwrap_err()
        .message
        .contains("English and French")
    );
    assert!(
        check(&Q.replace(
            r#"id = "int-first"
  kind"#,
            r#"id = "role"
  kind"#
        ))
        .unwrap_err()
        .message
        .contains("used twice")
    );
}

#[test]
fn barrier_items_offer_the_barrier_vocabulary_with_training() {
    let barriers = |options: &str| {
        format!(
            "{Q}\n  [[section.item]]\n  id = \"int-barriers\"\n  kind = \"barriers\"\n  text = {{ en = \"What stops you?\", fr = \"Qu'est-ce qui vous en empêche ?\" }}\n  options = [{options}]\n"
        )
    };
    let opt = |id: &str| format!(r#"{{ id = "{id}", en = "{id}", fr = "{id}" }}, "#);
    let good = barriers(&(opt("equipment") + &opt("training") + &opt("none")));
    let q = check(&good).unwrap_or_else(|e| panic!("{e}"));
    let item = q.items().find(|i| i.id == "int-barriers").unwrap();
    assert_eq!(item.kind, ItemKind::Barriers);
    // Answered like a multiple choice, on its own options only.
    let answer = item.read_answer(raw(&[
        ("int-barriers", "equipment"),
        ("int-barriers", "training"),
    ]));
    assert_eq!(
        answer.unwrap(),
        Some(Answer::Choices(vec!["equipment".into(), "training".into()]))
    );
    assert!(
        item.read_answer(raw(&[("int-barriers", "budget")]))
            .is_err()
    );
    // An option outside the vocabulary, or no training option: refused.
    for bad in [
        opt("equipment") + &opt("budget") + &opt("training"),
        opt("equipment") + &opt("staffing"),
    ] {
        let e = check(&barriers(&bad)).unwrap_err();
        assert!(e.message.contains("offers barriers from"), "{e}");
    }
}

#[test]
fn the_shipped_framework_and_questionnaire_are_valid() {
    let (c, q) = shipped().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.areas.len(), 8);
    let measured: HashSet<&str> = q
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| i.kind == ItemKind::Dual)
        .filter_map(|i| i.competency.as_deref())
        .collect();
    assert_eq!(measured, c.ids(), "every competency is asked about");
    // Every section of competencies asks what stops the respondent.
    for s in q
        .sections
        .iter()
        .filter(|s| s.items.iter().any(|i| i.kind == ItemKind::Dual))
    {
        assert!(
            s.items.iter().any(|i| i.kind == ItemKind::Barriers),
            "{} asks no barrier item",
            s.id
        );
    }
    for area in &c.areas {
        for comp in &area.competencies {
            // Needs analysis leads to learning: every competency has a module that teaches it.
            assert!(!comp.builds.is_empty(), "{} is built by no module", comp.id);
            for module in &comp.builds {
                let (course, module) = module.split_once('/').unwrap();
                let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("packs")
                    .join(course);
                let found = std::fs::read_dir(&dir)
                    .unwrap()
                    .filter_map(Result::ok)
                    .any(|e| {
                        e.file_name()
                            .to_string_lossy()
                            .ends_with(&format!("-{module}"))
                    });
                assert!(found, "{course}/{module}");
            }
        }
    }
}

fn raw<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Vec<String> + 'a {
    move |name| {
        pairs
            .iter()
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
            .collect()
    }
}

#[test]
fn answers_are_read_on_their_scales_and_refused_outside_them() {
    let q = check(Q).unwrap();
    let dual = q.item("int-first").unwrap();
    assert_eq!(
        dual.read_answer(raw(&[
            ("int-first.importance", "7"),
            ("int-first.performance", "2")
        ])),
        Ok(Some(Answer::Dual(7, 2)))
    );
    assert_eq!(dual.read_answer(raw(&[])), Ok(None));
    for bad in ["0", "8", "3.5", "-1"] {
        assert_eq!(
            dual.read_answer(raw(&[
                ("int-first.importance", bad),
                ("int-first.performance", "2")
            ])),
            Err(AnswerError::OutOfScale),
            "{bad}"
        );
    }
    assert_eq!(
        dual.read_answer(raw(&[
            ("int-first.importance", "x"),
            ("int-first.performance", "2")
        ])),
        Err(AnswerError::NotANumber)
    );
    assert_eq!(
        dual.read_answer(raw(&[("int-first.importance", "4")])),
        Err(AnswerError::HalfDual)
    );
    // "Not part of my job", on its own or over a performance rating, in any case.
    for given in [
        &[("int-first.importance", "n/a")][..],
        &[
            ("int-first.importance", "N/A"),
            ("int-first.performance", "5"),
        ],
    ] {
        assert_eq!(dual.read_answer(raw(given)), Ok(Some(Answer::NotMyJob)));
    }
    assert_eq!(
        dual.read_answer(raw(&[("int-first.performance", "n/a")])),
        Err(AnswerError::HalfDual),
        "only the importance says it"
    );
    // Stored as null, distinct from every rating and from a text "n/a".
    let answers: Answers = [
        ("a".to_owned(), Answer::NotMyJob),
        ("b".to_owned(), Answer::Dual(1, 1)),
        ("c".to_owned(), Answer::Text("n/a".into())),
    ]
    .into_iter()
    .collect();
    let json = serde_json::to_string(&answers).unwrap();
    assert_eq!(json, r#"{"a":null,"b":[1,1],"c":"n/a"}"#);
    assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), answers);
    let role = q.item("role").unwrap();
    assert_eq!(
        role.read_answer(raw(&[("role", "pilot")])),
        Err(AnswerError::UnknownOption)
    );
}

#[test]
fn skip_logic_drops_hidden_answers_and_only_requires_what_is_shown() {
    let mut q = check(Q).unwrap();
    q.sections[0].items[1].required = true;
    let mut answers = Answers::new();
    answers.insert("role".into(), Answer::Text("supervisor".into()));
    answers.insert("int-first".into(), Answer::Dual(5, 5));
    let shown = q.shown_answers(&answers);
    assert!(!shown.contains_key("int-first"), "hidden for supervisors");
    assert!(q.missing_required(&answers).is_empty());
    answers.insert("role".into(), Answer::Text("officer".into()));
    answers.remove("int-first");
    let missing: Vec<&str> = q
        .missing_required(&answers)
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(missing, ["int-first"]);
}

#[test]
fn the_shipped_data_round_trips_through_toml() {
    let (c, q) = shipped().unwrap();
    let c2 = parse_competencies(&c.to_toml(), Path::new("c.toml")).unwrap();
    assert_eq!(c, c2);
    let q2 = parse_questionnaire(&q.to_toml(), Path::new("q.toml"), &c).unwrap();
    assert_eq!(q, q2);
    let stored: Answers = [
        ("a".to_owned(), Answer::Dual(3, 4)),
        ("b".to_owned(), Answer::Choices(vec!["x".into()])),
        ("c".to_owned(), Answer::Number(2.0)),
        ("d".to_owned(), Answer::Text("t".into())),
    ]
    .into_iter()
    .collect();
    let json = serde_json::to_string(&stored).unwrap();
    assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), stored);
}

proptest::proptest! {
    #[test]
    fn skip_logic_only_ever_drops_answers_and_settles_at_once(
        picks in proptest::collection::vec((0usize..200, 0usize..8, 1u8..=7, 1u8..=7), 0..80)
    ) {
        let (_, q) = shipped().unwrap();
        let items: Vec<&Item> = q.items().collect();
        let mut answers = Answers::new();
        for (i, o, a, b) in picks {
            let item = items[i % items.len()];
            let answer = match item.kind {
                ItemKind::Dual => Answer::Dual(a, b),
                ItemKind::Likert => Answer::Number(f64::from(a.min(5))),
                ItemKind::Numeric => Answer::Number(f64::from(a)),
                ItemKind::Single => Answer::Text(item.options[o % item.options.len()].id.clone()),
                ItemKind::Multiple | ItemKind::Barriers => Answer::Choices(vec![item.options[o % item.options.len()].id.clone()]),
                ItemKind::Text => Answer::Text("note".into()),
            };
            answers.insert(item.id.clone(), answer);
        }
        let shown = q.shown_answers(&answers);
        proptest::prop_assert!(shown.iter().all(|(k, v)| answers.get(k) == Some(v)));
        proptest::prop_assert_eq!(&q.shown_answers(&shown), &shown);
        for missing in q.missing_required(&answers) {
            proptest::prop_assert!(missing.required && !shown.contains_key(&missing.id));
        }
    }
}

#[test]
fn the_evaluation_questionnaires_read_in_every_language() {
    let (reaction, follow_up) = evaluations().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reaction.id, "reaction");
    assert_eq!(follow_up.id, "follow-up");
    for q in [&reaction, &follow_up] {
        for item in q.items() {
            assert!(item.competency.is_none(), "{}", item.id);
            assert_ne!(item.kind, ItemKind::Dual, "{}", item.id);
            for t in [&item.text.es, &item.text.ar] {
                assert!(!t.trim().is_empty(), "{}: untranslated", item.id);
            }
        }
    }
    assert!(reaction.items().any(|i| i.kind == ItemKind::Likert));
}
