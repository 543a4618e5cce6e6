//! `stateline offerings show [FILE] [--ron]` / `stateline offerings validate FILE`.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{OfferingsCommand, input_error, input_error_line};
use crate::domain::catalog::Catalog;
use crate::domain::offerings::{BUILTIN_RON, Offerings, channel_name};
use crate::io::scenario::load_offerings;

pub fn run(command: &OfferingsCommand) -> ExitCode {
    match command {
        OfferingsCommand::Show { file, ron } => {
            let (catalog, text) = match file {
                Some(path) => match (load_offerings(path), crate::io::input::read_text(path)) {
                    (Ok(c), Ok(t)) => (c, t),
                    (Err(e), _) => return input_error(&e),
                    (_, Err(e)) => return input_error_line(&format!("{}: {e}", path.display())),
                },
                None => (Offerings::builtin(), BUILTIN_RON.to_owned()),
            };
            if *ron {
                super::print_out(&text);
            } else {
                super::print_out(&render(&catalog));
            }
            ExitCode::SUCCESS
        }
        OfferingsCommand::Validate { file } => match load_offerings(file) {
            Ok(c) => {
                let unknown = c.offerings.iter().filter(|o| o.regions.is_empty()).count();
                super::print_out(&format!(
                    "{}: ok — catalog {}, verified through {}, {} offerings ({unknown} with unknown regions)\n",
                    super::shown(file),
                    c.id,
                    c.verified_through,
                    c.offerings.len()
                ));
                let unlocated = c.unlocated_regions(Catalog::builtin());
                if !unlocated.is_empty() {
                    super::print_out(&format!(
                        "note: not in the region catalog, so not located (a seller's own names such as `eu` or `global` are expected): {}\n",
                        unlocated.join(", ")
                    ));
                }
                ExitCode::SUCCESS
            }
            Err(e) => input_error(&e),
        },
    }
}

/// The catalog as text: one block per offering with its source.
fn render(c: &Offerings) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "Offerings catalog {} — verified through {}, {} offerings\n",
        c.id,
        c.verified_through,
        c.offerings.len()
    )
    .ok();
    for o in &c.offerings {
        writeln!(out, "{}  {}", o.id, o.name).ok();
        writeln!(
            out,
            "  {} on {} · {:?} · {}",
            o.vendor.label(),
            channel_name(o.channel),
            o.kind,
            o.summary()
        )
        .ok();
        writeln!(out, "  models: {}", o.models.join(", ")).ok();
        writeln!(
            out,
            "  regions: {}",
            if o.regions.is_empty() {
                "unknown".to_owned()
            } else {
                o.regions.join(", ")
            }
        )
        .ok();
        writeln!(
            out,
            "  run by: {}",
            o.operated_by
                .map_or("unknown (no source says)", |p| p.label())
        )
        .ok();
        if !o.note.is_empty() {
            writeln!(out, "  note: {}", o.note).ok();
        }
        writeln!(
            out,
            "  processed by: {}",
            o.processor()
                .map_or("the customer (self-hosted)", |p| p.label())
        )
        .ok();
        if !o.requires.is_empty() {
            let list: Vec<&str> = o.requires.iter().map(|r| r.key()).collect();
            writeln!(out, "  requires: {}", list.join(", ")).ok();
        }
        for page in &o.sources {
            writeln!(out, "  source: {}", page.line()).ok();
        }
        writeln!(out).ok();
    }
    out
}
