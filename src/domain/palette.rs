//! Colours that carry meaning (providers, statuses, severities), shared by the canvas and
//! the exported diagrams so both tell the same story. Plain sRGB triples: no GUI types.

use super::analysis::{Severity, Status};
use super::model::Provider;

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

/// The colour of a finding's severity.
pub fn severity(s: Severity) -> Rgb {
    match s {
        Severity::Error => ALERT,
        Severity::Warning => CONTESTED,
        Severity::Info => Rgb(0x0e, 0xa5, 0xe9),
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
