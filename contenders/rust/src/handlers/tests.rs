use super::*;

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
fn updates_without_repeats_keep_their_numbers() {
    let mut worlds = vec![world(2, 10), world(1, 20)];
    let changes = unique_by_id(&mut worlds);
    assert_eq!(changes, vec![world(1, 20), world(2, 10)]);
    assert_eq!(worlds, vec![world(2, 10), world(1, 20)]);
}

#[test]
fn random_ids_are_in_range() {
    let ids = random_ids(500);
    assert_eq!(ids.len(), 500);
    assert!(ids.iter().all(|id| (1..=10_000).contains(id)));
}
