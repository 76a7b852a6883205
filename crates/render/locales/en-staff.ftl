# The newsroom's people: bylines (admins) and staff invitations.
nr-nav-authors = Authors
author-list-intro = Bylines shown on stories and author pages. A story's byline is chosen from the authors of its edition.
author-new = New author
author-none = No authors yet.
author-name = Name
author-slug = Address
author-slug-help = Part of the author page's address, made from the name when left empty. It cannot be changed later.
author-slug-fixed = Part of the author page's address; it cannot be changed.
author-bio = Biography
author-photo = Photo (media bank number)
author-photo-help = The picture is released to the public media bank when chosen.
author-links = Links
author-links-help = The author's website and profiles, one http(s) address per line, at most eight.
author-account = Staff account
author-no-account = No account
author-account-help = The staff member who writes under this byline; their new stories are signed with it.
author-editions = Editions
author-no-edition = No edition
author-articles = Published stories
author-page = Author page
author-create = Create author
author-error-name = Give the author a name of at most 120 characters.
author-error-slug = The address may hold letters, digits and hyphens only.
author-error-slug-taken = Another author already has this address.
author-error-bio = A biography has at most 2,000 characters.
author-error-links = Links must be http or https addresses, at most eight of them.
author-error-photo = There is no picture with this number in the media bank.
author-error-account = There is no staff account with this number.
author-error-account-taken = This staff account already has a byline.
author-error-editions = Choose at least one edition.
form-author-not-in-edition = Choose authors who write for this story's edition.
author-links-heading = Elsewhere

# Staff invitations.
nr-invitation-title = Join the newsroom
nr-invitation-intro = Welcome, { $name }. Choose a password for { $email } to finish setting up your account.
nr-invitation-password = New password
nr-invitation-password-help = { $count ->
    [one] At least { $count } character.
   *[other] At least { $count } characters.
}
nr-invitation-confirm = The same password again
nr-invitation-submit = Set my password and sign in
nr-invitation-gone = This invitation link has expired, was used already or was replaced by a newer one. Ask an administrator to send the invitation again.
nr-invitation-short = { $count ->
    [one] The password needs at least { $count } character.
   *[other] The password needs at least { $count } characters.
}
nr-invitation-mismatch = The two passwords are not the same.
nr-invitation-expired-form = This form has expired. Type your password again.
nr-user-password-or-invite = Leave the password empty to send an invitation by e-mail: they choose their own password.
nr-user-invited = invitation sent, not accepted yet
nr-user-invite-again = Send the invitation again
nr-user-invitation-sent = An invitation was sent to { $email }.
nr-user-invitation-not-sent = The account was created, but the invitation could not be sent to { $email }. Check the mail settings, then send it again.
mail-staff_invitation-subject = Your invitation to { $site_name }
mail-staff_invitation-text = { $inviter } invited you to work in the newsroom of { $site }. Follow this link to choose your password:
mail-staff_invitation-button = Choose my password
mail-staff_invitation-expiry = { $count ->
    [one] The link works for { $count } day, once.
   *[other] The link works for { $count } days, once.
}
# The editor's search and social fields.
seo-section = Search and social
seo-intro = How the story looks in search results and when it is shared. Leave a field empty to use the default.
seo-preview = In search results
seo-field-seo_title = Search title
seo-hint-seo_title = The page title search engines show, about 60 characters of it. Empty: the headline and the edition's name.
seo-field-seo_description = Search description
seo-hint-seo_description = The summary under the title in search results, about 160 characters of it. Empty: the lead.
seo-field-social_title = Social title
seo-hint-social_title = The title of the card when the story is shared, about 70 characters of it. Empty: the headline.
seo-field-social_description = Social description
seo-hint-social_description = The text of the card when the story is shared, about 200 characters of it. Empty: the search description, else the lead.
seo-field-social_media = Social picture (media bank number)
seo-hint-social_media = The picture of the card when the story is shared; it becomes public with the story. Empty: the lead picture.
seo-field-canonical_url = Address of the original
seo-hint-canonical_url = Only for a syndicated copy: the full address of the original story (https://…). Search engines are sent there and the sitemap leaves this copy out. Empty: this page is the original.
seo-chars = characters
seo-over = Longer than about { $shown } characters: the end may be cut off.
form-seo-too-long = At most 300 characters.
form-bad-canonical = Give the full address of the original, starting with https:// or http://, without spaces.
