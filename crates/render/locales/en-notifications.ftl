# Reply notifications: the unsubscribe link of reply mails, its pages and
# the profile's setting.
mail-comment-reply-unsubscribe = Don't want these e-mails? Stop reply notifications:
account-unsubscribe-title = Stop reply notifications
account-unsubscribe-text = You will no longer get an e-mail when someone replies to your comments. You can turn them back on in your profile.
account-unsubscribe-button = Stop reply notifications
account-unsubscribed-title = Reply notifications stopped
account-unsubscribed-text = We will no longer e-mail you when someone replies to your comments. You can turn them back on in your profile.
account-unsubscribe-invalid-title = This link does not work
account-unsubscribe-invalid-text = It is incomplete or belongs to an account that no longer exists. You can change your notifications in your profile.
account-notifications-heading = Notifications
account-reply-mail = E-mail me when someone replies to my comments
