//! A merged map's conflicts in the Insights panel: Take theirs and Keep
//! mine each resolve one in one undoable step.

mod common;

use common::*;
use credence::model::{Document, Node, NodeId, NodeKind};
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

fn map(confidence: u8, owner: &str) -> Document {
    let mut n = Node::new(
        NodeId(1),
        NodeKind::Belief,
        "Price is the main reason deals stall",
    );
    n.confidence = confidence;
    let mut m = Node::new(NodeId(2), NodeKind::Outcome, "Grow revenue").at(0.0, 300.0);
    m.owner = owner.into();
    Document {
        title: "Pricing".into(),
        nodes: vec![n, m],
        ..Document::default()
    }
}

/// A merged map with two conflicts, a rating on one card and an owner on
/// the other, opened from its file as a user would.
fn merged_app(dir: &std::path::Path) -> egui_kittest::Harness<'static, CredenceApp> {
    let merged = credence::edit::merge::merge(&map(40, ""), &map(65, "Ana"), &map(20, "Ben"))
        .unwrap()
        .doc;
    assert_eq!(merged.conflicts.len(), 2);
    let path = dir.join("merged.ron");
    credence::io::save(&path, &merged).unwrap();
    harness(CredenceApp::launch(
        Some(path),
        Box::new(ScriptedDialogs::default()),
    ))
}

fn click_first(h: &mut egui_kittest::Harness<'static, CredenceApp>, label: &str) {
    let at = h.get_all_by_label(label).next().unwrap().rect().center();
    click_at(h, at, Modifiers::NONE);
    h.run_ok();
}

#[test]
fn take_theirs_then_undo_then_keep_mine() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = merged_app(dir.path());
    // Opening it says so and shows the panel.
    h.get_by_label_contains("This map has 2 merge conflicts");
    h.get_by_label("card \"Price is the main reason deals stall\": confidence");
    h.get_by_label("confidence: mine 65 · theirs 20");
    let before = h.state().doc().clone();

    click_first(&mut h, "Take theirs");
    let doc = h.state().doc();
    assert_eq!(doc.node(NodeId(1)).unwrap().confidence, 20, "theirs taken");
    assert_eq!(
        doc.node(NodeId(2)).unwrap().owner,
        "Ana",
        "the other conflict is untouched"
    );
    assert_eq!(doc.conflicts.len(), 1);

    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().doc(),
        &before,
        "one undo brings the conflict back"
    );

    // The owner conflict is second; keep mine on it.
    let keep: Vec<_> = h
        .get_all_by_label("Keep mine")
        .map(|n| n.rect().center())
        .collect();
    assert_eq!(keep.len(), 2);
    click_at(&mut h, keep[1], Modifiers::NONE);
    h.run_ok();
    let doc = h.state().doc();
    assert_eq!(doc.conflicts.len(), 1);
    assert_eq!(doc.node(NodeId(2)).unwrap().owner, "Ana");
    assert_eq!(doc.node(NodeId(1)).unwrap().confidence, 65);
    assert!(
        doc.conflicts[0].fields == ["confidence"],
        "the owner conflict went"
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc(), &before);
}
