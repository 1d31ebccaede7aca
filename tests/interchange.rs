//! Export and import in the formats analysts' other tools use: W3C Web Annotation
//! (every item checked against the W3C conformance schemas), brat (the tutorial
//! corpus and edge cases round-tripped line for line), CSV, doccano, Label Studio,
//! the report; random projects through W3C and brat; the command line.

#![allow(clippy::unwrap_used)]
// Tuples of test data read more plainly here than named types.
#![allow(clippy::type_complexity)]

#[path = "interchange/brat.rs"]
mod brat;
#[path = "interchange/cli.rs"]
mod cli;
#[path = "interchange/formats.rs"]
mod formats;
#[path = "interchange/roundtrip.rs"]
mod roundtrip;
#[path = "interchange/sample.rs"]
mod sample;
#[path = "common/shape.rs"]
mod shape;
#[path = "interchange/w3c.rs"]
mod w3c;
#[path = "common/w3c_schemas.rs"]
mod w3c_schemas;
