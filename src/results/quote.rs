//! Text from a file quoted in an error message, cut short: a cell or a
//! header of a damaged file may be megabytes long (a file of NUL bytes is
//! one cell), and a message quotes enough to find it, not all of it.

/// The most characters of a file's text a message quotes.
pub const MAX_QUOTED: usize = 60;

/// `text` whole when short, else its first [`MAX_QUOTED`] characters and
/// how long it is.
///
/// ```
/// use wom::results::quote::short;
/// assert_eq!(short("abc"), "abc");
/// assert!(short(&"\0".repeat(1000)).ends_with("… (1000 bytes in all)"));
/// ```
pub fn short(text: &str) -> String {
    if text.chars().count() <= MAX_QUOTED {
        return text.to_owned();
    }
    let head: String = text.chars().take(MAX_QUOTED).collect();
    format!("{head}… ({} bytes in all)", text.len())
}
