//! The centre of the window: the find bar, the document's title and source, the
//! tag toolbar and the reader.

use super::find_bar::FindBar;
use super::reader::{Reader, column_width};
use super::{Action, UiCommand, ViewCtx, toolbar};
use crate::model::Document;
use crate::model::text::short;

/// The centre panel's views.
#[derive(Default)]
pub struct ReaderPanel {
    /// The find bar.
    pub find: FindBar,
    /// The reader.
    pub reader: Reader,
}

impl ReaderPanel {
    /// Draws the panel; `matches` are the find bar's matches in the document.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        matches: &[(usize, usize)],
        actions: &mut Vec<Action>,
    ) {
        let Some(doc) = ctx.doc else {
            ui.centered_and_justified(|ui| {
                let open = UiCommand::OpenProject
                    .shortcuts()
                    .first()
                    .map(|s| ui.ctx().format_shortcut(s));
                let add = UiCommand::AddArticle
                    .shortcuts()
                    .first()
                    .map(|s| ui.ctx().format_shortcut(s));
                ui.label(format!(
                    "Open a project ({}) or add an article ({}) — or drop files on this window.",
                    open.unwrap_or_default(),
                    add.unwrap_or_default()
                ));
            });
            return;
        };
        let current = ctx
            .selection
            .and_then(|s| matches.iter().position(|m| *m == s.range()));
        self.find.show(ui, matches.len(), current, actions);
        ui.add_space(6.0);
        header(ui, doc);
        ui.add_space(4.0);
        toolbar::show(ui, ctx, actions);
        let frame = egui::Frame::new()
            .fill(ctx.theme.background)
            .inner_margin(egui::Margin::symmetric(0, 8));
        let shown = if self.find.needle().is_some() {
            matches
        } else {
            &[]
        };
        frame.show(ui, |ui| self.reader.show(ui, ctx, shown, actions));
    }
}

/// The document's title and what is known of its source.
fn header(ui: &mut egui::Ui, doc: &Document) {
    let width = column_width(ui.available_width());
    ui.vertical_centered(|ui| {
        ui.set_max_width(width);
        ui.add(egui::Label::new(egui::RichText::new(short(&doc.title, 400)).heading()).wrap());
        let s = &doc.source;
        let parts = [
            s.site_name.as_deref(),
            s.byline.as_deref(),
            s.published.as_deref(),
            s.url.as_deref(),
            s.file_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|p| !p.trim().is_empty())
        .map(|p| short(p, 200))
        .collect::<Vec<_>>();
        if !parts.is_empty() {
            ui.label(egui::RichText::new(parts.join(" · ")).weak());
        }
        if let Some(note) = &s.import_note {
            ui.label(egui::RichText::new(short(note, 400)).weak().italics());
        }
    });
}
