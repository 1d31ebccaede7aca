//! Spreading work over the machine's cores, order kept: loading, validating and
//! saving a corpus of thousands of documents is parallel per document.

/// The most threads [`map`] uses: the reference machine has two cores, and more
/// would only compete with the UI thread.
const MAX_THREADS: usize = 4;

/// `f` applied to every item, in order, on up to as many threads as there are cores
/// (at most `MAX_THREADS`), each taking a contiguous run of at least
/// `min_per_thread` items; small inputs run on the calling thread alone.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    min_per_thread: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores
        .min(MAX_THREADS)
        .min(items.len() / min_per_thread.max(1))
        .max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let per = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let mut chunks = items.chunks(per);
        let first = chunks.next().unwrap_or_default();
        let others: Vec<_> = chunks
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>()))
            .collect();
        // Sized once: growing it would copy every result again into fresh memory.
        let mut out: Vec<R> = Vec::with_capacity(items.len());
        out.extend(first.iter().map(f));
        for h in others {
            match h.join() {
                Ok(part) => out.extend(part),
                // A panic in `f` is a bug; surface it on the calling thread as itself.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order_on_any_number_of_threads() {
        let items: Vec<u32> = (0..10_001).collect();
        for min in [1, 7, 5000, 20_000] {
            let out = super::map(&items, min, |x| x * 2);
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
        assert!(super::map(&[] as &[u32], 1, |x| *x).is_empty());
    }
}
