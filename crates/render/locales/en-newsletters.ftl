# Newsletters: the subscribe page, confirmation, preferences, unsubscribing,
# web push, the mail, and the newsroom's lists, reports and alerts.
subscribe-newsletter = Newsletters and alerts
account-newsletters-link = Newsletters and alerts: choose what we e-mail you
newsletter-title = Newsletters and alerts
newsletter-intro = Get { $edition } by e-mail: a daily digest, a section's stories, or breaking news the moment it happens.
newsletter-choose = Choose what to receive
newsletter-list-digest = { $edition }: the daily digest
newsletter-list-digest-about = Every day at { $time }: the stories of the last day.
newsletter-list-section = { $section }
newsletter-list-section-about = Every day at { $time }, when the section has new stories.
newsletter-list-breaking = Breaking news
newsletter-list-breaking-about = Only when big news breaks, the moment we publish it.
newsletter-email = E-mail address
newsletter-email-hint = We send a link to this address to confirm it. Nothing else is sent until you do.
newsletter-submit = Subscribe
newsletter-save = Save my choices
newsletter-saved = Your choices are saved.
newsletter-manage-address = Sent to { $email }, the address of your account.
newsletter-privacy = Every mail has a link to change your choices or unsubscribe at once. We use your address for these mails only.
newsletter-error-form-expired = The form expired. Please send it again.
newsletter-error-email = This does not look like an e-mail address.
newsletter-error-list = Choose at least one of the lists below.
newsletter-error-too-many = Too many sign-ups from here or for this address. Try again in { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
}.
newsletter-error-busy = We cannot take sign-ups right now. Please try again in a moment.
newsletter-error-mail = We could not send the confirmation mail. Please try again later.
newsletter-error-code = This code is not right, or it has expired.
newsletter-error-code-used-up = Too many wrong codes. Use the link in the mail, or subscribe again for a new code.
newsletter-sent-title = Check your mail
newsletter-sent-text = We sent a link to { $email }. Open it to confirm your subscription, or type the six-digit code from the mail below. Both work for { $days ->
    [one] one day
   *[other] { $days } days
}.
newsletter-code = Code from the mail
newsletter-code-submit = Confirm
newsletter-confirm-title = Confirm your subscription
newsletter-confirm-text = One more step: confirm that you want these newsletters at this address.
newsletter-confirm-button = Yes, subscribe me
newsletter-confirm-invalid-title = This link does not work
newsletter-confirm-invalid-text = It has expired, was already used, or is incomplete. Subscribe again to get a new one.
newsletter-confirmed-title = You are subscribed
newsletter-confirmed-text = Thank you. Your first mail arrives at the time of the list you chose.
newsletter-preferences-title = Your newsletters
newsletter-preferences-intro = Choose what { $email } receives.
newsletter-preferences-link = Change my newsletters
newsletter-unsubscribe-all = Unsubscribe from everything
newsletter-suspended = Mail to this address kept being refused, so we stopped sending it. Subscribe again to start over.
newsletter-link-invalid-title = This link does not work
newsletter-link-invalid-text = It is incomplete or belongs to an address that is no longer subscribed.
newsletter-unsubscribe-title = Unsubscribe
newsletter-unsubscribe-text = Stop receiving “{ $list }” at this address?
newsletter-unsubscribe-button = Unsubscribe
newsletter-unsubscribed-title = You are unsubscribed
newsletter-unsubscribed-text = You will no longer receive “{ $list }”.
newsletter-push-heading = Breaking news on this device
newsletter-push-intro = Get a notification from your browser when big news breaks, even when this site is closed.
newsletter-push-on = Turn on notifications
newsletter-push-off = Turn off notifications
newsletter-push-state-on = Notifications are on for this browser.
newsletter-push-state-off = Notifications are off for this browser.
newsletter-push-state-denied = Your browser blocks notifications from this site. Allow them in its settings to turn them on.
newsletter-push-state-failed = Notifications could not be turned on. Please try again later.
newsletter-push-alert-title = Breaking news · { $edition }
mail-newsletter_confirm-subject = Confirm your subscription
mail-newsletter_confirm-text = Someone, we hope you, asked to receive these newsletters at this address:
mail-newsletter_confirm-button = Confirm my subscription
mail-newsletter_confirm-code = Or type this code on the site:
mail-newsletter_confirm-expires = The link and the code work for { $days ->
    [one] one day
   *[other] { $days } days
}.
mail-newsletter_confirm-ignore = If it was not you, ignore this mail: nothing will be sent to you.
mail-newsletter_digest-subject = { $list_name }: { $headline }
mail-newsletter_alert-subject = Breaking: { $headline }
mail-newsletter-breaking = Breaking news
mail-newsletter-read = Read the story
mail-newsletter-more = More on { $edition }
mail-newsletter-credit = Photo: { $credit }
mail-newsletter-why = You receive “{ $list }” because you subscribed to it.
mail-newsletter-preferences = Change my newsletters
mail-newsletter-unsubscribe = Unsubscribe
nl-nav = Newsletters
nl-title = Newsletters
nl-intro = Each edition's lists with their confirmed subscribers, and what was sent. Digests go out by themselves at their time, in the edition's time zone; breaking alerts are sent from a published story's page.
nl-saved = The list is saved.
nl-error-time = Give the send time as hours and minutes, such as 07:00.
nl-list = List
nl-subscribers = Subscribers
nl-send-time = Send time
nl-active = On
nl-change = Save
nl-yes = yes
nl-no = no
nl-on-demand = when an editor sends an alert
nl-kind-digest = Daily digest
nl-kind-section = Section: { $section }
nl-kind-breaking = Breaking news
nl-sends = Sends
nl-no-sends = Nothing has been sent yet.
nl-sent-at = Made
nl-send = Send
nl-queued = Waiting
nl-sent = Sent
nl-failed = Failed
nl-skipped = Skipped
nl-older = Older sends
nl-alert-of = Alert: { $headline }
nl-digest-of = Digest of { $day }
nl-report-title = Send report
nl-report-finished = Finished: every delivery has ended.
nl-report-running = Sending: reload the page to follow it.
nl-problems = Deliveries that did not simply go out
nl-channel = Channel
nl-channel-mail = mail
nl-channel-push = push
nl-recipient = Recipient
nl-state = State
nl-state-queued = waiting to try again
nl-state-sending = sending
nl-state-sent = sent
nl-state-failed = failed
nl-state-skipped = skipped
nl-attempts = Attempts
nl-reason = Reason
nl-alert-link = Send as breaking alert
nl-alert-title = Send as breaking alert
nl-back-to-story = Back to the story
nl-alert-reach = This sends the story to { $mail ->
    [one] one subscriber
   *[other] { $mail } subscribers
} of the breaking-news list by e-mail and to { $push ->
    [one] one browser
   *[other] { $push } browsers
} by notification.
nl-alert-once = A story can be sent as an alert once; it cannot be called back.
nl-alert-confirm = Send the alert now
nl-cancel = Cancel
nl-alert-already = This story was sent as an alert.
nl-alert-not-public = Only a published story can be sent as an alert.
nl-alert-sent-before = This story was already sent as an alert.
nl-alert-list-off = The edition's breaking-news list is switched off.
