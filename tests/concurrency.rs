//! Concurrent writers lose nothing (issue 8 §1): many `dossier` processes editing one
//! project at once, and two `dossier new` racing for one path.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Barrier};

fn dossier(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env("DOSSIER_AUTHOR", "tester")
        .output()
        .unwrap()
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Runs `jobs` on as many threads, each starting at the same moment.
fn all_at_once<T: Send + 'static>(jobs: Vec<Box<dyn FnOnce() -> T + Send>>) -> Vec<T> {
    let start = Arc::new(Barrier::new(jobs.len()));
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                job()
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

const PROCESSES: usize = 8;
const TAGS_EACH: usize = 6;

#[test]
fn concurrent_tag_commands_keep_every_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    // One word per annotation: w00 w01 … each 3 chars and a space.
    let words: Vec<String> = (0..PROCESSES * TAGS_EACH)
        .map(|i| format!("w{i:02}"))
        .collect();
    std::fs::write(d.join("a.txt"), words.join(" ") + "\n").unwrap();
    ok(dossier(&["new", "p.ron", "a.txt"], &d));

    let jobs: Vec<Box<dyn FnOnce() -> Vec<String> + Send>> = (0..PROCESSES)
        .map(|p| {
            let d = d.clone();
            Box::new(move || {
                (0..TAGS_EACH)
                    .map(|k| {
                        let i = p * TAGS_EACH + k;
                        let (start, end) = ((i * 4).to_string(), (i * 4 + 3).to_string());
                        let tag = ["person", "event", "claim"][i % 3];
                        let args = [
                            "tag", "p.ron", "--tag", tag, "--start", &start, "--end", &end,
                        ];
                        let line = ok(dossier(&args, &d));
                        line.split('\t').next().unwrap().to_owned()
                    })
                    .collect()
            }) as Box<dyn FnOnce() -> Vec<String> + Send>
        })
        .collect();
    let ids: Vec<String> = all_at_once(jobs).into_iter().flatten().collect();
    assert_eq!(ids.len(), PROCESSES * TAGS_EACH);

    let list = ok(dossier(&["list", "p.ron"], &d));
    for id in &ids {
        assert!(
            list.contains(id.as_str()),
            "annotation {id} was lost:\n{list}"
        );
    }
    let mut quotes: Vec<&str> = list
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(5).unwrap())
        .collect();
    quotes.sort();
    assert_eq!(quotes, words, "every word tagged exactly once");
    assert!(ok(dossier(&["check", "p.ron"], &d)).contains("48 annotation(s)"));
    let left: Vec<_> = std::fs::read_dir(&d).unwrap().collect();
    assert_eq!(left.len(), 2, "no temp or lock files left: {left:?}");
}

#[test]
fn concurrent_mixed_edits_keep_everything() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    std::fs::write(d.join("a.txt"), "Alpha Beta Gamma Delta.\n").unwrap();
    std::fs::write(d.join("b.md"), "# Second\n\nMore text.\n").unwrap();
    ok(dossier(&["new", "p.ron", "a.txt"], &d));
    let edits: Vec<Vec<String>> = vec![
        vec!["entity", "p.ron", "--kind", "person", "--name", "Alpha"],
        vec!["entity", "p.ron", "--kind", "person", "--name", "Beta"],
        vec!["entity", "p.ron", "--kind", "event", "--name", "Gamma"],
        vec!["add", "p.ron", "b.md"],
        vec!["tag", "p.ron", "--tag", "person", "--quote", "Alpha"],
        vec!["tag", "p.ron", "--tag", "person", "--quote", "Beta"],
        vec!["title", "p.ron", "Renamed"],
        vec!["fmt", "p.ron"],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(str::to_owned).collect())
    .collect();
    let jobs: Vec<Box<dyn FnOnce() -> Output + Send>> = edits
        .into_iter()
        .map(|args| {
            let d = d.clone();
            Box::new(move || {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                dossier(&args, &d)
            }) as Box<dyn FnOnce() -> Output + Send>
        })
        .collect();
    for out in all_at_once(jobs) {
        ok(out);
    }
    let entities = ok(dossier(&["entities", "p.ron"], &d));
    for name in ["Alpha", "Beta", "Gamma"] {
        assert!(
            entities.contains(&format!("\t{name}\t")),
            "{name} lost:\n{entities}"
        );
    }
    let check = ok(dossier(&["check", "p.ron"], &d));
    assert!(
        check.contains("2 document(s)") && check.contains("2 annotation(s)"),
        "{check}"
    );
    let stats = ok(dossier(&["stats", "p.ron"], &d));
    assert!(stats.contains("\n1\tRenamed\t"), "{stats}");
}

#[test]
fn of_two_concurrent_new_exactly_one_creates_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    std::fs::write(d.join("a.txt"), "First article.\n").unwrap();
    std::fs::write(d.join("b.txt"), "Second article.\n").unwrap();
    for round in 0..20 {
        let file = format!("p{round}.ron");
        let jobs: Vec<Box<dyn FnOnce() -> Output + Send>> = ["A", "B"]
            .into_iter()
            .map(|name| {
                let (d, file) = (d.clone(), file.clone());
                let article = if name == "A" { "a.txt" } else { "b.txt" };
                Box::new(move || dossier(&["new", &file, article, "--name", name], &d))
                    as Box<dyn FnOnce() -> Output + Send>
            })
            .collect();
        let outs = all_at_once(jobs);
        let winners: Vec<usize> = (0..2).filter(|&i| outs[i].status.success()).collect();
        assert_eq!(
            winners.len(),
            1,
            "round {round}: exactly one `new` succeeds"
        );
        let loser = &outs[1 - winners[0]];
        assert_eq!(loser.status.code(), Some(1));
        let e = String::from_utf8_lossy(&loser.stderr);
        assert!(e.contains(&format!("{file} already exists")), "{e}");
        let check = ok(dossier(&["check", &file], &d));
        let name = ["A", "B"][winners[0]];
        let text = ok(dossier(&["text", &file], &d));
        let article = if name == "A" {
            "First article.\n"
        } else {
            "Second article.\n"
        };
        assert_eq!(text, article, "the winner's file is whole: {check}");
    }
    // Nothing but the articles and the projects.
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), 22);
}

#[test]
fn a_command_waits_while_another_process_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    std::fs::write(d.join("a.txt"), "Alpha Beta.\n").unwrap();
    ok(dossier(&["new", "p.ron", "a.txt"], &d));
    // The lock is an ordinary OS lock on the project file itself, so any program
    // can take it to keep Dossier out while it works on the file.
    let held = std::fs::File::options()
        .read(true)
        .write(true)
        .open(d.join("p.ron"))
        .unwrap();
    held.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["tag", "p.ron", "--tag", "person", "--quote", "Alpha"])
        .current_dir(&d)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the command must wait for the lock, not edit the file under its holder"
    );
    held.unlock().unwrap();
    assert!(child.wait().unwrap().success());
    assert!(ok(dossier(&["check", "p.ron"], &d)).contains("1 annotation(s)"));
}
