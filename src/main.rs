//! The `credence` command: the GUI, plus headless subcommands for scripts.

use clap::{Parser, Subcommand};
use credence::ui::{CredenceApp, NativeDialogs};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Map what you believe: outcomes, beliefs, assumptions, bets, metrics and
/// evidence, and what rests on what.
///
/// With no subcommand, opens the editor on FILE, or on the built-in example
/// board when no FILE is given.
#[derive(Parser)]
#[command(name = "credence", version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// A Credence document (.ron) to open in the editor.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate documents without opening a window.
    ///
    /// Prints `FILE: ok, N nodes, M edges` per good file (with a warning if
    /// the map has cycles) and `FILE:LINE:COL: message` per bad one. Exits 1
    /// if any file is bad.
    Check {
        /// Documents to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let started = Instant::now();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => check(&files),
        None => run_gui(cli.file, started),
    }
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut ok = true;
    for path in files {
        match check_one(path) {
            Ok(line) => println!("{line}"),
            Err(line) => {
                println!("{line}");
                ok = false;
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn check_one(path: &Path) -> Result<String, String> {
    let doc = credence::io::load(path).map_err(|e| e.to_string())?;
    let mut line = format!(
        "{}: ok, {} nodes, {} edges",
        path.display(),
        doc.nodes.len(),
        doc.edges.len()
    );
    let cycles = credence::analysis::cycles(&doc).len();
    if cycles > 0 {
        let s = if cycles == 1 { "" } else { "s" };
        line.push_str(&format!("; warning: {cycles} cycle{s}"));
    }
    Ok(line)
}

/// Reports how long the first frame took when `CREDENCE_STARTUP_TIMING` is
/// set (and quits after it when the value is `exit`), so start-up time can be
/// measured from a script without a stopwatch.
struct StartupTimer {
    app: CredenceApp,
    started: Option<Instant>,
}

impl eframe::App for StartupTimer {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.ui(ui, frame);
        if let Some(started) = self.started.take()
            && let Some(mode) = std::env::var_os("CREDENCE_STARTUP_TIMING")
        {
            eprintln!("first frame after {} ms", started.elapsed().as_millis());
            if mode == "exit" {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::App::save(&mut self.app, storage);
    }
}

fn run_gui(file: Option<PathBuf>, started: Instant) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Credence")
            .with_inner_size([1400.0, 880.0])
            .with_min_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Credence",
        options,
        Box::new(move |cc| {
            let mut app = CredenceApp::launch(file, Box::new(NativeDialogs));
            app.restore(cc.storage);
            Ok(Box::new(StartupTimer {
                app,
                started: Some(started),
            }))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("credence: could not open a window: {err}");
            ExitCode::FAILURE
        }
    }
}
