//! The exercise editor: details, the image and its regions (drawn or typed), light views,
//! reference specimen, bearer photos and the answer key of each kind; publication.

use crate::api::exercises::{course_exercises, exercise_findings, get_exercise_editor};
use crate::components::examine::RegionDrawer;
use crate::components::feedback::{Feedback, FieldMsg};
use crate::components::forms::{ConfirmSubmit, CsrfField, ErrorView};
use crate::components::page_title::{PageTitle, textarea_text};
use crate::i18n::{Msg, t};
use crate::model::exercise::{
    ExerciseEditor, ExerciseKind, FEATURE_KINDS, FORGERIES, LIGHTS, MRZ_FIELDS, Named, RegionSpec,
    VERDICTS, checklist_text,
};
use leptos::prelude::*;

/// URL of image `hash` at `size` (`full`, `display` or `thumb`).
pub fn image_url(hash: &str, size: &str) -> String {
    format!("/media/exercises/{hash}/{size}.jpg")
}

/// The label of code `code` in a (code, message) table.
pub fn label_in(table: &[(&str, Msg)], code: &str) -> String {
    table
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, m)| t(*m).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// A form posting one change (`op`) to the exercise editor, with the version it was made on.
#[component]
fn EditForm(
    id: i64,
    /// The version of the exercise the editor shows.
    version: i32,
    op: &'static str,
    #[prop(optional, into)] class: String,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="post" action=format!("/author/exercises/{id}/edit") class=class>
            <CsrfField />
            <input type="hidden" name="op" value=op />
            <input type="hidden" name="version" value=version />
            {children()}
        </form>
    }
}

/// An upload form adding an image with `role` (or a light chosen in the form when `role` is
/// empty).
#[component]
fn ImageForm(
    id: i64,
    role: &'static str,
    label: Msg,
    #[prop(optional)] lights: bool,
) -> impl IntoView {
    let field_id = format!("file-{}", if role.is_empty() { "light" } else { role });
    view! {
        <form method="post" action=format!("/author/exercises/{id}/images") enctype="multipart/form-data" class="row">
            <CsrfField />
            {if lights {
                view! {
                    <label for="view-light">{t(Msg::AddLightView)}</label>
                    <select id="view-light" name="role">
                        {LIGHTS.iter().map(|(c, m)| view! { <option value=*c>{t(*m)}</option> }).collect_view()}
                    </select>
                }.into_any()
            } else {
                view! {
                    <input type="hidden" name="role" value=role />
                    <label for=field_id.clone()>{t(label)}</label>
                }.into_any()
            }}
            <input type="file" id=field_id name="file" accept=".png,.jpg,.jpeg,.webp" required />
            <button type="submit">{t(Msg::Upload)}</button>
        </form>
    }
}

/// The fields of a region: shape, coordinates, anomaly or genuine, feature kind, label and
/// explanation. `prefix` keeps ids unique; the new-region form's ids are the ones the drawing
/// island fills.
#[component]
fn RegionFields(prefix: String, region: Option<RegionSpec>) -> impl IntoView {
    let (shape, coords) = region
        .as_ref()
        .map(|r| {
            let (s, c) = r.outline.to_text();
            (s.to_owned(), c)
        })
        .unwrap_or_else(|| ("rect".to_owned(), String::new()));
    let anomaly = region.as_ref().is_none_or(|r| r.anomaly);
    let kind = region.as_ref().map(|r| r.kind.clone()).unwrap_or_default();
    let label = region.as_ref().map(|r| r.label.clone()).unwrap_or_default();
    let explanation = region.map(|r| r.explanation).unwrap_or_default();
    let id = move |f: &str| format!("{prefix}-{f}");
    view! {
        <div class="field-row">
            <div class="field">
                <label for=id("shape")>{t(Msg::ShapeLabel)}</label>
                <select id=id("shape") name="shape">
                    <option value="rect" selected=shape == "rect">{t(Msg::ShapeRect)}</option>
                    <option value="circle" selected=shape == "circle">{t(Msg::ShapeCircle)}</option>
                    <option value="polygon" selected=shape == "polygon">{t(Msg::ShapePolygon)}</option>
                </select>
            </div>
            <div class="field grow">
                <label for=id("coords")>{t(Msg::CoordsLabel)}</label>
                <input id=id("coords") name="coords" value=coords required autocomplete="off" spellcheck="false" />
            </div>
        </div>
        <div class="field-row">
            <fieldset class="field">
                <legend class="visually-hidden">{t(Msg::AnomalyWord)}</legend>
                <label class="option"><input type="radio" name="anomaly" value="1" checked=anomaly /> " " {t(Msg::AnomalyWord)}</label>
                <label class="option"><input type="radio" name="anomaly" value="0" checked=!anomaly /> " " {t(Msg::GenuineFeature)}</label>
            </fieldset>
            <div class="field">
                <label for=id("feature")>{t(Msg::FeatureKind)}</label>
                <select id=id("feature") name="feature">
                    {FEATURE_KINDS.iter().map(|(c, m)| view! { <option value=*c selected=kind == *c>{t(*m)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field grow">
                <label for=id("label")>{t(Msg::RegionLabel)}</label>
                <input id=id("label") name="label" value=label maxlength="200" required />
            </div>
        </div>
        <div class="field">
            <label for=id("explanation")>{t(Msg::ExplanationLabel)}</label>
            <textarea id=id("explanation") name="explanation" rows="2">{textarea_text(&explanation)}</textarea>
        </div>
    }
}

/// The overlay of the regions drawn so far, as SVG markup in full-image pixels.
pub fn regions_svg(
    regions: &[RegionSpec],
    width: i32,
    height: i32,
    class_of: impl Fn(&RegionSpec) -> &'static str,
) -> String {
    let mut out = format!(
        r#"<svg class="marks regions" viewBox="0 0 {width} {height}" preserveAspectRatio="none" aria-hidden="true">"#
    );
    let font = width.max(height) as f64 / 45.0;
    for r in regions {
        out.push_str(&r.outline.svg(class_of(r)));
        let c = r.outline.centre();
        out.push_str(&format!(
            r#"<text class="region-id" x="{:.0}" y="{:.0}" font-size="{font:.0}">{}</text>"#,
            c.x,
            c.y,
            html_escape(&r.id)
        ));
    }
    out.push_str("</svg>");
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn regions_section(e: &ExerciseEditor) -> impl IntoView + use<> {
    let id = e.id;
    let version = e.version;
    let overlay = regions_svg(&e.spec.regions, e.image.width, e.image.height, |r| {
        if r.anomaly {
            "region anomaly"
        } else {
            "region genuine"
        }
    });
    let labels = vec![
        t(Msg::DrawRect).to_owned(),
        t(Msg::DrawCircle).to_owned(),
        t(Msg::DrawPolygon).to_owned(),
        t(Msg::FinishPolygon).to_owned(),
        e.title.clone(),
    ];
    view! {
        <section class="panel" id="regions">
            <h2>{t(Msg::ExerciseRegions)}</h2>
            <RegionDrawer display=image_url(&e.image.hash, "display") width=e.image.width height=e.image.height labels=labels>
                <div class="overlay" inner_html=overlay></div>
            </RegionDrawer>
            <p class="hint">{t(Msg::CoordsHint)} " (" {format!("{} × {}", e.image.width, e.image.height)} ")"</p>
            <table class="data" tabindex="0" id="region-list">
                <thead><tr>
                    <th scope="col">"#"</th>
                    <th scope="col">{t(Msg::RegionLabel)}</th>
                    <th scope="col">{t(Msg::FeatureKind)}</th>
                    <th scope="col">{t(Msg::Kind)}</th>
                    <th scope="col">{t(Msg::Actions)}</th>
                </tr></thead>
                <tbody>
                    {e.spec.regions.clone().into_iter().map(|r| {
                        let rid = r.id.clone();
                        let rid2 = r.id.clone();
                        view! {
                            <tr>
                                <td>{r.id.clone()}</td>
                                <td>{r.label.clone()}</td>
                                <td>{label_in(&FEATURE_KINDS, &r.kind)}</td>
                                <td>{t(if r.anomaly { Msg::AnomalyWord } else { Msg::GenuineFeature })}</td>
                                <td>
                                    <details>
                                        <summary>{t(Msg::Edit)}</summary>
                                        <EditForm id=id version=version op="region" class="stack">
                                            <input type="hidden" name="region" value=rid.clone() />
                                            <RegionFields prefix=format!("region-{rid}") region=Some(r.clone()) />
                                            <button type="submit">{t(Msg::Save)}</button>
                                        </EditForm>
                                    </details>
                                    <EditForm id=id version=version op="region_delete" class="inline">
                                        <input type="hidden" name="region" value=rid2 />
                                        <ConfirmSubmit label=t(Msg::Delete).to_string() question=Msg::ConfirmDelete />
                                    </EditForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{t(Msg::AddRegion)}</h3>
            <EditForm id=id version=version op="region" class="stack">
                <RegionFields prefix="new-region".to_owned() region=None />
                <FieldMsg field="coords" />
                <FieldMsg field="label" />
                <button type="submit" id="add-region" class="primary">{t(Msg::AddRegion)}</button>
            </EditForm>
        </section>
    }
}

fn views_section(e: &ExerciseEditor) -> impl IntoView + use<> {
    let id = e.id;
    let version = e.version;
    view! {
        <section class="panel" id="light-views">
            <h2>{t(Msg::LightViewsTitle)}</h2>
            {e.spec.views.clone().into_iter().enumerate().map(|(i, v)| {
                let options = v.options.join("\n");
                view! {
                    <article class="light-view">
                        <h3>{label_in(&LIGHTS, &v.light)}</h3>
                        <img class="thumb" src=image_url(&v.image.hash, "thumb") alt=label_in(&LIGHTS, &v.light) />
                        <EditForm id=id version=version op="view" class="stack">
                            <input type="hidden" name="view" value=i />
                            <div class="field">
                                <label for=format!("view-question-{i}")>{t(Msg::ViewQuestion)}</label>
                                <input id=format!("view-question-{i}") name="question" value=v.question.clone() maxlength="500" required />
                            </div>
                            <div class="field">
                                <label for=format!("view-options-{i}")>{t(Msg::ViewOptions)}</label>
                                <textarea id=format!("view-options-{i}") name="options" rows="3">{textarea_text(&options)}</textarea>
                            </div>
                            <div class="field-row">
                                <div class="field">
                                    <label for=format!("view-correct-{i}")>{t(Msg::ViewCorrect)}</label>
                                    <input id=format!("view-correct-{i}") name="correct" type="number" min="1" max="8" value=v.correct + 1 />
                                </div>
                                <div class="field">
                                    <label for=format!("view-feature-{i}")>{t(Msg::FeatureKind)}</label>
                                    <select id=format!("view-feature-{i}") name="feature">
                                        {FEATURE_KINDS.iter().map(|(c, m)| view! { <option value=*c selected=v.kind == *c>{t(*m)}</option> }).collect_view()}
                                    </select>
                                </div>
                            </div>
                            <div class="field">
                                <label for=format!("view-explanation-{i}")>{t(Msg::ExplanationLabel)}</label>
                                <textarea id=format!("view-explanation-{i}") name="explanation" rows="2">{textarea_text(&v.explanation)}</textarea>
                            </div>
                            <button type="submit">{t(Msg::Save)}</button>
                        </EditForm>
                        <EditForm id=id version=version op="view_delete" class="inline">
                            <input type="hidden" name="view" value=i />
                            <ConfirmSubmit label=t(Msg::Delete).to_string() question=Msg::ConfirmDelete />
                        </EditForm>
                    </article>
                }
            }).collect_view()}
            <FieldMsg field="options" />
            <FieldMsg field="correct" />
            <ImageForm id=id role="" label=Msg::AddLightView lights=true />
        </section>
    }
}

fn verdict_section(e: &ExerciseEditor) -> impl IntoView + use<> {
    let key = e.spec.verdict.clone();
    let verdict = key.as_ref().map(|k| k.verdict.clone()).unwrap_or_default();
    let forgery = key.as_ref().map(|k| k.forgery.clone()).unwrap_or_default();
    let features = key
        .as_ref()
        .map(|k| checklist_text(&k.features))
        .unwrap_or_default();
    view! {
        <section class="panel" id="key">
            <h2>{t(Msg::AnswerKey)}</h2>
            <EditForm id=e.id version=e.version op="verdict" class="stack">
                <div class="field">
                    <label for="key-verdict">{t(Msg::VerdictQuestion)}</label>
                    <select id="key-verdict" name="verdict">
                        {VERDICTS.iter().map(|(c, m)| view! { <option value=*c selected=verdict == *c>{t(*m)}</option> }).collect_view()}
                    </select>
                    <FieldMsg field="verdict" />
                </div>
                <div class="field">
                    <label for="key-forgery">{t(Msg::ForgeryQuestion)}</label>
                    <select id="key-forgery" name="forgery">
                        <option value="">"—"</option>
                        {FORGERIES.iter().map(|(c, m)| view! { <option value=*c selected=forgery == *c>{t(*m)}</option> }).collect_view()}
                    </select>
                    <FieldMsg field="forgery" />
                </div>
                <div class="field">
                    <label for="key-features">{t(Msg::FeaturesChecklist)}</label>
                    <textarea id="key-features" name="features" rows="6" aria-describedby="features-hint">{textarea_text(&features)}</textarea>
                    <span class="hint" id="features-hint">{t(Msg::ChecklistHint)}</span>
                </div>
                <button type="submit" class="primary" id="save-key">{t(Msg::Save)}</button>
            </EditForm>
        </section>
    }
}

fn mrz_section(e: &ExerciseEditor) -> impl IntoView + use<> {
    let key = e.spec.mrz.clone();
    let lines = key.as_ref().map(|k| k.lines.join("\n")).unwrap_or_default();
    let viz_key = key.clone();
    let viz_value = move |f: &str| {
        viz_key
            .as_ref()
            .and_then(|k| k.viz.iter().find(|v| v.field == f))
            .map(|v| v.value.clone())
            .unwrap_or_default()
    };
    let viz_labels = [
        ("surname", Msg::VizSurname),
        ("given_names", Msg::VizGivenNames),
        ("document_number", Msg::MrzDocumentNumber),
        ("nationality", Msg::MrzNationality),
        ("birth_date", Msg::MrzBirthDate),
        ("sex", Msg::MrzSex),
        ("expiry_date", Msg::MrzExpiryDate),
    ];
    view! {
        <section class="panel" id="key">
            <h2>{t(Msg::AnswerKey)}</h2>
            <EditForm id=e.id version=e.version op="mrz" class="stack">
                <div class="field">
                    <label for="mrz-lines">{t(Msg::MrzLinesLabel)}</label>
                    <textarea id="mrz-lines" name="mrz_lines" rows="3" class="mono" spellcheck="false">{textarea_text(&lines)}</textarea>
                    <FieldMsg field="mrz_lines" />
                </div>
                <fieldset>
                    <legend>{t(Msg::VizLabel)}</legend>
                    {viz_labels.into_iter().map(|(f, m)| {
                        let fid = format!("viz-{f}");
                        let hint = f.ends_with("_date").then(|| t(Msg::DateHint));
                        view! {
                            <div class="field">
                                <label for=fid.clone()>{t(m)} {hint.map(|h| format!(" ({h})"))}</label>
                                <input id=fid name=format!("viz_{f}") value=viz_value(f) maxlength="100" />
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="primary" id="save-key">{t(Msg::Save)}</button>
            </EditForm>
            {key.map(|k| if k.wrong.is_empty() {
                view! { <p class="banner banner-ok" id="mrz-key">{t(Msg::MrzAllConsistent)}</p> }.into_any()
            } else {
                view! {
                    <h3>{t(Msg::WrongFieldsKey)}</h3>
                    <ul id="mrz-key">
                        {k.reasons.iter().map(|(f, r)| view! { <li><strong>{label_in(&MRZ_FIELDS, f)}</strong> ": " {r.clone()}</li> }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

fn impostor_section(e: &ExerciseEditor) -> impl IntoView + use<> {
    let id = e.id;
    let version = e.version;
    let key = e.spec.impostor.clone();
    let same = key.as_ref().map(|k| k.same_person);
    let reasons = key
        .as_ref()
        .map(|k| checklist_text(&k.reasons))
        .unwrap_or_default();
    let bearers = key.map(|k| k.bearers).unwrap_or_default();
    view! {
        <section class="panel" id="bearers">
            <h2>{t(Msg::BearerPhotos)}</h2>
            <div class="gallery">
                {bearers.into_iter().enumerate().map(|(i, b)| view! {
                    <figure>
                        <img class="thumb" src=image_url(&b.hash, "thumb") alt=t(Msg::BearerPhotos) />
                        <EditForm id=id version=version op="bearer_delete" class="inline">
                            <input type="hidden" name="bearer" value=i />
                            <ConfirmSubmit label=t(Msg::Delete).to_string() question=Msg::ConfirmDelete />
                        </EditForm>
                    </figure>
                }).collect_view()}
            </div>
            <ImageForm id=id role="bearer" label=Msg::BearerPhotos />
        </section>
        <section class="panel" id="key">
            <h2>{t(Msg::AnswerKey)}</h2>
            <EditForm id=id version=version op="impostor" class="stack">
                <fieldset>
                    <legend>{t(Msg::SamePersonQuestion)}</legend>
                    <label class="option"><input type="radio" name="same" value="yes" checked=same == Some(true) /> " " {t(Msg::Yes)}</label>
                    <label class="option"><input type="radio" name="same" value="no" checked=same == Some(false) /> " " {t(Msg::No)}</label>
                    <FieldMsg field="same" />
                </fieldset>
                <div class="field">
                    <label for="key-reasons">{t(Msg::ReasonsChecklist)}</label>
                    <textarea id="key-reasons" name="reasons" rows="6" aria-describedby="reasons-hint">{textarea_text(&reasons)}</textarea>
                    <span class="hint" id="reasons-hint">{t(Msg::ChecklistHint)}</span>
                </div>
                <button type="submit" class="primary" id="save-key">{t(Msg::Save)}</button>
            </EditForm>
        </section>
    }
}

/// `/author/exercises/:id`.
#[component]
pub fn ExerciseEditorPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_exercise_editor(id).await {
                Ok(e) => {
                    let kind_section = match e.kind {
                        ExerciseKind::Anomalies => regions_section(&e).into_any(),
                        ExerciseKind::Compare => view! {
                            <section class="panel" id="reference">
                                <h2>{t(Msg::ReferenceSpecimen)}</h2>
                                {e.spec.reference.clone().map(|r| view! {
                                    <img class="thumb" id="reference-thumb" src=image_url(&r.hash, "thumb") alt=t(Msg::ReferenceSpecimen) />
                                })}
                                <ImageForm id=e.id role="reference" label=Msg::ReferenceSpecimen />
                            </section>
                            {regions_section(&e)}
                        }.into_any(),
                        ExerciseKind::LightViews => views_section(&e).into_any(),
                        ExerciseKind::Verdict => verdict_section(&e).into_any(),
                        ExerciseKind::Mrz => mrz_section(&e).into_any(),
                        ExerciseKind::Impostor => impostor_section(&e).into_any(),
                    };
                    let show_image = !e.kind.has_markers();
                    view! {
                        <PageTitle text=e.title.clone() />
                        <p class="breadcrumbs">
                            <a href="/author">{t(Msg::AuthoringTitle)}</a> " › "
                            <a href=format!("/author/courses/{}", e.course_slug)>{e.course_title.clone()}</a>
                            {e.class.clone().map(|(k, name)| view! {
                                " › " <a href=format!("/classes/{k}/exercises")>{name} " — " {t(Msg::Exercises)}</a>
                            })}
                        </p>
                        <h1>{e.title.clone()} " " <span class="badge">{t(e.kind.label())}</span> " "
                            {if e.published {
                                view! { <span class="badge badge-ok" id="exercise-status">{t(Msg::Published)}</span> }.into_any()
                            } else {
                                view! { <span class="badge badge-muted" id="exercise-status">{t(Msg::Draft)}</span> }.into_any()
                            }}
                        </h1>
                        <Feedback />
                        {e.class.clone().map(|(k, name)| view! {
                            <p class="banner" id="class-only">{t(Msg::ForClassOnly)} " "
                                <a href=format!("/classes/{k}")>{name}</a></p>
                        })}
                        <div class="panel">
                            {if e.problems.is_empty() && e.published {
                                view! { <p class="hint" id="exercise-ready">{t(Msg::PublishedForTrainees)}</p> }.into_any()
                            } else if e.problems.is_empty() {
                                view! { <p class="hint" id="exercise-ready">{t(Msg::ReadyToPublish)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="problems" id="exercise-problems">
                                        {e.problems.iter().map(|p| view! { <li>{t(*p)}</li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <p class="actions">
                                <a class="button" id="try-exercise" href=format!("/exercises/{}", e.id)>{t(Msg::TryAsTrainee)}</a>
                                " "
                                <EditForm id=e.id version=e.version op=if e.published { "unpublish" } else { "publish" } class="inline">
                                    <button type="submit" id="publish-exercise" class=if e.published { "" } else { "primary" }>
                                        {t(if e.published { Msg::Unpublish } else { Msg::Publish })}
                                    </button>
                                </EditForm>
                            </p>
                            <FieldMsg field="publish" />
                        </div>
                        {show_image.then(|| view! {
                            <figure class="exercise-figure">
                                <img src=image_url(&e.image.hash, "display") alt=e.title.clone() />
                            </figure>
                        })}
                        {kind_section}
                        <section class="panel">
                            <h2>{t(Msg::Edit)}</h2>
                            <EditForm id=e.id version=e.version op="meta" class="stack">
                                <div class="field">
                                    <label for="exercise-title">{t(Msg::Title)}</label>
                                    <input id="exercise-title" name="title" value=e.title.clone() maxlength="200" required />
                                    <FieldMsg field="title" />
                                </div>
                                <div class="field">
                                    <label for="exercise-module">{t(Msg::Module)}</label>
                                    <select id="exercise-module" name="module">
                                        <option value="">{t(Msg::NoModule)}</option>
                                        {e.modules.iter().map(|m| view! {
                                            <option value=m.id selected=e.module_id == Some(m.id)>{m.name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="exercise-instructions">{t(Msg::Instructions)}</label>
                                    <textarea id="exercise-instructions" name="instructions" rows="4">{textarea_text(&e.instructions)}</textarea>
                                </div>
                                <div class="field">
                                    <label for="exercise-explanation">{t(Msg::ExplanationLabel)}</label>
                                    <textarea id="exercise-explanation" name="explanation" rows="4">{textarea_text(&e.explanation)}</textarea>
                                </div>
                                <div class="field">
                                    <label for="exercise-time-limit">{t(Msg::TimeLimitSeconds)}</label>
                                    <input id="exercise-time-limit" name="time_limit" type="number" min=*assessments::examination::TIME_LIMIT_RANGE.start() max=*assessments::examination::TIME_LIMIT_RANGE.end() step="1" value=e.spec.time_limit_secs aria-describedby="exercise-time-limit-hint" />
                                    <p class="hint" id="exercise-time-limit-hint">{t(Msg::TimeLimitHint)}</p>
                                    <FieldMsg field="time_limit" />
                                </div>
                                {e.kind.has_markers().then(|| view! {
                                    <div class="field">
                                        <label for="exercise-penalty">{t(Msg::PenaltyLabel)}</label>
                                        <input id="exercise-penalty" name="penalty" type="number" min="0" max="1" step="0.05" value=e.spec.penalty />
                                        <FieldMsg field="penalty" />
                                    </div>
                                })}
                                <button type="submit" class="primary">{t(Msg::Save)}</button>
                            </EditForm>
                        </section>
                        <section class="panel">
                            <h2>{t(Msg::ReplaceImage)}</h2>
                            <ImageForm id=e.id role="main" label=Msg::ExerciseImage />
                            <FieldMsg field="file" />
                            <form method="post" action=format!("/author/exercises/{}/delete", e.id)>
                                <CsrfField />
                                <ConfirmSubmit label=t(Msg::DeleteExercise).to_string() question=Msg::ConfirmDelete id="delete-exercise" />
                            </form>
                        </section>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// The exercises of a course in its editor, with the form creating one.
#[component]
pub fn CourseExercises(slug: String) -> impl IntoView {
    let data = {
        let slug = slug.clone();
        move || {
            let slug = slug.clone();
            Suspend::new(async move {
                let rows = course_exercises(slug.clone()).await.unwrap_or_default();
                let findings = exercise_findings(slug.clone()).await.unwrap_or_default();
                view! {
                    {(!findings.is_empty()).then(|| view! {
                        <h3>{t(Msg::FindingsTitle)}</h3>
                        <table class="data" tabindex="0" id="exercise-findings">
                            <thead><tr>
                                <th scope="col">{t(Msg::FeatureKind)}</th>
                                <th scope="col">{t(Msg::FoundShare)}</th>
                                <th scope="col">{t(Msg::MissedWord)}</th>
                            </tr></thead>
                            <tbody>
                                {findings.into_iter().map(|(kind, found, total)| view! {
                                    <tr>
                                        <td>{label_in(&FEATURE_KINDS, &kind)}</td>
                                        <td>{format!("{found} / {total}")}</td>
                                        <td>{format!("{:.0} %", 100.0 * (total - found) as f64 / total.max(1) as f64)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                    {if rows.is_empty() {
                        view! { <p class="hint">{t(Msg::NoExercisesYet)}</p> }.into_any()
                    } else {
                        exercise_table("exercise-list", rows).into_any()
                    }}
                }
            })
        }
    };
    view! {
        <section class="panel" id="exercises">
            <h2>{t(Msg::Exercises)}</h2>
            <Suspense fallback=|| ()>{data}</Suspense>
            <NewExercise action=format!("/author/courses/{slug}/exercises") />
        </section>
    }
}

/// Exercises as their authors list them: each title opens its editor.
pub fn exercise_table(
    id: &'static str,
    rows: Vec<crate::model::exercise::ExerciseRow>,
) -> impl IntoView {
    view! {
        <table class="data" tabindex="0" id=id>
            <thead><tr>
                <th scope="col">{t(Msg::Title)}</th>
                <th scope="col">{t(Msg::Kind)}</th>
                <th scope="col">{t(Msg::Module)}</th>
                <th scope="col">{t(Msg::Status)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <td><a href=format!("/author/exercises/{}", r.id)>{r.title}</a></td>
                        <td>{t(r.kind.label())}</td>
                        <td>{r.module.unwrap_or_default()}</td>
                        <td>{t(if r.published { Msg::Published } else { Msg::Draft })}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The two ways to a new exercise, posted to `action` (a course's or a class's exercises):
/// around an uploaded document image, or from a generated specimen (`{action}/generate`).
#[component]
pub fn NewExercise(action: String) -> impl IntoView {
    let generate = format!("{action}/generate");
    view! {
        <h3>{t(Msg::ExerciseNew)}</h3>
        <form method="post" action=action enctype="multipart/form-data" class="stack">
            <CsrfField />
            <div class="field">
                <label for="new-exercise-title">{t(Msg::Title)}</label>
                <input id="new-exercise-title" name="title" maxlength="200" required />
            </div>
            <div class="field">
                <label for="new-exercise-kind">{t(Msg::ExerciseKindLabel)}</label>
                <select id="new-exercise-kind" name="kind">
                    {ExerciseKind::ALL.iter().map(|k| view! { <option value=k.code()>{t(k.label())}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="new-exercise-file">{t(Msg::ExerciseImage)}</label>
                <input type="file" id="new-exercise-file" name="file" accept=".png,.jpg,.jpeg,.webp" required />
                <FieldMsg field="file" />
            </div>
            <button type="submit" class="primary" id="create-exercise">{t(Msg::Create)}</button>
        </form>
        <h3>{t(Msg::GenerateExercise)}</h3>
        <p class="hint">{t(Msg::GenerateHint)}</p>
        <form method="post" action=generate class="stack">
            <CsrfField />
            <div class="field-row">
                <div class="field">
                    <label for="generate-kind">{t(Msg::ExerciseKindLabel)}</label>
                    <select id="generate-kind" name="kind">
                        {ExerciseKind::ALL.iter().map(|k| view! { <option value=k.code()>{t(k.label())}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="generate-seed">{t(Msg::SeedLabel)}</label>
                    <input id="generate-seed" name="seed" inputmode="numeric" maxlength="20" />
                    <FieldMsg field="seed" />
                </div>
            </div>
            <button type="submit" id="generate-exercise">{t(Msg::Generate)}</button>
        </form>
    }
}
