//! Export speed on a 1,000-node synthetic map: PNG at 2× (offscreen
//! egui-wgpu; lavapipe when no GPU), SVG, JSON Canvas and Markdown.
//! `cargo bench --bench export`.

use credence::export::{self, Format, Options};
use credence::synth::belief_map;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn export_1000(c: &mut Criterion) {
    let doc = belief_map(1000, 1);
    let options = Options::default();
    let mut group = c.benchmark_group("export_1000");
    for format in [
        Format::Svg,
        Format::Canvas,
        Format::Markdown,
        Format::Mermaid,
    ] {
        group.bench_function(format.extension(), |b| {
            b.iter(|| export::render(black_box(&doc), format, &options, &mut |_| {}).unwrap())
        });
    }
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("png_2x", |b| {
        b.iter(|| export::render(black_box(&doc), Format::Png, &options, &mut |_| {}).unwrap())
    });
    group.finish();
}

criterion_group!(benches, export_1000);
criterion_main!(benches);
