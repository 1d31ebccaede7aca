//! List numbering (`word/numbering.xml`): what marker each list item shows.
//!
//! Word stores "1.", "a)", "iv." not in the text but as a level's format and
//! template; the importer generates them, as Word displays them. Bullets are not
//! text and are left out.

use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// How one list level counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Level {
    /// `decimal`, `lowerLetter`, `upperRoman`, `bullet`, `none`, …
    format: String,
    /// The marker template, e.g. `%1.` or `%1.%2)`.
    template: String,
    /// The first number.
    start: i64,
}

/// The numbering definitions of a document, and the counters as items are read.
#[derive(Clone, Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides per level).
    nums: HashMap<String, (String, HashMap<usize, i64>)>,
    counters: HashMap<String, [Option<i64>; 9]>,
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

impl Numbering {
    /// Reads `word/numbering.xml`; what cannot be read is left out.
    pub(super) fn parse(xml: &str) -> Self {
        let mut out = Self::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<(String, String, HashMap<usize, i64>)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let (e, is_empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.name().as_ref() {
                        b"w:abstractNum" => abstract_id = None,
                        b"w:lvl" => {
                            if let (Some(a), Some((i, l))) = (&abstract_id, level.take()) {
                                let levels = out.abstracts.entry(a.clone()).or_default();
                                if levels.len() <= i {
                                    levels.resize(i + 1, Level::default());
                                }
                                levels[i] = l;
                            }
                        }
                        b"w:num" => {
                            if let Some((id, a, starts)) = num.take() {
                                out.nums.insert(id, (a, starts));
                            }
                        }
                        b"w:lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            let val = || attr(&e, b"w:val");
            match e.name().as_ref() {
                b"w:abstractNum" => abstract_id = attr(&e, b"w:abstractNumId"),
                b"w:lvl" if abstract_id.is_some() && num.is_none() && !is_empty => {
                    let i = attr(&e, b"w:ilvl")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    if i < 9 {
                        level = Some((
                            i,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                }
                b"w:start" => {
                    if let (Some((_, l)), Some(v)) =
                        (&mut level, val().and_then(|v| v.parse().ok()))
                    {
                        l.start = v;
                    }
                }
                b"w:numFmt" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val()) {
                        l.format = v;
                    }
                }
                b"w:lvlText" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val()) {
                        l.template = v;
                    }
                }
                b"w:num" if !is_empty => {
                    if let Some(id) = attr(&e, b"w:numId") {
                        num = Some((id, String::new(), HashMap::new()));
                    }
                }
                b"w:abstractNumId" => {
                    if let (Some((_, a, _)), Some(v)) = (&mut num, val()) {
                        *a = v;
                    }
                }
                b"w:lvlOverride" => {
                    override_level = attr(&e, b"w:ilvl").and_then(|v| v.parse().ok());
                }
                b"w:startOverride" => {
                    if let (Some((_, _, starts)), Some(i), Some(v)) =
                        (&mut num, override_level, val().and_then(|v| v.parse().ok()))
                    {
                        starts.insert(i, v);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The marker of the next item of list `num_id` at level `ilvl` ("3.", "b)"),
    /// counting it; empty for bullets and levels without a number.
    pub(super) fn next_marker(&mut self, num_id: &str, ilvl: usize) -> String {
        let Some((abstract_id, starts)) = self.nums.get(num_id) else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(abstract_id) else {
            return String::new();
        };
        let ilvl = ilvl.min(8);
        let start_of = |i: usize| {
            starts
                .get(&i)
                .copied()
                .or_else(|| levels.get(i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id.to_owned()).or_default();
        counters[ilvl] = Some(counters[ilvl].map_or(start_of(ilvl), |n| n + 1));
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let Some(level) = levels.get(ilvl) else {
            return String::new();
        };
        if level.format == "bullet" || level.format == "none" {
            return String::new();
        }
        let mut marker = String::new();
        let mut chars = level.template.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match digit {
                Some(d) if c == '%' && (1..=9).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let n = counters[i].unwrap_or_else(|| start_of(i));
                    let format = levels.get(i).map_or("decimal", |l| l.format.as_str());
                    marker.push_str(&format_number(n, format));
                }
                _ => marker.push(c),
            }
        }
        marker.trim().to_owned()
    }
}

/// `n` as a list level's format shows it.
fn format_number(n: i64, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

/// A, B, …, Z, AA, BB, … as Word counts letters.
fn letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let letter = (b'A' + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering>
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    #[test]
    fn markers_count_per_list_and_level() {
        let mut n = Numbering::parse(XML);
        assert_eq!(n.next_marker("1", 0), "1.");
        assert_eq!(n.next_marker("1", 1), "a)");
        assert_eq!(n.next_marker("1", 1), "b)");
        assert_eq!(n.next_marker("1", 0), "2.");
        assert_eq!(n.next_marker("1", 1), "a)");
        assert_eq!(n.next_marker("2", 0), "4.");
        assert_eq!(n.next_marker("3", 0), "");
        assert_eq!(n.next_marker("99", 0), "");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }
}
