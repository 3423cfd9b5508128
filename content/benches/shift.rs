//! Generating a 200-traveller shift for the border desk on one core: the scenario (travellers,
//! cases, the watch list with its planted entries, the key's namesakes from screening every
//! traveller), then every traveller's document under three lights and the bearer's photo. Run
//! with `cargo bench -p content --bench shift`.

use assessments::desk::shift::CaseKind;
use assessments::desk::stay::Rule;
use content::desk::travellers::{Spec, scenario};
use content::specimens::bearer_photo;
use std::time::Instant;

fn main() {
    for list_size in [5_000, 100_000] {
        let spec = Spec {
            seed: 7,
            travellers: 200,
            today: time::macros::date!(2026 - 12 - 06),
            rule: Rule::NINETY_IN_ONE_EIGHTY,
            rates: CaseKind::ALL[1..].iter().map(|k| (*k, 0.005)).collect(),
            fixed: Vec::new(),
            list_size,
            exit_share: 0.3,
        };
        let started = Instant::now();
        let shift = scenario(&spec).expect("a valid spec");
        let generated = started.elapsed();
        let started = Instant::now();
        let mut pixels = 0usize;
        for t in &shift.travellers {
            let s = t.specimen(spec.seed);
            let photo = bearer_photo(&t.bearer, spec.seed ^ u64::from(t.index));
            pixels += s.visible.len() + s.uv.len() + s.ir.len() + photo.len();
        }
        let drawn = started.elapsed();
        println!(
            "200 travellers, list of {list_size}: scenario {:.0} ms, documents and photos drawn {:.0} ms ({} MB of pixels), total {:.2} s",
            generated.as_secs_f64() * 1e3,
            drawn.as_secs_f64() * 1e3,
            pixels / 1_000_000,
            (generated + drawn).as_secs_f64()
        );
    }
}
