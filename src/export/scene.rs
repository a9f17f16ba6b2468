//! What an export draws: the part of the document in scope, the board
//! region around it, and one egui pass that paints a piece of that region
//! through [`crate::render::paint_board`], exactly as the canvas does.

use super::{Options, Scope};
use crate::edit::Selection;
use crate::model::{Document, NodeId, Point};
use crate::render::{Camera, CanvasView, View, page_size, paint_board, paint_canvas, quadrants};
use egui::{Pos2, Rect, Vec2, pos2, vec2};
use std::borrow::Cow;
use std::collections::HashSet;

/// How far drawing reaches past a card's box: shadow, cycle ring and the
/// self-loop arc over the top-right corner.
const BLEED: f32 = 24.0;

/// The document restricted to `scope`: a selection keeps its nodes and the
/// edges between them; the whole board and a view region keep everything,
/// borrowed rather than copied (the Export dialog asks for the image size
/// every frame).
pub fn scoped<'a>(doc: &'a Document, scope: &Scope) -> Cow<'a, Document> {
    match scope {
        Scope::All | Scope::Region(_) | Scope::Canvas(_) | Scope::Quadrants(_) => {
            Cow::Borrowed(doc)
        }
        Scope::Nodes(ids) => {
            let keep: HashSet<NodeId> = ids.iter().copied().collect();
            Cow::Owned(Document {
                canvases: Vec::new(),
                // Votes and dots still show on the cards that are kept.
                workshop: doc.workshop.clone(),
                snapshots: Vec::new(),
                conflicts: Vec::new(),
                title: doc.title.clone(),
                nodes: doc
                    .nodes
                    .iter()
                    .filter(|n| keep.contains(&n.id))
                    .cloned()
                    .collect(),
                edges: doc
                    .edges
                    .iter()
                    .filter(|e| keep.contains(&e.from) && keep.contains(&e.to))
                    .cloned()
                    .collect(),
            })
        }
    }
}

/// The board rectangle to export, in board units, with padding, snapped
/// to whole units so tiles meet on whole pixels.
pub fn region(doc: &Document, options: &Options) -> Rect {
    let content = match &options.scope {
        Scope::Region(r) => *r,
        Scope::Canvas(id) => Rect::from_min_size(
            Pos2::ZERO,
            doc.canvas(*id).map_or(vec2(800.0, 600.0), page_size),
        ),
        Scope::Quadrants(_) => Rect::from_min_size(Pos2::ZERO, quadrants::PAGE),
        _ => {
            let mut r = Rect::NOTHING;
            for n in &doc.nodes {
                r = r.union(Rect::from_min_size(
                    pos2(n.pos.x, n.pos.y),
                    vec2(n.size.w, n.size.h),
                ));
            }
            if r.is_negative() {
                Rect::from_min_size(Pos2::ZERO, vec2(200.0, 100.0))
            } else {
                r.expand(BLEED)
            }
        }
    };
    let r = content.expand(options.padding.max(0.0));
    Rect::from_min_max(
        pos2(r.min.x.floor(), r.min.y.floor()),
        pos2(r.max.x.ceil(), r.max.y.ceil()),
    )
}

/// A headless egui context set up like the app's, so text shapes the same.
pub fn context() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.options_mut(|o| o.theme_preference = egui::ThemePreference::Light);
    crate::render::set_up_text(&ctx);
    ctx
}

/// The font atlas's largest side: no renderer here has a texture limit,
/// and this is what a GPU would allow, so the atlas grows as on screen.
const MAX_TEXTURE: usize = 8192;

/// One egui pass that paints `piece` (board units, inside the export
/// region) at `scale` pixels per board unit. Without `with_background` the
/// backdrop is left out, for a GPU that clears to it far faster than it
/// fills a rectangle.
pub fn paint_piece(
    ctx: &egui::Context,
    doc: &Document,
    options: &Options,
    piece: Rect,
    with_background: bool,
) -> egui::FullOutput {
    let size = piece.size();
    let mut input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        max_texture_side: Some(MAX_TEXTURE),
        ..Default::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(options.scale);
    let selection = Selection::default();
    ctx.run_ui(input, |ui| {
        let rect = Rect::from_min_size(Pos2::ZERO, size);
        let painter = ui.painter().with_clip_rect(rect);
        let background = if with_background {
            options.background_colour()
        } else {
            None
        };
        if let Scope::Canvas(id) = options.scope
            && let Some(canvas) = doc.canvas(id)
        {
            if let Some(bg) = background {
                painter.rect_filled(rect, 0.0, bg);
            }
            let page = Rect::from_min_size(Pos2::ZERO - piece.min.to_vec2(), page_size(canvas));
            let view = CanvasView {
                background: None,
                ..CanvasView::plain(options.theme.palette())
            };
            paint_canvas(&painter, doc, canvas, page, &view);
            return;
        }
        if let Scope::Quadrants(spec) = options.scope {
            if let Some(bg) = background {
                painter.rect_filled(rect, 0.0, bg);
            }
            let page = Rect::from_min_size(Pos2::ZERO - piece.min.to_vec2(), quadrants::PAGE);
            quadrants::paint_quadrant_board(
                &painter,
                doc,
                spec,
                page,
                options.theme.palette(),
                false,
            );
            return;
        }
        let camera = Camera {
            center: Point::new(piece.center().x, piece.center().y),
            zoom: 1.0,
        };
        let mut view = View::new(camera, rect, &selection);
        view.palette = options.theme.palette();
        view.grid = false;
        view.background = background;
        paint_board(&painter, doc, &view);
    })
}

/// The pixel size of `region` at `scale`.
pub fn pixel_size(region: Rect, scale: f32) -> [u32; 2] {
    let s: Vec2 = region.size() * scale;
    [s.x.round().max(1.0) as u32, s.y.round().max(1.0) as u32]
}
