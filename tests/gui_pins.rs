//! Pins: Pin from the inspector, the card's context menu and P, each one
//! undo step; a pinned card keeps its place through Auto-layout and Lay out
//! from scratch, and nothing is laid over it.

mod common;

use common::*;
use credence::layout::crossings::{card_boxes, overlaps};
use credence::model::{NodeId, Point};
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::kittest::Queryable as _;

fn pinned(h: &egui_kittest::Harness<'_, credence::ui::CredenceApp>, id: u64) -> bool {
    h.state().doc().node(NodeId(id)).unwrap().pinned
}

#[test]
fn pin_from_the_inspector_and_undo() {
    let mut h = harness(app_with(chain()));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    h.run_ok();
    click_label(&mut h, "Pin", Modifiers::NONE);
    assert!(pinned(&h, 2));
    assert!(!pinned(&h, 1) && !pinned(&h, 3));
    // The inspector now offers the way back.
    click_label(&mut h, "Unpin", Modifiers::NONE);
    assert!(!pinned(&h, 2));
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(pinned(&h, 2), "undo brings the pin back");
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!pinned(&h, 2));
    assert!(!h.state().history().can_undo());
}

#[test]
fn p_pins_and_unpins_the_selection() {
    let mut h = harness(app_with(chain()));
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    click_label(&mut h, "Survey says so", Modifiers::SHIFT);
    press(&mut h, Key::P);
    assert!(pinned(&h, 2) && pinned(&h, 3) && !pinned(&h, 1));
    press(&mut h, Key::P);
    assert!(!pinned(&h, 2) && !pinned(&h, 3), "all pinned: P unpins");
}

#[test]
fn pin_from_the_cards_context_menu() {
    let mut h = harness(app_with(chain()));
    let at = center_of(&h, "Survey says so");
    h.event(Event::PointerMoved(at));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_ok();
    // The menu opens at the pointer; the inspector (now showing the card)
    // has a Pin button of its own, far from it.
    let menu_pin = h
        .get_all_by_label("Pin")
        .map(|node| node.rect().center())
        .min_by(|a, b| a.distance(at).total_cmp(&b.distance(at)))
        .expect("a Pin button");
    assert!(menu_pin.distance(at) < 120.0, "the menu is at the card");
    assert!(h.query_by_label("Rename").is_some());
    click_at(&mut h, menu_pin, Modifiers::NONE);
    h.run_ok();
    assert!(pinned(&h, 3));
    assert!(!pinned(&h, 2));
}

#[test]
fn a_pinned_card_stays_put_through_both_layouts() {
    let mut doc = chain();
    // The outcome pinned far from where a layout would put it, the others
    // scattered.
    doc.nodes[0].pos = Point::new(900.0, 40.0);
    doc.nodes[0].pinned = true;
    doc.nodes[1].pos = Point::new(-400.0, 600.0);
    doc.nodes[2].pos = Point::new(880.0, 20.0);
    let mut h = harness(app_with(doc.clone()));
    for (menu, item) in [("Map", "Auto-layout all"), ("Map", "Lay out from scratch")] {
        click_label(&mut h, menu, Modifiers::NONE);
        click_label(&mut h, item, Modifiers::NONE);
        h.run_steps(40);
        let laid = h.state().doc();
        assert_eq!(laid.nodes[0].pos, Point::new(900.0, 40.0), "{item}");
        assert_ne!(laid.nodes[1].pos, doc.nodes[1].pos, "{item} moved the rest");
        assert_eq!(overlaps(&card_boxes(laid)), 0, "{item}");
        // Still the right way up around the pin.
        assert!(laid.nodes[1].pos.y > laid.nodes[0].pos.y);
        assert!(laid.nodes[2].pos.y > laid.nodes[1].pos.y);
    }
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().doc(), doc, "two undos restore every position");
}
