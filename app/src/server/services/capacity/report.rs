//! The country report: scores, findings, recommendations, narrative, and the comparison with
//! a baseline assessment.

use super::*;

/// Everything the country report shows, for the assessment's team.
pub async fn report(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<ReportView> {
    let (a, role) = access(db, user, id).await?;
    let blind = blind_for(role, &a, user);
    build_report(db, a, role, blind, user.lang).await
}

/// The report of assessment `id` in `lang` for the command line (which has the database's full
/// access).
pub async fn report_for_export(
    db: &DatabaseConnection,
    id: i64,
    lang: Lang,
) -> AppResult<ReportView> {
    let a = capacity_assessment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    build_report(db, a, Standing::Administrator, None, lang).await
}

pub(super) async fn build_report(
    db: &DatabaseConnection,
    a: capacity_assessment::Model,
    role: Standing,
    blind: Option<i64>,
    lang: Lang,
) -> AppResult<ReportView> {
    let id = a.id;
    let view = build_view(db, a.clone(), role, blind, lang).await?;
    let fw = framework_text(&a, lang)?;
    let rows = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(id))
        .all(db)
        .await?;
    let rows = visible_rows(rows, blind);
    let judged = effective(&rows);
    // The row that speaks for each indicator: the agreed one, else an assessor's.
    let counted: HashMap<&str, &assessment_score::Model> = rows
        .iter()
        .filter(|r| {
            r.assessor_id == AGREED
                || !rows
                    .iter()
                    .any(|o| o.assessor_id == AGREED && o.indicator_id == r.indicator_id)
        })
        .map(|r| (r.indicator_id.as_str(), r))
        .collect();
    let in_scope = scope(&a, fw)?;
    let radar_svg = crate::server::reports::charts::radar(
        &view
            .components
            .iter()
            .map(|c| (c.title.clone(), c.score.score))
            .collect::<Vec<_>>(),
        f64::from(capacity::MAX_LEVEL),
        Msg::ChartScoresByComponent.text(lang),
        lang,
    );
    let element_bars = view
        .components
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                crate::server::reports::charts::bars(
                    &c.elements
                        .iter()
                        .filter(|e| e.in_scope)
                        .map(|e| crate::server::reports::charts::Bar {
                            label: e.title.clone(),
                            score: e.score.clone(),
                        })
                        .collect::<Vec<_>>(),
                    f64::from(capacity::MAX_LEVEL),
                    &Msg::ChartElementScores
                        .format(lang, &[("component", c.title.as_str().into())]),
                    lang,
                ),
            )
        })
        .collect();
    let mut annex = Vec::new();
    for (c, e, i) in fw.indicators() {
        if !in_scope.contains(&e.id) {
            continue;
        }
        let row = counted.get(i.id.as_str());
        let level = match judged.get(&i.id) {
            Some(Judgement::Level(l)) => {
                let level = format!(
                    "{l} {}",
                    fw.scale.get(usize::from(*l)).cloned().unwrap_or_default()
                );
                match row.map(|r| modality_codes(&r.not_applicable_to)) {
                    Some(codes) if !codes.is_empty() => format!(
                        "{level} ({})",
                        Msg::NotApplicableAt.format(
                            lang,
                            &[(
                                "list",
                                crate::i18n::list_in(
                                    lang,
                                    &codes
                                        .iter()
                                        .map(|c| modality_word(c, lang))
                                        .collect::<Vec<_>>()
                                )
                                .into()
                            )]
                        )
                    ),
                    _ => level,
                }
            }
            Some(Judgement::NotApplicable) => Msg::NotApplicable.text(lang).to_lowercase(),
            None => Msg::NotScored.text(lang).to_owned(),
        };
        annex.push(AnnexRow {
            component: c.title.clone(),
            element: e.title.clone(),
            indicator: i.title.clone(),
            level,
            evidence: row.map(|r| r.evidence.clone()).unwrap_or_default(),
        });
    }
    let (findings, mut recommendations) = entries(db, id).await?;
    let rank = |p: &str| match p {
        "high" => 0,
        "medium" => 1,
        _ => 2,
    };
    recommendations.sort_by(|x, y| {
        (rank(&x.input.priority), &x.input.quarter)
            .cmp(&(rank(&y.input.priority), &y.input.quarter))
    });
    let render = |md: &str| {
        content::markdown::render(
            md,
            content::markdown::Links {
                media_base: "/",
                glossary: "#",
            },
        )
    };
    let baseline = match a.baseline_id {
        Some(b) => baseline_view(db, &a, b, &view, &judged, lang).await?,
        None => None,
    };
    Ok(ReportView {
        lang,
        baseline,
        summary_html: render(&a.summary),
        methodology_html: render(&a.methodology),
        summary_markdown: a.summary.clone(),
        methodology_markdown: a.methodology.clone(),
        radar_svg,
        element_bars,
        findings,
        recommendations,
        element_titles: fw
            .components
            .iter()
            .flat_map(|c| c.elements.iter().map(|e| (e.id.clone(), e.title.clone())))
            .collect(),
        annex,
        assessment: view,
    })
}

/// Saves the executive summary and methodology (Markdown) — lead and assessors, not final.
/// `version` is the assessment's version the form was loaded with: a save based on an older
/// one is refused and nothing is overwritten.
pub async fn save_narrative(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    summary: &str,
    methodology: &str,
    version: i32,
) -> AppResult<()> {
    editable(db, user, id).await?;
    if summary.len() > 100_000 || methodology.len() > 100_000 {
        return Err(AppError::field("summary", Msg::ErrTooLong));
    }
    let done = capacity_assessment::Entity::update_many()
        .col_expr(
            capacity_assessment::Column::Summary,
            Expr::value(summary.trim()),
        )
        .col_expr(
            capacity_assessment::Column::Methodology,
            Expr::value(methodology.trim()),
        )
        .col_expr(
            capacity_assessment::Column::Version,
            Expr::value(version + 1),
        )
        .col_expr(
            capacity_assessment::Column::UpdatedAt,
            Expr::value(crate::server::services::now()),
        )
        .filter(capacity_assessment::Column::Id.eq(id))
        .filter(capacity_assessment::Column::Version.eq(version))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::field("summary", Msg::ErrNarrativeConflict));
    }
    Ok(())
}

/// The narrative of an assessment as stored, with its version: (summary, methodology, version).
pub async fn narrative(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(String, String, i32)> {
    let (a, _) = access(db, user, id).await?;
    Ok((a.summary, a.methodology, a.version))
}

pub(super) fn level_text(j: Option<&Judgement>, lang: Lang) -> String {
    match j {
        Some(Judgement::Level(l)) => l.to_string(),
        Some(Judgement::NotApplicable) => Msg::NotApplicableShort.text(lang).to_owned(),
        None => "—".to_owned(),
    }
}

/// The comparison of `a` (whose roll-ups are `view`) with its baseline `baseline_id`.
pub(super) async fn baseline_view(
    db: &DatabaseConnection,
    a: &capacity_assessment::Model,
    baseline_id: i64,
    view: &AssessmentView,
    judged: &HashMap<String, Judgement>,
    lang: Lang,
) -> AppResult<Option<BaselineView>> {
    let Some(b) = capacity_assessment::Entity::find_by_id(baseline_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let base_view = build_view(db, b.clone(), Standing::Administrator, None, lang).await?;
    let rows = assessment_score::Entity::find()
        .filter(assessment_score::Column::AssessmentId.eq(b.id))
        .all(db)
        .await?;
    let base_judged = effective(&rows);
    let fw = framework_text(a, lang)?;
    let components = view
        .components
        .iter()
        .map(|c| {
            let before = base_view
                .components
                .iter()
                .find(|x| x.id == c.id)
                .and_then(|x| x.score.score);
            ScoreChange {
                title: c.title.clone(),
                before,
                after: c.score.score,
                change: capacity::change(before, c.score.score),
            }
        })
        .collect();
    let indicators = fw
        .indicators()
        .filter(|(_, _, i)| base_judged.contains_key(&i.id) || judged.contains_key(&i.id))
        .map(|(_, _, i)| {
            let (before, after) = (base_judged.get(&i.id), judged.get(&i.id));
            let change = match (before, after) {
                (Some(Judgement::Level(x)), Some(Judgement::Level(y))) => {
                    Some(i32::from(*y) - i32::from(*x))
                }
                _ => None,
            };
            LevelChange {
                title: i.title.clone(),
                before: level_text(before, lang),
                after: level_text(after, lang),
                change,
            }
        })
        .collect();
    Ok(Some(BaselineView {
        title: format!("{} ({} – {})", b.title, date(b.starts_on), date(b.ends_on)),
        overall: ScoreChange {
            title: String::new(),
            before: base_view.overall.score,
            after: view.overall.score,
            change: capacity::change(base_view.overall.score, view.overall.score),
        },
        components,
        indicators,
    }))
}

/// Sets (or clears, with `None`) the baseline a follow-up is compared with: a final assessment
/// of the same country that the lead can see.
pub async fn set_baseline(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    baseline: Option<i64>,
) -> AppResult<()> {
    let (a, role) = access(db, user, id).await?;
    if !role.leads() {
        return Err(AppError::Forbidden);
    }
    not_final(&a)?;
    if let Some(b) = baseline {
        let (base, _) = access(db, user, b).await?;
        if base.id == a.id
            || base.country_code != a.country_code
            || base.status != AssessmentStatus::Final
        {
            return Err(AppError::field("baseline", Msg::ErrBaseline));
        }
    }
    let mut active: capacity_assessment::ActiveModel = a.into();
    active.baseline_id = Set(baseline);
    active.updated_at = Set(crate::server::services::now());
    active.update(db).await?;
    Ok(())
}

/// Final assessments of the same country `user` can see, as baseline candidates: (id, label).
pub async fn baseline_candidates(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<Vec<(i64, String)>> {
    let (a, _) = access(db, user, id).await?;
    let mine: HashSet<i64> = assessment_member::Entity::find()
        .filter(assessment_member::Column::PersonId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.assessment_id)
        .collect();
    Ok(capacity_assessment::Entity::find()
        .filter(capacity_assessment::Column::CountryCode.eq(&a.country_code))
        .filter(capacity_assessment::Column::Status.eq(AssessmentStatus::Final))
        .filter(capacity_assessment::Column::Id.ne(a.id))
        .order_by_desc(capacity_assessment::Column::StartsOn)
        .all(db)
        .await?
        .into_iter()
        .filter(|b| user.has(Role::Admin) || mine.contains(&b.id))
        .map(|b| (b.id, format!("{} ({})", b.title, date(b.starts_on))))
        .collect())
}

/// A kind of crossing point in words, in `lang`.
fn modality_word(code: &str, lang: Lang) -> &'static str {
    match code {
        "air" => Msg::ModalityAir,
        "land" => Msg::ModalityLand,
        _ => Msg::ModalitySea,
    }
    .text(lang)
}
