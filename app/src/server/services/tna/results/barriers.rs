//! What stops people doing a section's tasks well: the barrier items' answers per section and
//! agency, and the answers that stay out of the training plan where another cause prevails.

use assessments::tna::{Barriers, Disclosure, Observation};
use content::tna::{Item, ItemKind, Questionnaire, Section};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

/// What the answers to one barrier item say in one agency.
pub struct BarrierGroup {
    /// The questionnaire section the item closes.
    pub section: String,
    /// Its title.
    pub title: String,
    /// The agency.
    pub agency: i64,
    /// The competencies the section's dual items measure.
    pub competencies: Vec<String>,
    /// The counts, unless withheld (an anonymous campaign's small group).
    pub counts: Option<Barriers>,
    /// Respondents who answered the item.
    pub respondents: usize,
    /// Fewer respondents than the minimum group size, shown with a caution (named campaigns).
    pub caution: bool,
}

/// The questionnaire's barrier items, each with its section and the competencies the
/// section's dual items measure (the ones it speaks for).
pub(super) fn items(q: &Questionnaire) -> Vec<(&Section, &Item, Vec<String>)> {
    q.sections
        .iter()
        .flat_map(|s| {
            s.items
                .iter()
                .filter(|i| i.kind == ItemKind::Barriers)
                .map(move |i| {
                    let measured = s
                        .items
                        .iter()
                        .filter(|d| d.kind == ItemKind::Dual)
                        .filter_map(|d| d.competency.clone())
                        .collect();
                    (s, i, measured)
                })
        })
        .collect()
}

/// The counts per (barrier item's index in `items`, agency) as groups, withheld or shown with
/// a caution as `disclosure` says.
pub(super) fn groups(
    counts: BTreeMap<(usize, i64), Barriers>,
    items: &[(&Section, &Item, Vec<String>)],
    disclosure: Disclosure,
) -> Vec<BarrierGroup> {
    let min_group = disclosure.min_group();
    counts
        .into_iter()
        .map(|((i, agency), counts)| {
            let (section, _, measured) = &items[i];
            let shown = disclosure.shows(counts.respondents);
            BarrierGroup {
                section: section.id.clone(),
                title: section.title.en.clone(),
                agency,
                competencies: measured.clone(),
                counts: shown.then_some(counts),
                respondents: counts.respondents,
                caution: shown && counts.respondents < min_group,
            }
        })
        .collect()
}

/// The observations a training plan may use: where a cause other than training prevails in an
/// agency (and the group may be shown), that agency's answers on the section's competencies
/// are a matter for management and stay out.
pub(super) fn for_training<'o>(
    obs: &'o [Observation],
    groups: &[BarrierGroup],
) -> Cow<'o, [Observation]> {
    let other_cause: HashSet<(&str, String)> = groups
        .iter()
        .filter(|b| b.counts.and_then(|c| c.other_cause()).is_some())
        .flat_map(|b| {
            b.competencies
                .iter()
                .map(move |c| (c.as_str(), b.agency.to_string()))
        })
        .collect();
    if other_cause.is_empty() {
        Cow::Borrowed(obs)
    } else {
        obs.iter()
            .filter(|o| !other_cause.contains(&(&*o.competency, o.agency.to_string())))
            .cloned()
            .collect()
    }
}
