//! Work that runs off the UI thread, so no file can freeze the window: opening a
//! project (a corpus takes a second or two) and importing an article (a long PDF,
//! ten seconds). The window shows each job with its elapsed time and a Cancel
//! button; a cancelled job's result is dropped when it arrives.

use super::DossierApp;
use crate::commands::{Command, Editor};
use crate::import::{self, ImportError};
use crate::model::{Document, Project};
use crate::store::{self, FileStamp, StoreError};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

/// What a finished job hands back.
enum Output {
    /// A project was read.
    Opened(Result<(Project, FileStamp), StoreError>),
    /// An article was imported.
    Imported(Result<Document, ImportError>),
}

/// One job in flight.
pub struct Job {
    /// What it does, for the window ("Opening corpus.ron").
    pub label: String,
    /// The file it works on.
    pub path: PathBuf,
    /// When it started.
    pub started: Instant,
    rx: Receiver<Output>,
}

impl Job {
    fn spawn(
        label: String,
        path: PathBuf,
        ctx: &egui::Context,
        work: impl FnOnce() -> Output + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // A closed channel means the job was cancelled: nothing to tell.
            let _ = tx.send(work());
            ctx.request_repaint();
        });
        Self {
            label,
            path,
            started: Instant::now(),
            rx,
        }
    }
}

impl DossierApp {
    /// Reads the project at `path` off the UI thread; it replaces the current one
    /// when it arrives (callers asked about unsaved changes already).
    pub fn open_in_background(&mut self, path: PathBuf, ctx: &egui::Context) {
        let read = path.clone();
        let label = format!("Opening {}", file_label(&path));
        let job = Job::spawn(label, path, ctx, move || {
            Output::Opened(store::load_with_stamp(&read))
        });
        self.jobs.push(job);
    }

    /// Imports the article at `path` off the UI thread; it is added to the project
    /// (one undo step) when it arrives.
    pub fn import_in_background(&mut self, path: PathBuf, ctx: &egui::Context) {
        let read = path.clone();
        let label = format!("Importing {}", file_label(&path));
        let job = Job::spawn(label, path, ctx, move || {
            Output::Imported(import::import_file(&read))
        });
        self.jobs.push(job);
    }

    /// Stops waiting for job `i`; its result is dropped when it arrives.
    pub fn cancel_job(&mut self, i: usize) {
        if i < self.jobs.len() {
            let job = self.jobs.remove(i);
            self.report(format!("{} was cancelled.", job.label));
        }
    }

    /// Whether any job is still running.
    pub fn jobs_running(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// Takes in the results of finished jobs, in the order they were started.
    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context) {
        let mut i = 0;
        while i < self.jobs.len() {
            match self.jobs[i].rx.try_recv() {
                Ok(output) => {
                    let job = self.jobs.remove(i);
                    self.finish(job, output);
                }
                Err(TryRecvError::Empty) => i += 1,
                Err(TryRecvError::Disconnected) => {
                    let job = self.jobs.remove(i);
                    self.report(format!("{} stopped without a result.", job.label));
                }
            }
        }
        if self.jobs_running() {
            // Keep the elapsed time moving while waiting.
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
    }

    fn finish(&mut self, job: Job, output: Output) {
        match output {
            Output::Opened(Ok((project, stamp))) => {
                self.replace_project(Editor::new(project), Some(job.path.clone()));
                self.loaded = Some(stamp);
                self.settings.remember(&job.path);
                self.save_settings();
            }
            Output::Opened(Err(e)) => {
                self.report(format!("Could not open {}: {e}", job.path.display()));
            }
            Output::Imported(Ok(doc)) => {
                let id = doc.id;
                match self.editor.apply(Command::AddDocument {
                    document: Box::new(doc),
                    index: None,
                }) {
                    Ok(()) => self.show_document(id),
                    Err(e) => self.report(format!("Could not add {}: {e}", job.path.display())),
                }
            }
            Output::Imported(Err(e)) => self.report(format!("Could not import: {e}")),
        }
    }
}

/// A file's name for messages, short.
fn file_label(path: &std::path::Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    crate::model::text::short(&name, 80)
}
