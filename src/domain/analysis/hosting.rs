//! Obligations and effective hosts: the declarative rules of the pack, the contested reading,
//! relocation to the nearest region of the obligated provider.

use std::collections::BTreeMap;

use super::Ctx;
use super::finding::{finding, finding_from};
use super::graph::{FxHashMap, Graph};
use super::placement::{Loc, Placement, locate, nearest_region};
use super::result::{Finding, Severity, Status};
use super::values::{component_value, component_values};
use crate::domain::catalog::{Catalog, great_circle_km};
use crate::domain::ids::Text;
use crate::domain::model::{Access, Channel, Host, Interpretation, Kind, Provider, Vendor};
use crate::domain::rules::{Effect, Rule, Subject, Template};

/// The id of the contested-reading rule.
pub const CONTESTED: &str = "OAI-SRE-CONTESTED";

/// Which components are contested: `OpenAI` stateful runtimes (while `OAI-SRE-CONTESTED`
/// applies), and `OpenAI` model calls reached only through them.
pub fn contested(ctx: &Ctx<'_>, graph: &Graph) -> Vec<bool> {
    let mut out = vec![false; graph.n];
    if ctx.pack.check(CONTESTED, ctx.as_of).is_none() {
        return out;
    }
    for (i, c) in ctx.map.components.iter().enumerate() {
        if let Kind::StatefulRuntime {
            vendor: Vendor::OpenAi,
            ..
        } = c.kind
            && let Some(o) = out.get_mut(i)
        {
            *o = true;
        }
    }
    let runtimes = out.clone();
    for (i, c) in ctx.map.components.iter().enumerate() {
        // The runtime's own model work: OpenAI models bought through Bedrock. A model bought
        // through another channel is an explicit call, decided by the ordinary rules.
        let Kind::ModelCall {
            vendor: Vendor::OpenAi,
            access,
            channel: Channel::Bedrock,
            ..
        } = &c.kind
        else {
            continue;
        };
        if *access == Access::OpenWeights {
            continue;
        }
        let incoming = graph.all_in.of(i);
        let only_runtimes = !incoming.is_empty()
            && incoming.iter().all(|&e| {
                graph
                    .edges
                    .get(e)
                    .is_some_and(|edge| runtimes.get(edge.from).copied().unwrap_or(false))
            });
        if only_runtimes && let Some(o) = out.get_mut(i) {
            *o = true;
        }
    }
    out
}

/// The obligation of a channel's cloud (`CHANNEL-HOST`).
fn channel_obligation(channel: Channel) -> Vec<Provider> {
    match channel {
        Channel::Azure => vec![Provider::Azure],
        Channel::Bedrock => vec![Provider::Aws],
        Channel::Vertex => vec![Provider::Gcp],
        Channel::Oracle => vec![Provider::Oracle],
        Channel::Direct => vec![Provider::Vendor],
        Channel::SelfHosted => Vec::new(),
    }
}

/// True when the drawn host satisfies the obligation.
fn satisfies(
    catalog: &Catalog,
    drawn: &Host,
    obligation: &[Provider],
    vendor: Option<&Vendor>,
) -> bool {
    obligation.is_empty()
        || obligation.contains(&drawn.provider)
        || (obligation.contains(&Provider::Vendor)
            && vendor
                .and_then(|v| catalog.vendor_location(v))
                .is_some_and(|at| at.provider == drawn.provider))
}

/// [`nearest_region`] results by (provider, point): few distinct points, many components.
type NearestCache = FxHashMap<(Provider, Option<(u64, u64)>), Option<Host>>;

/// Where a component obligated elsewhere is served from.
fn relocate(
    catalog: &Catalog,
    drawn: &Host,
    obligation: &[Provider],
    vendor: Option<&Vendor>,
    nearest: &mut NearestCache,
) -> Host {
    if obligation.contains(&Provider::Vendor) {
        return Host::new(Provider::Vendor, None);
    }
    let from = locate(catalog, drawn, vendor).map(|l| (l.lat, l.lon));
    let radius = catalog.latency.earth_radius_km;
    obligation
        .iter()
        .filter_map(|&p| {
            nearest
                .entry((p, from.map(|(lat, lon)| (lat.to_bits(), lon.to_bits()))))
                .or_insert_with(|| nearest_region(catalog, p, from))
                .clone()
        })
        .min_by(|a, b| {
            let d = |h: &Host| match (from, h.region.as_deref().and_then(|r| catalog.region(r))) {
                (Some((lat, lon)), Some(r)) => great_circle_km(lat, lon, r.lat, r.lon, radius),
                _ => 0.0,
            };
            d(a).total_cmp(&d(b))
        })
        .unwrap_or_else(|| {
            Host::new(
                obligation.first().copied().unwrap_or(Provider::Vendor),
                None,
            )
        })
}

/// Decides every component's obligation, effective host and status; adds the obligation
/// findings (relocations, violations, free notes).
pub fn place(ctx: &Ctx<'_>, contested: &[bool], findings: &mut Vec<Finding>) -> Vec<Placement> {
    place_with(ctx, contested, Some(findings), true)
}

/// The placements alone, without findings (to compare with another date or pack).
pub fn place_quiet(ctx: &Ctx<'_>, contested: &[bool]) -> Vec<Placement> {
    place_with(ctx, contested, None, true)
}

/// Effective hosts, obligations and statuses alone: without findings, and without locating
/// the hosts (`loc` stays `None`), for comparing placements on another date.
pub fn place_unlocated(ctx: &Ctx<'_>, contested: &[bool]) -> Vec<Placement> {
    place_with(ctx, contested, None, false)
}

/// How one component's obligation came out: everything of its [`Placement`] but the drawn
/// host, plus the finding it asks for.
#[derive(Clone)]
struct Decision<'p> {
    drawn: Option<Host>,
    effective: Option<Host>,
    obligation: Vec<Provider>,
    status: Status,
    rule: Option<Text>,
    loc: Option<Loc>,
    /// The finding to write for this component: (rule, severity, message template).
    pending: Option<(&'p Rule, Severity, &'p str)>,
    /// The `Free` rule it matched (index into the deciding rules): one note per rule.
    free: Option<usize>,
}

/// What a decision depends on: the zone (by the address of its host), the kind's matching
/// fields, whether the component is contested. Components alike in all of these are decided
/// alike.
type DecisionKey<'m> = (usize, Subject<'m>, bool);

/// Caches shared by the decisions of one placement run.
struct Deciding<'p> {
    catalog: &'p Catalog,
    interpretation: Interpretation,
    /// The rules that decide obligations and apply on the date, in pack order.
    rules: Vec<&'p Rule>,
    locate_hosts: bool,
    locations: FxHashMap<Host, Option<Loc>>,
    nearest: NearestCache,
}

impl<'p> Deciding<'p> {
    fn decide(
        &mut self,
        kind: &Kind,
        drawn: Option<&Host>,
        subject: &Subject<'_>,
        is_contested: bool,
    ) -> Decision<'p> {
        let catalog = self.catalog;
        let vendor = kind.vendor();
        let mut d = Decision {
            drawn: drawn.cloned(),
            effective: drawn.cloned(),
            obligation: Vec::new(),
            status: Status::Ok,
            rule: None,
            loc: None,
            pending: None,
            free: None,
        };
        let is_runtime = matches!(kind, Kind::StatefulRuntime { .. });
        if is_contested && !is_runtime {
            // A model call reached only through the contested runtime: the reading decides
            // where it is served from (AWS, or Azure under Microsoft's reading), like any
            // other obligation.
            d.obligation = match self.interpretation {
                Interpretation::Runtime => vec![Provider::Aws],
                Interpretation::ApiAccess => vec![Provider::Azure],
            };
            d.status = Status::Contested;
            d.rule = Some(Text::from(CONTESTED));
            if let Some(h) = drawn
                && !satisfies(catalog, h, &d.obligation, vendor)
            {
                d.effective = Some(relocate(
                    catalog,
                    h,
                    &d.obligation,
                    vendor,
                    &mut self.nearest,
                ));
            }
        } else if vendor.is_some() {
            let rules = &self.rules;
            if let Some((k, &rule)) = rules
                .iter()
                .enumerate()
                .find(|(_, r)| r.matcher.matches(subject))
            {
                d.rule = Some(rule.id);
                match &rule.effect {
                    Effect::Obligation {
                        providers,
                        only_channels,
                    } => {
                        d.obligation.clone_from(providers);
                        let offered = only_channels.is_empty()
                            || kind.channel().is_some_and(|ch| only_channels.contains(&ch));
                        if !offered {
                            d.status = Status::Violation;
                            let template =
                                rule.violation_message.as_deref().unwrap_or(&rule.message);
                            d.pending = Some((rule, Severity::Error, template));
                        }
                    }
                    Effect::ChannelHost => {
                        d.obligation = kind.channel().map(channel_obligation).unwrap_or_default();
                    }
                    Effect::Free => d.free = Some(k),
                    Effect::Violation => {
                        d.status = Status::Violation;
                        d.pending = Some((rule, rule.severity, &rule.message));
                    }
                    Effect::Note | Effect::Check => {}
                }
                if d.status != Status::Violation
                    && let Some(h) = drawn
                    && !satisfies(catalog, h, &d.obligation, vendor)
                {
                    d.status = Status::Relocated;
                    d.effective = Some(relocate(
                        catalog,
                        h,
                        &d.obligation,
                        vendor,
                        &mut self.nearest,
                    ));
                    d.pending = Some((rule, rule.severity, &rule.message));
                }
            }
            if is_contested && d.status != Status::Violation {
                d.status = Status::Contested;
                d.rule = Some(Text::from(CONTESTED));
            }
        }
        if drawn.is_none() {
            d.status = Status::Unplaced;
            d.effective = None;
            d.pending = None;
        }
        d.loc = match &d.effective {
            _ if !self.locate_hosts => None,
            // A vendor's own service is located by vendor: not cached by host.
            Some(h) if h.provider == Provider::Vendor && h.region.is_none() => {
                locate(catalog, h, vendor)
            }
            Some(h) => {
                if let Some(&loc) = self.locations.get(h) {
                    loc
                } else {
                    let loc = locate(catalog, h, vendor);
                    self.locations.insert(h.clone(), loc);
                    loc
                }
            }
            None => None,
        };
        d
    }
}

fn place_with(
    ctx: &Ctx<'_>,
    contested: &[bool],
    mut findings: Option<&mut Vec<Finding>>,
    locate_hosts: bool,
) -> Vec<Placement> {
    let mut deciding = Deciding {
        catalog: ctx.catalog,
        interpretation: ctx.interpretation,
        rules: ctx
            .pack
            .rules
            .iter()
            .filter(|r| r.effect.decides() && r.applies(ctx.as_of))
            .collect(),
        locate_hosts,
        locations: FxHashMap::default(),
        nearest: NearestCache::default(),
    };
    // Free-rule matches, grouped into one note per rule.
    let mut grouped: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut placements = Vec::with_capacity(ctx.map.components.len());
    // Zone hosts by id ([`Id::key`]); the last of a duplicated id wins.
    let zones: FxHashMap<usize, &Host> = ctx
        .map
        .zones
        .iter()
        .map(|z| (z.id.key(), &z.host))
        .collect();
    // Maps hold many components alike (same kind, same zone): each decision in a zone is
    // made once. A component drawn on its own host is decided on its own.
    let mut decided: FxHashMap<DecisionKey<'_>, Decision<'_>> = FxHashMap::default();
    let mut own;
    // Message templates, split once each.
    let mut templates: FxHashMap<usize, Template<'_>> = FxHashMap::default();
    for (i, c) in ctx.map.components.iter().enumerate() {
        let is_contested = contested.get(i).copied().unwrap_or(false);
        let subject = Subject::of(&c.kind, None);
        let d = if let Some(z) = &c.zone {
            let drawn = zones.get(&z.key()).copied();
            let at = drawn.map_or(0, |h| std::ptr::from_ref(h) as usize);
            decided
                .entry((at, subject, is_contested))
                .or_insert_with(|| deciding.decide(&c.kind, drawn, &subject, is_contested))
        } else {
            own = deciding.decide(&c.kind, c.host.as_ref(), &subject, is_contested);
            &own
        };
        if let Some(k) = d.free {
            grouped.entry(k).or_default().push(i);
        }
        let p = Placement {
            drawn: d.drawn.clone(),
            effective: d.effective.clone(),
            obligation: d.obligation.clone(),
            status: d.status,
            rule: d.rule,
            loc: d.loc,
        };
        if let (Some((rule, severity, template)), Some(findings)) =
            (d.pending, findings.as_deref_mut())
        {
            let template = templates
                .entry(template.as_ptr() as usize)
                .or_insert_with(|| Template::parse(template));
            findings.push(finding_from(
                rule,
                severity,
                vec![c.id.text()],
                template,
                |name, out| component_value(ctx, i, &p, name, out),
            ));
        }
        placements.push(p);
    }
    if let Some(findings) = findings {
        for (k, members) in grouped {
            if let Some(rule) = deciding.rules.get(k) {
                findings.push(group_finding(ctx, rule, &members, &placements, None));
            }
        }
        notes(ctx, &placements, findings);
    }
    placements
}

/// Where the components that move under the other reading of the contested clause run
/// then: the model calls reached through a contested runtime (the runtime's own obligation
/// does not depend on the reading). Each as (index, effective provider, location).
pub fn other_reading_hosts(
    ctx_other: &Ctx<'_>,
    contested: &[bool],
) -> Vec<(usize, Option<Provider>, Option<Loc>)> {
    let mut deciding = Deciding {
        catalog: ctx_other.catalog,
        interpretation: ctx_other.interpretation,
        rules: Vec::new(),
        locate_hosts: true,
        locations: FxHashMap::default(),
        nearest: NearestCache::default(),
    };
    // Where the offering of the other reading's host is really sold (memoised).
    let mut offerer = super::offer::Offerer::new(ctx_other);
    let mut out = Vec::new();
    for (i, c) in ctx_other.map.components.iter().enumerate() {
        if !contested.get(i).copied().unwrap_or(false)
            || matches!(c.kind, Kind::StatefulRuntime { .. })
        {
            continue;
        }
        let drawn = match &c.zone {
            Some(z) => ctx_other.map.zone(z).map(|zone| &zone.host),
            None => c.host.as_ref(),
        };
        let subject = Subject::of(&c.kind, None);
        let d = deciding.decide(&c.kind, drawn, &subject, true);
        let placement = Placement {
            drawn: d.drawn,
            effective: d.effective,
            obligation: d.obligation,
            status: d.status,
            rule: d.rule,
            loc: d.loc,
        };
        let (provider, loc) = offerer.served_at(&c.kind, &placement);
        out.push((i, provider, loc));
    }
    out
}

/// One finding for several components (`{labels}`).
fn group_finding(
    ctx: &Ctx<'_>,
    rule: &Rule,
    members: &[usize],
    placements: &[Placement],
    provider: Option<Provider>,
) -> Finding {
    let comps: Vec<_> = members
        .iter()
        .filter_map(|&i| ctx.map.components.get(i))
        .collect();
    let labels = super::values::labels(&comps);
    let mut values = members
        .first()
        .and_then(|&i| placements.get(i).map(|p| component_values(ctx, i, p)))
        .unwrap_or_default();
    values.push(("labels", labels));
    if let Some(p) = provider {
        values.retain(|(k, _)| *k != "provider");
        values.push(("provider", p.label().to_owned()));
    }
    let subjects = comps.iter().map(|c| c.id.text()).collect();
    finding(rule, rule.severity, subjects, &rule.message, &values)
}

/// The `Note` rules: informational findings on the effective hosts, grouped per provider.
fn notes(ctx: &Ctx<'_>, placements: &[Placement], findings: &mut Vec<Finding>) {
    // (rule, one note per provider when the message names it, else one for all).
    let rules: Vec<(&Rule, bool)> = ctx
        .pack
        .rules
        .iter()
        .filter(|r| matches!(r.effect, Effect::Note) && r.applies(ctx.as_of))
        .map(|r| (r, r.message.contains("{provider}")))
        .collect();
    if rules.is_empty() {
        return;
    }
    // One pass over the components for all the rules.
    let mut matched: Vec<BTreeMap<Provider, Vec<usize>>> = vec![BTreeMap::new(); rules.len()];
    for (i, (c, p)) in ctx.map.components.iter().zip(placements).enumerate() {
        let Some(effective) = &p.effective else {
            continue;
        };
        let subject = Subject::of(&c.kind, Some(effective.provider));
        for ((rule, per_provider), by_provider) in rules.iter().zip(&mut matched) {
            if rule.matcher.matches(&subject) {
                let key = if *per_provider {
                    effective.provider
                } else {
                    Provider::Vendor
                };
                by_provider.entry(key).or_default().push(i);
            }
        }
    }
    for ((rule, per_provider), by_provider) in rules.into_iter().zip(matched) {
        for (provider, members) in by_provider {
            let provider = per_provider.then_some(provider);
            findings.push(group_finding(ctx, rule, &members, placements, provider));
        }
    }
}
