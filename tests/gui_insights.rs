//! Tracing, insights and auto-layout driven through the real UI.

mod common;

use common::*;
use credence::layout::{LayoutOptions, layout};
use credence::model::{Edge, EdgeId, EdgeKind, NodeId, NodeKind};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use std::collections::HashSet;

fn set(ids: &[u64]) -> HashSet<NodeId> {
    ids.iter().map(|&i| NodeId(i)).collect()
}

#[test]
fn t_traces_the_selection_and_esc_clears_it() {
    let mut h = harness(app_with(chain()));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    press(&mut h, Key::T);
    let trace = h.state_mut().trace_highlight().expect("a trace");
    assert_eq!(trace.focus, NodeId(2));
    assert_eq!(trace.up, set(&[3]), "the belief rests on the survey");
    assert_eq!(trace.down, set(&[1]), "the outcome rests on the belief");
    // The inspector lists both sets.
    assert!(h.query_by_label("Rests on (1)").is_some());
    assert!(h.query_by_label("Rests on it (1)").is_some());
    // Clicking an entry jumps to that node.
    click_label(&mut h, "Outcome: Grow revenue", Modifiers::NONE);
    assert_eq!(h.state().doc_ui.selection.single_node(), Some(NodeId(1)));
    let centre = h.state().doc().nodes[0].center();
    assert_eq!(h.state().camera.center, centre);

    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    press(&mut h, Key::Escape);
    assert!(h.state_mut().trace_highlight().is_none());
}

#[test]
fn auto_layout_animates_into_place_as_one_undo_step() {
    let mut doc = chain();
    // Scatter the cards so the layout has work to do.
    doc.nodes[0].pos = credence::model::Point::new(500.0, 400.0);
    doc.nodes[2].pos = credence::model::Point::new(-300.0, -200.0);
    // The toolbar's Auto-layout keeps the order the cards are in.
    let keep = LayoutOptions {
        keep_order: true,
        ..Default::default()
    };
    let expected = layout(&doc, None, &keep);
    let mut h = harness(app_with(doc.clone()));
    click_label(&mut h, "Auto-layout", Modifiers::NONE);
    h.run_steps(40);
    assert!(!h.state().is_animating());
    for (id, p) in &expected {
        assert_eq!(h.state().doc().node(*id).unwrap().pos, *p);
    }
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().doc(), doc, "one undo restores every position");
    assert!(!h.state().history().can_undo());
}

#[test]
fn auto_layout_of_a_selection_keeps_the_rest_pinned() {
    let mut h = harness(app_with(chain()));
    let outcome = h.state().doc().nodes[0].pos;
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    click_label(&mut h, "Survey says so", Modifiers::SHIFT);
    press(&mut h, Key::L);
    h.run_steps(40);
    let doc = h.state().doc();
    assert_eq!(
        doc.nodes[0].pos, outcome,
        "the unselected outcome did not move"
    );
    // The survey now sits below the belief it supports.
    assert!(doc.nodes[2].pos.y > doc.nodes[1].pos.y);
}

#[test]
fn clicking_a_cycle_in_problems_selects_its_nodes() {
    let mut doc = chain();
    doc.edges.push(Edge::new(
        EdgeId(9),
        NodeId(1),
        NodeId(3),
        EdgeKind::DependsOn,
    ));
    let mut h = harness(app_with(doc));
    click_label(&mut h, "Insights", Modifiers::NONE);
    assert!(h.query_by_label("Problems (1)").is_some());
    click_label(
        &mut h,
        "Cycle 1: Grow revenue · Customers pay more · Survey says so",
        Modifiers::NONE,
    );
    assert_eq!(
        h.state().doc_ui.selection.nodes,
        set(&[1, 2, 3]).into_iter().collect()
    );
}

#[test]
fn clicking_a_risky_assumption_selects_it() {
    let mut doc = chain();
    doc.nodes[2].kind = NodeKind::Assumption;
    doc.nodes[2].title = "Buyers have budget".into();
    let mut h = harness(app_with(doc));
    click_label(&mut h, "Insights", Modifiers::NONE);
    click_label(&mut h, "1. Buyers have budget  (6.0)", Modifiers::NONE);
    assert_eq!(h.state().doc_ui.selection.single_node(), Some(NodeId(3)));
}
