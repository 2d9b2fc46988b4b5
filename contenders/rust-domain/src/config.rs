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
        write!(
            f,
            "invalid {}={:?}: expected {}",
            self.var, self.value, self.expected
        )
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
        // Each stack names itself to PostgreSQL (application_name) in its main.rs.
        db.connect_timeout(Duration::from_secs(5));

        Ok(Config {
            listen,
            workers,
            db,
            db_pool,
            live_heap_mb,
        })
    }
}

/// An on/off setting a tuned tier may give (docs/MANIFEST.md, "Tiers"), such
/// as `BATTLE_HYPER_PIPELINE_FLUSH`: off when unset or empty, so the idiomatic
/// configuration never depends on it.
pub fn env_flag(var: &'static str) -> Result<bool, ConfigError> {
    flag_from(|name| std::env::var(name).ok(), var)
}

/// `env_flag` through `lookup`: `1`, `true`, `yes`, `on` are on; `0`,
/// `false`, `no`, `off`, empty or unset are off; anything else is an error.
pub fn flag_from(lookup: impl Fn(&str) -> Option<String>, var: &'static str) -> Result<bool, ConfigError> {
    let Some(value) = lookup(var) else {
        return Ok(false);
    };
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "" | "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(ConfigError {
            var,
            value,
            expected: "1 or 0 (true/false, yes/no, on/off)",
        }),
    }
}

fn parse<T: FromStr>(
    get: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    expected: &'static str,
) -> Result<Option<T>, ConfigError> {
    get(var)
        .map(|value| {
            value
                .trim()
                .parse()
                .map_err(|_| ConfigError { var, value, expected })
        })
        .transpose()
}

#[cfg(test)]
mod tests;
