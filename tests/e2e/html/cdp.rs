//! A small Chrome DevTools Protocol client: starts Debian's headless Chromium with a fresh
//! profile, attaches to one page and talks to it over the DevTools websocket.
//!
//! Only what the HTML report test needs: navigate, evaluate, type, click, screenshot, and a
//! record of console errors, exceptions and JavaScript dialogs.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};
use tungstenite::{Message, WebSocket};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const TIMEOUT: Duration = Duration::from_secs(30);

/// The Chromium binary: `WASCAN_CHROMIUM`, else Debian's `/usr/bin/chromium`.
pub fn chromium_path() -> PathBuf {
    std::env::var_os("WASCAN_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// A running headless Chromium with one page attached; killed when dropped.
pub struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Every event received, in order.
    pub events: Vec<Value>,
    profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium with a fresh profile and no background networking (the machine's network
    /// is closed), and opens a blank page of `width` × `height` CSS pixels.
    pub fn launch(width: u32, height: u32) -> Result<Browser> {
        let binary = chromium_path();
        if !binary.exists() {
            return Err(format!(
                "Chromium is not installed at {} (run scripts/setup-chromium, or set WASCAN_CHROMIUM)",
                binary.display()
            )
            .into());
        }
        let profile = tempfile::tempdir()?;
        let log = std::fs::File::create(profile.path().join("chromium.log"))?;
        let child = Command::new(&binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--window-size={width},{height}"))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|err| format!("cannot start {}: {err}", binary.display()))?;
        let mut launching = Launching {
            child: Some(child),
            profile: Some(profile),
        };
        let (port, path) = launching.devtools_address()?;
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(TIMEOUT))?;
        let (socket, _) = tungstenite::client(format!("ws://127.0.0.1:{port}{path}"), stream)
            .map_err(|err| format!("cannot open the DevTools websocket: {err}"))?;
        let (child, profile) = launching.take();
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            profile,
        };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"]
            .as_str()
            .ok_or("no targetId")?
            .to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .ok_or("no sessionId")?
            .to_string();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            browser.page(domain, json!({}))?;
        }
        browser.page(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(browser)
    }

    /// Opens `file` and waits for its load event.
    pub fn open(&mut self, file: &Path) -> Result<()> {
        let seen = self.events.len();
        let url = format!("file://{}", file.canonicalize()?.display());
        let navigated = self.page("Page.navigate", json!({"url": url}))?;
        if let Some(error) = navigated["errorText"].as_str() {
            return Err(format!("navigation to {url} failed: {error}").into());
        }
        self.wait_for_event("Page.loadEventFired", seen)
    }

    /// Evaluates `expression` in the page and returns its value (promises awaited).
    pub fn eval(&mut self, expression: &str) -> Result<Value> {
        let reply = self.page(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        )?;
        if let Some(exception) = reply.get("exceptionDetails") {
            return Err(format!("`{expression}` threw: {exception}").into());
        }
        Ok(reply["result"]["value"].clone())
    }

    /// Focuses the element `selector` and types `text` into it as keyboard input.
    pub fn type_into(&mut self, selector: &str, text: &str) -> Result<()> {
        let focused = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; e.focus(); return document.activeElement === e; }})()",
            json!(selector)
        ))?;
        if focused != json!(true) {
            return Err(format!("cannot focus {selector}").into());
        }
        for c in text.chars() {
            let text = c.to_string();
            self.page(
                "Input.dispatchKeyEvent",
                json!({"type": "keyDown", "text": text, "unmodifiedText": text, "key": text}),
            )?;
            self.page(
                "Input.dispatchKeyEvent",
                json!({"type": "keyUp", "key": text}),
            )?;
        }
        Ok(())
    }

    /// Clicks the middle of the element `selector` with the mouse, scrolling it into view first.
    pub fn click(&mut self, selector: &str) -> Result<()> {
        let rect = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null; e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
            json!(selector)
        ))?;
        let (Some(x), Some(y)) = (rect[0].as_f64(), rect[1].as_f64()) else {
            return Err(format!("no element {selector} to click").into());
        };
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.page(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            )?;
        }
        Ok(())
    }

    /// A PNG of the page region `width` × `height` from the top left, beyond the viewport if need be.
    pub fn screenshot(&mut self, width: u32, height: u32) -> Result<Vec<u8>> {
        let shot = self.page(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            }),
        )?;
        let data = shot["data"].as_str().ok_or("no screenshot data")?;
        Ok(base64::engine::general_purpose::STANDARD.decode(data)?)
    }

    /// Console errors and warnings, uncaught exceptions and log errors (CSP violations among
    /// them), as text.
    pub fn problems(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|event| {
                let params = &event["params"];
                match event["method"].as_str()? {
                    "Runtime.consoleAPICalled"
                        if matches!(
                            params["type"].as_str(),
                            Some("error" | "warning" | "assert")
                        ) =>
                    {
                        Some(format!("console.{}: {}", params["type"], params["args"]))
                    }
                    "Runtime.exceptionThrown" => {
                        Some(format!("exception: {}", params["exceptionDetails"]))
                    }
                    "Log.entryAdded"
                        if matches!(
                            params["entry"]["level"].as_str(),
                            Some("error" | "warning")
                        ) =>
                    {
                        Some(format!("log: {}", params["entry"]))
                    }
                    _ => None,
                }
            })
            .collect()
    }

    /// JavaScript dialogs (alert, confirm, prompt) the page opened.
    pub fn dialogs(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|event| event["method"] == "Page.javascriptDialogOpening")
            .map(|event| event["params"]["message"].to_string())
            .collect()
    }

    /// Chromium's own log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.profile.path().join("chromium.log")).unwrap_or_default()
    }

    fn page(&mut self, method: &str, params: Value) -> Result<Value> {
        let session = self.session.clone();
        self.send(method, params, Some(&session))
    }

    fn call(&mut self, method: &str, params: Value) -> Result<Value> {
        self.send(method, params, None)
    }

    fn send(&mut self, method: &str, params: Value, session: Option<&str>) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(message.to_string()))?;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let reply = self.receive(deadline)?;
            if reply["id"] == json!(id) {
                if let Some(error) = reply.get("error") {
                    return Err(format!("{method} failed: {error}").into());
                }
                return Ok(reply["result"].clone());
            }
        }
    }

    /// Waits until an event `method` has arrived after the first `seen` events.
    fn wait_for_event(&mut self, method: &str, seen: usize) -> Result<()> {
        let deadline = Instant::now() + TIMEOUT;
        while !self.events[seen.min(self.events.len())..]
            .iter()
            .any(|event| event["method"] == method)
        {
            self.receive(deadline)?;
        }
        Ok(())
    }

    /// Reads one message; events are recorded (and a dialog is dismissed so the page goes on).
    fn receive(&mut self, deadline: Instant) -> Result<Value> {
        loop {
            if Instant::now() > deadline {
                return Err("Chromium did not answer in time".into());
            }
            let text = match self.socket.read()? {
                Message::Text(text) => text.to_string(),
                Message::Binary(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Message::Close(_) => return Err("Chromium closed the DevTools connection".into()),
                _ => continue,
            };
            let message: Value = serde_json::from_str(&text)?;
            if message.get("method").is_some() {
                if message["method"] == "Page.javascriptDialogOpening" {
                    self.next_id += 1;
                    let dismiss = json!({
                        "id": self.next_id,
                        "method": "Page.handleJavaScriptDialog",
                        "params": {"accept": false},
                        "sessionId": self.session,
                    });
                    self.socket.send(Message::text(dismiss.to_string()))?;
                }
                self.events.push(message.clone());
            }
            return Ok(message);
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.call("Browser.close", json!({}));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A Chromium process not yet connected: killed if connecting fails.
struct Launching {
    child: Option<Child>,
    profile: Option<tempfile::TempDir>,
}

impl Launching {
    /// Chromium writes the DevTools port and path to `DevToolsActivePort` in the profile.
    fn devtools_address(&mut self) -> Result<(u16, String)> {
        let (Some(child), Some(profile)) = (self.child.as_mut(), self.profile.as_ref()) else {
            return Err("Chromium is gone".into());
        };
        let file = profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(text) = std::fs::read_to_string(&file) {
                let mut lines = text.lines();
                if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                    if let Ok(port) = port.trim().parse::<u16>() {
                        return Ok((port, path.trim().to_string()));
                    }
                }
            }
            if let Some(status) = child.try_wait()? {
                let log = std::fs::read_to_string(profile.path().join("chromium.log"))
                    .unwrap_or_default();
                return Err(format!(
                    "Chromium exited ({status}) before DevTools was ready:\n{log}"
                )
                .into());
            }
            if Instant::now() > deadline {
                return Err("Chromium did not open DevTools in time".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn take(&mut self) -> (Child, tempfile::TempDir) {
        match (self.child.take(), self.profile.take()) {
            (Some(child), Some(profile)) => (child, profile),
            _ => unreachable!("taken once, after a successful launch"),
        }
    }
}

impl Drop for Launching {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
