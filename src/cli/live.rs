//! `stateline serve` and `stateline live share|pull|push` (docs/cli.md, docs/collaboration.md):
//! the sync server and a headless seat for scripts, CI and tests.

use std::io::Read as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use super::{LiveCommand, ServeArgs, input_error, print_out};
use crate::domain::Catalog;
use crate::io::{load_path, save_path};
use crate::live::{Link, LiveError, Role, Seat, ServeOptions, Server, ServerUrl};

/// How long a headless seat waits for the server to confirm its changes.
const FLUSH: Duration = Duration::from_secs(10);

pub fn serve(args: &ServeArgs) -> ExitCode {
    let options = ServeOptions {
        bind: args.bind,
        dir: args.dir.clone(),
        log: !args.quiet,
    };
    let server = match Server::start(&options) {
        Ok(s) => s,
        Err(e) => return input_error(&format!("stateline serve: {e}")),
    };
    let addr = server.addr();
    if addr.ip().is_loopback() {
        eprintln!("serving live sessions on ws://{addr} (this machine only)");
    } else {
        eprintln!(
            "serving live sessions on ws://{addr}: reachable from other machines, unencrypted; \
             anyone holding a link can join its session (see docs/collaboration.md)"
        );
    }
    match &args.dir {
        Some(dir) => eprintln!("sessions are kept in {}", dir.display()),
        None => eprintln!("sessions are kept in memory (--dir DIR keeps them across restarts)"),
    }
    server.wait();
    ExitCode::SUCCESS
}

pub fn run(command: &LiveCommand) -> ExitCode {
    match command {
        LiveCommand::Share { map, server, name } => share(map, server, name),
        LiveCommand::Pull { link, output, name } => pull(link, output, name),
        LiveCommand::Push { map, link, name } => push(map, link, name),
    }
}

fn share(map_path: &Path, server: &str, name: &str) -> ExitCode {
    let server = match ServerUrl::parse(server) {
        Ok(s) => s,
        Err(e) => return input_error(&format!("--server: {e}")),
    };
    let map = match load_path(map_path, Catalog::builtin()) {
        Ok(m) => m,
        Err(e) => return input_error(&e.render()),
    };
    match Seat::share(&server, &map, name) {
        Ok((seat, links)) => {
            if !seat.flush(FLUSH) {
                return input_error("the server did not confirm the map in time");
            }
            print_out(&format!(
                "edit: {}\nview: {}\n",
                links.edit.expose(),
                links.view.expose()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => input_error(&format!("cannot share: {e}")),
    }
}

fn pull(link: &str, output: &Path, name: &str) -> ExitCode {
    let link = match read_link(link) {
        Ok(l) => l,
        Err(e) => return input_error(&e),
    };
    let seat = match Seat::join(&link, name) {
        Ok(s) => s,
        Err(e) => return input_error(&format!("cannot join: {e}")),
    };
    let update = seat.pull();
    for repair in update.iter().flat_map(|u| &u.repaired) {
        eprintln!("repaired: {repair}");
    }
    match save_path(output, &seat.map()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => input_error(&format!("{}: cannot write the file: {e}", output.display())),
    }
}

fn push(map_path: &Path, link: &str, name: &str) -> ExitCode {
    let link = match read_link(link) {
        Ok(l) => l,
        Err(e) => return input_error(&e),
    };
    if link.role == Role::View {
        return input_error("this is a view link: it cannot change the map");
    }
    let map = match load_path(map_path, Catalog::builtin()) {
        Ok(m) => m,
        Err(e) => return input_error(&e.render()),
    };
    let seat = match Seat::join(&link, name) {
        Ok(s) => s,
        Err(e) => return input_error(&format!("cannot join: {e}")),
    };
    match seat.push(&map) {
        Ok(()) => {}
        Err(LiveError::ReadOnly) => {
            return input_error("this is a view link: it cannot change the map");
        }
        Err(e) => return input_error(&format!("cannot push: {e}")),
    }
    if !seat.flush(FLUSH) {
        return input_error("the server did not confirm the changes in time");
    }
    for repair in seat.pull().iter().flat_map(|u| &u.repaired) {
        eprintln!("repaired: {repair}");
    }
    ExitCode::SUCCESS
}

/// A link from the command line, or from standard input when it is `-` (so the token
/// stays out of the process list).
fn read_link(arg: &str) -> Result<Link, String> {
    let text = if arg == "-" {
        let mut s = String::new();
        std::io::stdin()
            .take(4096)
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read the link from standard input: {e}"))?;
        s
    } else {
        arg.to_owned()
    };
    Link::parse(&text).map_err(|e| format!("not a live link: {e}"))
}
