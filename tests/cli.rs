//! The `credence` subcommands, run as a user would run them.

mod common;

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
    assert_eq!(
        out,
        "examples/north-star.ron: ok, 26 nodes, 25 edges, 4 items to learn\n"
    );
}

#[test]
fn check_counts_the_workshop() {
    let (code, out) = credence(&["check", "examples/workshop.ron"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "examples/workshop.ron: ok, 26 nodes, 25 edges, 6 participants, 84 votes, 2 snapshots, 4 items to learn\n"
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
        let (code, _, out) = credence_err(&["check", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(
            out.starts_with(&format!("credence: {}", path.display())),
            "{name}: {out}"
        );
    }
    let (code, _, out) = credence_err(&["check", "does/not/exist.ron"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("credence: does/not/exist.ron: "), "{out}");
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
        "credence: examples/north-star.ron: no node with id or title \"No such belief\"\n"
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

/// `--style compact --aspect 4:3` draws the wide-tier map (which layers
/// turn into a ribbon) near 4:3, keeps a pinned card where it is, and a
/// second run keeping the order moves nothing; a bad aspect is refused and
/// nothing is written.
#[test]
fn layout_compact_fits_the_aspect_and_keeps_pins() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("wide.ron");
    let (code, out) = credence(&["generate", "200", map.to_str().unwrap(), "--shape", "wide"]);
    assert_eq!(code, 0, "{out}");
    let mut doc = credence::io::load(&map).unwrap();
    doc.nodes[3].pinned = true;
    let pin = doc.nodes[3].pos;
    credence::io::save(&map, &doc).unwrap();
    let args = [
        "layout",
        map.to_str().unwrap(),
        "--style",
        "compact",
        "--aspect",
        "4:3",
    ];
    let (code, out) = credence(&args);
    assert_eq!(code, 0, "{out}");
    let laid = credence::io::load(&map).unwrap();
    let (w, h) = common::extent(&laid);
    let ratio = w / h;
    assert!(
        (4.0 / 3.0 / 1.5..=4.0 / 3.0 * 1.5).contains(&ratio),
        "{ratio}"
    );
    assert_eq!(laid.nodes[3].pos, pin, "the pinned card stayed");
    assert!(laid.nodes[3].pinned);
    let (code, _) = credence(&args);
    assert_eq!(code, 0);
    assert_eq!(
        credence::io::load(&map).unwrap(),
        laid,
        "laying out again keeps it"
    );
    let before = std::fs::read(&map).unwrap();
    let (code, _, err) = credence_err(&[
        "layout",
        map.to_str().unwrap(),
        "--style",
        "compact",
        "--aspect",
        "0:1",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("give a width:height between 1:100 and 100:1"),
        "{err}"
    );
    assert_eq!(std::fs::read(&map).unwrap(), before, "nothing written");
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

/// Runs credence with no display of any kind (export must not need one)
/// and returns (exit code, stdout, stderr).
fn credence_err(args: &[&str]) -> (i32, String, String) {
    credence_env(args, &[])
}

/// [`credence_err`] with extra environment variables.
fn credence_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_credence"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn export_writes_every_format_headless() {
    let dir = tempfile::tempdir().unwrap();
    let doc = credence::io::example();
    for ext in ["png", "svg", "canvas", "md", "mmd", "dot"] {
        let out = dir.path().join(format!("map.{ext}"));
        let (code, stdout, stderr) = credence_err(&[
            "export",
            "examples/north-star.ron",
            "-o",
            out.to_str().unwrap(),
            "--scale",
            "1",
        ]);
        assert_eq!(code, 0, "{ext}: {stderr}");
        assert!(
            stdout.starts_with("examples/north-star.ron: wrote "),
            "{stdout}"
        );
        let bytes = std::fs::read(&out).unwrap();
        match ext {
            "md" => assert_eq!(bytes, credence::export::to_markdown(&doc).into_bytes()),
            "mmd" => assert_eq!(bytes, credence::export::to_mermaid(&doc).into_bytes()),
            "dot" => assert_eq!(bytes, credence::export::to_dot(&doc).into_bytes()),
            "canvas" => assert_eq!(
                bytes,
                credence::io::json_canvas::to_canvas(&doc).into_bytes()
            ),
            "png" => {
                let back = credence::io::load(&out).unwrap();
                assert_eq!(back, doc);
            }
            _ => assert!(String::from_utf8(bytes).unwrap().contains("</svg>")),
        }
    }
    // check accepts the PNG, which holds the document.
    let png = dir.path().join("map.png");
    let (code, out) = credence(&["check", png.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "{}: ok, 26 nodes, 25 edges, 4 items to learn\n",
            png.display()
        )
    );
}

#[test]
fn export_options_shape_the_png() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sel.png");
    let (code, _, stderr) = credence_err(&[
        "export",
        "examples/north-star.ron",
        "-o",
        out.to_str().unwrap(),
        "--scale",
        "1",
        "--scope",
        "selection",
        "--nodes",
        "1,Weekly active teams",
        "--background",
        "transparent",
        "--theme",
        "dark",
        "--board",
        "belief-map",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let doc = credence::io::example();
    let ids = vec![credence::model::NodeId(1), credence::model::NodeId(3)];
    let size = credence::export::image_size(
        &doc,
        &credence::export::Options {
            scope: credence::export::Scope::Nodes(ids),
            scale: 1.0,
            ..Default::default()
        },
    );
    let reader = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&out).unwrap()))
        .read_info()
        .unwrap();
    assert_eq!([reader.info().width, reader.info().height], size);
}

#[test]
fn export_errors_are_clear_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let target = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec!["examples/north-star.ron".into(), "-o".into(), target("map.jpeg")],
            format!(
                "credence: {}: unknown export format \".jpeg\"; use one of .png, .svg, .canvas, .md, .mmd, .dot\n",
                target("map.jpeg")
            ),
        ),
        (
            vec!["examples/north-star.ron".into(), "-o".into(), target("map")],
            format!(
                "credence: {}: the output file has no extension; use one of .png, .svg, .canvas, .md, .mmd, .dot\n",
                target("map")
            ),
        ),
        (
            vec![
                "examples/north-star.ron".into(),
                "-o".into(),
                target("map.md"),
                "--board".into(),
                "Roadmap".into(),
            ],
            "credence: no board named \"Roadmap\"; this document has: \"belief map\", \
             \"assumption map\", \"belief 2x2\", \"value x certainty\"\n"
                .into(),
        ),
        (
            vec![
                "examples/north-star.ron".into(),
                "-o".into(),
                target("map.md"),
                "--scope".into(),
                "selection".into(),
            ],
            "credence: --scope selection needs the nodes to export: --nodes ID_OR_TITLE[,…]\n"
                .into(),
        ),
        (
            vec![
                "examples/north-star.ron".into(),
                "-o".into(),
                target("map.md"),
                "--scope".into(),
                "selection".into(),
                "--nodes".into(),
                "Nobody".into(),
            ],
            "credence: examples/north-star.ron: no node with id or title \"Nobody\"\n".into(),
        ),
        (
            vec![
                "examples/north-star.ron".into(),
                "-o".into(),
                target("map.png"),
                "--scale".into(),
                "0".into(),
            ],
            "credence: --scale 0 is out of range; use a value from 0.1 to 16\n".into(),
        ),
        (
            vec![
                "tests/fixtures/bad/missing-node.ron".into(),
                "-o".into(),
                target("map.md"),
            ],
            "credence: tests/fixtures/bad/missing-node.ron:7:30: edge 1 names node 9, which does not exist\n"
                .into(),
        ),
    ];
    for (args, expected) in cases {
        let mut full = vec!["export"];
        full.extend(args.iter().map(String::as_str));
        let (code, stdout, stderr) = credence_err(&full);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(stdout, "");
        assert_eq!(stderr, expected, "{args:?}");
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn import_converts_a_canvas_and_refuses_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported.ron");
    let (code, stdout, stderr) = credence_err(&[
        "import",
        "tests/fixtures/canvas/hand-written.canvas",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "tests/fixtures/canvas/hand-written.canvas: wrote {}, 4 nodes, 3 edges\n",
            out.display()
        )
    );
    let doc = credence::io::load(&out).unwrap();
    assert_eq!(doc.nodes[0].title, "Double weekly active teams");

    let (code, _, stderr) = credence_err(&[
        "import",
        "tests/fixtures/canvas/missing-node.canvas",
        "-o",
        dir.path().join("x.ron").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "credence: tests/fixtures/canvas/missing-node.canvas: edge \"e1\" points to a missing node \"ghost\"\n"
    );
    let (code, _, stderr) = credence_err(&[
        "import",
        "tests/fixtures/canvas/hand-written.canvas",
        "-o",
        dir.path().join("x.txt").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("name it *.ron"), "{stderr}");
}

#[test]
fn a_png_without_a_document_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.png");
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut enc = png::Encoder::new(file, 2, 2);
        enc.set_color(png::ColorType::Rgba);
        enc.write_header()
            .unwrap()
            .write_image_data(&[0; 16])
            .unwrap();
    }
    let (code, _, out) = credence_err(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "credence: {}: this PNG holds no Credence document (only PNGs exported by Credence can be opened)\n",
            path.display()
        )
    );
}

#[test]
fn export_board_picks_a_canvas_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("discovery.md");
    let (code, _, stderr) = credence_err(&[
        "export",
        "examples/discovery.ron",
        "-o",
        out.to_str().unwrap(),
        "--board",
        "discovery",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let doc = credence::io::load(std::path::Path::new("examples/discovery.ron")).unwrap();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        credence::export::canvas_to_markdown(&doc, &doc.canvases[0])
    );
    let (code, _, stderr) = credence_err(&[
        "export",
        "examples/discovery.ron",
        "-o",
        out.to_str().unwrap(),
        "--board",
        "Roadmap",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "credence: no board named \"Roadmap\"; this document has: \"belief map\", \
         \"assumption map\", \"belief 2x2\", \"value x certainty\", \"Discovery\"\n"
    );
}

/// `credence check … | head -1`: a reader that stops early ends the
/// command quietly, as it would `ls`, instead of a "Broken pipe" panic.
#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt as _;
    use std::process::Stdio;
    // More lines than a pipe holds (64 KB), so some write finds it closed
    // however early the command starts writing.
    let files = vec!["examples/north-star.ron"; 1500];
    let mut child = Command::new(env!("CARGO_BIN_EXE_credence"))
        .arg("check")
        .args(&files)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the command has written anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.signal(), Some(13), "ended by SIGPIPE");
}

/// Each 2×2 exports from the command line, by its name in any case, as
/// PNG and SVG; as text it is refused.
#[test]
fn the_2x2_boards_export_by_name() {
    let dir = tempfile::tempdir().unwrap();
    for (name, file) in [
        ("assumption map", "assumptions"),
        ("Belief 2×2", "beliefs"),
        ("VALUE-X-CERTAINTY", "value"),
    ] {
        for ext in ["png", "svg"] {
            let out = dir.path().join(format!("{file}.{ext}"));
            let (code, _, stderr) = credence_err(&[
                "export",
                "examples/workshop.ron",
                "-o",
                out.to_str().unwrap(),
                "--board",
                name,
                "--scale",
                "1",
            ]);
            assert_eq!(code, 0, "{name} {ext}: {stderr}");
            assert!(std::fs::metadata(&out).unwrap().len() > 1000);
        }
    }
    let svg = std::fs::read_to_string(dir.path().join("assumptions.svg")).unwrap();
    assert!(
        svg.contains("Leap of faith"),
        "the quadrant captions are drawn"
    );
    let (code, _, stderr) = credence_err(&[
        "export",
        "examples/workshop.ron",
        "-o",
        dir.path().join("x.md").to_str().unwrap(),
        "--board",
        "belief 2x2",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("use PNG or SVG"), "{stderr}");
}
