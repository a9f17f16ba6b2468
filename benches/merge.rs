//! Merging three 10,000-node documents and diffing two, as `credence merge`
//! and `credence diff` do for git. `cargo bench --bench merge`.
//!
//! Two shapes of branch: a typical one (each side re-rates or retitles a
//! few hundred cards, some the same ones, adds 200 cards under the same new
//! ids and deletes 50), and the worst case, where one side laid the whole
//! map out again, so every card changed on both sides.

use credence::edit::{diff, merge};
use credence::model::{Document, Edge, EdgeId, EdgeKind, Node, NodeKind, Status};
use credence::synth::belief_map;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// `base` edited as one branch would: every `step`-th card from `offset`
/// changed with `edit`, `added` new cards resting on existing ones, and
/// `deleted` cards removed from the end.
fn branch(
    base: &Document,
    offset: usize,
    step: usize,
    edit: impl Fn(&mut Node),
    added: usize,
    deleted: usize,
) -> Document {
    let mut doc = base.clone();
    for n in doc.nodes.iter_mut().skip(offset).step_by(step) {
        edit(n);
    }
    for i in 0..added {
        let id = doc.next_node_id();
        let on = doc.nodes[(i * 37) % 5_000].id;
        doc.nodes
            .push(Node::new(id, NodeKind::Assumption, format!("New {i}")));
        let edge = EdgeId(doc.next_edge_id().0);
        doc.edges.push(Edge::new(edge, id, on, EdgeKind::DependsOn));
    }
    let keep = doc.nodes.len() - added - deleted;
    let gone: std::collections::HashSet<_> = doc.nodes[keep..doc.nodes.len() - added]
        .iter()
        .map(|n| n.id)
        .collect();
    doc.nodes.retain(|n| !gone.contains(&n.id));
    doc.edges
        .retain(|e| !gone.contains(&e.from) && !gone.contains(&e.to));
    doc
}

fn merge_10k(c: &mut Criterion) {
    let base = belief_map(10_000, 1);
    let ours = branch(
        &base,
        0,
        25,
        |n| n.confidence = (n.confidence + 10) % 101,
        200,
        50,
    );
    let theirs = branch(&base, 5, 20, |n| n.status = Status::Testing, 200, 0);
    let relaid = branch(&base, 0, 1, |n| n.pos.x += 40.0, 0, 0);
    let retitled = branch(&base, 0, 10, |n| n.title.push_str(" (revised)"), 0, 0);
    let merged = merge::merge(&base, &ours, &theirs).unwrap();
    assert!(merged.renumbered.nodes == 200, "{:?}", merged.renumbered);
    let mut group = c.benchmark_group("merge_10k");
    group.sample_size(20);
    group.bench_function("typical_branches", |b| {
        b.iter(|| merge::merge(black_box(&base), black_box(&ours), black_box(&theirs)).unwrap())
    });
    group.bench_function("one_side_relaid_out", |b| {
        b.iter(|| merge::merge(black_box(&base), black_box(&relaid), black_box(&theirs)).unwrap())
    });
    group.bench_function("both_sides_every_tenth_card", |b| {
        b.iter(|| merge::merge(black_box(&base), black_box(&retitled), black_box(&theirs)).unwrap())
    });
    group.finish();
    let mut group = c.benchmark_group("diff_10k");
    group.sample_size(20);
    group.bench_function("typical_branch", |b| {
        b.iter(|| diff::diff(black_box(&base), black_box(&ours)))
    });
    group.bench_function("every_card_moved", |b| {
        b.iter(|| diff::diff(black_box(&base), black_box(&relaid)))
    });
    group.finish();
}

criterion_group!(benches, merge_10k);
criterion_main!(benches);
