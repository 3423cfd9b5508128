//! Grading an answer against the key, kind by kind: markers against regions, light views,
//! verdicts and their reasons, MRZ fields, impostor comparisons.

use super::*;

/// What one graded answer says about one security feature: its kind (a code of
/// [`FEATURE_KIND_CODES`], or `verdict_<code>`) and whether the trainee found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Feature kind.
    pub kind: String,
    /// Found (or judged) right.
    pub found: bool,
}

/// Why an answer cannot be graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GradeError {
    /// The exercise has no key for its kind.
    #[error("the exercise has no answer key")]
    NoKey,
    /// More markers than [`geo::MAX_MARKERS`].
    #[error("too many markers")]
    TooManyMarkers,
    /// A marker outside the image.
    #[error("a marker is outside the image")]
    MarkerOutside,
    /// Light view `view` was answered with an option it does not have.
    #[error("light view {view} has no such option")]
    NoSuchOption {
        /// The view's index.
        view: usize,
    },
    /// No verdict, or one not in [`VERDICT_CODES`].
    #[error("choose a verdict")]
    NoVerdict,
    /// The MRZ question was left unanswered.
    #[error("say whether the zone is consistent")]
    NoConsistency,
    /// The impostor question was left unanswered.
    #[error("say whether the bearer is the holder")]
    NoSamePerson,
}

/// Points for a checklist: key entries checked minus others checked, over the key entries.
fn checklist_points(items: &[ChecklistItem], checked: &[usize]) -> (f64, f64, Vec<OutcomeLine>) {
    let key = items.iter().filter(|i| i.key).count();
    let mut right = 0usize;
    let mut wrong = 0usize;
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ticked = checked.contains(&i);
        if item.key || ticked {
            if item.key && ticked {
                right += 1;
            } else if ticked {
                wrong += 1;
            }
            let tick = |t: bool| {
                if t {
                    LineAnswer::Ticked
                } else {
                    LineAnswer::Nothing
                }
            };
            lines.push(OutcomeLine {
                about: LineAbout::Item {
                    label: item.text.clone(),
                },
                ok: item.key == ticked,
                given: tick(ticked),
                expected: tick(item.key),
                explanation: String::new(),
                kind: String::new(),
            });
        }
    }
    if key == 0 {
        return (0.0, 0.0, lines);
    }
    let points = ((right as f64 - wrong as f64) / key as f64).max(0.0);
    (points, 1.0, lines)
}

/// Grades `answer` to an exercise of `kind` with key `spec` on an image of `width` × `height`:
/// the outcome (score rounded to hundredths, marks, feedback lines) and the findings it yields,
/// one per anomaly, light view, verdict, wrong MRZ field or impostor question.
pub fn grade(
    kind: ExerciseKind,
    spec: &ExerciseSpec,
    width: i32,
    height: i32,
    answer: &ExerciseAnswer,
) -> Result<(ExerciseOutcome, Vec<Finding>), GradeError> {
    let mut findings = Vec::new();
    let mut lines = Vec::new();
    let mut marks = Vec::new();
    let mut found = Vec::new();
    let (score, max) = match kind {
        ExerciseKind::Anomalies | ExerciseKind::Compare => {
            let regions: Vec<geo::Region> = spec
                .regions
                .iter()
                .map(|r| geo::Region {
                    id: r.id.clone(),
                    shape: r.outline.clone(),
                    anomaly: r.anomaly,
                    kind: r.kind.clone(),
                })
                .collect();
            let g = geo::grade(
                &regions,
                &answer.markers,
                width as f64,
                height as f64,
                spec.penalty,
            )
            .map_err(|e| match e {
                geo::MarkerError::TooMany => GradeError::TooManyMarkers,
                _ => GradeError::MarkerOutside,
            })?;
            for (m, hit) in answer.markers.iter().zip(&g.markers) {
                let (hit, region) = match hit {
                    geo::Hit::Anomaly { region } => (true, Some(region.clone())),
                    geo::Hit::Genuine { region } => (false, Some(region.clone())),
                    geo::Hit::Nothing => (false, None),
                };
                marks.push(MarkOutcome {
                    at: *m,
                    hit,
                    region,
                });
            }
            for r in &spec.regions {
                let ok = g.found.contains(&r.id);
                let marked_genuine = !r.anomaly
                    && marks
                        .iter()
                        .any(|m| m.region.as_deref() == Some(r.id.as_str()));
                if r.anomaly {
                    findings.push(Finding {
                        kind: r.kind.clone(),
                        found: ok,
                    });
                }
                if r.anomaly || marked_genuine {
                    lines.push(OutcomeLine {
                        about: LineAbout::Item {
                            label: r.label.clone(),
                        },
                        ok: r.anomaly && ok,
                        given: if ok || marked_genuine {
                            LineAnswer::Marked
                        } else {
                            LineAnswer::NotMarked
                        },
                        expected: if r.anomaly {
                            LineAnswer::Anomaly
                        } else {
                            LineAnswer::Genuine
                        },
                        explanation: r.explanation.clone(),
                        kind: r.kind.clone(),
                    });
                }
            }
            found = g.found;
            (g.score, g.max)
        }
        ExerciseKind::LightViews => {
            let mut score = 0.0;
            for (i, v) in spec.views.iter().enumerate() {
                let given = answer.views.get(i).copied().flatten();
                if given.is_some_and(|g| g >= v.options.len()) {
                    return Err(GradeError::NoSuchOption { view: i });
                }
                let ok = given == Some(v.correct);
                if ok {
                    score += 1.0;
                }
                findings.push(Finding {
                    kind: v.kind.clone(),
                    found: ok,
                });
                lines.push(OutcomeLine {
                    about: LineAbout::View {
                        light: v.light.clone(),
                        question: v.question.clone(),
                    },
                    ok,
                    given: given
                        .and_then(|g| v.options.get(g).cloned())
                        .map_or(LineAnswer::Nothing, |text| LineAnswer::Option { text }),
                    expected: LineAnswer::Option {
                        text: v.options.get(v.correct).cloned().unwrap_or_default(),
                    },
                    explanation: v.explanation.clone(),
                    kind: v.kind.clone(),
                });
            }
            (score, spec.views.len() as f64)
        }
        ExerciseKind::Verdict => {
            let key = spec.verdict.as_ref().ok_or(GradeError::NoKey)?;
            if !VERDICT_CODES.contains(&answer.verdict.as_str()) {
                return Err(GradeError::NoVerdict);
            }
            let ok = answer.verdict == key.verdict
                && (key.verdict != "forged" || answer.forgery == key.forgery);
            let describe = |verdict: &str, forgery: &str| LineAnswer::Verdict {
                verdict: verdict.to_owned(),
                forgery: if verdict == "forged" {
                    forgery.to_owned()
                } else {
                    String::new()
                },
            };
            let finding = if key.verdict == "forged" {
                key.forgery.clone()
            } else {
                format!("verdict_{}", key.verdict)
            };
            findings.push(Finding {
                kind: finding.clone(),
                found: ok,
            });
            lines.push(OutcomeLine {
                about: LineAbout::Verdict,
                ok,
                given: describe(&answer.verdict, &answer.forgery),
                expected: describe(&key.verdict, &key.forgery),
                explanation: String::new(),
                kind: finding,
            });
            let (p, m, l) = checklist_points(&key.features, &answer.checked);
            lines.extend(l);
            (f64::from(u8::from(ok)) + p, 1.0 + m)
        }
        ExerciseKind::Mrz => {
            let key = spec.mrz.as_ref().ok_or(GradeError::NoKey)?;
            let consistent = answer.consistent.ok_or(GradeError::NoConsistency)?;
            let ok = consistent == key.wrong.is_empty();
            lines.push(OutcomeLine {
                about: LineAbout::MrzConsistent,
                ok,
                given: LineAnswer::yes_no(consistent),
                expected: LineAnswer::yes_no(key.wrong.is_empty()),
                explanation: String::new(),
                kind: "check_digit".to_owned(),
            });
            let mut right: f64 = 0.0;
            let mut wrong: f64 = 0.0;
            for code in MRZ_FIELD_CODES {
                let in_key = key.wrong.iter().any(|w| w == code);
                let chosen = answer.wrong_fields.iter().any(|w| w == code);
                if !in_key && !chosen {
                    continue;
                }
                let kind = if code.ends_with("_check") {
                    "check_digit"
                } else {
                    "viz_mrz_mismatch"
                };
                if in_key {
                    findings.push(Finding {
                        kind: kind.to_owned(),
                        found: chosen,
                    });
                }
                if in_key && chosen {
                    right += 1.0;
                } else if chosen {
                    wrong += 1.0;
                }
                lines.push(OutcomeLine {
                    about: LineAbout::MrzField {
                        field: code.to_owned(),
                    },
                    ok: in_key == chosen,
                    given: if chosen {
                        LineAnswer::Wrong
                    } else {
                        LineAnswer::Nothing
                    },
                    expected: if in_key {
                        LineAnswer::Wrong
                    } else {
                        LineAnswer::Correct
                    },
                    explanation: key
                        .reasons
                        .iter()
                        .filter(|(f, _)| f == code)
                        .map(|(_, r)| r.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    kind: kind.to_owned(),
                });
            }
            let fields_points = (right - 0.5 * wrong).max(0.0);
            (
                f64::from(u8::from(ok)) + fields_points,
                1.0 + key.wrong.len() as f64,
            )
        }
        ExerciseKind::Impostor => {
            let key = spec.impostor.as_ref().ok_or(GradeError::NoKey)?;
            let same = answer.same_person.ok_or(GradeError::NoSamePerson)?;
            let ok = same == key.same_person;
            findings.push(Finding {
                kind: "impostor".to_owned(),
                found: ok,
            });
            lines.push(OutcomeLine {
                about: LineAbout::SamePerson,
                ok,
                given: LineAnswer::yes_no(same),
                expected: LineAnswer::yes_no(key.same_person),
                explanation: String::new(),
                kind: "photo_substitution".to_owned(),
            });
            let (p, m, l) = checklist_points(&key.reasons, &answer.checked);
            lines.extend(l);
            (f64::from(u8::from(ok)) + p, 1.0 + m)
        }
    };
    Ok((
        ExerciseOutcome {
            score: (score * 100.0).round() / 100.0,
            max,
            marks,
            found,
            lines,
            over_time: None,
        },
        findings,
    ))
}
