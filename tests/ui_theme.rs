//! Text that carries a severity (the findings' "error", "warning", "info", the scenario bar's
//! counts, a broken flow) reads at WCAG AA, 4.5:1 or more, on every surface it is written on,
//! in both themes — computed from the theme's own colours.
#![cfg(feature = "gui")]

use stateline::domain::analysis::Severity;
use stateline::ui::theme;

#[test]
fn severity_text_is_aa_on_every_surface_of_both_themes() {
    for dark in [false, true] {
        let v = if dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        };
        let canvas = theme::Canvas::new(dark);
        // A translucent surface as drawn: over the panel.
        let over_panel = |c: egui::Color32| {
            let a = 1.0 - f32::from(c.a()) / 255.0;
            let mix = |x: u8, p: u8| (f32::from(x) + f32::from(p) * a).round().min(255.0) as u8;
            let p = v.panel_fill;
            egui::Color32::from_rgb(mix(c.r(), p.r()), mix(c.g(), p.g()), mix(c.b(), p.b()))
        };
        let surfaces = [
            ("panel", v.panel_fill),
            ("window", v.window_fill),
            ("striped row", over_panel(v.faint_bg_color)),
            ("text field", v.extreme_bg_color),
            ("canvas", canvas.background),
            ("card", canvas.legend_fill),
            ("label", canvas.label_bg),
        ];
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            let ink = theme::severity_text(s, dark);
            for (name, bg) in surfaces {
                let c = theme::contrast(ink, bg);
                assert!(
                    c >= 4.5,
                    "{} text on the {} {name} ({bg:?}): {c:.2}:1",
                    s.key(),
                    if dark { "dark" } else { "light" }
                );
            }
        }
    }
}

#[test]
fn the_old_orange_on_white_was_below_aa() {
    // What the light theme wrote warnings in before: the contrast test can fail.
    let orange = theme::rgb(stateline::domain::palette::CONTESTED);
    assert!(theme::contrast(orange, egui::Color32::WHITE) < 4.5);
}
