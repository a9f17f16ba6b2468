//! The two ways issue 21 named to draw a board on the CPU, on the same
//! board: our rasterizer of epaint's tessellated meshes (what PNG export
//! uses), and tiny-skia drawing the same egui shapes (rounded rectangles,
//! circles, strokes, Bézier edges, glyphs from the same font atlas).
//! `cargo bench --bench raster`.
//!
//! The tiny-skia side is a measurement, not a renderer we ship: it draws
//! every shape the board paints with anti-aliasing, but not every detail
//! the screen has (no feathered stroke ends, no strikethrough), so it does
//! a little less work than a complete one would.

use credence::export::{Options, Scope, rasterize, whole_frame};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::epaint::{ClippedShape, Shape};
use std::hint::black_box;
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, PixmapPaint, Stroke, Transform};

fn colour(c: egui::Color32) -> Color {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    Color::from_rgba8(r, g, b, a)
}

fn paint(c: egui::Color32) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(colour(c));
    p.anti_alias = true;
    p
}

fn rounded(pb: &mut PathBuilder, r: egui::Rect, radius: f32) {
    let k = radius.min(r.width() / 2.0).min(r.height() / 2.0);
    let (x0, y0, x1, y1) = (r.min.x, r.min.y, r.max.x, r.max.y);
    pb.move_to(x0 + k, y0);
    pb.line_to(x1 - k, y0);
    pb.quad_to(x1, y0, x1, y0 + k);
    pb.line_to(x1, y1 - k);
    pb.quad_to(x1, y1, x1 - k, y1);
    pb.line_to(x0 + k, y1);
    pb.quad_to(x0, y1, x0, y1 - k);
    pb.line_to(x0, y0 + k);
    pb.quad_to(x0, y0, x0 + k, y0);
    pb.close();
}

/// Draws `shapes` (points) at `ppp` into `pixmap`, glyphs from `atlas`.
fn draw(pixmap: &mut Pixmap, shapes: &[ClippedShape], ppp: f32, atlas: &Pixmap) {
    let t = Transform::from_scale(ppp, ppp);
    let mut stack: Vec<&Shape> = shapes.iter().rev().map(|c| &c.shape).collect();
    while let Some(shape) = stack.pop() {
        match shape {
            Shape::Vec(v) => stack.extend(v.iter().rev()),
            Shape::Rect(r) => {
                let mut pb = PathBuilder::new();
                rounded(&mut pb, r.rect, f32::from(r.corner_radius.nw));
                if let Some(path) = pb.finish() {
                    if r.fill.a() > 0 {
                        pixmap.fill_path(&path, &paint(r.fill), FillRule::Winding, t, None);
                    }
                    if r.stroke.width > 0.0 {
                        let s = Stroke {
                            width: r.stroke.width,
                            ..Stroke::default()
                        };
                        pixmap.stroke_path(&path, &paint(r.stroke.color), &s, t, None);
                    }
                }
            }
            Shape::Circle(c) => {
                if let Some(path) = PathBuilder::from_circle(c.center.x, c.center.y, c.radius) {
                    pixmap.fill_path(&path, &paint(c.fill), FillRule::Winding, t, None);
                }
            }
            Shape::LineSegment { points, stroke } => {
                let mut pb = PathBuilder::new();
                pb.move_to(points[0].x, points[0].y);
                pb.line_to(points[1].x, points[1].y);
                if let Some(path) = pb.finish() {
                    let s = Stroke {
                        width: stroke.width,
                        ..Stroke::default()
                    };
                    pixmap.stroke_path(&path, &paint(stroke.color), &s, t, None);
                }
            }
            Shape::Path(p) if p.points.len() > 1 => {
                let mut pb = PathBuilder::new();
                pb.move_to(p.points[0].x, p.points[0].y);
                for q in &p.points[1..] {
                    pb.line_to(q.x, q.y);
                }
                if p.closed {
                    pb.close();
                }
                if let Some(path) = pb.finish() {
                    if p.fill.a() > 0 {
                        pixmap.fill_path(&path, &paint(p.fill), FillRule::Winding, t, None);
                    }
                    let s = Stroke {
                        width: p.stroke.width,
                        ..Stroke::default()
                    };
                    let colour = match &p.stroke.color {
                        egui::epaint::ColorMode::Solid(c) => *c,
                        _ => egui::Color32::GRAY,
                    };
                    pixmap.stroke_path(&path, &paint(colour), &s, t, None);
                }
            }
            Shape::CubicBezier(b) => {
                let mut pb = PathBuilder::new();
                let [a, c1, c2, d] = b.points;
                pb.move_to(a.x, a.y);
                pb.cubic_to(c1.x, c1.y, c2.x, c2.y, d.x, d.y);
                if let Some(path) = pb.finish() {
                    let s = Stroke {
                        width: b.stroke.width,
                        ..Stroke::default()
                    };
                    let colour = match &b.stroke.color {
                        egui::epaint::ColorMode::Solid(c) => *c,
                        _ => egui::Color32::GRAY,
                    };
                    pixmap.stroke_path(&path, &paint(colour), &s, t, None);
                }
            }
            Shape::Text(text) => {
                for row in &text.galley.rows {
                    for glyph in &row.glyphs {
                        let uv = glyph.uv_rect;
                        let (w, h) = (
                            u32::from(uv.max[0].saturating_sub(uv.min[0])),
                            u32::from(uv.max[1].saturating_sub(uv.min[1])),
                        );
                        let Some(rect) = tiny_skia::IntRect::from_xywh(
                            i32::from(uv.min[0]),
                            i32::from(uv.min[1]),
                            w.max(1),
                            h.max(1),
                        ) else {
                            continue;
                        };
                        let Some(glyph_px) = atlas.clone_rect(rect) else {
                            continue;
                        };
                        let at = text.pos + row.pos.to_vec2() + glyph.pos.to_vec2() + uv.offset;
                        pixmap.draw_pixmap(
                            (at.x * ppp) as i32,
                            (at.y * ppp) as i32,
                            glyph_px.as_ref(),
                            &PixmapPaint::default(),
                            Transform::identity(),
                            None,
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

fn board(c: &mut Criterion) {
    // The middle of the bench map at 2×: 2,048 × 2,048 px of cards, edges
    // and text, drawn whole by each way.
    let doc = credence::synth::belief_map(1000, 1);
    let centre = doc.nodes[500].center();
    let options = Options {
        scope: Scope::Region(egui::Rect::from_center_size(
            egui::pos2(centre.x, centre.y),
            egui::vec2(1024.0, 1024.0),
        )),
        scale: 2.0,
        padding: 0.0,
        ..Options::default()
    };
    let (ctx, output) = whole_frame(&doc, &options);
    let ppp = output.pixels_per_point;
    // The font atlas, as tiny-skia's pixmap (premultiplied, like egui's).
    let font = output
        .textures_delta
        .set
        .iter()
        .find(|(id, _)| **id == egui::TextureId::default())
        .and_then(|(_, d)| d.first())
        .map(|d| {
            let egui::ImageData::Color(image) = &d.image;
            let mut atlas = Pixmap::new(image.size[0] as u32, image.size[1] as u32).unwrap();
            for (dst, src) in atlas.pixels_mut().iter_mut().zip(&image.pixels) {
                let [r, g, b, a] = src.to_array();
                *dst = tiny_skia::PremultipliedColorU8::from_rgba(r, g, b, a).unwrap();
            }
            atlas
        })
        .expect("the font atlas");
    let size = ctx.content_rect().size() * ppp;
    let (w, h) = (size.x.round() as u32, size.y.round() as u32);
    // Both ways must really draw the board: about as many pixels of ink.
    let canvas = options.theme.palette().canvas.to_array();
    let (_, ours) = rasterize(&ctx, output.clone());
    let mut theirs = Pixmap::new(w, h).unwrap();
    theirs.fill(colour(options.theme.palette().canvas));
    draw(&mut theirs, &output.shapes, ppp, &font);
    let ink = |px: &[u8]| px.chunks_exact(4).filter(|p| p[..3] != canvas[..3]).count();
    let (a, b) = (ink(&ours), ink(theirs.data()));
    eprintln!("ink: ours {a} px, tiny-skia {b} px of {}", w * h);
    assert!(b * 10 > a * 8 && a * 10 > b * 8, "ours {a}, tiny-skia {b}");
    let mut group = c.benchmark_group("board_2048px");
    group.sample_size(20);
    group.bench_function("own_rasterizer_of_tessellated_meshes", |b| {
        b.iter(|| rasterize(black_box(&ctx), output.clone()))
    });
    group.bench_function("tiny_skia_shapes", |b| {
        b.iter(|| {
            let mut pixmap = Pixmap::new(w, h).unwrap();
            pixmap.fill(colour(options.theme.palette().canvas));
            draw(&mut pixmap, black_box(&output.shapes), ppp, &font);
            pixmap
        })
    });
    group.finish();
}

criterion_group!(benches, board);
criterion_main!(benches);
