//! PNG export: the board rendered on the CPU ([`super::raster`]) in bands
//! of rows the image's full width, streamed into one PNG, with the document
//! embedded in an iTXt chunk.
//!
//! Only two bands are ever held in memory: one being drawn while the other
//! is compressed on another thread, and the two buffers are passed back and
//! forth rather than allocated again. Each band is painted by its own egui
//! pass with the camera moved by a whole number of pixels, so bands meet
//! without seams.

use super::raster::Raster;
use super::scene;
use super::{Background, ExportError, Options};
use crate::io::png_doc::KEYWORD;
use crate::io::to_ron;
use crate::model::Document;
use egui::{Rect, pos2, vec2};
use std::io::Write;

/// Bytes in one band when the options do not set its height: two bands
/// are held at once, so this bounds the export's pixel memory.
const BAND_BYTES: usize = 64 << 20;
/// Band heights, in rows, when the options do not set one: tall enough
/// that each band's egui pass is a small part of its cost (and a slide-sized
/// image is one band, with no seam), short enough for `BAND_BYTES`.
const BAND_ROWS: std::ops::RangeInclusive<u32> = 64..=2048;

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
    let extent = region.size().max_elem();
    if !(extent.is_finite() && extent <= super::MAX_EXTENT) {
        return Err(ExportError::TooFarApart);
    }
    let [width, height] = scene::pixel_size(region, options.scale);
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ExportError::TooLarge { width, height });
    }
    let mut raster = Raster::default();
    let fits = (BAND_BYTES / (width as usize * 4))
        .clamp(*BAND_ROWS.start() as usize, *BAND_ROWS.end() as usize) as u32;
    let tile = options.tile.unwrap_or(fits).max(1);
    let ctx = scene::context();

    let mut encoder = png::Encoder::new(out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // Fdeflate's fastest mode with the Up filter: most rows of a board
    // repeat the row above (background, card bodies), and the adaptive
    // filter's trials cost a tenth of the export.
    encoder.set_compression(png::Compression::Fastest);
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
    let bands_n = height.div_ceil(tile);
    let row_bytes = width as usize * 4;
    let unit = tile as f32 / options.scale;
    let transparent = options.background == Background::Transparent;
    // One band is drawn while another thread compresses the one before it;
    // the encoder hands each buffer back to be drawn into again.
    std::thread::scope(|scope| -> Result<(), ExportError> {
        let (bands, ready) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
        let (give_back, spare) = std::sync::mpsc::channel::<Vec<u8>>();
        let encoder = scope.spawn(move || -> Result<(), ExportError> {
            for mut band in ready {
                if transparent {
                    unpremultiply(&mut band);
                }
                stream.write_all(&band).map_err(ExportError::Write)?;
                // The drawing side may have stopped; then the buffer just goes.
                let _ = give_back.send(band);
            }
            stream.finish().map_err(ExportError::png)
        });
        let rendered = (|| {
            for ty in 0..bands_n {
                if options.cancel.is_cancelled() {
                    return Err(ExportError::Cancelled);
                }
                let band_h = tile.min(height - ty * tile);
                let min = region.min + vec2(0.0, ty as f32 * unit);
                let piece = Rect::from_min_size(
                    pos2(min.x, min.y),
                    vec2(width as f32, band_h as f32) / options.scale,
                );
                let output = scene::paint_piece(&ctx, &scoped, options, piece, false);
                let mut band = spare.try_recv().unwrap_or_default();
                raster.render_into(&ctx, output, [width, band_h], clear, &mut band);
                debug_assert_eq!(band.len(), row_bytes * band_h as usize);
                progress((ty + 1) as f32 / bands_n as f32);
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
