//! Fuzzes the config reader: any text either parses or gives an error that names the file; it never
//! panics. Run with `scripts/fuzz`.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.toml");
    if let Some(err) = wascan_checks::config::Config::parse_file(path, text).err() {
        assert!(err.to_string().starts_with("fuzz.toml: "), "{err}");
    }
});
