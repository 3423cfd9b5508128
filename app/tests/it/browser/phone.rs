//! Every kind of page on a 375-pixel phone: nothing wider than the screen. Wide content (data
//! tables, charts, code) scrolls inside its own box, which the keyboard reaches; the page itself
//! never scrolls sideways.
//! The same walk checks that no page logs a console error.

use super::*;

/// Walks `pages` at the current size: what is wider than a phone, scrolls sideways without
/// the keyboard, or logs an error in the console, one line each.
async fn walk(b: &Browser, app: &TestApp, pages: &[String]) -> Vec<String> {
    let mut wide = Vec::new();
    for page in pages {
        b.goto(&app.url(page)).await;
        b.find("h1").await;
        let found = b
            .script(
                "if (document.documentElement.scrollWidth <= 376) return null; \
                 return [...document.querySelectorAll('body *')] \
                   .filter(e => (e.getBoundingClientRect().right > 376 && e.parentElement.getBoundingClientRect().right <= 376) \
                     || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.getBoundingClientRect().left + e.scrollWidth > 376)) \
                   .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right));",
            )
            .await;
        if !found.is_null() {
            wide.push(format!("{page}: {found}"));
        }
        // What scrolls sideways in its own box is reached by keyboard: the box takes focus
        // (or holds something that does), so arrow keys scroll it.
        let unreachable = b
            .script(
                "const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]';                  return [...document.querySelectorAll('body *')]                    .filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))                    .filter(e => e.tabIndex < 0 && !e.querySelector(focusable))                    .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''));",
            )
            .await;
        if unreachable.as_array().is_some_and(|a| !a.is_empty()) {
            wide.push(format!("{page}: scrolls without keyboard {unreachable}"));
        }
        // And no page logs an error in the browser's console.
        let errors = b.console_errors().await;
        if !errors.is_empty() {
            wide.push(format!("{page}: console {errors:?}"));
        }
    }
    wide
}

#[tokio::test]
async fn on_a_phone_no_page_is_wider_than_the_screen() {
    let app = TestApp::spawn().await;
    let pages = crate::helpers::demo_pages(&app).await;
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    b.viewport(375, 740, true).await;
    let mut wide = walk(&b, &app, &pages).await;
    // The same pages in Arabic, right to left.
    // (On a phone the switch sits in the folded menu; the form is sent as its button would.)
    b.script("document.querySelector('.lang-switch button[value=ar]').click(); return true;")
        .await;
    b.wait_for(
        "Arabic",
        "document.documentElement.dir === 'rtl' && getComputedStyle(document.body).direction === 'rtl'",
    )
    .await;
    wide.extend(
        walk(&b, &app, &pages)
            .await
            .into_iter()
            .map(|w| format!("(ar) {w}")),
    );
    assert!(
        wide.is_empty(),
        "wider than a phone, or errors:\n{}",
        wide.join("\n")
    );
}

#[tokio::test]
async fn on_a_laptop_the_administrators_header_takes_at_most_two_rows() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.viewport(1280, 800, false).await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    // The administrator holds every link the header offers; each stays a link in the header
    // (no menu at this width), on one or two rows, in English and in French.
    let measure = "const h = document.querySelector('.site-header'); \
         const links = [...h.querySelectorAll('.site-nav a, .site-nav button')].filter(a => a.checkVisibility()); \
         const mids = links.map(a => { const r = a.getBoundingClientRect(); return (r.top + r.bottom) / 2; }).sort((x, y) => x - y); \
         const rows = 1 + mids.filter((m, i) => i > 0 && m - mids[i - 1] > 12).length; \
         return [links.length, rows, h.getBoundingClientRect().height];";
    let english = b.script(measure).await;
    assert!(english[0].as_u64().unwrap() >= 14, "{english}");
    assert!(english[1].as_u64().unwrap() <= 2, "{english}");
    b.click(".lang-switch button[value=fr]").await;
    b.wait_for("French", "document.documentElement.lang === 'fr'")
        .await;
    let french = b.script(measure).await;
    assert!(french[1].as_u64().unwrap() <= 2, "{french}");
}
