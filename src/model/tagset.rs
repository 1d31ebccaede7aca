//! The tag set is data, not a Rust enum: users add their own tags.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An sRGB colour, written `"#rrggbb"` in project files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color(pub [u8; 3]);

impl Color {
    /// Parses `#rrggbb` (the `#` is optional).
    pub fn parse(s: &str) -> Option<Self> {
        let hex = s.trim().trim_start_matches('#');
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Color::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("`{s}` is not a colour like \"#1f77b4\""))
        })
    }
}

/// What annotations with a tag stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum TagKind {
    /// A plain labelled span.
    #[default]
    Span,
    /// A mention of an entity (a person, an event, an organisation…).
    Entity,
    /// A claim: has a speaker, subjects and a verification status.
    Claim,
}

/// What the entities an entity tag stands for are, which decides the fields their
/// page offers (a person's role, an event's date and place) and the relations that
/// make sense for them. Data, not code: a project's "Organisation" tag has the role
/// [`EntityRole::Organisation`] whatever its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityRole {
    /// People: have a role or affiliation; can speak.
    Person,
    /// Organisations, outlets, institutions: can speak.
    Organisation,
    /// Events: have a date and a place.
    Event,
    /// Places.
    Place,
}

impl EntityRole {
    /// All roles, in the order the tag editor offers them.
    pub const ALL: [EntityRole; 4] = [
        EntityRole::Person,
        EntityRole::Organisation,
        EntityRole::Event,
        EntityRole::Place,
    ];

    /// Lower-case name, for the CLI and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityRole::Person => "person",
            EntityRole::Organisation => "organisation",
            EntityRole::Event => "event",
            EntityRole::Place => "place",
        }
    }

    /// Whether entities of this role can be a claim's speaker.
    pub fn can_speak(self) -> bool {
        matches!(self, EntityRole::Person | EntityRole::Organisation)
    }
}

/// One tag: its stable key (used in files and the CLI), how it looks, and its shortcut.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagDef {
    /// Stable identifier, lower case, e.g. `person`.
    pub key: String,
    /// Human label, e.g. `Person`.
    pub label: String,
    /// Highlight colour.
    pub color: Color,
    /// Single-letter keyboard shortcut in the reader, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcut: Option<char>,
    /// What the tag's annotations stand for.
    #[serde(default)]
    pub kind: TagKind,
    /// For an entity tag: what its entities are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<EntityRole>,
}

/// The project's tags, in display order (which also gives the 1–9 shortcuts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TagSet {
    /// Tags in display order.
    pub tags: Vec<TagDef>,
}

impl Default for TagSet {
    /// Claim, Person and Event, with shortcuts C, P and E.
    fn default() -> Self {
        let tag = |key: &str, label: &str, color: [u8; 3], key_char: char, kind, role| TagDef {
            key: key.into(),
            label: label.into(),
            color: Color(color),
            shortcut: Some(key_char),
            kind,
            role,
        };
        Self {
            tags: vec![
                tag(
                    "claim",
                    "Claim",
                    [0xe6, 0x9f, 0x00],
                    'C',
                    TagKind::Claim,
                    None,
                ),
                tag(
                    "person",
                    "Person",
                    [0x00, 0x72, 0xb2],
                    'P',
                    TagKind::Entity,
                    Some(EntityRole::Person),
                ),
                tag(
                    "event",
                    "Event",
                    [0xcc, 0x79, 0xa7],
                    'E',
                    TagKind::Entity,
                    Some(EntityRole::Event),
                ),
            ],
        }
    }
}

impl TagSet {
    /// The tag with this key.
    pub fn get(&self, key: &str) -> Option<&TagDef> {
        self.tags.iter().find(|t| t.key == key)
    }

    /// Position of a tag in display order.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.tags.iter().position(|t| t.key == key)
    }

    /// Finds a tag by key or label, ignoring case (what a user types on the CLI).
    pub fn find(&self, name: &str) -> Option<&TagDef> {
        let name = name.trim();
        self.tags
            .iter()
            .find(|t| t.key.eq_ignore_ascii_case(name) || t.label.eq_ignore_ascii_case(name))
    }

    /// The role of the entities of tag `key`, if it is an entity tag with one.
    pub fn role_of(&self, key: &str) -> Option<EntityRole> {
        self.get(key)
            .filter(|t| t.kind == TagKind::Entity)
            .and_then(|t| t.role)
    }

    /// The tag whose shortcut letter is `c` (case-insensitive).
    pub fn by_shortcut(&self, c: char) -> Option<&TagDef> {
        self.tags
            .iter()
            .find(|t| t.shortcut.is_some_and(|s| s.eq_ignore_ascii_case(&c)))
    }
}
