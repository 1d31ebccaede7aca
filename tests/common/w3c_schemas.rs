//! The W3C Web Annotation conformance assertions (draft-04 JSON schemas) run offline
//! with the `jsonschema` crate, as the corpus's `run_tests.py` runs them: the
//! definitions in a local registry, an assertion passes when the document's
//! validity equals its `expectedResult`, and `uri` checked as an absolute URI.

use serde_json::Value;
use std::path::{Path, PathBuf};

const BASE: &str = "https://w3c-annotation-tests.invalid/";

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/w3c")
}

fn load(p: &Path) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The offline `uri` check of `run_tests.py`: scheme `:` then no white space.
fn is_uri(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut c = scheme.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic())
        && c.all(|x| x.is_ascii_alphanumeric() || matches!(x, '+' | '-' | '.'))
        && !s.chars().any(char::is_whitespace)
}

/// One assertion, compiled.
pub(crate) struct Assertion {
    pub(crate) name: String,
    pub(crate) must: bool,
    expect_valid: bool,
    validator: jsonschema::Validator,
}

/// The assertions of one `.test` list.
pub(crate) struct Suite {
    pub(crate) assertions: Vec<Assertion>,
}

fn registry() -> jsonschema::Registry<'static> {
    let mut resources = Vec::new();
    for e in std::fs::read_dir(root().join("definitions")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            resources.push((format!("{BASE}{name}"), load(&p)));
        }
    }
    jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft4)
        .extend(resources)
        .unwrap()
        .prepare()
        .unwrap()
}

fn flatten(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| flatten(x, out)),
        Value::String(s) => out.push(s.clone()),
        other => panic!("inline assertion objects are not used: {other}"),
    }
}

impl Suite {
    /// Compiles the assertions `test` (a path under the fixture root) lists.
    pub(crate) fn load(test: &str) -> Suite {
        let list = load(&root().join(test));
        let mut names = Vec::new();
        flatten(&list["assertions"], &mut names);
        let registry: &'static jsonschema::Registry<'static> = Box::leak(Box::new(registry()));
        let assertions = names
            .into_iter()
            .map(|name| {
                let schema = load(&root().join(&name));
                let validator = jsonschema::draft4::options()
                    .with_registry(registry)
                    .with_base_uri(BASE)
                    .offline()
                    .with_format("uri", is_uri)
                    .should_validate_formats(true)
                    .build(&schema)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                Assertion {
                    must: schema
                        .get("assertionType")
                        .and_then(Value::as_str)
                        .unwrap_or("must")
                        == "must",
                    expect_valid: schema
                        .get("expectedResult")
                        .and_then(Value::as_str)
                        .unwrap_or("valid")
                        == "valid",
                    name,
                    validator,
                }
            })
            .collect();
        Suite { assertions }
    }

    /// The MUST assertions `doc` fails, with the first error of each.
    pub(crate) fn failures(&self, doc: &Value) -> Vec<String> {
        self.assertions
            .iter()
            .filter(|a| a.must)
            .filter_map(|a| {
                let valid = a.validator.is_valid(doc);
                (valid != a.expect_valid).then(|| {
                    let why = a
                        .validator
                        .iter_errors(doc)
                        .next()
                        .map(|e| format!("{} at {}", e, e.instance_path()))
                        .unwrap_or_else(|| "valid, but expected to be invalid".into());
                    format!("{}: {why}", a.name)
                })
            })
            .collect()
    }

    /// How many MUST assertions there are.
    pub(crate) fn musts(&self) -> usize {
        self.assertions.iter().filter(|a| a.must).count()
    }
}
