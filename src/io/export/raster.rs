//! PNG (resvg) and PDF (svg2pdf) from the SVG text, with the embedded font only: no
//! system font is ever loaded, so the output is the same on every machine.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use super::text::{FONT_BOLD, FONT_REGULAR};

/// Largest PNG produced, in pixels (width × height): 64 Mpx (256 MB of RGBA while drawing).
pub const MAX_PNG_PIXELS: u64 = 64 * 1024 * 1024;

/// Why a diagram could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    #[error("the diagram could not be read back as SVG: {0}")]
    Parse(String),
    /// The renderer reads at most 1,000,000 SVG elements (resvg's guard against hostile
    /// files).
    #[error(
        "the diagram has more SVG elements than the PNG/PDF renderer reads (1,000,000); export it as SVG, or export a smaller map"
    )]
    TooManyElements,
    #[error("{}", super::png_scale_refused(*.0).unwrap_or_default())]
    Scale(f32),
    #[error("the PNG would be {w}×{h} pixels, more than the limit; choose a smaller scale")]
    TooLarge { w: u32, h: u32 },
    #[error("the PNG could not be encoded: {0}")]
    Png(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// The font database: the fonts of `assets/fonts/` and nothing else.
fn fonts() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        db.set_serif_family("DejaVu Sans");
        db.set_monospace_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// The most SVG elements the renderer reads (resvg's own guard against hostile files).
const MAX_ELEMENTS: usize = 1_000_000;

/// True when `svg` surely has more elements than the renderer reads: counted in one pass
/// over its bytes (every `<` that opens an element), so a diagram too big for PNG/PDF is
/// refused at once instead of after parsing a million of them.
fn too_many_elements(svg: &str) -> bool {
    let bytes = svg.as_bytes();
    let mut count = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'<' && !matches!(bytes.get(i + 1), Some(b'/' | b'!' | b'?')) {
            count += 1;
            if count > MAX_ELEMENTS {
                return true;
            }
        }
    }
    false
}

fn tree(svg: &str) -> Result<usvg::Tree, RasterError> {
    if too_many_elements(svg) {
        return Err(RasterError::TooManyElements);
    }
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| match e {
        usvg::Error::ElementsLimitReached
        | usvg::Error::ParsingFailed(usvg::roxmltree::Error::NodesLimitReached) => {
            RasterError::TooManyElements
        }
        e => RasterError::Parse(e.to_string()),
    })
}

/// Renders the SVG to PNG at `scale` pixels per unit, on its white background.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, RasterError> {
    if !super::PNG_SCALE.contains(&scale) {
        return Err(RasterError::Scale(scale));
    }
    let tree = tree(svg)?;
    let size = tree.size();
    let w = (size.width() * scale).ceil() as u32;
    let h = (size.height() * scale).ceil() as u32;
    if u64::from(w) * u64::from(h) > MAX_PNG_PIXELS {
        return Err(RasterError::TooLarge { w, h });
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(w.max(1), h.max(1)).ok_or(RasterError::TooLarge { w, h })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RasterError::Png(e.to_string()))
}

/// The SVG rendered `width` pixels wide (its proportions kept) on white: (width, height,
/// premultiplied RGBA) — a thumbnail, drawn exactly as the PNG export draws it.
pub fn rgba(svg: &str, width: u32) -> Result<(u32, u32, Vec<u8>), RasterError> {
    let tree = tree(svg)?;
    let size = tree.size();
    let scale = width as f32 / size.width().max(1.0);
    let w = width.max(1);
    let h = ((size.height() * scale).ceil() as u32).max(1);
    if u64::from(w) * u64::from(h) > MAX_PNG_PIXELS {
        return Err(RasterError::TooLarge { w, h });
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(RasterError::TooLarge { w, h })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok((w, h, pixmap.take()))
}

/// Margin around a picture scaled onto its page, in points.
const PAGE_MARGIN: f32 = 18.0;

/// Several SVG pages in one vector PDF, each on a page of the given size in points: an SVG
/// of that size fills it; any other is scaled to fit inside a margin, keeping its
/// proportions, and centred. Objects are numbered in page order, so the output is
/// deterministic.
pub fn pdf_pages(pages: &[(String, (f64, f64))]) -> Result<Vec<u8>, RasterError> {
    use std::collections::BTreeMap;

    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

    let mut alloc = Ref::new(1);
    let catalog_id = alloc.bump();
    let tree_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::new();
    for (svg, (page_w, page_h)) in pages {
        let tree = tree(svg)?;
        let (chunk, root) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| RasterError::Pdf(e.to_string()))?;
        let mut map: BTreeMap<Ref, Ref> = BTreeMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let Some(&xobject) = map.get(&root) else {
            return Err(RasterError::Pdf(
                "the page has no content object".to_owned(),
            ));
        };
        let (w, h) = (tree.size().width(), tree.size().height());
        let (pw, ph) = (*page_w as f32, *page_h as f32);
        let fits = (w - pw).abs() < 0.5 && (h - ph).abs() < 0.5;
        let scale = if fits {
            1.0
        } else {
            ((pw - 2.0 * PAGE_MARGIN) / w).min((ph - 2.0 * PAGE_MARGIN) / h)
        };
        let (dw, dh) = (w * scale, h * scale);
        let (x0, y0) = ((pw - dw) / 2.0, (ph - dh) / 2.0);
        let page_id = alloc.bump();
        let content_id = alloc.bump();
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, pw, ph));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(Name(b"S1"), xobject);
        page.finish();
        let mut content = Content::new();
        content
            .transform([dw, 0.0, 0.0, dh, x0, y0])
            .x_object(Name(b"S1"));
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
        page_ids.push(page_id);
    }
    pdf.catalog(catalog_id).pages(tree_id);
    let count = i32::try_from(page_ids.len()).unwrap_or(i32::MAX);
    pdf.pages(tree_id).kids(page_ids).count(count);
    pdf.document_info(alloc.bump())
        .producer(TextStr("Stateline (svg2pdf)"));
    Ok(pdf.finish())
}
