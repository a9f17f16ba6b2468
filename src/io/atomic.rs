//! Atomic replacement of a file: write a temporary file in the same folder,
//! fsync it, then rename it over the target. A rename within one folder is
//! atomic on every platform we ship, so readers see either the old file or
//! the new one, never half of each.
//!
//! A rename replaces whatever the name pointed at, so the target is looked
//! at first:
//! - a symlink is followed, and its target is the file replaced, in the
//!   target's own folder (otherwise the link would become a copy and the
//!   real file would never be updated);
//! - anything that is not a regular file (a FIFO, a device, `/dev/null`) is
//!   refused, since replacing it with a file is never what was meant;
//! - a read-only file is refused unless the caller was told to replace it;
//! - the new file keeps the mode and, where allowed, the owner of the one it
//!   replaces, so a private map stays private.
//!
//! A save killed between writing and renaming leaves its temporary file
//! behind; the next successful write of the same file removes those whose
//! process no longer runs.

use super::bounded::not_a_file;
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a write was refused before anything was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The target is read-only; the caller may ask and retry with
    /// [`Options::replace_read_only`].
    ReadOnly,
    /// The target exists and is not a regular file.
    NotAFile(&'static str),
    /// Symlinks loop or nest too deep to follow.
    SymlinkLoop,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::ReadOnly => {
                f.write_str("the file is read-only (make it writable, or choose another name)")
            }
            Refusal::NotAFile(kind) => {
                write!(
                    f,
                    "this is {kind}, not a regular file; refusing to replace it"
                )
            }
            Refusal::SymlinkLoop => f.write_str("too many levels of symbolic links"),
        }
    }
}

impl std::error::Error for Refusal {}

/// The refusal inside an error from [`write()`], if that is what it was.
pub fn refusal(err: &io::Error) -> Option<&Refusal> {
    err.get_ref().and_then(|e| e.downcast_ref::<Refusal>())
}

fn refuse(why: Refusal) -> io::Error {
    io::Error::other(why)
}

/// How [`write_with`] treats the file it replaces.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Replace a read-only file (the user said yes).
    pub replace_read_only: bool,
    /// Take mode and owner from this file instead of from the target, as a
    /// `.bak` does from the file it preserves.
    pub permissions_from: Option<fs::Metadata>,
}

/// Replaces `path` with `bytes`. On error the target is untouched and the
/// temporary file is removed.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, bytes, &Options::default(), |_| Ok(()))
}

/// [`write()`] with [`Options`], and `before_rename` called on the synced
/// temporary file just before it replaces the target. Tests use it to fail
/// at the worst moment.
pub fn write_with(
    path: &Path,
    bytes: &[u8],
    options: &Options,
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let (path, existing) = check(path, options.replace_read_only)?;
    let like = options.permissions_from.as_ref().or(existing.as_ref());
    let tmp = temp_path(&path)?;
    let result = write_then_rename(&tmp, &path, bytes, like, before_rename);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    } else {
        remove_stale_temps(&path);
    }
    result
}

/// Whether a write to `path` would be refused, checked before any work is
/// done: the file it would really replace, and that file's metadata if it
/// exists.
pub fn check(path: &Path, replace_read_only: bool) -> io::Result<(PathBuf, Option<fs::Metadata>)> {
    let path = resolve(path)?;
    let existing = match fs::metadata(&path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing {
        if let Some(kind) = not_a_file(meta) {
            return Err(refuse(Refusal::NotAFile(kind)));
        }
        if meta.permissions().readonly() && !replace_read_only {
            return Err(refuse(Refusal::ReadOnly));
        }
    }
    Ok((path, existing))
}

/// The file a write to `path` really replaces: `path` itself, or the end of
/// its chain of symlinks (which need not exist yet).
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(refuse(Refusal::SymlinkLoop))
}

fn write_then_rename(
    tmp: &Path,
    path: &Path,
    bytes: &[u8],
    like: Option<&fs::Metadata>,
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    if let Some(like) = like {
        keep_permissions(&file, like)?;
    }
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    before_rename(tmp)?;
    fs::rename(tmp, path)?;
    // Persist the rename itself; not every platform can open a folder, and
    // the data is already safe, so a failure here is not an error.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(dir) = fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Gives `file` the mode of `like`, and its owner where this user may
/// (root may; anyone may keep their own uid and a group they belong to).
fn keep_permissions(file: &fs::File, like: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid()));
        let _ = std::os::unix::fs::fchown(file, None, Some(like.gid()));
    }
    // After chown, which may clear set-id bits. A read-only mode is fine:
    // the descriptor is already open for writing.
    file.set_permissions(like.permissions())
}

/// A name next to `path` that no other writer, in this process or another, uses.
fn temp_path(path: &Path) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let unique = format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    Ok(path.with_file_name(unique))
}

/// The writer's process id, if `file_name` is one of our temporary files
/// for `target_name`.
fn temp_owner(file_name: &str, target_name: &str) -> Option<u32> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_prefix(target_name)?
        .strip_prefix('.')?
        .strip_suffix(".tmp")?;
    let (pid, counter) = rest.split_once('-')?;
    counter.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Removes temporary files for `path` left by writers that died before
/// renaming. Only where a process's liveness can be told (Linux's /proc);
/// elsewhere they are left alone rather than risk a live writer's file.
fn remove_stale_temps(path: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let name = name.to_string_lossy();
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = temp_owner(&file_name.to_string_lossy(), &name) else {
            continue;
        };
        let alive = pid == me || Path::new("/proc").join(pid.to_string()).exists();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if !alive && is_file {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_only_for_their_own_target() {
        assert_eq!(temp_owner(".map.ron.123-4.tmp", "map.ron"), Some(123));
        assert_eq!(temp_owner(".map.ron.123-4.tmp", "ma.ron"), None);
        assert_eq!(temp_owner(".map.ron.bak.123-4.tmp", "map.ron"), None);
        assert_eq!(temp_owner(".map.ron.x-4.tmp", "map.ron"), None);
        assert_eq!(temp_owner("map.ron.123-4.tmp", "map.ron"), None);
    }
}
