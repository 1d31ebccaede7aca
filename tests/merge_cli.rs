//! `dossier merge`, `merge-driver`, `resolve` and `check` as a user runs them: exit
//! status 0 clean, 1 conflicts recorded, 2 nothing written; the driver's result in
//! place of ours; other programs' `.ron` files merged line by line; and who the
//! command line stamps on edits (`$DOSSIER_AUTHOR`, else git's `user.name`, else the
//! login name; no git, no error).

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/merge")
}

fn dossier(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.args(args)
        .current_dir(dir)
        .env_remove("DOSSIER_AUTHOR")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn show(o: &Output) -> String {
    format!(
        "{:?}\n{}\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn case(name: &str, file: &str) -> String {
    cases().join(name).join(file).display().to_string()
}

#[test]
fn merge_exits_0_clean_1_with_conflicts_2_when_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("out.ron");
    let o = out.display().to_string();
    let run = |c: &str| {
        dossier(
            &[
                "merge",
                &case(c, "base.ron"),
                &case(c, "ours.ron"),
                &case(c, "theirs.ron"),
                "-o",
                &o,
            ],
            d,
            &[],
        )
    };
    let clean = run("additions");
    assert_eq!(clean.status.code(), Some(0), "{}", show(&clean));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(case("additions", "expected.ron")).unwrap()
    );

    let conflicts = run("conflicting-edits");
    assert_eq!(conflicts.status.code(), Some(1), "{}", show(&conflicts));
    let said = show(&conflicts);
    assert!(said.contains("2 unresolved conflict(s)"), "{said}");
    assert!(
        said.contains("note and status changed on both sides"),
        "{said}"
    );
    assert!(
        !said.contains("error:"),
        "conflicts are not an error: {said}"
    );
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(case("conflicting-edits", "expected.ron")).unwrap()
    );
    // `check` says the same, and exits 1 while they remain.
    let checked = dossier(&["check", &o], d, &[]);
    assert_eq!(checked.status.code(), Some(1), "{}", show(&checked));
    assert!(show(&checked).contains("2 unresolved conflict(s)"));

    // A missing input: status 2, and the output is left as it was.
    let before = std::fs::read(&out).unwrap();
    let missing = dossier(
        &[
            "merge",
            "nope.ron",
            &case("additions", "ours.ron"),
            &case("additions", "theirs.ron"),
            "-o",
            &o,
        ],
        d,
        &[],
    );
    assert_eq!(missing.status.code(), Some(2), "{}", show(&missing));
    assert!(show(&missing).contains("error:"));
    assert_eq!(std::fs::read(&out).unwrap(), before, "nothing written");
}

#[test]
fn the_driver_merges_into_ours_and_leaves_other_ron_files_to_git() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in ["base", "ours", "theirs"] {
        std::fs::copy(
            case("delete-vs-edit", &format!("{f}.ron")),
            d.join(format!("{f}.ron")),
        )
        .unwrap();
    }
    let run = |args: &[&str]| dossier(args, d, &[]);
    let merged = run(&[
        "merge-driver",
        "base.ron",
        "ours.ron",
        "theirs.ron",
        "7",
        "project.ron",
    ]);
    assert_eq!(merged.status.code(), Some(1), "{}", show(&merged));
    assert!(show(&merged).contains("project.ron"), "{}", show(&merged));
    assert_eq!(
        std::fs::read(d.join("ours.ron")).unwrap(),
        std::fs::read(case("delete-vs-edit", "expected.ron")).unwrap(),
        "the result replaces ours"
    );

    // Added on both sides: git gives an empty base; a two-way merge.
    std::fs::write(d.join("empty.ron"), "").unwrap();
    std::fs::copy(case("additions", "ours.ron"), d.join("a.ron")).unwrap();
    std::fs::copy(case("additions", "theirs.ron"), d.join("b.ron")).unwrap();
    let two = run(&["merge-driver", "empty.ron", "a.ron", "b.ron", "7", "p.ron"]);
    assert!(matches!(two.status.code(), Some(0 | 1)), "{}", show(&two));
    let p = dossier::store::load(&d.join("a.ron")).unwrap();
    assert_eq!(p.annotation_count(), 8, "both sides' annotations");

    // Another program's RON: git's line merge, as without a driver.
    std::fs::write(d.join("cb.ron"), "(\n    a: 1,\n    x: 0,\n    b: 2,\n)\n").unwrap();
    std::fs::write(d.join("co.ron"), "(\n    a: 10,\n    x: 0,\n    b: 2,\n)\n").unwrap();
    std::fs::write(d.join("ct.ron"), "(\n    a: 1,\n    x: 0,\n    b: 20,\n)\n").unwrap();
    let config = run(&[
        "merge-driver",
        "cb.ron",
        "co.ron",
        "ct.ron",
        "7",
        "config.ron",
    ]);
    assert_eq!(config.status.code(), Some(0), "{}", show(&config));
    assert!(show(&config).contains("not a Dossier project"));
    assert_eq!(
        std::fs::read_to_string(d.join("co.ron")).unwrap(),
        "(\n    a: 10,\n    x: 0,\n    b: 20,\n)\n"
    );
    // Both sides changing one line: git's markers, status 1.
    std::fs::write(d.join("co.ron"), "(\n    a: 10,\n    x: 0,\n    b: 2,\n)\n").unwrap();
    std::fs::write(d.join("ct.ron"), "(\n    a: 11,\n    x: 0,\n    b: 2,\n)\n").unwrap();
    let clash = run(&[
        "merge-driver",
        "cb.ron",
        "co.ron",
        "ct.ron",
        "7",
        "config.ron",
    ]);
    assert_eq!(clash.status.code(), Some(1), "{}", show(&clash));
    assert!(
        show(&clash).contains("git left conflict markers"),
        "{}",
        show(&clash)
    );
    assert!(
        std::fs::read_to_string(d.join("co.ron"))
            .unwrap()
            .contains("<<<<<<<")
    );
}

#[test]
fn resolve_rebuilds_the_sides_from_diff3_markers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let c = "conflicting-edits";
    let (base, ours, theirs) = (
        std::fs::read_to_string(case(c, "base.ron")).unwrap(),
        std::fs::read_to_string(case(c, "ours.ron")).unwrap(),
        std::fs::read_to_string(case(c, "theirs.ron")).unwrap(),
    );
    for (n, t) in [("b", &base), ("o", &ours), ("t", &theirs)] {
        std::fs::write(d.join(n), t).unwrap();
    }
    // git's own line merge, diff3 style, outside any repository.
    let merged = Command::new("git")
        .args(["merge-file", "-p", "--diff3", "o", "b", "t"])
        .current_dir(d)
        .output()
        .unwrap();
    let marked = String::from_utf8(merged.stdout).unwrap();
    assert!(marked.contains("|||||||"), "{marked}");
    std::fs::write(d.join("p.ron"), &marked).unwrap();
    let checked = dossier(&["check", "p.ron"], d, &[]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        show(&checked).contains("dossier resolve"),
        "{}",
        show(&checked)
    );
    let resolved = dossier(&["resolve", "p.ron"], d, &[]);
    assert_eq!(resolved.status.code(), Some(1), "{}", show(&resolved));
    assert!(show(&resolved).contains("three-way"), "{}", show(&resolved));
    assert_eq!(
        std::fs::read(d.join("p.ron")).unwrap(),
        std::fs::read(case(c, "expected.ron")).unwrap(),
        "the same as the merge of the three files"
    );
    // Resolving again finds nothing to rebuild and reports what is left.
    let again = dossier(&["resolve", "p.ron"], d, &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(show(&again).contains("no conflict markers"));
}

fn tag_and_author(d: &Path, env: &[(&str, &str)]) -> String {
    std::fs::write(d.join("a.txt"), "Maryam Rajavi spoke in Paris.\n").unwrap();
    let _ = std::fs::remove_file(d.join("p.ron"));
    let made = dossier(&["new", "p.ron", "a.txt"], d, env);
    assert!(made.status.success(), "{}", show(&made));
    let tagged = dossier(
        &[
            "tag",
            "p.ron",
            "--tag",
            "person",
            "--quote",
            "Maryam Rajavi",
        ],
        d,
        env,
    );
    assert!(tagged.status.success(), "{}", show(&tagged));
    let p = dossier::store::load(&d.join("p.ron")).unwrap();
    p.documents()[0].annotations()[0].author.clone()
}

#[test]
fn the_command_line_author_is_the_variable_else_git_else_the_login() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        tag_and_author(d, &[("DOSSIER_AUTHOR", "Ana Moreno"), ("USER", "ana")]),
        "Ana Moreno"
    );
    std::fs::write(d.join(".gitconfig"), "[user]\n\tname = Gita From Git\n").unwrap();
    assert_eq!(tag_and_author(d, &[("USER", "ana")]), "Gita From Git");
    // No git at all (nothing on PATH): the login name, and no error.
    assert_eq!(tag_and_author(d, &[("USER", "ana"), ("PATH", "")]), "ana");
}
