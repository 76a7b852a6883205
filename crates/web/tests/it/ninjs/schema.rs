//! IPTC's ninjs JSON Schemas from the shared corpus, compiled offline (the
//! GeoJSON schema they refer to by address is read from the corpus's own
//! copy). The examples and conformance vectors IPTC publishes prove the
//! setup: every example is valid against the schema of its version and
//! every `should_fail` vector is refused, with `format` an annotation as in
//! IPTC's own check (one of its examples has `"uri": "renditions-example"`).
//! Our documents are held to more: `format` is asserted too (`date-time`,
//! `uri`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;

const GEOJSON: &str = "https://geojson.org/schema/GeoJSON.json";

/// The schemas of every version asked for, from `{shared}/data/ninjs`.
pub struct Schemas {
    root: PathBuf,
    /// `format` asserted: what our documents must pass.
    strict: HashMap<String, Validator>,
    /// `format` an annotation, as IPTC checks its own files.
    as_iptc: HashMap<String, Validator>,
}

impl Schemas {
    /// `None` (said on stderr) when the shared corpus is missing, unless
    /// `DATELINE_REQUIRE_SHARED` is set: then the test fails.
    pub fn load(versions: &[&str]) -> Option<Schemas> {
        let root = dateline_import::testing::shared_data("ninjs")?;
        let compiled = |formats| {
            (versions.iter())
                .map(|v| (v.to_string(), compile(&root, v, formats)))
                .collect()
        };
        Some(Schemas {
            strict: compiled(true),
            as_iptc: compiled(false),
            root,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The schema's complaints about `document` against ninjs `version`,
    /// formats asserted.
    pub fn errors(&self, version: &str, document: &Value) -> Vec<String> {
        complaints(&self.strict, version, document)
    }

    /// Fails the test, naming `what`, when `document` is not valid ninjs
    /// `version` (formats asserted).
    pub fn check(&self, version: &str, document: &Value, what: &str) {
        let errors = self.errors(version, document);
        assert!(
            errors.is_empty(),
            "{what} is not valid ninjs {version}: {errors:#?}\n{document:#}"
        );
    }
}

fn complaints(
    validators: &HashMap<String, Validator>,
    version: &str,
    document: &Value,
) -> Vec<String> {
    let validator =
        (validators.get(version)).unwrap_or_else(|| panic!("ninjs {version} was not loaded"));
    validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn compile(root: &Path, version: &str, formats: bool) -> Validator {
    let path = root.join(format!("specification/ninjs-schema_{version}.json"));
    let schema = read_json(&path);
    let geojson = read_json(&root.join("validation/test_suite/GeoJSON-schema.json"));
    jsonschema::options()
        .should_validate_formats(formats)
        .with_retriever(Offline { geojson })
        .build(&schema)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Answers the one outside reference the schemas make from the corpus,
/// and refuses every other: a test never reaches the network.
struct Offline {
    geojson: Value,
}

impl Retrieve for Offline {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str().trim_end_matches('#') == GEOJSON {
            Ok(self.geojson.clone())
        } else {
            Err(format!("no offline copy of {uri}").into())
        }
    }
}

/// The `.json` files directly in `dir`, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// IPTC's own examples are valid against the schema of their version, and
/// its conformance vectors pass or fail as named: the validator and its
/// offline setup are right before they judge our documents.
#[test]
fn iptc_examples_and_vectors_judge_as_iptc_says() {
    let versions = ["2.1", "2.2", "3.0", "3.1"];
    let Some(schemas) = Schemas::load(&versions) else {
        return;
    };
    let root = schemas.root().to_owned();
    let examples = [
        ("2.1", root.join("examples/2.1")),
        ("3.0", root.join("examples/3.0")),
        ("2.2", root.join("documentation/includes/examples/2.2")),
        ("3.1", root.join("documentation/includes/examples/3.1")),
    ];
    let as_iptc =
        |version: &str, file: &Path| complaints(&schemas.as_iptc, version, &read_json(file));
    let mut checked = 0;
    for (version, dir) in &examples {
        for file in json_files(dir) {
            let errors = as_iptc(version, &file);
            assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} examples found");
    for version in ["2.2", "3.1"] {
        let suite = root.join("validation/test_suite").join(version);
        let passing = json_files(&suite.join("should_pass"));
        let failing = json_files(&suite.join("should_fail"));
        assert!(!passing.is_empty() && !failing.is_empty(), "{version}");
        for file in passing {
            let errors = as_iptc(version, &file);
            assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        }
        for file in failing {
            assert!(
                !as_iptc(version, &file).is_empty(),
                "{} was accepted",
                file.display()
            );
            assert!(!schemas.errors(version, &read_json(&file)).is_empty());
        }
    }
    // What the strict check adds: formats. A date that is not one, or a
    // `uri` that is no URI, fails there and only there.
    for (version, wrong) in [
        (
            "3.1",
            serde_json::json!({"uri": "tag:x,2026:1", "firstCreated": "yesterday"}),
        ),
        ("2.2", serde_json::json!({"uri": "renditions-example"})),
    ] {
        assert!(!schemas.errors(version, &wrong).is_empty(), "{wrong}");
        assert!(
            complaints(&schemas.as_iptc, version, &wrong).is_empty(),
            "{wrong}"
        );
    }
    assert!(!schemas
        .errors("2.2", &serde_json::json!({"headline": "x"}))
        .is_empty());
}
