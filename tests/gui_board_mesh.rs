//! The belief map keeps its cards as one retained mesh and reuses it while
//! nothing that decides the picture has changed. These tests drive the app
//! through a run of changes and, after each one, compare the canvas with the
//! same state painted by a fresh app that has nothing retained: a stale mesh
//! (a missed selection, a card left where it was, glyphs from the wrong part
//! of the font atlas) shows up as differing pixels.

mod common;

use common::{click_label, drag, harness, shortcut};
use credence::ui::{CredenceApp, ScriptedDialogs};
use egui::{Event, Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const CARD: &str = "Guided first-map template";

fn canvas_rect(h: &Harness<'_, CredenceApp>) -> Rect {
    h.get_by_label("Belief map canvas").rect()
}

/// The canvas as painted now, with the pointer parked off the board so no
/// card is hovered.
fn canvas_pixels(h: &mut Harness<'_, CredenceApp>) -> image::RgbaImage {
    h.event(Event::PointerMoved(Pos2::new(5.0, 895.0)));
    h.run_ok();
    canvas_as_shown(h)
}

/// The canvas as the last frame left it, with no new input to repaint it.
fn canvas_as_shown(h: &mut Harness<'_, CredenceApp>) -> image::RgbaImage {
    let rect = canvas_rect(h);
    let image = h.render().expect("renders");
    let scale = image.width() as f32 / 1400.0;
    image::imageops::crop_imm(
        &image,
        (rect.min.x * scale) as u32,
        (rect.min.y * scale) as u32,
        (rect.width() * scale) as u32,
        (rect.height() * scale) as u32,
    )
    .to_image()
}

/// A new app, with nothing retained, on the same document, selection and
/// camera.
fn fresh_harness(h: &Harness<'_, CredenceApp>) -> Harness<'static, CredenceApp> {
    let state = h.state();
    let app = CredenceApp::new(
        state.doc().clone(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    let mut fresh = harness(app);
    let app = fresh.state_mut();
    app.doc_ui.selection = state.doc_ui.selection.clone();
    app.camera = state.camera;
    fresh.run_ok();
    fresh
}

/// The same document, selection and camera painted by a new app.
fn fresh_pixels(h: &Harness<'_, CredenceApp>) -> image::RgbaImage {
    canvas_pixels(&mut fresh_harness(h))
}

/// Fails unless `shown` and `fresh` differ in no more pixels than
/// anti-aliasing and whole-pixel placement explain.
fn assert_close(shown: &image::RgbaImage, fresh: &image::RgbaImage, after: &str) {
    let diff = differing(shown, fresh);
    // After a pan, float rounding can put a fresh paint's line a hair to the
    // other side of a pixel's middle, which changes its anti-aliasing: a few
    // dozen pixels. A stale picture differs in thousands (glyphs read from
    // the wrong part of the atlas: over 12,000; a card left behind: its
    // whole area).
    let allowed = (shown.width() * shown.height()) as usize / 5_000;
    assert!(
        diff <= allowed,
        "{after}, {diff} canvas pixels differ from a fresh paint (allowed {allowed})"
    );
}

/// Pixels of `a` with no pixel of `b` within one pixel of the same place
/// and colour, either way round. A panned board sits on whole pixels within
/// half a pixel of the exact camera, so edges may land one pixel over; a
/// stale picture (a missing outline, a card left behind, wrong glyphs) does
/// not match anywhere near.
fn differing(a: &image::RgbaImage, b: &image::RgbaImage) -> usize {
    assert_eq!(a.dimensions(), b.dimensions());
    let (w, h) = a.dimensions();
    let near = |x: &image::Rgba<u8>, y: &image::Rgba<u8>| {
        x.0.iter().zip(y.0).all(|(p, q)| p.abs_diff(q) <= 8)
    };
    let unmatched = |a: &image::RgbaImage, b: &image::RgbaImage| {
        let mut count = 0;
        for (x, y, p) in a.enumerate_pixels() {
            let found = (x.saturating_sub(1)..=(x + 1).min(w - 1)).any(|bx| {
                (y.saturating_sub(1)..=(y + 1).min(h - 1)).any(|by| near(p, b.get_pixel(bx, by)))
            });
            if !found {
                count += 1;
            }
        }
        count
    };
    unmatched(a, b) + unmatched(b, a)
}

fn assert_matches_fresh(h: &mut Harness<'_, CredenceApp>, after: &str) {
    let retained = canvas_pixels(h);
    let fresh = fresh_pixels(h);
    assert_close(&retained, &fresh, &format!("after {after}"));
}

#[test]
fn the_retained_board_always_matches_a_fresh_paint() {
    let app = CredenceApp::launch(None, Box::new(ScriptedDialogs::default()));
    let mut h = harness(app);
    assert_matches_fresh(&mut h, "opening");

    click_label(&mut h, CARD, Modifiers::NONE);
    assert!(!h.state().doc_ui.selection.nodes.is_empty());
    assert_matches_fresh(&mut h, "selecting a card");

    // Back to no selection: the inspector shows text it showed before, so
    // nothing but the selection itself has changed.
    let empty = canvas_rect(&h).left_bottom() + egui::vec2(30.0, -30.0);
    common::click_at(&mut h, empty, Modifiers::NONE);
    h.run_ok();
    assert!(h.state().doc_ui.selection.is_empty());
    assert_matches_fresh(&mut h, "clearing the selection");

    click_label(&mut h, CARD, Modifiers::NONE);
    let from = common::center_of(&h, CARD);
    drag(&mut h, from, from + egui::vec2(90.0, 60.0), Modifiers::NONE);
    h.run_ok();
    assert_matches_fresh(&mut h, "dragging it");

    shortcut(&mut h, Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_matches_fresh(&mut h, "undoing the drag");

    // A pan moves the retained mesh rather than painting it again; a long
    // one runs past the margin painted around the view. Dragging the empty
    // canvas pans by whole pixels, as a mouse does.
    for by in [egui::vec2(40.0, 20.0), egui::vec2(-330.0, 60.0)] {
        let from = canvas_rect(&h).left_bottom() + egui::vec2(30.0, -30.0);
        let (camera, doc) = (h.state().camera.center, h.state().doc().clone());
        drag(&mut h, from, from + by, Modifiers::NONE);
        h.run_ok();
        assert_ne!(h.state().camera.center, camera, "the drag pans");
        assert_eq!(*h.state().doc(), doc, "the drag started on empty canvas");
        assert_matches_fresh(&mut h, "panning");
    }

    // Zooming in lays out text at sizes not seen yet, which adds glyphs to
    // the font atlas and may grow it.
    let app = h.state_mut();
    let node = app.doc().nodes.iter().find(|n| n.title == CARD).unwrap();
    app.camera.center = node.center();
    app.camera.zoom = 4.0;
    h.run_ok();
    assert_matches_fresh(&mut h, "zooming to 400%");

    shortcut(&mut h, Modifiers::NONE, Key::Escape);
    click_label(&mut h, "Fit", Modifiers::NONE);
    assert_matches_fresh(&mut h, "fitting the map");

    // A pinch stretches the mesh while it lasts; the next frame without a
    // zoom step (egui runs one after any input) paints it crisp.
    // In and out, the way out past the margin painted for the way in.
    for factor in [1.06, 0.9] {
        let zoom = h.state().camera.zoom;
        let at = canvas_rect(&h).center() + egui::vec2(0.0, 200.0);
        for _ in 0..8 {
            h.event(Event::PointerMoved(at));
            h.event(Event::Zoom(factor));
            h.step();
        }
        let now = h.state().camera.zoom;
        assert!(
            (now > zoom) == (factor > 1.0) && (now / zoom - 1.0).abs() > 0.15,
            "the pinch zooms: {zoom} to {now}"
        );
        h.event(Event::PointerMoved(Pos2::new(5.0, 895.0)));
        h.step();
        let shown = canvas_as_shown(&mut h);
        assert_close(&shown, &fresh_pixels(&h), "after a pinch");
    }
}

/// Where card `id` is on screen now.
fn fresh_card_rect(h: &Harness<'_, CredenceApp>, id: credence::model::NodeId) -> Rect {
    let app = h.state();
    let node = app.doc().node(id).unwrap();
    let view = credence::render::View::new(app.camera, canvas_rect(h), &app.doc_ui.selection);
    credence::render::card_rect(node, &view)
}

/// While cards are dragged, what stays put is reused from meshes painted
/// without them, and only the dragged cards and their edges are painted
/// each frame. Mid-drag, the canvas matches a fresh paint of that moment.
#[test]
fn mid_drag_the_board_matches_a_fresh_paint() {
    let app = CredenceApp::launch(None, Box::new(ScriptedDialogs::default()));
    let mut h = harness(app);
    click_label(&mut h, CARD, Modifiers::NONE);
    let id = h
        .state()
        .doc_ui
        .selection
        .nodes
        .iter()
        .copied()
        .next()
        .unwrap();
    let start = h.state().doc().node(id).unwrap().pos;
    let from = common::center_of(&h, CARD);
    h.event(Event::PointerMoved(from));
    h.step();
    common::button(&h, from, true, Modifiers::NONE);
    h.step();
    let mut at = from;
    for step in 0..8 {
        at += egui::vec2(-6.0, 8.0);
        h.event(Event::PointerMoved(at));
        h.step();
        let shown = canvas_as_shown(&mut h);
        let moved = h.state().doc().node(id).unwrap().pos;
        assert_ne!(moved, start, "the card is being dragged");
        // From the frame after the drag began.
        assert!(
            step == 0 || h.query_by_label_contains("Connect from").is_none(),
            "no connect handle while cards move"
        );

        let mut fresh = fresh_harness(&h);
        fresh.event(Event::PointerMoved(at));
        fresh.run_ok();
        let mut fresh = canvas_as_shown(&mut fresh);
        // The fresh app shows the selected card's connect handle, which a
        // card being dragged hides: take it out of the comparison.
        let card = fresh_card_rect(&h, id);
        let scale = shown.width() as f32 / canvas_rect(&h).width();
        let handle = Rect::from_center_size(card.right_center(), egui::vec2(24.0, 24.0));
        for y in ((handle.min.y - canvas_rect(&h).min.y) * scale) as u32
            ..((handle.max.y - canvas_rect(&h).min.y) * scale) as u32
        {
            for x in ((handle.min.x - canvas_rect(&h).min.x) * scale) as u32
                ..((handle.max.x - canvas_rect(&h).min.x) * scale) as u32
            {
                if x < fresh.width() && y < fresh.height() {
                    fresh.put_pixel(x, y, *shown.get_pixel(x, y));
                }
            }
        }
        assert_close(&shown, &fresh, "mid-drag");
    }
    common::button(&h, at, false, Modifiers::NONE);
    h.run_ok();
    assert_matches_fresh(&mut h, "dropping the card");
}

/// Board text is laid out at a new size on every zoom step, so it is drawn
/// unhinted: hinting would snap each size to the pixel grid (titles would
/// change width, and wrap, as the view zooms) and re-run the font's hinting
/// program per size. Export sets the same up, so PNGs match the screen.
#[test]
fn the_app_draws_text_unhinted() {
    let app = CredenceApp::new(
        credence::io::example(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    let h = harness(app);
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        assert!(!h.ctx.style_of(theme).visuals.text_options.font_hinting);
    }
}
