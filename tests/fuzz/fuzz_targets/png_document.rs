//! Any bytes as a PNG that may carry a document. Starts from the PNG
//! signature half the time so the fuzzer reaches the chunk parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let _ = credence::io::png_doc::from_png(data, Path::new("fuzz.png"));
    let mut with_signature = credence::io::png_doc::SIGNATURE.to_vec();
    with_signature.extend_from_slice(data);
    if let Ok(doc) = credence::io::png_doc::from_png(&with_signature, Path::new("fuzz.png")) {
        assert!(doc.validate().is_ok());
    }
});
