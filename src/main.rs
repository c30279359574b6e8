//! The `wascan` binary: parse the command line, run it, map the outcome to an exit code.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use clap::FromArgMatches;
use wascan::cli::Cli;
use wascan::{app, logging};

fn main() {
    // The command carries the version line built from the catalog (lens, checks, services).
    let cli = match Cli::from_arg_matches(&wascan::cli::command().get_matches()) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    logging::init(cli.log_format, cli.quiet, cli.verbose);

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            logging::error(&format!("cannot start the async runtime: {err}"));
            std::process::exit(app::exit::USAGE);
        }
    };
    let code = match runtime.block_on(app::run(cli)) {
        Ok(code) => code,
        Err(err) => {
            logging::error(&err.to_string());
            err.exit_code()
        }
    };
    std::process::exit(code);
}
