//! Settings read from the environment the arena provides (docs/SUITE.md §4).

use std::fmt;
use std::net::{SocketAddr, ToSocketAddrs};
use std::str::FromStr;
use std::thread;
use std::time::Duration;

/// Database connections opened when `BATTLE_DB_POOL` is unset.
pub const DEFAULT_DB_POOL: usize = 16;

#[derive(Debug)]
pub struct Config {
    pub listen: SocketAddr,
    /// Tokio worker threads.
    pub workers: usize,
    pub db: tokio_postgres::Config,
    /// Number of `tokio_postgres::Client`s in the pool.
    pub db_pool: usize,
    /// `BATTLE_LIVE_HEAP_MB`: sizes the resident catalog for `/orders`.
    pub live_heap_mb: usize,
}

/// A variable that is set but unusable, named so the operator can fix it.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub var: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}={:?}: expected {}", self.var, self.value, self.expected)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup`; an empty value counts as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());

        let host = get("BATTLE_HOST").unwrap_or_else(|| "127.0.0.1".to_owned());
        let port: u16 = parse(&get, "BATTLE_PORT", "a TCP port number")?.unwrap_or(8080);
        let listen = (host.as_str(), port)
            .to_socket_addrs()
            .ok()
            .and_then(|mut addrs| addrs.next())
            .ok_or_else(|| ConfigError {
                var: "BATTLE_HOST",
                value: host.clone(),
                expected: "an IP address or resolvable host name",
            })?;

        // 0 or unset: one worker per CPU we may run on. available_parallelism
        // reads sched_getaffinity (and cgroup quotas) on Linux, so a process
        // pinned with taskset gets as many workers as CPUs in its mask.
        let workers = match parse::<usize>(&get, "BATTLE_WORKERS", "a number of threads")? {
            Some(n) if n > 0 => n,
            _ => thread::available_parallelism().map_or(1, |n| n.get()),
        };

        let db_pool = match parse::<usize>(&get, "BATTLE_DB_POOL", "a number of connections >= 1")? {
            Some(0) => {
                return Err(ConfigError {
                    var: "BATTLE_DB_POOL",
                    value: "0".to_owned(),
                    expected: "a number of connections >= 1",
                })
            }
            Some(n) => n,
            None => DEFAULT_DB_POOL,
        };

        let live_heap_mb = parse(&get, "BATTLE_LIVE_HEAP_MB", "a size in MB")?.unwrap_or(0);

        let mut db = match get("BATTLE_DB_URL") {
            Some(url) => tokio_postgres::Config::from_str(&url).map_err(|_| ConfigError {
                var: "BATTLE_DB_URL",
                value: url.clone(),
                expected: "postgres://user[:password]@host:port/name",
            })?,
            None => {
                let mut db = tokio_postgres::Config::new();
                db.host(&get("BATTLE_DB_HOST").unwrap_or_else(|| "127.0.0.1".to_owned()))
                    .port(parse(&get, "BATTLE_DB_PORT", "a TCP port number")?.unwrap_or(5432))
                    .dbname(&get("BATTLE_DB_NAME").unwrap_or_else(|| "battle".to_owned()))
                    .user(&get("BATTLE_DB_USER").unwrap_or_else(|| "battle".to_owned()));
                if let Some(password) = get("BATTLE_DB_PASSWORD") {
                    db.password(password);
                }
                db
            }
        };
        db.application_name("battle-rust").connect_timeout(Duration::from_secs(5));

        Ok(Config { listen, workers, db, db_pool, live_heap_mb })
    }
}

fn parse<T: FromStr>(
    get: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    expected: &'static str,
) -> Result<Option<T>, ConfigError> {
    get(var)
        .map(|value| value.trim().parse().map_err(|_| ConfigError { var, value, expected }))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
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
        assert_eq!(config(&[("BATTLE_DB_POOL", "0")]).unwrap_err().var, "BATTLE_DB_POOL");
        assert_eq!(config(&[("BATTLE_WORKERS", "-1")]).unwrap_err().var, "BATTLE_WORKERS");
        assert_eq!(config(&[("BATTLE_DB_URL", "mysql://x")]).unwrap_err().var, "BATTLE_DB_URL");
        let message = config(&[("BATTLE_LIVE_HEAP_MB", "lots")]).unwrap_err().to_string();
        assert_eq!(message, "invalid BATTLE_LIVE_HEAP_MB=\"lots\": expected a size in MB");
    }
}
