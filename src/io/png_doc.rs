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
    embedded_ron_within(bytes, path, MAX_FILE_BYTES)
}

/// [`embedded_ron`] with the unpacked size capped at `limit` bytes.
fn embedded_ron_within(bytes: &[u8], path: &Path, limit: u64) -> Result<String, LoadError> {
    let bad = |what: String| LoadError::whole(path, what);
    let limits = png::Limits {
        bytes: limit as usize,
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), limits);
    decoder.set_ignore_iccp_chunk(true);
    let reader = decoder
        .read_info()
        .map_err(|e| bad(header_failure(&e, limit)))?;
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
        .decompress_text_with_limit(limit as usize)
        .map_err(|e| bad(inflate_failure(&e.to_string(), limit)))?;
    chunk
        .get_text()
        .map_err(|_| bad("the embedded document is not valid UTF-8 text".into()))
}

/// Why the embedded text could not be unpacked, in words a user can act
/// on. The png crate's own error for the limit advises its caller to raise
/// it; its error kinds are private, so only its wording tells them apart.
fn inflate_failure(message: &str, limit: u64) -> String {
    if message.contains("decompression space") {
        format!(
            "the embedded document unpacks to more than {}, the largest document Credence opens",
            super::bounded::mib(limit)
        )
    } else {
        "the embedded document is damaged and cannot be unpacked".into()
    }
}

/// The decoder inflates text chunks while reading the header, so the
/// limit is usually met here rather than in [`inflate_failure`].
fn header_failure(err: &png::DecodingError, limit: u64) -> String {
    let message = err.to_string();
    match err {
        // Over the memory limit while reading the header: the chunks
        // before the image are the embedded document and little else.
        png::DecodingError::LimitsExceeded => inflate_failure("decompression space", limit),
        _ if message.contains("decompression space") => inflate_failure(&message, limit),
        _ => format!("this is a PNG, but it cannot be read: {message}"),
    }
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

    /// A small PNG whose compressed document unpacks to `size` bytes.
    fn png_with_document_of(size: usize) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut enc = png::Encoder::new(&mut bytes, 1, 1);
        enc.set_color(png::ColorType::Rgba);
        let mut chunk = png::text_metadata::ITXtChunk::new(KEYWORD, " ".repeat(size));
        chunk.compress_text().unwrap();
        let mut w = enc.write_header().unwrap();
        w.write_text_chunk(&chunk).unwrap();
        w.write_image_data(&[0, 0, 0, 0]).unwrap();
        drop(w);
        bytes
    }

    #[test]
    fn a_document_that_unpacks_past_the_limit_is_refused_in_our_words() {
        let bytes = png_with_document_of(3 * 1024 * 1024);
        let err = match embedded_ron_within(&bytes, Path::new("bomb.png"), 2 * 1024 * 1024) {
            Ok(text) => panic!("accepted {} bytes", text.len()),
            Err(err) => err.to_string(),
        };
        assert_eq!(
            err,
            "bomb.png: the embedded document unpacks to more than 2 MiB, \
             the largest document Credence opens"
        );
    }

    #[test]
    fn the_png_crates_advice_to_raise_its_limit_is_not_passed_on() {
        let ours = inflate_failure(
            "Out of decompression space. Try with a larger limit.",
            1 << 28,
        );
        assert_eq!(
            ours,
            "the embedded document unpacks to more than 256 MiB, the largest document Credence opens"
        );
    }

    #[test]
    fn garbage_is_refused_without_panic() {
        let mut bytes = SIGNATURE.to_vec();
        bytes.extend_from_slice(&[0xff; 64]);
        assert!(from_png(&bytes, Path::new("x.png")).is_err());
    }
}
