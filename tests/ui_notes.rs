//! Sticky notes on the canvas (add, type, colour, move, resize, delete — each one undo
//! step — saved, reopened and exported), the template gallery (thumbnails made by the
//! export pipeline), and statuses that read without colour.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stateline::domain::Catalog;
use stateline::domain::model::{Component, Host, Kind, Map, NoteColour, Pos, Provider};
use stateline::ui::App;

use crate::common::ui_harness;
use ui_harness::{drag, harness, id, saved_map, settle};

fn small_map() -> Map {
    let mut map = Map::new("Notes");
    let mut agent = Component::new(id("agent"), "Support agent", Kind::Agent);
    agent.pos = Some(Pos::new(100.0, 100.0));
    agent.host = Some(Host::new(Provider::Aws, Some("us-east-1")));
    map.components.push(agent);
    map
}

/// Where note `i` is on the screen.
fn note_on_screen(h: &Harness<'_, App>, i: usize) -> Rect {
    let app = h.state();
    let r = app.doc.scene().notes[i].rect;
    let world = Rect::from_min_size(
        egui::pos2(r.x as f32, r.y as f32),
        vec2(r.w as f32, r.h as f32),
    );
    app.state.camera.screen_rect(app.state.canvas_rect, world)
}

#[test]
fn a_sticky_note_is_added_typed_coloured_moved_resized_and_deleted_each_undoable() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    h.get_by_label("Add sticky note").click();
    settle(&mut h);
    assert_eq!(h.state().doc.map().notes.len(), 1);
    assert_eq!(h.state().state.selection.note, Some(0));
    // Its text has focus: select all and type.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text("Ask counsel about the runtime".into()));
    settle(&mut h);
    h.get_by_label("Blue").click();
    settle(&mut h);
    let note = h.state().doc.map().notes[0].clone();
    assert_eq!(note.text, "Ask counsel about the runtime");
    assert_eq!(note.colour, NoteColour::Blue);
    // Drag it by its body.
    let r = note_on_screen(&h, 0);
    let before = h.state().doc.map().notes[0].pos.unwrap();
    drag(&mut h, r.center(), r.center() + vec2(120.0, 60.0));
    let after = h.state().doc.map().notes[0].pos.unwrap();
    assert!(
        after.x > before.x + 20.0 && after.y > before.y + 10.0,
        "{before:?} → {after:?}"
    );
    // Resize it by its corner.
    let r = note_on_screen(&h, 0);
    drag(&mut h, r.max - vec2(4.0, 4.0), r.max + vec2(90.0, 70.0));
    let size = h.state().doc.map().notes[0].size.expect("resized");
    assert!(size.w > stateline::domain::scene::NOTE_W + 20.0, "{size:?}");
    let final_note = h.state().doc.map().notes[0].clone();
    // Undo: the size, the move, the colour, the text, the note itself — one step each.
    let undo = |h: &mut Harness<'_, App>| {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        settle(h);
    };
    undo(&mut h);
    assert_eq!(h.state().doc.map().notes[0].size, None);
    undo(&mut h);
    assert_eq!(h.state().doc.map().notes[0].pos, Some(before));
    undo(&mut h);
    assert_eq!(h.state().doc.map().notes[0].colour, NoteColour::Yellow);
    undo(&mut h);
    assert_eq!(
        h.state().doc.map().notes[0].text,
        "",
        "a new note starts blank"
    );
    undo(&mut h);
    assert!(h.state().doc.map().notes.is_empty());
    for _ in 0..5 {
        h.key_press_modifiers(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::Z,
        );
        settle(&mut h);
    }
    assert_eq!(h.state().doc.map().notes, vec![final_note.clone()]);
    // Saved and reopened as it is; exported with the diagram, in its colour.
    let dir = std::env::temp_dir().join(format!("stateline-notes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("notes.ron");
    h.state_mut().doc.save_as(&path).unwrap();
    let reopened = stateline::io::load_path(&path, Catalog::builtin()).unwrap();
    assert_eq!(reopened.notes, vec![final_note]);
    let svg = stateline::io::export::svg(
        &reopened,
        h.state().doc.analysis(),
        &stateline::io::export::ExportOptions::default(),
    );
    assert!(
        svg.contains("Ask counsel about the"),
        "the note's text is exported"
    );
    assert!(svg.contains(r##"fill="#dbeafe""##), "in its colour");
    assert!(
        svg.contains("stroke-dasharray=\"8.0 4.0\""),
        "with its border pattern"
    );
    std::fs::remove_dir_all(&dir).ok();
    // Click it, Delete: gone; Ctrl+Z: back.
    let r = note_on_screen(&h, 0);
    h.hover_at(r.center());
    h.drag_at(r.center());
    h.drop_at(r.center());
    settle(&mut h);
    assert_eq!(h.state().state.selection.note, Some(0));
    h.key_press(egui::Key::Delete);
    settle(&mut h);
    assert!(h.state().doc.map().notes.is_empty());
    undo(&mut h);
    assert_eq!(h.state().doc.map().notes.len(), 1);
}

#[test]
fn new_from_template_opens_a_gallery_of_thumbnails_made_by_the_export() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    h.get_by_label("File").click();
    settle(&mut h);
    h.get_by_label_contains("New from template").click();
    for _ in 0..60 {
        h.run_steps(1);
        if h.state()
            .gallery_thumbnails()
            .is_some_and(|t| t.iter().all(|(_, s)| s.is_some()))
        {
            break;
        }
    }
    let thumbs = h.state().gallery_thumbnails().expect("the gallery is open");
    let saved = ui_harness::saved_maps();
    assert_eq!(
        thumbs.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
        saved
    );
    for (name, size) in &thumbs {
        let size = size.unwrap_or_else(|| panic!("{name}: no thumbnail"));
        // The export pipeline's own picture of that map, at that size, and not blank.
        let map = stateline::io::load_path(&saved_map(name), Catalog::builtin()).unwrap();
        let doc = stateline::ui::document::Document::open(&saved_map(name)).unwrap();
        let analysis = doc.analysis().clone();
        let (w, hgt, rgba) = stateline::io::export::thumbnail(
            &map,
            &analysis,
            &stateline::io::export::ExportOptions::default(),
            300,
        )
        .unwrap();
        assert_eq!([w as usize, hgt as usize], size, "{name}");
        assert!(
            rgba.chunks(4).any(|p| p[0] < 200),
            "{name}: a drawing, not blank"
        );
    }
    // Click one: a new, untitled map from it.
    let title = stateline::io::load_path(&saved_map("frontier-two-ways.ron"), Catalog::builtin())
        .unwrap()
        .title;
    h.get_by_role_and_label(egui::accesskit::Role::Button, &title)
        .click();
    settle(&mut h);
    settle(&mut h);
    assert!(
        h.state().gallery_thumbnails().is_none(),
        "the gallery closed"
    );
    assert_eq!(h.state().doc.map().title, title);
    assert!(
        h.state().doc.path().is_none(),
        "untitled: saving asks where"
    );
}

#[test]
fn every_status_reads_without_colour_in_the_diagram() {
    use stateline::domain::analysis::Status;
    for name in ui_harness::saved_maps() {
        let map = stateline::io::load_path(&saved_map(name.as_str()), Catalog::builtin()).unwrap();
        let doc = stateline::ui::document::Document::open(&saved_map(&name)).unwrap();
        let analysis = doc.analysis().clone();
        let svg = stateline::io::export::svg(
            &map,
            &analysis,
            &stateline::io::export::ExportOptions::default(),
        );
        for (c, r) in map.components.iter().zip(&analysis.components) {
            let Some(glyph) = stateline::domain::palette::status_glyph(r.status) else {
                continue;
            };
            // The component's group holds its badge's glyph (and contested is hatched).
            let start = svg
                .find(&format!("({}) — {}", c.id.as_str(), r.status.key()))
                .unwrap_or_else(|| panic!("{name}: {} not drawn", c.id));
            // Up to the next component's group (a box holds its icon's own group).
            let end = svg[start..]
                .find("<g class=\"component")
                .map_or(svg.len(), |k| start + k);
            let group = &svg[start..end];
            assert!(
                group.contains(&format!(">{glyph}</text>")),
                "{name}: {}",
                c.id
            );
            if r.status == Status::Contested {
                assert!(group.contains("url(#hatch)"), "{name}: {}", c.id);
            }
        }
        // The legend explains each glyph.
        for s in [Status::Relocated, Status::Violation] {
            let g = stateline::domain::palette::status_glyph(s).unwrap();
            assert!(
                svg.contains(&format!(">{g}</text><text")),
                "{name}: legend {s:?}"
            );
        }
    }
}

/// A map with one note at a known place, and one finding-bearing component.
fn with_a_note(text: &str) -> Map {
    let mut map = small_map();
    map.notes.push(stateline::domain::model::Note {
        text: text.to_owned(),
        pos: Some(Pos::new(400.0, 100.0)),
        size: None,
        colour: NoteColour::Yellow,
    });
    map
}

fn double_click(h: &mut Harness<'_, App>, p: egui::Pos2) {
    let button = |pressed| egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    h.hover_at(p);
    h.step();
    h.input_mut()
        .events
        .extend([button(true), button(false), button(true), button(false)]);
    h.step();
    settle(h);
}

#[test]
fn a_double_clicked_note_is_written_in_on_the_canvas_also_while_presenting() {
    for presenting in [false, true] {
        let mut h = harness(App::new_for_test(with_a_note("Draft")));
        settle(&mut h);
        if presenting {
            h.key_press(egui::Key::F11);
            settle(&mut h);
        }
        let findings = h.state().doc.analysis().findings.len();
        let r = note_on_screen(&h, 0);
        double_click(&mut h, r.center());
        assert_eq!(
            h.state().state.editing_note,
            Some(0),
            "presenting: {presenting}"
        );
        // Letters go into the note: N and P do not step through the findings.
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.event(egui::Event::Text("Next: ask procurement".into()));
        settle(&mut h);
        h.key_press(egui::Key::N);
        h.key_press(egui::Key::P);
        settle(&mut h);
        assert_eq!(
            h.state().state.revealed,
            None,
            "{findings} findings, none revealed"
        );
        assert_eq!(h.state().doc.map().notes[0].text, "Next: ask procurement");
        // Escape ends the writing; the edit is one undo step.
        h.key_press(egui::Key::Escape);
        settle(&mut h);
        assert_eq!(h.state().state.editing_note, None);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        settle(&mut h);
        assert_eq!(h.state().doc.map().notes[0].text, "Draft");
    }
}

#[test]
fn notes_are_exported_only_with_their_text() {
    let mut map = with_a_note("Ask legal about §4.2");
    map.notes.push(stateline::domain::model::Note {
        text: "   ".to_owned(),
        pos: Some(Pos::new(900.0, 600.0)),
        size: None,
        colour: NoteColour::Pink,
    });
    let analysis = crate::common::analyse(&map);
    let svg = stateline::io::export::svg(
        &map,
        &analysis,
        &stateline::io::export::ExportOptions::default(),
    );
    assert!(
        svg.contains("Ask legal about"),
        "a note with text is exported"
    );
    let pink = stateline::domain::palette::note(NoteColour::Pink).0.hex();
    assert!(!svg.contains(&pink), "a blank note is not: {pink}");
    // Nor does it widen the page: the same size as without it.
    let mut without = map.clone();
    without.notes.pop();
    let svg_without = stateline::io::export::svg(
        &without,
        &analysis,
        &stateline::io::export::ExportOptions::default(),
    );
    let view = |s: &str| {
        s.split("viewBox=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .map(str::to_owned)
    };
    assert_eq!(view(&svg), view(&svg_without));
}
