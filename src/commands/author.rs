//! Who is making an edit: the name stamped on what they create or change.

/// The author name used when none was configured: `$DOSSIER_AUTHOR`, else git's
/// `user.name` (as `git config user.name` gives it here, when git is installed),
/// else the login name (`$USER`, `$USERNAME`), else empty.
pub fn default_author() -> String {
    env_name("DOSSIER_AUTHOR")
        .or_else(git_user_name)
        .or_else(|| env_name("USER"))
        .or_else(|| env_name("USERNAME"))
        .unwrap_or_default()
}

/// git's `user.name` for the current folder, if git is installed and has one. Bounded
/// in time; no git, no name, no error.
pub fn git_user_name() -> Option<String> {
    crate::git::line(&["config", "user.name"], None)
}

fn env_name(var: &str) -> Option<String> {
    std::env::var(var)
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}
