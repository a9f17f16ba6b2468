//! The `credence check` command, run as a user would run it.

use std::path::Path;
use std::process::Command;

fn credence(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_credence"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn check_reports_a_good_file() {
    let (code, out) = credence(&["check", "examples/north-star.ron"]);
    assert_eq!(code, 0);
    assert_eq!(out, "examples/north-star.ron: ok, 26 nodes, 25 edges\n");
}

#[test]
fn check_reports_each_file_and_fails_on_any_error() {
    let (code, out) = credence(&[
        "check",
        "examples/north-star.ron",
        "tests/fixtures/bad/missing-node.ron",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "examples/north-star.ron: ok, 26 nodes, 25 edges\n\
         tests/fixtures/bad/missing-node.ron:7:30: edge 1 names node 9, which does not exist\n"
    );
}

#[test]
fn check_warns_about_cycles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loop.ron");
    std::fs::write(
        &path,
        "(version: 1, nodes: [(id: 1), (id: 2)], edges: [\
         (id: 1, from: 1, to: 2, kind: supports), (id: 2, from: 2, to: 1, kind: supports)])",
    )
    .unwrap();
    let (code, out) = credence(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "{}: ok, 2 nodes, 2 edges; warning: 1 cycle\n",
            path.display()
        )
    );
}

#[test]
fn check_never_panics_on_odd_files() {
    let dir = tempfile::tempdir().unwrap();
    let nested = format!("(version: 1, title: {})", "[".repeat(10_000));
    let odd: &[(&str, &[u8])] = &[
        ("empty.ron", b""),
        ("binary.ron", &[0, 159, 146, 150, 255]),
        ("unfinished.ron", b"(version: 1, title: "),
        ("nested.ron", nested.as_bytes()),
    ];
    for (name, bytes) in odd {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, out) = credence(&["check", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(
            out.starts_with(&path.display().to_string()),
            "{name}: {out}"
        );
    }
    let (code, out) = credence(&["check", "does/not/exist.ron"]);
    assert_eq!(code, 1);
    assert!(
        Path::new("does/not/exist.ron")
            .to_str()
            .is_some_and(|p| out.starts_with(p))
    );
}

#[test]
fn trace_lists_upstream_and_downstream_breadth_first() {
    let (code, out) = credence(&[
        "trace",
        "examples/north-star.ron",
        "Teams that share a map in week one stay for a year",
        "--up",
    ]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        vec![
            "4\tmetric\tActivation: first shared map within 7 days",
            "9\tassumption\tNew users understand the map vocabulary without training",
            "20\tevidence\tChurned teams never invited a second member",
            "14\tbet\tGuided first-map template",
            "19\tevidence\tUsability test: 7 of 8 created a map unaided",
        ]
    );
    let (code, out) = credence(&["trace", "examples/north-star.ron", "5", "--down"]);
    assert_eq!(code, 0);
    assert_eq!(out, "1\toutcome\t5,000 weekly active teams by Q4\n");
}

#[test]
fn trace_of_an_unknown_node_fails_clearly() {
    let out = Command::new(env!("CARGO_BIN_EXE_credence"))
        .args(["trace", "examples/north-star.ron", "No such belief"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "examples/north-star.ron: no node with id or title \"No such belief\"\n"
    );
}

#[test]
fn layout_writes_a_laid_out_copy_and_leaves_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laid-out.ron");
    let (code, stdout) = credence(&[
        "layout",
        "examples/north-star.ron",
        "-o",
        out.to_str().unwrap(),
        "--direction",
        "right",
    ]);
    assert_eq!(code, 0, "{stdout}");
    let before = credence::io::example();
    let after = credence::io::load(&out).unwrap();
    assert_eq!(after.nodes.len(), before.nodes.len());
    assert_ne!(after, before, "positions changed");
    // Right: every non-reversed edge goes from left to right.
    for e in &after.edges {
        let (a, b) = (after.node(e.from).unwrap(), after.node(e.to).unwrap());
        assert!(a.pos.x < b.pos.x, "{} → {}", a.title, b.title);
    }
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/north-star.ron");
    assert_eq!(
        std::fs::read_to_string(repo).unwrap(),
        credence::io::EXAMPLE_RON,
        "-o leaves FILE alone"
    );
}

#[test]
fn generate_then_bench_frames_prints_every_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    let (code, out) = credence(&["generate", "300", map.to_str().unwrap(), "--layout"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with(": 300 nodes, 374 edges\n"), "{out}");
    let (code, out) = credence(&["bench", map.to_str().unwrap(), "--frames", "5"]);
    assert_eq!(code, 0, "{out}");
    for scenario in ["idle redraw", "pan", "zoom", "drag 50 selected nodes"] {
        assert!(
            out.contains(&format!("| {scenario} | 5 |")),
            "{scenario} missing in:\n{out}"
        );
    }
}
