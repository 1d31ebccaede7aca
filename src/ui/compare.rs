//! The Compare tab: two analysts' annotation layers of the same article — two
//! authors in this project, or this project and another analyst's project file —
//! on one text, differences highlighted (only in A, only in B, the same span with
//! another tag, entity or status), the agreement figures, and curation: accepting
//! A's, B's or both annotations into this project, span by span, or everything both
//! agree on at once.

use super::{Action, ViewCtx};
use crate::agree::Report;
use crate::commands::Command;
use crate::merge::compare::{self, Choice, Comparison, Layer, Row, RowKind};
use crate::model::Project;
use crate::model::text::{count, short};
use egui::Color32;
use std::path::PathBuf;

/// What is compared.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// Two authors of this project.
    #[default]
    Authors,
    /// This project (A) and another project file (B).
    File,
}

/// What the comparison was computed for.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    revision: u64,
    source: Source,
    authors: (Option<String>, Option<String>),
    other: Option<PathBuf>,
}

/// The tab's state.
#[derive(Default)]
pub struct CompareView {
    /// What is compared.
    pub source: Source,
    /// Layer A's and B's authors (two authors of this project).
    pub authors: (Option<String>, Option<String>),
    /// The other analyst's project, when comparing with a file.
    other: Option<(PathBuf, Project)>,
    /// Which matched article is shown.
    doc: usize,
    /// Show the rows both agree on too.
    show_agreed: bool,
    cache: Option<(Key, Comparison, Result<Report, String>)>,
}

/// Row colours: only in A, only in B, differing, agreeing.
fn colours(dark: bool) -> [Color32; 4] {
    let a = if dark { 0x50 } else { 0x90 };
    [
        Color32::from_rgba_unmultiplied(0x00, 0x72, 0xb2, a),
        Color32::from_rgba_unmultiplied(0xe6, 0x9f, 0x00, a),
        Color32::from_rgba_unmultiplied(0xcc, 0x33, 0x99, a),
        Color32::from_rgba_unmultiplied(0x1b, 0x9e, 0x77, a / 2),
    ]
}

fn kind_index(k: &RowKind) -> usize {
    match k {
        RowKind::OnlyA => 0,
        RowKind::OnlyB => 1,
        RowKind::Differ(_) => 2,
        RowKind::Agree => 3,
    }
}

impl CompareView {
    /// Compares this project with another analyst's project (read by the app).
    pub fn set_other(&mut self, path: PathBuf, project: Project) {
        self.other = Some((path, project));
        self.source = Source::File;
        self.doc = 0;
        self.cache = None;
    }

    /// The two layers, or why there are none yet.
    fn layers<'p>(&'p self, p: &'p Project) -> Option<(Layer<'p>, Layer<'p>)> {
        match self.source {
            Source::Authors => {
                let (a, b) = (self.authors.0.as_deref()?, self.authors.1.as_deref()?);
                Some((
                    Layer {
                        project: p,
                        author: Some(a),
                    },
                    Layer {
                        project: p,
                        author: Some(b),
                    },
                ))
            }
            Source::File => {
                let (_, other) = self.other.as_ref()?;
                Some((
                    Layer {
                        project: p,
                        author: None,
                    },
                    Layer {
                        project: other,
                        author: None,
                    },
                ))
            }
        }
    }

    /// Recomputes the comparison when the project or the choice changed.
    fn refresh(&mut self, ctx: &ViewCtx<'_>) {
        let key = Key {
            revision: ctx.revision,
            source: self.source.clone(),
            authors: self.authors.clone(),
            other: self.other.as_ref().map(|(p, _)| p.clone()),
        };
        if self.cache.as_ref().is_some_and(|(k, _, _)| *k == key) {
            return;
        }
        let Some((a, b)) = self.layers(ctx.project) else {
            self.cache = None;
            return;
        };
        let comparison = compare::compare(&a, &b);
        let report = compare::agreement(&a, &b).map_err(|e| e.to_string());
        self.cache = Some((key, comparison, report));
    }

    /// Draws the tab.
    pub fn show(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let p = ctx.project;
        ui.horizontal_wrapped(|ui| {
            ui.radio_value(&mut self.source, Source::Authors, "Two authors here");
            ui.radio_value(&mut self.source, Source::File, "Another project");
        });
        match self.source {
            Source::Authors => self.pick_authors(ui, p),
            Source::File => {
                ui.horizontal_wrapped(|ui| {
                    let shown = self.other.as_ref().map_or("none yet".to_owned(), |(f, _)| {
                        f.file_name()
                            .map_or(f.display().to_string(), |n| n.to_string_lossy().into())
                    });
                    ui.label(format!("B: {shown}"));
                    if ui
                        .button("Open project to compare…")
                        .on_hover_text("Another analyst's project of the same articles")
                        .clicked()
                    {
                        actions.push(Action::OpenCompare(None));
                    }
                });
            }
        }
        self.refresh(ctx);
        // Out of `self` while drawn, so the view's own fields stay free to change.
        let Some(cache) = self.cache.take() else {
            ui.label(
                egui::RichText::new(match self.source {
                    Source::Authors => "Choose two authors to compare.",
                    Source::File => "Open the other analyst's project.",
                })
                .weak(),
            );
            return;
        };
        self.draw(ui, ctx, &cache.1, &cache.2, actions);
        self.cache = Some(cache);
    }

    /// Draws a computed comparison.
    fn draw(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        comparison: &Comparison,
        report: &Result<Report, String>,
        actions: &mut Vec<Action>,
    ) {
        let p = ctx.project;
        match report {
            Ok(r) => figures(ui, r),
            Err(e) => {
                ui.label(egui::RichText::new(e).weak());
            }
        }
        if !comparison.only_a.is_empty() || !comparison.only_b.is_empty() {
            ui.label(
                egui::RichText::new(format!(
                    "Not compared: {} only in A, {} only in B.",
                    count(comparison.only_a.len(), "article"),
                    count(comparison.only_b.len(), "article")
                ))
                .weak(),
            );
        }
        if comparison.documents.is_empty() {
            ui.label("The two have no article in common (articles are matched by their text).");
            return;
        }
        self.doc = self.doc.min(comparison.documents.len() - 1);
        let mut doc = self.doc;
        egui::ComboBox::new("compare-doc", "Article")
            .selected_text(short(&comparison.documents[doc].title, 40))
            .show_ui(ui, |ui| {
                for (i, d) in comparison.documents.iter().enumerate() {
                    ui.selectable_value(&mut doc, i, short(&d.title, 60));
                }
            });
        self.doc = doc;
        let d = &comparison.documents[doc];
        let [agree, differ, only_a, only_b] = d.counts();
        let c = colours(ctx.theme.dark);
        ui.horizontal_wrapped(|ui| {
            for (n, label, colour) in [
                (only_a, "only in A", c[0]),
                (only_b, "only in B", c[1]),
                (differ, "differ", c[2]),
                (agree, "agree", c[3]),
            ] {
                ui.label(egui::RichText::new(format!("{n} {label}")).background_color(colour));
            }
        });
        let other = self.other.as_ref().map(|(_, o)| o);
        let (pa, pb) = match (&self.source, other) {
            (Source::File, Some(o)) => (p, o),
            _ => (p, p),
        };
        let mut show_agreed = self.show_agreed;
        ui.horizontal_wrapped(|ui| {
            let accept_all = ui
                .add_enabled(
                    agree > 0,
                    egui::Button::new(format!("Accept all {agree} agreed")),
                )
                .on_hover_text("Put every annotation both agree on into this project, once each");
            if accept_all.clicked() {
                actions.push(edit_or_report(
                    compare::accept_agreed(p, (pa, pb), d),
                    "Nothing to accept",
                ));
            }
            ui.checkbox(&mut show_agreed, "Show agreed");
        });
        ui.separator();
        let text = p
            .document(d.a)
            .or_else(|| pa.document(d.a))
            .map_or("", |x| x.text());
        egui::ScrollArea::vertical()
            .id_salt("compare-text")
            .max_height(ui.available_height() * 0.45)
            .show(ui, |ui| {
                ui.add(egui::Label::new(layers_job(ui, text, &d.rows, &c)).wrap());
            });
        ui.separator();
        let rows: Vec<&Row> = d
            .rows
            .iter()
            .filter(|r| show_agreed || r.kind != RowKind::Agree)
            .collect();
        egui::ScrollArea::vertical()
            .id_salt("compare-rows")
            .auto_shrink(false)
            .show(ui, |ui| {
                for (i, row) in rows.iter().enumerate() {
                    ui.push_id(("row", i), |ui| {
                        row_ui(ui, p, (pa, pb), d.key, row, &c, actions);
                    });
                }
            });
        self.show_agreed = show_agreed;
    }

    fn pick_authors(&mut self, ui: &mut egui::Ui, p: &Project) {
        let authors = compare::authors(p);
        let name = |a: &Option<String>| match a.as_deref() {
            None => "choose…".to_owned(),
            Some("") => "(no author)".to_owned(),
            Some(x) => x.to_owned(),
        };
        ui.horizontal_wrapped(|ui| {
            for (label, slot) in [("A", &mut self.authors.0), ("B", &mut self.authors.1)] {
                egui::ComboBox::new(("compare-author", label), label)
                    .selected_text(name(slot))
                    .show_ui(ui, |ui| {
                        for (who, n) in &authors {
                            let shown = format!("{} ({n})", name(&Some(who.clone())));
                            ui.selectable_value(slot, Some(who.clone()), shown);
                        }
                    });
            }
        });
    }
}

/// The overall agreement figures.
fn figures(ui: &mut egui::Ui, r: &Report) {
    let o = &r.overall;
    let f = |x: Option<f64>| x.map_or("–".to_owned(), |v| format!("{v:.3}"));
    ui.label(format!(
        "Span F1 exact {} · overlap {} · token F1 {} · Cohen's κ {} · α_U {}",
        f(o.exact_f1.mean),
        f(o.overlap_f1.mean),
        f(o.token_f1.mean),
        f(o.cohen_kappa.mean),
        f(o.alpha_u)
    ));
}

/// The text with both layers: each span tinted by how the layers relate there
/// (the strongest difference wins where rows overlap).
fn layers_job(ui: &egui::Ui, text: &str, rows: &[Row], c: &[Color32; 4]) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let colour = ui.visuals().text_color();
    // Boundaries where the tint may change, with the rows covering each segment.
    let mut marks: Vec<(usize, i32, usize)> = Vec::new();
    for r in rows {
        let Some(a) = r.place() else { continue };
        let k = kind_index(&r.kind);
        for (s, e) in a.ranges() {
            marks.push((s, 1, k));
            marks.push((e, -1, k));
        }
    }
    marks.sort_unstable();
    let mut job = egui::text::LayoutJob::default();
    let mut open = [0i32; 4];
    let mut at_char = 0;
    let mut at_byte = 0;
    let mut chars = text.char_indices().peekable();
    let push = |job: &mut egui::text::LayoutJob, from: usize, to: usize, open: &[i32; 4]| {
        if to <= from {
            return;
        }
        // Differences first, agreement last.
        let bg = [2, 0, 1, 3]
            .into_iter()
            .find(|&k| open[k] > 0)
            .map_or(Color32::TRANSPARENT, |k| c[k]);
        job.append(
            &text[from..to],
            0.0,
            egui::TextFormat {
                font_id: font.clone(),
                color: colour,
                background: bg,
                ..Default::default()
            },
        );
    };
    for (pos, delta, k) in marks {
        let mut byte = at_byte;
        while at_char < pos {
            match chars.next() {
                Some(_) => {
                    at_char += 1;
                    byte = chars.peek().map_or(text.len(), |(b, _)| *b);
                }
                None => break,
            }
        }
        push(&mut job, at_byte, byte, &open);
        at_byte = byte;
        open[k] += delta;
    }
    push(&mut job, at_byte, text.len(), &open);
    job
}

/// One row: what each side has there, and the curation buttons.
fn row_ui(
    ui: &mut egui::Ui,
    p: &Project,
    layers: (&Project, &Project),
    key: crate::agree::DocKey,
    row: &Row,
    c: &[Color32; 4],
    actions: &mut Vec<Action>,
) {
    let k = kind_index(&row.kind);
    let what = match &row.kind {
        RowKind::OnlyA => "only in A".to_owned(),
        RowKind::OnlyB => "only in B".to_owned(),
        RowKind::Agree => "both agree".to_owned(),
        RowKind::Differ(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| f.label()).collect();
            format!("{} differ", names.join(", "))
        }
    };
    let side = |a: &Option<crate::model::Annotation>, project: &Project| {
        a.as_ref().map_or("—".to_owned(), |a| {
            let entity = a
                .entity
                .and_then(|e| project.entity(e))
                .map_or(String::new(), |e| format!(" = {}", e.name));
            let status = a
                .status
                .map_or(String::new(), |s| format!(" ({})", s.as_str()));
            format!("{}{entity}{status}", a.tag)
        })
    };
    let quote = row.place().map_or(String::new(), |a| short(&a.quote, 80));
    ui.label(egui::RichText::new(format!("“{quote}” — {what}")).background_color(c[k]));
    ui.label(
        egui::RichText::new(format!(
            "A: {}   B: {}",
            side(&row.a, layers.0),
            side(&row.b, layers.1)
        ))
        .weak(),
    );
    ui.horizontal(|ui| {
        let choices: &[(Choice, &str, &str)] = if row.kind == RowKind::Agree {
            &[(
                Choice::A,
                "Accept",
                "Keep one annotation here in this project",
            )]
        } else {
            &[
                (
                    Choice::A,
                    "Accept A",
                    "Make this project say what A says here",
                ),
                (
                    Choice::B,
                    "Accept B",
                    "Make this project say what B says here",
                ),
                (
                    Choice::Both,
                    "Accept both",
                    "Keep both annotations in this project",
                ),
            ]
        };
        for &(choice, label, tip) in choices {
            if ui.button(label).on_hover_text(tip).clicked() {
                let built =
                    compare::accept(p, layers, key, row, choice).map(|commands| Command::Batch {
                        label: format!("{label}: “{quote}”"),
                        commands,
                    });
                actions.push(edit_or_report(built, "Nothing to change"));
            }
        }
    });
    ui.add_space(4.0);
}

/// The edit, or a message saying why there is none.
fn edit_or_report(built: Result<Command, compare::CurateError>, what: &str) -> Action {
    match built {
        Ok(c) => Action::Edit(c),
        Err(e) => Action::Error(format!("{what}: {e}")),
    }
}
