"""The sandbox: `pages` shows each agent's texts and emails and lets you answer as them through the real webhooks
(installed only while a channel is sandboxed, or with SANDBOX=1); `access` is its sign-in with the admin token."""
