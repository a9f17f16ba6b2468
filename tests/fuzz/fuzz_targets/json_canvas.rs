//! Any bytes as a JSON Canvas file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(doc) = credence::io::json_canvas::from_canvas(text, Path::new("fuzz.canvas"))
    {
        assert!(doc.validate().is_ok());
        // Exporting what was imported must import again.
        let text = credence::io::json_canvas::to_canvas(&doc);
        credence::io::json_canvas::from_canvas(&text, Path::new("again.canvas"))
            .expect("an exported canvas imports");
    }
});
