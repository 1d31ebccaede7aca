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
    assert_eq!(rows[0], "id\tdoc\ttag\tstart\tend\tquote\tentity\tstatus");
    assert_eq!(rows.len(), 4);
    assert!(rows[1].ends_with("\t1\tperson\t0\t13\tMaryam Rajavi\t\t"));
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
    // A mistyped subcommand, or a file that is not there, is an error before any
    // window opens (no display is needed to see it; DISPLAY is cleared to prove it).
    let run_without_display = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .current_dir(d)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .expect("run dossier")
    };
    let e = fails(run_without_display(&["frobnicate", "a.ron", "b.ron"]));
    assert!(e.contains("`frobnicate` is not a dossier command"), "{e}");
    let e = fails(run_without_display(&["missing.ron"]));
    assert!(e.contains("missing.ron does not exist"), "{e}");
    let e = fails(run_without_display(&["p.ron", "missing.html"]));
    assert!(e.contains("missing.html does not exist"), "{e}");
}

/// The id (first column) of the line `dossier tag` prints.
fn tag_id(o: Output) -> String {
    ok(o).split('\t').next().expect("id column").to_owned()
}

/// The list row of an annotation, split into its columns.
fn row(list: &str, id: &str) -> Vec<String> {
    list.lines()
        .find(|l| l.starts_with(id))
        .unwrap_or_else(|| panic!("no row for {id} in {list}"))
        .split('\t')
        .map(str::to_owned)
        .collect()
}

/// A project with one article, two people, an event and a claim tagged.
/// Returns the temp dir and the ids of: Rajavi, "Mrs. Rajavi", Raisi, the conference, the claim.
fn analyst_project() -> (tempfile::TempDir, [String; 5]) {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    std::fs::write(
        d.join("a.txt"),
        "Maryam Rajavi spoke at the Paris conference.\n\
         Mrs. Rajavi said Raisi must face justice.\n",
    )
    .expect("write");
    ok(dossier(&["new", "p.ron", "a.txt"], d));
    let t = |tag: &str, quote: &str| {
        tag_id(dossier(
            &["tag", "p.ron", "--tag", tag, "--quote", quote],
            d,
        ))
    };
    let ids = [
        t("person", "Maryam Rajavi"),
        t("person", "Mrs. Rajavi"),
        t("person", "Raisi"),
        t("event", "the Paris conference"),
        t("claim", "Raisi must face justice"),
    ];
    (dir, ids)
}

#[test]
fn entities_are_created_updated_listed_and_linked() {
    let (dir, [rajavi, mrs, raisi, conf, _claim]) = analyst_project();
    let d = dir.path();

    let created = ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "person",
            "--name",
            "Maryam Rajavi",
            "--alias",
            "Rajavi",
            "--role",
            "NCRI President-elect",
        ],
        d,
    ));
    assert!(created.starts_with("created\t"), "{created}");
    assert!(created.ends_with("\tMaryam Rajavi\n"), "{created}");
    let entity_id = created.split('\t').nth(1).expect("id").to_owned();
    // Same kind and name, any case: updated in place, aliases added without duplicates.
    let updated = ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "Person",
            "--name",
            "maryam rajavi",
            "--alias",
            "Mrs. Rajavi",
            "--alias",
            "rajavi",
        ],
        d,
    ));
    assert_eq!(updated, format!("updated\t{entity_id}\tMaryam Rajavi\n"));
    ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "person",
            "--name",
            "Ebrahim Raisi",
            "--alias",
            "Raisi",
        ],
        d,
    ));
    ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "event",
            "--name",
            "Paris conference",
            "--date",
            "a Monday",
            "--date-iso",
            "2023-03",
            "--place",
            "Paris\tFrance",
        ],
        d,
    ));
    let ron = std::fs::read_to_string(d.join("p.ron")).expect("read");
    assert!(ron.contains("role: \"NCRI President-elect\""), "{ron}");
    assert!(ron.contains("date_iso: Some(\"2023-03\")"), "{ron}");

    // Link by name or alias, any case; prefixes of ids work too.
    assert_eq!(
        ok(dossier(
            &["link", "p.ron", &rajavi, "--entity", "maryam RAJAVI"],
            d
        )),
        format!("linked\t{rajavi}\tMaryam Rajavi\n")
    );
    ok(dossier(
        &["link", "p.ron", &mrs[..30], "--entity", "Mrs. Rajavi"],
        d,
    ));
    ok(dossier(
        &[
            "link",
            "p.ron",
            &raisi.replace('-', "")[..20],
            "--entity",
            "raisi",
        ],
        d,
    ));
    ok(dossier(
        &["link", "p.ron", &conf, "--entity", "Paris Conference"],
        d,
    ));

    let entities = ok(dossier(&["entities", "p.ron"], d));
    assert_eq!(
        entities,
        "kind\tname\taliases\tmentions\n\
         person\tMaryam Rajavi\tRajavi; Mrs. Rajavi\t2\n\
         person\tEbrahim Raisi\tRaisi\t1\n\
         event\tParis conference\t\t1\n"
    );
    let list = ok(dossier(&["list", "p.ron"], d));
    assert_eq!(row(&list, &mrs)[5..], ["Mrs. Rajavi", "Maryam Rajavi", ""]);

    // Unlink.
    assert_eq!(
        ok(dossier(&["link", "p.ron", &mrs, "--entity", ""], d)),
        format!("unlinked\t{mrs}\n")
    );
    let list = ok(dossier(&["list", "p.ron"], d));
    assert_eq!(row(&list, &mrs)[6], "");
    assert!(
        ok(dossier(&["entities", "p.ron"], d))
            .contains("\tMaryam Rajavi\tRajavi; Mrs. Rajavi\t1\n")
    );
    assert!(ok(dossier(&["check", "p.ron"], d)).contains("3 entities"));
}

#[test]
fn claims_get_a_status_one_speaker_and_subjects() {
    let (dir, [_, _, _, _, claim]) = analyst_project();
    let d = dir.path();
    for args in [
        &[
            "--kind",
            "person",
            "--name",
            "Maryam Rajavi",
            "--alias",
            "Rajavi",
        ][..],
        &[
            "--kind",
            "person",
            "--name",
            "Ebrahim Raisi",
            "--alias",
            "Raisi",
        ],
        &["--kind", "event", "--name", "Paris conference"],
    ] {
        ok(dossier(&[&["entity", "p.ron"][..], args].concat(), d));
    }

    let out = ok(dossier(
        &[
            "claim",
            "p.ron",
            &claim,
            "--status",
            "Unverified",
            "--speaker",
            "Raisi",
            "--about",
            "Ebrahim Raisi",
            "--about",
            "raisi",
        ],
        d,
    ));
    assert_eq!(
        out,
        format!("claim\t{claim}\tunverified\tEbrahim Raisi\tEbrahim Raisi\n")
    );
    // A new speaker replaces the old one; repeated subjects are skipped.
    let out = ok(dossier(
        &[
            "claim",
            "p.ron",
            &claim[..28],
            "--status",
            "disputed",
            "--speaker",
            "rajavi",
            "--about",
            "Raisi",
            "--about",
            "Paris conference",
        ],
        d,
    ));
    assert_eq!(
        out,
        format!("claim\t{claim}\tdisputed\tMaryam Rajavi\tEbrahim Raisi; Paris conference\n")
    );
    let ron = std::fs::read_to_string(d.join("p.ron")).expect("read");
    assert_eq!(ron.matches("kind: \"said_by\"").count(), 1, "{ron}");
    assert_eq!(ron.matches("kind: \"about\"").count(), 2, "{ron}");
    // The article itself as the speaker.
    let out = ok(dossier(&["claim", "p.ron", &claim, "--speaker-outlet"], d));
    assert!(out.contains("\tdisputed\tthe article’s author"), "{out}");
    let ron = std::fs::read_to_string(d.join("p.ron")).expect("read");
    assert_eq!(ron.matches("kind: \"said_by\"").count(), 1, "{ron}");
    assert!(ron.contains("to: Document("), "{ron}");

    // Joint speakers replace the outlet.
    let out = ok(dossier(
        &[
            "claim",
            "p.ron",
            &claim,
            "--speaker",
            "Raisi",
            "--speaker",
            "Maryam Rajavi",
        ],
        d,
    ));
    assert!(
        out.ends_with(
            "\tdisputed\tEbrahim Raisi; Maryam Rajavi\tEbrahim Raisi; Paris conference\n"
        ),
        "{out}"
    );
    let ron = std::fs::read_to_string(d.join("p.ron")).expect("read");
    assert_eq!(ron.matches("kind: \"said_by\"").count(), 2, "{ron}");
    assert!(!ron.contains("to: Document("), "{ron}");

    let list = ok(dossier(&["list", "p.ron", "--tag", "claim"], d));
    assert_eq!(row(&list, &claim)[6..], ["", "disputed"]);
    assert!(ok(dossier(&["check", "p.ron"], d)).contains("4 relation(s)"));
}

#[test]
fn analyst_commands_fail_cleanly_and_change_nothing() {
    let (dir, [rajavi, _, raisi, _, claim]) = analyst_project();
    let d = dir.path();
    ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "person",
            "--name",
            "Maryam Rajavi",
        ],
        d,
    ));
    ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "person",
            "--name",
            "Ebrahim Raisi",
            "--alias",
            "R.",
        ],
        d,
    ));
    ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "person",
            "--name",
            "Ali Raisi",
            "--alias",
            "r.",
        ],
        d,
    ));
    ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "event",
            "--name",
            "Paris conference",
        ],
        d,
    ));
    let before = std::fs::read(d.join("p.ron")).expect("read");

    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["link", "p.ron", &raisi, "--entity", "Nobody"],
            "no person entity",
        ),
        (vec!["link", "p.ron", &raisi, "--entity", "r."], "ambiguous"),
        // Names only match entities of the mention's own kind.
        (
            vec!["link", "p.ron", &rajavi, "--entity", "Paris conference"],
            "no person entity",
        ),
        (
            vec!["link", "p.ron", &claim, "--entity", "Maryam Rajavi"],
            "does not mention",
        ),
        (
            vec!["link", "p.ron", "0000000000", "--entity", "Maryam Rajavi"],
            "no annotation",
        ),
        (
            vec!["link", "p.ron", "0190", "--entity", "Maryam Rajavi"],
            "at least its first 8",
        ),
        (
            vec!["claim", "p.ron", &rajavi, "--status", "unverified"],
            "not as a claim",
        ),
        (
            vec!["claim", "p.ron", &claim, "--status", "maybe"],
            "unknown status",
        ),
        // All or nothing: a bad subject after a good status and speaker changes nothing.
        (
            vec![
                "claim",
                "p.ron",
                &claim,
                "--status",
                "corroborated",
                "--speaker",
                "Maryam Rajavi",
                "--about",
                "R.",
            ],
            "ambiguous",
        ),
        (
            vec!["claim", "p.ron", &claim, "--about", "Nobody"],
            "no entity",
        ),
        (
            vec!["entity", "p.ron", "--kind", "claim", "--name", "X"],
            "not an entity kind",
        ),
        (
            vec!["entity", "p.ron", "--kind", "person", "--name", "  "],
            "empty",
        ),
    ];
    // Ids are time-ordered, so ids made within a minute share their first 8 digits.
    let common: String = rajavi
        .replace('-', "")
        .chars()
        .zip(raisi.replace('-', "").chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect();
    if common.len() >= 8 {
        let e = fails(dossier(&["link", "p.ron", &common, "--entity", "R."], d));
        assert!(e.contains("give more digits"), "{e}");
    }
    for (args, message) in cases {
        let e = fails(dossier(&args, d));
        assert!(e.contains(message), "{args:?}: {e}");
        assert_eq!(
            std::fs::read(d.join("p.ron")).expect("read"),
            before,
            "{args:?} left the file unchanged"
        );
    }
    let usage = dossier(
        &[
            "claim",
            "p.ron",
            &claim,
            "--speaker",
            "Maryam Rajavi",
            "--speaker-outlet",
        ],
        d,
    );
    assert_eq!(usage.status.code(), Some(2));
    assert_eq!(std::fs::read(d.join("p.ron")).expect("read"), before);
}

#[test]
fn relate_links_two_entities_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "Rajavi spoke at the Paris conference.\n").expect("write");
    ok(dossier(&["new", "p.ron", "a.txt"], d));
    ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "person",
            "--name",
            "Maryam Rajavi",
            "--alias",
            "Rajavi",
        ],
        d,
    ));
    ok(dossier(
        &[
            "entity",
            "p.ron",
            "--kind",
            "event",
            "--name",
            "Paris conference",
        ],
        d,
    ));
    let out = ok(dossier(
        &[
            "relate",
            "p.ron",
            "--kind",
            "participant_in",
            "--from",
            "Rajavi",
            "--to",
            "paris conference",
        ],
        d,
    ));
    assert_eq!(
        out,
        "related\tparticipant_in\tMaryam Rajavi\tParis conference\n"
    );
    let again = ok(dossier(
        &[
            "relate",
            "p.ron",
            "--kind",
            "participant_in",
            "--from",
            "Rajavi",
            "--to",
            "Paris conference",
        ],
        d,
    ));
    assert!(again.starts_with("exists\t"), "{again}");
    assert!(ok(dossier(&["check", "p.ron"], d)).contains("1 relation(s)"));
    assert!(
        fails(dossier(
            &[
                "relate",
                "p.ron",
                "--kind",
                "knows",
                "--from",
                "Rajavi",
                "--to",
                "Paris conference"
            ],
            d
        ))
        .contains("unknown relation kind")
    );
    assert!(
        fails(dossier(
            &[
                "relate",
                "p.ron",
                "--kind",
                "about",
                "--from",
                "Nobody",
                "--to",
                "Paris conference"
            ],
            d
        ))
        .contains("no entity")
    );
}
