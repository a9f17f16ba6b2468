//! The belief-map editor driven through its real UI with egui_kittest:
//! clicks, drags, typing and shortcuts on widgets found by label, with
//! assertions on the document.

mod common;

use common::*;
use credence::model::{Document, EdgeKind, NodeKind};
use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

#[test]
fn double_click_creates_a_card_and_typing_names_it() {
    let mut h = harness(app_with(Document::default()));
    let canvas = center_of(&h, "Belief map canvas");
    double_click_at(&mut h, canvas);
    assert_eq!(
        h.state().doc().nodes.len(),
        1,
        "double-click should create a card"
    );
    type_text(&mut h, "Teams share maps weekly");
    press(&mut h, Key::Enter);
    let doc = h.state().doc();
    assert_eq!(doc.nodes[0].title, "Teams share maps weekly");
    assert_eq!(doc.nodes[0].kind, NodeKind::Belief);
    // The card is centred where the user double-clicked.
    let app = h.state();
    let at = app.camera.to_board(app_canvas_rect(&h), canvas);
    let c = doc.nodes[0].center();
    assert!(
        (c.x - at.x).abs() < 1.0 && (c.y - at.y).abs() < 1.0,
        "{c:?} vs {at:?}"
    );

    // Creating and naming is one undo step.
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().doc().nodes.is_empty());
    shortcut(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(h.state().doc().nodes[0].title, "Teams share maps weekly");
}

fn app_canvas_rect(h: &egui_kittest::Harness<'_, credence::ui::CredenceApp>) -> egui::Rect {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_label("Belief map canvas").rect()
}

#[test]
fn escape_on_a_new_card_removes_it() {
    let mut h = harness(app_with(Document::default()));
    let canvas = center_of(&h, "Belief map canvas");
    double_click_at(&mut h, canvas);
    assert_eq!(h.state().doc().nodes.len(), 1);
    press(&mut h, Key::Escape);
    assert!(h.state().doc().nodes.is_empty());
}

#[test]
fn tab_creates_a_connected_child_and_undo_redo_it() {
    let mut h = harness(app_with(two_cards()));
    let outcome = center_of(&h, "Grow revenue");
    click_at(&mut h, outcome, Modifiers::NONE);
    h.run_ok();
    press(&mut h, Key::Tab);
    type_text(&mut h, "Bigger plans sell");
    press(&mut h, Key::Enter);

    let doc = h.state().doc();
    assert_eq!(doc.nodes.len(), 3);
    let child = node_by_title(doc, "Bigger plans sell");
    assert_eq!(
        child.kind,
        NodeKind::Belief,
        "an outcome's child is a belief"
    );
    assert_eq!(doc.edges.len(), 1);
    let edge = &doc.edges[0];
    assert_eq!((edge.from, edge.to), (child.id, credence::model::NodeId(1)));
    assert_eq!(edge.kind, EdgeKind::Supports);

    // Enter on the new child makes a sibling resting on the same outcome.
    press(&mut h, Key::Enter);
    type_text(&mut h, "Annual plans renew");
    press(&mut h, Key::Enter);
    let doc = h.state().doc();
    let sibling = node_by_title(doc, "Annual plans renew");
    assert!(
        doc.edges
            .iter()
            .any(|e| e.from == sibling.id && e.to.0 == 1)
    );

    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        *h.state().doc(),
        two_cards(),
        "two undos remove both new cards and edges"
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Y);
    let doc = h.state().doc();
    assert_eq!(doc.nodes.len(), 3);
    assert_eq!(
        node_by_title(doc, "Bigger plans sell").kind,
        NodeKind::Belief
    );
    assert_eq!(doc.edges.len(), 1);
}

#[test]
fn dragging_a_card_moves_it_in_one_undo_step() {
    let mut h = harness(app_with(two_cards()));
    let zoom = h.state().camera.zoom;
    let before = node_by_title(h.state().doc(), "Customers pay more").pos;
    let from = center_of(&h, "Customers pay more");
    drag(
        &mut h,
        from,
        from + egui::vec2(120.0, -40.0),
        Modifiers::NONE,
    );
    let after = node_by_title(h.state().doc(), "Customers pay more").pos;
    assert!(
        (after.x - (before.x + 120.0 / zoom)).abs() < 0.5,
        "{before:?} → {after:?}"
    );
    assert!(
        (after.y - (before.y - 40.0 / zoom)).abs() < 0.5,
        "{before:?} → {after:?}"
    );
    // The other card did not move.
    assert_eq!(
        node_by_title(h.state().doc(), "Grow revenue").pos,
        two_cards().nodes[0].pos
    );

    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        node_by_title(h.state().doc(), "Customers pay more").pos,
        before
    );
    assert!(
        !h.state().history().can_undo(),
        "the whole drag is a single step"
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(
        node_by_title(h.state().doc(), "Customers pay more").pos,
        after
    );
}

/// Cards are painted, not widgets (the canvas hit-tests presses), yet a
/// screen reader still finds each as a button named by its title, and its
/// click selects the card as a pointer's does.
#[test]
fn a_screen_reader_finds_each_card_as_a_button_and_can_click_it() {
    let mut h = harness(app_with(two_cards()));
    let card = h.get_by_label("Customers pay more");
    assert_eq!(card.accesskit_node().role(), egui::accesskit::Role::Button);
    card.click_accesskit();
    h.run_ok();
    let selected: Vec<u64> = h
        .state()
        .doc_ui
        .selection
        .nodes
        .iter()
        .map(|id| id.0)
        .collect();
    assert_eq!(selected, [2]);

    h.get_by_label("Grow revenue").click_accesskit();
    h.run_ok();
    let selected: Vec<u64> = h
        .state()
        .doc_ui
        .selection
        .nodes
        .iter()
        .map(|id| id.0)
        .collect();
    assert_eq!(selected, [1], "a second click moves the selection");
}

/// A card selected alone shows its connect handle; a bigger selection does
/// not give every card one (they would bury a large map), and the hovered
/// card still has its own.
#[test]
fn only_a_card_selected_alone_shows_a_connect_handle() {
    let mut h = harness(app_with(two_cards()));
    let away = Pos2::new(5.0, 895.0);
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    h.event(egui::Event::PointerMoved(away));
    h.run_ok();
    assert!(
        h.query_by_label("Connect from Customers pay more")
            .is_some()
    );

    click_label(&mut h, "Grow revenue", Modifiers::SHIFT);
    assert_eq!(h.state().doc_ui.selection.nodes.len(), 2);
    h.event(egui::Event::PointerMoved(away));
    h.run_ok();
    assert!(h.query_by_label_contains("Connect from").is_none());

    let over = center_of(&h, "Grow revenue");
    h.event(egui::Event::PointerMoved(over));
    h.run_ok();
    assert!(h.query_by_label("Connect from Grow revenue").is_some());
    assert!(
        h.query_by_label("Connect from Customers pay more")
            .is_none()
    );
}

#[test]
fn dragging_the_handle_onto_another_card_connects_them() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    h.run_ok();
    let handle = center_of(&h, "Connect from Customers pay more");
    let target = center_of(&h, "Grow revenue");
    drag(&mut h, handle, target, Modifiers::NONE);

    let doc = h.state().doc();
    assert_eq!(doc.edges.len(), 1);
    assert_eq!((doc.edges[0].from.0, doc.edges[0].to.0), (2, 1));
    assert_eq!(
        doc.edges[0].kind,
        EdgeKind::Supports,
        "belief → outcome defaults to supports"
    );
    assert!(
        h.state().doc_ui.selection.edges.contains(&doc.edges[0].id),
        "the new edge is selected"
    );

    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().doc().edges.is_empty());
    shortcut(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(h.state().doc().edges.len(), 1);
}

#[test]
fn dropping_a_connection_on_empty_canvas_adds_nothing() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    h.run_ok();
    let handle = center_of(&h, "Connect from Customers pay more");
    drag(
        &mut h,
        handle,
        handle + egui::vec2(300.0, 0.0),
        Modifiers::NONE,
    );
    assert!(h.state().doc().edges.is_empty());
    assert!(!h.state().history().can_undo());
}

#[test]
fn delete_removes_the_card_and_its_edges_and_undo_restores_them() {
    let mut h = harness(app_with(chain()));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    press(&mut h, Key::Delete);
    let doc = h.state().doc();
    assert_eq!(doc.nodes.len(), 2);
    assert!(doc.edges.is_empty(), "both edges touched the deleted card");
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        *h.state().doc(),
        chain(),
        "undo puts everything back in place"
    );
    shortcut(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(h.state().doc().nodes.len(), 2);
}

#[test]
fn copy_and_paste_keep_the_edges_inside_the_selection() {
    let mut h = harness(app_with(chain()));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    click_label(&mut h, "Survey says so", Modifiers::SHIFT);
    assert_eq!(h.state().doc_ui.selection.nodes.len(), 2);
    shortcut(&mut h, Modifiers::COMMAND, Key::C);
    shortcut(&mut h, Modifiers::COMMAND, Key::V);

    let doc = h.state().doc();
    assert_eq!(doc.nodes.len(), 5);
    assert_eq!(
        doc.nodes
            .iter()
            .filter(|n| n.title == "Survey says so")
            .count(),
        2
    );
    // The edge between the two copied cards is copied; the one to the outcome is not.
    assert_eq!(doc.edges.len(), 3);
    let new_ids: Vec<_> = h.state().doc_ui.selection.nodes.iter().copied().collect();
    assert_eq!(new_ids.len(), 2, "the pasted cards are selected");
    let copied = doc.edges.last().unwrap();
    assert!(new_ids.contains(&copied.from) && new_ids.contains(&copied.to));
    assert!(doc.validate().is_ok());

    shortcut(&mut h, Modifiers::COMMAND, Key::D);
    assert_eq!(
        h.state().doc().nodes.len(),
        7,
        "duplicate copies the selection again"
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().doc(), chain());
}

#[test]
fn ctrl_a_selects_everything_and_shift_drag_selects_an_area() {
    let mut h = harness(app_with(chain()));
    shortcut(&mut h, Modifiers::COMMAND, Key::A);
    assert_eq!(h.state().doc_ui.selection.nodes.len(), 3);
    press(&mut h, Key::Escape);
    assert!(h.state().doc_ui.selection.is_empty());

    // A band around the two lower cards only.
    let a = center_of(&h, "Customers pay more");
    let b = center_of(&h, "Survey says so");
    let from = Pos2::new(a.x - 130.0, a.y - 30.0);
    let to = Pos2::new(b.x + 130.0, b.y + 80.0);
    drag(&mut h, from, to, Modifiers::SHIFT);
    let selected: Vec<u64> = h
        .state()
        .doc_ui
        .selection
        .nodes
        .iter()
        .map(|id| id.0)
        .collect();
    assert_eq!(selected, vec![2, 3]);
}

#[test]
fn dragging_the_background_pans_and_keys_fit_and_reset_zoom() {
    let mut h = harness(app_with(chain()));
    let before = h.state().camera;
    let canvas = app_canvas_rect(&h);
    let empty = Pos2::new(canvas.left() + 30.0, canvas.bottom() - 30.0);
    drag(
        &mut h,
        empty,
        empty + egui::vec2(100.0, 0.0),
        Modifiers::NONE,
    );
    let after = h.state().camera;
    assert!((after.center.x - (before.center.x - 100.0 / before.zoom)).abs() < 0.5);
    assert_eq!(
        *h.state().doc(),
        chain(),
        "panning does not edit the document"
    );

    h.state_mut().camera.zoom = 0.3;
    shortcut(&mut h, Modifiers::COMMAND, Key::Num0);
    assert_eq!(h.state().camera.zoom, 1.0);
    press(&mut h, Key::F);
    let fitted = h.state().camera;
    let bounds = h.state().content_bounds().unwrap();
    assert!(
        (fitted.center.x - bounds.center().x).abs() < 0.5,
        "F centres the content"
    );
}

#[test]
fn a_card_made_near_the_edge_is_scrolled_into_view() {
    let mut h = harness(app_with(two_cards()));
    // Put the belief at the very bottom of the canvas, then Tab a child below it.
    let canvas = app_canvas_rect(&h);
    let pos = node_by_title(h.state().doc(), "Customers pay more").pos;
    let app = h.state_mut();
    let bottom = app.camera.to_board(canvas, canvas.left_bottom());
    app.camera.center.y += pos.y + 100.0 - bottom.y;
    h.run_ok();
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    press(&mut h, Key::Tab);
    type_text(&mut h, "Budgets exist");
    press(&mut h, Key::Enter);
    let app = h.state();
    let node = node_by_title(app.doc(), "Budgets exist");
    let min = app.camera.to_screen(canvas, node.pos);
    let card =
        egui::Rect::from_min_size(min, egui::vec2(node.size.w, node.size.h) * app.camera.zoom);
    assert!(canvas.contains_rect(card), "{card:?} outside {canvas:?}");
}

#[test]
fn clicking_an_edge_selects_it_and_delete_removes_only_the_edge() {
    let mut h = harness(app_with(chain()));
    let canvas = app_canvas_rect(&h);
    let app = h.state();
    let view = credence::render::View::new(app.camera, canvas, &app.doc_ui.selection);
    let edge = &app.doc().edges[1];
    let points = credence::render::edge_points(app.doc(), edge, &view).unwrap();
    // A quarter of the way along, clear of the label in the middle.
    let on_line = points[points.len() / 4];
    click_at(&mut h, on_line, Modifiers::NONE);
    h.run_ok();
    let selected: Vec<u64> = h
        .state()
        .doc_ui
        .selection
        .edges
        .iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(selected, vec![2]);
    press(&mut h, Key::Delete);
    let doc = h.state().doc();
    assert_eq!(doc.nodes.len(), 3, "deleting an edge keeps its cards");
    assert_eq!(doc.edges.len(), 1);
    assert_eq!(doc.edges[0].id.0, 1);
}
