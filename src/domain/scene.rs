//! Where everything of the drawing goes: the one geometry of the canvas and of every
//! diagram export. Boxes, the lines of their text, sticky notes, connection lanes clipped to
//! the boxes, the latency labels (one per pair of connected boxes, clear of boxes, titles and
//! each other) and which boxes wear a lock-in badge are decided here, in world units. The
//! canvas only converts to screen space; the SVG (and the PNG/PDF drawn from it) only writes
//! them down.

use std::collections::HashMap;

use super::analysis::{Analysis, Category, ComponentResult};
use super::layout::{COMPONENT_H, COMPONENT_W, Layout, ZONE_HEADER, component_rect_at, union};
use super::model::{Host, Kind, Map, NoteColour, Pos, Rect};
use super::text::{fit, width, wrap};

/// Component label size (bold) and the size of its two smaller lines.
pub const LABEL_SIZE: f64 = 11.5;
pub const DETAIL_SIZE: f64 = 9.5;
/// Line height of a two-line label.
pub const LABEL_LINE: f64 = 13.0;
/// Where a box's text starts (right of the icon tile) and how wide it may be.
pub const TEXT_X: f64 = 44.0;
pub const TEXT_W: f64 = COMPONENT_W - 44.0 - 8.0;
/// Sticky notes: width, text size, line height, most lines shown.
pub const NOTE_W: f64 = 220.0;
pub const NOTE_SIZE: f64 = 11.0;
pub const NOTE_LINE: f64 = 14.0;
pub const NOTE_MAX_LINES: usize = 6;
/// Latency labels: value size (bold) and caption size.
pub const EDGE_VALUE_SIZE: f64 = 10.0;
pub const EDGE_CAPTION_SIZE: f64 = 9.0;
/// Sideways distance between parallel connections of one pair.
pub const LANE: f64 = 14.0;

/// The connections of a map as the drawing sees them: each one's ends, its lane, and the
/// groups of connections between the same two boxes (one latency label per group).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Links {
    /// Component indices of each connection's ends (`None` when an end does not exist).
    pub ends: Vec<Option<(usize, usize)>>,
    /// Sideways offset of each connection (parallel connections of one pair spread out).
    pub lanes: Vec<f64>,
    /// Connections between the same two boxes, in file order; every connection in one.
    pub pairs: Vec<Vec<usize>>,
}

impl Links {
    pub fn of(map: &Map) -> Self {
        let index: HashMap<&str, usize> = map
            .components
            .iter()
            .enumerate()
            .rev()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let ends: Vec<Option<(usize, usize)>> = map
            .connections
            .iter()
            .map(|c| Some((*index.get(c.from.as_str())?, *index.get(c.to.as_str())?)))
            .collect();
        let mut by_pair: HashMap<(usize, usize), usize> = HashMap::new();
        let mut pairs: Vec<Vec<usize>> = Vec::new();
        for (i, e) in ends.iter().enumerate() {
            let Some((a, b)) = *e else { continue };
            let key = (a.min(b), a.max(b));
            let at = *by_pair.entry(key).or_insert_with(|| {
                pairs.push(Vec::new());
                pairs.len() - 1
            });
            if let Some(group) = pairs.get_mut(at) {
                group.push(i);
            }
        }
        let mut lanes = vec![0.0; ends.len()];
        for group in &pairs {
            let n = group.len() as f64;
            for (k, &i) in group.iter().enumerate() {
                let Some(Some((a, b))) = ends.get(i).copied() else {
                    continue;
                };
                // Measured in the direction low index → high index, so both ways spread.
                let sign = if a <= b { 1.0 } else { -1.0 };
                if let Some(l) = lanes.get_mut(i) {
                    *l = sign * (k as f64 - (n - 1.0) / 2.0) * LANE;
                }
            }
        }
        Self { ends, lanes, pairs }
    }
}

/// Where one connection is drawn: from the edge of one box to the edge of the other.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeLine {
    pub from: usize,
    pub to: usize,
    /// Start, just outside the first box.
    pub a: Pos,
    /// End (the arrow's tip), just outside the second box.
    pub b: Pos,
}

/// The segment between two boxes' centres, moved sideways by `lane` and clipped to both
/// boxes (2 units clear of the start, 4 of the end for the arrowhead). `None` when the
/// boxes overlap too much to draw a line between them.
pub fn segment(from: Rect, to: Rect, lane: f64) -> Option<(Pos, Pos)> {
    let (ca, cb) = (from.center(), to.center());
    let (vx, vy) = (cb.x - ca.x, cb.y - ca.y);
    let len = vx.hypot(vy);
    if len < 1.0 {
        return None;
    }
    let (nx, ny) = (-vy / len * lane, vx / len * lane);
    let start = Pos::new(ca.x + nx, ca.y + ny);
    // The fraction of the centre-to-centre vector inside a box (half size + gap).
    let inside = |r: Rect, pad: f64| {
        let tx = if vx.abs() > 1e-9 {
            (r.w / 2.0 + pad) / vx.abs()
        } else {
            f64::INFINITY
        };
        let ty = if vy.abs() > 1e-9 {
            (r.h / 2.0 + pad) / vy.abs()
        } else {
            f64::INFINITY
        };
        tx.min(ty)
    };
    let t0 = inside(from, 2.0);
    let t1 = 1.0 - inside(to, 4.0);
    if t1 <= t0 {
        return None;
    }
    Some((
        Pos::new(start.x + vx * t0, start.y + vy * t0),
        Pos::new(start.x + vx * t1, start.y + vy * t1),
    ))
}

/// Every connection's line (index-aligned with `map.connections`).
pub fn edges(links: &Links, boxes: &[Rect]) -> Vec<Option<EdgeLine>> {
    links
        .ends
        .iter()
        .zip(&links.lanes)
        .map(|(ends, &lane)| {
            let (from, to) = (*ends)?;
            let (a, b) = segment(*boxes.get(from)?, *boxes.get(to)?, lane)?;
            Some(EdgeLine { from, to, a, b })
        })
        .collect()
}

/// A latency label: the round trip of the connections between two boxes, shown once.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeLabel {
    /// Centre of the value pill.
    pub centre: Pos,
    /// Size of the pill.
    pub w: f64,
    pub h: f64,
    /// The round trip(s): `10.4 ms`, or `1.0 / 6.0 ms` when the pair's differ.
    pub value: String,
    /// The connection's own label (one connection), or how many there are; below the pill.
    pub caption: Option<String>,
    /// Any of the pair's connections crosses clouds.
    pub cross_cloud: bool,
    /// The connections it stands for.
    pub connections: Vec<usize>,
}

impl EdgeLabel {
    /// The rectangle the pill and its caption take.
    pub fn area(&self) -> Rect {
        let cap_w = self
            .caption
            .as_deref()
            .map_or(0.0, |c| width(c, EDGE_CAPTION_SIZE, false));
        let w = self.w.max(cap_w);
        let h = if self.caption.is_some() { 30.0 } else { self.h };
        Rect::new(self.centre.x - w / 2.0, self.centre.y - self.h / 2.0, w, h)
    }
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// Rectangles to keep clear of, found by a coarse grid (so a big map stays fast).
struct Obstacles {
    cell: f64,
    grid: HashMap<(i64, i64), Vec<Rect>>,
}

impl Obstacles {
    fn new() -> Self {
        Self {
            cell: 256.0,
            grid: HashMap::new(),
        }
    }

    fn cells(&self, r: &Rect) -> impl Iterator<Item = (i64, i64)> + use<> {
        let c = self.cell;
        let (x0, x1) = ((r.x / c).floor() as i64, ((r.x + r.w) / c).floor() as i64);
        let (y0, y1) = ((r.y / c).floor() as i64, ((r.y + r.h) / c).floor() as i64);
        // Huge rectangles (a zone's title strip across the map) stay bounded.
        let (x1, y1) = (x1.min(x0 + 256), y1.min(y0 + 256));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn add(&mut self, r: Rect) {
        for cell in self.cells(&r).collect::<Vec<_>>() {
            self.grid.entry(cell).or_default().push(r);
        }
    }

    fn clear(&self, r: &Rect) -> bool {
        self.cells(r).all(|cell| {
            self.grid
                .get(&cell)
                .is_none_or(|list| !list.iter().any(|o| overlaps(o, r)))
        })
    }
}

/// One latency label per pair of connected boxes, placed along its middle connection where
/// it is clear of every box, zone title and earlier label (the nearest clear spot to the
/// middle; the middle itself when none is clear).
pub fn edge_labels(
    map: &Map,
    analysis: &Analysis,
    links: &Links,
    edges: &[Option<EdgeLine>],
    zones: &[Rect],
    boxes: &[Rect],
) -> Vec<EdgeLabel> {
    let mut obstacles = Obstacles::new();
    for z in zones {
        obstacles.add(Rect::new(z.x, z.y, z.w, ZONE_HEADER));
    }
    for b in boxes {
        obstacles.add(*b);
    }
    let mut out = Vec::new();
    for group in &links.pairs {
        let drawn: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&i| edges.get(i).copied().flatten().is_some())
            .collect();
        let Some(&middle) = drawn.get(drawn.len() / 2) else {
            continue;
        };
        let Some(line) = edges.get(middle).copied().flatten() else {
            continue;
        };
        let results: Vec<_> = drawn
            .iter()
            .filter_map(|&i| analysis.connections.get(i))
            .collect();
        if results.is_empty() {
            continue;
        }
        let mut values: Vec<String> = results.iter().map(|r| r.rtt_label()).collect();
        values.dedup();
        let value = if values.len() == 1 {
            values.remove(0)
        } else {
            let numbers: Vec<String> = values
                .iter()
                .map(|v| v.trim_end_matches(" ms").to_owned())
                .collect();
            format!("{} ms", numbers.join(" / "))
        };
        let cross_cloud = results.iter().any(|r| r.cross_cloud);
        let (dx, dy) = (line.b.x - line.a.x, line.b.y - line.a.y);
        let room = if dx.abs() > dy.abs() {
            (dx.hypot(dy) - 8.0).min(150.0)
        } else {
            150.0
        };
        let caption = match drawn.as_slice() {
            [one] => map
                .connections
                .get(*one)
                .map(|c| c.label.as_str())
                .filter(|l| !l.is_empty() && room >= 40.0)
                .map(|l| fit(l, EDGE_CAPTION_SIZE, false, room).into_owned()),
            many => Some(format!("{} connections", many.len())),
        };
        let w = width(&value, EDGE_VALUE_SIZE, true) + 12.0;
        let mut label = EdgeLabel {
            centre: line.a,
            w,
            h: 16.0,
            value,
            caption,
            cross_cloud,
            connections: drawn,
        };
        // Along the line from its middle outwards, then beside it (either side).
        let len = dx.hypot(dy).max(1e-9);
        let (nx, ny) = (-dy / len, dx / len);
        let at = |(f, side): (f64, f64)| {
            Pos::new(line.a.x + dx * f + nx * side, line.a.y + dy * f + ny * side)
        };
        let fractions = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
        let spot = [0.0, 22.0, -22.0, 44.0, -44.0]
            .into_iter()
            .flat_map(|side| fractions.into_iter().map(move |f| (f, side)))
            .map(at)
            .find(|&p| {
                label.centre = p;
                obstacles.clear(&label.area())
            })
            .unwrap_or_else(|| at((0.5, 0.0)));
        label.centre = spot;
        obstacles.add(label.area());
        out.push(label);
    }
    out
}

/// A sticky note's box and the lines of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteBox {
    pub rect: Rect,
    pub lines: Vec<String>,
    pub colour: NoteColour,
    /// The note holds no text (only blanks): drawn on the canvas, to be written in; never
    /// exported (a note is exported with its text).
    pub blank: bool,
}

/// Sticky notes: centred on their `pos`; those without one go in a row below everything.
pub fn notes(map: &Map, layout: &Layout) -> Vec<NoteBox> {
    let bounds = layout.bounds();
    let below = bounds.map_or(0.0, |b| b.y + b.h) + 40.0;
    let left = bounds.map_or(0.0, |b| b.x);
    let mut k = 0.0;
    map.notes
        .iter()
        .map(|note| {
            // A resized note holds the lines its height has room for; else up to six.
            let (w, max_lines) = match note.size {
                Some(s) => (s.w, (((s.h - 16.0) / NOTE_LINE).floor().max(1.0)) as usize),
                None => (NOTE_W, NOTE_MAX_LINES),
            };
            let lines = wrap(
                &note.text,
                NOTE_SIZE,
                false,
                (w - 20.0).max(20.0),
                max_lines,
            );
            let h = note
                .size
                .map_or(16.0 + lines.len().max(1) as f64 * NOTE_LINE, |s| s.h);
            let rect = if let Some(p) = note.pos {
                Rect::new(p.x - w / 2.0, p.y - h / 2.0, w, h)
            } else {
                let r = Rect::new(left + k, below, w, h);
                k += w + 20.0;
                r
            };
            NoteBox {
                rect,
                lines,
                colour: note.colour,
                blank: note.text.trim().is_empty(),
            }
        })
        .collect()
}

/// What a component box says: its label (one or two lines), its kind and its host.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxText {
    pub label: Vec<String>,
    pub detail: String,
    pub host: String,
    /// The host line says where it really runs when that is not where it was drawn.
    pub moved: bool,
}

/// A one-line description of a component's kind, e.g. `Model call · OpenAI gpt-5.2`.
pub fn kind_detail(kind: &Kind) -> String {
    let tag = kind.tag().label();
    let detail = match kind {
        Kind::ModelCall { vendor, model, .. } => format!("{} {model}", vendor.label()),
        Kind::StatefulRuntime {
            vendor, channel, ..
        }
        | Kind::AgentPlatform {
            vendor, channel, ..
        } => format!("{} · {}", vendor.label(), channel.label()),
        Kind::StateStore { service, .. }
        | Kind::Tool { service }
        | Kind::DataSource { service } => service.clone(),
        Kind::Client | Kind::Agent | Kind::Gateway | Kind::HumanApproval => String::new(),
    };
    if detail.is_empty() {
        tag.to_owned()
    } else {
        format!("{tag} · {detail}")
    }
}

/// The text of one box: the label wraps to two lines before it is cut.
pub fn box_text(label: &str, kind: &Kind, result: Option<&ComponentResult>) -> BoxText {
    let effective: Option<&Host> = result.and_then(|r| r.effective_host.as_ref());
    let drawn: Option<&Host> = result.and_then(|r| r.drawn_host.as_ref());
    let (mut host, moved) = match (effective, drawn) {
        (None, _) => ("no host".to_owned(), false),
        (Some(e), Some(d)) if e != d => (format!("→ {e}"), true),
        (Some(e), _) => (format!("on {e}"), false),
    };
    // Where requests are processed, when a profile or deployment spreads them wider than
    // the region it is called in.
    if let Some(p) = result.and_then(|r| r.processing.as_deref())
        && effective.and_then(|e| e.region.as_deref()) != Some(p)
    {
        let place = match p {
            "global" => "worldwide".to_owned(),
            other => super::catalog::Catalog::builtin().processing_name(other),
        };
        std::fmt::Write::write_fmt(&mut host, format_args!(" · {place}")).ok();
    }
    BoxText {
        label: wrap(label, LABEL_SIZE, true, TEXT_W, 2),
        detail: fit(&kind_detail(kind), DETAIL_SIZE, false, TEXT_W).into_owned(),
        host: fit(&host, DETAIL_SIZE, false, TEXT_W).into_owned(),
        moved,
    }
}

/// Which boxes wear a lock-in badge: those a finding of the lock-in category names.
pub fn lockin(map: &Map, analysis: &Analysis) -> Vec<bool> {
    let named: std::collections::HashSet<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.category == Category::Lockin)
        .flat_map(|f| f.subjects.iter().map(ustr::Ustr::as_str))
        .collect();
    map.components
        .iter()
        .map(|c| named.contains(c.id.as_str()))
        .collect()
}

/// Under Microsoft's reading, the hop of a runtime whose model work is not drawn as model
/// calls: a pill above its box naming where that work is served from and the round trip.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkHop {
    pub component: usize,
    pub centre: Pos,
    pub w: f64,
    pub h: f64,
    pub text: String,
}

impl WorkHop {
    pub fn area(&self) -> Rect {
        Rect::new(
            self.centre.x - self.w / 2.0,
            self.centre.y - self.h / 2.0,
            self.w,
            self.h,
        )
    }
}

/// The hops of undrawn model work (see [`WorkHop`]), above their runtimes' boxes.
pub fn work_hops(analysis: &Analysis, boxes: &[Rect]) -> Vec<WorkHop> {
    analysis
        .components
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let work = c.model_work.as_ref()?;
            let b = boxes.get(i)?;
            let text = format!("model work → {} · {:.1} ms", work.served_from, work.rtt_ms);
            let w = width(&text, EDGE_CAPTION_SIZE, true) + 14.0;
            Some(WorkHop {
                component: i,
                centre: Pos::new(b.x + b.w - w / 2.0, b.y - 20.0),
                w,
                h: 16.0,
                text,
            })
        })
        .collect()
}

/// The whole drawing of a map, in world units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub zones: Vec<Rect>,
    pub boxes: Vec<Rect>,
    pub texts: Vec<BoxText>,
    pub links: Links,
    pub edges: Vec<Option<EdgeLine>>,
    pub labels: Vec<EdgeLabel>,
    pub notes: Vec<NoteBox>,
    pub lockin: Vec<bool>,
    pub work_hops: Vec<WorkHop>,
}

impl Scene {
    /// Lays out a map and its analysis.
    pub fn new(map: &Map, layout: &Layout, analysis: &Analysis) -> Self {
        let boxes: Vec<Rect> = layout
            .components
            .iter()
            .map(|c| component_rect_at(*c))
            .collect();
        let links = Links::of(map);
        let edges = edges(&links, &boxes);
        let work_hops = work_hops(analysis, &boxes);
        let mut avoid = boxes.clone();
        avoid.extend(work_hops.iter().map(WorkHop::area));
        let labels = edge_labels(map, analysis, &links, &edges, &layout.zones, &avoid);
        let texts = map
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| box_text(&c.label, &c.kind, analysis.components.get(i)))
            .collect();
        Self {
            zones: layout.zones.clone(),
            boxes,
            texts,
            links,
            edges,
            labels,
            notes: notes(map, layout),
            lockin: lockin(map, analysis),
            work_hops,
        }
    }

    /// The drawing as exported: notes only with their text.
    #[must_use]
    pub fn for_export(mut self) -> Self {
        self.notes.retain(|n| !n.blank);
        self
    }

    /// Everything drawn: zones, boxes, notes and labels.
    pub fn bounds(&self) -> Option<Rect> {
        self.zones
            .iter()
            .chain(&self.boxes)
            .copied()
            .chain(self.notes.iter().map(|n| n.rect))
            .chain(self.labels.iter().map(EdgeLabel::area))
            .chain(self.work_hops.iter().map(WorkHop::area))
            .reduce(union)
    }
}

/// Height of a box's label block: where its lines start (one or two lines).
pub fn label_rows(lines: usize, top: f64) -> (f64, f64, f64) {
    if lines > 1 {
        (top + 16.0, top + 43.0, top + 56.0)
    } else {
        (top + 22.0, top + 37.0, top + 51.0)
    }
}

/// The box size (shared constants re-exported for renderers).
pub const BOX: (f64, f64) = (COMPONENT_W, COMPONENT_H);
