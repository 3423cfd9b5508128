//! Screening travellers against a 100,000-person watch list, on one core: the index is built
//! once, then each traveller is screened (blocking by sound key, then full scoring of the best
//! candidates). Half the travellers are listed persons under another spelling, half are not
//! listed. Prints the build time and the per-traveller median, 99th percentile and maximum; run
//! with `cargo bench -p content --bench screening`.

use assessments::names::score::{HIT_THRESHOLD, Sex};
use assessments::names::{Identity, ListIndex, Name, PartialDate};
use content::desk::alerts::{watch_entry, watch_list};
use content::specimens::Rng;
use std::time::Instant;

fn main() {
    const ENTRIES: usize = 100_000;
    const TRAVELLERS: usize = 1_000;
    let list = watch_list(2026, ENTRIES);
    let started = Instant::now();
    let index = ListIndex::new(list.iter().map(|e| e.identity()).collect());
    let build = started.elapsed();

    let mut rng = Rng::new(9);
    let travellers: Vec<Identity> = (0..TRAVELLERS)
        .map(|n| {
            if n % 2 == 0 {
                // A listed person, spelled as the list did not.
                let entry = &list[rng.below(ENTRIES as u64) as usize];
                let name = format!("{} {}", entry.surname, entry.given_names);
                Identity {
                    birth: PartialDate::parse(&entry.birth).ok(),
                    nationality: Some(entry.nationality.clone()),
                    sex: Sex::parse(&entry.sex),
                    ..Identity::named(Name::parse(&name).expect("a listed name"))
                }
            } else {
                let (stranger, _) = watch_entry(&mut rng, n);
                stranger.identity()
            }
        })
        .collect();

    let mut times = Vec::with_capacity(TRAVELLERS);
    let mut hits = 0;
    for traveller in &travellers {
        let started = Instant::now();
        let found = index.screen(traveller, HIT_THRESHOLD, 10);
        times.push(started.elapsed());
        hits += usize::from(!found.is_empty());
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "{ENTRIES} entries indexed in {:.0} ms; {TRAVELLERS} travellers screened: median {:.2} ms, p99 {:.2} ms, max {:.2} ms; {hits} with a hit",
        build.as_secs_f64() * 1e3,
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
    );
}
