//! Matching a component against a declarative rule, and filling message templates.

use crate::domain::model::{Access, Channel, Kind, KindTag, Provider, Vendor};

use super::Matcher;

/// What a matcher looks at in a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Subject<'a> {
    pub kind: KindTag,
    pub vendor: Option<&'a Vendor>,
    pub access: Option<Access>,
    pub channel: Option<Channel>,
    /// The effective provider, once known (tested by `effective_not_on`).
    pub effective: Option<Provider>,
}

impl<'a> Subject<'a> {
    pub fn of(kind: &'a Kind, effective: Option<Provider>) -> Self {
        Self {
            kind: kind.tag(),
            vendor: kind.vendor(),
            access: match kind {
                Kind::ModelCall { access, .. } => Some(*access),
                _ => None,
            },
            channel: kind.channel(),
            effective,
        }
    }
}

impl Matcher {
    /// True when the subject matches every non-empty list of the matcher.
    pub fn matches(&self, s: &Subject<'_>) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&s.kind))
            && (self.vendors.is_empty() || s.vendor.is_some_and(|v| self.vendors.contains(v)))
            && (self.access.is_empty() || s.access.is_none_or(|a| self.access.contains(&a)))
            && (self.channels.is_empty() || s.channel.is_some_and(|c| self.channels.contains(&c)))
            && (self.effective_not_on.is_empty()
                || s.effective
                    .is_some_and(|p| !self.effective_not_on.contains(&p)))
    }
}

/// Replaces `{name}` placeholders by their values; unknown placeholders stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    fill_with(template, |name, out| {
        values
            .iter()
            .find(|(k, _)| *k == name)
            .is_some_and(|(_, v)| {
                out.push_str(v);
                true
            })
    })
}

/// [`fill`] with the values written on demand: `value(name, out)` appends the value of a
/// placeholder and returns true, or returns false (writing nothing) for an unknown name.
pub fn fill_with(template: &str, mut value: impl FnMut(&str, &mut String) -> bool) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else {
            out.push_str(rest.get(open..).unwrap_or(""));
            return out;
        };
        let name = after.get(..close).unwrap_or("");
        if !value(name, &mut out) {
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A message template split once into text and placeholders, for filling many times (a
/// check writes thousands of findings from one template). Fills exactly as [`fill_with`].
#[derive(Clone, Debug)]
pub struct Template<'t> {
    pieces: Vec<Piece<'t>>,
    len: usize,
}

#[derive(Clone, Copy, Debug)]
enum Piece<'t> {
    Text(&'t str),
    Hole(&'t str),
}

impl<'t> Template<'t> {
    pub fn parse(template: &'t str) -> Self {
        let mut pieces = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let after = rest.get(open + 1..).unwrap_or("");
            let Some(close) = after.find('}') else {
                break;
            };
            pieces.push(Piece::Text(rest.get(..open).unwrap_or("")));
            pieces.push(Piece::Hole(after.get(..close).unwrap_or("")));
            rest = after.get(close + 1..).unwrap_or("");
        }
        pieces.push(Piece::Text(rest));
        Self {
            pieces,
            len: template.len(),
        }
    }

    /// The filled text: `value(name, out)` appends a placeholder's value and returns true, or
    /// returns false (writing nothing) for an unknown name, which stays as written.
    pub fn fill_with(&self, mut value: impl FnMut(&str, &mut String) -> bool) -> String {
        let mut out = String::with_capacity(self.len + 64);
        for piece in &self.pieces {
            match *piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Hole(name) => {
                    if !value(name, &mut out) {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parsed_template_fills_as_the_one_shot_fill() {
        let value = |name: &str, out: &mut String| match name {
            "a" => {
                out.push('x');
                true
            }
            "" => {
                out.push_str("empty");
                true
            }
            _ => false,
        };
        for t in [
            "",
            "plain",
            "{a}",
            "{a} and {b} {c",
            "{{a}}",
            "}{a}{",
            "{}{a}{zz}",
            "é {a} ü {",
        ] {
            assert_eq!(
                Template::parse(t).fill_with(value),
                fill_with(t, value),
                "{t:?}"
            );
        }
    }

    #[test]
    fn fills_known_placeholders_and_keeps_the_rest() {
        assert_eq!(
            fill("{a} and {b} {c", &[("a", "x"), ("b", "y")]),
            "x and y {c"
        );
        assert_eq!(fill("{zz}", &[]), "{zz}");
    }
}
