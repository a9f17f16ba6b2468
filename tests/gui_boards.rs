//! Boards through the real UI: canvases from templates, sticky notes typed,
//! moved, linked and promoted, and the assumption map's drag to re-rate.

mod common;

use common::*;
use credence::model::{EvidenceStrength, NodeKind};
use credence::ui::{Board, CredenceApp};
use egui::{Key, Modifiers};
use egui_kittest::Harness;

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
    let canvas = &h.state().doc.canvases[0];
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
    let doc = &h.state().doc;
    assert_eq!(doc.canvases.len(), 1);
    assert_eq!(doc.canvases[0].sections.len(), 9);
    assert_eq!(doc.canvases[0].sections[8].title, "Risks & assumptions");
    assert!(matches!(h.state().board, Board::Canvas(_)));
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().doc.canvases.is_empty());
    assert_eq!(h.state().board, Board::Map);
}

#[test]
fn notes_are_typed_like_cards_on_the_map() {
    let mut h = with_canvas();
    let section = center_of(&h, "Section Risks & assumptions");
    double_click_at(&mut h, section);
    type_text(&mut h, "Admins approve new tools");
    press(&mut h, Key::Enter);
    assert_eq!(notes_in(&h, "Risks & assumptions"), ["Admins approve new tools"]);
    // Enter on the selected note starts the next one.
    press(&mut h, Key::Enter);
    type_text(&mut h, "Teams share maps");
    press(&mut h, Key::Enter);
    assert_eq!(
        notes_in(&h, "Risks & assumptions"),
        ["Admins approve new tools", "Teams share maps"]
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(notes_in(&h, "Risks & assumptions"), ["Admins approve new tools"]);
}
