//! ninjs 2.x from a 3.x document: 3.0 renamed every property to camel case
//! (and `embargoed` to `embargoedUntil`) and gave associations a `rel`;
//! the shapes the site writes are otherwise the same in 2.2 and 3.1.

use serde_json::{Map, Value};

/// 3.x names and their 2.x spelling, for every property that differs.
const RENAMED: [(&str, &str); 21] = [
    ("representationType", "representationtype"),
    ("firstCreated", "firstcreated"),
    ("versionCreated", "versioncreated"),
    ("contentCreated", "contentcreated"),
    ("embargoedUntil", "embargoed"),
    ("pubStatus", "pubstatus"),
    ("copyrightHolder", "copyrightholder"),
    ("copyrightNotice", "copyrightnotice"),
    ("usageTerms", "usageterms"),
    ("edNote", "ednote"),
    ("contentType", "contenttype"),
    ("charCount", "charcount"),
    ("wordCount", "wordcount"),
    ("infoSources", "infosources"),
    ("sizeInBytes", "sizeinbytes"),
    ("altIds", "altids"),
    ("trustIndicators", "trustindicators"),
    ("rightsInfo", "rightsinfo"),
    ("digitalSourceType", "digitalsourcetype"),
    ("contactInfo", "contactinfo"),
    ("geoJSON", "geojson"),
];

/// The same document with 2.x's property names. Only object keys are
/// renamed, never values; an association loses its `rel`.
pub(super) fn from_v3(document: Value) -> Value {
    rename(document, false)
}

fn rename(value: Value, is_association: bool) -> Value {
    match value {
        Value::Object(fields) => {
            let mut out = Map::with_capacity(fields.len());
            for (key, value) in fields {
                if is_association && key == "rel" {
                    continue;
                }
                let value = if key == "associations" {
                    match value {
                        Value::Array(items) => {
                            Value::Array(items.into_iter().map(|item| rename(item, true)).collect())
                        }
                        other => rename(other, false),
                    }
                } else {
                    rename(value, false)
                };
                out.insert(two_x_name(&key), value);
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|item| rename(item, false)).collect())
        }
        other => other,
    }
}

fn two_x_name(key: &str) -> String {
    RENAMED
        .iter()
        .find(|(three, _)| *three == key)
        .map_or(key, |(_, two)| two)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn renames_keys_at_every_depth_and_drops_association_rels() {
        let v3 = json!({
            "uri": "tag:x,2026-01-01:article:1",
            "firstCreated": "2026-01-01T00:00:00Z",
            "bodies": [{"role": "main", "contentType": "text/plain", "charCount": 1, "value": "rel"}],
            "subjects": [{"name": "World", "rel": "section"}],
            "associations": [{"name": "lead-picture", "rel": "lead", "uri": "u",
                "renditions": [{"name": "r", "sizeInBytes": 3}]}]
        });
        assert_eq!(
            from_v3(v3),
            json!({
                "uri": "tag:x,2026-01-01:article:1",
                "firstcreated": "2026-01-01T00:00:00Z",
                "bodies": [{"role": "main", "contenttype": "text/plain", "charcount": 1, "value": "rel"}],
                "subjects": [{"name": "World", "rel": "section"}],
                "associations": [{"name": "lead-picture", "uri": "u",
                    "renditions": [{"name": "r", "sizeinbytes": 3}]}]
            })
        );
    }
}
