//! `credence bench export`: how long each export format takes on a
//! synthetic map, with Graphviz `dot -Tpng` on the same graph as the
//! yardstick for PNG.

use credence::export::{self, Format, Options};
use std::process::{Command, ExitCode};
use std::time::Instant;

pub fn run(
    nodes: usize,
    scale: f32,
    width: Option<u32>,
    lay_out: bool,
    with_dot: bool,
    seed: u64,
) -> ExitCode {
    let doc = super::bench::synthetic(credence::synth::Shape::Deep, nodes, seed, lay_out);
    let mut options = Options {
        scale,
        ..Options::default()
    };
    options.scale = export::fit(&doc, &options, width, None).scale;
    println!(
        "{} nodes, {} edges; images at {:.3}×{}",
        doc.nodes.len(),
        doc.edges.len(),
        options.scale,
        width.map_or(String::new(), |w| format!(", {w} px wide"))
    );
    println!("| format | time (ms) | output |");
    println!("|---|---:|---|");
    let mut png_ms = 0.0;
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
        if format == Format::Png {
            png_ms = ms;
        }
        let what = if format == Format::Png {
            let [w, h] = export::image_size(&doc, &options);
            format!("{w} × {h} px, {:.1} MiB", bytes.len() as f64 / 1048576.0)
        } else {
            format!("{:.1} KB", bytes.len() as f64 / 1e3)
        };
        println!("| {} | {ms:.1} | {what} |", format.label());
    }
    if with_dot {
        match dot_png(&doc, width) {
            Ok((ms, size)) => {
                println!("| dot -Tpng (same graph) | {ms:.1} | {size} |");
                println!("PNG took {:.2}× dot's time", png_ms / ms);
            }
            Err(err) => {
                eprintln!("credence: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// Graphviz on our own DOT export: it lays the graph out and draws it.
fn dot_png(doc: &credence::model::Document, width: Option<u32>) -> Result<(f64, String), String> {
    let dir = std::env::temp_dir().join(format!("credence-export-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let source = dir.join("graph.dot");
    let out = dir.join("graph.png");
    std::fs::write(&source, export::to_dot(doc)).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let mut dot = Command::new("dot");
    if let Some(w) = width {
        // 72 pixels an inch, and the larger side forced to W pixels.
        let inches = f64::from(w) / 72.0;
        dot.arg("-Gdpi=72")
            .arg(format!("-Gsize={inches:.2},{inches:.2}!"));
    }
    let status = dot
        .arg("-Tpng")
        .arg(&source)
        .arg("-o")
        .arg(&out)
        .output()
        .map_err(|e| format!("cannot run dot ({e}); install Graphviz: apt-get install graphviz"))?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let size = std::fs::read(&out)
        .ok()
        .and_then(|bytes| {
            let info = png::Decoder::new(std::io::Cursor::new(&bytes))
                .read_info()
                .ok()?;
            let (w, h) = (info.info().width, info.info().height);
            Some(format!(
                "{w} × {h} px, {:.1} MiB",
                bytes.len() as f64 / 1048576.0
            ))
        })
        .unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    if !status.status.success() {
        return Err(String::from_utf8_lossy(&status.stderr).into_owned());
    }
    Ok((ms, size))
}
