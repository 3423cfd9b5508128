//! Password hashing with Argon2id, always off the async runtime.

use crate::error::AppError;
use argon2::password_hash::{Output, PasswordHash, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Block, Params, Version};

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

/// Argon2 computations allowed at once: one per core. Each takes 19 MiB and a core for tens of
/// milliseconds, so a burst of sign-ins queues here instead of starting hundreds of blocking
/// threads (each keeping its memory) — which also keeps a sign-in flood from starving pages.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

async fn limited<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let _permit = HASHING
        .acquire()
        .await
        .map_err(|e| super::errors::internal("password hashing limiter closed", e))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| super::errors::internal("password hashing task failed", e))?
}

/// Argon2's working memory (19 MiB with the default parameters), kept for reuse: at most one
/// buffer per concurrent computation ([`HASHING`]). Allocating it afresh for each sign-in
/// leaves glibc holding a copy per blocking thread, which grew the server by 120 MB after a
/// few dozen sign-ins.
static MEMORY: std::sync::Mutex<Vec<Vec<Block>>> = std::sync::Mutex::new(Vec::new());

/// Argon2id with `params` over `password` and `salt` into `out`, in reused memory.
fn argon2_into(
    params: Params,
    version: Version,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> argon2::Result<()> {
    let blocks = params.block_count();
    let argon = Argon2::new(Algorithm::Argon2id, version, params);
    let take = || MEMORY.lock().unwrap_or_else(|e| e.into_inner()).pop();
    let mut memory = take().unwrap_or_default();
    if memory.len() < blocks {
        memory.resize(blocks, Block::new());
    }
    let result = argon.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks]);
    MEMORY
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(memory);
    result
}

/// Hashes `password` with a fresh salt (Argon2id with the crate's recommended parameters:
/// 19 MiB, 2 passes, 1 lane), as a PHC string.
pub async fn hash(password: &str) -> Result<HashedPassword, AppError> {
    let password = password.to_owned();
    limited(move || {
        let fail =
            |e: &dyn std::fmt::Display| super::errors::internal("password hashing failed", e);
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_buf = [0u8; 64];
        let raw_salt = salt
            .as_salt()
            .decode_b64(&mut salt_buf)
            .map_err(|e| fail(&e))?;
        let params = Params::default();
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        argon2_into(
            params.clone(),
            Version::V0x13,
            password.as_bytes(),
            raw_salt,
            &mut out,
        )
        .map_err(|e| fail(&e))?;
        let output = Output::new(&out).map_err(|e| fail(&e))?;
        Ok(HashedPassword(format!(
            "$argon2id$v=19$m={},t={},p={}${}${output}",
            params.m_cost(),
            params.t_cost(),
            params.p_cost(),
            salt.as_str()
        )))
    })
    .await
}

/// Whether `password` matches the Argon2id PHC string `hash` (compared in constant time).
fn matches(password: &str, hash: &str) -> Result<bool, AppError> {
    let fail =
        |e: &dyn std::fmt::Display| super::errors::internal("stored password hash is malformed", e);
    let parsed = PasswordHash::new(hash).map_err(|e| fail(&e))?;
    if Algorithm::try_from(parsed.algorithm).map_err(|e| fail(&e))? != Algorithm::Argon2id {
        return Err(fail(&"not argon2id"));
    }
    let params = Params::try_from(&parsed).map_err(|e| fail(&e))?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).map_err(|e| fail(&e))?,
        None => Version::V0x13,
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err(fail(&"salt or hash missing"));
    };
    let mut salt_buf = [0u8; 64];
    let raw_salt = salt.decode_b64(&mut salt_buf).map_err(|e| fail(&e))?;
    let mut out = vec![0u8; expected.len()];
    argon2_into(params, version, password.as_bytes(), raw_salt, &mut out).map_err(|e| fail(&e))?;
    // `Output`'s equality is constant-time.
    Ok(Output::new(&out).map_err(|e| fail(&e))? == expected)
}

/// Checks `password` against `stored`. With `stored = None` (unknown account) a dummy hash is
/// verified instead, so an unknown login costs the same time as a wrong password.
pub async fn verify(password: &str, stored: Option<HashedPassword>) -> Result<bool, AppError> {
    let password = password.to_owned();
    limited(move || {
        let known = stored.is_some();
        let hash = stored.map(|h| h.0).unwrap_or_else(|| DUMMY_HASH.to_owned());
        let ok = matches(&password, &hash)?;
        Ok(known && ok)
    })
    .await
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
    fn hashes_made_by_the_argon2_crate_itself_still_verify() {
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::generate(&mut OsRng);
        let stored = Argon2::default()
            .hash_password(b"trainee-demo-2026", &salt)
            .unwrap()
            .to_string();
        assert!(matches("trainee-demo-2026", &stored).unwrap());
        assert!(!matches("trainee-demo-2027", &stored).unwrap());
        assert!(matches("x", "not a hash").is_err());
    }

    #[test]
    fn generated_passwords_are_long_and_varied() {
        let a = generate();
        assert_eq!(a.chars().count(), 16);
        assert_ne!(a, generate());
    }
}
