//! Hostile input, standing (issue 8 §7): every case kept in `tests/fixtures/hostile/`,
//! and a bounded property-based fuzz of the project loader, every importer and the
//! CLI's editing commands, mutating valid projects and articles by truncation, byte
//! flips, deep nesting, huge strings, control characters and invalid UTF-8.
//!
//! Asserted: no panic; text and re-saved projects no larger than a small multiple of
//! the input (time and memory are bounded through that and the fixed case budget);
//! and a failed command leaves the project byte-identical. New failures proptest
//! finds are recorded in `tests/fixtures/hostile/proptest-regressions.txt` and
//! replayed first; add a minimised copy of the input to the folder as well.

#![allow(clippy::unwrap_used)]

use clap::Parser as _;
use dossier::cli::Cli;
use dossier::{import, store};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

/// The most text an importer may give for `input` bytes: Markdown's bound (8×, plus
/// slack for tiny files), the loosest of the importers.
fn text_bound(input: usize) -> usize {
    8 * input + 64 * 1024
}

/// The most a loaded project may grow when saved in canonical form: indentation and
/// default fields written out, never more.
fn ron_bound(input: usize) -> usize {
    8 * input + 64 * 1024
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

/// What must happen to the fixtures that are not just "no panic, bounded".
fn expected(name: &str) -> Option<Result<(), &'static str>> {
    Some(match name {
        "valid-base.ron" | "bom-project.ron" | "hostile-names.ron" => Ok(()),
        "nul-raw-in-text-line.ron" | "nul-escaped-in-text-line.ron" => {
            Err("the text contains a NUL character")
        }
        "newline-in-text-line.ron" => Err("text line 1 contains a line break"),
        "duplicate-relation-ids.ron" => Err("is used twice"),
        "nul-tag-shortcut.ron" => Err("the control character U+0000 as its shortcut"),
        "esc-tag-shortcut.ron" => Err("the control character U+001B as its shortcut"),
        "bad-uuid.ron" => Err("UUID parsing failed"),
        "nested-list.md"
        | "nested-ordered-list.md"
        | "nesting-100k.md"
        | "wide-table.md"
        | "terminal-escapes.txt" => Ok(()),
        _ => return None,
    })
}

/// Loads project bytes; checks a loaded project saves back within bounds and reloads
/// to itself.
fn load_checked(bytes: &[u8], name: &str) -> Result<(), String> {
    match store::from_bytes(bytes, name) {
        Ok(p) => {
            let ron = store::to_ron(&p).unwrap();
            assert!(
                ron.len() <= ron_bound(bytes.len()),
                "{name}: {} bytes re-saved as {}",
                bytes.len(),
                ron.len()
            );
            let back = store::from_ron(&ron, name).expect("a loaded project saves loadable");
            assert_eq!(back, p, "{name}: save and load round-trip");
            Ok(())
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Imports article bytes; checks the text is bounded by the input.
fn import_checked(bytes: &[u8], name: &str) -> Result<(), String> {
    match import::import_bytes(name, bytes) {
        Ok(doc) => {
            assert!(
                doc.text().len() <= text_bound(bytes.len()),
                "{name}: {} bytes gave {} bytes of text",
                bytes.len(),
                doc.text().len()
            );
            assert!(doc.title.len() <= text_bound(bytes.len()));
            Ok(())
        }
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn every_kept_hostile_case_is_handled() {
    let mut seen = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let bytes = std::fs::read(&path).unwrap();
        let outcome = match ext {
            "ron" => load_checked(&bytes, &name),
            "md" | "txt" | "html" | "htm" => import_checked(&bytes, &name),
            _ if name == "README.md" || name == "proptest-regressions.txt" => continue,
            _ => panic!("{name}: unknown kind of hostile case; give it a known extension"),
        };
        seen += 1;
        match (expected(&name), &outcome) {
            (None, _) | (Some(Ok(())), Ok(())) => {}
            (Some(Err(needle)), Err(msg)) => {
                assert!(msg.contains(needle), "{name}: {msg} should say {needle:?}");
                assert_eq!(
                    msg.matches(needle).count(),
                    1,
                    "{name}: the reason is given once: {msg}"
                );
            }
            (Some(want), got) => panic!("{name}: expected {want:?}, got {got:?}"),
        }
        if ext == "ron" {
            fails_unchanged_in_cli(&bytes);
        }
    }
    assert!(seen >= 19, "only {seen} hostile cases found in {FIXTURES}");
}

/// Runs editing commands in-process on a copy of `project`; any that fails must
/// leave it byte-identical, any that succeeds must leave a loadable file.
fn fails_unchanged_in_cli(project: &[u8]) {
    for args in [
        &["fmt"][..],
        &["tag", "--tag", "person", "--quote", "Paris"],
        &["title", "A new title"],
        &["entity", "--kind", "person", "--name", "Someone"],
        &["add", "ARTICLE"],
    ] {
        run_cli_on(project, b"Hello from a small article.\n", args);
    }
}

/// `dossier ARGS[0] PROJECT ARGS[1..]` with `ARTICLE` standing for a file holding
/// `article`; checks the all-or-nothing promise.
fn run_cli_on(project: &[u8], article: &[u8], args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.ron");
    let a = dir.path().join("a.md");
    std::fs::write(&p, project).unwrap();
    std::fs::write(&a, article).unwrap();
    let (p_str, a_str) = (p.to_str().unwrap(), a.to_str().unwrap());
    let mut argv = vec!["dossier", args[0], p_str];
    argv.extend(
        args[1..]
            .iter()
            .map(|s| if *s == "ARTICLE" { a_str } else { s }),
    );
    let command = Cli::try_parse_from(argv.clone()).unwrap().command.unwrap();
    let mut out = Vec::new();
    match dossier::cli::run(command, &mut out) {
        Err(_) => assert_eq!(
            std::fs::read(&p).unwrap(),
            project,
            "{argv:?} failed but changed the project"
        ),
        Ok(()) => {
            store::load(&p).unwrap_or_else(|e| panic!("{argv:?} saved an unloadable file: {e}"));
        }
    }
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{argv:?} left files behind: {left:?}");
}

/// One change to a file's bytes.
#[derive(Clone, Debug)]
enum Mutation {
    /// Cut the file here.
    Truncate(prop::sample::Index),
    /// XOR one byte (invalid UTF-8 included).
    Flip(prop::sample::Index, u8),
    /// Insert hostile bytes.
    Insert(prop::sample::Index, Vec<u8>),
    /// Remove up to this many bytes.
    Delete(prop::sample::Index, usize),
    /// Repeat a stretch of up to this many bytes.
    Duplicate(prop::sample::Index, usize),
    /// Insert text just after the next `"`: mostly inside a string, so the file
    /// stays valid RON and reaches validation and saving.
    IntoString(prop::sample::Index, String),
    /// Replace the next run of digits (an offset, a version, a date) with a number.
    Number(prop::sample::Index, u64),
}

/// Bytes that have hurt parsers: controls, bidi marks, quotes and brackets, deep
/// nesting (`depth` levels at most), huge strings, random and invalid UTF-8.
fn hostile_bytes(depth: usize) -> impl Strategy<Value = Vec<u8>> {
    let tokens = prop::sample::select(vec![
        "\0",
        "\u{1b}]52;c;aGk=\u{7}",
        "\u{1b}[2J",
        "\u{9b}",
        "\u{7f}",
        "\u{202e}",
        "\u{2066}",
        "\u{feff}",
        "\"",
        "\\",
        "\\u{0}",
        "\\n",
        "(",
        ")",
        "[",
        "]",
        ",",
        "\n",
        "\r\n",
        "\r",
        "Some(",
        "'",
        "|",
        "&#0;",
        "&nbsp;",
        "<!--",
        "<![CDATA[",
        "</div>",
    ]);
    let nesters = prop::sample::select(vec![
        "(",
        "[",
        "- ",
        "> ",
        "1. ",
        "* 1. > ",
        "<div>",
        "<table><tr><td>",
        "<ul><li>",
        "<b>",
        "**",
        "[",
        "`",
        "|a",
        "\t",
        "    ",
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 1..32),
        tokens.prop_map(|t| t.as_bytes().to_vec()),
        (1..=depth, nesters).prop_map(|(n, s)| s.repeat(n).into_bytes()),
        (1usize..1_000_000).prop_map(|n| vec![b'a'; n]),
        (1usize..200).prop_map(|n| (0..n).map(|i| (i % 32) as u8).collect()),
    ]
}

/// Text for inside a string: control characters raw and escaped, bidi marks,
/// combining marks, NUL, line breaks, quotes, and long runs.
fn string_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\u{1b}[2J",
        "\\u{1b}",
        "\u{202e}",
        "\\u{0}",
        "\u{0}",
        "\\n",
        "\\r",
        "\r",
        "\u{9b}",
        "e\u{301}",
        "🙂",
        "مریم",
        "\\\"",
        "x",
        " ",
        "\u{feff}",
        "\u{7f}",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 1..8).prop_map(|v| v.concat()),
        (1usize..200_000).prop_map(|n| "a".repeat(n)),
    ]
}

fn mutation(depth: usize) -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        3 => (index(), string_text()).prop_map(|(i, t)| Mutation::IntoString(i, t)),
        2 => (index(), prop_oneof![0u64..200, any::<u64>()]).prop_map(|(i, n)| Mutation::Number(i, n)),
        1 => index().prop_map(Mutation::Truncate),
        1 => (index(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        3 => (index(), hostile_bytes(depth)).prop_map(|(i, b)| Mutation::Insert(i, b)),
        1 => (index(), 1usize..200).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => (index(), 1usize..2000).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

/// Mutations that mostly keep a project valid RON, so it reaches validation, the
/// writer and the round trip: hostile text inside strings, other numbers.
fn value_mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        (index(), string_text()).prop_map(|(i, t)| Mutation::IntoString(i, t)),
        (index(), prop_oneof![0u64..200, any::<u64>()]).prop_map(|(i, n)| Mutation::Number(i, n)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        match m {
            Mutation::Truncate(i) => bytes.truncate(i.index(len + 1)),
            Mutation::Flip(i, x) => {
                if len > 0 {
                    bytes[i.index(len)] ^= x;
                }
            }
            Mutation::Insert(i, b) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let at = i.index(len + 1);
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::Duplicate(i, n) => {
                let at = i.index(len + 1);
                let end = (at + n).min(len);
                let piece = bytes[at..end].to_vec();
                bytes.splice(end..end, piece);
            }
            Mutation::IntoString(i, text) => {
                // Not into an id: a broken UUID only ever tests the UUID parser.
                let from = i.index(len + 1);
                let is_id = |at: usize| {
                    let head = &bytes[at..(at + 9).min(len)];
                    head.len() == 9
                        && head[..8].iter().all(u8::is_ascii_hexdigit)
                        && head[8] == b'-'
                };
                // An opening quote follows a space, `(` or `[` in the canonical layout.
                let opening = |k: usize| k > 0 && matches!(bytes[k - 1], b' ' | b'(' | b'[');
                let quote = (from..len).find(|&k| bytes[k] == b'"' && opening(k) && !is_id(k + 1));
                if let Some(q) = quote {
                    bytes.splice(q + 1..q + 1, text.bytes());
                }
            }
            Mutation::Number(i, n) => {
                let from = i.index(len + 1);
                if let Some(d) = bytes[from..].iter().position(u8::is_ascii_digit) {
                    let start = from + d;
                    let end = start
                        + bytes[start..]
                            .iter()
                            .take_while(|b| b.is_ascii_digit())
                            .count();
                    bytes.splice(start..end, n.to_string().bytes());
                }
            }
        }
    }
    bytes
}

const MARKDOWN: &str = "---\ntitle: x\n---\n# Paris *conference* renews call\n\n\
    First [para](http://x \"t\") with **bold**, `code` and a footnote[^1].\n\n\
    > quoted\n> > nested\n\n- one\n  - two\n    1. three\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n\
    ```\nfenced\n```\n\n[^1]: The note.\n\n<div>raw *html*</div>\n\n***\n";

const HTML: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Paris</title>\
    <link rel=\"canonical\" href=\"https://example.org/a\"></head><body><nav>menu</nav>\
    <article><h1>Paris conference</h1><p class=\"byline\">By A. Writer</p>\
    <p>Maryam Rajavi spoke in Paris on Saturday, calling for accountability for the 1988 \
    massacre of political prisoners.</p><blockquote>A quote.</blockquote>\
    <ul><li>one</li><li>two</li></ul><table><tr><td>cell</td></tr></table></article>\
    <footer>footer</footer></body></html>";

const TEXT: &str = "Maryam Rajavi spoke in Paris.\r\nمریم رجوی — Paris again.\n\nTehran’s “accountability” — café\n";

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/hostile/proptest-regressions.txt"
        )))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn the_loader_survives_mutated_projects(
        base in prop::sample::select(vec!["valid-base.ron", "hostile-names.ron"]),
        mutations in prop::collection::vec(mutation(20_000), 1..5),
    ) {
        let bytes = mutate(fixture(base), &mutations);
        let _ = load_checked(&bytes, "fuzz.ron");
    }

    #[test]
    fn the_loader_validates_mutated_values(
        base in prop::sample::select(vec!["valid-base.ron", "hostile-names.ron"]),
        mutations in prop::collection::vec(value_mutation(), 1..4),
    ) {
        let bytes = mutate(fixture(base), &mutations);
        let _ = load_checked(&bytes, "fuzz.ron");
    }

    #[test]
    fn the_text_and_markdown_importers_survive_mutated_articles(
        markdown in any::<bool>(),
        mutations in prop::collection::vec(mutation(20_000), 1..5),
    ) {
        let (name, base) = if markdown { ("a.md", MARKDOWN) } else { ("a.txt", TEXT) };
        let bytes = mutate(base.as_bytes().to_vec(), &mutations);
        let _ = import_checked(&bytes, name);
    }
}

proptest! {
    // Readability is the slowest importer, so fewer cases; nesting is capped before
    // parsing (`import/html/depth.rs`), so they may be as deep as any other input.
    #![proptest_config(config(400))]

    #[test]
    fn the_html_importer_survives_mutated_pages(
        page in any::<bool>(),
        mutations in prop::collection::vec(mutation(20_000), 1..4),
    ) {
        let base = if page {
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/readability/ars-1/source.html"
            ))
            .unwrap()
        } else {
            HTML.as_bytes().to_vec()
        };
        let bytes = mutate(base, &mutations);
        let _ = import_checked(&bytes, "a.html");
    }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn failed_commands_leave_the_project_byte_identical(
        project_mutations in prop::collection::vec(mutation(2_000), 0..3),
        article_mutations in prop::collection::vec(mutation(2_000), 0..3),
        command in 0usize..5,
    ) {
        let project = mutate(fixture("valid-base.ron"), &project_mutations);
        let article = mutate(MARKDOWN.as_bytes().to_vec(), &article_mutations);
        let args: &[&str] = match command {
            0 => &["fmt"],
            1 => &["tag", "--tag", "person", "--quote", "Paris"],
            2 => &["add", "ARTICLE"],
            3 => &["entity", "--kind", "event", "--name", "Paris conference"],
            _ => &["title", "--doc", "1", "Renamed"],
        };
        run_cli_on(&project, &article, args);
    }
}
