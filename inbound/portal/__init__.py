"""The referral portal (its own users, accounts and connections between them): `api` (the portal's JSON API),
`session` (sign-in, sessions, CSRF, the pages' frame) and `pages` (the signed-in pages; `install` adds all three)."""
