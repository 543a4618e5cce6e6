//! The evidence a catalog row needs (docs/offerings.md, "Evidence"): each region it lists,
//! a status other than GA and its start date are stated by one of its quotes, and each quote
//! names the model or product and says something. What a quote states is decided by
//! `domain::evidence`; this file applies it to a row, with the position of each claim.

use crate::domain::catalog::Catalog;
use crate::domain::evidence::{emptiness, names, states_date, states_status, words};
use crate::domain::kind::Vendor;
use crate::domain::model::Channel;
use crate::domain::rules::Page;

use super::row::{DateIs, Offering, Status};

/// One unsupported claim: where it is written (a byte offset into the catalog's text) and
/// what is wrong, as the end of a sentence after the row's name.
pub(super) struct Problem {
    pub offset: usize,
    pub message: String,
}

/// The names a quote may give the product a row is sold through, besides its models: the
/// channel ("Amazon Bedrock", "Microsoft Foundry") and, for a vendor's own API, the vendor.
fn product_names(o: &Offering) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = match o.channel {
        Channel::Bedrock => vec!["Bedrock"],
        Channel::Azure => vec!["Azure", "Foundry"],
        Channel::Vertex => vec!["Vertex AI", "Vertex", "Google Cloud", "Gemini Enterprise"],
        Channel::Oracle => vec!["OCI", "Oracle"],
        Channel::Direct | Channel::SelfHosted => Vec::new(),
    };
    // The vendor's own name and brand name the product too ("Anthropic Claude models").
    {
        out.extend(match &o.vendor {
            Vendor::OpenAi => ["OpenAI", "OpenAI API"].as_slice(),
            Vendor::Anthropic => ["Anthropic", "Claude"].as_slice(),
            Vendor::Google => ["Google", "Gemini"].as_slice(),
            Vendor::Meta => ["Meta", "Llama"].as_slice(),
            Vendor::Mistral => ["Mistral"].as_slice(),
            Vendor::Amazon => ["Amazon"].as_slice(),
            Vendor::Microsoft => ["Microsoft"].as_slice(),
            Vendor::Other(_) => [].as_slice(),
        });
    }
    out
}

/// The text a quote offers as evidence: the quote and, for a page in another language,
/// Stateline's translation beside it (dates and statuses are read in either).
fn said(page: &Page) -> String {
    match &page.translation {
        Some(english) => format!("{} {english}", page.quote),
        None => page.quote.clone(),
    }
}

/// How many unnamed regions of one row are reported each at its place (the rest counted).
const REPORTED_REGIONS: usize = 20;

/// The most words a name is looked up with ("Claude Managed Agents for Amazon Bedrock" is six).
const MAX_NAME_WORDS: usize = 8;

/// Every run of 1 to `max` consecutive words of `w` (made by [`words`]), as slices of it.
fn word_runs(w: &str, max: usize) -> Vec<&str> {
    let text = w.trim();
    // Where each word starts and ends in `text`.
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (k, c) in text.char_indices() {
        match (c == ' ', start) {
            (false, None) => start = Some(k),
            (true, Some(st)) => {
                bounds.push((st, k));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        bounds.push((st, text.len()));
    }
    let mut out = Vec::with_capacity(bounds.len() * max);
    for i in 0..bounds.len() {
        for j in i..bounds.len().min(i + max) {
            if let (Some(a), Some(b)) = (bounds.get(i), bounds.get(j))
                && let Some(run) = text.get(a.0..b.1)
            {
                out.push(run);
            }
        }
    }
    out
}

/// Where `needle` is written inside `span` (else the span's start).
fn at(text: &str, span: (usize, usize), needle: &str, nth: usize) -> usize {
    let Some(body) = text.get(span.0..span.1) else {
        return span.0;
    };
    body.match_indices(needle)
        .nth(nth)
        .map_or(span.0, |(k, _)| span.0 + k)
}

/// Every claim of a row that no quote states. `span` = the row's bytes in `text`.
pub(super) fn check(
    o: &Offering,
    regions: &Catalog,
    text: &str,
    span: (usize, usize),
) -> Vec<Problem> {
    let mut out = Vec::new();
    let texts: Vec<String> = o.sources.iter().map(said).collect();
    let all_words: Vec<String> = o.sources.iter().map(|p| words(&p.quote)).collect();
    let models: Vec<&str> = o
        .models
        .iter()
        .map(String::as_str)
        .filter(|m| *m != "*")
        .collect();
    let products = product_names(o);
    // The names as phrases of words, looked up in each quote's phrases.
    let model_words: Vec<String> = models.iter().map(|m| words(m).trim().to_owned()).collect();
    let product_words: Vec<String> = products
        .iter()
        .map(|p| words(p).trim().to_owned())
        .collect();
    let model_set: std::collections::HashSet<&str> =
        model_words.iter().map(String::as_str).collect();
    let product_set: std::collections::HashSet<&str> =
        product_words.iter().map(String::as_str).collect();
    // Quotes that name the model itself (for a row of every model, the product): only
    // they can state where, in which status and since when it is sold.
    let mut about_model = vec![false; o.sources.len()];

    // Each quote says something and names the model or the product.
    for (k, page) in o.sources.iter().enumerate() {
        let offset = at(text, span, "quote:", k);
        // A table cell that only names the subject is not a statement; a few names are
        // enough to tell (and keep this linear in the quote for a row of many models).
        let subjects: Vec<&str> = models.iter().chain(&products).take(64).copied().collect();
        // A quote in another language is read with Stateline's translation beside it.
        let empty = emptiness(&page.quote, &subjects).filter(|_| {
            page.translation
                .as_deref()
                .is_none_or(|english| emptiness(english, &subjects).is_some())
        });
        if let Some(why) = empty {
            out.push(Problem {
                offset,
                message: format!("the quote of source #{} {why}", k + 1),
            });
            continue;
        }
        let w = all_words.get(k).map_or("", String::as_str);
        let in_translation = page.translation.as_deref().map(words);
        // The quote's phrases, each looked up once among the names (linear in the quote).
        let mut runs = word_runs(w, MAX_NAME_WORDS);
        if let Some(t) = &in_translation {
            runs.extend(word_runs(t, MAX_NAME_WORDS));
        }
        let names_model = runs.iter().any(|r| {
            if models.is_empty() {
                product_set.contains(r)
            } else {
                model_set.contains(r)
            }
        });
        let names_product = names_model || runs.iter().any(|r| product_set.contains(r));
        if let Some(slot) = about_model.get_mut(k) {
            *slot = names_model;
        }
        if !names_product {
            let wanted = if models.is_empty() {
                products.join(", ")
            } else {
                models.join(", ")
            };
            out.push(Problem {
                offset,
                message: format!(
                    "the quote of source #{} names neither the model nor the product ({wanted})",
                    k + 1
                ),
            });
        }
    }

    // Each region is named by a quote (by id, display name or alias). The phrases of the
    // quotes that name the model are gathered once, so each name is one look-up however many
    // regions and quotes a row has; the first few unnamed regions are reported where they
    // are written, the rest counted.
    let mut phrases: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (w, about) in all_words.iter().zip(&about_model) {
        if *about {
            phrases.extend(word_runs(w, MAX_NAME_WORDS));
        }
    }
    let mut unnamed = 0usize;
    for region in &o.regions {
        let stated = regions.region_names(region).iter().any(|name| {
            let w = words(name);
            phrases.contains(w.trim())
        });
        if stated {
            continue;
        }
        unnamed += 1;
        if unnamed > REPORTED_REGIONS {
            continue;
        }
        let known = regions.region_names(region);
        let by = if known.len() > 1 {
            format!(" (by \"{}\")", known.join("\" or \""))
        } else {
            String::new()
        };
        out.push(Problem {
            offset: at(text, span, &format!("\"{region}\""), 0),
            message: format!(
                "region \"{region}\" is named by no quote of the row that names the model{by}: quote a page that names both, or remove it (regions unknown)"
            ),
        });
    }
    if unnamed > REPORTED_REGIONS {
        out.push(Problem {
            offset: at(text, span, "regions:", 0),
            message: format!(
                "and {} more regions are named by no quote of the row",
                unnamed - REPORTED_REGIONS
            ),
        });
    }

    let model_texts: Vec<&String> = texts
        .iter()
        .zip(&about_model)
        .filter(|(_, about)| **about)
        .map(|(t, _)| t)
        .collect();

    // A status other than GA is stated.
    if o.status != Status::Ga && !model_texts.iter().any(|t| states_status(t, o.status.key())) {
        let said_with = crate::domain::evidence::status_words(o.status.key())
            .map(|w| w.join("\", \""))
            .unwrap_or_default();
        out.push(Problem {
            offset: at(text, span, "status:", 0),
            message: format!(
                "status {} is stated by no quote (one saying \"{said_with}\")",
                o.status.key()
            ),
        });
    }

    // The start date is stated, or the row says it is only the first date seen.
    if let Some(from) = o.valid_from
        && o.date_is == DateIs::Stated
        && !model_texts.iter().any(|t| states_date(t, from))
    {
        out.push(Problem {
            offset: at(text, span, "valid_from:", 0),
            message: format!(
                "valid_from {from} is stated by no quote: quote the page that gives it, or say `date_is: FirstSeen` (the first date a source shows the offering)"
            ),
        });
    }
    out
}

/// What a finding about an offering claims, so that it cites the quote that states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Where it is sold (`OFFER-REGION`, `OFFER-UNAVAILABLE`).
    Regions,
    /// Its status (`OFFER-PREVIEW`).
    Status,
    /// Whose infrastructure runs it (`HOST-OPERATOR`).
    Operator,
    /// Who processes the data (`POL-PROCESSOR`).
    Processor,
    /// What the provider keeps (`POL-RETENTION`).
    Retention,
}

impl Claim {
    /// The claim a rule's finding makes, for the rules that cite an offering.
    pub fn of_rule(rule: &str) -> Option<Self> {
        match rule {
            "OFFER-REGION" | "OFFER-UNAVAILABLE" => Some(Self::Regions),
            "OFFER-PREVIEW" => Some(Self::Status),
            "HOST-OPERATOR" => Some(Self::Operator),
            "POL-PROCESSOR" => Some(Self::Processor),
            "POL-RETENTION" => Some(Self::Retention),
            _ => None,
        }
    }
}

impl Offering {
    /// The page whose quote states `claim` (the first that does), else [`Offering::page`].
    pub fn page_for(&self, claim: Claim, regions: &Catalog) -> &Page {
        let states = |page: &&Page| {
            let text = said(page);
            let w = words(&text);
            match claim {
                Claim::Regions => self
                    .regions
                    .iter()
                    .any(|r| regions.region_names(r).iter().any(|name| names(&w, name))),
                Claim::Status => states_status(&text, self.status.key()),
                Claim::Operator => [
                    "operated",
                    "operates",
                    "operator",
                    "infrastructure",
                    "processed",
                ]
                .iter()
                .any(|k| names(&w, k)),
                Claim::Processor => ["processor", "processors", "processes", "processed"]
                    .iter()
                    .any(|k| names(&w, k)),
                Claim::Retention => ["retention", "retain", "review", "retained"]
                    .iter()
                    .any(|k| names(&w, k)),
            }
        };
        self.sources
            .iter()
            .find(states)
            .unwrap_or_else(|| self.page())
    }
}
