//! The findings as CSV (RFC 4180): one row per finding, stable columns.

use crate::domain::analysis::Analysis;
use crate::domain::labels::Labels;
use crate::domain::model::Map;

/// The columns, in order. A public contract: add columns at the end, never reorder.
pub const COLUMNS: [&str; 8] = [
    "severity",
    "rule",
    "category",
    "subjects",
    "subject_labels",
    "message",
    "source",
    "position_status",
];

/// Characters that start a formula in a spreadsheet cell.
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// Characters some reader splits cells at: `,` (RFC 4180), `;` (Excel in de/fr locales),
/// tab; and line breaks.
const SPLITS: [char; 5] = [',', ';', '\t', '\n', '\r'];

/// One CSV field. Control and invisible characters are escaped (the one rule for text); a
/// formula character (`= + - @`, tab, CR) at the start of the field or right after any
/// character a reader might split at (`,` `;` tab, a line break) is preceded by `'`, so no
/// reader in any locale ever starts a cell with a formula; the field is quoted when it holds
/// a quote or any of those split characters.
fn field(s: &str) -> String {
    let s = crate::domain::validate::text::escape_keeping_lines(s);
    let mut guarded = String::with_capacity(s.len() + 2);
    let mut at_start = true;
    for c in s.chars() {
        if at_start && FORMULA.contains(&c) {
            guarded.push('\'');
        }
        guarded.push(c);
        at_start = SPLITS.contains(&c);
    }
    if guarded.contains(SPLITS) || guarded.contains('"') {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The findings, one row each after the header, and a last row that binds the file to its
/// analysis: `fingerprint` in the `severity` column, the full fingerprint (64 hex digits)
/// in the `rule` column, and in the `message` column the rule pack, catalog, date and
/// reading, with where the rules came from when they are not the built-in ones (docs/cli.md).
pub fn findings(map: &Map, analysis: &Analysis) -> String {
    let labels = Labels::of(map);
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    for f in &analysis.findings {
        let labels: Vec<&str> = f
            .subjects
            .iter()
            .map(|s| labels.component(s).unwrap_or(s))
            .collect();
        let row = [
            f.severity.key(),
            &*f.rule,
            f.category.key(),
            &f.subjects_joined(";"),
            &labels.join(";"),
            f.message.as_str(),
            &f.source,
            f.position.as_ref().map_or("", |p| p.status.key()),
        ]
        .map(field);
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    let mut about = format!(
        "rule pack {} {} · offerings {} verified through {} · as of {} · reading: {}",
        analysis.rule_pack.id,
        analysis.rule_pack.version,
        analysis.offerings.id,
        analysis.offerings.verified_through,
        analysis.scenario.as_of,
        analysis.scenario.interpretation.cli_key()
    );
    for line in analysis.provenance() {
        about.push_str(" · ");
        about.push_str(line);
    }
    let last = [
        FINGERPRINT_ROW,
        analysis.fingerprint.as_deref().unwrap_or("not computed"),
        "",
        "",
        "",
        &about,
        "",
        "",
    ]
    .map(field);
    out.push_str(&last.join(","));
    out.push_str("\r\n");
    out
}

/// The `severity` of the last row, which carries the fingerprint.
pub const FINGERPRINT_ROW: &str = "fingerprint";

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_guarded() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\"\nbye"), "\"say \"\"hi\"\"\nbye\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-5 ms"), "'-5 ms");
        // After every delimiter of any locale, not only at the start.
        assert_eq!(field("a;=cmd|' /C calc'!A0"), "\"a;'=cmd|' /C calc'!A0\"");
        assert_eq!(field("x\t@SUM(1)"), "\"x\t'@SUM(1)\"");
        assert_eq!(field("a,+1;-2"), "\"a,'+1;'-2\"");
        // Control characters never reach the file.
        assert_eq!(field("bell\u{7}\u{1b}[2K"), "bell\\u{7}\\u{1B}[2K");
    }
}
