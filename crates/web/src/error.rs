//! The web layer's one error type.

#[derive(Debug)]
pub enum ErrorCode {}

#[derive(Debug)]
pub struct ApiError;
