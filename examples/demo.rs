//! The demo, from Rust: start the emulated demo account, scan it through the real collectors,
//! print the report. The same as `wascan demo`, written against the library.
//!
//! ```sh
//! cargo run --example demo
//! ```

use wascan::collect::{CollectOptions, Regions};
use wascan::emulator::{Emulator, EmulatorOptions, DEMO_REGIONS};
use wascan::report::terminal;
use wascan_checks::engine::Selection;
use wascan_checks::settings::Settings;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let emulator = Emulator::start(&EmulatorOptions::demo())?;
    let sdk_config = wascan::aws::load(&emulator.aws_options()).await;
    let options = CollectOptions {
        regions: Regions::List(DEMO_REGIONS.map(String::from).to_vec()),
        ..CollectOptions::default()
    };
    let (_snapshot, result) = wascan::scan::scan(
        &sdk_config,
        &options,
        &Selection::default(),
        &Settings::default(),
    )
    .await?;
    print!("{}", terminal::render(&result));
    Ok(())
}
