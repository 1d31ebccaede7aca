//! The right panel's list: the current document's annotations grouped by tag,
//! filtered by tag, claim status, entity, author (who made or last changed it) and
//! text (quote, note, entity or speaker name). Only visible rows are drawn, so 100,000 annotations scroll smoothly.

use super::{Action, ViewCtx};
use crate::commands::{Change, ChangeLog};
use crate::model::fold::fold_text;
use crate::model::text::{plural, short};
use crate::model::{
    AnnotationId, ClaimStatus, Document, DocumentId, EntityId, Project, SpanKey, Target,
};

/// One row of the list, found from the groups when it is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Row<'a> {
    /// A tag's heading with its count.
    Heading(&'a str, usize),
    /// An annotation.
    Item(SpanKey),
}

/// What the list is filtered by.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListFilter {
    /// Text in the quote, note, entity name or speaker name.
    pub text: String,
    /// Only this tag.
    pub tag: Option<String>,
    /// Only claims with this status.
    pub status: Option<ClaimStatus>,
    /// Only mentions of, or claims about or by, this entity.
    pub entity: Option<EntityId>,
    /// Only annotations this analyst made or last changed.
    pub author: Option<String>,
}

/// The annotations of one tag, in document order.
#[derive(Clone, Debug, Default)]
struct Group {
    tag: String,
    label: String,
    keys: Vec<SpanKey>,
}

/// The list's state: the filter and the groups it gave.
#[derive(Default)]
pub struct AnnotationList {
    /// The filter.
    pub filter: ListFilter,
    groups: Vec<Group>,
    /// The document and filter the groups are for, and the change-log generation.
    key: Option<(DocumentId, ListFilter)>,
    generation: u64,
}

const ROW_HEIGHT: f32 = 42.0;

impl AnnotationList {
    /// Brings the groups up to date. Unfiltered, an added or removed annotation
    /// moves in or out of its group alone; filtered, the list is made again when
    /// anything it looks at changed.
    fn sync(&mut self, p: &Project, doc: &Document, changes: &ChangeLog) {
        let key = (doc.id, self.filter.clone());
        let since = changes.since(self.generation);
        self.generation = changes.generation();
        let (Some(list), true) = (since, self.key.as_ref() == Some(&key)) else {
            return self.rebuild(p, doc, key);
        };
        let by_name = !self.filter.text.trim().is_empty() || self.filter.entity.is_some();
        if self.filter != ListFilter::default() {
            let changed = list.iter().any(|c| match c {
                Change::Added { doc: d, .. }
                | Change::Removed { doc: d, .. }
                | Change::Edited { doc: d, .. } => *d == doc.id,
                Change::Entity(_) | Change::Relations => by_name,
                Change::Mentions(_) | Change::Conflicts => false,
                Change::Structure => true,
            });
            if changed {
                self.rebuild(p, doc, key);
            }
            return;
        }
        for c in list {
            match c {
                Change::Added { doc: d, key } if *d == doc.id => self.add(p, doc, *key),
                Change::Removed { doc: d, key } if *d == doc.id => self.remove(*key),
                Change::Edited { doc: d, id } if *d == doc.id => {
                    // A retag moves it to another group.
                    if let Some(a) = doc.annotation(*id) {
                        self.remove(a.sort_key());
                        self.add(p, doc, a.sort_key());
                    }
                }
                Change::Structure => return self.rebuild(p, doc, key),
                _ => {}
            }
        }
    }

    fn add(&mut self, p: &Project, doc: &Document, key: SpanKey) {
        let Some(a) = doc.annotations().by_key(key) else {
            return;
        };
        let at = match self.groups.iter().position(|g| g.tag == a.tag) {
            Some(i) => i,
            None => {
                self.groups.push(Group {
                    tag: a.tag.clone(),
                    label: label_of(p, &a.tag),
                    keys: Vec::new(),
                });
                self.groups.len() - 1
            }
        };
        let keys = &mut self.groups[at].keys;
        if let Err(i) = keys.binary_search(&key) {
            keys.insert(i, key);
        }
    }

    fn remove(&mut self, key: SpanKey) {
        for g in &mut self.groups {
            if let Ok(i) = g.keys.binary_search(&key) {
                g.keys.remove(i);
                return;
            }
        }
    }

    /// Lists the document's annotations that pass the filter, grouped by tag.
    fn rebuild(&mut self, p: &Project, doc: &Document, key: (DocumentId, ListFilter)) {
        let f = &self.filter;
        let needle = fold_text(f.text.trim());
        // Speakers and subjects by claim, only when a filter needs them.
        let needs_relations = !needle.is_empty() || f.entity.is_some();
        let mut related: std::collections::HashMap<AnnotationId, Vec<Target>> = Default::default();
        if needs_relations {
            for r in p.relations() {
                if let Target::Annotation(a) = r.from {
                    related.entry(a).or_default().push(r.to);
                }
            }
        }
        let name_of = |t: &Target| match t {
            Target::Entity(id) => p.entity(*id).map(|e| fold_text(&e.name)),
            _ => None,
        };
        let mut groups: Vec<Group> = p
            .tags
            .tags
            .iter()
            .map(|t| Group {
                tag: t.key.clone(),
                label: plural(&t.label),
                keys: Vec::new(),
            })
            .collect();
        for a in doc.annotations() {
            if f.tag.as_ref().is_some_and(|t| *t != a.tag)
                // A claim without a status is unverified; other spans have none.
                || f.status.is_some_and(|s| {
                    !is_claim(p, a) || a.status.unwrap_or_default() != s
                })
                || f.author
                    .as_ref()
                    .is_some_and(|who| a.author != *who && a.modified_by != *who)
            {
                continue;
            }
            if let Some(e) = f.entity
                && a.entity != Some(e)
                && !related
                    .get(&a.id)
                    .is_some_and(|v| v.contains(&Target::Entity(e)))
            {
                continue;
            }
            if !needle.is_empty() {
                let entity_name = a
                    .entity
                    .and_then(|e| p.entity(e))
                    .map(|e| fold_text(&e.name));
                let hit = fold_text(&a.quote).contains(&needle)
                    || fold_text(&a.note).contains(&needle)
                    || entity_name.is_some_and(|n| n.contains(&needle))
                    || related
                        .get(&a.id)
                        .is_some_and(|v| v.iter().filter_map(name_of).any(|n| n.contains(&needle)));
                if !hit {
                    continue;
                }
            }
            match groups.iter_mut().find(|g| g.tag == a.tag) {
                Some(g) => g.keys.push(a.sort_key()),
                None => groups.push(Group {
                    tag: a.tag.clone(),
                    label: label_of(p, &a.tag),
                    keys: vec![a.sort_key()],
                }),
            }
        }
        self.groups = groups;
        self.key = Some(key);
    }

    /// How many rows there are: a heading and the items of each non-empty group.
    fn row_count(&self) -> usize {
        self.groups
            .iter()
            .filter(|g| !g.keys.is_empty())
            .map(|g| g.keys.len() + 1)
            .sum()
    }

    /// The rows in `range`.
    fn rows(&self, range: std::ops::Range<usize>) -> Vec<Row<'_>> {
        let mut out = Vec::with_capacity(range.len());
        let mut first = 0;
        for g in self.groups.iter().filter(|g| !g.keys.is_empty()) {
            let end = first + g.keys.len() + 1;
            if end > range.start && first < range.end {
                for i in range.start.max(first)..range.end.min(end) {
                    out.push(match i - first {
                        0 => Row::Heading(&g.label, g.keys.len()),
                        k => Row::Item(g.keys[k - 1]),
                    });
                }
            }
            first = end;
        }
        out
    }

    fn filters(&mut self, ui: &mut egui::Ui, p: &Project, doc: &Document) {
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filter.text)
                        .id(Self::filter_id())
                        .hint_text("quote, note, entity or speaker")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            crate::ui::reader::bidi_field(ui, &r, &self.filter.text, false);
        });
        ui.horizontal_wrapped(|ui| {
            let f = &mut self.filter;
            let tag_text = f
                .tag
                .as_ref()
                .and_then(|k| p.tags.get(k))
                .map_or("All tags".to_owned(), |t| t.label.clone());
            egui::ComboBox::new("list-tag", "Tag")
                .selected_text(tag_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.tag, None, "All tags");
                    for t in &p.tags.tags {
                        ui.selectable_value(&mut f.tag, Some(t.key.clone()), &t.label);
                    }
                });
            let status_text = f.status.map_or("Any status", |s| s.as_str());
            egui::ComboBox::new("list-status", "Status")
                .selected_text(status_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.status, None, "Any status");
                    for s in ClaimStatus::ALL {
                        ui.selectable_value(&mut f.status, Some(s), s.as_str());
                    }
                });
            let entity_text = f
                .entity
                .and_then(|e| p.entity(e))
                .map_or("Any entity".to_owned(), |e| short(&e.name, 24));
            egui::ComboBox::new("list-entity", "Entity")
                .selected_text(entity_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.entity, None, "Any entity");
                    for e in p.entities() {
                        ui.selectable_value(&mut f.entity, Some(e.id), &e.name);
                    }
                });
            let author_text = f
                .author
                .as_deref()
                .map_or("Anyone", |a| if a.is_empty() { "(no author)" } else { a });
            egui::ComboBox::new("list-author", "Author")
                .selected_text(short(author_text, 24))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.author, None, "Anyone");
                    for who in authors_of(doc) {
                        let shown = if who.is_empty() {
                            "(no author)"
                        } else {
                            who.as_str()
                        };
                        ui.selectable_value(&mut f.author, Some(who.clone()), shown);
                    }
                });
        });
    }

    /// The id of the filter field (for focus).
    pub fn filter_id() -> egui::Id {
        egui::Id::unique("annotation-filter")
    }

    /// Shows the filters and the current document's list.
    pub fn show(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let (p, Some(doc)) = (ctx.project, ctx.doc) else {
            ui.label("No document open.");
            return;
        };
        self.filters(ui, p, doc);
        self.sync(p, doc, ctx.changes);
        let total = self.row_count();
        if total == 0 {
            ui.label(
                egui::RichText::new(if self.filter == ListFilter::default() {
                    "No annotations yet: select text in the reader, then press a tag's key."
                } else {
                    "Nothing matches the filter."
                })
                .weak(),
            );
            return;
        }
        egui::ScrollArea::vertical()
            .id_salt(("annotation-list", doc.id))
            .auto_shrink(false)
            .show_rows(ui, ROW_HEIGHT, total, |ui, range| {
                ui.spacing_mut().item_spacing.y = 0.0;
                for row in self.rows(range) {
                    match row {
                        Row::Heading(label, n) => {
                            ui.allocate_ui(egui::vec2(ui.available_width(), ROW_HEIGHT), |ui| {
                                ui.set_min_height(ROW_HEIGHT);
                                ui.add_space(ROW_HEIGHT - 20.0);
                                ui.strong(format!("{label} ({n})"));
                            });
                        }
                        Row::Item(key) => {
                            let Some(a) = doc.annotations().by_key(key) else {
                                continue;
                            };
                            let r = item(ui, ctx, a);
                            if r.clicked() {
                                actions.push(Action::SelectAnnotation {
                                    id: a.id,
                                    reveal: true,
                                });
                            }
                        }
                    }
                }
            });
    }
}

/// Whether the annotation is a claim (it has a status, "unverified" when unset).
fn is_claim(p: &crate::model::Project, a: &crate::model::Annotation) -> bool {
    p.tags
        .get(&a.tag)
        .is_some_and(|t| t.kind == crate::model::TagKind::Claim)
}

/// One annotation's row: status badge and quote, then entity and note; the full
/// quote and note in the tooltip.
fn item(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, a: &crate::model::Annotation) -> egui::Response {
    let mut first = egui::text::LayoutJob::default();
    let body = egui::TextFormat {
        color: ui.visuals().text_color(),
        font_id: egui::TextStyle::Button.resolve(ui.style()),
        ..Default::default()
    };
    let status = a
        .status
        .or_else(|| is_claim(ctx.project, a).then_some(crate::model::ClaimStatus::Unverified));
    if let Some(s) = status {
        first.append(
            &format!("{} ", s.as_str()),
            0.0,
            egui::TextFormat {
                color: ctx.theme.status(s),
                ..body.clone()
            },
        );
    }
    crate::ui::reader::append_visual(&mut first, &short(&a.quote, 300), body);
    let entity = a.entity.and_then(|e| ctx.project.entity(e));
    let second = match entity {
        Some(e) if a.note.is_empty() => format!("= {}", e.name),
        Some(e) => format!("= {} · {}", e.name, short(&a.note, 300)),
        None => short(&a.note, 300),
    };
    // Screen readers and tests get the logical text; the eye gets visual order.
    let name = match status {
        Some(s) => format!("{} {}", s.as_str(), short(&a.quote, 300)),
        None => short(&a.quote, 300),
    };
    let second = crate::ui::reader::visual_label(ui, &second);
    let r = super::rows::two_line_row(
        ui,
        egui::Id::unique(("annotation-row", a.id)),
        ctx.selected == Some(a.id),
        &name,
        first,
        second,
        ROW_HEIGHT,
    );
    let mut tip = a.quote.clone();
    if !a.note.is_empty() {
        tip.push_str("\n\n");
        tip.push_str(&a.note);
    }
    r.on_hover_text(tip)
}

/// Everyone who made or last changed an annotation of `doc`, sorted (only computed
/// while the author list is open).
fn authors_of(doc: &Document) -> Vec<String> {
    let mut who: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for a in doc.annotations() {
        who.insert(&a.author);
        if !a.modified_by.is_empty() {
            who.insert(&a.modified_by);
        }
    }
    who.into_iter().map(str::to_owned).collect()
}

/// A group's heading: the tag's label in the plural ("People"), or its key.
fn label_of(p: &Project, tag: &str) -> String {
    p.tags.get(tag).map_or(tag.to_owned(), |t| plural(&t.label))
}
