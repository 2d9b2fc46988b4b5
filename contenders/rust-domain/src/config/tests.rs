use super::*;
use std::collections::HashMap;

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Config::from_lookup(|name| vars.get(name).cloned())
}

#[test]
fn defaults_when_nothing_is_set() {
    let c = config(&[]).unwrap();
    assert_eq!(c.listen, "127.0.0.1:8080".parse().unwrap());
    assert_eq!(c.db_pool, DEFAULT_DB_POOL);
    assert_eq!(c.live_heap_mb, 0);
    assert_eq!(c.workers, thread::available_parallelism().unwrap().get());
    assert_eq!(c.db.get_dbname(), Some("battle"));
    assert_eq!(c.db.get_ports(), &[5432]);
}

#[test]
fn reads_the_arena_variables() {
    let c = config(&[
        ("BATTLE_HOST", "127.0.0.1"),
        ("BATTLE_PORT", "18081"),
        ("BATTLE_WORKERS", "3"),
        ("BATTLE_DB_POOL", "4"),
        ("BATTLE_LIVE_HEAP_MB", "512"),
        ("BATTLE_DB_HOST", "127.0.0.1"),
        ("BATTLE_DB_PORT", "15432"),
        ("BATTLE_DB_NAME", "bench"),
        ("BATTLE_DB_USER", "someone"),
        ("BATTLE_DB_PASSWORD", ""),
    ])
    .unwrap();
    assert_eq!(c.listen, "127.0.0.1:18081".parse().unwrap());
    assert_eq!((c.workers, c.db_pool, c.live_heap_mb), (3, 4, 512));
    assert_eq!(c.db.get_ports(), &[15432]);
    assert_eq!(c.db.get_dbname(), Some("bench"));
    assert_eq!(c.db.get_user(), Some("someone"));
    assert_eq!(c.db.get_password(), None);
}

#[test]
fn the_url_wins_over_the_parts() {
    let c = config(&[
        ("BATTLE_DB_URL", "postgres://u:p@127.0.0.1:6543/d"),
        ("BATTLE_DB_PORT", "15432"),
    ])
    .unwrap();
    assert_eq!(c.db.get_ports(), &[6543]);
    assert_eq!(c.db.get_password(), Some(&b"p"[..]));
}

#[test]
fn zero_workers_means_the_affinity_mask() {
    let c = config(&[("BATTLE_WORKERS", "0")]).unwrap();
    assert_eq!(c.workers, thread::available_parallelism().unwrap().get());
}

#[test]
fn bad_values_name_the_variable() {
    assert_eq!(config(&[("BATTLE_PORT", "http")]).unwrap_err().var, "BATTLE_PORT");
    assert_eq!(
        config(&[("BATTLE_DB_POOL", "0")]).unwrap_err().var,
        "BATTLE_DB_POOL"
    );
    assert_eq!(
        config(&[("BATTLE_WORKERS", "-1")]).unwrap_err().var,
        "BATTLE_WORKERS"
    );
    assert_eq!(
        config(&[("BATTLE_DB_URL", "mysql://x")]).unwrap_err().var,
        "BATTLE_DB_URL"
    );
    let message = config(&[("BATTLE_LIVE_HEAP_MB", "lots")])
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "invalid BATTLE_LIVE_HEAP_MB=\"lots\": expected a size in MB"
    );
}

#[test]
fn flags_are_off_unless_set_on() {
    let vars: HashMap<&str, &str> = [
        ("ON", "1"),
        ("TRUE", " True "),
        ("OFF", "0"),
        ("NO", "no"),
        ("EMPTY", ""),
        ("BAD", "2"),
    ]
    .into_iter()
    .collect();
    let lookup = |name: &str| vars.get(name).map(|v| v.to_string());
    assert_eq!(flag_from(lookup, "ON"), Ok(true));
    assert_eq!(flag_from(lookup, "TRUE"), Ok(true));
    assert_eq!(flag_from(lookup, "OFF"), Ok(false));
    assert_eq!(flag_from(lookup, "NO"), Ok(false));
    assert_eq!(flag_from(lookup, "EMPTY"), Ok(false));
    assert_eq!(flag_from(lookup, "UNSET"), Ok(false));
    let e = flag_from(lookup, "BAD").unwrap_err();
    assert_eq!(e.var, "BAD");
    assert_eq!(e.value, "2");
}
