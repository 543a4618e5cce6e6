//! The scenario bar: which reading of the contested clause, and the as-of date on a
//! timeline whose marks are the dates where the rule pack changes (and, below the bar, where
//! the offerings the map uses launch or retire).

use egui::{Sense, Stroke, StrokeKind, Ui, pos2, vec2};

use crate::domain::date::Date;
use crate::domain::edit::Edit;
use crate::domain::model::{Interpretation, Scenario};
use crate::domain::rules::RulePack;
use crate::ui::document::Document;
use crate::ui::intent::Intent;
use crate::ui::theme;

/// The dates where the pack's rules start or stop applying: every `valid_from` and the day
/// after every `valid_until`, sorted and without duplicates.
pub fn rule_change_dates(pack: &RulePack) -> Vec<Date> {
    pack.boundaries()
}

/// Piecewise-linear timeline: the marks are evenly spaced, so close changes stay apart.
struct Timeline {
    knots: Vec<i64>,
}

impl Timeline {
    fn new(marks: &[Date]) -> Self {
        let mut knots: Vec<i64> = marks.iter().map(|d| d.to_days()).collect();
        knots.sort_unstable();
        knots.dedup();
        let first = knots.first().copied().unwrap_or(20_000);
        let last = knots.last().copied().unwrap_or(first + 365);
        knots.insert(0, first - 120);
        knots.push(last + 365);
        Self { knots }
    }

    fn segments(&self) -> f32 {
        (self.knots.len().saturating_sub(1)).max(1) as f32
    }

    /// 0..=1 along the bar.
    fn frac_of(&self, days: i64) -> f32 {
        for (k, w) in self.knots.windows(2).enumerate() {
            if let [a, b] = w
                && days <= *b
            {
                let t = ((days - a) as f32 / (b - a).max(1) as f32).clamp(0.0, 1.0);
                return (k as f32 + t) / self.segments();
            }
        }
        if days < self.knots.first().copied().unwrap_or(0) {
            0.0
        } else {
            1.0
        }
    }

    fn days_at(&self, frac: f32) -> i64 {
        let x = frac.clamp(0.0, 1.0) * self.segments();
        let k = (x.floor() as usize).min(self.knots.len().saturating_sub(2));
        let (Some(a), Some(b)) = (self.knots.get(k), self.knots.get(k + 1)) else {
            return 0;
        };
        a + ((x - k as f32) * (b - a) as f32).round() as i64
    }
}

/// The summary under the previous reading, to show what switching changed.
pub type Baseline = (Interpretation, crate::domain::analysis::Summary);

/// "1 error", "2 errors" (the core's one way: `domain::text::count`).
pub use crate::domain::text::count;

pub fn ui(ui: &mut Ui, doc: &Document, baseline: Option<&Baseline>, intents: &mut Vec<Intent>) {
    let scenario = &doc.map().scenario;
    let analysis = doc.analysis();
    // Wraps onto a second line when the window is narrow or the text is large.
    ui.horizontal_wrapped(|ui| {
        ui.label("Reading");
        for interp in Interpretation::ALL {
            let on = scenario.interpretation == interp;
            let text = match interp {
                Interpretation::Runtime => "Runtime (OpenAI/Amazon)",
                Interpretation::ApiAccess => "API access (Microsoft)",
            };
            if ui
                .selectable_label(on, text)
                .on_hover_text(interp.label())
                .clicked()
                && !on
            {
                intents.push(Intent::Edit(Edit::SetScenario(Scenario {
                    interpretation: interp,
                    ..scenario.clone()
                })));
            }
        }
        ui.separator();
        let as_of = analysis.scenario.as_of;
        ui.label("As of");
        date_field(ui, scenario, as_of, intents);
        // The timeline takes what the row leaves after "Today" and the figures (measured),
        // so the bar is one row wherever they fit beside a usable timeline.
        let body = egui::TextStyle::Body.resolve(ui.style());
        let gap = ui.spacing().item_spacing.x;
        let after: f32 = figure_texts(doc, baseline, ui.visuals().dark_mode)
            .iter()
            .map(|(t, _)| {
                ui.fonts_mut(|f| f.layout_no_wrap(t.clone(), body.clone(), egui::Color32::WHITE))
                    .size()
                    .x
                    + gap
            })
            .sum::<f32>()
            + 190.0;
        timeline(
            ui,
            scenario,
            as_of,
            &rule_change_dates(&doc.rule_pack()),
            doc.offering_dates(),
            (ui.available_size_before_wrap().x - after).clamp(160.0, 600.0),
            intents,
        );
        if scenario.as_of.is_some()
            && ui
                .button("Today")
                .on_hover_text("Evaluate the rules as of today")
                .clicked()
        {
            intents.push(Intent::Edit(Edit::SetScenario(Scenario {
                as_of: None,
                ..scenario.clone()
            })));
        }
        ui.separator();
        // Each figure stays whole when the bar wraps.
        for (text, colour) in figure_texts(doc, baseline, ui.visuals().dark_mode) {
            let mut rich = egui::RichText::new(text);
            if let Some(c) = colour {
                rich = rich.color(c);
            }
            ui.add(egui::Label::new(rich).wrap_mode(egui::TextWrapMode::Extend));
        }
    });
}

/// The figures at the end of the bar: errors, warnings, cross-cloud connections, the lock-in
/// score, and what switching the reading changed (against the other reading's figures).
fn figure_texts(
    doc: &Document,
    baseline: Option<&Baseline>,
    dark: bool,
) -> Vec<(String, Option<egui::Color32>)> {
    let s = &doc.analysis().summary;
    let mut out = vec![
        (
            count(s.errors, "error", "errors"),
            Some(theme::alert_text(dark)),
        ),
        (
            count(s.warnings, "warning", "warnings"),
            Some(theme::warning_text(dark)),
        ),
        (format!("{} cross-cloud", s.cross_cloud_connections), None),
        (format!("lock-in {}", s.lockin_score), None),
    ];
    if let Some((reading, before)) = baseline {
        let delta = |now: u32, was: u32| {
            let d = i64::from(now) - i64::from(was);
            if d > 0 {
                format!("+{d}")
            } else {
                d.to_string()
            }
        };
        out.push((
            format!(
                "vs {}: {} errors, {} warnings, {} cross-cloud",
                match reading {
                    Interpretation::Runtime => "Runtime reading",
                    Interpretation::ApiAccess => "API-access reading",
                },
                delta(s.errors, before.errors),
                delta(s.warnings, before.warnings),
                delta(s.cross_cloud_connections, before.cross_cloud_connections),
            ),
            None,
        ));
    }
    out
}

fn set_date(scenario: &Scenario, date: Date, intents: &mut Vec<Intent>) {
    if Some(date) != scenario.as_of {
        intents.push(Intent::Edit(Edit::SetScenario(Scenario {
            as_of: Some(date),
            ..scenario.clone()
        })));
    }
}

/// The as-of date as text: type `YYYY-MM-DD` and press Enter (or leave the field); ◀ ▶ step
/// a day.
fn date_field(ui: &mut Ui, scenario: &Scenario, as_of: Date, intents: &mut Vec<Intent>) {
    if ui
        .small_button("◀")
        .on_hover_text("One day earlier (or ← on the timeline)")
        .clicked()
    {
        set_date(scenario, as_of.add_days(-1), intents);
    }
    let id = egui::Id::unique("scenario_bar_as_of_text");
    let mut text: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| as_of.to_string());
    let parsed = Date::parse(text.trim());
    let resp = ui.add(
        egui::TextEdit::singleline(&mut text)
            .desired_width(ui.text_style_height(&egui::TextStyle::Body) * 6.0)
            .hint_text("YYYY-MM-DD")
            .text_color_opt(parsed.is_err().then(theme::alert)),
    );
    let resp = resp.on_hover_text(match &parsed {
        Ok(_) => "The date the rules are evaluated on: type YYYY-MM-DD and press Enter".to_owned(),
        Err(e) => format!("Not a date: {e}"),
    });
    if resp.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text));
    } else {
        if resp.lost_focus() {
            match parsed {
                Ok(date) => set_date(scenario, date, intents),
                // Said, never silent: what was typed, what a date is, what is kept.
                Err(_) => {
                    intents.push(Intent::Notify(format!(
                        "As-of date “{}” refused: not a calendar date (YYYY-MM-DD, month 01–12, a day the month has); kept {as_of}",
                        text.trim()
                    )));
                }
            }
        }
        ui.data_mut(|d| d.remove::<String>(id));
    }
    if ui
        .small_button("▶")
        .on_hover_text("One day later (or → on the timeline)")
        .clicked()
    {
        set_date(scenario, as_of.add_days(1), intents);
    }
}

fn timeline(
    ui: &mut Ui,
    scenario: &Scenario,
    as_of: Date,
    marks: &[Date],
    offer_marks: &[Date],
    width: f32,
    intents: &mut Vec<Intent>,
) {
    let all: Vec<Date> = marks.iter().chain(offer_marks).copied().collect();
    let tl = Timeline::new(&all);
    let label_px = 10.0;
    let (rect, resp) = ui.allocate_exact_size(vec2(width, 38.0), Sense::click_and_drag());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "As-of date"));
    // Its arrows step the date while it has focus (a flow's walk leaves them to it).
    ui.data_mut(|d| d.insert_temp(timeline_key(), resp.id));
    if resp.clicked() || resp.drag_started() {
        resp.request_focus();
    }
    // Keyboard: ←/→ a day, PgUp/PgDn a month, when the timeline has focus.
    if resp.has_focus() {
        let step = ui.input_mut(|i| {
            let mut days = 0;
            let mut months = 0;
            if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowLeft) {
                days -= 1;
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowRight) {
                days += 1;
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::PageUp) {
                months += 1;
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::PageDown) {
                months -= 1;
            }
            (days, months)
        });
        if step != (0, 0) {
            set_date(scenario, as_of.add_days(step.0).add_months(step.1), intents);
        }
    }
    let bar = egui::Rect::from_min_max(
        pos2(rect.min.x + 8.0, rect.min.y + 12.0),
        pos2(rect.max.x - 8.0, rect.min.y + 16.0),
    );
    if (resp.dragged() || resp.clicked())
        && let Some(p) = resp.interact_pointer_pos()
    {
        let frac = (p.x - bar.min.x) / bar.width();
        let mut days = tl.days_at(frac);
        // Snap to a mark when close, so the exact change date is easy to hit.
        for m in &all {
            if ((tl.frac_of(m.to_days()) - frac) * bar.width()).abs() < 5.0 {
                days = m.to_days();
            }
        }
        let date = Date::from_days(days);
        if Some(date) != scenario.as_of {
            intents.push(Intent::Coalesce(
                Edit::SetScenario(Scenario {
                    as_of: Some(date),
                    ..scenario.clone()
                }),
                "scenario/as_of".to_owned(),
            ));
        }
    }
    if resp.drag_stopped() || resp.clicked() {
        intents.push(Intent::BreakCoalescing);
    }
    let visuals = ui.visuals();
    let p = ui.painter();
    p.rect_filled(bar, 2.0, visuals.widgets.inactive.bg_fill);
    if resp.has_focus() {
        p.rect_stroke(rect, 3.0, visuals.selection.stroke, StrokeKind::Inside);
    }
    // Marks always; their dates only where they do not run into the previous one.
    let mut last_right = f32::NEG_INFINITY;
    for m in marks {
        let x = bar.min.x + tl.frac_of(m.to_days()) * bar.width();
        p.line_segment(
            [pos2(x, bar.min.y - 8.0), pos2(x, bar.max.y + 8.0)],
            Stroke::new(2.0, theme::contested()),
        );
        let galley = p.layout_no_wrap(
            m.to_string(),
            theme::font(label_px),
            visuals.weak_text_color(),
        );
        let half = galley.size().x / 2.0;
        let left = (x - half).max(rect.min.x);
        if left > last_right + 4.0 && left + 2.0 * half <= rect.max.x + 1.0 {
            p.galley(
                pos2(left, rect.max.y - galley.size().y),
                galley,
                visuals.weak_text_color(),
            );
            last_right = left + 2.0 * half;
        }
    }
    // The launch and retirement dates of the offerings the map uses: shorter ticks below
    // the bar, in the availability colour; named on hover.
    let offer_colour = theme::severity(crate::domain::analysis::Severity::Info);
    for m in offer_marks {
        let x = bar.min.x + tl.frac_of(m.to_days()) * bar.width();
        p.line_segment(
            [pos2(x, bar.max.y), pos2(x, bar.max.y + 7.0)],
            Stroke::new(2.0, offer_colour),
        );
    }
    if let Some(h) = resp.hover_pos() {
        let near: Vec<String> = offer_marks
            .iter()
            .filter(|m| ((bar.min.x + tl.frac_of(m.to_days()) * bar.width()) - h.x).abs() < 5.0)
            .map(|m| format!("{m}: an offering the map uses launches or retires"))
            .chain(
                marks
                    .iter()
                    .filter(|m| {
                        ((bar.min.x + tl.frac_of(m.to_days()) * bar.width()) - h.x).abs() < 5.0
                    })
                    .map(|m| format!("{m}: the rule pack changes")),
            )
            .collect();
        if !near.is_empty() {
            resp.clone().on_hover_text(near.join("\n"));
        }
    }
    let today = crate::io::scenario::today();
    let tx = bar.min.x + tl.frac_of(today.to_days()) * bar.width();
    p.line_segment(
        [pos2(tx, bar.min.y - 6.0), pos2(tx, bar.max.y + 6.0)],
        Stroke::new(1.0, visuals.weak_text_color()),
    );
    let x = bar.min.x + tl.frac_of(as_of.to_days()) * bar.width();
    let knob = egui::Rect::from_center_size(pos2(x, bar.center().y), vec2(10.0, 20.0));
    p.rect(
        knob,
        3.0,
        visuals.selection.bg_fill,
        Stroke::new(1.5, visuals.strong_text_color()),
        StrokeKind::Inside,
    );
    resp.on_hover_text(
        "Drag across a contract change (orange marks) and watch the colours change; click, then ←/→ steps a day, PgUp/PgDn a month",
    );
}

/// Where the timeline's widget id is kept (the keys that also use arrows ask for it).
pub fn timeline_key() -> egui::Id {
    egui::Id::unique("stateline_timeline_widget")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("bad test date {s}: {e:?}"))
    }

    #[test]
    fn the_marks_come_from_the_built_in_pack() {
        let marks = rule_change_dates(&RulePack::builtin());
        assert!(marks.contains(&date("2026-02-27")), "{marks:?}");
        assert!(marks.contains(&date("2026-04-27")), "{marks:?}");
        assert!(
            marks.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
    }

    #[test]
    fn the_marks_follow_the_pack_validity_windows() {
        let mut pack = (*RulePack::builtin()).clone();
        for r in &mut pack.rules {
            r.valid_from = None;
            r.valid_until = None;
        }
        assert!(rule_change_dates(&pack).is_empty());
        let [a, b, ..] = pack.rules.as_mut_slice() else {
            panic!("the built-in pack has rules");
        };
        a.valid_from = Some(date("2027-01-01"));
        a.valid_until = Some(date("2027-06-30"));
        b.valid_from = Some(date("2027-01-01"));
        assert_eq!(
            rule_change_dates(&pack),
            vec![date("2027-01-01"), date("2027-07-01")],
            "the day after valid_until; duplicates merged"
        );
    }
}
