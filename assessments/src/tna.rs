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

/// A cause of a performance gap that a barrier item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// Missing or faulty equipment.
    Equipment,
    /// Unclear or missing procedures, instructions or legal basis.
    Procedures,
    /// Too few staff, or too little time.
    Staffing,
    /// Not trained enough: the one cause a course removes.
    Training,
}

impl Cause {
    /// The causes other than training, in the order ties are broken.
    pub const OTHER: [Cause; 3] = [Cause::Equipment, Cause::Procedures, Cause::Staffing];

    /// The barrier option id that names this cause.
    pub fn code(self) -> &'static str {
        match self {
            Cause::Equipment => "equipment",
            Cause::Procedures => "procedures",
            Cause::Staffing => "staffing",
            Cause::Training => "training",
        }
    }
}

/// What the respondents to one barrier item said stops them (each respondent counted once
/// per option they chose).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Barriers {
    /// Respondents who answered the item.
    pub respondents: usize,
    /// Respondents naming each cause, in [`Cause`] order.
    pub named: [usize; 4],
    /// Respondents saying nothing stops them.
    pub nothing: usize,
}

impl Barriers {
    /// Adds one respondent's choices (option ids; unknown ones are ignored, a repeated one
    /// counts once).
    pub fn add<'a>(&mut self, chosen: impl IntoIterator<Item = &'a str>) {
        let mut seen = [false; 5];
        for id in chosen {
            let slot = match id {
                "equipment" => 0,
                "procedures" => 1,
                "staffing" => 2,
                "training" => 3,
                "none" => 4,
                _ => continue,
            };
            seen[slot] = true;
        }
        self.respondents += 1;
        for (i, named) in self.named.iter_mut().enumerate() {
            *named += usize::from(seen[i]);
        }
        self.nothing += usize::from(seen[4]);
    }

    /// Respondents naming `cause`.
    pub fn count(&self, cause: Cause) -> usize {
        self.named[cause as usize]
    }

    /// The cause behind the gap when it is not mainly training: the most named of equipment,
    /// procedures and staffing, when at least half the respondents name it and more name it
    /// than name training. Training cannot close such a gap; it belongs to management.
    pub fn other_cause(&self) -> Option<Cause> {
        let top = Cause::OTHER
            .into_iter()
            .max_by_key(|c| (self.count(*c), std::cmp::Reverse(*c)))?;
        let n = self.count(top);
        (self.respondents > 0 && 2 * n >= self.respondents && n > self.count(Cause::Training))
            .then_some(top)
    }
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn obs(
        competency: &str,
        agency: &str,
        importance: u8,
        performance: u8,
        required: Option<u8>,
    ) -> Observation {
        Observation {
            agency: agency.into(),
            position: "officer".into(),
            country: "UTO".into(),
            competency: competency.into(),
            importance,
            performance,
            required,
            about_staff: false,
        }
    }

    #[test]
    fn the_scales_convert_and_the_measures_are_what_the_method_says() {
        assert_eq!(level_from_performance(1), 1.0);
        assert_eq!(level_from_performance(7), 5.0);
        assert_eq!(level_from_performance(4), 3.0);
        let s = stats(&[
            obs("doc", "bp", 7, 1, Some(4)),
            obs("doc", "bp", 7, 7, Some(4)),
        ])
        .unwrap();
        assert_eq!(s.assessed, 3.0);
        assert_eq!(s.gap, Some(1.0));
        // Discrepancies 6 and 0 (mean 3) times the mean importance 7.
        assert_eq!(s.need, 21.0);
        // Two answers, levels 1 and 5: sd 2√2, t(1) = 12.706.
        assert!((s.confidence - 12.706 * 8f64.sqrt() / 2f64.sqrt()).abs() < 1e-9);
        assert_eq!(stats(std::iter::empty::<&Observation>()), None);
    }

    #[test]
    fn the_t_factor_meets_the_tables() {
        for (df, t) in [
            (1, 12.706),
            (4, 2.776),
            (30, 2.042),
            (40, 2.021),
            (60, 2.000),
            (120, 1.980),
        ] {
            assert!((t_975(df) - t).abs() < 0.0006, "{df}: {}", t_975(df));
        }
        assert!((t_975(1_000_000) - 1.96).abs() < 0.001);
        // Five answers: the interval is 1.416 times the normal approximation's.
        assert!((t_975(4) / 1.96 - 1.416).abs() < 0.001);
        // docs/tna-method.md's worked example: importance 7, 6, 7, 6 and 7, performance 3, 4,
        // 4, 5 and 4.
        let five: Vec<Observation> = [(7, 3), (6, 4), (7, 4), (6, 5), (7, 4)]
            .into_iter()
            .map(|(i, p)| obs("doc", "bp", i, p, Some(4)))
            .collect();
        let s = stats(&five).unwrap();
        assert!((s.importance - 6.6).abs() < 1e-9);
        assert!((s.need - 2.6 * 6.6).abs() < 1e-9, "{}", s.need);
        assert_eq!((s.need * 100.0).round(), 1716.0);
        assert!(s.need >= PRIORITY_THRESHOLD);
        assert_eq!(
            five.iter().map(needs).collect::<Vec<_>>(),
            [true, true, true, false, true]
        );
        assert!((s.assessed - 3.0).abs() < 1e-9);
        assert_eq!((s.spread * 100.0).round(), 47.0);
        assert_eq!((s.confidence * 100.0).round(), 59.0);
        assert_eq!((1.96 * s.spread / 5f64.sqrt() * 100.0).round(), 41.0);
    }

    #[test]
    fn the_need_index_is_borichs_mean_weighted_discrepancy() {
        // Importance 6 with performance 5: a discrepancy of one point, not a priority.
        let fair = stats(&[obs("doc", "bp", 6, 5, None)]).unwrap();
        assert_eq!(fair.need, 6.0);
        assert!(fair.need < PRIORITY_THRESHOLD);
        // An essential task done fairly well outranks an unimportant one not done at all
        // (importance × (7 − performance) ranked them the other way round).
        let essential = stats(&[obs("doc", "bp", 7, 5, None)]).unwrap();
        let minor = stats(&[obs("doc", "bp", 3, 1, None)]).unwrap();
        assert_eq!((essential.need, minor.need), (14.0, 6.0));
        // Each answer's discrepancy is weighted by the item's mean importance, not its own.
        let two = stats(&[obs("doc", "bp", 7, 3, None), obs("doc", "bp", 3, 3, None)]).unwrap();
        assert_eq!(two.need, 2.0 * 5.0);
        // Performing better than the task matters gives a negative index.
        assert_eq!(stats(&[obs("doc", "bp", 2, 6, None)]).unwrap().need, -8.0);
        // The extremes.
        assert_eq!(
            stats(&[obs("doc", "bp", 7, 1, None)]).unwrap().need,
            NEED_MAX
        );
        assert_eq!(stats(&[obs("doc", "bp", 1, 7, None)]).unwrap().need, -6.0);
    }

    #[test]
    fn a_person_needs_training_for_a_gap_of_a_level_or_two_points_on_an_important_task() {
        assert!(needs(&obs("doc", "bp", 7, 4, Some(4))));
        assert!(!needs(&obs("doc", "bp", 7, 5, Some(4))));
        assert!(needs(&obs("doc", "bp", 6, 4, None)));
        assert!(!needs(&obs("doc", "bp", 6, 5, None)), "one point");
        assert!(!needs(&obs("doc", "bp", 4, 1, None)), "not important");
    }

    #[test]
    fn small_groups_are_withheld_and_priorities_rank_by_need() {
        let mut all = Vec::new();
        for _ in 0..6 {
            all.push(obs("doc", "bp", 7, 2, Some(4)));
            all.push(obs("int", "bp", 3, 6, Some(3)));
        }
        all.push(obs("doc", "customs", 7, 1, Some(4)));
        let by_agency = aggregate(&all, Grouping::Agency, Disclosure::Withhold(5));
        let customs = by_agency.iter().find(|r| r.key.1 == "customs").unwrap();
        assert_eq!((customs.n, customs.stats.is_none()), (1, true), "withheld");
        // A named campaign shows it, marked for caution; a large enough group is not marked.
        let named = aggregate(&all, Grouping::Agency, Disclosure::Caution(5));
        let customs = named.iter().find(|r| r.key.1 == "customs").unwrap();
        assert_eq!(
            (customs.caution, customs.stats.as_ref().unwrap().n),
            (true, 1)
        );
        assert!(named.iter().filter(|r| r.key.1 == "bp").all(|r| !r.caution));
        let by_competency = aggregate(&all, Grouping::Competency, Disclosure::Withhold(5));
        let ranked = priorities(&by_competency);
        assert_eq!(ranked[0].key.0, "doc");
    }

    #[test]
    fn the_plan_takes_each_module_once_in_priority_order() {
        let mut all = Vec::new();
        for _ in 0..5 {
            all.push(obs("doc", "bp", 7, 2, Some(4)));
            all.push(obs("mrz", "bp", 6, 3, Some(4)));
            all.push(obs("int", "bp", 2, 7, Some(2)));
        }
        let builds: BTreeMap<String, Vec<String>> = [
            (
                "doc".to_owned(),
                vec!["de/security-features".to_owned(), "de/mrz".to_owned()],
            ),
            ("mrz".to_owned(), vec!["de/mrz".to_owned()]),
            ("int".to_owned(), vec!["ts/interviews".to_owned()]),
        ]
        .into_iter()
        .collect();
        let plan = plan(&all, &builds, PRIORITY_THRESHOLD, Disclosure::Withhold(5));
        let modules: Vec<&str> = plan.iter().map(|p| p.module.as_str()).collect();
        assert_eq!(
            modules,
            ["de/security-features", "de/mrz"],
            "no need for interviewing"
        );
        assert_eq!(plan[1].competencies, ["doc", "mrz"]);
        assert_eq!(plan[0].people, 5);
        // Supervisors' answers about the staff weigh in the need, but are not more people.
        all.extend((0..3).map(|_| Observation {
            about_staff: true,
            ..obs("doc", "bp", 7, 1, Some(4))
        }));
        let with_supervisors =
            super::plan(&all, &builds, PRIORITY_THRESHOLD, Disclosure::Withhold(5));
        assert_eq!(with_supervisors[0].people, 5);
    }

    #[test]
    fn officers_and_supervisors_views_are_compared_and_a_divergence_is_a_finding() {
        // Officers rate their document checks 6 (level 4.33), their supervisors 4 (level 3);
        // both agree on interviewing; nobody supervises the languages.
        let officers: Vec<Observation> = (0..5)
            .flat_map(|_| {
                [
                    obs("doc", "bp", 7, 6, Some(4)),
                    obs("int", "bp", 6, 4, Some(3)),
                    obs("lang", "bp", 5, 3, None),
                ]
            })
            .collect();
        let supervisors: Vec<Observation> = (0..3)
            .flat_map(|_| {
                [
                    obs("doc", "bp", 7, 4, Some(4)),
                    obs("int", "bp", 6, 4, Some(3)),
                ]
            })
            .collect();
        let views = compare_views(
            &officers,
            &supervisors,
            Grouping::Competency,
            Disclosure::Caution(5),
        );
        let ids: Vec<&str> = views.iter().map(|v| v.key.0.as_str()).collect();
        assert_eq!(ids, ["doc", "int", "lang"]);
        let doc = &views[0];
        assert!((doc.difference.unwrap() + 4.0 / 3.0).abs() < 1e-9);
        assert_eq!(doc.divergence, Some(Divergence::SupervisorsLower));
        assert!(
            doc.supervisors.as_ref().unwrap().caution,
            "three supervisors"
        );
        assert_eq!(views[1].divergence, Some(Divergence::Agree));
        assert_eq!((views[2].difference, views[2].divergence), (None, None));
        // Anonymous: three supervisors are withheld, so there is nothing to compare.
        let views = compare_views(
            &officers,
            &supervisors,
            Grouping::Competency,
            Disclosure::Withhold(5),
        );
        assert_eq!(views[0].supervisors.as_ref().unwrap().stats, None);
        assert_eq!(views[0].difference, None);
        // Higher.
        let generous = [obs("doc", "bp", 7, 7, Some(4))];
        let views = compare_views(
            &officers,
            &generous,
            Grouping::Competency,
            Disclosure::Caution(1),
        );
        assert_eq!(views[0].divergence, Some(Divergence::SupervisorsHigher));
        // Two agencies that disagree in opposite directions look in agreement pooled.
        let (mut own, mut sup) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            own.extend([obs("doc", "bp", 7, 5, None), obs("doc", "is", 7, 3, None)]);
            sup.extend([obs("doc", "bp", 7, 3, None), obs("doc", "is", 7, 5, None)]);
        }
        let pooled = compare_views(&own, &sup, Grouping::Competency, Disclosure::Withhold(5));
        assert_eq!(pooled[0].divergence, Some(Divergence::Agree));
        let split = compare_views(&own, &sup, Grouping::Agency, Disclosure::Withhold(5));
        let found: Vec<_> = split
            .iter()
            .map(|v| (v.key.1.as_str(), v.divergence))
            .collect();
        assert_eq!(
            found,
            [
                ("bp", Some(Divergence::SupervisorsLower)),
                ("is", Some(Divergence::SupervisorsHigher))
            ]
        );
    }

    #[test]
    fn a_gap_mainly_from_equipment_procedures_or_staffing_is_not_a_training_need() {
        let mut b = Barriers::default();
        for chosen in [
            &["equipment", "training"][..],
            &["equipment"],
            &["equipment", "staffing"],
            &["training"],
            &["none"],
            &["equipment", "equipment", "bogus"],
        ] {
            b.add(chosen.iter().copied());
        }
        assert_eq!(b.respondents, 6);
        assert_eq!(
            (b.count(Cause::Equipment), b.count(Cause::Training)),
            (4, 2)
        );
        assert_eq!(b.nothing, 1);
        assert_eq!(b.other_cause(), Some(Cause::Equipment));
        // Training named as often: a training need after all.
        let mut even = Barriers::default();
        even.add(["procedures", "training"]);
        even.add(["procedures", "training"]);
        assert_eq!(even.other_cause(), None);
        // Named by fewer than half: no finding.
        let mut few = Barriers::default();
        few.add(["staffing"]);
        few.add(["none"]);
        few.add(["none"]);
        assert_eq!(few.other_cause(), None);
        // A tie between other causes goes to the first in order.
        let mut tie = Barriers::default();
        tie.add(["staffing", "procedures"]);
        assert_eq!(tie.other_cause(), Some(Cause::Procedures));
        assert_eq!(Barriers::default().other_cause(), None);
    }

    fn arb_obs() -> impl Strategy<Value = Observation> {
        (
            0usize..3,
            0usize..2,
            1u8..=7,
            1u8..=7,
            proptest::option::of(1u8..=5),
        )
            .prop_map(|(c, a, i, p, r)| {
                obs(["doc", "int", "risk"][c], ["bp", "customs"][a], i, p, r)
            })
    }

    proptest! {
        #[test]
        fn measures_stay_on_their_scales(all in proptest::collection::vec(arb_obs(), 1..60)) {
            let s = stats(&all).unwrap();
            prop_assert!((1.0..=5.0).contains(&s.assessed));
            prop_assert!((-NEED_MAX..=NEED_MAX).contains(&s.need));
            prop_assert!((1.0..=7.0).contains(&s.importance));
            if let Some(g) = s.gap { prop_assert!((-4.0..=4.0).contains(&g)); }
            prop_assert!(s.spread >= 0.0 && s.confidence >= 0.0);
        }

        /// The t factor falls as the group grows, never below the normal 1.96, and meets the
        /// tables' values beyond 30 degrees of freedom (40: 2.021, 60: 2.000, 120: 1.980).
        #[test]
        fn the_t_factor_shrinks_towards_the_normal(df in 1u64..100_000) {
            prop_assert!(t_975(df) > t_975(df + 1));
            prop_assert!(t_975(df) > 1.959_96);
        }

        #[test]
        fn running_sums_agree_with_the_definitions(all in proptest::collection::vec(arb_obs(), 1..60)) {
            let s = stats(&all).unwrap();
            let levels: Vec<f64> = all.iter().map(|o| level_from_performance(o.performance)).collect();
            let n = levels.len() as f64;
            let mean = levels.iter().sum::<f64>() / n;
            let sd = if levels.len() > 1 {
                (levels.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
            } else {
                0.0
            };
            prop_assert!((s.assessed - mean).abs() < 1e-9);
            prop_assert!((s.spread - sd).abs() < 1e-9);
            // Borich: Σ (importance − performance) × mean importance / n.
            let mean_importance = all.iter().map(|o| f64::from(o.importance)).sum::<f64>() / n;
            let need = all
                .iter()
                .map(|o| (f64::from(o.importance) - f64::from(o.performance)) * mean_importance)
                .sum::<f64>() / n;
            prop_assert!((s.need - need).abs() < 1e-9);
        }

        #[test]
        fn grouping_shared_or_separate_texts_gives_each_groups_own_figures(all in proptest::collection::vec(arb_obs(), 1..60)) {
            // Observations built apart hold separate copies of equal texts; ones read from
            // the database share them. Both must give the figures of the group's members.
            let shared: Vec<Observation> = {
                let mut pool: Vec<Arc<str>> = Vec::new();
                let mut share = |s: &Arc<str>| -> Arc<str> {
                    if let Some(p) = pool.iter().find(|p| **p == *s) { return p.clone(); }
                    pool.push(s.clone());
                    s.clone()
                };
                all.iter().map(|o| Observation {
                    competency: share(&o.competency),
                    agency: share(&o.agency),
                    position: share(&o.position),
                    country: share(&o.country),
                    ..o.clone()
                }).collect()
            };
            for data in [&all, &shared] {
                for g in aggregate(data, Grouping::Agency, Disclosure::Withhold(1)) {
                    let members = data.iter().filter(|o| *o.competency == *g.key.0 && *o.agency == *g.key.1);
                    let direct = stats(members).unwrap();
                    let s = g.stats.unwrap();
                    prop_assert_eq!(s.n, direct.n);
                    prop_assert!((s.assessed - direct.assessed).abs() < 1e-9);
                    prop_assert!((s.spread - direct.spread).abs() < 1e-9);
                    prop_assert!((s.need - direct.need).abs() < 1e-9);
                }
            }
        }

        #[test]
        fn groups_partition_the_answers(all in proptest::collection::vec(arb_obs(), 0..60), min in 1usize..8) {
            for grouping in [Grouping::Position, Grouping::Agency, Grouping::Country, Grouping::Competency] {
                let groups = aggregate(&all, grouping, Disclosure::Withhold(min));
                prop_assert_eq!(groups.iter().map(|g| g.n).sum::<usize>(), all.len());
                for g in &groups {
                    prop_assert_eq!(g.stats.is_some(), g.n >= min);
                    prop_assert!(!g.caution);
                }
                // Named: every group shows, the small ones marked; the figures are the same.
                let named = aggregate(&all, grouping, Disclosure::Caution(min));
                prop_assert_eq!(named.len(), groups.len());
                for (g, a) in named.iter().zip(&groups) {
                    prop_assert!(g.stats.is_some());
                    prop_assert_eq!(g.caution, g.n < min);
                    if let Some(s) = &a.stats {
                        prop_assert_eq!(Some(s), g.stats.as_ref());
                    }
                }
            }
        }

        #[test]
        fn answer_order_never_changes_a_result(mut all in proptest::collection::vec(arb_obs(), 1..40)) {
            let a = aggregate(&all, Grouping::Agency, Disclosure::Withhold(1));
            all.reverse();
            let b = aggregate(&all, Grouping::Agency, Disclosure::Withhold(1));
            prop_assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                let (sx, sy) = (x.stats.as_ref().unwrap(), y.stats.as_ref().unwrap());
                prop_assert!((sx.need - sy.need).abs() < 1e-9 && (sx.assessed - sy.assessed).abs() < 1e-9);
            }
        }

        #[test]
        fn swapping_the_views_negates_the_difference(
            a in proptest::collection::vec(arb_obs(), 0..30),
            b in proptest::collection::vec(arb_obs(), 0..30),
        ) {
            let ab = compare_views(&a, &b, Grouping::Agency, Disclosure::Caution(1));
            let ba = compare_views(&b, &a, Grouping::Agency, Disclosure::Caution(1));
            prop_assert_eq!(ab.len(), ba.len());
            for (x, y) in ab.iter().zip(&ba) {
                prop_assert_eq!(&x.key, &y.key);
                match (x.difference, y.difference) {
                    (Some(dx), Some(dy)) => prop_assert!((dx + dy).abs() < 1e-9),
                    (None, None) => {}
                    _ => prop_assert!(false, "one-sided difference"),
                }
                prop_assert_eq!(x.divergence == Some(Divergence::Agree), y.divergence == Some(Divergence::Agree));
            }
        }

        #[test]
        fn naming_training_never_makes_another_cause(
            answers in proptest::collection::vec(proptest::collection::vec(0usize..6, 0..5), 1..20),
        ) {
            const IDS: [&str; 6] = ["equipment", "procedures", "staffing", "training", "none", "x"];
            let mut b = Barriers::default();
            for a in &answers {
                b.add(a.iter().map(|i| IDS[*i]));
            }
            prop_assert!(b.named.iter().all(|n| *n <= b.respondents));
            // Everyone also naming training: never another cause.
            let mut all_training = Barriers::default();
            for a in &answers {
                all_training.add(a.iter().map(|i| IDS[*i]).chain(["training"]));
            }
            prop_assert_eq!(all_training.other_cause(), None);
            if let Some(c) = b.other_cause() {
                prop_assert!(c != Cause::Training && 2 * b.count(c) >= b.respondents);
            }
        }

        #[test]
        fn better_performance_never_raises_the_need(i in 1u8..=7, p in 1u8..7) {
            let worse = stats(&[obs("doc", "bp", i, p, Some(3))]).unwrap();
            let better = stats(&[obs("doc", "bp", i, p + 1, Some(3))]).unwrap();
            prop_assert!(better.need <= worse.need);
            prop_assert!(better.gap.unwrap() < worse.gap.unwrap());
        }
    }
}
