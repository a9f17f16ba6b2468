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

/// A phone's request from another thread while the window runs its
/// frames, as the real window would.
fn while_phone<T: Send + 'static>(
    h: &mut egui_kittest::Harness<'static, credence::ui::CredenceApp>,
    phone: impl FnOnce() -> T + Send + 'static,
) -> T {
    let phone = std::thread::spawn(phone);
    while !phone.is_finished() {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_ok();
    phone.join().unwrap()
}

fn join_as(base: &str, code: &str, name: &str) -> String {
    let mut joined = agent()
        .post(format!("{base}/api/join"))
        .send_json(json!({"code": code, "name": name}))
        .unwrap();
    assert_eq!(joined.status().as_u16(), 200);
    let body: serde_json::Value = joined.body_mut().read_json().unwrap();
    body["token"].as_str().unwrap().to_owned()
}

fn state_of(base: &str, token: &str) -> (u16, serde_json::Value) {
    let mut response = agent()
        .get(format!("{base}/api/state"))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_json().unwrap_or_default())
}

/// Two cards and a Lean Capability Canvas.
fn with_canvas() -> credence::model::Document {
    let mut doc = two_cards();
    doc.nodes.push(
        credence::model::Node::new(
            credence::model::NodeId(3),
            credence::model::NodeKind::Assumption,
            "Teams have an hour a week",
        )
        .at(300.0, 250.0),
    );
    let template = credence::io::templates::built_in()
        .into_iter()
        .find(|t| t.name == "Lean Capability Canvas")
        .unwrap();
    doc.canvases
        .push(template.instantiate(credence::model::CanvasId(1), "Capability"));
    doc
}

#[test]
fn the_facilitator_chooses_the_cards_and_releases_a_name_from_the_window() {
    let mut h = harness(app_with(with_canvas()));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    click_label(&mut h, "Open room", Modifiers::NONE);
    let port = h.state().room_address().unwrap().port();
    let code = h.state().room_code().unwrap().to_owned();
    let base = format!("http://127.0.0.1:{port}");
    let token = {
        let (base, code) = (base.clone(), code.clone());
        while_phone(&mut h, move || join_as(&base, &code, "Ana"))
    };
    let kinds = |base: String, token: String| {
        move || {
            let (_, state) = state_of(&base, &token);
            state["cards"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["kind"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        while_phone(&mut h, kinds(base.clone(), token.clone())),
        ["Belief"]
    );
    let combo = center_of_role(&h, "Phones vote on", egui::accesskit::Role::ComboBox);
    click_at(&mut h, combo, Modifiers::NONE);
    h.run_ok();
    click_label(&mut h, "All assumptions", Modifiers::NONE);
    assert_eq!(
        while_phone(&mut h, kinds(base.clone(), token.clone())),
        ["Assumption"],
        "the phones list what the window chose"
    );

    assert!(h.query_by_label("1 of 1 on a phone").is_some());
    click_label(&mut h, "Release", Modifiers::NONE);
    let (status, _) = {
        let (base, token) = (base.clone(), token.clone());
        while_phone(&mut h, move || state_of(&base, &token))
    };
    assert_eq!(status, 401, "the released phone is signed out");
    assert!(h.query_by_label("0 of 1 on a phone").is_some());

    click_label(&mut h, "Lock the list of names", Modifiers::NONE);
    let status = {
        let (base, code) = (base.clone(), code.clone());
        while_phone(&mut h, move || {
            agent()
                .post(format!("{base}/api/join"))
                .send_json(json!({"code": code, "name": "Newcomer"}))
                .unwrap()
                .status()
                .as_u16()
        })
    };
    assert_eq!(status, 403, "locked: no new names");
    assert_eq!(h.state().doc().workshop.participants.len(), 1);
}

#[test]
fn silent_writing_shows_a_count_until_the_reveal_lands_the_notes() {
    let mut h = harness(app_with(with_canvas()));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    click_label(&mut h, "Open room", Modifiers::NONE);
    let port = h.state().room_address().unwrap().port();
    let code = h.state().room_code().unwrap().to_owned();
    let base = format!("http://127.0.0.1:{port}");
    let combo = center_of_role(&h, "Phones write into", egui::accesskit::Role::ComboBox);
    click_at(&mut h, combo, Modifiers::NONE);
    h.run_ok();
    click_label(&mut h, "Capability: Current challenges", Modifiers::NONE);
    let status = {
        let base = base.clone();
        while_phone(&mut h, move || {
            let token = join_as(&base, &code, "Ana");
            ["Too many meetings", "Nobody owns onboarding"]
                .iter()
                .map(|text| {
                    agent()
                        .post(format!("{base}/api/notes"))
                        .header("Authorization", &format!("Bearer {token}"))
                        .send_json(json!({ "text": text }))
                        .unwrap()
                        .status()
                        .as_u16()
                })
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(status, [201, 201]);
    assert!(h.query_by_label("2 notes waiting").is_some());
    let canvas = &h.state().doc().canvases[0];
    assert!(canvas.notes.is_empty(), "hidden: not in the document yet");

    // The big screen shows the count on the section, and nothing more.
    click_label(&mut h, "Capability", Modifiers::NONE);
    assert_eq!(h.query_all_by_label("2 notes waiting").count(), 2);
    assert!(h.query_by_label_contains("Too many meetings").is_none());

    click_label(&mut h, "Reveal notes", Modifiers::NONE);
    let canvas = &h.state().doc().canvases[0];
    let section = canvas.sections[2].id;
    let texts: Vec<&str> = canvas.notes_in(section).map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Too many meetings", "Nobody owns onboarding"]);
    assert!(h.query_by_label("0 notes waiting").is_some());

    shortcut(&mut h, Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert!(
        h.state().doc().canvases[0].notes.is_empty(),
        "the reveal is the facilitator's own step: one undo"
    );
}

#[test]
fn presentation_opens_on_the_join_slide_while_a_room_is_open() {
    let mut h = harness(app_with(two_cards()));
    click_label(&mut h, "Workshop", Modifiers::NONE);
    click_label(&mut h, "Open room", Modifiers::NONE);
    press(&mut h, egui::Key::F5);
    h.run_ok();
    assert!(h.query_by_label("Join slide").is_some());
    let qr = h.get_by_label_contains("Room QR code: http://").rect();
    let screen = h.get_by_label("Join slide").rect();
    assert!(
        qr.width() >= screen.width() / 2.0 - 60.0 || qr.height() >= screen.height() - 60.0,
        "the QR code fills half the screen: {qr:?} of {screen:?}"
    );
    assert!(h.query_by_label_contains("Room code").is_some());
    press(&mut h, egui::Key::J);
    h.run_ok();
    assert!(h.query_by_label("Join slide").is_none(), "J shows the map");
    assert!(h.query_by_label("Presentation").is_some());
    press(&mut h, egui::Key::J);
    h.run_ok();
    assert!(
        h.query_by_label("Join slide").is_some(),
        "and J brings it back"
    );
}
