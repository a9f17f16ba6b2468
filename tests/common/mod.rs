//! Helpers shared by the GUI tests: a harness around the real app, and
//! pointer gestures expressed as the raw events a window would send.
#![allow(dead_code)]

use credence::model::{Document, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind};
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::{Event, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;

/// The example documents in `examples/`, in name order.
pub fn example_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

pub fn app_with(doc: Document) -> CredenceApp {
    CredenceApp::new(doc, None, Box::new(ScriptedDialogs::default()))
}

pub fn harness(app: CredenceApp) -> Harness<'static, CredenceApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut CredenceApp| app.show(ui), app);
    h.run_ok();
    h
}

/// Two cards, "Grow revenue" (outcome) above "Customers pay more" (belief),
/// not connected.
pub fn two_cards() -> Document {
    Document {
        title: "Test".into(),
        nodes: vec![
            Node::new(NodeId(1), NodeKind::Outcome, "Grow revenue").at(0.0, 0.0),
            Node::new(NodeId(2), NodeKind::Belief, "Customers pay more").at(0.0, 250.0),
        ],
        edges: vec![],
        ..Default::default()
    }
}

/// A three-card chain: evidence supports belief supports outcome.
pub fn chain() -> Document {
    let mut doc = two_cards();
    doc.nodes
        .push(Node::new(NodeId(3), NodeKind::Evidence, "Survey says so").at(300.0, 250.0));
    doc.edges.push(Edge::new(
        EdgeId(1),
        NodeId(2),
        NodeId(1),
        EdgeKind::Supports,
    ));
    doc.edges.push(Edge::new(
        EdgeId(2),
        NodeId(3),
        NodeId(2),
        EdgeKind::Supports,
    ));
    doc
}

pub fn center_of(h: &Harness<'_, CredenceApp>, label: &str) -> Pos2 {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_label(label).rect().center()
}

pub fn button(h: &Harness<'_, CredenceApp>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

/// Holds `modifiers` down (as the window's modifier state) around `body`.
fn holding(
    h: &mut Harness<'_, CredenceApp>,
    modifiers: Modifiers,
    body: impl FnOnce(&mut Harness<'_, CredenceApp>),
) {
    h.event(Event::ModifiersChanged(modifiers));
    body(h);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
}

pub fn click_at(h: &mut Harness<'_, CredenceApp>, pos: Pos2, modifiers: Modifiers) {
    holding(h, modifiers, |h| {
        h.event(Event::PointerMoved(pos));
        h.step();
        button(h, pos, true, modifiers);
        button(h, pos, false, modifiers);
        h.step();
    });
}

pub fn double_click_at(h: &mut Harness<'_, CredenceApp>, pos: Pos2) {
    click_at(h, pos, Modifiers::NONE);
    click_at(h, pos, Modifiers::NONE);
    h.run_ok();
}

/// Press at `from`, move in small steps to `to`, release: a real drag.
pub fn drag(h: &mut Harness<'_, CredenceApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    holding(h, modifiers, |h| {
        h.event(Event::PointerMoved(from));
        h.step();
        button(h, from, true, modifiers);
        h.step();
        let steps = 10;
        for i in 1..=steps {
            let p = from + (to - from) * (i as f32 / steps as f32);
            h.event(Event::PointerMoved(p));
            h.step();
        }
        button(h, to, false, modifiers);
        h.step();
    });
    h.run_ok();
}

pub fn press(h: &mut Harness<'_, CredenceApp>, key: egui::Key) {
    h.key_press(key);
    h.run_ok();
}

pub fn shortcut(h: &mut Harness<'_, CredenceApp>, modifiers: Modifiers, key: egui::Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_ok();
}

pub fn type_text(h: &mut Harness<'_, CredenceApp>, text: &str) {
    h.event(Event::Text(text.into()));
    h.run_ok();
}

pub fn node_by_title<'a>(doc: &'a Document, title: &str) -> &'a Node {
    doc.nodes
        .iter()
        .find(|n| n.title == title)
        .unwrap_or_else(|| panic!("no node titled {title:?}"))
}

pub fn click_label(h: &mut Harness<'_, CredenceApp>, label: &str, modifiers: Modifiers) {
    let pos = center_of(h, label);
    click_at(h, pos, modifiers);
    h.run_ok();
}

/// The centre of the widget labelled `label` that has `role`, for labels
/// that name both a caption and its field.
pub fn center_of_role(
    h: &Harness<'_, CredenceApp>,
    label: &str,
    role: egui::accesskit::Role,
) -> Pos2 {
    rect_of_role(h, label, role).center()
}

/// The rectangle of the widget labelled `label` that has `role`.
pub fn rect_of_role(
    h: &Harness<'_, CredenceApp>,
    label: &str,
    role: egui::accesskit::Role,
) -> egui::Rect {
    use egui_kittest::kittest::{NodeT as _, Queryable as _};
    h.get_all_by_label(label)
        .find(|n| n.accesskit_node().role() == role)
        .unwrap_or_else(|| panic!("no {role:?} labelled {label}"))
        .rect()
}

/// The width and height of the box around every card of `doc`.
pub fn extent(doc: &Document) -> (f32, f32) {
    let (x0, y0, x1, y1) = doc.nodes.iter().fold(
        (
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ),
        |(a, b, c, d), n| {
            (
                a.min(n.pos.x),
                b.min(n.pos.y),
                c.max(n.pos.x + n.size.w),
                d.max(n.pos.y + n.size.h),
            )
        },
    );
    (x1 - x0, y1 - y0)
}
