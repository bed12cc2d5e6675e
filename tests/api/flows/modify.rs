//! Patching, upserting and deleting flows.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;

use super::id;

api!(
    patch_rules,
    patch_if_match_and_lock,
    put_upserts,
    delete_flow_and_cascade,
);

async fn patch_rules(app: TestApp) {
    let token = app.admin_token().await;
    let a = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "a", "endpoint_name": "a-ep", "tags": ["t"], "icon": "Bot"}))
        .send()
        .await
        .json;
    app.post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "b", "endpoint_name": "b-ep"}))
        .send()
        .await
        .expect(StatusCode::CREATED);
    let path = format!("/api/v1/flows/{}", id(&a));
    let patched = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "a2", "description": "d", "tags": ["ignored"], "icon": "Ignored", "locked": null}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        (patched["name"].as_str(), patched["description"].as_str()),
        (Some("a2"), Some("d"))
    );
    assert_eq!(
        patched["tags"],
        json!(["t"]),
        "tags cannot change through PATCH"
    );
    assert_eq!(patched["icon"], "Bot", "icon cannot change through PATCH");
    assert_eq!(
        patched["version_token"], a["version_token"],
        "only a data change rotates the token"
    );
    let clash = app
        .patch(&path)
        .token(&token)
        .json(json!({"name": "b"}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(clash.json["detail"], "Name must be unique");
    let clash = app
        .patch(&path)
        .token(&token)
        .json(json!({"endpoint_name": "b-ep"}))
        .send()
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert_eq!(clash.json["detail"], "Endpoint name must be unique");
    app.patch(&path)
        .token(&token)
        .json(json!({"endpoint_name": "bad ep"}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    let cleared = app
        .patch(&path)
        .token(&token)
        .json(json!({"endpoint_name": null}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(cleared["endpoint_name"], Value::Null);
    let graph = json!({"nodes": [{"id": "n1", "data": {"type": "Webhook"}}], "edges": []});
    let with_data = app
        .patch(&path)
        .token(&token)
        .json(json!({"data": graph}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_ne!(with_data["version_token"], a["version_token"]);
    assert_eq!(
        with_data["webhook"], true,
        "webhook is recomputed from the graph"
    );
    assert_eq!(with_data["data"], graph);
    // An invalid folder silently falls back to the default project.
    let moved = app
        .patch(&path)
        .token(&token)
        .json(json!({"folder_id": uuid::Uuid::new_v4()}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(moved["folder_id"], a["folder_id"]);
}

async fn patch_if_match_and_lock(app: TestApp) {
    let token = app.admin_token().await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "v"}))
        .send()
        .await
        .json;
    let path = format!("/api/v1/flows/{}", id(&flow));
    let current = flow["version_token"].as_str().unwrap().to_string();
    let ok = app
        .patch(&path)
        .token(&token)
        .header("if-match", &format!("W/\"{current}\""))
        .json(json!({"data": {"nodes": [], "edges": []}}))
        .send()
        .await;
    let rotated = ok.expect(StatusCode::OK).json["version_token"]
        .as_str()
        .unwrap()
        .to_string();
    let stale = app
        .patch(&path)
        .token(&token)
        .header("if-match", &current)
        .json(json!({"description": "x"}))
        .send()
        .await;
    let detail = stale.expect(StatusCode::CONFLICT).json["detail"].clone();
    assert_eq!(detail["code"], "flow_version_conflict");
    assert_eq!(detail["expected_version_token"], current);
    assert_eq!(detail["current_version_token"], rotated);
    assert_eq!(detail["modified_by"]["username"], "admin");
    let malformed = app
        .patch(&path)
        .token(&token)
        .header("if-match", "nope")
        .json(json!({"description": "x"}))
        .send()
        .await;
    assert_eq!(
        malformed.expect(StatusCode::BAD_REQUEST).json["detail"],
        "Invalid If-Match header: expected a version token"
    );

    app.patch(&path)
        .token(&token)
        .json(json!({"locked": true}))
        .send()
        .await
        .expect(StatusCode::OK);
    app.patch(&path)
        .token(&token)
        .json(json!({"name": "renamed"}))
        .send()
        .await
        .expect(StatusCode::LOCKED);
    let unlocked = app
        .patch(&path)
        .token(&token)
        .json(json!({"locked": false}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(unlocked["locked"], false);
    app.patch(&path)
        .token(&token)
        .json(json!({"name": "renamed"}))
        .send()
        .await
        .expect(StatusCode::OK);
}

async fn put_upserts(app: TestApp) {
    let token = app.admin_token().await;
    let new_id = uuid::Uuid::new_v4();
    let path = format!("/api/v1/flows/{new_id}");
    let created = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "p", "endpoint_name": "p-ep", "description": "one"}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(created["id"], new_id.to_string());
    let updated = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "p2"}))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(updated["name"], "p2");
    assert_eq!(
        updated["description"], "one",
        "omitted fields keep their value"
    );
    assert_eq!(updated["endpoint_name"], "p-ep");
    let clash_ep = app
        .put(&format!("/api/v1/flows/{}", uuid::Uuid::new_v4()))
        .token(&token)
        .json(json!({"name": "q", "endpoint_name": "p-ep"}))
        .send()
        .await;
    assert_eq!(
        clash_ep.expect(StatusCode::CONFLICT).json["detail"],
        "Endpoint name must be unique"
    );
    let other = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "other"}))
        .send()
        .await
        .json;
    let clash_name = app
        .put(&format!("/api/v1/flows/{}", id(&other)))
        .token(&token)
        .json(json!({"name": "p2"}))
        .send()
        .await;
    assert_eq!(
        clash_name.expect(StatusCode::CONFLICT).json["detail"],
        "Name must be unique"
    );
    let bad_folder = app
        .put(&path)
        .token(&token)
        .json(json!({"name": "p2", "folder_id": uuid::Uuid::new_v4()}))
        .send()
        .await;
    assert_eq!(
        bad_folder.expect(StatusCode::BAD_REQUEST).json["detail"],
        "Folder not found"
    );
}

async fn delete_flow_and_cascade(app: TestApp) {
    let token = app.admin_token().await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "gone"}))
        .send()
        .await
        .json;
    let path = format!("/api/v1/flows/{}", id(&flow));
    let deleted = app
        .delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        deleted.json,
        json!({"message": "Flow deleted successfully"})
    );
    app.get(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&path)
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
}
