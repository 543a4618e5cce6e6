//! `stateline fmt MAP [--check]`.

use std::process::ExitCode;

use super::{FmtArgs, input_error};
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
    let current = std::fs::read_to_string(&args.map).unwrap_or_default();
    let path = args.map.display().to_string();
    if current == canonical {
        return ExitCode::SUCCESS;
    }
    if args.check {
        let diff = similar::TextDiff::from_lines(&current, &canonical);
        print!(
            "{}",
            diff.unified_diff()
                .context_radius(2)
                .header(&path, &format!("{path} (canonical)"))
        );
        eprintln!("{path}: not in canonical form (run `stateline fmt {path}`)");
        return ExitCode::from(1);
    }
    match save_path(&args.map, &map) {
        Ok(()) => {
            eprintln!("{path}: rewritten in canonical form");
            ExitCode::SUCCESS
        }
        Err(err) => input_error(&format!("{path}: cannot write the file: {err}")),
    }
}
