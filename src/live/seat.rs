//! A seat: one participant of a live session (the window, or the headless `stateline
//! live` commands). It holds a samod repo with the session's document, dials the server
//! (reconnecting with backoff), and turns maps into changes and changes into maps:
//!
//! - [`Seat::push`] makes the document say what a local map says, as changes made on the
//!   version the seat last read (so what another seat did meanwhile is merged, never
//!   overwritten);
//! - [`Seat::pull`] reads the merged document back into a map, repaired to be valid.
//!
//! Its network runs on a thread of its own; every method here is synchronous and short.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use automerge::{Automerge, ChangeHash};
use futures::StreamExt as _;
use samod::{DialerEvent, DocHandle, DocumentId, PeerId, Repo};

use crate::domain::Catalog;
use crate::domain::model::Map;

use super::align::{Uids, new_uid};
use super::link::{Link, Links, Role, ServerUrl, Token};
use super::presence::{self, Presence};
use super::{dial, doc, repair, wire};

/// The connection to the server, as the status bar says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Connecting,
    Connected,
    /// Lost; retrying (edits go on and merge when it is back).
    Reconnecting,
    /// Not connected and not trying (asked to, or refused: the reason).
    Offline(String),
}

/// Why a live action failed.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error("{0}")]
    Refused(String),
    #[error("this is a view link: it cannot change the map")]
    ReadOnly,
    #[error("{0}")]
    Unreachable(String),
    #[error("the session {0} was not found on the server")]
    NotFound(String),
    #[error("{0}")]
    Other(String),
}

/// What [`Seat::pull`] brings: the merged map and what was repaired to make it valid.
#[derive(Clone, Debug)]
pub struct Update {
    pub map: Map,
    pub repaired: Vec<String>,
    /// Where the items of the map before went (for the undo history).
    pub moves: crate::domain::edit_remap::Moves,
}

/// How long joining may wait for the server and the document.
pub const JOIN_TIMEOUT: Duration = Duration::from_secs(10);
/// How often a seat says it is still there; a seat silent for [`PRESENCE_TTL`] is gone.
pub const HEARTBEAT: Duration = Duration::from_secs(2);
pub const PRESENCE_TTL: Duration = Duration::from_secs(7);

/// The document state the seat last read or wrote: the map, its items' uids, and the
/// heads of the document that says exactly that.
struct Synced {
    map: Map,
    uids: Uids,
    heads: Vec<ChangeHash>,
}

type Notify = Arc<Mutex<Option<Box<dyn Fn() + Send + Sync>>>>;

/// One seat of a live session.
pub struct Seat {
    runtime: tokio::runtime::Handle,
    stop: Option<futures::channel::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    repo: Repo,
    handle: DocHandle,
    server: ServerUrl,
    hello: wire::Hello,
    role: Role,
    dialer: Mutex<Option<samod::DialerHandle<wire::Refused>>>,
    status: Arc<Mutex<Status>>,
    synced: Mutex<Synced>,
    presence: Arc<Mutex<BTreeMap<String, (Presence, Instant)>>>,
    me: Arc<Mutex<Presence>>,
    notify: Notify,
    changed: Arc<AtomicBool>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Seat {
    /// Shares a map as a new session on a server: the document is created here, the
    /// server registers the session's two token hashes, and returns once the server holds
    /// the whole map.
    pub fn share(server: &ServerUrl, map: &Map, name: &str) -> Result<(Self, Links), LiveError> {
        let edit = Token::generate().map_err(LiveError::Other)?;
        let view = Token::generate().map_err(LiveError::Other)?;
        let started = dial::start_runtime().map_err(LiveError::Other)?;
        let uids = Uids::fresh(map).map_err(LiveError::Other)?;
        let live = doc::to_live(map, &uids);
        let mut initial = Automerge::new();
        initial
            .transact::<_, _, autosurgeon::ReconcileError>(|tx| autosurgeon::reconcile(tx, &live))
            .map_err(|e| {
                LiveError::Other(format!("cannot make the live document: {:?}", e.error))
            })?;
        let heads = initial.get_heads();
        let peer = format!("seat-{}", new_uid().map_err(LiveError::Other)?);
        let (repo, handle) = started.runtime.block_on(async {
            let repo = build_repo(&peer).await;
            let handle = repo.create(initial).await;
            (repo, handle)
        });
        let handle = handle.map_err(|_| LiveError::Other("the seat stopped".to_owned()))?;
        let document = handle.document_id().to_string();
        let hello = wire::Hello {
            document: document.clone(),
            peer,
            token: edit.clone(),
            create: Some(view.hash()),
        };
        let seat = Self::assemble(
            started,
            repo,
            handle,
            server.clone(),
            hello,
            Role::Edit,
            Synced {
                map: map.clone(),
                uids,
                heads,
            },
            name,
        );
        seat.dial_and_wait()?;
        seat.flush(JOIN_TIMEOUT);
        let link = |role, token| Link {
            server: server.clone(),
            document: document.clone(),
            role,
            token,
        };
        Ok((
            seat,
            Links {
                edit: link(Role::Edit, edit),
                view: link(Role::View, view),
            },
        ))
    }

    /// Joins a session through a link: connects, fetches the document, reads the map.
    pub fn join(link: &Link, name: &str) -> Result<Self, LiveError> {
        let document: DocumentId = link
            .document
            .parse()
            .map_err(|_| LiveError::Other("the link's document id is not valid".to_owned()))?;
        let started = dial::start_runtime().map_err(LiveError::Other)?;
        let peer = format!("seat-{}", new_uid().map_err(LiveError::Other)?);
        let hello = wire::Hello {
            document: link.document.clone(),
            peer: peer.clone(),
            token: link.token.clone(),
            create: None,
        };
        let repo = started.runtime.block_on(build_repo(&peer));
        let dialer = repo
            .dial(
                dial::backoff(),
                dial::SeatDialer::new(&link.server, &hello).map_err(LiveError::Other)?,
            )
            .map_err(|_| LiveError::Other("the seat stopped".to_owned()))?;
        let established = started
            .runtime
            .block_on(async { tokio::time::timeout(JOIN_TIMEOUT, dialer.established()).await });
        match established {
            Ok(Ok(_)) => {}
            Ok(Err(samod::DialerFailed::PermanentFailure(e))) => {
                return Err(LiveError::Refused(e.to_string()));
            }
            Ok(Err(e)) => return Err(LiveError::Unreachable(e.to_string())),
            Err(_) => {
                return Err(LiveError::Unreachable(format!(
                    "{} did not answer within {} s",
                    link.server.authority,
                    JOIN_TIMEOUT.as_secs()
                )));
            }
        }
        let found = started
            .runtime
            .block_on(async { tokio::time::timeout(JOIN_TIMEOUT, repo.find(document)).await });
        let handle = match found {
            Ok(Ok(Some(handle))) => handle,
            Ok(Ok(None)) | Err(_) => return Err(LiveError::NotFound(link.document.clone())),
            Ok(Err(_)) => return Err(LiveError::Other("the seat stopped".to_owned())),
        };
        if !handle.with_document(|d| doc::is_stateline(d)) {
            return Err(LiveError::Other(
                "the linked document is not a Stateline map".to_owned(),
            ));
        }
        let seat = Self::assemble(
            started,
            repo,
            handle,
            link.server.clone(),
            hello,
            link.role,
            Synced {
                map: Map::new(""),
                uids: Uids::default(),
                heads: Vec::new(),
            },
            name,
        );
        seat.watch_dialer(&dialer);
        *lock(&seat.dialer) = Some(dialer);
        seat.set_status(Status::Connected);
        seat.pull();
        Ok(seat)
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "private assembly of the parts made by share and join"
    )]
    fn assemble(
        started: dial::Started,
        repo: Repo,
        handle: DocHandle,
        server: ServerUrl,
        hello: wire::Hello,
        role: Role,
        synced: Synced,
        name: &str,
    ) -> Self {
        let me = Presence {
            peer: hello.peer.clone(),
            name: presence::clean_name(name),
            role,
            selection: Vec::new(),
        };
        let seat = Self {
            runtime: started.runtime,
            stop: Some(started.stop),
            thread: Some(started.thread),
            repo,
            handle,
            server,
            hello,
            role,
            dialer: Mutex::new(None),
            status: Arc::new(Mutex::new(Status::Connecting)),
            synced: Mutex::new(synced),
            presence: Arc::new(Mutex::new(BTreeMap::new())),
            me: Arc::new(Mutex::new(me)),
            notify: Arc::new(Mutex::new(None)),
            changed: Arc::new(AtomicBool::new(true)),
        };
        seat.spawn_listeners();
        seat
    }

    fn spawn_listeners(&self) {
        let _guard = self.runtime.enter();
        let doc_changes = self.handle.changes();
        let dirty = self.changed.clone();
        let notify = self.notify.clone();
        tokio::spawn(async move {
            let mut doc_changes = doc_changes;
            while doc_changes.next().await.is_some() {
                dirty.store(true, Ordering::SeqCst);
                ping(&notify);
            }
        });
        let ephemera = self.handle.ephemera();
        let presence = self.presence.clone();
        let own = self.hello.peer.clone();
        let notify = self.notify.clone();
        tokio::spawn(async move {
            let mut ephemera = ephemera;
            while let Some(bytes) = ephemera.next().await {
                if let Some(p) = presence::decode(&bytes).filter(|p| p.peer != own) {
                    lock(&presence).insert(p.peer.clone(), (p, Instant::now()));
                    ping(&notify);
                }
            }
        });
        let handle = self.handle.clone();
        let me = self.me.clone();
        let presence = self.presence.clone();
        let notify = self.notify.clone();
        tokio::spawn(async move {
            loop {
                handle.broadcast(presence::encode(&lock(&me)));
                tokio::time::sleep(HEARTBEAT).await;
                let before = lock(&presence).len();
                lock(&presence).retain(|_, (_, seen)| seen.elapsed() < PRESENCE_TTL);
                if lock(&presence).len() != before {
                    ping(&notify);
                }
            }
        });
    }

    fn dial_and_wait(&self) -> Result<(), LiveError> {
        let dialer = self
            .repo
            .dial(
                dial::backoff(),
                dial::SeatDialer::new(&self.server, &self.hello).map_err(LiveError::Other)?,
            )
            .map_err(|_| LiveError::Other("the seat stopped".to_owned()))?;
        let established = self
            .runtime
            .block_on(async { tokio::time::timeout(JOIN_TIMEOUT, dialer.established()).await });
        let result = match established {
            Ok(Ok(_)) => {
                self.set_status(Status::Connected);
                Ok(())
            }
            Ok(Err(samod::DialerFailed::PermanentFailure(e))) => {
                Err(LiveError::Refused(e.to_string()))
            }
            Ok(Err(e)) => Err(LiveError::Unreachable(e.to_string())),
            Err(_) => Err(LiveError::Unreachable(format!(
                "{} did not answer within {} s",
                self.server.authority,
                JOIN_TIMEOUT.as_secs()
            ))),
        };
        self.watch_dialer(&dialer);
        *lock(&self.dialer) = Some(dialer);
        result
    }

    fn watch_dialer(&self, dialer: &samod::DialerHandle<wire::Refused>) {
        let _guard = self.runtime.enter();
        let dialer = dialer.clone();
        let status = self.status.clone();
        let notify = self.notify.clone();
        tokio::spawn(async move {
            let mut events = dialer.events();
            while let Some(event) = events.next().await {
                let next = match event {
                    DialerEvent::Connected { .. } => Status::Connected,
                    DialerEvent::Disconnected { .. } | DialerEvent::Reconnecting { .. } => {
                        Status::Reconnecting
                    }
                    DialerEvent::MaxRetriesReached => Status::Offline("gave up".to_owned()),
                    DialerEvent::PermanentFailure => {
                        Status::Offline("the server refused this link".to_owned())
                    }
                };
                let mut s = lock(&status);
                if !matches!(*s, Status::Offline(_)) || next == Status::Connected {
                    *s = next;
                }
                drop(s);
                ping(&notify);
            }
        });
    }

    fn set_status(&self, status: Status) {
        *lock(&self.status) = status;
        ping(&self.notify);
    }

    /// Called (from the seat's thread) whenever something arrives: the window asks for a
    /// repaint.
    pub fn on_change(&self, f: impl Fn() + Send + Sync + 'static) {
        *lock(&self.notify) = Some(Box::new(f));
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn status(&self) -> Status {
        lock(&self.status).clone()
    }

    /// The session's document id.
    pub fn document(&self) -> &str {
        &self.hello.document
    }

    /// This seat's peer id (how others see it in their presence list).
    pub fn peer(&self) -> &str {
        &self.hello.peer
    }

    /// The map as last read or written.
    pub fn map(&self) -> Map {
        lock(&self.synced).map.clone()
    }

    /// Reads the document if it changed since the last read: the merged map, repaired.
    pub fn pull(&self) -> Option<Update> {
        if !self.changed.swap(false, Ordering::SeqCst) {
            return None;
        }
        let (heads, read) = self
            .handle
            .with_document(|d| (d.get_heads(), doc::read(&*d)));
        let mut synced = lock(&self.synced);
        if heads == synced.heads {
            return None;
        }
        let doc::Read {
            mut map,
            mut uids,
            dropped,
        } = read;
        let mut repaired = dropped;
        repaired.extend(repair::repair(&mut map, &mut uids, Catalog::builtin()));
        let moves = super::align::moves(&synced.uids, &uids);
        *synced = Synced {
            map: map.clone(),
            uids,
            heads,
        };
        Some(Update {
            map,
            repaired,
            moves,
        })
    }

    /// Makes the document say what `map` says, as changes to the version last read (what
    /// other seats did since is merged, not overwritten). Then read with [`Seat::pull`].
    pub fn push(&self, map: &Map) -> Result<(), LiveError> {
        if self.role == Role::View {
            return Err(LiveError::ReadOnly);
        }
        self.write(map)
    }

    /// What a modified client could do with a view link: write anyway. The server must
    /// ignore it (the tests check that it does).
    #[doc(hidden)]
    pub fn push_ignoring_role(&self, map: &Map) -> Result<(), LiveError> {
        self.write(map)
    }

    /// Writes raw changes to the document (a hostile peer in the tests).
    #[doc(hidden)]
    pub fn push_raw(&self, f: impl FnOnce(&mut automerge::transaction::Transaction<'_>)) {
        self.handle.with_document(|d| {
            let mut tx = d.transaction();
            f(&mut tx);
            tx.commit();
        });
        self.changed.store(true, Ordering::SeqCst);
    }

    fn write(&self, map: &Map) -> Result<(), LiveError> {
        let mut synced = lock(&self.synced);
        if synced.map == *map {
            return Ok(());
        }
        let uids = synced
            .uids
            .follow(&synced.map, map)
            .map_err(LiveError::Other)?;
        let live = doc::to_live(map, &uids);
        let base = synced.heads.clone();
        let heads = self.handle.with_document(|d| -> Result<_, String> {
            let reconcile = |doc: &mut Automerge| {
                doc.transact::<_, _, autosurgeon::ReconcileError>(|tx| {
                    autosurgeon::reconcile(tx, &live)
                })
                .map_err(|e| format!("{:?}", e.error))
            };
            if d.get_heads() == base {
                reconcile(d)?;
                Ok(d.get_heads())
            } else {
                // Others changed the document since this seat read it: make the change
                // on the version it read, then merge (a concurrent change, as Automerge
                // means it).
                let mut fork = d.fork_at(&base).map_err(|e| e.to_string())?;
                reconcile(&mut fork)?;
                let heads = fork.get_heads();
                d.merge(&mut fork).map_err(|e| e.to_string())?;
                Ok(heads)
            }
        });
        let heads = heads.map_err(|e| LiveError::Other(format!("cannot record the edit: {e}")))?;
        *synced = Synced {
            map: map.clone(),
            uids,
            heads,
        };
        drop(synced);
        self.changed.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// Waits (at most `timeout`) until the server holds every change of this seat.
    /// False when it did not confirm in time (offline, or a read-only seat's own edits).
    pub fn flush(&self, timeout: Duration) -> bool {
        let conn = lock(&self.dialer)
            .as_ref()
            .and_then(samod::DialerHandle::connection_id);
        let Some(conn) = conn else {
            return false;
        };
        let wait = self.handle.they_have_our_changes(conn);
        self.runtime
            .block_on(async { tokio::time::timeout(timeout, wait).await.is_ok() })
    }

    /// What this seat has selected (sent to the others at once and with each heartbeat).
    pub fn set_selection(&self, ids: Vec<String>) {
        let mut me = lock(&self.me);
        if me.selection == ids {
            return;
        }
        me.selection = ids;
        self.handle.broadcast(presence::encode(&me));
    }

    /// The other seats present, by name.
    pub fn others(&self) -> Vec<Presence> {
        let mut out: Vec<Presence> = lock(&self.presence)
            .values()
            .filter(|(_, seen)| seen.elapsed() < PRESENCE_TTL)
            .map(|(p, _)| p.clone())
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name).then(a.peer.cmp(&b.peer)));
        out
    }

    /// Stops talking to the server (edits go on locally and merge on [`Seat::go_online`]).
    pub fn go_offline(&self) {
        if let Some(dialer) = lock(&self.dialer).take() {
            dialer.close();
        }
        self.set_status(Status::Offline("offline".to_owned()));
    }

    /// Connects again after [`Seat::go_offline`].
    pub fn go_online(&self) -> Result<(), LiveError> {
        if lock(&self.dialer).is_some() {
            return Ok(());
        }
        self.set_status(Status::Connecting);
        self.dial_and_wait()
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        if let Some(dialer) = lock(&self.dialer).take() {
            dialer.close();
        }
        let repo = self.repo.clone();
        self.runtime.block_on(async move {
            tokio::time::timeout(Duration::from_secs(2), repo.stop())
                .await
                .ok();
        });
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

fn ping(notify: &Notify) {
    if let Some(f) = lock(notify).as_ref() {
        f();
    }
}

async fn build_repo(peer: &str) -> Repo {
    Repo::build_tokio()
        .with_peer_id(PeerId::from(peer.to_owned()))
        .load()
        .await
}
