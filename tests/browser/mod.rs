//! Headless Chromium through WebDriver, for the HTML report's tests and its
//! first-view measurement (`examples/html_first_view.rs`).
//!
//! Uses Debian's `chromium` and `chromium-driver` (`/usr/bin/chromium`,
//! `/usr/bin/chromedriver`); `.ci/run` installs them when missing.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

/// What the note says when the browser is absent, and what `.ci/run` sets
/// to make that a failure.
pub const SKIP_NOTE: &str = "skipped: no chromium/chromedriver; .ci/run installs them";
pub const REQUIRE_VARIABLE: &str = "CONCORD_REQUIRE_BROWSER";

pub struct Tools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|directory| names.iter().map(move |name| directory.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser and its driver, or `None` with the skip note printed;
/// panics instead when `CONCORD_REQUIRE_BROWSER` is set.
pub fn tools_or_skip() -> Option<Tools> {
    let chromium = on_path(&["chromium", "chromium-browser", "google-chrome"]);
    let chromedriver = on_path(&["chromedriver"]);
    match (chromium, chromedriver) {
        (Some(chromium), Some(chromedriver)) => Some(Tools {
            chromium,
            chromedriver,
        }),
        _ => {
            if std::env::var_os(REQUIRE_VARIABLE).is_some() {
                panic!("{REQUIRE_VARIABLE} is set but chromium or chromedriver is not on PATH");
            }
            eprintln!("{SKIP_NOTE}");
            None
        }
    }
}

/// A free local port (bound, read, released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free local port")
}

/// A running chromedriver, killed when dropped.
pub struct Driver {
    child: Child,
    pub port: u16,
    /// The browser's fresh, empty profile.
    profile: tempfile::TempDir,
    chromium: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `chromedriver --port=N` on a free port and waits until it answers.
pub fn start_driver(tools: &Tools) -> Driver {
    let port = free_port();
    let child = Command::new(&tools.chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver {
        child,
        port,
        profile: tempfile::tempdir().expect("a browser profile directory"),
        chromium: tools.chromium.clone(),
    };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not listen on port {port} within 20 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    driver
}

/// A headless Chromium session of `width` x `height` CSS pixels, with no
/// background networking of its own.
pub async fn session(driver: &Driver, width: u32, height: u32) -> Client {
    let arguments = vec![
        "--headless".to_string(),
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--disable-quic".to_string(),
        "--no-first-run".to_string(),
        "--disable-background-networking".to_string(),
        "--disable-component-update".to_string(),
        "--disable-sync".to_string(),
        "--disable-dev-shm-usage".to_string(),
        "--hide-scrollbars".to_string(),
        format!("--window-size={width},{height}"),
        format!("--user-data-dir={}", driver.profile.path().display()),
    ];
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_string(),
        json!({"binary": driver.chromium, "args": arguments}),
    );
    // Alerts stay open so a test can see one was raised.
    capabilities.insert("unhandledPromptBehavior".to_string(), json!("ignore"));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session")
}

/// Polls the JavaScript expression `condition` until it is true, for up
/// to `timeout`. Returns whether it became true.
pub async fn wait_until(client: &Client, condition: &str, timeout: Duration) -> bool {
    let started = Instant::now();
    let script = format!("return Boolean({condition});");
    loop {
        if let Ok(value) = client.execute(&script, vec![]).await
            && value.as_bool() == Some(true)
        {
            return true;
        }
        if started.elapsed() > timeout {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `file:///...` for a local path.
pub fn file_url(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).expect("the page exists");
    format!("file://{}", absolute.display())
}
