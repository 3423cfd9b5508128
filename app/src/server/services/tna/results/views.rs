//! Officers' and supervisors' views side by side.

use assessments::tna::{Disclosure, Grouping, Observation, ViewComparison, compare_views};
use std::collections::HashSet;

/// Per competency and agency, supervisors' answers about their staff beside the own answers
/// of the officers they are about (the same agency and position).
pub(super) fn compare(obs: &[Observation], disclosure: Disclosure) -> Vec<ViewComparison> {
    let (supervisors, officers): (Vec<Observation>, Vec<Observation>) =
        obs.iter().cloned().partition(|o| o.about_staff);
    let supervised: HashSet<(&str, &str)> = supervisors
        .iter()
        .map(|o| (&*o.agency, &*o.position))
        .collect();
    let officers: Vec<Observation> = officers
        .into_iter()
        .filter(|o| supervised.contains(&(&*o.agency, &*o.position)))
        .collect();
    compare_views(&officers, &supervisors, Grouping::Agency, disclosure)
}
