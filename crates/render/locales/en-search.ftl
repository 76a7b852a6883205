# Search: the masthead box, the search page, the media bank's box.
search = Search
search-label = Search the site
search-form-label = Search stories and pictures
search-placeholder = Search
search-submit = Search
search-suggestions = Suggestions
search-hint = All words must match. Put a phrase in "quotes", and -word to leave a word out.
search-description = Search every story and picture published by { $edition }.
search-results-title = Search: { $query }
search-count = { $count ->
    [0] Nothing found
    [one] { $count } result
   *[other] { $count } results
}
search-count-more = More than { $count } results
search-window = Relevance, counts and filters cover the { $count } most recent matches; sort by newest to reach older ones.
search-order = Sort by
search-order-relevance = Relevance
search-order-newest = Newest first
search-more = More results
search-first = Back to the first results
search-pages = More results
search-narrow = Narrow your search
search-facet-section = Section
search-facet-tag = Tag
search-facet-author = Author
search-facet-kind = Kind
search-facet-date = Date
search-kind-article = Stories
search-kind-live = Live coverage
search-kind-picture = Pictures
search-date-day = Last 24 hours
search-date-week = Last week
search-date-month = Last month
search-date-year = Last year
search-clear-filters = Clear all filters
search-nothing = Nothing matches “{ $query }”.
search-did-you-mean = Did you mean:
search-tips = Search tips
search-tip-spelling = Check the spelling of your words.
search-tip-fewer = Use fewer or more general words: every word must be found.
search-tip-phrase = Take the quotes off a phrase to find its words anywhere in a story.
search-tip-filters = Search again without the filters.
search-problem-empty = Type a word to search for.
search-problem-too-long = This search is too long: use at most 1,024 characters (fewer for letters outside the Latin alphabet).
search-problem-no-words = Your search has no word to look for, only signs such as quotes or dashes. Type at least one word.
search-problem-cursor = This link to more results is no longer valid. Search again to start from the first results.
mediabank-search-label = Search the pictures
mediabank-search-results = { $count ->
    [0] No picture matches “{ $query }”.
    [one] { $count } picture matches “{ $query }”.
   *[other] { $count } pictures match “{ $query }”.
}
related-stories = Related stories
nr-search = Search
nr-search-words = Words
