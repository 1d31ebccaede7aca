//! Who is making an edit: the name stamped on new annotations.

/// The author name used when none was configured: `$DOSSIER_AUTHOR`, else the
/// login name (`$USER`, `$USERNAME`), else empty.
pub fn default_author() -> String {
    ["DOSSIER_AUTHOR", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}
