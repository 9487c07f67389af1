"""The staff's second factor: TOTP (django-otp) with one-time recovery codes.

Who needs one is decided in `rules`; the admin site (`site`) refuses unverified sessions of
those users and sends them to enrol or to enter a code (`views`).
"""
