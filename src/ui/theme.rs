//! Every colour and size of the window, in one place (light and dark).

use egui::{Color32, FontId, Stroke};

use crate::domain::analysis::{Severity, Status};
use crate::domain::model::{ConnectionKind, Provider};
use crate::domain::palette::{self, Rgb};
use crate::domain::style;

/// Converts a shared meaning colour.
pub fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

pub fn provider(p: Provider) -> Color32 {
    rgb(palette::provider(p))
}

pub fn free() -> Color32 {
    rgb(palette::FREE)
}

pub fn alert() -> Color32 {
    rgb(palette::ALERT)
}

/// The hops of a flow being walked (sky blue: apart from providers, alerts and the critical
/// path).
pub fn walk() -> Color32 {
    Color32::from_rgb(0x02, 0x84, 0xc7)
}

/// Text and rims on an accent-filled shape.
pub fn on_accent() -> Color32 {
    Color32::WHITE
}

pub fn contested() -> Color32 {
    rgb(palette::CONTESTED)
}

pub fn severity(s: Severity) -> Color32 {
    rgb(palette::severity(s))
}

pub fn status(s: Status) -> Option<Color32> {
    palette::status(s).map(rgb)
}

/// The colour of text that carries a severity (the findings' "error"/"warning"/"info", the
/// bar's counts, a broken flow): the meaning colours darkened on the light theme and
/// lightened on the dark one, so each reads at 4.5:1 or more (WCAG AA) on the panels,
/// cards and canvas of its theme (a test computes it).
pub fn severity_text(s: Severity, dark: bool) -> Color32 {
    match (s, dark) {
        (Severity::Error, true) => Color32::from_rgb(0xf8, 0x71, 0x71),
        (Severity::Error, false) => Color32::from_rgb(0xb9, 0x1c, 0x1c),
        (Severity::Warning, true) => Color32::from_rgb(0xfb, 0xbf, 0x24),
        (Severity::Warning, false) => Color32::from_rgb(0x9a, 0x48, 0x0a),
        (Severity::Info, true) => Color32::from_rgb(0x38, 0xbd, 0xf8),
        (Severity::Info, false) => Color32::from_rgb(0x03, 0x69, 0xa1),
    }
}

/// Alert text (an error, a broken flow, an over-budget total), readable on its theme.
pub fn alert_text(dark: bool) -> Color32 {
    severity_text(Severity::Error, dark)
}

/// Warning text, readable on its theme.
pub fn warning_text(dark: bool) -> Color32 {
    severity_text(Severity::Warning, dark)
}

/// WCAG contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let lum = |c: Color32| {
        let lin = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Canvas colours for one theme.
#[derive(Clone, Copy, Debug)]
pub struct Canvas {
    /// The dark theme's colours (the inks of `domain::style` on a dark background).
    pub dark: bool,
    pub background: Color32,
    pub grid: Color32,
    pub zone_fill_alpha: f32,
    pub component_fill: Color32,
    pub component_border: Color32,
    pub text: Color32,
    pub weak_text: Color32,
    pub edge: Color32,
    pub selection: Color32,
    pub hover: Color32,
    pub rubber_band: Color32,
    pub note_fill: Color32,
    pub note_text: Color32,
    pub legend_fill: Color32,
    pub label_bg: Color32,
    pub critical_path: Color32,
}

impl Canvas {
    pub fn new(dark: bool) -> Self {
        if dark {
            Self {
                dark,
                background: Color32::from_rgb(0x16, 0x19, 0x1e),
                grid: Color32::from_rgb(0x2c, 0x31, 0x3a),
                zone_fill_alpha: 0.10,
                component_fill: Color32::from_rgb(0x23, 0x27, 0x2f),
                component_border: Color32::from_rgb(0x4b, 0x55, 0x63),
                text: Color32::from_rgb(0xe5, 0xe7, 0xeb),
                weak_text: Color32::from_rgb(0x9c, 0xa3, 0xaf),
                edge: Color32::from_rgb(0x9c, 0xa3, 0xaf),
                selection: Color32::from_rgb(0x38, 0xbd, 0xf8),
                hover: Color32::from_rgb(0x7d, 0xd3, 0xfc),
                rubber_band: Color32::from_rgba_unmultiplied(0x38, 0xbd, 0xf8, 40),
                note_fill: Color32::from_rgb(0x4a, 0x44, 0x22),
                note_text: Color32::from_rgb(0xfe, 0xf3, 0xc7),
                legend_fill: Color32::from_rgb(0x1f, 0x23, 0x2a),
                label_bg: Color32::from_rgb(0x16, 0x19, 0x1e),
                critical_path: Color32::from_rgb(0xe8, 0x79, 0xf9),
            }
        } else {
            Self {
                dark,
                background: Color32::from_rgb(0xf8, 0xfa, 0xfc),
                grid: Color32::from_rgb(0xd5, 0xdb, 0xe3),
                zone_fill_alpha: 0.07,
                component_fill: Color32::WHITE,
                component_border: Color32::from_rgb(0x94, 0xa3, 0xb8),
                text: Color32::from_rgb(0x11, 0x18, 0x27),
                weak_text: Color32::from_rgb(0x4b, 0x55, 0x63),
                edge: Color32::from_rgb(0x64, 0x74, 0x8b),
                selection: Color32::from_rgb(0x02, 0x84, 0xc7),
                hover: Color32::from_rgb(0x38, 0xbd, 0xf8),
                rubber_band: Color32::from_rgba_unmultiplied(0x02, 0x84, 0xc7, 35),
                note_fill: Color32::from_rgb(0xfe, 0xf3, 0xc7),
                note_text: Color32::from_rgb(0x42, 0x38, 0x0c),
                legend_fill: Color32::WHITE,
                label_bg: Color32::from_rgb(0xf8, 0xfa, 0xfc),
                critical_path: Color32::from_rgb(0xc0, 0x26, 0xd3),
            }
        }
    }

    /// How a connection of this kind is stroked: width and dash (on, off) at zoom 1, and
    /// colour on this theme — the one style of the canvas and the diagram
    /// (`domain::style::edge`).
    pub fn edge_style(
        &self,
        kind: ConnectionKind,
        cross_cloud: bool,
    ) -> (f32, Color32, Option<(f32, f32)>) {
        let edge = style::edge(kind);
        let width = if cross_cloud {
            style::CROSS_CLOUD_WIDTH
        } else {
            style::EDGE_WIDTH
        };
        (
            width as f32,
            rgb(edge.ink.on(self.dark)),
            edge.dash.map(|(on, off)| (on as f32, off as f32)),
        )
    }

    /// The opaque colour of a zone's title strip (the zone's colour over the background),
    /// for a title tab that reaches below the strip.
    pub fn zone_tab(&self, zone: Color32) -> Color32 {
        let t = self.zone_fill_alpha * 3.5;
        let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        let (bg, z) = (self.background, zone);
        Color32::from_rgb(mix(bg.r(), z.r()), mix(bg.g(), z.g()), mix(bg.b(), z.b()))
    }

    pub fn selection_stroke(&self) -> Stroke {
        Stroke::new(2.5, self.selection)
    }
}

/// World-space font size of zone titles (scaled by the zoom); box and label sizes are the
/// core's (`domain::scene`), shared with the diagram export.
pub const ZONE_TITLE_SIZE: f32 = 13.0;
/// Below this on-screen size, labels are not drawn (level of detail).
pub const MIN_LABEL_PX: f32 = 6.5;

pub fn font(size: f32) -> FontId {
    FontId::proportional(size)
}

/// The bold face of the drawing's font (`DejaVu Sans Bold`, as the diagram export).
pub fn font_strong(size: f32) -> FontId {
    FontId::new(size, egui::FontFamily::Name(BOLD.into()))
}

/// The name of the bold family.
const BOLD: &str = "bold";

/// Applies the theme and the projector-friendly text sizes to the context.
pub fn apply(ctx: &egui::Context, dark: bool, scale: f32) {
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    ctx.set_zoom_factor(scale);
}

/// Installs the fonts: `DejaVu` Sans (the exports' font), then egui's, with Hack as fallback.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    // The exports' font first: the canvas measures and wraps text as the diagram does, and
    // it covers the symbols the window uses (⚠ → Δ …) where egui's default fonts do not.
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::io::export::FONT_REGULAR)),
    );
    fonts.font_data.insert(
        "DejaVuSans-Bold".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::io::export::FONT_BOLD)),
    );
    let fallbacks = fonts
        .families
        .get(&egui::FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    if let Some(prop) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        prop.insert(0, "DejaVuSans".to_owned());
        prop.push("Hack".to_owned());
    }
    let mut bold = vec!["DejaVuSans-Bold".to_owned()];
    bold.extend(fallbacks);
    bold.push("Hack".to_owned());
    fonts
        .families
        .insert(egui::FontFamily::Name(BOLD.into()), bold);
    ctx.set_fonts(fonts);
    ctx.all_styles_mut(|style| {
        for (text_style, font) in &mut style.text_styles {
            font.size = match text_style {
                egui::TextStyle::Heading => 20.0,
                egui::TextStyle::Small => 11.0,
                _ => 14.0,
            };
        }
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
    });
}

/// The lock-in badge colour (`domain::style`, as the diagram).
pub fn lockin() -> Color32 {
    rgb(crate::domain::style::LOCKIN_INK)
}

/// Comparison marks: added (green), changed (blue), analysis changed (amber), removed (red).
pub fn compare_added(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x4a, 0xde, 0x80)
    } else {
        Color32::from_rgb(0x16, 0xa3, 0x4a)
    }
}

pub fn compare_changed(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x60, 0xa5, 0xfa)
    } else {
        Color32::from_rgb(0x25, 0x63, 0xeb)
    }
}

pub fn compare_analysis(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xfb, 0xbf, 0x24)
    } else {
        Color32::from_rgb(0xd9, 0x77, 0x06)
    }
}

pub fn compare_removed(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xf8, 0x71, 0x71)
    } else {
        Color32::from_rgb(0xdc, 0x26, 0x26)
    }
}
