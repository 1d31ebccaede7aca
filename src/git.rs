//! Running `git`, bounded: Dossier works without git, so a missing `git`, a failing
//! one or one that hangs (a credential prompt, a slow network file system) is an
//! answer, never a hang or a crash.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a quick query (`git config`, `git rev-parse`) may take.
pub const QUICK: Duration = Duration::from_secs(3);

/// How long a command that reads or writes a project's versions may take.
pub const SLOW: Duration = Duration::from_secs(60);

/// What a finished `git` command printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// Whether it exited with status 0.
    pub success: bool,
    /// Its standard output.
    pub stdout: Vec<u8>,
    /// Its standard error, as text.
    pub stderr: String,
}

/// Why `git` gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// `git` could not be started (most likely it is not installed).
    #[error("could not run git ({0}); is git installed?")]
    NotFound(std::io::Error),
    /// It ran longer than allowed and was stopped.
    #[error("git {0} did not finish within {1} s and was stopped")]
    TimedOut(String, u64),
    /// Reading its output failed.
    #[error("could not read what git printed: {0}")]
    Io(std::io::Error),
}

/// Runs `git ARGS` in `dir` (the current folder when `None`), with no input, for at
/// most `limit`; its output is read while it runs, so a large file does not block it.
pub fn run(args: &[&str], dir: Option<&Path>, limit: Duration) -> Result<Output, GitError> {
    let mut cmd = Command::new("git");
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Never ask for a password or open an editor: there is nobody to answer.
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_EDITOR", "true");
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().map_err(GitError::NotFound)?;
    let out = read_all(child.stdout.take());
    let err = read_all(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(GitError::Io)? {
            Some(status) => break status,
            None if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(GitError::TimedOut(args.join(" "), limit.as_secs()));
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let joined = |h: std::thread::JoinHandle<std::io::Result<Vec<u8>>>| {
        h.join()
            .unwrap_or_else(|_| Err(std::io::Error::other("reader thread panicked")))
            .map_err(GitError::Io)
    };
    let stdout = joined(out)?;
    let stderr = String::from_utf8_lossy(&joined(err)?).trim().to_owned();
    Ok(Output {
        success: status.success(),
        stdout,
        stderr,
    })
}

/// Reads a pipe to its end on a thread of its own.
fn read_all<R: std::io::Read + Send + 'static>(
    pipe: Option<R>,
) -> std::thread::JoinHandle<std::io::Result<Vec<u8>>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            p.read_to_end(&mut buf)?;
        }
        Ok(buf)
    })
}

/// The trimmed first line of what a successful `git ARGS` printed; `None` when git is
/// missing, fails, times out or prints nothing.
pub fn line(args: &[&str], dir: Option<&Path>) -> Option<String> {
    let out = run(args, dir, QUICK).ok().filter(|o| o.success)?;
    let text = String::from_utf8(out.stdout).ok()?;
    let first = text.lines().next()?.trim();
    (!first.is_empty()).then(|| first.to_owned())
}
