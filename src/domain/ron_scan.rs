//! The one rule for text ([`crate::domain::validate::text`]) applied to a whole RON file,
//! with the position of every refused character: written as itself anywhere (a comment
//! included: `fmt --check` prints the file back), and, inside the strings of a rule pack or
//! an offerings catalog, written as an escape (`\u{202E}`, `\x1b`).
//!
//! Maps decide their strings field by field (their descriptions and notes may hold line
//! breaks, their labels may not), so for a map only what lies outside strings is scanned
//! here. One pass, linear in the file; at most [`MAX_REPORTED`] characters are reported.

use crate::domain::diagnostic::{Diagnostic, Source};
use crate::domain::validate::text::{Refused, describe, refused};

/// How many refused characters one file reports (then "and N more").
pub const MAX_REPORTED: usize = 100;

/// What the scan judges inside string literals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strings {
    /// Every character and every escape (rule packs, catalogs: free text everywhere, so tab
    /// and line breaks are allowed, a carriage return only before a line break).
    Checked,
    /// Nothing: the fields decide (maps).
    Skipped,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Code,
    LineComment,
    /// Nesting depth.
    BlockComment(usize),
    /// Inside `"…"` (or `'…'` when `quote` is `'`).
    Quoted(char),
    /// Inside `r#"…"#` with this many `#`.
    Raw(usize),
}

/// Every refused character of a RON source, with its position (sorted by position).
pub fn refused_characters(text: &str, strings: Strings) -> Vec<Diagnostic> {
    let src = Source::new(text);
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut more = 0usize;
    let mut report = |offset: usize, message: String| {
        if found.len() < MAX_REPORTED {
            found.push((offset, message));
        } else {
            more += 1;
        }
    };
    let mut state = State::Code;
    let mut i = 0;
    while i < bytes.len() {
        let in_string = matches!(state, State::Quoted(_) | State::Raw(_));
        let checked = !(in_string && strings == Strings::Skipped);
        // Skip the run of bytes that neither change the state nor could be refused.
        let structural = |b: u8| match state {
            State::Code => matches!(b, b'"' | b'\'' | b'/' | b'r'),
            State::LineComment => b == b'\n',
            State::BlockComment(_) => matches!(b, b'*' | b'/'),
            State::Quoted(q) => b == q as u8 || b == b'\\',
            State::Raw(_) => b == b'"',
        };
        let Some(skip) = bytes.get(i..).and_then(|rest| {
            rest.iter()
                .position(|&b| structural(b) || (checked && may_be_refused(b)))
        }) else {
            break;
        };
        i += skip;
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = text
            .get(i + c.len_utf8()..)
            .and_then(|rest| rest.chars().next());
        // A character written as itself.
        if checked {
            if let Some(why) = refused(c) {
                report(i, sentence(c, why, false));
            } else if c == '\r' && next != Some('\n') {
                report(i, sentence(c, Refused::Control, false));
            }
        }
        // Where the next character starts (escapes and markers move it further).
        let mut after = i + c.len_utf8();
        match state {
            State::Code => match c {
                '"' => state = State::Quoted('"'),
                '\'' => state = State::Quoted('\''),
                '/' if next == Some('/') => {
                    after += 1;
                    state = State::LineComment;
                }
                '/' if next == Some('*') => {
                    after += 1;
                    state = State::BlockComment(1);
                }
                'r' if !ident_before(bytes, i) && matches!(next, Some('"' | '#')) => {
                    let hashes = text
                        .get(i + 1..)
                        .map_or(0, |rest| rest.bytes().take_while(|b| *b == b'#').count());
                    if bytes.get(i + 1 + hashes) == Some(&b'"') {
                        after += hashes + 1;
                        state = State::Raw(hashes);
                    }
                }
                _ => {}
            },
            State::LineComment => {
                if c == '\n' {
                    state = State::Code;
                }
            }
            State::BlockComment(depth) => {
                if c == '*' && next == Some('/') {
                    after += 1;
                    state = if depth <= 1 {
                        State::Code
                    } else {
                        State::BlockComment(depth - 1)
                    };
                } else if c == '/' && next == Some('*') {
                    after += 1;
                    state = State::BlockComment(depth + 1);
                }
            }
            State::Quoted(quote) => {
                if c == quote {
                    state = State::Code;
                } else if c == '\\' {
                    let (escaped, len) = escape_at(text, i);
                    if strings == Strings::Checked
                        && let Some(e) = escaped
                    {
                        let lone_cr = e == '\r' && text.get(i + len..i + len + 2) != Some("\\n");
                        if let Some(why) = refused(e) {
                            report(i, sentence(e, why, true));
                        } else if lone_cr {
                            report(i, sentence(e, Refused::Control, true));
                        }
                    }
                    // Skip the escape's own characters (at least the one after `\`),
                    // landing on a character boundary.
                    after = i + len.max(2);
                    while after < bytes.len() && !text.is_char_boundary(after) {
                        after += 1;
                    }
                }
            }
            State::Raw(hashes) => {
                if c == '"'
                    && text.get(i + 1..).is_some_and(|rest| {
                        rest.bytes().take(hashes).filter(|b| *b == b'#').count() == hashes
                    })
                {
                    after += hashes;
                    state = State::Code;
                }
            }
        }
        i = after;
    }
    let mut out: Vec<Diagnostic> = found
        .into_iter()
        .map(|(offset, message)| Diagnostic::at(src.position(offset), message))
        .collect();
    if more > 0 {
        out.push(Diagnostic::nowhere(format!(
            "and {more} more refused characters"
        )));
    }
    out
}

fn sentence(c: char, why: Refused, escaped: bool) -> String {
    format!(
        "{}{} is not allowed: {}; remove it",
        describe(c, why),
        if escaped {
            ", written as an escape,"
        } else {
            ""
        },
        why.why()
    )
}

/// Whether a byte may start a refused character (or a lone carriage return): controls, DEL,
/// and the lead bytes of the UTF-8 sequences of every refused character above U+007F (C1 and
/// soft hyphen: C2; U+061C: D8; U+180E: E1; U+2000–U+2FFF: E2; U+FEFF, U+FFF9–U+FFFB: EF;
/// tags: F3). Everything else is skipped without decoding.
fn may_be_refused(b: u8) -> bool {
    (b < 0x20 && b != b'\t' && b != b'\n')
        || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF | 0xF3)
}

/// True when the byte before `i` continues an identifier (so `r` there is not a raw string).
fn ident_before(bytes: &[u8], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|k| bytes.get(k))
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

/// The character an escape at byte `i` (a `\`) stands for, and the escape's length in bytes
/// (`None` for a malformed one: the parser reports those).
fn escape_at(text: &str, i: usize) -> (Option<char>, usize) {
    let rest = text.get(i..).unwrap_or("");
    let mut it = rest.chars().skip(1);
    match it.next() {
        Some('n') => (Some('\n'), 2),
        Some('r') => (Some('\r'), 2),
        Some('t') => (Some('\t'), 2),
        Some('0') => (Some('\0'), 2),
        Some('x') => x_escape(rest),
        Some('u') => {
            let body = rest.get(2..).unwrap_or("");
            let Some(inner) = body.strip_prefix('{') else {
                return (None, 2);
            };
            let Some(close) = inner.find('}').filter(|&k| k <= 6) else {
                return (None, 2);
            };
            let c = inner
                .get(..close)
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .and_then(char::from_u32);
            (c, 2 + 1 + close + 1)
        }
        Some(other) => (None, 1 + other.len_utf8()),
        None => (None, 1),
    }
}

/// `\xHH`, possibly followed by up to three more `\xHH` that together make one UTF-8
/// character (as the RON parser reads them).
fn x_escape(rest: &str) -> (Option<char>, usize) {
    let mut bytes = Vec::with_capacity(4);
    let mut len = 0;
    while bytes.len() < 4 {
        let Some(hex) = rest.get(len..len + 4).and_then(|s| s.strip_prefix("\\x")) else {
            break;
        };
        let Ok(b) = u8::from_str_radix(hex, 16) else {
            break;
        };
        bytes.push(b);
        len += 4;
        if let Ok(s) = std::str::from_utf8(&bytes) {
            return (s.chars().next(), len);
        }
    }
    (None, len.max(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_cols(d: &[Diagnostic]) -> Vec<(Option<usize>, Option<usize>)> {
        d.iter().map(|d| (d.line, d.col)).collect()
    }

    #[test]
    fn raw_and_escaped_characters_are_found_where_they_are() {
        let text = "(\n  a: \"x\u{202E}y\",\n  b: \"\\u{200B}\",\n  c: \"\\x1b[2K\",\n)";
        let d = refused_characters(text, Strings::Checked);
        assert_eq!(
            lines_cols(&d),
            vec![(Some(2), Some(8)), (Some(3), Some(7)), (Some(4), Some(7))]
        );
        assert!(d[0].message.contains("U+202E"), "{}", d[0].message);
        assert!(d[1].message.contains("U+200B") && d[1].message.contains("escape"));
        assert!(d[2].message.contains("U+001B (ESC)"));
        // A map's strings are its fields' business; a comment is still the file's.
        let map = "( // \u{1B}]0;title\u{7}\n a: \"x\u{202E}y\" )";
        let d = refused_characters(map, Strings::Skipped);
        assert_eq!(
            lines_cols(&d),
            vec![(Some(1), Some(6)), (Some(1), Some(15))]
        );
    }

    #[test]
    fn line_breaks_tabs_and_quotes_in_strings_are_fine() {
        let text = "(a: \"one\\n\\ttwo\\r\\n\", b: r#\"say \"\\u{202E}\"\"#, c: '\\'', /* \"x */ d: \"\\\\u{200B}\")\r\n";
        assert!(refused_characters(text, Strings::Checked).is_empty());
        let lone = "(a: \"x\\ry\")";
        assert_eq!(refused_characters(lone, Strings::Checked).len(), 1);
    }

    #[test]
    fn every_raw_refused_character_is_found_wherever_it_stands() {
        let pieces = [
            "( // c\u{1B}\n",
            "/* a \u{202E} /* nested \u{200B} */ b */",
            "a: \"q\\\"\u{0}x\",",
            "b: r#\"raw \u{2066} \"# ,",
            "c: '\u{85}',",
            "d: \"— · é ✓\u{FEFF}\",",
            "e: \"tag\u{E0041}\")",
        ];
        let text: String = pieces.concat();
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| refused(*c).is_some())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(expected.len(), 8);
        let src = Source::new(&text);
        let found: Vec<_> = refused_characters(&text, Strings::Checked)
            .iter()
            .map(|d| (d.line, d.col))
            .collect();
        let want: Vec<_> = expected
            .iter()
            .map(|&o| {
                let p = src.position(o);
                (Some(p.line), Some(p.col))
            })
            .collect();
        assert_eq!(found, want);
        // A map's strings are left to its fields: only the comments' characters remain.
        assert_eq!(refused_characters(&text, Strings::Skipped).len(), 3);
    }

    #[test]
    fn a_flood_is_reported_once_with_a_count() {
        let text = format!("({})", "\u{1B}".repeat(1000));
        let d = refused_characters(&text, Strings::Checked);
        assert_eq!(d.len(), MAX_REPORTED + 1);
        assert!(d.last().unwrap().message.contains("900 more"));
    }
}
