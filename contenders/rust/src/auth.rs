//! The helpdesk routes' authentication (suite/helpdesk/README.md): an HS256
//! JWT in `Authorization: Bearer`, verified on every request with the
//! `jsonwebtoken` crate against `HELPDESK_JWT_SECRET`, then the route's scope.

use hyper::header::HeaderValue;
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use crate::helpdesk::grants;

/// Why a request is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Denied {
    /// `HELPDESK_JWT_SECRET` is not set: 500.
    NoSecret,
    /// No token, not `Bearer`, or a token that does not verify: 401.
    Unauthorized,
    /// A valid token without the route's scope: 403.
    Forbidden,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
    #[serde(default)]
    scope: String,
}

pub struct Auth {
    /// None when the secret is unset.
    key: Option<DecodingKey>,
    validation: Validation,
}

impl Auth {
    /// The verifier for `secret` (the UTF-8 bytes of `HELPDESK_JWT_SECRET`),
    /// or one that refuses everything with `NoSecret` when it is unset or empty.
    pub fn new(secret: Option<&str>) -> Auth {
        // HS256 only: a token whose header names another alg, `none`
        // included, fails before its signature is looked at.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_required_spec_claims(&["exp", "sub"]);
        validation.leeway = 60;
        Auth {
            key: secret
                .filter(|s| !s.is_empty())
                .map(|s| DecodingKey::from_secret(s.as_bytes())),
            validation,
        }
    }

    pub fn from_env() -> Auth {
        Auth::new(std::env::var("HELPDESK_JWT_SECRET").ok().as_deref())
    }

    /// The token's `sub` when `authorization` carries a valid token granting `scope`.
    pub fn check(&self, authorization: Option<&HeaderValue>, scope: &str) -> Result<String, Denied> {
        let key = self.key.as_ref().ok_or(Denied::NoSecret)?;
        let token = authorization
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(Denied::Unauthorized)?;
        let claims = decode::<Claims>(token, key, &self.validation)
            .map_err(|_| Denied::Unauthorized)?
            .claims;
        if claims.sub.is_empty() {
            return Err(Denied::Unauthorized);
        }
        if !grants(&claims.scope, scope) {
            return Err(Denied::Forbidden);
        }
        Ok(claims.sub)
    }
}

#[cfg(test)]
mod tests;
