//! Any bytes as a canvas template.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(template) = credence::io::templates::parse(text, Path::new("fuzz.ron"))
    {
        // A template that loads makes a valid canvas.
        let canvas = template.instantiate(credence::model::CanvasId(1), "x");
        let doc = credence::model::Document {
            canvases: vec![canvas],
            ..Default::default()
        };
        assert!(doc.validate().is_ok());
    }
});
