//! A course's trainer's pack as one printable PDF (A4): a cover, the pilot day's agenda as a
//! timed table with its notes, the materials list, the localisation sheet, then every lesson
//! with its session plan and trainer notes (activities, scripts, checklists, handouts and
//! case-study answers), each lesson on a new page so handouts can be printed apart.

use super::flow::{Flow, GREY, INK};
use super::pdf::finish_pages;
use crate::i18n::{Lang, Msg};
use crate::model::{TrainerPack, TrainerStep};
use content::markdown::Block;

/// Markdown as flowing text: headings, paragraphs, list items, tables, code.
fn markdown(flow: &mut Flow, text: &str) {
    let mut blocks = content::markdown::blocks(text).into_iter().peekable();
    while let Some(block) = blocks.next() {
        match block {
            Block::Heading(level, t) => flow.heading(&t, if level <= 2 { 12.0 } else { 10.5 }),
            Block::Paragraph(t) => flow.paragraph(&t, 9.5, 0.0, INK),
            Block::Item(depth, marker, t) => {
                flow.paragraph(&format!("{marker} {t}"), 9.5, 14.0 * depth as f32, INK)
            }
            Block::Row(head, _) => {
                // A table: its header, then every row that follows.
                let mut rows = Vec::new();
                while let Some(Block::Row(cells, false)) = blocks.peek() {
                    rows.push(cells.clone());
                    blocks.next();
                }
                let n = head.len().max(1);
                let widths = vec![1.0 / n as f32; n];
                let refs: Vec<&str> = head.iter().map(String::as_str).collect();
                flow.table(&widths, &refs, &rows, 9.0);
            }
            Block::Code(t) => flow.paragraph(&t, 9.0, 10.0, GREY),
        }
    }
}

fn steps_table(flow: &mut Flow, steps: &[TrainerStep], lang: Lang, with_lessons: bool) {
    let header = [
        Msg::TrainerTime.text(lang),
        Msg::TrainerMinutes.text(lang),
        Msg::TrainerMethod.text(lang),
        Msg::TrainerActivity.text(lang),
    ];
    let rows: Vec<Vec<String>> = steps
        .iter()
        .map(|s| {
            let mut activity = s.activity.clone();
            if with_lessons && !s.lessons.is_empty() {
                activity.push_str(&format!(" ({})", s.lessons.join(", ")));
            }
            vec![
                s.at.clone(),
                s.minutes.to_string(),
                crate::model::method_msg(&s.method).text(lang).to_owned(),
                activity,
            ]
        })
        .collect();
    flow.table(&[0.1, 0.1, 0.18, 0.62], &header, &rows, 9.0);
}

/// Renders the trainer's pack; headings in `lang`, the course's text as written.
pub fn render(v: &TrainerPack, lang: Lang) -> Vec<u8> {
    let title = format!("{} — {}", Msg::TrainerPack.text(lang), v.course_title);
    let mut flow = Flow::new(title.clone(), lang);
    flow.gap(120.0);
    flow.heading(Msg::TrainerPack.text(lang), 22.0);
    flow.paragraph(&v.course_title, 16.0, 0.0, INK);
    flow.paragraph(Msg::TrainerPackIntro.text(lang), 10.0, 0.0, GREY);

    flow.new_page();
    flow.heading(Msg::PilotAgenda.text(lang), 16.0);
    if v.agenda.is_empty() {
        flow.paragraph(Msg::NothingYet.text(lang), 10.0, 0.0, GREY);
    } else {
        flow.paragraph(&v.agenda_title, 11.0, 0.0, INK);
        flow.paragraph(
            &Msg::ContactHours.format(lang, &[("minutes", i64::from(v.contact_minutes).into())]),
            9.5,
            0.0,
            GREY,
        );
        steps_table(&mut flow, &v.agenda, lang, true);
        markdown(&mut flow, &v.agenda_notes);
    }
    for (heading, text) in [
        (Msg::MaterialsList, &v.materials),
        (Msg::LocalisationSheet, &v.localisation),
    ] {
        flow.heading(heading.text(lang), 16.0);
        if text.trim().is_empty() {
            flow.paragraph(Msg::NothingYet.text(lang), 10.0, 0.0, GREY);
        } else {
            markdown(&mut flow, text);
        }
    }
    for l in &v.lessons {
        flow.new_page();
        flow.paragraph(&l.module_title, 9.0, 0.0, GREY);
        flow.heading(&l.title, 15.0);
        flow.paragraph(
            &Msg::SessionPlanMinutes.format(
                lang,
                &[
                    ("planned", i64::from(l.planned).into()),
                    ("duration", i64::from(l.duration).into()),
                ],
            ),
            9.5,
            0.0,
            GREY,
        );
        if l.plan.is_empty() && l.notes.trim().is_empty() {
            flow.paragraph(Msg::NothingYet.text(lang), 10.0, 0.0, GREY);
            continue;
        }
        if !l.plan.is_empty() {
            steps_table(&mut flow, &l.plan, lang, false);
        }
        markdown(&mut flow, &l.notes);
    }
    finish_pages(flow.pages, &title)
}
