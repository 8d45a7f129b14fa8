//! Quality scoring commands: TimeML for the date stage, the Gun Violence Archive for people and ages.

pub mod gva;
pub mod timeml;
