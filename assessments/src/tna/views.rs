//! Officers' and supervisors' views of the same competencies, side by side: a divergence
//! between them is itself a finding.

use super::*;

/// The difference in assessed level (on 1–5) between supervisors' and officers' views of a
/// competency from which the difference is itself reported as a finding: half a level, about
/// three quarters of a point on the 1–7 scale respondents answer on.
pub const DIVERGENCE: f64 = 0.5;

/// How supervisors' view of a competency compares with the officers' own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Divergence {
    /// Within [`DIVERGENCE`] of each other.
    Agree,
    /// Supervisors rate their staff lower than the staff rate themselves: a need officers may
    /// not see (or supervisors' expectations beyond the job specification).
    SupervisorsLower,
    /// Supervisors rate their staff higher: officers may under-rate themselves, or supervisors
    /// not see the work closely enough.
    SupervisorsHigher,
}

/// Officers' and supervisors' views of one competency (in one group) side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewComparison {
    /// The group, as [`aggregate`] keys it.
    pub key: GroupKey,
    /// The officers' own answers.
    pub officers: Option<GroupResult>,
    /// Supervisors' answers about their staff.
    pub supervisors: Option<GroupResult>,
    /// Supervisors' mean assessed level minus the officers', when both are shown.
    pub difference: Option<f64>,
    /// What the difference says, when both are shown.
    pub divergence: Option<Divergence>,
}

/// Officers' own answers (`officers`) and supervisors' answers about them (`supervisors`),
/// each grouped as `grouping` and `disclosure` say, compared group by group (in key order).
/// Compare within an agency (`Grouping::Agency`) or finer: pooled over agencies of different
/// sizes, two views can agree overall while disagreeing in every agency. A side that is
/// withheld or has no answers gives no difference.
pub fn compare_views(
    officers: &[Observation],
    supervisors: &[Observation],
    grouping: Grouping,
    disclosure: Disclosure,
) -> Vec<ViewComparison> {
    let own = aggregate(officers, grouping, disclosure);
    let sup = aggregate(supervisors, grouping, disclosure);
    let mut keys: Vec<&GroupKey> = own.iter().chain(&sup).map(|g| &g.key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let find = |groups: &[GroupResult]| groups.iter().find(|g| &g.key == key).cloned();
            let (officers, supervisors) = (find(&own), find(&sup));
            let level = |g: &Option<GroupResult>| {
                g.as_ref()
                    .and_then(|g| g.stats.as_ref())
                    .map(|s| s.assessed)
            };
            let difference = level(&supervisors)
                .zip(level(&officers))
                .map(|(s, o)| s - o);
            ViewComparison {
                key: key.clone(),
                officers,
                supervisors,
                difference,
                divergence: difference.map(|d| {
                    if d <= -DIVERGENCE {
                        Divergence::SupervisorsLower
                    } else if d >= DIVERGENCE {
                        Divergence::SupervisorsHigher
                    } else {
                        Divergence::Agree
                    }
                }),
            }
        })
        .collect()
}
