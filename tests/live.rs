//! Live sessions through real sockets on loopback: a `stateline serve` server (in process,
//! or the binary as a process) and seats editing one map at once. Every wait is on a
//! condition with a deadline (seconds), never a fixed sleep.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use stateline::domain::Catalog;
use stateline::domain::edit::Edit;
use stateline::domain::ids::Id;
use stateline::domain::model::{Component, Kind, Map, Note, Pos, Zone};
use stateline::domain::scenario::Overrides;
use stateline::domain::validate;
use stateline::io::scenario::{Files, resolve};
use stateline::live::{Link, LiveError, Role, Seat, ServeOptions, Server, ServerUrl, Token};

const DEADLINE: Duration = Duration::from_secs(10);

fn server() -> Server {
    Server::start(&ServeOptions {
        bind: "127.0.0.1:0".parse::<SocketAddr>().unwrap(),
        dir: None,
        log: false,
    })
    .unwrap()
}

fn url(server: &Server) -> ServerUrl {
    ServerUrl::parse(&format!("ws://{}", server.addr())).unwrap()
}

fn saved(name: &str) -> Map {
    let path = format!("{}/saved-maps/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    stateline::io::load_path(std::path::Path::new(&path), Catalog::builtin()).unwrap()
}

fn fingerprint(map: &Map) -> String {
    resolve(map, None, &Overrides::default(), Files::default())
        .unwrap()
        .fingerprint(map, Catalog::builtin())
        .hex()
}

/// Applies a domain edit to a seat's map and pushes the result.
fn edit(seat: &Seat, e: Edit) {
    let mut map = seat.map();
    e.apply(&mut map).unwrap();
    seat.push(&map).unwrap();
}

/// Pulls on every seat until all hold the same map; returns it and every repair said.
fn converge(seats: &[&Seat]) -> (Map, Vec<String>) {
    let start = Instant::now();
    let mut repaired = Vec::new();
    loop {
        for s in seats {
            if let Some(u) = s.pull() {
                repaired.extend(u.repaired);
            }
        }
        let first = seats[0].map();
        if seats.iter().all(|s| s.map() == first) {
            // The same document gives the same file and the same fingerprint on every seat.
            let text = stateline::io::to_canonical_string(&first);
            for s in seats {
                assert_eq!(stateline::io::to_canonical_string(&s.map()), text);
                assert_eq!(fingerprint(&s.map()), fingerprint(&first));
            }
            assert!(
                validate::is_valid(&first, Catalog::builtin()),
                "{:?}",
                validate::map(&first, Catalog::builtin())
            );
            return (first, repaired);
        }
        assert!(
            start.elapsed() < DEADLINE,
            "seats did not converge within {DEADLINE:?}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn component(id: &str) -> Component {
    let mut c = Component::new(Id::new(id).unwrap(), id, Kind::Agent);
    c.pos = Some(Pos::new(100.0, 100.0));
    c
}

fn move_to(id: &str, x: f64) -> Edit {
    Edit::MoveComponents {
        moves: vec![(Id::new(id).unwrap(), Some(Pos::new(x, 40.0)))],
    }
}

fn note(text: &str) -> Edit {
    Edit::AddNote {
        note: Note {
            text: text.to_owned(),
            pos: Some(Pos::new(10.0, 10.0)),
            size: None,
            colour: stateline::domain::model::NoteColour::Blue,
        },
        index: None,
    }
}

#[test]
fn two_seats_editing_at_once_converge_to_one_map_and_fingerprint() {
    let server = server();
    let original = saved("hybrid-bedrock-azure");
    let (a, links) = Seat::share(&url(&server), &original, "Ana").unwrap();
    let b = Seat::join(&links.edit, "Ben").unwrap();
    assert_eq!(
        b.map(),
        original,
        "the joining seat reads the shared map exactly"
    );
    let first = original.components[0].id.to_string();
    edit(&a, move_to(&first, 333.0));
    edit(&b, note("from Ben"));
    edit(&a, note("from Ana"));
    let (map, repaired) = converge(&[&a, &b]);
    assert!(repaired.is_empty(), "{repaired:?}");
    assert_eq!(map.notes.len(), original.notes.len() + 2);
    assert_eq!(
        map.component(&Id::new(&first).unwrap()).unwrap().pos,
        Some(Pos::new(333.0, 40.0))
    );
}

#[test]
fn three_seats_editing_at_once_converge() {
    let server = server();
    let (a, links) = Seat::share(&url(&server), &saved("multi-model-claude"), "A").unwrap();
    let b = Seat::join(&links.edit, "B").unwrap();
    let c = Seat::join(&links.edit, "C").unwrap();
    for i in 0..10 {
        edit(&a, note(&format!("a{i}")));
        edit(
            &b,
            Edit::AddComponent {
                component: component(&format!("b{i}")),
                index: None,
            },
        );
        edit(&c, Edit::SetTitle(format!("title {i}")));
    }
    let (map, repaired) = converge(&[&a, &b, &c]);
    assert!(repaired.is_empty(), "{repaired:?}");
    assert!(map.notes.iter().filter(|n| n.text.starts_with('a')).count() >= 10);
    assert!((0..10).all(|i| map.id_in_use(&format!("b{i}"))));
    assert_eq!(map.title, "title 9");
}

/// Both seats edit from the same version (the second is offline, so the edits are
/// concurrent for certain), then meet.
fn concurrently(a: &Seat, b: &Seat, on_a: Edit, on_b: Edit) -> (Map, Vec<String>) {
    b.go_offline();
    edit(a, on_a);
    edit(b, on_b);
    b.go_online().unwrap();
    converge(&[a, b])
}

fn zoned_map() -> Map {
    let mut map = Map::new("conflicts");
    map.zones.push(Zone {
        id: Id::new("eu").unwrap(),
        label: "EU".to_owned(),
        host: stateline::domain::model::Host {
            provider: stateline::domain::model::Provider::Aws,
            region: Some("eu-west-1".into()),
        },
        rect: None,
    });
    map.components.push(component("agent"));
    map.components.push(component("store"));
    map
}

#[test]
fn two_seats_moving_one_component_end_with_one_of_the_two_positions() {
    let server = server();
    let (a, links) = Seat::share(&url(&server), &zoned_map(), "A").unwrap();
    let b = Seat::join(&links.edit, "B").unwrap();
    let (map, _) = concurrently(&a, &b, move_to("agent", 1.0), move_to("agent", 2.0));
    let pos = map
        .component(&Id::new("agent").unwrap())
        .unwrap()
        .pos
        .unwrap();
    assert!(
        pos == Pos::new(1.0, 40.0) || pos == Pos::new(2.0, 40.0),
        "{pos:?}"
    );
}

#[test]
fn a_zone_removed_while_another_seat_fills_it_leaves_a_valid_map_and_says_so() {
    let server = server();
    let (a, links) = Seat::share(&url(&server), &zoned_map(), "A").unwrap();
    let b = Seat::join(&links.edit, "B").unwrap();
    let mut placed = component("new-one");
    placed.zone = Some(Id::new("eu").unwrap());
    let (map, repaired) = concurrently(
        &a,
        &b,
        Edit::RemoveZone {
            id: Id::new("eu").unwrap(),
        },
        Edit::AddComponent {
            component: placed,
            index: None,
        },
    );
    assert!(map.zones.is_empty());
    let c = map.component(&Id::new("new-one").unwrap()).unwrap();
    assert_eq!(c.zone, None);
    assert!(
        repaired
            .iter()
            .any(|r| r.contains("new-one") && r.contains("another seat removed")),
        "{repaired:?}"
    );
}

#[test]
fn two_seats_adding_the_same_id_keep_both_under_different_ids() {
    let server = server();
    let (a, links) = Seat::share(&url(&server), &zoned_map(), "A").unwrap();
    let b = Seat::join(&links.edit, "B").unwrap();
    let mut first = component("cache");
    first.label = "from A".to_owned();
    let mut second = component("cache");
    second.label = "from B".to_owned();
    let (map, repaired) = concurrently(
        &a,
        &b,
        Edit::AddComponent {
            component: first,
            index: None,
        },
        Edit::AddComponent {
            component: second,
            index: None,
        },
    );
    let labels: Vec<&str> = map
        .components
        .iter()
        .filter(|c| c.id.as_str().starts_with("cache"))
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels.contains(&"from A") && labels.contains(&"from B"));
    assert!(
        repaired.iter().any(|r| r.contains("\"cache\"")),
        "{repaired:?}"
    );
}

#[test]
fn a_connection_to_a_component_removed_at_the_same_time_is_dropped() {
    let server = server();
    let (a, links) = Seat::share(&url(&server), &zoned_map(), "A").unwrap();
    let b = Seat::join(&links.edit, "B").unwrap();
    let connect = Edit::AddConnection {
        connection: stateline::domain::model::Connection::new(
            Id::new("agent").unwrap(),
            Id::new("store").unwrap(),
        ),
        index: None,
    };
    let (map, repaired) = concurrently(
        &a,
        &b,
        Edit::RemoveComponents {
            ids: vec![Id::new("store").unwrap()],
        },
        connect,
    );
    assert!(map.connections.is_empty());
    assert!(
        repaired.iter().any(|r| r.contains("agent → store")),
        "{repaired:?}"
    );
}

#[test]
fn a_seat_offline_for_100_edits_rejoins_and_everyone_converges() {
    let server = server();
    let (a, links) = Seat::share(&url(&server), &zoned_map(), "A").unwrap();
    let b = Seat::join(&links.edit, "B").unwrap();
    let c = Seat::join(&links.view, "C").unwrap();
    b.go_offline();
    assert!(matches!(b.status(), stateline::live::Status::Offline(_)));
    for i in 0..100 {
        edit(&b, note(&format!("offline {i}")));
        if i % 10 == 0 {
            edit(&a, move_to("agent", f64::from(i)));
        }
    }
    b.go_online().unwrap();
    let (map, _) = converge(&[&a, &b, &c]);
    assert_eq!(
        map.notes
            .iter()
            .filter(|n| n.text.starts_with("offline "))
            .count(),
        100
    );
    assert_eq!(
        map.component(&Id::new("agent").unwrap()).unwrap().pos,
        Some(Pos::new(90.0, 40.0))
    );
}

#[test]
fn a_read_only_seat_cannot_change_the_document() {
    let server = server();
    let original = zoned_map();
    let (a, links) = Seat::share(&url(&server), &original, "A").unwrap();
    let viewer = Seat::join(&links.view, "V").unwrap();
    assert_eq!(viewer.role(), Role::View);
    let mut changed = viewer.map();
    changed.title = "hijacked".to_owned();
    assert!(matches!(viewer.push(&changed), Err(LiveError::ReadOnly)));
    // A modified client that writes anyway: the server ignores its changes.
    viewer.push_ignoring_role(&changed).unwrap();
    edit(&a, note("after"));
    let late = Seat::join(&links.edit, "late").unwrap();
    let start = Instant::now();
    while !late.map().notes.iter().any(|n| n.text == "after") {
        late.pull();
        assert!(start.elapsed() < DEADLINE);
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(late.map().title, original.title);
    a.pull();
    assert_eq!(a.map().title, original.title);
    // And the viewer still receives every edit.
    let start = Instant::now();
    while !viewer.map().notes.iter().any(|n| n.text == "after") {
        viewer.pull();
        assert!(start.elapsed() < DEADLINE);
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_wrong_token_is_refused() {
    let server = server();
    let (_a, links) = Seat::share(&url(&server), &zoned_map(), "A").unwrap();
    let wrong = Link {
        token: Token::generate().unwrap(),
        ..links.edit.clone()
    };
    match Seat::join(&wrong, "intruder") {
        Err(LiveError::Refused(why)) => {
            assert!(!why.contains(&wrong.token.expose()));
        }
        other => panic!("expected a refusal, got {:?}", other.map(|s| s.map())),
    }
    let unknown = Link {
        document: "4NMNnkMhL8jXrdJ9jamS58PAVdXu".to_owned(),
        ..links.edit
    };
    assert!(matches!(
        Seat::join(&unknown, "x"),
        Err(LiveError::Refused(_))
    ));
}

/// A peer holding an edit link that sends bytes that are not the protocol, a text
/// message, and a well-formed change the map cannot hold: its connection is refused or its
/// values left out; no seat crashes and the map every seat holds stays valid.
#[test]
fn hostile_peers_are_refused_without_changing_the_map() {
    use futures::{SinkExt as _, StreamExt as _};
    use tokio_tungstenite::tungstenite::{Message, client::IntoClientRequest as _};

    let server = server();
    let original = zoned_map();
    let (a, links) = Seat::share(&url(&server), &original, "A").unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // Garbage and text on the wire, with a valid token.
    for message in [
        Message::binary(vec![0xff, 0x00, 0x13, 0x37]),
        Message::text("{\"type\":\"sync\"}"),
        Message::binary(vec![0xa1; 100_000]),
    ] {
        let closed = runtime.block_on(async {
            let mut request = format!("ws://{}/", server.addr())
                .into_client_request()
                .unwrap();
            let h = request.headers_mut();
            h.insert(
                "authorization",
                format!("Bearer {}", links.edit.token.expose())
                    .parse()
                    .unwrap(),
            );
            h.insert("x-stateline-document", links.edit.document.parse().unwrap());
            h.insert("x-stateline-peer", "hostile-1".parse().unwrap());
            let tcp = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
            let (mut ws, _) = tokio_tungstenite::client_async(request, tcp).await.unwrap();
            ws.send(message).await.ok();
            // The server ends the connection: the stream ends or errs within the deadline.
            tokio::time::timeout(DEADLINE, async {
                while let Some(Ok(_)) = ws.next().await {}
            })
            .await
            .is_ok()
        });
        assert!(
            closed,
            "the server kept a connection that broke the protocol"
        );
    }
    // A seat that writes values no edit can make (through the protocol, with an edit link).
    let rogue = Seat::join(&links.edit, "rogue").unwrap();
    rogue.push_raw(|tx| {
        use automerge::ReadDoc as _;
        use automerge::transaction::Transactable as _;
        let Ok(Some((_, components))) = tx.get(automerge::ROOT, "components") else {
            panic!("no components list")
        };
        let c = tx.get(&components, 0).unwrap().unwrap().1;
        tx.put(&c, "kind", "NotAKind(((").unwrap();
        tx.put(automerge::ROOT, "title", "pay\u{202e}drow").unwrap();
        tx.put(automerge::ROOT, "zones", 42).unwrap();
    });
    edit(&a, note("still here"));
    let (map, repaired) = converge(&[&a, &rogue]);
    assert!(map.notes.iter().any(|n| n.text == "still here"));
    assert!(
        map.component(&Id::new("agent").unwrap()).is_none(),
        "the unreadable component is left out"
    );
    assert_eq!(map.title, "Untitled");
    assert!(!repaired.is_empty());
    // The server still serves new seats.
    let late = Seat::join(&links.view, "late").unwrap();
    assert_eq!(late.map().notes.len(), map.notes.len());
}

/// Ends a child process when the test ends, passed or failed.
struct Kill(std::process::Child);
impl Drop for Kill {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

/// The commands as a user runs them: `stateline serve` as a process, `live share`,
/// `live pull`, `live push`, and the refusals (exit 2) of a view link and a wrong token.
#[test]
fn the_headless_seat_commands_share_pull_and_push() {
    use std::io::BufRead as _;
    use std::process::{Command, Stdio};

    let bin = env!("CARGO_BIN_EXE_stateline");
    let mut serve = Command::new(bin)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(serve.stderr.take().unwrap()).lines();
    let _serve = Kill(serve);
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("this machine only"), "{first}");
    let server = first
        .split_whitespace()
        .find(|w| w.starts_with("ws://"))
        .unwrap()
        .to_owned();
    // Drain the server's log (one line per seat) so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));

    let dir = tempfile::tempdir().unwrap();
    let map = format!(
        "{}/saved-maps/hybrid-bedrock-azure.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = crate::common::process::stateline(&["live", "share", &map, "--server", &server]);
    assert!(
        out.status.success(),
        "{}",
        crate::common::process::text(&out.stderr)
    );
    let stdout = crate::common::process::text(&out.stdout);
    let link = |role: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{role}: ")))
            .unwrap()
            .to_owned()
    };
    let (edit_link, view_link) = (link("edit"), link("view"));
    assert!(edit_link.starts_with("stateline+ws://127.0.0.1:") && edit_link.contains("#edit="));

    let pulled = dir.path().join("pulled.ron");
    let out = crate::common::process::stateline(&[
        "live",
        "pull",
        &view_link,
        "-o",
        pulled.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        crate::common::process::text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&pulled).unwrap(),
        std::fs::read_to_string(&map).unwrap(),
        "the pulled file is the shared file"
    );

    let edited = dir.path().join("edited.ron");
    let text = std::fs::read_to_string(&map).unwrap();
    let mut m = stateline::io::load_str(&text, "m", Catalog::builtin()).unwrap();
    m.title = "Pushed".to_owned();
    stateline::io::save_path(&edited, &m).unwrap();
    let refused =
        crate::common::process::stateline(&["live", "push", edited.to_str().unwrap(), &view_link]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(crate::common::process::text(&refused.stderr).contains("view link"));
    let wrong = format!(
        "{}#edit={}",
        edit_link.split('#').next().unwrap(),
        Token::generate().unwrap().expose()
    );
    let refused =
        crate::common::process::stateline(&["live", "push", edited.to_str().unwrap(), &wrong]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = crate::common::process::text(&refused.stderr);
    assert!(
        stderr.contains("refused") && !stderr.contains(wrong.split('=').next_back().unwrap()),
        "{stderr}"
    );

    let out =
        crate::common::process::stateline(&["live", "push", edited.to_str().unwrap(), &edit_link]);
    assert!(
        out.status.success(),
        "{}",
        crate::common::process::text(&out.stderr)
    );
    let out = crate::common::process::stateline(&[
        "live",
        "pull",
        &view_link,
        "-o",
        pulled.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&pulled).unwrap(),
        std::fs::read_to_string(&edited).unwrap()
    );
}

/// Each seat's undo undoes its own edits only: the window's document takes the other
/// seat's edits outside its history, and its undo step still names its own note.
#[cfg(feature = "gui")]
#[test]
fn undo_in_a_window_undoes_this_seats_edit_only() {
    use stateline::ui::document::Document;

    let server = server();
    let (a, links) = Seat::share(&url(&server), &zoned_map(), "A").unwrap();
    let b = Seat::join(&links.edit, "B").unwrap();
    let mut window = Document::new(a.map(), None);
    // Concurrent: B's note and A's note both go at the end of the list.
    b.go_offline();
    window.apply(note("mine")).unwrap();
    a.push(window.map()).unwrap();
    edit(&b, note("theirs"));
    edit(&b, note("theirs too"));
    b.go_online().unwrap();
    let start = Instant::now();
    loop {
        if let Some(u) = a.pull() {
            window.replace_remote(u.map, &u.moves);
        }
        b.pull();
        if window.map().notes.len() == 3 && b.map() == *window.map() {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "no convergence");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(window.undo().unwrap());
    let texts: Vec<&str> = window.map().notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts.len(), 2);
    assert!(
        !texts.contains(&"mine") && texts.contains(&"theirs") && texts.contains(&"theirs too"),
        "{texts:?}"
    );
    a.push(window.map()).unwrap();
    let (map, _) = converge(&[&a, &b]);
    assert!(!map.notes.iter().any(|n| n.text == "mine"));
}
