use super::*;
use proptest::prelude::*;

fn choice(id: u32, fraction: f64) -> Choice {
    Choice {
        id,
        text: format!("option {id}"),
        fraction,
        feedback: format!("feedback {id}"),
    }
}

#[test]
fn single_choice_scores_the_chosen_option() {
    let body = Body::SingleChoice {
        options: vec![choice(1, 1.0), choice(2, 0.0), choice(3, -0.5)],
    };
    assert_eq!(grade(&body, &Response::Choices(vec![1])).fraction, 1.0);
    assert_eq!(grade(&body, &Response::Choices(vec![3])).fraction, 0.0);
    assert_eq!(grade(&body, &Response::Choices(vec![])).fraction, 0.0);
    assert_eq!(
        grade(&body, &Response::Choices(vec![1])).feedback,
        vec!["feedback 1"]
    );
    assert_eq!(
        validate(&body, &Response::Choices(vec![1, 2])),
        Err(ResponseError::Duplicate)
    );
    assert_eq!(
        validate(&body, &Response::Choices(vec![9])),
        Err(ResponseError::UnknownOption(9))
    );
    assert_eq!(
        validate(&body, &Response::Text("x".into())),
        Err(ResponseError::WrongKind)
    );
}

#[test]
fn multiple_response_gives_partial_credit_and_penalties() {
    let body = Body::MultipleResponse {
        options: vec![
            choice(1, 0.5),
            choice(2, 0.5),
            choice(3, -0.5),
            choice(4, -1.0),
        ],
    };
    assert_eq!(grade(&body, &Response::Choices(vec![1])).fraction, 0.5);
    assert_eq!(grade(&body, &Response::Choices(vec![2, 1])).fraction, 1.0);
    assert_eq!(
        grade(&body, &Response::Choices(vec![1, 2, 3])).fraction,
        0.5
    );
    assert_eq!(grade(&body, &Response::Choices(vec![1, 4])).fraction, 0.0);
}

#[test]
fn short_answers_ignore_case_and_spacing_and_allow_wildcards() {
    let body = Body::ShortAnswer {
        answers: vec![
            TextKey {
                pattern: "Machine readable zone".into(),
                fraction: 1.0,
                feedback: String::new(),
            },
            TextKey {
                pattern: "MRZ*".into(),
                fraction: 0.5,
                feedback: String::new(),
            },
        ],
    };
    let score = |t: &str| grade(&body, &Response::Text(t.into())).fraction;
    assert_eq!(score("  machine   READABLE zone "), 1.0);
    assert_eq!(score("mrz"), 0.5);
    assert_eq!(score("MRZ lines"), 0.5);
    assert_eq!(score("visual zone"), 0.0);
    assert!(wildcard_match("a*c*e", "abcde"));
    assert!(wildcard_match("*", ""));
    assert!(!wildcard_match("a*c", "abd"));
    assert!(wildcard_match("*ab", "aab"));
}

#[test]
fn numerical_answers_honour_the_tolerance() {
    let body = Body::Numerical {
        answers: vec![NumberKey {
            value: 44.0,
            tolerance: 0.0,
            fraction: 1.0,
            feedback: String::new(),
        }],
        otherwise: String::new(),
    };
    assert_eq!(grade(&body, &Response::Number(44.0)).fraction, 1.0);
    assert_eq!(grade(&body, &Response::Number(43.0)).fraction, 0.0);
    let wide = Body::Numerical {
        answers: vec![NumberKey {
            value: 10.0,
            tolerance: 0.5,
            fraction: 1.0,
            feedback: String::new(),
        }],
        otherwise: "Count again.".into(),
    };
    assert_eq!(grade(&wide, &Response::Number(10.5)).fraction, 1.0);
    // Any other answer scores nothing and gets the feedback for it.
    let other = grade(&wide, &Response::Number(12.0));
    assert_eq!(other.fraction, 0.0);
    assert_eq!(other.feedback, ["Count again."]);
    assert_eq!(grade(&wide, &Response::Number(9.4)).fraction, 0.0);
    assert_eq!(
        validate(&wide, &Response::Number(f64::NAN)),
        Err(ResponseError::NotANumber)
    );
}

#[test]
fn matching_and_ordering_give_partial_credit() {
    let pairs = (1..=4)
        .map(|id| Pair {
            id,
            prompt: format!("p{id}"),
            answer: format!("a{id}"),
        })
        .collect();
    let body = Body::Matching { pairs };
    let r = Response::Matches(vec![(1, 1), (2, 2), (3, 4), (4, 3)]);
    assert_eq!(grade(&body, &r).fraction, 0.5);
    let items = (1..=5)
        .map(|id| Item {
            id,
            text: format!("i{id}"),
        })
        .collect();
    let body = Body::Ordering { items };
    assert_eq!(
        grade(&body, &Response::Order(vec![1, 2, 3, 4, 5])).fraction,
        1.0
    );
    assert_eq!(
        grade(&body, &Response::Order(vec![1, 2, 3, 5, 4])).fraction,
        0.5
    );
    assert_eq!(
        grade(&body, &Response::Order(vec![5, 4, 3, 2, 1])).fraction,
        0.0
    );
}

#[test]
fn a_question_without_a_full_mark_answer_is_refused() {
    let q = Question {
        title: "t".into(),
        text: "Which?".into(),
        general_feedback: String::new(),
        marks: 1.0,
        tags: vec![],
        competencies: vec![],
        body: Body::SingleChoice {
            options: vec![choice(1, 0.3), choice(2, 0.3)],
        },
    };
    assert_eq!(check(&q), Err(QuestionError::NoFullMarks));
}

/// Moodle's rule: the right options of a multiple-response question share out exactly the
/// marks, neither less (no one could earn them) nor more.
#[test]
fn multiple_response_weights_must_add_up_to_a_hundred() {
    let q = |fractions: &[f64]| Question {
        title: "t".into(),
        text: "Which?".into(),
        general_feedback: String::new(),
        marks: 1.0,
        tags: vec![],
        competencies: vec![],
        body: Body::MultipleResponse {
            options: fractions
                .iter()
                .enumerate()
                .map(|(i, f)| choice(i as u32 + 1, *f))
                .collect(),
        },
    };
    assert_eq!(
        check(&q(&[0.3, 0.3, -1.0])),
        Err(QuestionError::PositiveWeights("60".into()))
    );
    assert_eq!(
        check(&q(&[0.5, 0.5, 0.5])),
        Err(QuestionError::PositiveWeights("150".into()))
    );
    assert_eq!(
        check(&q(&[0.5, 0.5, 0.5])).unwrap_err().to_string(),
        "the positive weights add up to 150%, not 100%"
    );
    assert_eq!(check(&q(&[0.3333333, 0.3333333, 0.3333333, -1.0])), Ok(()));
    assert_eq!(check(&q(&[0.5, 0.5, -0.5])), Ok(()));
}

#[test]
fn overlong_question_and_option_texts_are_refused() {
    let mut q = Question {
        title: "t".into(),
        text: ">".repeat(MAX_QUESTION_TEXT + 1),
        general_feedback: String::new(),
        marks: 1.0,
        tags: vec![],
        competencies: vec![],
        body: Body::SingleChoice {
            options: vec![choice(1, 1.0), choice(2, 0.0)],
        },
    };
    assert_eq!(check(&q), Err(QuestionError::TextTooLong));
    q.text = "Which?".into();
    assert_eq!(check(&q), Ok(()));
    if let Body::SingleChoice { options } = &mut q.body {
        options[1].text = "x".repeat(MAX_OPTION_TEXT + 1);
    }
    assert_eq!(check(&q), Err(QuestionError::OptionTooLong));
}

fn arb_fraction() -> impl Strategy<Value = f64> {
    (-10i32..=10).prop_map(|n| f64::from(n) / 10.0)
}

fn arb_choices() -> impl Strategy<Value = Vec<Choice>> {
    proptest::collection::vec(arb_fraction(), 2..7).prop_map(|fs| {
        fs.into_iter()
            .enumerate()
            .map(|(i, f)| choice(i as u32 + 1, f))
            .collect()
    })
}

fn arb_body() -> impl Strategy<Value = Body> {
    prop_oneof![
        arb_choices().prop_map(|mut options| {
            options[0].fraction = 1.0;
            Body::SingleChoice { options }
        }),
        arb_choices().prop_map(|options| Body::MultipleResponse { options }),
        any::<bool>().prop_map(|answer| Body::TrueFalse {
            answer,
            feedback_true: String::new(),
            feedback_false: String::new()
        }),
        ("[a-c ]{1,6}", arb_fraction()).prop_map(|(pattern, f)| Body::ShortAnswer {
            answers: vec![
                TextKey {
                    pattern: format!("x{pattern}"),
                    fraction: 1.0,
                    feedback: String::new()
                },
                TextKey {
                    pattern,
                    fraction: f,
                    feedback: String::new()
                }
            ]
        }),
        (-100i32..100, 0u8..5).prop_map(|(v, t)| Body::Numerical {
            answers: vec![NumberKey {
                value: f64::from(v),
                tolerance: f64::from(t),
                fraction: 1.0,
                feedback: String::new()
            }],
            otherwise: String::new(),
        }),
        (2u32..7).prop_map(|n| Body::Matching {
            pairs: (1..=n)
                .map(|id| Pair {
                    id,
                    prompt: format!("p{id}"),
                    answer: format!("a{id}")
                })
                .collect()
        }),
        (2u32..7).prop_map(|n| Body::Ordering {
            items: (1..=n)
                .map(|id| Item {
                    id,
                    text: format!("i{id}")
                })
                .collect()
        }),
    ]
}

/// Any response of any kind, drawn from ids and values a body might have.
fn arb_response() -> impl Strategy<Value = Response> {
    prop_oneof![
        proptest::collection::vec(0u32..8, 0..6).prop_map(Response::Choices),
        any::<bool>().prop_map(Response::Bool),
        "[a-cx ]{0,8}".prop_map(Response::Text),
        (-120i32..120).prop_map(|n| Response::Number(f64::from(n))),
        proptest::collection::vec((0u32..8, 0u32..8), 0..7).prop_map(Response::Matches),
        proptest::collection::vec(0u32..8, 0..7).prop_map(Response::Order),
    ]
}

/// Reverses the listing order of options, pairs or items: what a shuffled display does.
fn reordered(body: &Body) -> Body {
    let mut body = body.clone();
    match &mut body {
        Body::SingleChoice { options } | Body::MultipleResponse { options } => options.reverse(),
        Body::Matching { pairs } => pairs.reverse(),
        _ => {}
    }
    body
}

proptest! {
    #[test]
    fn score_is_always_between_zero_and_one(body in arb_body(), response in arb_response()) {
        let f = grade(&body, &response).fraction;
        prop_assert!((0.0..=1.0).contains(&f), "fraction {f}");
    }

    #[test]
    fn listing_order_never_changes_the_score(body in arb_body(), response in arb_response()) {
        prop_assert_eq!(grade(&body, &response).fraction, grade(&reordered(&body), &response).fraction);
    }

    #[test]
    fn response_order_never_changes_a_choice_or_matching_score(body in arb_body(), response in arb_response()) {
        let mut flipped = response.clone();
        match &mut flipped {
            Response::Choices(c) => c.reverse(),
            Response::Matches(m) => m.reverse(),
            _ => {}
        }
        prop_assert_eq!(grade(&body, &response).fraction, grade(&body, &flipped).fraction);
    }

    #[test]
    fn a_perfect_answer_scores_full_marks(body in arb_body()) {
        let q = Question { title: "t".into(), text: "q".into(), general_feedback: String::new(), marks: 1.0, tags: vec![], competencies: vec![], body };
        if check(&q).is_ok() {
            prop_assert_eq!(grade(&q.body, &model_answer(&q.body)).fraction, 1.0);
        }
    }

    #[test]
    fn responses_survive_a_json_round_trip(response in arb_response()) {
        let json = serde_json::to_string(&response).unwrap();
        prop_assert_eq!(serde_json::from_str::<Response>(&json).unwrap(), response);
    }
}

#[test]
fn a_response_that_says_nothing_is_blank() {
    for blank in [
        Response::Choices(vec![]),
        Response::Text("  ".into()),
        Response::Matches(vec![]),
        Response::Order(vec![]),
    ] {
        assert!(blank.is_blank(), "{blank:?}");
    }
    for said in [
        Response::Choices(vec![1]),
        Response::Text("UTO".into()),
        Response::Matches(vec![(1, 2)]),
        Response::Order(vec![2, 1]),
        Response::Bool(false),
        Response::Number(0.0),
    ] {
        assert!(!said.is_blank(), "{said:?}");
    }
}
