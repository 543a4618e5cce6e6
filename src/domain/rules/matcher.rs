//! Matching a component against a declarative rule, and filling message templates.

use crate::domain::model::{Access, Channel, Kind, KindTag, Provider, Vendor};

use super::Matcher;

/// What a matcher looks at in a component.
#[derive(Clone, Copy, Debug)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_placeholders_and_keeps_the_rest() {
        assert_eq!(
            fill("{a} and {b} {c", &[("a", "x"), ("b", "y")]),
            "x and y {c"
        );
        assert_eq!(fill("{zz}", &[]), "{zz}");
    }
}
