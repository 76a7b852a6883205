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

# Site-wide settings (admins).
nr-nav-settings = Site settings
settings-title = Site settings
settings-intro = What every page of the site shows, whatever its edition: the site's name, its profiles elsewhere and how readers reach you. The footer of every page changes as soon as you save.
settings-saved = The settings are saved.
settings-site-name = Site name
settings-site-name-help = Shown in page titles, in link previews and to search engines. Leave it empty to use each edition's own name (now: { $name }).
settings-default-edition = Home edition
settings-default-edition-none = The reader's language, else the first edition
settings-default-edition-help = The edition the site's address (/) leads to. With none chosen, readers go to the edition in their browser's language, or the first one.
settings-social = Social links
settings-social-help = The site's profiles elsewhere, shown in the footer of every page: a network's name (or any label) and an http(s) address, at most { $max }. Empty rows are left out.
settings-social-label = Label { $n }
settings-social-url = Address { $n }
settings-contact = Contact
settings-contact-email = Public e-mail address
settings-contact-email-help = Shown to readers in the footer; leave it empty to show none.
settings-contact-text = Contact text
settings-contact-text-help = A short text shown with it, such as a postal address or opening hours (at most 500 characters).
settings-error-row = Link { $row }:
settings-error-site_name = Site name: at most 120 characters, or leave it empty.
settings-error-default_edition = Home edition: choose one of the editions.
settings-error-social_links = Social links: at most { $max }.
settings-error-social_label = give the link a label of at most 40 characters.
settings-error-social_url = enter an http or https address of at most { $chars } characters.
settings-error-contact_email = Public e-mail address: enter a valid address, or leave it empty.
settings-error-contact_text = Contact text: at most 500 characters.
settings-feeds = Feeds
settings-websub-hub = WebSub hub address
settings-websub-hub-help = A WebSub hub (such as a hub service's publish address) that feed readers may subscribe through for instant updates. Every feed names it, and it is told of each publication and correction. Leave it empty for none.
settings-error-websub_hub = WebSub hub address: enter an http or https address written in plain ASCII, of at most 500 characters, or leave it empty.

# An edition's date format and logo, and what setup adds to them.
ed-date-format = Date format
ed-date-format-help = How readers of the edition see dates (shown with 31 January 2024 as the example).
ed-logo = Logo
ed-no-logo = none
ed-logo-of = Logo of { $name }
ed-edit-link = Change { $name }
ed-logo-in-bank = Picture { $id } in the media bank
ed-logo-number = Media bank number
ed-logo-help = The picture shown in the header of every page of the edition; leave it empty for the site's own mark. A logo is public as long as it is one.
ed-logo-file = Or upload a new logo
ed-logo-file-help = JPEG, PNG, WebP, AVIF or GIF, at most { $mb } MB. It goes to the media bank and becomes the logo.
ed-error-date_format = Date format: choose one of the formats offered.
ed-error-logo = Logo: there is no picture with this number in the media bank.
setup-site = Your site
setup-site-name-help = Shown in page titles and link previews. Leave it empty to use the edition's name; you can change it later in the site settings.
setup-logo = Logo (optional)
setup-logo-help = A picture for the header of every page: JPEG, PNG, WebP, AVIF or GIF, at most { $mb } MB.
setup-error-site_name = Site name: at most 120 characters, or leave it empty.
setup-error-date_format = Date format: choose one of the formats offered.
setup-error-logo = Logo: this file could not be used. Choose another picture or leave the field empty.

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

# Editions as data: language, direction, digits, comment rules, retirement.
ed-language-help = A BCP 47 language tag (de, pt-BR). Stories already written stay as they are; the change is noted in the audit log.
ed-direction = Writing direction
ed-direction-ltr = Left to right
ed-direction-rtl = Right to left
ed-numbers = Digits
ed-numbers-latin = Latin digits (0123)
ed-numbers-native = The language's own digits
ed-comments = Comments
ed-comment-mode = Moderation of stories whose section sets none
ed-comment-mode-site = As the site does (comments appear, reported ones are reviewed)
ed-comment-mode-pre = A moderator reads every comment first
ed-comment-mode-post = Comments appear at once, reported ones are reviewed
ed-hold-hours = Hold comments of accounts younger than (hours)
ed-hold-hours-help = Leave empty for the site's rule; 0 holds none.
ed-error-hold-hours = Hours: give a whole number from 0 to 8760, or leave it empty.
ed-error-home-edition = This is the site's home edition: choose another one in the site settings before retiring it.
ed-error-confirm = Tick the box to confirm.
ed-retired-badge = retired
ed-retire-title = Retire this edition
ed-retire-help = A retired edition leaves the edition switcher, the site's start page and the sitemap. Its pages stay readable with a notice, and none of its stories can be published again until it is restored.
ed-retire-confirm = Yes, retire this edition
ed-retire-button = Retire the edition
ed-restore-title = Restore this edition
ed-restore-help = The edition is retired. Restoring it brings it back to the switcher and the sitemap, and its stories can be published again.
ed-restore-confirm = Yes, restore this edition
ed-restore-button = Restore the edition
