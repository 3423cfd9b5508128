//! `/tna/questionnaires/:id/print`: the questionnaire on paper, in the page's language, for
//! places without computers: every item with boxes to tick, its id for transcription into
//! the paper-response file, and the skip rules written as instructions.

use super::questionnaire::condition_text;
use crate::api::tna::get_questionnaire;
use crate::components::forms::{ErrorView, int_param};
use crate::components::page_title::PageTitle;
use crate::i18n::{Lang, Msg, t, use_lang};
use crate::model::tna::ItemView;
use leptos::prelude::*;

fn boxes(label: &'static str, n: u8) -> impl IntoView {
    view! {
        <p class="scale"><span class="scale-label">{label}</span>
            {(1..=n).map(|i| view! { <span class="box">"☐ " {i}</span> }).collect_view()}
        </p>
    }
}

fn paper_item(item: ItemView, lang: Lang) -> impl IntoView {
    let (text, text_lang) = item.text.pick(lang);
    let text = text.to_owned();
    let answer = match item.kind.as_str() {
        "dual" => view! {
            {boxes(t(Msg::Importance), 7)}
            <p class="scale"><span class="box">"☐ " {t(Msg::NotMyJob)}</span> " " <span class="hint">"(" {crate::model::tna::NOT_MY_JOB} ")"</span></p>
            {boxes(t(Msg::Performance), 7)}
        }
        .into_any(),
        "likert" => boxes(t(Msg::Agreement), 5).into_any(),
        "single" | "multiple" | "barriers" => view! {
            <ul class="paper-options">
                {item.options.iter().map(|(id, o)| view! {
                    <li>"☐ " <span lang=o.pick(lang).1>{o.pick(lang).0.to_owned()}</span> " " <span class="hint">"(" {id.clone()} ")"</span></li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        "numeric" => view! {
            <p class="write-in">"▭▭▭ " <span class="hint">{match (item.min, item.max) {
                (Some(lo), Some(hi)) => format!("{lo} – {hi}"),
                _ => String::new(),
            }}</span></p>
        }
        .into_any(),
        _ => view! { <div class="lines"></div> }.into_any(),
    };
    view! {
        <li class="paper-item">
            <p><strong lang=text_lang>{text}</strong>{item.required.then_some(" *")} " " <code class="hint">{item.id.clone()}</code></p>
            {item.show_if.as_ref().map(|c| view! { <p class="hint skip-rule">{condition_text(c)}</p> })}
            {answer}
        </li>
    }
}

/// The paper questionnaire.
#[component]
pub fn PrintPage() -> impl IntoView {
    let id = int_param("id");
    let lang = use_lang();
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_questionnaire(id).await {
                Ok(q) => view! {
                    <PageTitle text=q.title.pick(lang).0.to_owned() />
                    <article class="paper report">
                        <p class="no-print breadcrumbs"><a href=format!("/tna/questionnaires/{id}")>{t(Msg::Back)}</a></p>
                        <h1 lang=q.title.pick(lang).1>{q.title.pick(lang).0.to_owned()}</h1>
                        <p class="hint">{format!("{} v{}", q.row.slug, q.row.number)}</p>
                        <div class="paper-head">
                            <p>{t(Msg::RespondentRef)} ": ____________  " {t(Msg::Agency)} ": ____________________  " {t(Msg::Position)} ": ____________________"</p>
                            <p>{t(Msg::Perspective)} ": ☐ " {t(Msg::PerspectiveSelf)} "  ☐ " {t(Msg::PerspectiveSupervisor)}</p>
                        </div>
                        {let (intro, intro_lang) = q.intro.pick(lang);
                         intro.split("\n\n").map(|p| view! { <p lang=intro_lang>{p.to_owned()}</p> }).collect_view()}
                        <p class="hint">{t(Msg::PaperHint)}</p>
                        {q.sections.into_iter().map(|s| view! {
                            <section>
                                <h2 lang=s.title.pick(lang).1>{s.title.pick(lang).0.to_owned()}</h2>
                                {s.show_if.as_ref().map(|c| view! { <p class="hint skip-rule">{condition_text(c)}</p> })}
                                <ol class="paper-items">{s.items.into_iter().map(|i| paper_item(i, lang)).collect_view()}</ol>
                            </section>
                        }).collect_view()}
                    </article>
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
