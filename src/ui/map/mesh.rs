//! The belief map's cards, edges and marks, tessellated once and handed to
//! egui as one retained mesh.
//!
//! egui repaints every shape on every frame. A map of thousands of cards is
//! redrawn whenever anything else in the window changes (a tooltip, a hovered
//! button, typing in the inspector), and most of that frame was tessellating
//! the same cards again into a freshly grown buffer. Here, once a frame
//! repeats the one before, the board's shapes are tessellated into a buffer
//! that keeps its capacity, and while nothing that decides the picture has
//! changed ([`BoardKey`]) that mesh is re-submitted without painting or
//! tessellating anything. The hover outline is painted on top of it, so the
//! pointer crossing cards does not count as a change, and a pan moves the
//! mesh (painted with a margin around the view) by whole pixels.
//!
//! A zoom gesture (a pinch, a run of Ctrl+wheel steps) scales the mesh
//! instead of painting every step, as Miro and Figma do: text is stretched
//! for the length of the gesture, and the first frame without a zoom step
//! paints the board again, crisp at the new size. The mesh is painted
//! afresh sooner once it is stretched past [`MAX_STRETCH`] or no longer
//! covers the view; zooming out, it is then painted ahead of the gesture
//! ([`painted_zoom`]).
//!
//! The background (with its dot grid) stays outside the mesh: egui draws
//! small dots from pre-rasterised discs that only its own tessellator has.

use crate::edit::{MergeKey, Selection};
use crate::model::{NodeId, Point};
use crate::render::Camera;
use egui::emath::TSTransform;
use egui::epaint::{ClippedShape, Mesh, Shape, TessellationOptions, Tessellator};
use egui::layers::ShapeIdx;
use egui::{Painter, Rect, TextureId, Vec2, vec2};
use std::sync::Arc;

/// How far past the view, as a share of its size on each side, a retained
/// mesh is painted, so a pan of that much reuses it, and a zoom gesture
/// that turns round has room to shrink it. Every card in the margin is
/// copied to egui each frame with the rest: a half-view margin made zoom
/// frames slower than the repaints it saved (and a view-wide one held 40 MB
/// more on a 10,000-card map).
const MARGIN: f32 = 0.25;

/// How far a zoom gesture may stretch (or shrink) the mesh before it is
/// painted again at the new size: past this, stretched text turns soft.
const MAX_STRETCH: f32 = 4.0;

/// How much further out than the view a gesture zooming out paints the
/// mesh; see [`painted_zoom`].
const AHEAD: f32 = 2.0;

/// Everything that decides what the board looks like. Two frames with equal
/// keys paint identical shapes, so the second reuses the first's mesh.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct BoardKey {
    /// The document's identity: which document was opened (generation),
    /// its undo state, and which snapshot is on show. Equal states are equal
    /// documents, the same promise the cached insights rely on.
    pub doc: (u64, u64, Option<usize>),
    /// The camera's zoom. Where it points is not part of the key: a pan
    /// moves the retained mesh instead of redrawing it.
    pub zoom: f32,
    pub rect: Rect,
    pub selection: Selection,
    pub editing: Option<NodeId>,
    /// The traced node; what the trace lights up follows from the document.
    pub trace: Option<NodeId>,
    /// The drag whose cards are left out of this mesh, if any.
    pub leaving_out: Option<MergeKey>,
    pub pixels_per_point: f32,
    /// Glyph positions in the font atlas; egui empties the atlas when it
    /// fills, and any new glyph changes how full it is.
    pub atlas: ([usize; 2], u32),
    pub tessellation: TessellationOptions,
}

impl BoardKey {
    /// Equal but for the zoom: the same picture at another size. The font
    /// atlas is left out too: a new size adds glyphs to it. Field by field,
    /// without cloning the selection, as this runs several times a frame;
    /// the pattern names every field, so a new one cannot be forgotten.
    fn same_but_zoom(&self, other: &BoardKey) -> bool {
        let BoardKey {
            doc,
            zoom: _,
            rect,
            selection,
            editing,
            trace,
            leaving_out,
            pixels_per_point,
            atlas: _,
            tessellation,
        } = self;
        *doc == other.doc
            && *rect == other.rect
            && *selection == other.selection
            && *editing == other.editing
            && *trace == other.trace
            && *leaving_out == other.leaving_out
            && *pixels_per_point == other.pixels_per_point
            && *tessellation == other.tessellation
    }

    /// Whether a mesh painted under this key still reads its glyphs right
    /// in the atlas of `now`. Glyphs added since (a panel's new text) leave
    /// the old ones where they were; egui empties the atlas only once it is
    /// over 80% full, and then it fills again from nothing, so an atlas of
    /// the same size at least as full as before is the same atlas.
    fn atlas_holds(&self, now: &BoardKey) -> bool {
        let (size, fill) = self.atlas;
        let (now_size, now_fill) = now.atlas;
        size == now_size && f32::from_bits(now_fill) >= f32::from_bits(fill)
    }

    /// The same picture: equal but for glyphs added to the atlas.
    fn same_picture(&self, now: &BoardKey) -> bool {
        self.zoom == now.zoom && self.same_but_zoom(now)
    }

    /// The parts of the key that come from egui rather than from the app.
    pub(crate) fn renderer(ctx: &egui::Context) -> ([usize; 2], u32, TessellationOptions, f32) {
        let (size, fill) = ctx.fonts(|f| (f.font_image_size(), f.font_atlas_fill_ratio()));
        (
            size,
            fill.to_bits(),
            ctx.tessellation_options(|o| *o),
            ctx.pixels_per_point(),
        )
    }
}

pub(crate) struct BoardMesh {
    key: Option<BoardKey>,
    /// Last frame's key, cached or not.
    last: Option<BoardKey>,
    mesh: Arc<Mesh>,
    /// The camera centre the mesh was painted at, and the screen area it
    /// covers at that centre: the view plus a margin, so a pan can move
    /// the mesh a while before it must be painted again.
    anchor: Point,
    covered: Rect,
    /// Whether everything on the board was inside `covered`, so a zoom out
    /// or a pan shows nothing new however far it goes.
    complete: bool,
    /// The font atlas size the mesh's texture coordinates are relative to.
    uv_size: [usize; 2],
    /// Where this frame's mesh went, for [`BoardMesh::finish`].
    placed: Option<(egui::LayerId, ShapeIdx)>,
}

impl Default for BoardMesh {
    fn default() -> Self {
        Self {
            key: None,
            last: None,
            mesh: Arc::default(),
            anchor: Point::new(0.0, 0.0),
            covered: Rect::NOTHING,
            complete: false,
            uv_size: [0, 0],
            placed: None,
        }
    }
}

impl std::fmt::Debug for BoardMesh {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BoardMesh")
            .field("key", &self.key)
            .field("vertices", &self.mesh.vertices.len())
            .finish()
    }
}

/// The zoom to paint the mesh at while a gesture zooms from `was` to `is`,
/// when the whole board would fit in the mesh at zoom `fits`.
/// Zooming in, the mesh grows past the view by itself: the zoom on show.
/// Zooming out, it shrinks, and soon leaves its margin. Below the zoom at
/// which the whole board fits, or the camera's least, a zoom out shows
/// nothing new; once the mesh can be stretched that far, it is painted
/// there, and no zoom out needs another. Otherwise it is painted at half
/// the zoom, to cover twice the board, so a long zoom out paints far less
/// often. It shows stretched until the gesture catches up, as a zoom in
/// shows it.
fn painted_zoom(was: f32, is: f32, fits: f32) -> f32 {
    let last = fits.max(Camera::MIN_ZOOM).min(is);
    if is >= was {
        is
    } else if last >= is / MAX_STRETCH {
        last
    } else {
        is / AHEAD
    }
}

/// The zoom at which `content`, on screen at `zoom`, fits in `area` once
/// scaled about `centre` (where a mesh's stretch is centred); infinite for
/// nothing to fit.
fn fitting_zoom(content: Rect, area: Rect, centre: egui::Pos2, zoom: f32) -> f32 {
    // How far one side of the board may scale before it passes the area's
    // side the same way from the centre; a side on the other side of the
    // centre only moves further in.
    let room = |inside: f32, outside: f32| {
        if outside != 0.0 && inside.signum() == outside.signum() {
            inside / outside
        } else {
            f32::INFINITY
        }
    };
    let (from, to) = (content.min - centre, content.max - centre);
    let (min, max) = (area.min - centre, area.max - centre);
    let scale = room(min.x, from.x)
        .min(room(max.x, to.x))
        .min(room(min.y, from.y))
        .min(room(max.y, to.y));
    zoom * scale
}

impl BoardMesh {
    /// Paints with `paint` unless `key` matches the mesh's and the mesh
    /// covers the view from `center`; then puts one mesh on `painter`, moved
    /// by the pan since it was painted, in place of the shapes. `content`
    /// says where everything on the board lies, in screen points; it is
    /// asked only when a mesh is painted.
    pub(crate) fn paint(
        &mut self,
        painter: &Painter,
        key: BoardKey,
        center: Point,
        content: &dyn Fn() -> Option<Rect>,
        paint: impl FnOnce(&Painter, Camera),
    ) {
        self.placed = None;
        let zooming = self
            .last
            .as_ref()
            .is_some_and(|last| last.zoom != key.zoom && last.same_but_zoom(&key));
        if let Some(mesh_key) = &self.key {
            let reuse = if mesh_key.same_picture(&key) && mesh_key.atlas_holds(&key) {
                Some(TSTransform::from_translation(self.offset(center, &key)))
            } else if zooming && mesh_key.same_but_zoom(&key) && mesh_key.atlas_holds(&key) {
                Some(self.stretch(center, &key))
                    .filter(|t| (1.0 / MAX_STRETCH..=MAX_STRETCH).contains(&t.scaling))
            } else {
                None
            };
            if let Some(transform) = reuse {
                let covered = transform.mul_rect(self.covered);
                if self.complete || covered.contains_rect(painter.clip_rect()) {
                    self.place(painter, transform);
                    if zooming {
                        // The next frame without a zoom step paints it
                        // crisp; egui runs one after input anyway, this is
                        // for zooms that come from no input.
                        self.last = Some(key);
                        painter.ctx().request_repaint();
                    }
                    return;
                }
            }
        }
        self.key = None;
        // While the picture changes every frame (a drag) a mesh would never
        // be reused, and handing egui our own mesh costs one more copy of
        // it: egui tessellates those frames itself. The mesh is built once a
        // frame repeats the one before (a pan repeats it), or while a zoom
        // gesture will stretch it.
        let settled = self
            .last
            .as_ref()
            .is_some_and(|last| last.same_picture(&key));
        let was = self
            .last
            .replace(key.clone())
            .map_or(key.zoom, |last| last.zoom);
        let camera = Camera {
            center,
            zoom: key.zoom,
        };
        if !settled && !zooming {
            paint(painter, camera);
            return;
        }
        let layer = painter.layer_id();
        let ctx = painter.ctx();
        let clip = painter.clip_rect();
        let covered = clip.expand2(clip.size() * MARGIN);
        let mut wide = painter.clone();
        wide.set_clip_rect(covered);
        let start = ctx.graphics(|g| g.get(layer).map_or(0, |list| list.next_idx().0));
        // Where the board lies: a pass over every card, so asked once.
        let content = content();
        let key = BoardKey {
            zoom: if zooming {
                let fits = content.map_or(f32::INFINITY, |c| {
                    fitting_zoom(c, covered, key.rect.center(), key.zoom)
                });
                painted_zoom(was, key.zoom, fits)
            } else {
                key.zoom
            },
            ..key
        };
        paint(
            &wide,
            Camera {
                zoom: key.zoom,
                ..camera
            },
        );
        // Take the shapes back out, leaving no-ops, unless one of them needs
        // something a single mesh cannot hold (another texture or clip rect):
        // then egui draws them as usual and nothing is cached.
        let shapes: Option<Vec<Shape>> = ctx.graphics_mut(|g| {
            let list = g.entry(layer);
            let end = list.next_idx().0;
            let plain = list.all_entries().skip(start).all(|s| {
                s.clip_rect == covered
                    && s.transform_after_tessellation == TSTransform::IDENTITY
                    && s.shape.texture_id() == TextureId::default()
            });
            plain.then(|| {
                (start..end)
                    .map(|i| {
                        let mut shape = Shape::Noop;
                        list.mutate_shape(ShapeIdx(i), |s: &mut ClippedShape| {
                            shape = std::mem::replace(&mut s.shape, Shape::Noop);
                        });
                        shape
                    })
                    .collect()
            })
        });
        let Some(shapes) = shapes else {
            return;
        };
        // Painting may have added glyphs and grown the atlas: texture
        // coordinates are relative to its size now.
        self.uv_size = ctx.fonts(|f| f.font_image_size());
        // Reuse last frame's buffer once egui has let go of it.
        if Arc::get_mut(&mut self.mesh).is_none() {
            self.mesh = Arc::new(Mesh::default());
        }
        let mesh = Arc::get_mut(&mut self.mesh).expect("just made unique");
        mesh.clear();
        let mut tessellator = Tessellator::new(
            key.pixels_per_point,
            key.tessellation,
            self.uv_size,
            Vec::new(),
        );
        tessellator.set_clip_rect(covered);
        for shape in shapes {
            tessellator.tessellate_shape(shape, mesh);
        }
        self.anchor = center;
        self.covered = covered;
        self.key = Some(key);
        // Painted ahead of a zoom gesture, the mesh is stretched to the view
        // on show from the start.
        let shown = self.stretch(center, self.last.as_ref().expect("set above"));
        self.complete = content.is_some_and(|c| shown.mul_rect(covered).contains_rect(c));
        self.place(painter, shown);
    }

    /// How far the board moved on screen since the mesh was painted, in
    /// whole physical pixels so text stays on the pixel grid (the cards sit
    /// within half a pixel of their exact place).
    fn offset(&self, center: Point, key: &BoardKey) -> Vec2 {
        let exact = vec2(self.anchor.x - center.x, self.anchor.y - center.y) * key.zoom;
        let ppp = key.pixels_per_point;
        vec2((exact.x * ppp).round() / ppp, (exact.y * ppp).round() / ppp)
    }

    /// What takes the mesh, painted at its key's zoom, to the view at
    /// `key.zoom` centred on `center`: a board point at `p` was painted at
    /// `c + (p - anchor) * z0` and belongs at `c + (p - center) * z`.
    fn stretch(&self, center: Point, key: &BoardKey) -> TSTransform {
        let z0 = self.key.as_ref().map_or(key.zoom, |k| k.zoom);
        let s = key.zoom / z0;
        let c = key.rect.center().to_vec2();
        let moved = vec2(self.anchor.x - center.x, self.anchor.y - center.y) * key.zoom;
        TSTransform::new(c * (1.0 - s) + moved, s)
    }

    fn place(&mut self, painter: &Painter, transform: TSTransform) {
        let idx = painter.add(Shape::Mesh(self.mesh.clone()));
        if transform != TSTransform::IDENTITY {
            painter.ctx().graphics_mut(|g| {
                g.entry(painter.layer_id())
                    .mutate_shape(idx, |s: &mut ClippedShape| {
                        s.transform_after_tessellation = transform;
                    });
            });
        }
        self.placed = Some((painter.layer_id(), idx));
    }

    /// Call once the whole frame is laid out. Text drawn after the board
    /// (a dialog, a tooltip) can grow the font atlas, which doubles its
    /// height and keeps every glyph where it was; the mesh's texture
    /// coordinates are then rescaled to the new height, so glyphs never
    /// sample the wrong part of the atlas.
    pub(crate) fn finish(&mut self, ctx: &egui::Context) {
        let Some((layer, idx)) = self.placed.take() else {
            return;
        };
        let (size, fill) = ctx.fonts(|f| (f.font_image_size(), f.font_atlas_fill_ratio()));
        if size != self.uv_size {
            if size[0] != self.uv_size[0] {
                // Not a growth egui makes; drop the mesh rather than guess.
                self.key = None;
                ctx.graphics_mut(|g| g.entry(layer).reset_shape(idx));
                ctx.request_repaint();
                return;
            }
            let scale = self.uv_size[1] as f32 / size[1] as f32;
            let mut mesh = (*self.mesh).clone();
            for v in &mut mesh.vertices {
                v.uv.y *= scale;
            }
            self.mesh = Arc::new(mesh);
            self.uv_size = size;
            let shape = Shape::Mesh(self.mesh.clone());
            ctx.graphics_mut(|g| {
                g.entry(layer)
                    .mutate_shape(idx, |s: &mut ClippedShape| s.shape = shape)
            });
        }
        // Glyphs added elsewhere leave the board's where they were: the
        // next frame may reuse the mesh.
        if let Some(key) = &mut self.key {
            key.atlas = (size, fill.to_bits());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, Pos2, RawInput, pos2};

    const SCREEN: Rect = Rect::from_min_max(Pos2::ZERO, pos2(800.0, 600.0));

    fn key(ctx: &egui::Context, selection: &Selection, zoom: f32) -> BoardKey {
        let (size, fill, tessellation, pixels_per_point) = BoardKey::renderer(ctx);
        BoardKey {
            doc: (0, 0, None),
            zoom,
            rect: SCREEN,
            selection: selection.clone(),
            editing: None,
            trace: None,
            leaving_out: None,
            pixels_per_point,
            atlas: (size, fill),
            tessellation,
        }
    }

    /// Runs one frame and says whether the board was painted in it.
    fn frame(
        ctx: &egui::Context,
        mesh: &mut BoardMesh,
        center: Point,
        selection: &Selection,
    ) -> bool {
        frame_at(ctx, mesh, center, selection, 1.0)
    }

    fn frame_at(
        ctx: &egui::Context,
        mesh: &mut BoardMesh,
        center: Point,
        selection: &Selection,
        zoom: f32,
    ) -> bool {
        let mut painted = false;
        let input = RawInput {
            screen_rect: Some(SCREEN),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            let painter = ui.painter().with_clip_rect(SCREEN);
            let key = key(ui.ctx(), selection, zoom);
            // A board far bigger than the view: no mesh holds all of it.
            let board = || {
                Some(Rect::from_center_size(
                    SCREEN.center(),
                    SCREEN.size() * 100.0,
                ))
            };
            mesh.paint(&painter, key, center, &board, |p, _| {
                painted = true;
                p.rect_filled(
                    Rect::from_min_size(pos2(100.0, 100.0), egui::vec2(50.0, 50.0)),
                    0.0,
                    Color32::RED,
                );
            });
            mesh.finish(ui.ctx());
        });
        // No GPU here: the font atlas has nowhere to go.
        output.textures_delta.clear();
        painted
    }

    #[test]
    fn the_mesh_is_reused_until_the_key_changes_or_a_pan_leaves_its_margin() {
        let ctx = egui::Context::default();
        let mut mesh = BoardMesh::default();
        let none = Selection::default();
        let at = |x: f32| Point::new(x, 0.0);
        // Settle fonts first; each new key is painted, then built, then reused.
        for _ in 0..3 {
            frame(&ctx, &mut mesh, at(0.0), &none);
        }
        assert!(
            !frame(&ctx, &mut mesh, at(0.0), &none),
            "an unchanged frame reuses"
        );
        // The margin is a quarter of the 800-point width: 200 points.
        assert!(
            !frame(&ctx, &mut mesh, at(150.0), &none),
            "a short pan reuses"
        );
        assert!(
            !frame(&ctx, &mut mesh, at(-190.0), &none),
            "so does one back past the start"
        );
        assert!(
            frame(&ctx, &mut mesh, at(250.0), &none),
            "a long pan paints a new mesh"
        );
        assert!(
            !frame(&ctx, &mut mesh, at(260.0), &none),
            "which is then reused"
        );
        let mut one = Selection::default();
        one.nodes.insert(NodeId(7));
        assert!(
            frame(&ctx, &mut mesh, at(250.0), &one),
            "a new selection paints"
        );
    }

    #[test]
    fn a_zoom_gesture_stretches_the_mesh_and_the_first_still_frame_paints_it_crisp() {
        let ctx = egui::Context::default();
        let mut mesh = BoardMesh::default();
        let none = Selection::default();
        let at = Point::new(0.0, 0.0);
        for _ in 0..3 {
            frame_at(&ctx, &mut mesh, at, &none, 1.0);
        }
        assert!(!frame_at(&ctx, &mut mesh, at, &none, 1.0));
        assert!(
            !frame_at(&ctx, &mut mesh, at, &none, 1.5),
            "a zoom step stretches the mesh"
        );
        assert!(
            !frame_at(&ctx, &mut mesh, at, &none, 2.5),
            "and so does the next"
        );
        assert!(
            frame_at(&ctx, &mut mesh, at, &none, 2.5),
            "the first frame without a zoom step paints"
        );
        assert!(
            !frame_at(&ctx, &mut mesh, at, &none, 2.5),
            "and that mesh is reused"
        );
        assert!(
            frame_at(&ctx, &mut mesh, at, &none, 2.5 * MAX_STRETCH * 1.1),
            "a step past the stretch limit paints"
        );
        assert!(
            frame_at(&ctx, &mut mesh, at, &none, 1.0),
            "so does zooming out past the painted margin"
        );
        assert!(
            !frame_at(&ctx, &mut mesh, at, &none, 0.8),
            "which was painted wider, to shrink into"
        );
        // Painted at half the zoom, 0.5, with its margin that mesh covers
        // the view down to two thirds of that.
        assert!(
            !frame_at(&ctx, &mut mesh, at, &none, 0.35),
            "and ahead of the zoom out: it goes on shrinking"
        );
        assert!(
            frame_at(&ctx, &mut mesh, at, &none, 0.3),
            "until it no longer covers the view"
        );
    }

    #[test]
    fn zooming_out_paints_at_half_the_zoom_and_zooming_in_at_the_zoom() {
        let far = 0.01;
        assert_eq!(painted_zoom(1.0, 0.9, far), 0.45);
        assert_eq!(painted_zoom(0.9, 1.0, far), 1.0);
        assert_eq!(
            painted_zoom(0.2, 0.15, far),
            Camera::MIN_ZOOM,
            "not past the camera's range"
        );
        assert_eq!(
            painted_zoom(1.0, 0.9, 0.3),
            0.3,
            "the whole board, once it fits within the stretch limit"
        );
        assert_eq!(painted_zoom(1.0, 0.9, 5.0), 0.9, "it fits already");
        assert_eq!(
            painted_zoom(0.3, 0.25, far),
            Camera::MIN_ZOOM,
            "as far as the camera goes, once within the stretch limit"
        );
    }

    #[test]
    fn the_fitting_zoom_scales_the_board_about_the_centre_into_the_area() {
        let area = Rect::from_min_max(pos2(-100.0, -50.0), pos2(100.0, 50.0));
        let centre = pos2(0.0, 0.0);
        // Twice as wide as the area, and off to the right.
        let board = Rect::from_min_max(pos2(-100.0, -10.0), pos2(300.0, 10.0));
        assert_eq!(fitting_zoom(board, area, centre, 1.0), 1.0 / 3.0);
        assert!((fitting_zoom(board, area, centre, 0.6) - 0.2).abs() < 1e-6);
        let inside = Rect::from_min_max(pos2(-50.0, -25.0), pos2(50.0, 25.0));
        assert_eq!(fitting_zoom(inside, area, centre, 1.0), 2.0);
        // All of it right of the centre: only its right side can leave.
        let right = Rect::from_min_max(pos2(20.0, -5.0), pos2(400.0, 5.0));
        assert_eq!(fitting_zoom(right, area, centre, 1.0), 0.25);
    }

    #[test]
    fn a_fuller_atlas_of_the_same_size_still_holds_the_meshs_glyphs() {
        let at = |size: usize, fill: f32| BoardKey {
            doc: (0, 0, None),
            zoom: 1.0,
            rect: SCREEN,
            selection: Selection::default(),
            editing: None,
            trace: None,
            leaving_out: None,
            pixels_per_point: 1.0,
            atlas: ([2048, size], fill.to_bits()),
            tessellation: TessellationOptions::default(),
        };
        assert!(at(64, 0.5).atlas_holds(&at(64, 0.6)), "glyphs were added");
        assert!(at(64, 0.5).atlas_holds(&at(64, 0.5)));
        assert!(!at(64, 0.5).atlas_holds(&at(64, 0.1)), "egui emptied it");
        assert!(!at(64, 0.5).atlas_holds(&at(128, 0.6)), "it grew");
    }
}
