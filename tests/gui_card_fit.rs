//! Cards show their whole text: the height follows the title as it is
//! typed, a selected card resizes by its edges and corner, double-clicking
//! the corner fits it again, and Map → Fit cards to text fits the whole map;
//! each is one undo step.

mod common;

use common::*;
use credence::model::{Node, NodeId, NodeKind};
use egui::{Key, Modifiers, vec2};

const LONG: &str = "Product managers can book five customer conversations a week without \
                    help from research, once the booking tool is in place";

#[test]
fn fit_cards_to_text_grows_a_cut_title_in_one_undo_step() {
    let mut doc = two_cards();
    doc.nodes
        .push(Node::new(NodeId(3), NodeKind::Assumption, LONG).at(300.0, 250.0));
    let mut h = harness(app_with(doc));
    let before = h.state().doc().clone();
    assert_eq!(before.node(NodeId(3)).unwrap().size.h, 100.0);

    click_label(&mut h, "Map", Modifiers::NONE);
    click_label(&mut h, "Fit cards to text", Modifiers::NONE);
    let doc = h.state().doc();
    let fitted = doc.node(NodeId(3)).unwrap().size;
    assert!(
        fitted.h > 130.0,
        "the long title needs more lines: {fitted:?}"
    );
    assert_eq!(fitted.w, 200.0, "the width stays");
    let lines = credence::render::title_rows(fitted.h);
    assert!(
        (4..=credence::render::MAX_TITLE_LINES).contains(&lines),
        "{lines} lines"
    );
    for id in [NodeId(1), NodeId(2)] {
        assert_eq!(
            doc.node(id).unwrap().size,
            before.node(id).unwrap().size,
            "a short title keeps the default size"
        );
    }

    shortcut(&mut h, Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc(), &before, "one undo takes every fit back");
    assert!(!h.state().history().can_undo());
}

/// 120 characters.
const TITLE_120: &str = "Customers pay more once the weekly report saves each of their \
                         analysts a full afternoon of copying numbers by hand twice";

#[test]
fn typing_a_long_title_grows_the_card_and_one_undo_restores_both() {
    assert_eq!(TITLE_120.chars().count(), 120);
    let mut h = harness(app_with(two_cards()));
    let before = h.state().doc().clone();
    let card = center_of(&h, "Customers pay more");
    double_click_at(&mut h, card);
    // The editor holds the old title, selected or not: clear it first.
    shortcut(&mut h, Modifiers::COMMAND, Key::A);
    press(&mut h, Key::Backspace);
    type_text(&mut h, TITLE_120);
    press(&mut h, Key::Enter);

    let node = h.state().doc().node(NodeId(2)).unwrap().clone();
    assert_eq!(node.title, TITLE_120);
    assert!(
        node.size.h > 140.0,
        "a 120-character title needs four or five lines: {:?}",
        node.size
    );
    assert!(credence::render::title_shows_whole(&node));
    assert_eq!(node.size.w, 200.0, "the width stays");

    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    let undone = h.state().doc().node(NodeId(2)).unwrap();
    assert_eq!(undone, before.node(NodeId(2)).unwrap(), "title and size");
}

#[test]
fn dragging_the_corner_resizes_in_one_undo_step() {
    let mut h = harness(app_with(two_cards()));
    let before = h.state().doc().clone();
    let zoom = h.state().camera.zoom;
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    h.run_ok();
    let corner = center_of(&h, "Resize Customers pay more");
    drag(&mut h, corner, corner + vec2(60.0, 40.0), Modifiers::NONE);

    let size = h.state().doc().node(NodeId(2)).unwrap().size;
    let want = vec2(200.0 + 60.0 / zoom, 100.0 + 40.0 / zoom);
    assert!(
        (size.w - want.x).abs() <= 1.0 && (size.h - want.y).abs() <= 1.0,
        "{size:?}, want {want:?}"
    );
    assert_eq!(
        h.state().doc().node(NodeId(2)).unwrap().pos,
        before.node(NodeId(2)).unwrap().pos,
        "a resize does not move the card"
    );

    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc(), &before, "one undo for the whole drag");
    assert!(!h.state().history().can_undo());
}

#[test]
fn edges_resize_one_side_and_never_below_the_header_and_a_line() {
    let mut h = harness(app_with(two_cards()));
    let zoom = h.state().camera.zoom;
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    h.run_ok();
    // Above the middle of the edge, where the connect handle is.
    let right = {
        use egui_kittest::kittest::Queryable as _;
        let r = h.get_by_label("Resize width of Customers pay more").rect();
        egui::pos2(r.center().x, r.top() + 4.0)
    };
    // Well past the card's left edge: the width stops at its minimum.
    drag(&mut h, right, right - vec2(400.0, 0.0), Modifiers::NONE);
    let node = h.state().doc().node(NodeId(2)).unwrap().clone();
    let min = credence::render::min_size(&node);
    assert_eq!(node.size.w, min.w);
    assert_eq!(node.size.h, 100.0, "the right edge leaves the height");

    let bottom = center_of(&h, "Resize height of Customers pay more");
    drag(&mut h, bottom, bottom + vec2(0.0, 30.0), Modifiers::NONE);
    let size = h.state().doc().node(NodeId(2)).unwrap().size;
    assert_eq!(size.w, min.w, "the bottom edge leaves the width");
    assert!((size.h - (100.0 + 30.0 / zoom)).abs() <= 1.0, "{size:?}");
    let bottom = center_of(&h, "Resize height of Customers pay more");
    drag(&mut h, bottom, bottom - vec2(0.0, 300.0), Modifiers::NONE);
    assert_eq!(h.state().doc().node(NodeId(2)).unwrap().size.h, min.h);
}

#[test]
fn double_clicking_the_corner_fits_the_card_again() {
    let mut doc = two_cards();
    doc.nodes
        .push(Node::new(NodeId(3), NodeKind::Assumption, LONG).at(300.0, 250.0));
    let mut h = harness(app_with(doc));
    let before = h.state().doc().clone();
    click_label(&mut h, LONG, Modifiers::NONE);
    h.run_ok();
    let corner = center_of(&h, &format!("Resize {LONG}"));
    // A pause after the click that selected the card, or egui counts the
    // corner's second click as a triple click.
    for _ in 0..30 {
        h.step();
    }
    double_click_at(&mut h, corner);

    let node = h.state().doc().node(NodeId(3)).unwrap().clone();
    assert_eq!(
        node.size.h,
        credence::render::fit_height(LONG, 200.0),
        "fitted to the title"
    );
    assert!(node.size.h > 130.0);
    assert!(credence::render::title_shows_whole(&node));
    assert!(h.state().doc().nodes.len() == 3, "no card was made");
    assert!(!h.state().is_editing_title(), "the corner is not the title");

    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc(), &before, "one undo step");
}

/// Every example map shows every title whole at 100% after Fit cards to
/// text, as the painter lays it out.
#[test]
fn every_example_shows_every_title_whole_after_fitting() {
    let files = example_files();
    assert!(files.len() >= 5, "{files:?}");
    for path in files {
        let app = credence::ui::CredenceApp::launch(
            Some(path.clone()),
            Box::new(credence::ui::ScriptedDialogs::default()),
        );
        let mut h = harness(app);
        click_label(&mut h, "Map", Modifiers::NONE);
        click_label(&mut h, "Fit cards to text", Modifiers::NONE);
        for node in &h.state().doc().nodes {
            assert!(
                credence::render::title_shows_whole(node),
                "{}: {:?} at {:?}",
                path.display(),
                node.title,
                node.size
            );
        }
    }
}
