//! Odd files met through the window: a read-only map, a FIFO picked in
//! Open, and the recovery preview's counts.

mod common;

use common::*;
use credence::io::recovery::RecoveryStore;
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use std::os::unix::fs::PermissionsExt;

fn read_only_map() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.ron");
    credence::io::save(&path, &two_cards()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    (dir, path)
}

fn edited_then_saved(path: &std::path::Path) -> egui_kittest::Harness<'static, CredenceApp> {
    let app = CredenceApp::new(
        two_cards(),
        Some(path.to_owned()),
        Box::new(ScriptedDialogs::default()),
    );
    let mut h = harness(app);
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    press(&mut h, Key::Delete);
    shortcut(&mut h, Modifiers::COMMAND, Key::S);
    h.run_ok();
    h
}

#[test]
fn saving_a_read_only_map_asks_and_cancel_keeps_the_file() {
    let (_dir, path) = read_only_map();
    let before = std::fs::read(&path).unwrap();
    let mut h = edited_then_saved(&path);
    assert!(h.query_by_label_contains("is marked read-only").is_some());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "not before the answer"
    );
    click_label(&mut h, "Cancel", Modifiers::NONE);
    assert!(h.query_by_label_contains("is marked read-only").is_none());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(h.state().is_dirty(), "the edit still needs saving");
}

#[test]
fn saving_a_read_only_map_overwrites_only_when_told_and_it_stays_read_only() {
    let (_dir, path) = read_only_map();
    let mut h = edited_then_saved(&path);
    click_label(&mut h, "Overwrite", Modifiers::NONE);
    assert_eq!(credence::io::load(&path).unwrap(), *h.state().doc());
    assert_eq!(h.state().doc().nodes.len(), 1);
    assert!(!h.state().is_dirty());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

#[test]
fn opening_a_fifo_is_refused_without_blocking_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo failed");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.open_answers.push_back(fifo.clone());
    let mut h = harness(CredenceApp::new(two_cards(), None, Box::new(dialogs)));
    shortcut(&mut h, Modifiers::COMMAND, Key::O);
    h.run_ok();
    assert!(
        h.query_by_label_contains("this is a FIFO (named pipe), not a file")
            .is_some()
    );
    assert_eq!(
        *h.state().doc(),
        two_cards(),
        "the open document is untouched"
    );
}

#[test]
fn the_recovery_preview_counts_one_card_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let original = dir.path().join("plan.ron");
    credence::io::save(&original, &two_cards()).unwrap();
    let mut crashed = two_cards();
    crashed.nodes[0].title = "Grow revenue fast".into();
    store
        .write(
            &RecoveryStore::key_for(Some(&original), "old"),
            Some(&original),
            &crashed,
        )
        .unwrap();
    let h = harness(app_with(two_cards()).with_recovery(store));
    assert!(
        h.query_by_label_contains("Compared with the file: 1 card new or changed, 0 removed")
            .is_some()
    );
}
