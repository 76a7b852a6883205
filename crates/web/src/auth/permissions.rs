//! Who may do what: API scopes, the rights of each role, and the one pure
//! function [`permits`] that decides, with its unit tests.
//!
//! Role rules (issue 4): a contributor writes its own drafts; an author also
//! publishes its own articles; an editor does everything in the editions
//! assigned to it; an admin does everything, including users, settings and
//! the audit log. A request's rights are the intersection of its role's
//! scopes and, for an API token, the token's scopes.

use std::fmt;
use std::str::FromStr;

use dateline_domain::{ArticleStatus, ParseError, Role};
use dateline_store::Article;
use serde::{Serialize, Serializer};

/// A right an API token can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    ArticlesRead,
    ArticlesWrite,
    ArticlesPublish,
    MediaRead,
    MediaWrite,
    SectionsWrite,
    UsersAdmin,
    AuditRead,
    /// Comment and chat moderation: queues, decisions, sanctions, word lists.
    DiscussionModerate,
    /// Token management: list the owner's tokens, make child tokens,
    /// revoke the owner's other tokens. Every role has it; a token has it
    /// only when it was granted (see `auth/tokens.rs`).
    TokensManage,
}

impl Scope {
    pub const ALL: [Scope; 10] = [
        Self::ArticlesRead,
        Self::ArticlesWrite,
        Self::ArticlesPublish,
        Self::MediaRead,
        Self::MediaWrite,
        Self::SectionsWrite,
        Self::UsersAdmin,
        Self::AuditRead,
        Self::DiscussionModerate,
        Self::TokensManage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ArticlesRead => "articles:read",
            Self::ArticlesWrite => "articles:write",
            Self::ArticlesPublish => "articles:publish",
            Self::MediaRead => "media:read",
            Self::MediaWrite => "media:write",
            Self::SectionsWrite => "sections:write",
            Self::UsersAdmin => "users:admin",
            Self::AuditRead => "audit:read",
            Self::DiscussionModerate => "discussion:moderate",
            Self::TokensManage => "tokens:manage",
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl FromStr for Scope {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|scope| scope.as_str() == s)
            .ok_or_else(|| {
                ParseError::new("scopes", "invalid_scope", format!("{s:?} is not a scope"))
            })
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of scopes (a bit set: cheap to copy and intersect).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scopes(u16);

impl Scopes {
    pub const NONE: Scopes = Scopes(0);

    pub fn all() -> Self {
        Self::of(&Scope::ALL)
    }

    pub fn of(scopes: &[Scope]) -> Self {
        Self(scopes.iter().fold(0, |bits, s| bits | s.bit()))
    }

    /// Known scope names; unknown ones (from a newer version) are ignored.
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Self {
        let known: Vec<Scope> = names
            .iter()
            .filter_map(|n| n.as_ref().parse().ok())
            .collect();
        Self::of(&known)
    }

    pub fn contains(self, scope: Scope) -> bool {
        self.0 & scope.bit() != 0
    }

    pub fn is_subset_of(self, other: Scopes) -> bool {
        self.0 & !other.0 == 0
    }

    pub fn intersect(self, other: Scopes) -> Self {
        Self(self.0 & other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Scope> {
        Scope::ALL.into_iter().filter(move |s| self.contains(*s))
    }

    pub fn names(self) -> Vec<&'static str> {
        self.iter().map(Scope::as_str).collect()
    }
}

impl Serialize for Scopes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

/// Everything a role may ever do; the resource rules of [`permits`] narrow it.
pub fn role_scopes(role: Role) -> Scopes {
    use Scope::*;
    match role {
        Role::Contributor => Scopes::of(&[
            ArticlesRead,
            ArticlesWrite,
            MediaRead,
            MediaWrite,
            TokensManage,
        ]),
        Role::Author => Scopes::of(&[
            TokensManage,
            ArticlesRead,
            ArticlesWrite,
            ArticlesPublish,
            MediaRead,
            MediaWrite,
        ]),
        Role::Editor => Scopes::of(&[
            ArticlesRead,
            ArticlesWrite,
            ArticlesPublish,
            MediaRead,
            MediaWrite,
            SectionsWrite,
            DiscussionModerate,
            TokensManage,
        ]),
        Role::Admin => Scopes::all(),
    }
}

/// The acting staff member, as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub role: Role,
    /// Editions an editor is assigned to.
    pub editions: Vec<i64>,
    /// Effective scopes: the role's, narrowed by the token's when there is one.
    pub scopes: Scopes,
}

/// What the rules need to know about an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleRef {
    pub edition_id: i64,
    /// The staff user who created it (its owner); `None` for imported content.
    pub created_by: Option<i64>,
    pub status: ArticleStatus,
}

impl From<&Article> for ArticleRef {
    fn from(article: &Article) -> Self {
        Self {
            edition_id: article.edition_id,
            created_by: article.created_by,
            status: article.status,
        }
    }
}

/// What the rules need to know about a media asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaRef {
    /// The edition it is filed under; unfiled assets belong to every edition.
    pub edition_id: Option<i64>,
    pub uploaded_by: Option<i64>,
}

/// One thing someone wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See an article in the newsroom (drafts included).
    ReadArticle(ArticleRef),
    CreateArticle {
        edition_id: i64,
    },
    /// Change an article's content (and send a draft to review).
    EditArticle(ArticleRef),
    /// Move an article to `to`: draft and review moves need edit rights,
    /// scheduling, publishing, correcting and taking down need publish rights.
    MoveArticle(ArticleRef, ArticleStatus),
    ReadMedia,
    UploadMedia {
        edition_id: Option<i64>,
    },
    EditMedia(MediaRef),
    /// Release a picture to the public media bank, or withdraw it: editors
    /// (for their editions and unfiled pictures) and admins.
    ReleaseMedia(MediaRef),
    /// Arrange this edition's front page (lead, top stories, pins): a
    /// publishing decision, so scope `articles:publish`; editors of the
    /// edition and admins.
    ArrangeFront {
        edition_id: i64,
    },
    /// Send a published story of this edition as a breaking-news alert
    /// (mail and web push): a publishing decision, scope
    /// `articles:publish`; editors of the edition and admins.
    SendAlert {
        edition_id: i64,
    },
    /// See the newsletter lists, their subscriber counts and the send
    /// reports (which name the addresses that failed): editors and admins.
    ReadNewsletters,
    /// Change a list's send time or switch it off: admins only.
    ManageNewsletters,
    /// Create or change a section of this edition.
    WriteSection {
        edition_id: i64,
    },
    /// Manage accounts and settings.
    AdminUsers,
    /// See the bylines (to choose a story's authors): every role.
    ReadAuthors,
    /// Read the wire queue (items taken in from agencies and feeds) and
    /// its sources: every role, as every role writes stories from it.
    ReadWires,
    /// Create and change bylines (name, biography, photo, links, account,
    /// editions): admins only.
    ManageAuthors,
    /// Create and change editions, and arrange any edition's sections in
    /// the newsroom: admins only (scope `users:admin`, which covers site
    /// settings).
    ManageEditions,
    /// Read and change the site-wide settings (name, default edition,
    /// social links, contact): admins only, scope `users:admin` as for
    /// editions.
    ManageSettings,
    ReadAudit,
    /// Moderate readers' comments and chats (queues, decisions, sanctions,
    /// word lists): editors and admins.
    Moderate,
    /// List one's tokens, make tokens (a token makes children), revoke
    /// tokens beyond the caller's own and its descendants: every role, on
    /// a session or a token holding `tokens:manage`.
    ManageTokens,
}

impl Permission {
    /// The scope a request must carry for this permission.
    pub fn scope(self) -> Scope {
        match self {
            Self::ReadArticle(_) => Scope::ArticlesRead,
            Self::CreateArticle { .. } | Self::EditArticle(_) => Scope::ArticlesWrite,
            Self::MoveArticle(_, to) if !publishes(to) => Scope::ArticlesWrite,
            Self::MoveArticle(..)
            | Self::ArrangeFront { .. }
            | Self::SendAlert { .. }
            | Self::ReadNewsletters => Scope::ArticlesPublish,
            Self::ReadMedia => Scope::MediaRead,
            Self::UploadMedia { .. } | Self::EditMedia(_) | Self::ReleaseMedia(_) => {
                Scope::MediaWrite
            }
            Self::WriteSection { .. } => Scope::SectionsWrite,
            Self::AdminUsers
            | Self::ManageEditions
            | Self::ManageSettings
            | Self::ManageNewsletters
            | Self::ManageAuthors => Scope::UsersAdmin,
            Self::ReadAuthors | Self::ReadWires => Scope::ArticlesRead,
            Self::ReadAudit => Scope::AuditRead,
            Self::Moderate => Scope::DiscussionModerate,
            Self::ManageTokens => Scope::TokensManage,
        }
    }
}

/// Moves that put an article in front of readers (or take it away).
fn publishes(to: ArticleStatus) -> bool {
    !matches!(to, ArticleStatus::Draft | ArticleStatus::InReview)
}

/// The one decision: the scope first, then the role's resource rule. An
/// editor's rights end at its editions, even over articles it created.
pub fn permits(actor: &Actor, permission: Permission) -> bool {
    if !actor.scopes.contains(permission.scope()) {
        return false;
    }
    let assigned = |edition_id: i64| actor.editions.contains(&edition_id);
    match actor.role {
        Role::Admin => true,
        Role::Editor => editor_rule(permission, assigned),
        Role::Author | Role::Contributor => own_work_rule(actor, actor.role, permission),
    }
}

/// Everything inside the assigned editions (and unfiled media).
fn editor_rule(permission: Permission, assigned: impl Fn(i64) -> bool) -> bool {
    match permission {
        Permission::ReadArticle(a) | Permission::EditArticle(a) | Permission::MoveArticle(a, _) => {
            assigned(a.edition_id)
        }
        Permission::CreateArticle { edition_id }
        | Permission::WriteSection { edition_id }
        | Permission::ArrangeFront { edition_id }
        | Permission::SendAlert { edition_id } => assigned(edition_id),
        Permission::UploadMedia { edition_id } => edition_id.is_none_or(assigned),
        Permission::EditMedia(m) | Permission::ReleaseMedia(m) => m.edition_id.is_none_or(assigned),
        Permission::ReadMedia
        | Permission::Moderate
        | Permission::ManageTokens
        | Permission::ReadNewsletters
        | Permission::ReadAuthors
        | Permission::ReadWires => true,
        Permission::AdminUsers
        | Permission::ManageNewsletters
        | Permission::ManageEditions
        | Permission::ManageSettings
        | Permission::ManageAuthors
        | Permission::ReadAudit => false,
    }
}

/// Contributors and authors: their own articles (contributors only while
/// a draft, and never publishing), public articles to read, their uploads.
fn own_work_rule(actor: &Actor, role: Role, permission: Permission) -> bool {
    let own = |a: &ArticleRef| a.created_by == Some(actor.user_id);
    match permission {
        Permission::ReadArticle(a) => own(&a) || a.status.is_public(),
        Permission::CreateArticle { .. } => true,
        Permission::EditArticle(a) => {
            own(&a) && (role == Role::Author || a.status == ArticleStatus::Draft)
        }
        Permission::MoveArticle(a, to) => {
            own(&a)
                && (role == Role::Author || (a.status == ArticleStatus::Draft && !publishes(to)))
        }
        Permission::ReadMedia
        | Permission::UploadMedia { .. }
        | Permission::ManageTokens
        | Permission::ReadAuthors
        | Permission::ReadWires => true,
        Permission::EditMedia(m) => m.uploaded_by == Some(actor.user_id),
        Permission::WriteSection { .. }
        | Permission::ArrangeFront { .. }
        | Permission::SendAlert { .. }
        | Permission::ReadNewsletters
        | Permission::ManageNewsletters
        | Permission::ReleaseMedia(_)
        | Permission::AdminUsers
        | Permission::ManageEditions
        | Permission::ManageSettings
        | Permission::ManageAuthors
        | Permission::ReadAudit
        | Permission::Moderate => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ArticleStatus::*;

    const ME: i64 = 1;
    const OTHER: i64 = 2;
    const EN: i64 = 10;
    const RU: i64 = 20;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: ME,
            role,
            editions: vec![EN],
            scopes: role_scopes(role),
        }
    }

    fn article(owner: i64, edition_id: i64, status: ArticleStatus) -> ArticleRef {
        ArticleRef {
            edition_id,
            created_by: Some(owner),
            status,
        }
    }

    #[test]
    fn scopes_parse_and_intersect() {
        for scope in Scope::ALL {
            assert_eq!(scope.as_str().parse::<Scope>().unwrap(), scope);
        }
        assert!("articles:delete".parse::<Scope>().is_err());
        let token = Scopes::from_names(&["articles:read", "users:admin", "future:thing"]);
        assert_eq!(token.names(), ["articles:read", "users:admin"]);
        let effective = token.intersect(role_scopes(Role::Editor));
        assert_eq!(effective.names(), ["articles:read"]);
        assert!(effective.is_subset_of(token) && !token.is_subset_of(effective));
        assert!(role_scopes(Role::Admin).contains(Scope::AuditRead));
    }

    /// The table; columns: contributor, author, editor (assigned to
    /// EN only), admin.
    #[test]
    fn role_rules() {
        let own_draft = article(ME, RU, Draft);
        let own_live = article(ME, RU, Published);
        let theirs_en = article(OTHER, EN, Draft);
        let theirs_ru = article(OTHER, RU, Draft);
        let cases: [(Permission, [bool; 4]); 29] = [
            (
                Permission::ArrangeFront { edition_id: EN },
                [false, false, true, true],
            ),
            (
                Permission::SendAlert { edition_id: RU },
                [false, false, false, true],
            ),
            (Permission::ReadNewsletters, [false, false, true, true]),
            (Permission::ManageNewsletters, [false, false, false, true]),
            (
                Permission::ArrangeFront { edition_id: RU },
                [false, false, false, true],
            ),
            (
                Permission::EditArticle(own_draft),
                [true, true, false, true],
            ),
            (
                Permission::EditArticle(own_live),
                [false, true, false, true],
            ),
            (
                Permission::MoveArticle(own_draft, InReview),
                [true, true, false, true],
            ),
            (
                Permission::MoveArticle(own_draft, Published),
                [false, true, false, true],
            ),
            (
                Permission::EditArticle(theirs_en),
                [false, false, true, true],
            ),
            (
                Permission::MoveArticle(theirs_en, Published),
                [false, false, true, true],
            ),
            (
                Permission::EditArticle(theirs_ru),
                [false, false, false, true],
            ),
            (
                Permission::ReadArticle(theirs_ru),
                [false, false, false, true],
            ),
            (
                Permission::ReadArticle(article(OTHER, RU, Published)),
                [true, true, false, true],
            ),
            (
                Permission::CreateArticle { edition_id: RU },
                [true, true, false, true],
            ),
            (
                Permission::WriteSection { edition_id: EN },
                [false, false, true, true],
            ),
            (
                Permission::WriteSection { edition_id: RU },
                [false, false, false, true],
            ),
            (
                Permission::EditMedia(MediaRef {
                    edition_id: Some(RU),
                    uploaded_by: Some(ME),
                }),
                [true, true, false, true],
            ),
            (
                Permission::EditMedia(MediaRef {
                    edition_id: Some(RU),
                    uploaded_by: Some(OTHER),
                }),
                [false, false, false, true],
            ),
            (
                Permission::EditMedia(MediaRef {
                    edition_id: None,
                    uploaded_by: Some(OTHER),
                }),
                [false, false, true, true],
            ),
            (
                Permission::ReleaseMedia(MediaRef {
                    edition_id: Some(EN),
                    uploaded_by: Some(ME),
                }),
                [false, false, true, true],
            ),
            (
                Permission::ReleaseMedia(MediaRef {
                    edition_id: Some(RU),
                    uploaded_by: Some(ME),
                }),
                [false, false, false, true],
            ),
            (Permission::AdminUsers, [false, false, false, true]),
            (Permission::ReadAudit, [false, false, false, true]),
            (Permission::Moderate, [false, false, true, true]),
            (Permission::ManageTokens, [true, true, true, true]),
            (Permission::ReadAuthors, [true, true, true, true]),
            (Permission::ManageAuthors, [false, false, false, true]),
            (Permission::ManageSettings, [false, false, false, true]),
        ];
        let roles = [Role::Contributor, Role::Author, Role::Editor, Role::Admin];
        for (permission, expected) in cases {
            for (role, want) in roles.into_iter().zip(expected) {
                assert_eq!(
                    permits(&actor(role), permission),
                    want,
                    "{role} {permission:?}"
                );
            }
        }
    }

    #[test]
    fn a_token_narrows_its_owner_never_widens() {
        let mut admin = actor(Role::Admin);
        admin.scopes = role_scopes(Role::Admin).intersect(Scopes::of(&[Scope::ArticlesRead]));
        assert!(permits(
            &admin,
            Permission::ReadArticle(article(OTHER, RU, Draft))
        ));
        assert!(!permits(&admin, Permission::AdminUsers));
        assert!(!permits(
            &admin,
            Permission::EditArticle(article(ME, RU, Draft))
        ));
        let mut contributor = actor(Role::Contributor);
        contributor.scopes = role_scopes(Role::Contributor).intersect(Scopes::all());
        assert!(
            !permits(&contributor, Permission::AdminUsers),
            "a token cannot add rights"
        );
    }

    #[test]
    fn an_editor_without_editions_edits_nothing_edition_bound() {
        let mut editor = actor(Role::Editor);
        editor.editions.clear();
        assert!(!permits(
            &editor,
            Permission::EditArticle(article(OTHER, EN, Draft))
        ));
        assert!(!permits(
            &editor,
            Permission::WriteSection { edition_id: EN }
        ));
        assert!(permits(&editor, Permission::ReadMedia));
    }
}
