//! Layered layout on synthetic belief maps (tree-like, ~25% cross-links).
//! `cargo bench --bench layout`; `credence bench layout --dot` compares with Graphviz.

use credence::layout::{LayoutOptions, layout};
use credence::synth::belief_map;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn layout_sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    for n in [100, 1_000, 3_000, 10_000] {
        let doc = belief_map(n, 1);
        group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
            b.iter(|| layout(black_box(doc), None, &LayoutOptions::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, layout_sizes);
criterion_main!(benches);
