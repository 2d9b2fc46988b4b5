//! PostgreSQL access: a fixed set of `tokio_postgres::Client`s used round-robin.
//!
//! A `Client` is a handle to one connection task and may be shared by any
//! number of requests: queries issued concurrently on it are pipelined on the
//! socket. So the "pool" needs no checkout: each request takes the next client
//! and uses it for all its queries (in parallel, e.g. the N reads of /queries).
//!
//! Clients connect lazily: the server starts and serves /plaintext with no
//! database. A slot whose connection failed or closed is reconnected by the
//! next request that picks it, at most once per `RETRY_AFTER`, so a database
//! that is down costs a fast 500 per request rather than a connect attempt.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use futures_util::future::try_join_all;
use serde::Serialize;
use tokio_postgres::{Client, NoTls, Statement};

use crate::fortunes::Fortune;
use crate::helpdesk::{Customer, ListQuery, Ticket, TicketSummary};

const RETRY_AFTER: Duration = Duration::from_secs(1);

const SELECT_WORLD: &str = "SELECT id, randomnumber FROM world WHERE id = $1";
const SELECT_FORTUNES: &str = "SELECT id, message FROM fortune";
/// One statement for all rows of an /updates request; ids come sorted and unique.
const UPDATE_WORLDS: &str = "UPDATE world SET randomnumber = new.randomnumber \
     FROM unnest($1::int[], $2::int[]) AS new(id, randomnumber) WHERE world.id = new.id";

/// The helpdesk suite's reads (suite/helpdesk/README.md), prepared on a
/// connection's first helpdesk request: a Battle Suite database has no
/// hd_* tables, and the server must serve the Battle Suite there.
const SELECT_TICKETS: &str = "SELECT id, customer_id, subject, status, priority FROM hd_ticket \
     WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3";
const SELECT_TICKET: &str = "SELECT t.id, t.subject, t.status, t.priority, c.id, c.name, c.plan \
     FROM hd_ticket t JOIN hd_customer c ON c.id = t.customer_id WHERE t.id = $1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct World {
    pub id: i32,
    #[serde(rename = "randomNumber")]
    pub random_number: i32,
}

#[derive(Debug)]
pub enum DbError {
    /// The slot's last connection attempt failed less than `RETRY_AFTER` ago.
    Unavailable,
    Postgres(tokio_postgres::Error),
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbError::Unavailable => write!(f, "database unavailable (retrying)"),
            DbError::Postgres(e) => write!(f, "database error: {e}"),
        }
    }
}

impl std::error::Error for DbError {}

impl From<tokio_postgres::Error> for DbError {
    fn from(e: tokio_postgres::Error) -> Self {
        DbError::Postgres(e)
    }
}

pub struct Pool {
    config: tokio_postgres::Config,
    slots: Box<[Slot]>,
    next: AtomicUsize,
}

#[derive(Default)]
struct Slot {
    /// The live connection; read on every request, written on (re)connect.
    conn: RwLock<Option<Arc<Conn>>>,
    /// Serializes connection attempts; holds when the last one failed.
    last_failure: tokio::sync::Mutex<Option<Instant>>,
}

impl Slot {
    fn live(&self) -> Option<Arc<Conn>> {
        let conn = self.conn.read().expect("slot lock poisoned");
        conn.as_ref().filter(|c| !c.client.is_closed()).cloned()
    }
}

impl Pool {
    pub fn new(config: tokio_postgres::Config, size: usize) -> Pool {
        assert!(size > 0, "a pool needs at least one connection");
        Pool {
            config,
            slots: (0..size).map(|_| Slot::default()).collect(),
            next: AtomicUsize::new(0),
        }
    }

    /// The next client in turn, connecting it first if needed.
    pub async fn get(&self) -> Result<Arc<Conn>, DbError> {
        let slot = &self.slots[self.next.fetch_add(1, Ordering::Relaxed) % self.slots.len()];
        match slot.live() {
            Some(conn) => Ok(conn),
            None => self.connect(slot).await,
        }
    }

    /// Opens every connection now, so the first requests do not pay for it.
    /// A failure is logged once here and retried later by `get`.
    pub async fn warm_up(&self) {
        let attempts = self.slots.iter().map(|slot| self.connect(slot));
        let results = futures_util::future::join_all(attempts).await;
        let failed = results.iter().filter(|r| r.is_err()).count();
        if let Some(Err(e)) = results.into_iter().find(Result::is_err) {
            eprintln!(
                "battle-rust: {failed} of {} database connections failed at start (retried on use): {e}",
                self.slots.len()
            );
        }
    }

    async fn connect(&self, slot: &Slot) -> Result<Arc<Conn>, DbError> {
        let mut last_failure = slot.last_failure.lock().await;
        // Another request may have connected while we waited for the lock.
        if let Some(conn) = slot.live() {
            return Ok(conn);
        }
        if last_failure.is_some_and(|at| at.elapsed() < RETRY_AFTER) {
            return Err(DbError::Unavailable);
        }
        match Conn::open(&self.config).await {
            Ok(conn) => {
                let conn = Arc::new(conn);
                *slot.conn.write().expect("slot lock poisoned") = Some(conn.clone());
                *last_failure = None;
                Ok(conn)
            }
            Err(e) => {
                *last_failure = Some(Instant::now());
                Err(e.into())
            }
        }
    }
}

/// One connection with its prepared statements.
pub struct Conn {
    client: Client,
    select_world: Statement,
    select_fortunes: Statement,
    update_worlds: Statement,
    helpdesk: tokio::sync::OnceCell<HelpdeskReads>,
}

struct HelpdeskReads {
    select_tickets: Statement,
    select_ticket: Statement,
}

impl Conn {
    async fn open(config: &tokio_postgres::Config) -> Result<Conn, tokio_postgres::Error> {
        let (client, connection) = config.connect(NoTls).await?;
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                eprintln!("battle-rust: database connection lost: {e}");
            }
        });
        let (select_world, select_fortunes, update_worlds) = tokio::try_join!(
            client.prepare(SELECT_WORLD),
            client.prepare(SELECT_FORTUNES),
            client.prepare(UPDATE_WORLDS),
        )?;
        Ok(Conn {
            client,
            select_world,
            select_fortunes,
            update_worlds,
            helpdesk: tokio::sync::OnceCell::new(),
        })
    }

    async fn helpdesk(&self) -> Result<&HelpdeskReads, DbError> {
        let prepare = || async {
            let (select_tickets, select_ticket) = tokio::try_join!(
                self.client.prepare(SELECT_TICKETS),
                self.client.prepare(SELECT_TICKET),
            )?;
            Ok::<_, DbError>(HelpdeskReads {
                select_tickets,
                select_ticket,
            })
        };
        self.helpdesk.get_or_try_init(prepare).await
    }

    /// A page of tickets of one status after a cursor: one query.
    pub async fn tickets(&self, q: &ListQuery) -> Result<Vec<TicketSummary>, DbError> {
        let statement = &self.helpdesk().await?.select_tickets;
        let rows = self
            .client
            .query(statement, &[&q.status, &q.after, &q.limit])
            .await?;
        Ok(rows
            .iter()
            .map(|row| TicketSummary {
                id: row.get(0),
                customer_id: row.get(1),
                subject: row.get(2),
                status: row.get(3),
                priority: row.get(4),
            })
            .collect())
    }

    /// One ticket with its customer (a join), or None.
    pub async fn ticket(&self, id: i64) -> Result<Option<Ticket>, DbError> {
        let statement = &self.helpdesk().await?.select_ticket;
        let row = self.client.query_opt(statement, &[&id]).await?;
        Ok(row.map(|row| Ticket {
            id: row.get(0),
            subject: row.get(1),
            status: row.get(2),
            priority: row.get(3),
            customer: Customer {
                id: row.get(4),
                name: row.get(5),
                plan: row.get(6),
            },
        }))
    }

    pub async fn world(&self, id: i32) -> Result<World, DbError> {
        let row = self.client.query_one(&self.select_world, &[&id]).await?;
        Ok(World {
            id: row.get(0),
            random_number: row.get(1),
        })
    }

    /// One query per id, all in flight at once (pipelined on this connection).
    pub async fn worlds(&self, ids: &[i32]) -> Result<Vec<World>, DbError> {
        try_join_all(ids.iter().map(|&id| self.world(id))).await
    }

    pub async fn fortunes(&self) -> Result<Vec<Fortune>, DbError> {
        let rows = self.client.query(&self.select_fortunes, &[]).await?;
        Ok(rows
            .iter()
            .map(|row| Fortune {
                id: row.get(0),
                message: row.get(1),
            })
            .collect())
    }

    /// Stores new numbers with one statement. `changes` must be sorted by id
    /// with no id twice: rows are then locked in one global order, so
    /// concurrent /updates requests cannot deadlock each other.
    pub async fn update_worlds(&self, changes: &[World]) -> Result<(), DbError> {
        let ids: Vec<i32> = changes.iter().map(|w| w.id).collect();
        let numbers: Vec<i32> = changes.iter().map(|w| w.random_number).collect();
        self.client
            .execute(&self.update_worlds, &[&ids, &numbers])
            .await?;
        Ok(())
    }
}
