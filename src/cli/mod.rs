//! The headless command line (cli.md): `check`, `fmt`, and the rest, on the same core as
//! the window. Exit codes: 0 success, 1 `check` found errors / `fmt --check` found
//! changes, 2 the input could not be used.

mod check;
mod diff;
mod export;
mod fmt;
mod import;
mod live;
mod offerings;
mod rules;

/// `check`'s text output (for people), for the benchmarks of every output format.
pub use check::render_text as check_text;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::analysis::Down;
use crate::domain::date::Date;
use crate::domain::model::{Interpretation, Provider};
use crate::domain::scenario::{Overrides, Resolved};

/// Stateline: see which cloud hosts each piece of an AI system by contract, what every hop
/// costs, and where the design locks you in.
#[derive(Debug, Parser)]
#[command(name = "stateline", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// A map to open in the window.
    pub map: Option<PathBuf>,

    /// Open the window in presentation mode (full screen, the drawing alone; Esc leaves).
    #[arg(long)]
    pub present: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse a map: findings, flows and figures. Exit 1 when a finding is an error.
    Check(CheckArgs),
    /// Rewrite a map in canonical form (atomically). With --check, change nothing.
    Fmt(FmtArgs),
    /// Write the diagram (svg, png, pdf, drawio, mmd), the report (md, html) or the findings
    /// (csv).
    Export(ExportArgs),
    /// Import a draw.io diagram or a Terraform/OpenTofu plan or state (`show -json`) as a
    /// map, and print the import report. Exit 1 when items were skipped.
    Import(ImportArgs),
    /// What changed between two maps, and how the analysis changed.
    Diff(DiffArgs),
    /// Rule packs: print one with its sources, or validate an edited copy.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// The offerings catalog: where each model is sold, since when, and who runs it.
    #[command(subcommand)]
    Offerings(OfferingsCommand),
    /// Run the live sync server (loopback by default): seats share and join maps through it.
    Serve(ServeArgs),
    /// A headless seat of a live session: share a map, pull or push through a link.
    #[command(subcommand)]
    Live(LiveCommand),
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Where to listen. Anything but a loopback address lets other machines reach it.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:3030")]
    pub bind: std::net::SocketAddr,

    /// Keep documents and sessions in this folder (created if needed); default: memory.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Print nothing per seat.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum LiveCommand {
    /// Upload a map as a new live session; prints `edit: LINK` and `view: LINK`.
    Share {
        /// The map file.
        map: PathBuf,
        /// The server, as ws://HOST:PORT.
        #[arg(long, value_name = "URL")]
        server: String,
        /// The name other seats see.
        #[arg(long, default_value = "stateline live")]
        name: String,
    },
    /// Write the session's current map to a file.
    Pull {
        /// The link (`-`: read it from standard input).
        link: String,
        /// The map file to write.
        #[arg(short, long, value_name = "MAP.ron")]
        output: PathBuf,
        /// The name other seats see.
        #[arg(long, default_value = "stateline live")]
        name: String,
    },
    /// Merge a map's differences into the session as edits (exit 2 through a view link).
    Push {
        /// The map file.
        map: PathBuf,
        /// An edit link (`-`: read it from standard input).
        link: String,
        /// The name other seats see.
        #[arg(long, default_value = "stateline live")]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum OfferingsCommand {
    /// Print the offerings of a catalog (default: the built-in one) with their sources.
    Show {
        /// An offerings catalog file (`.ron`); without it, the built-in catalog.
        file: Option<PathBuf>,
        /// Print the catalog's RON text (a starting point for an edited copy).
        #[arg(long)]
        ron: bool,
    },
    /// Check an edited catalog; every problem as PATH:LINE:COL: message (exit 2).
    Validate {
        /// The offerings catalog file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Print the rules of a pack (default: the built-in pack) with their sources.
    Show {
        /// A rule pack file (`.ron`); without it, the built-in pack.
        pack: Option<PathBuf>,
        /// Print the pack's RON text (a starting point for an edited copy).
        #[arg(long)]
        ron: bool,
    },
    /// Check an edited rule pack; every problem as PATH:LINE:COL: message (exit 2).
    Validate {
        /// The rule pack file.
        pack: PathBuf,
    },
}

/// Options that change the scenario of an analysis.
#[derive(Debug, Clone, clap::Args)]
pub struct ScenarioArgs {
    /// Which reading of the contested clause the numbers use.
    #[arg(long, value_enum)]
    pub interpretation: Option<InterpretationArg>,

    /// Evaluate the rules as of this date (YYYY-MM-DD); default: the map's, else today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Use this rule pack instead of the map's (`scenario.rule_pack`) or the built-in one.
    #[arg(long, value_name = "PACK.ron")]
    pub rules: Option<PathBuf>,

    /// Use this offerings catalog instead of the map's (`scenario.offerings`) or the
    /// built-in one.
    #[arg(long, value_name = "OFFERINGS.ron")]
    pub offerings: Option<PathBuf>,

    /// Mark a provider (`aws`) or a region id (`us-east-1`) unavailable; repeatable.
    #[arg(long, value_name = "PROVIDER|REGION", value_parser = parse_down)]
    pub down: Vec<Down>,

    /// Compare the map with what is deployed: a Terraform/OpenTofu plan or state as JSON
    /// (`terraform show -json`); adds the DRIFT-* findings.
    #[arg(long, value_name = "DEPLOYED.json")]
    pub against: Option<PathBuf>,
}

impl ScenarioArgs {
    /// The one resolution of a map's scenario (`io::scenario`), with these flags on top.
    /// Errors are ready to print (`PATH[:LINE:COL]: message`).
    pub fn resolve(
        &self,
        map: &crate::domain::model::Map,
        map_path: &std::path::Path,
    ) -> Result<Resolved, String> {
        let overrides = Overrides {
            interpretation: self.interpretation.map(Into::into),
            as_of: self.as_of,
            down: self.down.clone(),
        };
        let resolved = crate::io::scenario::resolve(
            map,
            Some(map_path),
            &overrides,
            crate::io::scenario::Files {
                rules: self.rules.as_deref(),
                offerings: self.offerings.as_deref(),
            },
        )?;
        let Some(path) = &self.against else {
            return Ok(resolved);
        };
        let deployed = crate::io::import::read_deployed(path).map_err(|e| e.render())?;
        Ok(resolved.with_deployed(Some(std::sync::Arc::new(deployed))))
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The map file.
    pub map: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(flatten)]
    pub scenario: ScenarioArgs,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The file to import: a draw.io diagram (.drawio, .xml, .drawio.svg) or the JSON of
    /// `terraform show -json` / `tofu show -json` (a plan or a state).
    pub file: PathBuf,

    /// Write the map here (atomically); without it, the map goes to standard output and
    /// the report to standard error.
    #[arg(short, long, value_name = "MAP.ron")]
    pub output: Option<PathBuf>,

    /// draw.io: the page to import, by number (1 = the first) or by name.
    #[arg(long, value_name = "N|NAME")]
    pub page: Option<String>,

    /// Replace the output file if it exists (otherwise an existing map is never overwritten).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct FmtArgs {
    /// The map file.
    pub map: PathBuf,

    /// Change nothing; exit 1 and show the difference if the file is not canonical.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The map file.
    pub map: PathBuf,

    /// The file to write; its extension picks the format: svg, png, pdf, md, html, csv,
    /// drawio, mmd.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,

    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// PNG pixels per diagram unit (0.1 to 16).
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,

    /// PDF only: add the report's pages after the diagram.
    #[arg(long)]
    pub with_report: bool,

    /// Write the one-page summary instead (pdf, md or html): obligations, flows, open and
    /// disputed positions, on exactly one page of `--paper`.
    #[arg(long, conflicts_with = "with_report")]
    pub summary: bool,

    /// PDF (and summary): the paper of every page (the diagram page landscape, scaled to fit).
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

impl From<PaperArg> for crate::io::export::Paper {
    fn from(p: PaperArg) -> Self {
        match p {
            PaperArg::A4 => Self::A4,
            PaperArg::Letter => Self::Letter,
        }
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// The old map.
    pub old: PathBuf,

    /// The new map.
    pub new: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(flatten)]
    pub scenario: ScenarioArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InterpretationArg {
    Runtime,
    ApiAccess,
}

impl From<InterpretationArg> for Interpretation {
    fn from(v: InterpretationArg) -> Self {
        match v {
            InterpretationArg::Runtime => Self::Runtime,
            InterpretationArg::ApiAccess => Self::ApiAccess,
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| e.to_string())
}

fn parse_down(s: &str) -> Result<Down, String> {
    if let Some(p) = Provider::from_key(s) {
        return Ok(Down::Provider(p));
    }
    let catalog = crate::domain::Catalog::builtin();
    if catalog.region(s).is_some() {
        return Ok(Down::Region(s.to_owned()));
    }
    let close = catalog.close_regions(s, None);
    let hint = if close.is_empty() {
        String::new()
    } else {
        format!(" (close matches: {})", close.join(", "))
    };
    Err(format!(
        "\"{s}\" is neither a provider (azure, aws, gcp, oracle, onprem, device, vendor) nor a region id{hint}"
    ))
}

/// Exit code 2: the input could not be used. Messages are already on stderr.
pub const EXIT_INPUT: u8 = 2;

/// Runs a headless subcommand.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check(args) => check::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Rules(command) => rules::run(&command),
        Command::Offerings(command) => offerings::run(&command),
        Command::Serve(args) => live::serve(&args),
        Command::Live(command) => live::run(&command),
    }
}

/// Writes to standard output. A reader that went away (`| head`) is not an error: the
/// command ends as it would have (its exit code unchanged), without a panic or a message.
/// Every command prints through here and [`print_err`].
pub(crate) fn print_out(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    // Any other failure (a full disk) is said, once, on stderr.
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        print_err(&format!("stateline: cannot write to standard output: {e}"));
    }
}

/// Writes one message line to standard error (a closed stderr is ignored, as for
/// [`print_out`]). Messages that echo input are escaped where they are made
/// (`Diagnostic::render`, `domain::validate::text::escape`).
pub(crate) fn print_err(line: &str) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    err.write_all(line.as_bytes())
        .and_then(|()| err.write_all(b"\n"))
        .and_then(|()| err.flush())
        .ok();
}

/// A path as messages show it: escaped, so a file name cannot forge a line or move the
/// cursor.
pub(crate) fn shown(path: &std::path::Path) -> String {
    crate::domain::validate::text::escape(&path.display().to_string()).into_owned()
}

/// Prints a one-line message about the input, escaped whole (it may echo a path or a
/// value), and returns exit 2.
pub(crate) fn input_error_line(line: &str) -> ExitCode {
    input_error(&crate::domain::validate::text::escape(line))
}

/// Prints a load error (one `PATH:LINE:COL: message` line per problem, each already escaped
/// by `Diagnostic::render`) and returns exit 2.
pub(crate) fn input_error(message: &str) -> ExitCode {
    print_err(message);
    ExitCode::from(EXIT_INPUT)
}
