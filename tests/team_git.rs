//! Two analysts, one project, real git: each clone runs `dossier git-setup`, both
//! annotate, one pulls the other's work and git's merge calls `dossier
//! merge-driver` — a clean merge; then both set the same claim's status
//! differently, the pull records the conflict in the project, the app resolves it
//! (Conflicts tab, "Keep mine", save, "Mark resolved in git") and the merge is
//! committed. A clone without the driver gets git's line merge: `dossier check`
//! says what happened and `dossier resolve` merges the versions by meaning.

#![allow(clippy::unwrap_used)]

use dossier::app::{AppDirs, DossierApp};
use dossier::model::ClaimStatus;
use dossier::store;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A sandbox: git and Dossier see only its own home and configuration.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn env(&self, c: &mut Command, author: &str) {
        c.env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_EMAIL", format!("{author}@example.org"))
            .env("GIT_COMMITTER_NAME", author)
            .env("GIT_COMMITTER_EMAIL", format!("{author}@example.org"))
            .env("DOSSIER_AUTHOR", author)
            .env("DOSSIER_HOME", self.path("home"));
    }

    fn git(&self, dir: &Path, author: &str, args: &[&str]) -> Output {
        let mut c = Command::new("git");
        c.args(args).current_dir(dir);
        self.env(&mut c, author);
        c.output().unwrap()
    }

    fn dossier(&self, dir: &Path, author: &str, args: &[&str]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
        c.args(args).current_dir(dir);
        self.env(&mut c, author);
        c.output().unwrap()
    }
}

fn text(o: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", text(&o));
    o
}

/// The id of the annotation `list` prints for a quote.
fn annotation_id(s: &Sandbox, dir: &Path, quote: &str) -> String {
    let listed = ok(s.dossier(dir, "x", &["list", "project.ron"]));
    String::from_utf8_lossy(&listed.stdout)
        .lines()
        .find(|l| l.split('\t').nth(5) == Some(quote))
        .and_then(|l| l.split('\t').next())
        .unwrap_or_else(|| panic!("no annotation {quote:?}"))
        .to_owned()
}

/// An origin with the project and its `.gitattributes`, and two clones set up.
fn team() -> Sandbox {
    let s = Sandbox::new();
    let root = s.dir.path();
    ok(s.git(
        root,
        "Lead",
        &["init", "-q", "--bare", "-b", "main", "origin.git"],
    ));
    ok(s.git(root, "Lead", &["clone", "-q", "origin.git", "seed"]));
    let seed = s.path("seed");
    let article = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles/paris-conference-1988-massacre.txt");
    ok(s.dossier(
        &seed,
        "Lead",
        &["new", "project.ron", article.to_str().unwrap()],
    ));
    ok(s.dossier(
        &seed,
        "Lead",
        &[
            "tag",
            "project.ron",
            "--tag",
            "claim",
            "--quote",
            "a comprehensive, impartial, and independent investigation",
        ],
    ));
    let setup = ok(s.dossier(&seed, "Lead", &["git-setup"]));
    let said = String::from_utf8_lossy(&setup.stdout).into_owned();
    assert!(said.contains("*.ron merge=dossier"), "{said}");
    // The test binary is not on PATH: git is told its full path.
    assert!(said.contains(env!("CARGO_BIN_EXE_dossier")), "{said}");
    ok(s.git(&seed, "Lead", &["add", ".gitattributes", "project.ron"]));
    ok(s.git(&seed, "Lead", &["commit", "-q", "-m", "Project"]));
    ok(s.git(&seed, "Lead", &["push", "-q", "origin", "main"]));
    for (who, name) in [("Ana", "ana"), ("Ben", "ben")] {
        ok(s.git(root, who, &["clone", "-q", "origin.git", name]));
        ok(s.dossier(&s.path(name), who, &["git-setup"]));
    }
    s
}

fn harness(project: &Path, home: &Path) -> Harness<'static, DossierApp> {
    let files = vec![project.to_path_buf()];
    let dirs = AppDirs::under(home);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| DossierApp::with_dirs(&cc.egui_ctx, files.clone(), dirs.clone()));
    h.run_steps(4);
    h
}

#[test]
fn two_clones_merge_cleanly_then_resolve_a_conflict_in_the_app() {
    let s = team();
    let (ana, ben) = (s.path("ana"), s.path("ben"));

    // Each annotates something else; Ben pulls Ana's work: a clean semantic merge.
    ok(s.dossier(
        &ana,
        "Ana",
        &[
            "tag",
            "project.ron",
            "--tag",
            "person",
            "--quote",
            "Chile Eboe-Osuji",
        ],
    ));
    ok(s.git(&ana, "Ana", &["commit", "-q", "-am", "Ana: Eboe-Osuji"]));
    ok(s.git(&ana, "Ana", &["push", "-q"]));
    ok(s.dossier(
        &ben,
        "Ben",
        &[
            "tag",
            "project.ron",
            "--tag",
            "person",
            "--quote",
            "Leila Nadya Sadat",
        ],
    ));
    ok(s.git(&ben, "Ben", &["commit", "-q", "-am", "Ben: Sadat"]));
    let pulled = ok(s.git(&ben, "Ben", &["pull", "-q", "--no-rebase", "--no-edit"]));
    let _ = pulled;
    let merged = store::load(&ben.join("project.ron")).unwrap();
    let quotes: Vec<(String, String)> = merged.documents()[0]
        .annotations()
        .iter()
        .map(|a| (a.quote.clone(), a.author.clone()))
        .collect();
    assert!(
        quotes.contains(&("Chile Eboe-Osuji".into(), "Ana".into())),
        "{quotes:?}"
    );
    assert!(
        quotes.contains(&("Leila Nadya Sadat".into(), "Ben".into())),
        "{quotes:?}"
    );
    assert!(merged.conflicts().is_empty());
    ok(s.dossier(&ben, "Ben", &["check", "project.ron"]));
    ok(s.git(&ben, "Ben", &["push", "-q"]));
    ok(s.git(&ana, "Ana", &["pull", "-q", "--no-rebase", "--no-edit"]));

    // Both set the same claim's status, differently: a real conflict.
    let claim = annotation_id(
        &s,
        &ana,
        "a comprehensive, impartial, and independent investigation",
    );
    ok(s.dossier(
        &ana,
        "Ana",
        &["claim", "project.ron", &claim, "--status", "corroborated"],
    ));
    ok(s.git(&ana, "Ana", &["commit", "-q", "-am", "Ana: corroborated"]));
    ok(s.git(&ana, "Ana", &["push", "-q"]));
    ok(s.dossier(
        &ben,
        "Ben",
        &["claim", "project.ron", &claim, "--status", "disputed"],
    ));
    ok(s.git(&ben, "Ben", &["commit", "-q", "-am", "Ben: disputed"]));
    let pulled = s.git(&ben, "Ben", &["pull", "--no-rebase", "--no-edit"]);
    assert!(
        !pulled.status.success(),
        "the pull must stop at the conflict: {}",
        text(&pulled)
    );
    assert!(text(&pulled).contains("CONFLICT"), "{}", text(&pulled));
    let file = ben.join("project.ron");
    let raw = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        store::conflict_marker_blocks(&raw),
        0,
        "no line-merge markers"
    );
    let checked = s.dossier(&ben, "Ben", &["check", "project.ron"]);
    assert_eq!(checked.status.code(), Some(1), "{}", text(&checked));
    assert!(
        text(&checked).contains("status changed on both sides"),
        "{}",
        text(&checked)
    );

    // Resolved in the app: the Conflicts tab, "Keep mine", save, mark resolved.
    let mut h = harness(&file, &s.path("home"));
    assert_eq!(h.state().project().conflicts().len(), 1);
    h.get_by_label("Conflicts").click();
    h.run_steps(4);
    assert!(
        h.get_by_label("Mark resolved in git")
            .accesskit_node()
            .is_disabled(),
        "not while conflicts remain"
    );
    h.get_by_label("Keep mine").click();
    h.run_steps(4);
    assert!(h.state().project().conflicts().is_empty());
    let status = |h: &Harness<'_, DossierApp>| {
        h.state()
            .project()
            .find_annotation(dossier::model::AnnotationId::parse(&claim).unwrap())
            .and_then(|(_, a)| a.status)
    };
    assert_eq!(status(&h), Some(ClaimStatus::Disputed), "Ben's own value");
    // One undo step brings the conflict back; redo resolves it again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(4);
    assert_eq!(h.state().project().conflicts().len(), 1);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run_steps(4);
    assert!(h.state().project().conflicts().is_empty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(4);
    assert!(
        !h.state().editor.is_dirty(),
        "saved: {:?}",
        h.state().messages
    );
    h.get_by_label("Mark resolved in git").click();
    h.run_steps(4);
    drop(h);
    let staged = ok(s.git(&ben, "Ben", &["status", "--porcelain"]));
    assert!(
        !String::from_utf8_lossy(&staged.stdout).contains("UU"),
        "{}",
        text(&staged)
    );
    ok(s.git(&ben, "Ben", &["commit", "-q", "--no-edit"]));
    let log = ok(s.git(&ben, "Ben", &["log", "--oneline", "-1", "--merges"]));
    assert!(!log.stdout.is_empty(), "a merge commit");
    ok(s.dossier(&ben, "Ben", &["check", "project.ron"]));
    assert_eq!(
        store::load(&file)
            .unwrap()
            .find_annotation(dossier::model::AnnotationId::parse(&claim).unwrap())
            .and_then(|(_, a)| a.status),
        Some(ClaimStatus::Disputed)
    );
}

#[test]
fn a_clone_without_the_driver_gets_markers_that_resolve_by_meaning() {
    let s = team();
    let root = s.dir.path();
    ok(s.git(root, "Cleo", &["clone", "-q", "origin.git", "cleo"]));
    let (ana, cleo) = (s.path("ana"), s.path("cleo"));
    // Neighbouring lines changed on both sides: git's line merge conflicts.
    ok(s.dossier(
        &ana,
        "Ana",
        &[
            "tag",
            "project.ron",
            "--tag",
            "person",
            "--quote",
            "Wolfgang Schomburg",
        ],
    ));
    ok(s.git(&ana, "Ana", &["commit", "-q", "-am", "Ana"]));
    ok(s.git(&ana, "Ana", &["push", "-q"]));
    ok(s.dossier(
        &cleo,
        "Cleo",
        &[
            "tag",
            "project.ron",
            "--tag",
            "person",
            "--quote",
            "Oleksandra Matviichuk",
        ],
    ));
    ok(s.git(&cleo, "Cleo", &["commit", "-q", "-am", "Cleo"]));
    let pulled = s.git(&cleo, "Cleo", &["pull", "--no-rebase", "--no-edit"]);
    assert!(!pulled.status.success(), "{}", text(&pulled));
    let file = cleo.join("project.ron");
    let raw = std::fs::read_to_string(&file).unwrap();
    assert!(store::conflict_marker_blocks(&raw) > 0, "git's markers");

    // Opening it says what happened, in the CLI and the app.
    let checked = s.dossier(&cleo, "Cleo", &["check", "project.ron"]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        text(&checked).contains("dossier resolve"),
        "{}",
        text(&checked)
    );
    let h = harness(&file, &s.path("home"));
    assert!(
        h.state()
            .messages
            .iter()
            .any(|m| m.contains("conflict marker")),
        "{:?}",
        h.state().messages
    );
    drop(h);

    // A copy outside git (no index to ask) resolves from the markers alone.
    let copy = s.path("copy.ron");
    std::fs::write(&copy, &raw).unwrap();
    let resolved = s.dossier(root, "Cleo", &["resolve", "copy.ron"]);
    assert!(resolved.status.code() == Some(0), "{}", text(&resolved));
    assert!(text(&resolved).contains("no base"), "{}", text(&resolved));
    let from_markers = store::load(&copy).unwrap();

    // In the clone, resolve asks git for the exact three versions.
    let resolved = ok(s.dossier(&cleo, "Cleo", &["resolve", "project.ron"]));
    assert!(text(&resolved).contains("git keeps"), "{}", text(&resolved));
    let merged = store::load(&file).unwrap();
    let quotes: Vec<&str> = merged.documents()[0]
        .annotations()
        .iter()
        .map(|a| a.quote.as_str())
        .collect();
    for q in ["Wolfgang Schomburg", "Oleksandra Matviichuk"] {
        assert!(quotes.contains(&q), "{quotes:?}");
    }
    assert_eq!(
        merged.annotation_count(),
        from_markers.annotation_count(),
        "the markers gave the same annotations"
    );
    ok(s.git(&cleo, "Cleo", &["add", "project.ron"]));
    ok(s.git(&cleo, "Cleo", &["commit", "-q", "--no-edit"]));
}
