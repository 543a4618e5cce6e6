//! Where a new item goes: the one rule of free space, used by every insertion (a palette
//! click or drop, Add zone, Add note, paste, duplicate, import). A new item never lands on
//! or right against an existing box or note, and never across a zone's border: it is
//! wholly inside a zone's body (below its title) or wholly clear of the zone.

use super::layout::{Layout, ZONE_HEADER};
use super::model::{Pos, Rect};

/// Clearance kept around boxes and notes.
const BOX_GAP: f64 = 16.0;
/// Clearance kept from a zone's border (inside or outside).
const ZONE_GAP: f64 = 12.0;
/// Rings of the search before giving up on nearby space.
const RINGS: i32 = 60;

/// Where a new item may go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Within {
    /// Inside a zone's body or clear of every zone (a component: it joins the zone it lands
    /// in), never across a border.
    Anywhere,
    /// Inside this zone's body.
    Zone(Rect),
    /// Clear of every zone (a new zone; a pasted group, whose items belong to no zone here).
    Outside,
}

/// What is drawn already: boxes and notes to keep off, zones whose borders to keep off.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Occupied {
    pub boxes: Vec<Rect>,
    pub zones: Vec<Rect>,
}

impl Occupied {
    /// The boxes, notes and zones of a drawing.
    pub fn new(layout: &Layout, notes: &[Rect]) -> Self {
        let mut boxes: Vec<Rect> = (0..layout.components.len())
            .filter_map(|i| layout.component_rect(i))
            .collect();
        boxes.extend_from_slice(notes);
        Self {
            boxes,
            zones: layout.zones.clone(),
        }
    }

    /// True when an item at `r` keeps clear of every box and note and crosses no zone
    /// border, within `within`.
    pub fn is_free(&self, r: Rect, within: Within) -> bool {
        let clear_of_boxes = !self.boxes.iter().any(|b| overlaps(&grow(*b, BOX_GAP), &r));
        clear_of_boxes
            && match within {
                Within::Zone(z) => inside(&body(z), &r),
                Within::Outside => self
                    .zones
                    .iter()
                    .all(|z| !overlaps(&grow(*z, ZONE_GAP), &r)),
                Within::Anywhere => self
                    .zones
                    .iter()
                    .all(|z| !overlaps(&grow(*z, ZONE_GAP), &r) || inside(&body(*z), &r)),
            }
    }

    /// The centre nearest to `start` (searched outwards on a grid of `step`) for an item of
    /// `size` that is free (see [`Occupied::is_free`]). When no nearby spot is free, a spot
    /// right of everything (inside the zone for [`Within::Zone`], below its contents).
    pub fn free_spot(&self, size: (f64, f64), start: Pos, within: Within, step: f64) -> Pos {
        let step = step.max(1.0);
        let snap = |v: f64| (v / step).round() * step;
        let at = |c: Pos| Rect::new(c.x - size.0 / 2.0, c.y - size.1 / 2.0, size.0, size.1);
        let start = Pos::new(snap(start.x), snap(start.y));
        for ring in 0..RINGS {
            for dy in -ring..=ring {
                for dx in -ring..=ring {
                    if dx.abs() != ring && dy.abs() != ring {
                        continue;
                    }
                    // Wider steps sideways: boxes are wider than tall.
                    let c = Pos::new(
                        start.x + f64::from(dx) * step * 2.0,
                        start.y + f64::from(dy) * step,
                    );
                    if self.is_free(at(c), within) {
                        return c;
                    }
                }
            }
        }
        self.beyond(size, within, step)
    }

    /// A spot right of everything drawn (always free), or for a zone below its contents.
    fn beyond(&self, size: (f64, f64), within: Within, step: f64) -> Pos {
        let snap = |v: f64| (v / step).ceil() * step;
        if let Within::Zone(z) = within {
            let b = body(z);
            let bottom = self
                .boxes
                .iter()
                .filter(|r| overlaps(&b, r))
                .map(|r| r.y + r.h)
                .fold(b.y, f64::max);
            return Pos::new(b.x + size.0 / 2.0, snap(bottom + BOX_GAP + size.1 / 2.0));
        }
        let all = self.boxes.iter().chain(&self.zones);
        let right = all
            .clone()
            .map(|r| r.x + r.w)
            .fold(f64::NEG_INFINITY, f64::max);
        let top = all.map(|r| r.y).fold(f64::INFINITY, f64::min);
        if right.is_finite() && top.is_finite() {
            Pos::new(
                snap(right + 2.0 * ZONE_GAP.max(BOX_GAP) + size.0 / 2.0),
                snap(top + size.1 / 2.0),
            )
        } else {
            Pos::new(0.0, 0.0)
        }
    }
}

/// A zone's body: below its title strip, inside its border with the clearance.
fn body(z: Rect) -> Rect {
    Rect::new(
        z.x + ZONE_GAP,
        z.y + ZONE_HEADER + ZONE_GAP,
        (z.w - 2.0 * ZONE_GAP).max(0.0),
        (z.h - ZONE_HEADER - 2.0 * ZONE_GAP).max(0.0),
    )
}

fn grow(r: Rect, by: f64) -> Rect {
    Rect::new(r.x - by, r.y - by, r.w + 2.0 * by, r.h + 2.0 * by)
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn inside(outer: &Rect, r: &Rect) -> bool {
    r.x >= outer.x
        && r.y >= outer.y
        && r.x + r.w <= outer.x + outer.w
        && r.y + r.h <= outer.y + outer.h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> Rect {
        Rect::new(0.0, 0.0, 600.0, 400.0)
    }

    #[test]
    fn a_spot_is_never_on_a_box_nor_across_a_zone_border() {
        let occupied = Occupied {
            boxes: vec![Rect::new(210.0, 168.0, 180.0, 64.0)],
            zones: vec![zone()],
        };
        let size = (180.0, 64.0);
        // Started on the box, on the border and outside: each lands free.
        for start in [
            Pos::new(300.0, 200.0),
            Pos::new(600.0, 200.0),
            Pos::new(900.0, 200.0),
        ] {
            let c = occupied.free_spot(size, start, Within::Anywhere, 20.0);
            let r = Rect::new(c.x - 90.0, c.y - 32.0, 180.0, 64.0);
            assert!(occupied.is_free(r, Within::Anywhere), "{start:?} → {c:?}");
            let z = zone();
            let crosses = overlaps(&z, &r) && !inside(&z, &r);
            assert!(!crosses, "{start:?} → {c:?} straddles the zone's border");
        }
        // A new zone keeps clear of the old one.
        let c = occupied.free_spot(
            (540.0, 320.0),
            Pos::new(300.0, 200.0),
            Within::Outside,
            20.0,
        );
        let r = Rect::new(c.x - 270.0, c.y - 160.0, 540.0, 320.0);
        assert!(!overlaps(&zone(), &r));
        // Inside a zone: in its body, below the title.
        let c = occupied.free_spot(size, Pos::new(300.0, 20.0), Within::Zone(zone()), 20.0);
        let r = Rect::new(c.x - 90.0, c.y - 32.0, 180.0, 64.0);
        assert!(inside(&body(zone()), &r) && occupied.is_free(r, Within::Zone(zone())));
    }

    #[test]
    fn a_full_neighbourhood_still_gives_a_free_spot() {
        // A wall of boxes around the start: the spot goes right of everything.
        let boxes: Vec<Rect> = (-40..40)
            .flat_map(|i| {
                (-40..40)
                    .map(move |j| Rect::new(f64::from(i) * 200.0, f64::from(j) * 80.0, 190.0, 70.0))
            })
            .collect();
        let occupied = Occupied {
            boxes,
            zones: Vec::new(),
        };
        let c = occupied.free_spot((180.0, 64.0), Pos::new(0.0, 0.0), Within::Anywhere, 20.0);
        let r = Rect::new(c.x - 90.0, c.y - 32.0, 180.0, 64.0);
        assert!(occupied.is_free(r, Within::Anywhere), "{c:?}");
    }
}
