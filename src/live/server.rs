//! `stateline serve`: samod (the Rust automerge-repo) as a sync server, behind a check of
//! each seat's capability at the WebSocket upgrade.
//!
//! - A session is an automerge-repo document. The seat that shares a map creates the
//!   document and, on its first connection, registers the SHA-256 of its edit and view
//!   tokens (`x-stateline-create`); the server keeps only those hashes (`DIR/sessions.json`).
//! - Every later connection names its document and presents a token: the edit token's
//!   hash gives read-write, the view token's read-only (samod's share policy: the
//!   server sends every change to a viewer and ignores any change it sends), anything
//!   else is refused with HTTP 403 before a protocol message is read. A seat is bound to
//!   the peer id it announced in the upgrade, and is shared its own document only.
//! - Messages are samod's to read: one that does not decode, or that breaks the protocol,
//!   ends that connection; the document and every other seat are untouched.
//!
//! Loopback by default; nothing in a log line is a token.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures::StreamExt as _;
use samod::{DocumentId, PeerId, ShareConfig};
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http;

use super::link::{Role, Token};
use super::wire;

/// How `stateline serve` runs.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    /// Where documents and the session list are kept; `None`: in memory only.
    pub dir: Option<PathBuf>,
    /// Print one line per accepted or refused seat (never a token) on stderr.
    pub log: bool,
}

/// Most sessions one server keeps (each is a document on disk).
pub const MAX_SESSIONS: usize = 10_000;
/// Most seats connected at once.
pub const MAX_SEATS: usize = 512;

/// A running server; stops when dropped.
pub struct Server {
    addr: SocketAddr,
    stop: Option<futures::channel::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The hashes of a session's two tokens.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Keys {
    edit: String,
    view: String,
}

#[derive(Default)]
struct State {
    sessions: HashMap<String, Keys>,
    /// What each connected peer may do: its document and role.
    grants: HashMap<String, (String, Role)>,
    file: Option<PathBuf>,
    log: bool,
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Server {
    /// Binds and starts serving on a thread of its own.
    pub fn start(options: &ServeOptions) -> Result<Self, String> {
        let listener = std::net::TcpListener::bind(options.bind)
            .map_err(|e| format!("cannot listen on {}: {e}", options.bind))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen on {}: {e}", options.bind))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {}: {e}", options.bind))?;
        let mut state = State {
            log: options.log,
            ..State::default()
        };
        if let Some(dir) = &options.dir {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot use {}: {e}", dir.display()))?;
            let file = dir.join("sessions.json");
            state.sessions = load_sessions(&file)?;
            state.file = Some(file);
        }
        let state: Shared = Arc::new(Mutex::new(state));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the server's runtime: {e}"))?;
        let (stop_tx, stop_rx) = futures::channel::oneshot::channel::<()>();
        let dir = options.dir.clone();
        let thread = std::thread::Builder::new()
            .name("stateline-serve".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => {
                            eprintln!("stateline serve: {e}");
                            return;
                        }
                    };
                    let repo = build_repo(dir.as_deref(), &state).await;
                    let accept = tokio::spawn(accept_loop(listener, repo.clone(), state));
                    stop_rx.await.ok();
                    accept.abort();
                    repo.stop().await;
                });
            })
            .map_err(|e| format!("cannot start the server: {e}"))?;
        Ok(Self {
            addr,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    /// Where it listens (with the port the system chose for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until the process ends.
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

async fn build_repo(dir: Option<&Path>, state: &Shared) -> samod::Repo {
    let policy_state = state.clone();
    let policy = move |doc: DocumentId, peer: PeerId| {
        let config = match lock(&policy_state).grants.get(peer.as_str()) {
            Some((granted, Role::Edit)) if *granted == doc.to_string() => ShareConfig::read_write(),
            Some((granted, Role::View)) if *granted == doc.to_string() => ShareConfig::read_only(),
            _ => ShareConfig::none(),
        };
        futures::stream::iter([config])
    };
    let peer = PeerId::from(format!(
        "stateline-serve-{}",
        super::align::new_uid().unwrap_or_default()
    ));
    let builder = samod::Repo::build_tokio()
        .with_peer_id(peer)
        .with_share_policy(policy);
    match dir {
        Some(dir) => {
            builder
                .with_storage(samod::storage::TokioFilesystemStorage::new(
                    dir.join("documents"),
                ))
                .load()
                .await
        }
        None => builder.load().await,
    }
}

async fn accept_loop(listener: tokio::net::TcpListener, repo: samod::Repo, state: Shared) {
    let Ok(url) = samod::Url::parse("ws://stateline-serve/") else {
        return;
    };
    let Ok(acceptor) = repo.make_acceptor(url) else {
        return;
    };
    loop {
        let Ok((tcp, from)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        if acceptor.connection_count() >= MAX_SEATS {
            drop(tcp);
            continue;
        }
        tcp.set_nodelay(true).ok();
        let state = state.clone();
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            let mut verdict: Result<(String, String, Role), String> =
                Err("the upgrade did not complete".to_owned());
            let check = |request: &Request, response: Response| {
                let result = admit(&state, request);
                let refusal = match &result {
                    Ok(_) => None,
                    Err((status, _)) => Some(*status),
                };
                verdict = result.map_err(|(_, why)| why);
                match refusal {
                    None => Ok(response),
                    Some(status) => Err(refuse(status)),
                }
            };
            let upgrade =
                tokio_tungstenite::accept_hdr_async_with_config(tcp, check, Some(wire::config()));
            let ws = tokio::time::timeout(wire::CONNECT_TIMEOUT, upgrade).await;
            let log = lock(&state).log;
            match (ws, verdict) {
                (Ok(Ok(ws)), Ok((peer, document, role))) => {
                    if log {
                        eprintln!("seat {peer} from {from} joined {document} ({})", role.key());
                    }
                    let transport =
                        wire::transport(ws).with_expected_peer_id(PeerId::from(peer.clone()));
                    if let Ok(conn) = acceptor.accept(transport) {
                        let mut events = conn.events();
                        if conn.handshake_complete().await.is_ok() {
                            while let Some(event) = events.next().await {
                                if matches!(event, samod::AcceptorEvent::ClientDisconnected { .. })
                                {
                                    break;
                                }
                            }
                        }
                    }
                    lock(&state).grants.remove(&peer);
                    if log {
                        eprintln!("seat {peer} left {document}");
                    }
                }
                (_, Err(why)) => {
                    if log {
                        eprintln!("refused a seat from {from}: {why}");
                    }
                }
                (Ok(Err(_)) | Err(_), Ok((peer, ..))) => {
                    lock(&state).grants.remove(&peer);
                }
            }
        });
    }
}

/// The verdict on an upgrade request: `(peer, document, role)` or `(HTTP status, why)`.
/// The why never holds a token.
fn admit(state: &Shared, request: &Request) -> Result<(String, String, Role), (u16, String)> {
    let header =
        |name: &str| -> Option<&str> { request.headers().get(name).and_then(|v| v.to_str().ok()) };
    let unauthorized = |why: &str| (401, why.to_owned());
    let document = header(wire::DOCUMENT).ok_or_else(|| unauthorized("no document named"))?;
    if document.parse::<DocumentId>().is_err() {
        return Err(unauthorized("the document id is not valid"));
    }
    let token = header(wire::AUTHORIZATION)
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(Token::parse)
        .ok_or_else(|| unauthorized("no token"))?;
    let peer = header(wire::PEER)
        .filter(|p| {
            !p.is_empty()
                && p.len() <= 80
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .ok_or_else(|| unauthorized("no peer id"))?;
    let create = header(wire::CREATE);
    let mut guard = lock(state);
    let state = &mut *guard;
    let hash = token.hash();
    let role = if let Some(keys) = state.sessions.get(document) {
        if hash == keys.edit {
            Role::Edit
        } else if hash == keys.view {
            Role::View
        } else {
            return Err((403, format!("a wrong token for {document}")));
        }
    } else if let Some(view) =
        create.filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        if state.sessions.len() >= MAX_SESSIONS {
            return Err((403, "the server holds its most sessions".to_owned()));
        }
        state.sessions.insert(
            document.to_owned(),
            Keys {
                edit: hash,
                view: view.to_ascii_lowercase(),
            },
        );
        if let Some(file) = &state.file {
            save_sessions(file, &state.sessions).map_err(|e| (500, e))?;
        }
        Role::Edit
    } else {
        return Err((403, format!("no session {document}")));
    };
    match state.grants.get(peer) {
        Some(granted) if *granted != (document.to_owned(), role) => {
            return Err((403, format!("peer {peer} is already connected elsewhere")));
        }
        _ => {}
    }
    state
        .grants
        .insert(peer.to_owned(), (document.to_owned(), role));
    Ok((peer.to_owned(), document.to_owned(), role))
}

fn refuse(status: u16) -> ErrorResponse {
    let mut response = http::Response::new(Some(
        "refused: this link's token is not valid for this server\n".to_owned(),
    ));
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::FORBIDDEN);
    response
}

fn load_sessions(file: &Path) -> Result<HashMap<String, Keys>, String> {
    match std::fs::read(file) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| format!("{}: not a session list ({e})", file.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(HashMap::new()),
        Err(e) => Err(format!("{}: {e}", file.display())),
    }
}

fn save_sessions(file: &Path, sessions: &HashMap<String, Keys>) -> Result<(), String> {
    let sorted: std::collections::BTreeMap<_, _> = sessions.iter().collect();
    let text = serde_json::to_vec_pretty(&sorted).map_err(|e| e.to_string())?;
    crate::io::atomic::write_atomic(file, &text)
        .map_err(|e| format!("cannot save {}: {e}", file.display()))
}
