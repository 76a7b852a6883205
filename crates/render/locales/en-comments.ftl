## Comments under articles and their moderation.

comments-page-title = Comments: { $headline }
comments-page-description = What readers say about “{ $headline }”, and the conversation to join.
comments-all = All comments
comments-empty = No comments yet. Be the first.
comments-closed = Comments on this story are closed.
comment-your-comment = Your comment
comment-markdown-hint = You can use *emphasis*, **bold**, `code`, > quotes, lists and [links](https://example.org).
comment-send = Post comment
comment-signed-in-as = Signed in as { $name }
comment-sort-label = Sort comments
comment-sort-newest = Newest
comment-sort-oldest = Oldest
comment-sort-replies = Most replies
comment-sort-liked = Most liked
comment-first-page = First page
comment-more = More comments
comment-more-replies = { $count ->
    [one] { $count } more reply in this thread
   *[other] { $count } more replies in this thread
}
comment-erased = This comment was deleted by its author.
comment-edited = edited
comment-likes = { $count ->
    [one] { $count } like
   *[other] { $count } likes
}
comment-like = Like
comment-liked = You like this
comment-reply = Reply
comment-reply-label = Reply to { $name }
comment-edit = Edit
comment-edit-label = Your comment
comment-save = Save
comment-delete = Delete
comment-report = Report
comment-report-why = Why are you reporting this comment?
comment-report-reason-spam = Spam or advertising
comment-report-reason-abuse = Abuse or harassment
comment-report-reason-off_topic = Off topic
comment-report-reason-misinformation = False information
comment-report-reason-other = Something else
comment-report-note = Anything moderators should know (optional)
comment-report-send = Send report
comment-you = you
comment-edit-left = { $minutes ->
    [one] You can change it for { $minutes } more minute.
   *[other] You can change it for { $minutes } more minutes.
}
comment-pages-label = More comments
comment-login-to-send = When you send, you will be asked to log in first; what you have written is kept.
comment-moderation-pre = A moderator reads every comment on this story before it appears.
comment-moderation-new-account = { $hours ->
    [one] If your account is less than an hour old, a moderator reads your comments before they appear.
   *[other] If your account is less than { $hours } hours old, a moderator reads your comments before they appear.
}
comment-moderation-yours = Your account is new: until { $until }, a moderator reads your comments before they appear.

comment-done-published = Your comment is published.
comment-done-pending = Thank you. Your comment will appear once a moderator has approved it.
comment-done-edited = Your comment is updated.
comment-done-edited-pending = Your comment is updated. It will show again once a moderator has approved it.
comment-done-deleted = Your comment is deleted.
comment-done-liked = Thanks for the like.
comment-done-reported = Thank you. The moderators will look at this comment.
comment-done-confirm-like = To like this comment, press Like once more.

comment-sign-in-first = Sign in to post your comment. Your text is below so that you can copy it.
comment-confirm = Please check your comment and post it again.
comment-reply-gone = The comment you replied to is no longer available.
comment-edit-closed = This comment can no longer be edited.
comment-refused-comment-empty = Write something before posting.
comment-refused-comment-too-long = Your comment is too long: at most 4,000 characters.
comment-refused-comments-closed = Comments on this story are closed.
comment-refused-email-unverified = Confirm your email address before you comment: follow the link we sent you.
comment-refused-reader-suspended = Your account is suspended until { $until }. Reason: { $reason }
comment-refused-reader-banned = Your account is banned from commenting. Reason: { $reason }
comment-refused-banned-word = Your comment contains a word not allowed here: “{ $word }”. Please rephrase it.
comment-refused-too-many-links = { $count ->
    [one] Your comment has { $count } link; fewer links, please.
   *[other] Your comment has { $count } links; at most 2 are allowed.
}
comment-refused-repeated-comment = You have already posted this comment.
comment-refused-comment-rate-limited = You are commenting too fast. Please wait a few minutes.

mail-comment-rejected-subject = Your comment was not published
mail-comment-rejected-text = A moderator did not publish your comment on “{ $headline }”.
mail-comment-rejected-reason = Reason: { $reason }
mail-comment-rejected-your-text = Your comment:
mail-comment-reply-subject = { $replier } replied to your comment
mail-comment-reply-text = { $replier } replied to your comment on “{ $headline }”:
mail-comment-reply-button = Read the reply

moderation = Moderation
moderation-pending = Awaiting review
moderation-reported = Reported
moderation-rejected = Rejected
moderation-log = Moderation log
moderation-words = Word lists
moderation-sections = Section rules
moderation-empty = Nothing here.
moderation-approve = Approve
moderation-reject = Reject
moderation-reason = Reason
moderation-suspend = Suspend author
moderation-ban = Ban author
moderation-days = Days
moderation-story = Story
moderation-author = Author
moderation-reports = Reports
moderation-held-because = Held because
moderation-hold-pre_moderated = the section is pre-moderated
moderation-hold-suspect_word = it contains a suspect word
moderation-hold-new_account = the account is new
moderation-word = Word or phrase
moderation-kind-banned = Banned (rejects)
moderation-kind-suspect = Suspect (holds for review)
moderation-add = Add
moderation-remove = Remove
moderation-mode = Moderation
moderation-mode-pre = Before publication
moderation-mode-post = After publication
moderation-close-after = Close comments after (days, empty: never)
moderation-save = Save
moderation-when = When
moderation-who = Who
moderation-action = Action
moderation-older = Older
moderation-close-story = Close comments on this story
moderation-story-rules = One story's rules
moderation-article-id = Article id
moderation-mode-section = As its section
moderation-closed = Comments closed
