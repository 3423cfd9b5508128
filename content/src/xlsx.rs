//! Spreadsheets in the Office Open XML format (`.xlsx`): a writer of one sheet of text and
//! numbers (on `rust_xlsxwriter`) and a reader of the first sheet's cells as text — enough for
//! exports and for importing paper responses typed into a spreadsheet.
//!
//! The reader is our own because it bounds what it inflates and keeps only the cells present,
//! so a small file cannot expand into gigabytes of memory (`docs/decisions.md`).

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// A cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// Nothing.
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        if n.is_finite() {
            Cell::Number(n)
        } else {
            Cell::Empty
        }
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Number(n as f64)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// Largest part of a workbook the reader inflates.
pub const MAX_PART: u64 = 32 * 1024 * 1024;

/// Column letters of the zero-based column `i` (`0` → `A`, `26` → `AA`).
pub fn column_name(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Longest text Excel keeps in one cell; longer texts are cut there.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A workbook of one sheet named `sheet` holding `rows` (the first is usually the header),
/// written by `rust_xlsxwriter`. Text XML cannot carry is dropped, and so are characters that
/// change the direction of the text around them ([`crate::is_direction_control`]); text beyond Excel's cell
/// limit is cut, and the document's date is fixed so the same data gives the same bytes.
pub fn write(sheet: &str, rows: &[Vec<Cell>]) -> Vec<u8> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};
    let mut book = Workbook::new();
    if let Ok(epoch) = ExcelDateTime::from_ymd(2000, 1, 1) {
        book.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    }
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect();
    let page = book.add_worksheet();
    if !name.trim().is_empty() {
        // A name the filter above let through is valid; on error the default name stays.
        let _ = page.set_name(name.trim());
    }
    for (r, row) in rows.iter().enumerate().take(1_048_576) {
        let r = r as u32;
        for (c, cell) in row.iter().enumerate().take(16_384) {
            let c = c as u16;
            // Writing within the sheet's limits cannot fail.
            let _ = match cell {
                Cell::Text(t) => {
                    let clean: String = t
                        .chars()
                        .filter(|c| matches!(c, '\t' | '\n' | '\r') || *c >= ' ')
                        .filter(|c| !crate::is_direction_control(*c))
                        .take(MAX_CELL_CHARS)
                        .collect();
                    page.write_string(r, c, clean).map(|_| ())
                }
                Cell::Number(n) => page.write_number(r, c, *n).map(|_| ()),
                Cell::Empty => Ok(()),
            };
        }
    }
    book.save_to_buffer().unwrap_or_default()
}

/// Why a spreadsheet could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct XlsxError(pub String);

fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, XlsxError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(XlsxError(format!("{name}: {e}"))),
    };
    let mut text = String::new();
    let read = file
        .take(MAX_PART + 1)
        .read_to_string(&mut text)
        .map_err(|e| XlsxError(format!("{name}: {e}")))?;
    if read as u64 > MAX_PART {
        return Err(XlsxError(format!(
            "{name} is larger than {} MB",
            MAX_PART >> 20
        )));
    }
    Ok(Some(text))
}

/// One row of a sheet as read: the cells present, by column, so a row with one cell far to
/// the right costs one cell, not a column's worth of empty ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// (zero-based column, text), by column.
    cells: Vec<(usize, String)>,
}

impl Row {
    /// The text in column `col`, if the cell is present.
    pub fn get(&self, col: usize) -> Option<&String> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }

    /// The texts of the cells present, left to right.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.cells.iter().map(|(_, t)| t)
    }

    /// The cells present, as (column, text), left to right.
    pub fn cells(&self) -> &[(usize, String)] {
        &self.cells
    }

    /// One more than the rightmost column with a cell (0 for an empty row).
    pub fn width(&self) -> usize {
        self.cells.last().map_or(0, |(c, _)| c + 1)
    }

    /// The row as text in every column up to its last cell, empty where no cell is.
    pub fn to_vec(&self) -> Vec<String> {
        let mut out = vec![String::new(); self.width()];
        for (c, t) in &self.cells {
            out[*c] = t.clone();
        }
        out
    }

    /// Puts `text` in column `col`, replacing a cell already there.
    fn set(&mut self, col: usize, text: String) {
        match self.cells.binary_search_by_key(&col, |(c, _)| *c) {
            Ok(i) => self.cells[i].1 = text,
            Err(i) => self.cells.insert(i, (col, text)),
        }
    }
}

impl From<Vec<String>> for Row {
    fn from(texts: Vec<String>) -> Self {
        Row {
            cells: texts.into_iter().enumerate().collect(),
        }
    }
}

/// Zero-based column of a cell reference such as `AB12`.
fn column_of(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n = 0usize;
    for l in letters {
        n = n * 26 + usize::from(l.to_ascii_uppercase() - b'A' + 1);
    }
    Some(n - 1)
}

/// The cells of the first sheet of workbook `bytes`, as text, row by row (rows the file
/// skips are empty). Numbers read as written (`3`, not `3.0`). Memory follows the cells
/// present and their text, which together may not exceed [`MAX_PART`] bytes (a shared string
/// used by many cells counts each time).
pub fn read_first_sheet(bytes: &[u8], max_rows: usize) -> Result<Vec<Row>, XlsxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| XlsxError("this is not an .xlsx workbook (it is not a zip archive)".into()))?;
    let shared = match part(&mut archive, "xl/sharedStrings.xml")? {
        Some(text) => shared_strings(&text)?,
        None => Vec::new(),
    };
    let sheet_name = archive
        .file_names()
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        .min_by_key(|n| (n.len(), n.to_string()))
        .map(str::to_owned)
        .ok_or_else(|| XlsxError("the workbook has no worksheet".into()))?;
    let sheet = part(&mut archive, &sheet_name)?.unwrap_or_default();
    let mut reader = Reader::from_str(&sheet);
    let mut rows: Vec<Row> = Vec::new();
    let mut text_bytes: u64 = 0;
    let mut cell: Option<(usize, String)> = None; // column and type
    let mut in_value = false;
    let mut value = String::new();
    let bad = |e: &dyn std::fmt::Display| XlsxError(format!("{sheet_name}: {e}"));
    loop {
        match reader.read_event().map_err(|e| bad(&e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"row" => {
                let at = e
                    .try_get_attribute("r")
                    .map_err(|e| bad(&e))?
                    .and_then(|a| String::from_utf8_lossy(&a.value).parse::<usize>().ok())
                    .unwrap_or(rows.len() + 1);
                if at > max_rows || at < rows.len() {
                    return Err(XlsxError(format!(
                        "the sheet has more than {max_rows} rows"
                    )));
                }
                rows.resize(at, Row::default());
            }
            Event::Start(e) if e.local_name().as_ref() == b"c" => {
                let col = e
                    .try_get_attribute("r")
                    .map_err(|e| bad(&e))?
                    .and_then(|a| column_of(&String::from_utf8_lossy(&a.value)))
                    .unwrap_or_else(|| rows.last().map_or(0, Row::width));
                let kind = e
                    .try_get_attribute("t")
                    .map_err(|e| bad(&e))?
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .unwrap_or_default();
                cell = Some((col, kind));
                value.clear();
            }
            Event::Start(e) if matches!(e.local_name().as_ref(), b"v" | b"t") => {
                in_value = cell.is_some()
            }
            Event::End(e) if matches!(e.local_name().as_ref(), b"v" | b"t") => in_value = false,
            Event::Text(t) if in_value => value.push_str(&t.unescape().map_err(|e| bad(&e))?),
            Event::End(e) if e.local_name().as_ref() == b"c" => {
                if let Some((col, kind)) = cell.take() {
                    let text = match kind.as_str() {
                        "s" => value
                            .trim()
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| shared.get(i).cloned())
                            .unwrap_or_default(),
                        "b" => if value.trim() == "1" { "TRUE" } else { "FALSE" }.to_owned(),
                        _ => value.clone(),
                    };
                    if rows.is_empty() {
                        rows.push(Row::default());
                    }
                    if col > 16_384 {
                        return Err(XlsxError("a cell lies beyond column XFD".into()));
                    }
                    text_bytes += text.len() as u64 + 1;
                    if text_bytes > MAX_PART {
                        return Err(XlsxError(format!(
                            "the sheet's cells hold more than {} MB of text",
                            MAX_PART >> 20
                        )));
                    }
                    if !text.is_empty() {
                        rows.last_mut().expect("a row").set(col, text);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(rows)
}

fn shared_strings(text: &str) -> Result<Vec<String>, XlsxError> {
    let mut reader = Reader::from_str(text);
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    loop {
        match reader
            .read_event()
            .map_err(|e| XlsxError(format!("sharedStrings.xml: {e}")))?
        {
            Event::Start(e) if e.local_name().as_ref() == b"si" => current = Some(String::new()),
            Event::End(e) if e.local_name().as_ref() == b"si" => {
                strings.push(current.take().unwrap_or_default());
            }
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
            Event::Text(t) if in_text => {
                if let Some(s) = current.as_mut() {
                    s.push_str(
                        &t.unescape()
                            .map_err(|e| XlsxError(format!("sharedStrings.xml: {e}")))?,
                    );
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(strings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn columns_are_named_like_a_spreadsheet() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        for i in [0, 5, 26, 300, 5000] {
            assert_eq!(column_of(&format!("{}7", column_name(i))), Some(i));
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let rows = vec![
            vec![Cell::from("name"), Cell::from("score")],
            vec![Cell::from("Nguyễn <&> \"Ő\""), Cell::from(3.0)],
            vec![Cell::Empty, Cell::from(4.5)],
        ];
        let bytes = write("Gaps", &rows);
        assert_eq!(bytes, write("Gaps", &rows), "deterministic");
        let back = read_first_sheet(&bytes, 100).unwrap();
        assert_eq!(back[0].to_vec(), ["name", "score"]);
        assert_eq!(back[1].to_vec(), ["Nguyễn <&> \"Ő\"", "3"]);
        assert_eq!(back[2].to_vec(), ["", "4.5"]);
        assert_eq!(back[2].get(0), None);
    }

    #[test]
    fn not_a_workbook_and_too_many_rows_are_refused() {
        assert!(read_first_sheet(b"respondent,agency\n", 10).is_err());
        let rows: Vec<Vec<Cell>> = (0..20).map(|i| vec![Cell::from(i as f64)]).collect();
        let e = read_first_sheet(&write("s", &rows), 10).unwrap_err();
        assert!(e.0.contains("more than 10 rows"), "{e}");
    }

    /// A workbook whose sheet is `sheet_xml` (and shared strings `shared`).
    fn workbook(sheet_xml: &str, shared: Option<&str>) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        zip.write_all(sheet_xml.as_bytes()).unwrap();
        if let Some(shared) = shared {
            zip.start_file("xl/sharedStrings.xml", opts).unwrap();
            zip.write_all(shared.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_cell_far_to_the_right_costs_one_cell() {
        // 20,000 rows of one cell in column XFD: once 16,384 strings a row (gigabytes from a
        // small file); now one each.
        let rows: String = (1..=20_000)
            .map(|r| format!("<row r=\"{r}\"><c r=\"XFD{r}\"><v>1</v></c></row>"))
            .collect();
        let xml = format!("<worksheet><sheetData>{rows}</sheetData></worksheet>");
        let sheet = read_first_sheet(&workbook(&xml, None), 20_000).unwrap();
        assert_eq!(sheet.len(), 20_000);
        for row in &sheet {
            assert_eq!(row.cells(), &[(16_383, "1".to_owned())]);
            assert_eq!(row.width(), 16_384);
        }
    }

    #[test]
    fn a_long_shared_string_used_by_many_cells_is_refused() {
        let long = "x".repeat(1 << 20);
        let shared = format!("<sst><si><t>{long}</t></si></sst>");
        let cells: String = (1..=40)
            .map(|r| format!("<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>0</v></c></row>"))
            .collect();
        let xml = format!("<worksheet><sheetData>{cells}</sheetData></worksheet>");
        let e = read_first_sheet(&workbook(&xml, Some(&shared)), 100).unwrap_err();
        assert!(e.0.contains("MB of text"), "{e}");
    }
}
