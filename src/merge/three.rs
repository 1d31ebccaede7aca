//! Three-way merging of values, sets, ordered lists and stamps: the rules every
//! object's merge is made of. Each is symmetric in ours and theirs (swapping them
//! gives the same result), so `merge(base, ours, theirs)` and `merge(base, theirs,
//! ours)` hold the same project.

use crate::model::Field;
use std::collections::HashMap;
use std::hash::Hash;

/// The merged value of one field: the value both sides agree on, or the one side's
/// change over no change; `None` when both changed it differently (a conflict).
pub(super) fn pick<'a, T: PartialEq + ?Sized>(
    base: Option<&'a T>,
    ours: &'a T,
    theirs: &'a T,
) -> Option<&'a T> {
    if ours == theirs {
        return Some(ours);
    }
    match base {
        Some(b) if b == ours => Some(theirs),
        Some(b) if b == theirs => Some(ours),
        _ => None,
    }
}

/// A field-by-field merge of one object: starts from the base version and takes
/// every field the sides do not disagree on; fields they changed differently keep
/// the base value and are listed. Without a base (both sides added the object under
/// one id), it starts from whichever version comes first in a fixed order, so the
/// result does not depend on which side is ours.
pub(super) struct Fields<'a, T: Clone + std::fmt::Debug> {
    base: Option<&'a T>,
    ours: &'a T,
    theirs: &'a T,
    /// The merged object so far.
    pub(super) out: T,
    /// The fields in conflict so far.
    pub(super) conflicts: Vec<Field>,
    /// Whether some change of ours (of theirs) made it into `out`.
    pub(super) ours_in: bool,
    pub(super) theirs_in: bool,
}

impl<'a, T: Clone + std::fmt::Debug> Fields<'a, T> {
    /// Starts a merge of `ours` and `theirs` from `base`.
    pub(super) fn new(base: Option<&'a T>, ours: &'a T, theirs: &'a T) -> Self {
        Self {
            base,
            ours,
            theirs,
            out: base
                .unwrap_or_else(|| {
                    if format!("{theirs:?}") < format!("{ours:?}") {
                        theirs
                    } else {
                        ours
                    }
                })
                .clone(),
            conflicts: Vec::new(),
            ours_in: false,
            theirs_in: false,
        }
    }

    /// Notes which sides' changes the value `won` carries.
    fn credit<K: PartialEq>(&mut self, base: Option<&K>, ours: &K, theirs: &K, won: &K) {
        if base != Some(ours) && won == ours {
            self.ours_in = true;
        }
        if base != Some(theirs) && won == theirs {
            self.theirs_in = true;
        }
    }

    /// Merges the field `get` reads and `set` writes.
    pub(super) fn field<V: PartialEq + Clone>(
        &mut self,
        field: Field,
        get: impl Fn(&T) -> &V,
        set: impl FnOnce(&mut T, V),
    ) {
        let (b, o, t) = (self.base.map(&get), get(self.ours), get(self.theirs));
        match pick(b, o, t) {
            Some(v) => {
                self.credit(b, o, t, v);
                set(&mut self.out, v.clone());
            }
            None => self.conflicts.push(field),
        }
    }

    /// Merges a field compared through a key (e.g. a span's ranges) but copied whole.
    pub(super) fn field_by<K: PartialEq>(
        &mut self,
        field: Field,
        key: impl Fn(&T) -> K,
        set: impl FnOnce(&mut T, &T),
    ) {
        let (o, t) = (key(self.ours), key(self.theirs));
        let b = self.base.map(&key);
        let winner = if o == t {
            Some(self.ours)
        } else {
            match &b {
                Some(b) if *b == o => Some(self.theirs),
                Some(b) if *b == t => Some(self.ours),
                _ => None,
            }
        };
        match winner {
            Some(w) => {
                let won = key(w);
                self.credit(b.as_ref(), &o, &t, &won);
                set(&mut self.out, w);
            }
            None => self.conflicts.push(field),
        }
    }

    /// The stamps (who changed it, when) the merged object gets, read from each
    /// version by `stamp`: those of the side whose changes it carries, the later of
    /// the two when it carries both's; when it carries neither's (both changed the
    /// same fields differently), the stamps merged like a field, the later of the two
    /// when both changed them.
    pub(super) fn stamps<S: PartialEq + Ord + Clone>(&self, stamp: impl Fn(&T) -> S) -> S {
        let (o, t) = (stamp(self.ours), stamp(self.theirs));
        match (self.ours_in, self.theirs_in) {
            (true, false) => o,
            (false, true) => t,
            (true, true) => o.max(t),
            (false, false) => {
                let b = self.base.map(&stamp);
                pick(b.as_ref(), &o, &t)
                    .cloned()
                    .unwrap_or_else(|| o.max(t))
            }
        }
    }
}

/// The merged list of a set-like field (aliases): what either side removed is gone,
/// what either added is there; kept items in the base's order, then additions by
/// their position on their side (then by value, so the order is symmetric).
pub(super) fn merge_set(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    if ours == theirs || base == theirs {
        return ours.to_vec();
    }
    if base == ours {
        return theirs.to_vec();
    }
    let mut out: Vec<String> = base
        .iter()
        .filter(|x| ours.contains(x) && theirs.contains(x))
        .cloned()
        .collect();
    let mut added: Vec<(usize, &String)> = ours
        .iter()
        .enumerate()
        .chain(theirs.iter().enumerate())
        .filter(|(_, x)| !base.contains(x))
        .collect();
    added.sort();
    for (_, x) in added {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// The order of a merged keyed list (documents, entities, relations, tags): when
/// one side kept the base's order, the other side's order; otherwise the base's
/// order, each added item after the item it follows on its side. `kept` is what the
/// merged list holds (items of any of the three lists).
pub(super) fn order<K: Copy + Eq + Hash + Ord>(
    base: &[K],
    ours: &[K],
    theirs: &[K],
    kept: &dyn Fn(&K) -> bool,
) -> Vec<K> {
    let all_kept = |side: &[K]| -> bool {
        let in_side: std::collections::HashSet<&K> = side.iter().collect();
        side.iter().all(kept)
            && base
                .iter()
                .chain(ours)
                .chain(theirs)
                .all(|k| !kept(k) || in_side.contains(k))
    };
    if theirs == base && all_kept(ours) {
        return ours.to_vec();
    }
    if ours == base && all_kept(theirs) {
        return theirs.to_vec();
    }
    let base_pos: HashMap<K, usize> = base.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    // Sort key: (slot after a base item, 0 for base items / 1 for additions, position
    // on its side, the key itself); the smallest over the sides that hold it.
    let mut keys: HashMap<K, (usize, usize, usize, K)> = HashMap::new();
    for (i, k) in base.iter().enumerate() {
        if kept(k) {
            keys.insert(*k, (i + 1, 0, 0, *k));
        }
    }
    for side in [ours, theirs] {
        let mut anchor = 0;
        for (i, k) in side.iter().enumerate() {
            if let Some(&p) = base_pos.get(k) {
                anchor = p + 1;
                continue;
            }
            if !kept(k) {
                continue;
            }
            let key = (anchor, 1, i, *k);
            keys.entry(*k)
                .and_modify(|old| *old = (*old).min(key))
                .or_insert(key);
        }
    }
    let mut out: Vec<(usize, usize, usize, K)> = keys.into_values().collect();
    out.sort();
    out.into_iter().map(|(_, _, _, k)| k).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn pick_takes_the_one_change_and_refuses_two() {
        assert_eq!(pick(Some(&1), &1, &2), Some(&2));
        assert_eq!(pick(Some(&1), &3, &1), Some(&3));
        assert_eq!(pick(Some(&1), &4, &4), Some(&4));
        assert_eq!(pick(Some(&1), &3, &4), None);
        assert_eq!(pick(None, &3, &4), None);
        assert_eq!(pick(None, &3, &3), Some(&3));
    }

    #[test]
    fn sets_keep_additions_of_both_and_drop_removals_of_either() {
        let base = v(&["a", "b", "c"]);
        assert_eq!(
            merge_set(&base, &v(&["a", "b", "c", "x"]), &v(&["b", "c", "y"])),
            v(&["b", "c", "y", "x"]),
            "additions by their position on their side"
        );
        assert_eq!(
            merge_set(&v(&["a"]), &v(&["a", "y"]), &v(&["a", "x"])),
            v(&["a", "x", "y"])
        );
        assert_eq!(merge_set(&base, &base, &v(&["c"])), v(&["c"]));
        let (o, t) = (v(&["a", "z", "b"]), v(&["a", "y"]));
        assert_eq!(merge_set(&base, &o, &t), merge_set(&base, &t, &o));
    }

    #[test]
    fn order_follows_the_side_that_changed_it_and_is_symmetric() {
        let keep_all = |_: &u32| true;
        assert_eq!(
            order(&[1, 2, 3], &[1, 9, 2, 3], &[1, 2, 3], &keep_all),
            vec![1, 9, 2, 3]
        );
        let (o, t) = ([1, 9, 2, 3], [1, 2, 8, 3, 7]);
        let merged = order(&[1, 2, 3], &o, &t, &keep_all);
        assert_eq!(merged, vec![1, 9, 2, 8, 3, 7]);
        assert_eq!(merged, order(&[1, 2, 3], &t, &o, &keep_all));
        let no_two = |k: &u32| *k != 2;
        assert_eq!(
            order(&[1, 2, 3], &[1, 3], &[1, 2, 3, 5], &no_two),
            vec![1, 3, 5]
        );
    }
}
