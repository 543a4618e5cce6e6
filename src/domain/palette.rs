//! Colours that carry meaning (providers, statuses, severities), shared by the canvas and
//! the exported diagrams so both tell the same story. Plain sRGB triples: no GUI types.

use super::analysis::{Severity, Status};
use super::model::{NoteColour, Provider};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for SVG and HTML.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colour of a provider (obligation overlay, zone tint, legend).
pub fn provider(p: Provider) -> Rgb {
    match p {
        Provider::Azure => Rgb(0x00, 0x78, 0xd4),
        Provider::Aws => Rgb(0xff, 0x99, 0x00),
        Provider::Gcp => Rgb(0x34, 0xa8, 0x53),
        Provider::Oracle => Rgb(0xc7, 0x46, 0x34),
        Provider::OnPrem => Rgb(0x6b, 0x72, 0x80),
        Provider::Device => Rgb(0x8b, 0x5c, 0xf6),
        Provider::Vendor => Rgb(0x0f, 0x76, 0x6e),
    }
}

/// Colour of a component with no obligation ("free": you choose).
pub const FREE: Rgb = Rgb(0x94, 0xa3, 0xb8);

/// Outline colour of relocated components and violations.
pub const ALERT: Rgb = Rgb(0xdc, 0x26, 0x26);

/// Hatch colour of contested components.
pub const CONTESTED: Rgb = Rgb(0xf5, 0x9e, 0x0b);

/// The accent colour of a status (`None` = no mark).
pub fn status(s: Status) -> Option<Rgb> {
    match s {
        Status::Ok => None,
        Status::Relocated | Status::Violation => Some(ALERT),
        Status::Contested => Some(CONTESTED),
        Status::Unplaced => Some(Rgb(0x64, 0x74, 0x8b)),
    }
}

/// The glyph on a status badge (`None` = no badge): with the outline and the hatch, what
/// tells the statuses apart without colour (greyscale prints, colour-blind viewers). The
/// canvas, the diagram and both legends draw it.
pub fn status_glyph(s: Status) -> Option<&'static str> {
    match s {
        Status::Ok => None,
        Status::Relocated => Some("→"),
        Status::Violation => Some("!"),
        Status::Contested | Status::Unplaced => Some("?"),
    }
}

/// The colour of a finding's severity.
pub fn severity(s: Severity) -> Rgb {
    match s {
        Severity::Error => ALERT,
        Severity::Warning => CONTESTED,
        Severity::Info => Rgb(0x0e, 0xa5, 0xe9),
    }
}

/// A sticky note's fill, border and text colours, and its border's dash pattern (on, off;
/// `None` = solid): the colours name the note's colour, the pattern tells it without them.
pub fn note(c: NoteColour) -> (Rgb, Rgb, Rgb, Option<(f64, f64)>) {
    match c {
        NoteColour::Yellow => (
            Rgb(0xfe, 0xf9, 0xc3),
            Rgb(0xea, 0xb3, 0x08),
            Rgb(0x42, 0x20, 0x06),
            None,
        ),
        NoteColour::Blue => (
            Rgb(0xdb, 0xea, 0xfe),
            Rgb(0x3b, 0x82, 0xf6),
            Rgb(0x17, 0x25, 0x54),
            Some((8.0, 4.0)),
        ),
        NoteColour::Green => (
            Rgb(0xdc, 0xfc, 0xe7),
            Rgb(0x22, 0xc5, 0x5e),
            Rgb(0x05, 0x2e, 0x16),
            Some((2.0, 3.0)),
        ),
        NoteColour::Pink => (
            Rgb(0xfc, 0xe7, 0xf3),
            Rgb(0xec, 0x48, 0x99),
            Rgb(0x50, 0x07, 0x24),
            Some((10.0, 3.0)),
        ),
        NoteColour::Grey => (
            Rgb(0xf1, 0xf5, 0xf9),
            Rgb(0x64, 0x74, 0x8b),
            Rgb(0x0f, 0x17, 0x2a),
            Some((4.0, 4.0)),
        ),
    }
}

/// The colour of a negotiation position's status (canvas mark, findings table, exports).
pub fn position(s: super::negotiation::PositionStatus) -> Rgb {
    use super::negotiation::PositionStatus as P;
    match s {
        P::Open => Rgb(0x25, 0x63, 0xeb),
        P::Disputed => Rgb(0xc0, 0x26, 0xd3),
        P::Agreed => Rgb(0x16, 0xa3, 0x4a),
        P::Withdrawn => Rgb(0x64, 0x74, 0x8b),
    }
}
