//! One draw.io page (`<mxGraphModel>`) → a map: provider groups and containers that name a
//! region become zones, recognised shapes become components (kind from style and label,
//! `domain::guess`), edges become connections. Real files often hang every cell on the
//! layer, so containment falls back on geometry; an unlabelled icon takes the text cell
//! beside it as its label.

use std::collections::HashMap;

use super::Builder;
use super::build::NewComponent;
use super::clean_text;
use super::drawio_cell::{Cell, cells, is_container, is_group, is_text, item, style_shape};
use crate::domain::catalog::Catalog;
use crate::domain::guess::{
    infrastructure_icon, is_provider_group, provider_of_style, region_in_text, shape_kind,
};
use crate::domain::layout::{COMPONENT_H, COMPONENT_W};
use crate::domain::model::{Component, Connection, Host, Kind, Map, Pos, Provider, Rect, Zone};
use crate::domain::validate::MAX_COORD;

/// Deepest chain of parents followed (a planted cycle or a deep chain stops here).
const MAX_DEPTH: usize = 64;

/// What a cell became.
#[derive(Clone, Debug, PartialEq)]
enum Role {
    Zone(usize),
    Component(crate::domain::ids::Id),
    /// A text used as the label of the cell with this index.
    LabelOf(usize),
    Other,
}

/// The page as a map.
pub fn import_page(
    model: &roxmltree::Node<'_, '_>,
    title: &str,
    catalog: &Catalog,
    source: &str,
    notes: Vec<String>,
) -> (Map, super::Report) {
    let cells = cells(model);
    let index: HashMap<&str, usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let parent_of = |i: usize| -> Option<usize> {
        cells
            .get(i)?
            .parent
            .as_deref()
            .and_then(|p| index.get(p).copied())
    };
    // The root has no parent; layers hang on the root. Neither is drawn.
    let is_layer = |i: usize| match parent_of(i) {
        None => true,
        Some(p) => parent_of(p).is_none(),
    };
    // Absolute rectangles of vertices (parents' offsets added).
    let mut abs: Vec<Option<Rect>> = vec![None; cells.len()];
    for (i, slot) in abs.iter_mut().enumerate() {
        let Some(c) = cells.get(i) else { continue };
        if !c.vertex {
            continue;
        }
        let Some((x, y, width, height)) = c.geometry else {
            continue;
        };
        let (mut ax, mut ay) = (x, y);
        let mut at = parent_of(i);
        let mut depth = 0;
        while let Some(p) = at {
            if depth > MAX_DEPTH || is_layer(p) {
                break;
            }
            if let Some(pc) = cells.get(p)
                && pc.vertex
                && let Some((px, py, _, _)) = pc.geometry
            {
                ax += px;
                ay += py;
            }
            at = parent_of(p);
            depth += 1;
        }
        *slot = Some(Rect::new(ax, ay, width, height));
    }
    let has_children: Vec<bool> = {
        let mut v = vec![false; cells.len()];
        for i in 0..cells.len() {
            if let Some(p) = parent_of(i)
                && cells.get(i).is_some_and(|c| c.vertex)
                && let Some(slot) = v.get_mut(p)
            {
                *slot = true;
            }
        }
        v
    };

    let mut b = Builder::new(title, source.to_owned());
    for n in notes {
        b.note(n);
    }
    let shown = |c: &Cell| {
        let id = clean_text(&c.id, 60);
        if c.label.is_empty() {
            format!("cell \"{id}\"")
        } else {
            format!("cell \"{id}\" \"{}\"", clean_text(&c.label, 80))
        }
    };
    let in_range = |r: &Rect| {
        [r.x, r.y, r.x + r.w, r.y + r.h]
            .iter()
            .all(|v| v.is_finite() && v.abs() <= MAX_COORD / 4.0)
    };

    // 1. Zones: provider groups, and containers whose label names a region. Outer first.
    let mut zone_cells: Vec<usize> = (0..cells.len())
        .filter(|&i| {
            let Some(c) = cells.get(i) else { return false };
            c.vertex
                && !is_layer(i)
                && abs[i].is_some_and(|r| r.w > 0.0 && r.h > 0.0 && in_range(&r))
                && (item::<Zone>(c).is_some()
                    || is_provider_group(&c.style)
                    || ((is_container(&c.style) || has_children[i] || !c.label.is_empty())
                        && region_in_text(catalog, &c.label, provider_of_style(&c.style))
                            .is_some()
                        && !is_text(&c.style)))
        })
        .collect();
    let area = |i: usize| abs[i].map_or(0.0, |r| r.w * r.h);
    zone_cells.sort_by(|a, b| area(*b).total_cmp(&area(*a)).then(a.cmp(b)));
    let mut role: Vec<Role> = vec![Role::Other; cells.len()];
    // The zone a cell is in: by parent chain, else the smallest zone rectangle around it.
    let enclosing = |i: usize, role: &[Role], zones: &[(usize, Host)]| -> Option<usize> {
        let mut at = parent_of(i);
        let mut depth = 0;
        while let Some(p) = at {
            if depth > MAX_DEPTH {
                break;
            }
            if let Some(Role::Zone(z)) = role.get(p) {
                return Some(*z);
            }
            at = parent_of(p);
            depth += 1;
        }
        let me = abs.get(i).copied().flatten()?;
        let centre = me.center();
        zones
            .iter()
            .enumerate()
            .filter(|(_, (cell, _))| *cell != i)
            .filter_map(|(z, (cell, _))| {
                let r = abs.get(*cell).copied().flatten()?;
                (r.contains(centre) && r.w * r.h > me.w * me.h).then_some((z, r.w * r.h))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(z, _)| z)
    };
    let mut zones: Vec<(usize, Host)> = Vec::new();
    let mut zone_ids = Vec::new();
    for &i in &zone_cells {
        let Some(c) = cells.get(i) else { continue };
        let Some(rect) = abs[i] else { continue };
        if let Some(zone) = item::<Zone>(c).filter(|z| {
            let mut ok = true;
            crate::domain::validate::zone(z, catalog, &mut |_, _| ok = false);
            ok
        }) {
            let id = b.add_zone(
                zone.id.as_str(),
                &zone.label,
                zone.host.clone(),
                Some(rect),
                format!("{} (a zone of a Stateline export)", shown(c)),
            );
            if let Some(slot) = role.get_mut(i) {
                *slot = Role::Zone(zones.len());
            }
            zones.push((i, zone.host));
            zone_ids.push(id);
            continue;
        }
        let outer = enclosing(i, &role, &zones)
            .and_then(|z| zones.get(z))
            .map(|(_, h)| h.clone());
        let own_provider = provider_of_style(&c.style);
        let provider_hint = own_provider.or(outer.as_ref().map(|h| h.provider));
        let own_region = region_in_text(catalog, &c.label, provider_hint);
        let region_provider = own_region
            .and_then(|r| catalog.region(r))
            .map(|r| r.provider);
        let Some(provider) = provider_hint.or(region_provider) else {
            continue;
        };
        let region = own_region
            .filter(|_| region_provider == Some(provider))
            .map(str::to_owned)
            .or_else(|| {
                outer
                    .as_ref()
                    .filter(|h| h.provider == provider)
                    .and_then(|h| h.region.map(|r| r.as_str().to_owned()))
            });
        let host = Host::new(provider, region.as_deref());
        let why = match (own_region, &region) {
            (Some(_), Some(r)) => format!("region {r} named in its label"),
            (None, Some(r)) => format!("region {r} of the group around it"),
            _ => "no region named".to_owned(),
        };
        let label = if c.label.is_empty() {
            host.to_string()
        } else {
            c.label.clone()
        };
        let id = b.add_zone(
            &label,
            &label,
            host.clone(),
            Some(rect),
            format!("{} ({why})", shown(c)),
        );
        if let Some(slot) = role.get_mut(i) {
            *slot = Role::Zone(zones.len());
        }
        zones.push((i, host));
        zone_ids.push(id);
    }

    // 2. Components: vertices whose kind can be guessed. Unlabelled icons first take the
    //    text cell beside them as their label.
    let texts: Vec<usize> = (0..cells.len())
        .filter(|&i| {
            cells.get(i).is_some_and(|c| {
                c.vertex && is_text(&c.style) && !c.label.is_empty() && c.item.is_none()
            }) && !is_layer(i)
        })
        .collect();
    let mut label_of: HashMap<usize, String> = HashMap::new();
    for (i, c) in cells.iter().enumerate() {
        let Some(r) = abs.get(i).copied().flatten() else {
            continue;
        };
        if !c.vertex
            || !c.label.is_empty()
            || role.get(i) != Some(&Role::Other)
            || is_text(&c.style)
            || is_layer(i)
        {
            continue;
        }
        let centre = r.center();
        let reach = r.w.max(r.h) * 1.5 + 40.0;
        let near = texts
            .iter()
            .copied()
            .filter(|&t| role.get(t) == Some(&Role::Other))
            .filter_map(|t| {
                let tr = abs.get(t).copied().flatten()?;
                let tc = tr.center();
                let d = (tc.x - centre.x).hypot(tc.y - centre.y);
                (d <= reach).then_some((t, d))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((t, _)) = near
            && let Some(text) = cells.get(t)
        {
            label_of.insert(i, text.label.clone());
            if let Some(slot) = role.get_mut(t) {
                *slot = Role::LabelOf(i);
            }
        }
    }
    // Icons are small: positions are spread so Stateline's boxes do not overlap where the
    // icons did not (the median component width becomes a box's width; never shrunk).
    let mut candidates: Vec<(usize, crate::domain::guess::Guess, String)> = Vec::new();
    let mut exact: HashMap<usize, Component> = HashMap::new();
    for (i, c) in cells.iter().enumerate() {
        if !c.vertex || role.get(i) != Some(&Role::Other) || is_layer(i) || is_text(&c.style) {
            continue;
        }
        if let Some(comp) = item::<Component>(c).filter(|comp| {
            let mut ok = true;
            crate::domain::validate::component(comp, catalog, &mut |_, _| ok = false);
            ok
        }) {
            let guess = crate::domain::guess::Guess {
                kind: comp.kind.clone(),
                from: "a component of a Stateline export".to_owned(),
            };
            candidates.push((i, guess, comp.label.clone()));
            exact.insert(i, comp);
            continue;
        }
        if infrastructure_icon(&c.style).is_some() {
            continue;
        }
        let label = label_of.get(&i).cloned().unwrap_or_else(|| c.label.clone());
        if let Some(g) = shape_kind(&c.style, &label) {
            candidates.push((i, g, label));
        }
    }
    let centres: Vec<Pos> = candidates
        .iter()
        .filter_map(|(i, _, _)| abs.get(*i).copied().flatten().map(|r| r.center()))
        .collect();
    let scale = spread(&centres);
    let scaled = |r: Rect| Rect::new(r.x * scale, r.y * scale, r.w * scale, r.h * scale);
    let tenth = |v: f64| (v * 10.0).round() / 10.0;
    // Zones take the scale too.
    scale_zones(&mut b, scale);
    let by_cell: HashMap<usize, (crate::domain::guess::Guess, String)> = candidates
        .into_iter()
        .map(|(i, g, l)| (i, (g, l)))
        .collect();

    for (i, c) in cells.iter().enumerate() {
        if c.edge || is_layer(i) {
            continue;
        }
        if c.item.as_deref() == Some("title") {
            if let Some(title) = c.plain_label.as_deref().filter(|t| !t.is_empty()) {
                b.set_title(title);
            }
            b.used(
                shown(c),
                "the title block of a Stateline export (the map's title)",
            );
            continue;
        }
        match role.get(i).cloned().unwrap_or(Role::Other) {
            Role::Zone(_) | Role::Component(_) => continue,
            Role::LabelOf(icon) => {
                if by_cell.contains_key(&icon) {
                    b.used(
                        shown(c),
                        format!(
                            "the label of cell \"{}\"",
                            clean_text(cells.get(icon).map_or("", |c| &c.id), 60)
                        ),
                    );
                } else {
                    b.skip(shown(c), "a text beside a shape that was not recognised");
                }
                continue;
            }
            Role::Other => {}
        }
        if !c.vertex {
            b.skip(shown(c), "neither a shape nor an edge");
            continue;
        }
        let Some((guess, label)) = by_cell.get(&i) else {
            let why = if let Some(icon) = infrastructure_icon(&c.style) {
                format!(
                    "{icon} ({}): not a component",
                    clean_text(style_shape(&c.style), 80)
                )
            } else if is_text(&c.style) {
                "a text, not a shape".to_owned()
            } else if is_group(&c.style) {
                "a group (its members are read one by one)".to_owned()
            } else if c.label.is_empty() && c.style.is_empty() {
                "an empty cell".to_owned()
            } else {
                format!(
                    "no kind recognised from its style ({}) or label",
                    clean_text(style_shape(&c.style), 80)
                )
            };
            b.skip(shown(c), why);
            continue;
        };
        if let Err(why) = b.room() {
            b.skip(shown(c), why);
            continue;
        }
        let Some(rect) = abs.get(i).copied().flatten().filter(in_range) else {
            b.skip(
                shown(c),
                "no usable geometry (position missing or out of range)",
            );
            continue;
        };
        let zone = enclosing(i, &role, &zones).and_then(|z| zone_ids.get(z).cloned());
        let is_client = matches!(guess.kind, Kind::Client);
        let pos = scaled(rect).center();
        let from = if label_of.contains_key(&i) {
            format!("{}; label from the text beside it", guess.from)
        } else {
            guess.from.clone()
        };
        let own = exact.get(&i);
        let id = b.add_component(NewComponent {
            id_from: own.map_or(if label.is_empty() { "component" } else { label }, |o| {
                o.id.as_str()
            }),
            label: if label.is_empty() { "Unnamed" } else { label },
            kind: guess.kind.clone(),
            zone: zone.clone(),
            // Outside any zone: a client is on the user's device; a provider's icon is on
            // that provider (its region not named).
            host: match own {
                Some(o) => o.host.clone(),
                None if zone.is_some() => None,
                None if is_client => Some(Host::new(Provider::Device, None)),
                None => provider_of_style(&c.style).map(|p| Host::new(p, None)),
            },
            pos: Some(Pos::new(tenth(pos.x), tenth(pos.y))),
            latency_ms: own.and_then(|o| o.latency_ms),
            deployed_as: own.and_then(|o| o.deployed_as.clone()),
            note: own.map(|o| o.note.clone()).unwrap_or_default(),
            source: shown(c),
            from,
        });
        if let Some(slot) = role.get_mut(i) {
            *slot = Role::Component(id);
        }
    }

    // 3. Edges: an end on a label or inside a shape counts for the shape.
    let component_at = |start: &str, role: &[Role]| -> Result<crate::domain::ids::Id, String> {
        let Some(&i) = index.get(start) else {
            return Err(format!(
                "its end \"{}\" is not a cell of the page",
                clean_text(start, 60)
            ));
        };
        let mut at = Some(i);
        let mut depth = 0;
        while let Some(k) = at {
            if depth > MAX_DEPTH {
                break;
            }
            match role.get(k) {
                Some(Role::Component(id)) => return Ok(id.clone()),
                Some(Role::LabelOf(icon)) => {
                    if let Some(Role::Component(id)) = role.get(*icon) {
                        return Ok(id.clone());
                    }
                }
                Some(Role::Zone(_)) => {
                    return Err(format!(
                        "its end {} is a zone (containers are not connected)",
                        cells.get(k).map_or_else(String::new, &shown)
                    ));
                }
                _ => {}
            }
            at = parent_of(k);
            depth += 1;
        }
        Err(format!(
            "its end {} is not a component",
            cells.get(i).map_or_else(String::new, &shown)
        ))
    };
    for c in cells.iter().filter(|c| c.edge) {
        let (Some(s), Some(t)) = (&c.source, &c.target) else {
            b.skip(
                shown(c),
                "an edge with a missing end (not attached to a shape at its source or target)",
            );
            continue;
        };
        match (component_at(s, &role), component_at(t, &role)) {
            (Ok(from), Ok(to)) if from == to => {
                b.skip(shown(c), "an edge from a component to itself");
            }
            (Ok(from), Ok(to)) => {
                // A Stateline export's connection keeps its kind and figures.
                let mut conn = item::<Connection>(c).unwrap_or_else(|| {
                    let mut plain = Connection::new(from.clone(), to.clone());
                    plain.label.clone_from(&c.label);
                    plain
                });
                conn.from = from;
                conn.to = to;
                let mut ok = true;
                crate::domain::validate::connection(&conn, &mut |_, _| ok = false);
                if !ok {
                    let mut plain = Connection::new(conn.from.clone(), conn.to.clone());
                    plain.label.clone_from(&c.label);
                    conn = plain;
                }
                b.connect_with(conn, shown(c));
            }
            (Err(why), _) | (_, Err(why)) => b.skip(shown(c), why),
        }
    }
    b.finish()
}

/// How much a drawing's coordinates are multiplied so that no two of Stateline's boxes
/// (180 × 64, wider than most icons) overlap where the shapes did not: the least factor
/// that separates every pair of shapes by a box and a margin along one axis, at least 1
/// (never shrunk) and at most 4. Shapes drawn on top of each other stay so. Beyond 2,000
/// shapes (a pairwise check would be slow), the factor that makes the median gap a box wide.
fn spread(centres: &[Pos]) -> f64 {
    const MAX_SCALE: f64 = 4.0;
    let (w, h) = (COMPONENT_W + 20.0, COMPONENT_H + 20.0);
    if centres.len() > 2_000 {
        let mut gaps: Vec<f64> = centres
            .windows(2)
            .filter_map(|p| Some((p.get(1)?.x - p.first()?.x).abs()))
            .filter(|g| *g > 0.0)
            .collect();
        gaps.sort_by(f64::total_cmp);
        return gaps
            .get(gaps.len() / 2)
            .map_or(1.0, |g| (w / g).clamp(1.0, MAX_SCALE));
    }
    let mut scale: f64 = 1.0;
    for (i, a) in centres.iter().enumerate() {
        for b in centres.iter().skip(i + 1) {
            let (dx, dy) = ((a.x - b.x).abs(), (a.y - b.y).abs());
            if dx < 1.0 && dy < 1.0 {
                continue;
            }
            let need = (w / dx).min(h / dy);
            scale = scale.max(need.min(MAX_SCALE));
        }
    }
    scale
}

fn scale_zones(b: &mut Builder, scale: f64) {
    if scale == 1.0 {
        return;
    }
    b.scale_zone_rects(scale);
}
