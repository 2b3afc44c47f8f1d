"""Shared test configuration. Qt always runs offscreen: the suite is headless everywhere."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("UZKZ_NO_NETWORK", "1")
