//! battle-domain: the code the Rust stacks (hyper, axum, actix-web) share,
//! so that what differs between them is the HTTP framework and nothing else:
//! the catalog of products, the /orders validation and pricing, the
//! configuration read from the environment, and the helpdesk example
//! suite's query and body rules and JSON shapes. Each stack keeps its own HTTP
//! handlers, fortunes rendering and database access (db.rs).

pub mod catalog;
pub mod config;
pub mod helpdesk;
pub mod orders;
