//! Working as a team: the analyst's name stamped on edits, marking a merged file
//! resolved in git, and reading another analyst's project to compare with.

use super::DossierApp;
use crate::ui::RightTab;
use crate::ui::author_prompt::AuthorPrompt;
use std::path::PathBuf;

impl DossierApp {
    /// Asks for the analyst's name if it was never given (the first run).
    /// `$DOSSIER_AUTHOR`, when set, answers for them.
    pub fn ask_author_if_unset(&mut self) {
        if self.settings.author.is_some() {
            return;
        }
        match std::env::var("DOSSIER_AUTHOR")
            .ok()
            .filter(|s| !s.trim().is_empty())
        {
            Some(name) => {
                let name = name.trim().to_owned();
                self.author.clone_from(&name);
                self.editor.set_author(&name);
            }
            None => self.ask_author(),
        }
    }

    /// Shows the name question, prefilled with the name in use, else git's
    /// `user.name`, else the login name.
    pub fn ask_author(&mut self) {
        let suggested = if self.author.is_empty() {
            crate::commands::git_user_name().unwrap_or_else(crate::commands::default_author)
        } else {
            self.author.clone()
        };
        self.view.author_prompt = Some(AuthorPrompt::new(suggested));
    }

    /// The analyst's name: stamped on their edits from now on, and remembered.
    pub fn set_author(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        self.author = name.to_owned();
        self.editor.set_author(name);
        self.settings.author = Some(name.to_owned());
        self.view.author_prompt = None;
        self.save_settings();
    }

    /// The name stamped on edits.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Tells git the merge of the project file is done (`git add`), once no conflict
    /// remains and the file is saved.
    pub fn mark_resolved(&mut self, ctx: &egui::Context) {
        let left = self.project().conflicts().len();
        if left > 0 {
            self.report(format!(
                "{left} conflict(s) remain: resolve them before marking the file resolved."
            ));
            return;
        }
        let Some(path) = self.path.clone() else {
            self.report("Save the project first, then mark it resolved.".into());
            return;
        };
        if self.editor.is_dirty() && !self.save(ctx) {
            return;
        }
        match crate::merge::git::mark_resolved(&path) {
            Ok(()) => self.report(format!(
                "{} is marked resolved in git; commit the merge when you are ready.",
                path.display()
            )),
            Err(e) => self.report(format!("Could not mark it resolved: {e}")),
        }
    }

    /// Reads another analyst's project and shows it in the Compare tab.
    pub fn open_compare(&mut self, path: Option<PathBuf>, ctx: &egui::Context) {
        let Some(path) = path else {
            self.ask_for_file(crate::ui::file_dialog::Purpose::CompareWith, ctx);
            return;
        };
        match crate::store::load(&path) {
            Ok(p) => {
                self.view.right.compare.set_other(path, p);
                self.view.right.tab = RightTab::Compare;
            }
            Err(e) => self.report(format!("Could not open {} to compare: {e}", path.display())),
        }
    }
}
