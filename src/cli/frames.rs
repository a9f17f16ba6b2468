//! `credence bench FILE [--frames N]`: the real canvas code run headlessly
//! (egui layout and tessellation, no GPU), timed per frame for idle redraw,
//! panning, zooming and dragging 50 selected nodes.

use credence::model::Point;
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::{
    Event, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, Pos2, RawInput, Rect,
    TouchPhase, vec2,
};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const SCREEN: Rect = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(1600.0, 1000.0));

struct Bench {
    ctx: egui::Context,
    app: CredenceApp,
    time: f64,
}

impl Bench {
    fn frame(&mut self, events: Vec<Event>) -> Duration {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(SCREEN),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let mut output = self.ctx.run_ui(input, |ui| self.app.show(ui));
        // No GPU here: font atlas updates have nowhere to go.
        output.textures_delta.clear();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let took = start.elapsed();
        std::hint::black_box(primitives);
        took
    }

    fn canvas(&self) -> Rect {
        self.app.canvas_rect()
    }
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort_unstable();
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i].as_secs_f64() * 1000.0
}

pub fn run(file: &Path, frames: usize) -> ExitCode {
    let load_start = Instant::now();
    let doc = match credence::io::load(file) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("credence: {err}");
            return ExitCode::FAILURE;
        }
    };
    let load = load_start.elapsed();
    let dir = std::env::temp_dir().join(format!("credence-frames-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let save_start = Instant::now();
    let saved = credence::io::save(&dir.join("copy.ron"), &doc);
    let save = save_start.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(err) = saved {
        eprintln!("credence: {err}");
        return ExitCode::FAILURE;
    }
    println!(
        "{}: {} nodes, {} edges; load {:.1} ms, save {:.1} ms",
        file.display(),
        doc.nodes.len(),
        doc.edges.len(),
        load.as_secs_f64() * 1000.0,
        save.as_secs_f64() * 1000.0
    );

    let app = CredenceApp::new(doc, None, Box::new(ScriptedDialogs::default()));
    let mut bench = Bench {
        ctx: egui::Context::default(),
        app,
        time: 0.0,
    };
    // Settle: fonts, fit to the map, first layout of every text.
    for _ in 0..5 {
        bench.frame(Vec::new());
    }
    println!("| scenario | frames | p50 (ms) | p95 (ms) |");
    println!("|---|---:|---:|---:|");
    let report = |name: &str, times: &mut Vec<Duration>| {
        let (p50, p95) = (percentile(times, 0.5), percentile(times, 0.95));
        println!("| {name} | {} | {p50:.2} | {p95:.2} |", times.len());
    };

    let mut idle: Vec<Duration> = (0..frames).map(|_| bench.frame(Vec::new())).collect();
    report("idle redraw", &mut idle);

    // Every scenario starts from the whole map in view, the heaviest frame.
    bench.app.fit_view();
    let centre = bench.canvas().center();
    let wheel = |delta: egui::Vec2, modifiers: Modifiers| Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta,
        phase: TouchPhase::Move,
        modifiers,
        source: MouseWheelSource::Wheel,
    };
    let mut pan: Vec<Duration> = (0..frames)
        .map(|i| {
            // Back and forth, so the map stays in view: a pan that drifts
            // one way soon shows empty canvas, which measures nothing.
            let sign = if (i / 30) % 2 == 0 { 1.0 } else { -1.0 };
            bench.frame(vec![
                Event::PointerMoved(centre),
                wheel(vec2(12.0, 4.0) * sign, Modifiers::NONE),
            ])
        })
        .collect();
    report("pan", &mut pan);
    bench.app.fit_view();

    let mut zoom: Vec<Duration> = (0..frames)
        .map(|i| {
            let dy = if (i / 30) % 2 == 0 { 40.0 } else { -40.0 };
            bench.frame(vec![
                Event::PointerMoved(centre),
                wheel(vec2(0.0, dy), Modifiers::COMMAND),
            ])
        })
        .collect();
    report("zoom", &mut zoom);

    // Drag 50 selected nodes: select the 50 nodes nearest the view centre,
    // press on the nearest, and move the pointer a little every frame.
    bench.app.fit_view();
    bench.frame(Vec::new());
    let camera = bench.app.camera;
    let view = bench.canvas();
    let mut by_distance: Vec<(f32, credence::model::NodeId)> = bench
        .app
        .doc()
        .nodes
        .iter()
        .map(|n| {
            let c = n.center();
            let (dx, dy) = (c.x - camera.center.x, c.y - camera.center.y);
            (dx * dx + dy * dy, n.id)
        })
        .collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
    let chosen: Vec<_> = by_distance.iter().take(50).map(|(_, id)| *id).collect();
    let mut drag = Vec::new();
    if let Some(&first) = chosen.first() {
        bench.app.doc_ui.selection.clear();
        bench
            .app
            .doc_ui
            .selection
            .nodes
            .extend(chosen.iter().copied());
        let before: Vec<Point> = bench.app.doc().nodes.iter().map(|n| n.pos).collect();
        let node = bench
            .app
            .doc()
            .node(first)
            .expect("chosen from the document");
        let mut at = camera.to_screen(view, node.center());
        let press = |pos, pressed| Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        };
        bench.frame(vec![Event::PointerMoved(at), press(at, true)]);
        // A press that misses the card pans the view instead, which would
        // time the wrong thing; checked once the cards should have moved
        // (the drag goes back and forth, so it may end where it began).
        let mut moved = None;
        for i in 0..frames {
            let step = if (i / 30) % 2 == 0 { 3.0 } else { -3.0 };
            at += vec2(step, step / 2.0);
            drag.push(bench.frame(vec![Event::PointerMoved(at)]));
            if i == frames.min(10) - 1 {
                let doc = bench.app.doc();
                moved = Some(
                    doc.nodes
                        .iter()
                        .zip(&before)
                        .filter(|(n, b)| n.pos != **b)
                        .count(),
                );
            }
        }
        bench.frame(vec![press(at, false)]);
        if let Some(moved) = moved.filter(|&m| m != chosen.len()) {
            eprintln!(
                "warning: the drag moved {moved} of {} cards; its times are not a drag",
                chosen.len()
            );
        }
    }
    if drag.is_empty() {
        println!("| drag 50 selected nodes | 0 | – | – |");
    } else {
        report("drag 50 selected nodes", &mut drag);
    }
    ExitCode::SUCCESS
}
