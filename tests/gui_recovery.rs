//! Autosave and crash recovery, driven through the real UI.

mod common;

use common::*;
use credence::io::recovery::RecoveryStore;
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

fn app_with_store(store: &RecoveryStore) -> CredenceApp {
    app_with(two_cards()).with_recovery(store.clone())
}

#[test]
fn edits_are_autosaved_within_a_second_and_the_copy_goes_after_saving() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let file = dir.path().join("plan.ron");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.save_answers.push_back(file.clone());
    let app = CredenceApp::new(two_cards(), None, Box::new(dialogs)).with_recovery(store.clone());
    let mut h = harness(app);
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    press(&mut h, Key::Delete);
    assert!(store.list().is_empty(), "not before a quiet second");
    h.run_steps(70); // a little over a second at 60 frames per second
    let copies = store.list();
    assert_eq!(copies.len(), 1);
    let copy = copies[0].as_ref().unwrap();
    assert_eq!(
        copy.doc,
        *h.state().doc(),
        "the copy holds the unsaved edit"
    );
    assert!(!file.exists(), "autosave never writes the user's file");

    shortcut(&mut h, Modifiers::COMMAND, Key::S);
    h.run_steps(5);
    assert!(file.exists());
    assert!(store.list().is_empty(), "saving removes the recovery copy");
}

/// What a run that crashed while editing `file` leaves behind.
fn leave_copy(store: &RecoveryStore, file: &std::path::Path, doc: &credence::model::Document) {
    store
        .write(&RecoveryStore::key_for(Some(file), "old"), Some(file), doc)
        .unwrap();
}

#[test]
fn a_copy_left_by_a_crash_is_offered_and_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let original = dir.path().join("plan.ron");
    credence::io::save(&original, &two_cards()).unwrap();
    // A previous run crashed with one card more than the file has.
    let mut crashed = two_cards();
    crashed.nodes.push(credence::model::Node::new(
        credence::model::NodeId(7),
        credence::model::NodeKind::Bet,
        "Unsaved bet",
    ));
    leave_copy(&store, &original, &crashed);

    let mut h = harness(app_with_store(&store));
    assert!(
        h.query_by_label_contains("Recover unsaved changes to plan.ron")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Unsaved bet").is_some(),
        "the preview lists the cards"
    );
    click_label(&mut h, "Recover", Modifiers::NONE);
    assert_eq!(*h.state().doc(), crashed);
    assert_eq!(h.state().path(), Some(original.as_path()));
    assert!(h.state().is_dirty(), "recovered work still needs saving");
    assert_eq!(store.list().len(), 1, "kept until the work is saved");
}

/// A workshop's votes may be the only thing the crash left unsaved; the
/// preview must say so rather than "0 cards changed" alone.
#[test]
fn the_preview_names_workshop_changes() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let original = dir.path().join("session.ron");
    credence::io::save(&original, &two_cards()).unwrap();
    let mut crashed = two_cards();
    let ana = crashed.workshop.add_participant("Ana");
    crashed
        .workshop
        .set_vote(credence::model::NodeId(2), ana, Some(40));
    leave_copy(&store, &original, &crashed);
    let mut h = harness(app_with_store(&store));
    h.get_by_label("Compared with the file: 0 cards new or changed, 0 removed");
    h.get_by_label("Also changed: workshop votes and dots");
    click_label(&mut h, "Recover", Modifiers::NONE);
    assert_eq!(h.state().doc().workshop, crashed.workshop);
}

#[test]
fn discard_deletes_the_copy_and_later_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    store.write("untitled-old", None, &chain()).unwrap();

    let mut h = harness(app_with_store(&store));
    click_label(&mut h, "Later", Modifiers::NONE);
    assert_eq!(
        *h.state().doc(),
        two_cards(),
        "Later keeps the current document"
    );
    assert_eq!(store.list().len(), 1, "Later keeps the copy");

    let mut h = harness(app_with_store(&store));
    click_label(&mut h, "Discard", Modifiers::NONE);
    assert!(store.list().is_empty());
    assert_eq!(*h.state().doc(), two_cards());
}

/// The whole story through the start-up path `credence FILE` uses: open a
/// file, edit it, "crash" (the app goes away without saving or closing),
/// start again on the same file, and recover the edit.
#[test]
fn a_crash_and_restart_through_the_real_start_up_path_recovers_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let file = dir.path().join("plan.ron");
    credence::io::save(&file, &two_cards()).unwrap();
    let start = || {
        CredenceApp::start(
            Some(file.clone()),
            Box::new(ScriptedDialogs::default()),
            Some(recovery.clone()),
            None,
        )
    };

    let mut h = harness(start());
    assert_eq!(*h.state().doc(), two_cards());
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    press(&mut h, Key::F2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut h, "Customers pay double");
    press(&mut h, Key::Enter);
    h.run_steps(70); // past the one-second autosave delay
    let edited = h.state().doc().clone();
    assert!(
        edited
            .nodes
            .iter()
            .any(|n| n.title == "Customers pay double")
    );
    drop(h); // the crash: no save, no close request

    assert_eq!(
        credence::io::load(&file).unwrap(),
        two_cards(),
        "file untouched"
    );
    let mut h = harness(start());
    assert!(
        h.query_by_label_contains("Recover unsaved changes to plan.ron")
            .is_some()
    );
    click_label(&mut h, "Recover", Modifiers::NONE);
    assert_eq!(*h.state().doc(), edited);
    assert_eq!(h.state().path(), Some(file.as_path()));
}
