"""Test aid (``tests/test_reproducible.py``): a clock stopped at ``FAKE_CLOCK`` (seconds since
the epoch) in a build run with this folder on ``PYTHONPATH``, so that a date the build takes
from the clock, rather than from ``SOURCE_DATE_EPOCH``, shows as that day."""

from __future__ import annotations

import datetime as _datetime
import os
import time as _time

if "FAKE_CLOCK" in os.environ:
    _NOW = float(os.environ["FAKE_CLOCK"])
    _gmtime, _localtime, _strftime = _time.gmtime, _time.localtime, _time.strftime

    _time.time = lambda: _NOW
    _time.time_ns = lambda: int(_NOW * 1e9)
    _time.gmtime = lambda secs=None: _gmtime(_NOW if secs is None else secs)
    _time.localtime = lambda secs=None: _localtime(_NOW if secs is None else secs)
    _time.strftime = lambda fmt, t=None: _strftime(fmt, _localtime(_NOW) if t is None else t)

    class _Date(_datetime.date):
        @classmethod
        def today(cls):
            return cls.fromtimestamp(_NOW)

    class _DateTime(_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(_NOW, tz)

        @classmethod
        def today(cls):
            return cls.fromtimestamp(_NOW)

        @classmethod
        def utcnow(cls):
            return cls.fromtimestamp(_NOW, _datetime.UTC).replace(tzinfo=None)

    _datetime.date = _Date
    _datetime.datetime = _DateTime
