//! The limits of a map in one place: how many items a list holds, how long a text is, and
//! the range each figure may take. The validator (files and edits), the importers and the
//! window's number fields all read them here, so a value one accepts the others accept.

/// Most items in any one list of a map.
pub const MAX_ITEMS: usize = 200_000;
/// Longest label, id-like or short text field (characters).
pub const MAX_SHORT_TEXT: usize = 1_000;
/// Longest free text (description, notes) in characters.
pub const MAX_LONG_TEXT: usize = 100_000;
/// Farthest a position or zone corner may be from the origin (world units).
pub const MAX_COORD: f64 = 10_000_000.0;
/// Bounds of the figures a map gives (inclusive upper bounds): far beyond any real design,
/// so every total stays finite and meaningful.
pub const MAX_CALLS: f64 = 1_000_000.0;
pub const MAX_PAYLOAD_KB: f64 = 1_000_000_000.0;
pub const MAX_LATENCY_MS: f64 = 86_400_000.0;
pub const MAX_BUDGET_MS: f64 = 86_400_000.0;
pub const MAX_REQUESTS_PER_MONTH: f64 = 1_000_000_000_000.0;

/// The one item cap: `Err` with the one message when the list `list` of a map (`zones`,
/// `components`, …) would hold `n` items, more than [`MAX_ITEMS`]. The readers, every edit
/// and the importers ask it.
pub fn item_cap(list: &str, n: usize) -> Result<(), String> {
    if n <= MAX_ITEMS {
        return Ok(());
    }
    Err(format!(
        "`{list}`: {n} items; a map holds at most {MAX_ITEMS} of a kind"
    ))
}

/// The range a figure of a map may take: the one owner of these bounds, read by the
/// validator (files and edits) and by the window's number fields, which take every value
/// in it and never rewrite one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub min: f64,
    /// Whether `min` itself is allowed (`≥`) or only what is above it (`>`).
    pub min_inclusive: bool,
    /// The largest value allowed.
    pub max: f64,
}

impl Range {
    /// More than 0, at most `max`.
    const fn positive(max: f64) -> Self {
        Self {
            min: 0.0,
            min_inclusive: false,
            max,
        }
    }

    /// 0 or more, at most `max`.
    const fn from_zero(max: f64) -> Self {
        Self {
            min: 0.0,
            min_inclusive: true,
            max,
        }
    }

    /// True when `v` is a finite number in the range.
    pub fn contains(self, v: f64) -> bool {
        let above = if self.min_inclusive {
            v >= self.min
        } else {
            v > self.min
        };
        v.is_finite() && above && v <= self.max
    }

    /// The range as the messages say it: `> 0 and ≤ 86400000`.
    pub fn describe(self) -> String {
        let low = if self.min_inclusive { "≥" } else { ">" };
        format!("{low} {} and ≤ {}", plain(self.min), plain(self.max))
    }

    /// `Ok` when `v` is in the range; else why, naming `what`.
    pub fn check(self, what: &str, v: f64) -> Result<(), String> {
        number(what, v, self.min, self.min_inclusive, self.max)
    }
}

/// A connection's `calls` per request.
pub const CALLS: Range = Range::positive(MAX_CALLS);
/// A connection's `payload_kb`.
pub const PAYLOAD_KB: Range = Range::from_zero(MAX_PAYLOAD_KB);
/// A component's own `latency_ms`.
pub const LATENCY_MS: Range = Range::from_zero(MAX_LATENCY_MS);
/// A flow's `budget_ms`.
pub const BUDGET_MS: Range = Range::positive(MAX_BUDGET_MS);
/// A flow's `requests_per_month`.
pub const REQUESTS_PER_MONTH: Range = Range::from_zero(MAX_REQUESTS_PER_MONTH);
/// A zone's width and height.
pub const ZONE_SIDE: Range = Range::positive(MAX_COORD);
/// A position's `x` and `y`, a zone's corner.
pub const COORD: Range = Range {
    min: -MAX_COORD,
    min_inclusive: true,
    max: MAX_COORD,
};

/// A resized sticky note's sides (world units): big enough to hold a word, small enough
/// to stay a note.
pub const NOTE_MIN_SIDE: f64 = 60.0;
pub const NOTE_MAX_SIDE: f64 = 2000.0;

/// A number in a range: `min` (inclusive or not) to `max` (inclusive).
pub fn number(what: &str, v: f64, min: f64, min_inclusive: bool, max: f64) -> Result<(), String> {
    let range = Range {
        min,
        min_inclusive,
        max,
    };
    if range.contains(v) {
        return Ok(());
    }
    Err(format!(
        "{what} must be a number {} (it is {})",
        range.describe(),
        plain(v)
    ))
}

/// A number as people write it (no exponent below 1e15).
fn plain(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    if v.abs() >= 1e15 {
        format!("{v:e}")
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}
