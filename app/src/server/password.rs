//! Password hashing with Argon2id, always off the async runtime.

use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

/// An Argon2id PHC hash string. Its `Debug` hides the value and it is never serialised.
#[derive(Clone, PartialEq, Eq)]
pub struct HashedPassword(String);

impl HashedPassword {
    /// Wraps a stored hash.
    pub fn from_stored(hash: String) -> Self {
        Self(hash)
    }

    /// The PHC string to store.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for HashedPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HashedPassword(…)")
    }
}

/// Hashes `password` with a fresh salt (Argon2id, the crate's recommended parameters).
pub async fn hash(password: &str) -> Result<HashedPassword, AppError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| HashedPassword(h.to_string()))
            .map_err(|e| super::errors::internal("password hashing failed", e))
    })
    .await
    .map_err(|e| super::errors::internal("password hashing task failed", e))?
}

/// Checks `password` against `stored`. With `stored = None` (unknown account) a dummy hash is
/// verified instead, so an unknown login costs the same time as a wrong password.
pub async fn verify(password: &str, stored: Option<HashedPassword>) -> Result<bool, AppError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.map(|h| h.0).unwrap_or_else(|| DUMMY_HASH.to_owned());
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| super::errors::internal("stored password hash is malformed", e))?;
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(known && ok)
    })
    .await
    .map_err(|e| super::errors::internal("password verification task failed", e))?
}

/// Generates a random password of 16 characters from an alphabet without look-alikes
/// (no 0/O, 1/l/I), for temporary passwords handed to people.
pub fn generate() -> String {
    use argon2::password_hash::rand_core::RngCore;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    // 256 is not a multiple of the alphabet size; the bias is below 1 % per character and
    // does not matter for a temporary password the person must change.
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// Argon2id hash of a random string nobody knows, used to equalise timing for unknown logins.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ_by_salt() {
        let a = hash("correct horse battery").await.unwrap();
        let b = hash("correct horse battery").await.unwrap();
        assert_ne!(a, b);
        assert!(a.as_str().starts_with("$argon2id$"));
        assert!(
            verify("correct horse battery", Some(a.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("wrong horse battery", Some(a.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("anything", None).await.unwrap());
        assert_eq!(format!("{a:?}"), "HashedPassword(…)");
    }

    #[test]
    fn generated_passwords_are_long_and_varied() {
        let a = generate();
        assert_eq!(a.chars().count(), 16);
        assert_ne!(a, generate());
    }
}
