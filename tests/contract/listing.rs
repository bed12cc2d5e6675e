//! `FlowStore` reads: list filters, order, pages and literal name prefixes.

use std::sync::Arc;

use langflow_persistence::model::{FlowFilter, FlowOrder};
use langflow_persistence::store::Store;
use uuid::Uuid;

use crate::support::{at, flow, ids, listed, owned_by, seed_flow, seed_folder, seed_user, sorted};

contract!(
    list_filters_by_owner_and_ownerless,
    list_filters_by_folder,
    list_filters_by_ids,
    list_filters_is_component_null_as_false,
    list_filters_flow_type,
    list_name_contains_is_literal_and_case_sensitive,
    list_combines_filters,
    list_orders_by_id_or_updated_desc,
    page_flows_windows_and_totals,
    page_flows_respects_filter_and_order,
    flow_names_with_prefix_is_literal_and_scoped,
    endpoint_names_with_prefix_is_literal_and_scoped,
);

async fn list_filters_by_owner_and_ownerless(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let a = vec![
        seed_flow(&store, Some(alice.id), None, "a1").await.id,
        seed_flow(&store, Some(alice.id), None, "a2").await.id,
    ];
    let b = seed_flow(&store, Some(bob.id), None, "b1").await.id;
    let none = seed_flow(&store, None, None, "starter").await.id;

    assert_eq!(listed(&store, &owned_by(alice.id)).await, sorted(a.clone()));
    assert_eq!(listed(&store, &owned_by(bob.id)).await, vec![b]);
    let with_ownerless = FlowFilter {
        include_ownerless: true,
        ..owned_by(alice.id)
    };
    assert_eq!(
        listed(&store, &with_ownerless).await,
        sorted(vec![a[0], a[1], none])
    );
    let only_ownerless = FlowFilter {
        include_ownerless: true,
        ..FlowFilter::default()
    };
    assert_eq!(listed(&store, &only_ownerless).await, vec![none]);
}

async fn list_filters_by_ids(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let a1 = seed_flow(&store, Some(alice.id), None, "a1").await.id;
    seed_flow(&store, Some(alice.id), None, "a2").await;
    let b1 = seed_flow(&store, Some(bob.id), None, "b1").await.id;
    let wanted = FlowFilter {
        ids: Some(vec![a1, b1, Uuid::new_v4()]),
        ..owned_by(alice.id)
    };
    assert_eq!(
        listed(&store, &wanted).await,
        vec![a1],
        "owner scoping still applies"
    );
    let none = FlowFilter {
        ids: Some(Vec::new()),
        ..owned_by(alice.id)
    };
    assert!(
        listed(&store, &none).await.is_empty(),
        "an empty id list matches nothing"
    );
}

async fn list_filters_by_folder(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let work = seed_folder(&store, Some(alice.id), "Work").await;
    let other_folder = seed_folder(&store, Some(alice.id), "Other").await;
    let starter = seed_folder(&store, None, "Starter Projects").await;
    let in_work = seed_flow(&store, Some(alice.id), Some(work.id), "w")
        .await
        .id;
    let other = seed_flow(&store, Some(alice.id), Some(other_folder.id), "other")
        .await
        .id;
    let example = seed_flow(&store, None, Some(starter.id), "example")
        .await
        .id;
    // No folder-less flows here: whether `exclude_folder_id` keeps them (SQL `!=` drops NULLs,
    // Mongo `$ne` keeps them) is not pinned down by the contract.

    let in_folder = FlowFilter {
        folder_id: Some(work.id),
        ..owned_by(alice.id)
    };
    assert_eq!(listed(&store, &in_folder).await, vec![in_work]);
    let all = FlowFilter {
        include_ownerless: true,
        ..owned_by(alice.id)
    };
    let excluding = FlowFilter {
        exclude_folder_id: Some(starter.id),
        ..all.clone()
    };
    assert_eq!(
        listed(&store, &excluding).await,
        sorted(vec![in_work, other])
    );
    let starter_only = FlowFilter {
        folder_id: Some(starter.id),
        ..all
    };
    assert_eq!(listed(&store, &starter_only).await, vec![example]);
}

async fn list_filters_is_component_null_as_false(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let mut made = Vec::new();
    for (name, is_component) in [
        ("comp", Some(true)),
        ("flow", Some(false)),
        ("legacy", None),
    ] {
        let mut f = flow(Some(alice.id), None, name);
        f.is_component = is_component;
        made.push(store.create_flow(&f).await.unwrap().id);
    }
    let components = FlowFilter {
        is_component: Some(true),
        ..owned_by(alice.id)
    };
    assert_eq!(listed(&store, &components).await, vec![made[0]]);
    let flows = FlowFilter {
        is_component: Some(false),
        ..owned_by(alice.id)
    };
    assert_eq!(
        listed(&store, &flows).await,
        sorted(vec![made[1], made[2]]),
        "NULL counts as false"
    );
    assert_eq!(
        listed(&store, &owned_by(alice.id)).await,
        sorted(made),
        "unset = both"
    );
}

async fn list_filters_flow_type(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let workflow = seed_flow(&store, Some(alice.id), None, "workflow").await.id;
    let mut agent = flow(Some(alice.id), None, "agent");
    agent.flow_type = "agent".to_string();
    store.create_flow(&agent).await.unwrap();
    let agents = FlowFilter {
        flow_type: Some("agent".to_string()),
        ..owned_by(alice.id)
    };
    assert_eq!(listed(&store, &agents).await, vec![agent.id]);
    let workflows = FlowFilter {
        flow_type: Some("workflow".to_string()),
        ..owned_by(alice.id)
    };
    assert_eq!(listed(&store, &workflows).await, vec![workflow]);
}

async fn list_name_contains_is_literal_and_case_sensitive(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let mut by_name = std::collections::HashMap::new();
    for name in [
        "100% done",
        "100 done",
        "a_b",
        "axb",
        "Plain Flow",
        "back\\slash",
        "dot.star",
        "dotXstar",
    ] {
        by_name.insert(name, seed_flow(&store, Some(alice.id), None, name).await.id);
    }
    let bob = seed_user(&store, "bob").await;
    seed_flow(&store, Some(bob.id), None, "a_b").await;
    let search = |needle: &str| FlowFilter {
        name_contains: Some(needle.to_string()),
        ..owned_by(alice.id)
    };
    assert_eq!(
        listed(&store, &search("%")).await,
        vec![by_name["100% done"]]
    );
    assert_eq!(
        listed(&store, &search("0% ")).await,
        vec![by_name["100% done"]]
    );
    assert_eq!(listed(&store, &search("_")).await, vec![by_name["a_b"]]);
    assert_eq!(listed(&store, &search("a_b")).await, vec![by_name["a_b"]]);
    assert_eq!(
        listed(&store, &search("\\")).await,
        vec![by_name["back\\slash"]]
    );
    assert_eq!(
        listed(&store, &search(".")).await,
        vec![by_name["dot.star"]],
        "not a regex"
    );
    assert_eq!(
        listed(&store, &search("t.s")).await,
        vec![by_name["dot.star"]],
        "not a regex"
    );
    assert_eq!(
        listed(&store, &search("Flow")).await,
        vec![by_name["Plain Flow"]]
    );
    assert!(
        listed(&store, &search("plain")).await.is_empty(),
        "case-sensitive"
    );
    assert!(listed(&store, &search("[ab]")).await.is_empty());
}

async fn list_combines_filters(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let work = seed_folder(&store, Some(alice.id), "Work").await;
    let mut target = flow(Some(alice.id), Some(work.id), "Report agent");
    target.flow_type = "agent".to_string();
    store.create_flow(&target).await.unwrap();
    let mut component = target.clone();
    component.id = uuid::Uuid::new_v4();
    component.name = "Report agent component".to_string();
    component.is_component = Some(true);
    store.create_flow(&component).await.unwrap();
    seed_flow(&store, Some(alice.id), Some(work.id), "Report workflow").await;
    seed_flow(&store, Some(alice.id), None, "Report elsewhere").await;
    let filter = FlowFilter {
        folder_id: Some(work.id),
        is_component: Some(false),
        flow_type: Some("agent".to_string()),
        name_contains: Some("Report".to_string()),
        ..owned_by(alice.id)
    };
    assert_eq!(listed(&store, &filter).await, vec![target.id]);
}

async fn list_orders_by_id_or_updated_desc(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let mut made = Vec::new();
    // updated_at deliberately unrelated to insertion and id order.
    for (i, secs) in [30, 10, 50, 20, 40].into_iter().enumerate() {
        let mut f = flow(Some(alice.id), None, &format!("f{i}"));
        f.updated_at = Some(at(secs));
        made.push(store.create_flow(&f).await.unwrap());
    }
    let by_id = store.list_flows(&owned_by(alice.id)).await.unwrap();
    assert_eq!(ids(&by_id), sorted(ids(&made)), "default order is by id");
    let newest_first = FlowFilter {
        order: FlowOrder::UpdatedDesc,
        ..owned_by(alice.id)
    };
    let names: Vec<_> = store
        .list_flows(&newest_first)
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(names, ["f2", "f4", "f0", "f3", "f1"]);
}

async fn page_flows_windows_and_totals(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let mut all = Vec::new();
    for i in 0..7 {
        all.push(
            seed_flow(&store, Some(alice.id), None, &format!("f{i}"))
                .await
                .id,
        );
    }
    seed_flow(&store, Some(bob.id), None, "not counted").await;
    let all = sorted(all);
    let filter = owned_by(alice.id);
    let mut seen = Vec::new();
    for (offset, expected_len) in [(0, 3), (3, 3), (6, 1)] {
        let (page, total) = store.page_flows(&filter, offset, 3).await.unwrap();
        assert_eq!(total, 7, "total at offset {offset}");
        assert_eq!(page.len(), expected_len, "page at offset {offset}");
        seen.extend(ids(&page));
    }
    assert_eq!(
        seen, all,
        "pages tile the id-ordered list without gaps or repeats"
    );
    let (past_end, total) = store.page_flows(&filter, 9, 3).await.unwrap();
    assert!(past_end.is_empty());
    assert_eq!(total, 7, "total past the end");
    let (whole, total) = store.page_flows(&filter, 0, 50).await.unwrap();
    assert_eq!((ids(&whole), total), (all, 7));
}

async fn page_flows_respects_filter_and_order(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    for (i, secs) in [5, 1, 4, 2, 3].into_iter().enumerate() {
        let mut f = flow(Some(alice.id), None, &format!("f{i}"));
        f.updated_at = Some(at(secs));
        f.is_component = Some(i == 3);
        store.create_flow(&f).await.unwrap();
    }
    let filter = FlowFilter {
        order: FlowOrder::UpdatedDesc,
        is_component: Some(false),
        ..owned_by(alice.id)
    };
    let names = |page: Vec<langflow_persistence::model::Flow>| {
        page.into_iter().map(|f| f.name).collect::<Vec<_>>()
    };
    let (first, total) = store.page_flows(&filter, 0, 2).await.unwrap();
    assert_eq!(
        (names(first), total),
        (vec!["f0".to_string(), "f2".to_string()], 4)
    );
    let (second, total) = store.page_flows(&filter, 2, 2).await.unwrap();
    assert_eq!(
        (names(second), total),
        (vec!["f4".to_string(), "f1".to_string()], 4)
    );
}

async fn flow_names_with_prefix_is_literal_and_scoped(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    for name in [
        "My Flow",
        "My Flow (1)",
        "my flow (2)",
        "My_Flow",
        "MyXFlow",
        "50% off",
        "50 off",
        "Other My Flow",
    ] {
        seed_flow(&store, Some(alice.id), None, name).await;
    }
    seed_flow(&store, Some(bob.id), None, "My Flow (3)").await;
    seed_flow(&store, None, None, "My Flow (4)").await;
    let names = |prefix: &'static str| {
        let store = store.clone();
        async move {
            sorted(
                store
                    .flow_names_with_prefix(alice.id, prefix)
                    .await
                    .unwrap(),
            )
        }
    };
    assert_eq!(names("My Flow").await, ["My Flow", "My Flow (1)"]);
    assert_eq!(names("My_").await, ["My_Flow"], "`_` is not a wildcard");
    assert_eq!(names("50%").await, ["50% off"], "`%` is not a wildcard");
    assert_eq!(names("my").await, ["my flow (2)"], "case-sensitive");
    assert!(names("Flow").await.is_empty(), "prefix, not substring");
    assert_eq!(names("").await.len(), 8);
}

async fn endpoint_names_with_prefix_is_literal_and_scoped(store: Arc<dyn Store>) {
    let alice = seed_user(&store, "alice").await;
    let bob = seed_user(&store, "bob").await;
    let endpoints = [
        "my-endpoint",
        "my-endpoint-1",
        "My-endpoint-2",
        "my_endpoint",
        "myXendpoint",
        "50%-off",
        "50-off",
    ];
    for (i, ep) in endpoints.into_iter().enumerate() {
        let mut f = flow(Some(alice.id), None, &format!("f{i}"));
        f.endpoint_name = Some(ep.to_string());
        store.create_flow(&f).await.unwrap();
    }
    seed_flow(&store, Some(alice.id), None, "no endpoint").await;
    let mut bobs = flow(Some(bob.id), None, "bob's");
    bobs.endpoint_name = Some("my-endpoint-3".to_string());
    store.create_flow(&bobs).await.unwrap();
    let names = |prefix: &'static str| {
        let store = store.clone();
        async move {
            sorted(
                store
                    .endpoint_names_with_prefix(alice.id, prefix)
                    .await
                    .unwrap(),
            )
        }
    };
    assert_eq!(names("my-endpoint").await, ["my-endpoint", "my-endpoint-1"]);
    assert_eq!(names("my_").await, ["my_endpoint"], "`_` is not a wildcard");
    assert_eq!(names("50%").await, ["50%-off"], "`%` is not a wildcard");
    assert_eq!(names("My").await, ["My-endpoint-2"], "case-sensitive");
    assert_eq!(
        names("").await.len(),
        7,
        "flows without an endpoint name are not listed"
    );
}
