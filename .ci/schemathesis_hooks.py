"""Rules of Dateline's API that an OpenAPI document cannot state in a schema.

Each rule is written in the operation's or parameter's description in the
document; OpenAPI has no way to say "at most one of these parameters", "this
one is later than that one" or "the id of a picture that exists".
Schemathesis would count a refusal of such a request as valid data refused,
so test cases it generates as *valid* are made to keep these rules here.
Cases generated as invalid are left alone: the API must still refuse them.
The same goes for the marks (bold, italic, links) of body text, whose
ranges must lie inside the text they format.

Bylines: a story's authors must write for its edition (the `author_ids`
descriptions say so), so valid cases sign a story with authors of its own
edition, and leave the byline alone where the edition is not known; a new
author's address must be free and a staff account has one byline at most,
so valid new authors get an address of their own and no account.

Site settings: the home edition is named by its code, which must be an
edition's, so valid cases name an edition of the demo site.

Two more rules hold for every case, because they depend on who calls: the
run never revokes its own token (the rest of the run would be answered 401)
and never changes its own account (an admin may not demote or disable
themselves). `.ci/schemathesis` passes both ids.
"""

import hashlib
import json
import os
import re
import struct
import zlib
from datetime import datetime, timezone

import schemathesis

ARTICLE_FILTERS = ("section", "tag", "author")
# Ids of things that exist in the demo site, by kind; see `.ci/schemathesis`.
IDS = json.loads(os.environ.get("SCHEMATHESIS_IDS", "{}"))
OWN = {
    "/api/v1/admin/tokens/{id}": os.environ.get("SCHEMATHESIS_TOKEN_ID"),
    "/api/v1/admin/users/{id}": os.environ.get("SCHEMATHESIS_USER_ID"),
}
# Body fields that name a row, and the kind of row.
REFERENCES = {
    "media_id": "media",
    "lead_media_id": "media",
    "social_media_id": "media",
    "article_id": "articles",
    "author_ids": "authors",
    "editions": "editions",
    "edition_ids": "editions",
    "photo_media_id": "media",
    "logo_media_id": "media",
    "logo_media_id": "media",
}
NEW_AUTHORS = iter(range(1, 10**9))


def _existing(kind, value):
    """An id of `kind` that exists, picked by the generated value (so runs replay)."""
    pool = IDS.get(kind) or []
    if not pool or not isinstance(value, int) or isinstance(value, bool):
        return value
    return pool[value % len(pool)]


def _without_marks(value):
    """Body text's formatting: a mark's range must lie inside its text, links
    must not overlap and go to a site path or an http(s)/mailto address
    ("ranges count characters of `text`", in the `Mark` schema's words),
    which a schema cannot relate to the text beside it. Valid cases drop
    their marks; the API's own tests cover formatted text."""
    if isinstance(value, list):
        return [_without_marks(item) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: ([] if key == "marks" else _without_marks(item)) for key, item in value.items()}


def _with_existing_references(value):
    # JSON Schema counts 17.0 as an integer; serde reads integers only as
    # integer literals (as most JSON readers do), so whole floats are sent
    # as the integers they equal.
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    if isinstance(value, list):
        return [_with_existing_references(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        kind = REFERENCES.get(key)
        item = _with_existing_references(item)
        if kind and isinstance(item, list):
            out[key] = [_existing(kind, one) for one in item]
        elif kind:
            out[key] = _existing(kind, item)
        else:
            out[key] = item
    return out


def _sign_from_edition(body, edition_id):
    """`author_ids` from the story's edition's authors, picked by the generated values."""
    if not isinstance(body, dict) or not isinstance(body.get("author_ids"), list):
        return body
    pool = (IDS.get("authors_by_edition") or {}).get(str(edition_id))
    body = dict(body)
    if not pool:
        del body["author_ids"]
        return body
    picked = [pool[one % len(pool)] if isinstance(one, int) else one for one in body["author_ids"]]
    body["author_ids"] = picked
    return body


def _as_unix(value):
    """`from`/`until` as Unix seconds, as the API reads them (a date: its first second, UTC)."""
    text = str(value)
    try:
        return int(text)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def _picture(drawn):
    """A small PNG whose colour comes from the generated body: the upload's
    body "is the picture file", which no schema can describe."""
    colour = hashlib.sha256(repr(drawn).encode()).digest()[:3]
    # Larger than what a valid framing case crops (see map_case): 32 px
    # high, and 57 px wide for the 16:9 shape.
    width, height = 64, 40
    rows = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _forbidden(c):
    """A character no stored text may hold (`dateline_domain::is_forbidden_char`):
    C0 controls but tab and line breaks, DEL and C1, noncharacters."""
    n = ord(c)
    return (
        (n < 0x20 and c not in "\t\n\r")
        or 0x7F <= n <= 0x9F
        or 0xFDD0 <= n <= 0xFDEF
        or (n & 0xFFFE) == 0xFFFE
        or 0xD800 <= n <= 0xDFFF
    )


def _clean(value):
    """`value` with every forbidden character removed, keys included: the
    document's string schemas cannot say "no control characters", which
    every text of the Admin API refuses (422, as documented)."""
    if isinstance(value, str):
        return "".join(c for c in value if not _forbidden(c))
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


@schemathesis.hook
def map_case(context, case):
    path, method = case.operation.path, case.method.upper()
    # The stateful phase follows links from answers' fields; a field that is
    # null (an author without an account) names no row, so the step asks
    # for one that does not exist instead of sending "None" as an id.
    if case.path_parameters and any(v is None or v == "None" for v in case.path_parameters.values()):
        case.path_parameters = {
            k: (0 if v is None or v == "None" else v) for k, v in case.path_parameters.items()
        }
    own = OWN.get(path)
    if own is not None and method in ("PATCH", "DELETE") and case.path_parameters:
        if str(case.path_parameters.get("id")) == own:
            case.path_parameters = {**case.path_parameters, "id": int(own) + 1_000_000}
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return case
    # The stateful phase fills `{edition}` from the editions list's answers;
    # where it cannot resolve the link it draws any string, which no edition
    # code matches. Valid cases name an existing edition instead (picked by
    # the drawn value, as for the settings' home edition).
    codes = sorted((IDS.get("edition_codes") or {}).keys())
    drawn = (case.path_parameters or {}).get("edition")
    if isinstance(drawn, str) and codes and drawn not in codes and "{edition}" in path:
        pick = codes[int(hashlib.sha256(drawn.encode()).hexdigest(), 16) % len(codes)]
        case.path_parameters = {**case.path_parameters, "edition": pick}
    if isinstance(case.body, (dict, list, str)) and not (method == "POST" and path == "/api/v1/admin/media"):
        case.body = _clean(case.body)
    if method == "POST" and path == "/api/v1/admin/media":
        case.body = _picture(case.body)
    elif method == "PUT" and path == "/api/v1/admin/editions/{edition}/front" and isinstance(case.body, dict):
        # "stories of this edition", "a pin in the story's own section",
        # "each story once in the whole arrangement": no schema relates ids
        # to editions, sections or each other, so valid cases clear the
        # lists (an empty arrangement is always valid) and keep the drawn
        # version (a stale one is answered 409, as documented).
        case.body = {**_with_existing_references(case.body), "top": [], "pins": []}
    elif method == "PUT" and path == "/api/v1/admin/media/{id}/framing" and isinstance(case.body, dict):
        # "inside the picture", "the focal point inside the crop": the
        # document cannot say how large a picture is, so valid cases frame
        # the top-left 32 px, which every picture has.
        body = dict(case.body)
        if body.get("crop") is not None:
            body["crop"] = {"left": 0, "top": 0, "width": 32, "height": 32}
        if body.get("focal_point") is not None:
            body["focal_point"] = {"x": 16, "y": 16}
        # "in the shape's proportions": each shape drawn gets a crop of its
        # own proportions, 32 px high, at the top-left corner.
        shapes = {"wide": 57, "standard": 43, "square": 32}
        if isinstance(body.get("shape_crops"), dict):
            body["shape_crops"] = {
                name: {"left": 0, "top": 0, "width": shapes[name], "height": 32}
                for name in body["shape_crops"]
                if name in shapes
            }
        case.body = body
    elif path.startswith("/api/v1/admin/") and isinstance(case.body, (dict, list)):
        case.body = _with_existing_references(case.body)
        if path.startswith("/api/v1/admin/articles"):
            case.body = _without_marks(case.body)
        if method == "POST" and path == "/api/v1/admin/articles" and isinstance(case.body, dict):
            edition = (IDS.get("edition_codes") or {}).get(str(case.body.get("edition")))
            case.body = _sign_from_edition(case.body, edition)
        elif method == "PATCH" and path == "/api/v1/admin/articles/{id}":
            article = str((case.path_parameters or {}).get("id"))
            edition = (IDS.get("article_editions") or {}).get(article)
            case.body = _sign_from_edition(case.body, edition)
        if path.startswith("/api/v1/admin/editions") and isinstance(case.body, dict) and case.body.get("logo_media_id") is not None:
            # "a picture of the media bank": an existing one, or none.
            body = dict(case.body)
            pool = IDS.get("media") or []
            body["logo_media_id"] = pool[0] if pool else None
            case.body = body
        if path.startswith("/api/v1/admin/authors") and isinstance(case.body, dict):
            body = dict(case.body)
            if "user_id" in body:
                body["user_id"] = None
            if method == "POST" and isinstance(body.get("slug"), str):
                body["slug"] = f"{body['slug'][:100]}-{next(NEW_AUTHORS)}"
            case.body = body
        if method == "PUT" and path == "/api/v1/admin/settings" and isinstance(case.body, dict):
            # "the code of an edition": a schema cannot list the editions,
            # so valid cases name one that exists (picked by the drawn code).
            codes = sorted((IDS.get("edition_codes") or {}).keys())
            drawn = case.body.get("default_edition")
            if isinstance(drawn, str) and codes:
                pick = codes[int(hashlib.sha256(drawn.encode()).hexdigest(), 16) % len(codes)]
                case.body = {**case.body, "default_edition": pick}
        if path == "/api/v1/admin/articles/{id}/status" and isinstance(case.body, dict):
            # "required to schedule, in the future"; "required to correct"
            body = dict(case.body)
            now = int(datetime.now(timezone.utc).timestamp())
            if body.get("status") == "scheduled" and not (
                isinstance(body.get("scheduled_at"), int) and body["scheduled_at"] > now + 60
            ):
                body["scheduled_at"] = now + 3600
            if body.get("status") == "corrected" and not str(body.get("correction") or "").strip():
                body["correction"] = "A figure in the second paragraph was corrected."
            case.body = body
    if not case.query:
        return case
    query = dict(case.query)
    if method == "GET" and path == "/api/v1/editions/{edition}/articles":
        # "at most one of `section`, `tag` and `author`"
        # (an empty value counts as absent)
        given = [name for name in ARTICLE_FILTERS if query.get(name) not in (None, "")]
        for name in given[1:]:
            del query[name]
    elif method == "GET" and path == "/api/v1/media":
        # "`section` ... needs `edition`"
        if query.get("section") not in (None, "") and query.get("edition") in (None, ""):
            del query["section"]
        # "`until` ... later than `from`" (a date `until` includes its whole day)
        if query.get("from") not in (None, "") and query.get("until") not in (None, ""):
            start, end = _as_unix(query["from"]), _as_unix(query["until"])
            if start is not None and end is not None and start >= end:
                del query["until"]
    elif method == "GET" and path in ("/api/v1/search", "/api/v1/admin/search"):
        # "only signs is `query_no_words`" (and `-word` alone leaves nothing
        # to look for): valid cases search plain words.
        if not re.fullmatch(r"[A-Za-z0-9 ]*[A-Za-z0-9][A-Za-z0-9 ]*", str(query.get("q") or "")):
            query["q"] = "news"
        # "`section` / `tag` ... needs `edition`"
        if query.get("edition") in (None, ""):
            for name in ("section", "tag"):
                if query.get(name) not in (None, ""):
                    del query[name]
        if query.get("from") not in (None, "") and query.get("until") not in (None, ""):
            start, end = _as_unix(query["from"]), _as_unix(query["until"])
            if start is not None and end is not None and start >= end:
                del query["until"]
    case.query = query
    return case
