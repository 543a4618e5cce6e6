//! Typed ids: slugs of `a-z 0-9 - _`, 1–64 characters, starting with a letter or digit.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Longest id the format allows.
pub const MAX_ID_LEN: usize = 64;

/// The id of a zone or a component (unique across both in one map).
///
/// Shared text: cloning an id (the analysis copies thousands into its result) does not allocate.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct Id(Arc<str>);

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl TryFrom<String> for Id {
    type Error = IdError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(&s)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> Self {
        id.0.as_ref().to_owned()
    }
}

/// Why a string is not a valid id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id cannot be empty")]
    Empty,
    #[error("id \"{0}\" is longer than {MAX_ID_LEN} characters")]
    TooLong(String),
    #[error("id \"{0}\" must start with a lower-case letter or a digit")]
    BadStart(String),
    #[error("id \"{0}\" may only contain a-z, 0-9, '-' and '_' (found {1:?})")]
    BadChar(String, char),
}

impl Id {
    /// Validates a slug.
    pub fn new(s: &str) -> Result<Self, IdError> {
        let Some(first) = s.chars().next() else {
            return Err(IdError::Empty);
        };
        if s.chars().count() > MAX_ID_LEN {
            return Err(IdError::TooLong(s.chars().take(MAX_ID_LEN).collect()));
        }
        if !(first.is_ascii_lowercase() || first.is_ascii_digit()) {
            return Err(IdError::BadStart(s.to_owned()));
        }
        if let Some(bad) = s
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_'))
        {
            return Err(IdError::BadChar(s.to_owned(), bad));
        }
        Ok(Self(Arc::from(s)))
    }

    /// Turns any text into a valid slug (for ids made from labels).
    pub fn slugify(text: &str) -> Self {
        let mut out = String::new();
        for c in text.chars() {
            if out.len() >= MAX_ID_LEN {
                break;
            }
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        if out.is_empty() {
            out.push_str("item");
        }
        Self(Arc::from(out))
    }

    /// The id's text, shared (cloning it does not allocate).
    pub fn shared(&self) -> Arc<str> {
        Arc::clone(&self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs_and_rejects_the_rest() {
        assert!(Id::new("aws-use1").is_ok());
        assert!(Id::new("9lives_x").is_ok());
        assert_eq!(Id::new(""), Err(IdError::Empty));
        assert!(matches!(Id::new("-x"), Err(IdError::BadStart(_))));
        assert!(matches!(Id::new("Agent"), Err(IdError::BadStart(_))));
        assert!(matches!(Id::new("a b"), Err(IdError::BadChar(_, ' '))));
        assert!(matches!(Id::new(&"a".repeat(65)), Err(IdError::TooLong(_))));
        assert!(Id::new(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn slugify_always_gives_a_valid_id() {
        for text in [
            "Support Agent",
            "  ",
            "GPT-5.2 via Bedrock!",
            "Ünïcode",
            "--x--",
        ] {
            let id = Id::slugify(text);
            assert!(Id::new(id.as_str()).is_ok(), "{text:?} gave {id}");
        }
        assert_eq!(Id::slugify("Support Agent").as_str(), "support-agent");
    }
}
