//! A monkey at the window: thousands of random pointer moves, clicks, drags, scrolls, keys
//! and text on every saved map. Nothing panics, every panel stays inside the window, and
//! every hundred steps the document saves and reopens as the same map.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect, vec2};
use egui_kittest::Harness;
use stateline::domain::Catalog;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness;
use ui_harness::saved_map;

/// A small deterministic generator (xorshift64*): the same run every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn point(&mut self, r: Rect) -> Pos2 {
        Pos2::new(
            r.min.x + self.below(r.width() as u64) as f32,
            r.min.y + self.below(r.height() as u64) as f32,
        )
    }
}

const KEYS: [Key; 16] = [
    Key::Delete,
    Key::Escape,
    Key::Enter,
    Key::F,
    Key::Plus,
    Key::Minus,
    Key::ArrowLeft,
    Key::ArrowRight,
    Key::PageUp,
    Key::PageDown,
    Key::Z,
    Key::Y,
    Key::D,
    Key::A,
    Key::C,
    Key::V,
];

const TEXTS: [&str; 6] = ["x", "agent 2", "-", "eu", "ü€\u{202E}", "1e308"];

fn press(h: &Harness<'_, App>, pos: Pos2, down: bool) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: down,
        modifiers: Modifiers::NONE,
    });
}

fn run_monkey(map: &str, steps: u32, seed: u64) {
    let size = vec2(1400.0, 900.0);
    let window = Rect::from_min_size(Pos2::ZERO, size);
    let doc = Document::open(&saved_map(map)).unwrap();
    let mut h = Harness::builder()
        .with_size(size)
        .with_context_setup(stateline::ui::theme::install_fonts)
        .build_ui_state(
            |ui, app: &mut App| app.root_ui(ui),
            App::new(doc, Prefs::default()),
        );
    h.run_steps(3);
    let mut rng = Rng(seed);
    for step in 1..=steps {
        // Most actions on the canvas, the rest anywhere.
        let canvas = h.state().state.canvas_rect;
        let area = if rng.below(4) == 0 || !canvas.is_positive() {
            window
        } else {
            canvas
        };
        let p = rng.point(area);
        match rng.below(10) {
            0..=2 => h.hover_at(p),
            3 | 4 => {
                h.hover_at(p);
                press(&h, p, true);
                h.step();
                press(&h, p, false);
            }
            5 => {
                let q = rng.point(area);
                h.hover_at(p);
                press(&h, p, true);
                h.step();
                h.hover_at(p.lerp(q, 0.5));
                h.step();
                h.hover_at(q);
                press(&h, q, false);
            }
            6 => {
                h.hover_at(p);
                let delta = if rng.below(2) == 0 { 40.0 } else { -40.0 };
                h.event(Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: vec2(0.0, delta),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                    modifiers: if rng.below(3) == 0 {
                        Modifiers::COMMAND
                    } else {
                        Modifiers::NONE
                    },
                });
            }
            7 | 8 => {
                let key = KEYS[rng.below(KEYS.len() as u64) as usize];
                let mods = match rng.below(4) {
                    0 => Modifiers::COMMAND,
                    1 => Modifiers::SHIFT,
                    _ => Modifiers::NONE,
                };
                h.key_press_modifiers(mods, key);
            }
            _ => {
                let text = TEXTS[rng.below(TEXTS.len() as u64) as usize];
                h.event(Event::Text(text.to_owned()));
            }
        }
        h.step();
        if step % 100 == 0 {
            h.run_steps(2);
            // The window in points (Ctrl+Plus/Minus zoom the whole window, as egui does).
            let screen = h.ctx.content_rect();
            let app = h.state();
            for (name, r) in &app.state.panels {
                assert!(
                    screen.expand(1.0).contains_rect(*r),
                    "{map} step {step}: panel {name} {r:?} leaves the window"
                );
            }
            let map_now = app.doc.map();
            let text = stateline::io::to_canonical_string(map_now);
            let reopened = stateline::io::load_str(&text, "monkey.ron", Catalog::builtin())
                .unwrap_or_else(|e| panic!("{map} step {step}: does not reopen:\n{}", e.render()));
            assert_eq!(
                &reopened, map_now,
                "{map} step {step}: reopens as the same map"
            );
        }
    }
    assert!(
        h.state().doc.generation() > 0,
        "{map}: the monkey changed the map (the test exercised edits)"
    );
}

#[test]
fn a_monkey_on_every_saved_map() {
    let names = ui_harness::saved_maps();
    for (k, name) in names.iter().enumerate() {
        run_monkey(name, 2_000, 0x5eed_0000 + k as u64);
    }
}
