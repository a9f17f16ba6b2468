//! Cutler's belief map and learning backlog through the real UI: votes
//! revealed and measured into a card's height, drags that set stance (and
//! value × certainty), the backlog's membership, order, WIP warning and
//! Finish step, the learning prompts in the inspector, and the history
//! slider moving cards between snapshots.

mod common;

use common::*;
use credence::model::{Document, EvidenceStrength, Node, NodeId, NodeKind, Workshop};
use credence::ui::CredenceApp;
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn example() -> Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/beliefs.ron");
    credence::io::load(&path).unwrap()
}

/// Lets cards glide to their places (the animation outlasts one `run`).
fn settle(h: &mut Harness<'_, CredenceApp>) {
    for _ in 0..40 {
        h.step();
    }
    h.run_ok();
}

fn rect_of(h: &Harness<'_, CredenceApp>, label: &str) -> Rect {
    h.get_by_label(label).rect()
}

fn board(doc: Document) -> Harness<'static, CredenceApp> {
    let mut h = harness(app_with(doc));
    click_label(&mut h, "Belief 2×2", Modifiers::NONE);
    settle(&mut h);
    h
}

/// Two beliefs, one the room agrees on and one it does not, with votes
/// still hidden.
fn two_beliefs() -> Document {
    let mut doc = Document::default();
    let mut tight = Node::new(NodeId(1), NodeKind::Belief, "We agree on this");
    tight.stance = Some(70);
    let mut wide = Node::new(NodeId(2), NodeKind::Belief, "We split on this");
    wide.stance = Some(30);
    doc.nodes = vec![tight, wide];
    let mut w = Workshop::default();
    let votes = [(60, 5), (65, 95), (62, 40), (70, 80)];
    for (i, (a, b)) in votes.into_iter().enumerate() {
        let p = w.add_participant(&format!("Person {i}"));
        w.set_vote(NodeId(1), p, Some(a));
        w.set_vote(NodeId(2), p, Some(b));
    }
    doc.workshop = w;
    doc
}

#[test]
fn revealed_votes_put_a_tight_spread_high_and_a_wide_one_low() {
    let mut h = board(two_beliefs());
    let plot = rect_of(&h, "Belief map plot");
    // Hidden votes measure nothing, and nobody placed them: both wait in the tray.
    for label in ["Belief: We agree on this", "Belief: We split on this"] {
        assert!(rect_of(&h, label).center().y > plot.bottom(), "{label}");
    }
    click_label(&mut h, "Workshop", Modifiers::NONE);
    click_label(&mut h, "Reveal votes", Modifiers::NONE);
    assert!(h.state().doc().workshop.revealed);
    settle(&mut h);
    let plot = rect_of(&h, "Belief map plot");
    let tight = rect_of(&h, "Belief: We agree on this").center();
    let wide = rect_of(&h, "Belief: We split on this").center();
    assert!(plot.contains(tight) && plot.contains(wide));
    assert!(
        tight.y < plot.center().y,
        "a small spread sits in the top half"
    );
    assert!(
        wide.y > plot.center().y,
        "a wide spread sits in the bottom half"
    );
    // Stance still decides the side.
    assert!(tight.x > plot.center().x && wide.x < plot.center().x);
    // Hiding the votes again takes the measured cards back off the map.
    click_label(&mut h, "Hide votes", Modifiers::NONE);
    settle(&mut h);
    let plot = rect_of(&h, "Belief map plot");
    assert!(rect_of(&h, "Belief: We agree on this").center().y > plot.bottom());
}

/// A point of the plot at fractions of its width and height.
fn at(plot: Rect, fx: f32, fy: f32) -> Pos2 {
    plot.min + egui::vec2(fx * plot.width(), fy * plot.height())
}

#[test]
fn dragging_sets_the_stance_and_undo_reverts_it() {
    let mut doc = two_beliefs();
    doc.workshop.revealed = true;
    let mut placed = Node::new(NodeId(3), NodeKind::Belief, "Placed by the facilitator");
    placed.stance = Some(20);
    placed.convergence = Some(80);
    doc.nodes.push(placed);
    doc.nodes
        .push(Node::new(NodeId(4), NodeKind::Belief, "Not placed yet"));
    let mut h = board(doc);
    let plot = rect_of(&h, "Belief map plot");

    // A hand-placed card: a drag sets stance and convergence together.
    let from = rect_of(&h, "Belief: Placed by the facilitator").center();
    drag(&mut h, from, at(plot, 0.9, 0.75), Modifiers::NONE);
    let n = node_by_title(h.state().doc(), "Placed by the facilitator");
    assert_eq!((n.stance, n.convergence), (Some(90), Some(25)));

    // A measured card: sideways changes the stance; its votes keep the height.
    settle(&mut h);
    let from = rect_of(&h, "Belief: We split on this").center();
    drag(&mut h, from, at(plot, 0.8, 0.1), Modifiers::NONE);
    let n = node_by_title(h.state().doc(), "We split on this");
    assert_eq!((n.stance, n.convergence), (Some(80), None));

    // From the tray onto the map places a card.
    settle(&mut h);
    let from = rect_of(&h, "Belief: Not placed yet").center();
    assert!(from.y > plot.bottom());
    drag(&mut h, from, at(plot, 0.25, 0.25), Modifiers::NONE);
    let n = node_by_title(h.state().doc(), "Not placed yet");
    assert_eq!((n.stance, n.convergence), (Some(25), Some(75)));
    settle(&mut h);
    let card = rect_of(&h, "Belief: Not placed yet").center();
    assert!(plot.contains(card));

    // Each drag is one undo step, newest first.
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        node_by_title(h.state().doc(), "Not placed yet").stance,
        None
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        node_by_title(h.state().doc(), "We split on this").stance,
        Some(30)
    );
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    let n = node_by_title(h.state().doc(), "Placed by the facilitator");
    assert_eq!((n.stance, n.convergence), (Some(20), Some(80)));
}

#[test]
fn arrow_keys_nudge_the_selected_card_and_undo_each_press() {
    let mut doc = two_beliefs();
    doc.nodes[0].convergence = Some(60);
    let mut h = board(doc);
    click_label(&mut h, "Belief: We agree on this", Modifiers::NONE);
    press(&mut h, Key::ArrowRight);
    let n = node_by_title(h.state().doc(), "We agree on this");
    assert_eq!((n.stance, n.convergence), (Some(75), Some(60)));
    shortcut(&mut h, Modifiers::SHIFT, Key::ArrowUp);
    let n = node_by_title(h.state().doc(), "We agree on this");
    assert_eq!((n.stance, n.convergence), (Some(75), Some(61)));
    // On value × certainty the same keys change confidence and importance.
    click_label(&mut h, "Value × certainty", Modifiers::NONE);
    press(&mut h, Key::ArrowDown);
    let n = node_by_title(h.state().doc(), "We agree on this");
    assert_eq!(n.importance, 2);
    for _ in 0..3 {
        shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    }
    let n = node_by_title(h.state().doc(), "We agree on this");
    assert_eq!(
        (n.stance, n.convergence, n.importance),
        (Some(70), Some(60), 3)
    );
}

#[test]
fn value_by_certainty_drags_set_importance_and_confidence() {
    let mut h = board(two_beliefs());
    click_label(&mut h, "Value × certainty", Modifiers::NONE);
    settle(&mut h);
    let plot = rect_of(&h, "Value × certainty plot");
    let before = node_by_title(h.state().doc(), "We agree on this").clone();
    let from = rect_of(&h, "Belief: We agree on this").center();
    drag(&mut h, from, at(plot, 0.15, 0.05), Modifiers::NONE);
    let n = node_by_title(h.state().doc(), "We agree on this");
    assert_eq!((n.importance, n.confidence), (5, 15));
    assert_ne!((before.importance, before.confidence), (5, 15));
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    let n = node_by_title(h.state().doc(), "We agree on this");
    assert_eq!(
        (n.importance, n.confidence),
        (before.importance, before.confidence)
    );
}

fn backlog(doc: Document) -> Harness<'static, CredenceApp> {
    let mut h = harness(app_with(doc));
    click_label(&mut h, "Backlog", Modifiers::NONE);
    h
}

/// The titles the backlog lists, top to bottom.
fn listed(h: &Harness<'_, CredenceApp>) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = h
        .get_all_by_role(Role::ListItem)
        .filter_map(|n| {
            let label = n.accesskit_node().label()?;
            let title = label
                .strip_prefix("Backlog item ")?
                .split_once(": ")?
                .1
                .to_string();
            Some((n.rect().top(), title))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|r| r.1).collect()
}

#[test]
fn the_backlog_lists_the_must_learn_corner_and_the_leaps_of_faith_in_rank_order() {
    let doc = example();
    // The oracle, from the example's own fields: bottom-left on the belief
    // map (stance under 50, votes spread with an IQR over 25), and
    // assumptions of importance 3+ with weak or no evidence.
    let must_learn = [
        "Self-serve trials cannibalise paid pilots",
        "Mid-market buyers need SSO before they sign",
        "Community brings more leads than paid ads",
    ];
    let leaps = [
        "Mid-market IT teams accept a cloud-only product",
        "Admins set up SSO themselves in under an hour",
    ];
    for t in must_learn {
        let n = node_by_title(&doc, t);
        assert!(n.stance.unwrap() < 50);
    }
    for t in leaps {
        let n = node_by_title(&doc, t);
        assert!(n.importance >= 3 && n.evidence <= EvidenceStrength::Weak);
    }
    let mut h = backlog(doc);
    let shown = listed(&h);
    let mut expected: Vec<&str> = must_learn.iter().chain(&leaps).copied().collect();
    let mut sorted = shown.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(
        sorted, expected,
        "exactly the must-learn and leap-of-faith items"
    );
    // Rank: importance × evidence gap × (1 + divergence), highest first.
    let score = |t: &str| {
        let d = h.state().doc();
        let n = node_by_title(d, t);
        let gap = match n.evidence {
            EvidenceStrength::None => 1.0,
            EvidenceStrength::Weak => 0.7,
            EvidenceStrength::Moderate => 0.4,
            EvidenceStrength::Strong => 0.1,
        };
        let spread = credence::analysis::votes::spread(d, n.id);
        let divergence = spread.map_or(0.0, |s| (2.0 * s.iqr()).min(100.0) / 100.0);
        f32::from(n.importance) * gap * (1.0 + divergence)
    };
    let scores: Vec<f32> = shown.iter().map(|t| score(t)).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1] - 0.01),
        "{shown:?} {scores:?}"
    );

    // Dragging the last row to the top makes it first, and the order sticks.
    // The drag starts on the row's rank number, as a hand would grab it.
    let last = rect_of(&h, &format!("Backlog item 5: {}", shown[4]));
    let first = rect_of(&h, &format!("Backlog item 1: {}", shown[0]));
    drag(
        &mut h,
        last.left_top() + egui::vec2(14.0, 14.0),
        first.center_top() + egui::vec2(0.0, 4.0),
        Modifiers::NONE,
    );
    let reordered = listed(&h);
    assert_eq!(reordered[0], shown[4]);
    assert_eq!(reordered[1..], shown[..4]);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(listed(&h), shown);

    // The row's context menu moves it without a drag; it opens on the
    // title too, which takes its own clicks.
    let row = rect_of(&h, &format!("Backlog item 3: {}", shown[2]));
    let at = row.left_top() + egui::vec2(60.0, 14.0);
    h.event(egui::Event::PointerMoved(at));
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_ok();
    click_label(&mut h, "Move up", Modifiers::NONE);
    let moved = listed(&h);
    assert_eq!(moved[1], shown[2]);
    assert_eq!(moved[2], shown[1]);
}

#[test]
fn more_learning_in_progress_than_the_limit_warns() {
    let mut h = backlog(example());
    let warning =
        "Over the limit: 4 in progress, the limit is 3. Finish something before starting more.";
    assert!(h.query_by_label(warning).is_none());
    let doc = h.state().doc();
    assert_eq!(doc.workshop.backlog.in_progress.len(), 1);
    let titles: Vec<String> = listed(&h);
    let idle: Vec<&String> = titles
        .iter()
        .filter(|t| {
            let id = node_by_title(h.state().doc(), t).id;
            !h.state().doc().workshop.backlog.in_progress.contains(&id)
        })
        .collect();
    for t in &idle[..2] {
        click_label(&mut h, &format!("In progress: {t}"), Modifiers::NONE);
    }
    assert!(
        h.query_by_label(warning).is_none(),
        "3 of 3 is at the limit"
    );
    click_label(
        &mut h,
        &format!("In progress: {}", idle[2]),
        Modifiers::NONE,
    );
    assert!(h.query_by_label(warning).is_some());
    assert_eq!(h.state().doc().workshop.backlog.in_progress.len(), 4);
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.query_by_label(warning).is_none());
}

#[test]
fn finishing_an_item_records_its_learning_card_confidence_and_a_snapshot() {
    let mut h = backlog(example());
    let title = "Mid-market buyers need SSO before they sign";
    let before = h.state().doc().clone();
    click_label(&mut h, &format!("Finish: {title}"), Modifiers::NONE);
    let field = center_of_role(&h, "We learned…", Role::MultilineTextInput);
    click_at(&mut h, field, Modifiers::NONE);
    type_text(&mut h, "SSO matters only above 200 seats");
    // A click near the slider's left end sets a low new confidence.
    let old = node_by_title(&before, title).confidence;
    let slider = rect_of_role(&h, "New confidence", Role::Slider);
    click_at(
        &mut h,
        slider.left_center() + egui::vec2(8.0, 0.0),
        Modifiers::NONE,
    );
    h.run_ok();
    let picked = h
        .state()
        .doc_ui
        .backlog_ui
        .finishing_confidence()
        .expect("the dialog is open");
    assert!(picked < old, "{picked} < {old}");
    click_label(&mut h, "Finish and snapshot", Modifiers::NONE);

    let doc = h.state().doc();
    let node = node_by_title(doc, title);
    assert_eq!(
        node.learning_card.learned,
        "SSO matters only above 200 seats"
    );
    assert_eq!(node.confidence, picked);
    assert_eq!(doc.snapshots.len(), before.snapshots.len() + 1);
    let snap = doc.snapshots.last().unwrap();
    assert_eq!(snap.label, format!("Learned: {title}"));
    assert_eq!(snap.state_of(node.id).unwrap().confidence, picked);
    assert!(doc.workshop.backlog.finished.contains(&node.id));
    assert!(!doc.workshop.backlog.in_progress.contains(&node.id));
    assert!(!listed(&h).iter().any(|t| t == title));
    assert!(h.query_by_label("Finished (1)").is_some());

    // One undo takes all of it back.
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().doc(), before);
}

#[test]
fn the_inspector_edits_learning_prompts_and_test_cards() {
    let mut h = harness(app_with(example()));
    let title = "Procurement accepts monthly billing";
    click_label(&mut h, title, Modifiers::NONE);
    let field = center_of_role(&h, "The cost of being wrong is…", Role::MultilineTextInput);
    click_at(&mut h, field, Modifiers::NONE);
    type_text(&mut h, "a lost quarter");
    press(&mut h, Key::Escape);
    let n = node_by_title(h.state().doc(), title);
    assert_eq!(n.prompts.cost_of_being_wrong, "a lost quarter");
    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        node_by_title(h.state().doc(), title)
            .prompts
            .cost_of_being_wrong,
        ""
    );

    let bet = "Ship SSO in the Team plan";
    click_label(&mut h, bet, Modifiers::NONE);
    let field = center_of_role(&h, "We are right if…", Role::MultilineTextInput);
    click_at(&mut h, field, Modifiers::NONE);
    type_text(&mut h, " or by a month");
    press(&mut h, Key::Escape);
    assert!(
        node_by_title(h.state().doc(), bet)
            .test_card
            .right_if
            .contains(" or by a month")
    );
}

#[test]
fn the_history_slider_moves_cards_between_snapshots() {
    let mut h = board(example());
    let card = "Belief: Self-serve trials cannibalise paid pilots";
    let plot = rect_of(&h, "Belief map plot");
    assert!(
        rect_of(&h, card).center().y > plot.center().y,
        "now: we disagree"
    );
    click_label(&mut h, "Workshop", Modifiers::NONE);
    // The far left of the history slider is the first snapshot.
    h.get_all_by_label("History")
        .find(|n| n.accesskit_node().role() == Role::Slider)
        .unwrap()
        .scroll_to_me();
    h.run_ok();
    let slider = rect_of_role(&h, "History", Role::Slider);
    click_at(
        &mut h,
        slider.left_center() + egui::vec2(2.0, 0.0),
        Modifiers::NONE,
    );
    assert_eq!(h.state().doc_ui.workshop_ui.viewing, Some(0));
    // Part-way through the glide the card is between its two places.
    let start = rect_of(&h, card).center().y;
    settle(&mut h);
    let plot = rect_of(&h, "Belief map plot");
    let then = rect_of(&h, card).center().y;
    assert!(
        then < plot.center().y,
        "before the workshop we thought we agreed"
    );
    assert!(start > then);
    // The past is read-only: a drag changes nothing.
    let doc = h.state().doc().clone();
    let from = rect_of(&h, card).center();
    drag(&mut h, from, at(plot, 0.9, 0.9), Modifiers::NONE);
    assert_eq!(*h.state().doc(), doc);
}
