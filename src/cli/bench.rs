//! `credence bench layout|trace`: the numbers the issues ask for, measured
//! on synthetic maps, with Graphviz `dot` as the yardstick for layout.

use credence::analysis::{BeliefGraph, trace};
use credence::layout::crossings::{
    Placed, drawn_edges, overlaps, share_within, straight_crossings,
};
use credence::layout::{LayoutOptions, Style, layout};
use credence::model::{Document, NodeId};
use credence::synth::{Shape, belief_map};
use std::collections::HashMap;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// One measured drawing.
struct Measured {
    time: Duration,
    crossings: usize,
    overlaps: usize,
}

/// Centre boxes and deduplicated local edges, measured the same way for
/// every layout engine.
fn measure(doc: &Document, centres: &HashMap<NodeId, (f32, f32)>, time: Duration) -> Measured {
    let boxes: Vec<Placed> = doc
        .nodes
        .iter()
        .map(|n| {
            let (x, y) = centres[&n.id];
            (x, y, n.size.w, n.size.h)
        })
        .collect();
    Measured {
        time,
        crossings: straight_crossings(&boxes, &drawn_edges(doc)),
        overlaps: overlaps(&boxes),
    }
}

fn ours(doc: &Document) -> Measured {
    let start = Instant::now();
    let placed = layout(doc, None, &LayoutOptions::default());
    let time = start.elapsed();
    let sizes: HashMap<NodeId, (f32, f32)> = doc
        .nodes
        .iter()
        .map(|n| (n.id, (n.size.w, n.size.h)))
        .collect();
    let centres = placed
        .into_iter()
        .map(|(id, p)| (id, (p.x + sizes[&id].0 / 2.0, p.y + sizes[&id].1 / 2.0)))
        .collect();
    measure(doc, &centres, time)
}

/// The same graph for `dot`: same box sizes (points → inches), same gaps,
/// causes below effects.
fn dot_source(doc: &Document) -> String {
    let options = LayoutOptions::default();
    let mut s = format!(
        "digraph G {{\n  rankdir=BT;\n  nodesep={};\n  ranksep={};\n  node [shape=box, fixedsize=true, label=\"\"];\n",
        options.node_gap / 72.0,
        options.layer_gap / 72.0
    );
    for n in &doc.nodes {
        s.push_str(&format!(
            "  n{} [width={}, height={}];\n",
            n.id.0,
            n.size.w / 72.0,
            n.size.h / 72.0
        ));
    }
    for e in &doc.edges {
        s.push_str(&format!("  n{} -> n{};\n", e.from.0, e.to.0));
    }
    s.push_str("}\n");
    s
}

/// Why `dot` gave no drawing.
enum DotFailure {
    /// It ran past the limit and was stopped: on shared maps of 10,000
    /// cards it runs for more than half an hour.
    TimedOut(Duration),
    Failed(String),
}

fn dot(doc: &Document, limit: Duration) -> Result<Measured, DotFailure> {
    let failed = |e: String| DotFailure::Failed(e);
    let dir = std::env::temp_dir().join(format!("credence-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| failed(e.to_string()))?;
    let file = dir.join("graph.dot");
    std::fs::write(&file, dot_source(doc)).map_err(|e| failed(e.to_string()))?;
    // To files, not pipes: a pipe nobody reads while waiting would stall
    // `dot` once it filled.
    let (plain, errors) = (dir.join("graph.plain"), dir.join("errors.txt"));
    let stderr = std::fs::File::create(&errors).map_err(|e| failed(e.to_string()))?;
    let mut command = Command::new("dot");
    command
        .arg("-Tplain")
        .arg("-o")
        .arg(&plain)
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(stderr);
    let ran = run_within(&mut command, limit);
    let text = std::fs::read_to_string(&plain).unwrap_or_default();
    let error_text = std::fs::read_to_string(&errors).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let time = match ran {
        Ran::Exited(time, true) => time,
        Ran::Exited(_, false) => return Err(failed(error_text)),
        Ran::TimedOut => return Err(DotFailure::TimedOut(limit)),
        Ran::CannotStart(e) => {
            return Err(failed(format!(
                "cannot run dot ({e}); install Graphviz: apt-get install graphviz"
            )));
        }
    };
    let mut centres = HashMap::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.first() == Some(&"node") && parts.len() >= 4 {
            let id: u64 = parts[1]
                .trim_start_matches('n')
                .parse()
                .map_err(|_| failed("bad dot output".into()))?;
            let x: f32 = parts[2]
                .parse()
                .map_err(|_| failed("bad dot output".into()))?;
            let y: f32 = parts[3]
                .parse()
                .map_err(|_| failed("bad dot output".into()))?;
            centres.insert(NodeId(id), (x * 72.0, -y * 72.0));
        }
    }
    if centres.len() != doc.nodes.len() {
        return Err(failed("dot left out some nodes".into()));
    }
    Ok(measure(doc, &centres, time))
}

/// How a command run with a time limit ended.
enum Ran {
    /// After this long, successfully or not.
    Exited(Duration, bool),
    /// Still running at the limit, and killed.
    TimedOut,
    CannotStart(std::io::Error),
}

/// Runs `command` until it exits or `limit` passes. It is polled at about
/// 1% of the time it has run, so the time is that close for a 10 ms run
/// as for a 10 minute one.
fn run_within(command: &mut Command, limit: Duration) -> Ran {
    let start = Instant::now();
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => return Ran::CannotStart(e),
    };
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ran::Exited(start.elapsed(), status.success()),
            Ok(None) => {}
            Err(e) => return Ran::CannotStart(e),
        }
        let elapsed = start.elapsed();
        if elapsed >= limit {
            let _ = child.kill();
            let _ = child.wait();
            return Ran::TimedOut;
        }
        let pause = (elapsed / 100).clamp(Duration::from_micros(200), Duration::from_millis(50));
        std::thread::sleep(pause.min(limit - elapsed));
    }
}

/// With `dot_limit`, Graphviz runs beside ours on each graph, and is
/// stopped after that long.
pub fn layout_table(
    shapes: &[Shape],
    sizes: &[usize],
    dot_limit: Option<Duration>,
    seed: u64,
) -> ExitCode {
    println!(
        "| shape | nodes | edges | ours (ms) | dot (ms) | speed-up | crossings ours | crossings dot | ours vs dot | overlaps ours | overlaps dot |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &shape in shapes {
        for &n in sizes {
            let doc = credence::synth::map(shape, n, seed);
            let mine = ours(&doc);
            let theirs = dot_limit.map(|limit| dot(&doc, limit));
            let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
            let dash = || "–".to_string();
            let faster =
                |theirs: Duration| theirs.as_secs_f64() / mine.time.as_secs_f64().max(1e-9);
            let (dot_ms, speedup, dot_cross, ratio, dot_over) = match &theirs {
                Some(Ok(m)) => (
                    ms(m.time),
                    format!("{:.0}×", faster(m.time)),
                    m.crossings.to_string(),
                    format!(
                        "{:+.1}%",
                        (mine.crossings as f64 / m.crossings.max(1) as f64 - 1.0) * 100.0
                    ),
                    m.overlaps.to_string(),
                ),
                Some(Err(DotFailure::TimedOut(limit))) => {
                    eprintln!(
                        "credence: dot stopped on {} at {n} nodes after {} s (--dot-limit)",
                        shape.name(),
                        limit.as_secs()
                    );
                    (
                        format!("> {}", ms(*limit)),
                        format!("> {:.0}×", faster(*limit)),
                        dash(),
                        dash(),
                        dash(),
                    )
                }
                Some(Err(DotFailure::Failed(e))) => {
                    eprintln!("credence: dot failed on {} at {n} nodes: {e}", shape.name());
                    ("error".into(), dash(), dash(), dash(), dash())
                }
                None => (dash(), dash(), dash(), dash(), dash()),
            };
            println!(
                "| {} | {n} | {} | {} | {dot_ms} | {speedup} | {} | {dot_cross} | {ratio} | {} | {dot_over} |",
                shape.name(),
                doc.edges.len(),
                ms(mine.time),
                mine.crossings,
                mine.overlaps
            );
        }
    }
    super::compact_bench::compact_table(shapes, sizes, seed);
    stability_table(shapes, seed);
    ExitCode::SUCCESS
}

/// Stability, per shape: lay out a 300-card map, add one card resting on
/// a card in its middle, lay out again keeping the order, and count the
/// other cards that moved less than one card width.
pub fn stability_table(shapes: &[Shape], seed: u64) {
    println!();
    println!("| shape | style | cards | others moved < 1 card width (keep order) | from scratch |");
    println!("|---|---|---:|---:|---:|");
    for &shape in shapes {
        for style in [Style::Layered, Style::Compact] {
            let options = |keep_order: bool| LayoutOptions {
                keep_order,
                style,
                ..Default::default()
            };
            let mut doc = credence::synth::map(shape, 300, seed);
            let moves = layout(&doc, None, &options(false));
            credence::edit::Command::Move(moves).apply(&mut doc);
            let before = centres(&doc);
            let width = doc.nodes.iter().map(|n| n.size.w).sum::<f32>() / doc.nodes.len() as f32;
            let middle = doc.nodes.len() / 2;
            add_card_under(&mut doc, middle);
            let share = |keep_order: bool| {
                let mut laid = doc.clone();
                credence::edit::Command::Move(layout(&laid, None, &options(keep_order)))
                    .apply(&mut laid);
                share_within(&before, &centres(&laid), width) * 100.0
            };
            println!(
                "| {} | {style:?} | 300 + 1 | {:.0}% | {:.0}% |",
                shape.name(),
                share(true),
                share(false)
            );
        }
    }
}

/// A new evidence card resting on the card at `index`, placed just below
/// it, as Tab makes one.
fn add_card_under(doc: &mut Document, index: usize) {
    let parent = doc.nodes[index].clone();
    let id = NodeId(doc.nodes.iter().map(|n| n.id.0).max().unwrap_or(0) + 1);
    let mut card = credence::model::Node::new(id, credence::model::NodeKind::Evidence, "New");
    card.pos = credence::model::Point::new(parent.pos.x, parent.pos.y + parent.size.h + 60.0);
    doc.nodes.push(card);
    let edge = credence::model::EdgeId(doc.edges.iter().map(|e| e.id.0).max().unwrap_or(0) + 1);
    doc.edges.push(credence::model::Edge::new(
        edge,
        id,
        parent.id,
        credence::model::EdgeKind::Supports,
    ));
}

fn centres(doc: &Document) -> Vec<(NodeId, (f32, f32))> {
    doc.nodes
        .iter()
        .map(|n| (n.id, (n.pos.x + n.size.w / 2.0, n.pos.y + n.size.h / 2.0)))
        .collect()
}

pub fn trace_table(nodes: usize, samples: usize, seed: u64) -> ExitCode {
    let doc = belief_map(nodes, seed);
    let start = Instant::now();
    let g = BeliefGraph::new(&doc);
    let build = start.elapsed();
    let step = (nodes / samples.max(1)).max(1);
    let mut worst = Duration::ZERO;
    let mut total = Duration::ZERO;
    let mut count = 0u32;
    for i in (0..nodes).step_by(step) {
        let id = doc.nodes[i].id;
        for up in [true, false] {
            let start = Instant::now();
            let found = if up {
                trace::upstream(&g, id)
            } else {
                trace::downstream(&g, id)
            };
            let t = start.elapsed();
            std::hint::black_box(found);
            worst = worst.max(t);
            total += t;
            count += 1;
        }
    }
    println!(
        "trace on {nodes} nodes: graph built once in {:.1} ms; {count} traces, mean {:.3} ms, worst {:.3} ms",
        build.as_secs_f64() * 1000.0,
        total.as_secs_f64() * 1000.0 / f64::from(count),
        worst.as_secs_f64() * 1000.0
    );
    ExitCode::SUCCESS
}

/// The synthetic map of `nodes` cards, laid out as the layered layout
/// places it when `lay_out` (what `credence generate --layout` writes).
pub fn synthetic(
    shape: Shape,
    nodes: usize,
    seed: u64,
    lay_out: bool,
) -> credence::model::Document {
    let mut doc = credence::synth::map(shape, nodes, seed);
    if lay_out {
        let moves = layout(&doc, None, &LayoutOptions::default());
        credence::edit::Command::Move(moves).apply(&mut doc);
    }
    doc
}

pub fn generate(
    shape: Shape,
    nodes: usize,
    output: &std::path::Path,
    seed: u64,
    lay_out: bool,
) -> ExitCode {
    let doc = synthetic(shape, nodes, seed, lay_out);
    match credence::io::save(output, &doc) {
        Ok(()) => {
            println!(
                "{}: {} nodes, {} edges",
                output.display(),
                doc.nodes.len(),
                doc.edges.len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => super::output::fail(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A command past its limit is stopped, not waited for; one that ends
    /// in time reports how it ended.
    #[test]
    fn a_run_past_its_limit_is_stopped() {
        let limit = Duration::from_millis(200);
        let started = Instant::now();
        let ran = run_within(Command::new("sleep").arg("30"), limit);
        assert!(matches!(ran, Ran::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(20), "it was killed");
        assert!(matches!(
            run_within(&mut Command::new("true"), Duration::from_secs(20)),
            Ran::Exited(_, true)
        ));
        assert!(matches!(
            run_within(&mut Command::new("false"), Duration::from_secs(20)),
            Ran::Exited(_, false)
        ));
        assert!(matches!(
            run_within(
                &mut Command::new("credence-no-such-program"),
                Duration::from_secs(1)
            ),
            Ran::CannotStart(_)
        ));
    }
}
