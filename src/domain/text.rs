//! The drawing's font (`DejaVu Sans`, embedded) and its metrics: text width, fitting and
//! wrapping. Shared by the canvas and every export, so a label wraps and fits the same way
//! on screen and on paper. Pure: the font's bytes are compiled in.

use std::borrow::Cow;
use std::sync::OnceLock;

/// The embedded font (`DejaVu Sans`, see `assets/fonts/LICENSE-DejaVu.txt`).
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// Its bold face.
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Advance widths (in em) of the embedded font, for fitting labels.
struct Metrics {
    regular: Vec<f32>,
    bold: Vec<f32>,
    fallback: f32,
}

/// Characters whose widths are tabulated (the rest use an average).
const TABLE_END: u32 = 0x3000;

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| Metrics {
        regular: table(FONT_REGULAR),
        bold: table(FONT_BOLD),
        fallback: 0.62,
    })
}

fn table(font: &[u8]) -> Vec<f32> {
    let Ok(face) = ttf_parser::Face::parse(font, 0) else {
        return Vec::new();
    };
    let upem = f32::from(face.units_per_em());
    (0..TABLE_END)
        .map(|u| {
            char::from_u32(u)
                .and_then(|ch| face.glyph_index(ch))
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(0.62, |adv| f32::from(adv) / upem)
        })
        .collect()
}

/// Width of `s` in the embedded font at `size` units.
pub fn width(s: &str, size: f64, bold: bool) -> f64 {
    let m = metrics();
    let t = if bold { &m.bold } else { &m.regular };
    let em: f32 = s
        .chars()
        .map(|ch| t.get(ch as usize).copied().unwrap_or(m.fallback))
        .sum();
    f64::from(em) * size
}

/// `s` cut to fit `max` units (with an ellipsis when cut).
pub fn fit(s: &str, size: f64, bold: bool, max: f64) -> Cow<'_, str> {
    if width(s, size, bold) <= max {
        return Cow::Borrowed(s);
    }
    let budget = max - width("…", size, bold);
    let mut used = 0.0;
    let mut out = String::new();
    for ch in s.chars() {
        let mut buf = [0u8; 4];
        let w = width(ch.encode_utf8(&mut buf), size, bold);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(ch);
    }
    let trimmed = out.trim_end();
    Cow::Owned(format!("{trimmed}…"))
}

/// Greedy word wrap to lines of at most `max` units; at most `max_lines` (the last one
/// ends with an ellipsis when text is left over).
pub fn wrap(s: &str, size: f64, bold: bool, max: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let words = s.split_whitespace();
    let mut overflow = false;
    for word in words {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, size, bold) <= max || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            word.clone_into(&mut current);
        }
        if lines.len() == max_lines {
            overflow = true;
            break;
        }
    }
    if !overflow && !current.is_empty() {
        lines.push(current);
    }
    lines.truncate(max_lines);
    if overflow && let Some(last) = lines.last_mut() {
        let mut longer = last.clone();
        longer.push_str(" …");
        *last = fit(&longer, size, bold, max).into_owned();
    }
    lines
        .into_iter()
        .map(|l| fit(&l, size, bold, max).into_owned())
        .collect()
}

/// A word too wide for `max`, in pieces that fit: broken after a `-`, `_`, `.`, `/` or `:`
/// where it can be, else between characters.
fn break_word(word: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut last_break: Option<usize> = None;
    for ch in word.chars() {
        let mut candidate = current.clone();
        candidate.push(ch);
        if width(&candidate, size, bold) > max && !current.is_empty() {
            let cut = last_break.filter(|&b| b > 0).unwrap_or(current.len());
            let rest = current.split_off(cut);
            pieces.push(std::mem::take(&mut current));
            current = rest;
            last_break = None;
        }
        current.push(ch);
        if matches!(ch, '-' | '_' | '.' | '/' | ':') {
            last_break = Some(current.len());
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Like [`wrap`], but a word too wide for a line (a long rule id, service name or URL) is
/// broken instead of cut: table cells show every character. Beyond `max_lines`, the last
/// line ends with an ellipsis.
pub fn wrap_breaking(s: &str, size: f64, bold: bool, max: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in s.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, size, bold) <= max {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if width(word, size, bold) <= max {
            word.clone_into(&mut current);
            continue;
        }
        let mut pieces = break_word(word, size, bold, max);
        current = pieces.pop().unwrap_or_default();
        lines.extend(pieces);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let longer = format!("{last} …");
            *last = fit(&longer, size, bold, max).into_owned();
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_break_instead_of_being_cut() {
        let lines = wrap_breaking("OAI-FIRSTPARTY-AZURE", 8.0, false, 40.0, 8);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), "OAI-FIRSTPARTY-AZURE");
        assert!(!lines.concat().contains('…'), "nothing is cut: {lines:?}");
        assert!(lines[0].ends_with('-'), "broken after a hyphen: {lines:?}");
        assert_eq!(
            wrap_breaking("short", 8.0, false, 100.0, 8),
            vec!["short".to_owned()]
        );
    }
}

/// The noun for a count: `one` for 1 and −1, `many` otherwise ("1 hop", "0 hops",
/// "+2 hops", "−1 hop"). With [`count`], the one way every view writes a number of things.
pub fn noun<'a, N: TryInto<i128> + Copy>(n: N, one: &'a str, many: &'a str) -> &'a str {
    match n.try_into() {
        Ok(v) if v.abs() == 1 => one,
        _ => many,
    }
}

/// A count and its noun: "1 component", "3 components", "0 hops".
pub fn count<N: TryInto<i128> + Copy + std::fmt::Display>(n: N, one: &str, many: &str) -> String {
    format!("{n} {}", noun(n, one, many))
}

/// The one way every view names a zone or a component for people: `Label (id)`; the id
/// alone when it has no label (or none is known).
pub fn named(label: Option<&str>, id: &str) -> String {
    match label {
        Some(label) if !label.is_empty() => format!("{label} ({id})"),
        _ => id.to_owned(),
    }
}

#[cfg(test)]
mod plural_tests {
    use super::{count, named, noun};

    #[test]
    fn a_subject_is_named_label_then_id() {
        assert_eq!(named(Some("Claims agent"), "agent"), "Claims agent (agent)");
        assert_eq!(named(Some(""), "agent"), "agent");
        assert_eq!(named(None, "agent"), "agent");
    }

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(count(1_usize, "hop", "hops"), "1 hop");
        assert_eq!(count(0_u32, "hop", "hops"), "0 hops");
        assert_eq!(count(2_i64, "hop", "hops"), "2 hops");
        assert_eq!(noun(-1_i64, "hop", "hops"), "hop");
    }
}
