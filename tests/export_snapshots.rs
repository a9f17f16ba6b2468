//! Pixel snapshots of exported PNGs of the example board, 1× and 2×, light
//! and dark (and of the workshop example's revealed votes), and of the three
//! 2×2 boards light and dark, rendered offscreen on the same wgpu path as
//! `credence export`.
//! Refresh with `UPDATE_SNAPSHOTS=1 cargo test --test export_snapshots`.

use credence::export::{self, Format, Options, Scope};
use credence::render::Theme;
use credence::render::quadrants::{QuadrantBoard, QuadrantSpec};

fn exported(scale: f32, theme: Theme) -> image::RgbaImage {
    exported_doc(&credence::io::example(), scale, theme)
}

fn exported_doc(doc: &credence::model::Document, scale: f32, theme: Theme) -> image::RgbaImage {
    let options = Options {
        scale,
        theme,
        ..Options::default()
    };
    let bytes =
        export::render(doc, Format::Png, &options, &mut |_| {}).expect("export works on lavapipe");
    image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .expect("a valid PNG")
        .to_rgba8()
}

#[test]
fn example_1x_light() {
    egui_kittest::image_snapshot(&exported(1.0, Theme::Light), "export_1x_light");
}

#[test]
fn example_1x_dark() {
    egui_kittest::image_snapshot(&exported(1.0, Theme::Dark), "export_1x_dark");
}

#[test]
fn example_2x_light() {
    let image = exported(2.0, Theme::Light);
    assert_eq!(image.dimensions(), (4464, 2184));
    egui_kittest::image_snapshot(&image, "export_2x_light");
}

#[test]
fn example_2x_dark() {
    egui_kittest::image_snapshot(&exported(2.0, Theme::Dark), "export_2x_dark");
}

/// Revealed votes export as they show: dot strips under the cards and the
/// dot-voting badges, drawn by the same code as the screen.
#[test]
fn workshop_votes_export_with_their_strips() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/workshop.ron");
    let doc = credence::io::load(&path).unwrap();
    let revealed = exported_doc(&doc, 1.0, Theme::Light);
    let mut hidden_doc = doc.clone();
    hidden_doc.workshop.revealed = false;
    let hidden = exported_doc(&hidden_doc, 1.0, Theme::Light);
    assert_eq!(revealed.dimensions(), hidden.dimensions());
    assert_ne!(revealed, hidden, "the strips must show in the PNG");
    egui_kittest::image_snapshot(&revealed, "export_workshop_1x");
}

/// The workshop example with every belief placed on Cutler's map (the
/// example leaves them in the tray), so the 2×2 snapshots show cards on
/// every quadrant, leader lines and measured marks.
fn workshop_placed() -> credence::model::Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/workshop.ron");
    let mut doc = credence::io::load(&path).unwrap();
    for node in &mut doc.nodes {
        node.stance = Some(((node.id.0 * 37) % 100) as u8);
        node.convergence = Some(((node.id.0 * 53) % 100) as u8);
    }
    doc
}

fn exported_2x2(board: QuadrantBoard, theme: Theme) -> image::RgbaImage {
    let options = Options {
        scope: Scope::Quadrants(QuadrantSpec {
            board,
            include_more: true,
        }),
        scale: 1.0,
        theme,
        ..Options::default()
    };
    let bytes = export::render(&workshop_placed(), Format::Png, &options, &mut |_| {})
        .expect("export works on lavapipe");
    image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .expect("a valid PNG")
        .to_rgba8()
}

#[test]
fn the_2x2_boards_export_light_and_dark() {
    for board in QuadrantBoard::ALL {
        for (theme, name) in [(Theme::Light, "light"), (Theme::Dark, "dark")] {
            let image = exported_2x2(board, theme);
            let page = credence::render::quadrants::PAGE;
            let pad = 2.0 * Options::default().padding;
            assert_eq!(
                image.dimensions(),
                ((page.x + pad) as u32, (page.y + pad) as u32)
            );
            let file = format!("export_{}_{name}", board.name().replace(' ', "_"));
            egui_kittest::image_snapshot(&image, &file);
        }
    }
}
