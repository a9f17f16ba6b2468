//! Odd paths and hostile files, tried as a user would try them: one test
//! per item of the file-safety issue. Commands run the real binary; where
//! an item depends on permissions it runs as an ordinary user (nobody),
//! dropping root with `setpriv`, or says why it cannot.

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const NOBODY: u32 = 65534;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn finish(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn credence(args: &[&str]) -> Run {
    finish(
        Command::new(env!("CARGO_BIN_EXE_credence"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    )
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Runs credence as an ordinary user: itself when not root, else through
/// `setpriv` as nobody. Panics when root cannot drop its privileges here,
/// so a permission test never passes silently as root.
fn credence_as_user(args: &[&str]) -> Run {
    if !is_root() {
        return credence(args);
    }
    let out = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            env!("CARGO_BIN_EXE_credence"),
        ])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("setpriv (util-linux) is needed to run this test as an ordinary user");
    finish(out)
}

/// A temporary folder an ordinary user (nobody, when we are root) owns.
fn user_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    if is_root() {
        std::os::unix::fs::chown(dir.path(), Some(NOBODY), Some(NOBODY)).unwrap();
    }
    dir
}

fn give_to_user(path: &Path) {
    if is_root() {
        std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).unwrap();
    }
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo failed");
}

/// A small map whose cards are not where the layout puts them.
const MAP: &str = "(version: 4, title: \"m\", nodes: [\
    (id: 1, kind: outcome, title: \"Grow\", pos: (x: 900, y: 900)),\
    (id: 2, kind: belief, title: \"Pay more\", pos: (x: 900, y: 900))], \
    edges: [(id: 1, from: 2, to: 1, kind: supports)])";

// 1. In-place layout writes only to .ron files.
#[test]
fn layout_never_writes_ron_over_a_canvas_or_a_png() {
    let dir = tempfile::tempdir().unwrap();
    let canvas = dir.path().join("board.canvas");
    std::fs::copy(fixture("tests/fixtures/canvas/spec-sample.canvas"), &canvas).unwrap();
    let png = dir.path().join("board.png");
    std::fs::copy(
        fixture("tests/fuzz/seeds/png_document/north-star.png"),
        &png,
    )
    .unwrap();
    // A PNG that says it is RON is still a picture.
    let disguised = dir.path().join("picture.ron");
    std::fs::copy(&png, &disguised).unwrap();
    for file in [&canvas, &png, &disguised] {
        let before = std::fs::read(file).unwrap();
        let run = credence(&["layout", s(file)]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.starts_with("credence: "), "{}", run.stderr);
        assert!(run.stderr.contains("-o OUT.ron"), "{}", run.stderr);
        assert_eq!(std::fs::read(file).unwrap(), before, "{file:?} changed");
    }
    // With -o, a canvas can stay a canvas that opens again.
    let out = dir.path().join("laid-out.canvas");
    let run = credence(&["layout", s(&canvas), "-o", s(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (doc, origin) = credence::io::load_with_origin(&out).unwrap();
    assert_eq!(origin, credence::io::Origin::Canvas);
    assert!(!doc.nodes.is_empty());
    // And -o with a format layout does not write is refused.
    let run = credence(&["layout", s(&canvas), "-o", s(&dir.path().join("x.png"))]);
    assert_eq!(run.code, 1);
    assert!(!dir.path().join("x.png").exists());
}

// 2. Saving through a symlink updates its target, in the target's folder.
#[test]
fn layout_through_a_symlink_updates_the_real_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let real = dir.path().join("real/map.ron");
    std::fs::write(&real, MAP).unwrap();
    let link = dir.path().join("link.ron");
    symlink("real/map.ron", &link).unwrap();
    let run = credence(&["layout", s(&link)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link is still a link");
    assert_ne!(
        std::fs::read_to_string(&real).unwrap(),
        MAP,
        "target updated"
    );
    let doc = credence::io::load(&real).unwrap();
    assert_ne!(doc.nodes[0].pos, doc.nodes[1].pos, "and laid out");
    assert!(
        dir.path().join("real/map.ron.bak").exists(),
        "backup by the target"
    );
    assert!(!dir.path().join("link.ron.bak").exists());
}

// 3. The new file and its .bak keep the mode of the file they replace.
#[test]
fn a_private_map_stays_private_and_a_read_only_one_is_refused() {
    let dir = user_dir();
    let map = dir.path().join("map.ron");
    std::fs::write(&map, MAP).unwrap();
    give_to_user(&map);
    std::fs::set_permissions(&map, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = credence_as_user(&["layout", s(&map)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(mode(&map), 0o600);
    assert_eq!(mode(&dir.path().join("map.ron.bak")), 0o600);
    if is_root() {
        assert_eq!(std::fs::metadata(&map).unwrap().uid(), NOBODY, "owner kept");
    }

    let locked = dir.path().join("locked.ron");
    std::fs::write(&locked, MAP).unwrap();
    give_to_user(&locked);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = credence_as_user(&["layout", s(&locked)]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), MAP);
    assert!(!dir.path().join("locked.ron.bak").exists());
}

// 3, as root: the owner of a replaced file is kept where allowed.
#[test]
fn root_saving_a_users_map_leaves_it_theirs() {
    if !is_root() {
        eprintln!("skipped: only root can save a file another user owns");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    std::fs::write(&map, MAP).unwrap();
    std::os::unix::fs::chown(&map, Some(NOBODY), Some(NOBODY)).unwrap();
    let run = credence(&["layout", s(&map)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = std::fs::metadata(&map).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (NOBODY, NOBODY));
    let bak = std::fs::metadata(dir.path().join("map.ron.bak")).unwrap();
    assert_eq!((bak.uid(), bak.gid()), (NOBODY, NOBODY));
}

// 4. An output that is not a regular file is refused; `-o -` is stdout.
#[test]
fn output_onto_a_fifo_or_a_device_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    std::fs::write(&map, MAP).unwrap();
    let fifo = dir.path().join("pipe.svg");
    mkfifo(&fifo);
    let run = credence(&["export", s(&map), "-o", s(&fifo)]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("FIFO"), "{}", run.stderr);
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    // A .ron name that leads to /dev/null, for the commands that write RON.
    let null = dir.path().join("null.ron");
    symlink("/dev/null", &null).unwrap();
    for args in [
        vec!["export", s(&map), "-o", "/dev/null", "--format", "md"],
        vec!["layout", s(&map), "-o", s(&null)],
        vec![
            "import",
            "tests/fixtures/canvas/spec-sample.canvas",
            "-o",
            s(&null),
        ],
    ] {
        let run = Command::new(env!("CARGO_BIN_EXE_credence"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        let run = finish(run);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stdout);
        assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    }
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(
        null.file_type().is_char_device(),
        "/dev/null is still a device"
    );
    assert!(!Path::new("/dev/null.bak").exists());

    let run = credence(&["export", s(&map), "-o", "-", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Grow"), "{}", run.stdout);
    let run = credence(&["export", s(&map), "-o", "-", "--format", "png"]);
    assert_eq!(run.code, 1, "a PNG is not text");
    let run = credence(&["layout", s(&map), "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(credence::io::from_ron(&run.stdout, Path::new("-")).is_ok());
    assert_eq!(
        std::fs::read_to_string(&map).unwrap(),
        MAP,
        "input untouched"
    );
}

// 5. A misspelt field is an error at its place, naming the field meant.
#[test]
fn a_misspelt_field_is_refused_with_the_name_it_meant() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typo.ron");
    let text =
        "(version: 4, title: \"x\", nodes: [(id: 1, kind: belief, confidnce: 90)], edges: [])";
    std::fs::write(&file, text).unwrap();
    let run = credence(&["check", s(&file)]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "credence: {}:1:56: unknown field \"confidnce\" (did you mean \"confidence\"?)\n",
            file.display()
        )
    );
    let run = credence(&["layout", s(&file)]);
    assert_eq!(run.code, 1);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "not rewritten"
    );

    // Every loader: templates, and a canvas's spec keys.
    let err = credence::io::templates::load(&fixture("tests/fixtures/bad-templates/misspelt.ron"))
        .unwrap_err();
    assert!(
        err.to_string()
            .ends_with("unknown field \"promt\" (did you mean \"prompt\"?)"),
        "{err}"
    );
    assert!(err.position.is_some());
    let err =
        credence::io::load(&fixture("tests/fixtures/canvas/misspelt-key.canvas")).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("unknown field \"widht\" (did you mean \"width\"?)"),
        "{err}"
    );
    assert!(err.position.is_some());
}

// 6. A later save removes temporary files left by a killed save.
#[test]
fn stale_temporary_files_are_swept_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    std::fs::write(&map, MAP).unwrap();
    // Process ids never reach 4,000,000,000, so this writer is dead.
    let stale = dir.path().join(".map.ron.4000000000-0.tmp");
    std::fs::write(&stale, "half a save").unwrap();
    // This test's own process is alive: its file may be a save under way.
    let live = dir
        .path()
        .join(format!(".map.ron.{}-0.tmp", std::process::id()));
    std::fs::write(&live, "a save under way").unwrap();
    // Someone else's file with a similar name is not ours.
    let other = dir.path().join(".other.ron.4000000000-0.tmp");
    std::fs::write(&other, "not ours").unwrap();
    let run = credence(&["layout", s(&map)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!stale.exists(), "the dead writer's temp file is gone");
    assert!(live.exists());
    assert!(other.exists());
}

/// Runs `args`, killing it if it has not finished in `seconds`: a hang is a
/// failure, not a stuck test run.
fn finishes(args: &[&str], seconds: u64) -> Option<Run> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_credence"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..seconds * 20 {
        if child.try_wait().unwrap().is_some() {
            return Some(finish(child.wait_with_output().unwrap()));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

// 7. Reads are bounded whatever the file is.
#[test]
fn dev_zero_is_refused_without_reading_it() {
    let run = finishes(&["check", "/dev/zero"], 20).expect("check /dev/zero hung");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "credence: /dev/zero: cannot open: this is a device, not a file\n"
    );
    // A regular file over the limit, however it was made, is refused too.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(257 * 1024 * 1024).unwrap(); // sparse: no disk used
    let run = credence(&["check", s(&big)]);
    assert_eq!(
        run.stderr,
        format!(
            "credence: {}: the file is over the 256 MiB limit\n",
            big.display()
        )
    );
}

// 8. A FIFO is refused before it is opened, by every subcommand and the .bak.
#[test]
fn a_fifo_never_hangs_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("map.ron");
    mkfifo(&fifo);
    let out = dir.path().join("out.svg");
    for args in [
        vec!["check", s(&fifo)],
        vec!["layout", s(&fifo)],
        vec!["trace", s(&fifo), "1"],
        vec!["export", s(&fifo), "-o", s(&out)],
        vec!["import", s(&fifo), "-o", "x.ron"],
    ] {
        let run = finishes(&args, 20).unwrap_or_else(|| panic!("{args:?} hung on a FIFO"));
        assert_eq!(run.code, 1, "{args:?}");
        assert!(
            run.stderr.contains("this is a FIFO (named pipe), not a"),
            "{args:?}: {}",
            run.stderr
        );
    }
    // Writing over a symlink to a device never reads it for a backup.
    let map = dir.path().join("real.ron");
    std::fs::write(&map, MAP).unwrap();
    let to_zero = dir.path().join("zero.ron");
    symlink("/dev/zero", &to_zero).unwrap();
    let run = finishes(&["layout", s(&map), "-o", s(&to_zero)], 20).expect("hung");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("device"), "{}", run.stderr);
}

// 9. Messages say what the user can act on, not what RON's embedder can.
#[test]
fn deep_nesting_is_explained_in_our_words() {
    let err = credence::io::load(&fixture("tests/fixtures/bad/deep-nesting.ron")).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("nesting deeper than 128 levels"), "{text}");
    assert!(
        !text.contains("ron::") && !text.contains("serde_stacker"),
        "{text}"
    );
    assert!(err.position.is_some());
}

// 11. One style: errors on stderr as `credence: FILE:LINE:COL: message`.
#[test]
fn check_puts_ok_lines_on_stdout_and_errors_on_stderr() {
    let run = Command::new(env!("CARGO_BIN_EXE_credence"))
        .args([
            "check",
            "examples/north-star.ron",
            "tests/fixtures/bad/missing-node.ron",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let run = finish(run);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "examples/north-star.ron: ok, 26 nodes, 25 edges, 4 items to learn\n"
    );
    assert_eq!(
        run.stderr,
        "credence: tests/fixtures/bad/missing-node.ron:7:30: edge 1 names node 9, which does not exist\n"
    );
}

// 11. "The previous file is unchanged" only when there was one.
#[test]
fn a_failed_save_mentions_the_previous_file_only_when_there_was_one() {
    let dir = user_dir();
    let map = dir.path().join("map.ron");
    std::fs::write(&map, MAP).unwrap();
    give_to_user(&map);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let fresh = dir.path().join("fresh.ron");
    let new_file = credence_as_user(&["layout", s(&map), "-o", s(&fresh)]);
    let existing = credence_as_user(&["layout", s(&map)]);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(new_file.code, 1, "the folder is read-only");
    assert!(
        new_file.stderr.contains("could not save"),
        "{}",
        new_file.stderr
    );
    assert!(
        !new_file.stderr.contains("previous file"),
        "{}",
        new_file.stderr
    );
    assert_eq!(existing.code, 1);
    assert!(
        existing.stderr.contains("the previous file is unchanged"),
        "{}",
        existing.stderr
    );
    assert_eq!(std::fs::read_to_string(&map).unwrap(), MAP);
}

// 12. Coordinates too far apart to draw are refused, for SVG and for PNG.
#[test]
fn an_svg_of_extreme_coordinates_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let export_far = |out: &Path| {
        let run = Command::new(env!("CARGO_BIN_EXE_credence"))
            .args(["export", "tests/fixtures/odd/far-apart.ron", "-o", s(out)])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        let run = finish(run);
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(run.stderr.contains("too far to draw"), "{}", run.stderr);
        assert!(!out.exists());
        run
    };
    export_far(&dir.path().join("far.svg"));
    let run = export_far(&dir.path().join("far.png"));
    assert!(!run.stderr.contains("fitted"), "{}", run.stderr);
}
