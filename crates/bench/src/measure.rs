//! Running a command several times and summarizing its wall time.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The summary of several runs of one command.
#[derive(Clone, Debug)]
pub struct Measurement {
    /// Median wall time in seconds.
    pub median: f64,
    /// Fastest run.
    pub min: f64,
    /// Slowest run.
    pub max: f64,
    /// Stdout of the first run.
    pub stdout: Vec<u8>,
    /// Exit code of the first run (`None`: killed by a signal or timed out).
    pub code: Option<i32>,
}

/// Runs `make()` `runs` times (each with `timeout`) and summarizes. `None` if the first run fails to start.
pub fn measure(mut make: impl FnMut() -> Command, runs: usize, timeout: Duration) -> Option<Measurement> {
    let mut times = Vec::with_capacity(runs);
    let mut first: Option<(Vec<u8>, Option<i32>)> = None;
    for _ in 0..runs.max(1) {
        let mut cmd = make();
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null());
        let start = Instant::now();
        let mut child = cmd.spawn().ok()?;
        let mut out = child.stdout.take()?;
        let reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = std::io::Read::read_to_end(&mut out, &mut buf);
            buf
        });
        let status = loop {
            if let Ok(Some(s)) = child.try_wait() {
                break Some(s);
            }
            if start.elapsed() > timeout {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        let elapsed = start.elapsed().as_secs_f64();
        let stdout = reader.join().unwrap_or_default();
        times.push(elapsed);
        if first.is_none() {
            first = Some((stdout, status.and_then(|s| s.code())));
        }
        if status.is_none() {
            break;
        }
    }
    times.sort_by(f64::total_cmp);
    let (stdout, code) = first?;
    Some(Measurement { median: times[times.len() / 2], min: times[0], max: times[times.len() - 1], stdout, code })
}
