//! SVG export: the shapes [`crate::render::paint_board`] paints, written as
//! SVG elements instead of rasterised, so slides get vectors and real,
//! selectable `<text>`.
//!
//! Text is placed row by row where egui placed it, wrapped exactly as on the
//! canvas, and the UI font is embedded as a `@font-face`, so a browser
//! advances each row with the same glyph widths the canvas used.

use super::{ExportError, Options, scene};
use crate::model::Document;
use egui::epaint::{ClippedShape, ColorMode, Shape, TextShape};
use egui::{Color32, Rect, StrokeKind};
use std::fmt::Write;

/// The font family name inside the SVG.
const FAMILY: &str = "CredenceUI";

pub fn to_svg(doc: &Document, options: &Options) -> Result<String, ExportError> {
    let scoped = scene::scoped(doc, &options.scope);
    let region = scene::region(&scoped, options);
    let extent = region.size().max_elem();
    if !(extent.is_finite() && extent <= super::MAX_EXTENT) {
        return Err(ExportError::TooFarApart);
    }
    let ctx = scene::context();
    // A first pass loads the fonts; the second is the one we keep.
    let mut shapes = Vec::new();
    for _ in 0..2 {
        let flat = Options {
            scale: 1.0,
            ..options.clone()
        };
        let mut output = scene::paint_piece(&ctx, &scoped, &flat, region, true);
        // No GPU here: the font atlas is not needed, only the shapes.
        output.textures_delta.clear();
        shapes = output.shapes;
    }
    let [w, h] = scene::pixel_size(region, options.scale);
    let mut out = String::with_capacity(256 + scoped.nodes.len() * 1500);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {} {}\">",
        region.width(),
        region.height()
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&doc.title));
    out.push_str("<defs><style>");
    let _ = write!(
        out,
        "@font-face{{font-family:{FAMILY};src:url(data:font/ttf;base64,{})}}",
        base64(ui_font())
    );
    let _ = write!(
        out,
        "text{{font-family:{FAMILY},Ubuntu,'Segoe UI',Helvetica,Arial,sans-serif;white-space:pre;font-variant-ligatures:none}}"
    );
    out.push_str("</style></defs>\n");
    for clipped in &shapes {
        let ClippedShape { shape, .. } = clipped;
        write_shape(&mut out, shape);
    }
    out.push_str("</svg>\n");
    Ok(out)
}

/// The proportional UI font's bytes, the one the canvas draws with.
fn ui_font() -> &'static [u8] {
    static FONT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    FONT.get_or_init(|| {
        let defs = egui::FontDefinitions::default();
        defs.families
            .get(&egui::FontFamily::Proportional)
            .and_then(|names| names.first())
            .and_then(|name| defs.font_data.get(name))
            .map(|data| (*data.font).as_ref().to_vec())
            .unwrap_or_default()
    })
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 forbids outright.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `fill="…"` or `stroke="…"` with an opacity when needed.
fn paint(attr: &str, c: Color32) -> String {
    if c.a() == 0 {
        return format!(" {attr}=\"none\"");
    }
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    if a == 255 {
        format!(" {attr}=\"#{r:02x}{g:02x}{b:02x}\"")
    } else {
        format!(
            " {attr}=\"#{r:02x}{g:02x}{b:02x}\" {attr}-opacity=\"{:.3}\"",
            a as f32 / 255.0
        )
    }
}

fn stroke_attrs(width: f32, c: Color32) -> String {
    if width <= 0.0 || c.a() == 0 {
        return " stroke=\"none\"".into();
    }
    format!("{} stroke-width=\"{width:.2}\"", paint("stroke", c))
}

fn points(ps: &[egui::Pos2]) -> String {
    let mut s = String::with_capacity(ps.len() * 14);
    for p in ps {
        let _ = write!(s, "{:.2},{:.2} ", p.x, p.y);
    }
    s.pop();
    s
}

fn write_shape(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Vec(shapes) => shapes.iter().for_each(|s| write_shape(out, s)),
        Shape::Rect(r) => {
            let inset = match r.stroke_kind {
                StrokeKind::Inside => r.stroke.width / 2.0,
                StrokeKind::Middle => 0.0,
                StrokeKind::Outside => -r.stroke.width / 2.0,
            };
            if r.fill.a() > 0 {
                write_rect(out, r.rect, r.corner_radius.nw, &paint("fill", r.fill));
            }
            if r.stroke.width > 0.0 && r.stroke.color.a() > 0 {
                let rect = r.rect.shrink(inset);
                let attrs = format!(
                    " fill=\"none\"{}",
                    stroke_attrs(r.stroke.width, r.stroke.color)
                );
                let radius = (f32::from(r.corner_radius.nw) - inset).max(0.0);
                write_rect(out, rect, radius as u8, &attrs);
            }
        }
        Shape::Circle(c) => {
            let _ = writeln!(
                out,
                "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.2}\"{}{}/>",
                c.center.x,
                c.center.y,
                c.radius,
                paint("fill", c.fill),
                stroke_attrs(c.stroke.width, c.stroke.color)
            );
        }
        Shape::LineSegment { points: ps, stroke } => {
            let _ = writeln!(
                out,
                "<line x1=\"{:.2}\" y1=\"{:.2}\" x2=\"{:.2}\" y2=\"{:.2}\"{} stroke-linecap=\"round\"/>",
                ps[0].x,
                ps[0].y,
                ps[1].x,
                ps[1].y,
                stroke_attrs(stroke.width, stroke.color)
            );
        }
        Shape::Path(p) => {
            let colour = match p.stroke.color {
                ColorMode::Solid(c) => c,
                ColorMode::UV(_) => Color32::TRANSPARENT,
            };
            let tag = if p.closed { "polygon" } else { "polyline" };
            let _ = writeln!(
                out,
                "<{tag} points=\"{}\"{}{} stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
                points(&p.points),
                paint(
                    "fill",
                    if p.closed {
                        p.fill
                    } else {
                        Color32::TRANSPARENT
                    }
                ),
                stroke_attrs(p.stroke.width, colour)
            );
        }
        Shape::Text(t) => write_text(out, t),
        _ => {}
    }
}

fn write_rect(out: &mut String, rect: Rect, radius: u8, attrs: &str) {
    let _ = writeln!(
        out,
        "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" rx=\"{radius}\"{attrs}/>",
        rect.min.x,
        rect.min.y,
        rect.width().max(0.0),
        rect.height().max(0.0)
    );
}

/// One `<text>` per row, with every glyph at egui's position.
fn write_text(out: &mut String, t: &TextShape) {
    let Some(section) = t.galley.job.sections.first() else {
        return;
    };
    let format = &section.format;
    let colour = t
        .override_text_color
        .unwrap_or(if format.color == Color32::PLACEHOLDER {
            t.fallback_color
        } else {
            format.color
        });
    let colour = colour.gamma_multiply(t.opacity_factor);
    let decoration = if format.strikethrough.width > 0.0 {
        " text-decoration=\"line-through\""
    } else {
        ""
    };
    for placed in &t.galley.rows {
        let glyphs = &placed.row.glyphs;
        let Some(first) = glyphs.first() else {
            continue;
        };
        let origin = t.pos + placed.pos.to_vec2();
        let text: String = glyphs.iter().map(|g| g.chr).collect();
        let _ = writeln!(
            out,
            "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"{:.2}\"{}{decoration}>{}</text>",
            origin.x + first.pos.x,
            origin.y + first.pos.y,
            format.font_id.size,
            paint("fill", colour),
            escape(&text)
        );
    }
}

/// Standard base64, for the embedded font; 30 lines beat a dependency.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn escape_keeps_xml_well_formed() {
        assert_eq!(
            escape("a<b & \"c\">\u{1}"),
            "a&lt;b &amp; &quot;c&quot;&gt;"
        );
    }
}
