//! Workshop facilitation through the real UI: participants typed in,
//! votes entered hidden and then revealed, a dot-voting round with its
//! limit, presentation mode's spotlight walk and timer, and snapshots with
//! the history slider.

mod common;

use common::*;
use credence::model::{Document, DotTarget, NodeId, Workshop};
use credence::ui::CredenceApp;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// `doc` with the Workshop panel open.
fn workshop(doc: Document) -> Harness<'static, CredenceApp> {
    let mut h = harness(app_with(doc));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    h
}

/// `doc` with these people already in the room.
fn with_people(mut doc: Document, names: &[&str]) -> Document {
    let mut w = Workshop::default();
    for name in names {
        w.add_participant(name);
    }
    doc.workshop = w;
    doc
}

fn participant(h: &Harness<'_, CredenceApp>, name: &str) -> credence::model::ParticipantId {
    h.state()
        .doc()
        .workshop
        .participants
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
}

fn vote(h: &Harness<'_, CredenceApp>, title: &str, name: &str) -> Option<u8> {
    let node = node_by_title(h.state().doc(), title).id;
    h.state().doc().workshop.vote(node, participant(h, name))
}

fn click_field(h: &mut Harness<'_, CredenceApp>, label: &str) {
    let at = center_of_role(h, label, Role::TextInput);
    click_at(h, at, Modifiers::NONE);
    h.run_ok();
}

#[test]
fn participants_are_typed_in_one_after_another() {
    let mut h = workshop(two_cards());
    click_field(&mut h, "Participant name");
    type_text(&mut h, "Ana");
    press(&mut h, Key::Enter);
    // The field keeps the keyboard, so the next name goes straight in.
    type_text(&mut h, "Ben");
    press(&mut h, Key::Enter);
    type_text(&mut h, "Chloé");
    let add = center_of_role(&h, "Add", Role::Button);
    click_at(&mut h, add, Modifiers::NONE);
    h.run_ok();
    let people = &h.state().doc().workshop.participants;
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben", "Chloé"]);
    assert_ne!(people[0].colour, people[1].colour);
    assert_ne!(people[1].colour, people[2].colour);
    assert!(h.query_by_label("Remove Ben").is_some());
    assert!(h.query_by_label("Colour of Chloé").is_some());

    // Each addition is its own undo step.
    click_label(&mut h, "Belief map canvas", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc().workshop.participants.len(), 2);

    click_label(&mut h, "Remove Ana", Modifiers::NONE);
    let names: Vec<String> = h
        .state()
        .doc()
        .workshop
        .participants
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names, ["Ben"]);
}

#[test]
fn votes_stay_hidden_until_the_reveal() {
    let doc = with_people(two_cards(), &["Ana", "Ben", "Chloé"]);
    let mut h = workshop(doc);
    click_label(&mut h, "Customers pay more", Modifiers::NONE);

    // Round the room with the keyboard: type, Tab, type.
    click_field(&mut h, "Vote of Ana");
    type_text(&mut h, "20");
    press(&mut h, Key::Tab);
    type_text(&mut h, "80");
    press(&mut h, Key::Tab);
    type_text(&mut h, "55");
    click_label(&mut h, "Belief map canvas", Modifiers::NONE);
    h.run_ok();
    assert_eq!(vote(&h, "Customers pay more", "Ana"), Some(20));
    assert_eq!(vote(&h, "Customers pay more", "Ben"), Some(80));
    assert_eq!(vote(&h, "Customers pay more", "Chloé"), Some(55));
    assert!(!h.state().doc().workshop.revealed);

    // The map says how many voted, and nothing more.
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    h.get_by_label("Votes on Customers pay more: 3 of 3 voted");
    assert!(h.query_by_label_contains("median").is_none());
    for value in ["20", "80", "55"] {
        assert!(
            h.query_all_by_value(value).next().is_none(),
            "vote {value} shows before the reveal"
        );
    }

    click_label(&mut h, "Reveal votes", Modifiers::NONE);
    assert!(h.state().doc().workshop.revealed);
    h.get_by_label("Votes on Customers pay more: median 55 · IQR 30");
    h.get_by_label("median 55 · IQR 30 · 20–80 · 3 votes");
    // Ben's field now shows his number.
    assert!(h.query_all_by_value("80").count() > 0);

    // The reveal is undoable like any edit.
    click_label(&mut h, "Belief map canvas", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!h.state().doc().workshop.revealed);
    assert!(h.query_by_label_contains("median").is_none());
}

#[test]
fn the_spread_ranks_the_biggest_disagreements() {
    let mut doc = with_people(common::chain(), &["Ana", "Ben", "Chloé", "Dev"]);
    // Node 2 is the belief; node 3 (evidence) takes no votes, so use a
    // second belief.
    doc.nodes[2].kind = credence::model::NodeKind::Assumption;
    let ids: Vec<_> = doc.workshop.participants.iter().map(|p| p.id).collect();
    for (p, v) in ids.iter().zip([10, 40, 60, 90]) {
        doc.workshop.set_vote(NodeId(2), *p, Some(v));
    }
    for (p, v) in ids.iter().zip([45, 55, 50, 50]) {
        doc.workshop.set_vote(NodeId(3), *p, Some(v));
    }
    doc.workshop.revealed = true;
    let mut h = workshop(doc);
    // Median 50, quartiles 32.5 and 67.5: an IQR of 35.
    h.get_by_label("Votes on Customers pay more: median 50 · IQR 35");
    h.get_by_label("Votes on Survey says so: median 50 · IQR 2.5");
    let first = h.get_by_label_contains("1. Customers pay more").rect();
    let second = h.get_by_label_contains("2. Survey says so").rect();
    assert!(first.top() < second.top());
    h.get_by_label_contains("median 50 · IQR 35 · 10–90 · 4 votes");

    // Clicking an entry goes to its card.
    click_label(
        &mut h,
        "2. Survey says so  (median 50 · IQR 2.5 · 45–55 · 4 votes)",
        Modifiers::NONE,
    );
    assert!(h.state().doc_ui.selection.nodes.contains(&NodeId(3)));
}

#[test]
fn a_dot_voting_round_refuses_dots_past_the_limit() {
    let doc = with_people(two_cards(), &["Ana", "Ben"]);
    let mut h = workshop(doc);
    let field = center_of_role(&h, "Dots each", Role::SpinButton);
    click_at(&mut h, field, Modifiers::NONE);
    h.run_ok();
    shortcut(&mut h, Modifiers::COMMAND, Key::A);
    type_text(&mut h, "2");
    press(&mut h, Key::Enter);
    click_label(&mut h, "Start round", Modifiers::NONE);
    let round = h.state().doc().workshop.dot_round.clone().unwrap();
    assert!(round.open);
    assert_eq!(round.per_person, 2);

    // Ana (the first voter) places both her dots with D.
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    press(&mut h, Key::D);
    press(&mut h, Key::D);
    let belief = DotTarget::Node(NodeId(2));
    assert_eq!(h.state().doc().workshop.dots_on(belief), 2);
    // A third is refused, and says why.
    press(&mut h, Key::D);
    assert_eq!(h.state().doc().workshop.dots_on(belief), 2);
    h.get_by_label_contains("Ana has placed all 2 dots");

    // Ben votes on the outcome through the inspector.
    click_label(&mut h, "Voting as", Modifiers::NONE);
    // The list pops up over the panel, which also names Ben as a label.
    let option = center_of_role(&h, "Ben", Role::Button);
    click_at(&mut h, option, Modifiers::NONE);
    h.run_ok();
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    click_label(&mut h, "Place dot (Ben)", Modifiers::NONE);
    assert_eq!(
        h.state().doc().workshop.dots_on(DotTarget::Node(NodeId(1))),
        1
    );
    h.get_by_label("Votes on Grow revenue: 1 dot");
    h.get_by_label("Ben: 1 of 2 dots");

    click_label(&mut h, "End round", Modifiers::NONE);
    assert!(!h.state().doc().workshop.dot_round.as_ref().unwrap().open);
    h.get_by_label("Result");
    let first = h.get_by_label("1. Customers pay more  (2 dots)").rect();
    let second = h.get_by_label("2. Grow revenue  (1 dot)").rect();
    assert!(first.top() < second.top());

    // Taking back a dot is undo away.
    click_label(&mut h, "Belief map canvas", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().doc().workshop.dot_round.as_ref().unwrap().open);
}

#[test]
fn presentation_mode_walks_the_map_and_leaves_it_untouched() {
    let mut h = harness(app_with(common::chain()));
    click_label(&mut h, "Survey says so", Modifiers::NONE);
    let before = h.state().doc().clone();
    let state = h.state().history().state();
    let camera = h.state().camera;
    let spot = |h: &Harness<'_, CredenceApp>| {
        h.state()
            .presentation
            .as_ref()
            .and_then(|p| p.spotlit())
            .map(|id| id.0)
    };

    press(&mut h, Key::F5);
    assert!(h.state().presentation.is_some());
    // The chrome is gone: no toolbar, no inspector.
    assert!(h.query_by_label("Auto-layout").is_none());
    assert!(h.query_by_label("Belief map canvas").is_none());
    // Outcome first, then what it rests on.
    assert_eq!(spot(&h), Some(1));
    press(&mut h, Key::ArrowRight);
    assert_eq!(spot(&h), Some(2));
    press(&mut h, Key::ArrowRight);
    assert_eq!(spot(&h), Some(3));
    press(&mut h, Key::ArrowRight);
    assert_eq!(spot(&h), Some(3), "the walk stops at its end");
    press(&mut h, Key::ArrowLeft);
    assert_eq!(spot(&h), Some(2));
    h.run_steps(60);
    // A click on a card in view spotlights it.
    click_label(&mut h, "Survey says so", Modifiers::NONE);
    assert_eq!(spot(&h), Some(3));
    assert!(h.ctx.zoom_factor() > 1.0, "text and lines grow larger");

    // The timer counts down on egui's clock, and +1 min adds a minute.
    h.get_by_label("Timer 05:00");
    click_label(&mut h, "Start", Modifiers::NONE);
    h.run_steps(90);
    assert!(h.query_by_label("Timer 05:00").is_none());
    h.get_by_label_contains("Timer 04:5");
    click_label(&mut h, "Pause", Modifiers::NONE);
    click_label(&mut h, "+1 min", Modifiers::NONE);
    h.get_by_label_contains("Timer 05:5");

    press(&mut h, Key::Escape);
    assert!(h.state().presentation.is_none());
    assert_eq!(*h.state().doc(), before);
    assert_eq!(h.state().history().state(), state);
    assert_eq!(h.state().camera, camera);
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    assert!(h.state().doc_ui.selection.nodes.contains(&NodeId(3)));
    h.get_by_label("Belief map canvas");
}

#[test]
fn a_saved_path_leads_the_spotlight() {
    let mut h = workshop(common::chain());
    click_label(&mut h, "Presentation path", Modifiers::NONE);
    // Build the path in the panel: the evidence, then the outcome.
    click_label(&mut h, "Survey says so", Modifiers::NONE);
    click_label(&mut h, "Add selected", Modifiers::NONE);
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    click_label(&mut h, "Add selected", Modifiers::NONE);
    assert_eq!(h.state().doc().workshop.path, vec![NodeId(3), NodeId(1)]);
    h.get_by_label("2. Grow revenue");
    click_label(&mut h, "Belief map canvas", Modifiers::NONE);
    press(&mut h, Key::F5);
    let order = h.state().presentation.as_ref().unwrap().order.clone();
    assert_eq!(order, vec![NodeId(3), NodeId(1)]);
    press(&mut h, Key::Escape);
    // The path is part of the document: undo takes the last step away.
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc().workshop.path, vec![NodeId(3)]);
}

#[test]
fn snapshots_and_the_history_slider_show_the_map_as_it_was() {
    let mut h = workshop(two_cards());
    click_field(&mut h, "Snapshot label");
    type_text(&mut h, "Q3 planning");
    click_label(&mut h, "Snapshot", Modifiers::NONE);
    assert_eq!(h.state().doc().snapshots.len(), 1);
    assert_eq!(h.state().doc().snapshots[0].label, "Q3 planning");

    // Certainty grows; a second snapshot records it.
    click_label(&mut h, "Customers pay more", Modifiers::NONE);
    let field = center_of_role(&h, "Confidence", Role::SpinButton);
    click_at(&mut h, field, Modifiers::NONE);
    h.run_ok();
    shortcut(&mut h, Modifiers::COMMAND, Key::A);
    type_text(&mut h, "85");
    press(&mut h, Key::Enter);
    click_field(&mut h, "Snapshot label");
    type_text(&mut h, "Q4 review");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().doc().snapshots.len(), 2);
    h.get_by_label("Confidence history: Q3 planning 50%, Q4 review 85%, now 85%");

    // Slide back to the first snapshot: the map shows 50% again.
    let slider = h.get_by_label("History").rect();
    click_at(
        &mut h,
        slider.left_center() + egui::vec2(2.0, 0.0),
        Modifiers::NONE,
    );
    h.run_ok();
    assert_eq!(h.state().doc_ui.workshop_ui.viewing, Some(0));
    let shown = h.state().shown_doc();
    assert_eq!(node_by_title(shown, "Customers pay more").confidence, 50);
    h.get_by_label_contains("Viewing snapshot 1 of 2: Q3 planning");
    h.get_by_label_contains("The map shows a snapshot");
    // Viewing the past changes nothing.
    assert_eq!(
        node_by_title(h.state().doc(), "Customers pay more").confidence,
        85
    );

    click_label(&mut h, "Back to now", Modifiers::NONE);
    assert_eq!(h.state().doc_ui.workshop_ui.viewing, None);
    assert!(
        h.query_by_label_contains("The map shows a snapshot")
            .is_none()
    );
    assert_eq!(
        node_by_title(h.state().shown_doc(), "Customers pay more").confidence,
        85
    );
}

#[test]
fn snapshot_on_every_save_records_each_changed_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workshop.ron");
    let mut dialogs = credence::ui::ScriptedDialogs::default();
    dialogs.save_answers.push_back(path.clone());
    let mut h = harness(CredenceApp::new(two_cards(), None, Box::new(dialogs)));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    click_label(&mut h, "Snapshot on every save", Modifiers::NONE);
    assert!(h.state().doc().workshop.snapshot_on_save);

    click_label(&mut h, "Belief map canvas", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(h.state().doc().snapshots.len(), 1);
    assert!(h.state().doc().snapshots[0].label.starts_with("Saved "));
    // The snapshot is in the saved file, and the file is clean.
    assert_eq!(credence::io::load(&path).unwrap(), *h.state().doc());
    assert!(!h.state().is_dirty());

    // Saving again with nothing changed adds nothing.
    shortcut(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(h.state().doc().snapshots.len(), 1);
}

/// Ana in an open one-dot round, and a canvas "Onboarding" whose first
/// section holds one note, id 1.
fn canvas_in_a_dot_round() -> Document {
    let mut doc = with_people(two_cards(), &["Ana"]);
    let template = &credence::io::templates::built_in()[0];
    let mut canvas = template.instantiate(credence::model::CanvasId(1), "Onboarding");
    let section = canvas.sections[0].id;
    canvas.notes.push(credence::model::Note {
        id: credence::model::NoteId(1),
        section,
        text: "Admins approve new tools".into(),
        ..Default::default()
    });
    doc.canvases.push(canvas);
    doc.workshop.dot_round = Some(credence::model::DotRound {
        per_person: 1,
        open: true,
        dots: Vec::new(),
    });
    doc
}

fn note_dot(note: u64) -> DotTarget {
    DotTarget::Note {
        canvas: credence::model::CanvasId(1),
        note: credence::model::NoteId(note),
    }
}

#[test]
fn dots_go_on_canvas_notes_too() {
    let doc = canvas_in_a_dot_round();
    let mut h = workshop(doc);
    // Opened mid-round: the first person is voting until someone else is picked.
    assert_eq!(
        h.state().doc_ui.workshop_ui.voter,
        Some(participant(&h, "Ana"))
    );
    click_label(&mut h, "Onboarding", Modifiers::NONE);
    click_label(&mut h, "Note: Admins approve new tools", Modifiers::NONE);
    press(&mut h, Key::D);
    let note = note_dot(1);
    assert_eq!(h.state().doc().workshop.dots_on(note), 1);
    h.get_by_label("Dots here: 1");
    h.get_by_label("1. Admins approve new tools  (1 dot)");
    // Ana's one dot is spent.
    click_label(&mut h, "Place dot (Ana)", Modifiers::NONE);
    assert_eq!(h.state().doc().workshop.dots_on(note), 1);
    h.get_by_label_contains("Ana has placed all 1 dots");
    click_label(&mut h, "Remove dot", Modifiers::NONE);
    assert_eq!(h.state().doc().workshop.dots_on(note), 0);
}

/// A deleted note's dots are kept so that undo brings them back with it;
/// the note written next must not take its id and show them.
#[test]
fn a_note_written_after_a_dotted_one_is_deleted_has_no_dots() {
    let doc = canvas_in_a_dot_round();
    let section = format!("Section {}", doc.canvases[0].sections[0].title);
    let mut h = workshop(doc);
    click_label(&mut h, "Onboarding", Modifiers::NONE);
    click_label(&mut h, "Note: Admins approve new tools", Modifiers::NONE);
    press(&mut h, Key::D);
    assert_eq!(h.state().doc().workshop.dots_on(note_dot(1)), 1);
    press(&mut h, Key::Delete);
    assert!(h.state().doc().canvases[0].notes.is_empty());
    // Let the double-click window of the click on the note pass, so the
    // next two clicks are a double-click and not the end of a triple.
    h.run_steps(30);
    let at = center_of(&h, &section);
    double_click_at(&mut h, at);
    type_text(&mut h, "Pilot with two teams");
    press(&mut h, Key::Enter);
    let notes = &h.state().doc().canvases[0].notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Pilot with two teams");
    let new = note_dot(notes[0].id.0);
    assert_ne!(new, note_dot(1));
    assert_eq!(h.state().doc().workshop.dots_on(new), 0);
    h.get_by_label("Note: Pilot with two teams");
    // Undo takes the new note away and brings the old one back, dot and all.
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    let notes = &h.state().doc().canvases[0].notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Admins approve new tools");
    assert_eq!(h.state().doc().workshop.dots_on(note_dot(1)), 1);
}

#[test]
fn the_timer_shows_when_time_is_up() {
    let mut h = harness(app_with(common::chain()));
    press(&mut h, Key::F5);
    h.state_mut().presentation.as_mut().unwrap().timer.length = 1.0;
    click_label(&mut h, "Reset", Modifiers::NONE);
    h.get_by_label("Timer 00:01");
    click_label(&mut h, "Start", Modifiers::NONE);
    h.run_steps(120);
    h.get_by_label("Timer Time's up");
    click_label(&mut h, "+1 min", Modifiers::NONE);
    h.get_by_label("Timer 01:00");
}
