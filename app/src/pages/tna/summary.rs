//! `/tna/campaigns/:id/summary?agency=`: a printable summary for one agency's training
//! department — its gaps per competency and position, the campaign's top needs and the
//! training plan with the agency's numbers.

use super::results::{gap_table, plan_table};
use crate::api::tna::get_tna_results;
use crate::components::charts::{ChartBox, FiguresTable};
use crate::components::feedback::Feedback;
use crate::components::forms::{ErrorView, int_param};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The printable summary.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let id = int_param("id");
    let agency =
        use_query_map().with_untracked(|q| q.get("agency").and_then(|a| a.parse::<i64>().ok()));
    let data = move || {
        Suspend::new(async move {
            let (Some(id), Some(agency)) = (id, agency) else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_tna_results(id, Some(agency), "gap".into()).await {
                Ok(r) => {
                    let Some((_, name, rows)) = r.drill.clone() else {
                        return view! { <ErrorView error=crate::error::AppError::NotFound /> }
                            .into_any();
                    };
                    let plan: Vec<_> = r
                        .plan
                        .iter()
                        .filter(|p| p.agencies.iter().any(|(a, _)| *a == name))
                        .cloned()
                        .map(|mut p| {
                            p.people = p
                                .agencies
                                .iter()
                                .find(|(a, _)| *a == name)
                                .map_or(0, |x| x.1);
                            p.agencies.retain(|(a, _)| *a == name);
                            p
                        })
                        .collect();
                    view! {
                        <PageTitle text=format!("{} — {}", name, r.campaign.title) />
                        <article class="report summary">
                            <header class="cover">
                                <p class="no-print breadcrumbs"><a href=format!("/tna/campaigns/{id}/results?agency={agency}#drill")>{t(Msg::Back)}</a></p>
                                <h1>{t(Msg::SummaryFor)} " " {name.clone()}</h1> <Feedback />
                                <p>{r.campaign.title.clone()} " · " {format!("{} – {}", show_date(&r.campaign.opens_on), show_date(&r.campaign.closes_on))}</p>
                                <p class="hint">{t(Msg::SummaryHint)}</p>
                            </header>
                            <section>
                                <h2>{t(Msg::TrainingPlan)}</h2>
                                {if plan.is_empty() { view! { <p class="empty">{t(Msg::NoPlan)}</p> }.into_any() } else { plan_table(plan).into_any() }}
                            </section>
                            <section>
                                <h2>{t(Msg::GapsInAgency)}</h2>
                                {gap_table(rows, true, "summary-gaps")}
                            </section>
                            <section>
                                <h2>{t(Msg::TopNeeds)}</h2>
                                <ChartBox label=t(Msg::TopNeeds) svg=r.top_svg.clone() />
                                <FiguresTable id="top-figures"
                                    head=vec![t(Msg::CompetencyCol).to_owned(), t(Msg::NeedIndex).to_owned()]
                                    rows=r.top_figures.clone() />
                            </section>
                        </article>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
