//! The data-driven merge cases: each folder of `tests/merge/` holds a base project,
//! our and their versions, and the expected merge (`base.ron`, `ours.ron`,
//! `theirs.ron`, `expected.ron`). One test merges every case and compares with the
//! expected project, byte for byte; it also checks that swapping the sides swaps only
//! the conflict labels, that merging is idempotent, and that one side's changes
//! alone come out exactly.

#![allow(clippy::unwrap_used)]

#[path = "merge/cases.rs"]
mod cases;

use dossier::merge;
use dossier::model::Project;
use dossier::store;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/merge")
}

fn load(dir: &Path, name: &str) -> (Project, String) {
    let path = dir.join(format!("{name}.ron"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let p = store::from_ron(&text, &path.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
    (p, text)
}

/// The project with ours and theirs swapped in its conflict records.
fn swapped(p: &Project) -> Project {
    p.clone()
        .with_conflicts(p.conflicts().iter().map(|c| c.swapped()).collect())
}

#[test]
fn every_case_merges_as_expected() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("base.ron").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "the cases are missing: {dirs:?}");
    for dir in dirs {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (base, _) = load(&dir, "base");
        let (ours, _) = load(&dir, "ours");
        let (theirs, _) = load(&dir, "theirs");
        let (expected, expected_text) = load(&dir, "expected");
        let merged = merge::merge(&base, &ours, &theirs)
            .unwrap_or_else(|e| panic!("{case}: {e}"))
            .project;
        let text = store::to_ron(&merged).unwrap();
        assert!(
            text == expected_text,
            "{case}: the merge differs from expected.ron:\n{}",
            first_difference(&text, &expected_text)
        );
        assert_eq!(merged, expected, "{case}");

        // Swapping the sides swaps the labels in the conflicts, nothing else (the
        // text case keeps our version in place, so it is not symmetric by design).
        if case != "document-text" {
            let other = merge::merge(&base, &theirs, &ours).unwrap().project;
            assert_eq!(swapped(&other), expected, "{case}: not symmetric");
        }
        // Deterministic and idempotent; one side's changes alone come out exactly.
        assert_eq!(
            merge::merge(&expected, &expected, &expected)
                .unwrap()
                .project,
            expected
        );
        assert_eq!(
            merge::merge(&base, &ours, &base).unwrap().project,
            ours,
            "{case}"
        );
        assert_eq!(
            merge::merge(&base, &base, &theirs).unwrap().project,
            theirs,
            "{case}"
        );
        assert_eq!(merge::merge(&base, &ours, &theirs).unwrap().project, merged);
    }
}

/// The first line where two texts differ, with both versions.
fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  merged:   {x}\n  expected: {y}", i + 1);
        }
    }
    format!(
        "one is longer: {} lines merged, {} expected",
        a.lines().count(),
        b.lines().count()
    )
}

/// Writes the case files from `cases.rs`. Run by hand after changing a case.
#[test]
#[ignore = "writes tests/merge/*; run it after changing a case"]
fn write_cases() {
    for case in cases::all() {
        let dir = cases_dir().join(case.name);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, p) in [
            ("base", &case.base),
            ("ours", &case.ours),
            ("theirs", &case.theirs),
            ("expected", &case.expected),
        ] {
            p.validate()
                .unwrap_or_else(|e| panic!("{}/{name}: {e}", case.name));
            std::fs::write(dir.join(format!("{name}.ron")), store::to_ron(p).unwrap()).unwrap();
        }
    }
}

/// The case files are what `cases.rs` says (so neither drifts from the other).
#[test]
fn the_case_files_are_up_to_date() {
    for case in cases::all() {
        let dir = cases_dir().join(case.name);
        for (name, p) in [
            ("base", &case.base),
            ("ours", &case.ours),
            ("theirs", &case.theirs),
            ("expected", &case.expected),
        ] {
            let (loaded, _) = load(&dir, name);
            assert_eq!(&loaded, p, "{}/{name}.ron is out of date", case.name);
        }
    }
}
