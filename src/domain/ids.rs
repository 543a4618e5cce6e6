//! Typed ids: slugs of `a-z 0-9 - _`, 1–64 characters, starting with a letter or digit.

use serde::{Deserialize, Serialize};

/// Interned text: ids, region ids, rule ids and finding subjects.
///
/// Each distinct text is stored once for the life of the program; a `Text` is a pointer to
/// it. Copying, comparing for equality and hashing are O(1) and touch no reference count,
/// which matters because the analysis copies tens of thousands of them into its result (and
/// frees them again) on every edit. Ordering compares the texts. The store only grows: by the
/// ids and regions a session ever names, a few bytes each.
pub type Text = ustr::Ustr;

/// The identity of an interned text: equal texts, and only they, have equal keys. Reads no
/// memory (a [`Text`]'s own hash and length are stored beside its characters).
pub fn text_key(t: Text) -> usize {
    t.as_char_ptr() as usize
}

/// Reads a [`Text`] as a string (a wrong type is reported as for any string field).
pub fn de_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
    Ok(Text::from(String::deserialize(d)?.as_str()))
}

/// Longest id the format allows.
pub const MAX_ID_LEN: usize = 64;

/// The id of a zone or a component (unique across both in one map).
///
/// Interned text ([`Text`]): cloning an id (the analysis copies thousands into its result)
/// neither allocates nor counts references.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct Id(Text);

/// Hashed as its text, so that maps keyed by ids can be searched with a `&str`
/// ([`std::borrow::Borrow`]).
impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
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
        id.0.as_str().to_owned()
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
    /// Validates a slug and interns it.
    pub fn new(s: &str) -> Result<Self, IdError> {
        Self::check(s)?;
        Ok(Self(Text::from(s)))
    }

    /// Whether `s` is a valid id, without interning it: for text being typed (each keystroke
    /// would otherwise stay in the store for the life of the program).
    pub fn check(s: &str) -> Result<(), IdError> {
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
        Ok(())
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
        Self(Text::from(out.as_str()))
    }

    /// The id's interned text.
    pub fn text(&self) -> Text {
        self.0
    }

    /// The identity of the id's text ([`text_key`]): for maps keyed by id that must not
    /// read the text.
    pub fn key(&self) -> usize {
        text_key(self.0)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self.0.as_str()
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
