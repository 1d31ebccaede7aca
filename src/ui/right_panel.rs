//! The right panel: tabs for the document's annotations (list and inspector),
//! the project's entities, project-wide search, merge conflicts and the comparison
//! of two analysts.

use super::annotations::AnnotationList;
use super::compare::CompareView;
use super::conflicts::ConflictsView;
use super::entities::EntitiesView;
use super::inspector::Inspector;
use super::search::SearchView;
use super::{Action, RightTab, ViewCtx};

/// The right panel's views.
#[derive(Default)]
pub struct RightPanel {
    /// The tab shown.
    pub tab: RightTab,
    /// The annotation list.
    pub list: AnnotationList,
    /// The inspector of the selected annotation.
    pub inspector: Inspector,
    /// The entities tab.
    pub entities: EntitiesView,
    /// The search tab.
    pub search: SearchView,
    /// The conflicts tab.
    pub conflicts: ConflictsView,
    /// The compare tab.
    pub compare: CompareView,
}

impl RightPanel {
    /// Draws the tab bar and the tab.
    pub fn show(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        // Tabs wrap to a second row in a narrow panel rather than hide.
        ui.horizontal_wrapped(|ui| {
            for (tab, label) in [
                (RightTab::Annotations, "Annotations"),
                (RightTab::Entities, "Entities"),
                (RightTab::Search, "Search"),
                (RightTab::Conflicts, "Conflicts"),
                (RightTab::Compare, "Compare"),
            ] {
                if ui.selectable_label(self.tab == tab, label).clicked() && self.tab != tab {
                    actions.push(Action::SetTab(tab));
                }
            }
        });
        ui.separator();
        match self.tab {
            RightTab::Entities => self.entities.show(ui, ctx, actions),
            RightTab::Search => self.search.show(ui, ctx, actions),
            RightTab::Conflicts => self.conflicts.show(ui, ctx, actions),
            RightTab::Compare => self.compare.show(ui, ctx, actions),
            RightTab::Annotations => {
                if ctx.selected_annotation().is_some() {
                    egui::Panel::bottom("inspector")
                        .resizable(true)
                        .default_size(300.0)
                        .show(ui, |ui| {
                            ui.add_space(6.0);
                            ui.strong("Selected annotation");
                            egui::ScrollArea::vertical()
                                .id_salt("inspector-scroll")
                                .show(ui, |ui| self.inspector.show(ui, ctx, actions));
                        });
                }
                super::orphans::show(ui, ctx, actions);
                self.list.show(ui, ctx, actions);
            }
        }
    }
}
