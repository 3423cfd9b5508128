//! The border desk: the shifts of a course, the desk where a trainee works a shift one
//! traveller at a time (the document under three lights, the person at the counter, the data
//! read from the MRZ, the visa, the travel history and the stay calculator, the questions at
//! the counter, the list query and the decision), and a shift's results with its debrief.
//!
//! Every step is a plain link or form, so the desk works without script and loads no
//! WebAssembly; a small script counts the clock down (`assets/desk-clock.js`), and the server's
//! clock decides.

use crate::api::desk::{desk_results, desk_shift};
use crate::components::feedback::{Feedback, FieldMsg};
use crate::components::forms::{CsrfField, ErrorView, int_param};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t};
use crate::model::desk::{
    ACTIONS, CandidateView, DISMISS_REASONS, Decision, DeskView, Explanation, Ground, PURPOSES,
    QUESTIONS, QueryView, ScenarioRow, ShiftResultsView, TravellerResultView, TravellerView,
    label_of, mistake_label,
};
use crate::model::exercise::Named;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The name of `code` in `table`, or the code itself.
fn named(table: &[(&str, Msg)], code: &str) -> String {
    label_of(table, code).map_or_else(|| code.to_string(), |m| t(m).to_string())
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(
        || t(Msg::DeskNotApplicable).to_string(),
        |s| format!("{:.0} %", s * 100.0),
    )
}

/// The time left, as served; `desk-clock.js` counts it down each second.
#[component]
fn Clock(seconds: i64) -> impl IntoView {
    let s = seconds.max(0);
    view! {
        <span id="desk-clock" role="timer" data-seconds=s class=if s < 60 { "clock clock-low" } else { "clock" }>
            {format!("{}:{:02}", s / 60, s % 60)}
        </span>
        <script src=concat!("/pkg/desk-clock.js?v=", env!("CARGO_PKG_VERSION")) defer=true></script>
    }
}

/// The border desk section of a course page.
#[component]
pub fn DeskList(rows: Vec<ScenarioRow>) -> impl IntoView {
    (!rows.is_empty()).then(|| {
        view! {
            <section id="desk">
                <h2>{t(Msg::DeskTitle)}</h2>
                <p class="hint">{t(Msg::DeskIntro)}</p>
                <ul class="desk-scenarios">
                    {rows.into_iter().map(|r| view! {
                        <li class="panel">
                            <h3>{r.title.clone()}</h3>
                            <p>{t(Msg::DeskTravellers)} ": " {r.travellers} " · " {t(Msg::DeskTimeLimit)} ": " {crate::i18n::tr(Msg::MinutesCount, &[("n", i64::from(r.time_limit_minutes).into())])}</p>
                            {match r.open_shift {
                                Some(id) => view! {
                                    <p><a class="button primary" id=format!("desk-resume-{}", r.id) href=format!("/desk/shifts/{id}")>{t(Msg::DeskResumeShift)}</a></p>
                                }.into_any(),
                                // A scenario is worked once: its results follow.
                                None if !r.done.is_empty() => ().into_any(),
                                None => view! {
                                    <form method="post" action=format!("/desk/scenarios/{}/start", r.id)>
                                        <CsrfField />
                                        <button type="submit" class="primary" id=format!("desk-start-{}", r.id)>{t(Msg::DeskStartShift)}</button>
                                    </form>
                                }.into_any(),
                            }}
                            {(!r.done.is_empty()).then(|| view! {
                                <p>{t(Msg::DeskYourShifts)} ": "</p>
                                <ul>
                                    {r.done.iter().map(|s| view! {
                                        <li><a href=format!("/desk/shifts/{}/results", s.id)>{s.started.clone()}</a> " · " {format!("{} / {}", s.decided, s.travellers)}</li>
                                    }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// Why a candidate scored as it did: each feature, its agreement and its weight.
#[component]
pub fn ExplanationTable(explanation: Explanation) -> impl IntoView {
    let e = explanation;
    view! {
        <table class="explanation" tabindex="0">
            <thead><tr><th scope="col">{t(Msg::DeskFeature)}</th><th scope="col">{t(Msg::DeskAgreement)}</th><th scope="col">{t(Msg::DeskWeight)}</th></tr></thead>
            <tbody>
                {e.features.iter().map(|f| view! {
                    <tr class=if f.compared { "" } else { "muted" }>
                        <th scope="row">{t(f.kind.label())}</th>
                        <td>{if f.compared { format!("{:.2}", f.value) } else { t(Msg::DeskNotCompared).to_string() }}</td>
                        <td>{format!("{:.2}", f.weight)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <ul class="explanation-notes">
            <li>{t(Msg::DeskFormsCompared)} ": " <code>{e.query_form.clone()}</code> " ↔ " <code>{e.candidate_form.clone()}</code></li>
            {e.alias.map(|_| view! { <li>{t(Msg::DeskAliasMatched)}</li> })}
            {e.date.map(|d| view! { <li>{t(Msg::DeskFeatureBirth)} ": " {t(d.label())}</li> })}
            {e.reordered.then(|| view! { <li>{t(Msg::DeskReordered)}</li> })}
            {e.joined.then(|| view! { <li>{t(Msg::DeskJoined)}</li> })}
            {(!e.unpaired.is_empty()).then(|| view! { <li>{t(Msg::DeskUnpaired)} ": " {e.unpaired.join(", ")}</li> })}
        </ul>
    }
}

/// The document under three lights and the person at the counter.
fn document_images(shift: i64, tr: &TravellerView) -> impl IntoView + use<> {
    let url = |light: &str| format!("/desk/shifts/{shift}/images/{}/{light}.jpg", tr.index);
    let kind = t(if tr.passport {
        Msg::DeskPassport
    } else {
        Msg::DeskIdCard
    });
    let lights = [
        ("visible", Msg::LightVisible),
        ("uv", Msg::LightUv),
        ("ir", Msg::LightIr),
    ];
    view! {
        <section class="desk-document" aria-labelledby="desk-document-title">
            <h2 id="desk-document-title">{t(Msg::DeskDocument)} " — " {kind}</h2>
            <div class="light-tabs">
                <fieldset class="light-switch">
                    <legend>{t(Msg::ImageViewLabel)}</legend>
                    {lights.iter().enumerate().map(|(i, (_, m))| {
                        let id = format!("light-{i}");
                        view! {
                            <label class="option" for=id.clone()>
                                <input type="radio" id=id.clone() name="light" value=i checked=i == 0 form="no-form" /> " " {t(*m)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                {lights.iter().enumerate().map(|(i, (light, m))| view! {
                    <figure class=format!("light-view view-{i} exercise-figure")>
                        <a href=url(light) target="_blank" rel="noopener">
                            <img src=url(light) alt=format!("{kind} — {}", t(*m)) id=format!("desk-image-{light}") loading=if i == 0 { "eager" } else { "lazy" } />
                            <span class="visually-hidden">{format!(" ({})", t(Msg::OpensNewTab))}</span>
                        </a>
                        <figcaption>{t(*m)}</figcaption>
                    </figure>
                }).collect_view()}
            </div>
            <figure class="desk-bearer">
                <img src=url("bearer") alt=t(Msg::DeskBearer) id="desk-bearer" width="240" height="300" />
                <figcaption>{t(Msg::DeskBearer)}</figcaption>
            </figure>
        </section>
    }
}

/// The data read from the document, the visa, the history and the interview.
fn traveller_data(tr: &TravellerView, today: &str) -> impl IntoView + use<> {
    let tr = tr.clone();
    let today = today.to_string();
    view! {
        <section class="desk-data" aria-labelledby="desk-data-title">
            <h2 id="desk-data-title">{t(Msg::DeskDocumentData)}</h2>
            <dl class="facts" id="desk-facts">
                <dt>{t(Msg::VizSurname)}</dt><dd id="desk-surname">{tr.surname.clone()}</dd>
                <dt>{t(Msg::VizGivenNames)}</dt><dd>{tr.given_names.clone()}</dd>
                {tr.native_name.clone().map(|n| view! {
                    <dt>{t(Msg::DeskNativeName)}</dt><dd><bdi id="desk-native-name">{n}</bdi></dd>
                })}
                {tr.native_transliterated.clone().map(|n| view! {
                    <dt>{t(Msg::DeskTransliteration)}</dt><dd id="desk-transliteration" dir="ltr"><code>{n}</code></dd>
                })}
                <dt>{t(Msg::DeskNationality)}</dt><dd>{format!("{} ({})", tr.nationality_name, tr.nationality)}</dd>
                <dt>{t(Msg::DeskBirth)}</dt><dd>{tr.birth.clone()}</dd>
                <dt>{t(Msg::DeskSex)}</dt><dd>{tr.sex.clone()}</dd>
                <dt>{t(Msg::DeskPlaceOfBirth)}</dt><dd>{tr.place_of_birth.clone()}</dd>
                <dt>{t(Msg::DeskNumber)}</dt><dd>{tr.number.clone()}</dd>
                <dt>{t(Msg::DeskIssued)}</dt><dd>{tr.issued.clone()}</dd>
                <dt>{t(Msg::DeskExpires)}</dt><dd id="desk-expiry">{tr.expires.clone()}</dd>
            </dl>
            <h3>{t(Msg::DeskMrz)}</h3>
            <pre class="mrz" id="desk-mrz" tabindex="0">{tr.mrz.join("\n")}</pre>
            {if tr.mrz_faults.is_empty() {
                view! { <p id="desk-reader">{t(Msg::DeskReaderClean)}</p> }.into_any()
            } else {
                view! {
                    <p class="banner banner-warning" id="desk-reader">
                        {t(Msg::DeskReaderFault)} ": " {tr.mrz_faults.join(", ")}
                    </p>
                }.into_any()
            }}
            {if tr.citizen {
                view! { <p class="banner banner-info" id="desk-citizen">{t(if tr.departing { Msg::DeskCitizenLeaving } else { Msg::DeskCitizen })}</p> }.into_any()
            } else {
                let tr = tr.clone();
                let today = today.clone();
                view! {
                <h3>{t(Msg::DeskVisa)}</h3>
                <p>{t(if tr.visa_required { Msg::DeskVisaRequired } else { Msg::DeskVisaNotRequired })}</p>
                {match tr.visa.clone() {
                    Some(v) => view! {
                        <dl class="facts" id="desk-visa">
                            <dt>{t(Msg::DeskVisaNumber)}</dt><dd>{v.number}</dd>
                            <dt>{t(Msg::DeskVisaFrom)}</dt><dd>{v.valid_from}</dd>
                            <dt>{t(Msg::DeskVisaUntil)}</dt><dd>{v.valid_until}</dd>
                            <dt>{t(Msg::DeskVisaDays)}</dt><dd>{v.duration_days}</dd>
                        </dl>
                    }.into_any(),
                    None => view! { <p id="desk-visa">{t(Msg::DeskNoVisa)}</p> }.into_any(),
                }}
                <h3>{t(Msg::DeskHistory)}</h3>
                {if tr.history.is_empty() {
                    view! { <p>{t(Msg::DeskNoHistory)}</p> }.into_any()
                } else {
                    view! {
                        <table id="desk-history" tabindex="0">
                            <thead><tr><th scope="col">{t(Msg::DeskEntry)}</th><th scope="col">{t(Msg::DeskExit)}</th><th scope="col">{t(Msg::DeskDays)}</th></tr></thead>
                            <tbody>
                                {tr.history.iter().map(|s| view! { <tr><td>{s.entry.clone()}</td><td>{s.exit.clone()}</td><td>{s.days}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
                <details class="desk-stay" id="desk-stay">
                    <summary>{t(Msg::DeskStayCalculator)}</summary>
                    <dl class="facts">
                        <dt>{t(Msg::DeskStayRule)}</dt><dd>{format!("{} / {}", tr.stay.max_days, tr.stay.window_days)}</dd>
                        <dt>{t(Msg::DeskShiftDay)}</dt><dd>{today}</dd>
                        {tr.stay.visit_began.clone().map(|began| view! {
                            <dt>{t(Msg::DeskThisVisit)}</dt><dd id="desk-visit-began">{began}</dd>
                            <dt>{t(Msg::DeskVisitDays)}</dt><dd>{tr.intended_days}</dd>
                        })}
                        <dt>{t(if tr.stay.visit_began.is_some() { Msg::DeskUsedAtEntry } else { Msg::DeskStayUsed })}</dt><dd>{tr.stay.used}</dd>
                        <dt>{t(Msg::DeskLatestExit)}</dt>
                        <dd>{tr.stay.latest_exit.clone().unwrap_or_else(|| t(Msg::DeskNoDaysLeft).to_string())}</dd>
                        {tr.stay.visit_began.is_some().then(|| view! {
                            <dt>{t(Msg::DeskOverToday)}</dt><dd id="desk-days-over">{tr.stay.days_over}</dd>
                        })}
                    </dl>
                    <ul>
                        {tr.stay.overstays.iter().map(|(from, days)| view! {
                            <li>{t(Msg::DeskOverstayFrom)} " " {from.clone()} ": " {*days} " " {t(Msg::DeskDaysOver)}</li>
                        }).collect_view()}
                    </ul>
                </details>
                }.into_any()
            }}
            {tr.minor.clone().map(|m| view! {
                <h3>{t(Msg::DeskMinorTitle)}</h3>
                <dl class="facts" id="desk-minor">
                    <dt>{t(Msg::DeskAccompaniedBy)}</dt><dd>{m.accompanied_by}</dd>
                    <dt>{t(Msg::DeskConsent)}</dt><dd>{t(if m.consent_letter { Msg::Yes } else { Msg::No })}</dd>
                </dl>
            })}
            <h3>{t(Msg::DeskInterview)}</h3>
            <p>
                {t(Msg::DeskPurpose)} ": " {named(&PURPOSES, &tr.purpose)} " · "
                {t(match (tr.departing, tr.citizen) {
                    (true, false) => Msg::DeskVisitDays,
                    (true, true) => Msg::DeskDaysAway,
                    (false, _) => Msg::DeskIntendedDays,
                })} ": " {tr.intended_days}
            </p>
            <div class="desk-questions" id="desk-questions">
                {tr.answers.iter().map(|(q, a)| {
                    let asked = tr
                        .departing
                        .then(|| crate::model::desk::departure_question(q, tr.citizen))
                        .flatten()
                        .map_or_else(|| named(&QUESTIONS, q), |m| t(m).to_string());
                    view! { <details><summary>{asked}</summary><p>{a.clone()}</p></details> }
                }).collect_view()}
            </div>
        </section>
    }
}

/// One candidate the query returned, with its confirm and dismiss choice.
fn candidate(c: CandidateView) -> impl IntoView {
    let name = format!("hit:{}", c.id);
    let id = |what: &str| format!("hit-{}-{what}", c.id);
    view! {
        <fieldset class="desk-candidate panel">
            <legend>
                <strong>{format!("{} {}", c.surname, c.given_names)}</strong>
                " · " {c.birth.clone()} " · " {c.nationality.clone()} " · " {c.sex.clone()}
                " — " {t(Msg::Score)} " " <span class="badge">{format!("{:.2}", c.explanation.score)}</span>
            </legend>
            <dl class="facts">
                {(!c.aliases.is_empty()).then(|| view! { <dt>{t(Msg::DeskAliases)}</dt><dd dir="auto">{c.aliases.join("; ")}</dd> })}
                <dt>{t(Msg::DeskReason)}</dt><dd>{c.reason.clone()}</dd>
                <dt>{t(Msg::DeskAction)}</dt><dd>{named(&ACTIONS, &c.action)}</dd>
                <dt>{t(Msg::DeskListedUntil)}</dt><dd>{c.valid_until.clone()}</dd>
            </dl>
            <details>
                <summary>{t(Msg::DeskWhy)}</summary>
                <ExplanationTable explanation=c.explanation.clone() />
            </details>
            <p class="choices">
                <label class="option" for=id("confirm")><input type="radio" id=id("confirm") name=name.clone() value="confirm" /> " " {t(Msg::DeskConfirmHit)}</label>
                <label class="option" for=id("dismiss")><input type="radio" id=id("dismiss") name=name.clone() value="dismiss" /> " " {t(Msg::DeskDismissHit)}</label>
                <label class="option" for=id("open")><input type="radio" id=id("open") name=name value="" checked=true /> " " {t(Msg::DeskHitOpen)}</label>
            </p>
            <p>
                <label for=id("why")>{t(Msg::DeskDismissReason)}</label> " "
                <select id=id("why") name=format!("why:{}", c.id)>
                    <option value="">"—"</option>
                    {DISMISS_REASONS.iter().map(|(code, m)| view! { <option value=*code>{t(*m)}</option> }).collect_view()}
                </select>
            </p>
        </fieldset>
    }
}

fn query_results(q: QueryView) -> impl IntoView {
    view! {
        <section class="desk-query" id="desk-query" aria-labelledby="desk-query-title">
            <h2 id="desk-query-title">{t(Msg::DeskQueryTitle)}</h2>
            {match q.stolen {
                Some(s) => view! {
                    <p class="banner banner-warning" id="desk-stolen">
                        <strong>{t(Msg::DeskStolenHit)}</strong> ": " {format!("{} {} — {}", s.issuing_state, s.number, s.status)}
                        " (" {t(Msg::DeskReported)} " " {s.reported} ")"
                    </p>
                }.into_any(),
                None => view! { <p id="desk-not-stolen">{t(Msg::DeskNotStolen)}</p> }.into_any(),
            }}
            {if q.candidates.is_empty() {
                view! { <p id="desk-no-candidates">{t(Msg::DeskNoCandidates)}</p> }.into_any()
            } else {
                view! {
                    <h3>{t(Msg::DeskCandidates)}</h3>
                    <p class="hint">{t(Msg::DeskCandidateHint)}</p>
                    <div id="desk-candidates">{q.candidates.into_iter().map(candidate).collect_view()}</div>
                }.into_any()
            }}
        </section>
    }
}

/// The decision form: the candidates (after a query), the decision, its ground and its note.
fn decision_form(d: &DeskView, tr: &TravellerView) -> impl IntoView + use<> {
    let queried = d.query.is_some();
    let query = d.query.clone();
    let shift = d.shift_id;
    let departing = tr.departing;
    view! {
        {(!queried).then(|| view! {
            <form method="get" action=format!("/desk/shifts/{shift}") class="desk-query-form">
                <input type="hidden" name="query" value="1" />
                <button type="submit" id="desk-query-button">{t(Msg::DeskQueryLists)}</button>
            </form>
        })}
        <form method="post" action=format!("/desk/shifts/{shift}/decide") class="stack desk-decision" id="desk-decision">
            <CsrfField />
            <input type="hidden" name="traveller" value=tr.index />
            {queried.then(|| view! { <input type="hidden" name="queried" value="1" /> })}
            {query.map(query_results)}
            <FieldMsg field="confirmed" />
            <fieldset>
                <legend>{t(Msg::DeskDecision)}</legend>
                <label class="option" for="decision-admit">
                    <input type="radio" id="decision-admit" name="decision" value="admit" required=true /> " "
                    {t(if departing { Msg::DeskRegisterExit } else { Msg::DeskAdmit })}
                </label>
                <label class="option" for="decision-refer"><input type="radio" id="decision-refer" name="decision" value="refer" /> " " {t(Msg::DeskRefer)}</label>
                {(!departing).then(|| view! {
                    <label class="option" for="decision-refuse"><input type="radio" id="decision-refuse" name="decision" value="refuse" /> " " {t(Msg::DeskRefuse)}</label>
                })}
                <FieldMsg field="decision" />
            </fieldset>
            {(!departing).then(|| view! {
                <label for="desk-ground">{t(Msg::DeskGround)}</label>
                <select id="desk-ground" name="ground">
                    <option value="">"—"</option>
                    {Ground::ALL.into_iter().map(|g| view! { <option value=g.code()>{t(g.label())}</option> }).collect_view()}
                </select>
                <FieldMsg field="ground" />
            })}
            <label for="desk-note">{t(Msg::DeskNote)}</label>
            <textarea id="desk-note" name="note" rows="3" maxlength="2000"></textarea>
            <FieldMsg field="note" />
            <p><button type="submit" class="primary" id="desk-record">{t(Msg::DeskRecord)}</button></p>
        </form>
    }
}

/// `/desk/shifts/:id` (`?query=1` after the list query).
#[component]
pub fn DeskPage() -> impl IntoView {
    let id = int_param("id");
    let query = use_query_map().with_untracked(|q| q.get("query").as_deref() == Some("1"));
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match desk_shift(id, query).await {
                Ok(d) => {
                    let header = view! {
                        <PageTitle text=format!("{} — {}", t(Msg::DeskTitle), d.scenario) />
                        <p class="breadcrumbs"><a href=format!("/courses/{}#desk", d.course_slug)>{d.course_title.clone()}</a></p>
                        <h1>{t(Msg::DeskTitle)} " — " {d.scenario.clone()}</h1>
                        <Feedback />
                    };
                    match d.traveller.clone() {
                        Some(tr) => view! {
                            {header}
                            <p class="desk-status" id="desk-status">
                                {t(Msg::DeskTravellerOf)} " " <strong id="desk-position">{d.position + 1}</strong> " " {t(Msg::DeskOf)} " " {d.total}
                                " · " {t(Msg::DeskTimeLeft)} " " <Clock seconds=d.seconds_left />
                                " · " {t(Msg::DeskShiftDay)} " " {d.today.clone()}
                                " · " <span class="badge" id="desk-direction">{t(if tr.departing { Msg::DeskDeparting } else { Msg::DeskArriving })}</span>
                            </p>
                            {tr.departing.then(|| view! { <p class="banner banner-info" id="desk-departure">{t(Msg::DeskDepartureHint)}</p> })}
                            <div class="desk">
                                {document_images(d.shift_id, &tr)}
                                {traveller_data(&tr, &d.today)}
                            </div>
                            {decision_form(&d, &tr)}
                        }.into_any(),
                        None => view! {
                            {header}
                            <p class="banner banner-info" id="desk-over">{t(Msg::DeskShiftOver)}</p>
                            <p><a class="button primary" id="desk-see-results" href=format!("/desk/shifts/{}/results", d.shift_id)>{t(Msg::DeskSeeResults)}</a></p>
                        }.into_any(),
                    }
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// A decision replayed: the document and the person as the officer saw them, whether the lists
/// were queried, and each candidate confirmed or dismissed (with why).
fn replay(shift: i64, tr: &TravellerResultView) -> impl IntoView + use<> {
    let url = |light: &str| format!("/desk/shifts/{shift}/images/{}/{light}.jpg", tr.index);
    let why = |entry: &str| {
        tr.reasons
            .iter()
            .find(|(e, _)| e == entry)
            .map(|(_, w)| named(&DISMISS_REASONS, w))
            .unwrap_or_default()
    };
    view! {
        <details class="desk-replay" id=format!("desk-replay-{}", tr.index)>
            <summary>{t(Msg::DeskReplay)}</summary>
            <p class="gallery">
                <a href=url("visible") target="_blank" rel="noopener"><img class="thumb" src=url("visible") alt=t(Msg::DeskDocument) loading="lazy" /><span class="visually-hidden">{format!(" ({})", t(Msg::OpensNewTab))}</span></a>
                <a href=url("bearer") target="_blank" rel="noopener"><img class="thumb" src=url("bearer") alt=t(Msg::DeskBearer) loading="lazy" /><span class="visually-hidden">{format!(" ({})", t(Msg::OpensNewTab))}</span></a>
            </p>
            <ul>
                <li>{t(Msg::DeskQueryTitle)} ": " {t(if tr.queried { Msg::Yes } else { Msg::No })}</li>
                {tr.confirmed.iter().map(|e| view! { <li>{t(Msg::DeskConfirmHit)} " — " {e.clone()}</li> }).collect_view()}
                {tr.dismissed.iter().map(|e| view! { <li>{t(Msg::DeskDismissHit)} " — " {e.clone()} ": " {why(e)}</li> }).collect_view()}
            </ul>
        </details>
    }
}

fn summary(r: &ShiftResultsView) -> impl IntoView + use<> {
    let s = r.summary.clone();
    view! {
        <dl class="facts" id="desk-summary">
            <dt>{t(Msg::DeskRightDecisions)}</dt><dd id="desk-right">{format!("{} / {}", s.right, s.travellers)}</dd>
            <dt>{t(Msg::DeskCriticalCount)}</dt><dd id="desk-critical">{s.critical}</dd>
            <dt>{t(Msg::DeskMajorCount)}</dt><dd>{s.major}</dd>
            <dt>{t(Msg::DeskMinorCount)}</dt><dd>{s.minor}</dd>
            <dt>{t(Msg::DeskHitRate)}</dt><dd>{percent(s.hit_rate)}</dd>
            <dt>{t(Msg::DeskFalseAlarms)}</dt><dd>{percent(s.false_alarm_rate)}</dd>
            <dt>{t(Msg::DeskDPrime)}</dt><dd>{s.d_prime.map_or_else(|| t(Msg::DeskNotApplicable).to_string(), |d| format!("{d:.2}"))}</dd>
            <dt>{t(Msg::DeskMedianSeconds)}</dt><dd>{s.median_seconds.map_or_else(|| t(Msg::DeskNotApplicable).to_string(), |m| m.to_string())}</dd>
            <dt>{t(Msg::DeskByQuarter)}</dt><dd>{s.accuracy_by_quarter.iter().map(|a| format!("{:.0} %", a * 100.0)).collect::<Vec<_>>().join(" · ")}</dd>
            <dt>{t(Msg::DeskUnreached)}</dt><dd>{r.unreached}</dd>
        </dl>
        <h2>{t(Msg::DeskByKind)}</h2>
        <table id="desk-by-kind" tabindex="0">
            <thead><tr><th scope="col">{t(Msg::DeskCase)}</th><th scope="col">{t(Msg::DeskRightDecisions)}</th></tr></thead>
            <tbody>
                {s.by_kind.iter().map(|(k, right, n)| view! {
                    <tr><th scope="row">{t(k.label())}</th><td>{format!("{right} / {n}")}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `/desk/shifts/:id/results`.
#[component]
pub fn DeskResultsPage() -> impl IntoView {
    let id = int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match desk_results(id).await {
                Ok(r) => {
                    let shift_id = r.shift_id;
                    view! {
                    <PageTitle text=format!("{} — {}", t(Msg::DeskResultsTitle), r.scenario) />
                    <p class="breadcrumbs">
                        <a href=format!("/courses/{}#desk", r.course_slug)>{r.course_title.clone()}</a>
                        {r.trainer_desk.clone().map(|href| view! { " › " <a href=href>{t(Msg::DeskAdminTitle)}</a> })}
                    </p>
                    <h1>{t(Msg::DeskResultsTitle)} " — " {r.scenario.clone()}</h1>
                    <p>{r.person.clone()} " · " {t(Msg::DeskStarted)} " " {r.started.clone()}</p>
                    {summary(&r)}
                    <h2>{t(Msg::DeskTravellers)}</h2>
                    <table id="desk-travellers" tabindex="0">
                        <thead><tr>
                            <th scope="col">"#"</th><th scope="col">{t(Msg::VizSurname)}</th><th scope="col">{t(Msg::DeskCase)}</th>
                            <th scope="col">{t(Msg::DeskYourDecision)}</th><th scope="col">{t(Msg::DeskVerdictRight)}</th>
                            <th scope="col">{t(Msg::DeskMistakes)}</th><th scope="col">{t(Msg::DeskSeconds)}</th>
                        </tr></thead>
                        <tbody>
                            {r.travellers.into_iter().map(|tr| {
                                let s = tr.scored.clone();
                                view! {
                                    <tr class=if s.right { "ok" } else { "wrong" } id=format!("desk-traveller-{}", tr.index)>
                                        <td>{if s.right { "✓ " } else { "✗ " }}{tr.index + 1}</td>
                                        <td><bdi>{tr.name.clone()}</bdi></td>
                                        <td>{t(s.kind.label())} <br /><span class="hint">{t(if tr.departing { Msg::DeskDeparting } else { Msg::DeskArriving })}</span></td>
                                        <td>
                                            {t(if tr.departing && s.decision == Decision::Admit { Msg::DeskRegisterExit } else { s.decision.label() })}
                                            {tr.ground.map(|g| view! { " — " {t(g.label())} })}
                                            {(!tr.note.is_empty()).then(|| view! { <br /><span class="hint">{tr.note.clone()}</span> })}
                                            {replay(shift_id, &tr)}
                                        </td>
                                        <td>{t(s.verdict.label())}</td>
                                        <td>
                                            <ul>
                                                {s.mistakes.iter().map(|m| {
                                                    let (msg, entry) = mistake_label(m);
                                                    view! { <li>{t(msg)}{entry.map(|e| format!(" ({e})"))}</li> }
                                                }).collect_view()}
                                            </ul>
                                            {tr.listed.clone().map(|(entry, e)| view! {
                                                <details>
                                                    <summary>{t(Msg::DeskListedAs)} " " {entry} " — " {t(Msg::Score)} " " {format!("{:.2}", e.score)}</summary>
                                                    <ExplanationTable explanation=e />
                                                </details>
                                            })}
                                        </td>
                                        <td>{s.seconds}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
