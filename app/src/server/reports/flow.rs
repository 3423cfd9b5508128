//! Text flowing down A4 pages over [`super::pdf`]: headings, wrapped paragraphs and tables
//! that start at the reading edge (the right margin in Arabic), a footer with the page number.
//! The country report and the trainer's pack are laid out with it.

use super::pdf::{Font, Page, text_width};
use crate::i18n::Lang;

/// Page width (A4 portrait, points).
pub(crate) const W: f32 = 595.0;
/// Page height.
pub(crate) const H: f32 = 842.0;
/// Margin on every side.
pub(crate) const MARGIN: f32 = 56.0;
/// Body text.
pub(crate) const INK: (f32, f32, f32) = (0.11, 0.14, 0.19);
/// Secondary text.
pub(crate) const GREY: (f32, f32, f32) = (0.34, 0.38, 0.45);
/// Headings.
pub(crate) const NAVY: (f32, f32, f32) = (0.04, 0.31, 0.49);
/// Rules and grid lines.
pub(crate) const RULE: (f32, f32, f32) = (0.79, 0.82, 0.86);

/// Text flowing down pages.
pub(crate) struct Flow {
    pub(crate) pages: Vec<Page>,
    pub(crate) y: f32,
    footer: String,
    pub(crate) lang: Lang,
}

impl Flow {
    pub(crate) fn new(footer: String, lang: Lang) -> Self {
        let mut flow = Flow {
            pages: Vec::new(),
            y: 0.0,
            footer,
            lang,
        };
        flow.new_page();
        flow
    }

    pub(crate) fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::new(W, H));
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub(crate) fn new_page(&mut self) {
        let n = self.pages.len() + 1;
        let mut page = Page::new(W, H);
        page.text(
            MARGIN,
            30.0,
            &format!("{} · {n}", self.footer),
            Font::Regular,
            8.0,
            GREY,
        );
        self.pages.push(page);
        self.y = H - MARGIN;
    }

    /// Makes room for `h` points, starting a new page if needed.
    pub(crate) fn ensure(&mut self, h: f32) {
        if self.y - h < MARGIN {
            self.new_page();
        }
    }

    pub(crate) fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    /// Lines of `text` wrapped to `width` at `size`.
    pub(crate) fn wrap(text: &str, weight: Font, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if text_width(&candidate, weight, size) > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_owned();
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Where a line of `width` points starts in a column from `left` to `right`: against the
    /// left edge, or the right one in a right-to-left report.
    pub(crate) fn start(&self, left: f32, right: f32, width: f32) -> f32 {
        if self.lang.dir() == "rtl" {
            (right - width).max(left)
        } else {
            left
        }
    }

    /// One line of text placed against the reading edge of the column `left`..`right`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn line_at(
        &mut self,
        left: f32,
        right: f32,
        y: f32,
        text: &str,
        weight: Font,
        size: f32,
        colour: (f32, f32, f32),
    ) {
        let x = self.start(left, right, text_width(text, weight, size));
        self.page().text(x, y, text, weight, size, colour);
    }

    pub(crate) fn heading(&mut self, text: &str, size: f32) {
        self.ensure(size * 3.0);
        self.gap(size * 0.8);
        let y = self.y;
        self.line_at(MARGIN, W - MARGIN, y, text, Font::Bold, size, NAVY);
        self.gap(size * 0.9);
    }

    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        size: f32,
        indent: f32,
        colour: (f32, f32, f32),
    ) {
        let lead = size * 1.35;
        for line in Self::wrap(text, Font::Regular, size, W - 2.0 * MARGIN - indent) {
            self.ensure(lead);
            self.gap(lead);
            let y = self.y;
            let (left, right) = if self.lang.dir() == "rtl" {
                (MARGIN, W - MARGIN - indent)
            } else {
                (MARGIN + indent, W - MARGIN)
            };
            self.line_at(left, right, y, &line, Font::Regular, size, colour);
        }
        self.gap(size * 0.5);
    }

    /// A table: column widths (fractions of the text width), header, rows; cells wrap.
    pub(crate) fn table(
        &mut self,
        widths: &[f32],
        header: &[&str],
        rows: &[Vec<String>],
        size: f32,
    ) {
        let total = W - 2.0 * MARGIN;
        let cols: Vec<f32> = widths.iter().map(|w| w * total).collect();
        let lead = size * 1.3;
        let draw_row = |flow: &mut Flow, cells: &[String], weight: Font| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&cols)
                .map(|(c, w)| Self::wrap(c, weight, size, w - 6.0))
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32 * lead + 4.0;
            flow.ensure(height);
            let top = flow.y;
            // Columns run from the reading edge: right to left in a right-to-left report.
            let rtl = flow.lang.dir() == "rtl";
            let mut x = if rtl { W - MARGIN } else { MARGIN };
            for (lines, w) in wrapped.iter().zip(&cols) {
                let (left, right) = if rtl { (x - w, x) } else { (x, x + w) };
                for (i, line) in lines.iter().enumerate() {
                    let y = top - lead * (i as f32 + 1.0);
                    flow.line_at(left + 2.0, right - 2.0, y, line, weight, size, INK);
                }
                x = if rtl { x - w } else { x + w };
            }
            flow.y = top - height;
            let y = flow.y + 1.0;
            flow.page().line((MARGIN, y), (W - MARGIN, y), 0.5, RULE);
        };
        let head: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        draw_row(self, &head, Font::Bold);
        for row in rows {
            draw_row(self, row, Font::Regular);
        }
        self.gap(8.0);
    }
}
