//! The local test double of the Well-Architected Tool API (`scripts/wa_fake.py`), for the tests
//! and the example: moto does not implement the Tool. It validates every request against the
//! service model botocore ships, so it runs on the python of the emulator's virtualenv (where
//! botocore is; see [`crate::emulator::ensure_virtualenv`]). Started on a free loopback port;
//! stopped when dropped. Point the SDK at it with [`WaFake::env`]
//! (`AWS_ENDPOINT_URL_WELLARCHITECTED`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::emulator::LocalServer;
use crate::error::Error;

const READY: &str = "WA_FAKE_READY ";
const START_DEADLINE: Duration = Duration::from_secs(30);

/// Faults and lens differences to start the fake with.
#[derive(Debug, Clone, Default)]
pub struct WaFakeOptions {
    /// Every UpdateAnswer after the first N successful ones fails.
    pub fail_update_after: Option<u32>,
    /// Only UpdateAnswer calls for this question fail.
    pub fail_question: Option<String>,
    /// The HTTP status and error code of an injected failure (default 500 InternalServerException).
    pub fail_status: Option<u16>,
    pub fail_code: Option<String>,
    /// New wellarchitected reviews start on a previous lens version that lacks these choices.
    pub drop_choices: Vec<String>,
    /// New reviews of these lenses start on the lens's previous version.
    pub old_lenses: Vec<String>,
    /// More lenses to serve (JSON, as `scripts/wa_lenses/serverless.json`).
    pub lens_files: Vec<std::path::PathBuf>,
}

/// A running fake; stopped when dropped.
#[derive(Debug)]
pub struct WaFake {
    server: LocalServer,
}

impl WaFake {
    pub fn start(options: &WaFakeOptions) -> Result<WaFake, Error> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/wa_fake.py");
        let python = crate::emulator::ensure_virtualenv()?;
        let mut command = Command::new(python);
        command.arg(script);
        if let Some(n) = options.fail_update_after {
            command.args(["--fail-update-after", &n.to_string()]);
        }
        if let Some(question) = &options.fail_question {
            command.args(["--fail-question", question]);
        }
        if let Some(status) = options.fail_status {
            command.args(["--fail-status", &status.to_string()]);
        }
        if let Some(code) = &options.fail_code {
            command.args(["--fail-code", code]);
        }
        for choice in &options.drop_choices {
            command.args(["--drop-choice", choice]);
        }
        for lens in &options.old_lenses {
            command.args(["--old-lens", lens]);
        }
        for file in &options.lens_files {
            command.arg("--lens-file").arg(file);
        }
        let server = LocalServer::start(command, READY, "the WA Tool fake", START_DEADLINE)?;
        Ok(WaFake { server })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> &str {
        self.server.endpoint()
    }

    /// The environment that sends the SDK's Well-Architected calls (only those) to the fake.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![(
            "AWS_ENDPOINT_URL_WELLARCHITECTED",
            self.endpoint().to_string(),
        )]
    }

    /// The fake's whole state (workloads, answers, milestones, calls per operation), as JSON.
    pub fn state(&self) -> Result<serde_json::Value, Error> {
        let fail = |message: String| Error::Emulator(format!("WA Tool fake state: {message}"));
        let address = self
            .endpoint()
            .strip_prefix("http://")
            .ok_or_else(|| fail(format!("unexpected endpoint {}", self.endpoint())))?;
        let mut stream = TcpStream::connect(address).map_err(|err| fail(err.to_string()))?;
        write!(
            stream,
            "GET /_fake/state HTTP/1.0\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .map_err(|err| fail(err.to_string()))?;
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .map_err(|err| fail(err.to_string()))?;
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, body)| body)
            .ok_or_else(|| fail("no HTTP body".into()))?;
        serde_json::from_str(body).map_err(|err| fail(err.to_string()))
    }
}
