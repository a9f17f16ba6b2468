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
    /// Each frame's CPU time on this thread, since the scenario began.
    cpu: Vec<Duration>,
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
        let cpu = thread_cpu();
        let start = Instant::now();
        let mut output = self.ctx.run_ui(input, |ui| self.app.show(ui));
        // No GPU here: font atlas updates have nowhere to go.
        output.textures_delta.clear();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let took = start.elapsed();
        self.cpu.push(thread_cpu().saturating_sub(cpu));
        std::hint::black_box(primitives);
        took
    }

    fn canvas(&self) -> Rect {
        self.app.canvas_rect()
    }
}

/// CPU time this thread has run. With a room, the phones' hundred threads
/// share this machine's cores with the window, which real phones do not:
/// time on the CPU is what the window's own work costs, whoever else runs.
#[cfg(unix)]
fn thread_cpu() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0;
    if !ok {
        return Duration::ZERO;
    }
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

#[cfg(not(unix))]
fn thread_cpu() -> Duration {
    Duration::ZERO
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort_unstable();
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i].as_secs_f64() * 1000.0
}

/// Cards each phone votes on, as in the room's load benchmark.
const ROOM_VOTES: usize = 20;

pub fn run(file: &Path, frames: usize, room: Option<usize>) -> ExitCode {
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
        cpu: Vec::new(),
    };
    // Settle: fonts, fit to the map, first layout of every text.
    for _ in 0..5 {
        bench.frame(Vec::new());
    }
    let phones = match room {
        Some(people) => match open_room(&mut bench, people) {
            Ok(phones) => Some(phones),
            Err(err) => {
                eprintln!("credence bench: {err}");
                return ExitCode::FAILURE;
            }
        },
        None => None,
    };
    let with_cpu = phones.is_some();
    if with_cpu {
        println!("| scenario | frames | p50 (ms) | p95 (ms) | CPU p50 (ms) | CPU p95 (ms) |");
        println!("|---|---:|---:|---:|---:|---:|");
    } else {
        println!("| scenario | frames | p50 (ms) | p95 (ms) |");
        println!("|---|---:|---:|---:|");
    }
    let report = |name: &str, times: &mut Vec<Duration>, cpu: &mut Vec<Duration>| {
        let (p50, p95) = (percentile(times, 0.5), percentile(times, 0.95));
        let row = format!("| {name} | {} | {p50:.2} | {p95:.2} |", times.len());
        // The scenario's own frames: setting it up ran a few more.
        let from = cpu.len().saturating_sub(times.len());
        let own = &mut cpu[from..];
        if with_cpu && !own.is_empty() {
            let (c50, c95) = (percentile(own, 0.5), percentile(own, 0.95));
            println!("{row} {c50:.2} | {c95:.2} |");
        } else {
            println!("{row}");
        }
        cpu.clear();
    };

    // With a room, every scenario begins with all phones voting at once.
    let wave = |phones: &Option<super::room_load::Phones>| {
        if let Some(phones) = phones {
            phones.wave();
        }
    };
    wave(&phones);
    let mut idle: Vec<Duration> = (0..frames).map(|_| bench.frame(Vec::new())).collect();
    report("idle redraw", &mut idle, &mut bench.cpu);

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
    wave(&phones);
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
    report("pan", &mut pan, &mut bench.cpu);
    bench.app.fit_view();

    wave(&phones);
    let mut zoom: Vec<Duration> = (0..frames)
        .map(|i| {
            let dy = if (i / 30) % 2 == 0 { 40.0 } else { -40.0 };
            bench.frame(vec![
                Event::PointerMoved(centre),
                wheel(vec2(0.0, dy), Modifiers::COMMAND),
            ])
        })
        .collect();
    report("zoom", &mut zoom, &mut bench.cpu);

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
        wave(&phones);
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
        report("drag 50 selected nodes", &mut drag, &mut bench.cpu);
    }
    match phones {
        Some(phones) => report_room(&mut bench, phones),
        None => ExitCode::SUCCESS,
    }
}

/// Opens the window's room on loopback and starts `people` phones; the
/// frames run while they join, and every scenario after is timed while
/// they vote.
fn open_room(bench: &mut Bench, people: usize) -> Result<super::room_load::Phones, String> {
    bench.app.room_bind = std::net::IpAddr::from([127, 0, 0, 1]);
    bench.app.set_room_cards(credence::room::CardChoice::All);
    let ctx = bench.ctx.clone();
    bench.app.open_room(&ctx);
    let address = bench.app.room_address().ok_or("the room did not open")?;
    let code = bench.app.room_code().unwrap_or_default().to_owned();
    let cards: Vec<u64> = bench
        .app
        .doc()
        .nodes
        .iter()
        .filter(|n| credence::model::takes_votes(n.kind))
        .map(|n| n.id.0)
        .take(ROOM_VOTES)
        .collect();
    if cards.len() < ROOM_VOTES {
        return Err(format!(
            "--room needs {ROOM_VOTES} beliefs, assumptions or bets to vote on; the map has {}",
            cards.len()
        ));
    }
    let phones = super::room_load::Phones::start(address, &code, people, cards);
    // The window answers the joins from its frames.
    let joined = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    std::thread::scope(|scope| {
        scope.spawn(|| {
            phones.wait_joined();
            joined.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        while !joined.load(std::sync::atomic::Ordering::Relaxed) {
            bench.frame(Vec::new());
        }
    });
    Ok(phones)
}

/// The room's row: what the phones did while the frames above were timed,
/// and whether the document holds the last vote each phone was told was in.
fn report_room(bench: &mut Bench, phones: super::room_load::Phones) -> ExitCode {
    let people = bench.app.doc().workshop.participants.len();
    // The last wave's votes are answered by frames too (not timed).
    let started = Instant::now();
    while !phones.settled() && started.elapsed() < Duration::from_secs(10) {
        bench.frame(Vec::new());
    }
    let mut load = phones.stop();
    bench.app.close_room();
    let held = bench.app.doc().workshop.votes.len();
    let latencies = &mut load.latencies;
    let (p50, p99) = if latencies.is_empty() {
        (0.0, 0.0)
    } else {
        (percentile(latencies, 0.5), percentile(latencies, 0.99))
    };
    println!();
    println!(
        "room: {} phones joined; {} votes answered ({} refused), \
         request p50 {:.1} ms, p99 {:.1} ms; the document holds {held} votes \
         ({people} people × {ROOM_VOTES} cards)",
        load.joined, load.votes, load.failed, p50, p99,
    );
    let complete = held == load.joined * ROOM_VOTES;
    if load.failed > 0 || !complete {
        eprintln!("credence bench: the room lost or refused votes");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
