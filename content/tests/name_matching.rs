//! The name engine against a labelled test set: pairs of identities known to be the same person
//! or different people, built from the standard's own example and generated variants of
//! fictional people — other transcriptions, the ICAO transliteration against a common spelling,
//! the name in its own script, typos, reordered and missing parts, initials, articles, aliases
//! and the usual date-of-birth errors; and, as non-matches, people who share a common given
//! name, a family name, a whole name with another birth, or a twin's birthday.
//!
//! Precision and recall at the hit threshold are printed (run with `--nocapture`) and recorded
//! in `docs/benchmarks.md`; the test fails if either falls below 0.99.

use assessments::names::score::{HIT_THRESHOLD, Sex};
use assessments::names::{Identity, ListIndex, Name, PartialDate, compare, transliterate};
use content::desk::STATES;
use content::desk::alerts::watch_list;
use content::desk::names::{PersonName, Tradition, person};
use content::specimens::Rng;
use std::collections::BTreeMap;

#[derive(Clone)]
struct Someone {
    name: PersonName,
    birth: (u16, u8, u8),
    nationality: &'static str,
    female: bool,
}

fn someone(rng: &mut Rng) -> Someone {
    let state = rng.pick(&STATES);
    let female = rng.below(2) == 0;
    Someone {
        name: person(rng, state.names, female),
        birth: (
            1950 + rng.below(55) as u16,
            1 + rng.below(12) as u8,
            1 + rng.below(28) as u8,
        ),
        nationality: state.code,
        female,
    }
}

fn identity(who: &Someone, name: &str, birth: Option<PartialDate>) -> Identity {
    Identity {
        birth,
        nationality: Some(who.nationality.to_string()),
        sex: Some(if who.female { Sex::Female } else { Sex::Male }),
        ..Identity::named(Name::parse(name).unwrap_or_else(|e| panic!("{name}: {e}")))
    }
}

fn full(birth: (u16, u8, u8)) -> Option<PartialDate> {
    Some(PartialDate::new(birth.0, Some(birth.1), Some(birth.2)).unwrap())
}

/// One edit in the longest name part: a letter replaced, dropped or swapped with the next.
fn typo(name: &str, rng: &mut Rng) -> String {
    let mut parts: Vec<String> = name.split(' ').map(String::from).collect();
    let longest = (0..parts.len()).max_by_key(|i| parts[*i].len()).unwrap();
    let mut letters: Vec<u8> = parts[longest].bytes().collect();
    let at = 1 + rng.below(letters.len() as u64 - 2) as usize;
    match rng.below(3) {
        0 => letters[at] = b"AEIRNSTLO"[rng.below(9) as usize],
        1 => {
            letters.remove(at);
        }
        _ => letters.swap(at, at + 1),
    }
    parts[longest] = String::from_utf8(letters).unwrap();
    parts.join(" ")
}

struct Case {
    kind: &'static str,
    same: bool,
    query: Identity,
    listed: Identity,
}

fn cases(seed: u64, people: usize) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut push = |kind, same, query, listed| {
        out.push(Case {
            kind,
            same,
            query,
            listed,
        })
    };
    // The specimen of Doc 9303 itself.
    let anna = Someone {
        name: person(&mut Rng::new(0), Tradition::Latin, true),
        birth: (1974, 8, 12),
        nationality: "UTO",
        female: true,
    };
    push(
        "standard example",
        true,
        identity(&anna, "ERIKSSON<<ANNA<MARIA", full(anna.birth)),
        identity(&anna, "Anna María Eriksson", full(anna.birth)),
    );
    for _ in 0..people {
        let who = someone(&mut rng);
        let common = who.name.common();
        let birth = full(who.birth);
        let listed = identity(&who, &common, birth);
        let other_spelling = who
            .name
            .spelled(|i, n| if n > 1 { 1 + i % (n - 1) } else { 0 });

        push(
            "other transcription",
            true,
            identity(&who, &other_spelling, birth),
            listed.clone(),
        );
        let icao = transliterate(&who.name.native()).unwrap().forms[0].join(" ");
        push(
            "ICAO transliteration",
            true,
            identity(&who, &icao, birth),
            listed.clone(),
        );
        push(
            "own script on the list",
            true,
            identity(&who, &common, birth),
            identity(&who, &who.name.native(), birth),
        );
        push(
            "typo",
            true,
            identity(&who, &typo(&common, &mut rng), birth),
            listed.clone(),
        );
        let (given, family) = who.name.given_and_family(|_, _| 0);
        push(
            "family name first",
            true,
            identity(
                &who,
                &format!("{family}<<{}", given.replace(' ', "<")),
                birth,
            ),
            listed.clone(),
        );
        if who.name.given.len() > 1 {
            let first = &who.name.given[0].spellings[0];
            let second = &who.name.given[1].spellings[0];
            push(
                "part missing",
                true,
                identity(&who, &format!("{first} {family}"), birth),
                listed.clone(),
            );
            push(
                "initial",
                true,
                identity(&who, &format!("{first} {} {family}", &second[..1]), birth),
                listed.clone(),
            );
        }
        if let Some(bare) = family.strip_prefix("AL ").or(family.strip_prefix("EL ")) {
            push(
                "article dropped",
                true,
                identity(&who, &format!("{given} {bare}"), birth),
                listed.clone(),
            );
        }
        let (y, m, d) = who.birth;
        if d <= 12 && d != m {
            push(
                "day and month swapped",
                true,
                identity(&who, &common, full((y, d, m))),
                listed.clone(),
            );
        }
        push(
            "year of birth off by one",
            true,
            identity(&who, &common, full((y + 1, m, d))),
            listed.clone(),
        );
        push(
            "year of birth only on the list",
            true,
            identity(&who, &common, birth),
            identity(
                &who,
                &common,
                Some(PartialDate::new(y, None, None).unwrap()),
            ),
        );
        let mut aliased = identity(&who, &someone(&mut rng).name.common(), birth);
        aliased.aliases.push(Name::parse(&other_spelling).unwrap());
        push("alias", true, identity(&who, &common, birth), aliased);

        // Different people.
        let mut stranger = someone(&mut rng);
        stranger.nationality = who.nationality;
        stranger.female = who.female;
        let mut namesake = stranger.clone();
        namesake.name.given = who.name.given.clone();
        if namesake.name.family != who.name.family {
            push(
                "shared given names, same birthday",
                false,
                identity(&namesake, &namesake.name.common(), birth),
                listed.clone(),
            );
        }
        let mut relative = stranger.clone();
        relative.name.family = who.name.family.clone();
        if relative
            .name
            .given
            .iter()
            .all(|g| !who.name.given.contains(g))
        {
            push(
                "same family, born the same day",
                false,
                identity(&relative, &relative.name.common(), birth),
                listed.clone(),
            );
        }
        let years = 3 + rng.below(20) as u16;
        push(
            "same name, another birth",
            false,
            identity(
                &who,
                &common,
                full((y.saturating_sub(years), 1 + (m % 12), d)),
            ),
            listed.clone(),
        );
        if stranger.name.family != who.name.family {
            push(
                "stranger",
                false,
                identity(&stranger, &stranger.name.common(), full(stranger.birth)),
                listed.clone(),
            );
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    total: usize,
    hits: usize,
}

#[test]
fn precision_and_recall_at_the_hit_threshold() {
    let cases = cases(2026, 400);
    let mut by_kind: BTreeMap<(&str, bool), Tally> = BTreeMap::new();
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for case in &cases {
        let e = compare(&case.query, &case.listed);
        let tally = by_kind.entry((case.kind, case.same)).or_default();
        tally.total += 1;
        if e.hit {
            tally.hits += 1;
        }
        match (case.same, e.hit) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                misses.push(format!(
                    "false hit ({}): {} ~ {} = {}",
                    case.kind, e.query_form, e.candidate_form, e.score
                ));
            }
            (true, false) => {
                fneg += 1;
                misses.push(format!(
                    "missed ({}): {} ~ {} = {}",
                    case.kind, e.query_form, e.candidate_form, e.score
                ));
            }
            _ => {}
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fneg) as f64;
    println!(
        "{} pairs at threshold {HIT_THRESHOLD}: precision {precision:.3}, recall {recall:.3}",
        cases.len()
    );
    println!("| Case | Same person | Pairs | Scored as hits |");
    println!("|---|---|---|---|");
    for ((kind, same), t) in &by_kind {
        println!(
            "| {kind} | {} | {} | {} |",
            if *same { "yes" } else { "no" },
            t.total,
            t.hits
        );
    }
    for m in misses.iter().take(40) {
        println!("{m}");
    }
    assert!(precision >= 0.99, "precision {precision:.3}");
    assert!(recall >= 0.99, "recall {recall:.3}");
}

#[test]
fn screening_a_list_finds_what_comparing_pairs_finds() {
    // The labelled identities hidden in a generated list of 5,000: blocking must not lose a hit.
    let cases = cases(77, 60);
    let mut entries: Vec<Identity> = watch_list(5, 5_000).iter().map(|e| e.identity()).collect();
    let first = entries.len();
    entries.extend(cases.iter().map(|c| c.listed.clone()));
    let index = ListIndex::new(entries);
    let mut lost = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let pairwise = compare(&case.query, &case.listed);
        if !pairwise.hit {
            continue;
        }
        let found = index.screen(&case.query, HIT_THRESHOLD, 20);
        if !found.iter().any(|c| c.entry == first + n) {
            lost.push(format!(
                "{}: {} ~ {}",
                case.kind, pairwise.query_form, pairwise.candidate_form
            ));
        }
    }
    assert!(lost.is_empty(), "{lost:#?}");
}
