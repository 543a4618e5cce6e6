//! The findings as CSV (RFC 4180): one row per finding, stable columns.

use crate::domain::analysis::Analysis;
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

/// One CSV field: quoted when needed; a leading `= + - @` (or tab/CR) is prefixed with `'`
/// so a spreadsheet never runs it as a formula.
fn field(s: &str) -> String {
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

pub fn findings(map: &Map, analysis: &Analysis) -> String {
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    for f in &analysis.findings {
        let labels: Vec<&str> = f
            .subjects
            .iter()
            .map(|s| {
                map.components
                    .iter()
                    .find(|c| c.id.as_str() == &**s)
                    .map_or(&**s, |c| c.label.as_str())
            })
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
    out
}

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
    }
}
