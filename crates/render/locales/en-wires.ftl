## Newsroom: the wire queue and its sources

nr-nav-wires = Wires
wire-title = Wires
wire-intro = Copy from agencies and feeds, newest first. Open an item to read it and make a draft of it.
wire-sources-link = Sources
wire-flagged = { $count ->
    [one] One story made from a wire item has a newer version of it waiting.
   *[other] { $count } stories made from wire items have newer versions waiting.
}
wire-search = Search the wires
wire-source = Source
wire-language = Language
wire-urgency = Urgency
wire-urgency-at-least = { $urgency } or more urgent
wire-kind = Kind
wire-kind-text = Text
wire-kind-picture = Picture
wire-kind-graphic = Graphic
wire-kind-video = Video
wire-kind-audio = Audio
wire-kind-composite = Package
wire-kind-other = Other
wire-any = Any
wire-show-duplicates = Show duplicates
wire-filter = Filter
wire-col-time = Time
wire-col-source = Source
wire-col-urgency = Urg.
wire-col-headline = Headline
wire-col-language = Language
wire-version = version { $version }
wire-status = Status
wire-status-usable = Usable
wire-status-withheld = Withheld
wire-status-canceled = Canceled
wire-is-duplicate = (duplicate)
wire-has-drafts = { $count ->
    [one] · one draft made
   *[other] · { $count } drafts made
}
wire-older = Older items
wire-none = No item matches. Clear the filters to see the whole queue.
wire-no-sources = No wire source is set up yet. An admin adds them under Wires → Sources.
wire-back = ← Wires
wire-warning-canceled = The provider has canceled this item: it must not be used.
wire-warning-withheld = The provider has withheld this item: do not publish it until it is released.
wire-warning-embargo = Embargoed until { $until }: do not publish before then.
wire-pictures = Pictures
wire-details = Details
wire-credit = Credit
wire-copyright = Copyright
wire-usage-terms = Usage terms
wire-guid = Identifier
wire-first-created = First created
wire-version-created = This version
wire-received = Received
wire-updated = updated
wire-subjects = Subjects
wire-link = Original
wire-copies = The same copy elsewhere
wire-copies-help = These items carry the same headline and text, from another source or under another identifier.
wire-drafts = Drafts made from this item
wire-draft-outdated = The item is now at version { $version }.
wire-make-draft = Create a draft
wire-place = Section
wire-make-draft-help = The draft keeps the headline, lead and text; the source, credit and identifiers stay attached to the story.
wire-no-place = You cannot create stories in any edition.
wire-error-canceled = The provider has canceled this item: no draft can be made of it.
wire-error-place = Choose a section of an edition you can write in.
wire-error-invalid = This item cannot become a story as it is (its text breaks a limit of the editor).
wire-error-slug = Every address tried for the draft is taken; try again.
wire-origin = From the wires
wire-origin-source = { $source }, version { $version }
wire-origin-update = The wire item has a newer version ({ $version }).
wire-origin-see = Read it
wire-origin-seen = Mark as seen
wire-origin-gone = The item is no longer in the queue.
wire-sources-title = Wire sources
wire-sources-intro = Where wire copy comes from: a folder on the server where files are dropped, or an address polled for IPTC ninjs, NewsML-G2, RSS, Atom or JSON Feed. Files taken from a folder move to its "processed" folder; files that cannot be read move to "failed" with the reason beside them.
wire-sources-none = No source yet.
wire-source-name = Name
wire-source-location = Address or folder
wire-source-location-help = An http(s) address, or the absolute path of a folder the server can read and write. From a folder, files ending .xml, .json, .rss, .atom, .ninjs or .newsml are taken; others stay where they are.
wire-source-items = Items
wire-source-last-poll = Last poll
wire-source-actions = Actions
wire-source-off = off
wire-source-kind = Kind
wire-source-kind-url = Address polled (conditional GET)
wire-source-kind-folder = Folder watched
wire-source-every = every { $seconds } s
wire-source-never = never
wire-source-failed = The last poll failed:
wire-source-poll-now = Poll now
wire-source-add = Add the source
wire-source-save = Save
wire-source-interval = Seconds between polls
wire-source-enabled = Poll this source
wire-source-delete = Remove the source
wire-source-delete-help = { $count ->
    [one] Its one item leaves the queue. Stories made from it keep where they came from.
   *[other] Its { $count } items leave the queue. Stories made from them keep where they came from.
}
wire-source-error-name = Give the source a name of 1 to 80 characters.
wire-source-error-kind = Choose whether the source is an address or a folder.
wire-source-error-location = Give the address or folder.
wire-source-error-url = The address must start with http:// or https://.
wire-source-error-folder = The folder must be an absolute path to a folder that exists on the server.
wire-source-error-interval = The time between polls must be { $min } to { $max } seconds.
wire-source-error-taken = Another source has this name.
