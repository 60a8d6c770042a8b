"""Amazon Connect agent event streams (Kinesis) into an agents table, joined to the contact status."""
