//! Facts about the machine a table was measured on.

fn first_line_with(path: &str, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().find(|l| l.starts_with(key)).and_then(|l| l.split(':').nth(1)).map(|v| v.trim().to_string())
}

fn command(cmd: &str, args: &[&str]) -> String {
    std::process::Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).lines().next().unwrap_or("").trim().to_string())
        .unwrap_or_default()
}

/// A few lines describing CPU, cores, memory, OS and toolchain.
pub fn describe() -> Vec<String> {
    vec![
        format!("CPU: {}", first_line_with("/proc/cpuinfo", "model name").unwrap_or_else(|| "unknown".into())),
        format!("cores: {}", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)),
        format!("memory: {}", first_line_with("/proc/meminfo", "MemTotal").unwrap_or_default()),
        format!("kernel: {}", command("uname", &["-sr"])),
        format!("clang: {}", command("clang-19", &["--version"])),
        format!("date: {}", command("date", &["-u", "+%Y-%m-%d %H:%M UTC"])),
    ]
}
