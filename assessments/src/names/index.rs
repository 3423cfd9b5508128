//! An alert list indexed for screening.
//!
//! Scoring every entry of a 100,000-entry list for each traveller would take too long at a busy
//! desk. The index blocks first: each name part of each entry (aliases included, particles
//! aside) is filed under its sound key and under the first three letters of that key. A query
//! gathers the entries sharing a key with any of its parts, ranks them by how many parts they
//! share (and whether the year of birth is near), and scores only the best of them in full.

use super::score::{Explanation, Identity, compare};
use super::{Name, is_particle, phonetic};
use std::collections::HashMap;

/// How many blocked entries are scored in full for one query.
pub const MAX_SCORED: usize = 400;

/// An entry found for a query, with the explanation of its score.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The entry's position in the list the index was built from.
    pub entry: usize,
    pub explanation: Explanation,
}

/// A list of identities, indexed by the sound of their name parts.
pub struct ListIndex {
    entries: Vec<Identity>,
    postings: HashMap<String, Vec<u32>>,
}

fn keys_of(name: &Name) -> impl Iterator<Item = String> + '_ {
    let arabic = name.arabic.is_some();
    name.forms
        .iter()
        .flatten()
        .filter(|p| !is_particle(p))
        .flat_map(move |p| {
            let key = phonetic::key(p, arabic);
            let prefix: String = format!("^{}", key.chars().take(3).collect::<String>());
            [key, prefix]
        })
}

impl ListIndex {
    pub fn new(entries: Vec<Identity>) -> ListIndex {
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        for (n, entry) in entries.iter().enumerate() {
            let n = n as u32;
            for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                for key in keys_of(name) {
                    let list = postings.entry(key).or_default();
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                }
            }
        }
        ListIndex { entries, postings }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, n: usize) -> Option<&Identity> {
        self.entries.get(n)
    }

    /// The entries scoring at least `floor` against `query`, best first, at most `limit`.
    pub fn screen(&self, query: &Identity, floor: f64, limit: usize) -> Vec<Candidate> {
        // Count, per entry, how many of the query's keys it shares.
        let mut shared: HashMap<u32, u32> = HashMap::new();
        let mut seen_keys: Vec<String> = keys_of(&query.name).collect();
        seen_keys.sort_unstable();
        seen_keys.dedup();
        for key in &seen_keys {
            if let Some(list) = self.postings.get(key) {
                // A full key counts more than a prefix.
                let weight = if key.starts_with('^') { 1 } else { 2 };
                for n in list {
                    *shared.entry(*n).or_default() += weight;
                }
            }
        }
        let near_birth = |n: u32| match (&query.birth, &self.entries[n as usize].birth) {
            (Some(a), Some(b)) => a.year.abs_diff(b.year) <= 1,
            _ => false,
        };
        let mut blocked: Vec<(u32, u32)> = shared
            .into_iter()
            .map(|(n, count)| (n, count * 2 + u32::from(near_birth(n))))
            .collect();
        blocked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        blocked.truncate(MAX_SCORED);
        let mut found: Vec<Candidate> = blocked
            .into_iter()
            .map(|(n, _)| Candidate {
                entry: n as usize,
                explanation: compare(query, &self.entries[n as usize]),
            })
            .filter(|c| c.explanation.score >= floor)
            .collect();
        found.sort_by(|a, b| {
            b.explanation
                .score
                .total_cmp(&a.explanation.score)
                .then(a.entry.cmp(&b.entry))
        });
        found.truncate(limit);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::PartialDate;

    fn who(name: &str, birth: &str) -> Identity {
        Identity {
            birth: Some(PartialDate::parse(birth).unwrap()),
            ..Identity::named(Name::parse(name).unwrap())
        }
    }

    #[test]
    fn screening_finds_variants_and_skips_strangers() {
        let list = ListIndex::new(vec![
            who("MUHAMMAD ALI HASSAN", "1980-04-12"),
            who("PETROVA SOFIA", "1991-02-02"),
            who("AL-RASHID OMAR KHALID", "1975-01-30"),
        ]);
        let found = list.screen(&who("MOHAMMED ALY HASAN", "1980-04-12"), 0.5, 10);
        assert_eq!(found.first().map(|c| c.entry), Some(0));
        assert!(found.iter().all(|c| c.entry != 1));
        assert!(
            list.screen(&who("NOVAK JAN", "1960-01-01"), 0.5, 10)
                .is_empty()
        );
    }

    #[test]
    fn an_entry_is_found_by_its_alias() {
        let mut entry = who("KARIMOV TIMUR", "1970-05-05");
        entry.aliases.push(Name::parse("TEMIROV TAMERLAN").unwrap());
        let list = ListIndex::new(vec![who("NOVAK JAN", "1960-01-01"), entry]);
        let found = list.screen(&who("TAMERLAN TEMIROV", "1970-05-05"), 0.75, 5);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entry, 1);
        assert_eq!(found[0].explanation.alias, Some(0));
    }
}
