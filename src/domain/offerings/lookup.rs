//! Asking the catalog about one component: the offering that applies on a date for its
//! deployment (the one lookup every view uses), or why none does; the choices the window
//! offers, and the dates the timeline marks.

use std::fmt::Write as _;

use crate::domain::date::Date;
use crate::domain::kind::{Deployment, Offered};
use crate::domain::model::{Channel, Provider, Vendor};

use super::row::{Offering, Offerings, Scope, normalize};

/// What the catalog says about one component on one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The offering that applies (index into [`Offerings::offerings`]); `elsewhere` = a
    /// geography profile of another geography than the drawn region's (the nearest one).
    Found { index: usize, elsewhere: bool },
    /// The catalog knows the model, but it is not sold on this channel with this deployment
    /// on this date: why, and when/where it is sold; `cite` = the row that says so.
    Unavailable { why: String, cite: Option<usize> },
    /// The model is not in the catalog (or the chosen offering id is not).
    Unknown { why: String, cite: Option<usize> },
}

/// A question to the catalog.
#[derive(Clone, Copy, Debug)]
pub struct Query<'a> {
    pub offered: Offered<'a>,
    /// The channel it is really bought on (the rule pack may move it: an `OpenAI` stateless
    /// call bought through Bedrock is Azure's under Regime A).
    pub channel: Channel,
    /// The region group of the region it is drawn in, if known.
    pub group: Option<&'a str>,
    pub date: Date,
}

impl Offerings {
    /// The model ids the catalog lists for a vendor on a channel (the window's suggestions),
    /// sorted, each once.
    pub fn models_for(&self, vendor: &Vendor, channel: Channel) -> Vec<String> {
        let mut out: Vec<String> = self
            .offerings
            .iter()
            .filter(|o| o.vendor == *vendor && o.channel == channel)
            .flat_map(|o| o.models.iter().filter(|m| *m != "*").cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Every offering that covers a component's model on its channel (any date, any scope):
    /// the choices the window offers.
    pub fn candidates<'s>(
        &'s self,
        offered: &Offered<'_>,
        channel: Channel,
    ) -> impl Iterator<Item = (usize, &'s Offering)> {
        let name = normalize(offered.name);
        let vendor = offered.vendor.clone();
        self.offerings
            .iter()
            .enumerate()
            .filter(move |(_, o)| o.channel == channel && o.covers(&vendor, &name))
    }

    /// The regions that sell a component's model on a channel on `date` with a scope that
    /// fits its deployment (the offerings [`Offerings::lookup`] may choose from), in
    /// catalog order, each once: what the window's region picker marks.
    pub fn selling_regions<'s>(
        &'s self,
        offered: &Offered<'_>,
        channel: Channel,
        date: Date,
        out: &mut Vec<&'s str>,
    ) {
        let deployment = offered.deployment;
        for (_, o) in self.candidates(offered, channel) {
            if o.valid_on(date) && o.scope.fits(deployment) {
                for r in &o.regions {
                    if !out.contains(&r.as_str()) {
                        out.push(r);
                    }
                }
            }
        }
    }

    /// The launch and retirement dates of these offerings, sorted, each once (the window's
    /// timeline marks).
    pub fn dates_of(&self, indices: impl IntoIterator<Item = usize>) -> Vec<Date> {
        let mut out: Vec<Date> = indices
            .into_iter()
            .filter_map(|i| self.offerings.get(i))
            .flat_map(|o| [o.valid_from, o.valid_until])
            .flatten()
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The offering that applies to a component (see the spec's analysis, step 2): the one
    /// chosen by id, else the first in file order that covers the model on the channel, is
    /// sold on the date and fits the deployment (for a geography, the drawn region's own
    /// first).
    pub fn lookup(&self, q: &Query<'_>) -> Lookup {
        let vendor = q.offered.vendor;
        let name = normalize(q.offered.name);
        if let Some(id) = q.offered.offering {
            return match self.offerings.iter().position(|o| o.id == id) {
                Some(index)
                    if self
                        .offerings
                        .get(index)
                        .is_some_and(|o| o.covers(vendor, &name)) =>
                {
                    let o = &self.offerings[index];
                    if o.valid_on(q.date) {
                        Lookup::Found {
                            index,
                            elsewhere: false,
                        }
                    } else {
                        Lookup::Unavailable {
                            why: format!(
                                "the chosen offering {id} is not sold on {} ({})",
                                q.date,
                                o.summary()
                            ),
                            cite: Some(index),
                        }
                    }
                }
                Some(index) => Lookup::Unknown {
                    why: format!("the chosen offering {id} does not cover {}", q.offered.name),
                    cite: Some(index),
                },
                None => Lookup::Unknown {
                    why: format!("the chosen offering {id} is not in the catalog"),
                    cite: None,
                },
            };
        }
        let on_channel: Vec<(usize, &Offering)> = self
            .offerings
            .iter()
            .enumerate()
            .filter(|(_, o)| o.channel == q.channel && o.covers(vendor, &name))
            .collect();
        if on_channel.is_empty() {
            // The catalog is not complete: a model it has no row for on this channel is
            // unknown there, not "never sold" (a false error the other side would catch).
            let mut elsewhere: Vec<&str> = self
                .offerings
                .iter()
                .filter(|o| o.names(vendor, &name))
                .map(|o| channel_name(o.channel))
                .collect();
            elsewhere.sort_unstable();
            elsewhere.dedup();
            let why = if elsewhere.is_empty() {
                format!("{} is not in the offerings catalog", q.offered.name)
            } else {
                format!(
                    "the offerings catalog has no row for {} on {} (it lists it on {})",
                    q.offered.name,
                    channel_name(q.channel),
                    elsewhere.join(", ")
                )
            };
            return Lookup::Unknown { why, cite: None };
        }
        let valid: Vec<(usize, &Offering)> = on_channel
            .iter()
            .copied()
            .filter(|(_, o)| o.valid_on(q.date))
            .collect();
        let fitting: Vec<(usize, &Offering)> = valid
            .iter()
            .copied()
            .filter(|(_, o)| o.scope.fits(q.offered.deployment))
            .collect();
        if q.offered.deployment == Deployment::Geo {
            if let Some(&(index, _)) = fitting
                .iter()
                .find(|(_, o)| matches!(&o.scope, Scope::Geo(g) if Some(g.as_str()) == q.group))
            {
                return Lookup::Found {
                    index,
                    elsewhere: false,
                };
            }
            if let Some(&(index, _)) = fitting.first() {
                return Lookup::Found {
                    index,
                    elsewhere: true,
                };
            }
        } else if let Some(&(index, _)) = fitting.first() {
            return Lookup::Found {
                index,
                elsewhere: false,
            };
        }
        let cite = on_channel.first().map(|(k, _)| *k).or_else(|| {
            self.offerings
                .iter()
                .position(|o| o.covers(vendor, &name) && o.valid_on(q.date))
        });
        Lookup::Unavailable {
            why: self.why_unavailable(q, &on_channel, &valid, &name),
            cite,
        }
    }

    /// The message of `OFFER-UNAVAILABLE`: when and where the model is sold instead.
    fn why_unavailable(
        &self,
        q: &Query<'_>,
        on_channel: &[(usize, &Offering)],
        valid: &[(usize, &Offering)],
        name: &str,
    ) -> String {
        let channel = channel_name(q.channel);
        if !valid.is_empty() {
            let mut scopes: Vec<String> = valid.iter().map(|(_, o)| o.scope.label()).collect();
            scopes.dedup();
            return format!(
                "on {channel} it is sold only as {} on {}, not {}: change the deployment",
                scopes.join(", "),
                q.date,
                deployment_name(q.offered.deployment)
            );
        }
        let later = on_channel
            .iter()
            .filter_map(|(_, o)| o.valid_from.filter(|&from| from > q.date))
            .min();
        let ended = on_channel
            .iter()
            .filter_map(|(_, o)| o.valid_until.filter(|&until| until <= q.date))
            .max();
        let elsewhere: Vec<&str> = {
            let mut chans: Vec<&str> = self
                .offerings
                .iter()
                .filter(|o| o.channel != q.channel && o.covers(q.offered.vendor, name))
                .filter(|o| o.valid_on(q.date))
                .map(|o| channel_name(o.channel))
                .collect();
            chans.sort_unstable();
            chans.dedup();
            chans
        };
        let mut why = match (later, ended) {
            (Some(from), _) => format!(
                "not sold on {channel} before {from} (the analysis date is {})",
                q.date
            ),
            (None, Some(until)) => format!("no longer sold on {channel} since {until}"),
            _ if on_channel.is_empty() => format!("not sold on {channel}"),
            _ => format!("not sold on {channel} on {}", q.date),
        };
        if !elsewhere.is_empty() {
            write!(
                why,
                "; on {} it is sold through {}",
                q.date,
                elsewhere.join(", ")
            )
            .ok();
        }
        why
    }
}

/// The channel a component's model is bought on when it runs on a host of `provider`: the
/// one rule of where a model is sold, asked by the analysis (for the effective host) and by
/// the window's region picker (for the drawn host). `None`: a self-hosted model (no
/// offering applies) or a host that sells no model (on-premises, a device).
pub fn channel_for(offered: &Offered<'_>, provider: Provider) -> Option<Channel> {
    if offered.channel == Channel::SelfHosted {
        return None;
    }
    match provider {
        Provider::Azure => Some(Channel::Azure),
        Provider::Aws => Some(Channel::Bedrock),
        Provider::Gcp => Some(Channel::Vertex),
        Provider::Oracle => Some(Channel::Oracle),
        Provider::Vendor => Some(Channel::Direct),
        Provider::OnPrem | Provider::Device => None,
    }
}

/// A channel's short name in messages.
pub fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Direct => "the vendor's own API",
        Channel::Azure => "Azure",
        Channel::Bedrock => "Bedrock",
        Channel::Vertex => "Vertex AI",
        Channel::Oracle => "Oracle",
        Channel::SelfHosted => "self-hosting",
    }
}

/// A deployment's short name in messages.
pub fn deployment_name(deployment: Deployment) -> &'static str {
    match deployment {
        Deployment::Regional => "Regional",
        Deployment::Geo => "Geo",
        Deployment::Global => "Global",
    }
}
