//! What the Debian package installs beside the binary: the man page and
//! the shell completions are made by `credence man` and `credence
//! completions` from the clap definitions, and kept in `assets/` for the
//! package. These tests fail when a change to the CLI is not carried into
//! them (`UPDATE_ASSETS=1 cargo test --test install_files` rewrites them),
//! so the installed page never drifts from --help.

use std::path::Path;
use std::process::Command;

fn generated(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_credence"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "credence {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

fn same_as_kept(args: &[&str], kept: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(kept);
    let now = generated(args);
    if std::env::var_os("UPDATE_ASSETS").is_some() {
        std::fs::write(&path, &now).unwrap();
        return;
    }
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        before == now,
        "{kept} is not what `credence {}` makes now; run \
         UPDATE_ASSETS=1 cargo test --test install_files",
        args.join(" ")
    );
}

#[test]
fn the_man_page_is_what_the_cli_says() {
    same_as_kept(&["man"], "assets/man/credence.1");
    let page = generated(&["man"]);
    assert!(page.contains(".TH credence 1"));
    for sub in ["check", "export", "room", "completions"] {
        assert!(page.contains(sub), "the page lists {sub}");
    }
}

#[test]
fn the_completions_are_what_the_cli_says() {
    same_as_kept(&["completions", "bash"], "assets/completions/credence.bash");
    same_as_kept(&["completions", "zsh"], "assets/completions/_credence");
    same_as_kept(&["completions", "fish"], "assets/completions/credence.fish");
    assert!(generated(&["completions", "bash"]).contains("room"));
}

#[test]
fn the_desktop_entry_opens_files_of_both_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let entry = std::fs::read_to_string(root.join("assets/credence.desktop")).unwrap();
    assert!(entry.lines().any(|l| l == "Exec=credence %f"));
    assert!(entry.lines().any(|l| l == "Icon=credence"));
    let mime = std::fs::read_to_string(root.join("assets/mime/credence.xml")).unwrap();
    let types = entry
        .lines()
        .find_map(|l| l.strip_prefix("MimeType="))
        .unwrap();
    for t in types.split(';').filter(|t| !t.is_empty()) {
        assert!(
            mime.contains(&format!("type=\"{t}\"")),
            "{t} is declared in the MIME package"
        );
    }
}
