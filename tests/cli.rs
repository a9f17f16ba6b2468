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
