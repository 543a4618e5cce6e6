//! How the drawing is inked: one style for the canvas and the exported diagram, so what a
//! workshop sees on the projector is what the other side reads in the PDF. Each kind of
//! connection's ink and dash, the lock-in badge and the status marks (badge and outline)
//! with their places on a box are decided here, in world units, and both the canvas
//! (`ui::canvas::draw`) and the SVG (`io::export::svg*`) draw them. Colours that carry a
//! meaning (providers, statuses) stay in [`super::palette`].

use super::analysis::Status;
use super::model::{ConnectionKind, Pos, Rect};
use super::palette::{self, Rgb};

/// An ink on paper (the exports, the light canvas) and on the dark canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ink {
    pub light: Rgb,
    pub dark: Rgb,
}

impl Ink {
    /// The ink on a dark background or not.
    pub fn on(self, dark: bool) -> Rgb {
        if dark { self.dark } else { self.light }
    }
}

/// A dash pattern: (on, off) in world units.
pub type Dash = (f64, f64);

/// How a connection is stroked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeStyle {
    pub ink: Ink,
    /// `None`: solid.
    pub dash: Option<Dash>,
}

/// A connection's line width (world units; the canvas scales it with the zoom).
pub const EDGE_WIDTH: f64 = 1.5;
/// The width of a cross-cloud connection (when latency labels are shown).
pub const CROSS_CLOUD_WIDTH: f64 = 3.2;

/// Calls: slate.
const CALL: Ink = Ink {
    light: Rgb(0x47, 0x55, 0x69),
    dark: Rgb(0x9c, 0xa3, 0xaf),
};
/// Reads and writes of state: teal (apart from the providers, the alerts, the selection
/// and a flow's walk).
const STATE: Ink = Ink {
    light: Rgb(0x0f, 0x76, 0x6e),
    dark: Rgb(0x2d, 0xd4, 0xbf),
};
/// Events (asynchronous): a light slate.
const EVENT: Ink = Ink {
    light: Rgb(0x94, 0xa3, 0xb8),
    dark: Rgb(0x94, 0xa3, 0xb8),
};

/// The one style of each kind of connection: a state read is dashed teal, a state write
/// solid teal, an event dashed slate, a call solid slate — told apart without colour by
/// their dashes and arrowheads.
pub fn edge(kind: ConnectionKind) -> EdgeStyle {
    match kind {
        ConnectionKind::Call => EdgeStyle {
            ink: CALL,
            dash: None,
        },
        ConnectionKind::StateRead => EdgeStyle {
            ink: STATE,
            dash: Some((5.0, 3.0)),
        },
        ConnectionKind::StateWrite => EdgeStyle {
            ink: STATE,
            dash: None,
        },
        ConnectionKind::Event => EdgeStyle {
            ink: EVENT,
            dash: Some((8.0, 5.0)),
        },
    }
}

/// The lock-in badge: a pill with [`LOCKIN_TEXT`] in white on [`LOCKIN_INK`], astride the
/// bottom edge of the box, at its right (clear of the status badge at the top right).
pub const LOCKIN_INK: Rgb = Rgb(0x7c, 0x2d, 0x12);
pub const LOCKIN_TEXT: &str = "LOCK-IN";
/// The size of the badge's text (world units).
pub const LOCKIN_TEXT_SIZE: f64 = 8.5;

/// Where a box's lock-in badge is (world units).
pub fn lockin_badge(b: Rect) -> Rect {
    Rect::new(b.x + b.w - 52.0, b.y + b.h - 7.0, 46.0, 14.0)
}

/// The status badge: a disc of the status colour with its glyph in white
/// ([`palette::status_glyph`]), centred on the box's top-right corner, just inside it.
pub const STATUS_BADGE_RADIUS: f64 = 9.0;
/// The size of the badge's glyph (world units).
pub const STATUS_GLYPH_SIZE: f64 = 11.0;

/// The centre of a box's status badge (world units).
pub fn status_badge(b: Rect) -> Pos {
    Pos::new(b.x + b.w - 2.0, b.y + 2.0)
}

/// The outline round a box whose status is not ok: its colour and dash (`None`: ok, no
/// outline). Unplaced is dashed; with the badge's glyph and the contested hatch, the
/// statuses read apart without colour.
pub fn status_outline(s: Status) -> Option<(Rgb, Option<Dash>)> {
    let colour = palette::status(s)?;
    let dash = (s == Status::Unplaced).then_some((6.0, 4.0));
    Some((colour, dash))
}

/// How far outside the box its status outline runs, and how wide it is (world units).
pub const STATUS_OUTLINE_GAP: f64 = 3.0;
pub const STATUS_OUTLINE_WIDTH: f64 = 2.5;

/// The rectangle of a box's status outline.
pub fn status_outline_rect(b: Rect) -> Rect {
    let g = STATUS_OUTLINE_GAP;
    Rect::new(b.x - g, b.y - g, b.w + 2.0 * g, b.h + 2.0 * g)
}
