//! Any bytes as a `.ron` document: an error or a valid document, never a
//! panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(doc) = credence::io::from_ron(text, Path::new("fuzz.ron"))
    {
        // What loads must validate and survive a save/load round trip.
        assert!(doc.validate().is_ok());
        let again = credence::io::from_ron(&credence::io::to_ron(&doc), Path::new("again.ron"))
            .expect("a saved document loads");
        assert_eq!(again, doc);
    }
});
