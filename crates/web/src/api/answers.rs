//! Answers an operation gives because of the parts it shares with the
//! others (extractors, the `Staff` guard, `ApiJson`), not because of what its
//! handler does: documented here once, for every operation that has the part,
//! so that no handler's list can forget one.

use utoipa::openapi::path::Operation;
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder};

/// Adds to every operation of `doc` the shared answers it lacks: 400 for a
/// malformed path or query parameter, 401 where credentials are needed,
/// 413, 415 and 422 where a JSON body is read.
pub fn add_shared(doc: &mut OpenApi) {
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for operation in operations.into_iter().flatten() {
            add_to(operation);
        }
    }
}

fn add_to(operation: &mut Operation) {
    if operation.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
        ensure(
            operation,
            "400",
            "A malformed path or query parameter (`invalid_query`, `invalid_limit`, `invalid_cursor`)",
        );
    }
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        ensure(
            operation,
            "401",
            "No valid session or token (`unauthenticated`)",
        );
    }
    let reads_json = (operation.request_body.as_ref())
        .is_some_and(|body| body.content.contains_key("application/json"));
    if reads_json {
        ensure(
            operation,
            "413",
            "The body is over the size limit (`payload_too_large`)",
        );
        ensure(
            operation,
            "415",
            "The body is not declared `application/json` (`unsupported_media_type`)",
        );
        ensure(
            operation,
            "422",
            "The body is not JSON of the documented shape (`invalid_input`)",
        );
    }
}

fn ensure(operation: &mut Operation, status: &str, description: &str) {
    (operation.responses.responses)
        .entry(status.to_owned())
        .or_insert_with(|| error_answer(description));
}

fn error_answer(description: &str) -> RefOr<Response> {
    let content = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorBody")))
        .build();
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content("application/json", content)
            .build(),
    )
}
