//! The document title.

use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the page's `<title>`. leptos_meta writes title text into the document head without
/// escaping it, and titles often hold names people typed, so the text is escaped here.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=escape_html(&text) /> }
}

/// Text for the inside of a `<textarea>`. Leptos (tachys 0.2) writes textarea children into
/// the server HTML without escaping them, so text containing `</textarea>` could close the
/// element and inject markup; escaped text is decoded by the browser and shows as typed.
pub fn textarea_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        escape_html(text)
    } else {
        text.to_owned()
    }
}

/// Escapes the characters that are special in HTML text and attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape_html("</title><b>\"x\" & 'y'"),
            "&lt;/title&gt;&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;"
        );
    }
}
