//! A/B: the open map beside itself under the other reading of the contested clause, or
//! under another as-of date — what moves (hosts, hops) and what it costs (each flow's
//! latency, hops and egress). The canvas shows side A; the comparison's marks, the Changes
//! tab and (when presenting) a card show how side B differs. `B` swaps the sides.

use egui::Ui;

use super::App;
use crate::domain::edit::Edit;
use crate::domain::model::Scenario;
use crate::ui::commands::UiCommand;
use crate::ui::compare::{Comparison, Side};
use crate::ui::document::Document;
use crate::ui::intent::Intent;
use crate::ui::state::BottomTab;

impl App {
    /// `B`: compare with the other reading, or, when an A/B comparison is on, swap A and B.
    pub(super) fn ab_readings(&mut self) {
        if let Some(side) = self.state.compare.as_ref().and_then(Comparison::side) {
            self.swap_ab(side);
        } else {
            let other = crate::domain::analysis::other(self.doc.map().scenario.interpretation);
            self.compare_scenario(Side::Reading(other));
        }
    }

    /// Starts an A/B comparison with `side` (replacing any comparison).
    pub(super) fn compare_scenario(&mut self, side: Side) {
        self.doc.refresh();
        self.doc.wait_for_analysis();
        let c = Comparison::scenario(side, &self.doc);
        self.say(format!(
            "A/B: {} (B) beside what is shown (A): {} differences · B swaps them",
            side.describe(),
            c.count()
        ));
        self.state.compare = Some(c);
        if self.state.presenting.is_none() {
            self.state.bottom_tab = BottomTab::Changes;
            self.prefs.findings_open = true;
        }
    }

    /// Shows side B and makes what was shown side B (one edit of the scenario: undoable).
    fn swap_ab(&mut self, side: Side) {
        let scenario = self.doc.map().scenario.clone();
        let shown_date = self.doc.analysis().scenario.as_of;
        let (new_scenario, new_side) = match side {
            Side::Reading(r) => (
                Scenario {
                    interpretation: r,
                    ..scenario.clone()
                },
                Side::Reading(scenario.interpretation),
            ),
            Side::Date(d) => (
                Scenario {
                    as_of: Some(d),
                    ..scenario.clone()
                },
                Side::Date(shown_date),
            ),
        };
        if let Some(c) = &mut self.state.compare {
            c.set_side(new_side);
        }
        self.intents
            .push(Intent::Edit(Edit::SetScenario(new_scenario)));
    }
}

/// View → A/B: the other reading, or another date (the day before and the day of each
/// date the rules change).
pub(super) fn menu(
    ui: &mut Ui,
    doc: &Document,
    compare: Option<&Comparison>,
    out: &mut Vec<Intent>,
) {
    // The menu stays open while a date is typed; a choice closes it.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::SubMenuButton::new("A/B: compare scenarios")
        .config(config)
        .ui(ui, |ui| {
            let active = compare.and_then(Comparison::side);
            let text = if active.is_some() {
                "Swap A and B"
            } else {
                "Both readings"
            };
            let short = UiCommand::AbReadings.shortcut_text(ui.ctx());
            if ui
                .add(egui::Button::new(text).shortcut_text(short))
                .clicked()
            {
                out.push(Intent::Command(UiCommand::AbReadings));
                ui.close();
            }
            ui.separator();
            ui.label("B as of another date:");
            let shown = doc.analysis().scenario.as_of;
            let dates = crate::ui::panels::scenario_bar::rule_change_dates(&doc.rule_pack());
            for d in dates {
                let before = format!("the day before the rules change on {d}");
                for (b, why) in [
                    (d.add_days(-1), before.as_str()),
                    (d, "the rules change that day"),
                ] {
                    if b != shown && ui.button(format!("{b} ({why})")).clicked() {
                        out.push(Intent::CompareScenario(Side::Date(b)));
                        ui.close();
                    }
                }
            }
            // Any other date, typed.
            let key = egui::Id::unique("ab_other_date");
            let mut text: String = ui
                .data(|d| d.get_temp(key))
                .unwrap_or_else(|| shown.to_string());
            ui.horizontal(|ui| {
                let l = ui.label("or as of");
                ui.add(
                    egui::TextEdit::singleline(&mut text)
                        .desired_width(90.0)
                        .hint_text("YYYY-MM-DD"),
                )
                .labelled_by(l.id);
                let date = crate::domain::date::Date::parse(text.trim()).ok();
                if ui
                    .add_enabled(date.is_some(), egui::Button::new("Compare"))
                    .on_disabled_hover_text("Type a date: YYYY-MM-DD")
                    .clicked()
                    && let Some(d) = date
                {
                    out.push(Intent::CompareScenario(Side::Date(d)));
                    ui.close();
                }
            });
            ui.data_mut(|d| d.insert_temp(key, text));
            if compare.is_some() && ui.button("End the comparison").clicked() {
                out.push(Intent::CloseComparison);
                ui.close();
            }
        });
}
