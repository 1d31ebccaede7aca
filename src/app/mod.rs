//! The desktop workbench.

/// Opens the desktop app on the given project or article files.
pub fn run(files: Vec<std::path::PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!("the desktop app is not built yet; files: {files:?}")
}
