//! A CPU renderer for epaint's tessellated meshes: what egui-wgpu does on a
//! GPU, done with the same rules on the CPU, so export needs no Vulkan
//! driver and is not bound by lavapipe's fill rate.
//!
//! It follows egui-wgpu's pipeline exactly where that decides pixels:
//! vertex colours are premultiplied sRGB bytes interpolated as floats,
//! multiplied by the texture (bilinear, clamped, texel centres at +0.5),
//! blended premultiplied (`src + dst × (1 − src.a)`, alpha `src.a × (1 −
//! dst.a) + dst.a`) into an 8-bit target, one triangle after another;
//! pixels are sampled at their centres, with the top-left fill rule; clip
//! rectangles are rounded to whole pixels as its scissor is.
//!
//! A tile is split into bands of rows, one per core. Each band runs every
//! triangle in order over its own rows, so the bytes are the same whatever
//! the number of bands.

use egui::epaint::{ClippedPrimitive, Primitive, Vertex};
use egui::{Color32, TextureFilter, TextureId};
use std::collections::HashMap;

/// One texture as egui sent it: premultiplied RGBA.
struct Texture {
    size: [usize; 2],
    pixels: Vec<Color32>,
    nearest: bool,
}

/// The textures egui has sent so far (the font atlas, images).
#[derive(Default)]
pub struct Raster {
    textures: HashMap<TextureId, Texture>,
    /// Bands to split a tile into; 0: one per available core.
    pub threads: usize,
}

impl Raster {
    /// Applies a frame's texture changes, as a backend must before drawing.
    pub fn update_textures(&mut self, delta: &mut egui::TexturesDelta) {
        #[expect(clippy::iter_over_hash_type, reason = "textures are independent")]
        for (id, deltas) in delta.set.drain() {
            for delta in deltas {
                let egui::ImageData::Color(image) = &delta.image;
                let nearest = delta.options.magnification == TextureFilter::Nearest;
                match delta.pos {
                    None => {
                        self.textures.insert(
                            id,
                            Texture {
                                size: image.size,
                                pixels: image.pixels.clone(),
                                nearest,
                            },
                        );
                    }
                    Some([x0, y0]) => {
                        let Some(t) = self.textures.get_mut(&id) else {
                            continue;
                        };
                        let [w, h] = image.size;
                        for y in 0..h {
                            let (ty, row) = (y0 + y, y * w);
                            if ty >= t.size[1] {
                                break;
                            }
                            let n = w.min(t.size[0].saturating_sub(x0));
                            let at = ty * t.size[0] + x0;
                            t.pixels[at..at + n].copy_from_slice(&image.pixels[row..row + n]);
                        }
                    }
                }
            }
        }
        #[expect(clippy::iter_over_hash_type, reason = "textures are independent")]
        for id in delta.free.drain() {
            self.textures.remove(&id);
        }
    }

    /// One egui pass's output as `size` RGBA pixels (premultiplied) over
    /// `clear`, into `pixels` (resized to fit, so a buffer can be reused).
    pub fn render_into(
        &mut self,
        ctx: &egui::Context,
        mut output: egui::FullOutput,
        size: [u32; 2],
        clear: Color32,
        pixels: &mut Vec<u8>,
    ) {
        self.update_textures(&mut output.textures_delta);
        let ppp = output.pixels_per_point;
        let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), ppp);
        pixels.resize(size[0] as usize * size[1] as usize * 4, 0);
        let clear = clear.to_array();
        for px in pixels.chunks_exact_mut(4) {
            px.copy_from_slice(&clear);
        }
        self.draw(&primitives, ppp, size, pixels);
    }

    /// Draws `primitives` (in points, `ppp` pixels each) over `pixels`, an
    /// RGBA image `size` pixels large already cleared to its background.
    pub fn draw(
        &self,
        primitives: &[ClippedPrimitive],
        ppp: f32,
        size: [u32; 2],
        pixels: &mut [u8],
    ) {
        let [w, h] = [size[0] as usize, size[1] as usize];
        let threads = match self.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
        .clamp(1, h.max(1));
        let band = h.div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for (i, rows) in pixels.chunks_mut(band * w * 4).enumerate() {
                let y0 = i * band;
                let y1 = (y0 + band).min(h);
                scope.spawn(move || {
                    let mut target = Target {
                        pixels: rows,
                        width: w,
                        y0,
                        y1,
                    };
                    for p in primitives {
                        if let Primitive::Mesh(mesh) = &p.primitive {
                            let clip = scissor(p.clip_rect, ppp, size);
                            self.draw_mesh(mesh, ppp, clip, &mut target);
                        }
                    }
                });
            }
        });
    }

    fn draw_mesh(&self, mesh: &egui::Mesh, ppp: f32, clip: [usize; 4], t: &mut Target) {
        let [x0, y0, x1, y1] = clip;
        let y0 = y0.max(t.y0);
        let y1 = y1.min(t.y1);
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        let texture = self.textures.get(&mesh.texture_id);
        for tri in mesh.indices.chunks_exact(3) {
            let v = |i: u32| mesh.vertices.get(i as usize);
            let (Some(a), Some(b), Some(c)) = (v(tri[0]), v(tri[1]), v(tri[2])) else {
                continue;
            };
            // Most of a band's triangles lie in other rows or columns: a
            // cheap test before the exact setup.
            let (lo_y, hi_y) = (
                a.pos.y.min(b.pos.y).min(c.pos.y),
                a.pos.y.max(b.pos.y).max(c.pos.y),
            );
            let (lo_x, hi_x) = (
                a.pos.x.min(b.pos.x).min(c.pos.x),
                a.pos.x.max(b.pos.x).max(c.pos.x),
            );
            if hi_y * ppp < y0 as f32 - 1.0
                || lo_y * ppp > y1 as f32 + 1.0
                || hi_x * ppp < x0 as f32 - 1.0
                || lo_x * ppp > x1 as f32 + 1.0
            {
                continue;
            }
            triangle([a, b, c], ppp, texture, [x0, y0, x1, y1], t);
        }
    }
}

/// A band of rows `y0..y1` of the image, `width` pixels wide.
struct Target<'a> {
    pixels: &'a mut [u8],
    width: usize,
    y0: usize,
    y1: usize,
}

/// The clip rectangle in whole pixels, as egui-wgpu's scissor rounds it:
/// `[x0, y0, x1, y1]`.
fn scissor(clip: egui::Rect, ppp: f32, size: [u32; 2]) -> [usize; 4] {
    let round = |v: f32, max: u32| ((v * ppp).round().max(0.0) as u32).min(max) as usize;
    let x0 = round(clip.min.x, size[0]);
    let y0 = round(clip.min.y, size[1]);
    let x1 = round(clip.max.x, size[0]).max(x0);
    let y1 = round(clip.max.y, size[1]).max(y0);
    [x0, y0, x1, y1]
}

/// A vertex's colour as the shader sees it: premultiplied, 0–1.
fn rgba(c: Color32) -> [f32; 4] {
    let [r, g, b, a] = c.to_array();
    [r, g, b, a].map(|v| f32::from(v) / 255.0)
}

/// Bilinear sample at `uv` (0–1), clamped to the edge, 0–1 premultiplied.
fn sample(t: &Texture, u: f32, v: f32) -> [f32; 4] {
    let [w, h] = t.size;
    if w == 0 || h == 0 {
        return [1.0; 4];
    }
    let texel = |x: i64, y: i64| {
        let x = x.clamp(0, w as i64 - 1) as usize;
        let y = y.clamp(0, h as i64 - 1) as usize;
        rgba(t.pixels[y * w + x])
    };
    if t.nearest {
        return texel((u * w as f32).floor() as i64, (v * h as f32).floor() as i64);
    }
    let px = u * w as f32 - 0.5;
    let py = v * h as f32 - 0.5;
    let (fx, fy) = (px - px.floor(), py - py.floor());
    let (x, y) = (px.floor() as i64, py.floor() as i64);
    let (tl, tr, bl, br) = (
        texel(x, y),
        texel(x + 1, y),
        texel(x, y + 1),
        texel(x + 1, y + 1),
    );
    let mut out = [0.0; 4];
    for i in 0..4 {
        let top = tl[i] + (tr[i] - tl[i]) * fx;
        let bottom = bl[i] + (br[i] - bl[i]) * fx;
        out[i] = top + (bottom - top) * fy;
    }
    out
}

/// Premultiplied "over" into an 8-bit pixel, as the pipeline's blend state.
#[inline]
fn blend(px: &mut [u8], src: [f32; 4]) {
    let sa = src[3];
    let da = f32::from(px[3]) / 255.0;
    for i in 0..3 {
        let d = f32::from(px[i]) / 255.0;
        px[i] = to_byte(src[i] + d * (1.0 - sa));
    }
    px[3] = to_byte(sa * (1.0 - da) + da);
}

#[inline]
fn to_byte(v: f32) -> u8 {
    (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8
}

/// Whether an edge counts pixels exactly on it: the top-left rule, so two
/// triangles sharing an edge draw each pixel once.
fn owns_edge(dx: i64, dy: i64) -> bool {
    dy < 0 || (dy == 0 && dx > 0)
}

/// Sub-pixel precision of vertex positions, as GPUs snap them (8 bits):
/// edge tests are then exact integers, so two triangles sharing an edge
/// agree on every pixel centre along it.
const SUB: f32 = 256.0;

fn triangle(
    v: [&Vertex; 3],
    ppp: f32,
    texture: Option<&Texture>,
    clip: [usize; 4],
    t: &mut Target,
) {
    let snap = |c: f32| (c * ppp * SUB).round() as i64;
    let p = v.map(|v| (snap(v.pos.x), snap(v.pos.y)));
    if v.iter()
        .any(|v| !v.pos.x.is_finite() || !v.pos.y.is_finite())
    {
        return;
    }
    let area = (p[1].0 - p[0].0) * (p[2].1 - p[0].1) - (p[1].1 - p[0].1) * (p[2].0 - p[0].0);
    if area == 0 {
        return;
    }
    // Wind every triangle the same way, so "inside" is one sign.
    let (p, v) = if area < 0 {
        ([p[0], p[2], p[1]], [v[0], v[2], v[1]])
    } else {
        (p, v)
    };
    let area_f = area.abs() as f32;
    let min_x = p.iter().map(|q| q.0).min().unwrap_or(0);
    let max_x = p.iter().map(|q| q.0).max().unwrap_or(0);
    let min_y = p.iter().map(|q| q.1).min().unwrap_or(0);
    let max_y = p.iter().map(|q| q.1).max().unwrap_or(0);
    let [cx0, cy0, cx1, cy1] = clip;
    // Pixels whose centres (x + 0.5) can fall inside.
    let first = |min: i64| ((min - 128).max(0) as u64).div_ceil(256) as usize;
    let last = |max: i64| {
        if max < 128 {
            0
        } else {
            ((max - 128) / 256 + 1) as usize
        }
    };
    let x0 = first(min_x).max(cx0);
    let x1 = last(max_x).min(cx1);
    let y0 = first(min_y).max(cy0);
    let y1 = last(max_y).min(cy1);
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    // Edge i is opposite vertex i: e_i(x, y) = A_i x + B_i y + C_i, which is
    // the barycentric weight of vertex i times the area.
    let edge = |a: (i64, i64), b: (i64, i64)| {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        // Positive inside for our winding.
        let (ea, eb) = (-dy, dx);
        let ec = -(ea * a.0 + eb * a.1);
        (ea, eb, ec, owns_edge(dx, dy))
    };
    let edges = [edge(p[1], p[2]), edge(p[2], p[0]), edge(p[0], p[1])];
    let colours = v.map(|v| rgba(v.color));
    let uvs = v.map(|v| (v.uv.x, v.uv.y));
    let same_colour = v[0].color == v[1].color && v[1].color == v[2].color;
    let same_uv = v[0].uv == v[1].uv && v[1].uv == v[2].uv;
    // Most triangles are flat shapes on the atlas's white texel: one
    // colour for every pixel.
    let flat = same_colour && same_uv;
    let flat_src = flat.then(|| {
        let tex = texture.map_or([1.0; 4], |t| sample(t, uvs[0].0, uvs[0].1));
        let c = colours[0];
        [c[0] * tex[0], c[1] * tex[1], c[2] * tex[2], c[3] * tex[3]]
    });
    if flat_src.is_some_and(|s| s[3] == 0.0 && s[0] == 0.0 && s[1] == 0.0 && s[2] == 0.0) {
        return;
    }
    let width = t.width;
    let flat_bytes = flat_src.map(|s| s.map(to_byte));
    for y in y0.max(t.y0)..y1.min(t.y1) {
        let py = y as i64 * 256 + 128;
        // The run of pixels whose centres pass all three edge tests, solved
        // per edge instead of tested pixel by pixel: most of a thin
        // triangle's bounding box is outside it.
        let (mut from, mut to) = (x0 as i64, x1 as i64);
        for (ea, eb, ec, owns) in &edges {
            // e(x) = ea (256 x + 128) + k must reach `least`.
            let k = eb * py + ec;
            let least = if *owns { 0 } else { 1 };
            let n = least - k - 128 * ea;
            let d = 256 * ea;
            if *ea > 0 {
                from = from.max(n.div_euclid(d) + i64::from(n.rem_euclid(d) != 0));
            } else if *ea < 0 {
                to = to.min((-n).div_euclid(-d) + 1);
            } else if k < least {
                to = from;
            }
        }
        if from >= to {
            continue;
        }
        let row = (y - t.y0) * width * 4;
        let span = &mut t.pixels[row + from as usize * 4..row + to as usize * 4];
        if let (Some(src), Some(bytes)) = (flat_src, flat_bytes) {
            if src[3] >= 1.0 {
                for px in span.chunks_exact_mut(4) {
                    px.copy_from_slice(&bytes);
                }
            } else {
                for px in span.chunks_exact_mut(4) {
                    blend(px, src);
                }
            }
            continue;
        }
        for (i, px_bytes) in span.chunks_exact_mut(4).enumerate() {
            let px = (from + i as i64) * 256 + 128;
            let mut w = [0.0f32; 3];
            for (i, (ea, eb, ec, _)) in edges.iter().enumerate() {
                w[i] = (ea * px + eb * py + ec) as f32 / area_f;
            }
            let c = if same_colour {
                colours[0]
            } else {
                let mut c = [0.0; 4];
                for (k, ch) in c.iter_mut().enumerate() {
                    *ch = colours[0][k] * w[0] + colours[1][k] * w[1] + colours[2][k] * w[2];
                }
                c
            };
            let tex = match texture {
                Some(tx) if !same_uv => {
                    let u = uvs[0].0 * w[0] + uvs[1].0 * w[1] + uvs[2].0 * w[2];
                    let v = uvs[0].1 * w[0] + uvs[1].1 * w[1] + uvs[2].1 * w[2];
                    sample(tx, u, v)
                }
                Some(tx) => sample(tx, uvs[0].0, uvs[0].1),
                None => [1.0; 4],
            };
            let src = [c[0] * tex[0], c[1] * tex[1], c[2] * tex[2], c[3] * tex[3]];
            if src[3] >= 1.0 {
                px_bytes.copy_from_slice(&src.map(to_byte));
            } else {
                blend(px_bytes, src);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Pos2, Rect, pos2};

    fn quad(rect: Rect, colour: Color32) -> ClippedPrimitive {
        let mut mesh = egui::Mesh::default();
        mesh.add_colored_rect(rect, colour);
        ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }
    }

    fn canvas(raster: &Raster, prims: &[ClippedPrimitive], size: [u32; 2]) -> Vec<u8> {
        let mut px = vec![255u8; (size[0] * size[1] * 4) as usize];
        raster.draw(prims, 1.0, size, &mut px);
        px
    }

    #[test]
    fn two_triangles_of_a_rect_fill_each_pixel_once() {
        // Half-transparent: a pixel drawn twice would come out darker.
        let prims = [quad(
            Rect::from_min_max(pos2(2.0, 2.0), pos2(6.0, 5.0)),
            Color32::from_black_alpha(128),
        )];
        let px = canvas(&Raster::default(), &prims, [8, 8]);
        let at = |x: usize, y: usize| px[(y * 8 + x) * 4];
        assert_eq!(at(2, 2), at(5, 4));
        assert_eq!(at(3, 3), 127, "white under 50% black");
        assert_eq!(at(1, 2), 255, "outside");
        assert_eq!(at(6, 2), 255, "the right edge is not drawn");
        assert_eq!(at(2, 5), 255, "the bottom edge is not drawn");
    }

    #[test]
    fn bands_give_the_same_bytes_as_one_thread() {
        let prims: Vec<_> = (0..40)
            .map(|i| {
                let f = i as f32;
                quad(
                    Rect::from_min_size(Pos2::new(f * 1.7, f * 2.3), egui::vec2(31.3, 17.9)),
                    Color32::from_rgba_premultiplied((i * 6) as u8, 90, 200, 180),
                )
            })
            .collect();
        let one = Raster {
            threads: 1,
            ..Raster::default()
        };
        let many = Raster {
            threads: 7,
            ..Raster::default()
        };
        assert_eq!(
            canvas(&one, &prims, [120, 130]),
            canvas(&many, &prims, [120, 130])
        );
    }
}
