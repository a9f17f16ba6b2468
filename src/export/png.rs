//! PNG export: the board rendered offscreen in tiles, stitched row by row
//! into one PNG, with the document embedded in an iTXt chunk.
//!
//! Tiles keep every GPU texture under the device limit (8,192 px on most
//! GPUs), so a board has no size limit, and only one row of tiles is ever
//! held in memory. Each tile is painted by its own egui pass with the camera
//! moved by a whole number of pixels, so tiles meet without seams.

use super::raster::Raster;
use super::scene;
use super::{Background, ExportError, Options};
use crate::io::png_doc::KEYWORD;
use crate::io::to_ron;
use crate::model::Document;
use egui::{Rect, pos2, vec2};
use std::io::Write;

/// Tile side when the options do not set one: big enough that tile
/// overhead is small, small enough that one row of tiles stays modest.
const DEFAULT_TILE: u32 = 2048;

/// The font atlas's largest side: the CPU has no texture limit, and this is
/// what a GPU would allow.
const MAX_TEXTURE: usize = 8192;

/// The largest image side we write; past this a PNG is of no use to anyone
/// and would only exhaust memory or disk.
pub const MAX_SIDE: u32 = 65_535;

/// Writes `doc` as a PNG to `out`. `progress` receives the fraction done.
pub fn write_png(
    doc: &Document,
    options: &Options,
    out: impl Write + Send,
    progress: &mut dyn FnMut(f32),
) -> Result<[u32; 2], ExportError> {
    let scoped = scene::scoped(doc, &options.scope);
    let region = scene::region(&scoped, options);
    let [width, height] = scene::pixel_size(region, options.scale);
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ExportError::TooLarge { width, height });
    }
    let mut raster = Raster::default();
    let tile = options.tile.unwrap_or(DEFAULT_TILE).max(16);
    let ctx = scene::context();

    let mut encoder = png::Encoder::new(out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        // 72 dpi times the scale, so slide tools place a 2× export at the
        // board's size.
        xppu: (2835.0 * options.scale).round() as u32,
        yppu: (2835.0 * options.scale).round() as u32,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(ExportError::png)?;
    // The whole document rides along, whatever the scope: re-opening the
    // PNG restores the board the picture came from.
    let mut chunk = png::text_metadata::ITXtChunk::new(KEYWORD, to_ron(doc));
    chunk.compress_text().map_err(ExportError::png)?;
    writer.write_text_chunk(&chunk).map_err(ExportError::png)?;
    let mut stream = writer.stream_writer().map_err(ExportError::png)?;

    let clear = options
        .background_colour()
        .unwrap_or(egui::Color32::TRANSPARENT);
    let tiles_x = width.div_ceil(tile);
    let tiles_y = height.div_ceil(tile);
    let total = (tiles_x * tiles_y) as f32;
    let row_bytes = width as usize * 4;
    let unit = tile as f32 / options.scale;
    let transparent = options.background == Background::Transparent;
    // The GPU renders one band of tiles while another thread compresses the
    // band before it: on two cores that hides most of the encoding time.
    std::thread::scope(|scope| -> Result<(), ExportError> {
        let (bands, ready) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
        let encoder = scope.spawn(move || -> Result<(), ExportError> {
            for mut band in ready {
                if transparent {
                    unpremultiply(&mut band);
                }
                stream.write_all(&band).map_err(ExportError::Write)?;
            }
            stream.finish().map_err(ExportError::png)
        });
        let rendered = (|| {
            for ty in 0..tiles_y {
                let band_h = tile.min(height - ty * tile);
                let mut band = vec![0u8; row_bytes * band_h as usize];
                for tx in 0..tiles_x {
                    if options.cancel.is_cancelled() {
                        return Err(ExportError::Cancelled);
                    }
                    let tile_w = tile.min(width - tx * tile);
                    let min = region.min + vec2(tx as f32 * unit, ty as f32 * unit);
                    let piece = Rect::from_min_size(
                        pos2(min.x, min.y),
                        vec2(tile_w as f32, band_h as f32) / options.scale,
                    );
                    let output =
                        scene::paint_piece(&ctx, &scoped, options, piece, MAX_TEXTURE, false);
                    let pixels = raster.render(&ctx, output, [tile_w, band_h], clear);
                    let tile_row = tile_w as usize * 4;
                    for y in 0..band_h as usize {
                        let dst = y * row_bytes + tx as usize * tile as usize * 4;
                        band[dst..dst + tile_row]
                            .copy_from_slice(&pixels[y * tile_row..(y + 1) * tile_row]);
                    }
                    progress((ty * tiles_x + tx + 1) as f32 / total);
                }
                if bands.send(band).is_err() {
                    // The encoder stopped; its error is the one to report.
                    break;
                }
            }
            Ok(())
        })();
        drop(bands);
        let encoded = encoder
            .join()
            .unwrap_or_else(|_| Err(ExportError::Png("the PNG encoder stopped".into())));
        rendered.and(encoded)
    })?;
    Ok([width, height])
}

/// egui blends in premultiplied alpha; PNG stores straight alpha.
fn unpremultiply(pixels: &mut [u8]) {
    for px in pixels.chunks_exact_mut(4) {
        let a = px[3];
        if a != 0 && a != 255 {
            for c in &mut px[..3] {
                *c = ((*c as u32 * 255 + a as u32 / 2) / a as u32).min(255) as u8;
            }
        }
    }
}
