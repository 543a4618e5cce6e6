//! The negotiation pack: the diagram (SVG, and PNG/PDF rendered from that same SVG; an
//! editable draw.io file; a Mermaid diagram), the report (Markdown, HTML) and the findings
//! (CSV). One pipeline for the window's File → Export menu and `stateline export`.
//!
//! Every export is a pure function of (map, analysis, options): no wall-clock time, no
//! hash-map iteration, fixed float formatting — the same inputs give the same bytes.
//! Every user string is escaped for the target format.

mod csv;
mod doc;
pub mod drawio;
mod mermaid;
mod pages;
mod raster;
mod report;
mod report_appendix;
mod report_negotiation;
mod report_sources;
mod style;
mod summary;
mod summary_page;
mod svg;
mod svg_edges;
mod svg_frame;
mod text;

use std::path::Path;

use crate::domain::analysis::Analysis;
use crate::domain::model::Map;

pub use raster::RasterError;
pub use text::{FONT_BOLD, FONT_REGULAR};

/// The scales a PNG may be drawn at (pixels per SVG unit): the one range that `--scale`,
/// the window's export options and the renderer take.
pub const PNG_SCALE: std::ops::RangeInclusive<f32> = 0.1..=16.0;

/// Why a PNG cannot be drawn at `scale` (`None`: it can): `scale 20 is not usable (give a
/// number between 0.1 and 16)`.
pub fn png_scale_refused(scale: f32) -> Option<String> {
    (!PNG_SCALE.contains(&scale)).then(|| {
        format!(
            "scale {scale} is not usable (give a number between {} and {})",
            PNG_SCALE.start(),
            PNG_SCALE.end()
        )
    })
}

/// What the diagram shows (the canvas's overlay toggles) and how big a PNG is.
#[derive(Clone, Copy, Debug, PartialEq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent toggles, as the window's overlay and export checkboxes"
)]
pub struct ExportOptions {
    /// Fill components with the colour of the provider they must run on.
    pub obligation_colours: bool,
    /// Round-trip labels on connections (and heavier cross-cloud connections).
    pub latency_labels: bool,
    /// Lock-in badges on components with a `LOCK-*` finding.
    pub lockin_badges: bool,
    /// PNG pixels per SVG unit (1.0 = one pixel per world unit).
    pub png_scale: f32,
    /// The PDF carries the report pages after the diagram page.
    pub pdf_report: bool,
    /// The PDF's paper: every page has this size (the diagram page landscape).
    pub paper: Paper,
}

/// Paper for PDF pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 in), portrait.
    pub fn portrait(self) -> (f64, f64) {
        match self {
            Self::A4 => (595.276, 841.89),
            Self::Letter => (612.0, 792.0),
        }
    }

    /// Width and height in points, landscape.
    pub fn landscape(self) -> (f64, f64) {
        let (w, h) = self.portrait();
        (h, w)
    }
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            obligation_colours: true,
            latency_labels: true,
            lockin_badges: true,
            png_scale: 2.0,
            pdf_report: false,
            paper: Paper::A4,
        }
    }
}

/// The file formats of the negotiation pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    Pdf,
    Markdown,
    Html,
    Csv,
    /// The one-page summary as a PDF of exactly one page.
    SummaryPdf,
    /// The one-page summary in Markdown.
    SummaryMarkdown,
    /// The one-page summary as self-contained HTML.
    SummaryHtml,
    /// An editable draw.io / diagrams.net diagram.
    Drawio,
    /// A Mermaid `architecture-beta` diagram.
    Mermaid,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Self; 11] = [
        Self::Svg,
        Self::Png,
        Self::Pdf,
        Self::Markdown,
        Self::Html,
        Self::Csv,
        Self::SummaryPdf,
        Self::SummaryMarkdown,
        Self::SummaryHtml,
        Self::Drawio,
        Self::Mermaid,
    ];

    /// The summary written in this format's file type (`--summary`): PDF, Markdown or HTML;
    /// `None` for the others.
    pub fn summary(self) -> Option<Self> {
        match self {
            Self::Pdf | Self::SummaryPdf => Some(Self::SummaryPdf),
            Self::Markdown | Self::SummaryMarkdown => Some(Self::SummaryMarkdown),
            Self::Html | Self::SummaryHtml => Some(Self::SummaryHtml),
            Self::Svg | Self::Png | Self::Csv | Self::Drawio | Self::Mermaid => None,
        }
    }

    /// True for the one-page summary's formats.
    pub fn is_summary(self) -> bool {
        matches!(
            self,
            Self::SummaryPdf | Self::SummaryMarkdown | Self::SummaryHtml
        )
    }

    /// The usual file extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Pdf | Self::SummaryPdf => "pdf",
            Self::Markdown | Self::SummaryMarkdown => "md",
            Self::Html | Self::SummaryHtml => "html",
            Self::Csv => "csv",
            Self::Drawio => "drawio",
            Self::Mermaid => "mmd",
        }
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Svg => "Diagram (SVG)",
            Self::Png => "Diagram (PNG)",
            Self::Pdf => "Diagram (PDF)",
            Self::Markdown => "Report (Markdown)",
            Self::Html => "Report (HTML)",
            Self::Csv => "Findings (CSV)",
            Self::SummaryPdf => "Summary, one page (PDF)",
            Self::SummaryMarkdown => "Summary, one page (Markdown)",
            Self::SummaryHtml => "Summary, one page (HTML)",
            Self::Drawio => "Diagram (draw.io, editable)",
            Self::Mermaid => "Diagram (Mermaid)",
        }
    }

    /// The format a path's extension names (case-insensitive; `.markdown`, `.htm` too).
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "pdf" => Some(Self::Pdf),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "csv" => Some(Self::Csv),
            "drawio" => Some(Self::Drawio),
            "mmd" | "mermaid" => Some(Self::Mermaid),
            _ => None,
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Render(#[from] RasterError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// The diagram as SVG text, as the canvas shows it with the chosen overlays.
pub fn svg(map: &Map, analysis: &Analysis, opts: &ExportOptions) -> String {
    svg::render(map, analysis, *opts)
}

/// The diagram as PNG, rendered from [`svg`] at `opts.png_scale`.
pub fn png(map: &Map, analysis: &Analysis, opts: &ExportOptions) -> Result<Vec<u8>, RasterError> {
    raster::png(&svg(map, analysis, opts), opts.png_scale)
}

/// A thumbnail of the diagram `width` pixels wide, rendered from [`svg`] like the PNG
/// export: (width, height, premultiplied RGBA). The template gallery shows these.
pub fn thumbnail(
    map: &Map,
    analysis: &Analysis,
    opts: &ExportOptions,
    width: u32,
) -> Result<(u32, u32, Vec<u8>), RasterError> {
    raster::rgba(&svg(map, analysis, opts), width)
}

/// The diagram as a vector PDF, converted from [`svg`] (text stays text): one landscape
/// page of `opts.paper`, the diagram scaled to fit; with `opts.pdf_report`, followed by the
/// report on portrait pages of the same paper.
pub fn pdf(map: &Map, analysis: &Analysis, opts: &ExportOptions) -> Result<Vec<u8>, RasterError> {
    let diagram = svg(map, analysis, opts);
    let mut pages = vec![(diagram, opts.paper.landscape())];
    if opts.pdf_report {
        let footer = format!(
            "{} · fingerprint {}",
            map.title,
            analysis.fingerprint_short()
        );
        let portrait = opts.paper.portrait();
        pages.extend(
            pages::render(&report::build(map, analysis), &footer, opts.paper)
                .into_iter()
                .map(|p| (p, portrait)),
        );
    }
    raster::pdf_pages(&pages)
}

/// The report as Markdown.
pub fn markdown(map: &Map, analysis: &Analysis) -> String {
    doc::to_markdown(&report::build(map, analysis))
}

/// The report as one self-contained HTML file (inline CSS, no scripts) with the diagram.
pub fn html(map: &Map, analysis: &Analysis, opts: &ExportOptions) -> String {
    let diagram = svg(map, analysis, opts);
    doc::to_html(&report::build(map, analysis), &diagram)
}

/// One row per finding, stable columns (RFC 4180).
pub fn findings_csv(map: &Map, analysis: &Analysis) -> String {
    csv::findings(map, analysis)
}

/// The one-page summary as a PDF of exactly one portrait page of `paper`.
pub fn summary_pdf(map: &Map, analysis: &Analysis, paper: Paper) -> Result<Vec<u8>, RasterError> {
    let s = summary::build(map, analysis);
    let plan = summary_page::plan(&s, paper);
    let page = summary_page::render(&s, &plan, paper);
    raster::pdf_pages(&[(page, paper.portrait())])
}

/// The one-page summary's page as SVG (what the PDF is converted from).
pub fn summary_svg(map: &Map, analysis: &Analysis, paper: Paper) -> String {
    let s = summary::build(map, analysis);
    let plan = summary_page::plan(&s, paper);
    summary_page::render(&s, &plan, paper)
}

/// The one-page summary in Markdown (the rows one page of `paper` holds).
pub fn summary_markdown(map: &Map, analysis: &Analysis, paper: Paper) -> String {
    summary_page::markdown(map, analysis, paper)
}

/// The one-page summary as self-contained HTML (the rows one page of `paper` holds).
pub fn summary_html(map: &Map, analysis: &Analysis, paper: Paper) -> String {
    summary_page::html(map, analysis, paper)
}

/// Renders one format into bytes.
pub fn render(
    format: Format,
    map: &Map,
    analysis: &Analysis,
    opts: &ExportOptions,
) -> Result<Vec<u8>, RasterError> {
    Ok(match format {
        Format::Svg => svg(map, analysis, opts).into_bytes(),
        Format::Png => png(map, analysis, opts)?,
        Format::Pdf => pdf(map, analysis, opts)?,
        Format::Markdown => markdown(map, analysis).into_bytes(),
        Format::Html => html(map, analysis, opts).into_bytes(),
        Format::Csv => findings_csv(map, analysis).into_bytes(),
        Format::SummaryPdf => summary_pdf(map, analysis, opts.paper)?,
        Format::SummaryMarkdown => summary_markdown(map, analysis, opts.paper).into_bytes(),
        Format::SummaryHtml => summary_html(map, analysis, opts.paper).into_bytes(),
        Format::Drawio => drawio::render(map, analysis).into_bytes(),
        Format::Mermaid => mermaid::render(map, analysis).into_bytes(),
    })
}

/// Renders one format and writes it atomically (a crash never leaves half a file).
pub fn write(
    path: &Path,
    format: Format,
    map: &Map,
    analysis: &Analysis,
    opts: &ExportOptions,
) -> Result<(), ExportError> {
    let bytes = render(format, map, analysis, opts)?;
    super::atomic::write_atomic(path, &bytes).map_err(|source| ExportError::Write {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.SVG")), Some(Format::Svg));
        assert_eq!(Format::from_path(Path::new("r.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("r.docx")), None);
        assert_eq!(Format::from_path(Path::new("noext")), None);
        for f in Format::ALL {
            let p = format!("x.{}", f.extension());
            let read = Format::from_path(Path::new(&p)).unwrap();
            // A summary has its file type's extension; `--summary` picks it.
            assert_eq!(
                if f.is_summary() {
                    read.summary()
                } else {
                    Some(read)
                },
                Some(f)
            );
        }
    }
}
