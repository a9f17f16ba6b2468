//! Documents embedded in exported PNGs.
//!
//! Export writes the `.ron` source into an iTXt chunk named [`KEYWORD`]
//! before the image data, so re-opening only reads the PNG's header chunks:
//! the pixels are never decoded, which makes image decompression bombs
//! harmless. The embedded text itself is inflated with a hard limit.

use super::{LoadError, MAX_FILE_BYTES, from_ron};
use crate::model::Document;
use std::path::Path;

/// The iTXt keyword that marks a Credence document.
pub const KEYWORD: &str = "credence-document";

/// The PNG file signature.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// Whether `bytes` start like a PNG, so callers can route by content, not
/// by a possibly wrong extension.
pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

/// The RON text embedded in a PNG. Errors name `path`.
pub fn embedded_ron(bytes: &[u8], path: &Path) -> Result<String, LoadError> {
    let bad = |what: String| LoadError::whole(path, what);
    let limits = png::Limits {
        bytes: MAX_FILE_BYTES as usize,
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), limits);
    decoder.set_ignore_iccp_chunk(true);
    let reader = decoder
        .read_info()
        .map_err(|e| bad(format!("this is a PNG, but it cannot be read: {e}")))?;
    let chunk = reader
        .info()
        .utf8_text
        .iter()
        .find(|c| c.keyword == KEYWORD)
        .cloned();
    let Some(mut chunk) = chunk else {
        return Err(bad(
            "this PNG holds no Credence document (only PNGs exported by Credence can be opened)"
                .into(),
        ));
    };
    chunk
        .decompress_text_with_limit(MAX_FILE_BYTES as usize)
        .map_err(|e| bad(format!("the embedded document is damaged: {e}")))?;
    chunk
        .get_text()
        .map_err(|e| bad(format!("the embedded document is damaged: {e}")))
}

/// The document embedded in a PNG, validated like any `.ron` file. Line and
/// column in errors refer to the embedded text.
pub fn from_png(bytes: &[u8], path: &Path) -> Result<Document, LoadError> {
    let text = embedded_ron(bytes, path)?;
    from_ron(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_png_says_it_holds_no_document() {
        let mut bytes = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut bytes, 1, 1);
            enc.set_color(png::ColorType::Rgba);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&[0, 0, 0, 0]).unwrap();
        }
        let err = from_png(&bytes, Path::new("photo.png")).unwrap_err();
        assert!(err.to_string().contains("photo.png"), "{err}");
        assert!(
            err.to_string().contains("holds no Credence document"),
            "{err}"
        );
    }

    #[test]
    fn garbage_is_refused_without_panic() {
        let mut bytes = SIGNATURE.to_vec();
        bytes.extend_from_slice(&[0xff; 64]);
        assert!(from_png(&bytes, Path::new("x.png")).is_err());
    }
}
