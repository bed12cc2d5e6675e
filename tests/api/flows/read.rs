//! Reading one flow and listing flows.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::{FLOW_READ_KEYS, TestApp, assert_keys};

use super::id;

api!(get_and_ownership, list_forms_and_filters);

async fn get_and_ownership(app: TestApp) {
    let token = app.admin_token().await;
    let other = app.user_token("other").await;
    let flow = app
        .post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "mine"}))
        .send()
        .await
        .json;
    let path = format!("/api/v1/flows/{}", id(&flow));
    assert_eq!(
        app.get(&path)
            .token(&token)
            .send()
            .await
            .expect(StatusCode::OK)
            .json,
        flow
    );
    let foreign = app
        .get(&path)
        .token(&other)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    assert_eq!(foreign.json, json!({"detail": "Flow not found"}));
    app.patch(&path)
        .token(&other)
        .json(json!({"name": "stolen"}))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.put(&path)
        .token(&other)
        .json(json!({"name": "stolen"}))
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.delete(&path)
        .token(&other)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    app.get("/api/v1/flows/00000000-0000-0000-0000-000000000000")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::NOT_FOUND);
    let bad = app
        .get("/api/v1/flows/not-a-uuid")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.json["detail"][0],
        json!({"type": "uuid_parsing", "loc": ["path", "flow_id"], "msg": "Input should be a valid UUID, invalid character: found `n` at 1"})
    );
    let listed = app
        .get("/api/v1/flows/")
        .token(&other)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(
        listed,
        json!([]),
        "another user's list must not show the flow"
    );
}

async fn list_forms_and_filters(app: TestApp) {
    let token = app.admin_token().await;
    for i in 0..3 {
        app.post("/api/v1/flows/")
            .token(&token)
            .json(json!({"name": format!("f{i}"), "data": {"nodes": [], "edges": []}}))
            .send()
            .await
            .expect(StatusCode::CREATED);
    }
    app.post("/api/v1/flows/").token(&token).json(json!({"name": "comp", "is_component": true, "data": {"nodes": [{"id": "x"}], "edges": []}})).send().await.expect(StatusCode::CREATED);
    app.post("/api/v1/flows/")
        .token(&token)
        .json(json!({"name": "agent", "flow_type": "agent"}))
        .send()
        .await
        .expect(StatusCode::CREATED);

    let all = app
        .get("/api/v1/flows/")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_eq!(all.as_array().unwrap().len(), 5);
    assert_keys(&all[0], FLOW_READ_KEYS);
    let headers = app
        .get("/api/v1/flows/?header_flows=true")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    let header_keys = [
        "id",
        "name",
        "folder_id",
        "is_component",
        "endpoint_name",
        "description",
        "data",
        "access_type",
        "tags",
        "mcp_enabled",
        "flow_type",
        "a2a_enabled",
        "a2a_card_overrides",
        "action_name",
        "action_description",
        "updated_at",
    ];
    for item in headers.as_array().unwrap() {
        assert_keys(item, &header_keys);
        assert_eq!(
            item["data"].is_null(),
            item["is_component"] == false,
            "data only for components: {item}"
        );
    }
    let components = app
        .get("/api/v1/flows/?components_only=true")
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(components.as_array().unwrap().len(), 1);
    let agents = app
        .get("/api/v1/flows/?flow_type=agent")
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(agents[0]["name"], "agent");
    app.get("/api/v1/flows/?flow_type=robot")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/api/v1/flows/?get_all=maybe")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);

    let page = app
        .get("/api/v1/flows/?get_all=false&page=2&size=2")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::OK)
        .json;
    assert_keys(&page, &["items", "total", "page", "size", "pages"]);
    assert_eq!(
        (
            page["total"].as_u64(),
            page["page"].as_u64(),
            page["size"].as_u64(),
            page["pages"].as_u64()
        ),
        (Some(5), Some(2), Some(2), Some(3))
    );
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let past = app
        .get("/api/v1/flows/?get_all=false&page=9&size=2")
        .token(&token)
        .send()
        .await
        .json;
    assert_eq!(
        (
            past["items"].as_array().unwrap().len(),
            past["total"].as_u64()
        ),
        (0, Some(5))
    );
    app.get("/api/v1/flows/?get_all=false&page=0")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/api/v1/flows/?get_all=false&size=101")
        .token(&token)
        .send()
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
}
