# Reader accounts (/account/…) and the mail they send, in English.

## Page titles
account-register-title = Create an account
account-login-title = Log in
account-sign-in-title = Sign in by e-mail
account-code-title = Enter your sign-in code
account-verify-title = Confirm your address
account-forgot-title = Forgot your password?
account-reset-title = Choose a new password
account-profile-title = Your account
account-delete-title = Delete your account
account-sent-title = Check your mail
account-email-confirm-title = Confirm your new address

## Forms
account-email = E-mail address
account-display-name = Display name
account-display-name-hint = Shown next to your comments.
account-password = Password
account-password-optional = Password (optional)
account-password-hint = { $count ->
    [one] At least { $count } character. Without a password you sign in with a link or code sent by mail.
   *[other] At least { $count } characters. Without a password you sign in with a link or code sent by mail.
}
account-new-password = New password
account-current-password = Current password
account-register-intro = An account lets you comment on stories and join chats. We will send you a link to confirm your address.
account-register-submit = Create account
account-have-account = Already have an account? Log in
account-login-submit = Log in
account-sign-in-by-mail = Sign in without a password, by e-mail
account-forgot-link = Forgot your password?
account-register-link = No account yet? Create one
account-sign-in-intro = We will mail you a link and a six-digit code. Either one signs you in.
account-sign-in-submit = Send me a link
account-have-code = I already have a code
account-login-with-password = Log in with a password
account-code-sent = If { $email } belongs to an account, we have just sent it a link and a code. Follow the link, or type the code here.
account-code = Six-digit code
account-code-submit = Sign in
account-code-again = Send a new code
account-verify-text = Press the button to confirm your e-mail address and sign in.
account-verify-button = Confirm my address
account-link-text = Press the button to sign in on this device.
account-link-button = Sign me in
account-email-confirm-text = Press the button to move your account to this address.
account-email-confirm-button = Use this address
account-forgot-intro = Enter your address and we will mail you a link to choose a new password.
account-forgot-submit = Send me a link
account-reset-submit = Save the password and sign in
account-sent-register = We have sent a mail to { $email }. Follow the link in it to finish.
account-sent-reset = If { $email } belongs to an account, we have sent it a link to choose a new password.
account-sent-hint = Nothing arrived? Look in your spam folder, or wait a few minutes and try again.
account-back = Back
account-cancel = Cancel

## Profile
account-signed-in-as = Signed in as { $email }
account-verified = confirmed
account-unverified = not confirmed
account-unverified-hint = Confirm your address with the link we mailed you before you comment. Lost the mail? Sign in by e-mail: that confirms it too.
account-status-suspended = Your account is suspended: you cannot comment or chat for now.
account-status-suspended-until = Your account is suspended until { $until }: you cannot comment or chat until then.
account-status-banned = Your account is banned: you can no longer comment or chat.
account-profile-heading = Profile
account-language = Language of our mail
# This catalog's language, named in itself (the language choice lists each so).
language-name = English
account-save = Save
account-password-heading = Password
account-no-password = Your account has no password yet: you sign in by e-mail. You can set one here.
account-password-submit = Change password
account-email-heading = E-mail address
account-new-email = New address
account-new-email-hint = We will send a link to the new address; the change happens when you follow it.
account-email-submit = Change address
account-sessions-heading = Devices
account-sessions-count = { $count ->
    [one] You are signed in on { $count } device.
   *[other] You are signed in on { $count } devices.
}
account-logout = Log out
account-logout-everywhere = Log out everywhere
account-resend-verification = Send the confirmation link again
account-device-current = this device
account-device-seen = last used { $when }
account-device-from = from { $ip }
account-device-end = Sign out this device
account-notice-device = That device is signed out.
account-notice-verification = We have sent a new confirmation link. Follow it to confirm your address.
account-data-heading = Your data
account-export = Download my data (JSON)
account-delete-link = Delete my account
account-delete-intro = This deletes your account and signs you out everywhere. It cannot be undone.
account-delete-type-email = Type your e-mail address to confirm
account-delete-submit = Delete my account for good

## Notices and outcomes
account-notice-saved = Your profile is saved.
account-notice-password = Your password is changed. Other devices have been signed out.
account-notice-email-sent = We have sent a link to your new address. Your address changes when you follow it.
account-link-invalid-title = This link no longer works
account-link-invalid-text = It has been used already, or it has expired. Ask for a new one.
account-email-taken-title = That address is taken
account-email-taken-text = Another account uses this address already.
account-email-changed-title = Your address is changed
account-email-changed-text = Your account now uses the new address.
account-deleted-title = Your account is deleted
account-deleted-text = Everything we kept about your account is gone. Thank you for reading.

## Errors
account-error-form-expired = The form has expired. Please send it again.
account-error-email = Please enter a valid e-mail address.
account-error-name = Please enter a display name of 1 to 60 characters.
account-error-password-short = This password is too short.
account-error-too-many = { $minutes ->
    [one] Too many requests. Please try again in { $minutes } minute.
   *[other] Too many requests. Please try again in { $minutes } minutes.
}
account-error-locked = { $minutes ->
    [one] Too many failed attempts. Please try again in { $minutes } minute.
   *[other] Too many failed attempts. Please try again in { $minutes } minutes.
}
account-error-mail = We could not send the mail. Please try again in a moment.
account-error-busy = The site is busy. Please send the form again in a moment.
account-error-credentials = Wrong e-mail address or password.
account-error-code = This code is wrong or no longer valid. After five wrong tries a code stops working: ask for a new one.
account-error-current-password = The password is wrong.
account-error-confirm-email = That is not your account's address.

## Mail
mail-greeting = Hello { $name },
mail-footer = You receive this mail because someone used this address on our site.
mail-not-you = If this was not you, ignore this mail: nothing happens.
mail-verify-subject = Confirm your address
mail-verify-text = Thank you for creating an account. Follow this link to confirm your e-mail address:
mail-verify-button = Confirm my address
mail-verify-expiry = { $count ->
    [one] The link works for { $count } day.
   *[other] The link works for { $count } days.
}
mail-already_registered-subject = You already have an account
mail-already_registered-text = Someone tried to create an account with this address, but you already have one.
mail-already_registered-login = Log in with your password:
mail-already_registered-sign-in = Sign in by e-mail, without a password:
mail-already_registered-forgot = Choose a new password:
mail-sign_in-subject = Your sign-in code: { $code }
mail-sign_in-link-text = Follow this link to sign in:
mail-sign_in-button = Sign me in
mail-sign_in-code-text = Or type this code on the sign-in page:
mail-sign_in-expiry = { $count ->
    [one] The link and the code work for { $count } minute, once.
   *[other] The link and the code work for { $count } minutes, once.
}
mail-reset_password-subject = Choose a new password
mail-reset_password-text = Follow this link to choose a new password:
mail-reset_password-button = Choose a new password
mail-reset_password-expiry = { $count ->
    [one] The link works for { $count } minute, once.
   *[other] The link works for { $count } minutes, once.
}
mail-change_email-subject = Confirm your new address
mail-change_email-text = Follow this link to move your account to { $new_email }:
mail-change_email-button = Use this address
mail-change_email-expiry = { $count ->
    [one] The link works for { $count } hour.
   *[other] The link works for { $count } hours.
}
mail-email_changed-subject = Your address was changed
mail-email_changed-text = Your account now uses { $new_email } instead of this address.
mail-email_changed-not-you = If you did not do this, write to us at once.

# The masthead's account links and the signed-in reader's menu.
masthead-login = Log in
masthead-profile = Your profile
masthead-subscriptions = Newsletters and alerts
masthead-logout = Log out

# Said on the page an account action leads back to.
notice-signed-in = You are signed in.
notice-verified = Your address is confirmed and you are signed in. Welcome!
notice-password-reset = Your new password is set and you are signed in.
notice-signed-out = You are signed out.
notice-dismiss = Dismiss
