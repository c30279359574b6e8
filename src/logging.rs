//! Logging: everything wascan says besides its report goes to stderr, as text or as JSON lines
//! (`--log-format json`, one object per line, for log collectors), and `--quiet` keeps only
//! errors. The report (or `--json` result) alone goes to stdout.

use std::sync::OnceLock;

use tracing_subscriber::EnvFilter;

/// How stderr is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// `wascan: ...` lines for people.
    #[default]
    Text,
    /// One JSON object per line: `timestamp`, `level`, `target`, `fields.message`.
    Json,
}

#[derive(Debug, Clone, Copy)]
struct Options {
    format: LogFormat,
    quiet: bool,
}

static OPTIONS: OnceLock<Options> = OnceLock::new();

/// Sets up logging once, for the whole process: the tracing subscriber (level from `-v`, or
/// `error` under `--quiet`; `WASCAN_LOG` overrides) and the format of wascan's own messages.
pub fn init(format: LogFormat, quiet: bool, verbose: u8) {
    let _ = OPTIONS.set(Options { format, quiet });
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    let filter = EnvFilter::try_from_env("WASCAN_LOG")
        .unwrap_or_else(|_| EnvFilter::new(format!("wascan={level}")));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .try_init(),
        LogFormat::Json => builder.json().with_ansi(false).try_init(),
    };
}

fn options() -> Options {
    OPTIONS.get().copied().unwrap_or(Options {
        format: LogFormat::Text,
        quiet: false,
    })
}

/// Whether `--quiet` was given: only errors on stderr, no report on stdout unless `--json`.
pub fn quiet() -> bool {
    options().quiet
}

/// Progress worth telling ("wrote FILE"); silent under `--quiet`.
pub fn note(message: &str) {
    if !quiet() {
        emit("INFO", message);
    }
}

/// A problem that did not stop the command; silent under `--quiet`.
pub fn warning(message: &str) {
    if !quiet() {
        emit("WARN", message);
    }
}

/// The error that ends the command: always shown.
pub fn error(message: &str) {
    emit("ERROR", message);
}

fn emit(level: &str, message: &str) {
    eprintln!("{}", line(options().format, level, message));
}

fn line(format: LogFormat, level: &str, message: &str) -> String {
    match format {
        LogFormat::Text => match level {
            "WARN" => format!("wascan: warning: {message}"),
            "ERROR" => format!("wascan: error: {message}"),
            _ => format!("wascan: {message}"),
        },
        LogFormat::Json => serde_json::json!({
            "timestamp": time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            "level": level,
            "target": "wascan",
            "fields": {"message": message},
        })
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_text_or_one_json_object() {
        assert_eq!(
            line(LogFormat::Text, "WARN", "expired"),
            "wascan: warning: expired"
        );
        assert_eq!(line(LogFormat::Text, "INFO", "wrote x"), "wascan: wrote x");
        let json: serde_json::Value =
            serde_json::from_str(&line(LogFormat::Json, "ERROR", "bad\nfile")).expect("JSON");
        assert_eq!(json["level"], "ERROR");
        assert_eq!(json["fields"]["message"], "bad\nfile");
    }
}
