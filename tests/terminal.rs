//! What the CLI prints is safe for a terminal, and said once (issue 8 §5, §6): hostile
//! titles, entity names, tag keys and quotes come out escaped in every listing, every
//! confirmation and every error; only `text` prints the document exactly.

#![allow(clippy::unwrap_used)]

use dossier::cli::escape::is_unsafe;
use std::path::Path;
use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

/// OSC 52 (write the clipboard), CSI (clear the screen), a C1 CSI, DEL, a bidi
/// override and isolate, and marks.
const EVIL: &str = "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}1m\u{7f}\u{202e}\u{2066}\u{200f}\u{61c}";

fn dossier(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env("DOSSIER_AUTHOR", "tester")
        .output()
        .unwrap()
}

/// Stdout and stderr, asserting neither holds a character a terminal would act on.
fn safe(o: &Output) -> (String, String) {
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    for (what, s) in [("stdout", &out), ("stderr", &err)] {
        if let Some(c) = s.chars().find(|&c| is_unsafe(c)) {
            panic!("{what} holds U+{:04X}: {s:?}", c as u32);
        }
    }
    (out, err)
}

fn ok(o: Output) -> String {
    let (out, err) = safe(&o);
    assert!(o.status.success(), "failed: {err}");
    out
}

fn fails(o: Output) -> String {
    let (_, err) = safe(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.starts_with("error: "), "{err}");
    err
}

#[test]
fn hostile_names_titles_and_tags_are_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(FIXTURES).join("terminal-escapes.txt"),
        d.join("a.txt"),
    )
    .unwrap();
    let created = ok(dossier(&["new", "p.ron", "a.txt"], d));
    assert!(created.contains("created p.ron"), "{created}");
    let added = ok(dossier(&["add", "p.ron", "a.txt"], d));
    // The article's first line (its title) carries OSC 52 and CSI.
    assert!(added.contains("added Title"), "{added}");

    let title = format!("T{EVIL}itle");
    ok(dossier(&["title", "p.ron", &title], d));
    let name = format!("Maryam{EVIL} Rajavi");
    let line = ok(dossier(
        &[
            "entity", "p.ron", "--kind", "person", "--name", &name, "--alias", EVIL,
        ],
        d,
    ));
    assert!(
        line.contains("Maryam\\u{1b}]52;c;aGk=\\u{7}\\u{1b}[2J"),
        "{line}"
    );
    let tagged = ok(dossier(
        &[
            "tag", "p.ron", "--tag", "person", "--start", "0", "--end", "12",
        ],
        d,
    ));
    let id = tagged.split('\t').next().unwrap().to_owned();
    assert!(
        tagged.contains("\\u{1b}"),
        "the quote's ESC is shown escaped: {tagged}"
    );
    ok(dossier(&["link", "p.ron", &id, "--entity", &name], d));
    let claim = ok(dossier(
        &[
            "tag", "p.ron", "--tag", "claim", "--start", "13", "--end", "20",
        ],
        d,
    ));
    let claim = claim.split('\t').next().unwrap().to_owned();
    ok(dossier(
        &[
            "claim",
            "p.ron",
            &claim,
            "--speaker",
            &name,
            "--status",
            "disputed",
        ],
        d,
    ));
    let event = format!("{EVIL}event");
    ok(dossier(
        &["entity", "p.ron", "--kind", "event", "--name", &event],
        d,
    ));
    let related = ok(dossier(
        &[
            "relate",
            "p.ron",
            "--kind",
            "participant_in",
            "--from",
            &name,
            "--to",
            &event,
        ],
        d,
    ));
    assert!(
        related.starts_with("related\tparticipant_in\tMaryam\\u{1b}"),
        "{related}"
    );
    let e = fails(dossier(
        &[
            "relate",
            "p.ron",
            "--kind",
            "about",
            "--from",
            EVIL,
            "--to",
            &format!("no{EVIL}"),
        ],
        d,
    ));
    assert!(e.contains("no entity is named"), "{e}");

    for args in [
        &["list", "p.ron"][..],
        &["stats", "p.ron"],
        &["entities", "p.ron"],
        &["check", "p.ron"],
        &["fmt", "p.ron"],
    ] {
        let out = ok(dossier(args, d));
        if args[0] != "check" && args[0] != "fmt" {
            assert!(out.contains("\\u{1b}"), "{args:?}: {out}");
        }
    }
    // Errors quoting hostile input.
    fails(dossier(
        &["link", "p.ron", &id, "--entity", &format!("nobody{EVIL}")],
        d,
    ));
    fails(dossier(
        &["tag", "p.ron", "--tag", EVIL, "--start", "0", "--end", "1"],
        d,
    ));
    fails(dossier(&["text", "p.ron", EVIL], d));
    let e = fails(dossier(&["add", "p.ron", &format!("missing{EVIL}.md")], d));
    assert!(e.contains("missing\\u{1b}]52"), "{e}");

    // `text` is the one exception: the document exactly, escapes and all.
    let text = dossier(&["text", "p.ron"], d);
    assert!(text.status.success());
    assert_eq!(
        text.stdout,
        std::fs::read(d.join("a.txt")).unwrap(),
        "text prints the canonical text byte for byte"
    );
    let help = String::from_utf8(dossier(&["text", "--help"], d).stdout).unwrap();
    assert!(help.contains("does not escape anything"), "{help}");
}

#[test]
fn a_hostile_tag_key_in_a_project_file_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(FIXTURES).join("hostile-names.ron"),
        d.join("p.ron"),
    )
    .unwrap();
    ok(dossier(&["list", "p.ron"], d));
    let stats = ok(dossier(&["stats", "p.ron"], d));
    assert!(stats.contains("\tev\\u{1b}[5ment"), "{stats}");
    let entities = ok(dossier(&["entities", "p.ron"], d));
    assert!(
        entities.contains("\\u{1b}[31mMaryam\\u{2066} Rajavi\\u{9b}"),
        "{entities}"
    );
    // A broken copy: the error names the hostile title, escaped.
    let broken = std::fs::read_to_string(d.join("p.ron")).unwrap().replacen(
        "quote: \"Maryam Rajavi\"",
        "quote: \"Maryam Rajavy\"",
        1,
    );
    std::fs::write(d.join("broken.ron"), broken).unwrap();
    let e = fails(dossier(&["check", "broken.ron"], d));
    assert!(e.contains("\\u{1b}]52;c;aGVsbG8="), "{e}");
}

#[test]
fn errors_are_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // OS errors: once, not "…(os error 2): No such file… (os error 2)".
    for args in [
        &["check", "missing.ron"][..],
        &[
            "tag",
            "missing.ron",
            "--tag",
            "person",
            "--start",
            "0",
            "--end",
            "1",
        ],
        &["fmt", "missing.ron"],
    ] {
        let e = fails(dossier(args, d));
        assert_eq!(e.matches("(os error 2)").count(), 1, "{args:?}: {e}");
        assert!(e.contains("missing.ron: No such file or directory"), "{e}");
    }
    std::fs::write(d.join("a.txt"), "Maryam Rajavi spoke in Paris.\n").unwrap();
    ok(dossier(&["new", "p.ron", "a.txt"], d));
    let e = fails(dossier(&["add", "p.ron", "missing.md"], d));
    assert_eq!(e.matches("(os error 2)").count(), 1, "{e}");

    // The list of validation problems: once.
    ok(dossier(
        &[
            "tag",
            "p.ron",
            "--tag",
            "person",
            "--quote",
            "Maryam Rajavi",
        ],
        d,
    ));
    let broken = std::fs::read_to_string(d.join("p.ron")).unwrap().replacen(
        "quote: \"Maryam Rajavi\"",
        "quote: \"Maryam Rajavy\"",
        1,
    );
    std::fs::write(d.join("p.ron"), broken).unwrap();
    let e = fails(dossier(&["check", "p.ron"], d));
    assert_eq!(e.matches("problem found").count(), 1, "{e}");
    assert_eq!(e.matches("does not match").count(), 1, "{e}");

    // RON's messages keep an acronym's capitals: "UUID", not "uUID".
    std::fs::copy(Path::new(FIXTURES).join("bad-uuid.ron"), d.join("u.ron")).unwrap();
    let e = fails(dossier(&["check", "u.ron"], d));
    assert!(e.contains(": UUID parsing failed"), "{e}");
}

#[test]
fn a_byte_order_mark_is_accepted_and_dropped_by_fmt() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(Path::new(FIXTURES).join("bom-project.ron"), d.join("p.ron")).unwrap();
    assert!(ok(dossier(&["check", "p.ron"], d)).starts_with("ok: p.ron"));
    ok(dossier(
        &["tag", "p.ron", "--tag", "event", "--quote", "Saturday"],
        d,
    ));
    let bytes = std::fs::read(d.join("p.ron")).unwrap();
    assert!(bytes.starts_with(b"(\n"), "saved without the mark");
    assert!(ok(dossier(&["fmt", "p.ron"], d)).contains("already formatted"));
}
