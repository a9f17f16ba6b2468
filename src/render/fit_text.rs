//! Text that fits its box: the one rule for a card's title, a 2×2 card and
//! a canvas note, on screen and in every export.
//!
//! A box first grows, up to [`MAX_LINES`], to show its whole text (its
//! owner asks [`fitted_lines`] and sizes the box). When the text needs more
//! than the box holds, the font shrinks, down to [`MIN_SCALE`]; past that
//! the text is cut with "…". Painting always goes through [`fit_galley`],
//! so a box that was sized for its text shows all of it.
//!
//! Sizing happens where a command is made (a title typed, a card pasted,
//! the map fitted), which is not always where an `egui::Context` is at
//! hand (saving commits a title edit; the CLI has no window). So sizing
//! uses one process-wide [`Fonts`] with the board's fonts and options,
//! at 100% and one pixel per point, the scale the fit is promised at.

use egui::epaint::text::{Fonts, TextOptions};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontDefinitions, FontId, Galley};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A box grows to show this many lines of its text; longer text shrinks.
pub const MAX_LINES: usize = 6;
/// Text shrinks no further than this share of its size; past it, it is cut.
pub const MIN_SCALE: f32 = 0.7;
/// The sizes tried, largest first. Steps of 5% look continuous on a board
/// and cost at most seven layouts for the rare text that needs them.
const SCALES: [f32; 7] = [1.0, 0.95, 0.9, 0.85, 0.8, 0.75, MIN_SCALE];
/// Line spacing, as a multiple of the font size, that boxes are sized by.
pub const LINE: f32 = 1.25;
/// Layouts between flushes of the measurer's cache: entries not used since
/// the last flush go, so a long session does not keep every title ever
/// typed.
const FLUSH_EVERY: u32 = 8192;

/// `text` wrapped to `width` in at most `rows` rows, cut with "…" past them.
pub fn wrapped_job(text: &str, format: TextFormat, width: f32, rows: usize) -> LayoutJob {
    let mut job = LayoutJob::single_section(text.to_owned(), format);
    job.wrap.max_width = width;
    job.wrap.max_rows = rows;
    job.wrap.overflow_character = Some('…');
    job
}

/// How many rows of text at `size` fit in `height`.
pub fn rows_in(height: f32, size: f32) -> usize {
    (height / (size * LINE)).floor().max(1.0) as usize
}

/// `text` at `scale` of `format`'s size, in as many rows as fit a box
/// `width` × `height`: one try of the rule, for painting and measuring.
fn scaled_job(text: &str, format: &TextFormat, scale: f32, width: f32, height: f32) -> LayoutJob {
    let mut f = format.clone();
    f.font_id.size *= scale;
    let rows = rows_in(height, f.font_id.size);
    wrapped_job(text, f, width, rows)
}

/// Plain text at `size`, as measured away from a painter.
fn plain(size: f32) -> TextFormat {
    TextFormat::simple(FontId::proportional(size), Color32::BLACK)
}

/// Lays `text` out to fit a box `width` × `height` (screen units) at
/// `format`'s size, or smaller, down to [`MIN_SCALE`], when it needs more
/// rows than fit; past that it is cut with "…". `zoom` is how much larger
/// than at 100% the box is drawn. `layout` is the painter's or the fonts'
/// own, so what is measured is what is painted.
///
/// Which size fits is found once at 100% and remembered, so a zoom frame
/// lays each title out once, as before this rule, and a title keeps one
/// size at every zoom. Only where the screen's layout differs from 100%'s
/// (a wrap that falls differently at another size) are smaller sizes tried.
pub fn fit_galley(
    text: &str,
    format: &TextFormat,
    width: f32,
    height: f32,
    zoom: f32,
    mut layout: impl FnMut(LayoutJob) -> Arc<Galley>,
) -> Arc<Galley> {
    let full = format.font_id.size;
    let first = scale_at_100(text, full / zoom, width / zoom, height / zoom);
    let mut galley = None;
    for scale in SCALES.into_iter().filter(|s| *s <= first) {
        let g = layout(scaled_job(text, format, scale, width, height));
        if !g.elided {
            return g;
        }
        galley = Some(g);
    }
    galley.expect("SCALES ends at MIN_SCALE, which every first scale is at least")
}

/// The largest of [`SCALES`] at which `text` fits the box at 100%, or
/// [`MIN_SCALE`] when none does; remembered per text and box.
fn scale_at_100(text: &str, size: f32, width: f32, height: f32) -> f32 {
    use std::hash::{BuildHasher, Hash, Hasher};
    /// Remembered boxes before the memory is emptied: far more than any
    /// map shows, and a few megabytes at most.
    const REMEMBERED: usize = 100_000;
    static SCALES_FOUND: OnceLock<Mutex<HashMap<u64, f32>>> = OnceLock::new();
    static HASHER: OnceLock<std::collections::hash_map::RandomState> = OnceLock::new();
    let mut h = HASHER.get_or_init(Default::default).build_hasher();
    // Rounded to a hundredth of a unit: zoom arithmetic is not exact.
    (
        text,
        (size * 100.0).round() as i64,
        (width * 100.0).round() as i64,
    )
        .hash(&mut h);
    ((height * 100.0).round() as i64).hash(&mut h);
    let key = h.finish();
    let found = SCALES_FOUND.get_or_init(Default::default);
    if let Some(s) = found.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return *s;
    }
    let format = plain(size);
    let scale = SCALES
        .into_iter()
        .find(|scale| !measure(scaled_job(text, &format, *scale, width, height)).elided)
        .unwrap_or(MIN_SCALE);
    let mut found = found.lock().unwrap_or_else(|e| e.into_inner());
    if found.len() >= REMEMBERED {
        found.clear();
    }
    found.insert(key, scale);
    scale
}

/// The board's fonts, as every board context sets them up
/// ([`super::set_up_text`]), for sizing away from a context.
fn measurer() -> &'static Mutex<(Fonts, u32)> {
    static FONTS: OnceLock<Mutex<(Fonts, u32)>> = OnceLock::new();
    FONTS.get_or_init(|| Mutex::new((Fonts::new(options(), FontDefinitions::default()), 0)))
}

/// The text options every board context has ([`super::set_up_text`]).
fn options() -> TextOptions {
    TextOptions {
        font_hinting: false,
        ..TextOptions::default()
    }
}

/// Lays `job` out with the board's fonts at 100%.
fn measure(job: LayoutJob) -> Arc<Galley> {
    // A poisoned lock only means another thread panicked mid-layout; the
    // fonts themselves are still whole.
    let mut guard = measurer().lock().unwrap_or_else(|e| e.into_inner());
    let (fonts, count) = &mut *guard;
    *count += 1;
    if *count >= FLUSH_EVERY {
        *count = 0;
        fonts.begin_pass(options(), Default::default());
    }
    fonts.with_pixels_per_point(1.0).layout_job(job)
}

/// How many lines `text` wraps to at `size` in `width`, at 100%.
pub fn fitted_lines(text: &str, size: f32, width: f32) -> usize {
    measure(wrapped_job(text, plain(size), width, usize::MAX))
        .rows
        .len()
        .max(1)
}

/// How wide `text` is on one line at `size`, at 100%.
pub fn text_width(text: &str, size: f32) -> f32 {
    measure(wrapped_job(text, plain(size), f32::INFINITY, usize::MAX))
        .size()
        .x
}

/// Whether `text` shows whole in a box `width` × `height` at 100% under
/// the rule (shrunk if need be), as [`fit_galley`] would paint it.
pub fn shows_whole(text: &str, size: f32, width: f32, height: f32) -> bool {
    !fit_galley(text, &plain(size), width, height, 1.0, measure).elided
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_shrinks_before_it_is_cut() {
        let width = 180.0;
        let text = "word ".repeat(60);
        let height = 6.0 * 15.0 * LINE;
        let format = plain(15.0);
        let g = fit_galley(&text, &format, width, height, 1.0, measure);
        assert!(g.elided, "300 characters cannot fit six lines even at 70%");
        let shorter = "word ".repeat(26);
        assert!(fitted_lines(&shorter, 15.0, width) > MAX_LINES);
        let g = fit_galley(&shorter, &format, width, height, 1.0, measure);
        assert!(!g.elided, "a little past six lines fits when shrunk");
        let size = g.job.sections[0].format.font_id.size;
        assert!((15.0 * MIN_SCALE..15.0).contains(&size), "shrunk: {size}");
    }

    #[test]
    fn short_text_keeps_its_size() {
        let format = plain(15.0);
        let g = fit_galley("Teams want this", &format, 180.0, 40.0, 1.0, measure);
        assert!(!g.elided);
        assert_eq!(g.job.sections[0].format.font_id.size, 15.0);
    }
}
