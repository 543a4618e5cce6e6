//! CPU time of one window frame (layout + tessellation) with a 2,000-component map
//! (product.md: ≤ 8 ms with everything visible). Headless: no GPU, no window.

use criterion::{Criterion, criterion_group, criterion_main};
use stateline::domain::ids::Id;
use stateline::domain::model::{
    Access, Channel, Component, Connection, Host, Kind, Map, Pos, Provider, Rect, Vendor, Zone,
};
use stateline::ui::App;

/// 8 zones of 250 components each on a grid, and ~3,000 connections.
fn map_2000() -> Map {
    let clouds = [
        (Provider::Azure, "eastus"),
        (Provider::Aws, "us-east-1"),
        (Provider::Gcp, "us-central1"),
        (Provider::Oracle, "us-ashburn-1"),
    ];
    let mut map = Map::new("2,000 components");
    let (cols, rows) = (10usize, 25usize);
    for z in 0..8usize {
        let (provider, region) = clouds[z % clouds.len()];
        let x0 = (z % 4) as f64 * (cols as f64 * 240.0 + 200.0);
        let y0 = (z / 4) as f64 * (rows as f64 * 120.0 + 200.0);
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
    let raw = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
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
    let mut app = App::new_for_test(map_2000());
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
    group.finish();
}

criterion_group!(benches, frame_bench);
criterion_main!(benches);
