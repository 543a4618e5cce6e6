//! Reading a rule pack: RON with positions in every error, then the checks a typed parse
//! cannot make (duplicate ids, date windows, unknown structural checks).
//!
//! Pure: works on text. Reading files is the caller's business.

use crate::domain::ids::Text;
use crate::domain::model::Provider;
use crate::domain::ron_fields::{Diagnostic, Layout, Position};

use super::{CHECK_IDS, Effect, RulePack};

/// A pack that could not be used: every problem found, for one file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct PackError {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl PackError {
    /// One line per problem: `PATH:LINE:COL: message`.
    pub fn render(&self) -> String {
        crate::domain::ron_fields::render_all(&self.path, &self.diagnostics)
    }
}

/// What a rule's quotes must name, when the rule is about someone: the vendors and
/// channels it matches and the providers it obliges, each by the names pages use. Empty for
/// a structural check about no one in particular (it then only has to say something).
fn subjects_of(rule: &super::Rule) -> Vec<&'static str> {
    use crate::domain::model::{Channel, Vendor};
    let mut out: Vec<&'static str> = Vec::new();
    for v in &rule.matcher.vendors {
        out.extend(match v {
            // The contracts about OpenAI's models are between it, Microsoft and Amazon.
            Vendor::OpenAi => [
                "OpenAI",
                "ChatGPT",
                "GPT",
                "gpt-oss",
                "Frontier",
                "Microsoft",
                "Azure",
                "Amazon",
                "AWS",
            ]
            .as_slice(),
            Vendor::Anthropic => ["Anthropic", "Claude"].as_slice(),
            Vendor::Google => ["Google", "Gemini"].as_slice(),
            Vendor::Meta => ["Meta", "Llama"].as_slice(),
            Vendor::Mistral => ["Mistral"].as_slice(),
            Vendor::Amazon => ["Amazon", "AWS"].as_slice(),
            Vendor::Microsoft => ["Microsoft", "Azure"].as_slice(),
            Vendor::Other(_) => [].as_slice(),
        });
    }
    for c in &rule.matcher.channels {
        out.extend(match c {
            Channel::Azure => ["Azure", "Microsoft", "Foundry"].as_slice(),
            Channel::Bedrock => ["Bedrock", "Amazon", "AWS"].as_slice(),
            Channel::Vertex => ["Vertex", "Google"].as_slice(),
            Channel::Oracle => ["Oracle", "OCI"].as_slice(),
            Channel::Direct | Channel::SelfHosted => [].as_slice(),
        });
    }
    if let Effect::Obligation { providers, .. } = &rule.effect {
        for p in providers {
            out.extend(match p {
                Provider::Azure => ["Azure", "Microsoft"].as_slice(),
                Provider::Aws => ["AWS", "Amazon", "Bedrock"].as_slice(),
                Provider::Gcp => ["Google"].as_slice(),
                Provider::Oracle => ["Oracle", "OCI"].as_slice(),
                Provider::OnPrem | Provider::Device | Provider::Vendor => [].as_slice(),
            });
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Why a cited page's quote does not back its rule, if it does not: it says nothing (only a
/// header, a link or markup), or it names none of the rule's subjects.
fn quote_problem(page: &super::Page, subjects: &[&str]) -> Option<String> {
    use crate::domain::evidence::{emptiness, names, words};
    let quiet = emptiness(&page.quote, subjects).filter(|_| {
        page.translation
            .as_deref()
            .is_none_or(|english| emptiness(english, subjects).is_some())
    });
    if let Some(why) = quiet {
        return Some(why.to_owned());
    }
    if subjects.is_empty() {
        return None;
    }
    let w = words(&page.quote);
    let t = page.translation.as_deref().map(words);
    // A company's own page speaks of it as "we": its publisher names the subject then.
    let by = words(&page.publisher);
    let named = subjects
        .iter()
        .any(|s| names(&w, s) || t.as_deref().is_some_and(|t| names(t, s)) || names(&by, s));
    (!named).then(|| {
        format!(
            "names none of the rule's subjects ({})",
            subjects.join(", ")
        )
    })
}

/// Parses and validates a pack (see [`RulePack::from_str`]).
pub fn validate(text: &str, label: &str) -> Result<RulePack, PackError> {
    RulePack::from_str(text, label)
}

#[expect(
    clippy::too_many_lines,
    reason = "one list of independent validity checks"
)]
pub(super) fn parse(text: &str) -> Result<RulePack, Vec<Diagnostic>> {
    let mut pack: RulePack = crate::domain::ron_fields::from_str_at(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for rule in &mut pack.rules {
        rule.source_line = Text::from(rule.source_text().as_str());
    }
    // Where each check is reported: the field it concerns, found by the positional reader.
    let mut layout = Layout::new(text);
    let top = Position { line: 1, col: 1 };
    let rules_at = layout.field(&["rules"]).unwrap_or(top);
    let rule_ids = layout.items("rules", "id");
    let mut diags = Vec::new();
    if pack.id.trim().is_empty() {
        diags.push(Diagnostic::at(
            layout.field(&["id"]).unwrap_or(top),
            "the pack has an empty `id`",
        ));
    }
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (i, rule) in pack.rules.iter().enumerate() {
        // Where this rule's id is written.
        let pos = rule_ids.get(i).copied().flatten().unwrap_or(rules_at);
        let repeated = !seen.insert(&rule.id);
        let mut error = |message: String| diags.push(Diagnostic::at(pos, message));
        if rule.id.trim().is_empty() {
            error(format!("rule #{} has an empty `id`", i + 1));
        }
        if repeated {
            error(format!("rule id \"{}\" appears twice", rule.id));
        }
        if let (Some(from), Some(until)) = (rule.valid_from, rule.valid_until)
            && from > until
        {
            error(format!(
                "rule \"{}\": valid_from {from} is after valid_until {until}; it would never apply",
                rule.id
            ));
        }
        match &rule.effect {
            Effect::Check if !CHECK_IDS.contains(&&*rule.id) => error(format!(
                "rule \"{}\" has effect Check, but no structural check has this id; known checks: {}",
                rule.id,
                CHECK_IDS.join(", ")
            )),
            Effect::Obligation { providers, .. } if providers.is_empty() => error(format!(
                "rule \"{}\": an Obligation needs at least one provider (use Free for none)",
                rule.id
            )),
            Effect::Obligation { providers, .. }
                if providers
                    .iter()
                    .any(|p| matches!(p, Provider::Device | Provider::OnPrem)) =>
            {
                error(format!(
                    "rule \"{}\": an Obligation names clouds or Vendor, not Device/OnPrem",
                    rule.id
                ));
            }
            effect if !matches!(effect, Effect::Check) && CHECK_IDS.contains(&&*rule.id) => {
                error(format!(
                    "rule \"{}\" is a structural check: its effect must be Check",
                    rule.id
                ));
            }
            _ => {}
        }
        if rule.message.trim().is_empty() {
            error(format!("rule \"{}\" has an empty message", rule.id));
        }
        if rule.citation.is_legacy() {
            error(format!(
                "rule \"{}\": the citation has the old shape (quote/statement/internal source numbers), which no reader can check; name the public pages instead: citation: (pages: [(title: \"…\", publisher: \"…\", date: \"YYYY-MM-DD\", url: \"https://…\", quote: \"a sentence copied from the page\", kind: Primary)]) — `stateline rules show --ron` prints the built-in pack as an example",
                rule.id
            ));
        }
        let subjects = subjects_of(rule);
        for (k, page) in rule.citation.pages.iter().enumerate() {
            for problem in page.problems() {
                error(format!("rule \"{}\": a cited page {problem}", rule.id));
            }
            if let Some(why) = quote_problem(page, &subjects) {
                error(format!(
                    "rule \"{}\": the quote of cited page #{} {why}",
                    rule.id,
                    k + 1
                ));
            }
        }
        if let Some(bad) = unclosed_placeholder(&rule.message) {
            error(format!(
                "rule \"{}\": the message has an unclosed placeholder near \"{bad}\"",
                rule.id
            ));
        }
        for (name, value) in &rule.params {
            if !value.is_finite() {
                error(format!(
                    "rule \"{}\": param `{name}` must be a finite number",
                    rule.id
                ));
            }
        }
    }
    for w in &pack.lockin.weights {
        if !(w.weight.is_finite() && w.weight >= 0.0) {
            diags.push(Diagnostic::at(
                layout.field(&["lockin", "weights"]).unwrap_or(top),
                format!("lock-in weight of {:?} must be a number ≥ 0", w.state),
            ));
        }
    }
    for (name, v) in [
        ("state_max", pack.lockin.state_max),
        ("vendor_max", pack.lockin.vendor_max),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            diags.push(Diagnostic::at(
                layout.field(&["lockin", name]).unwrap_or(top),
                format!("lock-in `{name}` must be a number ≥ 0"),
            ));
        }
    }
    if (pack.lockin.state_max + pack.lockin.vendor_max - 100.0).abs() > 1e-9 {
        diags.push(Diagnostic::at(
            layout.field(&["lockin", "state_max"]).unwrap_or(top),
            "lock-in `state_max` + `vendor_max` must be 100 (the score is 0–100)",
        ));
    }
    if diags.is_empty() {
        Ok(pack)
    } else {
        diags.sort_by_key(|d| (d.line, d.col));
        Err(diags)
    }
}

fn unclosed_placeholder(message: &str) -> Option<&str> {
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..)?;
        match (after.find('}'), after.find('{')) {
            (Some(close), Some(next)) if next < close => return after.get(..next),
            (None, _) => return Some(after),
            (Some(close), _) => rest = after.get(close + 1..)?,
        }
    }
    None
}
