//! Export: PNG, SVG, JSON Canvas, Markdown, Mermaid and DOT.
//!
//! PNG and SVG draw through [`crate::render::paint_board`] (the belief map)
//! or [`crate::render::paint_canvas`] (a canvas board, [`Scope::Canvas`]),
//! the code that draws the screen, so an export looks exactly like it. PNG renders
//! offscreen with egui-wgpu (no window, no display server), in tiles, and
//! carries the document in an iTXt chunk so the picture re-opens as an
//! editable board ([`crate::io::png_doc`]). The text formats are plain
//! functions of the document.

mod dot;
mod markdown;
mod mermaid;
mod png;
mod raster;
mod scene;
mod svg;

pub use dot::to_dot;
pub use markdown::{canvas_to_markdown, to_markdown};
pub use mermaid::to_mermaid;
pub use png::{MAX_SIDE, write_png};
pub use svg::to_svg;

use crate::io::atomic;
use crate::io::json_canvas::to_canvas;
use crate::model::{CanvasId, Document, NodeId};
use crate::render::Theme;
use crate::render::quadrants::QuadrantSpec;
use std::fmt;
use std::path::Path;

/// An export format, chosen by the output file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
    Canvas,
    Markdown,
    Mermaid,
    Dot,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Png,
        Format::Svg,
        Format::Canvas,
        Format::Markdown,
        Format::Mermaid,
        Format::Dot,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Canvas => "canvas",
            Format::Markdown => "md",
            Format::Mermaid => "mmd",
            Format::Dot => "dot",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Png => "PNG image",
            Format::Svg => "SVG vector image",
            Format::Canvas => "JSON Canvas (Obsidian)",
            Format::Markdown => "Markdown outline",
            Format::Mermaid => "Mermaid flowchart",
            Format::Dot => "Graphviz DOT",
        }
    }

    /// Whether the format is a picture, so scale, background and theme apply.
    pub fn is_image(self) -> bool {
        matches!(self, Format::Png | Format::Svg)
    }

    pub fn from_path(path: &Path) -> Result<Format, ExportError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == ext)
            .ok_or(ExportError::UnknownFormat(ext))
    }
}

/// Which part of the board to export.
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    All,
    /// These nodes and the edges between them.
    Nodes(Vec<NodeId>),
    /// A board rectangle, such as what the canvas currently shows.
    Region(egui::Rect),
    /// A canvas board, whole.
    Canvas(CanvasId),
    /// A 2×2 board (assumption map, belief 2×2, value × certainty), whole.
    Quadrants(QuadrantSpec),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Background {
    /// The theme's canvas colour.
    #[default]
    Theme,
    White,
    Transparent,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub scope: Scope,
    /// Pixels per board unit.
    pub scale: f32,
    /// Board units of margin around the content.
    pub padding: f32,
    pub background: Background,
    pub theme: Theme,
    /// Rows per band of a PNG; `None` picks a default. Tests set it small
    /// to check that bands meet without seams.
    pub tile: Option<u32>,
    /// Set from another thread to stop a PNG export between tiles.
    pub cancel: Cancel,
}

/// A shared flag that stops an export. It is a handle, not a setting, so
/// two options compare equal whatever their flags say.
#[derive(Clone, Debug, Default)]
pub struct Cancel(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl PartialEq for Cancel {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            scope: Scope::All,
            scale: 2.0,
            padding: 32.0,
            background: Background::Theme,
            theme: Theme::Light,
            tile: None,
            cancel: Cancel::default(),
        }
    }
}

impl Options {
    /// The colour behind the board; `None` when transparent.
    pub fn background_colour(&self) -> Option<egui::Color32> {
        match self.background {
            Background::Theme => Some(self.theme.palette().canvas),
            Background::White => Some(egui::Color32::WHITE),
            Background::Transparent => None,
        }
    }
}

#[derive(Debug)]
pub enum ExportError {
    UnknownFormat(String),
    /// The export's worker stopped before it finished.
    Stopped(String),
    TooLarge {
        width: u32,
        height: u32,
    },
    /// Cards so far apart that the board's extent is not a usable number.
    TooFarApart,
    Png(String),
    Write(std::io::Error),
    EmptySelection,
    /// The format cannot show this board.
    NotForCanvas(Format),
    NoSuchCanvas,
    /// A 2×2 is a picture: it has no text form.
    OnlyAsImage(Format),
    /// Stopped by the user; no file was written.
    Cancelled,
}

impl ExportError {
    fn png(e: impl fmt::Display) -> Self {
        ExportError::Png(e.to_string())
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownFormat(ext) if ext.is_empty() => write!(
                f,
                "the output file has no extension; use one of {}",
                extensions()
            ),
            ExportError::UnknownFormat(ext) => write!(
                f,
                "unknown export format \".{ext}\"; use one of {}",
                extensions()
            ),
            ExportError::Stopped(msg) => f.write_str(msg),
            ExportError::TooLarge { width, height } => write!(
                f,
                "the image would be {width} × {height} px, over the {MAX_SIDE} px limit; \
                 use a smaller scale or export a selection"
            ),
            ExportError::TooFarApart => write!(
                f,
                "the board spans more than 10,000,000 units, too far to draw; \
                 move the distant cards closer or export a selection"
            ),
            ExportError::Png(msg) => write!(f, "could not encode the PNG: {msg}"),
            ExportError::Write(e) => write!(f, "could not write the file: {e}"),
            ExportError::EmptySelection => f.write_str("nothing is selected to export"),
            ExportError::Cancelled => f.write_str("the export was cancelled"),
            ExportError::NotForCanvas(format) => write!(
                f,
                "a canvas cannot be exported as {}; use PNG, SVG, JSON Canvas or Markdown",
                format.label()
            ),
            ExportError::NoSuchCanvas => f.write_str("the canvas to export no longer exists"),
            ExportError::OnlyAsImage(format) => write!(
                f,
                "a 2×2 board cannot be exported as {}; use PNG or SVG",
                format.label()
            ),
        }
    }
}

impl std::error::Error for ExportError {}

fn extensions() -> String {
    Format::ALL
        .iter()
        .map(|f| format!(".{}", f.extension()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The widest board, in board units, that an SVG is written for. A PNG is
/// bounded by its pixel limit; an SVG has none, but at ±3.4e38 its viewBox
/// becomes `inf` and no viewer can show it. Ten million units is far past
/// any real map (a 10,000-card map spans about 100,000).
pub const MAX_EXTENT: f32 = 1.0e7;

/// The pixel size a PNG export with `options` would have.
pub fn image_size(doc: &Document, options: &Options) -> [u32; 2] {
    let scoped = scene::scoped(doc, &options.scope);
    scene::pixel_size(scene::region(&scoped, options), options.scale)
}

/// The export as bytes, for every format.
pub fn render(
    doc: &Document,
    format: Format,
    options: &Options,
    progress: &mut dyn FnMut(f32),
) -> Result<Vec<u8>, ExportError> {
    if matches!(&options.scope, Scope::Nodes(ids) if ids.is_empty()) {
        return Err(ExportError::EmptySelection);
    }
    if matches!(options.scope, Scope::Quadrants(_)) && !format.is_image() {
        return Err(ExportError::OnlyAsImage(format));
    }
    if let Scope::Canvas(id) = options.scope {
        let canvas = doc.canvas(id).ok_or(ExportError::NoSuchCanvas)?;
        let text = match format {
            Format::Markdown => Some(markdown::canvas_to_markdown(doc, canvas)),
            Format::Canvas => Some(crate::io::json_canvas::canvas_to_canvas(doc, canvas)),
            Format::Mermaid | Format::Dot => return Err(ExportError::NotForCanvas(format)),
            Format::Png | Format::Svg => None,
        };
        if let Some(text) = text {
            progress(1.0);
            return Ok(text.into_bytes());
        }
    }
    let text = |doc: &Document| match format {
        Format::Canvas => to_canvas(doc),
        Format::Markdown => to_markdown(doc),
        Format::Mermaid => to_mermaid(doc),
        Format::Dot => to_dot(doc),
        Format::Png | Format::Svg => unreachable!("images are handled below"),
    };
    let bytes = match format {
        Format::Png => {
            let mut bytes = Vec::new();
            write_png(doc, options, &mut bytes, progress)?;
            bytes
        }
        Format::Svg => to_svg(doc, options)?.into_bytes(),
        _ => text(&scene::scoped(doc, &options.scope)).into_bytes(),
    };
    progress(1.0);
    Ok(bytes)
}

/// Exports to `path`, the format taken from its extension. The file is
/// written atomically, so a failed export never leaves half a file.
pub fn export_to(
    doc: &Document,
    path: &Path,
    options: &Options,
    progress: &mut dyn FnMut(f32),
) -> Result<Format, ExportError> {
    let format = Format::from_path(path)?;
    let bytes = render(doc, format, options, progress)?;
    atomic::write(path, &bytes).map_err(ExportError::Write)?;
    Ok(format)
}

/// The whole board as one egui pass, background included, and the context
/// that ran it: what a renderer turns into pixels. For comparing the CPU
/// renderer with egui-wgpu on the same shapes (see `tests/export_pixels.rs`).
pub fn whole_frame(doc: &Document, options: &Options) -> (egui::Context, egui::FullOutput) {
    let scoped = scene::scoped(doc, &options.scope);
    let region = scene::region(&scoped, options);
    let ctx = scene::context();
    let output = scene::paint_piece(&ctx, &scoped, options, region, true);
    (ctx, output)
}

/// `output` rendered on the CPU as premultiplied RGBA over transparency,
/// the size of `ctx`'s screen in pixels, as PNG export renders each tile.
pub fn rasterize(ctx: &egui::Context, output: egui::FullOutput) -> ([u32; 2], Vec<u8>) {
    let size = ctx.content_rect().size() * ctx.pixels_per_point();
    let size = [size.x.round() as u32, size.y.round() as u32];
    let mut pixels = Vec::new();
    raster::Raster::default().render_into(
        ctx,
        output,
        size,
        egui::Color32::TRANSPARENT,
        &mut pixels,
    );
    (size, pixels)
}

/// The scale an image export is written at, and its size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    pub scale: f32,
    pub size: [u32; 2],
    /// The size it would have had, when it was fitted to [`MAX_SIDE`].
    pub over_limit: Option<[u32; 2]>,
}

/// The image size and scale for `options`: at `width` and/or `height`
/// pixels when given (scaled to fit both, keeping the board's shape), else
/// at the options' scale; and in every case no side over [`MAX_SIDE`], to
/// which a larger board is fitted instead of refused, as `dot` does.
pub fn fit(doc: &Document, options: &Options, width: Option<u32>, height: Option<u32>) -> Fit {
    let scoped = scene::scoped(doc, &options.scope);
    let region = scene::region(&scoped, options);
    let (w, h) = (region.width().max(1.0), region.height().max(1.0));
    let wanted = [
        width.map(|px| px as f32 / w),
        height.map(|px| px as f32 / h),
    ];
    let mut scale = match wanted {
        [Some(a), Some(b)] => a.min(b),
        [Some(a), None] | [None, Some(a)] => a,
        [None, None] => options.scale,
    };
    let size = scene::pixel_size(region, scale);
    let mut over_limit = None;
    if size[0] > MAX_SIDE || size[1] > MAX_SIDE {
        over_limit = Some(size);
        scale = (MAX_SIDE as f32 / w).min(MAX_SIDE as f32 / h);
        // Rounding must not carry a side back over the limit.
        while scene::pixel_size(region, scale)
            .iter()
            .any(|s| *s > MAX_SIDE)
        {
            scale *= 1.0 - 1e-6;
        }
    }
    Fit {
        scale,
        size: scene::pixel_size(region, scale),
        over_limit,
    }
}
