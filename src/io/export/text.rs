//! Text helpers shared by the exports: escaping for XML/HTML, fixed number formatting, and
//! the metrics of the embedded font (so labels are fitted to their boxes the way the PNG
//! and PDF will draw them).

use std::borrow::Cow;
use std::fmt::Write as _;

/// The font, its metrics and text fitting live in the core: the canvas and every export
/// measure and wrap text alike.
pub use crate::domain::text::{FONT_BOLD, FONT_REGULAR, fit, width};
/// The family name the SVG asks for; fallbacks for viewers without it.
pub const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, Arial, sans-serif";

/// Escapes text for XML and HTML (`& < > " '`), drops characters XML 1.0 forbids, and
/// shows a bidirectional or invisible character as its escape (`\u{202E}`: the one rule for
/// text), never as itself. The runs between such characters are copied whole.
pub fn xml(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find(needs_xml_escape) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(s.get(..first).unwrap_or_default());
    let mut run = first;
    for (i, c) in s.get(first..).unwrap_or_default().char_indices() {
        let i = i + first;
        if !needs_xml_escape(c) {
            continue;
        }
        out.push_str(s.get(run..i).unwrap_or_default());
        run = i + c.len_utf8();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !xml_char(c) => {}
            c => {
                write!(out, "\\u{{{:X}}}", c as u32).ok();
            }
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    Cow::Owned(out)
}

/// Whether [`xml`] writes `c` otherwise than as itself (one table look-up for ASCII).
fn needs_xml_escape(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{7f}')
            || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'));
    }
    !xml_char(c) || crate::domain::validate::text::refused(c).is_some()
}

/// True for characters allowed in XML 1.0 documents (and not C1 controls).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || (c >= ' ' && !matches!(c, '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}'))
}

/// A number with a fixed count of decimals and no negative zero.
pub fn num(v: f64, decimals: usize) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s.bytes().all(|b| matches!(b, b'-' | b'0' | b'.')) {
        s.trim_start_matches('-').to_owned()
    } else {
        s
    }
}

/// SVG coordinate: one decimal (as [`num`]), written straight into the output by the
/// `write!` that uses it: a diagram of 100,000 boxes writes millions of coordinates, without
/// a `String` for each.
pub fn c(v: f64) -> Coord {
    Coord(v)
}

/// A coordinate as [`c`] writes it.
#[derive(Clone, Copy, Debug)]
pub struct Coord(f64);

impl std::fmt::Display for Coord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let tenths = v * 10.0;
        let rounded = tenths.round();
        // Far from a tie (and from the edge of exact integers), rounding the tenths is what
        // `{:.1}` writes, and integers are written far faster than floats; ties (x.x5,
        // decided by the exact binary value) and giants take the float path.
        if ((tenths - rounded).abs() - 0.5).abs() > 1e-6 && rounded.abs() < 1e15 {
            let t = rounded as i64;
            if t == 0 {
                return f.write_str("0.0");
            }
            let sign = if t < 0 { "-" } else { "" };
            let t = t.unsigned_abs();
            return write!(f, "{sign}{}.{}", t / 10, t % 10);
        }
        // No negative zero: what rounds to 0.0 is written as 0.0.
        let v = if rounded == 0.0 { 0.0 } else { v };
        write!(f, "{v:.1}")
    }
}

/// Milliseconds for people: `0.8 ms`, `12.3 ms`, `2140 ms`.
pub fn ms(v: f64) -> String {
    if v.abs() >= 1000.0 {
        format!("{} ms", group_thousands(&num(v, 0)))
    } else {
        format!("{} ms", num(v, 1))
    }
}

/// US dollars per month for people: `$12.50`, `$1,234.00`.
pub fn usd(v: f64) -> String {
    let s = num(v, 2);
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    format!("${}.{frac}", group_thousands(int))
}

/// A signed difference: `+12.3 ms`, `−4.0 ms`, `±0`.
pub fn signed(v: f64, decimals: usize, unit: &str) -> String {
    let s = num(v.abs(), decimals);
    if s.bytes().all(|b| matches!(b, b'0' | b'.')) {
        return "±0".to_owned();
    }
    let sign = if v < 0.0 { '−' } else { '+' };
    format!("{sign}{s}{unit}")
}

/// A signed amount of dollars: `+$181.75`, `−$3.00`, `±0`.
pub fn signed_usd(v: f64) -> String {
    let s = usd(v.abs());
    if s == "$0.00" {
        return "±0".to_owned();
    }
    let sign = if v < 0.0 { '−' } else { '+' };
    format!("{sign}{s}")
}

fn group_thousands(int: &str) -> String {
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |rest| ("-", rest));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{sign}{out}")
}

/// Writes `<text>` content with `<tspan>` lines (x fixed, dy per line).
pub fn tspans(out: &mut String, lines: &[String], x: f64, line_height: f64) {
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { line_height };
        write!(
            out,
            r#"<tspan x="{}" dy="{}">{}</tspan>"#,
            c(x),
            c(dy),
            xml(line)
        )
        .ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::wrap;

    #[test]
    fn coordinates_are_written_as_num_writes_them() {
        let mut v = -1000.0_f64;
        while v < 1000.0 {
            for x in [
                v,
                v + 0.05,
                v - 0.05,
                v + 0.049_999,
                v + 0.15,
                -v / 7.0,
                v * 1e-3,
            ] {
                assert_eq!(c(x).to_string(), num(x, 1), "{x}");
            }
            v += 0.37;
        }
        for x in [
            0.0,
            -0.0,
            -0.04,
            0.05,
            0.25,
            -0.25,
            1e7,
            -1e7,
            1e16,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_eq!(c(x).to_string(), num(x, 1), "{x}");
        }
    }

    #[test]
    fn escapes_everything_markup_could_use() {
        assert_eq!(
            xml(r#"<script>alert('x') & "y"</script>"#),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(xml("a\u{0}b\u{1b}c\u{ffff}"), "abc");
        assert!(matches!(xml("plain € → text"), Cow::Borrowed(_)));
    }

    #[test]
    fn numbers_are_fixed() {
        assert_eq!(num(-0.04, 1), "0.0");
        assert_eq!(num(f64::NAN, 1), "0.0");
        assert_eq!(ms(2140.24), "2,140 ms");
        assert_eq!(ms(31.04), "31.0 ms");
        assert_eq!(usd(1234.5), "$1,234.50");
        assert_eq!(signed(-4.0, 1, " ms"), "−4.0 ms");
        assert_eq!(signed(0.01, 1, " ms"), "±0");
        assert_eq!(signed(2.0, 0, ""), "+2");
    }

    #[test]
    fn fitting_and_wrapping() {
        let w = width("Hello", 10.0, false);
        assert!(w > 20.0 && w < 40.0, "{w}");
        assert!(width("Hello", 10.0, true) > w);
        let long = "A very long label that cannot fit in a component box at all";
        let fitted = fit(long, 13.0, true, 120.0);
        assert!(fitted.ends_with('…'));
        assert!(width(&fitted, 13.0, true) <= 120.0);
        let lines = wrap(long, 11.0, false, 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| width(l, 11.0, false) <= 100.0));
        assert!(lines.last().is_some_and(|l| l.ends_with('…')));
    }
}
