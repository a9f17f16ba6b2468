//! The `credence` command: the GUI, plus headless subcommands for scripts.

mod cli;

use clap::{Parser, Subcommand, ValueEnum};
use credence::ui::{CredenceApp, NativeDialogs};
use std::path::PathBuf;
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
    /// A document to open in the editor: a Credence .ron, a PNG exported by
    /// Credence, or a JSON Canvas file (.canvas).
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate documents without opening a window.
    ///
    /// Prints `FILE: ok, N nodes, M edges` per good file on standard output
    /// (with a warning if the map has cycles), and `credence:
    /// FILE:LINE:COL: message` per bad one on standard error. Exits 1 if any
    /// file is bad. Only regular files are read, up to 256 MiB.
    Check {
        /// Documents to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List what a node rests on (--up) or what rests on it (--down, the default).
    ///
    /// Prints one line per node, `id<TAB>kind<TAB>title`, nearest first
    /// (breadth-first). NODE is a node id or an exact title.
    Trace {
        file: PathBuf,
        node: String,
        /// What NODE rests on: follow edges backwards.
        #[arg(long, conflicts_with = "down")]
        up: bool,
        /// What rests on NODE: follow edges forwards (the default).
        #[arg(long)]
        down: bool,
    },
    /// Lay out every node, layered or compact, and save the result.
    ///
    /// Without -o, FILE is replaced atomically, and only if it is a
    /// Credence .ron file: a JSON Canvas (.canvas) or a PNG needs -o. OUT's
    /// extension picks what is written: .ron, or .canvas for a JSON Canvas;
    /// `-o -` writes RON to standard output. A symlink's target is updated,
    /// and the file keeps its permissions; a read-only file is refused.
    Layout {
        file: PathBuf,
        /// Where to write the result: OUT.ron, OUT.canvas or - (default:
        /// FILE, if it is a .ron file).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Which way causes flow to effects.
        #[arg(long, value_enum, default_value_t = Direction::Down)]
        direction: Direction,
        /// Ignore the order the cards are in now and try several orders for
        /// the fewest crossings. Without it, a laid-out map keeps its order
        /// so a small change moves little. Pinned cards stay put either way.
        #[arg(long)]
        from_scratch: bool,
        /// layered: tiers from outcomes down to evidence, few crossings;
        /// compact: an org chart folded to --aspect, so a wide map fits a
        /// screen (it always puts causes below effects).
        #[arg(long, value_enum, default_value_t = StyleArg::Layered)]
        style: StyleArg,
        /// Width:height that compact aims for, such as 16:9 or 4:3.
        #[arg(long, default_value = "16:9", value_parser = parse_aspect)]
        aspect: f32,
    },
    /// Measure performance: frame times on FILE, or layout and tracing on
    /// synthetic maps.
    ///
    /// With FILE, runs the real canvas code headlessly (egui layout and
    /// tessellation, no GPU) and prints CPU milliseconds per frame, p50 and
    /// p95, for idle redraw, pan, zoom and dragging 50 selected nodes, plus
    /// the time to load and save FILE. With --room, the window's room is
    /// open on loopback and its phones vote at the start of every scenario;
    /// the table then adds each frame's CPU time on the window's thread.
    #[command(args_conflicts_with_subcommands = true)]
    Bench {
        /// A document to measure frame times on.
        file: Option<PathBuf>,
        /// Frames per scenario.
        #[arg(long, default_value_t = 240)]
        frames: usize,
        /// Open the window's room on loopback with this many phones, each
        /// voting on 20 cards at the start of every scenario, while the
        /// frames are timed.
        #[arg(long, value_name = "PEOPLE")]
        room: Option<usize>,
        #[command(subcommand)]
        what: Option<Bench>,
    },
    /// Export a board to PNG, SVG, JSON Canvas, Markdown, Mermaid or DOT.
    ///
    /// The format comes from OUT's extension (png, svg, canvas, md, mmd or
    /// dot), or from --format. `-o -` writes a text format to standard
    /// output. Works with no display and no GPU: PNG is drawn on the CPU. A
    /// board too big for the 65,535 px side limit is fitted to it (with a
    /// notice on standard error). A PNG embeds the document, so
    /// `credence OUT.png` re-opens it as an editable board. OUT is refused
    /// if it exists and is not a regular file, or is read-only.
    Export {
        /// A Credence document (.ron, or a PNG exported by Credence).
        file: PathBuf,
        /// The file to write, or - for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// The format, when OUT's extension does not say it: png, svg,
        /// canvas, md, mmd or dot.
        #[arg(long, value_parser = format_arg)]
        format: Option<credence::export::Format>,
        /// Pixels per board unit for images (1, 2 or 4 are typical).
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        /// Scale an image to this many pixels wide (instead of --scale),
        /// e.g. 1920, 3840 or 7680 for slides.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=65535))]
        width: Option<u32>,
        /// Scale an image to this many pixels high; with --width, to fit
        /// inside both.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=65535))]
        height: Option<u32>,
        /// The board to export: "belief map" (the default), "assumption map",
        /// "belief 2x2", "value x certainty", or a canvas's name (any case).
        /// The 2×2 boards export to PNG or SVG.
        #[arg(long)]
        board: Option<String>,
        /// Everything, or only the nodes given with --nodes.
        #[arg(long, value_enum, default_value_t = ScopeArg::All)]
        scope: ScopeArg,
        /// With --scope selection: node ids or exact titles, comma-separated.
        #[arg(long, value_delimiter = ',')]
        nodes: Vec<String>,
        /// The image background.
        #[arg(long, value_enum, default_value_t = BackgroundArg::Theme)]
        background: BackgroundArg,
        /// Light or dark colours for images.
        #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
        theme: ThemeArg,
    },
    /// Convert a JSON Canvas file (Obsidian's .canvas) to a Credence document.
    Import {
        /// The .canvas file.
        file: PathBuf,
        /// The Credence document to write (.ron), or - for standard output.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Open the workshop room without a window: phones on the local network
    /// join and vote privately.
    ///
    /// Prints `room open: URL` and `facilitator: TOKEN` as its first two
    /// lines. The document is saved atomically within a second of each
    /// change, and on Ctrl+C. The room is plain HTTP: anyone on the network
    /// with the code can join. See the README for the HTTP API.
    Room {
        /// The Credence document (.ron) the room votes on and saves into.
        file: PathBuf,
        /// The address to listen on (0.0.0.0: every network of this machine).
        #[arg(long, default_value = "0.0.0.0")]
        bind: std::net::IpAddr,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The room code (default: six random letters and digits).
        #[arg(long)]
        code: Option<String>,
        /// What the phones vote on: beliefs, assumptions, bets, all (beliefs,
        /// assumptions and bets) or card ids separated by commas.
        #[arg(long, default_value = "beliefs")]
        cards: String,
    },
    /// Show what changed between two documents, by card title.
    ///
    /// One line per change: `+` added, `-` removed, `~` changed, e.g.
    /// `~ "Price matters": confidence 40 → 65, status untested → testing`.
    /// Records are matched by id, so a retitled card is one change. Exits 0
    /// when the documents are equal, 1 when they differ, 2 when one cannot
    /// be read. Given git's seven external-diff arguments (PATH OLD-FILE
    /// OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE) it compares the two files
    /// and exits 0; see the README for the git config.
    Diff {
        /// OLD and NEW (or git's seven arguments); /dev/null is an empty document.
        #[arg(required = true, num_args = 2..=7, value_name = "OLD NEW")]
        files: Vec<PathBuf>,
        /// One summary line instead: per kind, how many were added (+),
        /// removed (-) and changed (~).
        #[arg(long)]
        stat: bool,
    },
    /// Three-way merge of documents by stable id; also git's merge driver.
    ///
    /// Changes to different cards, edges, notes or fields combine, as do
    /// cards added on both sides; THEIRS's new ids that OURS also took are
    /// renumbered, with every reference. The same field changed to two
    /// values, or a deletion against an edit, is a conflict: OURS's value is
    /// kept, THEIRS's is recorded in the document's `conflicts`, and the exit
    /// status is 1 (resolve them in the app). Without -o the result replaces
    /// OURS, which is git's merge-driver protocol: `credence merge %O %A %B`.
    /// A file that is not a valid document is refused with its
    /// FILE:LINE:COL message, nothing is written, and the exit status is 2.
    Merge {
        /// The common ancestor (an empty file: none).
        base: PathBuf,
        /// Our version; replaced by the result unless -o is given.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where to write the result (- for standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print shell completions for bash, zsh or fish.
    ///
    /// For example `credence completions bash > ~/.local/share/bash-completion/completions/credence`.
    /// The Debian package installs all three.
    Completions { shell: Shell },
    /// Print the manual page (roff), made from these same definitions, so it
    /// always says what --help says.
    Man,
    /// Write a synthetic belief map of N nodes (for benchmarks and demos).
    Generate {
        /// Number of nodes.
        nodes: usize,
        /// Where to write it.
        output: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Lay it out first, as a user's map would be.
        #[arg(long)]
        layout: bool,
        /// deep (narrow branches), wide (a few tiers, each hundreds of
        /// cards wide) or shared (many outcomes sharing beliefs).
        #[arg(long, value_enum, default_value_t = ShapeArg::Deep)]
        shape: ShapeArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Clone, Copy, ValueEnum)]
enum Direction {
    /// Causes below effects (outcomes at the top).
    Down,
    /// Causes on the left, effects on the right.
    Right,
}

#[derive(Clone, Copy, ValueEnum)]
enum StyleArg {
    Layered,
    Compact,
}

/// `W:H` (or a plain number) as a positive width-over-height ratio.
fn parse_aspect(text: &str) -> Result<f32, String> {
    let ratio = match text.split_once(':') {
        Some((w, h)) => {
            let w: f32 = w
                .trim()
                .parse()
                .map_err(|_| format!("{w:?} is not a number"))?;
            let h: f32 = h
                .trim()
                .parse()
                .map_err(|_| format!("{h:?} is not a number"))?;
            w / h
        }
        None => text
            .trim()
            .parse()
            .map_err(|_| format!("{text:?} is not W:H, such as 16:9"))?,
    };
    if ratio.is_finite() && ratio > 0.0 && (0.01..=100.0).contains(&ratio) {
        Ok(ratio)
    } else {
        Err(format!(
            "{text}: give a width:height between 1:100 and 100:1, such as 16:9"
        ))
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ShapeArg {
    Deep,
    Wide,
    Shared,
}

impl ShapeArg {
    fn shape(self) -> credence::synth::Shape {
        match self {
            ShapeArg::Deep => credence::synth::Shape::Deep,
            ShapeArg::Wide => credence::synth::Shape::Wide,
            ShapeArg::Shared => credence::synth::Shape::Shared,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ScopeArg {
    All,
    Selection,
}

#[derive(Clone, Copy, ValueEnum)]
enum BackgroundArg {
    Theme,
    White,
    Transparent,
}

#[derive(Clone, Copy, ValueEnum)]
enum ThemeArg {
    Light,
    Dark,
}

#[derive(Subcommand)]
enum Bench {
    /// Layout time, crossings and overlaps; with --dot, Graphviz on the same graphs.
    Layout {
        /// Map sizes, comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = [100, 300, 1000, 3000, 10000])]
        sizes: Vec<usize>,
        /// Map shapes, comma-separated: deep (narrow branches), wide (a few
        /// tiers, each hundreds of cards wide), shared (many outcomes
        /// sharing beliefs).
        #[arg(long, value_delimiter = ',', default_values = ["deep", "wide", "shared"])]
        shapes: Vec<ShapeArg>,
        /// Also run Graphviz `dot -Tplain` on each graph (needs Graphviz installed).
        #[arg(long)]
        dot: bool,
        /// Seconds after which `dot` is stopped on a graph; its row then
        /// shows the limit as a lower bound (on shared maps of 10,000 cards
        /// it runs for more than half an hour).
        #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..))]
        dot_limit: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time every export format on a synthetic map; with --dot, Graphviz
    /// `dot -Tpng` on the same graph.
    Export {
        #[arg(long, default_value_t = 1000)]
        nodes: usize,
        /// Pixels per board unit for PNG and SVG.
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        /// PNG this many pixels wide instead of --scale; with --dot, Graphviz
        /// draws at the same width (-Gdpi=72 -Gsize=W/72,W/72!).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=65535))]
        width: Option<u32>,
        /// Lay the map out first, as `credence generate --layout` does.
        #[arg(long)]
        layout: bool,
        /// Also time Graphviz `dot -Tpng` on our DOT export of the same graph.
        #[arg(long)]
        dot: bool,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time tracing up and down from sampled nodes of a large map.
    Trace {
        #[arg(long, default_value_t = 100_000)]
        nodes: usize,
        #[arg(long, default_value_t = 200)]
        samples: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    cli::heap::keep_freed_memory();
    let started = Instant::now();
    let cli = Cli::parse();
    if cli.command.is_some() {
        cli::pipe::end_quietly_on_closed_pipe();
    }
    match cli.command {
        Some(Command::Check { files }) => cli::check::run(&files),
        Some(Command::Trace { file, node, up, .. }) => cli::trace::run(&file, &node, up),
        Some(Command::Layout {
            file,
            output,
            direction,
            from_scratch,
            style,
            aspect,
        }) => {
            let flow = match direction {
                Direction::Down => credence::layout::Flow::Down,
                Direction::Right => credence::layout::Flow::Right,
            };
            let options = credence::layout::LayoutOptions {
                flow,
                keep_order: !from_scratch,
                style: match style {
                    StyleArg::Layered => credence::layout::Style::Layered,
                    StyleArg::Compact => credence::layout::Style::Compact,
                },
                aspect,
                ..Default::default()
            };
            cli::layout::run(&file, output.as_deref(), &options)
        }
        Some(Command::Bench {
            what:
                Some(Bench::Layout {
                    sizes,
                    shapes,
                    dot,
                    dot_limit,
                    seed,
                }),
            ..
        }) => {
            let shapes: Vec<_> = shapes.into_iter().map(ShapeArg::shape).collect();
            let dot_limit = dot.then(|| std::time::Duration::from_secs(dot_limit));
            cli::bench::layout_table(&shapes, &sizes, dot_limit, seed)
        }
        Some(Command::Bench {
            what:
                Some(Bench::Trace {
                    nodes,
                    samples,
                    seed,
                }),
            ..
        }) => cli::bench::trace_table(nodes, samples, seed),
        Some(Command::Bench {
            what:
                Some(Bench::Export {
                    nodes,
                    scale,
                    width,
                    layout,
                    dot,
                    seed,
                }),
            ..
        }) => cli::export_bench::run(nodes, scale, width, layout, dot, seed),
        Some(Command::Bench {
            file: Some(file),
            frames,
            room,
            what: None,
        }) => cli::frames::run(&file, frames, room),
        Some(Command::Bench { .. }) => {
            eprintln!("credence bench: give a FILE, or `layout`, `trace` or `export`; see --help");
            ExitCode::FAILURE
        }
        Some(Command::Generate {
            nodes,
            output,
            seed,
            layout,
            shape,
        }) => cli::bench::generate(shape.shape(), nodes, &output, seed, layout),
        Some(Command::Export {
            file,
            output,
            format,
            scale,
            width,
            height,
            board,
            scope,
            nodes,
            background,
            theme,
        }) => cli::export::run(&cli::export::Request {
            file: &file,
            output: &output,
            format,
            scale,
            width,
            height,
            board: board.as_deref(),
            selection: matches!(scope, ScopeArg::Selection),
            nodes: &nodes,
            background: match background {
                BackgroundArg::Theme => credence::export::Background::Theme,
                BackgroundArg::White => credence::export::Background::White,
                BackgroundArg::Transparent => credence::export::Background::Transparent,
            },
            theme: match theme {
                ThemeArg::Light => credence::render::Theme::Light,
                ThemeArg::Dark => credence::render::Theme::Dark,
            },
        }),
        Some(Command::Import { file, output }) => cli::export::import(&file, &output),
        Some(Command::Completions { shell }) => {
            let shell = match shell {
                Shell::Bash => clap_complete::Shell::Bash,
                Shell::Zsh => clap_complete::Shell::Zsh,
                Shell::Fish => clap_complete::Shell::Fish,
            };
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "credence", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Some(Command::Diff { files, stat }) => cli::diff::run(&files, stat),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
        }) => cli::merge::run(&base, &ours, &theirs, output.as_deref()),
        Some(Command::Man) => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut out = std::io::stdout();
            match clap_mangen::Man::new(command).render(&mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("credence man: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        Some(Command::Room {
            file,
            bind,
            port,
            code,
            cards,
        }) => cli::room::run(&cli::room::Request {
            file: &file,
            bind,
            port,
            code: code.as_deref(),
            cards: &cards,
        }),
        None => run_gui(cli.file, started),
    }
}

/// `--format`: a format by its file extension.
fn format_arg(name: &str) -> Result<credence::export::Format, String> {
    let name = name.trim_start_matches('.').to_lowercase();
    credence::export::Format::ALL
        .into_iter()
        .find(|f| f.extension() == name)
        .ok_or_else(|| "use png, svg, canvas, md, mmd or dot".to_owned())
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

/// The application icon, the 256 px rendering of `assets/icons/credence.svg`.
fn window_icon() -> Option<std::sync::Arc<egui::IconData>> {
    let bytes: &[u8] = include_bytes!("../assets/icons/credence-256.png");
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .ok()?;
    let mut rgba = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut rgba).ok()?;
    if frame.color_type != png::ColorType::Rgba || frame.bit_depth != png::BitDepth::Eight {
        return None;
    }
    rgba.truncate(frame.buffer_size());
    Some(std::sync::Arc::new(egui::IconData {
        rgba,
        width: frame.width,
        height: frame.height,
    }))
}

fn run_gui(file: Option<PathBuf>, started: Instant) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: {
            let viewport = egui::ViewportBuilder::default()
                .with_title("Credence")
                // The desktop entry's StartupWMClass, so the menu's icon and
                // the window's are one.
                .with_app_id("credence")
                .with_inner_size([1400.0, 880.0])
                .with_min_inner_size([640.0, 420.0]);
            match window_icon() {
                Some(icon) => viewport.with_icon(icon),
                None => viewport,
            }
        },
        ..Default::default()
    };
    let result = eframe::run_native(
        "Credence",
        options,
        Box::new(move |cc| {
            // Before the first frame, so it is not drawn hinted.
            credence::render::set_up_text(&cc.egui_ctx);
            let app = CredenceApp::start(
                file,
                Box::new(NativeDialogs),
                credence::io::recovery::RecoveryStore::default_dir(),
                cc.storage,
            );
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_decodes() {
        let icon = super::window_icon().expect("the icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
