//! Capacity assessments: the list, one assessment, the scoring of one element.

pub mod element;
pub mod list;
pub mod overview;
pub mod report;

use crate::i18n::{Msg, t};
use crate::model::{AssessmentStatus, MemberRole, RedFlag, ScoreView};
use leptos::prelude::*;

/// The label of an assessment status.
pub fn status_label(status: AssessmentStatus) -> &'static str {
    t(match status {
        AssessmentStatus::Draft => Msg::StatusDraft,
        AssessmentStatus::InReview => Msg::StatusInReview,
        AssessmentStatus::Final => Msg::StatusFinal,
    })
}

/// The label of a team role.
pub fn team_role_label(role: MemberRole) -> &'static str {
    t(match role {
        MemberRole::Lead => Msg::RoleLead,
        MemberRole::Assessor => Msg::RoleAssessorMember,
        MemberRole::Counterpart => Msg::RoleCounterpart,
    })
}

/// The red flags of an assessment (nothing when there are none): critical indicators judged
/// absent or initial, each linked to where it is scored. `lang` is the framework text's.
#[component]
pub fn RedFlagList(flags: Vec<RedFlag>, assessment: i64, lang: String) -> impl IntoView {
    (!flags.is_empty()).then(|| {
        view! {
            <section class="panel red-flags" id="red-flags">
                <h2>{format!("{} ({})", t(Msg::RedFlags), flags.len())}</h2>
                <p class="hint">{t(Msg::RedFlagsHint)}</p>
                <table class="data" tabindex="0">
                    <thead><tr>
                        <th scope="col">{t(Msg::Element)}</th>
                        <th scope="col">{t(Msg::Indicator)}</th>
                        <th scope="col">{t(Msg::Level)}</th>
                    </tr></thead>
                    <tbody>
                        {flags.into_iter().map(|r| view! {
                            <tr>
                                <td lang=lang.clone()>{r.element}</td>
                                <td lang=lang.clone()><a href=format!("/assessments/{assessment}/elements/{}#{}", r.element_id, r.indicator_id)>{r.indicator}</a></td>
                                <td>{format!("{} — {}", r.level, r.level_name)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
    })
}

/// The score bands and their thresholds, printed under every table of scores.
#[component]
pub fn RatingLegend() -> impl IntoView {
    let legend = crate::i18n::tr(
        Msg::RatingLegend,
        &[
            ("amber", assessments::capacity::AMBER_FROM.into()),
            ("green", assessments::capacity::GREEN_FROM.into()),
        ],
    );
    view! { <p class="hint rating-legend">{legend}</p> }
}

/// A score with its traffic light and band (the band in words, so that colour is never the
/// only sign) and how many indicators are behind it.
#[component]
pub fn ScoreCell(score: ScoreView) -> impl IntoView {
    let class = format!("light light-{}", score.light.clone().unwrap_or_default());
    view! {
        <span class="score">
            {match score.score {
                Some(s) => {
                    let band = match score.light.as_deref() {
                        _ if score.red_flags > 0 => Msg::BandRedFlag,
                        Some("red") => Msg::BandRed,
                        Some("amber") => Msg::BandAmber,
                        _ => Msg::BandGreen,
                    };
                    view! { <span class=class>{crate::i18n::decimal(s, 2)}</span> " " <span class="band">{t(band)}</span> }.into_any()
                }
                None => view! { <span class="hint">{t(Msg::NotScored)}</span> }.into_any(),
            }}
            " "
            <span class="hint">
                {crate::i18n::tr(Msg::IndicatorsScored, &[("n", (score.scored as i64).into())])}
                {(score.not_applicable > 0).then(|| format!(" · {}", crate::i18n::tr(Msg::NotApplicableCount, &[("n", (score.not_applicable as i64).into())])))}
                {(score.unscored > 0).then(|| format!(" · {}", crate::i18n::tr(Msg::ToScoreCount, &[("n", (score.unscored as i64).into())])))}
            </span>
        </span>
    }
}
