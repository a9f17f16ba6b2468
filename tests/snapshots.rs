//! Pixel snapshots of the example board and the inspector, rendered with
//! wgpu on Mesa's lavapipe. Refresh with `UPDATE_SNAPSHOTS=1 cargo test`.

mod common;

use common::*;
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::Modifiers;

fn example_harness() -> egui_kittest::Harness<'static, CredenceApp> {
    let app = CredenceApp::launch(None, Box::new(ScriptedDialogs::default()));
    harness(app)
}

/// Puts the card titled `title` in the middle of the map at `zoom`.
fn centre_on(h: &mut egui_kittest::Harness<'static, CredenceApp>, title: &str, zoom: f32) {
    let app = h.state_mut();
    let node = app.doc().nodes.iter().find(|n| n.title == title).unwrap();
    app.camera.center = node.center();
    app.camera.zoom = zoom;
    h.run_ok();
}

#[test]
fn example_board() {
    let mut h = example_harness();
    h.snapshot("example_board");
}

#[test]
fn inspector_for_a_bet() {
    let mut h = example_harness();
    click_label(&mut h, "Free tier for up to 3 editors", Modifiers::NONE);
    h.snapshot("inspector_bet");
}

#[test]
fn zoomed_in_text_stays_sharp() {
    let mut h = example_harness();
    click_label(&mut h, "Guided first-map template", Modifiers::NONE);
    centre_on(&mut h, "Guided first-map template", 4.0);
    h.snapshot("zoom_400");
}

fn open_example(name: &str) -> egui_kittest::Harness<'static, CredenceApp> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let app = CredenceApp::launch(Some(path), Box::new(ScriptedDialogs::default()));
    harness(app)
}

#[test]
fn discovery_canvas_board() {
    let mut h = open_example("discovery.ron");
    click_label(&mut h, "Discovery", Modifiers::NONE);
    h.snapshot("board_canvas_discovery");
}

#[test]
fn lean_canvas_board() {
    let mut h = open_example("lean-canvas.ron");
    click_label(&mut h, "Credence Lean Canvas", Modifiers::NONE);
    h.snapshot("board_lean_canvas");
}

#[test]
fn assumption_map_board() {
    let mut h = open_example("assumptions.ron");
    click_label(&mut h, "Assumption map", Modifiers::NONE);
    h.snapshot("board_assumption_map");
}

/// Cutler's belief map from the five-person example with revealed votes:
/// the captioned quadrants, "must learn" highlighted, measured cards marked.
#[test]
fn belief_map_board() {
    let mut h = open_example("beliefs.ron");
    click_label(&mut h, "Belief 2×2", Modifiers::NONE);
    h.snapshot("board_belief_map");
}

/// A revealed vote: the dot strip (one dot per person in their colour), the
/// middle half as a band, the median tick, and the inspector's numbers.
#[test]
fn revealed_vote_strip() {
    let mut h = open_example("workshop.ron");
    click_label(
        &mut h,
        "Facilitators bring their whole team into the tool",
        Modifiers::NONE,
    );
    centre_on(
        &mut h,
        "Facilitators bring their whole team into the tool",
        2.0,
    );
    h.snapshot("workshop_vote_strip");
}

/// Presentation mode on the third card of the walk: chrome gone, the
/// spotlit card large with its strip, the rest dimmed, the timer up.
#[test]
fn presentation_mode() {
    let mut h = open_example("workshop.ron");
    press(&mut h, egui::Key::F5);
    press(&mut h, egui::Key::ArrowRight);
    press(&mut h, egui::Key::ArrowRight);
    // Let the camera finish gliding.
    h.run_steps(120);
    h.snapshot("presentation_mode");
}

/// The example map after Map → Fit cards to text, at 100% in a window big
/// enough for all of it: every title whole, none cut or shrunk.
#[test]
fn example_map_fitted_to_text() {
    let app = CredenceApp::launch(None, Box::new(ScriptedDialogs::default()));
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(2600.0, 1400.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut CredenceApp| app.show(ui), app);
    h.run_ok();
    click_label(&mut h, "Map", Modifiers::NONE);
    click_label(&mut h, "Fit cards to text", Modifiers::NONE);
    let app = h.state_mut();
    let bounds = app.content_bounds().unwrap();
    app.camera.center = credence::model::Point::new(bounds.center().x, bounds.center().y);
    app.camera.zoom = 1.0;
    h.run_ok();
    for node in &h.state().doc().nodes {
        assert!(credence::render::title_shows_whole(node), "{}", node.title);
    }
    h.snapshot("example_map_fitted");
}

/// The example board after Map → Compact, fitted to the window: the
/// outcome's tree folded to the canvas's shape, hanging cards joined down
/// their indent.
#[test]
fn example_board_compact() {
    let mut h = example_harness();
    click_label(&mut h, "Map", Modifiers::NONE);
    click_label(&mut h, "Compact", Modifiers::NONE);
    h.run_steps(40);
    press(&mut h, egui::Key::F);
    h.run_ok();
    h.snapshot("example_board_compact");
}
