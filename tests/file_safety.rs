//! Saving never loses someone else's work, and reading never hangs or runs away
//! (issue 8 §1 and §3): conditional saves, the locked edit, exclusive creation,
//! symbolic links, owner and mode, read-only files, stale temp files, and FIFOs,
//! devices and sparse files as projects or articles.

#![allow(clippy::unwrap_used)]

use dossier::commands::{Command, Editor};
use dossier::model::{Document, Entity, Project, SourceMeta};
use dossier::store::{self, Outcome, StoreError};
use std::path::Path;
use std::process::{Command as Process, Output, Stdio};
use std::time::{Duration, Instant};

fn project(name: &str) -> Project {
    let mut editor = Editor::new_unsaved(Project::new(name));
    editor
        .apply(Command::AddDocument {
            document: Box::new(Document::new(
                "Doc",
                SourceMeta::default(),
                "Maryam Rajavi spoke in Paris.\n",
            )),
            index: None,
        })
        .unwrap();
    editor.into_project()
}

fn with_entity(p: Project, name: &str) -> Project {
    let mut editor = Editor::new(p);
    editor
        .apply(Command::AddEntity {
            entity: Entity::new("person", name),
            index: None,
        })
        .unwrap();
    editor.into_project()
}

fn names(path: &Path) -> Vec<String> {
    let p = store::load(path).unwrap();
    let mut v: Vec<String> = p.entities().iter().map(|e| e.name.clone()).collect();
    v.sort();
    v
}

#[test]
fn a_save_over_a_file_someone_else_wrote_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&project("p"), &path).unwrap();
    let (mine, stamp) = store::load_with_stamp(&path).unwrap();

    // Another window saves first.
    let (theirs, _) = store::load_with_stamp(&path).unwrap();
    store::save(&with_entity(theirs, "Their entity"), &path).unwrap();
    let on_disk = std::fs::read(&path).unwrap();

    let err = store::save_if_unchanged(&with_entity(mine, "Mine"), &path, Some(&stamp))
        .expect_err("their file must not be overwritten");
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("changed on disk since it was read") && msg.contains("nothing was written"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "byte-identical");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );

    // Same size, same second: only the hash tells. Rewrite the file with one byte
    // changed and its old modification time.
    let (mine, stamp) = store::load_with_stamp(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(5).position(|w| w == b"Paris").unwrap();
    bytes[at] = b'B';
    std::fs::write(&path, &bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let err = store::save_if_unchanged(&mine, &path, Some(&stamp)).unwrap_err();
    assert!(msg_has(&err, "its contents changed"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);

    // Deleted since it was read.
    let (mine, stamp) = store::load_with_stamp(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let err = store::save_if_unchanged(&mine, &path, Some(&stamp)).unwrap_err();
    assert!(msg_has(&err, "deleted"), "{err}");
    assert!(!path.exists());

    // Unchanged: the save goes through and returns the new stamp, which the next save
    // may expect.
    store::save(&project("p"), &path).unwrap();
    let (p, stamp) = store::load_with_stamp(&path).unwrap();
    let next = store::save_if_unchanged(&with_entity(p, "A"), &path, Some(&stamp)).unwrap();
    let (p, _) = store::load_with_stamp(&path).unwrap();
    store::save_if_unchanged(&with_entity(p, "B"), &path, Some(&next)).unwrap();
    assert_eq!(names(&path), ["A", "B"]);
}

fn msg_has(e: &StoreError, needle: &str) -> bool {
    e.to_string().contains(needle)
}

#[test]
fn an_edit_is_redone_once_on_a_file_replaced_by_a_writer_that_does_not_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&project("p"), &path).unwrap();
    let mut calls = 0;
    let edited = store::edit(&path, |p| {
        calls += 1;
        if calls == 1 {
            // An editor or `git checkout` writes the file while we work on it.
            let theirs = with_entity(store::load(&path).unwrap(), "External");
            std::fs::write(&path, store::to_ron(&theirs).unwrap()).unwrap();
        }
        Ok::<_, StoreError>(Outcome::Save(with_entity(p, "Ours"), calls))
    })
    .unwrap();
    assert_eq!((edited.value, edited.written), (2, true));
    assert_eq!(names(&path), ["External", "Ours"], "neither change is lost");

    // A file that keeps changing under us: refused after the one retry.
    let before_each = std::cell::Cell::new(0);
    let err = store::edit(&path, |p| {
        before_each.set(before_each.get() + 1);
        let theirs = with_entity(store::load(&path).unwrap(), "Churn");
        std::fs::write(&path, store::to_ron(&theirs).unwrap()).unwrap();
        Ok::<_, StoreError>(Outcome::Save(with_entity(p, "Lost?"), ()))
    })
    .unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(before_each.get(), 2);
    assert!(!names(&path).contains(&"Lost?".to_owned()));

    // Nothing to change: the file is not rewritten (not even its time).
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let edited = store::edit(&path, |p| Ok::<_, StoreError>(Outcome::Save(p, ()))).unwrap();
    assert!(!edited.written);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn create_new_refuses_an_existing_file_or_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::create_new(&project("first"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = store::create_new(&project("second"), &path).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
    assert!(err.to_string().ends_with("p.ron already exists"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(store::load(&path).unwrap().name, "first");
    #[cfg(unix)]
    {
        let dangling = dir.path().join("dangling.ron");
        std::os::unix::fs::symlink("nowhere.ron", &dangling).unwrap();
        assert!(matches!(
            store::create_new(&project("x"), &dangling),
            Err(StoreError::AlreadyExists(_))
        ));
        assert!(!dir.path().join("nowhere.ron").exists());
    }
    // A failed creation leaves nothing behind: no empty file, no temp file.
    let in_missing_folder = dir.path().join("missing").join("p.ron");
    assert!(store::create_new(&project("x"), &in_missing_folder).is_err());
    let left = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(left, if cfg!(unix) { 2 } else { 1 }, "p.ron (and the link)");
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("projects");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("real.ron");
    store::save(&project("p"), &real).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("projects/real.ron", &link).unwrap();

    // Through the library…
    let (p, stamp) = store::load_with_stamp(&link).unwrap();
    store::save_if_unchanged(&with_entity(p, "Via link"), &link, Some(&stamp)).unwrap();
    // …and through the CLI's locked edit.
    let out = dossier(
        &[
            "entity", "link.ron", "--kind", "person", "--name", "Via CLI",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(names(&real), ["Via CLI", "Via link"]);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    assert_eq!(std::fs::read_dir(&real_dir).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn mode_and_owner_are_kept() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&project("p"), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let me = std::fs::metadata(&path).unwrap();
    // Only root may give a file away; then the owner must survive a save.
    let other = (me.uid() + 4242, me.gid() + 4242);
    let can_chown = std::os::unix::fs::chown(&path, Some(other.0), Some(other.1)).is_ok();
    let out = dossier(&["title", "p.ron", "Renamed"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(after.permissions().mode() & 0o7777, 0o640);
    if can_chown {
        assert_eq!((after.uid(), after.gid()), other, "owner kept");
    } else {
        eprintln!("not root: the owner case is not applicable");
    }
    assert_eq!(store::load(&path).unwrap().documents()[0].title, "Renamed");
}

#[cfg(unix)]
#[test]
fn a_read_only_project_is_refused_not_replaced() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&project("p"), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Checked on the permission bits, so it holds for root too, who could write it.
    let err = store::save(&project("q"), &path).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    for args in [
        &["tag", "p.ron", "--tag", "person", "--quote", "Paris"][..],
        &["fmt", "p.ron"],
        &["title", "p.ron", "T"],
    ] {
        let out = dossier(args, dir.path());
        assert_eq!(out.status.code(), Some(1));
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(e.contains("p.ron is read-only; nothing was written"), "{e}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(target_os = "linux")]
#[test]
fn temp_files_of_dead_processes_are_removed_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&project("p"), &path).unwrap();
    // A PID that is certainly gone: a child we waited for.
    let mut child = Process::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    let make = |name: &str, age: Option<std::time::SystemTime>| {
        let p = dir.path().join(name);
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(1 << 20).unwrap();
        if let Some(t) = age {
            f.set_modified(t).unwrap();
        }
        p
    };
    let stale = make(&format!(".p.ron.{dead}.aB3xYz.tmp"), Some(old));
    let young = make(&format!(".p.ron.{dead}.Qw1234.tmp"), None);
    let live = make(".p.ron.1.zZ9abc.tmp", Some(old)); // PID 1 is always running
    let other_project = make(&format!(".q.ron.{dead}.aB3xYz.tmp"), Some(old));
    let not_ours = make(&format!(".p.ron.{dead}.tmp"), Some(old));

    store::save(&project("p"), &path).unwrap();
    assert!(!stale.exists(), "a dead process's temp file is removed");
    assert!(
        young.exists(),
        "one under a minute old may be a save on another machine"
    );
    assert!(live.exists(), "a running process's temp file is kept");
    assert!(
        other_project.exists(),
        "another project's temp files are its own"
    );
    assert!(
        not_ours.exists(),
        "names not made by Dossier are left alone"
    );
}

/// Runs the real binary in `dir`, killing it if it does not finish within 20 s (a
/// FIFO must never hang a command).
fn dossier(args: &[&str], dir: &Path) -> Output {
    let mut child = Process::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env("DOSSIER_AUTHOR", "tester")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("dossier {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn refused(args: &[&str], dir: &Path, needle: &str) {
    let out = dossier(args, dir);
    let e = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {e}");
    assert!(e.contains(needle), "{args:?}: {e} should say {needle:?}");
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_sparse_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    store::save(&project("p"), &d.join("p.ron")).unwrap();
    let before = std::fs::read(d.join("p.ron")).unwrap();
    for fifo in ["fifo.ron", "fifo.md"] {
        let made = Process::new("mkfifo").arg(d.join(fifo)).status().unwrap();
        assert!(made.success());
    }
    refused(
        &["check", "fifo.ron"],
        d,
        "fifo.ron is a named pipe (FIFO), not a project file",
    );
    refused(&["fmt", "fifo.ron"], d, "named pipe (FIFO)");
    refused(
        &[
            "tag", "fifo.ron", "--tag", "person", "--start", "0", "--end", "1",
        ],
        d,
        "named pipe",
    );
    refused(
        &["add", "p.ron", "fifo.md"],
        d,
        "fifo.md is a named pipe (FIFO), not an article file",
    );
    refused(&["new", "n.ron", "fifo.md"], d, "named pipe (FIFO)");
    for dev in ["/dev/zero", "/dev/urandom"] {
        refused(
            &["add", "p.ron", dev],
            d,
            "is a character device, not an article file",
        );
        refused(
            &["check", dev],
            d,
            "is a character device, not a project file",
        );
    }
    // 6 GiB that cost nothing on disk: refused from its size, before reading.
    let sparse = std::fs::File::create(d.join("sparse.ron")).unwrap();
    sparse.set_len(6 * 1024 * 1024 * 1024).unwrap();
    std::fs::hard_link(d.join("sparse.ron"), d.join("sparse.md")).unwrap();
    refused(
        &["fmt", "sparse.ron"],
        d,
        "sparse.ron is 6 GiB (6442450944 bytes), larger than the 512 MiB a project file may have",
    );
    refused(&["check", "sparse.ron"], d, "larger than the 512 MiB");
    refused(
        &["add", "p.ron", "sparse.md"],
        d,
        "articles larger than 256 MiB are not imported",
    );
    assert_eq!(std::fs::read(d.join("p.ron")).unwrap(), before);
    assert!(!d.join("n.ron").exists());
}
