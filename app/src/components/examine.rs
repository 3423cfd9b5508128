//! The islands of document examination: the trainee's marker board (zoom, pan, magnifier,
//! markers by pointer, touch or keyboard, a reference specimen in step for comparisons) and
//! the author's region drawer. Both only fill ordinary form fields, so every form still works
//! without the bundle: coordinates can be typed.

use leptos::prelude::*;

/// Zoom steps, as multiples of the width that fits the page.
pub const ZOOMS: [f64; 7] = [1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0];
/// The height a document may take at 100 %, in hundredths of the window's height (the
/// board's box is at most 75 of them, with room for its border and scroll bars).
const FIT_VH: f64 = 72.0;
/// Most markers a trainee can place (the server refuses more).
pub const MAX_MARKERS: usize = 50;

/// Markers as the form field holds them: `x,y;x,y` in pixels of the full image.
pub fn markers_text(markers: &[(f64, f64)]) -> String {
    markers
        .iter()
        .map(|(x, y)| format!("{:.0},{:.0}", x, y))
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads the markers field; pairs that are not two numbers are skipped.
pub fn parse_markers(text: &str) -> Vec<(f64, f64)> {
    text.split([';', '\n'])
        .filter_map(|p| {
            let (x, y) = p.trim().split_once(',')?;
            Some((x.trim().parse().ok()?, y.trim().parse().ok()?))
        })
        .filter(|(x, y): &(f64, f64)| x.is_finite() && y.is_finite())
        .take(MAX_MARKERS)
        .collect()
}

/// Index of the marker within `radius` (image pixels) of `(x, y)`, the nearest first.
pub fn marker_near(markers: &[(f64, f64)], x: f64, y: f64, radius: f64) -> Option<usize> {
    markers
        .iter()
        .enumerate()
        .map(|(i, (mx, my))| (i, (mx - x).hypot(my - y)))
        .filter(|(_, d)| *d <= radius)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// A board announcement: `template` with `{n}` (the marker's number), `{count}` (markers on
/// the board) and `{max}` ([`MAX_MARKERS`]) filled in.
pub fn announce(template: &str, n: usize, count: usize) -> String {
    template
        .replace("{n}", &n.to_string())
        .replace("{count}", &count.to_string())
        .replace("{max}", &MAX_MARKERS.to_string())
}

/// Where a pointer at client position `(cx, cy)` falls on an image drawn in the client
/// rectangle `(left, top, w, h)`, in pixels of the full `width` × `height` image (clamped).
pub fn to_image(
    (cx, cy): (f64, f64),
    (left, top, w, h): (f64, f64, f64, f64),
    width: f64,
    height: f64,
) -> (f64, f64) {
    let x = ((cx - left) / w.max(1.0) * width).clamp(0.0, width);
    let y = ((cy - top) / h.max(1.0) * height).clamp(0.0, height);
    (x, y)
}

#[cfg(feature = "hydrate")]
fn rect_of(el: &web_sys::Element) -> (f64, f64, f64, f64) {
    let r = el.get_bounding_client_rect();
    (r.left(), r.top(), r.width(), r.height())
}

#[cfg(feature = "hydrate")]
fn set_field(id: &str, value: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value(value);
        } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.set_value(value);
        }
    }
}

/// The trainee's board: the document at a zoom that fits, zoom buttons, drag to pan, an
/// optional magnifier, and markers placed by click, tap or keyboard. With `reference`, the
/// genuine specimen is shown beside it at the same zoom and scroll. The markers go into the
/// form field `markers`.
#[island]
#[allow(clippy::too_many_arguments)]
pub fn MarkerBoard(
    /// URL of the display-size image.
    display: String,
    /// URL of the full-size image (magnifier).
    full: String,
    /// Full width in pixels.
    width: i32,
    /// Full height in pixels.
    height: i32,
    /// URL of the reference specimen's display image, when comparing.
    reference: Option<String>,
    /// Labels: zoom in, zoom out, magnifier, clear, markers placed, field, help, image alt,
    /// reference alt, the board's name, then what is announced when a marker is placed, when
    /// one is removed, when all are cleared and when no more may be placed (see
    /// [`announce`]).
    labels: Vec<String>,
    /// Where the markers placed so far are kept in the browser, so a reload (or a browser
    /// closed by a power cut) finds them again: a key naming the exercise, the person and
    /// their newest attempt (see [`markers_key`]); empty to keep nothing (a preview).
    keep: String,
) -> impl IntoView {
    let (w, h) = (width.max(1) as f64, height.max(1) as f64);
    let (markers, set_markers) = signal(Vec::<(f64, f64)>::new());
    #[cfg(feature = "hydrate")]
    if !keep.is_empty() {
        Effect::new(move |first: Option<()>| {
            let Some(storage) = window().local_storage().ok().flatten() else {
                return;
            };
            if first.is_none() {
                if let Ok(Some(text)) = storage.get_item(&keep) {
                    set_markers.set(parse_markers(&text));
                }
                forget_older(&storage, &keep);
            }
            let text = markers_text(&markers.get());
            let _ = if text.is_empty() {
                storage.remove_item(&keep)
            } else {
                storage.set_item(&keep, &text)
            };
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = keep;
    let (zoom, set_zoom) = signal(0usize);
    let (loupe_on, set_loupe_on) = signal(false);
    // Magnifier: its centre in the viewport's content (px), the magnified image's size and
    // the pointer's place on it (px), when shown.
    let (loupe, set_loupe) = signal(None::<(f64, f64, f64, f64, f64, f64)>);
    let (cursor, set_cursor) = signal((w / 2.0, h / 2.0));
    let (focused, set_focused) = signal(false);
    let (live, set_live) = signal(false);
    let viewport = NodeRef::<leptos::html::Div>::new();
    let ref_viewport = NodeRef::<leptos::html::Div>::new();
    let stage = NodeRef::<leptos::html::Div>::new();
    let label = |i: usize| labels.get(i).cloned().unwrap_or_default();
    let radius = w.max(h) / 90.0;
    // What the board last did, for screen readers (a polite live region).
    let (said, set_said) = signal(String::new());
    // Placed, removed, cleared, full.
    let says = StoredValue::new([label(10), label(11), label(12), label(13)]);
    let say = move |which: usize, n: usize, count: usize| {
        let text = says.with_value(|s| announce(&s[which], n, count));
        // Emptied first, so the same words said twice are read twice.
        #[cfg(feature = "hydrate")]
        {
            set_said.set(String::new());
            request_animation_frame(move || set_said.set(text));
        }
        #[cfg(not(feature = "hydrate"))]
        set_said.set(text);
    };
    let toggle_at = move |x: f64, y: f64, near: f64| {
        let mut m = markers.get_untracked();
        match marker_near(&m, x, y, near) {
            Some(i) => {
                m.remove(i);
                say(1, i + 1, m.len());
            }
            None if m.len() < MAX_MARKERS => {
                m.push((x, y));
                say(0, m.len(), m.len());
            }
            None => say(3, 0, m.len()),
        }
        set_markers.set(m);
    };
    let remove_last = move || {
        let mut m = markers.get_untracked();
        if m.pop().is_some() {
            say(1, m.len() + 1, m.len());
            set_markers.set(m);
        }
    };
    let clear_all = move || {
        if !markers.get_untracked().is_empty() {
            set_markers.set(Vec::new());
            say(2, 0, 0);
        }
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| set_live.set(true));
    #[cfg(not(feature = "hydrate"))]
    let _ = (set_live, set_cursor, set_focused, toggle_at);
    // The magnifier over client position `(cx, cy)`, or over the keyboard's cross when `None`.
    let show_loupe = move |at: Option<(f64, f64)>| {
        #[cfg(feature = "hydrate")]
        if loupe_on.get_untracked()
            && let (Some(st), Some(vp)) = (stage.get_untracked(), viewport.get_untracked())
        {
            let (sl, stp, sw, sh) = rect_of(&st);
            let (cx, cy) = at.unwrap_or_else(|| {
                let (x, y) = cursor.get_untracked();
                (sl + x / w * sw, stp + y / h * sh)
            });
            let vr = vp.get_bounding_client_rect();
            let (fx, fy) = ((cx - sl) / sw.max(1.0), (cy - stp) / sh.max(1.0));
            if (0.0..=1.0).contains(&fx) && (0.0..=1.0).contains(&fy) {
                // The magnifier shows the image at 2.5 times its size on screen.
                let (bw, bh) = (sw * 2.5, sh * 2.5);
                set_loupe.set(Some((
                    cx - vr.left() + vp.scroll_left() as f64,
                    cy - vr.top() + vp.scroll_top() as f64,
                    bw,
                    bh,
                    fx * bw,
                    fy * bh,
                )));
            } else {
                set_loupe.set(None);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = at;
    };
    // Zooms by `step` steps keeping the middle of the view in place.
    let zoom_by = move |step: i32| {
        let next = (zoom.get_untracked() as i32 + step).clamp(0, ZOOMS.len() as i32 - 1) as usize;
        #[cfg(feature = "hydrate")]
        {
            let Some(vp) = viewport.get_untracked() else {
                set_zoom.set(next);
                return;
            };
            let (sw, sh) = (vp.scroll_width() as f64, vp.scroll_height() as f64);
            let fx = (vp.scroll_left() as f64 + vp.client_width() as f64 / 2.0) / sw.max(1.0);
            let fy = (vp.scroll_top() as f64 + vp.client_height() as f64 / 2.0) / sh.max(1.0);
            set_zoom.set(next);
            request_animation_frame(move || {
                let nx = fx * vp.scroll_width() as f64 - vp.client_width() as f64 / 2.0;
                let ny = fy * vp.scroll_height() as f64 - vp.client_height() as f64 / 2.0;
                vp.set_scroll_left(nx.max(0.0) as i32);
                vp.set_scroll_top(ny.max(0.0) as i32);
                if let Some(r) = ref_viewport.get_untracked() {
                    r.set_scroll_left(vp.scroll_left());
                    r.set_scroll_top(vp.scroll_top());
                }
                // The magnifier stays on the cross at the new size.
                if focused.get_untracked() {
                    show_loupe(None);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        set_zoom.set(next);
    };
    // Pointer drag state: start (client x, y), scroll at start, and whether it moved.
    let drag = StoredValue::new(None::<(f64, f64, i32, i32, bool)>);
    let on_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        #[cfg(feature = "hydrate")]
        if let Some(vp) = viewport.get_untracked() {
            drag.set_value(Some((
                ev.client_x() as f64,
                ev.client_y() as f64,
                vp.scroll_left(),
                vp.scroll_top(),
                false,
            )));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, drag);
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        {
            let (cx, cy) = (ev.client_x() as f64, ev.client_y() as f64);
            if let Some((sx, sy, l, t, moved)) = drag.get_value() {
                let (dx, dy) = (cx - sx, cy - sy);
                if moved || dx.hypot(dy) > 6.0 {
                    drag.set_value(Some((sx, sy, l, t, true)));
                    if let Some(vp) = viewport.get_untracked() {
                        vp.set_scroll_left(l - dx as i32);
                        vp.set_scroll_top(t - dy as i32);
                    }
                }
            }
            show_loupe(Some((cx, cy)));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        {
            let Some((_, _, _, _, moved)) = drag.get_value() else {
                return;
            };
            drag.set_value(None);
            if moved {
                return;
            }
            let Some(st) = stage.get_untracked() else {
                return;
            };
            let r = rect_of(&st);
            let (x, y) = to_image((ev.client_x() as f64, ev.client_y() as f64), r, w, h);
            // A click within 14 screen pixels of a marker removes it.
            let near = 14.0 * w / r.2.max(1.0);
            toggle_at(x, y, near);
            set_cursor.set((x, y));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let step = if ev.shift_key() {
            w.max(h) / 20.0
        } else {
            w.max(h) / 100.0
        };
        let (x, y) = cursor.get_untracked();
        let moved = match ev.key().as_str() {
            "ArrowLeft" => Some(((x - step).max(0.0), y)),
            "ArrowRight" => Some(((x + step).min(w), y)),
            "ArrowUp" => Some((x, (y - step).max(0.0))),
            "ArrowDown" => Some((x, (y + step).min(h))),
            _ => None,
        };
        let handled = match ev.key().as_str() {
            "Enter" | " " => {
                toggle_at(x, y, radius);
                true
            }
            "Backspace" | "Delete" => {
                remove_last();
                true
            }
            "+" | "=" => {
                zoom_by(1);
                true
            }
            "-" | "_" => {
                zoom_by(-1);
                true
            }
            _ => false,
        };
        if let Some(p) = moved {
            set_cursor.set(p);
            #[cfg(feature = "hydrate")]
            if let (Some(vp), Some(st)) = (viewport.get_untracked(), stage.get_untracked()) {
                // Keep the cross in view.
                let sw = st.client_width() as f64;
                let sh = st.client_height() as f64;
                let (px, py) = (p.0 / w * sw, p.1 / h * sh);
                let (cw, ch) = (vp.client_width() as f64, vp.client_height() as f64);
                let (l, t) = (vp.scroll_left() as f64, vp.scroll_top() as f64);
                if px < l || px > l + cw {
                    vp.set_scroll_left((px - cw / 2.0).max(0.0) as i32);
                }
                if py < t || py > t + ch {
                    vp.set_scroll_top((py - ch / 2.0).max(0.0) as i32);
                }
            }
            // The magnifier follows the cross, once the view has scrolled to it.
            #[cfg(feature = "hydrate")]
            request_animation_frame(move || show_loupe(None));
        }
        if moved.is_some() || handled {
            ev.prevent_default();
        }
    };
    let on_scroll = move |_| {
        #[cfg(feature = "hydrate")]
        if let (Some(vp), Some(r)) = (viewport.get_untracked(), ref_viewport.get_untracked()) {
            r.set_scroll_left(vp.scroll_left());
            r.set_scroll_top(vp.scroll_top());
        }
    };
    // Styles are set through the CSS object model (`style:` directives), which the content
    // security policy allows; style attributes are refused by it.
    // At 100 % the whole document fits the box: as wide as the box, or less when that would
    // make it taller than the box may be (a laptop's screen is wide and short).
    let fit_height = FIT_VH * w / h.max(1.0);
    // Nothing until the board runs: a style attribute in the server's HTML would be refused by
    // the content security policy (an error in the console), and hydration would then take it
    // for applied.
    let stage_width = move || {
        live.get()
            .then(|| format!("calc(min(100%, {fit_height:.2}vh) * {})", ZOOMS[zoom.get()]))
    };
    let full_bg = format!("url('{full}')");
    let shown = move || loupe.get().filter(|_| loupe_on.get());
    const LOUPE: f64 = 180.0;
    let px = |v: f64| format!("{v:.0}px");
    let alt = label(7);
    let ref_alt = label(8);
    let mark_r = radius;
    view! {
        <div class="marker-board" data-live=move || if live.get() { "1" } else { "0" }>
            <div class="board-tools" role="toolbar">
                <button type="button" id="zoom-out" aria-label=label(1) on:click=move |_| zoom_by(-1)>"−"</button>
                <span id="zoom-level" aria-live="polite">{move || format!("{:.0} %", ZOOMS[zoom.get()] * 100.0)}</span>
                <button type="button" id="zoom-in" aria-label=label(0) on:click=move |_| zoom_by(1)>"+"</button>
                <label class="inline">
                    <input type="checkbox" id="loupe-toggle" prop:checked=move || loupe_on.get()
                        on:change=move |ev| set_loupe_on.set(event_target_checked(&ev)) />
                    " " {label(2)}
                </label>
                <button type="button" id="clear-markers" on:click=move |_| clear_all()>{label(3)}</button>
                <span class="hint">{label(4)} ": " <strong id="marker-count">{move || markers.get().len()}</strong> " / " {MAX_MARKERS}</span>
            </div>
            <div class=if reference.is_some() { "board-views compare" } else { "board-views" }>
                {reference.clone().map(|r| view! {
                    <div class="viewport reference" node_ref=ref_viewport>
                        <div class="stage" style:width=stage_width>
                            <img src=r alt=ref_alt.clone() draggable="false" />
                        </div>
                    </div>
                })}
                <div class="viewport" id="board" tabindex="0" node_ref=viewport
                    role="application" aria-label=label(9) aria-describedby="board-keys"
                    on:keydown=on_key on:scroll=on_scroll
                    on:focus=move |_| {
                        set_focused.set(true);
                        show_loupe(None);
                    }
                    on:blur=move |_| {
                        set_focused.set(false);
                        set_loupe.set(None);
                    }
                    on:pointerleave=move |_| set_loupe.set(None)>
                    <div class="stage" id="stage" node_ref=stage style:width=stage_width
                        on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up>
                        <img src=display alt=alt draggable="false" />
                        <svg class="marks" viewBox=format!("0 0 {width} {height}") preserveAspectRatio="none" aria-hidden="true">
                            {move || markers.get().into_iter().enumerate().map(|(i, (x, y))| view! {
                                <g class="marker" data-i=i>
                                    <circle cx=x cy=y r=mark_r />
                                    <text x=x y=y dy="0.35em" font-size=mark_r * 1.2>{i + 1}</text>
                                </g>
                            }).collect_view()}
                            {move || focused.get().then(|| {
                                let (x, y) = cursor.get();
                                // A dark halo under a light cross: one of the two stands out
                                // on any document.
                                view! {
                                    <g class="cross">
                                        <line class="halo" x1=x - mark_r * 2.0 y1=y x2=x + mark_r * 2.0 y2=y />
                                        <line class="halo" x1=x y1=y - mark_r * 2.0 x2=x y2=y + mark_r * 2.0 />
                                        <line x1=x - mark_r * 2.0 y1=y x2=x + mark_r * 2.0 y2=y />
                                        <line x1=x y1=y - mark_r * 2.0 x2=x y2=y + mark_r * 2.0 />
                                    </g>
                                }
                            })}
                        </svg>
                    </div>
                    <div class="loupe" aria-hidden="true"
                        style:display=move || shown().map(|_| "block")
                        style:left=move || shown().map(|l| px(l.0 - LOUPE / 2.0))
                        style:top=move || shown().map(|l| px(l.1 - LOUPE / 2.0))
                        style:background-image=move || shown().map(|_| full_bg.clone())
                        style:background-size=move || shown().map(|l| format!("{} {}", px(l.2), px(l.3)))
                        style:background-position=move || shown().map(|l| format!("{} {}", px(LOUPE / 2.0 - l.4), px(LOUPE / 2.0 - l.5)))>
                    </div>
                </div>
            </div>
            <p class="hint" id="board-keys">{label(6)}</p>
            <p class="visually-hidden" id="board-status" role="status">{move || said.get()}</p>
            // For a browser without WebAssembly: coordinates typed by hand. Hidden once the
            // board runs (it still carries the markers with the form).
            <p class="markers-field">
                <label for="markers">{label(5)}</label>
                <input type="text" id="markers" name="markers" autocomplete="off" spellcheck="false"
                    prop:value=move || markers_text(&markers.get())
                    on:change=move |ev| set_markers.set(parse_markers(&event_target_value(&ev))) />
            </p>
        </div>
    }
}

/// The browser storage key for the markers `person` places on `exercise` after their attempt
/// `newest` (0 before the first): a new attempt starts from an empty board.
pub fn markers_key(exercise: i64, person: i64, newest: i64) -> String {
    format!("checkpoint.markers.{exercise}.{person}.{newest}")
}

/// Removes the markers kept for this exercise and person before their newest attempt.
#[cfg(feature = "hydrate")]
fn forget_older(storage: &web_sys::Storage, keep: &str) {
    let Some((prefix, _)) = keep.rsplit_once('.') else {
        return;
    };
    let older: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| {
            k.starts_with(prefix) && k.as_bytes().get(prefix.len()) == Some(&b'.') && k != keep
        })
        .collect();
    for k in older {
        let _ = storage.remove_item(&k);
    }
}

/// The author's drawing surface: choose a tool, then drag a rectangle or circle, or click the
/// points of a polygon and close it. The outline goes into the region form's `shape` and
/// `coords` fields (`#new-region-shape`, `#new-region-coords`). Existing regions come as
/// server-rendered children drawn over the image.
#[island]
pub fn RegionDrawer(
    /// URL of the display-size image.
    display: String,
    /// Full width in pixels.
    width: i32,
    /// Full height in pixels.
    height: i32,
    /// Labels: rectangle, circle, polygon, close polygon, image alt.
    labels: Vec<String>,
    children: Children,
) -> impl IntoView {
    let (w, h) = (width.max(1) as f64, height.max(1) as f64);
    let (tool, set_tool) = signal("rect".to_owned());
    // The outline being drawn: points in image pixels (2 for rect/circle, n for polygon).
    let (draft, set_draft) = signal(Vec::<(f64, f64)>::new());
    let (dragging, set_dragging) = signal(false);
    let (live, set_live) = signal(false);
    let stage = NodeRef::<leptos::html::Div>::new();
    let label = |i: usize| labels.get(i).cloned().unwrap_or_default();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| set_live.set(true));
    #[cfg(not(feature = "hydrate"))]
    let _ = set_live;
    // Writes the finished outline into the region form.
    let publish = move |t: &str, pts: &[(f64, f64)]| {
        let text = match (t, pts) {
            ("rect", [a, b]) => {
                let (x, y) = (a.0.min(b.0), a.1.min(b.1));
                format!(
                    "{:.0},{:.0},{:.0},{:.0}",
                    x,
                    y,
                    (a.0 - b.0).abs(),
                    (a.1 - b.1).abs()
                )
            }
            ("circle", [a, b]) => {
                let r = (a.0 - b.0)
                    .hypot(a.1 - b.1)
                    .min(a.0)
                    .min(a.1)
                    .min(w - a.0)
                    .min(h - a.1);
                format!("{:.0},{:.0},{:.0}", a.0, a.1, r)
            }
            ("polygon", pts) if pts.len() >= 3 => pts
                .iter()
                .map(|(x, y)| format!("{x:.0},{y:.0}"))
                .collect::<Vec<_>>()
                .join(" "),
            _ => return,
        };
        #[cfg(feature = "hydrate")]
        {
            set_field("new-region-shape", t);
            set_field("new-region-coords", &text);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = text;
    };
    let point = move |ev: &leptos::ev::PointerEvent| -> Option<(f64, f64)> {
        #[cfg(feature = "hydrate")]
        {
            let st = stage.get_untracked()?;
            Some(to_image(
                (ev.client_x() as f64, ev.client_y() as f64),
                rect_of(&st),
                w,
                h,
            ))
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = ev;
            None
        }
    };
    let on_down = move |ev: leptos::ev::PointerEvent| {
        let Some(p) = point(&ev) else { return };
        ev.prevent_default();
        if tool.get_untracked() == "polygon" {
            set_draft.update(|d| d.push(p));
        } else {
            set_draft.set(vec![p, p]);
            set_dragging.set(true);
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        if !dragging.get_untracked() {
            return;
        }
        if let Some(p) = point(&ev) {
            set_draft.update(|d| {
                if d.len() == 2 {
                    d[1] = p;
                }
            });
        }
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        if !dragging.get_untracked() {
            return;
        }
        set_dragging.set(false);
        if let Some(p) = point(&ev) {
            set_draft.update(|d| {
                if d.len() == 2 {
                    d[1] = p;
                }
            });
        }
        publish(&tool.get_untracked(), &draft.get_untracked());
    };
    let choose = move |t: &'static str| {
        set_tool.set(t.to_owned());
        set_draft.set(Vec::new());
    };
    let draft_svg = move || {
        let d = draft.get();
        match (tool.get().as_str(), d.as_slice()) {
            ("rect", [a, b]) => view! {
                <rect class="draft" x=a.0.min(b.0) y=a.1.min(b.1) width=(a.0 - b.0).abs() height=(a.1 - b.1).abs() />
            }
            .into_any(),
            ("circle", [a, b]) => view! {
                <circle class="draft" cx=a.0 cy=a.1 r=(a.0 - b.0).hypot(a.1 - b.1) />
            }
            .into_any(),
            ("polygon", pts) if !pts.is_empty() => {
                let points = pts
                    .iter()
                    .map(|(x, y)| format!("{x},{y}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                view! { <polyline class="draft" points=points /> }.into_any()
            }
            _ => ().into_any(),
        }
    };
    let tool_button = move |t: &'static str, text: String, id: &'static str| {
        view! {
            <button type="button" id=id aria-pressed=move || if tool.get() == t { "true" } else { "false" }
                on:click=move |_| choose(t)>{text}</button>
        }
    };
    view! {
        <div class="region-drawer" data-live=move || if live.get() { "1" } else { "0" }>
            <div class="board-tools" role="toolbar">
                {tool_button("rect", label(0), "tool-rect")}
                {tool_button("circle", label(1), "tool-circle")}
                {tool_button("polygon", label(2), "tool-polygon")}
                <button type="button" id="close-polygon" on:click=move |_| publish("polygon", &draft.get_untracked())>{label(3)}</button>
            </div>
            <div class="viewport drawing">
                <div class="stage" id="draw-stage" node_ref=stage
                    on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up>
                    <img src=display alt=label(4) draggable="false" />
                    {children()}
                    <svg class="marks" viewBox=format!("0 0 {width} {height}") preserveAspectRatio="none" aria-hidden="true">
                        {draft_svg}
                    </svg>
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_name_the_marker_and_the_count() {
        assert_eq!(
            announce("Marker {n} placed — {count} of {max}", 2, 2),
            "Marker 2 placed — 2 of 50"
        );
        assert_eq!(
            announce("Marque {n} retirée — {count} sur {max}", 3, 4),
            "Marque 3 retirée — 4 sur 50"
        );
        assert_eq!(announce("All markers removed", 0, 0), "All markers removed");
    }

    #[test]
    fn markers_round_trip_through_the_field() {
        let m = vec![(10.0, 20.0), (300.0, 4.0)];
        assert_eq!(parse_markers(&markers_text(&m)), m);
        assert_eq!(
            parse_markers("1,2; junk ;3,4"),
            vec![(1.0, 2.0), (3.0, 4.0)]
        );
        assert_eq!(parse_markers(&"1,1;".repeat(500)).len(), MAX_MARKERS);
    }

    #[test]
    fn pointer_positions_map_to_full_image_pixels() {
        let p = to_image((150.0, 75.0), (100.0, 50.0, 200.0, 100.0), 4000.0, 2000.0);
        assert_eq!(p, (1000.0, 500.0));
        let clamped = to_image((0.0, 0.0), (100.0, 50.0, 200.0, 100.0), 4000.0, 2000.0);
        assert_eq!(clamped, (0.0, 0.0));
        assert_eq!(
            marker_near(&[(0.0, 0.0), (10.0, 0.0)], 8.0, 0.0, 5.0),
            Some(1)
        );
        assert_eq!(marker_near(&[(0.0, 0.0)], 8.0, 0.0, 5.0), None);
    }
}
