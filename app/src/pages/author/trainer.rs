//! A course's trainer materials: the pilot day's agenda, the materials list, the localisation
//! sheet and each lesson's session plan and trainer notes — read as a trainer prepares, edited
//! in place by whoever may edit the course, downloaded as one printable PDF.

use crate::api::authoring::get_trainer_pack;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t, tr};
use crate::model::{TrainerPack, TrainerStep};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A plan as a table: time (or minute), minutes, method, activity.
#[component]
fn Steps(steps: Vec<TrainerStep>, id: String, label: String) -> impl IntoView {
    view! {
        <table class="data" id=id tabindex="0" aria-labelledby=label>
            <thead><tr>
                <th scope="col">{t(Msg::TrainerTime)}</th>
                <th scope="col">{t(Msg::TrainerMinutes)}</th>
                <th scope="col">{t(Msg::TrainerMethod)}</th>
                <th scope="col">{t(Msg::TrainerActivity)}</th>
            </tr></thead>
            <tbody>
                {steps.into_iter().map(|s| view! {
                    <tr class=format!("method-{}", s.method)>
                        <td>{s.at}</td>
                        <td class="num">{s.minutes}</td>
                        <td>{t(crate::model::method_msg(&s.method))}</td>
                        <td>{s.activity}
                            {(!s.lessons.is_empty()).then(|| view! { <span class="muted">{format!(" ({})", s.lessons.join(", "))}</span> })}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// An edit form for one part, folded away until opened (open when it was just refused).
#[component]
fn PartForm(slug: String, part: String, children: Children) -> impl IntoView {
    let typed = Typed::for_record("/api/author/trainer/save", "part", &part);
    let refused = typed.get("part").is_some();
    view! {
        <details class="trainer-edit" open=refused>
            <summary>{t(Msg::Edit)}</summary>
            <PostForm action="/api/author/trainer/save" class="stack">
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="part" value=part.clone() />
                {children()}
                {refused.then(|| view! { <FieldMsg field="plan" /><FieldMsg field="body" /><FieldMsg field="starts" /><FieldMsg field="title" /> })}
                <button type="submit" class="primary" id=format!("save-{part}")>{t(Msg::Save)}</button>
            </PostForm>
        </details>
    }
}

fn plan_field(id: String, value: String, hint: Msg) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{t(Msg::SessionPlan)}</label>
            <textarea id=id.clone() name="plan" rows="10" class="mono" aria-describedby=format!("{id}-hint")>{value}</textarea>
            <span class="hint" id=format!("{id}-hint")>{t(hint)}</span>
        </div>
    }
}

fn notes_field(id: String, value: String, label: Msg) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <textarea id=id name="body" rows="14">{value}</textarea>
        </div>
    }
}

fn page(v: TrainerPack) -> impl IntoView {
    let slug = v.course_slug.clone();
    let can_edit = v.can_edit;
    let typed = Typed::for_form("/api/author/trainer/save");
    let typed_or = move |part: &str, field: &str, value: String| {
        if typed.get("part").as_deref() == Some(part) {
            typed.or(field, value)
        } else {
            value
        }
    };
    let agenda_form = can_edit.then(|| {
        let (title, starts, plan, notes) = (
            typed_or("agenda", "title", v.agenda_title.clone()),
            typed_or("agenda", "starts", v.agenda_starts.clone()),
            typed_or("agenda", "plan", v.agenda_text.clone()),
            typed_or("agenda", "body", v.agenda_notes.clone()),
        );
        view! {
            <PartForm slug=slug.clone() part="agenda".to_owned()>
                <div class="row">
                    <div class="field grow">
                        <label for="agenda-title">{t(Msg::Title)}</label>
                        <input id="agenda-title" name="title" required maxlength="200" value=title />
                    </div>
                    <div class="field">
                        <label for="agenda-starts">{t(Msg::DayStarts)}</label>
                        <input id="agenda-starts" name="starts" size="6" placeholder="08:30" value=starts />
                    </div>
                </div>
                {plan_field("agenda-plan".into(), plan, Msg::AgendaPlanHint)}
                {notes_field("agenda-notes".into(), notes, Msg::TrainerNotes)}
            </PartForm>
        }
    });
    let text_part = |part: &'static str, heading: Msg, text: String, html: String| {
        let form = can_edit.then(|| {
            let value = typed_or(part, "body", text.clone());
            view! {
                <PartForm slug=slug.clone() part=part.to_owned()>
                    {notes_field(format!("{part}-body"), value, heading)}
                </PartForm>
            }
        });
        view! {
            <section id=part aria-labelledby=format!("{part}-title") class="panel">
                <h2 id=format!("{part}-title")>{t(heading)}</h2>
                {if text.trim().is_empty() {
                    view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                } else {
                    view! { <div class="lesson-body" inner_html=html></div> }.into_any()
                }}
                {form}
            </section>
        }
    };
    let materials = text_part(
        "materials",
        Msg::MaterialsList,
        v.materials.clone(),
        v.materials_html.clone(),
    );
    let localisation = text_part(
        "localisation",
        Msg::LocalisationSheet,
        v.localisation.clone(),
        v.localisation_html.clone(),
    );
    let lessons = v
        .lessons
        .into_iter()
        .map(|l| {
            let part = format!("lesson-{}", l.lesson_id);
            let fits = l.planned == u32::try_from(l.duration).unwrap_or(0);
            let form = can_edit.then(|| {
                let part = part.clone();
                let plan = typed_or(&part, "plan", l.plan_text.clone());
                let notes = typed_or(&part, "body", l.notes.clone());
                view! {
                    <PartForm slug=slug.clone() part=part.clone()>
                        {plan_field(format!("{part}-plan"), plan, Msg::LessonPlanHint)}
                        {notes_field(format!("{part}-notes"), notes, Msg::TrainerNotes)}
                    </PartForm>
                }
            });
            view! {
                <section id=part.clone() aria-labelledby=format!("{part}-title") class="panel trainer-lesson">
                    <p class="muted">{l.module_title.clone()}</p>
                    <h3 id=format!("{part}-title")>
                        <a href=format!("/courses/{}/lessons/{}", slug, l.lesson_id)>{l.title.clone()}</a>
                    </h3>
                    <p class=if fits { "muted" } else { "warning" }>
                        {tr(Msg::SessionPlanMinutes, &[("planned", i64::from(l.planned).into()), ("duration", i64::from(l.duration).into())])}
                    </p>
                    {if l.plan.is_empty() {
                        view! { <p class="empty">{t(Msg::NoSessionPlan)}</p> }.into_any()
                    } else {
                        view! { <Steps steps=l.plan.clone() id=format!("{part}-plan-table") label=format!("{part}-title") /> }.into_any()
                    }}
                    {(!l.notes.trim().is_empty()).then(|| view! { <div class="lesson-body" inner_html=l.notes_html.clone()></div> })}
                    {form}
                </section>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=format!("{} — {}", t(Msg::TrainerMaterials), v.course_title) />
        <p class="breadcrumbs">
            <a href="/author">{t(Msg::AuthoringTitle)}</a> " › "
            <a href=format!("/courses/{}", v.course_slug)>{v.course_title.clone()}</a>
        </p>
        <h1>{t(Msg::TrainerMaterials)}</h1>
        <p class="lead">{t(Msg::TrainerMaterialsIntro)}</p>
        <Feedback />
        <p class="actions">
            <a class="button primary" id="trainer-pack-pdf" href=format!("/author/courses/{}/trainer.pdf", v.course_slug) download>
                {t(Msg::DownloadTrainerPack)}
            </a>
        </p>
        <section id="agenda" aria-labelledby="agenda-title" class="panel">
            <h2 id="agenda-title">{t(Msg::PilotAgenda)}</h2>
            {if v.agenda.is_empty() {
                view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
            } else {
                view! {
                    <p><strong>{v.agenda_title.clone()}</strong> " · "
                        {tr(Msg::ContactHours, &[("minutes", i64::from(v.contact_minutes).into())])}</p>
                    <Steps steps=v.agenda.clone() id="agenda-plan-table".to_owned() label="agenda-title".to_owned() />
                    <div class="lesson-body" inner_html=v.agenda_notes_html.clone()></div>
                }.into_any()
            }}
            {agenda_form}
        </section>
        {materials}
        {localisation}
        <h2>{t(Msg::SessionPlans)}</h2>
        {lessons}
    }
}

/// The trainer materials page.
#[component]
pub fn TrainerMaterialsPage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let data = move || {
        let slug = slug.clone();
        Suspend::new(async move {
            match get_trainer_pack(slug).await {
                Ok(v) => page(v).into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
