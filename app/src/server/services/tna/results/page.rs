//! The results page of a campaign: heat map, ranked priorities, the drill-down into one agency,
//! and the training plan with the courses that answer each need.

use super::*;

/// Upper bounds of the need index's green, yellow and orange bands (above: red). Yellow ends
/// at the plan's threshold: orange and red competencies are in the plan.
pub const NEED_BANDS: [f64; 3] = [4.0, PLAN_THRESHOLD, 14.0];

/// Campaign `id`'s results, drilled into `agency` when given.
pub async fn results(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    drill: Option<i64>,
    measure: Measure,
) -> AppResult<TnaResults> {
    may_analyse(user)?;
    let c = get(db, id).await?;
    let a = analyse(db, &c).await?;
    let (by_agency, by_competency) = (&a.by_agency, &a.by_competency);
    let mut agencies: Vec<(i64, String)> = a.agencies.iter().map(|x| (x.0, x.1.clone())).collect();
    agencies.sort_by(|x, y| x.1.cmp(&y.1));
    let rows: Vec<String> = a.competencies.iter().map(|c| c.1.clone()).collect();
    let cols: Vec<String> = agencies.iter().map(|x| x.1.clone()).collect();
    let index: HashMap<(&str, String), &assessments::tna::GroupResult> = by_agency
        .iter()
        .map(|g| ((g.key.0.as_str(), g.key.1.clone()), g))
        .collect();
    let cells: Vec<Vec<HeatCell>> = a
        .competencies
        .iter()
        .map(|(comp, _)| {
            agencies
                .iter()
                .map(|(aid, _)| {
                    cell(
                        index.get(&(comp.as_str(), aid.to_string())).copied(),
                        measure,
                    )
                })
                .collect()
        })
        .collect();
    let (title, legend, bands) = match measure {
        Measure::Gap => (
            "Gap (required − assessed level) per competency and agency",
            "gap in levels",
            [0.25, 0.75, 1.5],
        ),
        Measure::Need => (
            "Need index (Borich's weighted discrepancy) per competency and agency",
            "need index −42…42",
            NEED_BANDS,
        ),
    };
    let heat_svg = heat_map(&rows, &cols, &cells, bands, title, legend);
    let heat_figures = figures(&rows, &cells);
    // Across countries, the same map per country.
    let mut countries: Vec<&str> = a.agencies.iter().map(|x| x.2.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    let mut country_figures = (Vec::new(), Vec::new());
    let country_svg = (countries.len() > 1).then(|| {
        let index: HashMap<(&str, &str), &GroupResult> = a
            .by_country
            .iter()
            .map(|g| ((g.key.0.as_str(), g.key.3.as_str()), g))
            .collect();
        let cells: Vec<Vec<HeatCell>> = a
            .competencies
            .iter()
            .map(|(comp, _)| {
                countries
                    .iter()
                    .map(|country| cell(index.get(&(comp.as_str(), *country)).copied(), measure))
                    .collect()
            })
            .collect();
        let cols: Vec<String> = countries.iter().map(|c| (*c).to_owned()).collect();
        let svg = heat_map(&rows, &cols, &cells, bands, title, legend);
        country_figures = (cols, figures(&rows, &cells));
        svg
    });
    let ranked: Vec<GapRow> = priorities(by_competency)
        .into_iter()
        .map(|g| gap_row(&a, g, "", ""))
        .collect();
    let top: Vec<(String, f64)> = ranked
        .iter()
        .take(10)
        .map(|r| (r.title.clone(), r.need.unwrap_or(0.0)))
        .collect();
    let top_svg = need_bars(
        &top,
        NEED_BANDS,
        "The ten competencies most in need of training (need index)",
    );
    let top_figures = top
        .iter()
        .map(|(name, need)| vec![name.clone(), format!("{need:.2}")])
        .collect();
    let drill = match drill {
        Some(agency_id) => {
            let name = agencies
                .iter()
                .find(|x| x.0 == agency_id)
                .map(|x| x.1.clone())
                .ok_or(AppError::NotFound)?;
            let key = agency_id.to_string();
            let mut rows: Vec<GapRow> = a
                .by_position
                .iter()
                .filter(|g| g.key.1 == key)
                .map(|g| gap_row(&a, g, &g.key.1, &g.key.2))
                .collect();
            rows.sort_by(|x, y| {
                y.need
                    .unwrap_or(-1.0)
                    .total_cmp(&x.need.unwrap_or(-1.0))
                    .then(x.position.cmp(&y.position))
            });
            Some((agency_id, name, rows))
        }
        None => None,
    };
    Ok(TnaResults {
        campaign: crate::server::services::tna::campaigns::row(db, &c).await?,
        respondents: a.respondents,
        heat_svg,
        heat_figures,
        country_svg,
        country_figures,
        top_svg,
        top_figures,
        priorities: ranked,
        agencies,
        drill,
        plan: plan_rows(db, &a).await?,
        views: view_rows(&a),
        barriers: barrier_rows(&a),
    })
}

/// What stops people, per section (questionnaire order) and agency (by name).
fn barrier_rows(a: &Analysis) -> Vec<BarrierRow> {
    use assessments::tna::Cause;
    let name = |id: i64| {
        a.agencies
            .iter()
            .find(|x| x.0 == id)
            .map(|x| x.1.clone())
            .unwrap_or_default()
    };
    let mut rows: Vec<(usize, BarrierRow)> = a
        .barriers
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let percent = |n: usize| 100.0 * n as f64 / b.respondents.max(1) as f64;
            let row = BarrierRow {
                section: b.title.clone(),
                agency: name(b.agency),
                respondents: b.respondents,
                shares: b
                    .counts
                    .map(|c| {
                        c.named
                            .iter()
                            .map(|n| percent(*n))
                            .chain([percent(c.nothing)])
                            .collect()
                    })
                    .unwrap_or_default(),
                other_cause: b.counts.and_then(|c| c.other_cause()).map(|c| match c {
                    Cause::Equipment => CauseCode::Equipment,
                    Cause::Procedures => CauseCode::Procedures,
                    Cause::Staffing => CauseCode::Staffing,
                    Cause::Training => CauseCode::Training,
                }),
                caution: b.caution,
            };
            (i, row)
        })
        .collect();
    // The analysis lists them by section then agency id: keep the section order, agencies by
    // name.
    let order: Vec<&str> = {
        let mut seen = Vec::new();
        for b in &a.barriers {
            if !seen.contains(&b.section.as_str()) {
                seen.push(b.section.as_str());
            }
        }
        seen
    };
    rows.sort_by(|(i, x), (j, y)| {
        let pos = |k: &usize| order.iter().position(|s| *s == a.barriers[*k].section);
        pos(i).cmp(&pos(j)).then(x.agency.cmp(&y.agency))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The officers' and supervisors' views of each competency both answered on in an agency, in
/// framework order, then by agency name.
fn view_rows(a: &Analysis) -> Vec<ViewRow> {
    use assessments::tna::Divergence;
    let side = |g: &assessments::tna::GroupResult| ViewSide {
        n: g.n,
        assessed: g.stats.as_ref().map(|s| s.assessed),
        caution: g.caution,
    };
    let mut agencies: Vec<&(i64, String, String)> = a.agencies.iter().collect();
    agencies.sort_by(|x, y| x.1.cmp(&y.1));
    a.competencies
        .iter()
        .flat_map(|c| agencies.iter().map(move |ag| (c, ag)))
        .filter_map(|((id, title), (agency, name, _))| {
            let key = agency.to_string();
            let v = a.views.iter().find(|v| &v.key.0 == id && v.key.1 == key)?;
            Some(ViewRow {
                competency: id.clone(),
                title: title.clone(),
                agency: name.clone(),
                officers: side(v.officers.as_ref()?),
                supervisors: side(v.supervisors.as_ref()?),
                difference: v.difference,
                finding: v.divergence.map(|d| match d {
                    Divergence::Agree => ViewFinding::Agree,
                    Divergence::SupervisorsLower => ViewFinding::SupervisorsLower,
                    Divergence::SupervisorsHigher => ViewFinding::SupervisorsHigher,
                }),
            })
        })
        .collect()
}

/// A heat map's figures: per row, its full title, then each cell as the map writes it.
fn figures(rows: &[String], cells: &[Vec<HeatCell>]) -> Vec<Vec<String>> {
    rows.iter()
        .zip(cells)
        .map(|(name, row)| {
            std::iter::once(name.clone())
                .chain(row.iter().map(crate::server::reports::charts::heat_text))
                .collect()
        })
        .collect()
}

/// The recommended training plan, with course and module titles and where the people are.
pub(super) async fn plan_rows(db: &impl ConnectionTrait, a: &Analysis) -> AppResult<Vec<PlanRow>> {
    let courses: HashMap<i64, (String, String)> = course::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, (c.slug, c.title)))
        .collect();
    let modules: HashMap<String, ((String, String), String)> = course_module::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| {
            let c = courses.get(&m.course_id)?;
            Some((format!("{}/{}", c.0, m.slug), (c.clone(), m.title)))
        })
        .collect();
    let titles: HashMap<&str, &str> = a
        .competencies
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_str()))
        .collect();
    let names: HashMap<i64, &str> = a
        .agencies
        .iter()
        .map(|(id, n, _)| (*id, n.as_str()))
        .collect();
    Ok(a.plan
        .iter()
        .map(|(item, per)| {
            let (course, module) = modules
                .get(&item.module)
                .cloned()
                .unwrap_or_else(|| ((String::new(), item.module.clone()), item.module.clone()));
            let mut agencies: Vec<(String, usize)> = per
                .iter()
                .map(|(id, n)| (names.get(id).copied().unwrap_or_default().to_owned(), *n))
                .collect();
            agencies.sort();
            PlanRow {
                order: item.order,
                course,
                module,
                competencies: item
                    .competencies
                    .iter()
                    .map(|c| titles.get(c.as_str()).copied().unwrap_or(c).to_owned())
                    .collect(),
                people: item.people,
                agencies,
            }
        })
        .collect())
}
