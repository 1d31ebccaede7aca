//! `dossier export` and `dossier import` end to end.

use super::sample::sample;
use std::path::Path;
use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn export_writes_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    dossier::store::save(&sample(), &project).unwrap();
    let p = project.to_str().unwrap();
    for (format, name, extra) in [
        ("w3c", "out.jsonld", vec![]),
        ("csv", "out.csv", vec!["--bom"]),
        ("csv", "entities.csv", vec!["--table", "entities"]),
        ("jsonl", "out.jsonl", vec!["--offsets", "codepoints"]),
        ("label-studio", "ls.json", vec![]),
        ("report", "report.html", vec![]),
        ("report-md", "report.md", vec!["--doc", "2"]),
        ("brat", "brat", vec![]),
    ] {
        let out_path = dir.path().join(name);
        let mut args = vec![
            "export",
            p,
            "--format",
            format,
            "-o",
            out_path.to_str().unwrap(),
        ];
        args.extend(extra);
        let o = dossier(&args);
        assert!(o.status.success(), "{format}: {}", text(&o.stderr));
        assert!(text(&o.stdout).starts_with("wrote "), "{}", text(&o.stdout));
        assert!(out_path.exists(), "{format}");
        if format == "brat" {
            assert!(out_path.join("annotation.conf").is_file());
            assert!(text(&o.stderr).contains("warning: 4 relation(s) not exported"));
        }
    }
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(md.contains("گزارش") && !md.contains("Talks to resume"));
    // Options that do not fit the format are refused.
    let o = dossier(&[
        "export",
        p,
        "--format",
        "w3c",
        "--offsets",
        "utf16",
        "-o",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("--offsets is for"));
}

#[test]
fn import_is_one_locked_all_or_nothing_edit_with_warnings_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let o = dossier(&["new", project.to_str().unwrap()]);
    assert!(o.status.success());
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/brat");
    let before = std::fs::read(&project).unwrap();
    // A folder holding an .ann without its .txt: nothing is imported.
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(broken.join("x.ann"), "T1\tPER 0 1\ta\n").unwrap();
    let news = fixtures.join("news");
    let o = dossier(&[
        "import",
        project.to_str().unwrap(),
        "--format",
        "brat",
        news.to_str().unwrap(),
        broken.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("x.txt is missing"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read(&project).unwrap(), before);
    let edge = fixtures.join("synthetic-edge-cases");
    let o = dossier(&[
        "import",
        project.to_str().unwrap(),
        "--format",
        "brat",
        news.to_str().unwrap(),
        edge.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).starts_with("imported 15 documents, 128 annotations"),
        "{}",
        text(&o.stdout)
    );
    assert!(text(&o.stderr).contains("warning: crlf.txt has CRLF line ends"));
    let o = dossier(&["check", project.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(
        text(&o.stdout).contains("15 document(s)"),
        "{}",
        text(&o.stdout)
    );
    // W3C: export, then import into the same project: everything is already there.
    let w3c = dir.path().join("x.jsonld");
    let o = dossier(&[
        "export",
        project.to_str().unwrap(),
        "--format",
        "w3c",
        "-o",
        w3c.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let o = dossier(&[
        "import",
        project.to_str().unwrap(),
        "--format",
        "w3c",
        w3c.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).starts_with("imported 0 documents, 0 annotations"),
        "{}",
        text(&o.stdout)
    );
    assert!(text(&o.stderr).contains("already in the project"));
}
