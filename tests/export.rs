//! Export formats checked on small maps: exact Markdown and Mermaid, JSON
//! Canvas fields and round trip, hand-written canvas imports, and PNGs
//! (size, embedded document, tiling seams, transparency) rendered on the
//! CPU, with no GPU driver needed.

use credence::export::{self, Background, Format, Options, Scope};
use credence::io::json_canvas::{from_canvas, to_canvas};
use credence::io::png_doc::from_png;
use credence::model::{Document, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind, Rgb, Status};
use credence::render::Theme;
use std::path::Path;

fn small_map() -> Document {
    let mut bet = Node::new(NodeId(4), NodeKind::Bet, "Run a pricing test").at(300.0, 600.0);
    bet.confidence = 40;
    bet.status = Status::Testing;
    let mut assumption =
        Node::new(NodeId(3), NodeKind::Assumption, "Budgets exist").at(300.0, 400.0);
    assumption.colour = Some(Rgb(0x12, 0x34, 0x56));
    Document {
        title: "Small map".into(),
        nodes: vec![
            Node::new(NodeId(1), NodeKind::Outcome, "Grow revenue").at(0.0, 0.0),
            Node::new(NodeId(2), NodeKind::Belief, "Customers \"pay\" more").at(0.0, 200.0),
            assumption,
            bet,
        ],
        edges: vec![
            Edge::new(EdgeId(1), NodeId(2), NodeId(1), EdgeKind::Supports),
            Edge::new(EdgeId(2), NodeId(3), NodeId(2), EdgeKind::DependsOn),
            Edge::new(EdgeId(3), NodeId(4), NodeId(3), EdgeKind::Tests),
        ],
        ..Default::default()
    }
}

fn no_progress() -> impl FnMut(f32) {
    |_| {}
}

#[test]
fn markdown_outline_is_exact() {
    let expected = "\
# Small map

## Outcomes

- **Outcome:** Grow revenue — 50%, untested
  - **Belief:** Customers \"pay\" more — 50%, untested
    - **Assumption:** Budgets exist — 50%, untested
      - **Bet:** Run a pricing test — 40%, testing

## Riskiest assumptions

1. Budgets exist — score 6.0 (importance 3, evidence none, 1 bets/outcomes rest on it)

## Learning backlog

Learning in progress: 0 of 3.

1. **Budgets exist** — leap of faith (assumption map)
";
    assert_eq!(export::to_markdown(&small_map()), expected);
}

/// The backlog in rank order with the prompts that are filled in, and the
/// finished items with what they taught.
#[test]
fn markdown_lists_the_learning_backlog_with_its_prompts() {
    let mut doc = small_map();
    let mut belief = doc.nodes[1].clone();
    belief.stance = Some(10);
    belief.convergence = Some(10);
    belief.importance = 5;
    belief.prompts.cost_of_being_wrong = "a year of the wrong pricing".into();
    doc.nodes[1] = belief;
    doc.nodes[2].prompts.allows_us_to = "set the price".into();
    doc.workshop.backlog.in_progress = vec![NodeId(3)];
    let md = export::to_markdown(&doc);
    let backlog = &md[md.find("## Learning backlog").unwrap()..];
    assert!(
        backlog.starts_with(
            "## Learning backlog\n\nLearning in progress: 1 of 3.\n\n\
             1. **Customers \"pay\" more** — must learn (belief map)\n   \
             - The cost of being wrong is a year of the wrong pricing\n\
             2. **Budgets exist** — leap of faith (assumption map); in progress\n   \
             - Reducing uncertainty here will allow us to set the price\n"
        ),
        "{backlog}"
    );
    // Finished: off the backlog, into "Learned" with its learning card.
    doc.workshop.backlog.finished = vec![NodeId(3)];
    doc.nodes[2].learning_card.learned = "budgets exist, but sit with IT".into();
    let md = export::to_markdown(&doc);
    assert!(!md.contains("2. **Budgets exist**"));
    assert!(md.contains(
        "## Learned\n\n- **Budgets exist** — now 50%\n   \
         - Reducing uncertainty here will allow us to set the price\n   \
         - We learned budgets exist, but sit with IT\n"
    ));
}

/// Revealed votes carry their spread and who said what; hidden ones are
/// left out entirely; a dot round adds its ranked result.
#[test]
fn markdown_lists_the_spread_only_after_the_reveal() {
    let mut doc = small_map();
    let mut w = credence::model::Workshop::default();
    let ana = w.add_participant("Ana");
    let ben = w.add_participant("Ben");
    w.set_vote(NodeId(3), ana, Some(20));
    w.set_vote(NodeId(3), ben, Some(70));
    w.dot_round = Some(credence::model::DotRound {
        per_person: 2,
        open: true,
        dots: Vec::new(),
    });
    let bet = credence::model::DotTarget::Node(NodeId(4));
    w.place_dot(ana, bet).unwrap();
    w.place_dot(ben, bet).unwrap();
    w.place_dot(ben, credence::model::DotTarget::Node(NodeId(1)))
        .unwrap();
    doc.workshop = w;
    let hidden = export::to_markdown(&doc);
    assert!(
        !hidden.contains("votes:") && !hidden.contains("20"),
        "{hidden}"
    );
    assert!(
        hidden.contains(
            "## Dot voting\n\n1. Run a pricing test — 2 dots\n2. Grow revenue — 1 dot\n\n## Learning"
        ),
        "{hidden}"
    );

    doc.workshop.revealed = true;
    let md = export::to_markdown(&doc);
    assert!(md.contains(
        "    - **Assumption:** Budgets exist — 50%, untested; votes: median 45, IQR 25 (2 votes)\n"
    ), "{md}");
    assert!(md.contains(
        "## Biggest disagreements\n\n1. Budgets exist — median 45, IQR 25, range 20–70 (Ana 20, Ben 70)\n"
    ), "{md}");
}

#[test]
fn markdown_writes_shared_nodes_once_and_survives_cycles() {
    let mut doc = small_map();
    // A cycle 1 -> 4 -> 3 -> 2 -> 1, and a second parent for node 3.
    doc.edges.push(Edge::new(
        EdgeId(4),
        NodeId(1),
        NodeId(4),
        EdgeKind::Supports,
    ));
    doc.nodes
        .push(Node::new(NodeId(5), NodeKind::Outcome, "Second outcome").at(600.0, 0.0));
    doc.edges.push(Edge::new(
        EdgeId(5),
        NodeId(3),
        NodeId(5),
        EdgeKind::Supports,
    ));
    let md = export::to_markdown(&doc);
    assert_eq!(
        md.matches("Budgets exist — 50%, untested (see above)")
            .count(),
        1
    );
    assert_eq!(md.matches("**Outcome:** Grow revenue").count(), 2, "{md}");
}

#[test]
fn mermaid_is_exact() {
    let expected = "\
flowchart BT
    n1[\"Grow revenue\"]:::outcome
    n2[\"Customers #quot;pay#quot; more\"]:::belief
    n3[\"Budgets exist\"]:::assumption
    n4[\"Run a pricing test\"]:::bet
    n2 -->|\"supports\"| n1
    n3 ==>|\"depends on\"| n2
    n4 -.->|\"tests\"| n3
";
    let mmd = export::to_mermaid(&small_map());
    assert!(mmd.starts_with(expected), "{mmd}");
    assert_eq!(mmd.matches("classDef ").count(), NodeKind::ALL.len());
}

#[test]
fn dot_escapes_quotes_and_keeps_every_edge() {
    let dot = export::to_dot(&small_map());
    assert!(dot.starts_with("digraph \"Small map\" {\n    rankdir=BT;"));
    assert!(
        dot.contains(r#"label="Customers \"pay\" more\n50%""#),
        "{dot}"
    );
    assert!(dot.contains("n4 -> n3 [label=\"tests\", style=dotted];"));
    assert_eq!(dot.matches(" -> ").count(), 3);
    assert!(dot.ends_with("}\n"));
}

#[test]
fn json_canvas_has_the_spec_fields_and_round_trips() {
    let doc = small_map();
    let text = to_canvas(&doc);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let nodes = value["nodes"].as_array().unwrap();
    let edges = value["edges"].as_array().unwrap();
    assert_eq!(nodes.len(), 4);
    let ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    for n in nodes {
        assert_eq!(n["type"], "text");
        for key in ["x", "y", "width", "height"] {
            assert!(n[key].is_number(), "{key} in {n}");
            let v = n[key].as_f64().unwrap();
            assert_eq!(v, v.round(), "{key} must be an integer");
        }
        let colour = n["color"].as_str().unwrap();
        assert!(
            ["1", "2", "3", "4", "5", "6"].contains(&colour)
                || (colour.starts_with('#') && colour.len() == 7),
            "{colour}"
        );
    }
    assert_eq!(nodes[2]["color"], "#123456");
    assert_eq!(
        nodes[3]["text"],
        "Run a pricing test\n\nBet · 40% · Testing"
    );
    for e in edges {
        assert!(ids.contains(&e["fromNode"].as_str().unwrap()));
        assert!(ids.contains(&e["toNode"].as_str().unwrap()));
        assert!(e["id"].is_string());
    }
    assert_eq!(edges[1]["label"], "depends on");

    let back = from_canvas(&text, Path::new("small.canvas")).unwrap();
    assert_eq!(back.nodes.len(), doc.nodes.len());
    for (a, b) in doc.nodes.iter().zip(&back.nodes) {
        assert_eq!(a.title, b.title);
        assert_eq!(a.kind, b.kind);
        assert_eq!(a.confidence, b.confidence);
        assert_eq!(a.status, b.status);
        assert_eq!(a.colour, b.colour);
        assert_eq!((a.pos.x, a.pos.y), (b.pos.x, b.pos.y));
        assert_eq!((a.size.w, a.size.h), (b.size.w, b.size.h));
    }
    let pairs = |d: &Document| -> Vec<(String, String, EdgeKind)> {
        d.edges
            .iter()
            .map(|e| {
                (
                    d.node(e.from).unwrap().title.clone(),
                    d.node(e.to).unwrap().title.clone(),
                    e.kind,
                )
            })
            .collect()
    };
    assert_eq!(pairs(&doc), pairs(&back));
}

/// The sample from the JSON Canvas repository (obsidianmd/jsoncanvas,
/// `sample.canvas`), byte for byte.
#[test]
fn the_spec_sample_imports() {
    let path = Path::new("tests/fixtures/canvas/spec-sample.canvas");
    let doc = credence::io::load(path).unwrap();
    assert_eq!(doc.nodes.len(), 4);
    // File nodes keep their path as text, and are never opened.
    assert_eq!(doc.nodes[0].title, "readme.md");
    assert_eq!(doc.nodes[0].kind, NodeKind::Evidence);
    assert_eq!(
        doc.nodes[2].title,
        "Learn more:\n\n- [Apps](/docs/apps.md)\n- [Spec](spec/1.0.md)\n- [Github](https://github.com/obsidianmd/jsoncanvas)"
    );
    assert_eq!((doc.nodes[3].pos.x, doc.nodes[3].pos.y), (360.0, -400.0));
    assert_eq!((doc.nodes[3].size.w, doc.nodes[3].size.h), (400.0, 400.0));
    assert_eq!(doc.edges.len(), 1);
    assert_eq!((doc.edges[0].from, doc.edges[0].to), (NodeId(2), NodeId(3)));
}

#[test]
fn link_nodes_and_groups_import_safely() {
    let path = Path::new("tests/fixtures/canvas/groups-and-links.canvas");
    let doc = credence::io::load(path).unwrap();
    // Five nodes; the group is skipped. The link keeps its URL as text.
    assert_eq!(doc.nodes.len(), 5);
    assert_eq!(doc.nodes[4].title, "https://jsoncanvas.org");
    assert_eq!(doc.edges.len(), 2);
    assert_eq!(doc.edges[1].label, "read");
}

#[test]
fn a_hand_written_canvas_takes_kinds_from_prefixes() {
    let path = Path::new("tests/fixtures/canvas/hand-written.canvas");
    let doc = credence::io::load(path).unwrap();
    let kinds: Vec<NodeKind> = doc.nodes.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NodeKind::Outcome,
            NodeKind::Belief,
            NodeKind::Assumption,
            NodeKind::Belief
        ]
    );
    assert_eq!(doc.nodes[2].title, "New users start from a template");
    assert_eq!(doc.nodes[2].colour, Some(Rgb(0xd9, 0x58, 0x0c)));
    let kinds: Vec<EdgeKind> = doc.edges.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [EdgeKind::Supports, EdgeKind::DependsOn, EdgeKind::Supports]
    );
}

#[test]
fn bad_canvas_files_get_clear_errors() {
    let err = credence::io::load(Path::new("tests/fixtures/canvas/missing-node.canvas"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "tests/fixtures/canvas/missing-node.canvas: edge \"e1\" points to a missing node \"ghost\""
    );
    let err = credence::io::load(Path::new("tests/fixtures/canvas/bad-json.canvas"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "tests/fixtures/canvas/bad-json.canvas:3:32: not a valid JSON Canvas file: expected `,` or `}`"
    );
}

#[test]
fn unknown_extensions_are_refused() {
    let err = Format::from_path(Path::new("out.jpeg"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "unknown export format \".jpeg\"; use one of .png, .svg, .canvas, .md, .mmd, .dot"
    );
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().unwrap();
    (reader.info().width, reader.info().height)
}

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn png_has_the_right_size_and_reopens_as_the_same_document() {
    let doc = small_map();
    for scale in [1.0, 2.0] {
        let options = Options {
            scale,
            ..Options::default()
        };
        let bytes = export::render(&doc, Format::Png, &options, &mut no_progress()).unwrap();
        // Cards span (0,0)..(500,700); 24 units of bleed and 32 of padding
        // on each side.
        let side = |content: f32| ((content + 2.0 * (24.0 + 32.0)) * scale) as u32;
        assert_eq!(png_size(&bytes), (side(500.0), side(700.0)));
        assert_eq!(
            export::image_size(&doc, &options),
            [side(500.0), side(700.0)]
        );
        let back = from_png(&bytes, Path::new("map.png")).unwrap();
        assert_eq!(back, doc);
    }
}

#[test]
fn a_selection_exports_only_its_cards_but_embeds_the_whole_document() {
    let doc = small_map();
    let options = Options {
        scope: Scope::Nodes(vec![NodeId(1)]),
        scale: 1.0,
        padding: 0.0,
        ..Options::default()
    };
    let bytes = export::render(&doc, Format::Png, &options, &mut no_progress()).unwrap();
    assert_eq!(png_size(&bytes), (248, 148));
    assert_eq!(from_png(&bytes, Path::new("x.png")).unwrap(), doc);
    let md = String::from_utf8(
        export::render(&doc, Format::Markdown, &options, &mut no_progress()).unwrap(),
    )
    .unwrap();
    assert!(!md.contains("Budgets exist"), "{md}");
}

#[test]
fn tiles_stitch_into_the_same_pixels_as_one_render() {
    let doc = small_map();
    let single = Options {
        scale: 1.0,
        ..Options::default()
    };
    // 612 × 812 px in bands of 128 rows: 7 bands, the last one partial.
    let tiled = Options {
        tile: Some(128),
        ..single.clone()
    };
    let mut calls = 0;
    let a = decode(&export::render(&doc, Format::Png, &single, &mut no_progress()).unwrap());
    let b = decode(&export::render(&doc, Format::Png, &tiled, &mut |_| calls += 1).unwrap());
    assert_eq!((a.0, a.1), (b.0, b.1));
    assert!(calls >= 7, "progress per band, got {calls}");
    let differing =
        a.2.chunks_exact(4)
            .zip(b.2.chunks_exact(4))
            .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
            .count();
    let total = (a.0 * a.1) as usize;
    // Anti-aliased edges may round differently where a tile cuts a shape.
    assert!(
        differing * 1000 < total,
        "{differing} of {total} pixels differ"
    );
}

/// A board just over 8,192 px (once a GPU's texture limit): in bands of
/// different heights the seams fall in different places, and the pixels
/// must agree.
#[test]
fn a_board_just_over_the_texture_limit_stitches_cleanly() {
    let mut doc = small_map();
    doc.nodes[3].pos.x = 8000.0;
    let options = Options {
        scale: 1.0,
        ..Options::default()
    };
    let [w, _] = export::image_size(&doc, &options);
    assert!(w > 8192, "{w}");
    let big_tiles = Options {
        tile: Some(8192),
        ..options.clone()
    };
    let a = decode(&export::render(&doc, Format::Png, &options, &mut no_progress()).unwrap());
    let b = decode(&export::render(&doc, Format::Png, &big_tiles, &mut no_progress()).unwrap());
    assert_eq!((a.0, a.1), (b.0, b.1));
    let differing =
        a.2.chunks_exact(4)
            .zip(b.2.chunks_exact(4))
            .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
            .count();
    assert!(
        differing * 1000 < (a.0 * a.1) as usize,
        "{differing} pixels differ"
    );
}

#[test]
fn transparent_background_leaves_the_margin_clear() {
    let doc = small_map();
    let options = Options {
        scale: 1.0,
        background: Background::Transparent,
        ..Options::default()
    };
    let (w, _, px) =
        decode(&export::render(&doc, Format::Png, &options, &mut no_progress()).unwrap());
    assert_eq!(&px[..4], &[0, 0, 0, 0], "top-left corner is clear");
    // The middle of the outcome card is opaque.
    let (x, y) = (56 + 100, 56 + 50);
    let i = ((y * w + x) * 4) as usize;
    assert_eq!(px[i + 3], 255);
}

#[test]
fn dark_theme_paints_a_dark_background() {
    let doc = small_map();
    let options = Options {
        scale: 1.0,
        theme: Theme::Dark,
        ..Options::default()
    };
    let (_, _, px) =
        decode(&export::render(&doc, Format::Png, &options, &mut no_progress()).unwrap());
    let luma = |p: &[u8]| (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
    assert!(luma(&px[..4]) < 60, "{:?}", &px[..4]);
}

#[test]
fn svg_has_real_text_and_the_embedded_font() {
    let svg = String::from_utf8(
        export::render(
            &small_map(),
            Format::Svg,
            &Options::default(),
            &mut no_progress(),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1224\" height=\"1624\" viewBox=\"0 0 612 812\">"), "{}", &svg[..200]);
    assert!(svg.contains(">Grow revenue</text>"));
    assert!(svg.contains(">Customers &quot;pay&quot; more</text>"));
    assert!(svg.contains("@font-face{font-family:CredenceUI;src:url(data:font/ttf;base64,"));
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(svg.trim_end().ends_with("</svg>"));
}

fn discovery() -> Document {
    credence::io::load(Path::new("examples/discovery.ron")).unwrap()
}

/// Credence → JSON Canvas → Credence with a canvas board: the map, and
/// each section (as a group) with its notes and their links.
#[test]
fn canvases_round_trip_through_json_canvas_groups() {
    let doc = discovery();
    let text = to_canvas(&doc);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let groups: Vec<&str> = value["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "group")
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert_eq!(groups.len(), 9);
    assert_eq!(groups[0], "Discovery › Capability in focus");

    let back = from_canvas(&text, Path::new("discovery.canvas")).unwrap();
    let titles = |d: &Document| {
        d.nodes
            .iter()
            .map(|n| (n.title.clone(), n.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&back), titles(&doc));
    assert_eq!(back.edges.len(), doc.edges.len());
    assert_eq!(back.canvases.len(), 1);
    let (a, b) = (&doc.canvases[0], &back.canvases[0]);
    assert_eq!(b.name, a.name);
    assert_eq!((b.columns, b.rows), (a.columns, a.rows));
    for (sa, sb) in a.sections.iter().zip(&b.sections) {
        assert_eq!(sa.title, sb.title);
        assert_eq!(sa.cells, sb.cells);
        let texts = |c: &credence::model::Canvas, s| {
            c.notes_in(s).map(|n| n.text.clone()).collect::<Vec<_>>()
        };
        assert_eq!(texts(a, sa.id), texts(b, sb.id), "{}", sa.title);
    }
    // Links survive, to the same card by title.
    let linked = |d: &Document| {
        d.canvases[0]
            .notes
            .iter()
            .filter_map(|n| {
                n.link
                    .and_then(|id| d.node(id))
                    .map(|node| (n.text.clone(), node.title.clone()))
            })
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(linked(&back), linked(&doc));
    assert_eq!(linked(&doc).len(), 6);
}

#[test]
fn a_canvas_board_exports_as_an_image_and_an_outline() {
    let doc = discovery();
    let id = doc.canvases[0].id;
    let options = Options {
        scope: Scope::Canvas(id),
        scale: 1.0,
        padding: 0.0,
        ..Options::default()
    };
    let bytes = export::render(&doc, Format::Png, &options, &mut no_progress()).unwrap();
    // Three columns of 420 and three rows of 300, plus header and margins.
    assert_eq!(png_size(&bytes), (1284, 978));
    assert_eq!(from_png(&bytes, Path::new("c.png")).unwrap(), doc);
    let md = String::from_utf8(
        export::render(&doc, Format::Markdown, &options, &mut no_progress()).unwrap(),
    )
    .unwrap();
    assert_eq!(md, export::canvas_to_markdown(&doc, &doc.canvases[0]));
    assert!(md.contains("## Risks & assumptions\n\n- Product managers can book five customers a week (assumption, 35%, untested)\n"), "{md}");
    let err = export::render(&doc, Format::Mermaid, &options, &mut no_progress()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a canvas cannot be exported as Mermaid flowchart; use PNG, SVG, JSON Canvas or Markdown"
    );
}

/// A cancelled PNG export stops before its first tile and writes nothing.
#[test]
fn a_cancelled_png_export_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never.png");
    let options = Options::default();
    options.cancel.cancel();
    let err = export::export_to(&small_map(), &out, &options, &mut no_progress()).unwrap_err();
    assert!(matches!(err, export::ExportError::Cancelled), "{err}");
    assert_eq!(err.to_string(), "the export was cancelled");
    assert!(!out.exists());
    // The flag is a handle, not a setting: options still compare equal.
    assert_eq!(options, Options::default());
}

/// `credence export` needs no Vulkan driver: with wgpu unable to find any
/// (the loader pointed at a file that does not exist), it writes the same
/// PNG as with one.
#[test]
fn png_export_needs_no_gpu_driver() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    credence::io::save(&map, &small_map()).unwrap();
    let run = |out: &str, no_driver: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_credence"));
        cmd.args(["export", "map.ron", "-o", out, "--scale", "1"])
            .current_dir(dir.path());
        if no_driver {
            cmd.env("VK_ICD_FILENAMES", "/nonexistent/icd.json")
                .env("VK_DRIVER_FILES", "/nonexistent/icd.json")
                .env("WGPU_BACKEND", "vulkan");
        }
        let status = cmd.output().unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        std::fs::read(dir.path().join(out)).unwrap()
    };
    let without = run("without.png", true);
    let with = run("with.png", false);
    let (w, h, pixels) = decode(&without);
    assert_eq!(
        (w, h, &pixels),
        (decode(&with).0, decode(&with).1, &decode(&with).2)
    );
    // A real picture: the background, and the cards' ink on it.
    let distinct: std::collections::HashSet<&[u8]> = pixels.chunks_exact(4).collect();
    assert!(distinct.len() > 100, "{} colours", distinct.len());
    assert_eq!(
        from_png(&without, Path::new("without.png")).unwrap(),
        small_map()
    );
}

/// About 112,000 × 700 units: one long row of cards, as a wide map lays out.
fn wide_board() -> Document {
    let nodes = (0..300u64)
        .map(|i| {
            Node::new(NodeId(i + 1), NodeKind::Belief, format!("Card {i}"))
                .at(i as f32 * 373.0, (i % 5) as f32 * 120.0)
        })
        .collect();
    Document {
        title: "Wide".into(),
        nodes,
        ..Document::default()
    }
}

fn export_cli(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_credence"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// No board is refused for its size: past the side limit the image is
/// fitted to it, and standard error says so.
#[test]
fn a_wide_board_is_fitted_to_the_limit_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    credence::io::save(&dir.path().join("wide.ron"), &wide_board()).unwrap();
    let out = export_cli(
        dir.path(),
        &["export", "wide.ron", "-o", "wide.png", "--scale", "1"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("over the 65535 px limit; fitted to 65535 × "),
        "{err}"
    );
    let (w, h) = png_size(&std::fs::read(dir.path().join("wide.png")).unwrap());
    assert_eq!(w, 65535);
    assert!((300..700).contains(&h), "{w} × {h}");
}

/// `--width` gives exactly that width, and `--height` fits inside both.
#[test]
fn width_and_height_scale_to_exact_pixels() {
    let dir = tempfile::tempdir().unwrap();
    credence::io::save(&dir.path().join("map.ron"), &small_map()).unwrap();
    for (args, check) in [
        (vec!["--width", "1234"], (Some(1234), None)),
        (vec!["--height", "321"], (None, Some(321))),
        (
            vec!["--width", "5000", "--height", "300"],
            (None, Some(300)),
        ),
    ] {
        let mut all = vec!["export", "map.ron", "-o", "out.png"];
        all.extend(&args);
        let out = export_cli(dir.path(), &all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (w, h) = png_size(&std::fs::read(dir.path().join("out.png")).unwrap());
        if let Some(want) = check.0 {
            assert_eq!(w, want, "{args:?}");
        }
        if let Some(want) = check.1 {
            assert_eq!(h, want, "{args:?}");
            assert!(w <= 5000);
        }
    }
}
