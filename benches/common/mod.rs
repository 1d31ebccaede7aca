//! A generated book-length project for the benchmarks: deterministic, with mixed
//! scripts so char/byte conversions are exercised as in real articles.

// Each bench uses only part of this module; the rest is not dead, just unused there.
#![allow(dead_code)]

use dossier::commands::{Command, Editor};
use dossier::model::{Annotation, Document, Entity, Project, SourceMeta};

const WORDS: &[&str] = &[
    "the",
    "tribunal",
    "heard",
    "that",
    "prisoners",
    "were",
    "executed",
    "in",
    "summer",
    "1988",
    "witnesses",
    "said",
    "Tehran",
    "committee",
    "death",
    "Évin",
    "prison",
    "families",
    "demand",
    "justice",
    "مریم",
    "رجوی",
    "accountability",
    "international",
    "investigation",
    "crimes",
    "against",
    "humanity",
    "Stockholm",
    "court",
    "testimony",
    "café",
    "“alleged”",
    "officials",
    "denied",
    "evidence",
    "report",
    "United",
    "Nations",
    "and",
];

/// A Persian vocabulary as a Persian report reads: Persian words and digits, a
/// Latin name or acronym, and bracketed years (mirrored brackets, digits inside
/// right-to-left text), so every paragraph is right-to-left with embedded runs.
pub(crate) const PERSIAN_WORDS: &[&str] = &[
    "دادگاه",
    "گفت",
    "که",
    "زندانیان",
    "در",
    "تابستان",
    "۱۳۶۷",
    "اعدام",
    "شدند",
    "شاهدان",
    "تهران",
    "کمیته",
    "مرگ",
    "زندان",
    "اوین",
    "خانواده‌ها",
    "خواستار",
    "عدالت",
    "هستند",
    "مریم",
    "رجوی",
    "پاسخگویی",
    "بین‌المللی",
    "تحقیق",
    "جنایت",
    "علیه",
    "بشریت",
    "استکهلم",
    "(1988)",
    "Amnesty",
    "UN",
    "«ادعا»",
    "مقامات",
    "انکار",
    "کردند",
    "گزارش",
    "سازمان",
    "ملل",
    "و",
    "۳۰",
];

/// A small deterministic PRNG (xorshift), so every run generates the same project.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Text of `words` words in paragraphs of 40–160 words, plus the char offset and
/// char length of every word.
pub(crate) fn book(words: usize, rng: &mut Rng) -> (String, Vec<(usize, usize)>) {
    book_of(words, WORDS, rng)
}

/// [`book`] in the words of `vocabulary`.
pub(crate) fn book_of(
    words: usize,
    vocabulary: &[&str],
    rng: &mut Rng,
) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(words * 8);
    let mut spans = Vec::with_capacity(words);
    let mut chars = 0;
    let mut left_in_para = 40 + rng.below(120);
    for i in 0..words {
        if i > 0 {
            if left_in_para == 0 {
                text.push_str(".\n\n");
                chars += 3;
                left_in_para = 40 + rng.below(120);
            } else {
                text.push(' ');
                chars += 1;
            }
        }
        let w = vocabulary[rng.below(vocabulary.len())];
        let n = w.chars().count();
        spans.push((chars, n));
        text.push_str(w);
        chars += n;
        left_in_para -= 1;
    }
    text.push_str(".\n");
    (text, spans)
}

/// A project with one document of `words` words and `annotations` annotations of 1–6
/// words each, tags cycling through claim, person and event; person and event
/// mentions are linked to `entities` entities (half people, half events).
pub(crate) fn project(words: usize, annotations: usize) -> Project {
    project_with_entities(words, annotations, 0)
}

/// [`project`] with mentions linked to `entities` entities.
pub(crate) fn project_with_entities(words: usize, annotations: usize, entities: usize) -> Project {
    project_in(WORDS, words, annotations, entities)
}

/// [`project_with_entities`] with a book in the words of `vocabulary`.
pub(crate) fn project_in(
    vocabulary: &[&str],
    words: usize,
    annotations: usize,
    entities: usize,
) -> Project {
    let mut rng = Rng::new(0x5eed);
    let (text, spans) = book_of(words, vocabulary, &mut rng);
    let doc = Document::new("Generated book", SourceMeta::default(), text);
    let doc_id = doc.id;
    let people: Vec<Entity> = (0..entities / 2)
        .map(|i| Entity::new("person", format!("Person {i} Surname{i}")))
        .collect();
    let events: Vec<Entity> = (0..entities - entities / 2)
        .map(|i| Entity::new("event", format!("Event {i} of 1988")))
        .collect();
    let mut anns = Vec::with_capacity(annotations);
    for i in 0..annotations {
        let first = rng.below(spans.len());
        let last = (first + rng.below(6)).min(spans.len() - 1);
        let start = spans[first].0;
        let end = spans[last].0 + spans[last].1;
        let tag = ["claim", "person", "event"][i % 3];
        if let Some(mut a) = Annotation::new(doc.text(), doc.char_index(), tag, start, end, "bench")
        {
            let pool = if tag == "person" { &people } else { &events };
            if tag != "claim" && !pool.is_empty() {
                a.entity = Some(pool[rng.below(pool.len())].id);
            }
            if i % 7 == 0 {
                a.note = format!("note {i}: checked against the court record");
            }
            anns.push(a);
        }
    }
    let doc = Document::with_annotations(
        doc.id,
        doc.title.clone(),
        doc.source.clone(),
        doc.text().to_owned(),
        anns,
    );
    let mut editor = Editor::new_unsaved(Project::new("Benchmark"));
    for entity in people.into_iter().chain(events) {
        if let Err(e) = editor.apply(Command::AddEntity {
            entity,
            index: None,
        }) {
            panic!("generated entity is invalid: {e}");
        }
    }
    if let Err(e) = editor.apply(Command::AddDocument {
        document: Box::new(doc),
        index: None,
    }) {
        panic!("generated document is invalid: {e}");
    }
    let _ = doc_id;
    editor.into_project()
}

/// Runs `f` `runs` times and returns the median and the minimum, in milliseconds.
pub(crate) fn time_ms(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = std::time::Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[t.len() / 2], t[0])
}

/// A corpus: `docs` articles of about `words` words each (40–160-word paragraphs),
/// `annotations` annotations per article (tags cycling claim, person, event;
/// mentions linked at random to `entities` entities, half people, half events).
/// Assembled directly (not command by command, which checks every id against the
/// whole project and is meant for one edit at a time).
pub(crate) fn corpus(docs: usize, words: usize, annotations: usize, entities: usize) -> Project {
    let mut rng = Rng::new(0xc0ffee);
    let people: Vec<Entity> = (0..entities / 2)
        .map(|i| Entity::new("person", format!("Person {i} Surname{i}")))
        .collect();
    let events: Vec<Entity> = (0..entities - entities / 2)
        .map(|i| Entity::new("event", format!("Event {i} of 1988")))
        .collect();
    let mut documents = Vec::with_capacity(docs);
    for d in 0..docs {
        let (text, spans) = book(words, &mut rng);
        let doc = Document::new(format!("Article {d}"), SourceMeta::default(), text);
        let mut anns = Vec::with_capacity(annotations);
        for i in 0..annotations {
            let first = rng.below(spans.len());
            let last = (first + rng.below(4)).min(spans.len() - 1);
            let (start, end) = (spans[first].0, spans[last].0 + spans[last].1);
            let tag = ["claim", "person", "event"][i % 3];
            if let Some(mut a) =
                Annotation::new(doc.text(), doc.char_index(), tag, start, end, "bench")
            {
                let pool = if tag == "person" { &people } else { &events };
                if tag != "claim" && !pool.is_empty() {
                    a.entity = Some(pool[rng.below(pool.len())].id);
                }
                anns.push(a);
            }
        }
        documents.push(Document::with_annotations(
            doc.id,
            doc.title.clone(),
            doc.source.clone(),
            doc.text().to_owned(),
            anns,
        ));
    }
    let base = Project::new("Corpus");
    let p = Project::from_parts(
        base.id,
        base.name,
        base.tags,
        base.relation_kinds,
        documents,
        people.into_iter().chain(events).collect(),
        Vec::new(),
    );
    if let Err(e) = p.validate() {
        panic!("generated corpus is invalid: {e}");
    }
    p
}

/// `--name N` from the command line (cargo bench passes `--bench` too; it is ignored).
pub(crate) fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// This process's resident memory now and at its peak, in MiB (Linux; 0 elsewhere).
pub(crate) fn rss_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Renders one frame of the app headless (layout + tessellation, no GPU) at
/// 1280×820 and returns how long it took, in milliseconds.
pub(crate) fn frame(
    ctx: &egui::Context,
    app: &mut dossier::app::DossierApp,
    time: &mut f64,
) -> f64 {
    *time += 1.0 / 60.0;
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 820.0),
        )),
        time: Some(*time),
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let out = ctx.run_ui(input, |ui| app.frame(ui));
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    std::hint::black_box(prims);
    start.elapsed().as_secs_f64() * 1000.0
}

/// The median of some timings.
pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}
