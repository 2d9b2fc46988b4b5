use super::*;
use axum::body::{to_bytes, Body};
use axum::http::Request;
use tower::ServiceExt;

fn world(id: i32, random_number: i32) -> World {
    World { id, random_number }
}

#[test]
fn updates_store_each_id_once_in_id_order() {
    let mut worlds = vec![world(9, 1), world(3, 2), world(9, 3), world(5, 4), world(3, 5)];
    let changes = unique_by_id(&mut worlds);
    assert_eq!(changes, vec![world(3, 2), world(5, 4), world(9, 1)]);
    // The answer keeps the request order and agrees with what was stored.
    assert_eq!(
        worlds,
        vec![world(9, 1), world(3, 2), world(9, 1), world(5, 4), world(3, 2)]
    );
}

#[test]
fn random_ids_are_in_range() {
    let ids = random_ids(500);
    assert_eq!(ids.len(), 500);
    assert!(ids.iter().all(|id| (1..=10_000).contains(id)));
}

/// The router with a pool that never connects (these tests use no database).
fn app() -> Router {
    let mut db = tokio_postgres::Config::new();
    db.host("127.0.0.1").port(1);
    router(Arc::new(AppState {
        pool: Pool::new(db, 1),
        catalog: Catalog::with_products(10_000),
    }))
}

async fn send(method: &str, uri: &str, body: impl Into<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let request = Request::builder().method(method).uri(uri).body(body.into()).unwrap();
    let response = app().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    (parts.status, parts.headers, to_bytes(body, usize::MAX).await.unwrap().to_vec())
}

#[tokio::test]
async fn plaintext_and_json_with_server_header() {
    let (status, headers, body) = send("GET", "/plaintext", Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"Hello, World!");
    assert!(headers[CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
    assert_eq!(headers[SERVER], "battle-rust-axum");

    let (status, headers, body) = send("GET", "/json", Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[CONTENT_TYPE], "application/json");
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(value, serde_json::json!({"message": "Hello, World!"}));
}

#[tokio::test]
async fn unknown_paths_and_methods() {
    let (status, headers, _) = send("GET", "/nope", Body::empty()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[SERVER], "battle-rust-axum");
    let (status, _, _) = send("POST", "/json", Body::empty()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _, _) = send("GET", "/orders", Body::empty()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn orders_answers_and_rejects() {
    let order = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../suite/orders/good-01.json")).unwrap();
    let (status, headers, body) = send("POST", "/orders", order).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[CONTENT_TYPE], "application/json");
    assert!(serde_json::from_slice::<serde_json::Value>(&body).unwrap()["lines"].is_array());

    let (status, headers, body) = send("POST", "/orders", "{not json").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(headers[CONTENT_TYPE], "application/json");
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(value["field"], "");

    let (status, _, _) = send("POST", "/orders", vec![b' '; MAX_ORDER_BYTES + 1]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn database_tests_answer_500_without_a_database() {
    let (status, _, _) = send("GET", "/db", Body::empty()).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}
