//! CPU time of one window frame (layout + tessellation): a 2,000-component map with
//! everything visible (product.md: ≤ 8 ms), and a 10,000-component map while a component
//! is dragged (≤ 16 ms). Headless: no GPU, no window.

/// The allocator the shipped binary uses (src/main.rs), so the figures are what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, criterion_group, criterion_main};
use stateline::domain::ids::Id;
use stateline::domain::model::{
    Access, Channel, Component, Connection, Host, Kind, Map, Pos, Provider, Rect, Vendor, Zone,
};
use stateline::ui::App;

/// `zones` zones of 250 components each on a grid, and about 1.7 connections per component.
fn map_of(zones: usize) -> Map {
    let clouds = [
        (Provider::Azure, "eastus"),
        (Provider::Aws, "us-east-1"),
        (Provider::Gcp, "us-central1"),
        (Provider::Oracle, "us-ashburn-1"),
    ];
    let mut map = Map::new(format!("{} components", zones * 250));
    let (cols, rows) = (10usize, 25usize);
    for z in 0..zones {
        let (provider, region) = clouds[z % clouds.len()];
        let x0 = (z % 8) as f64 * (cols as f64 * 240.0 + 200.0);
        let y0 = (z / 8) as f64 * (rows as f64 * 120.0 + 200.0);
        let zid = Id::new(&format!("zone-{z}")).unwrap_or_else(|_| Id::slugify("zone"));
        map.zones.push(Zone {
            id: zid.clone(),
            label: format!("{} {region} #{z}", provider.label()),
            host: Host::new(provider, Some(region)),
            rect: Some(Rect::new(
                x0,
                y0,
                cols as f64 * 240.0 + 40.0,
                rows as f64 * 120.0 + 60.0,
            )),
        });
        for k in 0..cols * rows {
            let i = z * cols * rows + k;
            let kind = match i % 5 {
                0 => Kind::Agent,
                1 => Kind::ModelCall {
                    vendor: Vendor::OpenAi,
                    model: "gpt-5.2".to_owned(),
                    access: Access::StatelessApi,
                    channel: Channel::Bedrock,
                    deployment: stateline::domain::kind::Deployment::Regional,
                    offering: None,
                },
                2 => Kind::Tool {
                    service: "mcp".to_owned(),
                },
                3 => Kind::Gateway,
                _ => Kind::Client,
            };
            let mut c = Component::new(
                Id::slugify(&format!("c{i}")),
                format!("Component number {i}"),
                kind,
            );
            c.zone = Some(zid.clone());
            c.pos = Some(Pos::new(
                x0 + 130.0 + (k % cols) as f64 * 240.0,
                y0 + 90.0 + (k / cols) as f64 * 120.0,
            ));
            map.components.push(c);
        }
    }
    let n = map.components.len();
    for i in 0..n {
        for step in [1usize, 11] {
            if i % 3 == 0 && step == 11 {
                continue;
            }
            let j = (i + step) % n;
            map.connections.push(Connection::new(
                map.components[i].id.clone(),
                map.components[j].id.clone(),
            ));
        }
    }
    map
}

/// One frame: run the window's ui, then tessellate what it drew (what a renderer needs).
fn frame(ctx: &egui::Context, app: &mut App) -> usize {
    frame_with(ctx, app, Vec::new())
}

/// One frame with input events.
fn frame_with(ctx: &egui::Context, app: &mut App, events: Vec<egui::Event>) -> usize {
    let raw = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        events,
        ..Default::default()
    };
    let mut out = ctx.run_ui(raw, |ui| app.root_ui(ui));
    out.textures_delta.clear(); // no GPU to upload to
    ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point)
        .len()
}

fn frame_bench(c: &mut Criterion) {
    let ctx = egui::Context::default();
    stateline::ui::theme::install_fonts(&ctx);
    let mut app = App::new_for_test(map_of(8));
    // The first fit frames everything, however small (as Shift+F).
    app.state.fit_all = true;
    // Warm up: fonts, icons, layout caches, and the fit-to-view of the first frame.
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    let mut group = c.benchmark_group("frame");
    group.bench_function("2000 components, all visible", |b| {
        b.iter(|| frame(&ctx, &mut app));
    });
    // Zoomed in on one zone: labels, icons and latency labels are drawn.
    app.state.camera.zoom = 0.6;
    app.state.camera.offset = egui::vec2(-200.0, -100.0);
    group.bench_function("2000 components, zoomed in (labels)", |b| {
        b.iter(|| frame(&ctx, &mut app));
    });

    // 10,000 components (about 17,000 connections), a component being dragged: every frame
    // moves it, so the boxes, the lines touching it and the drawing are recomputed.
    let mut big = App::new_for_test(map_of(40));
    for _ in 0..5 {
        frame(&ctx, &mut big);
    }
    // Press on a component in view, then move the pointer a little every frame.
    let canvas = big.state.canvas_rect;
    let camera = big.state.camera;
    let at = (0..big.doc.map().components.len())
        .filter_map(|i| big.doc.layout().component_rect(i))
        .map(|r| {
            let c = egui::pos2(r.center().x as f32, r.center().y as f32);
            camera.screen_from_world(canvas, c)
        })
        .find(|s| canvas.shrink(200.0).contains(*s))
        .unwrap_or_else(|| canvas.center());
    let press = |pos: egui::Pos2, pressed: bool| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    frame_with(
        &ctx,
        &mut big,
        vec![egui::Event::PointerMoved(at), press(at, true)],
    );
    let mut step = 0.0_f32;
    group.bench_function("10000 components, dragging one", |b| {
        b.iter(|| {
            step += 1.0;
            let p = at + egui::vec2((step * 3.0) % 150.0, (step * 2.0) % 100.0);
            frame_with(&ctx, &mut big, vec![egui::Event::PointerMoved(p)])
        });
    });
    assert!(
        matches!(
            big.state.drag,
            stateline::ui::state::Drag::MoveComponents { .. }
        ),
        "the bench measured a drag"
    );
    group.finish();
}

criterion_group!(benches, frame_bench);
criterion_main!(benches);
