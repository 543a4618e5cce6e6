//! Which public pages an analysis cites: the page each finding quotes (for a rule that cites
//! per vendor and channel, or a component with an offering, its own page), and the Sources
//! list every report ends with.

use super::graph::Graph;
use super::result::{ComponentResult, Finding};
use super::{Ctx, offer, result};
use crate::domain::model::Kind;

/// A finding of a rule whose pages speak of some vendors or channels only (`CHANNEL-HOST`)
/// cites the page for its own component's vendor and channel.
pub(super) fn cite_per_subject(
    ctx: &Ctx<'_>,
    graph: &Graph,
    offers: &[Option<offer::ComponentOffer>],
    findings: &mut [Finding],
) {
    let index_of = |f: &Finding| {
        f.subjects
            .first()
            .and_then(|s| graph.index.get(&crate::domain::ids::text_key(*s)))
            .copied()
    };
    let rules: Vec<&crate::domain::rules::Rule> = ctx
        .pack
        .rules
        .iter()
        .filter(|r| r.cites_per_subject())
        .collect();
    let channel_host = crate::domain::ids::Text::from("CHANNEL-HOST");
    // Each offering's page line once (many components share an offering).
    let mut lines: std::collections::BTreeMap<usize, crate::domain::ids::Text> =
        std::collections::BTreeMap::new();
    for f in findings {
        let rule = rules.iter().find(|r| r.id == f.rule);
        if f.rule != channel_host && rule.is_none() {
            continue;
        }
        let i = index_of(f);
        // A channel-hosted component is justified by its offering's own page.
        if f.rule == channel_host
            && let Some(k) = i
                .and_then(|i| offers.get(i))
                .and_then(|o| o.as_ref()?.index)
            && let Some(o) = ctx.offerings.offerings.get(k)
        {
            f.source = *lines
                .entry(k)
                .or_insert_with(|| crate::domain::ids::Text::from(o.page().line().as_str()));
            continue;
        }
        let Some(rule) = rule else {
            continue;
        };
        let kind = i.and_then(|i| ctx.map.components.get(i)).map(|c| &c.kind);
        f.source = crate::domain::ids::Text::from(
            rule.source_for(kind.and_then(Kind::vendor), kind.and_then(Kind::channel))
                .as_str(),
        );
    }
}

/// The pages an analysis cites, each once (by URL), primary statements first, then by
/// title: every page of the rules its findings and hosting decisions name — for a rule
/// that cites per vendor and channel, only the pages that speak of its own components.
pub(super) fn sources(
    ctx: &Ctx<'_>,
    graph: &Graph,
    findings: &[Finding],
    components: &[ComponentResult],
    offer_cites: &[(usize, &'static str)],
) -> Vec<result::SourceEntry> {
    use crate::domain::rules::{Page, Rule};
    fn cite<'p>(cited: &mut Vec<(&'p Rule, &'p Page)>, rule: &'p Rule, kind: Option<&Kind>) {
        let pages = rule.pages_for(kind.and_then(Kind::vendor), kind.and_then(Kind::channel));
        for page in pages {
            if !cited
                .iter()
                .any(|(r, p)| std::ptr::eq(*p, page) && r.id == rule.id)
            {
                cited.push((rule, page));
            }
        }
    }
    let mut cited: Vec<(&Rule, &Page)> = Vec::new();
    let kind_of = |subject: Option<&crate::domain::ids::Text>| {
        subject
            .and_then(|s| graph.index.get(&crate::domain::ids::text_key(*s)))
            .and_then(|&i| ctx.map.components.get(i))
            .map(|c| &c.kind)
    };
    // Each (rule, vendor, channel) once: a map has few, its findings many.
    let mut seen: std::collections::BTreeSet<(
        crate::domain::ids::Text,
        Option<&crate::domain::model::Vendor>,
        Option<crate::domain::model::Channel>,
    )> = std::collections::BTreeSet::new();
    // Findings come sorted by rule within a severity: a run of one rule that cites the same
    // pages for every subject is looked at once.
    let mut last: Option<crate::domain::ids::Text> = None;
    for f in findings {
        if last == Some(f.rule) {
            continue;
        }
        let Some(rule) = ctx.pack.rule(&f.rule) else {
            continue;
        };
        let per_subject = rule.cites_per_subject();
        last = (!per_subject).then_some(f.rule);
        let kind = per_subject.then(|| kind_of(f.subjects.first())).flatten();
        if seen.insert((
            rule.id,
            kind.and_then(Kind::vendor),
            kind.and_then(Kind::channel),
        )) {
            cite(&mut cited, rule, kind);
        }
    }
    for (c, comp) in components.iter().zip(&ctx.map.components) {
        if let Some(rule) = c.rule.and_then(|r| ctx.pack.rule(&r))
            && seen.insert((rule.id, comp.kind.vendor(), comp.kind.channel()))
        {
            cite(&mut cited, rule, Some(&comp.kind));
        }
    }
    let mut out: Vec<result::SourceEntry> = Vec::new();
    for (rule, page) in cited {
        if let Some(seen) = out.iter_mut().find(|s| s.url == page.url) {
            if !seen.rules.contains(&rule.id) {
                seen.rules.push(rule.id);
            }
            continue;
        }
        let mut entry = entry_of(page);
        entry.rules.push(rule.id);
        out.push(entry);
    }
    // The offerings' own pages: each names where its offering is sold (and the findings
    // about it cite it).
    for &(k, rule) in offer_cites {
        let Some(o) = ctx.offerings.offerings.get(k) else {
            continue;
        };
        // The rule is credited to the page its findings quote (the one stating the claim).
        let cited = match crate::domain::offerings::Claim::of_rule(rule) {
            Some(claim) => o.page_for(claim, ctx.catalog),
            None => o.page(),
        };
        for page in &o.sources {
            if !out.iter().any(|s| s.url == page.url) {
                out.push(entry_of(page));
            }
            let Some(entry) = out.iter_mut().find(|s| s.url == page.url) else {
                continue;
            };
            if !rule.is_empty()
                && std::ptr::eq(page, cited)
                && !entry.rules.iter().any(|r| &**r == rule)
            {
                entry.rules.push(crate::domain::ids::Text::from(rule));
            }
            if !entry.offerings.contains(&o.id) {
                entry.offerings.push(o.id.clone());
            }
        }
    }
    for s in &mut out {
        s.rules.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    }
    // The companies' own statements first, then commentary; by title within each.
    out.sort_by(|a, b| {
        (a.kind != "primary", &a.title, &a.url).cmp(&(b.kind != "primary", &b.title, &b.url))
    });
    out
}

/// A cited page as the Sources list shows it, cited by nothing yet.
fn entry_of(page: &crate::domain::rules::Page) -> result::SourceEntry {
    use crate::domain::rules::PageKind;
    result::SourceEntry {
        title: page.title.clone(),
        publisher: page.publisher.clone(),
        date: page.date,
        retrieved: page.retrieved,
        url: page.url.clone(),
        kind: match page.kind {
            PageKind::Primary => "primary",
            PageKind::Commentary => "commentary",
        },
        rules: Vec::new(),
        offerings: Vec::new(),
    }
}
