//! Reading any version this build knows, and refusing newer ones.
//!
//! Each format change adds one step function `vN_to_vN+1` and keeps the old layout's
//! types, so a file from any earlier version is lifted one step at a time (version 2
//! only added optional fields, so version 1 reads with its types; `v1_to_v2` fills
//! in what version 1 left implicit). `tests/fixtures/v1-project.ron` and
//! `v2-project.ron` keep those versions loading forever.

use super::format::{CURRENT_VERSION, FORMAT_NAME, ProjectFile};
use super::{RECURSION_LIMIT, StoreError};
use crate::model::{Project, Violation};
use serde::Deserialize;

/// Just enough of any version's file to know what it is.
#[derive(Deserialize)]
struct Header {
    // Plain fields with defaults, not `Option`s: RON would want `Some(…)` around them.
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u32,
}

fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

fn parse_error(path: &str, e: ron::error::SpannedError) -> StoreError {
    StoreError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: plain_message(&e.code),
    }
}

/// RON's messages, made into sentences a user can act on.
fn plain_message(code: &ron::Error) -> String {
    let raw = code.to_string();
    match code {
        ron::Error::Eof => "the file ends too early (is it truncated?)".into(),
        ron::Error::ExceededRecursionLimit => {
            format!(
                "the file nests deeper than {RECURSION_LIMIT} levels, which no Dossier project does"
            )
        }
        _ => lower_first_word(raw),
    }
}

/// Starts a message in lower case to follow `file:line:column: `, unless its first
/// word is an acronym or a name written in capitals ("UUID parsing failed").
fn lower_first_word(message: String) -> String {
    let first_word = message
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let mut letters = first_word.chars().filter(|c| c.is_alphabetic());
    let acronym = letters.clone().count() > 1 && letters.all(char::is_uppercase);
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if !acronym && first.is_uppercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => message,
    }
}

/// Parses a project file of any supported version and lifts it to the current model,
/// with the problems only the file's form shows (they are lost once lines are joined).
pub(super) fn parse_any_version(
    text: &str,
    path: &str,
) -> Result<(Project, Vec<Violation>), StoreError> {
    let lift = |file: ProjectFile| {
        let problems = file.layout_problems();
        (file.into_project(), problems)
    };
    // The common case, a current file in the canonical layout, is read fast.
    if let Some(file) = super::canonical::parse(text, CURRENT_VERSION) {
        return Ok(lift(file));
    }
    // Anything else parses in one pass with `ron`.
    let full = options().from_str::<ProjectFile>(text);
    if let Ok(file) = &full
        && file.format == FORMAT_NAME
        && file.version == CURRENT_VERSION
    {
        return full.map(lift).map_err(|e| parse_error(path, e));
    }
    // Otherwise find out what the file says it is, to give the right message.
    let header = options().from_str::<Header>(text);
    let header = match header {
        Ok(h) => h,
        Err(e) => {
            // Not even a header: report the full parse's error, which points closer.
            return Err(match full {
                Err(full_err) => parse_error(path, full_err),
                Ok(_) => parse_error(path, e),
            });
        }
    };
    let format = header.format;
    if format != FORMAT_NAME {
        return Err(StoreError::NotAProject {
            path: path.to_owned(),
            found: format,
        });
    }
    match header.version {
        0 => Err(StoreError::Parse {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: "the file has no `version` field".into(),
        }),
        v if v > CURRENT_VERSION => Err(StoreError::TooNew {
            path: path.to_owned(),
            found: v,
            supported: CURRENT_VERSION,
        }),
        v if v == CURRENT_VERSION => full.map(lift).map_err(|e| parse_error(path, e)),
        // Older versions: each step lifts a file one version up, chained to the current.
        1 => {
            // Version 2 only added optional fields, so a version-1 file reads with
            // the current types (fast when canonical); the step fills in what
            // version 1 left implicit.
            let file = match super::canonical::parse(text, 1) {
                Some(file) => file,
                None => options()
                    .from_str::<ProjectFile>(text)
                    .map_err(|e| parse_error(path, e))?,
            };
            Ok(lift(v1_to_v2(file)))
        }
        v => Err(StoreError::Parse {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: format!("version {v} is not a version Dossier ever wrote (the first is 1)"),
        }),
    }
}

/// Version 1 → 2. Version 2 added discontinuous annotations (`fragments`), roles of
/// tags and relation kinds, and who last changed an entity or relation. Version 1
/// had no roles: its built-in tags and relation kinds (the only ones with a meaning
/// to Dossier then) get theirs, by the keys version 1 gave them. Nothing else
/// changes, so saving a version-1 file changes its `version` line and the lines of
/// those tags and relation kinds, and no annotation, entity or text line.
fn v1_to_v2(mut file: ProjectFile) -> ProjectFile {
    use crate::model::{EntityRole, RelationRole, TagKind};
    for t in &mut file.tags {
        if t.kind == TagKind::Entity && t.role.is_none() {
            t.role = match t.key.as_str() {
                "person" => Some(EntityRole::Person),
                "event" => Some(EntityRole::Event),
                _ => None,
            };
        }
    }
    for k in &mut file.relation_kinds {
        if k.role.is_none() {
            k.role = match k.key.as_str() {
                "said_by" => Some(RelationRole::Speaker),
                "about" => Some(RelationRole::Subject),
                "participant_in" => Some(RelationRole::Participant),
                "located_at" => Some(RelationRole::Location),
                _ => None,
            };
        }
    }
    file.version = 2;
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_start_lower_case_but_acronyms_keep_theirs() {
        let cases = [
            ("Expected opening `(`", "expected opening `(`"),
            (
                "UUID parsing failed: invalid character",
                "UUID parsing failed: invalid character",
            ),
            ("RON error", "RON error"),
            ("Énorme", "énorme"),
            ("A problem", "a problem"),
            ("`x` is not valid", "`x` is not valid"),
            ("", ""),
        ];
        for (raw, expected) in cases {
            assert_eq!(lower_first_word(raw.to_owned()), expected);
        }
    }
}
