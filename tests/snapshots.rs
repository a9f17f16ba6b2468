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
    let app = h.state_mut();
    let node = app
        .doc
        .nodes
        .iter()
        .find(|n| n.title == "Guided first-map template")
        .unwrap();
    app.camera.center = node.center();
    app.camera.zoom = 4.0;
    h.run_ok();
    h.snapshot("zoom_400");
}
