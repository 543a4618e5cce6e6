//! The offerings pass: for each model call, runtime and platform placed by the rule pack, the
//! catalog's offering on the analysis date (see `docs/offerings.md`): where it is really sold
//! (the effective region moves to the nearest region that sells it), where requests are
//! processed (`processing`), who runs it, and the findings `OFFER-REGION`,
//! `OFFER-UNAVAILABLE`, `OFFER-PREVIEW`, `OFFER-UNKNOWN`, `HOST-OPERATOR`, `POL-PROCESSING`
//! and `FACTS-STALE`, each citing the offering's own page.
//!
//! Components alike (same model, channel, deployment, region) are settled once: a map of
//! 10,000 components asks the catalog a handful of questions.

use super::Ctx;
use super::finding::finding_with;
use super::graph::FxHashMap;
use super::placement::{Loc, Placement, locate};
use super::result::{Finding, Status};
use super::round2;
use crate::domain::catalog::{Catalog, great_circle_km};
use crate::domain::ids::Text;
use crate::domain::kind::{Deployment, Offered};
use crate::domain::model::{Channel, Host, Kind, Party, Provider, Retention, Vendor};
use crate::domain::offerings::{
    Claim, Lookup, Offering, ProcessesIn, Query, Requirement, Scope, channel_name,
    channel_processor,
};

/// A component's offering, as the result reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentOffer {
    /// Index into the catalog's offerings, when one applies.
    pub index: Option<usize>,
    /// Where requests may be processed: a region id, a group (`eu`), or `global`.
    pub processing: Option<Text>,
}

/// One finding an outcome asks for, before the component's own label is known.
#[derive(Clone, Debug)]
struct Pending {
    rule: &'static str,
    values: Vec<(&'static str, String)>,
    /// The offering whose page the finding cites (else the rule's own pages).
    cite: Option<usize>,
}

/// How one kind of component comes out (shared by all components alike).
#[derive(Clone, Debug, Default)]
struct Outcome {
    offer: Option<usize>,
    /// Where it is served from when the offering moves it (another region, the operator).
    moved: Option<(Host, Option<Loc>)>,
    processing: Option<Text>,
    /// Who processes the data under contract (the offering's, else the channel's).
    processor: Option<Party>,
    pending: Vec<Pending>,
    /// `OFFER-UNKNOWN`: grouped per model and channel, not one per component.
    unknown: Option<(String, Option<usize>)>,
    /// The group of `unknown` in [`apply`]'s list, once assigned.
    unknown_slot: Option<usize>,
}

/// What decides an outcome.
type Key<'m> = (Offered<'m>, Channel, Provider, Option<usize>);

/// Settles components against the catalog, remembering every answer.
pub struct Offerer<'c, 'm> {
    ctx: &'c Ctx<'m>,
    memo: FxHashMap<Key<'m>, Outcome>,
}

/// The cloud a provider's service really runs on (a vendor's own service: where the catalog
/// locates the vendor).
fn runs_on(catalog: &Catalog, provider: Provider, vendor: &Vendor) -> Provider {
    match provider {
        Provider::Vendor => catalog
            .vendor_location(vendor)
            .map_or(Provider::Vendor, |h| h.provider),
        p => p,
    }
}

/// Who runs it, for messages: `Anthropic`, `AWS`.
fn operator_label(provider: Provider, vendor: &Vendor) -> String {
    match provider {
        Provider::Vendor => vendor.label().to_owned(),
        p => p.label().to_owned(),
    }
}

impl<'c, 'm> Offerer<'c, 'm> {
    pub fn new(ctx: &'c Ctx<'m>) -> Self {
        Self {
            ctx,
            memo: FxHashMap::default(),
        }
    }

    /// The outcome for a component of this kind placed here (memoised).
    fn outcome(&mut self, kind: &'m Kind, placement: &Placement) -> Option<&mut Outcome> {
        let offered = kind.offered()?;
        let effective = placement.effective.as_ref()?;
        let channel = crate::domain::offerings::channel_for(&offered, effective.provider)?;
        let region = placement.loc.map(|l| l.region);
        let key = (offered, channel, effective.provider, region);
        let ctx = self.ctx;
        Some(
            self.memo
                .entry(key)
                .or_insert_with(|| settle(ctx, &offered, channel, effective, placement.loc)),
        )
    }

    /// Where a component is served from once its offering is taken into account (the other
    /// reading's moved components): the placement's host, or where the offering moves it.
    pub fn served_at(
        &mut self,
        kind: &'m Kind,
        placement: &Placement,
    ) -> (Option<Provider>, Option<Loc>) {
        let base = (
            placement.effective.as_ref().map(|h| h.provider),
            placement.loc,
        );
        match self.outcome(kind, placement).and_then(|o| o.moved.clone()) {
            Some((host, loc)) => (Some(host.provider), loc),
            None => base,
        }
    }
}

/// What the pass produced besides findings.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    /// Each component's offering and processing (`None`: not a model, runtime or platform).
    pub offers: Vec<Option<ComponentOffer>>,
    /// The offerings whose pages the analysis cites, each with the rule that cites it (an
    /// empty rule: the component's hosting is justified by the offering itself).
    pub cited: Vec<(usize, &'static str)>,
    /// Components an error of this pass makes violations (`POL-PROCESSING`), with the rule.
    pub violations: Vec<(usize, Text)>,
}

/// Applies the catalog to every placement: moves effective hosts to where the offering is
/// sold or run, writes the findings, and returns each component's offering and processing.
pub fn apply(ctx: &Ctx<'_>, places: &mut [Placement], findings: &mut Vec<Finding>) -> Applied {
    let mut cited: Vec<(usize, &'static str)> = Vec::new();
    let mut violations: Vec<(usize, Text)> = Vec::new();
    let mut offerer = Offerer::new(ctx);
    let mut out = Vec::with_capacity(places.len());
    // OFFER-UNKNOWN: one group per (why, cite), with its members; found by key once per
    // kind of component, not once per component.
    let mut unknown: Vec<(String, Option<usize>, Vec<usize>)> = Vec::new();
    let mut unknown_at: FxHashMap<(String, Option<usize>), usize> = FxHashMap::default();
    let mut any_offered = false;
    for (i, (c, p)) in ctx.map.components.iter().zip(places.iter_mut()).enumerate() {
        any_offered |= c.kind.offered().is_some();
        let Some(outcome) = offerer.outcome(&c.kind, p) else {
            out.push(None);
            continue;
        };
        if let Some((host, loc)) = &outcome.moved {
            p.effective = Some(host.clone());
            p.loc = *loc;
            if p.status == Status::Ok {
                p.status = Status::Relocated;
                p.rule = Some(Text::from("OFFER-REGION"));
            }
        }
        for pending in &outcome.pending {
            if let Some(f) = write(ctx, pending, &[i]) {
                if matches!(
                    pending.rule,
                    "POL-PROCESSING" | "POL-PROCESSOR" | "POL-RETENTION"
                ) && f.severity == super::Severity::Error
                {
                    violations.push((i, f.rule));
                }
                findings.push(f);
                if let Some(k) = pending.cite
                    && !cited.contains(&(k, pending.rule))
                {
                    cited.push((k, pending.rule));
                }
            }
        }
        if let Some(k) = outcome.offer
            && !cited.iter().any(|(c, _)| *c == k)
        {
            cited.push((k, ""));
        }
        if outcome.unknown_slot.is_none()
            && let Some(key) = &outcome.unknown
        {
            let slot = *unknown_at.entry(key.clone()).or_insert_with(|| {
                unknown.push((key.0.clone(), key.1, Vec::new()));
                unknown.len() - 1
            });
            outcome.unknown_slot = Some(slot);
        }
        if let Some(group) = outcome.unknown_slot.and_then(|k| unknown.get_mut(k)) {
            group.2.push(i);
        }
        out.push(Some(ComponentOffer {
            index: outcome.offer,
            processing: outcome.processing,
        }));
    }
    for (why, cite, members) in unknown {
        let pending = Pending {
            rule: "OFFER-UNKNOWN",
            values: vec![("why", why)],
            cite,
        };
        if let Some(f) = write(ctx, &pending, &members) {
            findings.push(f);
            if let Some(k) = cite
                && !cited.contains(&(k, "OFFER-UNKNOWN"))
            {
                cited.push((k, "OFFER-UNKNOWN"));
            }
        }
    }
    let verified = ctx.offerings.verified_through;
    if any_offered
        && ctx.as_of > verified
        && let Some(rule) = ctx.pack.check("FACTS-STALE", ctx.as_of)
    {
        let values = [
            ("as_of", ctx.as_of.to_string()),
            ("verified_through", verified.to_string()),
        ];
        findings.push(finding_with(
            rule,
            rule.severity,
            Vec::new(),
            &rule.message,
            |name, out| fill_value(&values, name, out),
        ));
    }
    Applied {
        offers: out,
        cited,
        violations,
    }
}

fn fill_value(values: &[(&str, String)], name: &str, out: &mut String) -> bool {
    match values.iter().find(|(k, _)| *k == name) {
        Some((_, v)) => {
            out.push_str(v);
            true
        }
        None => false,
    }
}

/// One finding of a pending outcome, for these components.
fn write(ctx: &Ctx<'_>, pending: &Pending, members: &[usize]) -> Option<Finding> {
    let rule = ctx.pack.check(pending.rule, ctx.as_of)?;
    let comps: Vec<_> = members
        .iter()
        .filter_map(|&i| ctx.map.components.get(i))
        .collect();
    let labels = super::values::labels(&comps);
    let first = comps.first()?;
    let mut values = pending.values.clone();
    values.push(("label", labels));
    values.push(("id", first.id.as_str().to_owned()));
    let mut f = finding_with(
        rule,
        rule.severity,
        comps.iter().map(|c| c.id.text()).collect(),
        &rule.message,
        |name, out| fill_value(&values, name, out),
    );
    if let Some(page) = pending
        .cite
        .and_then(|k| ctx.offerings.offerings.get(k))
        .map(|o| match Claim::of_rule(pending.rule) {
            Some(claim) => o.page_for(claim, ctx.catalog),
            None => o.page(),
        })
    {
        f.source = Text::from(page.line().as_str());
    }
    Some(f)
}

/// Where requests may be processed without an offering to say it: the drawn deployment.
fn processing_of(catalog: &Catalog, deployment: Deployment, loc: Option<Loc>) -> Option<Text> {
    let region = loc.and_then(|l| catalog.regions.get(l.region));
    match deployment {
        Deployment::Regional => region.map(|r| Text::from(r.id.as_str())),
        Deployment::Geo => region.map(|r| Text::from(r.group.as_str())),
        Deployment::Global => Some(Text::from("global")),
    }
}

/// A policy's processors, for messages: "AWS, Microsoft (Azure)".
fn parties(list: &[Party]) -> String {
    if list.is_empty() {
        return "none".to_owned();
    }
    list.iter()
        .map(|p| p.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when `processing` stays inside the policy's list (region ids, groups, `global`).
fn processing_allowed(catalog: &Catalog, processing: &str, allowed: &[String]) -> bool {
    let group_of = |name: &str| catalog.group_id(name).map(str::to_owned);
    allowed.iter().any(|a| {
        if a == processing || a == "global" {
            return true;
        }
        match (catalog.region(processing), group_of(a)) {
            // A region inside an allowed group.
            (Some(r), Some(g)) => r.group == g,
            // A group allowed under another name (`us` = `na`).
            (None, Some(g)) => group_of(processing).is_some_and(|p| p == g),
            _ => false,
        }
    })
}

/// The nearest of the offering's regions on `provider` to a point.
fn nearest_selling(
    catalog: &Catalog,
    offering: &Offering,
    provider: Provider,
    from: Loc,
) -> Option<Loc> {
    let radius = catalog.latency.earth_radius_km;
    offering
        .regions
        .iter()
        .filter_map(|id| catalog.region_position(id))
        .filter_map(|i| catalog.regions.get(i).map(|r| (i, r)))
        .filter(|(_, r)| r.provider == provider)
        .map(|(i, r)| {
            (
                great_circle_km(from.lat, from.lon, r.lat, r.lon, radius),
                Loc {
                    provider,
                    region: i,
                    lat: r.lat,
                    lon: r.lon,
                },
            )
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, loc)| loc)
}

/// Settles one kind of component (see the module doc).
fn settle(
    ctx: &Ctx<'_>,
    offered: &Offered<'_>,
    channel: Channel,
    effective: &Host,
    loc: Option<Loc>,
) -> Outcome {
    let catalog = ctx.catalog;
    let group = loc
        .and_then(|l| catalog.regions.get(l.region))
        .map(|r| r.group.as_str());
    let query = Query {
        offered: *offered,
        channel,
        group,
        date: ctx.as_of,
    };
    let mut out = Outcome::default();
    let vendor = offered.vendor;
    let name_values = |extra: Vec<(&'static str, String)>| {
        let mut v = vec![
            ("model", offered.name.to_owned()),
            ("channel", channel_name(channel).to_owned()),
        ];
        v.extend(extra);
        v
    };
    match ctx.offerings.lookup(&query) {
        Lookup::Found { index, .. } => {
            let Some(o) = ctx.offerings.offerings.get(index) else {
                return out;
            };
            out.offer = Some(index);
            let offering_values = |extra: Vec<(&'static str, String)>| {
                let mut v = name_values(vec![
                    ("offering", o.id.clone()),
                    ("status", o.status.key().to_owned()),
                    ("scope", o.scope.label()),
                ]);
                v.extend(extra);
                v
            };
            let mut here = loc;
            if o.regions.is_empty() {
                out.unknown = Some((
                    format!(
                        "{} on {}: the offering {} lists no regions",
                        offered.name,
                        channel_name(channel),
                        o.id
                    ),
                    Some(index),
                ));
            } else if let Some(from) = loc
                && effective.provider.is_cloud()
                && let Some(region) = catalog.regions.get(from.region)
                && !o.regions.contains(&region.id)
                && let Some(to) = nearest_selling(catalog, o, effective.provider, from)
            {
                let to_region = catalog
                    .regions
                    .get(to.region)
                    .map(|r| r.id.clone())
                    .unwrap_or_default();
                let added = super::rtt::rtt_uncached(catalog, from, to);
                out.moved = Some((Host::new(effective.provider, Some(&to_region)), Some(to)));
                here = Some(to);
                out.pending.push(Pending {
                    rule: "OFFER-REGION",
                    values: offering_values(vec![
                        (
                            "drawn",
                            format!("{} {}", effective.provider.label(), region.id),
                        ),
                        ("region", to_region),
                        ("sold", o.regions.join(", ")),
                        ("added_ms", format!("{}", round2(added))),
                    ]),
                    cite: Some(index),
                });
            }
            if o.status.is_preview() {
                out.pending.push(Pending {
                    rule: "OFFER-PREVIEW",
                    values: offering_values(Vec::new()),
                    cite: Some(index),
                });
            }
            let billed = runs_on(catalog, effective.provider, vendor);
            if let Some(op) = o.operated_by
                && runs_on(catalog, op, vendor) != billed
            {
                out.pending.push(Pending {
                    rule: "HOST-OPERATOR",
                    values: offering_values(vec![
                        ("billed", effective.provider.label().to_owned()),
                        ("operator", operator_label(op, vendor)),
                    ]),
                    cite: Some(index),
                });
                // Processing moves to the operator: its own location when the catalog knows
                // it; else the request is known to enter at the region drawn, no more.
                let operated = Host::new(op, None);
                if let Some(at) = locate(catalog, &operated, Some(vendor)) {
                    out.moved = Some((operated, Some(at)));
                    here = Some(at);
                }
            }
            out.processing = match &o.scope {
                Scope::Regional => {
                    here.and_then(|l| catalog.regions.get(l.region))
                        .map(|r| match o.processes_in {
                            ProcessesIn::Region => Text::from(r.id.as_str()),
                            ProcessesIn::Geography => Text::from(r.group.as_str()),
                        })
                }
                Scope::Geo(g) => Some(Text::from(g.as_str())),
                Scope::Global => Some(Text::from("global")),
            };
            out.processor = o.processor();
            if ctx.map.policy.retention == Retention::Zero
                && o.requires.contains(&Requirement::DataReview)
            {
                out.pending.push(Pending {
                    rule: "POL-RETENTION",
                    values: offering_values(Vec::new()),
                    cite: Some(index),
                });
            }
            if let Some(allowed) = &ctx.map.policy.processors
                && let Some(party) = out.processor
                && !allowed.contains(&party)
            {
                out.pending.push(Pending {
                    rule: "POL-PROCESSOR",
                    values: offering_values(vec![
                        ("processor", party.label().to_owned()),
                        ("allowed", parties(allowed)),
                    ]),
                    cite: Some(index),
                });
            }
        }
        Lookup::Unavailable { why, cite } => {
            out.pending.push(Pending {
                rule: "OFFER-UNAVAILABLE",
                values: name_values(vec![("why", why)]),
                cite,
            });
            out.processing = processing_of(catalog, offered.deployment, loc);
        }
        Lookup::Unknown { why, cite } => {
            out.unknown = Some((why, cite));
            out.processing = processing_of(catalog, offered.deployment, loc);
        }
    }
    // Without an offering, the channel it is bought on processes the data (the vendor for
    // its own API): a policy that names processors still holds it to them.
    if out.offer.is_none()
        && let Some(allowed) = &ctx.map.policy.processors
        && let Some(party) = channel_processor(channel, vendor)
        && !allowed.contains(&party)
    {
        out.pending.push(Pending {
            rule: "POL-PROCESSOR",
            values: name_values(vec![
                ("offering", format!("bought on {}", channel_name(channel))),
                ("processor", party.label().to_owned()),
                ("allowed", parties(allowed)),
            ]),
            cite: None,
        });
    }
    if let (Some(allowed), Some(processing)) = (&ctx.map.policy.processing, &out.processing)
        && !processing_allowed(catalog, processing, allowed)
    {
        out.pending.push(Pending {
            rule: "POL-PROCESSING",
            values: vec![
                ("processing", catalog.processing_name(processing)),
                ("allowed", allowed.join(", ")),
                (
                    "deployment",
                    crate::domain::offerings::deployment_name(offered.deployment).to_owned(),
                ),
            ],
            // What the rule claims (where a Global or Geo deployment processes) is the rule's
            // own pages; the offering is cited for the component itself.
            cite: None,
        });
    }
    out
}
