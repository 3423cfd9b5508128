//! What an accessibility audit checks by hand, checked by machine: the contrast of the focus
//! ring and of form fields' edges, computed from the styles the browser applies.

use super::*;

/// WCAG contrast between two computed CSS colours (`rgb(…)`/`rgba(…)`), as page script.
const CONTRAST: &str = "
const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const bg = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; if (!/^rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
";

#[tokio::test]
async fn the_focus_ring_and_field_edges_stand_out_on_the_page_and_in_the_header() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.goto(&app.url("/login")).await;
    b.find("#login").await;
    // A field's edge against the page behind its form.
    let edge = b
        .script(&format!(
            "{CONTRAST} const i = document.getElementById('login'); \
             return contrast(getComputedStyle(i).borderTopColor, bg(i.parentElement)) >= 3 \
             && contrast(getComputedStyle(i).borderTopColor, 'rgb(255, 255, 255)') >= 4;"
        ))
        .await;
    assert_eq!(edge, json!(true), "a field's edge is under 3:1");
    // The focus ring, reached by keyboard: a dark outline (against light pages) with a light
    // band inside it (against the dark header), on the field and on a header link.
    b.keys("#login", "").await;
    let ring = |css: &str| {
        format!(
            "{CONTRAST} const e = document.querySelector({css:?}); e.focus(); \
             const s = getComputedStyle(e); \
             const band = (s.boxShadow.match(/rgba?\\([^)]*\\)/) || ['rgb(0,0,0)'])[0]; \
             return [s.outlineStyle, parseFloat(s.outlineWidth), \
               contrast(s.outlineColor, 'rgb(255, 255, 255)'), contrast(band, bg(document.querySelector('header')))];"
        )
    };
    for css in ["#login", "header a"] {
        let r = b.script(&ring(css)).await;
        assert_eq!(r[0], json!("solid"), "{css}: {r}");
        assert!(r[1].as_f64().unwrap() >= 2.0, "{css}: {r}");
        assert!(r[2].as_f64().unwrap() >= 3.0, "{css} ring on white: {r}");
        assert!(
            r[3].as_f64().unwrap() >= 3.0,
            "{css} band on the header: {r}"
        );
    }
}

#[tokio::test]
async fn a_refused_field_is_marked_invalid_described_by_its_message_and_focused() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "trainer", "trainer-demo-2026").await;
    b.find("#my-roles").await;
    // Where the class form comes back when its dates are reversed.
    b.goto(&app.url("/classes?error=ErrDateOrder&field=ends_on"))
        .await;
    b.find("#ends_on-error").await;
    b.wait_for(
        "the field tied to its message",
        "document.getElementById('ends-on').getAttribute('aria-invalid') === 'true'",
    )
    .await;
    let tied = b
        .script(
            "const f = document.getElementById('ends-on'); \
             return [f.getAttribute('aria-describedby'), document.activeElement.id, \
             document.getElementById('starts-on').hasAttribute('aria-invalid')];",
        )
        .await;
    assert_eq!(tied, json!(["ends_on-error", "ends-on", false]));
}

#[tokio::test]
async fn a_refused_message_outside_a_field_box_finds_its_own_field() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    // The confirmation's message sits after the password pair, straight inside the form.
    b.goto(&app.url("/account?error=ErrPasswordMismatch&field=confirm"))
        .await;
    b.find("#confirm-error").await;
    b.wait_for(
        "a field marked invalid",
        "!!document.querySelector('[aria-invalid=true]')",
    )
    .await;
    let tied = b
        .script(
            "return [[...document.querySelectorAll('[aria-invalid=true]')].map(e => e.name), \
             document.activeElement.name, \
             (document.activeElement.getAttribute('aria-describedby') || '').split(' ').includes('confirm-error')];",
        )
        .await;
    assert_eq!(tied, json!([["confirm"], "confirm", true]));
}

#[tokio::test]
async fn in_arabic_the_page_is_right_to_left_and_english_content_left_to_right() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#sign-out").await;
    b.click(".lang-switch button[value=ar]").await;
    b.wait_for("Arabic", "document.documentElement.dir === 'rtl'")
        .await;
    // A course without an Arabic edition.
    let first = {
        use app::server::entities::lesson;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let course = crate::helpers::course_id(&app, "trafficking-smuggling").await;
        lesson::Entity::find()
            .filter(lesson::Column::CourseId.eq(course))
            .order_by_asc(lesson::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    b.goto(&app.url(&format!("/courses/trafficking-smuggling/lessons/{first}")))
        .await;
    b.find(".lesson-body").await;
    let dirs = b
        .script(
            "const d = e => getComputedStyle(document.querySelector(e)).direction; \
             return [d('body'), d('.lesson-body'), d('h1'), \
                     getComputedStyle(document.querySelector('#next-lesson .dir-arrow')).transform !== 'none'];",
        )
        .await;
    // The page reads right to left; the English lesson and its title left to right; the
    // arrow to the next lesson points the way of reading.
    assert_eq!(dirs, json!(["rtl", "ltr", "ltr", true]));
}
