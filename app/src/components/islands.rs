//! The interactive islands: the only parts of the interface that run as WebAssembly. Each
//! renders useful HTML on the server, so the page works before (or without) the bundle.

use leptos::prelude::*;

/// A search box that hides the rows of table `#target` not containing what is typed.
#[island]
pub fn TableFilter(target: String, label: String) -> impl IntoView {
    let (text, set_text) = signal(String::new());
    #[cfg(feature = "hydrate")]
    Effect::new({
        let target = target.clone();
        move |_| filter_rows(&target, &text.get().to_lowercase())
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (&target, text);
    view! {
        <label class="table-filter">
            <span>{label}</span>
            <input
                type="search"
                id="table-filter"
                autocomplete="off"
                on:input=move |ev| set_text.set(event_target_value(&ev))
            />
        </label>
    }
}

#[cfg(feature = "hydrate")]
fn filter_rows(target: &str, needle: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(rows) = doc.query_selector_all(&format!("#{target} tbody tr")) else {
        return;
    };
    for i in 0..rows.length() {
        let Some(row) = rows
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let text = row.text_content().unwrap_or_default().to_lowercase();
        row.set_hidden(!needle.is_empty() && !text.contains(needle));
    }
}

/// A drill's clock: the seconds left, counting down once a second in the browser (the server
/// keeps the real clock; without the bundle the page shows the seconds left when it was
/// opened). At zero it says the time is up, announced once to screen readers.
#[island]
pub fn DrillClock(left: u32, label: String, unit: String, up_text: String) -> impl IntoView {
    let (left, set_left) = signal(left);
    #[cfg(feature = "hydrate")]
    {
        let ticking = set_interval_with_handle(
            move || set_left.update(|s| *s = s.saturating_sub(1)),
            std::time::Duration::from_secs(1),
        );
        if let Ok(handle) = ticking {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_left;
    view! {
        <p class="banner banner-warning drill-clock" id="drill-clock">
            <span role="timer" id="drill-seconds">{move || format!("{label} {} {unit}", left.get())}</span>
            " "
            <span aria-live="assertive" id="drill-up">{move || (left.get() == 0).then(|| up_text.clone())}</span>
        </p>
    }
}

/// The new-password and confirmation inputs, telling as you type whether they match.
#[island]
pub fn NewPasswordPair(
    new_label: String,
    confirm_label: String,
    matches_text: String,
    differs_text: String,
) -> impl IntoView {
    let (new, set_new) = signal(String::new());
    let (confirm, set_confirm) = signal(String::new());
    let status = move || {
        let (n, c) = (new.get(), confirm.get());
        if c.is_empty() {
            None
        } else if n == c {
            Some((true, matches_text.clone()))
        } else {
            Some((false, differs_text.clone()))
        }
    };
    view! {
        <div class="field">
            <label for="new">{new_label}</label>
            <input type="password" id="new" name="new" autocomplete="new-password" required minlength="10"
                on:input=move |ev| set_new.set(event_target_value(&ev)) />
        </div>
        <div class="field">
            <label for="confirm">{confirm_label}</label>
            <input type="password" id="confirm" name="confirm" autocomplete="new-password" required minlength="10"
                aria-describedby="confirm-status"
                on:input=move |ev| set_confirm.set(event_target_value(&ev)) />
            <span id="confirm-status" class="hint" aria-live="polite">
                {move || status().map(|(ok, text)| view! {
                    <span class=if ok { "ok" } else { "field-error" }>{if ok { "✓ " } else { "✗ " }}{text}</span>
                })}
            </span>
        </div>
    }
}

/// The lesson editor's Markdown text area with a live preview beside it. Without the bundle the
/// text area still posts with its form, and the preview shows the last saved version.
#[island]
pub fn MarkdownEditor(
    lesson_id: i64,
    initial: String,
    initial_preview: String,
    label: String,
    hint: String,
    preview_label: String,
) -> impl IntoView {
    let (preview, set_preview) = signal(initial_preview);
    let (generation, set_generation) = signal(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let mine = generation.get_untracked() + 1;
        set_generation.set(mine);
        #[cfg(feature = "hydrate")]
        set_timeout(
            move || {
                if generation.get_untracked() != mine {
                    return; // a newer keystroke will refresh the preview
                }
                leptos::task::spawn_local(async move {
                    let result =
                        crate::api::authoring::preview_lesson(lesson_id, text, csrf_token()).await;
                    if let Ok(html) = result
                        && generation.get_untracked() == mine
                    {
                        set_preview.set(html);
                    }
                });
            },
            std::time::Duration::from_millis(400),
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = (text, lesson_id, set_preview);
    };
    view! {
        <div class="editor">
            <div class="field">
                <label for="body">{label}</label>
                <span class="hint" id="body-hint">{hint}</span>
                <textarea id="body" name="body" rows="28" spellcheck="true" aria-describedby="body-hint" on:input=on_input>
                    {crate::components::page_title::textarea_text(&initial)}
                </textarea>
            </div>
            // Not a live region: a screen reader would read the whole lesson again at each pause
            // in typing. The preview is there to be read when the author moves to it.
            <section class="preview" aria-labelledby="preview-heading">
                <h2 id="preview-heading">{preview_label}</h2>
                <div class="lesson-body" id="preview" inner_html=move || preview.get()></div>
            </section>
        </div>
    }
}

/// The CSRF token the server put in the page's `<meta name="csrf-token">`.
#[cfg(feature = "hydrate")]
fn csrf_token() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=csrf-token]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default()
}

/// Saves each answer of a quiz attempt or a needs-analysis response as soon as it is given:
/// any change inside a question (`<fieldset data-q>`) of form `#form` posts that question's
/// fields, and skip rules are applied again. A question of several rating scales (importance
/// and performance) is saved once every scale has a choice: half an answer is still being
/// given, not an error. Saves may answer out of order on a slow link; the status shows the
/// outcome of the latest. Without the bundle the form's own "Save answers" button does the
/// same for every question at once, and every item stays visible.
///
/// A save the server refuses for what it holds (a number that is not one, an option that is
/// not offered, a closed campaign) says so, naming the question (its fieldset's
/// `data-label`) and the reason, from `problems` (message code, text: the strings come from
/// the server, so the bundle carries no catalogue); the question is marked until it saves.
/// Only a save that never got an answer says to check the connection.
#[island]
pub fn AutoSave(
    form: String,
    saved: String,
    failed: String,
    problems: Vec<(String, String)>,
) -> impl IntoView {
    let (status, set_status) = signal(String::new());
    // Marks the island live once hydrated, so people (and tests) can tell saving is automatic.
    let (live, set_live) = signal(false);
    #[cfg(feature = "hydrate")]
    {
        {
            let form = form.clone();
            Effect::new(move |_| {
                apply_skip_logic(&form);
                set_live.set(true);
            });
        }
        let form = form.clone();
        // The number of the latest save sent: only its answer sets the status.
        let latest = std::rc::Rc::new(std::cell::Cell::new(0u64));
        let handle = window_event_listener(leptos::ev::change, move |ev| {
            use wasm_bindgen::JsCast;
            let Some(fieldset) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| {
                    el.closest(&format!("#{form} fieldset[data-q]"))
                        .ok()
                        .flatten()
                })
            else {
                return;
            };
            apply_skip_logic(&form);
            if !every_scale_chosen(&fieldset) {
                return;
            }
            let Some(fields) = question_fields(&fieldset) else {
                return;
            };
            let (saved, failed, problems) = (saved.clone(), failed.clone(), problems.clone());
            let (target, id) = form_target(&form);
            let number = latest.get() + 1;
            latest.set(number);
            // The question remembers its own latest save: only that one marks it.
            let _ = fieldset.set_attribute("data-save", &number.to_string());
            let latest = latest.clone();
            leptos::task::spawn_local(async move {
                let result = if target == "responses" {
                    crate::api::tna::autosave_response(id, fields, csrf_token()).await
                } else {
                    crate::api::quizzes::autosave(id, fields, csrf_token()).await
                };
                let label = fieldset.get_attribute("data-label").unwrap_or_default();
                let refusal = match &result {
                    Err(crate::error::AppError::Validation(errors)) => errors.first().map(|e| {
                        let code = e.message.code();
                        problems
                            .iter()
                            .find(|(c, _)| c == code)
                            .map_or_else(|| failed.clone(), |(_, text)| text.clone())
                    }),
                    _ => None,
                };
                if fieldset.get_attribute("data-save") == Some(number.to_string()) {
                    let _ = if refusal.is_some() {
                        fieldset.class_list().add_1("has-error")
                    } else {
                        fieldset.class_list().remove_1("has-error")
                    };
                }
                if latest.get() != number {
                    return; // a later save speaks for the page
                }
                match (result, refusal) {
                    (Ok(at), _) => set_status.set(format!("{saved} {at}")),
                    (Err(_), Some(why)) if label.is_empty() => set_status.set(why),
                    (Err(_), Some(why)) => set_status.set(format!("{label}: {why}")),
                    (Err(_), None) => set_status.set(failed),
                }
            });
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (&form, &saved, &failed, &problems, set_status, set_live);
    view! {
        <p class="autosave hint" id="autosave-status" role="status" aria-live="polite" data-live=move || if live.get() { "1" } else { "0" }>
            {move || status.get()}
        </p>
    }
}

/// The messages a save can be refused with, for [`AutoSave`]'s `problems`: (code, text in
/// the reader's language).
pub fn save_problems() -> Vec<(String, String)> {
    use crate::i18n::{Msg, t};
    [
        Msg::ErrNotANumber,
        Msg::ErrNumber,
        Msg::ErrUnknownOption,
        Msg::ErrOutOfScale,
        Msg::ErrHalfDual,
        Msg::ErrTooLong,
        Msg::ErrNotInAttempt,
        Msg::ErrAttemptClosed,
        Msg::ErrTimeUp,
        Msg::ErrAlreadySubmitted,
        Msg::ErrCampaignClosed,
        Msg::ErrSaveRetry,
    ]
    .into_iter()
    .map(|m| (m.code().to_owned(), t(m).to_owned()))
    .collect()
}

/// What the form saves into, from its action (`/attempts/<id>/answers` or
/// `/responses/<id>/answers`): the kind and the id.
#[cfg(feature = "hydrate")]
fn form_target(form: &str) -> (String, i64) {
    let action = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(form))
        .and_then(|f| f.get_attribute("action"))
        .unwrap_or_default();
    let mut parts = action.split('/').skip(1);
    let kind = parts.next().unwrap_or_default().to_owned();
    let id = parts
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_default();
    (kind, id)
}

/// Shows and hides the sections and items of form `#form` whose skip rule
/// (`data-show-item`, `data-show-op`, `data-show-value`) depends on the answers given so far.
/// The server applies the same rules when the response is submitted.
#[cfg(feature = "hydrate")]
fn apply_skip_logic(form: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = doc.query_selector_all(&format!("#{form} [data-show-item]")) else {
        return;
    };
    // The values currently given for item `item` (a dual item's condition reads importance).
    let values = |item: &str| -> Vec<String> {
        let mut out = Vec::new();
        for name in [item.to_owned(), format!("{item}.importance")] {
            let selector = format!("#{form} [name=\"{name}\"]");
            let Ok(inputs) = doc.query_selector_all(&selector) else {
                continue;
            };
            for i in 0..inputs.length() {
                let Some(node) = inputs.item(i) else { continue };
                if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                    let kind = input.type_();
                    if (kind == "radio" || kind == "checkbox") && !input.checked() {
                        continue;
                    }
                    if !input.value().is_empty() {
                        out.push(input.value());
                    }
                }
            }
        }
        out
    };
    for i in 0..nodes.length() {
        let Some(el) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let item = el.get_attribute("data-show-item").unwrap_or_default();
        if item.is_empty() {
            continue;
        }
        let op = el.get_attribute("data-show-op").unwrap_or_default();
        let expected = el.get_attribute("data-show-value").unwrap_or_default();
        // A rule on an item that is itself hidden does not hold.
        let source_hidden = doc
            .get_element_by_id(&format!("q-{item}"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|e| e.hidden() || e.closest("section[hidden]").ok().flatten().is_some());
        let given = values(&item);
        let holds = !source_hidden
            && match op.as_str() {
                "equals" => given.contains(&expected),
                "in" => expected
                    .split(',')
                    .map(str::trim)
                    .any(|o| given.iter().any(|v| v == o)),
                "at_least" => {
                    let threshold: f64 = expected.parse().unwrap_or(f64::INFINITY);
                    given
                        .first()
                        .and_then(|v| v.parse::<f64>().ok())
                        .is_some_and(|v| v >= threshold)
                }
                _ => true,
            };
        el.set_hidden(!holds);
    }
}

/// Whether the rating scales (`role="radiogroup"`) of a question all have a choice, or none
/// does.
#[cfg(feature = "hydrate")]
fn every_scale_chosen(fieldset: &web_sys::Element) -> bool {
    let Ok(scales) = fieldset.query_selector_all("[role=radiogroup]") else {
        return true;
    };
    let chosen = (0..scales.length())
        .filter_map(|i| scales.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .filter(|scale| matches!(scale.query_selector("input:checked"), Ok(Some(_))))
        .count();
    chosen == 0 || chosen == scales.length() as usize
}

/// The URL-encoded fields of one question's fieldset, as the form would post them.
#[cfg(feature = "hydrate")]
fn question_fields(fieldset: &web_sys::Element) -> Option<String> {
    use wasm_bindgen::JsCast;
    let params = web_sys::UrlSearchParams::new().ok()?;
    let nodes = fieldset
        .query_selector_all("input, select, textarea")
        .ok()?;
    for i in 0..nodes.length() {
        let Some(node) = nodes.item(i) else { continue };
        if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
            let kind = input.type_();
            if (kind == "radio" || kind == "checkbox") && !input.checked() {
                continue;
            }
            params.append(&input.name(), &input.value());
        } else if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
            params.append(&select.name(), &select.value());
        } else if let Some(area) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            params.append(&area.name(), &area.value());
        }
    }
    Some(String::from(params.to_string()))
}

/// Ties each field a refused form names to its message, for screen readers and keyboards:
/// the field gets `aria-invalid` and `aria-describedby` (the id of its message beside it,
/// `{field}-error`), and the first takes focus. It renders nothing of its own.
#[island]
pub fn ErrorFields(fields: Vec<String>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| tie_errors(&fields));
    #[cfg(not(feature = "hydrate"))]
    let _ = fields;
}

#[cfg(feature = "hydrate")]
fn tie_errors(fields: &[String]) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(messages) = doc.query_selector_all(".field-error") else {
        return;
    };
    let mut first: Option<web_sys::HtmlElement> = None;
    // In page order, so the first field of the page takes focus.
    for i in 0..messages.length() {
        let Some(message) = messages
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let message_id = message.id();
        let Some(field) = message_id.strip_suffix("-error") else {
            continue;
        };
        if !fields.iter().any(|f| f == field) {
            continue;
        }
        let Some(control) = control_of(&doc, &message, field) else {
            continue;
        };
        if let Some(folded) = control.closest("details:not([open])").ok().flatten() {
            let _ = folded.set_attribute("open", "");
        }
        let _ = control.set_attribute("aria-invalid", "true");
        let described = match control.get_attribute("aria-describedby") {
            Some(d) if d.split_whitespace().any(|id| id == message_id) => d,
            Some(d) if !d.trim().is_empty() => format!("{d} {message_id}"),
            _ => message_id.clone(),
        };
        let _ = control.set_attribute("aria-describedby", &described);
        if first.is_none() {
            first = Some(control);
        }
    }
    if let Some(f) = first {
        let _ = f.focus();
    }
}

/// The control a field's message speaks of: the one named `field` (or `input[field]`) in the
/// message's form, else the control just before the message. A control hidden while an island
/// stands in for it (the marker board's typed-coordinates field) gives way to the island's
/// focusable surface.
#[cfg(feature = "hydrate")]
fn control_of(
    doc: &web_sys::Document,
    message: &web_sys::Element,
    field: &str,
) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    const CONTROL: &str = "input:not([type=hidden]), select, textarea, [tabindex]";
    let visible = |e: &web_sys::HtmlElement| e.offset_parent().is_some();
    let form = message.closest("form").ok().flatten();
    let named = [
        format!("[name=\"{field}\"]"),
        format!("[name=\"input[{field}]\"]"),
    ]
    .into_iter()
    .find_map(|css| {
        let css = format!("{css}:not([type=hidden])");
        match &form {
            Some(f) => f.query_selector(&css).ok().flatten(),
            None => doc.query_selector(&css).ok().flatten(),
        }
    })
    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(c) = named {
        if visible(&c) {
            return Some(c);
        }
        return c
            .closest(".marker-board")
            .ok()
            .flatten()
            .and_then(|b| b.query_selector("[tabindex]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    }
    // The control just before the message: a sibling, or the last control inside one.
    let mut prev = message.previous_element_sibling();
    while let Some(p) = prev {
        if p.matches(CONTROL).unwrap_or(false) {
            return p.dyn_into::<web_sys::HtmlElement>().ok().filter(visible);
        }
        if let Ok(all) = p.query_selector_all(CONTROL)
            && all.length() > 0
        {
            return all
                .item(all.length() - 1)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
                .filter(visible);
        }
        prev = p.previous_element_sibling();
    }
    None
}
