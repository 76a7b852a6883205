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

## Subscriptions
subscribe = Subscribe
subscribe-intro = Follow { $edition } the way you like.
subscribe-rss = RSS feed
subscribe-newsletter = Email newsletter
feed-description = The latest stories from { $edition }.

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
