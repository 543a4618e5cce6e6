//! `stateline import FILE [-o MAP.ron] [--page N|NAME]`: a draw.io diagram or a
//! Terraform/OpenTofu plan or state becomes a map; the import report says what became what.

use std::process::ExitCode;

use super::{ImportArgs, input_error};
use crate::domain::Catalog;
use crate::io::import::{Options, import_path};

pub fn run(args: &ImportArgs) -> ExitCode {
    let catalog = Catalog::builtin();
    let options = Options {
        page: args.page.clone(),
    };
    if let Some(out) = &args.output
        && out.exists()
        && !args.force
    {
        return input_error(&format!(
            "{}: the file exists; nothing was imported (give another -o, or --force to replace it)",
            out.display()
        ));
    }
    let (map, report) = match import_path(&args.file, catalog, &options) {
        Ok(done) => done,
        Err(err) => return input_error(&err.render()),
    };
    let text = crate::io::to_canonical_string(&map);
    if let Some(out) = &args.output {
        if let Err(err) = crate::io::atomic::write_atomic(out, text.as_bytes()) {
            return input_error(&format!("cannot write {}: {err}", out.display()));
        }
        super::print_out(&report.render_text());
        super::print_out(&format!("wrote {}\n", out.display()));
    } else {
        super::print_out(&text);
        eprint!("{}", report.render_text());
    }
    if report.skipped() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
