//! The Export dialog driven through the real UI: Ctrl+E, pick a format and a
//! scope, press Export…, and check the file; then open an exported PNG.

mod common;

use common::*;
use credence::export::{self, Options, Scope};
use credence::model::NodeId;
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::PathBuf;

fn with_export_answer(path: PathBuf, open: Option<PathBuf>) -> CredenceApp {
    let mut dialogs = ScriptedDialogs::default();
    dialogs.export_answers.push_back(path);
    if let Some(open) = open {
        dialogs.open_answers.push_back(open);
    }
    CredenceApp::new(chain(), None, Box::new(dialogs))
}

/// Steps the UI until the export thread has finished (bounded, not timed).
fn wait_for_export(h: &mut Harness<'_, CredenceApp>) {
    for _ in 0..3000 {
        if !h.state().exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert!(!h.state().exporting(), "the export never finished");
    h.run_ok();
}

fn choose_format(h: &mut Harness<'_, CredenceApp>, label: &str) {
    let combo = center_of_role(h, "Format", Role::ComboBox);
    click_at(h, combo, Modifiers::NONE);
    h.run_ok();
    click_label(h, label, Modifiers::NONE);
}

#[test]
fn ctrl_e_exports_a_markdown_outline() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outline.md");
    let mut h = harness(with_export_answer(out.clone(), None));
    shortcut(&mut h, Modifiers::COMMAND, Key::E);
    choose_format(&mut h, "Markdown outline");
    assert_eq!(h.state().export.format, export::Format::Markdown);
    click_label(&mut h, "Export…", Modifiers::NONE);
    wait_for_export(&mut h);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, export::to_markdown(h.state().doc()));
    let notice = h.state().notice.clone().expect("a notice");
    assert!(
        notice.text.starts_with("Exported outline.md"),
        "{}",
        notice.text
    );
}

#[test]
fn escape_closes_the_dialog_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never.png");
    let mut h = harness(with_export_answer(out.clone(), None));
    shortcut(&mut h, Modifiers::COMMAND, Key::E);
    assert!(h.query_by_label("Export…").is_some());
    press(&mut h, Key::Escape);
    assert!(h.query_by_label("Export…").is_none());
    assert!(!out.exists());
}

#[test]
fn a_selection_exports_to_png_and_the_png_reopens_as_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("selection.png");
    let mut h = harness(with_export_answer(out.clone(), Some(out.clone())));
    let original = h.state().doc().clone();
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::E);
    click_label(&mut h, "Selection", Modifiers::NONE);
    click_label(&mut h, "1×", Modifiers::NONE);
    click_label(&mut h, "Export…", Modifiers::NONE);
    wait_for_export(&mut h);

    let expected = export::image_size(
        &original,
        &Options {
            scope: Scope::Nodes(vec![NodeId(1)]),
            scale: 1.0,
            ..Options::default()
        },
    );
    let reader = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&out).unwrap()))
        .read_info()
        .unwrap();
    assert_eq!([reader.info().width, reader.info().height], expected);

    // Change the board, then open the PNG: the whole document comes back,
    // as a new unsaved document so Save does not write RON over the PNG.
    click_label(&mut h, "Grow revenue", Modifiers::NONE);
    press(&mut h, Key::Delete);
    assert_eq!(h.state().doc().nodes.len(), 2);
    shortcut(&mut h, Modifiers::COMMAND, Key::O);
    click_label(&mut h, "Discard", Modifiers::NONE);
    assert_eq!(*h.state().doc(), original);
    assert_eq!(h.state().path(), None);
    let notice = h.state().notice.clone().expect("a notice");
    assert!(notice.text.contains("selection.png"), "{}", notice.text);
}

#[test]
fn the_export_dialog_exports_the_canvas_on_show() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("discovery.md");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.export_answers.push_back(out.clone());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/discovery.ron");
    let mut h = harness(CredenceApp::launch(Some(path), Box::new(dialogs)));
    click_label(&mut h, "Discovery", Modifiers::NONE);
    shortcut(&mut h, Modifiers::COMMAND, Key::E);
    assert!(h.query_by_label_contains("The whole board").is_some());
    choose_format(&mut h, "Markdown outline");
    click_label(&mut h, "Export…", Modifiers::NONE);
    wait_for_export(&mut h);
    let doc = h.state().doc();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        export::canvas_to_markdown(doc, &doc.canvases[0])
    );
}

/// The dialog offers every board; a 2×2 picked from the list is written as
/// the same picture `credence export --board` draws.
#[test]
fn the_export_dialog_offers_every_board_and_writes_a_2x2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("value.png");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.export_answers.push_back(out.clone());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/discovery.ron");
    let mut h = harness(CredenceApp::launch(Some(path), Box::new(dialogs)));
    shortcut(&mut h, Modifiers::COMMAND, Key::E);
    click_label(&mut h, "Board", Modifiers::NONE);
    for board in [
        "Belief map",
        "Canvas: Discovery",
        "Assumption map",
        "Belief 2×2",
        "Value × certainty",
    ] {
        // The popup lists it (the belief map is also a tab behind it).
        assert!(
            h.query_all_by_label(board).count() >= 1,
            "{board} is offered"
        );
    }
    assert_eq!(h.query_all_by_label("Canvas: Discovery").count(), 1);
    click_label(&mut h, "Value × certainty", Modifiers::NONE);
    // A 2×2 is a picture: the text formats are not offered.
    let combo = center_of_role(&h, "Format", Role::ComboBox);
    click_at(&mut h, combo, Modifiers::NONE);
    h.run_ok();
    assert!(h.query_by_label("Markdown outline").is_none());
    assert!(h.query_by_label("SVG vector image").is_some());
    click_label(&mut h, "PNG image", Modifiers::NONE);
    click_label(&mut h, "Export…", Modifiers::NONE);
    wait_for_export(&mut h);
    let written = std::fs::read(&out).unwrap();
    let options = export::Options {
        scope: export::Scope::Quadrants(credence::render::quadrants::QuadrantSpec {
            board: credence::render::quadrants::QuadrantBoard::ValueCertainty,
            include_more: false,
        }),
        ..export::Options::default()
    };
    let expected =
        export::render(h.state().doc(), export::Format::Png, &options, &mut |_| {}).unwrap();
    assert_eq!(written, expected);
}

/// A long PNG export shows a progress window after half a second, whose
/// Cancel stops it between tiles and writes nothing.
#[test]
fn a_long_png_export_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big.png");
    let mut dialogs = ScriptedDialogs::default();
    dialogs.export_answers.push_back(out.clone());
    // A thousand cards at 2× is hundreds of millions of pixels: many
    // seconds of tiles on a CPU renderer, so there is time to cancel.
    let big = credence::synth::belief_map(1000, 1);
    let mut h = harness(CredenceApp::new(big, None, Box::new(dialogs)));
    shortcut(&mut h, Modifiers::COMMAND, Key::E);
    choose_format(&mut h, "PNG image");
    click_label(&mut h, "Export…", Modifiers::NONE);
    assert!(h.state().exporting());
    // The window appears only for work that takes over half a second.
    let mut shown = false;
    for _ in 0..300 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
        if h.query_by_label("Cancel").is_some() {
            shown = true;
            break;
        }
    }
    assert!(shown, "no progress window with Cancel");
    assert!(
        h.state().exporting(),
        "the export ended before it could be cancelled"
    );
    click_label(&mut h, "Cancel", Modifiers::NONE);
    wait_for_export(&mut h);
    let notice = h.state().notice.clone().expect("a notice");
    assert_eq!(
        notice.text,
        "Export of big.png cancelled; nothing was written"
    );
    assert!(!out.exists());
}

/// A slide preset writes exactly that width, and the dialog says the size
/// before anything is written.
#[test]
fn a_slide_width_preset_writes_exactly_that_width() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("slide.png");
    let mut h = harness(with_export_answer(out.clone(), None));
    shortcut(&mut h, Modifiers::COMMAND, Key::E);
    click_label(&mut h, "3,840 px wide", Modifiers::NONE);
    assert_eq!(h.state().export.width, Some(3840));
    let node = h.get_by_label_contains("3,840 × ");
    let node = node.accesskit_node();
    let shown = node
        .label()
        .or(node.value())
        .expect("the size it will write");
    click_label(&mut h, "Export…", Modifiers::NONE);
    wait_for_export(&mut h);
    let bytes = std::fs::read(&out).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let info = decoder.read_info().unwrap().info().clone();
    assert_eq!(info.width, 3840);
    assert_eq!(shown, format!("3,840 × {} px", thousands(info.height)));
}

fn thousands(n: u32) -> String {
    let s = n.to_string();
    if s.len() > 3 {
        format!("{},{}", &s[..s.len() - 3], &s[s.len() - 3..])
    } else {
        s
    }
}
