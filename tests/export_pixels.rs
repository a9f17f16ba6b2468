//! The CPU renderer against egui's own wgpu rendering (the kittest snapshot
//! renderer, on lavapipe here) of the same shapes: every board of every
//! example, light and dark. Anti-aliasing may differ by a step; no shape,
//! glyph or colour may.

mod common;

use credence::export::{Options, Scope, rasterize, whole_frame};
use credence::model::Document;
use credence::render::Theme;
use credence::render::quadrants::{QuadrantBoard, QuadrantSpec};
use egui_kittest::TestRenderer as _;

/// Every board a document has: the map, its canvases, the 2×2s.
fn boards(doc: &Document) -> Vec<(String, Scope)> {
    let mut out = vec![("belief map".to_owned(), Scope::All)];
    out.extend(
        doc.canvases
            .iter()
            .map(|c| (format!("canvas {:?}", c.name), Scope::Canvas(c.id))),
    );
    for (name, board) in [
        ("assumption map", QuadrantBoard::Assumptions),
        ("belief 2×2", QuadrantBoard::Beliefs),
    ] {
        out.push((
            name.to_owned(),
            Scope::Quadrants(QuadrantSpec {
                board,
                include_more: false,
            }),
        ));
    }
    out
}

/// Mean absolute difference per channel, and the share of pixels with a
/// channel off by more than 32, both in 0–255 terms.
fn difference(a: &[u8], b: &[u8]) -> (f64, f64) {
    assert_eq!(a.len(), b.len());
    let total: u64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    let far = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(p, q)| p.iter().zip(*q).any(|(x, y)| x.abs_diff(*y) > 32))
        .count();
    (
        total as f64 / a.len() as f64,
        far as f64 / (a.len() / 4) as f64,
    )
}

#[test]
fn the_cpu_renderer_draws_what_wgpu_draws() {
    let files = common::example_files();
    let mut gpu = egui_kittest::wgpu::WgpuTestRenderer::new();
    let mut compared = 0;
    let (mut worst_mean, mut worst_far) = (0.0f64, 0.0f64);
    for file in &files {
        let doc = credence::io::load(file).unwrap();
        for (board, scope) in boards(&doc) {
            for theme in [Theme::Light, Theme::Dark] {
                let options = Options {
                    scope: scope.clone(),
                    scale: 1.0,
                    theme,
                    ..Options::default()
                };
                let (ctx, output) = whole_frame(&doc, &options);
                // Both renderers take the same texture updates.
                gpu.handle_delta(&mut output.textures_delta.clone());
                let wgpu = gpu.render(&ctx, &output).unwrap();
                let (size, cpu) = rasterize(&ctx, output);
                assert_eq!([wgpu.width(), wgpu.height()], size);
                let (mean, far) = difference(&cpu, wgpu.as_raw());
                let name = format!("{} / {board} / {theme:?}", file.display());
                assert!(mean <= 2.0, "{name}: mean difference {mean:.3}/255");
                assert!(
                    far <= 0.01,
                    "{name}: {:.3}% of pixels off by more than 32",
                    far * 100.0
                );
                worst_mean = worst_mean.max(mean);
                worst_far = worst_far.max(far);
                compared += 1;
            }
        }
    }
    assert!(compared >= 24, "{compared} boards compared");
    eprintln!(
        "{compared} boards: worst mean difference {worst_mean:.4}/255, worst share off by more than 32: {:.4}%",
        worst_far * 100.0
    );
}
