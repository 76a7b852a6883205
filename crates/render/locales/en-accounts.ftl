## Reader accounts: registration, sign-in, profile, and the mail they send.
