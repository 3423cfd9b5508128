//! A course's border desk for its authors: the shift scenarios with their settings, the form for
//! a new one, every shift worked with a link to its results, and right decisions per case over
//! all shifts (what the class gets wrong).

use crate::api::desk::course_desk_admin;
use crate::components::feedback::FieldMsg;
use crate::components::forms::CsrfField;
use crate::i18n::{Msg, t};
use crate::model::desk::{CaseKind, DeskAdmin, DeskListReport, ScenarioSettings, code_of};
use crate::model::exercise::Named;
use leptos::prelude::*;

/// Rates and fixed cases a new scenario starts from: a training shift, with cases more
/// frequent than at a real border so a short shift holds several.
fn default_rate(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::TrueHit | CaseKind::NearMiss | CaseKind::TransliterationHit => "0.05",
        CaseKind::Genuine => "",
        _ => "0.03",
    }
}

pub(crate) fn scenario_settings(s: &ScenarioSettings) -> impl IntoView + use<> {
    let s = s.clone();
    view! {
        <li>
            <strong>{s.title.clone()}</strong> " · " {t(Msg::DeskTravellers)} " " {s.travellers}
            " · " {t(Msg::DeskTimeLimit)} " " {crate::i18n::tr(Msg::MinutesCount, &[("n", i64::from(s.time_limit_minutes).into())])}
            " · " {t(Msg::DeskListSize)} " " {s.list_size} " · " {t(Msg::DeskShiftDay)} " " {s.today.clone()}
            " · " {t(Msg::SeedLabel)} " " <code>{s.seed}</code>
            " · " {t(Msg::ClassWord)} ": " {s.class.clone().unwrap_or_else(|| t(Msg::DeskWholeCourse).to_string())}
            " · " {t(Msg::DeskExitShare)} " " {s.exit_percent}
            " · " {t(Msg::DeskStayRule)} " " {format!("{} / {}", s.stay_rule.0, s.stay_rule.1)}
            <br />
            <span class="hint">
                {s.rates.iter().map(|(k, r)| format!("{} {:.0} %", t(k.label()), r * 100.0)).chain(
                    s.fixed.iter().map(|(k, n)| format!("{} × {n}", t(k.label())))
                ).collect::<Vec<_>>().join(" · ")}
            </span>
        </li>
    }
}

fn new_scenario_form(
    slug: &str,
    today: String,
    classes: Vec<crate::model::Choice>,
) -> impl IntoView + use<> {
    // Open when the form came back refused, so its messages are seen.
    let report = use_context::<DeskListReport>();
    let open = report.is_some()
        || leptos_router::hooks::use_query_map()
            .with_untracked(|q| q.get("field").is_some_and(|f| f.starts_with("desk_")));
    view! {
        <details class="panel" id="desk-new" open=open>
            <summary id="desk-new-open">{t(Msg::DeskNewScenario)}</summary>
            {report.map(|r| view! {
                <div class="banner banner-error" role="alert" id="desk-list-report">
                    <p>{t(Msg::DeskListRefused)}</p>
                    <ul>
                        {r.rows.into_iter().map(|(line, column, message)| view! {
                            <li>{t(Msg::Line)} " " {line} {(!column.is_empty()).then(|| format!(" ({column})"))} ": " {message}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <form method="post" action=format!("/author/courses/{slug}/desk") class="stack" id="desk-new-form" enctype="multipart/form-data">
                <CsrfField />
                <label for="desk-title">{t(Msg::Title)}</label>
                <input id="desk-title" name="title" required=true maxlength="200" />
                <FieldMsg field="desk_title" />
                <label for="desk-travellers">{t(Msg::DeskTravellers)}</label>
                <input id="desk-travellers" name="travellers" type="number" min="1" max="500" value="20" required=true />
                <FieldMsg field="desk_travellers" />
                <label for="desk-minutes">{t(Msg::DeskTimeLimitLabel)}</label>
                <input id="desk-minutes" name="time_limit_minutes" type="number" min="1" max="480" value="30" required=true />
                <FieldMsg field="desk_time_limit_minutes" />
                <label for="desk-seed">{t(Msg::DeskSeedLabel)}</label>
                <input id="desk-seed" name="seed" type="number" min="0" value="1" required=true />
                <FieldMsg field="desk_seed" />
                <label for="desk-list">{t(Msg::DeskListSize)}</label>
                <input id="desk-list" name="list_size" type="number" min="0" max="100000" value="2000" required=true />
                <FieldMsg field="desk_list_size" />
                <label for="desk-exits">{t(Msg::DeskExitShare)}</label>
                <input id="desk-exits" name="exit_percent" type="number" min="0" max="100" value="0" required=true />
                <FieldMsg field="desk_exit_percent" />
                <label for="desk-stay-max">{t(Msg::DeskStayMax)}</label>
                <input id="desk-stay-max" name="stay_max_days" type="number" min="7" max="365" value="90" required=true />
                <label for="desk-stay-window">{t(Msg::DeskStayWindow)}</label>
                <input id="desk-stay-window" name="stay_window_days" type="number" min="8" max="3660" value="180" required=true />
                <FieldMsg field="desk_stay_max_days" />
                <FieldMsg field="desk_stay_window_days" />
                <label for="desk-class">{t(Msg::ClassWord)}</label>
                <select id="desk-class" name="class">
                    <option value="">{t(Msg::DeskWholeCourse)}</option>
                    {classes.into_iter().map(|k| view! { <option value=k.id>{k.name}</option> }).collect_view()}
                </select>
                <FieldMsg field="desk_class" />
                <label for="desk-today">{t(Msg::DeskShiftDay)}</label>
                <input id="desk-today" name="today" type="date" value=today required=true />
                <FieldMsg field="desk_today" />
                <fieldset>
                    <legend>{t(Msg::DeskRatesLegend)}</legend>
                    <table class="data" tabindex="0">
                        <thead><tr><th scope="col">{t(Msg::DeskCase)}</th><th scope="col">{t(Msg::DeskRate)}</th><th scope="col">{t(Msg::DeskFixed)}</th></tr></thead>
                        <tbody>
                            {CaseKind::ALL.into_iter().filter(|k| *k != CaseKind::Genuine).map(|k| {
                                let c = code_of(&k);
                                view! {
                                    <tr>
                                        <th scope="row">{t(k.label())}</th>
                                        <td><input name=format!("rate_{c}") id=format!("rate-{c}") type="number" min="0" max="0.5" step="0.01" value=default_rate(k)
                                            aria-label=format!("{} — {}", t(k.label()), t(Msg::DeskRate)) /></td>
                                        <td><input name=format!("fixed_{c}") id=format!("fixed-{c}") type="number" min="0" max="500" value="0"
                                            aria-label=format!("{} — {}", t(k.label()), t(Msg::DeskFixed)) /></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="hint">{t(Msg::DeskFixedLegend)}</p>
                </fieldset>
                <label for="desk-watch-csv">{t(Msg::DeskOwnList)}</label>
                <input id="desk-watch-csv" name="watch_csv" type="file" accept=".csv,text/csv" aria-describedby="desk-watch-csv-hint" />
                <p class="hint" id="desk-watch-csv-hint">{t(Msg::DeskOwnListHint)}</p>
                <p><button type="submit" class="primary" id="desk-create">{t(Msg::DeskCreateScenario)}</button></p>
            </form>
        </details>
    }
}

pub(crate) fn shifts_table(a: &DeskAdmin) -> impl IntoView + use<> {
    let shifts = a.shifts.clone();
    if shifts.is_empty() {
        return view! { <p class="hint">{t(Msg::DeskNoShiftsYet)}</p> }.into_any();
    }
    view! {
        <table class="data" tabindex="0" id="desk-shifts">
            <thead><tr>
                <th scope="col">{t(Msg::DeskTrainee)}</th><th scope="col">{t(Msg::Title)}</th>
                <th scope="col">{t(Msg::DeskStarted)}</th><th scope="col">{t(Msg::DeskDecidedCol)}</th><th scope="col">{t(Msg::Status)}</th>
            </tr></thead>
            <tbody>
                {shifts.into_iter().map(|s| view! {
                    <tr>
                        <td><a href=format!("/desk/shifts/{}/results", s.id)>{s.person}</a></td>
                        <td>{s.scenario}</td>
                        <td>{s.started}</td>
                        <td>{format!("{} / {}", s.decided, s.travellers)}</td>
                        <td>{t(if s.finished { Msg::DeskFinished } else { Msg::DeskOpen })}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Right decisions per case kind, per scenario.
pub(crate) fn by_kind_table(a: &DeskAdmin) -> impl IntoView + use<> {
    let by_kind = a.by_kind.clone();
    (!by_kind.is_empty()).then(|| view! {
        <h3>{t(Msg::DeskClassByKind)}</h3>
        <table class="data" tabindex="0" id="desk-class-by-kind">
            <thead><tr><th scope="col">{t(Msg::Title)}</th><th scope="col">{t(Msg::DeskCase)}</th><th scope="col">{t(Msg::DeskRightDecisions)}</th></tr></thead>
            <tbody>
                {by_kind.into_iter().flat_map(|(title, kinds)| kinds.into_iter().map(move |(k, right, n)| view! {
                    <tr><td>{title.clone()}</td><th scope="row">{t(k.label())}</th><td>{format!("{right} / {n}")}</td></tr>
                })).collect_view()}
            </tbody>
        </table>
    })
}

/// The border desk section of the course editor.
#[component]
pub fn CourseDesk(slug: String) -> impl IntoView {
    let data = move || {
        let slug = slug.clone();
        Suspend::new(async move {
            let Ok(a) = course_desk_admin(slug.clone()).await else {
                return ().into_any();
            };
            view! {
                <section id="desk" class="panel">
                    <h2>{t(Msg::DeskAdminTitle)}</h2>
                    <p class="hint">{t(Msg::DeskAdminIntro)}</p>
                    <ul id="desk-scenario-list">{a.scenarios.iter().map(scenario_settings).collect_view()}</ul>
                    {new_scenario_form(&slug, a.today.clone(), a.classes.clone())}
                    <h3>{t(Msg::DeskShiftsWorked)}</h3>
                    {shifts_table(&a)}
                    {by_kind_table(&a)}
                </section>
            }
            .into_any()
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
