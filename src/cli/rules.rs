//! `stateline rules show [PACK]` / `stateline rules validate PACK`.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{RulesCommand, input_error, input_error_line};
use crate::domain::rules::{BUILTIN_RON, Effect, Rule, RulePack};

pub use crate::io::scenario::load_pack;

pub fn run(command: &RulesCommand) -> ExitCode {
    match command {
        RulesCommand::Show { pack, ron } => {
            let (pack, text) = match pack {
                Some(path) => match (load_pack(path), crate::io::input::read_text(path)) {
                    (Ok(p), Ok(t)) => (p, t),
                    (Err(e), _) => return input_error(&e),
                    (_, Err(e)) => return input_error_line(&format!("{}: {e}", path.display())),
                },
                None => (RulePack::builtin(), BUILTIN_RON.to_owned()),
            };
            if *ron {
                super::print_out(&text);
            } else {
                super::print_out(&render(&pack));
            }
            ExitCode::SUCCESS
        }
        RulesCommand::Validate { pack } => match load_pack(pack) {
            Ok(p) => {
                super::print_out(&format!(
                    "{}: ok — pack {} {}, {} rules\n",
                    super::shown(pack),
                    p.id,
                    p.version,
                    p.rules.len()
                ));
                ExitCode::SUCCESS
            }
            Err(e) => input_error(&e),
        },
    }
}

fn window(rule: &Rule) -> String {
    match (rule.valid_from, rule.valid_until) {
        (None, None) => "always".to_owned(),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (Some(f), Some(u)) => format!("{f} … {u}"),
    }
}

fn effect(rule: &Rule) -> String {
    let list = |v: &[crate::domain::model::Provider]| {
        v.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ")
    };
    match &rule.effect {
        Effect::Obligation {
            providers,
            only_channels,
        } if only_channels.is_empty() => format!("obligation [{}]", list(providers)),
        Effect::Obligation {
            providers,
            only_channels,
        } => format!(
            "obligation [{}]; only through {}",
            list(providers),
            only_channels
                .iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Effect::ChannelHost => "obligation = the channel's cloud".to_owned(),
        Effect::Free => "free (no obligation)".to_owned(),
        Effect::Violation => "violation".to_owned(),
        Effect::Note => "note".to_owned(),
        Effect::Check => "structural check (code)".to_owned(),
    }
}

fn matcher(rule: &Rule) -> String {
    let m = &rule.matcher;
    let mut parts = Vec::new();
    let join = |v: Vec<String>| v.join("|");
    if !m.kinds.is_empty() {
        parts.push(join(m.kinds.iter().map(|k| k.name().to_owned()).collect()));
    }
    if !m.vendors.is_empty() {
        parts.push(format!(
            "vendor {}",
            join(m.vendors.iter().map(|v| v.label().to_owned()).collect())
        ));
    }
    if !m.access.is_empty() {
        parts.push(format!(
            "access {}",
            join(m.access.iter().map(|a| format!("{a:?}")).collect())
        ));
    }
    if !m.channels.is_empty() {
        parts.push(format!(
            "channel {}",
            join(m.channels.iter().map(|c| format!("{c:?}")).collect())
        ));
    }
    if !m.effective_not_on.is_empty() {
        parts.push(format!(
            "effective host not on {}",
            join(
                m.effective_not_on
                    .iter()
                    .map(|p| p.label().to_owned())
                    .collect()
            )
        ));
    }
    parts.join(", ")
}

/// The pack as readable text.
pub fn render(pack: &RulePack) -> String {
    let mut out = String::new();
    writeln!(out, "{} {} — {}", pack.id, pack.version, pack.title).ok();
    if let Some(d) = pack.verified_through {
        writeln!(out, "sources checked through {d}").ok();
    }
    writeln!(
        out,
        "{} rules (hosting rules are tried in this order; the first match decides)\n",
        pack.rules.len()
    )
    .ok();
    for rule in &pack.rules {
        writeln!(
            out,
            "{} [{} · {}] {}{}",
            rule.id,
            rule.severity.key(),
            rule.category.key(),
            rule.title,
            if rule.enabled { "" } else { " (switched off)" }
        )
        .ok();
        writeln!(out, "  valid: {}", window(rule)).ok();
        let m = matcher(rule);
        if !m.is_empty() {
            writeln!(out, "  when: {m}").ok();
        }
        writeln!(out, "  then: {}", effect(rule)).ok();
        for (k, v) in &rule.params {
            writeln!(out, "  {k} = {v}").ok();
        }
        writeln!(out, "  says: {}", rule.message).ok();
        if rule.citation.pages.is_empty() {
            writeln!(out, "  source: Stateline's own check (no outside source)").ok();
        }
        for page in &rule.citation.pages {
            writeln!(out, "  source: {}", page.reference()).ok();
            writeln!(out, "          {}", page.url).ok();
            writeln!(out, "          “{}”", page.quote).ok();
        }
        writeln!(out).ok();
    }
    writeln!(out, "Lock-in score: {}", pack.lockin.formula).ok();
    let weights = pack
        .lockin
        .weights
        .iter()
        .map(|w| format!("{} {}", w.state.label(), w.weight))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        out,
        "  state_max {}, vendor_max {}; weights: {weights}",
        pack.lockin.state_max, pack.lockin.vendor_max
    )
    .ok();
    out
}
