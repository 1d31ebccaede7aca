//! Fuzzy matching of a new mention against the project's entities.
//!
//! When an analyst tags "Mrs. Rajavi" as a person, [`suggest`] proposes the
//! entities that mention probably refers to ("Maryam Rajavi"), best first.
//!
//! Both sides are normalised the same way before comparing: lower case, common
//! Latin diacritics folded ("Évin" → "evin"), combining marks dropped, curly
//! apostrophes straightened, possessives cut ("Noury’s" → "noury"), leading
//! honorifics and titles dropped ("The Rt. Hon", "Mrs.", "President"), the
//! function words "the" and "of" dropped, Arabic letter variants folded to their
//! Persian forms, and Persian/Arabic digits read as ASCII digits. The text is then
//! split into word tokens and the tokens are aligned: equal tokens first, then
//! Jaro-Winkler near-misses (typos), then initials. The score weighs how much of
//! the mention and how much of the name the alignment covers; the last token (a
//! person's surname) weighs double.

use super::{EntityId, Project};

/// Suggestions scoring below this are not offered.
pub const MIN_SCORE: f32 = 0.6;

/// Two different tokens count as the same word (a typo) from this Jaro-Winkler similarity up.
const FUZZY_TOKEN: f32 = 0.88;

/// Similarity given to an initial ("M.") standing for a token ("Maryam").
const INITIAL: f32 = 0.8;

/// Score of a full match whose tokens come in another order ("Rajavi, Maryam").
const REORDERED: f32 = 0.97;

/// Tokens beyond this many on either side are ignored by the alignment.
const MAX_TOKENS: usize = 32;

/// One candidate entity for a mention, best first.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The entity.
    pub entity: EntityId,
    /// Similarity, `MIN_SCORE..=1.0`.
    pub score: f32,
    /// The name or alias that matched best.
    pub matched: String,
}

/// Entities of `kind` (a tag key, e.g. "person") whose name or aliases match
/// `mention`, best first, at most `limit`, only scores >= [`MIN_SCORE`].
///
/// Ties keep the project's entity order.
pub fn suggest(project: &Project, kind: &str, mention: &str, limit: usize) -> Vec<Suggestion> {
    let mut out = Vec::new();
    if limit == 0 {
        return out;
    }
    let mut m = Normalized::default();
    m.fill(mention);
    if m.tokens.is_empty() {
        return out;
    }
    let mut n = Normalized::default();
    for entity in project.entities().iter().filter(|e| e.kind == kind) {
        let mut best: Option<(f32, &str)> = None;
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            n.fill(name);
            let s = score_normalized(&m, &n);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, name));
            }
            if s >= 1.0 {
                break;
            }
        }
        if let Some((score, matched)) = best
            && score >= MIN_SCORE
        {
            out.push(Suggestion {
                entity: entity.id,
                score,
                matched: matched.to_owned(),
            });
        }
    }
    // Stable: equal scores keep the entity order.
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out.truncate(limit);
    out
}

/// Similarity of a mention to one name, 0.0..=1.0.
///
/// 1.0 means the two are the same name once case, diacritics, punctuation,
/// possessives and titles are ignored.
pub fn score(mention: &str, name: &str) -> f32 {
    let mut m = Normalized::default();
    m.fill(mention);
    let mut n = Normalized::default();
    n.fill(name);
    score_normalized(&m, &n)
}

/// A name folded to comparable tokens. Reused between names to avoid allocations.
#[derive(Default)]
struct Normalized {
    /// Folded chars of all tokens, back to back (plus dropped leftovers).
    chars: Vec<char>,
    /// Char ranges of the kept tokens in `chars`.
    tokens: Vec<(usize, usize)>,
}

impl Normalized {
    /// Replaces the content with the tokens of `s`.
    fn fill(&mut self, s: &str) {
        self.chars.clear();
        self.tokens.clear();
        let mut start = 0;
        for c in s.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    self.chars.push(c.to_ascii_lowercase());
                } else if c == '\'' || c == '`' {
                    self.chars.push('\'');
                } else {
                    self.end_token(start);
                    start = self.chars.len();
                }
                continue;
            }
            let c = match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' => '\'',
                c => c,
            };
            if is_mark(c) {
                continue;
            }
            if c == '\'' || is_arabic_letter_or_digit(c) || c.is_alphanumeric() {
                push_folded(c, &mut self.chars);
            } else {
                self.end_token(start);
                start = self.chars.len();
            }
        }
        self.end_token(start);
        self.drop_titles_and_stopwords();
    }

    /// Closes the token that began at `start`: cuts a possessive, drops apostrophes.
    fn end_token(&mut self, start: usize) {
        let Some(token) = self.chars.get(start..) else {
            return;
        };
        let cut = match token {
            [.., '\'', 's'] => 2,
            [.., '\''] => 1,
            _ => 0,
        };
        self.chars
            .truncate(self.chars.len().saturating_sub(cut).max(start));
        let mut write = start;
        for read in start..self.chars.len() {
            if let Some(&c) = self.chars.get(read)
                && c != '\''
            {
                if let Some(slot) = self.chars.get_mut(write) {
                    *slot = c;
                }
                write += 1;
            }
        }
        self.chars.truncate(write);
        if write > start {
            self.tokens.push((start, write));
        }
    }

    /// Drops leading titles and stopwords, keeping at least one token.
    fn drop_titles_and_stopwords(&mut self) {
        while self.tokens.len() > 1
            && self
                .tokens
                .first()
                .is_some_and(|&t| is_title(self.slice(t)))
        {
            self.tokens.remove(0);
        }
        let chars = &self.chars;
        let is_stop = |&(start, end): &(usize, usize)| {
            matches!(chars.get(start..end), Some(['t', 'h', 'e'] | ['o', 'f']))
        };
        if self.tokens.len() > 1 && !self.tokens.iter().all(is_stop) {
            self.tokens.retain(|t| !is_stop(t));
        }
    }

    /// The chars of a token range.
    fn slice(&self, (start, end): (usize, usize)) -> &[char] {
        self.chars.get(start..end).unwrap_or(&[])
    }

    /// The `i`-th kept token.
    fn token(&self, i: usize) -> &[char] {
        self.tokens.get(i).map_or(&[], |&t| self.slice(t))
    }

    /// Whether both hold the same tokens in the same order.
    fn same_tokens(&self, other: &Normalized) -> bool {
        self.tokens.len() == other.tokens.len()
            && (0..self.tokens.len()).all(|i| self.token(i) == other.token(i))
    }
}

/// Whether `token` is an honorific or title, dropped from the start of a name
/// while another token follows.
fn is_title(token: &[char]) -> bool {
    let mut buf = [0u8; 12];
    if token.len() > buf.len() || !token.iter().all(char::is_ascii) {
        return token == ['آ', 'ی', 'ت', 'ا', 'ل', 'ل', 'ه'];
    }
    for (slot, &c) in buf.iter_mut().zip(token) {
        *slot = c as u8;
    }
    let word = buf
        .get(..token.len())
        .and_then(|b| std::str::from_utf8(b).ok());
    matches!(
        word,
        Some(
            "the"
                | "mr"
                | "mrs"
                | "ms"
                | "miss"
                | "mx"
                | "dr"
                | "prof"
                | "professor"
                | "sir"
                | "dame"
                | "lord"
                | "lady"
                | "rt"
                | "right"
                | "hon"
                | "honourable"
                | "honorable"
                | "president"
                | "judge"
                | "justice"
                | "ayatollah"
                | "grand"
                | "imam"
                | "sheikh"
                | "gen"
                | "general"
                | "col"
                | "colonel"
                | "capt"
                | "captain"
                | "minister"
                | "senator"
                | "sen"
                | "rep"
                | "gov"
                | "governor"
                | "mayor"
        )
    )
}

/// Common Arabic-script letters and digits, answered without the Unicode tables.
fn is_arabic_letter_or_digit(c: char) -> bool {
    matches!(c as u32, 0x0620..=0x063F | 0x0641..=0x064A | 0x0660..=0x0669 | 0x0671..=0x06D3 | 0x06F0..=0x06F9)
}

/// Combining marks, Arabic vowel signs, tatweel, joiners and soft hyphens: dropped.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x0640 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x200B..=0x200F | 0x20D0..=0x20FF | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F)
}

/// Pushes `c` lower-cased with its diacritics folded away.
fn push_folded(c: char, out: &mut Vec<char>) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Hebrew, Arabic, Syriac, Indic, Thai, … have no case: skip the table look-up.
    if ('\u{0590}'..='\u{109F}').contains(&c) {
        push_base_letter(c, out);
    } else {
        for l in c.to_lowercase() {
            push_base_letter(l, out);
        }
    }
}

/// Pushes lower-case `l` with its diacritics folded away.
fn push_base_letter(l: char, out: &mut Vec<char>) {
    {
        let folded: &[char] = match l {
            'à'..='å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ậ' | 'ắ' | 'ặ' => {
                &['a']
            }
            'æ' => &['a', 'e'],
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => &['c'],
            'ð' | 'ď' | 'đ' => &['d'],
            'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẽ' | 'ế' | 'ề' | 'ệ' => {
                &['e']
            }
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => &['g'],
            'ĥ' | 'ħ' | 'ḥ' => &['h'],
            'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ị' => &['i'],
            'ĳ' => &['i', 'j'],
            'ĵ' => &['j'],
            'ķ' => &['k'],
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => &['l'],
            'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => &['n'],
            'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ơ' | 'ọ' | 'ố' | 'ồ' | 'ộ' | 'ớ' | 'ờ' => {
                &['o']
            }
            'œ' => &['o', 'e'],
            'ŕ' | 'ŗ' | 'ř' => &['r'],
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ſ' | 'ṣ' => &['s'],
            'ß' => &['s', 's'],
            'ţ' | 'ť' | 'ŧ' | 'ț' | 'ṭ' => &['t'],
            'þ' => &['t', 'h'],
            'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ư' | 'ụ' | 'ứ' | 'ừ' => {
                &['u']
            }
            'ŵ' => &['w'],
            'ý' | 'ÿ' | 'ŷ' | 'ỳ' => &['y'],
            'ź' | 'ż' | 'ž' | 'ẓ' => &['z'],
            // Arabic letter forms typed on Arabic keyboards, folded to the Persian ones.
            'ي' | 'ى' => &['ی'],
            'ك' => &['ک'],
            'ة' | 'ۀ' => &['ه'],
            'أ' | 'إ' | 'ٱ' | 'آ' => &['ا'],
            'ؤ' => &['و'],
            // Persian and Arabic-Indic digits.
            '۰' | '٠' => &['0'],
            '۱' | '١' => &['1'],
            '۲' | '٢' => &['2'],
            '۳' | '٣' => &['3'],
            '۴' | '٤' => &['4'],
            '۵' | '٥' => &['5'],
            '۶' | '٦' => &['6'],
            '۷' | '٧' => &['7'],
            '۸' | '٨' => &['8'],
            '۹' | '٩' => &['9'],
            l if is_mark(l) => &[],
            _ => {
                out.push(l);
                return;
            }
        };
        out.extend_from_slice(folded);
    }
}

/// Weight of token `i` of `len`: the last of several (a surname) counts double.
fn weight(i: usize, len: usize) -> f32 {
    if len > 1 && i + 1 == len { 2.0 } else { 1.0 }
}

/// Similarity of two tokens: 1 when equal, their Jaro-Winkler similarity when it
/// reaches [`FUZZY_TOKEN`], else 0. Short tokens and numbers must be equal.
fn token_sim(a: &[char], b: &[char]) -> f32 {
    if a == b {
        return 1.0;
    }
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    if short <= 3 {
        return 0.0;
    }
    if long > 64 {
        return 0.0;
    }
    // Jaro-Winkler reaches FUZZY_TOKEN only if Jaro reaches JARO_NEEDED; bound the
    // number of matching chars by those of one token that occur at all in the other
    // (a 64-bit presence mask), which rules out most pairs cheaply.
    const JARO_NEEDED: f32 = (FUZZY_TOKEN - 0.4) / 0.6;
    let jaro_bound = |m: f32| (m / a.len() as f32 + m / b.len() as f32 + 1.0) / 3.0;
    if jaro_bound(short as f32) < JARO_NEEDED {
        return 0.0;
    }
    let mask = |t: &[char]| t.iter().fold(0u64, |m, &c| m | 1 << (c as u32 & 63));
    let (mask_a, mask_b) = (mask(a), mask(b));
    let present = |t: &[char], m: u64| t.iter().filter(|&&c| m & 1 << (c as u32 & 63) != 0).count();
    let m_max = present(a, mask_b).min(present(b, mask_a)).min(short) as f32;
    if m_max == 0.0 || jaro_bound(m_max) < JARO_NEEDED {
        return 0.0;
    }
    let jw = jaro_winkler(a, b);
    if jw < FUZZY_TOKEN || a.iter().all(|c| c.is_numeric()) || b.iter().all(|c| c.is_numeric()) {
        return 0.0;
    }
    jw
}

/// Jaro-Winkler similarity of two char strings of at most 64 chars (0 for longer).
fn jaro_winkler(a: &[char], b: &[char]) -> f32 {
    let (la, lb) = (a.len(), b.len());
    if la == 0 || lb == 0 || la > 64 || lb > 64 {
        return 0.0;
    }
    let window = (la.max(lb) / 2).saturating_sub(1);
    let mut a_flags = 0u64;
    let mut b_flags = 0u64;
    let mut matches = 0u32;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(lb);
        let Some(range) = b.get(lo..hi) else {
            continue;
        };
        for (k, &cb) in range.iter().enumerate() {
            let bit = 1u64 << (lo + k);
            if cb == ca && b_flags & bit == 0 {
                a_flags |= 1 << i;
                b_flags |= bit;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // Walk the matched chars of both in order; count those that differ.
    let mut rest_b = b_flags;
    let mut half_transpositions = 0u32;
    for (i, &ca) in a.iter().enumerate() {
        if a_flags & (1 << i) != 0 {
            let j = rest_b.trailing_zeros() as usize;
            rest_b &= rest_b.wrapping_sub(1);
            if b.get(j) != Some(&ca) {
                half_transpositions += 1;
            }
        }
    }
    let m = matches as f32;
    let jaro = (m / la as f32 + m / lb as f32 + (m - (half_transpositions / 2) as f32) / m) / 3.0;
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
    jaro + prefix as f32 * 0.1 * (1.0 - jaro)
}

/// Scores two normalised names (see the module docs).
fn score_normalized(m: &Normalized, n: &Normalized) -> f32 {
    if m.tokens.is_empty() || n.tokens.is_empty() {
        return 0.0;
    }
    if m.same_tokens(n) {
        return 1.0;
    }
    let m_len = m.tokens.len().min(MAX_TOKENS);
    let n_len = n.tokens.len().min(MAX_TOKENS);
    // For each mention token: the name token it is aligned with, and how well.
    let mut pairs: [(usize, f32); MAX_TOKENS] = [(usize::MAX, 0.0); MAX_TOKENS];
    let mut used = 0u64;
    let mut strong = false;
    // Pass 1: equal tokens.
    for (i, pair) in pairs.iter_mut().enumerate().take(m_len) {
        let t = m.token(i);
        if let Some(j) = (0..n_len).find(|&j| used & (1 << j) == 0 && n.token(j) == t) {
            used |= 1 << j;
            *pair = (j, 1.0);
            strong = true;
        }
    }
    // Pass 2: typos.
    for (i, pair) in pairs.iter_mut().enumerate().take(m_len) {
        if pair.1 > 0.0 {
            continue;
        }
        let t = m.token(i);
        let best = (0..n_len)
            .filter(|&j| used & (1 << j) == 0)
            .map(|j| (j, token_sim(t, n.token(j))))
            .filter(|&(_, s)| s > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, s)) = best {
            used |= 1 << j;
            *pair = (j, s);
            strong = true;
        }
    }
    if !strong {
        return 0.0;
    }
    // Pass 3: initials, either way round ("M. Rajavi" ~ "Maryam Rajavi").
    for (i, pair) in pairs.iter_mut().enumerate().take(m_len) {
        if pair.1 > 0.0 {
            continue;
        }
        let t = m.token(i);
        let found = (0..n_len).filter(|&j| used & (1 << j) == 0).find(|&j| {
            let u = n.token(j);
            match (t, u) {
                ([x], [y, _, ..]) | ([x, _, ..], [y]) => x == y && x.is_alphabetic(),
                _ => false,
            }
        });
        if let Some(j) = found {
            used |= 1 << j;
            *pair = (j, INITIAL);
        }
    }
    let mut m_total = 0.0;
    let mut m_hit = 0.0;
    let mut n_hit = 0.0;
    for (i, &(j, s)) in pairs.iter().enumerate().take(m_len) {
        let w = weight(i, m_len);
        m_total += w;
        m_hit += w * s;
        if s > 0.0 {
            n_hit += weight(j, n_len) * s;
        }
    }
    let n_total: f32 = (0..n_len).map(|j| weight(j, n_len)).sum();
    let m_cov = m_hit / m_total;
    let n_cov = n_hit / n_total;
    let s = 0.7 * m_cov.max(n_cov) + 0.3 * m_cov.min(n_cov);
    s.clamp(0.0, REORDERED)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::commands::Command;
    use crate::model::Entity;

    fn add(project: &mut Project, kind: &str, name: &str, aliases: &[&str]) -> EntityId {
        let mut entity = Entity::new(kind, name);
        entity.aliases = aliases.iter().map(|a| (*a).to_owned()).collect();
        let id = entity.id;
        Command::AddEntity {
            entity,
            index: None,
        }
        .apply(&mut *project)
        .unwrap();
        id
    }

    struct Fixture {
        project: Project,
        rajavi: EntityId,
        raisi: EntityId,
        khamenei: EntityId,
        massacre: EntityId,
        noury: EntityId,
    }

    fn fixture() -> Fixture {
        let mut project = Project::new("test");
        let rajavi = add(&mut project, "person", "Maryam Rajavi", &["مریم رجوی"]);
        let raisi = add(
            &mut project,
            "person",
            "Ebrahim Raisi",
            &["Butcher of Tehran"],
        );
        let khamenei = add(&mut project, "person", "Ali Khamenei", &[]);
        let noury = add(&mut project, "person", "Hamid Noury", &[]);
        let massacre = add(
            &mut project,
            "event",
            "1988 massacre of political prisoners",
            &[],
        );
        Fixture {
            project,
            rajavi,
            raisi,
            khamenei,
            massacre,
            noury,
        }
    }

    fn first(f: &Fixture, kind: &str, mention: &str) -> Option<EntityId> {
        suggest(&f.project, kind, mention, 5)
            .first()
            .map(|s| s.entity)
    }

    #[test]
    fn exact_full_name_scores_one() {
        assert_eq!(score("Maryam Rajavi", "Maryam Rajavi"), 1.0);
        assert_eq!(score("  maryam RAJAVI ", "Maryam Rajavi"), 1.0);
    }

    #[test]
    fn diacritics_and_case_are_folded() {
        assert_eq!(score("Évin", "Evin"), 1.0);
        assert_eq!(score("EVIN prison", "Évin Prison"), 1.0);
        // Decomposed input: E + combining acute.
        assert_eq!(score("E\u{301}vin", "Evin"), 1.0);
        assert_eq!(score("Łódź", "Lodz"), 1.0);
    }

    #[test]
    fn apostrophes_and_possessives() {
        assert_eq!(
            score("Noury’s", "Hamid Noury"),
            score("Noury", "Hamid Noury")
        );
        assert_eq!(score("Noury's", "Noury"), 1.0);
        assert_eq!(score("O’Brien", "O'Brien"), 1.0);
        assert_eq!(score("prisoners’", "prisoners"), 1.0);
        let f = fixture();
        assert_eq!(first(&f, "person", "Noury’s"), Some(f.noury));
    }

    #[test]
    fn honorifics_and_titles_are_stripped() {
        for mention in [
            "Mrs. Rajavi",
            "Mr. Rajavi",
            "Dr. Rajavi",
            "Prof. Rajavi",
            "Sir Rajavi",
            "The Rt. Hon Rajavi",
            "President Rajavi",
            "Judge Rajavi",
        ] {
            assert_eq!(score(mention, "Rajavi"), 1.0, "{mention}");
        }
        assert_eq!(score("Mrs. Maryam Rajavi", "Maryam Rajavi"), 1.0);
        assert_eq!(score("President Ebrahim Raisi", "Ebrahim Raisi"), 1.0);
        let f = fixture();
        assert_eq!(first(&f, "person", "Mrs. Rajavi"), Some(f.rajavi));
    }

    #[test]
    fn surname_beats_first_name() {
        let surname = score("Rajavi", "Maryam Rajavi");
        let given = score("Maryam", "Maryam Rajavi");
        assert!(surname >= 0.85, "{surname}");
        assert!(given >= MIN_SCORE, "{given}");
        assert!(surname > given, "{surname} vs {given}");
        assert!(surname < 1.0);
    }

    #[test]
    fn surname_only_mention_ranks_the_right_person_first() {
        let f = fixture();
        let hits = suggest(&f.project, "person", "Rajavi", 5);
        assert_eq!(hits.first().map(|s| s.entity), Some(f.rajavi));
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].matched, "Maryam Rajavi");
        assert_eq!(first(&f, "person", "Raisi"), Some(f.raisi));
        assert_eq!(first(&f, "person", "Khamenei"), Some(f.khamenei));
    }

    #[test]
    fn typos_match_via_jaro_winkler() {
        let s = score("Rajavy", "Rajavi");
        assert!((0.9..1.0).contains(&s), "{s}");
        let s = score("Rajavy", "Maryam Rajavi");
        assert!(s >= MIN_SCORE, "{s}");
        let f = fixture();
        assert_eq!(first(&f, "person", "Maryam Rajavy"), Some(f.rajavi));
        assert_eq!(first(&f, "person", "Khamenai"), Some(f.khamenei));
    }

    #[test]
    fn token_order_does_not_matter_much() {
        let s = score("Rajavi, Maryam", "Maryam Rajavi");
        assert!((0.95..1.0).contains(&s), "{s}");
        assert!(score("M. Rajavi", "Maryam Rajavi") > score("Rajavi", "Maryam Rajavi"));
    }

    #[test]
    fn event_names_match_by_containment() {
        assert_eq!(score("the 1988 massacre", "1988 massacre"), 1.0);
        let s = score("massacre", "1988 massacre of political prisoners");
        assert!(s >= MIN_SCORE, "{s}");
        let f = fixture();
        assert_eq!(first(&f, "event", "the massacre"), Some(f.massacre));
        assert_eq!(first(&f, "event", "the 1988 massacre"), Some(f.massacre));
        // Years must match exactly.
        assert!(score("1989", "1988") < MIN_SCORE);
    }

    #[test]
    fn non_latin_scripts_match_exactly_and_by_token() {
        assert_eq!(score("مریم رجوی", "مریم رجوی"), 1.0);
        assert!(score("رجوی", "مریم رجوی") >= 0.85);
        // Arabic yeh typed for Persian yeh.
        assert_eq!(score("مريم رجوي", "مریم رجوی"), 1.0);
        assert_eq!(score("۱۳۶۷", "1367"), 1.0);
        let f = fixture();
        let hits = suggest(&f.project, "person", "رجوی", 5);
        assert_eq!(hits.first().map(|s| s.entity), Some(f.rajavi));
        assert_eq!(hits[0].matched, "مریم رجوی");
    }

    #[test]
    fn unrelated_names_score_low() {
        assert!(score("Ebrahim Raisi", "Maryam Rajavi") < MIN_SCORE);
        assert!(score("Raisi", "Maryam Rajavi") < MIN_SCORE);
        assert!(score("Khamenei", "Khomeini") < MIN_SCORE);
        assert!(score("Maryam Raisi", "Maryam Rajavi") < MIN_SCORE);
        assert_eq!(score("", "Maryam Rajavi"), 0.0);
        assert_eq!(score("—", "Maryam Rajavi"), 0.0);
        assert!(score("M.", "Maryam Rajavi") < MIN_SCORE);
    }

    #[test]
    fn aliases_match() {
        let f = fixture();
        let hits = suggest(&f.project, "person", "the Butcher of Tehran", 5);
        assert_eq!(hits.first().map(|s| s.entity), Some(f.raisi));
        assert_eq!(hits[0].matched, "Butcher of Tehran");
        assert_eq!(hits[0].score, 1.0);
    }

    #[test]
    fn kind_filters_suggestions() {
        let f = fixture();
        assert!(suggest(&f.project, "person", "massacre", 5).is_empty());
        assert!(suggest(&f.project, "event", "Rajavi", 5).is_empty());
        assert!(suggest(&f.project, "place", "Rajavi", 5).is_empty());
    }

    #[test]
    fn limit_and_order() {
        let mut project = Project::new("t");
        let a = add(&mut project, "person", "Ali Khamenei", &[]);
        let b = add(&mut project, "person", "Ali", &[]);
        let c = add(&mut project, "person", "Ali Larijani", &[]);
        let hits = suggest(&project, "person", "Ali", 10);
        let ids: Vec<_> = hits.iter().map(|s| s.entity).collect();
        assert_eq!(ids, vec![b, a, c]);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        assert_eq!(suggest(&project, "person", "Ali", 1).len(), 1);
        assert!(suggest(&project, "person", "Ali", 0).is_empty());
    }

    #[test]
    fn the_right_entity_stands_out_among_5000() {
        let mut project = Project::new("t");
        let firsts = [
            "Maryam", "Ebrahim", "Ali", "Hamid", "Narges", "Reza", "Zahra",
        ];
        let lasts = [
            "Rajavi",
            "Raisi",
            "Khamenei",
            "Noury",
            "Mohammadi",
            "Tehrani",
        ];
        for i in 0..5000 {
            let name = format!(
                "{} {}{}",
                firsts[i % firsts.len()],
                lasts[i % lasts.len()],
                i
            );
            add(&mut project, "person", &name, &["Mr. Someone"]);
        }
        let target = add(&mut project, "person", "Maryam Rajavi", &[]);
        // (Its speed is measured by `cargo bench --bench search`.)
        let hits = suggest(&project, "person", "Mrs. Rajavy", 10);
        assert_eq!(hits.first().map(|s| s.entity), Some(target));
    }
}
