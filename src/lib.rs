//! wom
