//! One node card: kind strip, confidence, wrapped title, confidence bar.

use super::View;
use super::fit_text;
use super::style::{CYCLE, SELECTION, TRACE_DOWN, TRACE_UP, WARNING, kind_colour, tint};
use crate::model::{Node, Status};
use egui::text::TextFormat;
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect, Stroke, StrokeKind, vec2};

/// Below this on-screen font size small labels are unreadable, so they are
/// not drawn; titles, the largest text, last a little longer.
const MIN_TEXT_PX: f32 = 5.0;
const MIN_TITLE_PX: f32 = 4.5;

/// A card's title, in board units: its font size, its line height, and
/// where it sits (below the header, above the confidence bar, inside the
/// padding). [`paint_card`] and [`fit_height`] both read them, so a card
/// fitted to its title shows all of it.
const TITLE_SIZE: f32 = 15.0;
const TITLE_LINE: f32 = TITLE_SIZE * 1.25;
const PAD: f32 = 10.0;
const HEADER_SIZE: f32 = 11.0;
const BAR_H: f32 = 5.0;
/// From the card's top to the title's first line: padding, header, gap.
const TITLE_TOP: f32 = PAD + HEADER_SIZE + 6.0;
/// From the title's last line to the card's bottom: gap, bar, padding.
const TITLE_BOTTOM: f32 = 4.0 + BAR_H + PAD;
/// A fitted card grows to show this many title lines; longer titles
/// shrink, then are cut with "…" (the full title is in the tooltip and the
/// inspector).
pub const MAX_TITLE_LINES: usize = fit_text::MAX_LINES;

/// The height at which `title` shows whole (up to [`MAX_TITLE_LINES`]
/// lines at full size) on a card `width` wide, never below the default
/// card's. Longer titles get the tallest height, and the painter shrinks
/// them into it.
pub fn fit_height(title: &str, width: f32) -> f32 {
    let lines = title_lines(title, width).min(MAX_TITLE_LINES);
    let needed = TITLE_TOP + lines as f32 * TITLE_LINE + TITLE_BOTTOM;
    // A hair over, so the painter's floor of the rows that fit is exact.
    (needed + 0.5).max(crate::model::Size::default().h)
}

/// How many lines `title` wraps to at full size on a card `width` wide.
pub fn title_lines(title: &str, width: f32) -> usize {
    fit_text::fitted_lines(title, TITLE_SIZE, width - 2.0 * PAD)
}

/// `node` with its height fitted to its title: what every title edit
/// carries, so one undo restores title and size together.
pub fn fitted(mut node: Node) -> Node {
    node.size.h = fit_height(&node.title, node.size.w);
    node
}

/// The smallest a card can be resized to: its header (kind label and
/// confidence) on one line, and one title line under it.
pub fn min_size(node: &Node) -> crate::model::Size {
    let header = fit_text::text_width(&node.kind.label().to_uppercase(), HEADER_SIZE)
        + fit_text::text_width("100%", HEADER_SIZE * 1.1)
        + 12.0;
    crate::model::Size {
        w: (header + 2.0 * PAD).ceil().max(MIN_CARD_W),
        h: (TITLE_TOP + TITLE_LINE + TITLE_BOTTOM).ceil(),
    }
}

/// Narrower than this, even a short word of a title does not fit.
const MIN_CARD_W: f32 = 90.0;

/// How many title lines a card `height` tall has room for at full size.
pub fn title_rows(height: f32) -> usize {
    fit_text::rows_in(height - TITLE_TOP - TITLE_BOTTOM, TITLE_SIZE)
}

/// Whether a card shows its whole title at 100% (shrunk if need be); when
/// not, the tooltip is the only place to read the rest.
pub fn title_shows_whole(node: &Node) -> bool {
    fit_text::shows_whole(
        &node.title,
        TITLE_SIZE,
        node.size.w - 2.0 * PAD,
        node.size.h - TITLE_TOP - TITLE_BOTTOM,
    )
}

/// The card's rect on screen.
pub fn card_rect(node: &Node, view: &View) -> Rect {
    let min = view.to_screen(node.pos);
    Rect::from_min_size(min, vec2(node.size.w, node.size.h) * view.camera.zoom)
}

/// A card's accent colour and the fading that dims it (invalidated, or
/// outside the spotlight).
struct Look {
    accent: Color32,
    invalidated: bool,
    unlit: bool,
}

impl Look {
    fn of(node: &Node, view: &View) -> Self {
        Self {
            accent: node
                .colour
                .map(|c| Color32::from_rgb(c.0, c.1, c.2))
                .unwrap_or_else(|| kind_colour(node.kind)),
            invalidated: node.status == Status::Invalidated,
            // Outside the spotlight a card stays legible as context, but recedes.
            unlit: view.unlit(node.id),
        }
    }

    fn fade(&self, c: Color32) -> Color32 {
        let c = if self.invalidated {
            c.gamma_multiply(0.45)
        } else {
            c
        };
        if self.unlit {
            c.gamma_multiply(0.25)
        } else {
            c
        }
    }
}

/// Below about 2 px a rounded corner cannot be seen, and square corners
/// tessellate to a quarter of the vertices.
fn corner_radius(zoom: f32) -> CornerRadius {
    let corner = 8.0 * zoom;
    if corner < 2.0 {
        CornerRadius::ZERO
    } else {
        CornerRadius::same(corner.min(30.0) as u8)
    }
}

/// The outline colour of a card the trace lights up: what it rests on, or
/// what rests on it.
fn trace_colour(node: &Node, view: &View) -> Option<Color32> {
    view.trace.and_then(|t| {
        if t.up.contains(&node.id) {
            Some(TRACE_UP)
        } else if t.down.contains(&node.id) {
            Some(TRACE_DOWN)
        } else {
            None
        }
    })
}

fn hover_stroke(look: &Look, zoom: f32) -> Stroke {
    Stroke::new((2.0 * zoom).clamp(1.5, 4.0), look.fade(look.accent))
}

/// The hover outline alone, over a card painted without it. The canvas
/// keeps its cards as one retained mesh and lays the hover on top, so moving
/// the pointer across cards does not redraw the board. Selected and traced
/// cards keep their own outline, as in `paint_card`.
pub fn paint_hover(painter: &Painter, node: &Node, view: &View) {
    if view.selection.nodes.contains(&node.id) || trace_colour(node, view).is_some() {
        return;
    }
    let z = view.camera.zoom;
    let stroke = hover_stroke(&Look::of(node, view), z);
    painter.rect_stroke(
        card_rect(node, view),
        corner_radius(z),
        stroke,
        StrokeKind::Inside,
    );
}

pub fn paint_card(painter: &Painter, node: &Node, view: &View) {
    let rect = card_rect(node, view);
    if !painter.clip_rect().intersects(rect.expand(8.0)) {
        return;
    }
    let z = view.camera.zoom;
    let look = Look::of(node, view);
    let (accent, invalidated, unlit) = (look.accent, look.invalidated, look.unlit);
    let fade = |c: Color32| look.fade(c);
    let radius = corner_radius(z);

    // Shadow, then body and outline as one shape. Under an opaque body only
    // the shadow's bottom edge shows, so only that strip is filled: a third
    // fewer pixels per card, which is most of an export's time on a CPU
    // renderer. A shadow offset under half a pixel is not drawn at all.
    let offset = 2.0 * z;
    if offset >= 0.5 {
        let shadow = rect.translate(vec2(0.0, offset));
        let shadow = if invalidated {
            shadow
        } else {
            let strip = 2.0 * f32::from(radius.sw) + offset;
            Rect::from_min_max(
                egui::pos2(shadow.left(), (shadow.bottom() - strip).max(shadow.top())),
                shadow.max,
            )
        };
        painter.rect_filled(
            shadow,
            radius,
            if invalidated || unlit {
                view.palette.shadow.gamma_multiply(0.4)
            } else {
                view.palette.shadow
            },
        );
    }
    let selected = view.selection.nodes.contains(&node.id);
    let outline = if let Some(colour) = trace_colour(node, view).filter(|_| !selected) {
        Stroke::new((3.0 * z).clamp(2.0, 5.0), colour)
    } else if selected {
        Stroke::new((3.0 * z).clamp(2.0, 5.0), SELECTION)
    } else if view.hovered == Some(node.id) {
        hover_stroke(&look, z)
    } else {
        Stroke::new((1.4 * z).clamp(0.8, 3.0), fade(accent.gamma_multiply(0.8)))
    };
    painter.rect(
        rect,
        radius,
        fade(tint(view.palette.paper, accent, 0.10)),
        outline,
        StrokeKind::Inside,
    );
    let in_cycle = view.in_cycle.is_some_and(|c| c.contains(&node.id));
    if in_cycle {
        painter.rect_stroke(
            rect.expand((4.0 * z).max(2.0)),
            radius,
            Stroke::new((1.5 * z).max(1.0), fade(CYCLE)),
            StrokeKind::Outside,
        );
    }

    if node.pinned {
        paint_pin(
            painter,
            rect,
            z,
            fade(view.palette.text),
            fade(view.palette.paper),
        );
    }

    // Confidence bar along the bottom edge.
    let pad = PAD * z;
    let bar_h = (BAR_H * z).max(1.5);
    let bar_radius = if bar_h < 3.0 { 0.0 } else { bar_h / 2.0 };
    let bar = Rect::from_min_max(
        rect.left_bottom() + vec2(pad, -pad - bar_h),
        rect.right_bottom() + vec2(-pad, -pad),
    );
    painter.rect_filled(bar, bar_radius, fade(view.palette.bar_track));
    let filled = Rect::from_min_size(
        bar.min,
        vec2(bar.width() * node.confidence as f32 / 100.0, bar.height()),
    );
    painter.rect_filled(filled, bar_radius, fade(accent));
    // Where what it rests on caps it, a red tick marks the effective value.
    let effective = view
        .effective
        .and_then(|e| e.get(&node.id).copied())
        .filter(|&e| e < node.confidence);
    if let Some(e) = effective {
        let x = bar.left() + bar.width() * f32::from(e) / 100.0;
        painter.line_segment(
            [
                egui::pos2(x, bar.top() - 3.0 * z),
                egui::pos2(x, bar.bottom() + 3.0 * z),
            ],
            Stroke::new((2.0 * z).max(1.5), fade(WARNING)),
        );
    }

    // The header (kind, status, confidence) drops out before the title does.
    let small = HEADER_SIZE * z;
    let title_top = if small < MIN_TEXT_PX {
        rect.top() + pad
    } else {
        let header_y = rect.top() + pad + small / 2.0;
        let mut status = match node.status {
            Status::Untested => String::new(),
            Status::Testing => " · TESTING".into(),
            Status::Validated => " · ✔ VALIDATED".into(),
            Status::Invalidated => " · ✖ INVALIDATED".into(),
        };
        if in_cycle {
            status.push_str(" · CYCLE");
        }
        painter.text(
            egui::pos2(rect.left() + pad, header_y),
            Align2::LEFT_CENTER,
            format!("{}{status}", node.kind.label().to_uppercase()),
            FontId::proportional(small),
            fade(accent),
        );
        let (confidence, colour) = match effective {
            Some(e) => (format!("{}% (⚠ {e}%)", node.confidence), WARNING),
            None => (format!("{}%", node.confidence), view.palette.muted),
        };
        painter.text(
            egui::pos2(rect.right() - pad, header_y),
            Align2::RIGHT_CENTER,
            confidence,
            FontId::proportional(small * 1.1),
            fade(colour),
        );
        header_y + small / 2.0 + 6.0 * z
    };

    // Title, wrapped to the card: shrunk when it needs more rows than the
    // card has, and cut with an ellipsis past that.
    if view.editing == Some(node.id) || TITLE_SIZE * z < MIN_TITLE_PX {
        return;
    }
    let bottom = bar.top() - 4.0 * z;
    let colour = fade(view.palette.text);
    let mut format = TextFormat::simple(FontId::proportional(TITLE_SIZE * z), colour);
    if invalidated {
        format.strikethrough = Stroke::new((1.2 * z).max(0.8), colour);
    }
    let galley = fit_text::fit_galley(
        &node.title,
        &format,
        rect.width() - 2.0 * pad,
        bottom - title_top,
        z,
        |job| painter.layout_job(job),
    );
    painter.galley(egui::pos2(rect.left() + pad, title_top), galley, colour);
}

/// A pinned card's mark: a pin head on the middle of its top edge, where
/// no text is, as a pin through a paper card would be.
fn paint_pin(painter: &Painter, rect: Rect, z: f32, ink: Color32, paper: Color32) {
    let r = (6.0 * z).max(4.0);
    let centre = egui::pos2(rect.center().x, rect.top());
    painter.circle(centre, r, ink, Stroke::new((1.5 * z).max(1.0), paper));
    painter.circle_filled(centre - vec2(r, r) * 0.3, r * 0.3, paper);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A context with the board's fonts, run once so they are loaded.
    fn fonts() -> egui::Context {
        static CTX: std::sync::OnceLock<egui::Context> = std::sync::OnceLock::new();
        CTX.get_or_init(|| {
            let ctx = egui::Context::default();
            crate::render::set_up_text(&ctx);
            let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
            output.textures_delta.clear();
            ctx
        })
        .clone()
    }

    proptest::proptest! {
        /// A card fitted to its title shows all of it at 100%, laid out by
        /// the painter's own fonts (a context's, not the measurer's), up to
        /// six lines; past that it shrinks, and only then is it cut.
        #[test]
        fn a_fitted_title_never_overflows_its_card(
            words in proptest::collection::vec("[a-zA-Z'’é]{1,14}", 0..60),
            width in 140.0f32..420.0,
        ) {
            let ctx = fonts();
            let title = words.join(" ");
            let mut node = Node::new(crate::model::NodeId(1), crate::model::NodeKind::Belief, title.clone());
            node.size.w = width;
            let node = fitted(node);
            let lines = title_lines(&title, width);
            let format = TextFormat::simple(FontId::proportional(TITLE_SIZE), Color32::BLACK);
            let galley = ctx.fonts_mut(|fonts| fit_text::fit_galley(
                &title,
                &format,
                width - 2.0 * PAD,
                node.size.h - TITLE_TOP - TITLE_BOTTOM,
                1.0,
                |job| fonts.layout_job(job),
            ));
            if lines <= MAX_TITLE_LINES {
                proptest::prop_assert!(!galley.elided, "{title:?} at {width}: cut");
                proptest::prop_assert_eq!(galley.job.sections[0].format.font_id.size, TITLE_SIZE);
            } else {
                proptest::prop_assert_eq!(title_rows(node.size.h), MAX_TITLE_LINES);
            }
            proptest::prop_assert_eq!(galley.elided, !title_shows_whole(&node));
            proptest::prop_assert!(node.size.h >= crate::model::Size::default().h);
        }
    }

    #[test]
    fn the_smallest_card_still_holds_its_header_and_a_line() {
        for kind in crate::model::NodeKind::ALL {
            let node = Node::new(crate::model::NodeId(1), kind, "x");
            let min = min_size(&node);
            assert_eq!(title_rows(min.h), 1);
            assert!(
                min.w >= MIN_CARD_W && min.w < crate::model::Size::default().w,
                "{kind:?}: {}",
                min.w
            );
        }
    }
}
