//! fastapi-pagination's `Page`: `{items, total, page, size, pages}` with `page >= 1`, `1 <= size <= 100`.

use serde::Serialize;

use crate::error::{ApiError, ApiResult};

/// Default page size.
pub const DEFAULT_SIZE: u64 = 50;

/// A validated page request.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub page: u64,
    pub size: u64,
}

impl PageRequest {
    /// Checks the bounds (422 with `loc: ["query", ...]` when out of range).
    pub fn new(page: Option<i64>, size: Option<i64>) -> ApiResult<Self> {
        let page = page.unwrap_or(1);
        let size = size.unwrap_or(DEFAULT_SIZE as i64);
        if page < 1 {
            return Err(ApiError::validation(
                "greater_than_equal",
                &["query", "page"],
                "Input should be greater than or equal to 1",
            ));
        }
        if size < 1 {
            return Err(ApiError::validation(
                "greater_than_equal",
                &["query", "size"],
                "Input should be greater than or equal to 1",
            ));
        }
        if size > 100 {
            return Err(ApiError::validation(
                "less_than_equal",
                &["query", "size"],
                "Input should be less than or equal to 100",
            ));
        }
        Ok(Self {
            page: page as u64,
            size: size as u64,
        })
    }

    /// Rows to skip.
    pub fn offset(&self) -> u64 {
        (self.page - 1) * self.size
    }
}

/// One page of results.
#[derive(Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub size: u64,
    pub pages: u64,
}

impl<T> Page<T> {
    /// Wraps items and the total count for `request`.
    pub fn new(items: Vec<T>, total: u64, request: PageRequest) -> Self {
        Page {
            items,
            total,
            page: request.page,
            size: request.size,
            pages: total.div_ceil(request.size),
        }
    }
}
