//! The kind icons, rasterised once from the shared SVGs (white, tinted when drawn).

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::domain::icons;
use crate::domain::model::KindTag;

/// Pixel size the icons are rasterised at (sharp up to ~3× zoom of a 20 pt icon).
const SIZE: u32 = 64;

/// One texture per kind.
pub struct Icons {
    textures: Vec<(KindTag, TextureHandle)>,
}

impl Icons {
    pub fn load(ctx: &egui::Context) -> Self {
        let textures = KindTag::ALL
            .into_iter()
            .filter_map(|kind| {
                let image = rasterise(icons::svg(kind))?;
                let handle = ctx.load_texture(
                    format!("icon-{}", icons::name(kind)),
                    image,
                    TextureOptions::LINEAR,
                );
                Some((kind, handle))
            })
            .collect();
        Self { textures }
    }

    /// The texture of a kind's icon (`None` if its SVG could not be drawn).
    pub fn get(&self, kind: KindTag) -> Option<egui::TextureId> {
        self.textures
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, t)| t.id())
    }
}

fn rasterise(svg: &str) -> Option<ColorImage> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).ok()?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(SIZE, SIZE)?;
    let size = tree.size();
    let scale = SIZE as f32 / size.width().max(size.height()).max(1.0);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Some(ColorImage::from_rgba_premultiplied(
        [SIZE as usize, SIZE as usize],
        pixmap.data(),
    ))
}
