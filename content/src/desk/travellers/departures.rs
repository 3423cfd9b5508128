//! Departing travellers: the visit a foreigner is ending and the documents they entered with.

use super::Visa;
use super::iso;
use crate::specimens::{Holder, Rng};
use assessments::desk::stay::{Rule, Stay};
use time::{Date, Duration};

/// A departing foreigner's record, made to end the visit they are leaving: the visit began
/// on the day returned (earlier stays that no longer fit are dropped from `history`), the
/// visa they entered on is still valid today unless they overstayed, the passport was issued
/// before the visa and the visit, and `intended_days` becomes the days they stayed.
#[allow(clippy::too_many_arguments)]
pub(super) fn end_visit(
    exits: &mut Rng,
    history: &mut Vec<Stay>,
    visa: &mut Option<Visa>,
    holder: &mut Holder,
    intended_days: &mut u32,
    today: Date,
    rule: Rule,
    overstayed: bool,
) -> Date {
    let (earlier, since) = current_stay(
        exits,
        std::mem::take(history),
        today,
        rule,
        overstayed,
        *intended_days,
    );
    *history = earlier;
    *intended_days = (today - since).whole_days() as u32 + 1;
    let back = Duration::days(i64::from(*intended_days) - 1);
    if let Some(v) = visa {
        // The visa they entered on, still valid today unless they overstayed.
        v.valid_from -= back;
        v.valid_until -= back;
        if !overstayed {
            v.valid_until = v.valid_until.max(today + Duration::days(30));
        }
    }
    // The passport they entered with was issued before the visa and the visit.
    let issued = Date::parse(
        &holder.issue,
        &time::format_description::well_known::Iso8601::DATE,
    )
    .unwrap_or(today);
    let latest = since - Duration::days(70);
    if issued > latest {
        let earlier = issued - latest;
        holder.issue = iso(latest);
        let expiry = Date::parse(
            &holder.expiry,
            &time::format_description::well_known::Iso8601::DATE,
        )
        .unwrap_or(today);
        holder.expiry = iso((expiry - earlier).max(today + Duration::days(200)));
    }
    since
}

/// The visit a departing foreigner is ending today, and the earlier stays that remain before
/// it. An overstayer's visit alone runs past the rule's maximum; anyone else's keeps within
/// the rule with their earlier stays (the visit shortens until it does, and when even a day
/// would not, the earlier stays in the window are dropped).
fn current_stay(
    rng: &mut Rng,
    mut earlier: Vec<Stay>,
    today: Date,
    rule: Rule,
    overstayed: bool,
    days: u32,
) -> (Vec<Stay>, Date) {
    let max = rule.max_days;
    let length = if overstayed {
        max + 3 + rng.below(40) as u32
    } else {
        days.clamp(1, max)
    };
    let mut entered = today - Duration::days(i64::from(length) - 1);
    earlier.retain(|s| s.exit + Duration::days(1) < entered);
    if overstayed {
        return (earlier, entered);
    }
    loop {
        let fits = assessments::desk::stay::check(&earlier, entered, rule)
            .is_ok_and(|c| c.latest_exit.is_some_and(|last| last >= today));
        if fits {
            break;
        }
        if entered < today {
            entered += Duration::days(1);
        } else {
            earlier.clear();
            break;
        }
    }
    (earlier, entered)
}
