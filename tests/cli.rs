//! The headless command line, run as the real binary: every subcommand, exit codes
//! (0 ok, 1 error with `error:` on stderr, 2 usage), and bad input without panics.

use std::path::Path;
use std::process::{Command, Output};

fn dossier(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env("DOSSIER_AUTHOR", "tester")
        .output()
        .expect("run dossier")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "failed: {}", stderr(&o));
    stdout(&o)
}

fn fails(o: Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(1),
        "expected exit 1, stdout {}",
        stdout(&o)
    );
    let e = stderr(&o);
    assert!(e.starts_with("error: "), "{e}");
    assert!(!e.contains("panicked"), "{e}");
    e
}

#[test]
fn new_tag_list_text_stats_check_fmt() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    std::fs::write(
        d.join("a.txt"),
        "Maryam Rajavi spoke in Paris.\r\nمریم رجوی — Paris again.\n",
    )
    .expect("write");
    std::fs::write(d.join("b.md"), "# Second article\n\nText with **bold**.\n").expect("write");
    ok(dossier(&["new", "p.ron", "a.txt", "--name", "Test"], d));
    ok(dossier(&["add", "p.ron", "b.md"], d));

    let text = ok(dossier(&["text", "p.ron"], d));
    assert_eq!(
        text,
        "Maryam Rajavi spoke in Paris.\nمریم رجوی — Paris again.\n"
    );
    assert_eq!(
        ok(dossier(&["text", "p.ron", "2"], d)),
        "Second article\n\nText with bold.\n"
    );

    let line = ok(dossier(
        &[
            "tag",
            "p.ron",
            "--tag",
            "person",
            "--quote",
            "Maryam Rajavi",
            "--note",
            "NCRI",
        ],
        d,
    ));
    assert!(line.contains("\t0\t13\tMaryam Rajavi"), "{line}");
    let line = ok(dossier(
        &[
            "tag", "p.ron", "--tag", "Event", "--quote", "Paris", "--nth", "2",
        ],
        d,
    ));
    assert!(line.contains("\t42\t47\tParis"), "{line}");
    let line = ok(dossier(
        &[
            "tag", "p.ron", "--tag", "person", "--start", "30", "--end", "39",
        ],
        d,
    ));
    assert!(line.ends_with("\tمریم رجوی\n"), "{line}");

    let list = ok(dossier(&["list", "p.ron"], d));
    let rows: Vec<&str> = list.lines().collect();
    assert_eq!(rows[0], "id\tdoc\ttag\tstart\tend\tquote");
    assert_eq!(rows.len(), 4);
    assert!(rows[1].ends_with("\t1\tperson\t0\t13\tMaryam Rajavi"));
    let only_events = ok(dossier(&["list", "p.ron", "--tag", "event"], d));
    assert_eq!(only_events.lines().count(), 2);

    let stats = ok(dossier(&["stats", "p.ron"], d));
    assert!(
        stats.starts_with("#\ttitle\tchars\twords\tclaim\tperson\tevent\n"),
        "{stats}"
    );
    assert!(stats.contains("\t55\t10\t0\t2\t1\n"), "{stats}");

    let check = ok(dossier(&["check", "p.ron"], d));
    assert!(check.starts_with("ok: p.ron — 2 document(s)"), "{check}");

    let before = std::fs::read(d.join("p.ron")).expect("read");
    assert!(ok(dossier(&["fmt", "p.ron"], d)).contains("already formatted"));
    let messy = String::from_utf8(before.clone())
        .expect("utf8")
        .replace("    ", "\t");
    std::fs::write(d.join("p.ron"), messy).expect("write");
    assert!(ok(dossier(&["fmt", "p.ron"], d)).contains("formatted p.ron"));
    assert_eq!(
        std::fs::read(d.join("p.ron")).expect("read"),
        before,
        "fmt restores canonical form"
    );
}

#[test]
fn errors_exit_1_with_a_message_and_usage_exits_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "Some text here.\n").expect("write");
    ok(dossier(&["new", "p.ron", "a.txt"], d));

    assert!(fails(dossier(&["new", "p.ron", "a.txt"], d)).contains("already exists"));
    assert!(fails(dossier(&["check", "missing.ron"], d)).contains("missing.ron"));
    assert!(fails(dossier(&["check", "."], d)).contains("folder"));
    assert!(
        fails(dossier(
            &["tag", "p.ron", "--tag", "nope", "--quote", "text"],
            d
        ))
        .contains("unknown tag")
    );
    assert!(
        fails(dossier(
            &["tag", "p.ron", "--tag", "claim", "--quote", "absent"],
            d
        ))
        .contains("occurs 0 time")
    );
    assert!(
        fails(dossier(
            &[
                "tag", "p.ron", "--tag", "claim", "--start", "5", "--end", "500"
            ],
            d
        ))
        .contains("inside the text")
    );
    assert!(fails(dossier(&["text", "p.ron", "9"], d)).contains("no document"));

    std::fs::write(d.join("empty.txt"), "").expect("write");
    assert!(fails(dossier(&["add", "p.ron", "empty.txt"], d)).contains("empty"));
    std::fs::write(d.join("bin.txt"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    assert!(fails(dossier(&["add", "p.ron", "bin.txt"], d)).contains("does not look like text"));
    std::fs::write(
        d.join("bad.ron"),
        "(format: \"dossier-project\", version: 1, name: ",
    )
    .expect("write");
    assert!(fails(dossier(&["check", "bad.ron"], d)).contains("bad.ron:1:"));
    std::fs::write(
        d.join("new.ron"),
        "(format: \"dossier-project\", version: 99)",
    )
    .expect("write");
    assert!(fails(dossier(&["check", "new.ron"], d)).contains("version 99"));

    // A failed command leaves the project as it was.
    assert!(ok(dossier(&["check", "p.ron"], d)).contains("0 annotation(s)"));

    let usage = dossier(&["tag", "p.ron"], d);
    assert_eq!(usage.status.code(), Some(2));
    let usage = dossier(&["frobnicate", "p.ron", "x"], d);
    assert!(usage.status.code() == Some(2) || usage.status.code() == Some(1));
}
