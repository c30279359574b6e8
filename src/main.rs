//! The `wascan` binary: parse the command line, run it, map the outcome to an exit code.

use clap::Parser;
use tracing_subscriber::EnvFilter;
use wascan::app;
use wascan::cli::Cli;

fn main() {
    let cli = Cli::parse();
    let level = match cli.verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("WASCAN_LOG")
                .unwrap_or_else(|_| EnvFilter::new(format!("wascan={level}"))),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("wascan: cannot start the async runtime: {err}");
            std::process::exit(app::exit::USAGE);
        }
    };
    let code = match runtime.block_on(app::run(cli)) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("wascan: error: {err}");
            err.exit_code()
        }
    };
    std::process::exit(code);
}
