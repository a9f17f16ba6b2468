//! Long work on a worker thread: a big layout and a big file. The tests
//! lower the thresholds so small maps take the same path.

mod common;

use common::*;
use credence::layout::{LayoutOptions, layout};
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::{Key, Modifiers};
use egui_kittest::Harness;

/// Steps the UI until the worker is done (bounded, not timed).
fn wait(h: &mut Harness<'_, CredenceApp>) {
    for _ in 0..3000 {
        if !h.state().busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    assert!(!h.state().busy(), "the work never finished");
}

#[test]
fn a_big_layout_runs_on_a_worker_and_is_still_one_undo_step() {
    let mut doc = chain();
    doc.nodes[0].pos = credence::model::Point::new(500.0, 400.0);
    doc.nodes[2].pos = credence::model::Point::new(-300.0, -200.0);
    // The toolbar's Auto-layout keeps the order the cards are in.
    let keep = LayoutOptions {
        keep_order: true,
        ..Default::default()
    };
    let expected = layout(&doc, None, &keep);
    let mut app = app_with(doc.clone());
    app.background_layout_nodes = 1;
    let mut h = harness(app);
    click_label(&mut h, "Auto-layout", Modifiers::NONE);
    wait(&mut h);
    h.run_steps(40);
    for (id, p) in &expected {
        assert_eq!(h.state().doc().node(*id).unwrap().pos, *p);
    }
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().doc(), doc, "one undo restores every position");
}

#[test]
fn a_big_file_opens_on_a_worker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let big = credence::synth::belief_map(500, 3);
    credence::io::save(&path, &big).unwrap();
    let mut dialogs = ScriptedDialogs::default();
    dialogs.open_answers.push_back(path.clone());
    let mut app = CredenceApp::new(two_cards(), None, Box::new(dialogs));
    app.background_open_bytes = 0;
    let mut h = harness(app);
    shortcut(&mut h, Modifiers::COMMAND, Key::O);
    wait(&mut h);
    h.run_ok();
    assert_eq!(*h.state().doc(), big);
    assert_eq!(h.state().path(), Some(path.as_path()));
}
