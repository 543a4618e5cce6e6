//! Every user command in one enum: its menu text and its keyboard shortcut. Menus and
//! shortcuts both produce a `UiCommand`; the app applies it once, at the end of the frame.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user asked for from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    /// A gallery of the templates (`saved-maps/`), each with its diagram.
    NewFromTemplate,
    Open,
    Save,
    SaveAs,
    /// File → Export…: the export options, then the file.
    Export,
    /// Compare the open map with its file as last saved.
    CompareSaved,
    /// Compare the open map with another map file (asks which).
    CompareFile,
    Quit,
    Undo,
    Redo,
    Delete,
    Duplicate,
    SelectAll,
    Copy,
    Paste,
    Find,
    Escape,
    FitView,
    FitAll,
    ZoomIn,
    ZoomOut,
    AlignLeft,
    AlignTop,
    AddZone,
    /// A sticky note at the view's centre, selected, its text ready to type.
    AddNote,
    ToggleTheme,
    /// Presentation mode: full screen, the drawing alone, sized for a projector.
    Present,
    /// A/B: the map under both readings of the contested clause (again: swap A and B).
    AbReadings,
}

/// Who may take the keys this frame: the one gate every shortcut and canvas key goes
/// through. While a text field has focus it gets the plain keys (letters, `-`, Delete,
/// Escape…); while a dialog, a modal or a popup (a menu, a combo box) is open it gets every
/// key, Escape included (it closes it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyGate {
    /// A text field has the keyboard.
    pub typing: bool,
    /// A dialog, a modal or a popup is open.
    pub dialog: bool,
}

impl KeyGate {
    /// True when the canvas' own keys (a flow's walk, the findings' `N`/`P`) may act.
    pub fn canvas_keys(self) -> bool {
        !self.typing && !self.dialog
    }
}

/// A shortcut literal (a struct expression, so `&[..]` of them is a `'static` constant).
macro_rules! sc {
    ($mods:expr, $key:expr) => {
        KeyboardShortcut {
            modifiers: $mods,
            logical_key: $key,
        }
    };
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl UiCommand {
    /// Menu text.
    pub fn text(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::NewFromTemplate => "New from template…",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::Export => "Export…",
            Self::CompareSaved => "Compare with last saved",
            Self::CompareFile => "Compare with file…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Delete => "Delete",
            Self::Duplicate => "Duplicate",
            Self::SelectAll => "Select all",
            Self::Copy => "Copy",
            Self::Paste => "Paste",
            Self::Find => "Find component…",
            Self::Escape => "Clear selection",
            Self::FitView => "Fit to view (readable)",
            Self::FitAll => "Fit everything",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::AlignLeft => "Align left edges",
            Self::AlignTop => "Align top edges",
            Self::AddZone => "Add zone",
            Self::AddNote => "Add sticky note",
            Self::ToggleTheme => "Light / dark theme",
            Self::Present => "Present (projector)",
            Self::AbReadings => "A/B: both readings (again: swap)",
        }
    }

    /// The shortcuts, main one first (`Event::Copy`/`Paste` arrive as events, not keys).
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Self::New => &[sc!(CMD, Key::N)],
            Self::Open => &[sc!(CMD, Key::O)],
            Self::Save => &[sc!(CMD, Key::S)],
            Self::SaveAs => &[sc!(CMD_SHIFT, Key::S)],
            Self::Quit => &[sc!(CMD, Key::Q)],
            Self::Undo => &[sc!(CMD, Key::Z)],
            Self::Redo => &[sc!(CMD_SHIFT, Key::Z), sc!(CMD, Key::Y)],
            Self::Delete => &[
                sc!(Modifiers::NONE, Key::Delete),
                sc!(Modifiers::NONE, Key::Backspace),
            ],
            Self::Duplicate => &[sc!(CMD, Key::D)],
            Self::SelectAll => &[sc!(CMD, Key::A)],
            Self::Copy => &[sc!(CMD, Key::C)],
            Self::Paste => &[sc!(CMD, Key::V)],
            Self::Find => &[sc!(CMD, Key::F)],
            Self::Escape => &[sc!(Modifiers::NONE, Key::Escape)],
            Self::FitView => &[sc!(Modifiers::NONE, Key::F)],
            Self::FitAll => &[sc!(Modifiers::SHIFT, Key::F)],
            Self::ZoomIn => &[
                sc!(Modifiers::NONE, Key::Plus),
                sc!(Modifiers::NONE, Key::Equals),
            ],
            Self::ZoomOut => &[sc!(Modifiers::NONE, Key::Minus)],
            Self::Present => &[sc!(Modifiers::NONE, Key::F11)],
            Self::AbReadings => &[sc!(Modifiers::NONE, Key::B)],
            Self::Export
            | Self::NewFromTemplate
            | Self::CompareSaved
            | Self::CompareFile
            | Self::AlignLeft
            | Self::AlignTop
            | Self::AddZone
            | Self::AddNote
            | Self::ToggleTheme => &[],
        }
    }

    /// True for shortcuts a text field types (no modifier, or Shift only): they must not
    /// fire while typing in a field.
    fn plain_key(self) -> bool {
        self.shortcuts().first().is_some_and(|s| {
            !(s.modifiers.ctrl || s.modifiers.command || s.modifiers.alt || s.modifiers.mac_cmd)
        })
    }

    /// Commands checked for shortcuts, most specific first (Ctrl+Shift+S before Ctrl+S).
    const LISTEN: [Self; 20] = [
        Self::SaveAs,
        Self::Redo,
        Self::New,
        Self::Open,
        Self::Save,
        Self::Quit,
        Self::Undo,
        Self::Duplicate,
        Self::SelectAll,
        Self::Find,
        Self::Delete,
        Self::Escape,
        Self::FitAll,
        Self::FitView,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::Copy,
        Self::Paste,
        Self::Present,
        Self::AbReadings,
    ];

    /// Consumes the shortcuts pressed this frame, as far as `gate` lets them through.
    /// Copy/paste come as events and are read by the app.
    pub fn listen(ctx: &egui::Context, gate: KeyGate) -> Vec<Self> {
        let typing = gate.typing;
        let mut out = Vec::new();
        if gate.dialog {
            return out;
        }
        ctx.input_mut(|i| {
            for cmd in Self::LISTEN {
                if matches!(cmd, Self::Copy | Self::Paste | Self::Quit) {
                    continue; // events / egui's own quit shortcut
                }
                if typing
                    && (cmd.plain_key() || matches!(cmd, Self::SelectAll | Self::Undo | Self::Redo))
                {
                    continue;
                }
                if cmd.shortcuts().iter().any(|s| i.consume_shortcut(s)) {
                    out.push(cmd);
                }
            }
        });
        out
    }

    /// The shortcut text shown in menus ("Ctrl+S").
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }

    /// A menu item; returns true when clicked.
    pub fn menu_item(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        let text = self.shortcut_text(ui.ctx());
        ui.add_enabled(enabled, egui::Button::new(self.text()).shortcut_text(text))
            .clicked()
    }
}
