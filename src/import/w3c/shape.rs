//! The parts of W3C Web Annotation JSON-LD the importer reads, deserialized
//! straight from the file's bytes: strings borrow from them (a copy only where the
//! JSON escapes a character), and a value given once needs no list of its own.
//!
//! JSON-LD lets most properties be one value or a list, an IRI or an object, and
//! other vocabularies may add anything; so every field here is lenient — a value of
//! an unexpected JSON type reads as absent (and is skipped without building it)
//! instead of failing the file. Reading this way instead of into a generic
//! `serde_json::Value` tree makes a 100,000-annotation file a few allocations per
//! annotation rather than dozens.

use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StrDeserializer};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Skips the rest of a list the reader does not want.
fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Skips the rest of an object the reader does not want.
fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Implements the visitor methods that turn a JSON value of an unexpected type into
/// `$absent` (lists and objects are skipped, not built).
macro_rules! absent_otherwise {
    ($absent:expr) => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($absent)
        }
    };
}

/// A string, or nothing when the JSON holds something else there.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Str<'a>(pub Option<Cow<'a, str>>);

impl<'a> Str<'a> {
    /// The string, if there is one.
    pub(super) fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The string, or "" when there is none.
    pub(super) fn or_empty(&self) -> &str {
        self.get().unwrap_or_default()
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Str<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Str<'a>, E> {
                Ok(Str(Some(Cow::Borrowed(s))))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Str<'a>, E> {
                Ok(Str(Some(Cow::Owned(s.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Str<'a>, E> {
                Ok(Str(Some(Cow::Owned(s))))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Str<'a>, E> {
                Ok(Str(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Str<'a>, A::Error> {
                drain_seq(seq).map(|()| Str(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Str<'a>, A::Error> {
                drain_map(map).map(|()| Str(None))
            }
            absent_otherwise!(Str(None));
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A non-negative whole number, or nothing when the JSON holds something else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Count(pub Option<usize>);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a non-negative integer")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Count, E> {
                Ok(Count(usize::try_from(n).ok()))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Count, E> {
                Ok(Count(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Count, A::Error> {
                drain_seq(seq).map(|()| Count(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Count, A::Error> {
                drain_map(map).map(|()| Count(None))
            }
            absent_otherwise!(Count(None));
        }
        d.deserialize_any(V)
    }
}

/// One value or a list of them (JSON-LD allows either almost everywhere); `null`
/// and values of other JSON types give none. The first value is held inline, so a
/// property given once (the usual case) allocates nothing for the list.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Many<T> {
    first: Option<T>,
    rest: Vec<T>,
}

impl<T> Default for Many<T> {
    fn default() -> Self {
        Self {
            first: None,
            rest: Vec::new(),
        }
    }
}

impl<T> Many<T> {
    /// The values in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &T> {
        self.first.iter().chain(&self.rest)
    }

    /// The first value.
    pub(super) fn first(&self) -> Option<&T> {
        self.first.as_ref()
    }

    fn one(value: T) -> Self {
        Self {
            first: Some(value),
            rest: Vec::new(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Many<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Many<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Many<T>, A::Error> {
                let mut many = Many::default();
                if let Some(first) = seq.next_element()? {
                    many.first = Some(first);
                    while let Some(next) = seq.next_element()? {
                        many.rest.push(next);
                    }
                }
                Ok(many)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Many<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Many::one)
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Many<T>, E> {
                T::deserialize(BorrowedStrDeserializer::new(s)).map(Many::one)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Many<T>, E> {
                T::deserialize(StrDeserializer::new(s)).map(Many::one)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Many<T>, E> {
                Ok(Many::default())
            }
            absent_otherwise!(Many::default());
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A reference to a resource: its IRI as a string, or the resource as an object.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Ref<'a, T> {
    /// Named by its IRI.
    Iri(Cow<'a, str>),
    /// Given in full.
    Object(T),
    /// A number, a boolean, `null` or a list where a resource was expected.
    Other,
}

impl<'de: 'a, 'a, T: Deserialize<'de>> Deserialize<'de> for Ref<'a, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a, T>(std::marker::PhantomData<(&'a (), T)>);
        impl<'de: 'a, 'a, T: Deserialize<'de>> Visitor<'de> for V<'a, T> {
            type Value = Ref<'a, T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an IRI or an object")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Ref::Iri(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Ref::Iri(Cow::Owned(s.to_owned())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Ref::Object)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                drain_seq(seq).map(|()| Ref::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Ref::Other)
            }
            absent_otherwise!(Ref::Other);
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// Whether a `type` list includes `name`.
pub(super) fn has_type(types: &Many<Str<'_>>, name: &str) -> bool {
    types.iter().any(|t| t.get() == Some(name))
}

/// A collection, a page or an annotation: the fields of all three, since the
/// importer learns which one it has from `type`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Node<'a> {
    /// `type` (or JSON-LD's `@type`).
    #[serde(rename = "type", alias = "@type", borrow)]
    pub(super) types: Many<Str<'a>>,
    /// `id` (or `@id`).
    #[serde(alias = "@id", borrow)]
    pub(super) id: Str<'a>,
    /// A collection's first page.
    #[serde(borrow)]
    pub(super) first: Option<Ref<'a, Box<Node<'a>>>>,
    /// A page's annotations.
    #[serde(borrow)]
    pub(super) items: Many<Ref<'a, Box<Node<'a>>>>,
    /// A page's next page.
    #[serde(borrow)]
    pub(super) next: Option<Ref<'a, Box<Node<'a>>>>,
    /// An annotation's motivations.
    #[serde(borrow)]
    pub(super) motivation: Many<Str<'a>>,
    /// An annotation's text body given inline.
    #[serde(rename = "bodyValue", borrow)]
    pub(super) body_value: Str<'a>,
    /// An annotation's bodies.
    #[serde(borrow)]
    pub(super) body: Many<Ref<'a, Body<'a>>>,
    /// An annotation's targets.
    #[serde(borrow)]
    pub(super) target: Many<Ref<'a, Target<'a>>>,
    /// Who made it.
    #[serde(borrow)]
    pub(super) creator: Many<Ref<'a, Agent<'a>>>,
    /// When it was made (RFC 3339).
    #[serde(borrow)]
    pub(super) created: Str<'a>,
    /// When it last changed (RFC 3339).
    #[serde(borrow)]
    pub(super) modified: Str<'a>,
}

/// Something with an IRI.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Named<'a> {
    /// `id` (or `@id`).
    #[serde(alias = "@id", borrow)]
    pub(super) id: Str<'a>,
}

/// The IRI of a reference: the string, or the object's `id`.
pub(super) fn iri_of<'s, T>(
    r: &'s Ref<'_, T>,
    id: impl Fn(&'s T) -> Option<&'s str>,
) -> Option<&'s str> {
    match r {
        Ref::Iri(s) => Some(s),
        Ref::Object(o) => id(o),
        Ref::Other => None,
    }
}

/// An annotation's body.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Body<'a> {
    /// `type` (or `@type`).
    #[serde(rename = "type", alias = "@type", borrow)]
    pub(super) types: Many<Str<'a>>,
    /// `id` (or `@id`).
    #[serde(alias = "@id", borrow)]
    pub(super) id: Str<'a>,
    /// Why it is there: tagging, identifying, assessing, commenting, linking…
    #[serde(borrow)]
    pub(super) purpose: Str<'a>,
    /// A `TextualBody`'s text.
    #[serde(borrow)]
    pub(super) value: Str<'a>,
    /// The same in RDF's spelling.
    #[serde(rename = "rdf:value", borrow)]
    pub(super) rdf_value: Str<'a>,
    /// A `SpecificResource`'s resource.
    #[serde(borrow)]
    pub(super) source: Option<Ref<'a, Named<'a>>>,
}

impl Body<'_> {
    /// Its text: `value`, else `rdf:value`.
    pub(super) fn text(&self) -> Option<&str> {
        self.value.get().or_else(|| self.rdf_value.get())
    }

    /// Its resource's IRI.
    pub(super) fn source_iri(&self) -> Option<&str> {
        self.source.as_ref().and_then(|s| iri_of(s, |n| n.id.get()))
    }

    /// What it holds, for a warning.
    pub(super) fn describe(&self) -> String {
        let mut parts = Vec::new();
        let types: Vec<&str> = self.types.iter().filter_map(Str::get).collect();
        if !types.is_empty() {
            parts.push(format!("type {}", types.join(", ")));
        }
        for (name, v) in [
            ("id", self.id.get()),
            ("purpose", self.purpose.get()),
            ("value", self.text()),
            ("source", self.source_iri()),
        ] {
            if let Some(v) = v {
                parts.push(format!("{name} “{}”", crate::model::text::short(v, 60)));
            }
        }
        if parts.is_empty() {
            "an empty body".into()
        } else {
            parts.join(", ")
        }
    }
}

/// An annotation's target given as an object.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Target<'a> {
    /// `id` (or `@id`), for a target that is itself a resource (a linking
    /// annotation's target).
    #[serde(alias = "@id", borrow)]
    pub(super) id: Str<'a>,
    /// The document.
    #[serde(borrow)]
    pub(super) source: Option<Ref<'a, Named<'a>>>,
    /// Where in the document.
    #[serde(borrow)]
    pub(super) selector: Many<Ref<'a, Selector<'a>>>,
}

impl Target<'_> {
    /// The document's IRI.
    pub(super) fn source_iri(&self) -> Option<&str> {
        self.source.as_ref().and_then(|s| iri_of(s, |n| n.id.get()))
    }
}

/// A selector: the fields of a `TextPositionSelector` and a `TextQuoteSelector`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Selector<'a> {
    /// `type` (or `@type`).
    #[serde(rename = "type", alias = "@type", borrow)]
    pub(super) types: Many<Str<'a>>,
    /// A position selector's start (code points).
    pub(super) start: Count,
    /// A position selector's end (code points, exclusive).
    pub(super) end: Count,
    /// A quote selector's text.
    #[serde(borrow)]
    pub(super) exact: Str<'a>,
    /// The text before it.
    #[serde(borrow)]
    pub(super) prefix: Str<'a>,
    /// The text after it.
    #[serde(borrow)]
    pub(super) suffix: Str<'a>,
}

/// A creator given as an object.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Agent<'a> {
    /// Their name.
    #[serde(borrow)]
    pub(super) name: Str<'a>,
    /// Their nickname.
    #[serde(borrow)]
    pub(super) nickname: Str<'a>,
    /// Their IRI.
    #[serde(alias = "@id", borrow)]
    pub(super) id: Str<'a>,
}

/// A whole file: one item or a list of them.
pub(super) type File<'a> = Many<Ref<'a, Node<'a>>>;

/// Parses a file's bytes.
pub(super) fn parse(bytes: &[u8]) -> Result<File<'_>, serde_json::Error> {
    serde_json::from_slice(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_fields_read_absent_and_lists_or_single_values_alike() {
        let json = br#"[{"type": ["Annotation", 7], "id": 12, "motivation": "tagging",
            "body": [{"purpose": "tagging", "value": "claim"}, "http://x/y", 3],
            "target": {"source": {"id": "urn:doc"}, "selector": [
                {"type": "TextPositionSelector", "start": 3, "end": -1},
                {"type": "TextQuoteSelector", "exact": "a\"b", "prefix": null, "extra": {"deep": [1, 2]}}]},
            "creator": [{"name": "Ana"}], "created": false}, "urn:x", null]"#;
        let file = parse(json).expect("lenient parse");
        let items: Vec<_> = file.iter().collect();
        assert_eq!(items.len(), 3);
        assert!(matches!(items[1], Ref::Iri(s) if s == "urn:x"));
        assert!(matches!(items[2], Ref::Other));
        let Ref::Object(a) = items[0] else {
            panic!("an object")
        };
        assert!(has_type(&a.types, "Annotation"));
        assert_eq!(a.id.get(), None);
        assert_eq!(a.motivation.first().and_then(Str::get), Some("tagging"));
        assert_eq!(a.body.iter().count(), 3);
        let Some(Ref::Object(t)) = a.target.first() else {
            panic!("a target object")
        };
        assert_eq!(t.source_iri(), Some("urn:doc"));
        let sels: Vec<_> = t.selector.iter().collect();
        let Ref::Object(pos) = sels[0] else { panic!() };
        assert_eq!((pos.start, pos.end), (Count(Some(3)), Count(None)));
        let Ref::Object(q) = sels[1] else { panic!() };
        // An escaped string is copied, a plain one borrowed.
        assert_eq!(q.exact.get(), Some("a\"b"));
        assert!(matches!(q.exact.0, Some(Cow::Owned(_))));
        assert!(
            matches!(t.source.as_ref(), Some(Ref::Object(n)) if matches!(n.id.0, Some(Cow::Borrowed(_))))
        );
        assert_eq!(q.prefix.get(), None);
        assert_eq!(a.created.get(), None);
    }

    #[test]
    fn a_single_object_is_a_file_of_one_and_broken_json_is_an_error() {
        assert_eq!(
            parse(br#"{"type": "Annotation"}"#)
                .map(|f| f.iter().count())
                .ok(),
            Some(1)
        );
        assert!(parse(br#"{"type": "Annotation""#).is_err());
        assert!(parse(b"").is_err());
    }
}
