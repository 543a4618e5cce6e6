//! Level of detail: what the canvas draws at a zoom. Close up, everything the diagram export
//! draws; zoomed out, each box keeps its title at [`TITLE_PX`] (re-wrapped to the whole box)
//! and drops its two smaller lines, and only the latency labels of cross-cloud hops stay;
//! far out, coloured boxes. `F` never fits below [`TITLES_MIN_ZOOM`]: every title legible.

use egui::{Painter, Rect, Stroke, StrokeKind, pos2, vec2};

use super::Painting;
use crate::domain::scene;
use crate::ui::theme::{self, Canvas as Colours};

/// The smallest size a component title is drawn at, in points.
pub const TITLE_PX: f32 = 11.0;

/// Line height of a title at [`TITLE_PX`].
const TITLE_LINE: f32 = 13.0;

/// Below this zoom a box (64 units high) cannot hold two lines of title at [`TITLE_PX`]:
/// boxes are drawn plain. The fit (`F`) stops here.
pub const TITLES_MIN_ZOOM: f32 = 0.5;

/// From this zoom the box's own lines (the export's, at its sizes) are at [`TITLE_PX`] or more.
pub const FULL_ZOOM: f32 = TITLE_PX / scene::LABEL_SIZE as f32;

/// Below this zoom the latency labels of same-region hops are left out (their values would
/// be under 8 points); cross-cloud ones stay, at a legible size.
pub const ALL_CHIPS_ZOOM: f32 = 0.8;

/// Below this zoom the kind icon gives its room to the title.
pub const ICON_MIN_ZOOM: f32 = 0.72;

/// What the canvas draws of each box at a zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Far out: coloured boxes, no text.
    Boxes,
    /// Zoomed out: titles at [`TITLE_PX`], no sub-lines, cross-cloud latency labels only.
    Titles,
    /// Everything the diagram export draws, at its sizes.
    Full,
}

impl Detail {
    pub fn at(zoom: f32) -> Self {
        if zoom >= FULL_ZOOM {
            Self::Full
        } else if zoom >= TITLES_MIN_ZOOM {
            Self::Titles
        } else {
            Self::Boxes
        }
    }
}

/// The size component titles are drawn at, in points, at a zoom (`None`: not drawn).
pub fn title_px(zoom: f32) -> Option<f32> {
    match Detail::at(zoom) {
        Detail::Full => Some(scene::LABEL_SIZE as f32 * zoom),
        Detail::Titles => Some(TITLE_PX),
        Detail::Boxes => None,
    }
}

/// The smallest size a note's text is drawn at, in points.
pub const NOTE_PX: f32 = 10.0;

/// The size of a zone title, in points: the export's size scaled, never below [`TITLE_PX`].
pub fn zone_title_px(zoom: f32) -> f32 {
    (theme::ZONE_TITLE_SIZE * zoom).max(TITLE_PX)
}

impl Painting<'_> {
    /// A zoomed-out box's title: the whole label at [`TITLE_PX`], wrapped to the box (beside
    /// the icon while there is room for it), cut with "…" on its last line.
    pub(super) fn title_only(&self, painter: &Painter, col: &Colours, sr: Rect, label: &str) {
        let zoom = self.cam().zoom;
        let left = if zoom >= ICON_MIN_ZOOM {
            scene::TEXT_X as f32 * zoom
        } else {
            11.0 * zoom
        };
        let width = (sr.width() - left - 4.0 * zoom).max(10.0);
        // As many lines as the box holds at the font's own line height.
        let line = painter.fonts_mut(|f| f.row_height(&theme::font_strong(TITLE_PX)));
        let rows = ((sr.height() - 1.0) / line.max(TITLE_LINE - 1.0))
            .floor()
            .max(1.0) as usize;
        let mut job = egui::text::LayoutJob::simple(
            label.to_owned(),
            theme::font_strong(TITLE_PX),
            col.text,
            width,
        );
        job.wrap.max_rows = rows;
        job.wrap.overflow_character = Some('…');
        let galley = painter.layout_job(job);
        let top = sr.center().y - galley.size().y / 2.0;
        painter.galley(pos2(sr.min.x + left, top), galley, col.text);
    }

    /// Zoomed out, a cross-cloud hop's latency label at a legible size (same-region ones
    /// are left out), its value only.
    pub(super) fn cross_cloud_label(
        &self,
        painter: &Painter,
        col: &Colours,
        label: &scene::EdgeLabel,
    ) {
        if !label.cross_cloud {
            return;
        }
        let zoom = self.cam().zoom;
        let px = (scene::EDGE_VALUE_SIZE as f32 * zoom).max(10.0);
        let galley = painter.layout_no_wrap(label.value.clone(), theme::font_strong(px), col.text);
        let centre = self.to_screen(pos2(label.centre.x as f32, label.centre.y as f32));
        let r = Rect::from_center_size(centre, galley.size() + vec2(10.0, 4.0));
        if !self.canvas.intersects(r) {
            return;
        }
        painter.rect(
            r,
            r.height() / 2.0,
            col.label_bg,
            Stroke::new(1.2, theme::alert()),
            StrokeKind::Inside,
        );
        painter.galley(r.center() - galley.size() / 2.0, galley, col.text);
    }
}

/// A zoomed-out note's text at [`NOTE_PX`], wrapped to the note, cut with "…".
pub(super) fn note_text(painter: &Painter, sr: Rect, text: &str, ink: egui::Color32) {
    let pad = 4.0;
    let rows = ((sr.height() - 2.0 * pad) / (NOTE_PX + 2.0)).floor();
    if rows < 1.0 {
        return;
    }
    let mut job = egui::text::LayoutJob::simple(
        text.to_owned(),
        theme::font(NOTE_PX),
        ink,
        (sr.width() - 2.0 * pad).max(10.0),
    );
    job.wrap.max_rows = rows as usize;
    job.wrap.overflow_character = Some('…');
    let galley = painter.layout_job(job);
    painter.galley(sr.min + vec2(pad, pad), galley, ink);
}
