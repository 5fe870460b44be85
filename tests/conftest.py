"""The suite checks each behaviour on its own: findings kept by one test's run (the
results cache, on by default) must not answer another's, which may patch the engine."""

import os

os.environ["CITELINT_NO_CACHE"] = "1"
