//! The needs analysis without the database: 20,000 stored responses (JSON, as the app keeps
//! them) to a 60-item questionnaire, read, turned into observations and analysed per position,
//! agency and competency, with the training plan. Prints each phase's time; run with
//! `cargo bench -p content --bench tna_analysis`.

use assessments::tna::{Disclosure, Grouping, Observation, PRIORITY_THRESHOLD, aggregate, plan};
use content::tna::Answer;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Stored<'a>(#[serde(borrow)] HashMap<Cow<'a, str>, Answer>);

fn main() {
    let (framework, _) = content::tna::shipped().expect("shipped data");
    let competencies: Vec<String> = framework
        .areas
        .iter()
        .flat_map(|a| a.competencies.iter().map(|c| c.id.clone()))
        .collect();
    let items: Vec<(String, Arc<str>)> = (0..60)
        .map(|n| {
            (
                format!("b{n:02}"),
                Arc::from(competencies[n % competencies.len()].as_str()),
            )
        })
        .collect();
    let mut rng = assessments::results::SeededRng::new(2026);
    let responses: Vec<(i64, i64, String)> = (0..20_000)
        .map(|i| {
            let answers: BTreeMap<&str, Answer> = items
                .iter()
                .map(|(id, _)| {
                    (
                        id.as_str(),
                        Answer::Dual(1 + rng.below(7) as u8, 1 + rng.below(7) as u8),
                    )
                })
                .collect();
            (i % 3, i % 9, serde_json::to_string(&answers).unwrap())
        })
        .collect();
    let bytes: usize = responses.iter().map(|r| r.2.len()).sum();
    let builds: BTreeMap<String, Vec<String>> = framework
        .areas
        .iter()
        .flat_map(|a| {
            a.competencies
                .iter()
                .map(|c| (c.id.clone(), c.builds.clone()))
        })
        .collect();
    let agencies: Vec<Arc<str>> = (0..3).map(|a| Arc::from(a.to_string().as_str())).collect();
    let positions: Vec<Arc<str>> = (0..9).map(|p| Arc::from(p.to_string().as_str())).collect();
    let country: Arc<str> = Arc::from("UTO");

    for run in 1..=3 {
        let t = Instant::now();
        let parsed: Vec<Stored> = responses
            .iter()
            .map(|r| serde_json::from_str(&r.2).unwrap())
            .collect();
        let parse = t.elapsed();
        let t = Instant::now();
        let mut obs = Vec::with_capacity(responses.len() * items.len());
        for ((agency, position, _), Stored(answers)) in responses.iter().zip(&parsed) {
            for (item, competency) in &items {
                if let Some(Answer::Dual(i, p)) = answers.get(item.as_str()) {
                    obs.push(Observation {
                        agency: agencies[*agency as usize].clone(),
                        position: positions[*position as usize].clone(),
                        country: country.clone(),
                        competency: competency.clone(),
                        importance: *i,
                        performance: *p,
                        required: Some(3),
                        about_staff: false,
                    });
                }
            }
        }
        let build = t.elapsed();
        let t = Instant::now();
        let groups: usize = [Grouping::Position, Grouping::Agency, Grouping::Competency]
            .into_iter()
            .map(|g| aggregate(&obs, g, Disclosure::Withhold(5)).len())
            .sum();
        let group = t.elapsed();
        let t = Instant::now();
        let modules = plan(&obs, &builds, PRIORITY_THRESHOLD, Disclosure::Withhold(5)).len();
        let planning = t.elapsed();
        println!(
            "run {run}: {} responses ({} MB of JSON), {} observations: parse {} ms, observations {} ms, three groupings ({groups} groups) {} ms, plan ({modules} modules) {} ms, total {} ms",
            responses.len(),
            bytes / 1_000_000,
            obs.len(),
            parse.as_millis(),
            build.as_millis(),
            group.as_millis(),
            planning.as_millis(),
            (parse + build + group + planning).as_millis()
        );
    }
}
