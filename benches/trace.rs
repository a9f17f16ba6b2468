//! Tracing up and down from nodes of a 100,000-node map, graph built once
//! (as the app caches it per document revision). `cargo bench --bench trace`.

use credence::analysis::{BeliefGraph, trace};
use credence::synth::belief_map;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn trace_100k(c: &mut Criterion) {
    let doc = belief_map(100_000, 1);
    let g = BeliefGraph::new(&doc);
    // The outcome with the most resting on it (the largest upstream trace),
    // a middle node and a leaf (the deepest downstream trace).
    let biggest = doc
        .nodes
        .iter()
        .take(400)
        .max_by_key(|n| trace::upstream(&g, n.id).len())
        .map(|n| n.id)
        .expect("nodes");
    let picks = [biggest, doc.nodes[50_000].id, doc.nodes[99_999].id];
    let mut group = c.benchmark_group("trace_100k");
    for (name, id) in ["biggest_outcome", "middle", "leaf"].iter().zip(picks) {
        group.bench_function(format!("up_{name}"), |b| {
            b.iter(|| trace::upstream(black_box(&g), id))
        });
        group.bench_function(format!("down_{name}"), |b| {
            b.iter(|| trace::downstream(black_box(&g), id))
        });
    }
    group.finish();
    c.bench_function("graph_build_100k", |b| {
        b.iter(|| BeliefGraph::new(black_box(&doc)))
    });
}

criterion_group!(benches, trace_100k);
criterion_main!(benches);
