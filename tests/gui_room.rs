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
