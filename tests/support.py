"""Builders of test inputs shared by every capability's tests (one implementation, in devtools)."""

from devtools.sample_events import EVENTS, INSTANCE_ARN, flow_event, load_event

__all__ = ["EVENTS", "INSTANCE_ARN", "flow_event", "load_event"]
