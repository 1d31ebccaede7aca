//! The three versions of a file git merged line by line, rebuilt from its conflict
//! markers (as `mergiraf solve` does), for a clone without Dossier's merge driver.
//!
//! Outside the `<<<<<<<` … `>>>>>>>` blocks the lines are the same in every version
//! (git already merged them). Inside a block, the lines up to `=======` are ours, the
//! lines after it theirs, and with `merge.conflictStyle=diff3` (or `zdiff3`) the lines
//! after `|||||||` are the base's. Git's default style writes no base: then the
//! base's lines of that block are unknown, and this module leaves them out — the
//! base is the lines every side shares. The semantic merge then sees what only one
//! side has in a block as that side's addition (so a deletion there is undone, never
//! lost) and what both have differently as a conflict; see [`Sides::base_known`].

/// The three versions rebuilt from a file with conflict markers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sides {
    /// Our version: outside lines and the first part of each block.
    pub ours: String,
    /// Their version: outside lines and the last part of each block.
    pub theirs: String,
    /// The base: outside lines and each block's base part (or nothing of the blocks
    /// without one).
    pub base: String,
    /// How many blocks the file holds.
    pub blocks: usize,
    /// Whether every block had a base part (diff3 style), so `base` is exact.
    pub base_known: bool,
}

/// Why the markers could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MarkerError {
    /// There are no conflict blocks.
    #[error("the file has no git conflict markers (<<<<<<< … >>>>>>>)")]
    NoMarkers,
    /// A block is not closed, or its parts are out of order.
    #[error("line {line}: {what}; the conflict markers are damaged")]
    Damaged {
        /// 1-based line of the problem.
        line: usize,
        /// What was expected.
        what: String,
    },
}

/// Where in a conflict block a line is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Outside,
    Ours,
    Base,
    Theirs,
}

/// Whether `line` is a marker of `c` repeated at least 7 times, then the end of the
/// line or a space (git adds the side's label after the space).
fn is_marker(line: &str, c: char) -> bool {
    let n = line.chars().take_while(|&x| x == c).count();
    n >= 7 && line[n..].chars().next().is_none_or(|x| x == ' ')
}

/// Rebuilds the three versions from `text`.
pub fn split(text: &str) -> Result<Sides, MarkerError> {
    let mut out = Sides {
        ours: String::with_capacity(text.len()),
        theirs: String::with_capacity(text.len()),
        base: String::with_capacity(text.len()),
        blocks: 0,
        base_known: true,
    };
    let mut part = Part::Outside;
    let mut block_has_base = false;
    let damaged = |line: usize, what: &str| MarkerError::Damaged {
        line,
        what: what.to_owned(),
    };
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        let n = i + 1;
        match part {
            Part::Outside if is_marker(bare, '<') => {
                part = Part::Ours;
                block_has_base = false;
            }
            Part::Outside => {
                if is_marker(bare, '>') || is_marker(bare, '|') {
                    return Err(damaged(n, "a conflict marker outside a conflict block"));
                }
                out.ours.push_str(line);
                out.theirs.push_str(line);
                out.base.push_str(line);
            }
            Part::Ours if is_marker(bare, '|') => {
                part = Part::Base;
                block_has_base = true;
            }
            Part::Ours | Part::Base if is_marker(bare, '=') => part = Part::Theirs,
            Part::Theirs if is_marker(bare, '>') => {
                part = Part::Outside;
                out.blocks += 1;
                out.base_known &= block_has_base;
            }
            _ if is_marker(bare, '<') => {
                return Err(damaged(n, "a conflict block opens inside another"));
            }
            Part::Ours => out.ours.push_str(line),
            Part::Base => out.base.push_str(line),
            Part::Theirs => out.theirs.push_str(line),
        }
    }
    if part != Part::Outside {
        return Err(damaged(
            text.lines().count(),
            "the file ends inside a conflict block",
        ));
    }
    if out.blocks == 0 {
        return Err(MarkerError::NoMarkers);
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn two_way_blocks_give_ours_and_theirs_and_the_shared_lines_as_base() {
        let text = "a\n<<<<<<< HEAD\nb1\n=======\nb2\nb3\n>>>>>>> other\nc\n";
        let s = split(text).unwrap();
        assert_eq!(s.ours, "a\nb1\nc\n");
        assert_eq!(s.theirs, "a\nb2\nb3\nc\n");
        assert_eq!(s.base, "a\nc\n");
        assert_eq!((s.blocks, s.base_known), (1, false));
    }

    #[test]
    fn diff3_blocks_give_the_base() {
        let text = "a\n<<<<<<< ours\nb1\n||||||| base\nb0\n=======\nb2\n>>>>>>> theirs\nc\n\
                    <<<<<<<\n||||||| base\nd0\n=======\nd2\n>>>>>>>\n";
        let s = split(text).unwrap();
        assert_eq!(s.ours, "a\nb1\nc\n");
        assert_eq!(s.base, "a\nb0\nc\nd0\n");
        assert_eq!(s.theirs, "a\nb2\nc\nd2\n");
        assert_eq!((s.blocks, s.base_known), (2, true));
    }

    #[test]
    fn damaged_or_missing_markers_are_refused() {
        assert_eq!(split("a\nb\n"), Err(MarkerError::NoMarkers));
        assert!(matches!(
            split("<<<<<<< a\nx\n=======\ny\n"),
            Err(MarkerError::Damaged { .. })
        ));
        assert!(matches!(
            split("x\n>>>>>>> b\n"),
            Err(MarkerError::Damaged { line: 2, .. })
        ));
        // Marker-like text that is not a marker (a longer run is one; a word is not).
        assert_eq!(split("<<<<<<<<<< \n=======\n>>>>>>>\n").unwrap().blocks, 1);
        assert_eq!(split("<<<<<<<x\n"), Err(MarkerError::NoMarkers));
    }
}
