//! A local emulated AWS account for the demo and the end-to-end tests: moto's server on a free
//! loopback port, seeded with the demo account (`scripts/seed_demo.py`, the one seeding
//! implementation), with optional fault injection. Started from the project-local virtualenv,
//! which is created on first use.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Mutex, PoisonError};
use std::time::Duration;

use aws_credential_types::Credentials;

use crate::aws::AwsOptions;
use crate::error::Error;

/// The emulator's dummy credentials. They open nothing anywhere else.
pub const ACCESS_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// The account the emulator serves.
pub const ACCOUNT_ID: &str = "123456789012";
/// The regions the demo account has resources in.
pub const DEMO_REGIONS: [&str; 2] = ["us-east-1", "eu-west-1"];

const READY: &str = "WASCAN_EMULATOR_READY ";
const START_DEADLINE: Duration = Duration::from_secs(120);

/// What to start.
#[derive(Debug, Clone, Default)]
pub struct EmulatorOptions {
    /// `demo` for the demo account, `hostile` for hostile names and tags
    /// (scripts/seed_hostile.py), `org` for an AWS Organization (`scripts/seed_org.py`),
    /// `none` for an empty one.
    pub seed: String,
    /// Operations answered with access denied, as `service:Operation`.
    pub deny: Vec<String>,
    /// Regions answered as opt-in regions the account has not enabled.
    pub disable_regions: Vec<String>,
}

impl EmulatorOptions {
    pub fn demo() -> Self {
        EmulatorOptions {
            seed: "demo".into(),
            ..Default::default()
        }
    }
}

/// A running emulator; stopped when dropped.
#[derive(Debug)]
pub struct Emulator {
    server: LocalServer,
}

impl Emulator {
    /// Starts an emulator and waits until it is seeded and listening.
    pub fn start(options: &EmulatorOptions) -> Result<Emulator, Error> {
        let python = ensure_virtualenv()?;
        let mut command = Command::new(python);
        command.arg(scripts_dir().join("emulator.py")).args([
            "--seed",
            &options.seed,
            "--account-id",
            ACCOUNT_ID,
        ]);
        for operation in &options.deny {
            command.args(["--deny", operation]);
        }
        for region in &options.disable_regions {
            command.args(["--disable-region", region]);
        }
        let server = LocalServer::start(command, READY, "the emulator", START_DEADLINE)?;
        Ok(Emulator { server })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> &str {
        self.server.endpoint()
    }

    /// The environment that points the AWS SDK (and so the `wascan` binary) at this emulator.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint().to_string()),
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID.into()),
            ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY.into()),
            ("AWS_REGION", DEMO_REGIONS[0].into()),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ]
    }

    /// SDK options that reach this emulator, for library use.
    pub fn aws_options(&self) -> AwsOptions {
        AwsOptions {
            profile: None,
            region: Some(DEMO_REGIONS[0].into()),
            endpoint_url: Some(self.endpoint().to_string()),
            credentials: Some(Credentials::new(
                ACCESS_KEY_ID,
                SECRET_ACCESS_KEY,
                None,
                None,
                "wascan-emulator",
            )),
        }
    }
}

/// A helper process serving HTTP on a loopback port it chose itself, which it announces on stdout
/// as one line `<ready prefix><endpoint>`. Stopped when dropped: closing its stdin asks it to stop
/// (so it also stops when wascan dies), a kill makes sure.
///
/// Its stderr (moto logs a traceback for every API it does not implement) goes to a log file, not
/// to the terminal: `$WASCAN_EMULATOR_LOG` if set (kept), else a file in the temp directory that is
/// removed with the server. An error starting it quotes the log's last lines.
#[derive(Debug)]
pub(crate) struct LocalServer {
    child: Child,
    endpoint: String,
    /// Held for its removal when the server is dropped.
    _log: ServerLog,
}

/// Where a helper process's stderr goes.
#[derive(Debug)]
struct ServerLog {
    path: PathBuf,
    keep: bool,
}

impl ServerLog {
    fn create(what: &str) -> Result<(ServerLog, std::fs::File), Error> {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let (path, keep) = match std::env::var_os("WASCAN_EMULATOR_LOG") {
            Some(path) => (PathBuf::from(path), true),
            None => {
                let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let name = format!("wascan-server-{}-{n}.log", std::process::id());
                (std::env::temp_dir().join(name), false)
            }
        };
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|err| {
                Error::Emulator(format!(
                    "cannot write the log of {what} to {}: {err}",
                    path.display()
                ))
            })?;
        Ok((ServerLog { path, keep }, file))
    }

    /// The last `lines` lines of the log, for an error message.
    fn tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.path).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

impl Drop for ServerLog {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl LocalServer {
    /// Starts `command` and waits up to `deadline` for its ready line. `what` names it in errors.
    pub(crate) fn start(
        mut command: Command,
        ready_prefix: &'static str,
        what: &str,
        deadline: Duration,
    ) -> Result<LocalServer, Error> {
        let (log, log_file) = ServerLog::create(what)?;
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .map_err(|err| Error::Emulator(format!("cannot start {what}: {err}")))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| Error::Emulator(format!("{what} has no stdout")))?;
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let ready = BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .find_map(|line| line.strip_prefix(ready_prefix).map(str::to_string));
            let _ = sender.send(ready);
        });
        match receiver.recv_timeout(deadline) {
            Ok(Some(endpoint)) => Ok(LocalServer {
                child,
                endpoint,
                _log: log,
            }),
            outcome => {
                let _ = child.kill();
                let _ = child.wait();
                let problem = match outcome {
                    Err(_) => format!("was not ready within {} s", deadline.as_secs()),
                    _ => "exited before it was ready".to_string(),
                };
                Err(Error::Emulator(format!(
                    "{what} {problem}; the end of its log:\n{}",
                    log.tail(20)
                )))
            }
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn endpoint(&self) -> &str {
        &self.endpoint
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The project's source directory (where `scripts/` lives): `$WASCAN_PROJECT_DIR` when set (a
/// release binary run from a clone: `WASCAN_PROJECT_DIR=. wascan demo`), else the directory it
/// was built in.
fn project_dir() -> PathBuf {
    std::env::var_os("WASCAN_PROJECT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn scripts_dir() -> PathBuf {
    project_dir().join("scripts")
}

/// The virtualenv with moto: `$WASCAN_VENV`, else `.venv` in the project directory. Created and
/// filled from `scripts/requirements-emulator.txt` when it is missing or incomplete.
pub fn ensure_virtualenv() -> Result<PathBuf, Error> {
    // Tests start several emulators at once: one installer at a time.
    static INSTALLING: Mutex<()> = Mutex::new(());
    let _installing = INSTALLING.lock().unwrap_or_else(PoisonError::into_inner);
    let venv = std::env::var_os("WASCAN_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_dir().join(".venv"));
    let python = venv.join("bin").join("python");
    let ready = || {
        Command::new(&python)
            .args(["-c", "import moto, boto3, werkzeug, cbor2"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    };
    if ready() {
        return Ok(python);
    }
    eprintln!(
        "wascan: installing the emulator (moto) into {} ...",
        venv.display()
    );
    let run = |program: &Path, args: &[&str]| -> Result<(), Error> {
        let status = Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .status()
            .map_err(|err| Error::Emulator(format!("cannot run {}: {err}", program.display())))?;
        if status.success() {
            Ok(())
        } else {
            Err(Error::Emulator(format!(
                "`{} {}` failed: {status}",
                program.display(),
                args.join(" ")
            )))
        }
    };
    if !python.exists() {
        let venv_arg = venv.to_string_lossy().into_owned();
        run(Path::new("python3"), &["-m", "venv", &venv_arg])?;
    }
    let requirements = scripts_dir().join("requirements-emulator.txt");
    let requirements = requirements.to_string_lossy().into_owned();
    run(
        &python,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            &requirements,
        ],
    )?;
    if ready() {
        Ok(python)
    } else {
        Err(Error::Emulator(
            "moto is still not importable after installing it".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn a_server_that_dies_at_start_is_reported_with_the_end_of_its_log() {
        let started = LocalServer::start(
            shell("echo 'ImportError: no module named moto' >&2; exit 3"),
            READY,
            "the emulator",
            Duration::from_secs(10),
        );
        let message = started.err().map(|err| err.to_string()).unwrap_or_default();
        assert!(message.contains("exited before it was ready"), "{message}");
        assert!(
            message.contains("ImportError: no module named moto"),
            "{message}"
        );
    }

    #[test]
    fn a_running_server_logs_to_a_file_removed_with_it() -> Result<(), Error> {
        let server = LocalServer::start(
            shell("echo 'noise' >&2; echo 'WASCAN_EMULATOR_READY http://127.0.0.1:9'; cat"),
            READY,
            "the emulator",
            Duration::from_secs(10),
        )?;
        assert_eq!(server.endpoint(), "http://127.0.0.1:9");
        let log = server._log.path.clone();
        assert!(log.exists());
        drop(server);
        assert!(!log.exists());
        Ok(())
    }
}
