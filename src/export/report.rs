//! A report an editor can read and print, in HTML (one self-contained file: inline
//! CSS with print rules, no scripts, fonts or images) or Markdown:
//! 1. the project and its sources (title, byline, date, URL);
//! 2. claims grouped by status, each with its speakers, subjects, quote in its
//!    context and note;
//! 3. people and organisations, then events, with their roles, dates, places and
//!    every mention;
//! 4. a timeline of the events with an ISO date.
//!
//! Everything that comes from an article or an analyst is escaped: an article's
//! hostile text cannot add markup, run a script or load anything. Only `http(s)`
//! URLs become links.

use super::csv::Links;
use crate::model::{
    Annotation, ClaimStatus, Document, Entity, EntityRole, Project, RelationRole, TagKind, Target,
};
use std::fmt::Write as _;

/// One claim, ready to print.
struct Claim<'p> {
    document: &'p str,
    /// The page(s) of a paged source the quote is on.
    page: Option<String>,
    annotation: &'p Annotation,
    speakers: Vec<&'p str>,
    subjects: Vec<&'p str>,
}

/// One mention of an entity.
struct Mention<'p> {
    document: &'p str,
    annotation: &'p Annotation,
}

/// One entity with what the report says about it.
struct EntityEntry<'p> {
    entity: &'p Entity,
    role: Option<EntityRole>,
    related: Vec<String>,
    mentions: Vec<Mention<'p>>,
}

/// What both renderings print.
struct Gathered<'p> {
    claims: Vec<(Option<ClaimStatus>, Vec<Claim<'p>>)>,
    people: Vec<EntityEntry<'p>>,
    events: Vec<EntityEntry<'p>>,
    timeline: Vec<&'p Entity>,
}

fn gather<'p>(project: &'p Project, docs: &[&'p Document], links: &'p Links) -> Gathered<'p> {
    let mut by_status: Vec<(Option<ClaimStatus>, Vec<Claim<'p>>)> = ClaimStatus::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(|s| (s, Vec::new()))
        .collect();
    let mut mentions: crate::model::IdMap<crate::model::EntityId, Vec<Mention<'p>>> =
        Default::default();
    for d in docs {
        for a in d.annotations() {
            if let Some(e) = a.entity {
                mentions.entry(e).or_default().push(Mention {
                    document: &d.title,
                    annotation: a,
                });
            }
            let is_claim = project
                .tags
                .get(&a.tag)
                .is_some_and(|t| t.kind == TagKind::Claim);
            if is_claim {
                let claim = Claim {
                    document: &d.title,
                    page: d.source.pages_of(a.start, a.end),
                    annotation: a,
                    speakers: links.of(a.id, RelationRole::Speaker),
                    subjects: links.of(a.id, RelationRole::Subject),
                };
                if let Some(group) = by_status.iter_mut().find(|(s, _)| *s == a.status) {
                    group.1.push(claim);
                }
            }
        }
    }
    by_status.retain(|(_, c)| !c.is_empty());
    let whole = docs.len() == project.documents().len();
    let mut people = Vec::new();
    let mut events = Vec::new();
    for e in project.entities() {
        let m = mentions.remove(&e.id).unwrap_or_default();
        if !whole && m.is_empty() {
            continue;
        }
        let role = project.tags.role_of(&e.kind);
        // Entity-to-entity relations (participants, places) in words.
        let related = project
            .relations()
            .iter()
            .filter_map(|r| {
                let label = project.relation_label(&r.kind);
                if r.from == Target::Entity(e.id) {
                    Some(format!("{label} {}", project.target_label(r.to)))
                } else if r.to == Target::Entity(e.id) {
                    Some(format!("{} {label}", project.target_label(r.from)))
                } else {
                    None
                }
            })
            .collect();
        let entry = EntityEntry {
            entity: e,
            role,
            related,
            mentions: m,
        };
        if role == Some(EntityRole::Event) {
            events.push(entry);
        } else {
            people.push(entry);
        }
    }
    let mut timeline: Vec<&Entity> = events
        .iter()
        .map(|e| e.entity)
        .filter(|e| e.date_iso.as_deref().is_some_and(|d| !d.trim().is_empty()))
        .collect();
    timeline.sort_by(|a, b| a.date_iso.cmp(&b.date_iso).then(a.name.cmp(&b.name)));
    Gathered {
        claims: by_status,
        people,
        events,
        timeline,
    }
}

fn status_title(s: Option<ClaimStatus>) -> &'static str {
    match s {
        Some(ClaimStatus::Unverified) => "Unverified",
        Some(ClaimStatus::Corroborated) => "Corroborated",
        Some(ClaimStatus::Disputed) => "Disputed",
        Some(ClaimStatus::False) => "False",
        None => "No status",
    }
}

/// `s` escaped for HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {
                let _ = write!(out, "&#x{:x};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A URL that may become a link: `http(s)` only, no white space or quotes.
fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    ((lower.starts_with("https://") || lower.starts_with("http://"))
        && !u.contains(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`')
        }))
    .then_some(u)
}

fn count(n: usize, one: &str) -> String {
    crate::model::text::count(n, one)
}

const CSS: &str = "body{font:16px/1.5 Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;color:#1a1a1a;background:#fff}\
h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.2}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}\
.meta{color:#555;font-size:.9em}.quote{margin:.3em 0 .3em 1em;padding-left:.8em;border-left:3px solid #999}\
.quote mark{background:#fff3b0;color:inherit}.badge{display:inline-block;font:bold .75em system-ui,sans-serif;padding:.1em .5em;border-radius:.6em;color:#fff}\
.unverified{background:#707070}.corroborated{background:#1b7e5f}.disputed{background:#b34e00}.false{background:#b01c1c}.none{background:#555}\
article{margin:1em 0 1.5em}table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}\
ul.mentions{font-size:.95em}\
@media print{body{max-width:none;margin:0;font-size:11pt}a{color:inherit;text-decoration:none}a[href]::after{content:' (' attr(href) ')';font-size:.85em;color:#555}\
h2{break-after:avoid}article,li,tr{break-inside:avoid}.badge{border:1px solid #000;color:#000;background:none!important}}";

/// The HTML report.
pub fn html(project: &Project, docs: &[&Document]) -> String {
    let links = Links::new(project);
    let g = gather(project, docs, &links);
    let mut o = String::with_capacity(
        4096 + docs
            .iter()
            .map(|d| d.annotations().len() * 300)
            .sum::<usize>(),
    );
    let name = escape_html(&project.name);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{name}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{name}</h1>\n\
         <p class=\"meta\">{} · {} · {} · {} · {}</p>\n",
        count(docs.len(), "source"),
        count(g.claims.iter().map(|(_, c)| c.len()).sum(), "claim"),
        match g.people.len() {
            1 => "1 person or organisation".to_owned(),
            n => format!("{n} people and organisations"),
        },
        count(g.events.len(), "event"),
        count(g.timeline.len(), "dated event"),
    );
    o.push_str("<h2 id=\"sources\">Sources</h2>\n<ol>\n");
    for d in docs {
        let s = &d.source;
        let _ = write!(o, "<li><strong>{}</strong>", escape_html(&d.title));
        for part in [&s.byline, &s.site_name, &s.published]
            .into_iter()
            .flatten()
        {
            let _ = write!(o, " · {}", escape_html(part));
        }
        if let Some(url) = &s.url {
            match safe_url(url) {
                Some(u) => {
                    let _ = write!(o, " · <a href=\"{0}\">{0}</a>", escape_html(u));
                }
                None => {
                    let _ = write!(o, " · {}", escape_html(url));
                }
            }
        }
        o.push_str("</li>\n");
    }
    o.push_str("</ol>\n<h2 id=\"claims\">Claims</h2>\n");
    if g.claims.is_empty() {
        o.push_str("<p>No claims.</p>\n");
    }
    for (status, claims) in &g.claims {
        let class = status.map_or("none", |s| s.as_str());
        let _ = writeln!(
            o,
            "<h3><span class=\"badge {class}\">{}</span> {}</h3>",
            status_title(*status),
            count(claims.len(), "claim")
        );
        for c in claims {
            let a = c.annotation;
            o.push_str("<article>\n");
            let _ = writeln!(
                o,
                "<blockquote class=\"quote\">…{}<mark>{}</mark>{}…</blockquote>",
                escape_html(&a.prefix),
                escape_html(&a.quote),
                escape_html(&a.suffix)
            );
            let speakers = if c.speakers.is_empty() {
                "—".to_owned()
            } else {
                escape_html(&c.speakers.join("; "))
            };
            let _ = write!(
                o,
                "<p class=\"meta\">Speaker: {speakers} · Source: {}",
                escape_html(c.document)
            );
            if let Some(p) = &c.page {
                let _ = write!(o, ", p. {}", escape_html(p));
            }
            if !c.subjects.is_empty() {
                let _ = write!(o, " · About: {}", escape_html(&c.subjects.join("; ")));
            }
            o.push_str("</p>\n");
            if !a.note.is_empty() {
                let _ = writeln!(o, "<p>{}</p>", escape_html(&a.note).replace('\n', "<br>"));
            }
            o.push_str("</article>\n");
        }
    }
    for (title, id, entries) in [
        ("People and organisations", "people", &g.people),
        ("Events", "events", &g.events),
    ] {
        let _ = writeln!(o, "<h2 id=\"{id}\">{title}</h2>");
        if entries.is_empty() {
            o.push_str("<p>None.</p>\n");
        }
        for e in entries {
            html_entity(&mut o, e);
        }
    }
    o.push_str("<h2 id=\"timeline\">Timeline</h2>\n");
    if g.timeline.is_empty() {
        o.push_str("<p>No event has an ISO date.</p>\n");
    } else {
        o.push_str(
            "<table>\n<thead><tr><th>Date</th><th>Event</th><th>Place</th></tr></thead>\n<tbody>\n",
        );
        for e in &g.timeline {
            let date = e.date_iso.as_deref().unwrap_or_default();
            let free = if e.date.is_empty() {
                String::new()
            } else {
                format!(" ({})", escape_html(&e.date))
            };
            let _ = writeln!(
                o,
                "<tr><td>{}{free}</td><td>{}</td><td>{}</td></tr>",
                escape_html(date),
                escape_html(&e.name),
                escape_html(&e.place)
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}

fn html_entity(o: &mut String, e: &EntityEntry<'_>) {
    let en = e.entity;
    let _ = write!(
        o,
        "<article>\n<h3>{}</h3>\n<p class=\"meta\">",
        escape_html(&en.name)
    );
    let mut facts = Vec::new();
    if let Some(r) = e.role {
        facts.push(r.as_str().to_owned());
    }
    if !en.aliases.is_empty() {
        facts.push(format!("also: {}", en.aliases.join("; ")));
    }
    for (label, v) in [("role", &en.role), ("date", &en.date), ("place", &en.place)] {
        if !v.is_empty() {
            facts.push(format!("{label}: {v}"));
        }
    }
    if let Some(iso) = &en.date_iso {
        facts.push(format!("ISO date: {iso}"));
    }
    facts.extend(e.related.iter().cloned());
    facts.push(count(e.mentions.len(), "mention"));
    let _ = writeln!(o, "{}</p>", escape_html(&facts.join(" · ")));
    if !en.note.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", escape_html(&en.note).replace('\n', "<br>"));
    }
    if !e.mentions.is_empty() {
        o.push_str("<ul class=\"mentions\">\n");
        for m in &e.mentions {
            let a = m.annotation;
            let _ = writeln!(
                o,
                "<li>{}: …{}<mark>{}</mark>{}…</li>",
                escape_html(m.document),
                escape_html(&a.prefix),
                escape_html(&a.quote),
                escape_html(&a.suffix)
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</article>\n");
}

/// `s` for Markdown text: markup characters backslash-escaped, `<`, `>` and `&` as
/// entities (renderers pass raw HTML through), line breaks as spaces.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Inline markup only: every value is written after other text on its
            // line, so line-start markup (`#`, `-`, `1.`) cannot start there.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {
                let _ = write!(out, "&#x{:x};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The Markdown report.
pub fn markdown(project: &Project, docs: &[&Document]) -> String {
    let links = Links::new(project);
    let g = gather(project, docs, &links);
    let md = escape_markdown;
    let mut o = String::with_capacity(
        4096 + docs
            .iter()
            .map(|d| d.annotations().len() * 200)
            .sum::<usize>(),
    );
    let _ = writeln!(o, "# {}\n", md(&project.name));
    let _ = writeln!(
        o,
        "{} · {} · {} · {}\n",
        count(docs.len(), "source"),
        count(g.claims.iter().map(|(_, c)| c.len()).sum(), "claim"),
        count(g.people.len() + g.events.len(), "entity"),
        count(g.timeline.len(), "dated event"),
    );
    o.push_str("## Sources\n\n");
    for (i, d) in docs.iter().enumerate() {
        let s = &d.source;
        let _ = write!(o, "{}. **{}**", i + 1, md(&d.title));
        for part in [&s.byline, &s.site_name, &s.published]
            .into_iter()
            .flatten()
        {
            let _ = write!(o, " · {}", md(part));
        }
        if let Some(url) = &s.url {
            match safe_url(url) {
                Some(u) => {
                    let _ = write!(o, " · <{}>", u.replace(['<', '>'], ""));
                }
                None => {
                    let _ = write!(o, " · {}", md(url));
                }
            }
        }
        o.push('\n');
    }
    o.push_str("\n## Claims\n\n");
    if g.claims.is_empty() {
        o.push_str("No claims.\n\n");
    }
    for (status, claims) in &g.claims {
        let _ = writeln!(o, "### {} ({})\n", status_title(*status), claims.len());
        for c in claims {
            let a = c.annotation;
            let _ = writeln!(
                o,
                "> …{}**{}**{}…\n",
                md(&a.prefix),
                md(&a.quote),
                md(&a.suffix)
            );
            let speakers = if c.speakers.is_empty() {
                "—".to_owned()
            } else {
                md(&c.speakers.join("; "))
            };
            let page = c
                .page
                .as_ref()
                .map(|p| format!(", p. {p}"))
                .unwrap_or_default();
            let _ = write!(
                o,
                "- Speaker: {speakers}\n- Source: {}{page}\n",
                md(c.document)
            );
            if !c.subjects.is_empty() {
                let _ = writeln!(o, "- About: {}", md(&c.subjects.join("; ")));
            }
            if !a.note.is_empty() {
                let _ = writeln!(o, "- Note: {}", md(&a.note));
            }
            o.push('\n');
        }
    }
    for (title, entries) in [
        ("People and organisations", &g.people),
        ("Events", &g.events),
    ] {
        let _ = writeln!(o, "## {title}\n");
        if entries.is_empty() {
            o.push_str("None.\n\n");
        }
        for e in entries {
            let en = e.entity;
            let _ = writeln!(o, "### {}\n", md(&en.name));
            if let Some(r) = e.role {
                let _ = writeln!(o, "- Kind: {}", r.as_str());
            }
            if !en.aliases.is_empty() {
                let _ = writeln!(o, "- Also: {}", md(&en.aliases.join("; ")));
            }
            for (label, v) in [("Role", &en.role), ("Date", &en.date), ("Place", &en.place)] {
                if !v.is_empty() {
                    let _ = writeln!(o, "- {label}: {}", md(v));
                }
            }
            if let Some(iso) = &en.date_iso {
                let _ = writeln!(o, "- ISO date: {}", md(iso));
            }
            for r in &e.related {
                let _ = writeln!(o, "- {}", md(r));
            }
            if !en.note.is_empty() {
                let _ = writeln!(o, "- Note: {}", md(&en.note));
            }
            let _ = writeln!(o, "- {}:", count(e.mentions.len(), "mention"));
            for m in &e.mentions {
                let a = m.annotation;
                let _ = writeln!(
                    o,
                    "  - {}: …{}**{}**{}…",
                    md(m.document),
                    md(&a.prefix),
                    md(&a.quote),
                    md(&a.suffix)
                );
            }
            o.push('\n');
        }
    }
    o.push_str("## Timeline\n\n");
    if g.timeline.is_empty() {
        o.push_str("No event has an ISO date.\n");
    } else {
        o.push_str("| Date | Event | Place |\n| --- | --- | --- |\n");
        for e in &g.timeline {
            let mut date = md(e.date_iso.as_deref().unwrap_or_default());
            if !e.date.is_empty() {
                let _ = write!(date, " ({})", md(&e.date));
            }
            let _ = writeln!(o, "| {date} | {} | {} |", md(&e.name), md(&e.place));
        }
    }
    o
}
