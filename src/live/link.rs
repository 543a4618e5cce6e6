//! Share links: where the server is, which live document, and the capability to reach it.
//!
//! ```text
//! stateline+ws://HOST:PORT/DOCUMENT_ID#edit=TOKEN
//! stateline+ws://HOST:PORT/DOCUMENT_ID#view=TOKEN
//! ```
//!
//! `DOCUMENT_ID` is the automerge-repo document id (base58check, as in `automerge:` URLs);
//! `TOKEN` is 32 bytes from the operating system's random source, in hex. The token sits
//! in the fragment, which no HTTP request carries: a seat sends it in the WebSocket
//! upgrade's `Authorization` header, so it never appears in a request line or a proxy's
//! access log. A [`Token`] never prints itself (`Debug` shows `Token(…)`).

use std::fmt;

use sha2::{Digest as _, Sha256};

/// What a link lets a seat do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Edit the map.
    Edit,
    /// Watch: every edit arrives, none can be made.
    View,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Self::Edit => "edit",
            Self::View => "view",
        }
    }
}

/// A secret: 32 random bytes. Compared through its SHA-256 hash; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Token([u8; 32]);

impl Token {
    /// A fresh token from the operating system's random source.
    pub fn generate() -> Result<Self, String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| format!("the system's random source failed: {e}"))?;
        Ok(Self(bytes))
    }

    /// Reads the hex form (64 characters).
    pub fn parse(hex: &str) -> Option<Self> {
        decode_hex::<32>(hex).map(Self)
    }

    /// The hex form, for links and the `Authorization` header only.
    pub fn expose(&self) -> String {
        encode_hex(&self.0)
    }

    /// What a server keeps: the token's SHA-256, in hex.
    pub fn hash(&self) -> String {
        encode_hex(&Sha256::digest(self.0))
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

/// Where a live server listens: `ws://HOST:PORT` (plain WebSocket; see
/// docs/collaboration.md for reaching one beyond this machine).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerUrl {
    /// `HOST:PORT` (a name, an IPv4 address or a bracketed IPv6 address).
    pub authority: String,
}

impl ServerUrl {
    /// Reads `ws://HOST:PORT` (a trailing `/` is allowed).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let rest = text.strip_prefix("ws://").ok_or_else(|| {
            if text.starts_with("wss://") {
                "wss:// is not supported by this version: reach a remote server through an \
                 SSH tunnel (docs/collaboration.md)"
                    .to_owned()
            } else {
                "a server address starts with ws:// (for example ws://127.0.0.1:3030)".to_owned()
            }
        })?;
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        check_authority(authority)?;
        Ok(Self {
            authority: authority.to_owned(),
        })
    }

    /// `ws://HOST:PORT/`
    pub fn ws(&self) -> String {
        format!("ws://{}/", self.authority)
    }
}

/// A share link: server, document and capability.
/// The two links of a new session.
#[derive(Clone, Debug)]
pub struct Links {
    pub edit: Link,
    pub view: Link,
}

#[derive(Clone, PartialEq, Eq)]
pub struct Link {
    pub server: ServerUrl,
    /// The automerge-repo document id, as text.
    pub document: String,
    pub role: Role,
    pub token: Token,
}

/// The link scheme.
pub const SCHEME: &str = "stateline+ws://";

impl Link {
    /// Reads a link (surrounding blanks are ignored). Errors never repeat the token.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix(SCHEME)
            .ok_or_else(|| format!("a live link starts with {SCHEME}"))?;
        let (before, fragment) = rest
            .split_once('#')
            .ok_or("the link has no #edit= or #view= part")?;
        let (authority, document) = before
            .split_once('/')
            .ok_or("the link has no document after the server address")?;
        check_authority(authority)?;
        if document.is_empty()
            || document.len() > 64
            || !document.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err("the link's document id is not valid".to_owned());
        }
        let (role, token) = if let Some(t) = fragment.strip_prefix("edit=") {
            (Role::Edit, t)
        } else if let Some(t) = fragment.strip_prefix("view=") {
            (Role::View, t)
        } else {
            return Err("the link's #part must be edit=… or view=…".to_owned());
        };
        let token = Token::parse(token).ok_or("the link's token is not valid (64 hex digits)")?;
        Ok(Self {
            server: ServerUrl {
                authority: authority.to_owned(),
            },
            document: document.to_owned(),
            role,
            token,
        })
    }

    /// The link as text (this is where the token is written: show it to the user only).
    pub fn expose(&self) -> String {
        format!(
            "{SCHEME}{}/{}#{}={}",
            self.server.authority,
            self.document,
            self.role.key(),
            self.token.expose()
        )
    }
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{SCHEME}{}/{}#{}=…",
            self.server.authority,
            self.document,
            self.role.key()
        )
    }
}

fn check_authority(authority: &str) -> Result<(), String> {
    let bad = || format!("\"{}\" is not HOST:PORT", authority.escape_debug());
    let (host, port) = authority.rsplit_once(':').ok_or_else(bad)?;
    if host.is_empty()
        || host.len() > 255
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'))
    {
        return Err(bad());
    }
    port.parse::<u16>().map_err(|_| bad())?;
    Ok(())
}

fn encode_hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn decode_hex<const N: usize>(hex: &str) -> Option<[u8; N]> {
    if hex.len() != N * 2 || !hex.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_round_trip_and_never_print_their_token() {
        let token = Token::generate().unwrap();
        let link = Link {
            server: ServerUrl::parse("ws://127.0.0.1:3030").unwrap(),
            document: "4NMNnkMhL8jXrdJ9jamS58PAVdXu".to_owned(),
            role: Role::View,
            token: token.clone(),
        };
        let text = link.expose();
        assert!(text.starts_with("stateline+ws://127.0.0.1:3030/4NMN"));
        assert_eq!(Link::parse(&text).unwrap(), link);
        assert!(!format!("{link:?}").contains(&token.expose()));
        assert!(!format!("{token:?}").contains(&token.expose()));
        assert_ne!(token.hash(), token.expose());
    }

    #[test]
    fn bad_links_are_refused_without_echoing_the_token() {
        for bad in [
            "",
            "http://x:1/d#edit=00",
            "stateline+ws://x:1/d",
            "stateline+ws://x/d#edit=00",
            "stateline+ws://x:1/d#admin=00",
            "stateline+ws://x:1/d#edit=zz",
            "stateline+ws://x:1/d\u{202e}#edit=00",
        ] {
            let err = Link::parse(bad).unwrap_err();
            assert!(!err.contains("zz"), "{err}");
        }
    }
}
