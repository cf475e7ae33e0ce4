"""Agent-to-agent referrals at the door: the operator and agents API (api.py) and the agents' pages (pages.py)."""
