//! Pixel snapshots of exported PNGs of the example board, 1× and 2×, light
//! and dark, rendered offscreen on the same wgpu path as `credence export`.
//! Refresh with `UPDATE_SNAPSHOTS=1 cargo test --test export_snapshots`.

use credence::export::{self, Format, Options};
use credence::render::Theme;

fn exported(scale: f32, theme: Theme) -> image::RgbaImage {
    let options = Options {
        scale,
        theme,
        ..Options::default()
    };
    let bytes = export::render(&credence::io::example(), Format::Png, &options, &mut |_| {})
        .expect("export works on lavapipe");
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
