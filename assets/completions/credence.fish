# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_credence_global_optspecs
    string join \n h/help V/version
end

function __fish_credence_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_credence_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_credence_using_subcommand
    set -l cmd (__fish_credence_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c credence -n "__fish_credence_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_needs_command" -s V -l version -d 'Print version'
complete -c credence -n "__fish_credence_needs_command" -a "check" -d 'Validate documents without opening a window'
complete -c credence -n "__fish_credence_needs_command" -a "trace" -d 'List what a node rests on (--up) or what rests on it (--down, the default)'
complete -c credence -n "__fish_credence_needs_command" -a "layout" -d 'Lay out every node, layered or compact, and save the result'
complete -c credence -n "__fish_credence_needs_command" -a "bench" -d 'Measure performance: frame times on FILE, or layout and tracing on synthetic maps'
complete -c credence -n "__fish_credence_needs_command" -a "export" -d 'Export a board to PNG, SVG, JSON Canvas, Markdown, Mermaid or DOT'
complete -c credence -n "__fish_credence_needs_command" -a "import" -d 'Convert a JSON Canvas file (Obsidian\'s .canvas) to a Credence document'
complete -c credence -n "__fish_credence_needs_command" -a "room" -d 'Open the workshop room without a window: phones on the local network join and vote privately'
complete -c credence -n "__fish_credence_needs_command" -a "diff" -d 'Show what changed between two documents, by card title'
complete -c credence -n "__fish_credence_needs_command" -a "merge" -d 'Three-way merge of documents by stable id; also git\'s merge driver'
complete -c credence -n "__fish_credence_needs_command" -a "completions" -d 'Print shell completions for bash, zsh or fish'
complete -c credence -n "__fish_credence_needs_command" -a "man" -d 'Print the manual page (roff), made from these same definitions, so it always says what --help says'
complete -c credence -n "__fish_credence_needs_command" -a "generate" -d 'Write a synthetic belief map of N nodes (for benchmarks and demos)'
complete -c credence -n "__fish_credence_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credence -n "__fish_credence_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_using_subcommand trace" -l up -d 'What NODE rests on: follow edges backwards'
complete -c credence -n "__fish_credence_using_subcommand trace" -l down -d 'What rests on NODE: follow edges forwards (the default)'
complete -c credence -n "__fish_credence_using_subcommand trace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_using_subcommand layout" -s o -l output -d 'Where to write the result: OUT.ron, OUT.canvas or - (default: FILE, if it is a .ron file)' -r -F
complete -c credence -n "__fish_credence_using_subcommand layout" -l direction -d 'Which way causes flow to effects' -r -f -a "down\t'Causes below effects (outcomes at the top)'
right\t'Causes on the left, effects on the right'"
complete -c credence -n "__fish_credence_using_subcommand layout" -l style -d 'layered: tiers from outcomes down to evidence, few crossings; compact: an org chart folded to --aspect, so a wide map fits a screen (it always puts causes below effects)' -r -f -a "layered\t''
compact\t''"
complete -c credence -n "__fish_credence_using_subcommand layout" -l aspect -d 'Width:height that compact aims for, such as 16:9 or 4:3' -r
complete -c credence -n "__fish_credence_using_subcommand layout" -l from-scratch -d 'Ignore the order the cards are in now and try several orders for the fewest crossings. Without it, a laid-out map keeps its order so a small change moves little. Pinned cards stay put either way'
complete -c credence -n "__fish_credence_using_subcommand layout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_using_subcommand bench; and not __fish_seen_subcommand_from layout export trace help" -l frames -d 'Frames per scenario' -r
complete -c credence -n "__fish_credence_using_subcommand bench; and not __fish_seen_subcommand_from layout export trace help" -l room -d 'Open the window\'s room on loopback with this many phones, each voting on 20 cards at the start of every scenario, while the frames are timed' -r
complete -c credence -n "__fish_credence_using_subcommand bench; and not __fish_seen_subcommand_from layout export trace help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_using_subcommand bench; and not __fish_seen_subcommand_from layout export trace help" -a "layout" -d 'Layout time, crossings and overlaps; with --dot, Graphviz on the same graphs'
complete -c credence -n "__fish_credence_using_subcommand bench; and not __fish_seen_subcommand_from layout export trace help" -a "export" -d 'Time every export format on a synthetic map; with --dot, Graphviz `dot -Tpng` on the same graph'
complete -c credence -n "__fish_credence_using_subcommand bench; and not __fish_seen_subcommand_from layout export trace help" -a "trace" -d 'Time tracing up and down from sampled nodes of a large map'
complete -c credence -n "__fish_credence_using_subcommand bench; and not __fish_seen_subcommand_from layout export trace help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from layout" -l sizes -d 'Map sizes, comma-separated' -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from layout" -l shapes -d 'Map shapes, comma-separated: deep (narrow branches), wide (a few tiers, each hundreds of cards wide), shared (many outcomes sharing beliefs)' -r -f -a "deep\t''
wide\t''
shared\t''"
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from layout" -l dot-limit -d 'Seconds after which `dot` is stopped on a graph; its row then shows the limit as a lower bound (on shared maps of 10,000 cards it runs for more than half an hour)' -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from layout" -l seed -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from layout" -l dot -d 'Also run Graphviz `dot -Tplain` on each graph (needs Graphviz installed)'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from layout" -s h -l help -d 'Print help'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from export" -l nodes -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from export" -l scale -d 'Pixels per board unit for PNG and SVG' -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from export" -l width -d 'PNG this many pixels wide instead of --scale; with --dot, Graphviz draws at the same width (-Gdpi=72 -Gsize=W/72,W/72!)' -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from export" -l seed -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from export" -l layout -d 'Lay the map out first, as `credence generate --layout` does'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from export" -l dot -d 'Also time Graphviz `dot -Tpng` on our DOT export of the same graph'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from trace" -l nodes -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from trace" -l samples -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from trace" -l seed -r
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from trace" -s h -l help -d 'Print help'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "layout" -d 'Layout time, crossings and overlaps; with --dot, Graphviz on the same graphs'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "export" -d 'Time every export format on a synthetic map; with --dot, Graphviz `dot -Tpng` on the same graph'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "trace" -d 'Time tracing up and down from sampled nodes of a large map'
complete -c credence -n "__fish_credence_using_subcommand bench; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credence -n "__fish_credence_using_subcommand export" -s o -l output -d 'The file to write, or - for standard output' -r -F
complete -c credence -n "__fish_credence_using_subcommand export" -l format -d 'The format, when OUT\'s extension does not say it: png, svg, canvas, md, mmd or dot' -r
complete -c credence -n "__fish_credence_using_subcommand export" -l scale -d 'Pixels per board unit for images (1, 2 or 4 are typical)' -r
complete -c credence -n "__fish_credence_using_subcommand export" -l width -d 'Scale an image to this many pixels wide (instead of --scale), e.g. 1920, 3840 or 7680 for slides' -r
complete -c credence -n "__fish_credence_using_subcommand export" -l height -d 'Scale an image to this many pixels high; with --width, to fit inside both' -r
complete -c credence -n "__fish_credence_using_subcommand export" -l board -d 'The board to export: "belief map" (the default), "assumption map", "belief 2x2", "value x certainty", or a canvas\'s name (any case). The 2×2 boards export to PNG or SVG' -r
complete -c credence -n "__fish_credence_using_subcommand export" -l scope -d 'Everything, or only the nodes given with --nodes' -r -f -a "all\t''
selection\t''"
complete -c credence -n "__fish_credence_using_subcommand export" -l nodes -d 'With --scope selection: node ids or exact titles, comma-separated' -r
complete -c credence -n "__fish_credence_using_subcommand export" -l background -d 'The image background' -r -f -a "theme\t''
white\t''
transparent\t''"
complete -c credence -n "__fish_credence_using_subcommand export" -l theme -d 'Light or dark colours for images' -r -f -a "light\t''
dark\t''"
complete -c credence -n "__fish_credence_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_using_subcommand import" -s o -l output -d 'The Credence document to write (.ron), or - for standard output' -r -F
complete -c credence -n "__fish_credence_using_subcommand import" -s h -l help -d 'Print help'
complete -c credence -n "__fish_credence_using_subcommand room" -l bind -d 'The address to listen on (0.0.0.0: every network of this machine)' -r
complete -c credence -n "__fish_credence_using_subcommand room" -l port -d 'The port; 0 picks a free one' -r
complete -c credence -n "__fish_credence_using_subcommand room" -l code -d 'The room code (default: six random letters and digits)' -r
complete -c credence -n "__fish_credence_using_subcommand room" -l cards -d 'What the phones vote on: beliefs, assumptions, bets, all (beliefs, assumptions and bets) or card ids separated by commas' -r
complete -c credence -n "__fish_credence_using_subcommand room" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_using_subcommand diff" -l stat -d 'One summary line instead: per kind, how many were added (+), removed (-) and changed (~)'
complete -c credence -n "__fish_credence_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_using_subcommand merge" -s o -l output -d 'Where to write the result (- for standard output)' -r -F
complete -c credence -n "__fish_credence_using_subcommand merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credence -n "__fish_credence_using_subcommand man" -s h -l help -d 'Print help'
complete -c credence -n "__fish_credence_using_subcommand generate" -l seed -r
complete -c credence -n "__fish_credence_using_subcommand generate" -l shape -d 'deep (narrow branches), wide (a few tiers, each hundreds of cards wide) or shared (many outcomes sharing beliefs)' -r -f -a "deep\t''
wide\t''
shared\t''"
complete -c credence -n "__fish_credence_using_subcommand generate" -l layout -d 'Lay it out first, as a user\'s map would be'
complete -c credence -n "__fish_credence_using_subcommand generate" -s h -l help -d 'Print help'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "check" -d 'Validate documents without opening a window'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "trace" -d 'List what a node rests on (--up) or what rests on it (--down, the default)'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "layout" -d 'Lay out every node, layered or compact, and save the result'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "bench" -d 'Measure performance: frame times on FILE, or layout and tracing on synthetic maps'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "export" -d 'Export a board to PNG, SVG, JSON Canvas, Markdown, Mermaid or DOT'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "import" -d 'Convert a JSON Canvas file (Obsidian\'s .canvas) to a Credence document'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "room" -d 'Open the workshop room without a window: phones on the local network join and vote privately'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "diff" -d 'Show what changed between two documents, by card title'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "merge" -d 'Three-way merge of documents by stable id; also git\'s merge driver'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "completions" -d 'Print shell completions for bash, zsh or fish'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "man" -d 'Print the manual page (roff), made from these same definitions, so it always says what --help says'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "generate" -d 'Write a synthetic belief map of N nodes (for benchmarks and demos)'
complete -c credence -n "__fish_credence_using_subcommand help; and not __fish_seen_subcommand_from check trace layout bench export import room diff merge completions man generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credence -n "__fish_credence_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "layout" -d 'Layout time, crossings and overlaps; with --dot, Graphviz on the same graphs'
complete -c credence -n "__fish_credence_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "export" -d 'Time every export format on a synthetic map; with --dot, Graphviz `dot -Tpng` on the same graph'
complete -c credence -n "__fish_credence_using_subcommand help; and __fish_seen_subcommand_from bench" -f -a "trace" -d 'Time tracing up and down from sampled nodes of a large map'
