//! Map → Fit cards to text: a card whose title was cut grows until the
//! whole title shows, in one undo step; a card that already fits keeps its
//! size. (Issue 24, first part.)

mod common;

use common::*;
use credence::model::{Node, NodeId, NodeKind};
use egui::Modifiers;

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
