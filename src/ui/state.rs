//! Transient window state: selection, camera, gestures in progress, overlays, preferences.

use std::path::PathBuf;

use egui::{Pos2, Rect, Vec2, pos2, vec2};
use serde::{Deserialize, Serialize};

use crate::domain::ids::Id;
use crate::domain::model::KindTag;

/// What is selected. Components and zones by id, connections by index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub components: Vec<Id>,
    pub zones: Vec<Id>,
    pub connection: Option<usize>,
    /// A sticky note (index into `Map::notes`).
    pub note: Option<usize>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
            && self.zones.is_empty()
            && self.connection.is_none()
            && self.note.is_none()
    }

    pub fn only_note(index: usize) -> Self {
        Self {
            note: Some(index),
            ..Self::default()
        }
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }

    pub fn only_component(id: Id) -> Self {
        Self {
            components: vec![id],
            ..Self::default()
        }
    }

    pub fn only_zone(id: Id) -> Self {
        Self {
            zones: vec![id],
            ..Self::default()
        }
    }

    pub fn has_component(&self, id: &Id) -> bool {
        self.components.contains(id)
    }

    pub fn has_zone(&self, id: &Id) -> bool {
        self.zones.contains(id)
    }

    /// Shift-click: adds or removes one component.
    pub fn toggle_component(&mut self, id: &Id) {
        self.connection = None;
        if let Some(i) = self.components.iter().position(|c| c == id) {
            self.components.remove(i);
        } else {
            self.components.push(id.clone());
        }
    }

    pub fn toggle_zone(&mut self, id: &Id) {
        self.connection = None;
        if let Some(i) = self.zones.iter().position(|z| z == id) {
            self.zones.remove(i);
        } else {
            self.zones.push(id.clone());
        }
    }
}

/// World ↔ screen transform of the canvas: `screen = origin + offset + world * zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Screen offset of the world origin from the canvas' top-left corner.
    pub offset: Vec2,
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            offset: vec2(40.0, 40.0),
            zoom: 0.6,
        }
    }
}

pub const MIN_ZOOM: f32 = 0.05;
pub const MAX_ZOOM: f32 = 4.0;

impl Camera {
    pub fn screen_from_world(&self, canvas: Rect, p: Pos2) -> Pos2 {
        canvas.min + self.offset + p.to_vec2() * self.zoom
    }

    pub fn world_from_screen(&self, canvas: Rect, p: Pos2) -> Pos2 {
        pos2(0.0, 0.0) + (p - canvas.min - self.offset) / self.zoom
    }

    pub fn screen_rect(&self, canvas: Rect, r: Rect) -> Rect {
        Rect::from_min_max(
            self.screen_from_world(canvas, r.min),
            self.screen_from_world(canvas, r.max),
        )
    }

    /// Zooms by `factor` keeping the world point under `anchor` (screen) still.
    pub fn zoom_at(&mut self, canvas: Rect, anchor: Pos2, factor: f32) {
        let world = self.world_from_screen(canvas, anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.offset = anchor - canvas.min - world.to_vec2() * self.zoom;
    }

    /// Frames a world rectangle in `free` (the part of the canvas the legend and minimap
    /// leave), with a margin, never below `min_zoom`: a map too big to fit readably shows
    /// its middle at a readable size (the minimap shows the rest).
    pub fn fit(&mut self, canvas: Rect, free: Rect, world: Rect, min_zoom: f32) {
        if !world.is_finite() || world.width() <= 0.0 || world.height() <= 0.0 {
            return;
        }
        let margin = 24.0;
        let avail = (free.size() - vec2(2.0 * margin, 2.0 * margin)).max(vec2(50.0, 50.0));
        let zoom = (avail.x / world.width())
            .min(avail.y / world.height())
            .clamp(min_zoom.clamp(MIN_ZOOM, MAX_ZOOM), 1.5_f32.max(min_zoom));
        self.zoom = zoom;
        // The world's centre on the free area's centre (in canvas coordinates).
        self.offset = (free.center() - canvas.min) - world.center().to_vec2() * zoom;
    }
}

/// A gesture on the canvas in progress. Nothing reaches the map until it ends.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Drag {
    #[default]
    None,
    Pan,
    /// Moving the selected components (world-space offset so far).
    MoveComponents {
        ids: Vec<Id>,
        delta: Vec2,
    },
    /// Moving a zone with its contents.
    MoveZone {
        id: Id,
        delta: Vec2,
    },
    /// Resizing a zone from its bottom-right corner (world rect so far).
    ResizeZone {
        id: Id,
        rect: Rect,
    },
    /// Drawing a connection from a component (index) to the pointer.
    Connect {
        from: usize,
        to: Pos2,
    },
    /// Moving a sticky note (world-space offset so far).
    MoveNote {
        index: usize,
        delta: Vec2,
    },
    /// Resizing a sticky note from its bottom-right corner (world rect so far).
    ResizeNote {
        index: usize,
        rect: Rect,
    },
    /// Rubber-band selection (screen-space corners).
    RubberBand {
        start: Pos2,
        end: Pos2,
        additive: bool,
    },
}

/// Which overlays are drawn on the canvas.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent on/off switches, each bound to a checkbox"
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Overlays {
    pub obligations: bool,
    pub latency: bool,
    pub lockin: bool,
    pub grid: bool,
    pub minimap: bool,
    /// The legend shows its card (else it is a chip).
    pub legend: bool,
}

impl Default for Overlays {
    fn default() -> Self {
        Self {
            obligations: true,
            latency: true,
            lockin: true,
            grid: true,
            minimap: true,
            legend: false,
        }
    }
}

/// Preferences kept between sessions (eframe storage). Never the map.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent on/off switches, each bound to a checkbox"
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    /// UI scale (1.0 normal; larger for projectors).
    pub scale: f32,
    /// The palette open (else folded to its icons).
    pub show_palette: bool,
    /// The inspector open (else folded to a strip).
    pub show_inspector: bool,
    /// The Findings / Flows / Changes panel open above its strip (it starts folded).
    pub findings_open: bool,
    /// The sizes the user gave the panels (points).
    pub palette_w: f32,
    pub inspector_w: f32,
    pub findings_h: f32,
    pub overlays: Overlays,
    pub snap: bool,
    pub recent: Vec<PathBuf>,
    /// The folder a file was last opened from or saved to (where dialogs start).
    pub last_folder: Option<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            dark: true,
            scale: 1.0,
            show_palette: true,
            show_inspector: true,
            findings_open: false,
            palette_w: 168.0,
            inspector_w: 300.0,
            findings_h: 220.0,
            overlays: Overlays::default(),
            snap: true,
            recent: Vec::new(),
            last_folder: None,
        }
    }
}

pub const MAX_RECENT: usize = 10;

impl Prefs {
    pub fn push_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// Which tab the bottom panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BottomTab {
    #[default]
    Findings,
    Flows,
    /// The differences of an active comparison.
    Changes,
}

/// The findings table's sort and filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindingsView {
    pub sort: FindingSort,
    pub descending: bool,
    pub severity: Option<crate::domain::analysis::Severity>,
    pub category: Option<crate::domain::analysis::Category>,
    /// The finding last clicked (its row stays highlighted).
    pub selected: Option<usize>,
    /// Only the findings whose negotiation position is disputed.
    pub disputed_only: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FindingSort {
    #[default]
    Severity,
    Rule,
    Subject,
    /// By negotiation position: disputed first.
    Position,
    Message,
}

/// The window's transient state.
#[derive(Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent one-frame flags of the window (fit requests, open popups)"
)]
pub struct UiState {
    pub selection: Selection,
    pub camera: Camera,
    pub drag: Drag,
    /// Frame everything (or `frame_target`) on the next canvas pass.
    pub fit_pending: bool,
    pub frame_target: Option<Rect>,
    pub hovered_component: Option<usize>,
    /// What the primary button went down on (decides the gesture once the drag starts).
    pub press_hit: Option<crate::ui::canvas::hit_test::Hit>,
    pub selected_flow: Option<usize>,
    /// The selected flow being walked hop by hop: (flow, step shown), indices into the
    /// analysis' flows and that flow's `walk`.
    pub walk: Option<(usize, usize)>,
    pub bottom_tab: BottomTab,
    pub findings: FindingsView,
    /// Pending palette kind to add at the view centre.
    pub find_open: bool,
    pub find_text: String,
    /// Where the drawing is shown (the canvas above the legend's band), last frame.
    pub canvas_rect: Rect,
    /// The whole canvas panel, band included.
    pub canvas_full: Rect,
    /// Each panel's rectangle in the last frame, by name.
    pub panels: Vec<(&'static str, Rect)>,
    /// What floats over the canvas (legend, minimap) in the last frame: a fit keeps clear.
    pub overlays_over_canvas: Vec<Rect>,
    /// Where the minimap was drawn in the last frame.
    pub minimap_rect: Option<Rect>,
    /// What the last fit framed (world) and its zoom floor: framed again when what floats
    /// over the canvas changes right after a fit, or while presenting.
    pub framed: Option<(Rect, f32)>,
    /// A fit happened this frame.
    pub just_fitted: bool,
    /// The next fit frames everything, however small (Shift+F), instead of stopping at a
    /// readable size.
    pub fit_all: bool,
    /// Id being typed in the inspector (committed on Enter / focus loss).
    pub id_buffer: Option<(Id, String)>,
    pub region_search: String,
    /// Put the keyboard focus in the inspector's label field (after a double-click).
    pub focus_label: bool,
    /// The sticky note being written in on the canvas (double-click), and whether its field
    /// is still to take the keyboard.
    pub editing_note: Option<usize>,
    pub focus_note: bool,
    pub last_palette_add: Option<KindTag>,
    /// The comparison shown on the canvas and in the Changes tab (window state only).
    pub compare: Option<crate::ui::compare::Comparison>,
    /// Presentation mode (projector): the editor's camera to come back to, while presenting.
    pub presenting: Option<Camera>,
    /// The finding revealed in presentation mode (`N`/`P`), by index in display order.
    pub revealed: Option<usize>,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            selection: Selection::default(),
            camera: Camera::default(),
            drag: Drag::None,
            fit_pending: false,
            frame_target: None,
            hovered_component: None,
            press_hit: None,
            selected_flow: None,
            walk: None,
            bottom_tab: BottomTab::default(),
            findings: FindingsView::default(),
            find_open: false,
            find_text: String::new(),
            canvas_rect: Rect::NOTHING,
            canvas_full: Rect::NOTHING,
            panels: Vec::new(),
            overlays_over_canvas: Vec::new(),
            minimap_rect: None,
            fit_all: false,
            framed: None,
            just_fitted: false,
            id_buffer: None,
            region_search: String::new(),
            focus_label: false,
            editing_note: None,
            focus_note: false,
            last_palette_add: None,
            compare: None,
            presenting: None,
            revealed: None,
        }
    }
}

impl UiState {
    /// The world point at the centre of the view.
    pub fn view_centre(&self) -> Pos2 {
        let rect = if self.canvas_rect.is_positive() {
            self.canvas_rect
        } else {
            Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0))
        };
        self.camera.world_from_screen(rect, rect.center())
    }
}
