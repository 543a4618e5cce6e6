//! What a quote states: the one owner of the evidence rules (docs/offerings.md, "How to
//! update the facts"). A claim of the offerings catalog (a region, a status, a start date)
//! or a rule pack's citation counts only when a quote the row carries states it; these
//! functions decide whether it does. Pure: text in, answers out.
//!
//! Matching is by words: text is lower-cased and every run of characters that are not
//! letters or digits counts as one space, so `openai.gpt-5.5`, `GPT‑5.5` and "gpt 5 5" all
//! name `gpt-5.5`, and `us-east-2` names `us-east-2` but `us-east-2a` does not.

use crate::domain::date::Date;

/// Lower-cased words of `text`, separated by single spaces, with a space at both ends (so
/// that a phrase is found only at word boundaries: search for `" {phrase} "`).
pub fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// True when `haystack` (made by [`words`]) holds `phrase` as whole words.
pub fn names(haystack: &str, phrase: &str) -> bool {
    let needle = words(phrase);
    !needle.trim().is_empty() && haystack.contains(&needle)
}

/// The text a reader sees once markup is gone: `![alt](url)` → alt, `[text](url)` → text,
/// bare web addresses and backticks removed.
pub fn without_markup(quote: &str) -> String {
    let mut out = String::with_capacity(quote.len());
    let mut rest = quote;
    while let Some(open) = rest.find('[') {
        let (before, from) = rest.split_at(open);
        let before = before.strip_suffix('!').unwrap_or(before);
        out.push_str(before);
        let Some(close) = from.find("](") else {
            out.push_str(from.get(..1).unwrap_or_default());
            rest = from.get(1..).unwrap_or_default();
            continue;
        };
        let label = from.get(1..close).unwrap_or_default();
        let after = from.get(close + 2..).unwrap_or_default();
        // The target ends at the first `)` (titles in quotes stay inside).
        let end = after.find(')').map_or(after.len(), |k| k + 1);
        out.push_str(label);
        rest = after.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out.split_whitespace()
        .filter(|w| !(w.starts_with("http://") || w.starts_with("https://")))
        .collect::<Vec<_>>()
        .join(" ")
        .replace('`', "")
}

/// Marks a table cell may hold to say yes or no (as text, a symbol or an icon's alt text),
/// in the languages the vendors' pages are read in.
const MARKS: &[&str] = &[
    "✓",
    "✔",
    "✅",
    "☑",
    "✗",
    "✘",
    "❌",
    "❎",
    "●",
    "○",
    "yes",
    "no",
    "y",
    "n",
    "x",
    "supported",
    "not supported",
    "not-supported",
    "unsupported",
    "available",
    "not available",
    "ga",
    "preview",
    "n/a",
    "是",
    "否",
    "はい",
    "いいえ",
    "○",
    "×",
    "예",
    "아니요",
    "sí",
    "si",
    "ja",
    "nein",
    "oui",
    "non",
];

/// True when a table cell is a mark (a check, a cross, yes/no, an icon saying so).
fn is_mark(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches('.').to_lowercase();
    MARKS.contains(&c.as_str())
        || c.contains("checkmark")
        || c.contains("check mark")
        || c.contains("icon-yes")
        || c.contains("icon-no")
        || c.contains("x icon")
}

/// True when one fragment of a quote (the parts between " … ") states something: a
/// sentence of three words or more, or a table row with a mark or a cell that holds a
/// figure, an id or a date beyond the subject's own name (a header's cells hold none).
fn fragment_states(fragment: &str, subjects: &[&str]) -> bool {
    let trimmed = fragment.trim();
    let is_table = trimmed.starts_with('|') || trimmed.ends_with('|');
    if !is_table {
        return words(fragment).split_whitespace().count() >= 3;
    }
    fragment.split(['|', '\n']).any(|cell| {
        let cell = cell.trim();
        if cell.is_empty() || cell.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
            return false;
        }
        if is_mark(cell) {
            return true;
        }
        let mut rest = words(cell);
        for subject in subjects {
            let name = words(subject);
            if !name.trim().is_empty() {
                rest = rest.replace(&name, " ");
            }
        }
        rest.chars().any(|c| c.is_ascii_digit())
    })
}

/// Why a quote says nothing checkable, if it does not: empty, only markup or a link, or
/// table rows that state nothing (a header: no mark, no figure, no id). `None` = a sentence
/// or a table row that states something. `subjects` are what the quote is about (model ids,
/// product names): a cell that only names them is not a statement. Whether the quote names
/// its subject is asked separately ([`names`]).
pub fn emptiness(quote: &str, subjects: &[&str]) -> Option<&'static str> {
    let plain = without_markup(quote);
    if words(&plain).trim().is_empty() {
        return Some("is empty or only markup and links");
    }
    let fragments: Vec<&str> = plain.split('…').collect();
    if fragments.iter().any(|f| fragment_states(f, subjects)) {
        return None;
    }
    if plain.contains('|') {
        Some("is only a table header or table markup (no row with a mark or a value)")
    } else {
        Some("is too short to state anything (fewer than three words)")
    }
}

/// The words a status must be stated with, per status key (`Preview`, …); `None` for a
/// status that needs no quote (`GA`).
pub fn status_words(status: &str) -> Option<&'static [&'static str]> {
    match status {
        "Preview" => Some(&["preview"]),
        "PrivatePreview" => Some(&[
            "private preview",
            "limited preview",
            "gated preview",
            "invitation only",
            "request access",
            "allowlist",
        ]),
        "Announced" => Some(&[
            "announce",
            "announcement",
            "announced",
            "announces",
            "announcing",
            "coming soon",
            "will be available",
            "in the coming weeks",
            "expected to launch",
        ]),
        "Retired" => Some(&[
            "retire",
            "retired",
            "retirement",
            "retiring",
            "deprecated",
            "deprecation",
            "discontinued",
            "legacy",
            "end of life",
        ]),
        _ => None,
    }
}

/// True when `text` states the status (one of [`status_words`] as whole words).
pub fn states_status(text: &str, status: &str) -> bool {
    status_words(status).is_none_or(|list| {
        let w = words(text);
        list.iter().any(|phrase| names(&w, phrase))
    })
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The month a word names (`june`, `jun`, `sept`), 1–12.
fn month(word: &str) -> Option<u32> {
    if word.len() < 3 {
        return None;
    }
    let head = word.get(..3)?;
    let k = MONTHS.iter().position(|m| *m == head)?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let ok = full.get(k).is_some_and(|f| f.starts_with(word)) || word == "sept";
    ok.then_some(k as u32 + 1)
}

/// A day number, with or without an English ordinal ending (`1`, `1st`, `22nd`).
fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word.get(digits.len()..).unwrap_or_default();
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn ymd(y: &str, m: u32, d: u32) -> Option<Date> {
    let y: u32 = y.parse().ok().filter(|y| (1990..=2100).contains(y))?;
    Date::parse(&format!("{y:04}-{m:02}-{d:02}")).ok()
}

/// Every calendar date `text` writes, in the common forms: `2026-06-01`, `2026/06/01`,
/// `June 1, 2026`, `Jun. 1 2026`, `1 June 2026`, `6/1/2026` (month first, and day first),
/// `2026年6月1日`, `2026년 6월 1일`, `01.06.2026`.
pub fn dates_in(text: &str) -> Vec<Date> {
    // Words of ASCII digits and letters, each with the first mark after it (`-`, `/`, `年`).
    let lower = text.to_lowercase();
    let mut tokens: Vec<(String, char)> = Vec::new(); // (word, the separator after it)
    let mut cur = String::new();
    for c in lower.chars() {
        if c.is_ascii_alphanumeric() {
            cur.push(c);
        } else if !cur.is_empty() {
            tokens.push((std::mem::take(&mut cur), c));
        } else if let Some(last) = tokens.last_mut()
            && last.1.is_whitespace()
            && !c.is_whitespace()
        {
            last.1 = c;
        }
    }
    if !cur.is_empty() {
        tokens.push((cur, ' '));
    }
    let mut out = Vec::new();
    let word = |k: usize| tokens.get(k).map(|(w, _)| w.as_str()).unwrap_or_default();
    let sep = |k: usize| tokens.get(k).map_or(' ', |(_, s)| *s);
    for k in 0..tokens.len() {
        let (a, b, c) = (word(k), word(k + 1), word(k + 2));
        let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        // 2026-06-01, 2026/06/01, 2026年6月1日, 2026년 6월 1일
        if a.len() == 4 && all_digits(a) && all_digits(b) && all_digits(c) {
            let (s1, s2) = (sep(k), sep(k + 1));
            let same =
                (s1 == '-' && s2 == '-') || (s1 == '/' && s2 == '/') || (s1 == '.' && s2 == '.');
            let cjk = (s1 == '年' && s2 == '月') || (s1 == '년' && s2 == '월');
            if (same || cjk)
                && let (Ok(m), Ok(d)) = (b.parse::<u32>(), c.parse::<u32>())
                && let Some(date) = ymd(a, m, d)
            {
                out.push(date);
            }
        }
        // 6/1/2026 (either order), 01.06.2026 (day first)
        if all_digits(a)
            && all_digits(b)
            && c.len() == 4
            && all_digits(c)
            && a.len() <= 2
            && b.len() <= 2
        {
            let (s1, s2) = (sep(k), sep(k + 1));
            if let (Ok(x), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>()) {
                if s1 == '/' && s2 == '/' {
                    out.extend(ymd(c, x, y));
                    out.extend(ymd(c, y, x));
                } else if s1 == '.' && s2 == '.' {
                    out.extend(ymd(c, y, x));
                }
            }
        }
        // June 1, 2026 / Jun. 1 2026
        if let (Some(m), Some(d)) = (month(a), day(b))
            && c.len() == 4
            && all_digits(c)
        {
            out.extend(ymd(c, m, d));
        }
        // 1 June 2026
        if let (Some(d), Some(m)) = (day(a), month(b))
            && c.len() == 4
            && all_digits(c)
        {
            out.extend(ymd(c, m, d));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// True when `text` writes this date in one of the forms [`dates_in`] reads.
pub fn states_date(text: &str, date: Date) -> bool {
    dates_in(text).contains(&date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_model_is_named_whatever_its_punctuation() {
        let w = words("For the initial `openai.gpt-5.5` deployment, use `us-east-2`");
        assert!(names(&w, "gpt-5.5"));
        assert!(names(&w, "us-east-2"));
        assert!(!names(&w, "us-east-1"));
        assert!(!names(&words("in us-east-2a only"), "us-east-2"));
        assert!(names(&words("US East (Ohio) | ✓"), "US East (Ohio)"));
    }

    #[test]
    fn a_header_a_link_or_markup_states_nothing() {
        let gpt = ["gpt-5.5"];
        assert!(emptiness("| Region | In-Region | Geo | Global |", &gpt).is_some());
        assert!(
            emptiness(
                "[GPT-5.5](model-card-openai-gpt-55.md \"x\")| Region | In-Region | Geo | Global |",
                &gpt
            )
            .is_some()
        );
        assert!(emptiness("https://docs.aws.amazon.com/bedrock/", &gpt).is_some());
        assert!(emptiness("|---|---|", &gpt).is_some());
        assert!(emptiness("GPT-5.6 Sol … | us-east-2 (Ohio) | ✓ | ✗ | ✗ |", &gpt).is_none());
        assert!(
            emptiness(
                "| us-east-2 (Ohio) | ![Green circle with white checkmark icon.](https://x/icon-yes.png) |",
                &gpt
            )
            .is_none()
        );
        assert!(emptiness("| GPT-5.5 | openai.gpt-5.5 | us-east-2 (Ohio) only |", &gpt).is_none());
        assert!(emptiness("| 美国 | `us.api.openai.com` | 是 | 否 |", &gpt).is_none());
        assert!(emptiness("For the initial deployment, use us-east-2.", &gpt).is_none());
    }

    #[test]
    fn dates_are_read_in_the_common_forms() {
        let june = d("2026-06-01");
        for text in [
            "launched on 2026-06-01",
            "Model launch date: June 1, 2026",
            "since Jun. 1 2026",
            "from 1 June 2026",
            "on 6/1/2026",
            "2026年6月1日に提供開始",
            "2026년 6월 1일",
            "am 01.06.2026",
            "2026/06/01",
        ] {
            assert!(states_date(text, june), "{text}");
        }
        assert!(!states_date("June 2, 2026", june));
        assert!(!states_date("version 2026.06", june));
    }

    #[test]
    fn statuses_need_their_words() {
        assert!(states_status(
            "GPT-5.5 is in limited preview",
            "PrivatePreview"
        ));
        assert!(!states_status("GPT-5.5 is in preview", "PrivatePreview"));
        assert!(states_status("is in preview in us-east-1", "Preview"));
        assert!(!states_status("is generally available", "Preview"));
        assert!(states_status(
            "will be available in the coming weeks",
            "Announced"
        ));
        assert!(states_status("anything", "GA"));
        assert!(states_status("Claude 3 is deprecated", "Retired"));
    }
}
