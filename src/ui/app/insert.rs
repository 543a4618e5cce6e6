//! Items coming into the open map: a group of items (paste, duplicate, import) and a new
//! zone, each placed in free space by the core's one rule (`domain::place`).

use super::App;
use super::actions::plural;
use crate::domain::edit::Edit;
use crate::domain::layout::COMPONENT_W;
use crate::domain::model::{Host, Provider, Rect, Zone};
use crate::ui::clip;
use crate::ui::state::Selection;

impl App {
    /// The one way a group of items comes into the open map (paste, duplicate, import):
    /// the map text's items, with fresh ids, placed as a group in free space (clear of every
    /// box, note and zone: they belong to no zone here) nearest to `near` (world), else to
    /// the view's centre. One undo step; the new items are selected.
    pub fn insert_items(&mut self, text: &str, near: Option<crate::domain::model::Pos>) {
        let pasted =
            crate::io::map_file::load_str(text, "<clipboard>", crate::domain::Catalog::builtin())
                .ok();
        let bounds = pasted
            .as_ref()
            .and_then(|m| crate::domain::layout::layout(m).bounds());
        let offset = bounds.map_or((0.0, 0.0), |b| {
            let geo = crate::ui::canvas::geometry(&self.doc, &crate::ui::state::Drag::None);
            let start = near.unwrap_or_else(|| crate::ui::canvas::to_pos(self.state.view_centre()));
            let at = crate::ui::canvas::occupied(&geo).free_spot(
                (b.w, b.h),
                start,
                crate::domain::place::Within::Outside,
                f64::from(crate::ui::canvas::GRID),
            );
            let c = b.center();
            ((at.x - c.x).round(), (at.y - c.y).round())
        });
        match clip::paste(self.doc.map(), text, offset) {
            Ok((edit, sel)) => {
                self.edit(edit, None);
                self.state.selection = sel;
                let n = self.state.selection.components.len() + self.state.selection.zones.len();
                self.say(format!("Pasted {}", plural(n, "item", "items")));
            }
            Err(e) => self.say(format!(
                "Nothing pasted: {}",
                e.lines().next().unwrap_or_default()
            )),
        }
    }

    pub(super) fn add_zone(&mut self) {
        // In free space near the view's centre: on no box, across no other zone's border.
        let geo = crate::ui::canvas::geometry(&self.doc, &crate::ui::state::Drag::None);
        let (w, h) = (COMPONENT_W * 3.0, 320.0);
        let c = crate::ui::canvas::occupied(&geo).free_spot(
            (w, h),
            crate::ui::canvas::to_pos(self.state.view_centre()),
            crate::domain::place::Within::Outside,
            f64::from(crate::ui::canvas::GRID),
        );
        let id = self.doc.map().unique_id("zone");
        let zone = Zone {
            id: id.clone(),
            label: "New zone".to_owned(),
            host: Host::new(Provider::Azure, Some("eastus")),
            rect: Some(Rect::new(c.x - w / 2.0, c.y - h / 2.0, w, h)),
        };
        self.edit(Edit::AddZone { zone, index: None }, None);
        self.state.selection = Selection::only_zone(id);
    }
}
