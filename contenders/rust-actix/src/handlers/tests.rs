use super::*;
use actix_web::http::header::{CONTENT_TYPE, SERVER};
use actix_web::{middleware, test as actix_test, App};

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

/// Sends one request to the app as main.rs builds it, with a pool that
/// never connects (these tests use no database).
async fn send(req: actix_test::TestRequest) -> (StatusCode, actix_web::http::header::HeaderMap, Vec<u8>) {
    let mut db = tokio_postgres::Config::new();
    db.host("127.0.0.1").port(1);
    let state = web::Data::new(AppState {
        pool: Pool::new(db, 1),
        catalog: Arc::new(Catalog::with_products(10_000)),
    });
    let app = actix_test::init_service(
        App::new()
            .app_data(state)
            .wrap(middleware::DefaultHeaders::new().add((SERVER, SERVER_NAME)))
            .configure(routes),
    )
    .await;
    let response = actix_test::call_service(&app, req.to_request()).await;
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, actix_test::read_body(response).await.to_vec())
}

#[actix_web::test]
async fn plaintext_and_json_with_server_header() {
    let (status, headers, body) = send(actix_test::TestRequest::get().uri("/plaintext")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"Hello, World!");
    assert!(headers.get(CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/plain"));
    assert_eq!(headers.get(SERVER).unwrap(), SERVER_NAME);

    let (status, headers, body) = send(actix_test::TestRequest::get().uri("/json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(CONTENT_TYPE).unwrap(), "application/json");
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(value, serde_json::json!({"message": "Hello, World!"}));
}

#[actix_web::test]
async fn unknown_paths_and_methods() {
    let (status, headers, _) = send(actix_test::TestRequest::get().uri("/nope")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers.get(SERVER).unwrap(), SERVER_NAME);
    let (status, _, _) = send(actix_test::TestRequest::post().uri("/json")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _, _) = send(actix_test::TestRequest::get().uri("/orders")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[actix_web::test]
async fn orders_answers_and_rejects() {
    let order = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../suite/orders/good-01.json")).unwrap();
    let (status, headers, body) = send(actix_test::TestRequest::post().uri("/orders").set_payload(order)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(CONTENT_TYPE).unwrap(), "application/json");
    assert!(serde_json::from_slice::<serde_json::Value>(&body).unwrap()["lines"].is_array());

    let (status, headers, body) = send(actix_test::TestRequest::post().uri("/orders").set_payload("{not json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(headers.get(CONTENT_TYPE).unwrap(), "application/json");
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(value["field"], "");

    let big = vec![b' '; MAX_ORDER_BYTES + 1];
    let (status, _, _) = send(actix_test::TestRequest::post().uri("/orders").set_payload(big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[actix_web::test]
async fn database_tests_answer_500_without_a_database() {
    let (status, _, _) = send(actix_test::TestRequest::get().uri("/db")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}
