//! `credence diff` and `credence merge` as processes, and merging through a
//! real git repository configured as the README says.

use credence::model::{
    Canvas, CanvasId, Document, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind, Note, NoteId,
    Section, SectionId, Snapshot, Status,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn credence(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_credence"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn save(dir: &Path, name: &str, doc: &Document) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, credence::io::to_ron(doc)).unwrap();
    path
}

/// Two cards, an edge, a canvas with a note, Ana voting, one snapshot.
fn small() -> Document {
    let mut price = Node::new(
        NodeId(1),
        NodeKind::Belief,
        "Price is the main reason deals stall",
    );
    price.confidence = 40;
    let revenue = Node::new(NodeId(2), NodeKind::Outcome, "Grow revenue");
    let mut doc = Document {
        title: "Pricing".into(),
        nodes: vec![price, revenue],
        edges: vec![Edge::new(
            EdgeId(1),
            NodeId(1),
            NodeId(2),
            EdgeKind::Supports,
        )],
        ..Document::default()
    };
    let mut canvas = Canvas {
        id: CanvasId(1),
        name: "Discovery".into(),
        columns: 1,
        rows: 1,
        ..Canvas::default()
    };
    canvas.sections.push(Section {
        id: SectionId(1),
        title: "Challenges".into(),
        ..Section::default()
    });
    canvas.notes.push(Note {
        id: NoteId(1),
        section: SectionId(1),
        text: "Deals stall at procurement".into(),
        colour: None,
        link: None,
    });
    doc.canvases.push(canvas);
    let ana = doc.workshop.add_participant("Ana");
    doc.workshop.set_vote(NodeId(1), ana, Some(30));
    doc
}

#[test]
fn diff_names_every_change_by_title() {
    let dir = tempfile::tempdir().unwrap();
    let old = small();
    let mut new = old.clone();
    new.nodes[0].confidence = 65;
    new.nodes[0].status = Status::Testing;
    let mut added = Node::new(NodeId(3), NodeKind::Belief, "Teams share maps weekly");
    added.confidence = 60;
    new.nodes.push(added);
    new.edges.push(Edge::new(
        EdgeId(2),
        NodeId(3),
        NodeId(2),
        EdgeKind::Supports,
    ));
    new.edges[0].kind = EdgeKind::DependsOn;
    new.canvases[0].notes[0].text = "Deals stall at legal review".into();
    new.workshop
        .set_vote(NodeId(1), credence::model::ParticipantId(1), Some(55));
    new.snapshots.push(Snapshot {
        label: "Q3 planning".into(),
        taken: 1_767_225_600,
        nodes: Vec::new(),
    });
    let (a, b) = (
        save(dir.path(), "old.ron", &old),
        save(dir.path(), "new.ron", &new),
    );

    let out = credence(&["diff", "old.ron", "new.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1), "they differ");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "~ \"Price is the main reason deals stall\": confidence 40 → 65, status untested → testing\n\
         + belief \"Teams share maps weekly\" (60%)\n\
         ~ edge \"Price is the main reason deals stall\" depends on \"Grow revenue\": supports → depends on\n\
         + edge \"Teams share maps weekly\" supports \"Grow revenue\"\n\
         ~ note \"Deals stall at procurement\" in \"Discovery\" / \"Challenges\": text → \"Deals stall at legal review\"\n\
         ~ vote: Ana on \"Price is the main reason deals stall\" 30% → 55%\n\
         + snapshot \"Q3 planning\"\n"
    );

    let out = credence(&["diff", "--stat", "old.ron", "new.ron"], dir.path());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "cards +1 ~1, edges +1 ~1, notes ~1, votes ~1, snapshots +1\n"
    );
    let out = credence(&["diff", "old.ron", "old.ron"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    // git's seven arguments: a header, and 0 however they differ.
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = credence(
        &["diff", "map.ron", a, "abc", "100644", b, "def", "100644"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("credence diff a/map.ron b/map.ron\n~ \"Price"),
        "{text}"
    );
    // A file added in git is compared with /dev/null.
    let out = credence(&["diff", "/dev/null", "old.ron"], dir.path());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("+ belief \"Price is")
    );
}

#[test]
fn merge_refuses_a_bad_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let doc = small();
    save(dir.path(), "base.ron", &doc);
    let ours = save(dir.path(), "ours.ron", &doc);
    std::fs::write(
        dir.path().join("theirs.ron"),
        "(\n    version: 6,\n    nodes: [(id: 1, confidence: 300)],\n)\n",
    )
    .unwrap();
    let before = std::fs::read(&ours).unwrap();
    let out = credence(&["merge", "base.ron", "ours.ron", "theirs.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("theirs.ron:3:"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(std::fs::read(&ours).unwrap(), before);
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap()
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The README's git setup, word for word: the driver lines and the
/// attributes line, with the binary under test standing in for
/// `credence` on PATH.
fn set_up_repository(dir: &Path) {
    git_ok(dir, &["init", "-q", "-b", "main"]);
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let bin = env!("CARGO_BIN_EXE_credence");
    let mut configured = 0;
    for line in readme.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("git config ") {
            // `git config KEY "VALUE"`, as the README writes it.
            let (key, value) = rest.split_once(' ').unwrap();
            let value = value
                .trim_matches('"')
                .replacen("credence ", &format!("{bin} "), 1);
            git_ok(dir, &["config", key, &value]);
            configured += 1;
        }
        if let Some(attributes) = line
            .strip_prefix("echo '")
            .and_then(|l| l.strip_suffix("' >> .gitattributes"))
        {
            std::fs::write(dir.join(".gitattributes"), format!("{attributes}\n")).unwrap();
            configured += 1;
        }
    }
    assert_eq!(
        configured, 4,
        "the README gives three git config lines and the attributes line"
    );
}

#[test]
fn git_merges_two_branches_through_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    set_up_repository(dir);
    let base = small();
    save(dir, "map.ron", &base);
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", "base"]);

    // Branch "pricing": re-rates the belief, adds a card.
    git_ok(dir, &["checkout", "-q", "-b", "pricing"]);
    let mut ours = base.clone();
    ours.nodes[0].confidence = 65;
    let id = ours.next_node_id();
    ours.nodes.push(Node::new(
        id,
        NodeKind::Assumption,
        "Buyers compare us with spreadsheets",
    ));
    ours.edges
        .push(Edge::new(EdgeId(2), id, NodeId(1), EdgeKind::DependsOn));
    save(dir, "map.ron", &ours);
    git_ok(dir, &["commit", "-q", "-am", "pricing"]);

    // Branch "research", from main: a conflicting rating, a different
    // card retitled, and its own new card with the same new id.
    git_ok(dir, &["checkout", "-q", "main"]);
    git_ok(dir, &["checkout", "-q", "-b", "research"]);
    let mut theirs = base.clone();
    theirs.nodes[0].confidence = 20;
    theirs.nodes[1].title = "Grow revenue 20% a year".into();
    let id = theirs.next_node_id();
    theirs.nodes.push(Node::new(
        id,
        NodeKind::Evidence,
        "Three lost deals named price",
    ));
    theirs
        .edges
        .push(Edge::new(EdgeId(2), id, NodeId(1), EdgeKind::Supports));
    save(dir, "map.ron", &theirs);
    git_ok(dir, &["commit", "-q", "-am", "research"]);

    // git diff shows the change by title, through `credence diff`.
    let shown = git_ok(dir, &["diff", "main", "research", "--", "map.ron"]);
    assert!(
        shown.contains("~ \"Grow revenue\": title → \"Grow revenue 20% a year\""),
        "{shown}"
    );
    assert!(
        shown.contains("+ evidence \"Three lost deals named price\" (50%)"),
        "{shown}"
    );

    git_ok(dir, &["checkout", "-q", "pricing"]);
    let merge = git(dir, &["merge", "--no-edit", "research"]);
    assert!(
        !merge.status.success(),
        "a conflict stops the merge for a person to look"
    );
    let text = std::fs::read_to_string(dir.join("map.ron")).unwrap();
    assert!(!text.contains("<<<<<<<"), "no conflict markers");
    let doc = credence::io::from_ron(&text, Path::new("map.ron")).unwrap();
    assert!(doc.validate().is_ok());
    let titles: Vec<&str> = doc.nodes.iter().map(|n| n.title.as_str()).collect();
    assert!(titles.contains(&"Buyers compare us with spreadsheets"));
    assert!(titles.contains(&"Three lost deals named price"));
    assert!(titles.contains(&"Grow revenue 20% a year"));
    let mut ids: Vec<_> = doc.nodes.iter().map(|n| n.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "no duplicate ids");
    assert_eq!(doc.edges.len(), 3);
    let evidence = doc
        .nodes
        .iter()
        .find(|n| n.title == "Three lost deals named price")
        .unwrap();
    assert!(
        doc.edges
            .iter()
            .any(|e| e.from == evidence.id && e.to == NodeId(1)),
        "its edge followed the new id"
    );
    assert_eq!(doc.node(NodeId(1)).unwrap().confidence, 65, "ours kept");
    assert_eq!(doc.conflicts.len(), 1);
    assert_eq!(doc.conflicts[0].fields, ["confidence"]);
    assert_eq!(
        doc.conflicts[0].describe(&doc),
        "card \"Price is the main reason deals stall\": confidence"
    );
    let check = credence(&["check", "map.ron"], dir);
    assert!(check.status.success());
    assert!(
        String::from_utf8(check.stdout)
            .unwrap()
            .contains("1 merge conflict to resolve")
    );

    // A merge without conflicts completes by itself.
    git_ok(dir, &["merge", "--abort"]);
    git_ok(dir, &["checkout", "-q", "-b", "calm", "main"]);
    let mut calm = base.clone();
    calm.title = "Pricing, Q3".into();
    save(dir, "map.ron", &calm);
    git_ok(dir, &["commit", "-q", "-am", "calm"]);
    git_ok(dir, &["merge", "--no-edit", "-q", "research"]);
    let doc = credence::io::load(&dir.join("map.ron")).unwrap();
    assert_eq!(doc.title, "Pricing, Q3");
    assert_eq!(doc.nodes.len(), 3);
    assert!(doc.conflicts.is_empty());
}
