//! `credence bench export`: how long each export format takes on a
//! synthetic map, with Graphviz `dot -Tpng` on the same graph as the
//! yardstick for PNG.

use credence::export::{self, Format, Options};
use credence::synth::belief_map;
use std::process::{Command, ExitCode};
use std::time::Instant;

pub fn run(nodes: usize, scale: f32, with_dot: bool, seed: u64) -> ExitCode {
    let doc = belief_map(nodes, seed);
    let options = Options {
        scale,
        ..Options::default()
    };
    println!(
        "{} nodes, {} edges; images at {scale}×",
        doc.nodes.len(),
        doc.edges.len()
    );
    println!("| format | time (ms) | output |");
    println!("|---|---:|---|");
    for format in Format::ALL {
        let start = Instant::now();
        let bytes = match export::render(&doc, format, &options, &mut |_| {}) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("credence: {}: {err}", format.label());
                return ExitCode::FAILURE;
            }
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let what = if format == Format::Png {
            let [w, h] = export::image_size(&doc, &options);
            format!("{w} × {h} px, {:.1} MiB", bytes.len() as f64 / 1048576.0)
        } else {
            format!("{:.1} KB", bytes.len() as f64 / 1e3)
        };
        println!("| {} | {ms:.1} | {what} |", format.label());
    }
    if with_dot {
        match dot_png(&doc) {
            Ok((ms, size)) => println!("| dot -Tpng (same graph) | {ms:.1} | {size} |"),
            Err(err) => {
                eprintln!("credence: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// Graphviz on our own DOT export: it lays the graph out and draws it.
fn dot_png(doc: &credence::model::Document) -> Result<(f64, String), String> {
    let dir = std::env::temp_dir().join(format!("credence-export-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let source = dir.join("graph.dot");
    let out = dir.join("graph.png");
    std::fs::write(&source, export::to_dot(doc)).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let status = Command::new("dot")
        .arg("-Tpng")
        .arg(&source)
        .arg("-o")
        .arg(&out)
        .output()
        .map_err(|e| format!("cannot run dot ({e}); install Graphviz: apt-get install graphviz"))?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let size = std::fs::metadata(&out)
        .map(|m| format!("{:.1} MiB", m.len() as f64 / 1048576.0))
        .unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    if !status.status.success() {
        return Err(String::from_utf8_lossy(&status.stderr).into_owned());
    }
    Ok((ms, size))
}
