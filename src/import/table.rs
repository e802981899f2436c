//! An export read into rows of typed cells: CSV (UTF-8 with or without BOM, or Windows-1252
//! as Excel writes it; `,`, `;` or Tab) or XLSX (the first sheet, or a named one). Each cell
//! keeps its place as a spreadsheet names it (`data.csv:412:5`, `daftar.xlsx:Sheet1!F17`), so
//! an error points where the editor looks.
//!
//! Bounds come first: a file over the size limits, a binary file, or an XLSX whose parts
//! declare more than they may inflate to is refused before anything is parsed.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// A CSV larger than this is refused (the programme's full export is about 100 MB).
pub const MAX_CSV_BYTES: u64 = 1024 * 1024 * 1024;
/// An XLSX file larger than this is refused.
pub const MAX_XLSX_BYTES: u64 = 256 * 1024 * 1024;
/// What all parts of an XLSX may declare they inflate to, together.
pub const MAX_XLSX_INFLATED: u64 = 2 * 1024 * 1024 * 1024;
/// How many rows at the top may come before the header row (titles, merged group headings).
const HEADER_SEARCH_ROWS: usize = 10;
/// A row may have at most this many columns (a real export has a few dozen).
pub const MAX_COLUMNS: usize = 512;
/// A file may have at most this many filled cells (the programme's full export has about
/// 6 million), so memory stays bounded whatever the file holds.
pub const MAX_CELLS: usize = 40_000_000;

/// One cell's value, with the type the spreadsheet gave it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(jiff::civil::DateTime),
    Bool(bool),
    /// A formula, with the value the spreadsheet last computed for it.
    Formula {
        formula: String,
        value: Box<Cell>,
    },
    /// An error value such as `#REF!`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as the spreadsheet shows it (a whole number without `.0`).
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) if d.time() == jiff::civil::Time::midnight() => d.date().to_string(),
            Cell::Date(d) => d.strftime("%Y-%m-%dT%H:%M").to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Formula { value, .. } => value.shown(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// One data row: its number as the editor sees it (the CSV line, the sheet row) and its cells.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }
}

/// A whole export: the header row and the data rows below it.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file as named on the command line.
    pub file: String,
    /// The sheet of an XLSX file.
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    /// Where the header row is (its CSV line or sheet row).
    pub header_row: usize,
    pub rows: Vec<Row>,
}

impl Table {
    /// An error at a cell: `data.csv:412:5` or `daftar.xlsx:Sheet1!F17`.
    pub fn error_at(&self, row: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        match &self.sheet {
            Some(sheet) => Diagnostic::file(format!("{}:{sheet}!{}{row}", self.file, column_letters(column)), message),
            None => {
                let mut diagnostic = Diagnostic::file(&self.file, message);
                diagnostic.line = row;
                diagnostic.column = column + 1;
                diagnostic
            }
        }
    }

    /// An error about a whole row.
    pub fn error_in_row(&self, row: usize, message: impl Into<String>) -> Diagnostic {
        match &self.sheet {
            Some(sheet) => Diagnostic::file(format!("{}:{sheet}!{row}:{row}", self.file), message),
            None => {
                let mut diagnostic = Diagnostic::file(&self.file, message);
                diagnostic.line = row;
                diagnostic
            }
        }
    }
}

/// `A`, `B`, …, `Z`, `AA`: a 0-based column as a spreadsheet names it.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Reads `path` as CSV or XLSX (by its first bytes, not only its name). `is_header` says how
/// likely a cell's text is a column name, to find the header row under titles.
pub fn read(path: &Path, sheet: Option<&str>, is_header: &dyn Fn(&str) -> bool) -> Result<Table, Diagnostic> {
    let name = path.to_string_lossy().replace('\\', "/");
    let metadata =
        std::fs::metadata(path).map_err(|e| Diagnostic::file(&name, format!("cannot read the file: {e}")))?;
    if !metadata.is_file() {
        return Err(Diagnostic::file(&name, "not a file"));
    }
    let mut head = [0u8; 4];
    let read_head = {
        use std::io::Read as _;
        std::fs::File::open(path).and_then(|mut f| f.read(&mut head))
    };
    let read_head = read_head.map_err(|e| Diagnostic::file(&name, format!("cannot read the file: {e}")))?;
    let zipped = read_head == 4 && head == *b"PK\x03\x04";
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    // Other spreadsheet formats (an `.ods` is a zip too) are named before anything is read.
    if matches!(extension.as_str(), "xls" | "ods" | "numbers") {
        return Err(Diagnostic::file(&name, format!("`.{extension}` files are not read"))
            .with_hint("save the sheet as Excel Workbook (.xlsx) or as CSV"));
    }
    if zipped || extension == "xlsx" {
        if !zipped {
            return Err(Diagnostic::file(&name, "this `.xlsx` file is not an Excel workbook")
                .with_hint("open it in the spreadsheet program and save it again as Excel Workbook (.xlsx) or CSV"));
        }
        return read_xlsx(path, &name, metadata.len(), sheet, is_header);
    }
    if sheet.is_some() {
        return Err(Diagnostic::file(&name, "`--sheet` names a sheet of an XLSX file; this file is CSV"));
    }
    read_csv(path, &name, metadata.len(), is_header)
}

fn read_csv(path: &Path, name: &str, size: u64, is_header: &dyn Fn(&str) -> bool) -> Result<Table, Diagnostic> {
    if size > MAX_CSV_BYTES {
        return Err(Diagnostic::file(
            name,
            format!("the file is {} MB; a CSV may be at most {} MB", size >> 20, MAX_CSV_BYTES >> 20),
        )
        .with_hint("split the export into several files and import them one after another"));
    }
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::file(name, format!("cannot read the file: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if bytes[..bytes.len().min(64 * 1024)].contains(&0) {
        return Err(Diagnostic::file(name, "this is not a CSV text file (it holds binary data)")
            .with_hint("export the sheet as CSV (comma or semicolon separated) or XLSX"));
    }
    // UTF-8 when it is valid; otherwise the Windows code page Excel uses for CSV in Indonesia.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0,
    };
    let delimiter = guess_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)).collect();
    let mut rows = Vec::new();
    let mut cells = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            let mut d = Diagnostic::file(name, format!("this is not readable CSV: {e}"));
            d.line = line;
            d.with_hint("a field that contains the separator or a line break must be in double quotes")
        })?;
        // The line a record starts on. The reader places a record where the one before it
        // ended (before its line end and any blank lines), so skip those first.
        let number = record.position().map_or(0, |p| {
            let at = p.byte() as usize;
            let start =
                at + text.as_bytes()[at.min(text.len())..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
            line_of(&line_starts, start)
        });
        // Trailing empty fields (`;;;;` to the width of the sheet) take no room.
        let filled = (0..record.len()).rev().find(|&i| !record[i].trim().is_empty()).map_or(0, |i| i + 1);
        if filled > MAX_COLUMNS {
            let mut d =
                Diagnostic::file(name, format!("line {number} has {filled} columns; at most {MAX_COLUMNS} are read"));
            d.line = number;
            return Err(d.with_hint("check the separator: the file may not be the export it seems"));
        }
        cells += filled;
        if cells > MAX_CELLS {
            return Err(too_many_cells(name));
        }
        let row = record
            .iter()
            .take(filled)
            .map(|field| if field.trim().is_empty() { Cell::Empty } else { Cell::Text(field.trim().to_string()) })
            .collect();
        rows.push(Row { number, cells: row });
    }
    Ok(with_header(name.to_string(), None, rows, &[], is_header))
}

/// The 1-based line of byte `offset`, given where each line starts.
fn line_of(line_starts: &[usize], offset: usize) -> usize {
    line_starts.partition_point(|&start| start <= offset)
}

/// The separator of a CSV file: the one of `;`, `,` and Tab found most on its first line
/// (outside quotes).
fn guess_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in first.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
            entry.1 += 1;
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(d, _)| *d)
}

/// Splits `rows` at the header row: the row among the first few with the most cells that name
/// a known column. Above it are titles. A header cell merged with others (across columns, or
/// down from a row above) takes the text of the merged cell.
fn with_header(
    file: String,
    sheet: Option<String>,
    mut rows: Vec<Row>,
    merges: &[calamine::Dimensions],
    is_header: &dyn Fn(&str) -> bool,
) -> Table {
    rows.retain(|r| r.cells.iter().any(|c| !c.is_empty()));
    let score = |row: &Row| row.cells.iter().filter(|c| is_header(&c.shown())).count();
    let searched = rows.len().min(HEADER_SEARCH_ROWS);
    let chosen = (0..searched)
        .max_by_key(|&i| (score(&rows[i]), std::cmp::Reverse(i)))
        .filter(|&i| score(&rows[i]) > 0)
        .unwrap_or(0);
    let header_row = rows.get(chosen).map_or(1, |r| r.number);
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let text_at = |number: usize, column: usize| {
        rows.iter().find(|r| r.number == number).map(|r| r.cell(column).shown()).unwrap_or_default()
    };
    let headers: Vec<String> = (0..width)
        .map(|column| {
            let own = rows.get(chosen).map(|r| r.cell(column).shown()).unwrap_or_default();
            if !own.is_empty() {
                return own;
            }
            // Merges are 0-based; row numbers are 1-based.
            merges
                .iter()
                .find(|m| {
                    (m.start.0 as usize + 1..=m.end.0 as usize + 1).contains(&header_row)
                        && (m.start.1 as usize..=m.end.1 as usize).contains(&column)
                })
                .map(|m| text_at(m.start.0 as usize + 1, m.start.1 as usize))
                .unwrap_or_default()
        })
        .collect();
    let data = if rows.is_empty() { Vec::new() } else { rows.split_off(chosen + 1) };
    Table { file, sheet, headers, header_row, rows: data }
}

fn too_many_cells(name: &str) -> Diagnostic {
    Diagnostic::file(name, format!("the file has more than {MAX_CELLS} filled cells"))
        .with_hint("split the export into several files and import them one after another")
}

fn read_xlsx(
    path: &Path,
    name: &str,
    size: u64,
    sheet: Option<&str>,
    is_header: &dyn Fn(&str) -> bool,
) -> Result<Table, Diagnostic> {
    use calamine::Reader as _;
    if size > MAX_XLSX_BYTES {
        return Err(Diagnostic::file(
            name,
            format!("the file is {} MB; an XLSX may be at most {} MB", size >> 20, MAX_XLSX_BYTES >> 20),
        )
        .with_hint("export the sheet as CSV, or split it into several workbooks"));
    }
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::file(name, format!("cannot read the file: {e}")))?;
    check_inflated_size(&bytes, name)?;
    let not_a_workbook = |e: &dyn std::fmt::Display| {
        Diagnostic::file(name, format!("this is not a readable Excel workbook: {e}"))
            .with_hint("open it in the spreadsheet program and save it again as Excel Workbook (.xlsx) or CSV")
    };
    let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| not_a_workbook(&e))?;
    let names = workbook.sheet_names();
    let sheet_name = match sheet {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).cloned().ok_or_else(|| {
            Diagnostic::file(name, format!("the workbook has no sheet `{wanted}`"))
                .with_hint(format!("its sheets are: {}", names.join(", ")))
        })?,
        None => names.first().cloned().ok_or_else(|| Diagnostic::file(name, "the workbook has no sheet"))?,
    };
    // Cells are streamed and kept by row, never as the sheet's whole rectangle: a sheet with
    // one cell at A1 and one at XFD1048576 takes two cells of memory, not billions.
    let mut rows: std::collections::BTreeMap<u32, Vec<Cell>> = std::collections::BTreeMap::new();
    let mut count = 0usize;
    {
        let mut reader = workbook.worksheet_cells_reader(&sheet_name).map_err(|e| not_a_workbook(&e))?;
        while let Some(cell) = reader.next_cell().map_err(|e| not_a_workbook(&e))? {
            let (row, column) = cell.get_position();
            let value = xlsx_value(cell.get_value());
            if value == Cell::Empty {
                continue;
            }
            place(&mut rows, row, column as usize, value, name, &sheet_name)?;
            count += 1;
            if count > MAX_CELLS {
                return Err(too_many_cells(name));
            }
        }
    }
    {
        let mut reader = workbook.worksheet_cells_reader(&sheet_name).map_err(|e| not_a_workbook(&e))?;
        while let Some(formula) = reader.next_formula().map_err(|e| not_a_workbook(&e))? {
            let (row, column) = formula.get_position();
            let text = formula.get_value();
            if text.is_empty() {
                continue;
            }
            let value = rows.get(&row).and_then(|r| r.get(column as usize)).cloned().unwrap_or(Cell::Empty);
            let cell = Cell::Formula { formula: text.clone(), value: Box::new(value) };
            place(&mut rows, row, column as usize, cell, name, &sheet_name)?;
        }
    }
    let merges = workbook.merge_cells_by_sheet_name(&sheet_name).unwrap_or_default();
    let rows = rows.into_iter().map(|(row, cells)| Row { number: row as usize + 1, cells }).collect();
    Ok(with_header(name.to_string(), Some(sheet_name), rows, &merges, is_header))
}

/// Puts a cell in its row, refusing columns past [`MAX_COLUMNS`].
fn place(
    rows: &mut std::collections::BTreeMap<u32, Vec<Cell>>,
    row: u32,
    column: usize,
    value: Cell,
    name: &str,
    sheet: &str,
) -> Result<(), Diagnostic> {
    if column >= MAX_COLUMNS {
        return Err(Diagnostic::file(
            format!("{name}:{sheet}!{}{}", column_letters(column), row + 1),
            format!("a cell in column {}; at most {MAX_COLUMNS} columns are read", column_letters(column)),
        )
        .with_hint("delete what lies right of the export's columns, or save the sheet as CSV"));
    }
    let cells = rows.entry(row).or_default();
    if cells.len() <= column {
        cells.resize(column + 1, Cell::Empty);
    }
    cells[column] = value;
    Ok(())
}

/// A calamine cell value as a [`Cell`].
fn xlsx_value(data: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.trim().to_string()),
        DataRef::SharedString(s) => Cell::Text(s.trim().to_string()),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => serial_date(d.as_f64()).map_or(Cell::Number(d.as_f64()), Cell::Date),
        DataRef::DateTimeIso(text) => {
            text.parse::<jiff::civil::DateTime>().map_or_else(|_| Cell::Text(text.clone()), Cell::Date)
        }
        DataRef::DurationIso(text) => Cell::Text(text.clone()),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// Refuses a workbook whose parts declare more than [`MAX_XLSX_INFLATED`] bytes together (a
/// zip bomb), before any part is inflated.
fn check_inflated_size(bytes: &[u8], name: &str) -> Result<(), Diagnostic> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        Diagnostic::file(name, format!("this is not a readable Excel workbook: {e}"))
            .with_hint("open it in the spreadsheet program and save it again as Excel Workbook (.xlsx) or CSV")
    })?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let size = archive.by_index_raw(i).map(|entry| entry.size()).unwrap_or(u64::MAX);
        total = total.saturating_add(size);
    }
    if total > MAX_XLSX_INFLATED {
        return Err(Diagnostic::file(
            name,
            format!(
                "the workbook's parts inflate to {} MB, over the limit of {} MB",
                total >> 20,
                MAX_XLSX_INFLATED >> 20
            ),
        )
        .with_hint("a real export is far smaller: save the sheet again as CSV, or check where the file came from"));
    }
    Ok(())
}

/// An Excel serial date (days since 1899-12-30, the fraction the time of day).
fn serial_date(serial: f64) -> Option<jiff::civil::DateTime> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let start = jiff::civil::date(1899, 12, 30).at(0, 0, 0, 0);
    start.checked_add(jiff::Span::new().days(days).seconds(seconds)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(5), "F");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn the_separator_is_the_one_on_the_header_line() {
        assert_eq!(guess_delimiter("Nama Usaha;Alamat;Harga\n"), b';');
        assert_eq!(guess_delimiter("Nama Usaha,Alamat,Harga\n"), b',');
        assert_eq!(guess_delimiter("\"Nama, Usaha\";Alamat\n"), b';');
        assert_eq!(guess_delimiter("Nama\tAlamat\n"), b'\t');
        assert_eq!(guess_delimiter("Nama\n"), b',');
    }

    #[test]
    fn csv_rows_carry_their_line_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.csv");
        std::fs::write(&path, "Nama Usaha;Alamat\r\nA;\"Jl. Satu\r\nBaris Dua\"\r\n\r\nB;Jl. Tiga\r\n").unwrap();
        let table = read(&path, None, &|h: &str| h == "Nama Usaha").unwrap();
        assert_eq!(table.header_row, 1);
        assert_eq!(table.rows.iter().map(|r| r.number).collect::<Vec<_>>(), vec![2, 5]);
        assert_eq!(table.rows[0].cell(1), &Cell::Text("Jl. Satu\r\nBaris Dua".into()));
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(serial_date(44705.0).unwrap().date().to_string(), "2022-05-24");
        assert_eq!(serial_date(44705.5).unwrap().time().hour(), 12);
        assert!(serial_date(-3.0).is_none());
    }
}
