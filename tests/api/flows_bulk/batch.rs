//! Batch creates and bulk deletes.

use axum::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

use super::{create, flow_names, id};

api!(
    bulk_delete_counts_only_own_flows,
    batch_creates_in_input_order,
    batch_clash_rolls_back_the_whole_request,
    batch_refuses_existing_ids,
);

async fn flow_status(app: &TestApp, token: &str, id: &str) -> StatusCode {
    app.get(&format!("/api/v1/flows/{id}"))
        .token(token)
        .send()
        .await
        .status
}

async fn bulk_delete_counts_only_own_flows(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let a = id(&create(&app, &token, json!({"name": "a"})).await);
    let b = id(&create(&app, &token, json!({"name": "b"})).await);
    let keep = id(&create(&app, &token, json!({"name": "keep"})).await);
    let theirs = id(&create(&app, &other, json!({"name": "theirs"})).await);
    let deleted = app
        .delete("/api/v1/flows/")
        .token(&token)
        .json(json!([a, b, theirs, Uuid::new_v4()]))
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        deleted,
        json!({"deleted": 2}),
        "foreign and missing ids are skipped"
    );
    assert_eq!(flow_status(&app, &token, &a).await, StatusCode::NOT_FOUND);
    assert_eq!(flow_status(&app, &token, &b).await, StatusCode::NOT_FOUND);
    assert_eq!(flow_status(&app, &token, &keep).await, StatusCode::OK);
    assert_eq!(flow_status(&app, &other, &theirs).await, StatusCode::OK);
    // Deleting again finds nothing; an empty list deletes nothing.
    for body in [json!([a, b]), json!([])] {
        let again = app
            .delete("/api/v1/flows/")
            .token(&token)
            .json(body)
            .send()
            .await
            .expect(StatusCode::OK)
            .json;
        assert_eq!(again, json!({"deleted": 0}));
    }
    // The body must be a list of UUIDs.
    app.delete("/api/v1/flows/")
        .token(&token)
        .json(json!(["not-a-uuid"]))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.delete("/api/v1/flows/")
        .json(json!([keep]))
        .send()
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(flow_status(&app, &token, &keep).await, StatusCode::OK);
}

async fn batch_creates_in_input_order(app: TestApp) {
    let token = app.admin_token().await;
    let projects = app.get("/api/v1/projects/").token(&token).send().await.json;
    let default_id = projects[0]["id"].clone();
    let given = Uuid::new_v4();
    let names = ["zeta", "alpha", "mid"];
    let body = json!({"flows": [
        {"name": names[0], "data": {"nodes": [], "edges": []}, "endpoint_name": "zeta-ep"},
        {"name": names[1], "id": given, "folder_id": Uuid::new_v4()},
        {"name": names[2], "is_component": true},
    ]});
    let created = app
        .post("/api/v1/flows/batch/")
        .token(&token)
        .json(body)
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    let created = created.as_array().expect("a list");
    assert_eq!(created.len(), 3);
    for (flow, name) in created.iter().zip(names) {
        assert_keys(flow, FLOW_READ_KEYS);
        assert_eq!(flow["name"], name, "input order");
        assert_eq!(flow["version_token"], Value::Null, "batch sets no token");
        assert_eq!(
            flow["folder_id"], default_id,
            "unknown folder falls back to the default project"
        );
        assert_eq!(flow_status(&app, &token, &id(flow)).await, StatusCode::OK);
    }
    assert_eq!(created[0]["endpoint_name"], "zeta-ep");
    assert_eq!(created[1]["id"], json!(given), "a given id is kept");
    assert_eq!(created[2]["is_component"], true);
    // An empty batch creates nothing; invalid flows are 422.
    let empty = app
        .post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": []}))
        .send()
        .await
        .expect(StatusCode::CREATED)
        .json;
    assert_eq!(empty, json!([]));
    app.post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": [{"name": "ok"}, {"name": "bad", "endpoint_name": "no spaces"}]}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": [{"description": "no name"}]}))
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(flow_names(&app, &token).await, ["alpha", "mid", "zeta"]);
}

async fn batch_clash_rolls_back_the_whole_request(app: TestApp) {
    let token = app.admin_token().await;
    create(
        &app,
        &token,
        json!({"name": "taken", "endpoint_name": "taken-ep"}),
    )
    .await;
    let cases = [
        // A name clash with an existing flow: no renaming in batches.
        (json!({"name": "taken"}), "Name must be unique"),
        // An endpoint clash with an existing flow.
        (
            json!({"name": "fresh", "endpoint_name": "taken-ep"}),
            "Endpoint name must be unique",
        ),
    ];
    for (clashing, message) in cases {
        let ids = [Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4()];
        let mut third = clashing.clone();
        third["id"] = json!(ids[2]);
        let body = json!({"flows": [
            {"name": "first", "id": ids[0]},
            {"name": "second", "id": ids[1]},
            third,
        ]});
        let response = app
            .post("/api/v1/flows/batch/")
            .token(&token)
            .json(body)
            .send()
            .await
            .expect(StatusCode::CONFLICT);
        assert_eq!(response.json["detail"], message);
        for id in ids {
            assert_eq!(
                flow_status(&app, &token, &id.to_string()).await,
                StatusCode::NOT_FOUND,
                "flow {id} of the rejected batch"
            );
        }
        assert_eq!(flow_names(&app, &token).await, ["taken"]);
    }
    // Two flows of the batch clashing with each other.
    let ids = [Uuid::new_v4(), Uuid::new_v4()];
    let response = app
        .post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": [{"name": "twin", "id": ids[0]}, {"name": "twin", "id": ids[1]}]}))
        .send()
        .await
        .expect(StatusCode::CONFLICT);
    assert_eq!(response.json["detail"], "Name must be unique");
    for id in ids {
        assert_eq!(
            flow_status(&app, &token, &id.to_string()).await,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(flow_names(&app, &token).await, ["taken"]);
    // Another user has their own namespace.
    let other = app.user_token("other").await;
    app.post("/api/v1/flows/batch/")
        .token(&other)
        .json(json!({"flows": [{"name": "taken", "endpoint_name": "taken-ep"}]}))
        .send()
        .await
        .expect(StatusCode::CREATED);
}

async fn batch_refuses_existing_ids(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let mine = id(&create(&app, &token, json!({"name": "mine"})).await);
    let theirs = id(&create(&app, &other, json!({"name": "theirs"})).await);
    for existing in [&mine, &theirs] {
        let fresh = Uuid::new_v4();
        let response = app
            .post("/api/v1/flows/batch/")
            .token(&token)
            .json(json!({"flows": [{"name": "new", "id": fresh}, {"name": "dup", "id": existing}]}))
            .send()
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            response.json["detail"],
            format!(
                "Flow(s) with the following IDs already exist: {existing}. Use the update endpoint or upload_file() for upsert semantics."
            )
        );
        assert_eq!(
            flow_status(&app, &token, &fresh.to_string()).await,
            StatusCode::NOT_FOUND
        );
    }
    // One id twice within the batch: refused as a whole (the spec leaves the status open).
    let twice = Uuid::new_v4();
    let response = app
        .post("/api/v1/flows/batch/")
        .token(&token)
        .json(json!({"flows": [{"name": "x1", "id": twice}, {"name": "x2", "id": twice}]}))
        .send()
        .await;
    assert!(
        [StatusCode::CONFLICT, StatusCode::UNPROCESSABLE_ENTITY].contains(&response.status),
        "{} {}",
        response.status,
        response.text()
    );
    assert_eq!(
        flow_status(&app, &token, &twice.to_string()).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(flow_names(&app, &token).await, ["mine"]);
    let theirs_now = app
        .get(&format!("/api/v1/flows/{theirs}"))
        .token(&other)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(theirs_now["name"], "theirs");
}
