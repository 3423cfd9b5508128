//! Training Needs Analysis: from self-assessments and supervisors' assessments against the
//! levels that positions require, to gaps, ranked priorities and a training plan.
//!
//! Scales (documented in `docs/tna-method.md`):
//! - proficiency levels 1 (awareness) … 5 (expert), for what a position requires;
//! - the questionnaire's dual items ask, on 1–7, how important a task is to the respondent's
//!   job and how well they perform it; performance converts to the proficiency scale linearly
//!   (1 → 1, 7 → 5).
//!
//! Measures per competency and group:
//! - **gap** = required level − assessed level (positive: a shortfall), averaged;
//! - **need index** = Borich's mean weighted discrepancy score (MWDS): the mean discrepancy
//!   (importance − performance) times the mean importance, from −42 (performed far better than
//!   the task matters) to 42 (essential and not performed at all); see [`NEED_MAX`] and
//!   [`PRIORITY_THRESHOLD`];
//! - spread (standard deviation) and a 95 % confidence half-width, so a gap resting on three
//!   answers is not read like one resting on three hundred.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

mod barriers;
mod views;
pub use barriers::*;
pub use views::*;

/// The highest point of the dual scale.
pub const DUAL_MAX: u8 = 7;
/// The highest proficiency level.
pub const LEVEL_MAX: u8 = 5;

/// The largest need index: a discrepancy of 6 (importance 7, performance 1) on a task whose
/// mean importance is 7. The smallest is its opposite.
pub const NEED_MAX: f64 = 42.0;

/// The need index from which a competency is a priority for training: a mean discrepancy of
/// 1.5 points on a task of mean importance 5.5 or more (about 8). Importance 6 with performance
/// 5 (need 6) stays below it; importance 7 with performance 5 (need 14) is well above.
pub const PRIORITY_THRESHOLD: f64 = 8.0;

/// A dual-scale answer converted to the proficiency scale (1–5).
pub fn level_from_performance(performance: u8) -> f64 {
    let p = f64::from(performance.clamp(1, DUAL_MAX));
    1.0 + (p - 1.0) * f64::from(LEVEL_MAX - 1) / f64::from(DUAL_MAX - 1)
}

/// One respondent's answer about one competency.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Agency of the respondent's position.
    pub agency: Arc<str>,
    /// The respondent's position.
    pub position: Arc<str>,
    /// Country of the agency.
    pub country: Arc<str>,
    /// Competency id.
    pub competency: Arc<str>,
    /// Importance to the job, 1–7.
    pub importance: u8,
    /// How well it is performed, 1–7.
    pub performance: u8,
    /// Level the position requires, 1–5 (`None` when the job specification does not name
    /// this competency).
    pub required: Option<u8>,
    /// A supervisor's answer about the staff of the position, not a person's own: evidence of
    /// the position's needs, but not one more person who needs training.
    pub about_staff: bool,
}

/// Statistics of one group (competency × agency × position, or coarser).
#[derive(Debug, Clone, PartialEq)]
pub struct GapStats {
    /// Answers behind the figures.
    pub n: usize,
    /// Mean required level (over answers whose position requires the competency).
    pub required: Option<f64>,
    /// Mean assessed level, 1–5.
    pub assessed: f64,
    /// Mean gap (required − assessed), over answers with a requirement.
    pub gap: Option<f64>,
    /// Mean importance, 1–7.
    pub importance: f64,
    /// Need index: Borich's mean weighted discrepancy score, −42…42.
    pub need: f64,
    /// Standard deviation of the assessed level.
    pub spread: f64,
    /// Half-width of the 95 % confidence interval of the mean assessed level.
    pub confidence: f64,
}

/// Running sums of one group, filled one observation at a time (Welford's method for the
/// spread), so grouping a million answers needs no list per group.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    n: usize,
    mean: f64,
    m2: f64,
    with_req: usize,
    required: f64,
    gap: f64,
    importance: f64,
    /// Sum of the discrepancies, importance − performance.
    discrepancy: f64,
}

impl Sums {
    fn add(&mut self, o: &Observation) {
        let level = level_from_performance(o.performance);
        self.n += 1;
        let delta = level - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (level - self.mean);
        if let Some(r) = o.required {
            let r = f64::from(r.clamp(1, LEVEL_MAX));
            self.with_req += 1;
            self.required += r;
            self.gap += r - level;
        }
        let importance = f64::from(o.importance.clamp(1, DUAL_MAX));
        self.importance += importance;
        self.discrepancy += importance - f64::from(o.performance.clamp(1, DUAL_MAX));
    }

    /// Adds another group's sums (Chan's parallel form of Welford's method).
    fn merge(&mut self, other: &Sums) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let (na, nb) = (self.n as f64, other.n as f64);
        let n = na + nb;
        let delta = other.mean - self.mean;
        self.mean += delta * nb / n;
        self.m2 += other.m2 + delta * delta * na * nb / n;
        self.n += other.n;
        self.with_req += other.with_req;
        self.required += other.required;
        self.gap += other.gap;
        self.importance += other.importance;
        self.discrepancy += other.discrepancy;
    }

    fn finish(&self) -> Option<GapStats> {
        if self.n == 0 {
            return None;
        }
        let nf = self.n as f64;
        let spread = if self.n > 1 {
            (self.m2.max(0.0) / (nf - 1.0)).sqrt()
        } else {
            0.0
        };
        let m = self.with_req as f64;
        Some(GapStats {
            n: self.n,
            required: (self.with_req > 0).then(|| self.required / m),
            assessed: self.mean,
            gap: (self.with_req > 0).then(|| self.gap / m),
            importance: self.importance / nf,
            // Borich: each answer's discrepancy weighted by the item's mean importance,
            // averaged — the mean discrepancy times the mean importance.
            need: (self.discrepancy / nf) * (self.importance / nf),
            spread,
            confidence: if self.n > 1 {
                t_975((self.n - 1) as u64) * spread / nf.sqrt()
            } else {
                0.0
            },
        })
    }
}

/// Student's t distribution's 97.5th percentile for `df` degrees of freedom: the factor of a
/// two-sided 95 % confidence interval of a mean from `df + 1` answers. Small groups need it:
/// with 5 answers it is 2.776, and the normal 1.96 would make the interval 30 % too narrow.
/// Exact to three decimals from the standard tables up to 30 degrees of freedom, and from the
/// Cornish–Fisher expansion beyond (within 0.0005 of the exact value there).
pub fn t_975(df: u64) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df as usize - 1],
        _ => {
            let z: f64 = 1.959_963_984_540_054;
            let v = df as f64;
            let (z3, z5, z7) = (z.powi(3), z.powi(5), z.powi(7));
            z + (z3 + z) / (4.0 * v)
                + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v)
                + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v * v * v)
        }
    }
}

/// Computes [`GapStats`] over `obs` (`None` when empty).
pub fn stats<'a>(obs: impl IntoIterator<Item = &'a Observation>) -> Option<GapStats> {
    let mut sums = Sums::default();
    for o in obs {
        sums.add(o);
    }
    sums.finish()
}

/// FNV-1a: a fast hash for the short ids that key groups (no protection against crafted
/// collisions is needed here: the keys are the product's own ids).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        // MurmurHash3's finaliser: FNV's high bits are poorly mixed for short keys, and the
        // hash table reads them first.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// How results are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Competency × agency × position.
    Position,
    /// Competency × agency.
    Agency,
    /// Competency × country.
    Country,
    /// Competency over everything.
    Competency,
}

/// The key of a group: (competency, agency, position, country), with the parts a grouping does
/// not use left empty.
pub type GroupKey = (String, String, String, String);

/// What becomes of a group smaller than the minimum group size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    /// An anonymous campaign: figures of a group under this many answers are withheld, so no
    /// answer can be traced back to one of a handful of people.
    Withhold(usize),
    /// A named campaign (respondents already known to the analyst): every group's figures are
    /// shown, and those of a group under this many answers are marked to be read with caution
    /// (four document examiners are a real group, not a statistic).
    Caution(usize),
}

impl Disclosure {
    /// The minimum group size (at least 1).
    pub fn min_group(self) -> usize {
        match self {
            Disclosure::Withhold(n) | Disclosure::Caution(n) => n.max(1),
        }
    }

    /// Whether a group of `n` answers shows its figures.
    pub fn shows(self, n: usize) -> bool {
        matches!(self, Disclosure::Caution(_)) || n >= self.min_group()
    }
}

/// One group's result; `stats` is `None` when an anonymous campaign withholds the group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupResult {
    /// The group.
    pub key: GroupKey,
    /// Answers in the group.
    pub n: usize,
    /// The figures, unless withheld.
    pub stats: Option<GapStats>,
    /// Figures shown although the group is smaller than the minimum group size: read them
    /// with caution (named campaigns only).
    pub caution: bool,
}

/// Groups keyed by the addresses of their texts, with one member to read the texts from.
type FirstPass<'a> =
    HashMap<(usize, usize, usize), (Sums, &'a Observation), std::hash::BuildHasherDefault<Fnv>>;

/// Groups `obs` and computes each group; groups under the minimum size are withheld or marked
/// as `disclosure` says.
pub fn aggregate(
    obs: &[Observation],
    grouping: Grouping,
    disclosure: Disclosure,
) -> Vec<GroupResult> {
    // First by the addresses of the shared texts (observations of one group usually share
    // them, and comparing addresses is far cheaper than comparing texts), then the few
    // resulting groups by their texts — so texts that are equal but not shared still meet.
    let at = |s: &Arc<str>| Arc::as_ptr(s) as *const u8 as usize;
    let mut first: FirstPass = HashMap::default();
    for o in obs {
        let key = match grouping {
            Grouping::Position => (at(&o.competency), at(&o.agency), at(&o.position)),
            Grouping::Agency => (at(&o.competency), at(&o.agency), 0),
            Grouping::Country => (at(&o.competency), at(&o.country), 0),
            Grouping::Competency => (at(&o.competency), 0, 0),
        };
        first.entry(key).or_insert((Sums::default(), o)).0.add(o);
    }
    let mut groups: BTreeMap<(&str, &str, &str, &str), Sums> = BTreeMap::new();
    for (sums, o) in first.into_values() {
        let key = match grouping {
            Grouping::Position => (&*o.competency, &*o.agency, &*o.position, ""),
            Grouping::Agency => (&*o.competency, &*o.agency, "", ""),
            Grouping::Country => (&*o.competency, "", "", &*o.country),
            Grouping::Competency => (&*o.competency, "", "", ""),
        };
        groups.entry(key).or_default().merge(&sums);
    }
    groups
        .into_iter()
        .map(|((c, a, p, k), sums)| GroupResult {
            key: (c.to_owned(), a.to_owned(), p.to_owned(), k.to_owned()),
            n: sums.n,
            stats: if disclosure.shows(sums.n) {
                sums.finish()
            } else {
                None
            },
            caution: disclosure.shows(sums.n) && sums.n < disclosure.min_group(),
        })
        .collect()
}

/// Competencies ranked by need: need index, then gap, highest first. Withheld groups are left
/// out.
pub fn priorities(results: &[GroupResult]) -> Vec<&GroupResult> {
    let mut ranked: Vec<&GroupResult> = results.iter().filter(|r| r.stats.is_some()).collect();
    ranked.sort_by(|a, b| {
        let (sa, sb) = (a.stats.as_ref(), b.stats.as_ref());
        let need = |s: Option<&GapStats>| s.map_or(0.0, |s| s.need);
        let gap = |s: Option<&GapStats>| s.and_then(|s| s.gap).unwrap_or(0.0);
        need(sb)
            .total_cmp(&need(sa))
            .then(gap(sb).total_cmp(&gap(sa)))
            .then(a.key.cmp(&b.key))
    });
    ranked
}

/// One line of a training plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanItem {
    /// The course module to take (`course/module`).
    pub module: String,
    /// The competencies it addresses, in priority order.
    pub competencies: Vec<String>,
    /// Respondents who need it (see [`needs`]; their own answers only).
    pub people: usize,
    /// Order in the plan, 1 first.
    pub order: usize,
}

/// Whether one answer shows a need for training: a gap of at least one level against the
/// position's requirement or, where none is set, a task the respondent rates important (5 or
/// more) and performs at least two points below its importance.
pub fn needs(o: &Observation) -> bool {
    match o.required {
        Some(r) => f64::from(r) - level_from_performance(o.performance) >= 1.0,
        None => o.importance >= 5 && i16::from(o.importance) - i16::from(o.performance) >= 2,
    }
}

/// A training plan: for each competency whose need index reaches `threshold` (in priority
/// order), the modules that build it (`builds`), merged so each module appears once, at the
/// place of its most urgent competency, with how many respondents need it.
pub fn plan(
    obs: &[Observation],
    builds: &BTreeMap<String, Vec<String>>,
    threshold: f64,
    disclosure: Disclosure,
) -> Vec<PlanItem> {
    let by_competency = aggregate(obs, Grouping::Competency, disclosure);
    let mut items: Vec<PlanItem> = Vec::new();
    for result in priorities(&by_competency) {
        let Some(s) = &result.stats else { continue };
        if s.need < threshold {
            continue;
        }
        let competency = &result.key.0;
        for module in builds.get(competency).into_iter().flatten() {
            if let Some(item) = items.iter_mut().find(|i| &i.module == module) {
                if !item.competencies.contains(competency) {
                    item.competencies.push(competency.clone());
                }
                continue;
            }
            items.push(PlanItem {
                module: module.clone(),
                competencies: vec![competency.clone()],
                people: 0,
                order: items.len() + 1,
            });
        }
    }
    // A respondent answers each competency once, so their own answers showing a need are the
    // people who need it; a module serves the largest of its competencies' groups.
    let mut in_need: HashMap<&str, usize> = HashMap::new();
    for o in obs.iter().filter(|o| !o.about_staff && needs(o)) {
        *in_need.entry(&*o.competency).or_insert(0) += 1;
    }
    for item in &mut items {
        item.people = item
            .competencies
            .iter()
            .map(|c| in_need.get(c.as_str()).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
    }
    items
}

#[cfg(test)]
mod tests;
