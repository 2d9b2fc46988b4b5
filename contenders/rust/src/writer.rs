//! The helpdesk create's transaction (suite/helpdesk/README.md): BEGIN, the
//! customer check, two INSERTs, COMMIT, on a connection no other request uses
//! meanwhile. The read pool's clients are shared by many requests at once
//! (their queries pipelined), so a transaction there would take in other
//! requests' statements; these connections are checked out one request at a
//! time instead, as any connection pool does for a transaction.
//!
//! Up to `size` connections, opened on first use (a Battle Suite run never
//! opens one) and kept while they stay open.

use std::sync::Mutex;

use tokio::sync::Semaphore;
use tokio_postgres::{Client, NoTls, Statement};

use crate::db::DbError;
use crate::helpdesk::NewTicket;

const SELECT_CUSTOMER: &str = "SELECT 1 FROM hd_customer WHERE id = $1";
const INSERT_TICKET: &str = "INSERT INTO hd_ticket (customer_id, subject, status, priority, created_by) \
     VALUES ($1, $2, 'open', $3, $4) RETURNING id";
const INSERT_EVENT: &str = "INSERT INTO hd_event (ticket_id, kind, actor) VALUES ($1, 'created', $2)";

/// What the transaction did.
#[derive(Debug, PartialEq, Eq)]
pub enum Created {
    /// Committed: the new ticket's id.
    Ticket(i64),
    /// No such customer: rolled back, nothing written.
    UnknownCustomer,
}

pub struct Writers {
    config: tokio_postgres::Config,
    idle: Mutex<Vec<Writer>>,
    permits: Semaphore,
}

impl Writers {
    pub fn new(config: tokio_postgres::Config, size: usize) -> Writers {
        Writers {
            config,
            idle: Mutex::new(Vec::with_capacity(size)),
            permits: Semaphore::new(size.max(1)),
        }
    }

    /// Writes `ticket` by `actor` (the token's `sub`) in one transaction.
    pub async fn create(&self, ticket: &NewTicket, actor: &str) -> Result<Created, DbError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let idle = self.idle.lock().expect("writer list poisoned").pop();
        let mut writer = match idle {
            Some(writer) if !writer.client.is_closed() => writer,
            _ => Writer::open(&self.config).await?,
        };
        // A failed statement rolls the transaction back (Transaction's drop);
        // the connection is kept unless it closed.
        let result = writer.create(ticket, actor).await;
        if !writer.client.is_closed() {
            self.idle.lock().expect("writer list poisoned").push(writer);
        }
        result
    }
}

struct Writer {
    client: Client,
    select_customer: Statement,
    insert_ticket: Statement,
    insert_event: Statement,
}

impl Writer {
    async fn open(config: &tokio_postgres::Config) -> Result<Writer, DbError> {
        let (client, connection) = config.connect(NoTls).await?;
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                eprintln!("battle-rust: database connection lost: {e}");
            }
        });
        let (select_customer, insert_ticket, insert_event) = tokio::try_join!(
            client.prepare(SELECT_CUSTOMER),
            client.prepare(INSERT_TICKET),
            client.prepare(INSERT_EVENT),
        )?;
        Ok(Writer {
            client,
            select_customer,
            insert_ticket,
            insert_event,
        })
    }

    async fn create(&mut self, ticket: &NewTicket, actor: &str) -> Result<Created, DbError> {
        let Writer {
            client,
            select_customer,
            insert_ticket,
            insert_event,
        } = self;
        let tx = client.transaction().await?;
        if tx
            .query_opt(select_customer, &[&ticket.customer_id])
            .await?
            .is_none()
        {
            tx.rollback().await?;
            return Ok(Created::UnknownCustomer);
        }
        let row = tx
            .query_one(
                insert_ticket,
                &[&ticket.customer_id, &ticket.subject, &ticket.priority, &actor],
            )
            .await?;
        let id: i64 = row.get(0);
        tx.execute(insert_event, &[&id, &actor]).await?;
        tx.commit().await?;
        Ok(Created::Ticket(id))
    }
}
