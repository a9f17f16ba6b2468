//! Room codes and tokens, drawn from the operating system's CSPRNG.

/// 32 signs that read unambiguously off a projector: no 0/O, no 1/I.
const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Random bytes, or an error when the operating system has none to give
/// (the room then does not open rather than open guessable).
fn random<const N: usize>() -> std::io::Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes)
}

/// A six-letter room code: 30 bits, typed from a projector in seconds.
pub fn room_code() -> std::io::Result<String> {
    let bytes = random::<6>()?;
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect())
}

/// A 128-bit token, as 32 hex digits.
pub fn token() -> std::io::Result<String> {
    let bytes = random::<16>()?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_tokens_have_their_size_and_differ() {
        let code = room_code().unwrap();
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|c| ALPHABET.contains(&c)));
        let (a, b) = (token().unwrap(), token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
