//! The centre of the window: the find bar, the document's title and source, the
//! tag toolbar and the reader.

use super::find_bar::FindBar;
use super::reader::{Reader, column_width};
use super::welcome::Welcome;
use super::{Action, ViewCtx, toolbar};
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
    /// Draws the panel; `matches` are the find bar's matches in the document; with
    /// no document, the welcome view.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        matches: &[(usize, usize)],
        welcome: &Welcome<'_>,
        actions: &mut Vec<Action>,
    ) {
        let Some(doc) = ctx.doc else {
            super::welcome::show(ui, welcome, actions);
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
        crate::ui::reader::title_label(ui, &short(&doc.title, 400));
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
