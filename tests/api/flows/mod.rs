//! Single-flow endpoints and listing (spec 2.1–2.4).

use serde_json::Value;

mod create;
mod modify;
mod read;

fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_string()
}
