//! The one rule for text: which characters Stateline refuses in anything it reads (maps,
//! rule packs, offerings catalogs, edits in the window), and how a message shows text it
//! echoes. Every reader and every message asks here.
//!
//! Refused everywhere: control characters (C0 and DEL, C1), bidirectional controls
//! (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and invisible format characters
//! (soft hyphen, zero-width space/joiners, word joiner and invisible operators, U+FEFF inside
//! text, interlinear annotation marks, tag characters), and the Unicode line and paragraph
//! separators. Tab and newline are allowed in free text (descriptions, notes) only; a
//! carriage return only as part of a CRLF line end.

use std::borrow::Cow;

/// Why a character is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// C0 (except where a field allows tab and newline), DEL, C1.
    Control,
    /// Makes the text display in another order than it is written.
    Bidi,
    /// Displays as nothing (or as a line break), so two different texts look the same.
    Invisible,
}

impl Refused {
    /// The kind of character, as messages name it.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Control => "control character",
            Self::Bidi => "bidirectional control character",
            Self::Invisible => "invisible character",
        }
    }

    /// What it would do, as messages explain it.
    pub fn why(self) -> &'static str {
        match self {
            Self::Control => {
                "it could rewrite a terminal or a spreadsheet cell and shows as nothing in an exhibit"
            }
            Self::Bidi => "it would make the text display in another order than it is written",
            Self::Invisible => {
                "it shows as nothing, so the text would look like another one it is not"
            }
        }
    }
}

/// Bidirectional control characters: embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) and the marks U+200E, U+200F and U+061C.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Whether `c` is refused in every text, whatever the field (tab, newline and carriage
/// return are decided by [`check`]: they depend on the field).
pub fn refused(c: char) -> Option<Refused> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Some(Refused::Control),
        c if is_bidi_control(c) => Some(Refused::Bidi),
        '\u{AD}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}' => Some(Refused::Invisible),
        _ => None,
    }
}

/// How many lines a field may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// Titles, labels, names, ids: no tab, no line break.
    One,
    /// Descriptions and notes: tabs and line breaks (`\n`, or `\r\n`) allowed.
    Many,
}

/// The first refused character of `s` for a field of `lines`: its index in characters
/// (0-based), the character and why.
pub fn first_refused(s: &str, lines: Lines) -> Option<(usize, char, Refused)> {
    let mut chars = s.chars().enumerate().peekable();
    while let Some((at, c)) = chars.next() {
        let why = match c {
            '\t' | '\n' if lines == Lines::Many => None,
            '\r' if lines == Lines::Many && chars.peek().is_some_and(|(_, n)| *n == '\n') => None,
            '\t' | '\n' | '\r' => Some(Refused::Control),
            c => refused(c),
        };
        if let Some(why) = why {
            return Some((at, c, why));
        }
    }
    None
}

/// The refusal of one character, as every message words it:
/// "the control character U+001B (ESC)".
pub fn describe(c: char, why: Refused) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (BEL)",
        '\u{8}' => " (BS)",
        '\t' => " (tab)",
        '\n' => " (line break)",
        '\r' => " (carriage return)",
        '\u{1B}' => " (ESC)",
        '\u{7F}' => " (DEL)",
        '\u{9B}' => " (CSI)",
        '\u{200B}' => " (zero-width space)",
        '\u{FEFF}' => " (zero-width no-break space)",
        _ => "",
    };
    format!("the {} U+{:04X}{name}", why.noun(), c as u32)
}

/// The one rule, on one text value: `Err` names the character, where it is, why, and what
/// to do.
pub fn check(what: &str, s: &str, lines: Lines) -> Result<(), String> {
    match first_refused(s, lines) {
        None => Ok(()),
        Some((at, c, why)) => {
            let why_text = if lines == Lines::One && matches!(c, '\t' | '\n' | '\r') {
                "this field holds one line"
            } else {
                why.why()
            };
            Err(format!(
                "{what} holds {} at character {}: {why_text}; remove it",
                describe(c, why),
                at + 1
            ))
        }
    }
}

/// Text as a message, a terminal line or an exhibit cell may show it: every refused
/// character, and tab, line break and carriage return, written as an escape (`\n`,
/// `\u{1B}`), so an echoed value never adds a line, moves the cursor or hides a word.
/// Text without any is returned as it is.
pub fn escape(s: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '\t' | '\n' | '\r') || refused(c).is_some();
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if refused(c).is_some() => {
                use std::fmt::Write as _;
                write!(out, "\\u{{{:X}}}", c as u32).ok();
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`escape`] for free text shown on several lines: tab and line breaks kept, everything
/// else refused escaped (the Markdown report, a note in `check`'s text).
pub fn escape_keeping_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\r' || refused(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\r' || refused(c).is_some() {
            use std::fmt::Write as _;
            write!(out, "\\u{{{:X}}}", c as u32).ok();
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_kind_of_hidden_character() {
        for c in ['\u{1B}', '\0', '\u{7}', '\u{7F}', '\u{85}', '\u{9B}'] {
            assert_eq!(refused(c), Some(Refused::Control), "{c:?}");
        }
        for c in [
            '\u{202E}', '\u{2066}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{202A}',
        ] {
            assert_eq!(refused(c), Some(Refused::Bidi), "{c:?}");
        }
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{E0041}',
        ] {
            assert_eq!(refused(c), Some(Refused::Invisible), "{c:?}");
        }
        for c in ['a', 'é', '–', '✓', '中', ' ', '\u{A0}'] {
            assert_eq!(refused(c), None, "{c:?}");
        }
    }

    #[test]
    fn lines_are_allowed_where_the_field_holds_them() {
        assert!(check("the label", "a\tb", Lines::One).is_err());
        assert!(check("the label", "a\nb", Lines::One).is_err());
        assert!(check("the note", "a\tb\nc\r\nd", Lines::Many).is_ok());
        let err = check("the note", "a\rb", Lines::Many).unwrap_err();
        assert!(
            err.contains("U+000D") && err.contains("character 2"),
            "{err}"
        );
        let err = check("the title", "ok\u{1B}]0;pwned\u{7}", Lines::One).unwrap_err();
        assert!(
            err.contains("U+001B (ESC)") && err.contains("character 3"),
            "{err}"
        );
    }

    #[test]
    fn escaped_text_holds_no_line_break_and_no_control() {
        let s = "x\n/etc/m.ron:1:1: forged\u{1B}[2K\u{202E}";
        let e = escape(s);
        assert!(!e.contains('\n') && !e.contains('\u{1B}') && !e.contains('\u{202E}'));
        assert_eq!(e, "x\\n/etc/m.ron:1:1: forged\\u{1B}[2K\\u{202E}");
        assert!(matches!(escape("plain – ✓"), Cow::Borrowed(_)));
        assert_eq!(escape_keeping_lines("a\nb\u{0}"), "a\nb\\u{0}");
    }
}
