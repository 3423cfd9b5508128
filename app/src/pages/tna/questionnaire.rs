//! `/tna/questionnaires/:id`: the questionnaire builder — sections, items of six kinds,
//! required items, skip logic, the competency each item measures, English and French text —
//! and, for a version a campaign has opened with, a read-only view with "new version".

use crate::api::tna::get_questionnaire;
use crate::components::feedback::{Feedback, Typed, field_has_error};
use crate::components::forms::{ConfirmSubmit, CsrfField, ErrorView, PostForm, int_param};
use crate::components::page_title::{PageTitle, textarea_text};
use crate::i18n::{Msg, t};
use crate::model::tna::{ConditionView, ItemView, SectionView};
use leptos::prelude::*;

const KINDS: [(&str, Msg); 7] = [
    ("dual", Msg::KindDual),
    ("likert", Msg::KindLikert),
    ("single", Msg::KindSingle),
    ("multiple", Msg::KindMultiple),
    ("barriers", Msg::KindBarriers),
    ("text", Msg::KindText),
    ("numeric", Msg::KindNumeric),
];

/// The label of an item kind.
pub fn kind_label(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, m)| t(*m))
}

/// A condition in words.
pub fn condition_text(c: &ConditionView) -> String {
    let op = match c.op.as_str() {
        "equals" => "=",
        "in" => "∈",
        _ => "≥",
    };
    format!("{}: {} {op} {}", t(Msg::ShownIf), c.item, c.value)
}

/// The skip-logic fields of an item or section form.
fn condition_fields(
    prefix: String,
    current: Option<ConditionView>,
    items: Vec<String>,
) -> impl IntoView {
    let c = current.unwrap_or(ConditionView {
        item: String::new(),
        op: "equals".into(),
        value: String::new(),
    });
    view! {
        <fieldset class="row condition">
            <legend>{t(Msg::SkipLogic)}</legend>
            <div class="field">
                <label for=format!("{prefix}-cond-item")>{t(Msg::ShownIf)}</label>
                <select id=format!("{prefix}-cond-item") name="cond_item">
                    <option value="">{t(Msg::AlwaysShown)}</option>
                    {items.into_iter().map(|i| {
                        let selected = i == c.item;
                        view! { <option value=i.clone() selected=selected>{i.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=format!("{prefix}-cond-op")>{t(Msg::Test)}</label>
                <select id=format!("{prefix}-cond-op") name="cond_op">
                    <option value="equals" selected=c.op == "equals">{t(Msg::CondEquals)}</option>
                    <option value="in" selected=c.op == "in">{t(Msg::CondIn)}</option>
                    <option value="at_least" selected=c.op == "at_least">{t(Msg::CondAtLeast)}</option>
                </select>
            </div>
            <div class="field">
                <label for=format!("{prefix}-cond-value")>{t(Msg::Value)}</label>
                <input id=format!("{prefix}-cond-value") name="cond_value" value=c.value.clone() maxlength="200" />
            </div>
        </fieldset>
    }
}

/// What was typed into this page's form `op` (for the section `section` and the item or
/// section first called `original`; empty for a new one), if the server just refused it.
fn kept(id: i64, op: &str, section: &str, original: &str) -> Option<Typed> {
    let typed = Typed::for_form(&format!("/tna/questionnaires/{id}/edit"));
    let mine = typed.get("op").as_deref() == Some(op)
        && (op != "item" || typed.get("section").as_deref() == Some(section))
        && typed.get("original").unwrap_or_default() == original;
    mine.then_some(typed)
}

/// The skip rule as typed into a refused form.
fn kept_condition(k: &Typed) -> ConditionView {
    ConditionView {
        item: k.or("cond_item", ""),
        op: k.or("cond_op", "equals"),
        value: k.or("cond_value", ""),
    }
}

/// The form adding (`item` = `None`) or editing an item.
fn item_form(
    id: i64,
    section: String,
    item: Option<ItemView>,
    competencies: Vec<(String, String)>,
    earlier: Vec<String>,
) -> impl IntoView {
    let prefix = item
        .as_ref()
        .map_or_else(|| format!("new-{section}"), |i| format!("edit-{}", i.id));
    let i = item.clone().unwrap_or(ItemView {
        id: String::new(),
        kind: "dual".into(),
        required: false,
        text: Default::default(),
        competency: None,
        options: Vec::new(),
        min: None,
        max: None,
        show_if: None,
    });
    let options = i
        .options
        .iter()
        .map(|(id, t)| format!("{id} | {} | {}", t.en, t.fr))
        .collect::<Vec<_>>()
        .join("\n");
    let current_competency = i.competency.clone().map(|c| c.0).unwrap_or_default();
    let (mut i, mut options, mut current_competency) = (i, options, current_competency);
    let mut min = i.min.map(|v| v.to_string()).unwrap_or_default();
    let mut max = i.max.map(|v| v.to_string()).unwrap_or_default();
    // Refused, this form comes back as it was sent, with the reason; it still edits the item
    // it was opened for (`original`), whatever id was typed.
    let original = i.id.clone();
    let kept = kept(id, "item", &section, &original);
    if let Some(k) = &kept {
        i.id = k.or("id", "");
        i.kind = k.or("kind", i.kind.clone());
        i.required = k.chose("required", "1", false);
        i.text.en = k.or("text_en", "");
        i.text.fr = k.or("text_fr", "");
        current_competency = k.or("competency", "");
        options = k.or("options", "");
        min = k.or("min", "");
        max = k.or("max", "");
        i.show_if = Some(kept_condition(k));
    }
    let p = prefix.clone();
    view! {
        <form method="post" action=format!("/tna/questionnaires/{id}/edit") class="stack item-form" id=format!("{prefix}-form")>
            <CsrfField />
            {kept.is_some().then(|| view! { <p class="field-error" role="alert" id=format!("{prefix}-error")>{crate::components::feedback::error_text()}</p> })}
            <input type="hidden" name="op" value="item" />
            <input type="hidden" name="section" value=section />
            <input type="hidden" name="original" value=original />
            <div class="row">
                <div class="field">
                    <label for=format!("{p}-id")>{t(Msg::ItemIdLabel)}</label>
                    <input id=format!("{p}-id") name="id" value=i.id.clone() required maxlength="64" pattern=crate::validate::ID_PATTERN />
                </div>
                <div class="field">
                    <label for=format!("{p}-kind")>{t(Msg::ItemKindLabel)}</label>
                    <select id=format!("{p}-kind") name="kind">
                        {KINDS.iter().map(|(k, m)| view! {
                            <option value=*k selected=*k == i.kind>{t(*m)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <label class="check"><input type="checkbox" name="required" value="1" checked=i.required id=format!("{p}-required") /> {t(Msg::RequiredItem)}</label>
            </div>
            <div class="field">
                <label for=format!("{p}-en")>{t(Msg::TextEn)}</label>
                <textarea id=format!("{p}-en") name="text_en" rows="2" required>{textarea_text(&i.text.en)}</textarea>
            </div>
            <div class="field">
                <label for=format!("{p}-fr")>{t(Msg::TextFr)}</label>
                <textarea id=format!("{p}-fr") name="text_fr" rows="2" required>{textarea_text(&i.text.fr)}</textarea>
            </div>
            <div class="field">
                <label for=format!("{p}-competency")>{t(Msg::CompetencyMeasured)}</label>
                <select id=format!("{p}-competency") name="competency">
                    <option value="">{t(Msg::NoCompetency)}</option>
                    {competencies.into_iter().map(|(cid, title)| {
                        let selected = cid == current_competency;
                        view! { <option value=cid.clone() selected=selected>{format!("{title} ({cid})")}</option> }
                    }).collect_view()}
                </select>
                <span class="hint">{t(Msg::CompetencyMeasuredHint)}</span>
            </div>
            <div class="field">
                <label for=format!("{p}-options")>{t(Msg::OptionsLabel)}</label>
                <textarea id=format!("{p}-options") name="options" rows="3" placeholder="airport | Airport | Aéroport">{textarea_text(&options)}</textarea>
                <span class="hint">{t(Msg::OptionsHint)}</span>
            </div>
            <div class="row">
                <div class="field">
                    <label for=format!("{p}-min")>{t(Msg::Minimum)}</label>
                    <input id=format!("{p}-min") name="min" inputmode="decimal" value=min />
                </div>
                <div class="field">
                    <label for=format!("{p}-max")>{t(Msg::Maximum)}</label>
                    <input id=format!("{p}-max") name="max" inputmode="decimal" value=max />
                </div>
            </div>
            {condition_fields(prefix.clone(), i.show_if.clone(), earlier)}
            <button type="submit" class="primary" id=format!("{prefix}-save")>{if item.is_some() { t(Msg::Save) } else { t(Msg::AddItem) }}</button>
        </form>
    }
}

fn small_post(
    id: i64,
    op: &'static str,
    item: String,
    extra: Option<(&'static str, &'static str)>,
    label: &'static str,
    button_id: String,
) -> impl IntoView {
    view! {
        <form method="post" action=format!("/tna/questionnaires/{id}/edit") class="inline">
            <CsrfField />
            <input type="hidden" name="op" value=op />
            <input type="hidden" name="item" value=item />
            {extra.map(|(k, v)| view! { <input type="hidden" name=k value=v /> })}
            {if op == "delete" {
                view! { <ConfirmSubmit label=label.to_string() question=Msg::ConfirmDelete id=button_id /> }.into_any()
            } else {
                view! { <button type="submit" class="link-button" id=button_id>{label}</button> }.into_any()
            }}
        </form>
    }
}

/// One item as shown in the builder.
fn item_card(
    id: i64,
    section: String,
    item: ItemView,
    editable: bool,
    competencies: Vec<(String, String)>,
    earlier: Vec<String>,
) -> impl IntoView {
    let failed = field_has_error(&item.id);
    let item_id = item.id.clone();
    view! {
        <li class=if failed { "item-card has-error" } else { "item-card" } id=format!("item-{}", item.id)>
            <p>
                <code>{item.id.clone()}</code> " · " {kind_label(&item.kind)}
                {item.required.then(|| view! { " · " <strong>{t(Msg::RequiredItem)}</strong> })}
                {item.competency.clone().map(|(_, title)| view! { " · " <span class="tag">{title}</span> })}
            </p>
            <p lang="en">{item.text.en.clone()}</p>
            <p lang="fr" class="hint">{item.text.fr.clone()}</p>
            {(!item.options.is_empty()).then(|| view! {
                <ul class="options">{item.options.iter().map(|(oid, o)| view! { <li><code>{oid.clone()}</code> " " <span lang="en">{o.en.clone()}</span> " / " <span lang="fr">{o.fr.clone()}</span></li> }).collect_view()}</ul>
            })}
            {item.show_if.as_ref().map(|c| view! { <p class="hint skip-rule">{condition_text(c)}</p> })}
            {failed.then(|| view! { <p class="field-error">{crate::components::feedback::error_text()}</p> })}
            {editable.then(|| view! {
                <p class="actions">
                    {small_post(id, "move", item_id.clone(), Some(("dir", "up")), t(Msg::MoveUp), format!("up-{item_id}"))}
                    " "
                    {small_post(id, "move", item_id.clone(), Some(("dir", "down")), t(Msg::MoveDown), format!("down-{item_id}"))}
                    " "
                    {small_post(id, "delete", item_id.clone(), None, t(Msg::Delete), format!("delete-{item_id}"))}
                </p>
                <details open=kept(id, "item", &section, &item.id).is_some()>
                    <summary>{t(Msg::Edit)}</summary>
                    {item_form(id, section.clone(), Some(item.clone()), competencies, earlier)}
                </details>
            })}
        </li>
    }
}

fn section_block(
    id: i64,
    s: SectionView,
    editable: bool,
    competencies: Vec<(String, String)>,
    all_items: Vec<String>,
) -> impl IntoView {
    let section_id = s.id.clone();
    let failed = field_has_error(&s.id);
    let edited = kept(id, "section", "", &section_id);
    let items = s.items.clone();
    let before: Vec<String> = {
        let first = items.first().map(|i| i.id.clone());
        all_items
            .iter()
            .take_while(|i| Some(*i) != first.as_ref())
            .cloned()
            .collect()
    };
    view! {
        <section class=if failed { "panel q-section has-error" } else { "panel q-section" } id=format!("section-{}", s.id)>
            <h2><span lang="en">{s.title.en.clone()}</span> <span class="hint" lang="fr">" / " {s.title.fr.clone()}</span></h2>
            {s.show_if.as_ref().map(|c| view! { <p class="hint skip-rule">{condition_text(c)}</p> })}
            <ol class="items">
                {items.into_iter().map(|item| {
                    let earlier: Vec<String> = all_items.iter().take_while(|i| **i != item.id).cloned().collect();
                    item_card(id, section_id.clone(), item, editable, competencies.clone(), earlier)
                }).collect_view()}
            </ol>
            {(editable && s.items.is_empty()).then(|| small_post(id, "delete", section_id.clone(), None, t(Msg::DeleteSection), format!("delete-section-{section_id}")))}
            {editable.then(|| view! {
                <details class="add-item" open=kept(id, "item", &section_id, "").is_some()>
                    <summary id=format!("add-item-{section_id}")>{t(Msg::AddItem)}</summary>
                    {item_form(id, section_id.clone(), None, competencies.clone(), all_items.clone())}
                </details>
                <details open=edited.is_some()>
                    <summary>{t(Msg::EditSection)}</summary>
                    <form method="post" action=format!("/tna/questionnaires/{id}/edit") class="stack">
                        <CsrfField />
                        <input type="hidden" name="op" value="section" />
                        <input type="hidden" name="original" value=section_id.clone() />
                        <input type="hidden" name="id" value=section_id.clone() />
                        <div class="field"><label for=format!("s-{section_id}-en")>{t(Msg::TitleEn)}</label>
                            <input id=format!("s-{section_id}-en") name="title_en" value=edited.as_ref().map_or_else(|| s.title.en.clone(), |k| k.or("title_en", "")) required /></div>
                        <div class="field"><label for=format!("s-{section_id}-fr")>{t(Msg::TitleFr)}</label>
                            <input id=format!("s-{section_id}-fr") name="title_fr" value=edited.as_ref().map_or_else(|| s.title.fr.clone(), |k| k.or("title_fr", "")) required /></div>
                        {condition_fields(format!("s-{section_id}"), edited.as_ref().map_or_else(|| s.show_if.clone(), |k| Some(kept_condition(k))), before)}
                        <button type="submit">{t(Msg::Save)}</button>
                    </form>
                </details>
            })}
        </section>
    }
}

/// The builder page.
#[component]
pub fn QuestionnairePage() -> impl IntoView {
    let id = int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_questionnaire(id).await {
                Ok(q) => {
                    let editable = !q.row.locked;
                    let all_items: Vec<String> = q
                        .sections
                        .iter()
                        .flat_map(|s| s.items.iter().map(|i| i.id.clone()))
                        .collect();
                    let competencies = q.competencies.clone();
                    view! {
                        <PageTitle text=format!("{} (v{})", q.row.title, q.row.number) />
                        <p class="breadcrumbs"><a href="/tna">{t(Msg::TnaTitle)}</a></p>
                        <h1>{q.title.en.clone()} " " <span class="hint">{format!("v{}", q.row.number)}</span></h1>
                        <Feedback />
                        {q.newer.map(|n| view! { <p class="banner banner-warning"><a href=format!("/tna/questionnaires/{n}")>{t(Msg::NewerVersion)}</a></p> })}
                        {if editable {
                            view! { <p class="hint">{t(Msg::BuilderHelp)}</p> }.into_any()
                        } else {
                            view! {
                                <p class="banner banner-warning" id="locked">{t(Msg::ErrQuestionnaireInUse)}</p>
                                <PostForm action="/api/tna/questionnaires/version" class="inline">
                                    <input type="hidden" name="id" value=id />
                                    <button type="submit" class="primary" id="new-version">{t(Msg::NewVersion)}</button>
                                </PostForm>
                            }.into_any()
                        }}
                        <p class="actions">
                            <a class="button" href=format!("/tna/questionnaires/{id}/print") id="print-link">{t(Msg::PaperVersion)}</a>
                        </p>
                        {editable.then(|| {
                            let m = kept(id, "meta", "", "");
                            let title_en = m.as_ref().map_or_else(|| q.title.en.clone(), |k| k.or("title_en", ""));
                            let title_fr = m.as_ref().map_or_else(|| q.title.fr.clone(), |k| k.or("title_fr", ""));
                            let intro_en = m.as_ref().map_or_else(|| q.intro.en.clone(), |k| k.or("intro_en", ""));
                            let intro_fr = m.as_ref().map_or_else(|| q.intro.fr.clone(), |k| k.or("intro_fr", ""));
                            view! {
                            <details class="panel" open=m.is_some()>
                                <summary>{t(Msg::TitleAndIntro)}</summary>
                                <form method="post" action=format!("/tna/questionnaires/{id}/edit") class="stack">
                                    <CsrfField />
                                    <input type="hidden" name="op" value="meta" />
                                    <div class="field"><label for="m-title-en">{t(Msg::TitleEn)}</label><input id="m-title-en" name="title_en" value=title_en required maxlength="300" /></div>
                                    <div class="field"><label for="m-title-fr">{t(Msg::TitleFr)}</label><input id="m-title-fr" name="title_fr" value=title_fr required maxlength="300" /></div>
                                    <div class="field"><label for="m-intro-en">{t(Msg::IntroEn)}</label><textarea id="m-intro-en" name="intro_en" rows="5">{textarea_text(&intro_en)}</textarea></div>
                                    <div class="field"><label for="m-intro-fr">{t(Msg::IntroFr)}</label><textarea id="m-intro-fr" name="intro_fr" rows="5">{textarea_text(&intro_fr)}</textarea></div>
                                    <button type="submit">{t(Msg::Save)}</button>
                                </form>
                            </details>
                        }})}
                        {q.sections.into_iter().map(|s| section_block(id, s, editable, competencies.clone(), all_items.clone())).collect_view()}
                        {editable.then(|| {
                            let all = all_items.clone();
                            let n = kept(id, "section", "", "");
                            let typed = |name: &str| n.as_ref().and_then(|k| k.get(name));
                            view! {
                                <details class="panel" open=n.is_some()>
                                    <summary id="add-section">{t(Msg::AddSection)}</summary>
                                    <form method="post" action=format!("/tna/questionnaires/{id}/edit") class="stack">
                                        <CsrfField />
                                        <input type="hidden" name="op" value="section" />
                                        <div class="field"><label for="ns-id">{t(Msg::ItemIdLabel)}</label><input id="ns-id" name="id" required maxlength="64" pattern=crate::validate::ID_PATTERN value=typed("id") /></div>
                                        <div class="field"><label for="ns-en">{t(Msg::TitleEn)}</label><input id="ns-en" name="title_en" required value=typed("title_en") /></div>
                                        <div class="field"><label for="ns-fr">{t(Msg::TitleFr)}</label><input id="ns-fr" name="title_fr" required value=typed("title_fr") /></div>
                                        {condition_fields("ns".to_owned(), n.as_ref().map(kept_condition), all)}
                                        <button type="submit" id="ns-save">{t(Msg::AddSection)}</button>
                                    </form>
                                </details>
                            }
                        })}
                        <details class="panel">
                            <summary>{t(Msg::AsToml)}</summary>
                            <p class="hint">{t(Msg::AsTomlHint)}</p>
                            <form method="post" action=format!("/tna/questionnaires/{id}/edit") class="stack">
                                <CsrfField />
                                <input type="hidden" name="op" value="toml" />
                                <textarea name="toml" rows="24" class="code" aria-label=t(Msg::AsToml) readonly=!editable>{textarea_text(&q.toml)}</textarea>
                                {editable.then(|| view! { <button type="submit">{t(Msg::Save)}</button> })}
                            </form>
                        </details>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
