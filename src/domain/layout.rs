//! Where things are drawn: the positions the file gives, and an automatic layout for the
//! zones and components that have none. Shared by the canvas and the diagram exports, so
//! both draw the same picture.

use super::model::{Map, Pos, Rect};

/// Width of a component box, in world units.
pub const COMPONENT_W: f64 = 180.0;
/// Height of a component box, in world units.
pub const COMPONENT_H: f64 = 64.0;
/// Horizontal and vertical pitch of the automatic grid.
const PITCH_X: f64 = 240.0;
const PITCH_Y: f64 = 120.0;
/// Margin inside an automatically sized zone.
const ZONE_PAD: f64 = 40.0;
/// Height of a zone's title strip.
pub const ZONE_HEADER: f64 = 28.0;

/// Resolved geometry of a map, index-aligned with `map.zones` and `map.components`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub zones: Vec<Rect>,
    /// Centres of the component boxes.
    pub components: Vec<Pos>,
}

impl Layout {
    /// The box of component `i` (centre ± half size).
    pub fn component_rect(&self, i: usize) -> Option<Rect> {
        self.components.get(i).map(|c| component_rect_at(*c))
    }

    /// The rectangle that holds everything (zones and component boxes), if anything.
    pub fn bounds(&self) -> Option<Rect> {
        let rects = self
            .zones
            .iter()
            .copied()
            .chain(self.components.iter().map(|c| component_rect_at(*c)));
        rects.reduce(union)
    }
}

/// The box of a component centred at `c`.
pub fn component_rect_at(c: Pos) -> Rect {
    Rect::new(
        c.x - COMPONENT_W / 2.0,
        c.y - COMPONENT_H / 2.0,
        COMPONENT_W,
        COMPONENT_H,
    )
}

/// The smallest rectangle holding both.
pub fn union(a: Rect, b: Rect) -> Rect {
    let x0 = a.x.min(b.x);
    let y0 = a.y.min(b.y);
    let x1 = (a.x + a.w).max(b.x + b.w);
    let y1 = (a.y + a.h).max(b.y + b.h);
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// Lays out a map: given positions are kept; the rest is placed on a grid.
///
/// Components without `pos` go on a grid inside their zone (below the ones that have a
/// position); zones without `rect` are sized to their contents and placed in a row to the
/// right of the others; components outside any zone without `pos` go in a row below.
pub fn layout(map: &Map) -> Layout {
    let mut components: Vec<Option<Pos>> = map.components.iter().map(|c| c.pos).collect();
    let mut zones: Vec<Option<Rect>> = map.zones.iter().map(|z| z.rect).collect();

    // 1. Zones with a rect: place their unpositioned members on a grid inside.
    for (zi, zone) in map.zones.iter().enumerate() {
        let members = members_of(map, &zone.id);
        let missing: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| components.get(i).copied().flatten().is_none())
            .collect();
        if missing.is_empty() {
            continue;
        }
        if let Some(Some(rect)) = zones.get(zi).copied() {
            let cols = (((rect.w - ZONE_PAD) / PITCH_X).floor() as usize).max(1);
            let placed_bottom = members
                .iter()
                .filter_map(|&i| components.get(i).copied().flatten())
                .map(|p| p.y + COMPONENT_H / 2.0)
                .fold(rect.y + ZONE_HEADER, f64::max);
            let top = if placed_bottom > rect.y + ZONE_HEADER {
                placed_bottom + PITCH_Y / 2.0
            } else {
                rect.y + ZONE_HEADER + ZONE_PAD
            };
            for (k, &i) in missing.iter().enumerate() {
                let pos = Pos::new(
                    rect.x + ZONE_PAD + COMPONENT_W / 2.0 + (k % cols) as f64 * PITCH_X,
                    top + COMPONENT_H / 2.0 + (k / cols) as f64 * PITCH_Y,
                );
                if let Some(slot) = components.get_mut(i) {
                    *slot = Some(pos);
                }
            }
        }
    }

    // 2. Zones without a rect: a row to the right of everything placed so far.
    let mut next_x = placed_right(&zones, &components) + 2.0 * ZONE_PAD;
    for (zi, zone) in map.zones.iter().enumerate() {
        if zones.get(zi).copied().flatten().is_some() {
            continue;
        }
        let members = members_of(map, &zone.id);
        let n = members.len().max(1);
        let cols = (n as f64).sqrt().ceil() as usize;
        let rows = n.div_ceil(cols);
        let origin = Pos::new(next_x, 0.0);
        let mut rect = Rect::new(
            origin.x,
            origin.y,
            2.0 * ZONE_PAD + COMPONENT_W + (cols - 1) as f64 * PITCH_X,
            ZONE_HEADER + 2.0 * ZONE_PAD + COMPONENT_H + (rows - 1) as f64 * PITCH_Y,
        );
        for (k, &i) in members.iter().enumerate() {
            let slot = components.get_mut(i);
            if let Some(slot) = slot {
                if slot.is_none() {
                    *slot = Some(Pos::new(
                        rect.x + ZONE_PAD + COMPONENT_W / 2.0 + (k % cols) as f64 * PITCH_X,
                        rect.y
                            + ZONE_HEADER
                            + ZONE_PAD
                            + COMPONENT_H / 2.0
                            + (k / cols) as f64 * PITCH_Y,
                    ));
                }
                // Members drawn elsewhere by their own pos still belong inside the zone.
                if let Some(p) = *slot {
                    rect = union(rect, grow(component_rect_at(p), ZONE_PAD));
                }
            }
        }
        next_x = rect.x + rect.w + 2.0 * ZONE_PAD;
        if let Some(slot) = zones.get_mut(zi) {
            *slot = Some(rect);
        }
    }

    // 3. Components outside zones without a position: a row below everything.
    let bottom = placed_bottom(&zones, &components) + PITCH_Y;
    let mut k = 0usize;
    for (i, comp) in map.components.iter().enumerate() {
        let Some(slot) = components.get_mut(i) else {
            continue;
        };
        if slot.is_none() && comp.zone.as_ref().is_none_or(|z| map.zone(z).is_none()) {
            *slot = Some(Pos::new(
                COMPONENT_W / 2.0 + (k % 8) as f64 * PITCH_X,
                bottom + (k / 8) as f64 * PITCH_Y,
            ));
            k += 1;
        }
    }

    Layout {
        zones: zones.into_iter().map(Option::unwrap_or_default).collect(),
        components: components
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect(),
    }
}

/// Indices of the components drawn in a zone.
fn members_of(map: &Map, zone: &crate::domain::ids::Id) -> Vec<usize> {
    map.components
        .iter()
        .enumerate()
        .filter(|(_, c)| c.zone.as_ref() == Some(zone))
        .map(|(i, _)| i)
        .collect()
}

fn grow(r: Rect, by: f64) -> Rect {
    Rect::new(r.x - by, r.y - by, r.w + 2.0 * by, r.h + 2.0 * by)
}

fn placed_right(zones: &[Option<Rect>], comps: &[Option<Pos>]) -> f64 {
    let z = zones.iter().flatten().map(|r| r.x + r.w);
    let c = comps.iter().flatten().map(|p| p.x + COMPONENT_W / 2.0);
    z.chain(c)
        .fold(f64::NEG_INFINITY, f64::max)
        .max(-2.0 * ZONE_PAD)
}

fn placed_bottom(zones: &[Option<Rect>], comps: &[Option<Pos>]) -> f64 {
    let z = zones.iter().flatten().map(|r| r.y + r.h);
    let c = comps.iter().flatten().map(|p| p.y + COMPONENT_H / 2.0);
    z.chain(c).fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::Id;
    use crate::domain::model::{Component, Host, Kind, Provider, Zone};

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    #[test]
    fn given_positions_are_kept_and_missing_ones_do_not_overlap() {
        let mut map = Map::new("t");
        map.zones.push(Zone {
            id: id("z"),
            label: "Z".into(),
            host: Host::new(Provider::Aws, None),
            rect: None,
        });
        for n in 0..5 {
            let mut c = Component::new(id(&format!("c{n}")), "C", Kind::Agent);
            c.zone = Some(id("z"));
            map.components.push(c);
        }
        let mut fixed = Component::new(id("fixed"), "F", Kind::Client);
        fixed.pos = Some(Pos::new(-500.0, -500.0));
        map.components.push(fixed);
        map.components.push(Component::new(
            id("loose"),
            "L",
            Kind::Tool {
                service: "x".into(),
            },
        ));

        let l = layout(&map);
        assert_eq!(l.components[5], Pos::new(-500.0, -500.0));
        let zone = l.zones[0];
        for i in 0..5 {
            let r = l.component_rect(i).unwrap();
            assert!(
                zone.contains(Pos::new(r.x, r.y)) && zone.contains(Pos::new(r.x + r.w, r.y + r.h)),
                "c{i} inside its zone"
            );
            for j in 0..i {
                assert_ne!(l.components[i], l.components[j], "c{i} and c{j} overlap");
            }
        }
        let loose = l.components[6];
        assert!(
            loose.y > zone.y + zone.h,
            "the loose component sits below the zones"
        );
    }
}
