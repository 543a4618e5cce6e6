//! Live workshops: several seats edit one map at once, on Automerge (the CRDT) and samod
//! (the Rust automerge-repo: storage, sync protocol, share policies, reconnecting
//! dialers). See docs/collaboration.md.
//!
//! - `link`: share links and tokens; `wire`: the WebSocket transport and its headers;
//!   `dial`: a seat's runtime thread and its reconnecting dialer;
//! - `doc`: the map as a live document and back (stable ids in `align`);
//! - `repair`: every merged map made valid, each repair said;
//! - `server`: `stateline serve`; `seat`: one participant (window or headless);
//! - `presence`: who is there and what each has selected.
//!
//! Nothing here decides a fact about maps: validity is `domain::validate`'s, edits are
//! `domain::edit`'s; this layer only carries maps between seats.

pub mod align;
mod dial;
pub mod doc;
pub mod link;
pub mod presence;
pub mod repair;
pub mod seat;
pub mod server;
pub mod wire;

pub use link::{Link, Role, ServerUrl, Token};
pub use seat::{LiveError, Seat, Status, Update};
pub use server::{ServeOptions, Server};
