//! A minimal brat standoff reader for the agreement tests: `T` lines only (with
//! `;`-separated fragments), every other line type ignored. It builds one Dossier
//! project per annotator folder. To be replaced by the real brat importer.

use dossier::model::{
    Annotation, Color, Document, Project, ProjectId, RelationKind, SourceMeta, TagDef, TagKind,
    TagSet,
};
use std::path::Path;

/// One text-bound annotation: `T1<TAB>PER 0 5;7 9<TAB>text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TextBound {
    /// The brat id (`T1`).
    pub(crate) id: String,
    /// The entity type.
    pub(crate) label: String,
    /// Code-point offsets, end-exclusive, in file order.
    pub(crate) fragments: Vec<(usize, usize)>,
    /// The mention text as the file gives it (fragments joined by one space).
    pub(crate) text: String,
}

/// The `T` lines of an `.ann` file.
pub(crate) fn read_ann(ann: &str) -> Vec<TextBound> {
    ann.lines()
        .filter(|l| l.starts_with('T'))
        .map(|line| {
            let mut cols = line.splitn(3, '\t');
            let id = cols.next().expect("id").to_owned();
            let spec = cols
                .next()
                .unwrap_or_else(|| panic!("no type and offsets: {line:?}"));
            let text = cols.next().unwrap_or_default().to_owned();
            let (label, offsets) = spec
                .split_once(' ')
                .unwrap_or_else(|| panic!("no offsets: {line:?}"));
            let fragments = offsets
                .split(';')
                .map(|f| {
                    let (s, e) = f
                        .trim()
                        .split_once(' ')
                        .unwrap_or_else(|| panic!("bad fragment {f:?} in {line:?}"));
                    (s.parse().expect("start"), e.parse().expect("end"))
                })
                .collect();
            TextBound {
                id,
                label: label.to_owned(),
                fragments,
                text,
            }
        })
        .collect()
}

/// One project holding every `.txt` of `dir` (by file name) as a document titled by
/// its stem, the text read byte-exact, annotated from the `.ann` beside it. Every
/// label found becomes a tag. Panics on a discontinuous span: a Dossier annotation is
/// one range until annotations get fragments.
pub(crate) fn project(dir: &Path) -> Project {
    let mut txts: Vec<_> = std::fs::read_dir(dir)
        .expect("annotator folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    txts.sort();
    let mut labels: Vec<String> = Vec::new();
    let mut documents = Vec::new();
    for txt in txts {
        let text = std::fs::read_to_string(&txt).expect("UTF-8 text");
        let ann = std::fs::read_to_string(txt.with_extension("ann")).unwrap_or_default();
        let stem = txt
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let doc = Document::new(
            stem.clone(),
            SourceMeta {
                file_name: Some(format!("{stem}.txt")),
                ..SourceMeta::default()
            },
            text,
        );
        let mut annotations = Vec::new();
        for t in read_ann(&ann) {
            let [(start, end)] = t.fragments[..] else {
                panic!(
                    "{stem}: {} is discontinuous; Dossier annotations have one range",
                    t.id
                );
            };
            let a = Annotation::new(doc.text(), doc.char_index(), &t.label, start, end, "brat")
                .unwrap_or_else(|| panic!("{stem}: {} is outside the text", t.id));
            assert_eq!(a.quote, t.text, "{stem}: {} does not quote its text", t.id);
            if !labels.contains(&t.label) {
                labels.push(t.label.clone());
            }
            annotations.push(a);
        }
        documents.push(Document::with_annotations(
            doc.id,
            doc.title.clone(),
            doc.source.clone(),
            doc.text().to_owned(),
            annotations,
        ));
    }
    labels.sort();
    let tags = TagSet {
        tags: labels
            .into_iter()
            .map(|l| TagDef {
                key: l.clone(),
                label: l,
                color: Color([0x88, 0x88, 0x88]),
                shortcut: None,
                kind: TagKind::Span,
                role: None,
            })
            .collect(),
    };
    let name = dir
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let p = Project::from_parts(
        ProjectId::new(),
        name,
        tags,
        RelationKind::defaults(),
        documents,
        Vec::new(),
        Vec::new(),
    );
    p.validate().expect("a valid project");
    p
}
