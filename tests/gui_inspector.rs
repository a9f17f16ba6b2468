//! The inspector and the file menu, driven through the real UI.

mod common;

use common::*;
use credence::model::{EdgeKind, Status};
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

/// Types a new value into the number field of the slider named `label`.
fn type_into_number(h: &mut egui_kittest::Harness<'_, CredenceApp>, label: &str, value: &str) {
    let field = center_of_role(h, label, Role::SpinButton);
    click_at(h, field, Modifiers::NONE);
    h.run_ok();
    shortcut(h, Modifiers::COMMAND, Key::A);
    type_text(h, value);
    press(h, Key::Enter);
}

#[test]
fn confidence_typed_in_the_inspector_changes_the_node_and_undoes() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    assert_eq!(
        node_by_title(h.state().doc(), "Customers pay more").confidence,
        50
    );
    type_into_number(&mut h, "Confidence", "85");
    assert_eq!(
        node_by_title(h.state().doc(), "Customers pay more").confidence,
        85
    );

    // Undo needs the keyboard back on the map.
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        node_by_title(h.state().doc(), "Customers pay more").confidence,
        50
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(
        node_by_title(h.state().doc(), "Customers pay more").confidence,
        85
    );
}

#[test]
fn a_field_set_with_several_nodes_selected_applies_to_all() {
    let mut h = harness(app_with(chain()));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    click_label(&mut h, "Survey says so", Modifiers::SHIFT);
    click_label(&mut h, "Grow revenue", Modifiers::SHIFT);
    assert!(h.query_by_label("3 nodes selected").is_some());
    type_into_number(&mut h, "Importance", "5");
    let doc = h.state().doc();
    assert!(
        doc.nodes.iter().all(|n| n.importance == 5),
        "{:?}",
        doc.nodes
    );
    // Other fields keep their own values.
    assert_eq!(doc.nodes[0].title, "Grow revenue");
}

#[test]
fn status_picked_from_the_combo_box_is_one_undo_step() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    let combo = center_of_role(&h, "Status", Role::ComboBox);
    click_at(&mut h, combo, Modifiers::NONE);
    h.run_ok();
    click_label(&mut h, "Validated", Modifiers::NONE);
    assert_eq!(
        node_by_title(h.state().doc(), "Grow revenue").status,
        Status::Validated
    );
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        node_by_title(h.state().doc(), "Grow revenue").status,
        Status::Untested
    );
}

#[test]
fn typing_a_title_in_the_inspector_is_one_undo_step() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    let field = center_of_role(&h, "Title", Role::MultilineTextInput);
    click_at(&mut h, field, Modifiers::NONE);
    h.run_ok();
    for word in [" fast", " and", " well"] {
        type_text(&mut h, word);
    }
    assert_eq!(h.state().doc().nodes[0].title, "Grow revenue fast and well");
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc().nodes[0].title, "Grow revenue");
}

#[test]
fn an_edge_kind_can_be_changed_in_the_inspector() {
    let mut h = harness(app_with(chain()));
    h.state_mut()
        .doc_ui
        .selection
        .only_edge(credence::model::EdgeId(1));
    h.run_ok();
    let combo = center_of_role(&h, "Edge kind", Role::ComboBox);
    click_at(&mut h, combo, Modifiers::NONE);
    h.run_ok();
    click_label(&mut h, "depends on", Modifiers::NONE);
    assert_eq!(h.state().doc().edges[0].kind, EdgeKind::DependsOn);
}

#[test]
fn save_as_writes_the_file_and_clears_the_dirty_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.save_answers.push_back(path.clone());
    let app = CredenceApp::new(two_cards(), None, Box::new(dialogs));
    let mut h = harness(app);
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    press(&mut h, Key::Delete);
    assert!(h.state().is_dirty());
    assert!(h.state().window_title().starts_with("● Untitled"));

    shortcut(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().window_title(), "map.ron — Credence");
    let saved = credence::io::load(&path).unwrap();
    assert_eq!(saved, *h.state().doc());
    assert_eq!(saved.nodes.len(), 1);

    // Undo history survives the save; undoing makes the document dirty again.
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc().nodes.len(), 2);
    assert!(h.state().is_dirty());
}

#[test]
fn opening_a_bad_file_shows_where_and_keeps_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(\n    version: 1,\n    nodes: [ (id: 1, kind: belif) ],\n)\n",
    )
    .unwrap();
    let mut dialogs = ScriptedDialogs::default();
    dialogs.open_answers.push_back(bad.clone());
    let mut h = harness(CredenceApp::new(two_cards(), None, Box::new(dialogs)));
    shortcut(&mut h, Modifiers::COMMAND, Key::O);
    let notice = h.state().notice.clone().expect("an error notice");
    assert!(
        notice.text.starts_with(&format!("{}:3:", bad.display())),
        "{}",
        notice.text
    );
    assert_eq!(
        *h.state().doc(),
        two_cards(),
        "the open document is untouched"
    );
    // The message is on screen.
    assert!(h.query_by_label_contains("bad.ron:3:").is_some());
}

#[test]
fn new_with_unsaved_changes_asks_and_cancel_keeps_everything() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    press(&mut h, Key::Delete);
    shortcut(&mut h, Modifiers::COMMAND, Key::N);
    assert!(h.query_by_label("Unsaved changes").is_some());
    click_label(&mut h, "Cancel", Modifiers::NONE);
    assert_eq!(h.state().doc().nodes.len(), 1);
    shortcut(&mut h, Modifiers::COMMAND, Key::N);
    click_label(&mut h, "Discard", Modifiers::NONE);
    assert!(h.state().doc().nodes.is_empty());
    assert!(!h.state().is_dirty());
}

#[test]
fn without_a_file_dialog_the_path_can_be_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.ron");
    let dialogs = ScriptedDialogs {
        unavailable: true,
        ..Default::default()
    };
    let mut h = harness(CredenceApp::new(two_cards(), None, Box::new(dialogs)));
    shortcut(&mut h, Modifiers::COMMAND, Key::S);
    assert!(
        h.query_by_label("File path").is_some(),
        "the typed-path prompt is shown"
    );
    let field = h.get_by_label("File path").rect().center();
    click_at(&mut h, field, Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::A);
    type_text(&mut h, path.to_str().unwrap());
    press(&mut h, Key::Enter);
    assert_eq!(credence::io::load(&path).unwrap(), two_cards());
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(h.query_by_label("File path").is_none());
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    press(&mut h, Key::Delete);
    let request_close = |h: &mut egui_kittest::Harness<'_, CredenceApp>| {
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        h.run_ok();
    };
    request_close(&mut h);
    assert!(h.query_by_label("Unsaved changes").is_some());
    click_label(&mut h, "Cancel", Modifiers::NONE);
    assert_eq!(
        h.state().doc().nodes.len(),
        1,
        "cancel keeps the document open"
    );
    request_close(&mut h);
    click_label(&mut h, "Discard", Modifiers::NONE);
    assert!(h.query_by_label("Unsaved changes").is_none());
}

#[test]
fn a_group_of_selected_cards_drags_together() {
    let mut h = harness(app_with(chain()));
    let before: Vec<_> = h.state().doc().nodes.iter().map(|n| n.pos).collect();
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    click_label(&mut h, "Survey says so", Modifiers::SHIFT);
    let zoom = h.state().camera.zoom;
    let from = center_of(&h, "Survey says so");
    drag(&mut h, from, from + egui::vec2(0.0, 60.0), Modifiers::NONE);
    let after: Vec<_> = h.state().doc().nodes.iter().map(|n| n.pos).collect();
    assert_eq!(after[0], before[0], "the unselected outcome stays");
    for i in [1, 2] {
        assert!(
            (after[i].y - before[i].y - 60.0 / zoom).abs() < 0.5,
            "{i}: {:?}",
            after[i]
        );
        assert_eq!(after[i].x, before[i].x);
    }
}

fn opened_from_disk(
    doc: &credence::model::Document,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    egui_kittest::Harness<'static, CredenceApp>,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    credence::io::save(&path, doc).unwrap();
    let mut app = app_with(credence::model::Document::default());
    assert!(app.open_path(&path));
    (dir, path, harness(app))
}

/// Another program (a sync client, a text editor) rewrites the file.
fn changed_elsewhere(path: &std::path::Path) -> credence::model::Document {
    let mut theirs = two_cards();
    theirs.title = "Edited elsewhere, with a longer title".into();
    credence::io::save(path, &theirs).unwrap();
    theirs
}

#[test]
fn saving_over_a_file_changed_elsewhere_asks_and_overwrite_wins() {
    let (_dir, path, mut h) = opened_from_disk(&two_cards());
    let theirs = changed_elsewhere(&path);
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    press(&mut h, Key::Delete);
    shortcut(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.query_by_label("File changed on disk").is_some());
    assert_eq!(
        credence::io::load(&path).unwrap(),
        theirs,
        "nothing written yet"
    );
    click_label(&mut h, "Overwrite", Modifiers::NONE);
    assert_eq!(credence::io::load(&path).unwrap(), *h.state().doc());
    assert!(!h.state().is_dirty());
}

#[test]
fn reload_takes_the_version_on_disk() {
    let (_dir, path, mut h) = opened_from_disk(&two_cards());
    let theirs = changed_elsewhere(&path);
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    press(&mut h, Key::Delete);
    shortcut(&mut h, Modifiers::COMMAND, Key::S);
    click_label(&mut h, "Reload", Modifiers::NONE);
    assert_eq!(*h.state().doc(), theirs);
    assert!(!h.state().is_dirty());
}
