//! Loading and saving: round trips, every kind of bad input with its exact
//! message, and atomic saves that leave the old file alone.

use credence::io::{self, EXAMPLE_RON};
use credence::model::Document;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

#[test]
fn the_example_is_canonical_and_round_trips() {
    let doc = io::example();
    assert_eq!(doc.nodes.len(), 26);
    assert_eq!(
        io::to_ron(&doc),
        EXAMPLE_RON,
        "examples/north-star.ron is in saved form"
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/north-star.ron");
    assert_eq!(io::load(&path).unwrap(), doc);
}

#[test]
fn the_example_has_every_kind() {
    use credence::model::{EdgeKind, NodeKind};
    let doc = io::example();
    for kind in NodeKind::ALL {
        assert!(doc.nodes.iter().any(|n| n.kind == kind), "no {kind:?}");
    }
    for kind in EdgeKind::ALL {
        assert!(doc.edges.iter().any(|e| e.kind == kind), "no {kind:?}");
    }
}

#[test]
fn save_then_load_gives_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    let doc = io::example();
    io::save(&path, &doc).unwrap();
    assert_eq!(io::load(&path).unwrap(), doc);
    // Saving twice gives byte-identical files, so version control sees no noise.
    let first = std::fs::read(&path).unwrap();
    io::save(&path, &io::load(&path).unwrap()).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
}

/// (fixture, expected `FILE:LINE:COL: message` tail)
const BAD: &[(&str, &str)] = &[
    ("malformed.ron", ":5:5: syntax error: expected comma"),
    (
        "future-version.ron",
        ":2:5: this file has format version 7, but this Credence reads up to version 6; \
         update Credence to open it",
    ),
    (
        "missing-node.ron",
        ":7:30: edge 1 names node 9, which does not exist",
    ),
    ("duplicate-id.ron", ":6:14: duplicate node id 1"),
    (
        "vote-out-of-range.ron",
        ":4:5: a vote on node 1 is 140, outside 0–100",
    ),
    (
        "too-many-dots.ron",
        ":5:5: participant 1 placed 2 dots, over the round's 1 each",
    ),
    ("non-finite.ron", ":4:61: node 1 has a non-finite position"),
    (
        "out-of-range.ron",
        ":4:47: node 1 has confidence 250, outside 0–100",
    ),
    (
        "no-version.ron",
        ":1:1: not a Credence document: it has no `version` field",
    ),
    (
        "plain-text.ron",
        ":1:1: not a Credence document: expected a RON document starting with `(`",
    ),
    (
        "not-ron.ron",
        ": this is a PNG, but it cannot be read: unexpected end of file",
    ),
    (
        "misspelt-field.ron",
        ":1:56: unknown field \"confidnce\" (did you mean \"confidence\"?)",
    ),
    (
        "deep-nesting.ron",
        ":1:99: syntax error: nesting deeper than 128 levels",
    ),
    (
        "not-utf8.ron",
        ": not a Credence document: the file is not UTF-8 text",
    ),
];

#[test]
fn every_bad_input_gets_its_exact_message_and_is_left_alone() {
    for (name, tail) in BAD {
        let path = fixture(name);
        let before = std::fs::read(&path).unwrap();
        let err = io::load(&path).expect_err(name);
        assert_eq!(
            err.to_string(),
            format!("{}{tail}", path.display()),
            "{name}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name} was modified");
    }
}

#[test]
fn an_unknown_kind_names_the_choices() {
    let text = "(\n    version: 1,\n    nodes: [ (id: 1, kind: belif) ],\n)\n";
    let err = io::from_ron(text, Path::new("x.ron")).unwrap_err();
    assert_eq!(err.position, Some((3, 28)));
    assert!(
        err.message.contains("`belif`") && err.message.contains("`belief`"),
        "{err}"
    );
}

#[test]
fn hand_written_files_may_leave_out_fields() {
    let text = "(version: 1, nodes: [(id: 4, kind: bet, title: \"Try it\")])";
    let doc = io::from_ron(text, Path::new("x.ron")).unwrap();
    assert_eq!(doc.nodes[0].title, "Try it");
    assert_eq!(doc.nodes[0].confidence, 50);
    assert!(doc.edges.is_empty());
}

#[test]
fn loading_never_panics_on_truncated_files() {
    // Every prefix of a real document is either a document or a clean error.
    for cut in (0..EXAMPLE_RON.len()).step_by(97) {
        if !EXAMPLE_RON.is_char_boundary(cut) {
            continue;
        }
        let _ = io::from_ron(&EXAMPLE_RON[..cut], Path::new("cut.ron"));
    }
}

/// Makes `dir` read-only for real: permission bits for ordinary users, and
/// a read-only tmpfs mount for root (which ignores permission bits).
/// Returns false if neither is possible on this machine.
fn make_read_only(dir: &Path, file: &Path, content: &[u8]) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(file, content).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(dir.join("probe"), b"x").is_err() {
        return true;
    }
    let _ = std::fs::remove_file(dir.join("probe"));
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new("mount")
            .args(args)
            .status()
            .is_ok_and(|s| s.success())
    };
    let d = dir.to_str().unwrap();
    if !run(&["-t", "tmpfs", "-o", "size=1m", "tmpfs", d]) {
        return false;
    }
    std::fs::write(file, content).unwrap();
    run(&["-o", "remount,ro", d])
}

fn undo_read_only(dir: &Path) {
    let _ = std::process::Command::new("umount").arg(dir).status();
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
}

#[test]
fn a_failed_save_leaves_the_old_file_intact() {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("locked");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("map.ron");
    let old = io::to_ron(&Document::default());
    if !make_read_only(&dir, &file, old.as_bytes()) {
        eprintln!("SKIPPED: cannot make a read-only folder on this machine");
        return;
    }
    let result = io::save(&file, &io::example());
    let after = std::fs::read_to_string(&file);
    let entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    undo_read_only(&dir);

    let err = result.expect_err("saving into a read-only folder must fail");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: could not save: ", file.display())),
        "{message}"
    );
    assert!(
        message.ends_with("the previous file is unchanged"),
        "{message}"
    );
    assert_eq!(after.unwrap(), old, "the old file is intact");
    assert_eq!(
        entries,
        vec![std::ffi::OsString::from("map.ron")],
        "no temp file left behind"
    );
}

#[test]
fn saving_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    let first = io::example();
    io::save(&path, &first).unwrap();
    assert!(
        !io::backup_path(&path).exists(),
        "nothing to back up the first time"
    );
    let mut second = first.clone();
    second.title = "Second".into();
    io::save(&path, &second).unwrap();
    assert_eq!(io::backup_path(&path), dir.path().join("map.ron.bak"));
    assert_eq!(io::load(&io::backup_path(&path)).unwrap(), first);
    assert_eq!(io::load(&path).unwrap(), second);
}

#[test]
fn a_failure_between_writing_and_renaming_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    io::save(&path, &Document::default()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = io::save_with(&path, &io::example(), &io::SaveOptions::default(), |tmp| {
        assert!(tmp.exists(), "the new content is fully written first");
        Err(std::io::Error::other("simulated power cut"))
    })
    .unwrap_err();
    assert!(err.to_string().contains("simulated power cut"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec!["map.ron", "map.ron.bak"],
        "no temporary file left"
    );
}

#[test]
fn oversized_titles_and_maps_are_refused_clearly() {
    let long = "x".repeat(credence::model::MAX_TEXT_CHARS + 1);
    let text = format!(
        "(\n    version: 1,\n    nodes: [\n        (id: 3, kind: belief, title: \"{long}\"),\n    ],\n)\n"
    );
    let err = io::from_ron(&text, Path::new("big.ron")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "big.ron:4:31: node 3 has a title of 100001 characters, over the 100000 limit"
    );
    let mut doc = Document::default();
    for i in 0..=credence::model::MAX_NODES as u64 {
        doc.nodes.push(credence::model::Node::new(
            credence::model::NodeId(i + 1),
            credence::model::NodeKind::Belief,
            "",
        ));
    }
    assert_eq!(
        doc.validate().unwrap_err().to_string(),
        "the map has 200001 nodes, over the 200000 limit"
    );
}

/// Owner and tags are free text too: their length is checked like a title's,
/// at the place in the file that holds them.
#[test]
fn oversized_owners_and_tags_are_refused_where_they_are() {
    let long = "x".repeat(credence::model::MAX_TEXT_CHARS + 1);
    for (field, value) in [
        ("owner", format!("\"{long}\"")),
        ("tags", format!("[\"ok\", \"{long}\"]")),
    ] {
        let text = format!("(\n    version: 4,\n    nodes: [(id: 3, {field}: {value})],\n)\n");
        let err = io::from_ron(&text, Path::new("big.ron")).unwrap_err();
        assert_eq!(
            err.message,
            format!("node 3 has a {field} of 100001 characters, over the 100000 limit")
        );
        assert_eq!(err.position.map(|p| p.0), Some(3), "{field}");
    }
}

/// Every past format version has a fixture that must load and migrate
/// exactly: version 1 (no canvases) is the example board as it was first
/// saved.
#[test]
fn version_1_files_migrate_exactly() {
    let v1 = fixture("../migrations/v1.ron");
    let text = std::fs::read_to_string(&v1).unwrap();
    assert!(text.contains("version: 1,"));
    let doc = credence::io::load(&v1).unwrap();
    assert_eq!(doc, credence::io::example());
    assert!(doc.canvases.is_empty());
    // Saving writes the current version, which loads to the same document.
    let saved = credence::io::to_ron(&doc);
    assert!(saved.contains("version: 6,"));
    assert_eq!(saved, credence::io::EXAMPLE_RON);
}

/// Version 2 (canvases, no workshop) is the discovery example as it was
/// saved then: it loads with an empty workshop and no snapshots.
#[test]
fn version_2_files_migrate_exactly() {
    let v2 = fixture("../migrations/v2.ron");
    let text = std::fs::read_to_string(&v2).unwrap();
    assert!(text.contains("version: 2,"));
    let doc = credence::io::load(&v2).unwrap();
    assert_eq!(doc.canvases.len(), 1);
    assert_eq!(doc.workshop, credence::model::Workshop::default());
    assert!(doc.snapshots.is_empty());
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/discovery.ron");
    assert_eq!(doc, credence::io::load(&example).unwrap());
    assert!(credence::io::to_ron(&doc).contains("version: 6,"));
}

/// Version 3 (workshop, no belief map or learning backlog) is the workshop
/// example as it was saved then: it loads unplaced, with no prompts beyond
/// the two bets had, and the default backlog.
#[test]
fn version_3_files_migrate_exactly() {
    let v3 = fixture("../migrations/v3.ron");
    let text = std::fs::read_to_string(&v3).unwrap();
    assert!(text.contains("version: 3,"));
    let doc = credence::io::load(&v3).unwrap();
    assert_eq!(doc.workshop.participants.len(), 6);
    assert_eq!(doc.workshop.backlog, credence::model::Backlog::default());
    assert!(
        doc.nodes
            .iter()
            .all(|n| n.stance.is_none() && n.convergence.is_none())
    );
    assert!(
        doc.snapshots
            .iter()
            .flat_map(|s| &s.nodes)
            .all(|s| s.importance.is_none())
    );
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/workshop.ron");
    assert_eq!(doc, credence::io::load(&example).unwrap());
    let saved = credence::io::to_ron(&doc);
    assert!(saved.contains("version: 6,"));
    assert_eq!(credence::io::from_ron(&saved, &v3).unwrap(), doc);
}

/// Version 4 (before merge) is the workshop example as it was saved then:
/// it loads with no conflicts, and saves as version 5 with no `conflicts`
/// field, so the file differs by its version line alone.
#[test]
fn version_4_files_migrate_exactly() {
    let v4 = fixture("../migrations/v4.ron");
    let text = std::fs::read_to_string(&v4).unwrap();
    assert!(text.contains("version: 4,"));
    let doc = credence::io::load(&v4).unwrap();
    assert!(doc.conflicts.is_empty());
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/workshop.ron");
    assert_eq!(doc, credence::io::load(&example).unwrap());
    let saved = credence::io::to_ron(&doc);
    assert_eq!(saved, text.replace("version: 4,", "version: 6,"));
    assert!(!saved.contains("conflicts"));
}

/// Version 5 (before pins) is the workshop example as it was saved then:
/// it loads with every card free to move, and saves as version 6 with no
/// `pinned` field, so the file differs by its version line alone. A pinned
/// card is written as `pinned: true` and read back pinned.
#[test]
fn version_5_files_migrate_exactly() {
    let v5 = fixture("../migrations/v5.ron");
    let text = std::fs::read_to_string(&v5).unwrap();
    assert!(text.contains("version: 5,"));
    let mut doc = credence::io::load(&v5).unwrap();
    assert!(doc.nodes.iter().all(|n| !n.pinned));
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/workshop.ron");
    assert_eq!(doc, credence::io::load(&example).unwrap());
    let saved = credence::io::to_ron(&doc);
    assert_eq!(saved, text.replace("version: 5,", "version: 6,"));
    assert!(!saved.contains("pinned"));
    doc.nodes[0].pinned = true;
    let saved = credence::io::to_ron(&doc);
    assert_eq!(saved.matches("pinned: true").count(), 1);
    let back = credence::io::from_ron(&saved, &v5).unwrap();
    assert!(back.nodes[0].pinned && back.nodes[1..].iter().all(|n| !n.pinned));
}

/// Bad template files get a clear message naming the file, and loading
/// never panics, whatever is cut off.
#[test]
fn bad_templates_are_refused_clearly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-templates");
    let cases = [
        ("syntax.ron", ":5:5: invalid template: "),
        (
            "future.ron",
            ":2:5: template version 3 is not one this Credence reads (1)",
        ),
        ("outside.ron", ": section \"A\" does not fit the grid"),
    ];
    for (name, expected) in cases {
        let path = dir.join(name);
        let err = credence::io::templates::load(&path)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!("{}{expected}", path.display())),
            "{name}: {err}"
        );
    }
    let good = credence::io::templates::BUILT_IN[0].1;
    for end in 0..good.len() {
        if good.is_char_boundary(end) {
            let _ = credence::io::templates::parse(&good[..end], Path::new("cut.ron"));
        }
    }
}
