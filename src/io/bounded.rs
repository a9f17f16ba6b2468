//! Reading a file with a hard cap, and only if it is a regular file.
//!
//! `metadata().len()` says nothing about `/dev/zero`, a FIFO or a file
//! still growing, so the cap is enforced on the bytes actually read. A FIFO
//! or a device would also block or never end, so anything that is not a
//! regular file is refused before it is opened.

use super::LoadError;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// What a path is, in words a user knows, when it is not a regular file.
pub fn not_a_file(meta: &fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// A size in the one unit Credence uses for limits, MiB.
pub fn mib(bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib >= 10.0 || mib.fract() == 0.0 {
        format!("{mib:.0} MiB")
    } else {
        format!("{mib:.1} MiB")
    }
}

/// The bytes of `path`, refused with a [`LoadError`] naming `what` ("file",
/// "template") when it is not a regular file or holds more than `limit`.
pub fn read(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, LoadError> {
    let meta = fs::metadata(path).map_err(|e| LoadError::io(path, &e))?;
    if let Some(kind) = not_a_file(&meta) {
        return Err(LoadError::whole(
            path,
            format!("cannot open: this is {kind}, not a {what}"),
        ));
    }
    let over = || LoadError::whole(path, format!("the {what} is over the {} limit", mib(limit)));
    if meta.len() > limit {
        return Err(over());
    }
    let file = fs::File::open(path).map_err(|e| LoadError::io(path, &e))?;
    let bytes = read_capped(file, limit).map_err(|e| LoadError::io(path, &e))?;
    bytes.ok_or_else(over)
}

/// At most `limit` bytes from `source`; `None` if it holds more.
pub fn read_capped(source: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    source
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_is_on_bytes_read_not_on_the_reported_length() {
        let endless = io::repeat(0);
        assert_eq!(read_capped(endless, 1000).unwrap(), None);
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), Some(b"abc".to_vec()));
    }

    #[test]
    fn sizes_are_in_mib() {
        assert_eq!(mib(256 * 1024 * 1024), "256 MiB");
        assert_eq!(mib(1024 * 1024), "1 MiB");
        assert_eq!(mib(1024 * 1024 * 3 / 2), "1.5 MiB");
    }
}
