//! A problem in a file and where it is: [`Diagnostic`] (`PATH:LINE:COL: message`), a
//! [`Position`], and [`Source`], which turns byte offsets (and the raw slices of RON values
//! that borrow from the text) into lines and columns. What the positional reader
//! ([`super::ron_fields`]) and the scan of a whole file for refused characters
//! ([`super::ron_scan`]) both report with.

use ron::value::RawValue;

/// One problem found in a file, with its position when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column (in characters), if known.
    pub col: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn at(pos: Position, message: impl Into<String>) -> Self {
        Self {
            line: Some(pos.line),
            col: Some(pos.col),
            message: message.into(),
        }
    }

    pub fn nowhere(message: impl Into<String>) -> Self {
        Self {
            line: None,
            col: None,
            message: message.into(),
        }
    }

    /// `PATH:LINE:COL: message` (or `PATH: message` without a position): always one line.
    /// The path and the message are escaped ([`crate::domain::validate::text::escape`]): a
    /// line break in an echoed value cannot forge another `PATH:LINE:COL:` line, and a
    /// control sequence never reaches the terminal.
    pub fn render(&self, path: &str) -> String {
        use crate::domain::validate::text::escape;
        let (path, message) = (escape(path), escape(&self.message));
        match (self.line, self.col) {
            (Some(line), Some(col)) => format!("{path}:{line}:{col}: {message}"),
            (Some(line), None) => format!("{path}:{line}: {message}"),
            _ => format!("{path}: {message}"),
        }
    }
}

/// Every problem of one file, one `PATH:LINE:COL: message` line each.
pub fn render_all(path: &str, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(path))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

/// The source text with a line index, to turn byte offsets into positions.
pub struct Source<'a> {
    pub text: &'a str,
    line_starts: Vec<usize>,
    /// The last position computed (byte offset, line index, column): the next one on the
    /// same line counts characters from there, so positions asked in file order cost one
    /// pass over the text even on a file of one long line.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            text,
            line_starts,
            last: std::cell::Cell::new((0, 0, 1)),
        }
    }

    /// The position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line_idx).copied().unwrap_or(0);
        let (last_offset, last_line, last_col) = self.last.get();
        let (from, base) = if last_line == line_idx && last_offset <= offset && last_offset >= start
        {
            (last_offset, last_col)
        } else {
            (start, 1)
        };
        let col = self
            .text
            .get(from..offset)
            .map_or(1, |s| base + s.chars().count());
        self.last.set((offset, line_idx, col));
        Position {
            line: line_idx + 1,
            col,
        }
    }

    /// The byte offset of a slice that borrows from this source (`None` if it does not).
    pub fn offset_of(&self, slice: &str) -> Option<usize> {
        let base = self.text.as_ptr() as usize;
        let ptr = slice.as_ptr() as usize;
        (ptr >= base && ptr + slice.len() <= base + self.text.len()).then(|| ptr - base)
    }

    /// The position where a raw value starts.
    pub fn position_of(&self, raw: &RawValue) -> Position {
        let text = raw.get_ron();
        let trimmed = text.trim_start();
        let offset = self.offset_of(trimmed).unwrap_or(0);
        self.position(offset)
    }

    /// Translates a position inside `raw` (as ron reports it) into one in this source.
    pub fn absolute(&self, raw: &RawValue, inner: ron::error::Position) -> Position {
        let offset = self.offset_of(raw.get_ron()).unwrap_or(0);
        let base = self.position(offset);
        if inner.line <= 1 {
            Position {
                line: base.line,
                col: base.col + inner.col.saturating_sub(1),
            }
        } else {
            Position {
                line: base.line + inner.line - 1,
                col: inner.col,
            }
        }
    }
}
