//! Tables as downloadable files: CSV written by the `csv` crate (RFC 4180, CRLF line ends)
//! with one guard against spreadsheet formulas on every text cell, and XLSX. Every CSV and
//! XLSX file Checkpoint writes goes through here.

use crate::error::AppResult;
pub use content::xlsx::Cell;

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => crate::validate::csv_safe(t).into_owned(),
        Cell::Number(n) => n.to_string(),
        Cell::Empty => String::new(),
    }
}

/// Rows (of any length; an empty row is a blank line between sections) as CSV.
pub fn csv(rows: &[Vec<Cell>]) -> AppResult<Vec<u8>> {
    let mut out = Vec::new();
    for (i, section) in rows.split(|r| r.is_empty()).enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for row in section {
            w.write_record(row.iter().map(cell_text))
                .map_err(|e| crate::server::errors::internal("csv", e))?;
        }
        out.extend(
            w.into_inner()
                .map_err(|e| crate::server::errors::internal("csv", e))?,
        );
    }
    Ok(out)
}

/// Rows of text as CSV, every cell guarded.
pub fn csv_text<S: AsRef<str>>(rows: &[Vec<S>]) -> AppResult<Vec<u8>> {
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|s| Cell::Text(s.as_ref().to_owned()))
                .collect()
        })
        .collect();
    csv(&rows)
}

/// Rows as an XLSX workbook of one sheet, built on the blocking pool.
pub async fn xlsx(sheet: &str, rows: Vec<Vec<Cell>>) -> AppResult<Vec<u8>> {
    let sheet = sheet.to_owned();
    super::off_runtime("xlsx", move || content::xlsx::write(&sheet, &rows)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_are_guarded_quoted_and_rows_end_in_crlf() {
        let rows = vec![
            vec![Cell::Text("name".into()), Cell::Text("score".into())],
            vec![Cell::Text("=HYPERLINK(\"x\")".into()), Cell::Number(-1.5)],
            vec![],
            vec![
                Cell::Text("a, \"b\"".into()),
                Cell::Empty,
                Cell::Text("-3".into()),
            ],
        ];
        let out = String::from_utf8(csv(&rows).unwrap()).unwrap();
        assert_eq!(
            out,
            "name,score\r\n\"'=HYPERLINK(\"\"x\"\")\",-1.5\r\n\r\n\"a, \"\"b\"\"\",,-3\r\n"
        );
    }
}
