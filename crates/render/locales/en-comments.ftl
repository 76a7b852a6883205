## Comments under articles and their moderation.
