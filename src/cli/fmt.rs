//! `stateline fmt MAP [--check]`.

use std::process::ExitCode;

use super::{FmtArgs, input_error, input_error_line};
use crate::domain::Catalog;
use crate::io::{load_path, save_path, to_canonical_string};

pub fn run(args: &FmtArgs) -> ExitCode {
    let map = match load_path(&args.map, Catalog::builtin()) {
        Ok(map) => map,
        Err(err) => return input_error(&err.render()),
    };
    let canonical = to_canonical_string(&map);
    // The file was just read successfully, so it is UTF-8; a race that changed it is
    // treated as "not canonical".
    let current = crate::io::input::read_text(&args.map).unwrap_or_default();
    let path = super::shown(&args.map);
    if current == canonical {
        return ExitCode::SUCCESS;
    }
    if args.check {
        let diff = similar::TextDiff::from_lines(&current, &canonical);
        super::print_out(
            &diff
                .unified_diff()
                .context_radius(2)
                .header(&path, &format!("{path} (canonical)"))
                .to_string(),
        );
        super::print_err(&format!(
            "{path}: not in canonical form (run `stateline fmt {path}`)"
        ));
        return ExitCode::from(1);
    }
    match save_path(&args.map, &map) {
        Ok(()) => {
            super::print_err(&format!("{path}: rewritten in canonical form"));
            ExitCode::SUCCESS
        }
        Err(err) => input_error_line(&format!("{path}: cannot write the file: {err}")),
    }
}
