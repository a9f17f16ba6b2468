//! Compact from the Map menu: the map is laid out as a folded org chart in
//! one undo step, fits the window's shape, and Fit shows it large enough
//! to read in a 1,920 × 1,080 window.

mod common;

use common::*;
use credence::layout::crossings::{card_boxes, overlaps};
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::{Key, Modifiers};

fn window(app: CredenceApp, w: f32, h: f32) -> egui_kittest::Harness<'static, CredenceApp> {
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(w, h))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut CredenceApp| app.show(ui), app);
    h.run_ok();
    h
}

fn choose_compact(h: &mut egui_kittest::Harness<'static, CredenceApp>) {
    click_label(h, "Map", Modifiers::NONE);
    click_label(h, "Compact", Modifiers::NONE);
    h.run_steps(40);
    assert!(!h.state().is_animating());
}

#[test]
fn compact_from_the_map_menu_is_one_undo_step() {
    let doc = credence::synth::map(credence::synth::Shape::Wide, 120, 5);
    let mut h = window(app_with(doc.clone()), 1400.0, 900.0);
    choose_compact(&mut h);
    let laid = h.state().doc().clone();
    let moved = laid
        .nodes
        .iter()
        .zip(&doc.nodes)
        .filter(|(a, b)| a.pos != b.pos)
        .count();
    assert!(moved > 100, "the map was laid out ({moved} cards moved)");
    assert_eq!(overlaps(&card_boxes(&laid)), 0);
    // The canvas's own shape, within the bound.
    let canvas = h.state().canvas_rect();
    let target = canvas.width() / canvas.height();
    let (w, hh) = extent(&laid);
    let ratio = w / hh;
    assert!(
        ratio <= target * 1.5 && ratio >= target / 1.5,
        "{ratio:.2} for a {target:.2} canvas"
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().doc(), doc, "one undo restores every position");
}

/// The goal, in the real window: Fit shows a 60-card map at 50% or
/// more and a 150-card one at 30% or more, on every shape of synthetic map
/// and two seeds.
#[test]
fn fit_shows_a_compact_map_large_enough_to_read() {
    use credence::synth::Shape;
    let goals = Shape::ALL
        .into_iter()
        .flat_map(|shape| [(shape, 60, 0.50), (shape, 150, 0.30)]);
    for ((shape, n, at_least), seed) in goals.flat_map(|g| [(g, 1), (g, 2)]) {
        let doc = credence::synth::map(shape, n, seed);
        let app = CredenceApp::new(doc, None, Box::new(ScriptedDialogs::default()));
        let mut h = window(app, 1920.0, 1080.0);
        choose_compact(&mut h);
        press(&mut h, Key::F);
        let zoom = h.state().camera.zoom;
        assert!(
            zoom >= at_least,
            "{shape:?} {n} seed {seed}: Fit at {:.0}%",
            zoom * 100.0
        );
    }
}
