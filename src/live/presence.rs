//! Who is in a session and what each seat has selected: automerge-repo ephemeral
//! messages (never stored in the document), sent on each change and every heartbeat.
//!
//! A message is a CBOR text string (the JavaScript automerge-repo only passes on CBOR)
//! holding a small JSON object: `{"peer":…,"name":…,"role":"edit"|"view","selection":[ids]}`.
//! Whatever does not read as one, or breaks its limits, is ignored.

use super::link::Role;

/// One seat as the others see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presence {
    pub peer: String,
    /// A display name (printable, at most [`MAX_NAME`] characters).
    pub name: String,
    pub role: Role,
    /// Ids of the zones and components it has selected.
    pub selection: Vec<String>,
}

/// Longest name shown.
pub const MAX_NAME: usize = 40;
/// Most ids of a selection sent.
pub const MAX_SELECTION: usize = 500;
/// Longest message read.
const MAX_MESSAGE: usize = 64 * 1024;

#[derive(serde::Serialize, serde::Deserialize)]
struct Wire {
    peer: String,
    name: String,
    role: String,
    selection: Vec<String>,
}

/// A printable name: control and bidirectional characters out, blanks trimmed, cut.
pub fn clean_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control() && !crate::domain::validate::is_bidi_control(*c))
        .take(MAX_NAME)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "Someone".to_owned()
    } else {
        cleaned.to_owned()
    }
}

pub fn encode(p: &Presence) -> Vec<u8> {
    let wire = Wire {
        peer: p.peer.clone(),
        name: p.name.clone(),
        role: p.role.key().to_owned(),
        selection: p.selection.iter().take(MAX_SELECTION).cloned().collect(),
    };
    let json = serde_json::to_string(&wire).unwrap_or_default();
    minicbor::to_vec(json.as_str()).unwrap_or_default()
}

pub fn decode(bytes: &[u8]) -> Option<Presence> {
    if bytes.len() > MAX_MESSAGE {
        return None;
    }
    let json: String = minicbor::decode::<&str>(bytes).ok()?.to_owned();
    let wire: Wire = serde_json::from_str(&json).ok()?;
    let role = match wire.role.as_str() {
        "edit" => Role::Edit,
        "view" => Role::View,
        _ => return None,
    };
    if wire.peer.is_empty()
        || wire.peer.len() > 80
        || !wire
            .peer
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || wire.selection.len() > MAX_SELECTION
    {
        return None;
    }
    let selection = wire
        .selection
        .into_iter()
        .filter(|id| crate::domain::ids::Id::check(id).is_ok())
        .collect();
    Some(Presence {
        peer: wire.peer,
        name: clean_name(&wire.name),
        role,
        selection,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_round_trips_and_hostile_messages_are_ignored() {
        let p = Presence {
            peer: "seat-1".to_owned(),
            name: "Ana\u{202e}\u{7}".to_owned(),
            role: Role::View,
            selection: vec!["llm".to_owned(), "Bad Id".to_owned()],
        };
        let back = decode(&encode(&p)).unwrap();
        assert_eq!(back.name, "Ana");
        assert_eq!(back.selection, ["llm"]);
        assert_eq!(back.role, Role::View);
        assert!(decode(b"\xff\x00garbage").is_none());
        assert!(decode(&minicbor::to_vec("{\"peer\":\"x y\"}").unwrap()).is_none());
    }
}
