//! `stateline export MAP -o OUT.{svg,png,pdf,md,html,csv} [--summary]`: the negotiation pack,
//! or its one-page summary.

use std::process::ExitCode;

use super::{ExportArgs, input_error, input_error_line};
use crate::domain::Catalog;
use crate::io::export::{self, ExportOptions, Format};
use crate::io::load_path;

pub fn run(args: &ExportArgs) -> ExitCode {
    let Some(format) = Format::from_path(&args.output) else {
        // Each extension once (the summary writes .pdf, .md and .html too).
        let mut known: Vec<&str> = Vec::new();
        for ext in Format::ALL.iter().map(|f| f.extension()) {
            if !known.contains(&ext) {
                known.push(ext);
            }
        }
        return input_error_line(&format!(
            "{}: unknown export format; the extension must be one of: {}",
            args.output.display(),
            known.join(", ")
        ));
    };
    let format = if args.summary {
        let Some(summary) = format.summary() else {
            return input_error_line(&format!(
                "{}: --summary writes a one-page summary as .pdf, .md or .html",
                args.output.display()
            ));
        };
        summary
    } else {
        format
    };
    if args.with_report && format != Format::Pdf {
        return input_error_line(&format!(
            "{}: --with-report adds report pages to a PDF; write a .pdf, or a .md/.html report",
            args.output.display()
        ));
    }
    if let Some(why) = export::png_scale_refused(args.scale) {
        return input_error_line(&format!("--{why}"));
    }
    let catalog = Catalog::builtin();
    let map = match load_path(&args.map, catalog) {
        Ok(map) => map,
        Err(err) => return input_error(&err.render()),
    };
    let scenario = match args.scenario.resolve(&map, &args.map) {
        Ok(s) => s,
        Err(message) => return input_error(&message),
    };
    let analysis = scenario.analyze(&map, catalog);
    let opts = ExportOptions {
        png_scale: args.scale,
        pdf_report: args.with_report,
        paper: args.paper.into(),
        ..ExportOptions::default()
    };
    match export::write(&args.output, format, &map, &analysis, &opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => input_error_line(&format!("{}: {err}", args.map.display())),
    }
}
