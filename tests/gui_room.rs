//! The room opened from the window: the Workshop panel shows the address,
//! the QR code and the code; a phone's vote arrives through the document's
//! queue and shows in "n of m voted"; Close room stops the server.

mod common;

use common::*;
use egui::Modifiers;
use egui_kittest::kittest::Queryable as _;
use serde_json::json;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

#[test]
fn a_phone_votes_through_the_window_and_close_room_stops_the_server() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    click_label(&mut h, "Open room", Modifiers::NONE);
    let address = h.state().room_address().expect("the room is open");
    let code = h.state().room_code().unwrap().to_owned();
    assert!(h.query_by_label_contains("Room QR code: http://").is_some());
    assert!(h.query_by_label(&format!("Code {code}")).is_some());
    // The address as text, and inside the QR code's description.
    assert_eq!(
        h.query_all_by_label_contains(&format!(":{}/?code={code}", address.port()))
            .count(),
        2
    );

    // A phone joins and votes; the window answers it from its frames.
    let base = format!("http://127.0.0.1:{}", address.port());
    let phone = std::thread::spawn(move || {
        let agent = agent();
        let mut joined = agent
            .post(format!("{base}/api/join"))
            .send_json(json!({"code": code, "name": "Ana"}))
            .unwrap();
        assert_eq!(joined.status().as_u16(), 200);
        let body: serde_json::Value = joined.body_mut().read_json().unwrap();
        let token = body["token"].as_str().unwrap().to_owned();
        let voted = agent
            .put(format!("{base}/api/votes/2"))
            .header("Authorization", &format!("Bearer {token}"))
            .send_json(json!({"confidence": 70}))
            .unwrap();
        voted.status().as_u16()
    });
    for _ in 0..600 {
        if phone.is_finished() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(phone.join().unwrap(), 204);
    h.run_ok();
    let w = &h.state().doc().workshop;
    assert_eq!(w.participants.len(), 1);
    assert_eq!(
        w.vote(credence::model::NodeId(2), w.participants[0].id),
        Some(70)
    );
    assert!(
        h.state().is_dirty(),
        "a phone's vote marks the document changed"
    );
    assert!(
        h.query_by_label("Customers pay more: 1 of 1 voted")
            .is_some(),
        "the live count"
    );

    click_label(&mut h, "Close room", Modifiers::NONE);
    assert!(h.state().room_address().is_none());
    assert!(
        std::net::TcpStream::connect(address).is_err(),
        "the port is free"
    );
    assert!(h.query_by_label("Open room").is_some());
}

#[test]
fn opening_another_document_closes_the_room() {
    let dir = tempfile::tempdir().unwrap();
    let next = dir.path().join("next.ron");
    credence::io::save(&next, &chain()).unwrap();
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    click_label(&mut h, "Open room", Modifiers::NONE);
    let address = h.state().room_address().unwrap();
    assert!(h.state_mut().open_path(&next));
    assert!(h.state().room_address().is_none());
    assert!(std::net::TcpStream::connect(address).is_err());
}

/// The window is killed mid-round: the recovery copy, written within a
/// second of the last edit, holds every vote the phones were told was in.
#[test]
fn votes_from_phones_survive_a_crash_in_the_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let store = credence::io::recovery::RecoveryStore::new(dir.path().join("recovery"));
    let mut h = harness(app_with(two_cards()).with_recovery(store.clone()));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    click_label(&mut h, "Open room", Modifiers::NONE);
    let address = h.state().room_address().unwrap();
    let code = h.state().room_code().unwrap().to_owned();
    let base = format!("http://127.0.0.1:{}", address.port());
    let phones = std::thread::spawn(move || {
        let agent = agent();
        for (i, name) in ["Ana", "Ben", "Chloé"].iter().enumerate() {
            let mut joined = agent
                .post(format!("{base}/api/join"))
                .send_json(json!({"code": code, "name": name}))
                .unwrap();
            let body: serde_json::Value = joined.body_mut().read_json().unwrap();
            let token = body["token"].as_str().unwrap().to_owned();
            let status = agent
                .put(format!("{base}/api/votes/2"))
                .header("Authorization", &format!("Bearer {token}"))
                .send_json(json!({"confidence": 20 + 30 * i}))
                .unwrap()
                .status()
                .as_u16();
            assert_eq!(status, 204);
        }
    });
    while !phones.is_finished() {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    phones.join().unwrap();
    // A little over a second of frames, then the "crash": the app is
    // dropped without saving, and only the recovery copy is left.
    h.run_steps(70);
    drop(h);
    let copies = store.list();
    assert_eq!(copies.len(), 1);
    let doc = &copies[0].as_ref().unwrap().doc;
    let votes: Vec<u8> = doc
        .workshop
        .votes_on(credence::model::NodeId(2))
        .iter()
        .map(|(_, v)| *v)
        .collect();
    assert_eq!(votes, [20, 50, 80]);
}

/// The room's rule for Undo: the facilitator's Ctrl+Z takes back their own
/// last change, never a phone's vote that came after it.
#[test]
fn ctrl_z_takes_back_the_facilitators_move_and_keeps_the_phones_vote() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    click_label(&mut h, "Open room", Modifiers::NONE);
    let address = h.state().room_address().unwrap();
    let code = h.state().room_code().unwrap().to_owned();
    let card = credence::model::NodeId(2);
    let before = h.state().doc().node(card).unwrap().pos;
    let from = center_of(&h, "Customers pay more");
    drag(
        &mut h,
        from,
        from + egui::vec2(120.0, 40.0),
        Modifiers::NONE,
    );
    h.run_ok();
    let moved = h.state().doc().node(card).unwrap().pos;
    assert_ne!(moved, before, "the drag moved the card");

    let base = format!("http://127.0.0.1:{}", address.port());
    let phone = std::thread::spawn(move || {
        let agent = agent();
        let mut joined = agent
            .post(format!("{base}/api/join"))
            .send_json(json!({"code": code, "name": "Ana"}))
            .unwrap();
        let body: serde_json::Value = joined.body_mut().read_json().unwrap();
        let token = body["token"].as_str().unwrap().to_owned();
        agent
            .put(format!("{base}/api/votes/2"))
            .header("Authorization", &format!("Bearer {token}"))
            .send_json(json!({"confidence": 65}))
            .unwrap()
            .status()
            .as_u16()
    });
    while !phone.is_finished() {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(phone.join().unwrap(), 204);
    h.run_ok();

    shortcut(&mut h, Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    let doc = h.state().doc();
    assert_eq!(doc.node(card).unwrap().pos, before, "the move is undone");
    let ana = doc.workshop.participants[0].id;
    assert_eq!(doc.workshop.participants[0].name, "Ana", "the join stays");
    assert_eq!(doc.workshop.vote(card, ana), Some(65), "the vote stays");
    assert!(
        !h.state().history().can_undo(),
        "nothing of the room's to undo"
    );

    shortcut(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    h.run_ok();
    let doc = h.state().doc();
    assert_eq!(
        doc.node(card).unwrap().pos,
        moved,
        "redo brings the move back"
    );
    assert_eq!(doc.workshop.vote(card, ana), Some(65));
}
