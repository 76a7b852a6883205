# The desk list of stories: pictures, bylines and moves of several stories at once.
desk-picture = Picture
bulk-label = With the ticked stories:
bulk-choose = Choose a move…
bulk-apply = Apply
bulk-select = Select
bulk-select-one = Select “{ $headline }”
bulk-to-draft = Back to draft
bulk-to-in_review = Send to review
bulk-to-published = Publish now
bulk-to-unpublished = Unpublish
bulk-done = { $moved ->
    [one] One story moved to “{ $status }”.
   *[other] { $moved } stories moved to “{ $status }”.
}{ $refused ->
    [0] {""}
    [one] {" "}One could not be moved: its status does not allow this move, or you may not make it.
   *[other] {" "}{ $refused } could not be moved: their status does not allow this move, or you may not make it.
}
editor-no-bylines = This edition has no bylines yet: the story goes out without one.
editor-add-byline = Add a byline

## Translation desk
tr-panel = Translations
tr-this-version = this version
tr-missing = missing
tr-translate = Translate
tr-source = Source: { $edition }
tr-source-choose = Show beside the form
tr-source-show = Show
tr-filter-lacks = Lacks a version in
tr-column = Editions
