//! What each subcommand does. Edits go through the same [`Editor`] as the app, and
//! every read-modify-write through [`store::edit`], which holds the project's lock
//! from the read to the rename, so concurrent commands never lose each other's work.

use super::escape::{TerminalWriter, tsv as escape};
use super::{AgreeArgs, AgreeBy, AgreeFormat, ClaimArgs, Command, EntityArgs, TagArgs};
use crate::agree::{self, Annotator, Breakdown};
use crate::commands::{Command as Edit, CommandError, Editor, analyst, default_author};
use crate::import;
use crate::merge;
use crate::model::{
    Annotation, AnnotationId, ClaimStatus, Document, Entity, EntityId, Project, RelationRole,
    TagKind, Target,
};
use crate::store::{self, Outcome, StoreError};
use anyhow::{Context as _, Result, bail};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Who edits from the command line: `$DOSSIER_AUTHOR`, else git's `user.name`, else
/// the login name (looked up once per run).
fn author() -> &'static str {
    static AUTHOR: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    AUTHOR.get_or_init(default_author)
}

/// An editor of `p` that stamps edits with the command line's author.
fn editor(p: Project) -> Editor {
    Editor::new(p).with_author(author())
}

/// Runs one subcommand, writing its output to `out`. Everything but `text` is
/// written through a [`TerminalWriter`], so no title, name or quote can send
/// control sequences to the terminal.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    if let Command::Text { project, doc } = command {
        let p = store::load(&project)?;
        let d = find_doc(&p, &doc)?;
        out.write_all(d.text().as_bytes())?;
        return Ok(());
    }
    let mut safe = TerminalWriter::new(out);
    run_escaped(command, &mut safe)?;
    safe.flush()?;
    Ok(())
}

fn run_escaped(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::New {
            project,
            articles,
            name,
        } => {
            if project.symlink_metadata().is_ok() {
                bail!(
                    "{} already exists; use `dossier add` to import into it",
                    project.display()
                );
            }
            let name = name.unwrap_or_else(|| {
                project
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Untitled".into())
            });
            let mut editor = Editor::new_unsaved(Project::new(name)).with_author(author());
            add_documents(&mut editor, import_all(&articles)?)?;
            // Exclusive: of two `new` racing for one path, exactly one creates it.
            store::create_new(editor.project(), &project).map_err(|e| match e {
                StoreError::AlreadyExists(p) => {
                    anyhow::anyhow!("{p} already exists; use `dossier add` to import into it")
                }
                e => e.into(),
            })?;
            writeln!(
                out,
                "created {} with {} document(s)",
                project.display(),
                editor.project().documents().len()
            )?;
        }
        Command::Add { project, articles } => {
            // Articles are read before the project is locked, so a slow import does not
            // hold up other commands.
            let documents = import_all(&articles)?;
            let titles = store::edit(&project, |p| {
                let mut editor = editor(p);
                let titles = add_documents(&mut editor, documents.clone())?;
                Ok::<_, anyhow::Error>(Outcome::Save(editor.into_project(), titles))
            })?
            .value;
            for t in titles {
                writeln!(out, "added {t}")?;
            }
        }
        Command::Check { project } => {
            let p = store::load(&project)?;
            let words: usize = p.documents().iter().map(Document::word_count).sum();
            writeln!(
                out,
                "ok: {} — {} document(s), {} words, {} annotation(s), {} entit{}, {} relation(s)",
                project.display(),
                p.documents().len(),
                words,
                p.annotation_count(),
                p.entities().len(),
                if p.entities().len() == 1 { "y" } else { "ies" },
                p.relations().len()
            )?;
            unresolved(&p, &project, out)?;
        }
        Command::Stats { project } => stats(&store::load(&project)?, out)?,
        Command::Text { .. } => unreachable_text()?,
        Command::Tag(args) => tag(args, out)?,
        Command::List { project, doc, tag } => {
            list(&store::load(&project)?, doc.as_deref(), tag.as_deref(), out)?
        }
        Command::Title {
            project,
            title,
            doc,
        } => {
            let title = title.trim().to_owned();
            if title.is_empty() {
                bail!("the title is empty");
            }
            store::edit(&project, |p| {
                let mut editor = editor(p);
                let id = find_doc(editor.project(), &doc)?.id;
                editor.apply(Edit::RenameDocument {
                    id,
                    title: title.clone(),
                })?;
                Ok::<_, anyhow::Error>(Outcome::Save(editor.into_project(), ()))
            })?;
        }
        Command::Fmt { project } => {
            // Saving what was loaded writes the canonical form; `edit` leaves a file
            // that already has it untouched.
            let edited = store::edit(&project, |p| Ok::<_, StoreError>(Outcome::Save(p, ())))?;
            if edited.written {
                writeln!(out, "formatted {}", project.display())?;
            } else {
                writeln!(out, "{} is already formatted", project.display())?;
            }
        }
        Command::Entities { project } => entities(&store::load(&project)?, out)?,
        Command::Entity(args) => entity(args, out)?,
        Command::Link {
            project,
            annotation,
            entity,
        } => link(&project, &annotation, &entity, out)?,
        Command::Claim(args) => claim(args, out)?,
        Command::Relate {
            project,
            kind,
            from,
            to,
        } => {
            let line = store::edit(&project, |p| relate(p, &kind, &from, &to))?.value;
            writeln!(out, "{line}")?;
        }
        Command::Agree(args) => agreement(&args, out)?,
        Command::EditText(args) => super::text::edit_text(&args, out)?,
        Command::Update { project, doc, file } => super::text::update(&project, &doc, &file, out)?,
        Command::Merge {
            base,
            ours,
            theirs,
            output,
        } => {
            let load = |p: &Path| store::load(p);
            let merged = merge::merge(&load(&base)?, &load(&ours)?, &load(&theirs)?)?;
            store::save(&merged.project, &output)?;
            report_merge(&merged, &output, out)?;
        }
        Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
            ..
        } => merge_driver(&base, &ours, &theirs, path.as_deref(), out)?,
        Command::Resolve { file } => resolve(&file, out)?,
        Command::GitSetup { pattern } => {
            let dir = std::env::current_dir()?;
            let done = merge::git::setup(&dir, &pattern, &merge::git::binary_for_git())?;
            if done.attributes_added {
                writeln!(
                    out,
                    "added `{pattern} merge={}` to {} (commit it, so every clone has it)",
                    merge::git::DRIVER,
                    done.attributes.display()
                )?;
            } else {
                writeln!(
                    out,
                    "{} already has `{pattern} merge={}`",
                    done.attributes.display(),
                    merge::git::DRIVER
                )?;
            }
            writeln!(
                out,
                "git now merges those files with: {} (in this clone's .git/config; run \
                 `dossier git-setup` once in every clone)",
                done.driver
            )?;
        }
        Command::Export(args) => super::interchange::export_command(&args, out)?,
        Command::Import(args) => super::interchange::import_command(&args, out)?,
    }
    Ok(())
}

/// Lists a project's unresolved conflicts; [`super::Unresolved`] when there are any.
fn unresolved(p: &Project, path: &Path, out: &mut dyn Write) -> Result<()> {
    let conflicts = p.conflicts();
    if conflicts.is_empty() {
        return Ok(());
    }
    writeln!(out, "{} unresolved conflict(s):", conflicts.len())?;
    for (i, c) in conflicts.iter().enumerate() {
        writeln!(out, "  {}. {}", i + 1, c.describe(p))?;
    }
    Err(super::Unresolved::Records {
        count: conflicts.len(),
        path: path.display().to_string(),
    }
    .into())
}

/// What a merge did, and [`super::Unresolved`] when conflicts remain.
fn report_merge(merged: &merge::Merged, path: &Path, out: &mut dyn Write) -> Result<()> {
    let p = &merged.project;
    if merged.is_clean() {
        writeln!(
            out,
            "merged cleanly into {}: {} document(s), {} annotation(s), {} entit{}, {} relation(s)",
            path.display(),
            p.documents().len(),
            p.annotation_count(),
            p.entities().len(),
            if p.entities().len() == 1 { "y" } else { "ies" },
            p.relations().len()
        )?;
        return Ok(());
    }
    writeln!(out, "merged into {}", path.display())?;
    unresolved(p, path, out)
}

/// `dossier merge-driver %O %A %B %L %P`: the result replaces OURS. Files that are
/// not Dossier projects (another program's `.ron`) are merged line by line by git,
/// as if no driver were set.
fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    shown: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let name = shown.map_or_else(|| ours.display().to_string(), str::to_owned);
    let read = |p: &Path| -> Result<Vec<u8>> {
        Ok(
            crate::fsutil::read_regular_file(p, store::MAX_PROJECT_BYTES)
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .bytes,
        )
    };
    let parse = |bytes: &[u8], side: &str| store::from_bytes(bytes, &format!("{name} ({side})"));
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let sides = (parse(&o, "ours"), parse(&t, "theirs"));
    let (o, t) = match sides {
        (Ok(o), Ok(t)) => (o, t),
        (Err(e), _) | (_, Err(e)) if not_a_project(&e) => {
            return line_merge(base, ours, theirs, &name, out);
        }
        (Err(e), _) | (_, Err(e)) => return Err(e.into()),
    };
    let merged = if b.iter().all(u8::is_ascii_whitespace) {
        merge::merge_two(&o, &t)?
    } else {
        merge::merge(&parse(&b, "base")?, &o, &t)?
    };
    store::save(&merged.project, ours)?;
    report_merge(&merged, Path::new(&name), out)
}

/// Whether a read failed because the file is not a Dossier project at all.
fn not_a_project(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::NotAProject { .. } | StoreError::NotText(_) | StoreError::Parse { .. }
    )
}

/// git's own line merge (`git merge-file`), for files that are not projects.
fn line_merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let arg = |p: &Path| p.display().to_string();
    let (o, b, t) = (arg(ours), arg(base), arg(theirs));
    let done = crate::git::run(&["merge-file", &o, &b, &t], None, crate::git::SLOW)?;
    writeln!(out, "{name} is not a Dossier project: merged line by line")?;
    if done.success {
        Ok(())
    } else {
        Err(super::Unresolved::Lines {
            path: name.to_owned(),
        }
        .into())
    }
}

/// `dossier resolve FILE`: the semantic merge of a file git merged line by line.
fn resolve(file: &Path, out: &mut dyn Write) -> Result<()> {
    let shown = file.display().to_string();
    let bytes = crate::fsutil::read_regular_file(file, store::MAX_PROJECT_BYTES)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .bytes;
    let text = std::str::from_utf8(&bytes).map_err(|_| StoreError::NotText(shown.clone()))?;
    if store::conflict_marker_blocks(text) == 0 {
        let p = store::from_ron(text, &shown)?;
        writeln!(out, "{shown} has no conflict markers: nothing to rebuild")?;
        return unresolved(&p, file, out);
    }
    let side = |text: &[u8], which: &str| store::from_bytes(text, &format!("{shown} ({which})"));
    let merged = if let Some(st) = merge::git::stages(file) {
        writeln!(
            out,
            "using the three versions git keeps of {shown} (base, ours, theirs)"
        )?;
        let (o, t) = (side(&st.ours, "ours")?, side(&st.theirs, "theirs")?);
        match &st.base {
            Some(b) => merge::merge(&side(b, "base")?, &o, &t)?,
            None => merge::merge_two(&o, &t)?,
        }
    } else {
        let sides = merge::markers::split(text)?;
        let o = side(sides.ours.as_bytes(), "our side of the markers")?;
        let t = side(sides.theirs.as_bytes(), "their side of the markers")?;
        writeln!(
            out,
            "rebuilt ours and theirs from {} conflict block(s) in {shown}",
            sides.blocks
        )?;
        if sides.base_known {
            writeln!(
                out,
                "the blocks hold the base too (diff3 style): a three-way merge"
            )?;
            merge::merge(
                &side(sides.base.as_bytes(), "base side of the markers")?,
                &o,
                &t,
            )?
        } else {
            writeln!(
                out,
                "the blocks hold no base (git's default style), so inside them Dossier cannot \
                 tell a deletion from an addition: what only one side has there is kept, what \
                 both have differently is a conflict (set `git config merge.conflictStyle \
                 diff3`, or better `dossier git-setup`, to avoid this)"
            )?;
            match store::from_ron(&sides.base, &format!("{shown} (lines both sides share)")) {
                Ok(b) => merge::merge(&b, &o, &t)?,
                Err(_) => {
                    writeln!(
                        out,
                        "the lines both sides share are not a project on their own: merged \
                         as two versions without a base"
                    )?;
                    merge::merge_two(&o, &t)?
                }
            }
        }
    };
    store::save(&merged.project, file)?;
    writeln!(out, "wrote the merge over {shown}")?;
    report_merge(&merged, file, out)
}

/// `dossier agree`: each project is one annotator, named by its path as given.
fn agreement(args: &AgreeArgs, out: &mut dyn Write) -> Result<()> {
    let projects = args
        .projects
        .iter()
        .map(|path| Ok((path.display().to_string(), store::load(path)?)))
        .collect::<Result<Vec<_>>>()?;
    let annotators: Vec<Annotator<'_>> = projects
        .iter()
        .map(|(name, p)| Annotator::from_project(name.as_str(), p))
        .collect();
    let report = agree::agree(&annotators)?;
    match args.format {
        AgreeFormat::Text => {
            let by = args.by.map(|b| match b {
                AgreeBy::Document => Breakdown::Document,
                AgreeBy::Tag => Breakdown::Label,
            });
            out.write_all(report.to_text(by, &escape).as_bytes())?;
        }
        AgreeFormat::Json => {
            let json = report.to_json()?;
            writeln!(out, "{}", super::escape::json(&json))?;
        }
    }
    Ok(())
}

/// `text` is handled in [`run`] before output is escaped.
fn unreachable_text() -> Result<()> {
    bail!("internal error: `text` must not go through escaped output")
}

/// `dossier relate`: the relation line to print, and the project to save if it is new.
fn relate(p: Project, kind: &str, from: &str, to: &str) -> Result<Outcome<String>> {
    let mut editor = editor(p);
    let p = editor.project();
    if !p.relation_kinds.iter().any(|k| k.key == kind) {
        let known: Vec<_> = p.relation_kinds.iter().map(|k| k.key.as_str()).collect();
        bail!(
            "unknown relation kind {kind:?}; this project has: {}",
            known.join(", ")
        );
    }
    let (a, b) = (find_entity(p, from, None)?, find_entity(p, to, None)?);
    let (a, b, names) = (
        a.id,
        b.id,
        format!("{}\t{}", escape(&a.name), escape(&b.name)),
    );
    match analyst::add_relation(p, kind, Target::Entity(a), Target::Entity(b)) {
        Ok(c) => {
            editor.apply(c)?;
            Ok(Outcome::Save(
                editor.into_project(),
                format!("related\t{}\t{names}", escape(kind)),
            ))
        }
        Err(CommandError::DuplicateRelation(_)) => {
            Ok(Outcome::Keep(format!("exists\t{}\t{names}", escape(kind))))
        }
        Err(e) => Err(e.into()),
    }
}

/// Imports each article as a document (all or nothing).
fn import_all(articles: &[impl AsRef<Path>]) -> Result<Vec<Document>> {
    articles
        .iter()
        .map(|path| Ok(import::import_file(path.as_ref())?))
        .collect()
}

/// Adds the documents to the project in one undo step; returns their titles.
fn add_documents(editor: &mut Editor, documents: Vec<Document>) -> Result<Vec<String>> {
    let titles = documents.iter().map(|d| d.title.clone()).collect();
    let commands: Vec<Edit> = documents
        .into_iter()
        .map(|d| Edit::AddDocument {
            document: Box::new(d),
            index: None,
        })
        .collect();
    if !commands.is_empty() {
        editor.apply(Edit::Batch {
            label: "Add articles".into(),
            commands,
        })?;
    }
    Ok(titles)
}

pub(super) fn find_doc<'p>(p: &'p Project, reference: &str) -> Result<&'p Document> {
    p.resolve_document(reference).with_context(|| {
        format!(
            "no document {reference:?}: give a number from 1 to {} or a document id",
            p.documents().len()
        )
    })
}

fn stats(p: &Project, out: &mut dyn Write) -> Result<()> {
    let tags: Vec<_> = p.tags.tags.iter().map(|t| t.key.as_str()).collect();
    write!(out, "#\ttitle\tchars\twords")?;
    for t in &tags {
        write!(out, "\t{}", escape(t))?;
    }
    writeln!(out)?;
    for (i, d) in p.documents().iter().enumerate() {
        let mut per_tag: BTreeMap<&str, usize> = BTreeMap::new();
        for a in d.annotations() {
            *per_tag.entry(a.tag.as_str()).or_default() += 1;
        }
        write!(
            out,
            "{}\t{}\t{}\t{}",
            i + 1,
            escape(&d.title),
            d.char_len(),
            d.word_count()
        )?;
        for t in &tags {
            write!(out, "\t{}", per_tag.get(t).copied().unwrap_or(0))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn tag(args: TagArgs, out: &mut dyn Write) -> Result<()> {
    let line = store::edit(&args.project, |p| tag_in(&args, p))?.value;
    writeln!(out, "{line}")?;
    Ok(())
}

/// `dossier tag` on the loaded project: the line to print and the project to save.
fn tag_in(args: &TagArgs, project: Project) -> Result<Outcome<String>> {
    let mut editor = editor(project);
    let p = editor.project();
    let d = find_doc(p, &args.doc)?;
    let tag = p.tags.find(&args.tag).with_context(|| {
        let known: Vec<_> = p.tags.tags.iter().map(|t| t.key.as_str()).collect();
        format!(
            "unknown tag {:?}; this project has: {}",
            args.tag,
            known.join(", ")
        )
    })?;
    let (start, end) = match (&args.quote, args.start, args.end) {
        (Some(q), _, _) => find_quote(d, q, args.nth)?,
        (None, Some(s), Some(e)) => (s, e),
        _ => bail!("give --start and --end, or --quote"),
    };
    let len = d.char_len();
    if start >= end || end > len {
        bail!("span {start}..{end} is not a non-empty range inside the text ({len} chars)");
    }
    let mut annotation = Annotation::new(d.text(), d.char_index(), &tag.key, start, end, author())
        .with_context(|| format!("span {start}..{end} is outside the text"))?;
    annotation.note = args.note.clone().unwrap_or_default();
    let id = annotation.id;
    let quote = annotation.quote.clone();
    editor.apply(Edit::AddAnnotation {
        doc: d.id,
        annotation,
    })?;
    let line = format!("{id}\t{start}\t{end}\t{}", escape(&quote));
    Ok(Outcome::Save(editor.into_project(), line))
}

/// Char offsets of the `nth` (1-based) occurrence of `quote`.
fn find_quote(d: &Document, quote: &str, nth: usize) -> Result<(usize, usize)> {
    if quote.is_empty() {
        bail!("--quote is empty");
    }
    if nth == 0 {
        bail!("--nth counts from 1");
    }
    let matches: Vec<usize> = d.text().match_indices(quote).map(|(b, _)| b).collect();
    let Some(&byte) = matches.get(nth - 1) else {
        bail!(
            "{quote:?} occurs {} time(s) in \"{}\", so there is no occurrence {nth}",
            matches.len(),
            d.title
        );
    };
    let start = d
        .char_index()
        .char_of(d.text(), byte)
        .context("internal error: match is not on a char boundary")?;
    Ok((start, start + quote.chars().count()))
}

fn list(p: &Project, doc: Option<&str>, tag: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let only_doc = doc.map(|r| find_doc(p, r).map(|d| d.id)).transpose()?;
    let only_tag = match tag {
        Some(t) => Some(
            p.tags
                .find(t)
                .with_context(|| format!("unknown tag {t:?}"))?
                .key
                .clone(),
        ),
        None => None,
    };
    writeln!(out, "id\tdoc\ttag\tstart\tend\tquote\tentity\tstatus")?;
    for (i, d) in p.documents().iter().enumerate() {
        if only_doc.is_some_and(|id| id != d.id) {
            continue;
        }
        for a in d.annotations() {
            if only_tag.as_ref().is_some_and(|t| *t != a.tag) {
                continue;
            }
            let entity = a
                .entity
                .and_then(|e| p.entity(e))
                .map(|e| e.name.as_str())
                .unwrap_or_default();
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                a.id,
                i + 1,
                escape(&a.tag),
                a.start,
                a.end,
                escape(&a.quote),
                escape(entity),
                a.status.map(ClaimStatus::as_str).unwrap_or_default()
            )?;
        }
    }
    Ok(())
}

/// Entities as TSV: kind, name, aliases (joined with `; `), mentions in the project.
fn entities(p: &Project, out: &mut dyn Write) -> Result<()> {
    let mut mentions: BTreeMap<EntityId, usize> = BTreeMap::new();
    for d in p.documents() {
        for e in d.annotations().iter().filter_map(|a| a.entity) {
            *mentions.entry(e).or_default() += 1;
        }
    }
    writeln!(out, "kind\tname\taliases\tmentions")?;
    for e in p.entities() {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            escape(&e.kind),
            escape(&e.name),
            escape(&e.aliases.join("; ")),
            mentions.get(&e.id).copied().unwrap_or(0)
        )?;
    }
    Ok(())
}

/// `dossier entity`: creates the entity, or updates the one with that kind and name.
fn entity(args: EntityArgs, out: &mut dyn Write) -> Result<()> {
    let line = store::edit(&args.project, |p| entity_in(&args, p))?.value;
    writeln!(out, "{line}")?;
    Ok(())
}

/// `dossier entity` on the loaded project: the line to print and the project to save.
fn entity_in(args: &EntityArgs, project: Project) -> Result<Outcome<String>> {
    let mut editor = editor(project);
    let p = editor.project();
    let kind = entity_kind(p, &args.kind)?;
    let name = args.name.trim();
    if name.is_empty() {
        bail!("the name is empty");
    }
    let existing = p
        .entities()
        .iter()
        .find(|e| e.kind == kind && same_name(&e.name, name));
    let (verb, before, mut e) = match existing {
        Some(e) => ("updated", Some(e.clone()), e.clone()),
        None => ("created", None, Entity::new(kind.as_str(), name)),
    };
    for alias in &args.aliases {
        let alias = alias.trim();
        if alias.is_empty() {
            bail!("an alias is empty");
        }
        if !same_name(&e.name, alias) && !e.aliases.iter().any(|a| same_name(a, alias)) {
            e.aliases.push(alias.to_owned());
        }
    }
    let set = |field: &mut String, value: Option<String>| {
        if let Some(v) = value {
            *field = v.trim().to_owned();
        }
    };
    set(&mut e.role, args.role.clone());
    set(&mut e.date, args.date.clone());
    set(&mut e.place, args.place.clone());
    set(&mut e.note, args.note.clone());
    if let Some(iso) = &args.date_iso {
        let iso = iso.trim();
        e.date_iso = (!iso.is_empty()).then(|| iso.to_owned());
    }
    let (id, shown) = (e.id, e.name.clone());
    let command = match before {
        None => Some(Edit::AddEntity {
            entity: e,
            index: None,
        }),
        Some(old) if old == e => None,
        Some(_) => Some(Edit::ReplaceEntity { entity: e }),
    };
    let line = format!("{verb}\t{id}\t{}", escape(&shown));
    let Some(command) = command else {
        return Ok(Outcome::Keep(line));
    };
    editor.apply(Edit::Batch {
        label: command.label(),
        commands: vec![command],
    })?;
    Ok(Outcome::Save(editor.into_project(), line))
}

/// `dossier link`: links a mention to an entity of its tag's kind, or unlinks it.
fn link(path: &Path, annotation: &str, name: &str, out: &mut dyn Write) -> Result<()> {
    let line = store::edit(path, |p| link_in(p, annotation, name))?.value;
    writeln!(out, "{line}")?;
    Ok(())
}

/// `dossier link` on the loaded project: the line to print and the project to save.
fn link_in(project: Project, annotation: &str, name: &str) -> Result<Outcome<String>> {
    let mut editor = editor(project);
    let p = editor.project();
    let id = resolve_annotation(p, annotation)?;
    let (d, a) = p
        .find_annotation(id)
        .with_context(|| format!("no annotation {id}"))?;
    let name = name.trim();
    let entity = if name.is_empty() {
        None
    } else {
        if p.tags.get(&a.tag).map(|t| t.kind) != Some(TagKind::Entity) {
            bail!(
                "annotation {id} is tagged `{}`, which does not mention entities",
                a.tag
            );
        }
        let e = find_entity(p, name, Some(&a.tag))?;
        Some((e.id, e.name.clone()))
    };
    let doc = d.id;
    let changed = a.entity != entity.as_ref().map(|e| e.0);
    let line = match &entity {
        Some((_, name)) => format!("linked\t{id}\t{}", escape(name)),
        None => format!("unlinked\t{id}"),
    };
    if !changed {
        return Ok(Outcome::Keep(line));
    }
    editor.apply(Edit::Batch {
        label: "Link to entity".into(),
        commands: vec![Edit::LinkEntity {
            doc,
            id,
            entity: entity.as_ref().map(|e| e.0),
        }],
    })?;
    Ok(Outcome::Save(editor.into_project(), line))
}

/// `dossier claim`: sets a claim's status, replaces its speakers, adds `about` links.
fn claim(args: ClaimArgs, out: &mut dyn Write) -> Result<()> {
    let summary = store::edit(&args.project, |p| claim_in(&args, p))?.value;
    out.write_all(&summary)?;
    Ok(())
}

/// `dossier claim` on the loaded project: the summary to print and the project to save.
fn claim_in(args: &ClaimArgs, project: Project) -> Result<Outcome<Vec<u8>>> {
    let mut editor = editor(project);
    let p = editor.project();
    let id = resolve_annotation(p, &args.annotation)?;
    let (d, a) = p
        .find_annotation(id)
        .with_context(|| format!("no annotation {id}"))?;
    if p.tags.get(&a.tag).map(|t| t.kind) != Some(TagKind::Claim) {
        bail!("annotation {id} is tagged `{}`, not as a claim", a.tag);
    }
    let mut commands = Vec::new();

    if let Some(s) = &args.status {
        let status = ClaimStatus::parse(s).with_context(|| {
            format!("unknown status {s:?}; use unverified, corroborated, disputed or false")
        })?;
        if a.status != Some(status) {
            commands.push(Edit::SetStatus {
                doc: d.id,
                id,
                status: Some(status),
            });
        }
    }

    let mut speakers: Vec<Target> = Vec::new();
    if args.speaker_outlet {
        speakers.push(Target::Document(d.id));
    }
    for name in &args.speakers {
        speakers.push(Target::Entity(find_entity(p, name, None)?.id));
    }
    if !speakers.is_empty() {
        match analyst::set_speakers(p, id, &speakers) {
            Ok(Edit::Batch { commands: c, .. }) => commands.extend(c),
            Ok(c) => commands.push(c),
            Err(CommandError::Empty) => {}
            Err(e) => return Err(e.into()),
        }
    }

    let mut about: Vec<EntityId> = Vec::new();
    for name in &args.about {
        let e = find_entity(p, name, None)?.id;
        if about.contains(&e) {
            continue;
        }
        about.push(e);
        match analyst::add_subject(p, id, Target::Entity(e)) {
            Ok(c) => commands.push(c),
            Err(CommandError::DuplicateRelation(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }

    let mut summary = Vec::new();
    if commands.is_empty() {
        claim_summary(editor.project(), id, &mut summary)?;
        return Ok(Outcome::Keep(summary));
    }
    editor.apply(Edit::Batch {
        label: "Edit claim".into(),
        commands,
    })?;
    claim_summary(editor.project(), id, &mut summary)?;
    Ok(Outcome::Save(editor.into_project(), summary))
}

/// One TSV line: `claim`, id, status, speakers, subjects (each joined with `; `).
fn claim_summary(p: &Project, id: AnnotationId, out: &mut dyn Write) -> Result<()> {
    let status = p
        .find_annotation(id)
        .and_then(|(_, a)| a.status)
        .map(ClaimStatus::as_str)
        .unwrap_or_default();
    let names = |role: RelationRole| -> String {
        analyst::related(p, id, role)
            .into_iter()
            .map(|t| p.target_label(t))
            .collect::<Vec<_>>()
            .join("; ")
    };
    writeln!(
        out,
        "claim\t{id}\t{status}\t{}\t{}",
        escape(&names(RelationRole::Speaker)),
        escape(&names(RelationRole::Subject))
    )?;
    Ok(())
}

/// The key of the entity tag a user named (key or label).
fn entity_kind(p: &Project, kind: &str) -> Result<String> {
    let entity_tags = || -> String {
        p.tags
            .tags
            .iter()
            .filter(|t| t.kind == TagKind::Entity)
            .map(|t| t.key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match p.tags.find(kind) {
        Some(t) if t.kind == TagKind::Entity => Ok(t.key.clone()),
        _ => bail!(
            "{kind:?} is not an entity kind; this project has: {}",
            entity_tags()
        ),
    }
}

/// Case-insensitive name comparison, ignoring surrounding spaces.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The one entity (of `kind`, if given) whose name or an alias is `name`.
fn find_entity<'p>(p: &'p Project, name: &str, kind: Option<&str>) -> Result<&'p Entity> {
    let name = name.trim();
    if name.is_empty() {
        bail!("the entity name is empty");
    }
    let matches: Vec<&Entity> = p
        .entities()
        .iter()
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .filter(|e| same_name(&e.name, name) || e.aliases.iter().any(|a| same_name(a, name)))
        .collect();
    match matches.as_slice() {
        [e] => Ok(e),
        [] => match kind {
            Some(k) => bail!("no {k} entity is named {name:?} (create it with `dossier entity`)"),
            None => bail!("no entity is named {name:?} (create it with `dossier entity`)"),
        },
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|e| format!("{} “{}”", e.kind, e.name))
                .collect();
            bail!("{name:?} is ambiguous: it names {}", names.join(", "))
        }
    }
}

/// An annotation id in full, or a unique prefix of at least 8 hex digits.
fn resolve_annotation(p: &Project, reference: &str) -> Result<AnnotationId> {
    let reference = reference.trim();
    if let Some(id) = AnnotationId::parse(reference) {
        if p.find_annotation(id).is_some() {
            return Ok(id);
        }
        bail!("no annotation {id}");
    }
    let prefix: String = reference.chars().filter(|&c| c != '-').collect();
    if prefix.len() < 8 || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
        bail!(
            "{reference:?} is not an annotation id (give the id, or at least its first 8 hex digits)"
        );
    }
    let prefix = prefix.to_ascii_lowercase();
    let matches: Vec<AnnotationId> = p
        .documents()
        .iter()
        .flat_map(|d| d.annotations())
        .map(|a| a.id)
        .filter(|id| id.0.simple().to_string().starts_with(&prefix))
        .collect();
    match matches.as_slice() {
        [id] => Ok(*id),
        [] => bail!("no annotation id starts with {reference:?}"),
        many => bail!(
            "{} annotation ids start with {reference:?}; give more digits (ids are time-ordered, \
             so ids made close together share their first digits)",
            many.len()
        ),
    }
}
