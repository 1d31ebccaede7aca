//! A document's annotations: sorted by (start, end, id), each boxed so that
//! inserting one into a book-length document moves pointers, not whole annotations.

use super::annotation::Annotation;
use super::ids::AnnotationId;

/// The sort key of an annotation: start, end, id. It changes only when the
/// annotation is reshaped or its document's text changes (both reported in the
/// change log), so views can hold it to find the annotation again by binary search.
pub type SpanKey = (usize, usize, AnnotationId);

/// A document's annotations in order of [`SpanKey`].
// Boxed on purpose (clippy's `vec_box` assumes small items): an annotation is ~230
// bytes, and inserting near the start of a book's 100,000 would move 23 MB.
#[allow(clippy::vec_box)]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations(Vec<Box<Annotation>>);

impl Annotations {
    /// Sorts `list` into a collection.
    pub fn from_vec(list: Vec<Annotation>) -> Self {
        let mut v: Vec<Box<Annotation>> = list.into_iter().map(Box::new).collect();
        v.sort_by_key(|a| a.sort_key());
        Self(v)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The annotations in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Annotation> + ExactSizeIterator + Clone {
        self.0.iter().map(|a| &**a)
    }

    /// The `i`th annotation in order.
    pub fn get(&self, i: usize) -> Option<&Annotation> {
        self.0.get(i).map(|a| &**a)
    }

    /// A copy of all of them, in order.
    pub fn to_vec(&self) -> Vec<Annotation> {
        self.iter().cloned().collect()
    }

    /// Position of the annotation with this key, by binary search.
    pub fn position_of_key(&self, key: SpanKey) -> Option<usize> {
        self.0.binary_search_by_key(&key, |a| a.sort_key()).ok()
    }

    /// The annotation with this key, by binary search.
    pub fn by_key(&self, key: SpanKey) -> Option<&Annotation> {
        self.position_of_key(key).and_then(|i| self.get(i))
    }

    /// The annotation with this id (a linear scan; prefer [`Annotations::by_key`]).
    pub fn by_id(&self, id: AnnotationId) -> Option<&Annotation> {
        self.iter().find(|a| a.id == id)
    }

    /// The index of the first annotation starting at or after `start`.
    pub fn first_from(&self, start: usize) -> usize {
        self.0.partition_point(|a| a.start < start)
    }

    /// Sorts boxed annotations into a collection (no copying of the annotations).
    #[allow(clippy::vec_box)]
    pub(crate) fn from_boxes(mut list: Vec<Box<Annotation>>) -> Self {
        list.sort_by_key(|a| a.sort_key());
        Self(list)
    }

    /// The boxed annotations, in order.
    #[allow(clippy::vec_box)]
    pub(crate) fn into_boxes(self) -> Vec<Box<Annotation>> {
        self.0
    }

    /// Inserts keeping the order.
    pub(super) fn insert(&mut self, annotation: Annotation) {
        let key = annotation.sort_key();
        let at = self.0.partition_point(|a| a.sort_key() < key);
        self.0.insert(at, Box::new(annotation));
    }

    /// Removes and returns the annotation with this id.
    pub(super) fn take(&mut self, id: AnnotationId) -> Option<Annotation> {
        let at = self.0.iter().position(|a| a.id == id)?;
        Some(*self.0.remove(at))
    }

    /// Removes every annotation `pred` picks in one pass (order kept), where
    /// removing them one by one would move the rest once per removal.
    pub(super) fn take_where(
        &mut self,
        mut pred: impl FnMut(&Annotation) -> bool,
    ) -> Vec<Annotation> {
        let mut taken = Vec::new();
        let mut kept = Vec::with_capacity(self.0.len());
        for a in std::mem::take(&mut self.0) {
            if pred(&a) {
                taken.push(*a);
            } else {
                kept.push(a);
            }
        }
        self.0 = kept;
        taken
    }

    /// The annotation with this id, to change anything but its offsets.
    pub(super) fn get_mut(&mut self, id: AnnotationId) -> Option<&mut Annotation> {
        self.0.iter_mut().find(|a| a.id == id).map(|a| &mut **a)
    }

    /// Every annotation, to change anything but their offsets.
    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = &mut Annotation> {
        self.0.iter_mut().map(|a| &mut **a)
    }
}

impl std::ops::Index<usize> for Annotations {
    type Output = Annotation;

    fn index(&self, i: usize) -> &Annotation {
        &self.0[i]
    }
}

impl<'a> IntoIterator for &'a Annotations {
    type Item = &'a Annotation;
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, Box<Annotation>>,
        fn(&'a Box<Annotation>) -> &'a Annotation,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|a| &**a)
    }
}
