//! `/api/v1/admin/audit`: the audit log (scope `audit:read`, admins only).

use axum::extract::State;
use axum::Json;
use dateline_store::AuditQuery;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::responses::AdminAuditEntry;
use crate::api::extract::{self, ApiQuery, QueryLimit};
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only entries by this user id.
    actor: Option<i64>,
    /// Only entries about this kind of item (`user`, `section`, `token`, `session`, `article`, `media`).
    item_type: Option<String>,
    /// Only entries about this item id.
    item_id: Option<i64>,
    /// The `next_before` of the previous page.
    before: Option<i64>,
    /// Page size, 1 to 100.
    #[param(value_type = Option<QueryLimit>)]
    limit: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditLogPage {
    /// Newest first.
    pub items: Vec<AdminAuditEntry>,
    /// Pass as `before` for the next page; absent on the last one.
    pub next_before: Option<i64>,
}

/// Who did what, when, to which item.
#[utoipa::path(get, path = "/api/v1/admin/audit", operation_id = "admin_list_audit", tag = "admin", security(("bearer" = [])),
    params(AuditParams),
    responses(
        (status = 200, description = "A page of entries", body = AuditLogPage),
        (status = 400, description = "`invalid_query`, `invalid_limit`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> Result<Json<AuditLogPage>, ApiError> {
    staff.require(Permission::ReadAudit)?;
    let query = AuditQuery {
        actor_user_id: params.actor,
        item_type: params.item_type.filter(|t| !t.is_empty()),
        item_id: params.item_id,
        before: params.before,
        limit: extract::limit(params.limit.as_deref())?,
    };
    let page = state.store.audit_log(&query).await?;
    Ok(Json(AuditLogPage {
        items: page.items.into_iter().map(AdminAuditEntry::from).collect(),
        next_before: page.next_before,
    }))
}
