//! `credence bench layout`, second table: Compact against Layered on every
//! shape of synthetic map, and how far Fit zooms in on a Compact map in a
//! 1,920 × 1,080 window (the real app, run headlessly).

use credence::layout::crossings::{card_boxes, drawn_edges, overlaps, straight_crossings};
use credence::layout::{LayoutOptions, Style, layout};
use credence::model::Document;
use credence::synth::{Shape, map};
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::{Pos2, RawInput, Rect};
use std::time::Instant;

/// The shape of one drawing.
struct Drawn {
    ms: f64,
    aspect: f32,
    crossings: usize,
    overlaps: usize,
    /// Straight lines between card centres, summed, in board units.
    length: f64,
    /// Bounding box, in millions of square units.
    area: f64,
}

fn draw(doc: &Document, style: Style, aspect: f32) -> Drawn {
    let options = LayoutOptions {
        style,
        aspect,
        ..Default::default()
    };
    let start = Instant::now();
    let moves = layout(doc, None, &options);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut laid = doc.clone();
    credence::edit::Command::Move(moves).apply(&mut laid);
    let boxes = card_boxes(&laid);
    let edges = drawn_edges(&laid);
    let length = edges
        .iter()
        .map(|&(a, b)| f64::from((boxes[a].0 - boxes[b].0).hypot(boxes[a].1 - boxes[b].1)))
        .sum();
    let (x0, y0, x1, y1) = boxes.iter().fold(
        (
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ),
        |(a, b, c, d), (x, y, w, h)| {
            (
                a.min(x - w / 2.0),
                b.min(y - h / 2.0),
                c.max(x + w / 2.0),
                d.max(y + h / 2.0),
            )
        },
    );
    Drawn {
        ms,
        aspect: (x1 - x0) / (y1 - y0).max(1.0),
        crossings: straight_crossings(&boxes, &edges),
        overlaps: overlaps(&boxes),
        length,
        area: f64::from((x1 - x0) * (y1 - y0)) / 1e6,
    }
}

pub fn compact_table(shapes: &[Shape], sizes: &[usize], seed: u64) {
    let target = 16.0f32 / 9.0;
    println!();
    println!(
        "| shape | cards | style | ms | aspect (target 1.78) | within 1.5× | crossings | edge length (k units) | area (M units²) | overlaps |"
    );
    println!("|---|---:|---|---:|---:|---|---:|---:|---:|---:|");
    for &shape in shapes {
        for &n in sizes.iter().filter(|&&n| n <= 3000) {
            let doc = map(shape, n, seed);
            for style in [Style::Layered, Style::Compact] {
                let d = draw(&doc, style, target);
                let within = (d.aspect / target).max(target / d.aspect) <= 1.5;
                println!(
                    "| {} | {n} | {style:?} | {:.1} | {:.2} | {} | {} | {:.0} | {:.1} | {} |",
                    shape.name(),
                    d.ms,
                    d.aspect,
                    if within { "yes" } else { "no" },
                    d.crossings,
                    d.length / 1000.0,
                    d.area,
                    d.overlaps
                );
            }
        }
    }
    println!();
    println!("| shape | cards | Fit zoom, Compact, 1,920 × 1,080 window | goal | Layered |");
    println!("|---|---:|---:|---:|---:|");
    for &shape in shapes {
        for (n, goal) in [(60, 50), (150, 30)] {
            let doc = map(shape, n, seed);
            println!(
                "| {} | {n} | {:.0}% | ≥ {goal}% | {:.0}% |",
                shape.name(),
                fit_zoom(&doc, Style::Compact) * 100.0,
                fit_zoom(&doc, Style::Layered) * 100.0
            );
        }
    }
}

const WINDOW: Rect = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(1920.0, 1080.0));

/// Lays `doc` out in the app, as Map → the style does (at the canvas's own
/// aspect ratio), then fits the view, and returns the zoom Fit chose.
fn fit_zoom(doc: &Document, style: Style) -> f32 {
    let ctx = egui::Context::default();
    let mut app = CredenceApp::new(doc.clone(), None, Box::new(ScriptedDialogs::default()));
    let mut time = 0.0;
    let mut frame = |app: &mut CredenceApp| {
        time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(WINDOW),
            time: Some(time),
            ..Default::default()
        };
        let _ = ctx.run_ui(input, |ui| app.show(ui));
    };
    for _ in 0..3 {
        frame(&mut app);
    }
    app.layout_style = style;
    app.lay_out_from_scratch();
    for _ in 0..40 {
        frame(&mut app);
    }
    app.fit_view();
    app.camera.zoom
}
