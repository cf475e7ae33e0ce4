"""Billing at the door: Stripe's signed webhook and the payment pages (payments.py)."""
