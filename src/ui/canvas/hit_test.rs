//! What is under the pointer, in world space, and the geometry shared with drawing.

use std::collections::HashMap;

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::domain::layout::{COMPONENT_H, COMPONENT_W, ZONE_HEADER};
use crate::domain::model::Map;

/// What a point hits, top-most first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// The small circle on a component's right edge: drag it to connect.
    ConnectHandle(usize),
    Component(usize),
    ZoneResize(usize),
    Connection(usize),
    ZoneHeader(usize),
    ZoneBody(usize),
    Nothing,
}

/// Radius of the connect handle, in screen points.
pub const HANDLE_RADIUS: f32 = 7.0;
/// Size of the zone resize grip, in screen points.
pub const GRIP: f32 = 14.0;

/// The resolved world geometry of one frame (drag previews applied).
#[derive(Clone, Debug, Default)]
pub struct Geometry {
    /// Component boxes, index-aligned with `map.components`.
    pub components: Vec<Rect>,
    /// Zone rectangles, index-aligned with `map.zones`.
    pub zones: Vec<Rect>,
}

pub fn component_box(centre: Pos2) -> Rect {
    Rect::from_center_size(centre, vec2(COMPONENT_W as f32, COMPONENT_H as f32))
}

pub fn header_rect(zone: Rect) -> Rect {
    Rect::from_min_size(zone.min, vec2(zone.width(), ZONE_HEADER as f32))
}

/// Where the connect handle of a component box sits (world).
pub fn handle_pos(r: Rect) -> Pos2 {
    pos2(r.right(), r.center().y)
}

/// The point where the ray from `r`'s centre towards `towards` leaves `r`.
pub fn boundary_point(r: Rect, towards: Pos2) -> Pos2 {
    let c = r.center();
    let d = towards - c;
    if d.length_sq() < 1e-6 {
        return c;
    }
    let tx = if d.x.abs() > 1e-6 {
        (r.width() / 2.0) / d.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if d.y.abs() > 1e-6 {
        (r.height() / 2.0) / d.y.abs()
    } else {
        f32::INFINITY
    };
    c + d * tx.min(ty).min(1.0)
}

/// The visible segment of a connection between two boxes (world), shifted sideways by
/// `lane` (for several connections between the same two components).
pub fn edge_segment(a: Rect, b: Rect, lane: f32) -> (Pos2, Pos2) {
    let d = b.center() - a.center();
    let n = if d.length_sq() > 1e-6 {
        vec2(-d.y, d.x).normalized()
    } else {
        Vec2::ZERO
    };
    let shift = n * lane;
    let ac = a.center() + shift;
    let bc = b.center() + shift;
    (
        boundary_point(a.translate(shift), bc),
        boundary_point(b.translate(shift), ac),
    )
}

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len_sq = ab.length_sq();
    if len_sq < 1e-9 {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len_sq).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// Per-map data the canvas needs every frame, rebuilt only when the map changes.
#[derive(Clone, Debug, Default)]
pub struct Topology {
    pub generation: Option<u64>,
    /// Component indices of each connection's ends (`None` if dangling).
    pub endpoints: Vec<Option<(usize, usize)>>,
    /// Sideways offset of each connection (parallel connections spread out).
    pub lanes: Vec<f32>,
}

impl Topology {
    pub fn build(map: &Map, generation: u64) -> Self {
        let index: HashMap<&str, usize> = map
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let endpoints: Vec<Option<(usize, usize)>> = map
            .connections
            .iter()
            .map(|c| Some((*index.get(c.from.as_str())?, *index.get(c.to.as_str())?)))
            .collect();
        let mut groups: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, e) in endpoints.iter().enumerate() {
            if let Some((a, b)) = *e {
                groups.entry((a.min(b), a.max(b))).or_default().push(i);
            }
        }
        let mut lanes = vec![0.0; endpoints.len()];
        for ((lo, _), members) in groups {
            if members.len() < 2 {
                continue;
            }
            let n = members.len() as f32;
            for (k, &i) in members.iter().enumerate() {
                // Lanes are measured in the direction lo→hi so both ways spread apart.
                let forward = endpoints[i].is_some_and(|(a, _)| a == lo);
                let sign = if forward { 1.0 } else { -1.0 };
                lanes[i] = sign * (k as f32 - (n - 1.0) / 2.0) * 16.0;
            }
        }
        Self {
            generation: Some(generation),
            endpoints,
            lanes,
        }
    }
}

/// What lies under a world point; `px` is the size of one screen point in world units.
pub fn hit(geo: &Geometry, topo: &Topology, p: Pos2, px: f32, handle_of: Option<usize>) -> Hit {
    if let Some(i) = handle_of
        && let Some(r) = geo.components.get(i)
        && handle_pos(*r).distance(p) <= (HANDLE_RADIUS + 3.0) * px
    {
        return Hit::ConnectHandle(i);
    }
    if let Some(i) = geo.components.iter().rposition(|r| r.contains(p)) {
        return Hit::Component(i);
    }
    for (i, z) in geo.zones.iter().enumerate().rev() {
        let grip = Rect::from_min_max(z.max - vec2(GRIP, GRIP) * px, z.max);
        if grip.expand(3.0 * px).contains(p) {
            return Hit::ZoneResize(i);
        }
    }
    for (i, ends) in topo.endpoints.iter().enumerate() {
        let Some((a, b)) = *ends else { continue };
        let (Some(ra), Some(rb)) = (geo.components.get(a), geo.components.get(b)) else {
            continue;
        };
        let (start, end) = edge_segment(*ra, *rb, topo.lanes.get(i).copied().unwrap_or(0.0));
        if distance_to_segment(p, start, end) <= 6.0 * px {
            return Hit::Connection(i);
        }
    }
    for (i, z) in geo.zones.iter().enumerate().rev() {
        if header_rect(*z).contains(p) {
            return Hit::ZoneHeader(i);
        }
    }
    if let Some(i) = geo.zones.iter().rposition(|z| z.contains(p)) {
        return Hit::ZoneBody(i);
    }
    Hit::Nothing
}

/// The innermost zone containing a world point (smallest area), if any.
pub fn zone_at(geo: &Geometry, p: Pos2, skip: Option<usize>) -> Option<usize> {
    geo.zones
        .iter()
        .enumerate()
        .filter(|(i, z)| Some(*i) != skip && z.contains(p))
        .min_by(|(_, a), (_, b)| a.area().total_cmp(&b.area()))
        .map(|(i, _)| i)
}
