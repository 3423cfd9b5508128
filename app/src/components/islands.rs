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
