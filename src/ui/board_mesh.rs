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
//! pointer crossing cards does not count as a change.
//!
//! The background (with its dot grid) stays outside the mesh: egui draws
//! small dots from pre-rasterised discs that only its own tessellator has.

use crate::edit::Selection;
use crate::model::NodeId;
use crate::render::Camera;
use egui::epaint::{ClippedShape, Mesh, Shape, TessellationOptions, Tessellator};
use egui::layers::ShapeIdx;
use egui::{Painter, Rect, TextureId};
use std::sync::Arc;

/// Everything that decides what the board looks like. Two frames with equal
/// keys paint identical shapes, so the second reuses the first's mesh.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct BoardKey {
    /// The document's identity: which document was opened (generation),
    /// its undo state, and which snapshot is on show. Equal states are equal
    /// documents, the same promise the cached insights rely on.
    pub doc: (u64, u64, Option<usize>),
    pub camera: Camera,
    pub rect: Rect,
    pub selection: Selection,
    pub editing: Option<NodeId>,
    /// The traced node; what the trace lights up follows from the document.
    pub trace: Option<NodeId>,
    pub pixels_per_point: f32,
    /// Glyph positions in the font atlas; egui empties the atlas when it
    /// fills, and any new glyph changes how full it is.
    pub atlas: ([usize; 2], u32),
    pub tessellation: TessellationOptions,
}

impl BoardKey {
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

#[derive(Default)]
pub(crate) struct BoardMesh {
    key: Option<BoardKey>,
    /// Last frame's key, cached or not.
    last: Option<BoardKey>,
    mesh: Arc<Mesh>,
    /// The font atlas size the mesh's texture coordinates are relative to.
    uv_size: [usize; 2],
    /// Where this frame's mesh went, for [`BoardMesh::finish`].
    placed: Option<(egui::LayerId, ShapeIdx)>,
}

impl std::fmt::Debug for BoardMesh {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BoardMesh")
            .field("key", &self.key)
            .field("vertices", &self.mesh.vertices.len())
            .finish()
    }
}

impl BoardMesh {
    /// Paints with `paint` unless `key` matches the last frame's, then puts
    /// one mesh on `painter` in place of the shapes painted.
    pub(crate) fn paint(&mut self, painter: &Painter, key: BoardKey, paint: impl FnOnce(&Painter)) {
        self.placed = None;
        if self.key.as_ref() == Some(&key) {
            self.place(painter);
            return;
        }
        self.key = None;
        // While the picture changes every frame (a zoom, a drag) a mesh
        // would never be reused, and handing egui our own mesh costs one
        // more copy of it: egui tessellates those frames itself. The mesh is
        // built once a frame repeats the one before.
        let settled = self.last.as_ref() == Some(&key);
        self.last = Some(key.clone());
        if !settled {
            paint(painter);
            return;
        }
        let layer = painter.layer_id();
        let ctx = painter.ctx();
        let start = ctx.graphics(|g| g.get(layer).map_or(0, |list| list.next_idx().0));
        paint(painter);
        let clip = painter.clip_rect();
        // Take the shapes back out, leaving no-ops, unless one of them needs
        // something a single mesh cannot hold (another texture or clip rect):
        // then egui draws them as usual and nothing is cached.
        let shapes: Option<Vec<Shape>> = ctx.graphics_mut(|g| {
            let list = g.entry(layer);
            let end = list.next_idx().0;
            let plain = list.all_entries().skip(start).all(|s| {
                s.clip_rect == clip
                    && s.transform_after_tessellation == egui::emath::TSTransform::IDENTITY
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
        tessellator.set_clip_rect(clip);
        for shape in shapes {
            tessellator.tessellate_shape(shape, mesh);
        }
        self.place(painter);
        self.key = Some(key);
    }

    fn place(&mut self, painter: &Painter) {
        let idx = painter.add(Shape::Mesh(self.mesh.clone()));
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
