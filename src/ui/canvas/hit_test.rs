//! What is under the pointer, in world space, and the geometry shared with drawing.

use egui::{Pos2, Rect, pos2, vec2};

use crate::domain::layout::{COMPONENT_H, COMPONENT_W, ZONE_HEADER};
use crate::domain::model::Map;
use crate::domain::scene::{self, Links};

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
    /// A sticky note (index into `Map::notes`), and its resize grip.
    Note(usize),
    NoteResize(usize),
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
    /// Sticky notes, index-aligned with `map.notes` (drawn over everything: hit first).
    pub notes: Vec<Rect>,
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

/// The visible segment of a connection between two boxes (world), on its lane: the
/// core's geometry ([`scene::segment`]), the one the diagram export draws. `None` when the
/// boxes overlap too much for a line.
pub fn edge_segment(a: Rect, b: Rect, lane: f32) -> Option<(Pos2, Pos2)> {
    let (s, e) = scene::segment(
        super::to_model_rect(a),
        super::to_model_rect(b),
        f64::from(lane),
    )?;
    Some((pos2(s.x as f32, s.y as f32), pos2(e.x as f32, e.y as f32)))
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

/// Per-map data the canvas needs every frame, rebuilt only when the map changes: the
/// core's [`Links`] (ends, lanes, pairs).
#[derive(Clone, Debug, Default)]
pub struct Topology {
    pub generation: Option<u64>,
    pub links: Links,
}

impl Topology {
    pub fn build(map: &Map, generation: u64) -> Self {
        Self {
            generation: Some(generation),
            links: Links::of(map),
        }
    }

    /// Component indices of connection `i`'s ends.
    pub fn ends(&self, i: usize) -> Option<(usize, usize)> {
        self.links.ends.get(i).copied().flatten()
    }

    /// Sideways offset of connection `i`.
    pub fn lane(&self, i: usize) -> f32 {
        self.links.lanes.get(i).copied().unwrap_or(0.0) as f32
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
    for (i, n) in geo.notes.iter().enumerate().rev() {
        let grip = Rect::from_min_max(n.max - vec2(GRIP, GRIP) * px, n.max);
        if grip.expand(3.0 * px).contains(p) {
            return Hit::NoteResize(i);
        }
        if n.contains(p) {
            return Hit::Note(i);
        }
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
    for i in 0..topo.links.ends.len() {
        let Some((a, b)) = topo.ends(i) else { continue };
        let (Some(ra), Some(rb)) = (geo.components.get(a), geo.components.get(b)) else {
            continue;
        };
        let Some((start, end)) = edge_segment(*ra, *rb, topo.lane(i)) else {
            continue;
        };
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

/// What the canvas draws, in world units, named by the map's ids: the boxes, zones and
/// notes, each connection's line between the boxes it is drawn between, and the latency
/// labels. Derived exactly as the painter derives it (the window's [`Topology`] and
/// [`Geometry`], the document's scene), so two windows that draw the same picture have
/// equal `Drawn`s.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    pub boxes: Vec<(String, Rect)>,
    pub zones: Vec<(String, Rect)>,
    pub notes: Vec<Rect>,
    /// (from box, to box, start, end) per connection drawn.
    pub lines: Vec<(String, String, Pos2, Pos2)>,
    /// (value, centre) per latency label.
    pub labels: Vec<(String, Pos2)>,
}

impl Drawn {
    pub fn of(map: &Map, geo: &Geometry, topo: &Topology, scene: &scene::Scene) -> Self {
        let id = |i: usize| {
            map.components
                .get(i)
                .map_or_else(|| format!("#{i}"), |c| c.id.as_str().to_owned())
        };
        let lines = (0..map.connections.len())
            .filter_map(|i| {
                let (a, b) = topo.ends(i)?;
                let (s, e) = edge_segment(
                    *geo.components.get(a)?,
                    *geo.components.get(b)?,
                    topo.lane(i),
                )?;
                Some((id(a), id(b), s, e))
            })
            .collect();
        Self {
            boxes: map
                .components
                .iter()
                .zip(&geo.components)
                .map(|(c, r)| (c.id.as_str().to_owned(), *r))
                .collect(),
            zones: map
                .zones
                .iter()
                .zip(&geo.zones)
                .map(|(z, r)| (z.id.as_str().to_owned(), *r))
                .collect(),
            notes: geo.notes.clone(),
            lines,
            labels: scene
                .labels
                .iter()
                .map(|l| (l.value.clone(), pos2(l.centre.x as f32, l.centre.y as f32)))
                .collect(),
        }
    }
}
