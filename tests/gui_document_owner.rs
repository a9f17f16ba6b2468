//! The document's one owner, driven through the window: opening another
//! document leaves nothing of the old one's UI behind, and the map on a
//! snapshot is the past, which can be looked at but not edited.

mod common;

use common::*;
use credence::model::{Document, Node, NodeId, NodeKind, Point, Snapshot, Workshop};
use credence::ui::{Board, CredenceApp, ScriptedDialogs};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn with_people(mut doc: Document, names: &[&str]) -> Document {
    let mut w = Workshop::default();
    for name in names {
        w.add_participant(name);
    }
    doc.workshop = w;
    doc
}

#[test]
fn opening_another_document_keeps_nothing_of_the_old_ones_ui() {
    let dir = tempfile::tempdir().unwrap();
    // The next document's people hold the same ids as this one's.
    let next = dir.path().join("next.ron");
    credence::io::save(&next, &with_people(chain(), &["Cara", "Dan"])).unwrap();
    let mut dialogs = ScriptedDialogs::default();
    dialogs.open_answers.push_back(next.clone());
    let doc = with_people(two_cards(), &["Ana", "Ben"]);
    let mut h = harness(CredenceApp::new(doc, None, Box::new(dialogs)));
    click_label(&mut h, "Workshop", Modifiers::NONE);

    // Vote as Ben in a dot round, trace a card, and take a snapshot to
    // look at.
    click_label(&mut h, "Start round", Modifiers::NONE);
    click_label(&mut h, "Voting as", Modifiers::NONE);
    let option = center_of_role(&h, "Ben", Role::Button);
    click_at(&mut h, option, Modifiers::NONE);
    h.run_ok();
    let ben = h.state().doc().workshop.participants[1].id;
    assert_eq!(h.state().doc_ui.workshop_ui.voter, Some(ben));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    press(&mut h, Key::T);
    assert!(h.state().doc_ui.trace_focus.is_some());
    click_label(&mut h, "Snapshot", Modifiers::NONE);
    slide_to_the_first_snapshot(&mut h);

    shortcut(&mut h, Modifiers::COMMAND, Key::O);
    h.run_ok();
    click_label(&mut h, "Discard", Modifiers::NONE);
    assert_eq!(h.state().path(), Some(next.as_path()));
    let ui = &h.state().doc_ui;
    assert_eq!(ui.workshop_ui.voter, None, "Ben's id is Dan's here");
    assert_eq!(ui.workshop_ui.viewing, None);
    assert_eq!(ui.trace_focus, None);
    assert!(ui.selection.is_empty());
    assert_eq!(ui.board, Board::Map);
    assert!(!h.state().history().can_undo());
    // And the panel says so: nobody votes until someone is chosen.
    assert!(h.query_by_label_contains("Viewing snapshot").is_none());
}

/// Two cards, a snapshot of them, and a third card added since.
fn with_a_card_added_since() -> Document {
    let mut doc = two_cards();
    doc.snapshots
        .push(Snapshot::of(&doc.nodes, "Before".into(), 1, |_| None));
    doc.nodes
        .push(Node::new(NodeId(3), NodeKind::Bet, "Added since").at(400.0, 0.0));
    doc
}

/// Moves the Workshop panel's history slider to its left end.
fn slide_to_the_first_snapshot(h: &mut Harness<'static, CredenceApp>) {
    let slider = h.get_by_label("History").rect();
    click_at(
        h,
        slider.left_center() + egui::vec2(2.0, 0.0),
        Modifiers::NONE,
    );
    h.run_ok();
    assert_eq!(h.state().doc_ui.workshop_ui.viewing, Some(0));
}

fn viewing_the_snapshot(doc: Document) -> Harness<'static, CredenceApp> {
    let mut h = harness(app_with(doc));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    slide_to_the_first_snapshot(&mut h);
    h
}

/// Where a card of the present document sits on screen.
fn on_screen(h: &Harness<'_, CredenceApp>, id: NodeId) -> egui::Pos2 {
    let app = h.state();
    let node = app.doc().node(id).unwrap();
    app.camera.to_screen(app.canvas_rect(), node.center())
}

#[test]
fn a_card_the_snapshot_does_not_show_cannot_be_clicked_or_dragged() {
    let mut h = viewing_the_snapshot(with_a_card_added_since());
    assert!(
        h.query_by_label("Added since").is_none(),
        "not on the map of the past"
    );
    let at = on_screen(&h, NodeId(3));
    click_at(&mut h, at, Modifiers::NONE);
    h.run_ok();
    assert!(!h.state().doc_ui.selection.nodes.contains(&NodeId(3)));
    drag(&mut h, at, at + egui::vec2(120.0, 80.0), Modifiers::NONE);
    h.run_ok();
    assert_eq!(
        h.state().doc().node(NodeId(3)).unwrap().pos,
        Point::new(400.0, 0.0)
    );
    assert!(!h.state().history().can_undo());
}

#[test]
fn the_past_on_the_map_is_read_only() {
    let mut h = viewing_the_snapshot(with_a_card_added_since());
    let before = h.state().doc().clone();
    let at = center_of(&h, "Customers pay more");
    drag(&mut h, at, at + egui::vec2(150.0, 60.0), Modifiers::NONE);
    h.run_ok();
    assert_eq!(*h.state().doc(), before, "dragging a card of the past");
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    for key in [Key::Delete, Key::Tab, Key::Enter, Key::F2] {
        press(&mut h, key);
        h.run_ok();
    }
    let at = center_of(&h, "Belief map canvas") + egui::vec2(0.0, 300.0);
    double_click_at(&mut h, at);
    h.run_ok();
    assert_eq!(*h.state().doc(), before, "keys and double-clicks");
    assert!(!h.state().history().can_undo());
    // Back to now, the same drag moves the card.
    click_label(&mut h, "Back to now", Modifiers::NONE);
    let at = center_of(&h, "Customers pay more");
    drag(&mut h, at, at + egui::vec2(150.0, 60.0), Modifiers::NONE);
    h.run_ok();
    assert_ne!(*h.state().doc(), before);
}
