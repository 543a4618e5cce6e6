//! The values of message placeholders: host labels and a component's own placeholders
//! (`{label}`, `{host}`, `{drawn}`, …), written into findings' messages.

use super::Ctx;
use super::placement::Placement;
use crate::domain::model::{Channel, Host, Provider, Vendor};

/// A host label for messages: `AWS us-east-1`, `Anthropic's own service`.
pub fn host_label(host: &Host, vendor: Option<&Vendor>) -> String {
    let mut out = String::new();
    write_host_label(&mut out, host, vendor);
    out
}

/// Appends [`host_label`] to `out`.
pub fn write_host_label(out: &mut String, host: &Host, vendor: Option<&Vendor>) {
    match (host.provider, vendor, &host.region) {
        (Provider::Vendor, Some(v), None) => {
            out.push_str(v.label());
            out.push_str("'s own service");
        }
        (p, _, Some(region)) => {
            out.push_str(p.label());
            out.push(' ');
            out.push_str(region);
        }
        (p, _, None) => out.push_str(p.label()),
    }
}

/// The `{labels}` of a finding about several components: the first eight labels, then
/// how many more.
pub fn labels(comps: &[&crate::domain::model::Component]) -> String {
    let mut labels = comps
        .iter()
        .take(8)
        .map(|c| c.label.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if comps.len() > 8 {
        use std::fmt::Write as _;
        write!(labels, " and {} more", comps.len() - 8).ok();
    }
    labels
}

/// Values of the message placeholders for one component.
pub fn component_values(
    ctx: &Ctx<'_>,
    index: usize,
    placement: &Placement,
) -> Vec<(&'static str, String)> {
    let Some(c) = ctx.map.components.get(index) else {
        return Vec::new();
    };
    let vendor = c.kind.vendor();
    let effective = placement.effective.as_ref();
    vec![
        ("label", c.label.clone()),
        ("id", c.id.as_str().to_owned()),
        (
            "provider",
            effective.map_or_else(|| "nowhere".to_owned(), |h| h.provider.label().to_owned()),
        ),
        (
            "region",
            effective
                .and_then(|h| h.region.as_deref())
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            "host",
            effective.map_or_else(|| "no host".to_owned(), |h| host_label(h, vendor)),
        ),
        (
            "drawn",
            placement
                .drawn
                .as_ref()
                .map_or_else(|| "no host".to_owned(), |h| host_label(h, vendor)),
        ),
        (
            "vendor",
            vendor.map(|v| v.label().to_owned()).unwrap_or_default(),
        ),
        (
            "channel",
            c.kind
                .channel()
                .map(|ch| ch.label().to_owned())
                .unwrap_or_default(),
        ),
    ]
}

/// Appends the value of one component placeholder (those of [`component_values`]) to `out`;
/// false for a name that is not one of them.
pub fn component_value(
    ctx: &Ctx<'_>,
    index: usize,
    placement: &Placement,
    name: &str,
    out: &mut String,
) -> bool {
    let Some(c) = ctx.map.components.get(index) else {
        return false;
    };
    let vendor = c.kind.vendor();
    let effective = placement.effective.as_ref();
    match name {
        "label" => out.push_str(&c.label),
        "id" => out.push_str(c.id.as_str()),
        "provider" => out.push_str(effective.map_or("nowhere", |h| h.provider.label())),
        "region" => out.push_str(effective.and_then(|h| h.region.as_deref()).unwrap_or("")),
        "host" => match effective {
            Some(h) => write_host_label(out, h, vendor),
            None => out.push_str("no host"),
        },
        "drawn" => match &placement.drawn {
            Some(h) => write_host_label(out, h, vendor),
            None => out.push_str("no host"),
        },
        "vendor" => out.push_str(vendor.map_or("", Vendor::label)),
        "channel" => out.push_str(c.kind.channel().map_or("", Channel::label)),
        _ => return false,
    }
    true
}
