# Dateline reader site: English UI strings.
# Plural selectors use CLDR categories; { $count } is grouped by the server.

## Page chrome
skip-to-content = Skip to content
nav-sections = Sections
nav-editions = Editions
edition-current = Current edition
home = Front page
footer-tagline = Independent reporting, published with Dateline.
footer-feeds = Feeds
footer-sitemap = Sitemap
footer-follow = Follow us
footer-contact = Contact

## Subscriptions
subscribe = Subscribe
subscribe-intro = Follow { $edition } the way you like.
subscribe-rss = RSS feed
feed-description = The latest stories from { $edition }.
feed-section-description = The latest stories in { $name } from { $edition }.
listing-feeds = Feeds of this page

## Listings
top-stories = Top stories
latest = Latest
section-more = More in { $section }
older = Older stories
newest = Back to the latest
empty-list = Nothing has been published here yet.
newsfeed = Newsfeed
newsfeed-all = All the news
newsfeed-description = Every story from every section of { $edition }, newest first.
front-description = { $edition }: news, analysis and features, updated around the clock.
articles-count = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}

## Article
published = Published
updated = Updated
byline = { $count ->
   *[other] By
}
authors = Authors
tags = Tags
go-to-mediabank = Go to the media bank
file-photo = File photo
related = Related story
embed-open = Open on { $host }
comments-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
discussion = Discussion
discussion-prompt-start = To join the discussion,
discussion-login = log in
discussion-or = or
discussion-register = register
discussion-prompt-end = .
chats = Chats
chats-hint = Talk about the news with other readers in real time.
next-article = Next article
corrected = This article has been corrected.
correction-dated = Correction of

## Tags and authors
tag-heading = Stories tagged “{ $name }”
tag-description = All stories about { $name } from { $edition }.
author-description = Stories by { $name } in { $edition }.

## Media bank
mediabank = Media bank
mediabank-description = Photos published by { $edition }, with their captions, credits and the stories that use them.
mediabank-asset = Photo { $id }
mediabank-details = About this picture
media-caption = Caption
media-credit = Credit
media-copyright = Copyright
media-source = Source
media-date = Date
media-size = Original size
media-size-value = { $width } × { $height } px
media-file-photo = File photo
media-yes = Yes
media-no = No
media-used-in = Where it is used
media-not-used = This picture is not used in any published story yet.
media-open-original = Open the original
media-empty = No pictures match these filters.
filter-legend = Filter the archive
filter-from = From
filter-until = Until
filter-section = Section
filter-all-sections = All sections
filter-apply = Show
filter-reset = Clear filters

## Errors
error-400-title = This address is not valid
error-400-text = Part of the address could not be understood. Try the first page of the list instead.
error-422-title = This form could not be accepted
error-422-text = Something in it cannot be kept, such as an invisible control character that came with pasted text. Go back, check what you typed and send it again.
error-401-title = Please sign in
error-401-text = This page is for signed-in readers. Sign in, then try again.
error-403-title = Not allowed
error-403-text = Your account may not do this.
error-429-title = Too many requests
error-429-text = Please wait a few minutes before you try again.
error-csrf-title = This form has expired
error-csrf-text = The page was open for a long time, or you signed in or out elsewhere. Go back, reload the page and send the form again.
error-404-title = Page not found
error-404-text = We could not find this page. It may have moved, or the address may be mistyped.
error-410-title = This story has been removed
error-410-text = The story that was published at this address has been withdrawn by the editors.
error-500-title = Something went wrong
error-500-text = The page could not be shown. Please try again in a moment.
error-home = Go to the front page

## Dates: { $n } is the month (1–12), the ISO weekday (1 = Monday) or 1 for PM.
date-month-long = { $n ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
date-month-short = { $n ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
date-weekday-long = { $n ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
date-weekday-short = { $n ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
date-am-pm = { $n ->
    [1] PM
   *[0] AM
}

## Newsroom: articles
desk-articles = Articles
desk-new-article = New article
desk-any = Any
desk-filter-edition = Edition
desk-filter-section = Section
desk-filter-status = Status
desk-filter-author = Author
desk-filter-text = Words
desk-filter-apply = Filter
desk-updated = Updated
desk-more = Older articles
desk-empty = No articles match these filters.
desk-create = Create draft
desk-new-incomplete = Choose a section and give the article a headline.
desk-new-slug-taken = Too many articles already have this headline; change it a little.
desk-untitled = Untitled
desk-edit-article = Edit article
desk-saved = Saved.
desk-moved = Status changed.
desk-restored = The earlier revision was restored as a new save.
desk-not-saved = Not saved: correct the marked fields. Your text is still here.
desk-not-moved = The status was not changed: see the message below.
desk-conflict = Someone else saved this article after you opened it. Your text was not saved and is still here: open the current version, then copy your changes over.
desk-conflict-open = Open the current version in a new tab
desk-not-found = There is no such article, or it is not yours to see.
desk-forbidden = Your role does not allow this.
desk-failed = Something went wrong on our side. Nothing was changed; try again.
desk-bad-filter = This list address is not valid.
desk-bad-status = This status does not exist.
desk-media-bank = Media bank
desk-save = Save
desk-workflow = Workflow
desk-status = Status
desk-version = Version
desk-scheduled-for = Scheduled for
desk-published-at = Published
desk-preview = Preview
desk-on-site = On the site
desk-revisions = Revisions
desk-schedule-at = Publish at ({ $zone })
desk-correction-note = Correction note (shown to readers)
desk-corrections = Corrections
desk-compare = Compare
desk-compare-old = Older
desk-compare-new = Newer
desk-saved-at = Saved
desk-saved-by = By
desk-what = What
desk-restore = Restore
desk-system = System
field-headline = Headline
field-lead = Lead
field-slug = Address (slug)
field-section = Section
field-authors = Byline
field-tags = Tags
field-tags-hint = Separate tags with commas.
field-lead-media = Lead picture (media bank number)
field-media-hint = The number shown on the picture's page in the
field-body = Body
block-paragraph = Paragraph
block-list = List
block-ordered = Numbered list
block-text-hint = **bold**, *italic*, [words](https://address) for a link; a backslash before * [ ] keeps it as typed.
block-list-hint = One item per line.
picker-open = Choose from the media bank
picker-search = Search pictures by caption, credit or keyword
picker-none = No pictures found.
picker-no-credit = No credit
picker-no-alt = No alt text
picker-processing = Renditions in progress
picker-close = Close
picker-drop-hint = To add a new picture, drop its file onto the story.
picker-uploading = Uploading the picture…
picker-uploaded = Picture uploaded and added to the story.
picker-upload-failed = The picture could not be uploaded:
editor-bold = Bold
editor-italic = Italic
editor-link = Link
editor-link-prompt = Link address (https://…, mailto:… or a path on this site such as /en/world/…)
editor-unlink = Remove link
editor-word-count = Words
editor-drag = Drag to move
block-heading = Heading
block-quote = Quote
block-image = Picture
block-related = Related article
block-embed = Embed
block-level = Level
block-text = Text
block-attribution = Attribution
block-media = Media bank number
block-caption = Caption (leave empty to use the picture's own)
block-article = Article
block-article-hint = Type words of its headline, its number or its address on the site.
block-url = Address
block-title = Title
block-up = Move up
block-down = Move down
block-remove = Remove
block-add = Add a block
dash-new-article = Write a new article
dash-all = All of them in the article list
dash-in-review = Waiting for review
dash-none-in-review = Nothing is waiting for review.
dash-scheduled = Going out next
dash-none-scheduled = Nothing is scheduled.
dash-drafts = Your drafts
dash-none-drafts = You have no drafts.
dash-comments = Comments
dash-held = Held for review
dash-reported = Reported by readers
dash-failed = Pictures whose renditions failed
dash-none-failed = Every picture has its renditions.
preview-banner = Preview — not published.
preview-status = Status
preview-not-published = Not published yet
status-draft = Draft
status-in_review = In review
status-scheduled = Scheduled
status-published = Published
status-corrected = Corrected
status-unpublished = Unpublished
move-draft = Back to draft
move-in_review = Send for review
move-scheduled = Schedule
move-published = Publish now
move-corrected = Publish correction
move-unpublished = Unpublish
revision-created = Created
revision-saved = Saved
revision-autosaved = Autosaved
revision-status = Status change
revision-restored = Restored
revision-corrected = Corrected
revision-published_by_schedule = Published on schedule
autosave-pending = Unsaved changes…
autosave-saved = All changes saved.
autosave-invalid = Not autosaved: some fields need attention.
autosave-offline = Not autosaved: the server cannot be reached. Retrying.
form-stale = This form is out of date; reload the article.
form-required = This field is required.
form-bad-slug = Use letters, digits and hyphens only.
form-bad-media = Give the number of a picture in the media bank.
form-bad-author = Choose authors from the list.
form-bad-tag = A tag needs at least one letter or digit.
form-bad-level = Choose a heading level.
form-bad-related = No article matches; give its number or its address on the site.
form-bad-url = Give a full web address starting with https://
form-bad-block = Unknown kind of block.
form-bad-link = A link needs an address starting with https://, http:// or mailto:, or a path on this site starting with /.
form-bad-formatting = Too much formatting in one block.
form-list-too-long = A list can have at most 100 items.
form-slug-taken = Another article in this edition already has this address.
form-invalid = This value is not accepted.
form-schedule-past = Choose a time in the future.
form-schedule-time = Give a date and time.
form-correction-required = Say what was corrected.
form-correction-long = A correction note has at most 1000 characters.
form-bad-transition = The article cannot move to this status from its current one.

## Newsroom: sign-in, sessions, tokens, users, audit log
nr-brand = Dateline newsroom
nr-nav = Newsroom
nr-nav-home = Home
nr-nav-sessions = Your sessions
nr-nav-tokens = API tokens
nr-nav-users = Users
nr-nav-audit = Audit log
nr-logout = Log out
nr-logout-everywhere = Log out everywhere
nr-email = E-mail address
nr-password = Password
nr-login-title = Log in to the newsroom
nr-login-submit = Log in
nr-login-invalid = Wrong e-mail address or password.
nr-login-locked = Too many failed logins for this account. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
nr-login-rate-limited = Too many failed logins from your network. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
nr-login-no-access = This account has no access to the newsroom.
nr-role-reader = reader
nr-role-contributor = contributor
nr-role-author = author
nr-role-editor = editor
nr-role-admin = admin
nr-home-title = Welcome, { $name }
nr-home-signed-in = You are logged in as { $email } ({ $role }).
nr-sessions-intro = Every browser where you are logged in. Log out everywhere if a device was lost or shared.
nr-sessions-caption = Most recently used first
nr-sessions-browser = Browser
nr-sessions-ip = Address
nr-sessions-started = Logged in
nr-sessions-last-seen = Last used
nr-sessions-this = this browser
nr-token-created = Your new token is below. Copy it now: it will not be shown again.
nr-token-name = Name
nr-token-scopes = Scopes
nr-token-expires = Expires
nr-token-last-used = Last used
nr-token-never = Never
nr-token-revoked = Revoked
nr-token-revoke = Revoke
nr-token-none = You have no API tokens.
nr-token-new = New token
nr-token-days = Valid for (days)
nr-token-create = Create token
nr-actions = Actions
nr-save = Save
nr-user-change = Name, role, editions
nr-user-name = Display name
nr-user-role = Role
nr-user-editions = Editions (for editors)
nr-user-disabled = Disabled
nr-user-locked = Locked after failed logins
nr-user-new = New account
nr-user-create = Create account
nr-audit-filter = Filter
nr-audit-when = When
nr-audit-actor = Who (user id)
nr-audit-action = Action
nr-audit-item = Item
nr-audit-item-type = Item type
nr-audit-item-id = Item id
nr-audit-details = Details
nr-audit-via-token = with token { $id }
nr-audit-empty = No entries match.
nr-error-detail-intro = Details from the server:
nr-error-back = Back to the newsroom
nr-error-unauthenticated = Please log in
nr-error-forbidden = You are not allowed to do this
nr-error-csrf_failed = This form has expired
nr-error-not_found = Not found
nr-error-invalid_input = Some of the input is not valid
nr-error-invalid_query = This address is not valid
nr-error-duplicate = This already exists
nr-error-conflict = Someone else saved first
nr-error-missing_reference = Something this refers to does not exist
nr-error-method_not_allowed = This action is not available here
nr-error-unavailable = The newsroom is unavailable right now
nr-error-internal = Something went wrong

## Newsroom: media bank
media-upload-heading = Upload a picture
media-file = Picture file
media-file-hint = JPEG, PNG, WebP, AVIF or GIF, up to { $mb } MB. Caption, credit and copyright are read from the file.
nr-media-file-photo = File photo (not taken for this story)
media-upload = Upload
media-search-heading = Find pictures
media-search-words = Caption, credit, photographer or keyword
media-taken-from = Taken from
media-taken-to = Taken until
media-renditions-pending = Sizes are being made…
media-no-caption = No caption yet
media-none = No pictures match.
media-uploaded = Uploaded. Check the texts read from the file, then save.
media-duplicate = This file is already in the media bank: here it is.
media-saved = Saved.
media-taken = taken
media-renditions = Sizes for the site
media-state-pending = waiting
media-state-working = being made
media-state-ready = ready
media-state-failed = failed
nr-media-caption = Caption
media-alt = Text for people who cannot see the picture
nr-media-credit = Credit line
nr-media-copyright = Copyright
media-creator = Photographer
nr-media-source = Source
media-keywords = Keywords (separated by commas)
media-usage = Used in
media-unused = Not used in any published article.
media-visibility = Public media bank
media-public = Readers can see this picture: in the media bank, through the API and as files.
media-hidden = Readers cannot see this picture until a story using it is published or an editor releases it to the media bank.
media-released-note = An editor released it to the media bank.
media-release = Release to the media bank
media-withdraw = Withdraw from the media bank
media-released = Released to the media bank: readers can see it now.
media-withdrawn = Withdrawn from the media bank. Readers still see it while a published story uses it.
media-not-an-image = This file is not a picture Dateline can read. Upload JPEG, PNG, WebP, AVIF or GIF.
media-unsupported = Pictures in this format are not accepted. Upload JPEG, PNG, WebP, AVIF or GIF.
media-too-large = The file is larger than the upload limit.
media-too-many-pixels = The picture has too many pixels. Reduce it before uploading.
media-too-much-memory = Processing this picture would take too much memory. Save it at 8 bits per channel or with fewer pixels, then upload it again.
media-busy = The server is busy processing other pictures. Nothing was kept; try again in a minute.
media-corrupt = The picture is damaged and cannot be read.
media-no-file = Choose a file to upload.
media-failed = The upload failed on our side. Nothing was kept; try again.

## Changing your own password (on the sessions page)
nr-password-heading = Change your password
nr-password-intro = Changing it logs you out everywhere, this browser included; then log in with the new password.
nr-password-current = Current password
nr-password-new = New password (at least 10 characters)
nr-password-confirm = New password again
nr-password-submit = Change password
nr-password-mismatch = The two new passwords differ. Type the same password twice.
nr-password-too-short = The new password is too short: use at least 10 characters.
nr-password-same = The new password is the same as the current one.
nr-password-wrong = The current password is not right.
nr-password-rate-limited = Too many wrong attempts. Try again in 15 minutes.
nr-password-changed = Your password was changed and every session ended. Log in with the new password.

## Front-page curation (/newsroom/front/{edition})
front-title = Front page: { $name }
front-view = See the front page as readers do
front-help = Arrange what readers see first. Places nobody arranged are filled with the newest stories, as before; stories readers cannot see (drafts, scheduled, withdrawn) are skipped until they are public.
front-lead = Lead story
front-top = Top stories
front-top-help = The first is the lead story. At most { $max }.
front-pins = Pinned in { $section }
front-pins-help = Shown first in this section's block on the front page, at most { $max }.
front-none = Nothing arranged: the newest stories lead.
front-missing = Story № { $id } does not exist
front-hidden = not shown to readers: { $status }
front-move-up = Move story № { $id } up
front-move-down = Move story № { $id } down
front-remove = Remove
front-remove-story = Remove story № { $id }
front-add = Add a story
front-add-label = Story number or address
front-add-help = Type words of the headline for suggestions, or paste the story's address.
front-add-to = Where
front-add-button = Add
front-keys = With a mouse, drag stories to reorder them; with the keyboard, Alt+Arrow Up and Alt+Arrow Down move the story in focus. Nothing changes for readers until you save.
front-save = Save the front page
front-saved = Front page saved: readers see it now.
front-unsaved = Changed, not saved yet.
front-error-conflict = Someone else saved this front page after you opened it. Nothing was saved; open the page again to see their arrangement.
front-error-too_many_top = Too many top stories. Remove some first.
front-error-too_many_pins = Too many stories pinned in one section. Remove one first.
front-error-duplicate_article = This story is already on the front page. A story can be arranged only once.
front-error-other_edition = This story belongs to another edition.
front-error-wrong_section = This story is not in that section: pin it in its own section or add it to the top stories.
front-error-unknown_article = No story has this number or address.
front-error-empty = Type a story's number or address first.
front-error-place = Choose where the story goes.
dash-fronts = Front pages
