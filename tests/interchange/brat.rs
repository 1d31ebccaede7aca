//! brat: the tutorial corpus and the edge cases imported, exported and imported
//! again — every T and R line comes back (same types, offsets and text), and the
//! second import equals the first; every line type; CRLF; astral characters.

use super::shape::shape;
use dossier::commands::Editor;
use dossier::export::{self, Content, Format, Options};
use dossier::import::{self, AnnotationFiles, AnnotationImport, brat::BratDocument};
use dossier::model::{ClaimStatus, EntityRole, Project, TagKind};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/brat")
}

fn corpus_dirs() -> Vec<PathBuf> {
    vec![
        fixtures().join("news"),
        fixtures().join("synthetic-edge-cases"),
    ]
}

pub(crate) fn apply(p: Project, imported: &AnnotationImport) -> Project {
    let mut e = Editor::new(p);
    if let Some(c) = imported.command.clone() {
        e.apply(c).unwrap();
    }
    let p = e.into_project();
    p.validate().unwrap();
    p
}

fn import_dirs(dirs: &[PathBuf]) -> (Project, AnnotationImport) {
    let files = import::read_annotation_files(import::AnnotationFormat::Brat, dirs).unwrap();
    let p = Project::new("brat");
    let imported = import::import_files(&p, &files).unwrap();
    (apply(p, &imported), imported)
}

fn export_brat(p: &Project) -> Vec<(String, Vec<u8>)> {
    let out = export::export(p, Format::Brat, &Options::default()).unwrap();
    let Content::Folder(files) = out.content else {
        panic!("a folder")
    };
    files
}

fn as_documents(files: &[(String, Vec<u8>)]) -> Vec<BratDocument> {
    let by_name: HashMap<&str, &Vec<u8>> = files.iter().map(|(n, b)| (n.as_str(), b)).collect();
    files
        .iter()
        .filter_map(|(n, _)| n.strip_suffix(".ann"))
        .map(|stem| BratDocument {
            name: stem.to_owned(),
            ann: String::from_utf8(by_name[&*format!("{stem}.ann")].clone()).unwrap(),
            txt: by_name[&*format!("{stem}.txt")].clone(),
        })
        .collect()
}

/// A T line as (type, fragments, text); an R line as (type, arg1's T, arg2's T).
type TKey = (String, Vec<(usize, usize)>, String);

fn t_and_r(ann: &str, shift: &dyn Fn(usize) -> usize) -> (Vec<TKey>, Vec<(String, TKey, TKey)>) {
    let mut ts: HashMap<String, TKey> = HashMap::new();
    let mut order = Vec::new();
    let mut rs = Vec::new();
    for line in ann.lines() {
        let cols: Vec<&str> = line.splitn(3, '\t').collect();
        if line.starts_with('T') {
            let (ty, offsets) = cols[1].split_once(' ').unwrap();
            let fragments = offsets
                .split(';')
                .map(|f| {
                    let (s, e) = f.split_once(' ').unwrap();
                    (shift(s.parse().unwrap()), shift(e.parse().unwrap()))
                })
                .collect();
            let key = (ty.to_owned(), fragments, cols[2].to_owned());
            ts.insert(cols[0].to_owned(), key.clone());
            order.push(key);
        }
    }
    for line in ann.lines().filter(|l| l.starts_with('R')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let words: Vec<&str> = cols[1].split(' ').collect();
        let arg = |w: &str| ts[w.split_once(':').unwrap().1].clone();
        rs.push((words[0].to_owned(), arg(words[1]), arg(words[2])));
    }
    order.sort();
    rs.sort();
    (order, rs)
}

/// Raw code point → LF text code point for a CRLF text (identity otherwise).
fn crlf_shift(txt: &str) -> impl Fn(usize) -> usize + use<> {
    let crs: Vec<usize> = txt
        .chars()
        .collect::<Vec<_>>()
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0] == '\r' && w[1] == '\n')
        .map(|(i, _)| i)
        .collect();
    move |raw| raw - crs.iter().filter(|&&c| c < raw).count()
}

#[test]
fn the_corpus_round_trips_every_t_and_r_line_and_reimports_identically() {
    let (first, imported) = import_dirs(&corpus_dirs());
    assert_eq!(first.documents().len(), 15);
    let files = export_brat(&first);
    let exported: BTreeMap<&str, &Vec<u8>> = files.iter().map(|(n, b)| (n.as_str(), b)).collect();
    let (mut t_lines, mut r_lines) = (0, 0);
    for dir in corpus_dirs() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "ann") {
                continue;
            }
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let original = std::fs::read_to_string(&path).unwrap();
            let txt = std::fs::read_to_string(path.with_extension("txt")).unwrap();
            let (t0, r0) = t_and_r(&original, &crlf_shift(&txt));
            let ours = String::from_utf8(exported[&*format!("{stem}.ann")].clone()).unwrap();
            let (t1, r1) = t_and_r(&ours, &|x| x);
            assert_eq!(t1, t0, "{stem}: T lines");
            assert_eq!(r1, r0, "{stem}: R lines");
            t_lines += t0.len();
            r_lines += r0.len();
            // The text is the canonical text, byte for byte.
            let doc = first.documents().iter().find(|d| d.title == stem).unwrap();
            assert_eq!(
                exported[&*format!("{stem}.txt")].as_slice(),
                doc.text().as_bytes()
            );
        }
    }
    eprintln!("brat round trip: {t_lines} T lines and {r_lines} R lines equal");
    assert_eq!((t_lines, r_lines), (128, 9));
    // Re-importing the export gives the same project (ids aside).
    let again = import::import_files(
        &Project::new("brat"),
        &AnnotationFiles::Brat(as_documents(&files)),
    )
    .unwrap();
    let second = apply(Project::new("brat"), &again);
    assert_eq!(shape(&second), shape(&first));
    assert_eq!(second.tags, first.tags);
    assert_eq!(second.relation_kinds, first.relation_kinds);
    let names = |p: &Project| {
        p.entities()
            .iter()
            .map(|e| {
                (
                    e.kind.clone(),
                    e.name.clone(),
                    e.aliases.clone(),
                    e.note.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&second), names(&first));
    // Only the CRLF text's line ends were worth a warning the second time.
    assert!(again.warnings.is_empty(), "{:#?}", again.warnings);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("crlf.txt has CRLF"))
    );
}

fn one(ann: &str, txt: &str) -> (Project, AnnotationImport) {
    let doc = BratDocument {
        name: "doc".into(),
        ann: ann.into(),
        txt: txt.as_bytes().to_vec(),
    };
    let p = Project::new("p");
    let imported = import::import_files(&p, &AnnotationFiles::Brat(vec![doc])).unwrap();
    (apply(p, &imported), imported)
}

#[test]
fn every_line_type_finds_a_home() {
    let dir = fixtures().join("synthetic-edge-cases");
    let ann = std::fs::read_to_string(dir.join("astral_discontinuous.ann")).unwrap();
    let txt = std::fs::read_to_string(dir.join("astral_discontinuous.txt")).unwrap();
    let (p, imported) = one(&ann, &txt);
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
    let d = &p.documents()[0];
    let by_quote = |q: &str| d.annotations().iter().find(|a| a.quote == q).unwrap();
    // T with fragments: quote joined by " … ", offsets in code points after the flag.
    let polish = by_quote("Polish … governments");
    assert_eq!(polish.fragments, vec![(72, 78), (94, 105)]);
    assert_eq!(by_quote("Kyiv").start, 3);
    // N: one entity, its reference kept; *: Zelensky joins it.
    let z = p
        .entity(by_quote("Volodymyr Zelensky").entity.unwrap())
        .unwrap();
    assert_eq!(z.name, "Volodymyr Zelensky");
    assert_eq!(z.note, "Reference DossierKB:E42");
    assert_eq!(z.aliases, vec!["Zelensky".to_owned()]);
    assert_eq!(by_quote("Zelensky").entity, Some(z.id));
    // A: a binary attribute kept in the note; #: notes.
    assert_eq!(
        by_quote("the claim").note,
        "claim refers back to the resumption statement"
    );
    let said = by_quote("said");
    assert_eq!(said.note, "Negated");
    assert_eq!(by_quote("Volodymyr Zelensky").note, "Mention: Name");
    // E: an event tag with a role relation; R: a relation kind created.
    assert_eq!(
        p.tags.get("Statement").unwrap().role,
        Some(EntityRole::Event)
    );
    assert_eq!(p.tags.get("Claim").unwrap().kind, TagKind::Claim);
    assert_eq!(p.tags.get("Person").unwrap().role, Some(EntityRole::Person));
    let kinds: Vec<&str> = p.relations().iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, ["Speaker-Arg", "Reports"]);
    assert!(p.tags.tags.iter().all(|t| t.shortcut.is_none() || ["claim", "person", "event"].contains(&t.key.as_str())));
}

#[test]
fn a_claim_status_attribute_becomes_the_status_and_others_the_note() {
    let (p, imported) = one(
        "T1\tClaim 0 5\tAngel\nA1\tStatus T1 disputed\nA2\tConfidence T1 High\n#1\tAnnotatorNotes T1\tcheck it\n",
        "Angel said so.",
    );
    assert!(imported.warnings.is_empty());
    let a = &p.documents()[0].annotations()[0];
    assert_eq!(a.status, Some(ClaimStatus::Disputed));
    assert_eq!(a.note, "Confidence: High\ncheck it");
    let files = export_brat(&p);
    let ann = String::from_utf8(
        files
            .iter()
            .find(|(n, _)| n == "doc.ann")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert_eq!(
        ann,
        "T1\tClaim 0 5\tAngel\nA1\tStatus T1 disputed\n#1\tAnnotatorNotes T1\tConfidence: High\n#2\tAnnotatorNotes T1\tcheck it\n"
    );
}

#[test]
fn a_crlf_text_keeps_lf_and_offsets_move_with_the_line_ends() {
    let dir = fixtures().join("synthetic-edge-cases");
    let txt = std::fs::read(dir.join("crlf.txt")).unwrap();
    let ann = std::fs::read_to_string(dir.join("crlf.ann")).unwrap();
    let (p, imported) = one(&ann, std::str::from_utf8(&txt).unwrap());
    let d = &p.documents()[0];
    assert!(!d.text().contains('\r'));
    let a = &d.annotations()[0];
    assert_eq!((a.start, a.end, a.quote.as_str()), (181, 189, "Zelensky"));
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("CRLF") && w.contains("brat#853"))
    );
    assert!(d.source.import_note.as_deref().unwrap().contains("CRLF"));
    // A tool that counted without the \r: still found, and said so.
    let (p, imported) = one(
        "T1\tPerson 181 189\tZelensky\n",
        std::str::from_utf8(&txt).unwrap(),
    );
    assert_eq!(p.documents()[0].annotations()[0].start, 181);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("without the \\r"))
    );
}

#[test]
fn utf16_and_byte_offsets_are_recognised_and_said() {
    let txt = "😊 Reuters reported.";
    let (p, imported) = one(
        "T1\tOrg 2 9\tReuters\nT2\tOrg 3 10\tReuters\nT3\tOrg 5 12\tReuters\n",
        txt,
    );
    let starts: Vec<usize> = p.documents()[0]
        .annotations()
        .iter()
        .map(|a| a.start)
        .collect();
    // Code points, UTF-16 units, UTF-8 bytes: one span, three annotations on it.
    assert_eq!(starts, [2, 2, 2]);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("UTF-16") && w.contains("T2"))
    );
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("UTF-8 bytes") && w.contains("T3"))
    );
}

#[test]
fn lines_without_a_home_are_listed_and_empty_files_are_documents() {
    let (p, imported) = one(
        "T1\tPER 0 5\tAngel\n\
         T2\tPER 0 99\tfar\n\
         T3\tPER x y\tbad\n\
         R1\tRel Arg1:T1 Arg2:T9\t\n\
         E1\tEv:T9 Role:T1\n\
         A1\tNeg T7\n\
         #1\tAnnotatorNotes T8\tlost\n\
         N1\tReference T1 nope\tx\n\
         *\tAlias T1\n\
         X1\twhat\n",
        "Angel said so.",
    );
    assert_eq!(p.annotation_count(), 1);
    let w = imported.warnings.join("\n");
    for id in ["T2", "T3", "R1", "E1", "A1", "#1", "N1", "*", "X1"] {
        assert!(w.contains(id), "{id} is not listed:\n{w}");
    }
    let (p, imported) = one("", "Nothing annotated here.\n");
    assert_eq!((p.documents().len(), p.annotation_count()), (1, 0));
    assert!(imported.warnings.is_empty());
    let (p, _) = one("\n\n", "x");
    assert_eq!(p.annotation_count(), 0);
}

#[test]
fn export_writes_fragments_events_notes_links_and_a_configuration() {
    let p = super::sample::sample();
    let out = export::export(&p, Format::Brat, &Options::default()).unwrap();
    let Content::Folder(files) = &out.content else {
        panic!()
    };
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Talks_to_resume.txt",
            "Talks_to_resume.ann",
            "گزارش.txt",
            "گزارش.ann",
            "annotation.conf",
            "visual.conf"
        ]
    );
    let ann = String::from_utf8(files[1].1.clone()).unwrap();
    assert!(
        ann.contains("\torganisation 72 78;94 105\tPolish governments\n"),
        "{ann}"
    );
    assert!(ann.lines().any(|l| l.starts_with("E1\tevent:T")));
    assert!(
        ann.lines()
            .any(|l| l.starts_with("A1\tStatus T") && l.ends_with(" disputed"))
    );
    assert!(ann.lines().any(|l| l.starts_with('N')
        && l.contains("Reference T")
        && l.contains(" Dossier:")
        && l.ends_with("\tVolodymyr Zelensky")));
    assert!(
        ann.lines()
            .any(|l| l.ends_with("\tSee <b>the</b> \"ministry\" & =SUM(A1)."))
    );
    assert!(
        ann.lines()
            .any(|l| l.starts_with("R1\treports Arg1:T") && l.ends_with('\t'))
    );
    let conf = String::from_utf8(files[4].1.clone()).unwrap();
    assert!(
        conf.contains("[entities]")
            && conf.contains("\nclaim\n")
            && conf.contains("Status\tArg:claim")
    );
    // Relations to entities and documents have no place in brat: listed.
    assert_eq!(out.warnings.len(), 1);
    assert!(
        out.warnings[0].starts_with("4 relation(s) not exported"),
        "{}",
        out.warnings[0]
    );
}

#[test]
fn an_exported_project_reimports_with_its_entities() {
    let p = super::sample::sample();
    let files = export_brat(&p);
    let again = import::import_files(&p, &AnnotationFiles::Brat(as_documents(&files))).unwrap();
    let q = apply(p.clone(), &again);
    // Entity links to the project's own entities (Dossier:<id>) find them again.
    assert_eq!(q.entities().len(), p.entities().len());
    assert_eq!(q.documents().len(), 2 * p.documents().len());
    for (a, b) in p.documents().iter().zip(&q.documents()[2..]) {
        let key = |d: &dossier::model::Document| {
            d.annotations()
                .iter()
                .map(|a| {
                    (
                        a.tag.clone(),
                        a.ranges().collect::<Vec<_>>(),
                        a.entity,
                        a.status,
                        a.note.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(key(a), key(b));
    }
}

#[test]
fn new_tag_colours_keep_text_readable_under_three_layers() {
    use dossier::ui::theme::{Page, contrast};
    let mut colors: Vec<dossier::model::Color> = dossier::model::TagSet::default()
        .tags
        .iter()
        .map(|t| t.color)
        .collect();
    colors.extend(dossier::import::annotations::PALETTE);
    for dark in [false, true] {
        let page = Page::new(dark);
        for a in &colors {
            let one = page.tint(*a);
            assert!(contrast(page.text, one) >= 4.5, "{a} dark={dark}");
            for b in &colors {
                let two = page.layer(one, *b);
                assert!(contrast(page.text, two) >= 4.5, "{a}+{b} dark={dark}");
                for c in &colors {
                    let r = contrast(page.text, page.layer(two, *c));
                    assert!(r >= 4.5, "{a}+{b}+{c} dark={dark}: {r:.2}");
                }
            }
        }
    }
    // New tags take colours no tag has yet.
    let (p, _) = one("T1\tA 0 1\tx\nT2\tB 2 3\ty\n", "x y z");
    let a = p.tags.get("A").unwrap().color;
    let b = p.tags.get("B").unwrap().color;
    assert_ne!(a, b);
    assert!(
        dossier::model::TagSet::default()
            .tags
            .iter()
            .all(|t| t.color != a && t.color != b)
    );
}
