use credence::edit::Command;
use credence::layout::{LayoutOptions, layout};
use credence::model::*;

#[test]
fn generate() {
    let mut doc = Document::default();
    doc.title = "Workshop: where we agree, where we must learn".into();
    let people = ["Dana (CPO)", "Sam (CFO)", "Priya (Sales)", "Leo (Engineering)", "Mia (Success)"];
    let ids: Vec<ParticipantId> = people.iter().map(|p| doc.workshop.add_participant(p)).collect();
    let mut next = 1u64;
    let mut add = |doc: &mut Document, kind: NodeKind, title: &str, imp: u8, ev: EvidenceStrength, conf: u8| {
        let mut n = Node::new(NodeId(next), kind, title);
        n.importance = imp;
        n.evidence = ev;
        n.confidence = conf;
        next += 1;
        doc.nodes.push(n);
        NodeId(next - 1)
    };
    use EvidenceStrength as E;
    use NodeKind::*;
    let goal = add(&mut doc, Outcome, "Double net new ARR from mid-market by Q4", 5, E::Moderate, 55);
    // (title, stance, votes, before-convergence, importance, evidence)
    let beliefs: &[(&str, Option<u8>, &[u8], Option<u8>, u8, E)] = &[
        ("Sales-led onboarding is why big accounts stay", Some(85), &[80, 85, 75, 82, 78], Some(80), 4, E::Moderate),
        ("Customers buy us for the integrations, not the UI", Some(72), &[20, 90, 45, 85, 30], Some(75), 4, E::Weak),
        ("Annual contracts are the only way to forecast revenue", Some(18), &[85, 80, 90, 88, 82], Some(85), 3, E::Moderate),
        ("Self-serve trials cannibalise paid pilots", Some(15), &[10, 80, 35, 70, 55], Some(70), 5, E::Weak),
        ("Mid-market buyers need SSO before they sign", Some(34), &[90, 40, 20, 75, 60], Some(65), 5, E::None),
        ("A quarterly roadmap keeps sales and product aligned", Some(62), &[60, 70, 55, 45, 65], Some(60), 3, E::Weak),
        ("Price is the main reason deals stall", Some(26), &[30, 35, 25, 40, 30], Some(40), 4, E::Weak),
        ("Community brings more leads than paid ads", Some(42), &[15, 85, 50, 70, 20], Some(55), 3, E::None),
        ("Customer success should own renewals", Some(80), &[50, 90, 30, 65, 70], Some(70), 3, E::Weak),
        ("Partners will resell us in Europe", Some(30), &[], Some(72), 2, E::None),
        ("One product can serve every segment", None, &[], None, 4, E::Weak),
    ];
    let mut belief_ids = Vec::new();
    for (title, stance, votes, before, imp, ev) in beliefs.iter() {
        let med = if votes.is_empty() { 50 } else { let mut v = votes.to_vec(); v.sort(); v[v.len() / 2] };
        let id = add(&mut doc, Belief, title, *imp, *ev, med);
        let n = doc.nodes.last_mut().unwrap();
        n.stance = *stance;
        n.convergence = *before;
        for (p, v) in ids.iter().zip(votes.iter()) {
            doc.workshop.set_vote(id, *p, Some(*v));
        }
        belief_ids.push(id);
    }
    let a1 = add(&mut doc, Assumption, "Mid-market IT teams accept a cloud-only product", 5, E::None, 45);
    {
        let p = &mut doc.nodes.last_mut().unwrap().prompts;
        p.allows_us_to = "drop the on-premise option from the Q3 plan".into();
        p.value_of_less_wrong = "two engineers for a quarter, not spent on packaging".into();
        p.cost_of_being_wrong = "losing the regulated half of the pipeline".into();
        p.progress_looks_like = "ten IT leads interviewed, and a security review passed".into();
    }
    let a2 = add(&mut doc, Assumption, "Admins set up SSO themselves in under an hour", 4, E::Weak, 40);
    {
        let p = &mut doc.nodes.last_mut().unwrap().prompts;
        p.allows_us_to = "sell SSO in the Team plan without a services fee".into();
        p.progress_looks_like = "five admins timed on the beta".into();
    }
    let a3 = add(&mut doc, Assumption, "Trial users invite a colleague within three days", 3, E::Moderate, 60);
    let a4 = add(&mut doc, Assumption, "Procurement accepts monthly billing", 2, E::None, 50);
    for (a, votes) in [(a1, [40u8, 70, 20, 55, 35]), (a2, [30, 60, 45, 20, 50])] {
        for (p, v) in ids.iter().zip(votes) {
            doc.workshop.set_vote(a, *p, Some(v));
        }
    }
    let q = add(&mut doc, Question, "What makes a mid-market deal stall after the demo?", 4, E::None, 50);
    {
        let p = &mut doc.nodes.last_mut().unwrap().prompts;
        p.allows_us_to = "fix the one step that loses most deals".into();
        p.cost_of_being_wrong = "another quarter of discounting that does not help".into();
    }
    let bet1 = add(&mut doc, Bet, "A 14-day self-serve trial for teams under 50", 4, E::Weak, 50);
    {
        let n = doc.nodes.last_mut().unwrap();
        n.horizon = Horizon::OneQuarter;
        n.test_card = TestCard {
            we_believe: "teams under 50 will start paying without a sales call".into(),
            to_verify: "we will open a 14-day trial to half of inbound sign-ups".into(),
            measure: "trial-to-paid conversion and pilot requests in each half".into(),
            right_if: "conversion is at least 8% and pilot requests do not fall".into(),
        };
    }
    let bet2 = add(&mut doc, Bet, "Ship SSO in the Team plan", 4, E::None, 50);
    {
        let n = doc.nodes.last_mut().unwrap();
        n.horizon = Horizon::TwoMonths;
        n.test_card = TestCard {
            we_believe: "SSO unblocks mid-market deals".into(),
            to_verify: "we will offer SSO to the twelve deals now in security review".into(),
            measure: "days from security review to signature".into(),
            right_if: "the median falls by two weeks".into(),
        };
    }
    let mut e = 1u64;
    let mut edge = |doc: &mut Document, from: NodeId, to: NodeId, kind: EdgeKind| {
        doc.edges.push(Edge::new(EdgeId(e), from, to, kind));
        e += 1;
    };
    for b in &belief_ids {
        edge(&mut doc, *b, goal, EdgeKind::Supports);
    }
    edge(&mut doc, a1, belief_ids[4], EdgeKind::DependsOn);
    edge(&mut doc, a2, belief_ids[4], EdgeKind::DependsOn);
    edge(&mut doc, a3, belief_ids[3], EdgeKind::Supports);
    edge(&mut doc, a4, belief_ids[2], EdgeKind::Contradicts);
    edge(&mut doc, q, belief_ids[6], EdgeKind::Supports);
    edge(&mut doc, bet1, a3, EdgeKind::Tests);
    edge(&mut doc, bet2, a2, EdgeKind::Tests);
    let moves = layout(&doc, Option::None, &LayoutOptions::default());
    Command::Move(moves).apply(&mut doc);
    // Before the reveal: hand-placed heights.
    doc.snapshots.push(credence::analysis::belief_map::snapshot(&doc, "Before the workshop".into(), 1_795_000_000));
    doc.workshop.revealed = true;
    doc.snapshots.push(credence::analysis::belief_map::snapshot(&doc, "After the reveal".into(), 1_795_600_000));
    doc.workshop.backlog.in_progress = vec![belief_ids[4]];
    doc.validate().unwrap();
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/beliefs.ron");
    std::fs::write(&p, credence::io::to_ron(&doc)).unwrap();
    let back = credence::io::load(&p).unwrap();
    assert_eq!(back, doc);
    for i in credence::analysis::backlog::items(&doc) {
        println!("{} {:.2} {}", doc.node(i.id).unwrap().title, i.score, i.source());
    }
}
