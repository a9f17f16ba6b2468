//! Boards through the real UI: canvases from templates, sticky notes typed,
//! moved, linked and promoted, and the assumption map's drag to re-rate.

mod common;

use common::*;
use credence::model::{EvidenceStrength, NodeKind};
use credence::ui::{Board, CredenceApp};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The example board with a new Lean Capability Canvas open.
fn with_canvas() -> Harness<'static, CredenceApp> {
    let mut h = harness(CredenceApp::launch(
        None,
        Box::new(credence::ui::ScriptedDialogs::default()),
    ));
    click_label(&mut h, "+ Canvas", Modifiers::NONE);
    click_label(&mut h, "Lean Capability Canvas", Modifiers::NONE);
    // Let the double-click window pass, so the next two clicks are a
    // double-click and not the end of a triple.
    h.run_steps(30);
    h
}

fn notes_in(h: &Harness<'_, CredenceApp>, section: &str) -> Vec<String> {
    let canvas = &h.state().doc().canvases[0];
    let id = canvas
        .sections
        .iter()
        .find(|s| s.title == section)
        .unwrap()
        .id;
    canvas.notes_in(id).map(|n| n.text.clone()).collect()
}

#[test]
fn a_canvas_from_a_template_is_one_undo_step() {
    let mut h = with_canvas();
    let doc = h.state().doc();
    assert_eq!(doc.canvases.len(), 1);
    assert_eq!(doc.canvases[0].sections.len(), 9);
    assert_eq!(doc.canvases[0].sections[8].title, "Risks & assumptions");
    assert!(matches!(h.state().doc_ui.board, Board::Canvas(_)));
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().doc().canvases.is_empty());
    assert_eq!(h.state().doc_ui.board, Board::Map);
}

#[test]
fn notes_are_typed_like_cards_on_the_map() {
    let mut h = with_canvas();
    let section = center_of(&h, "Section Risks & assumptions");
    double_click_at(&mut h, section);
    type_text(&mut h, "Admins approve new tools");
    press(&mut h, Key::Enter);
    assert_eq!(
        notes_in(&h, "Risks & assumptions"),
        ["Admins approve new tools"]
    );
    // Enter on the selected note starts the next one.
    press(&mut h, Key::Enter);
    type_text(&mut h, "Teams share maps");
    press(&mut h, Key::Enter);
    assert_eq!(
        notes_in(&h, "Risks & assumptions"),
        ["Admins approve new tools", "Teams share maps"]
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        notes_in(&h, "Risks & assumptions"),
        ["Admins approve new tools"]
    );
}

/// A canvas with two notes typed into "Risks & assumptions".
fn with_two_notes() -> Harness<'static, CredenceApp> {
    let mut h = with_canvas();
    let section = center_of(&h, "Section Risks & assumptions");
    double_click_at(&mut h, section);
    type_text(&mut h, "Admins approve new tools");
    press(&mut h, Key::Enter);
    press(&mut h, Key::Enter);
    type_text(&mut h, "Teams share maps");
    press(&mut h, Key::Enter);
    h
}

#[test]
fn a_note_dragged_to_another_section_moves_there_in_one_step() {
    let mut h = with_two_notes();
    let from = center_of(&h, "Note: Teams share maps");
    let to = center_of(&h, "Section Experiments & bets");
    drag(&mut h, from, to, Modifiers::NONE);
    assert_eq!(
        notes_in(&h, "Risks & assumptions"),
        ["Admins approve new tools"]
    );
    assert_eq!(notes_in(&h, "Experiments & bets"), ["Teams share maps"]);
    // Reorder within a section: drop the first note after the second.
    let from = center_of(&h, "Note: Admins approve new tools");
    let to = center_of(&h, "Section Experiments & bets");
    drag(&mut h, from, to + egui::vec2(120.0, 40.0), Modifiers::NONE);
    assert_eq!(
        notes_in(&h, "Experiments & bets"),
        ["Teams share maps", "Admins approve new tools"]
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        notes_in(&h, "Risks & assumptions"),
        ["Admins approve new tools", "Teams share maps"]
    );
}

#[test]
fn delete_removes_the_selected_note_and_undo_restores_it() {
    let mut h = with_two_notes();
    click_label(&mut h, "Note: Admins approve new tools", Modifiers::NONE);
    press(&mut h, Key::Delete);
    assert_eq!(notes_in(&h, "Risks & assumptions"), ["Teams share maps"]);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        notes_in(&h, "Risks & assumptions"),
        ["Admins approve new tools", "Teams share maps"]
    );
}

#[test]
fn promoting_a_note_adds_a_linked_card_that_shows_its_status() {
    let mut h = with_two_notes();
    let nodes_before = h.state().doc().nodes.len();
    click_label(&mut h, "Note: Admins approve new tools", Modifiers::NONE);
    click_label(&mut h, "Promote to assumption", Modifiers::NONE);
    let doc = h.state().doc();
    assert_eq!(doc.nodes.len(), nodes_before + 1);
    let node = doc.nodes.last().unwrap().clone();
    assert_eq!(node.kind, NodeKind::Assumption);
    assert_eq!(node.title, "Admins approve new tools");
    let note = &doc.canvases[0].notes[0];
    assert_eq!(note.link, Some(node.id));
    let note_id = note.id;
    // The note shows the card's live status; "Go to card" jumps to it.
    assert!(
        h.query_by_label_contains("Assumption: Admins approve new tools (50%, untested)")
            .is_some()
    );
    click_label(&mut h, "Go to card", Modifiers::NONE);
    assert_eq!(h.state().doc_ui.board, Board::Map);
    assert!(h.state().doc_ui.selection.nodes.contains(&node.id));
    // The card's line on the note is a link too.
    click_label(&mut h, "Lean Capability Canvas", Modifiers::NONE);
    h.state_mut().doc_ui.selection.clear();
    let strip = h.get_by_label("Note: Admins approve new tools").rect();
    click_at(
        &mut h,
        egui::pos2(strip.center().x, strip.bottom() - 8.0),
        Modifiers::NONE,
    );
    h.run_ok();
    assert_eq!(h.state().doc_ui.board, Board::Map);
    assert!(h.state().doc_ui.selection.nodes.contains(&node.id));
    // The card lists its note as a back-link, which leads back to the note.
    let back = "Lean Capability Canvas › Risks & assumptions: Admins approve new tools";
    assert!(h.query_by_label(back).is_some());
    click_label(&mut h, back, Modifiers::NONE);
    assert!(matches!(h.state().doc_ui.board, Board::Canvas(_)));
    assert_eq!(h.state().doc_ui.canvas_board.selected, Some(note_id));
    click_label(&mut h, "Belief map", Modifiers::NONE);
    // One undo takes back the card and the link together.
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc().nodes.len(), nodes_before);
    assert_eq!(h.state().doc().canvases[0].notes[0].link, None);
}

#[test]
fn dragging_on_the_assumption_map_re_rates_the_node() {
    let mut h = harness(CredenceApp::launch(
        None,
        Box::new(credence::ui::ScriptedDialogs::default()),
    ));
    click_label(&mut h, "Assumption map", Modifiers::NONE);
    let title = "Jira users want two-way sync, not links";
    let before = node_by_title(h.state().doc(), title).clone();
    let from = center_of(&h, &format!("Assumption: {title}"));
    // Top-left corner of the plot: most important, strong evidence.
    let plot = {
        use egui_kittest::kittest::Queryable as _;
        h.get_by_label("Assumption map plot").rect()
    };
    drag(
        &mut h,
        from,
        plot.min + egui::vec2(20.0, 20.0),
        Modifiers::NONE,
    );
    let after = node_by_title(h.state().doc(), title);
    assert_eq!(after.importance, 5);
    assert_eq!(after.evidence, EvidenceStrength::Strong);
    assert_ne!(
        (before.importance, before.evidence),
        (5, EvidenceStrength::Strong)
    );
    // The belief map shows the same node: one document, not a copy.
    click_label(&mut h, "Belief map", Modifiers::NONE);
    click_label(&mut h, title, Modifiers::NONE);
    assert_eq!(node_by_title(h.state().doc(), title).importance, 5);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    let undone = node_by_title(h.state().doc(), title);
    assert_eq!(
        (undone.importance, undone.evidence),
        (before.importance, before.evidence)
    );
}

#[test]
fn ctrl_f_finds_text_on_every_board_and_jumps_to_it() {
    let mut h = with_two_notes();
    click_label(&mut h, "Belief map", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::F);
    type_text(&mut h, "share maps");
    // The note on the canvas is found from the belief map.
    assert!(
        h.query_by_label_contains("Risks & assumptions: Teams share maps")
            .is_some()
    );
    press(&mut h, Key::Enter);
    let note = h.state().doc().canvases[0].notes[1].id;
    assert!(matches!(h.state().doc_ui.board, Board::Canvas(_)));
    assert_eq!(h.state().doc_ui.canvas_board.selected, Some(note));

    // And a card on the map from the canvas.
    shortcut(&mut h, Modifiers::COMMAND, Key::F);
    type_text(&mut h, "two-way sync");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().doc_ui.board, Board::Map);
    let id = node_by_title(h.state().doc(), "Jira users want two-way sync, not links").id;
    assert!(h.state().doc_ui.selection.nodes.contains(&id));
}

#[test]
fn sections_are_renamed_and_added_and_the_layout_saved_as_a_template() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = CredenceApp::launch(None, Box::new(credence::ui::ScriptedDialogs::default()));
    app.template_dir = Some(dir.path().to_owned());
    let mut h = harness(app);
    click_label(&mut h, "+ Canvas", Modifiers::NONE);
    click_label(&mut h, "Blank grid", Modifiers::NONE);
    h.run_steps(30);
    // Rename the first section in the inspector.
    let field = {
        use egui_kittest::kittest::{NodeT as _, Queryable as _};
        h.get_all_by_label("Section title")
            .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
            .unwrap()
            .rect()
            .center()
    };
    click_at(&mut h, field, Modifiers::NONE);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut h, "Hopes");
    press(&mut h, Key::Tab);
    assert_eq!(h.state().doc().canvases[0].sections[0].title, "Hopes");
    click_label(&mut h, "Add section", Modifiers::NONE);
    let canvas = &h.state().doc().canvases[0];
    assert_eq!(canvas.sections.len(), 7);
    assert_eq!(canvas.rows, 3, "a full grid grows a row");

    click_label(&mut h, "Save layout as template", Modifiers::NONE);
    let saved = dir.path().join("blank-grid.ron");
    let template = credence::io::templates::load(&saved).unwrap();
    assert_eq!(template.sections[0].title, "Hopes");
    assert_eq!(template.sections.len(), 7);
    // The saved template is offered for new canvases.
    click_label(&mut h, "+ Canvas", Modifiers::NONE);
    let items = h.query_all_by_label("Blank grid").count();
    assert!(items >= 2, "built-in and saved");
    press(&mut h, Key::Escape);

    // Undo walks back: the new section, then the rename.
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc().canvases[0].sections.len(), 6);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc().canvases[0].sections[0].title, "Section 1");
}
