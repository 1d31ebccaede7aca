//! What the command line prints is safe for a terminal.
//!
//! Titles, entity names, tag keys and quotes come from articles and project files,
//! which anyone can write. Printed raw, an ESC could move the cursor, recolour or
//! retitle the terminal, or (OSC 52) write the clipboard; a bidi override could make
//! a line read differently from what it holds. Every human- or TSV-facing output goes
//! through [`TerminalWriter`] (and error messages through [`for_terminal`]), which
//! write such characters as `\u{…}`. Only `dossier text` prints a document exactly.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal as is: C0 and C1 control characters
/// (ESC, CSI, OSC…) and DEL, except newline and tab, and the invisible marks that
/// change the direction of text (bidi embeddings, overrides, isolates and marks).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// `s` with every [unsafe](is_unsafe) character written as `\u{…}`; newlines and
/// tabs are kept (messages use them for layout).
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value for one TSV cell: backslash, tab, newline and carriage return become
/// `\\`, `\t`, `\n`, `\r` so the value stays in its cell, and every other
/// [unsafe](is_unsafe) character becomes `\u{…}`.
pub fn tsv(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// JSON text with every [unsafe](is_unsafe) character written as a JSON escape
/// (`\u007f`), so the output stays valid JSON and never reaches the terminal raw.
/// Such characters can only stand inside JSON strings (serde_json already escapes
/// those below U+0020), and all of them lie in the Basic Multilingual Plane.
pub fn json(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Passes text on to `W` with every [unsafe](is_unsafe) character escaped, so no
/// print site can forget it. A character split across two writes is held back
/// until it is whole; call [`Write::flush`] at the end.
pub struct TerminalWriter<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence whose remaining bytes have not arrived yet.
    pending: Vec<u8>,
}

impl<W: Write> TerminalWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes out all whole characters in `pending`; with `end`, also what is left
    /// of a sequence that will never be completed (as U+FFFD).
    fn drain(&mut self, end: bool) -> io::Result<()> {
        let mut start = 0;
        while start < self.pending.len() {
            match std::str::from_utf8(&self.pending[start..]) {
                Ok(s) => {
                    self.inner.write_all(for_terminal(s).as_bytes())?;
                    start = self.pending.len();
                }
                Err(e) => {
                    let valid = start + e.valid_up_to();
                    let text = String::from_utf8_lossy(&self.pending[start..valid]);
                    self.inner.write_all(for_terminal(&text).as_bytes())?;
                    match e.error_len() {
                        Some(bad) => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            start = valid + bad;
                        }
                        None if end => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            start = self.pending.len();
                        }
                        None => {
                            start = valid;
                            break;
                        }
                    }
                }
            }
        }
        self.pending.drain(..start);
        Ok(())
    }
}

impl<W: Write> Write for TerminalWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "a\u{1b}[2J\u{1b}]52;c;aGk=\u{7}b\u{9b}31m\u{7f}\u{202e}evil\u{2066}\u{200f}\u{61c}\r";

    #[test]
    fn controls_and_bidi_marks_are_escaped() {
        let safe = for_terminal(HOSTILE);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert_eq!(
            safe,
            "a\\u{1b}[2J\\u{1b}]52;c;aGk=\\u{7}b\\u{9b}31m\\u{7f}\\u{202e}evil\\u{2066}\\u{200f}\\u{61c}\\u{d}"
        );
        assert_eq!(
            for_terminal("line\n\tindented — مریم 🙂"),
            "line\n\tindented — مریم 🙂"
        );
    }

    #[test]
    fn tsv_cells_keep_their_escapes_and_gain_these() {
        assert_eq!(tsv("a\\b\tc\nd\re"), "a\\\\b\\tc\\nd\\re");
        assert_eq!(tsv("x\u{1b}y\u{202e}"), "x\\u{1b}y\\u{202e}");
    }

    #[test]
    fn json_escapes_stay_json() {
        assert_eq!(
            json("{\"a\": \"x\u{7f}y\u{202e}\"}\n"),
            "{\"a\": \"x\\u007fy\\u202e\"}\n"
        );
        assert!(matches!(json("[1, \"é\"]"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_writer_escapes_across_split_writes() {
        let mut w = TerminalWriter::new(Vec::new());
        let bytes = format!("{HOSTILE} مریم\n").into_bytes();
        // One byte at a time: every multi-byte char arrives split.
        for b in &bytes {
            w.write_all(std::slice::from_ref(b)).unwrap();
        }
        w.flush().unwrap();
        let out = String::from_utf8(w.inner).unwrap();
        assert_eq!(out, format!("{} مریم\n", for_terminal(HOSTILE)));
    }

    #[test]
    fn broken_utf8_becomes_replacement_characters() {
        let mut w = TerminalWriter::new(Vec::new());
        w.write_all(b"a\xffb\xe2\x82").unwrap();
        w.flush().unwrap();
        assert_eq!(String::from_utf8(w.inner).unwrap(), "a\u{fffd}b\u{fffd}");
    }
}
