"""timelimit.Alarm: one interval timer serves many steps, each with its own limit."""
from __future__ import annotations

import time

import pytest

from cablelint import timelimit

pytestmark = pytest.mark.skipif(not timelimit.available(), reason="needs setitimer in the main thread")


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_later_step_gets_its_whole_limit_from_a_timer_set_for_an_earlier_one() -> None:
    with timelimit.Alarm() as alarm:
        alarm.arm(0.05)  # sets the timer
        alarm.disarm()
        alarm.arm(0.3)  # ends later: no new timer; when the first fires, it is set again
        t0 = time.monotonic()
        with pytest.raises(TimeoutError):
            _spin(10)
        assert time.monotonic() - t0 >= 0.29


def test_a_shorter_step_after_a_longer_one_is_stopped_on_time() -> None:
    with timelimit.Alarm() as alarm:
        alarm.arm(30)
        alarm.disarm()
        alarm.arm(0.05)
        t0 = time.monotonic()
        with pytest.raises(TimeoutError):
            _spin(10)
        assert time.monotonic() - t0 < 5


def test_a_timer_left_from_an_ended_step_does_not_stop_the_code_between_steps() -> None:
    with timelimit.Alarm() as alarm:
        alarm.arm(0.02)
        alarm.disarm()
        _spin(0.1)  # the timer fires here, outside any step: nothing is raised
        alarm.arm(5)
        alarm.disarm()
