//! The current on-disk layout (version 2) and how a project is written.

use super::StoreError;
use crate::model::{
    Annotation, Conflict, Document, DocumentId, Entity, Orphan, Project, ProjectId, Relation,
    RelationKind, SourceMeta, TagDef, TagSet, TextVersion, Violation,
};
use serde::{Deserialize, Serialize};

/// The value of the `format` field of every project file.
pub const FORMAT_NAME: &str = "dossier-project";

/// The version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u32 = 2;

/// A project file, version 2 (version 1 reads with the same types; see `migrate`).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProjectFile {
    pub format: String,
    pub version: u32,
    pub id: ProjectId,
    pub name: String,
    pub tags: Vec<TagDef>,
    #[serde(default = "RelationKind::defaults")]
    pub relation_kinds: Vec<RelationKind>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    pub documents: Vec<DocumentFile>,
    /// Conflicts a merge left unresolved (version 2, optional: absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// One document in a project file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DocumentFile {
    pub id: DocumentId,
    pub title: String,
    #[serde(default)]
    pub source: SourceMeta,
    /// The canonical text split at `\n`: joining with `\n` gives it back exactly.
    pub text: Vec<String>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Annotations whose text is gone (kept, restorable).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphans: Vec<Orphan>,
    /// Earlier versions of the text, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<TextVersion>,
}

impl ProjectFile {
    /// What is wrong with the file's form itself, which the model cannot see: a line
    /// of `text` holding a line break (joined, it would silently become two lines,
    /// and the file would change on the next save).
    pub(super) fn layout_problems(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        for d in &self.documents {
            for (i, line) in d.text.iter().enumerate() {
                if line.contains('\n') {
                    out.push(Violation {
                        document: Some(format!("\"{}\" ({})", d.title, d.id)),
                        annotation: None,
                        reason: format!(
                            "text line {} contains a line break; each item of `text` is one line",
                            i + 1
                        ),
                    });
                }
            }
        }
        out
    }

    /// The project this file describes (not yet validated).
    pub(super) fn into_project(self) -> Project {
        let documents = self
            .documents
            .into_iter()
            .map(|d| {
                Document::with_annotations(
                    d.id,
                    d.title,
                    d.source,
                    d.text.join("\n"),
                    d.annotations,
                )
                .with_history(d.orphans, d.history)
            })
            .collect();
        Project::from_parts(
            self.id,
            self.name,
            TagSet { tags: self.tags },
            self.relation_kinds,
            documents,
            self.entities,
            self.relations,
        )
        .with_conflicts(self.conflicts)
    }
}

/// Serialises a project in canonical form: 4-space indent, `\n` line endings, one
/// text line, annotation, tag, entity or relation per line, a trailing newline.
pub(super) fn write(project: &Project) -> Result<super::Serialized, StoreError> {
    super::writer::write(project)
}
