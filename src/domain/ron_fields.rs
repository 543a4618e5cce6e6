//! Reading RON field by field, so one pass can report every problem with its position.
//!
//! ron's typed deserializer stops at the first error. Here a struct is first split into
//! `(field name, raw value)` pairs (ron's `RawValue` borrows the exact source text), and
//! every field is then deserialized on its own. Errors are collected with absolute
//! line:column positions computed from where each raw slice sits in the source.

use std::fmt;

use ron::extensions::Extensions;
use ron::value::RawValue;
use serde::de::{DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// How deep RON may nest before it is refused (maps need about 6 levels).
pub const RECURSION_LIMIT: usize = 48;

pub use super::diagnostic::{Diagnostic, Position, Source, render_all};

/// Parses a whole file into `T` (a leading byte-order mark is skipped): the readers of
/// rule packs and offerings catalogs. The one rule for text comes first: every refused
/// character, written as itself or as an escape, is reported with its position
/// ([`crate::domain::ron_scan`]). Then a syntax or type error comes back as one diagnostic
/// with its line and column.
pub fn from_str_at<T: DeserializeOwned>(text: &str) -> Result<T, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let refused = crate::domain::ron_scan::refused_characters(
        text,
        crate::domain::ron_scan::Strings::Checked,
    );
    if !refused.is_empty() {
        return Err(refused);
    }
    options().from_str(text).map_err(|err| {
        let pos = Position {
            line: err.span.start.line.max(1),
            col: err.span.start.col.max(1),
        };
        vec![Diagnostic::at(pos, describe(&err.code))]
    })
}

/// The options every map read uses: `implicit_some` on, nesting bounded.
pub fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// Turns ron's error into a readable sentence.
pub fn describe(err: &ron::Error) -> String {
    let text = err.to_string();
    // ron says "Unexpected missing field named `x` in `Host`" and similar; keep them, but
    // drop the trailing period style differences and make the common ones plainer.
    match err {
        ron::Error::Eof => "unexpected end of file (a bracket or quote is not closed?)".to_owned(),
        ron::Error::ExceededRecursionLimit => {
            format!("nesting is deeper than {RECURSION_LIMIT} levels")
        }
        _ => text,
    }
}

/// One `field: value` of a struct.
pub struct Field<'a> {
    pub name: String,
    pub value: &'a RawValue,
}

/// A struct split into its fields.
pub struct Object<'a> {
    pub fields: Vec<Field<'a>>,
    /// Where the struct starts.
    pub pos: Position,
}

struct ObjectSeed {
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed {
    type Value = Vec<Field<'de>>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_struct(self.name, &[], ObjectVisitor)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Vec<Field<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a struct `(field: value, …)`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let value: &'de RawValue = map.next_value()?;
            fields.push(Field { name, value });
        }
        Ok(fields)
    }
}

struct ListVisitor;

impl<'de> Visitor<'de> for ListVisitor {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list `[…]`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            items.push(item);
        }
        Ok(items)
    }
}

struct ListSeed;

impl<'de> DeserializeSeed<'de> for ListSeed {
    type Value = Vec<&'de RawValue>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(ListVisitor)
    }
}

/// Collects diagnostics while reading one source.
pub struct Reader<'a> {
    pub src: Source<'a>,
    pub diags: Vec<Diagnostic>,
    /// Ids of zones (`true`) and components (`false`) as read, `None` where unreadable.
    pub seen_ids: Vec<(Option<crate::domain::ids::Id>, bool, Position)>,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            src: Source::new(text),
            diags: Vec::new(),
            seen_ids: Vec::new(),
        }
    }

    pub fn error(&mut self, pos: Position, message: impl Into<String>) {
        self.diags.push(Diagnostic::at(pos, message));
    }

    fn ron_error(&mut self, raw: &RawValue, err: &ron::error::SpannedError, context: &str) {
        let pos = self.src.absolute(raw, err.span.start);
        let message = describe(&err.code);
        let message = if context.is_empty() {
            message
        } else {
            format!("{context}: {message}")
        };
        self.error(pos, message);
    }

    /// Splits the whole source (a top-level struct) into fields.
    pub fn top_object(&mut self, name: &'static str) -> Option<Object<'a>> {
        match options().from_str_seed(self.src.text, ObjectSeed { name }) {
            Ok(fields) => Some(Object {
                fields,
                pos: Position { line: 1, col: 1 },
            }),
            Err(err) => {
                let pos = Position {
                    line: err.span.start.line.max(1),
                    col: err.span.start.col.max(1),
                };
                self.error(pos, describe(&err.code));
                None
            }
        }
    }

    /// Splits a raw value that should be a struct into fields.
    pub fn object(
        &mut self,
        raw: &'a RawValue,
        name: &'static str,
        context: &str,
    ) -> Option<Object<'a>> {
        match options().from_str_seed(raw.get_ron(), ObjectSeed { name }) {
            Ok(fields) => Some(Object {
                fields,
                pos: self.src.position_of(raw),
            }),
            Err(err) => {
                self.ron_error(raw, &err, context);
                None
            }
        }
    }

    /// Splits a raw value that should be a list into its items.
    pub fn list(&mut self, raw: &'a RawValue, context: &str) -> Option<Vec<&'a RawValue>> {
        match options().from_str_seed(raw.get_ron(), ListSeed) {
            Ok(items) => Some(items),
            Err(err) => {
                self.ron_error(raw, &err, context);
                None
            }
        }
    }

    /// Deserializes a raw value into a typed value.
    pub fn value<T: DeserializeOwned>(&mut self, raw: &RawValue, context: &str) -> Option<T> {
        match options().from_str::<T>(raw.get_ron()) {
            Ok(v) => Some(v),
            Err(err) => {
                self.ron_error(raw, &err, context);
                None
            }
        }
    }

    /// Checks that `obj` has only the `allowed` fields, each at most once.
    /// Reports every unknown or repeated field with its position.
    pub fn check_fields(&mut self, obj: &Object<'a>, what: &str, allowed: &[&str]) {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for field in &obj.fields {
            let repeated = !seen.insert(field.name.as_str());
            let pos = self.field_name_pos(field);
            if !allowed.contains(&field.name.as_str()) {
                let hint = strsim_best(&field.name, allowed)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                self.error(
                    pos,
                    format!(
                        "unknown field `{}` in {what}{hint}; expected one of: {}",
                        field.name,
                        allowed.join(", ")
                    ),
                );
            } else if repeated {
                self.error(
                    pos,
                    format!("field `{}` appears twice in {what}", field.name),
                );
            }
        }
    }

    /// The position of a field's name (found just before its value).
    pub fn field_name_pos(&self, field: &Field<'_>) -> Position {
        let value_off = self
            .src
            .offset_of(field.value.get_ron().trim_start())
            .unwrap_or(0);
        let before = self.src.text.get(..value_off).unwrap_or("");
        match before.rfind(field.name.as_str()) {
            Some(off) => self.src.position(off),
            None => self.src.position(value_off),
        }
    }

    /// The raw value of a field, if present.
    pub fn get<'o>(obj: &'o Object<'a>, name: &str) -> Option<&'o Field<'a>> {
        obj.fields.iter().find(|f| f.name == name)
    }

    /// A required typed field; reports it missing.
    pub fn required<T: DeserializeOwned>(
        &mut self,
        obj: &Object<'a>,
        name: &str,
        what: &str,
    ) -> Option<T> {
        if let Some(field) = Self::get(obj, name) {
            let context = format!("`{name}` of {what}");
            self.value(field.value, &context)
        } else {
            self.error(obj.pos, format!("{what} has no `{name}` (it is required)"));
            None
        }
    }

    /// An optional typed field: `Ok(None)` when absent, `Err(())` when present but bad.
    pub(crate) fn optional<T: DeserializeOwned>(
        &mut self,
        obj: &Object<'a>,
        name: &str,
        what: &str,
    ) -> Result<Option<T>, ()> {
        match Self::get(obj, name) {
            Some(field) => {
                let context = format!("`{name}` of {what}");
                self.value::<Option<T>>(field.value, &context).ok_or(())
            }
            None => Ok(None),
        }
    }

    /// The position of a field's value, or of the object when the field is absent.
    pub fn pos_of(&self, obj: &Object<'a>, name: &str) -> Position {
        Self::get(obj, name).map_or(obj.pos, |f| self.src.position_of(f.value))
    }
}

/// The closest candidate to `word`, if reasonably close.
fn strsim_best<'s>(word: &str, candidates: &[&'s str]) -> Option<&'s str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

/// Where the fields of a typed file (a rule pack, an offerings catalog) are written: its
/// loader parses it typed, then reports each check at the field it concerns, found by the
/// positional reader (never by searching the text, which could find the same words inside
/// a comment or a string, and would rescan the file once per item).
pub struct Layout<'a> {
    reader: Reader<'a>,
    top: Option<Object<'a>>,
}

impl<'a> Layout<'a> {
    /// Splits the file's top-level struct (a leading byte-order mark is skipped).
    pub fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = Reader::new(text);
        let top = reader.top_object("File");
        Self { reader, top }
    }

    /// The position of a converted byte offset of the text (see [`Source::position`]).
    pub fn source(&self) -> &Source<'a> {
        &self.reader.src
    }

    /// Where the value of a (nested) struct field starts: `["lockin", "weights"]`.
    pub fn field(&mut self, path: &[&str]) -> Option<Position> {
        let (first, rest) = path.split_first()?;
        let mut raw = Reader::get(self.top.as_ref()?, first)?.value;
        for name in rest {
            let obj = self.reader.object(raw, "Field", "")?;
            raw = Reader::get(&obj, name)?.value;
        }
        Some(self.reader.src.position_of(raw))
    }

    /// The items of a top-level list field, as written (none when it is missing or not a
    /// list).
    fn list_items(&mut self, list: &str) -> Vec<&'a RawValue> {
        let Some(raw) = self
            .top
            .as_ref()
            .and_then(|top| Reader::get(top, list))
            .map(|f| f.value)
        else {
            return Vec::new();
        };
        self.reader.list(raw, "").unwrap_or_default()
    }

    /// For each item of a top-level list field, the bytes of the text it is written in
    /// (start, end), found by the positional reader in one pass.
    pub fn item_spans(&mut self, list: &str) -> Vec<(usize, usize)> {
        self.list_items(list)
            .into_iter()
            .filter_map(|item| {
                let text = item.get_ron();
                let start = self.reader.src.offset_of(text)?;
                Some((start, start + text.len()))
            })
            .collect()
    }

    /// For each item of a top-level list field, where its `field` is written (else where
    /// the item starts; `None` when the item cannot be split).
    pub fn items(&mut self, list: &str, field: &str) -> Vec<Option<Position>> {
        self.list_items(list)
            .into_iter()
            .map(|item| {
                let obj = self.reader.object(item, "Item", "")?;
                Some(self.reader.pos_of(&obj, field))
            })
            .collect()
    }
}
